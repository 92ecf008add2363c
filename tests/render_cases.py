"""Regression summaries for rendering tests, made by the real compare engine from real or seeded inputs."""

from __future__ import annotations

import json
import random
from pathlib import Path

from perfaction.compare import MetricHistory, compare
from perfaction.config import load_config
from perfaction.ingest import read_report
from perfaction.model import Benchmark, Environment, Metric, Report
from perfaction.render import RenderContext
from perfaction.summary import (
    EnvironmentComparison,
    HistoryPoint,
    MetricRow,
    Provenance,
    RatioInterval,
    RegressionSummary,
    SloRow,
    Thresholds,
)

DATA = Path(__file__).resolve().parent / "data"
COPYBOOK = DATA / "copybook"
RENDER = DATA / "render"
GOLDEN = Path(__file__).resolve().parent / "golden"

# Fixed, so goldens never hold today's version or a real run.
CONTEXT = RenderContext(version="1.0.0", run_url="https://github.com/octo-org/octo-repo/actions/runs/4242")

COPYBOOK_CASES = {
    "copybook-pass": "fixture-regression-report_pass_no_change.json",
    "copybook-warning": "fixture-regression-report_warning_7pct.json",
    "copybook-failure": "fixture-regression-report_failure_15pct.json",
    "copybook-neutral": "fixture-regression-report_neutral_missing_baseline.json",
}


def copybook_summary(case: str) -> RegressionSummary:
    """A copybook-rs fixture against copybook-rs's reference baseline (the pass case with its history)."""
    current = read_report(COPYBOOK / COPYBOOK_CASES[case], host=False)
    if case == "copybook-neutral":
        return compare(current, None)
    baseline = read_report(COPYBOOK / "fixture-regression-baseline_reference.json", host=False)
    provenance = Provenance(
        selection="merge-base",
        source_commit=baseline.commit,
        promoted_at=baseline.timestamp,
        promoted_by="github-actions[bot]",
        reason="promoted after the merge of #67",
        commits_behind=0,
    )
    # With three earlier runs a 7 % or 15 % drop is inconclusive at the 1 % PR budget; the warning and
    # failure cases are judged as copybook-rs judges them, by the threshold rule alone, without history.
    history = as_history(copybook_history()) if case == "copybook-pass" else None
    return compare(current, baseline, history=history, provenance=provenance)


def as_history(reports: list[Report]) -> dict[tuple[str, str], MetricHistory]:
    """Earlier baselines, oldest first, as the per-metric series compare reads from the baseline branch."""
    series: dict[tuple[str, str], MetricHistory] = {}
    for report in reports:
        for benchmark in report.benchmarks:
            for metric in benchmark.metrics:
                entry = series.setdefault((benchmark.name, metric.name), MetricHistory(metric.unit, []))
                entry.points.append(HistoryPoint(metric.value, report.commit, report.timestamp))
    return series


def copybook_history() -> list[Report]:
    """copybook-rs's baseline history fixture as earlier baselines, oldest first."""
    document = json.loads((RENDER / "copybook-baseline_with_history.json").read_text())
    reports = [
        Report(
            suite="copybook",
            benchmarks=[
                Benchmark("DISPLAY", [Metric("throughput", entry["display_gibs"], "GiB/s", "higher")]),
                Benchmark("COMP-3", [Metric("throughput", entry["comp3_mibs"], "MiB/s", "higher")]),
            ],
            commit=entry["commit"],
            timestamp=entry["timestamp"],
        )
        for entry in [*document["history"], document["current"]]
    ]
    return sorted(reports, key=lambda report: report.timestamp or "")


SUITE_CONFIG = """
[compare]
environments_comparable = ["runner"]

[[compare.acknowledged]]
benchmark = "codec/decode/4096"
reason = "bounds checks added for the CVE fix, accepted in #231"

[[compare.slo]]
benchmark = "codec/*/1024"
metric = "time"
ceiling = 0.3
unit = "ms"
"""


