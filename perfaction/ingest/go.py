"""`go test -bench` text output, with -count repetitions, -benchmem and custom metrics."""

from __future__ import annotations

import math
import re
from dataclasses import field
from statistics import fmean
from typing import TYPE_CHECKING

from perfaction.errors import Problem, ValidationFailure
from perfaction.ingest.common import metric_name, optional_text, registry_unit
from perfaction.model import Benchmark, Environment, Metric, Report
from perfaction.records import datarecord

if TYPE_CHECKING:
    from perfaction.ingest import Input

FORMAT = "go"

# Units the testing package prints itself: (metric, registry unit, better direction).
_STANDARD_UNITS = {
    "ns/op": ("time", "ns", "lower"),
    "MB/s": ("throughput", "MB/s", "higher"),
    "B/op": ("memory", "B", "lower"),
    "allocs/op": ("allocs", "count", "lower"),
}
_RESULT = re.compile(r"(Benchmark\S*)\s+(\d+)\s+(.*)")
_SNIFF = re.compile(r"^Benchmark\S*\s+\d+\s+\S+ ns/op", re.MULTILINE)
_HEADER = re.compile(r"(goos|goarch|pkg|cpu):\s*(.*)")
_GOMAXPROCS = re.compile(r"(.+)-(\d+)")
_FAILURE = re.compile(r"--- FAIL: |FAIL\b|panic: ")
_MAX_FAILURES = 20


@datarecord
class _Run:
    """All result lines of one benchmark: with -count N, N values per metric."""

    package: str | None
    metrics: dict[str, tuple[str, str, list[float]]] = field(default_factory=dict)


def sniff(source: Input) -> bool:
    return source.path.is_file() and not source.looks_like_json() and bool(_SNIFF.search(source.text))


def read(source: Input) -> Report:
    """Value = mean of the -count lines, samples = each line's value; the -GOMAXPROCS suffix goes to extra."""
    runs: dict[str, _Run] = {}
    headers: dict[str, list[str]] = {}
    failures: list[Problem] = []
    package: str | None = None
    for number, line in enumerate(source.text.splitlines(), start=1):
        where = f"line {number}"
        if header := _HEADER.fullmatch(line):
            key, value = header.groups()
            headers.setdefault(key, []).append(value)
            package = value if key == "pkg" else package
        elif _FAILURE.match(line):
            failures.append(Problem(source.label, where, f"go test reported a failure: {line[:200]!r}"))
        elif result := _RESULT.fullmatch(line):
            name, _, measurements = result.groups()
            run = runs.setdefault(name, _Run(package))
            if run.package != package:
                raise ValidationFailure.single(
                    source.label,
                    where,
                    f"{name[:200]!r} also ran in package {run.package!r}: convert one package per file",
                )
            failures.extend(_add_measurements(run, measurements.split(), source.label, where))
    if failures:
        raise ValidationFailure(failures[:_MAX_FAILURES])
    if not runs:
        raise ValidationFailure.single(
            source.label, "", "no benchmark result lines (BenchmarkName  N  123 ns/op) in this file"
        )
    names, gomaxprocs = _strip_gomaxprocs(list(runs))
    benchmarks = [
        Benchmark(name, [_metric(metric, *measured) for metric, measured in run.metrics.items()])
        for name, run in zip(names, runs.values(), strict=True)
    ]
    return Report(
        suite=FORMAT,
        benchmarks=benchmarks,
        environment=_environment(headers, gomaxprocs),
        source_format=FORMAT,
    )


def _add_measurements(run: _Run, fields: list[str], source: str, where: str) -> list[Problem]:
    """The line's measurements added to the run; its units go reports no direction for, as problems."""
    if len(fields) % 2:
        raise ValidationFailure.single(source, where, "expected value-unit pairs after the iteration count")
    seen: set[str] = set()
    problems: list[Problem] = []
    for text, spelling in zip(fields[::2], fields[1::2], strict=True):
        value = _number(text, source, where)
        if spelling in _STANDARD_UNITS:
            metric, unit, direction = _STANDARD_UNITS[spelling]
        else:
            known = registry_unit(spelling, source, where)
            if isinstance(known, Problem):
                problems.append(known)
                continue
            metric, unit, direction = metric_name(known), known.symbol, known.better
        if metric in seen:
            raise ValidationFailure.single(source, where, f"two {metric} values ({spelling}) on one line")
        seen.add(metric)
        run.metrics.setdefault(metric, (unit, direction, []))[2].append(value)
    return problems


def _number(text: str, source: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise ValidationFailure.single(source, where, f"expected a finite number >= 0, got {text[:40]!r}")
    return value


def _metric(name: str, unit: str, direction: str, values: list[float]) -> Metric:
    return Metric(name, fmean(values), unit, direction, samples=values if len(values) > 1 else None)


def _strip_gomaxprocs(printed: list[str]) -> tuple[list[str], int | None]:
    """go appends -GOMAXPROCS to every name (nothing when it is 1). Strip it only when all names agree:
    with -cpu 1,2,4 the suffix is what tells the runs apart, so the names stay as printed."""
    splits = [_GOMAXPROCS.fullmatch(name) for name in printed]
    suffixes = {match.group(2) if match else None for match in splits}
    if len(suffixes) != 1:
        return printed, None
    (suffix,) = suffixes
    if suffix is None:
        return printed, 1
    return [match.group(1) for match in splits if match], int(suffix)


def _environment(headers: dict[str, list[str]], gomaxprocs: int | None) -> Environment:
    def first(key: str) -> str | None:
        return optional_text(headers.get(key, [None])[0])

    packages = set(headers.get("pkg", []))
    extra: dict[str, str | int | float | bool] = {
        key: value
        for key, value in (
            ("goarch", first("goarch")),
            ("pkg", first("pkg") if len(packages) == 1 else None),
            ("gomaxprocs", gomaxprocs),
        )
        if value is not None
    }
    return Environment(os=first("goos"), cpu_model=first("cpu"), extra=extra)
