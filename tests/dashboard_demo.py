"""A recorded history to draw: real records and promotions on a real git branch, with planted steps."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from pathlib import Path

from baseline_helpers import make_project
from runs_helpers import RECORDER, request

from perfaction.baseline.git import GitStore
from perfaction.baseline.promote import PromotionRequest, promote
from perfaction.baseline.runs import read_runs, record_run
from perfaction.dashboard import SuiteData
from perfaction.model import Benchmark, Environment, Metric, Report

HOSTILE = '<img src=x onerror="alert(1)">&amp;</figure><script>alert(2)</script>'
REPOSITORY_URL = "https://github.com/octo/widgets"


@dataclass(frozen=True)
class Planted:
    """Benchmark `index` moves by `factor` from run `at` on."""

    index: int
    at: int
    factor: float


def _value(run: int, index: int, planted: list[Planted]) -> float:
    level = (
        1000.0 * (1 + index % 7) * math.prod(p.factor for p in planted if p.index == index and run >= p.at)
    )
    return level * math.exp(random.Random(run * 7919 + index).gauss(0, 0.01 + 0.01 * (index % 3)))


def demo_report(suite: str, names: list[str], run: int, planted: list[Planted]) -> Report:
    benchmarks = []
    for index, name in enumerate(names):
        time = _value(run, index, planted)
        metrics = [Metric("time", time, "ns", "lower")]
        if index % 4 == 0:
            metrics.append(Metric("throughput", 1e6 / time, "MiB/s", "higher"))
        benchmarks.append(Benchmark(name, metrics))
    day = run - 1
    return Report(
        suite=suite,
        benchmarks=benchmarks,
        environment=Environment(os="linux", cpu_model="Test CPU", cores=4, runner="ubuntu-24.04"),
        commit=f"{run:07x}{'0' * 33}",
        ref="refs/heads/main",
        timestamp=f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T06:00:00Z",
    )


def record_demo(
    root: Path,
    suites: dict[str, list[str]],
    runs: int,
    planted: list[Planted],
    promote_at: tuple[int, ...] = (),
) -> list[SuiteData]:
    """Record `runs` runs of each suite (and promote the runs in `promote_at`); read them back."""
    store = GitStore(make_project(root))
    for suite, names in suites.items():
        for run in range(1, runs + 1):
            report = demo_report(suite, names, run, planted)
            record_run(store, request(report, run_id=run))
            if run in promote_at:
                promote(
                    store,
                    PromotionRequest(
                        report, RECORDER, forced=True, reason="demo", promoted_at=report.timestamp
                    ),
                )
    data = []
    for suite in suites:
        snapshot = store.read(suite)
        promotions = snapshot.history.promotions if snapshot else []
        data.append(SuiteData(read_runs(store, suite), promotions))
    return data
