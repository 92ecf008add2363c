"""What the benchmark-tool readers share: schema-checked input and mapping tool facts onto the model."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from perfaction import units
from perfaction.errors import Problem
from perfaction.identifiers import COMMIT_ID
from perfaction.validation import ensure_valid

if TYPE_CHECKING:
    from perfaction.ingest import Input

# Metric names by unit dimension, so the same quantity has the same name whichever tool measured it.
METRIC_BY_DIMENSION = {
    "time": "time",
    "throughput": "throughput",
    "rate": "rate",
    "bytes": "memory",
    "count": "count",
    "percent": "percent",
}

_MAX_TEXT = 256
_MAX_CORES = 100_000


def json_document(source: Input) -> Any:
    """The parsed input when it is a JSON file, else None: a sniffer must not fail on other formats."""
    return source.document if source.looks_like_json() else None


def validated_document(source: Input, input_schema: str) -> Any:
    """The input's JSON checked against schemas/input-NAME.schema.json: problems point into the file."""
    ensure_valid(source.document, f"input-{input_schema}", source.label)
    return source.document


def registry_unit(spelling: str, source: str, pointer: str) -> units.Unit | Problem:
    """A tool's unit spelling resolved, or the problem with it: where the results cannot say which way
    is better (go's custom metrics), a unit outside the registry would be a guess."""
    unit = units.known(spelling)
    if unit is not None:
        return unit
    known = ", ".join([*units.UNITS, *units.ALIASES])
    shown = spelling if len(spelling) <= 40 else spelling[:37] + "..."
    return Problem(source, pointer, f"unknown unit {shown!r}; expected one of: {known}")


def metric_name(unit: units.Unit) -> str:
    """A metric named by its unit's dimension, so the same quantity has the same name whichever tool
    measured it; an opaque unit names its metric after its own spelling ("Percent": percent)."""
    if not unit.opaque:
        return METRIC_BY_DIMENSION[unit.dimension]
    name = re.sub(r"[^a-z0-9_.-]+", "_", unit.symbol.lower()).strip("_.-/")
    return name[:64] or "value"


def optional_text(value: object) -> str | None:
    """Tool metadata fit for the environment (printable, short), else None: metadata never fails a report."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if 0 < len(text) <= _MAX_TEXT and text.isprintable() else None


def optional_cores(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= _MAX_CORES:
        return value
    return None


def optional_commit(value: object) -> str | None:
    return value if isinstance(value, str) and COMMIT_ID.matches(value) else None


def optional_timestamp(value: object) -> str | None:
    """An RFC 3339 timestamp with an offset, else None (some tools print local time without one)."""
    text = optional_text(value)
    if text is None or "T" not in text.upper():
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return text if parsed.tzinfo is not None else None
