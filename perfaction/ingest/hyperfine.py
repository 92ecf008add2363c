"""hyperfine --export-json: whole-command timings, one benchmark per command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfaction.ingest.common import json_document, validated_document
from perfaction.model import Benchmark, Metric, Report

if TYPE_CHECKING:
    from perfaction.ingest import Input

FORMAT = "hyperfine"


def sniff(source: Input) -> bool:
    document = json_document(source)
    return isinstance(document, dict) and isinstance(document.get("results"), list)


def read(source: Input) -> Report:
    """Named by the command (or its --command-name); mean in seconds, each run's time a sample."""
    document = validated_document(source, FORMAT)
    benchmarks = []
    for result in document["results"]:
        time = Metric("time", result["mean"], "s", "lower", samples=result.get("times"))
        benchmarks.append(Benchmark(result["command"], [time]))
    return Report(suite=FORMAT, benchmarks=benchmarks, source_format=FORMAT)