def suite_summary(tmp_path: Path, count: int = 200) -> RegressionSummary:
    """A seeded suite with samples: a few real regressions and improvements among noise, plus history."""
    rng = random.Random(20261126)
    names = [
        f"codec/{op}/{size}"
        for op in ("decode", "encode")
        for size in range(1024, 1024 * (count // 2 + 1), 1024)
    ]
    names = names[:count]
    truth = {name: rng.uniform(50, 500) for name in names}
    shifted = {"codec/decode/2048": 1.22, "codec/encode/8192": 1.14, "codec/decode/4096": 1.18}
    shifted |= {"codec/encode/3072": 1.07, "codec/decode/9216": 0.85, "codec/encode/12288": 0.88}
    few = {"codec/decode/16384"}
    noisy = "codec/encode/20480"

    def run(scale: dict[str, float], commit: str, day: int, runner: str, samples: int = 12) -> Report:
        benchmarks = []
        for name in names:
            if name == "codec/encode/102400" and commit == "head":
                continue  # removed in this run
            centre = truth[name] * scale.get(name, 1.0)
            spread = 0.6 if name == noisy else 0.02
            count_here = 3 if name in few else samples
            values = [round(centre * rng.lognormvariate(0, spread), 3) for _ in range(count_here)]
            benchmarks.append(
                Benchmark(
                    name, [Metric("time", round(sum(values) / len(values), 3), "us", "lower", samples=values)]
                )
            )
        if commit == "head":
            benchmarks.append(Benchmark("codec/roundtrip/1024", [Metric("time", 87.5, "us", "lower")]))
        environment = Environment(
            os="linux", cpu_model="AMD EPYC 9R14", cores=4, runner=runner, toolchain="rustc 1.83.0"
        )
        return Report(
            suite="codec",
            benchmarks=benchmarks,
            environment=environment,
            commit=commit if commit == "head" else f"{day:02d}c0ffee{day:02d}",
            timestamp=f"2026-11-{day:02d}T09:00:00Z",
        )

    history = [run({}, "hist", day, "ubuntu-24.04 20261101.1") for day in range(10, 16)]
    baseline = run({}, "base", 16, "ubuntu-24.04 20261101.1")
    current = run(shifted, "head", 20, "ubuntu-24.04 20261118.2")
    config_path = tmp_path / ".perfaction.toml"
    config_path.write_text(SUITE_CONFIG)
    provenance = Provenance(
        selection="latest",
        source_commit=baseline.commit,
        promoted_at=baseline.timestamp,
        promoted_by="release-manager",
        reason="weekly baseline refresh",
        commits_behind=3,
    )
    return compare(
        current,
        baseline,
        load_config(config_path).compare,
        history=as_history([*history, baseline]),
        provenance=provenance,
    )


def big_summary(count: int) -> RegressionSummary:
    """A suite too large for any GitHub limit, built directly: every kind of row, long names, reasons."""
    rows: list[MetricRow] = []
    statuses = ["pass"] * 40 + ["failure", "warning", "improved", "new", "missing"] * 2 + ["inconclusive"]
    for index in range(count):
        status = statuses[index % len(statuses)]
        name = f"service/endpoint_{index % 97}/payload_{index}/with-a-rather-long-parameter-list"
        baseline = None if status == "new" else 1000.0 + index % 500
        current = (
            None if status == "missing" else baseline * 1.2 if baseline and status == "failure" else 1000.0
        )
        rows.append(
            MetricRow(
                benchmark=name,
                metric="time",
                unit="ns",
                direction="lower",
                status="pass" if status == "inconclusive" else status,
                reason=f"row {index}: the reason a reader gets, with numbers and a confidence interval",
                gating=status in ("failure", "warning"),
                basis="samples" if baseline and current else None,
                baseline=baseline,
                current=current,
                change_pct=1.5 if baseline and current else None,
                regression_pct=1.5 if baseline and current else None,
                ratio=1.015 if baseline and current else None,
                ratio_interval=RatioInterval(1.01, 1.02) if baseline and current else None,
                verdict="inconclusive" if status == "inconclusive" else None,
                samples_needed=40 if status == "inconclusive" else None,
                history=[HistoryPoint(1000.0, "abcdef12"), HistoryPoint(1001.0)]
                if status == "failure"
                else None,
            )
        )
    environment = Environment(os="linux", cpu_model="AMD EPYC", cores=2)
    return RegressionSummary(
        suite="huge",
        status="FAILURE",
        rows=rows,
        environment=EnvironmentComparison(environment, environment.fingerprint()),
        thresholds=Thresholds(),
        slos=[
            SloRow(row.benchmark, "time", "ns", "ceiling", 1100.0, row.current or 0.0, "pass", False, 5.0)
            for row in rows[: count // 10]
            if row.current is not None
        ],
    )
