"""Reports of many runs for the recorded-history tests: a suite whose values follow a seeded pattern."""

from __future__ import annotations

import random
from collections.abc import Callable

from perfaction.baseline.runs import RecordRequest
from perfaction.baseline.store import Actor
from perfaction.config import HistoryConfig
from perfaction.model import Benchmark, Environment, Metric, Report

RECORDER = Actor("recorder", "recorder@example.com")


def run_report(
    number: int,
    *,
    suite: str = "demo",
    benchmarks: int = 2,
    value: Callable[[int, int], float] = lambda _run, bench: 100.0 + bench,
    samples: int = 0,
    commit: str | None = None,
    day: int | None = None,
) -> Report:
    """Run `number` of a suite: `value(run, benchmark)` is each benchmark's time; samples spread around it."""
    rng = random.Random(number)
    built = []
    for index in range(benchmarks):
        centre = value(number, index)
        spread = [round(centre * (1 + rng.uniform(-0.01, 0.01)), 6) for _ in range(samples)] or None
        built.append(Benchmark(f"bench/{index}", [Metric("time", centre, "ns", "lower", samples=spread)]))
    moment = (
        "2026-01-01T00:00:00Z" if day is None else f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T12:00:00Z"
    )
    return Report(
        suite=suite,
        benchmarks=built,
        environment=Environment(os="linux", cpu_model="Test CPU", cores=2),
        commit=commit if commit is not None else f"{number:07x}",
        ref="refs/heads/main",
        timestamp=moment,
    )


def request(report: Report, run_id: int | None, retention: HistoryConfig | None = None) -> RecordRequest:
    return RecordRequest(
        report,
        RECORDER,
        retention or HistoryConfig(),
        run_id=run_id,
        run_attempt=1 if run_id else None,
        run_url=f"https://github.com/octo/widgets/actions/runs/{run_id}" if run_id else None,
        recorded_at="2026-06-01T00:00:00Z",
    )
