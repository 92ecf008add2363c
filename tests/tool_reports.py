"""Canonical reports built straight from tool outputs, for tests that need them before their readers land."""

from __future__ import annotations

import json
from pathlib import Path

from perfaction.model import Benchmark, Metric, Report

DATA = Path(__file__).resolve().parent / "data"
COPYBOOK = DATA / "copybook"
REAL_TOOLS = DATA / "real-tools"

# copybook-rs's advisory SLO floors: DISPLAY 80 MiB/s (expressed in GiB/s), COMP-3 40 MiB/s.
DISPLAY_FLOOR_GIBS = 80 / 1024
COMP3_FLOOR_MIBS = 40.0


def copybook_report(path: Path) -> Report:
    """A copybook-rs PerformanceReport fixture: DISPLAY in GiB/s and COMP-3 in MiB/s, as the file has them."""
    document = json.loads(Path(path).read_text())
    display = Metric("throughput", document["display_gibs"], "GiB/s", "higher", floor=DISPLAY_FLOOR_GIBS)
    comp3 = Metric("throughput", document["comp3_mibs"], "MiB/s", "higher", floor=COMP3_FLOOR_MIBS)
    return Report(
        suite="copybook",
        benchmarks=[Benchmark("DISPLAY", [display]), Benchmark("COMP-3", [comp3])],
        commit=document["commit"],
        timestamp=document["timestamp"],
        source_format="copybook",
    )


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
