"""Google Benchmark JSON (--benchmark_format=json or --benchmark_out), with or without repetitions."""

from __future__ import annotations

from statistics import fmean
from typing import TYPE_CHECKING, Any

from perfaction import units
from perfaction.errors import Problem, ValidationFailure
from perfaction.ingest.common import (
    json_document,
    optional_cores,
    optional_text,
    optional_timestamp,
    validated_document,
)
from perfaction.model import Benchmark, Environment, Metric, Report

if TYPE_CHECKING:
    from perfaction.ingest import Input

FORMAT = "google-benchmark"

Entry = dict[str, Any]

_TIMES = ("real_time", "cpu_time")
# (metric, entry key, unit or None for the run's time_unit, direction). Other user counters carry no
# unit in the JSON, so they are not imported.
_MEASURES = (
    ("time", "real_time", None, "lower"),
    ("cpu_time", "cpu_time", None, "lower"),
    ("throughput", "bytes_per_second", "B/s", "higher"),
    ("rate", "items_per_second", "ops/s", "higher"),
)


def sniff(source: Input) -> bool:
    document = json_document(source)
    return isinstance(document, dict) and "context" in document and "benchmarks" in document


def read(source: Input) -> Report:
    """One benchmark per run_name: repetitions become samples, the mean aggregate (if any) the value."""
    document = validated_document(source, FORMAT)
    entries: list[Entry] = document["benchmarks"]
    _refuse_errors(entries, source.label)
    runs: dict[str, list[Entry]] = {}
    for entry in entries:
        runs.setdefault(_run_name(entry), []).append(entry)
    benchmarks = [b for name, group in runs.items() if (b := _benchmark(name, group)) is not None]
    if not benchmarks:
        raise ValidationFailure.single(
            source.label, "/benchmarks", "no timed runs: only complexity fits or custom statistics"
        )
    context = document["context"]
    return Report(
        suite=FORMAT,
        benchmarks=benchmarks,
        environment=_environment(context),
        timestamp=optional_timestamp(context.get("date")),
        source_format=FORMAT,
    )


def _refuse_errors(entries: list[Entry], source: str) -> None:
    """A benchmark that called SkipWithError measured nothing; dropping it would hide the failure."""
    failed = [
        Problem(
            source,
            f"/benchmarks/{index}/error_occurred",
            f"benchmark {entry['name']!r} reported an error: {entry.get('error_message', '')[:200]!r};"
            " fix it or leave it out with --benchmark_filter",
        )
        for index, entry in enumerate(entries)
        if entry.get("error_occurred")
    ]
    if failed:
        raise ValidationFailure(failed)


def _run_name(entry: Entry) -> str:
    """Aggregates are named BM_x_mean; run_name (Google Benchmark >= 1.5) names the run without it."""
    if "run_name" in entry:
        return entry["run_name"]
    suffix = f"_{entry.get('aggregate_name', '')}"
    name: str = entry["name"]
    return name.removesuffix(suffix) if entry.get("run_type") == "aggregate" else name


def _benchmark(name: str, group: list[Entry]) -> Benchmark | None:
    """Samples from the repetitions (two or more); each value from the mean aggregate, else their mean."""
    iterations = [e for e in group if e.get("run_type", "iteration") == "iteration"]
    mean = next((e for e in group if e.get("aggregate_name") == "mean"), None)
    if not iterations and mean is None:
        return None  # complexity fits (BigO, RMS) of a family: no time of their own
    time_unit = (mean or iterations[0])["time_unit"]

    def value_of(entry: Entry, key: str) -> float:
        if key in _TIMES:
            return units.convert(entry[key], entry["time_unit"], time_unit)
        return entry[key]

    metrics = []
    for metric, key, unit, direction in _MEASURES:
        samples = [value_of(entry, key) for entry in iterations if key in entry]
        if mean is not None and key in mean:
            value = value_of(mean, key)
        elif samples:
            value = fmean(samples)
        else:
            continue
        metrics.append(
            Metric(metric, value, unit or time_unit, direction, samples=samples if len(samples) > 1 else None)
        )
    return Benchmark(name, metrics)


def _environment(context: dict[str, Any]) -> Environment:
    extra: dict[str, str | int | float | bool] = {}
    for key in ("mhz_per_cpu", "cpu_scaling_enabled"):
        if isinstance(context.get(key), int | float):
            extra[key] = context[key]
    build = optional_text(context.get("library_build_type"))
    if build:
        extra["library_build_type"] = build
    return Environment(cores=optional_cores(context.get("num_cpus")), extra=extra)
