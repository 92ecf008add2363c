"""github-action-benchmark's custom JSON; the direction lives in the user's workflow, not in the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfaction import units
from perfaction.errors import ValidationFailure
from perfaction.ingest.common import json_document, metric_name, validated_document
from perfaction.model import Benchmark, Metric, Report

if TYPE_CHECKING:
    from perfaction.ingest import Input

SUITE = "github-action-benchmark"


def sniff(source: Input) -> bool:
    """Recognise the shape, but never guess the direction: refuse and say how to choose."""
    document = json_document(source)
    first = document[0] if isinstance(document, list) and document else None
    if isinstance(first, dict) and {"name", "unit", "value"} <= first.keys():
        raise ValidationFailure.single(
            source.label,
            "",
            "github-action-benchmark custom JSON does not say whether bigger or smaller is better: pass"
            " --format gab-bigger (customBiggerIsBetter) or --format gab-smaller (customSmallerIsBetter)",
        )
    return False


def read(source: Input, fmt: str, direction: str) -> Report:
    """Each entry is one metric, named by its unit; entries sharing a name form one benchmark."""
    document = validated_document(source, "gab")
    metrics: dict[str, dict[str, Metric]] = {}
    first_at: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(document):
        unit = units.lookup(entry["unit"])  # the user's own units ("Percent") are opaque, never refused
        metric = Metric(metric_name(unit), entry["value"], unit.symbol, direction)
        key = (entry["name"], metric.name)
        if key in first_at:
            again = f"a second {metric.name} value for {entry['name']!r} (first at /{first_at[key]})"
            raise ValidationFailure.single(source.label, f"/{index}", again)
        first_at[key] = index
        metrics.setdefault(entry["name"], {})[metric.name] = metric
    benchmarks = [Benchmark(name, list(by_name.values())) for name, by_name in metrics.items()]
    return Report(suite=SUITE, benchmarks=benchmarks, source_format=fmt)
