"""Criterion.rs's on-disk results (target/criterion): its `cargo bench` JSON output prints nothing usable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfaction import jsonio
from perfaction.errors import ToolingError, ValidationFailure
from perfaction.model import Benchmark, Interval, Metric, Report
from perfaction.validation import ensure_valid

if TYPE_CHECKING:
    from perfaction.ingest import Input

FORMAT = "criterion"

# Criterion ids nest one directory per "/"; nothing real is deeper, and the walk must stay bounded.
MAX_DEPTH = 32
MAX_DIRECTORIES = 100_000

# Work per iteration declared with Throughput::..., and the rate unit it turns into.
_THROUGHPUT_UNITS = {"Bytes": "B/s", "BytesDecimal": "B/s", "Elements": "ops/s"}
_NS_PER_S = 1e9


def sniff(source: Input) -> bool:
    return source.path.is_dir() and next(_benchmark_dirs(source.path), None) is not None


def read(source: Input) -> Report:
    """Read every <bench>/new/ below the input; base/ and change/ hold earlier runs and are ignored."""
    root = source.path
    if not root.is_dir():
        raise ValidationFailure.single(
            source.label, "", "expected a directory: criterion results are target/criterion or one benchmark"
        )
    benchmarks = [_benchmark(root, directory) for directory in _benchmark_dirs(root)]
    if not benchmarks:
        raise ValidationFailure.single(
            source.label, "", "directory holds no criterion benchmarks (no <benchmark>/new/benchmark.json)"
        )
    return Report(suite=FORMAT, benchmarks=benchmarks, source_format=FORMAT)


def _benchmark_dirs(root: Path) -> Iterator[Path]:
    """Directories holding new/benchmark.json, in name order; symlinks are not followed."""
    pending = [(root, 0)]
    visited = 0
    while pending:
        directory, depth = pending.pop()
        visited += 1
        if visited > MAX_DIRECTORIES:
            raise ValidationFailure.single(
                str(root), "", f"more than {MAX_DIRECTORIES} directories; pass the target/criterion directory"
            )
        if (directory / "new" / "benchmark.json").is_file():
            yield directory
        if depth == MAX_DEPTH:
            continue
        try:
            children = [p for p in directory.iterdir() if p.is_dir() and not p.is_symlink()]
        except OSError as exc:
            raise ToolingError(f"cannot list {directory}: {exc.strerror or exc}") from exc
        pending.extend((child, depth + 1) for child in sorted(children, reverse=True))


def _benchmark(root: Path, directory: Path) -> Benchmark:
    new = directory / "new"
    info = _load(new / "benchmark.json", "benchmark")
    _check_location(root, directory, info, new / "benchmark.json")
    mean = _load(new / "estimates.json", "estimates")["mean"]
    sample_path = new / "sample.json"
    sample = _load(sample_path, "sample") if sample_path.is_file() else None
    per_iteration = _per_iteration_times(sample, sample_path) if sample else None
    bounds = mean["confidence_interval"]
    level = bounds["confidence_level"]
    metrics = [
        Metric(
            "time",
            mean["point_estimate"],
            "ns",
            "lower",
            samples=per_iteration,
            interval=Interval(bounds["lower_bound"], bounds["upper_bound"], level),
        )
    ]
    throughput = info.get("throughput")
    if throughput:
        ((kind, amount),) = throughput.items()

        def rate(nanoseconds: float) -> float:
            return amount * _NS_PER_S / nanoseconds

        slowest, fastest = bounds["upper_bound"], bounds["lower_bound"]
        metrics.append(
            Metric(
                "throughput",
                rate(mean["point_estimate"]),
                _THROUGHPUT_UNITS[kind],
                "higher",
                samples=[rate(t) for t in per_iteration] if per_iteration else None,
                interval=Interval(rate(slowest), rate(fastest), level) if fastest > 0 else None,
            )
        )
    return Benchmark(info["full_id"], metrics)


def _load(path: Path, part: str) -> Any:
    if not path.is_file():
        raise ValidationFailure.single(
            str(path), "", f"missing: criterion writes {path.name} for each benchmark"
        )
    document = jsonio.load(path)
    ensure_valid(document, f"input-criterion-{part}", str(path))
    return document


def _per_iteration_times(sample: dict[str, Any], path: Path) -> list[float]:
    """Each sample's total time divided by its iteration count: criterion's own per-iteration view."""
    iters, times = sample["iters"], sample["times"]
    if len(iters) != len(times):
        raise ValidationFailure.single(
            str(path), "/times", f"expected {len(iters)} times, one per entry of /iters, got {len(times)}"
        )
    return [total / count for total, count in zip(times, iters, strict=True)]


def _check_location(root: Path, directory: Path, info: dict[str, Any], path: Path) -> None:
    """Refuse to merge two runs: each benchmark must sit where criterion put it under one target/criterion."""
    found = directory.relative_to(root).parts
    recorded = info.get("directory_name")
    if not found or recorded is None:
        return
    if tuple(recorded.split("/"))[-len(found) :] != found:
        raise ValidationFailure.single(
            str(path),
            "/directory_name",
            f"criterion stored this benchmark as {recorded!r}, but it was found at {'/'.join(found)!r}"
            f" under {root}: pass one run's target/criterion directory",
        )
