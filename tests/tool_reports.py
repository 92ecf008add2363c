"""Canonical reports built straight from tool outputs, for tests that need them before their readers land."""

from __future__ import annotations

import json
from pathlib import Path

from perfaction.model import Benchmark, Metric, Report

DATA = Path(__file__).resolve().parent / "data"
REAL_TOOLS = DATA / "real-tools"


def criterion_tree(name: str) -> dict[str, bytes]:
    """A real target/criterion folder (`base` or `head`), as a workflow uploads it: under criterion/."""
    root = REAL_TOOLS / "criterion" / f"criterion-{name}"
    return {
        f"criterion/{p.relative_to(root).as_posix()}": p.read_bytes() for p in root.rglob("*") if p.is_file()
    }


def pytest_benchmark_report(path: Path) -> Report:
    """pytest-benchmark --benchmark-json: mean in seconds, every round a sample."""
    document = json.loads(Path(path).read_text())
    benchmarks = [
        Benchmark(
            entry["fullname"],
            [Metric("time", entry["stats"]["mean"], "s", "lower", samples=entry["stats"]["data"])],
        )
        for entry in document["benchmarks"]
    ]
    return Report(suite="pytest-benchmark", benchmarks=benchmarks, source_format="pytest-benchmark")


def hyperfine_report(path: Path) -> Report:
    """hyperfine --export-json: one benchmark per command, each run's time a sample."""
    document = json.loads(Path(path).read_text())
    benchmarks = [
        Benchmark(result["command"], [Metric("time", result["mean"], "s", "lower", samples=result["times"])])
        for result in document["results"]
    ]
    return Report(suite="hyperfine", benchmarks=benchmarks, source_format="hyperfine")
