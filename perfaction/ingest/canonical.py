"""perf-action's own report format, as written by `perfaction convert`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfaction.model import Report
from perfaction.validation import ensure_valid

if TYPE_CHECKING:
    from perfaction.ingest import Input

FORMAT = "perfaction"


def sniff(source: Input) -> bool:
    document = source.document if source.looks_like_json() else None
    return isinstance(document, dict) and "schema_version" in document and "benchmarks" in document


def read(source: Input) -> Report:
    ensure_valid(source.document, "perf-report", source.label)
    return Report.from_dict(source.document)
