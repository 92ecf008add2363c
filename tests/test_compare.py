"""The comparison engine: copybook-rs's rule, the statistics, the config's effects, the summary."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest
from tool_reports import DATA, REAL_TOOLS, hyperfine_report, pytest_benchmark_report

from perfaction.compare import MIN_HISTORY, compare
from perfaction.config import Acknowledgement, CompareConfig, Override, Quantity, Slo
from perfaction.ingest import read_report
from perfaction.model import Benchmark, Environment, Metric, Report
from perfaction.validation import problems

COPYBOOK = DATA / "copybook"
BASELINE = COPYBOOK / "fixture-regression-baseline_reference.json"
FIXTURES = sorted(COPYBOOK.glob("fixture-regression-report_*.json"))
# The fixtures' own status words; NEUTRAL is the comparison's verdict for the one without a baseline.
OVERALL = {"success": "PASS", "warning": "WARNING", "failure": "FAILURE"}
MESSAGE = re.compile(r"^(DISPLAY|COMP-3) regression: ([\d.]+)% slower")


def _copybook(path) -> Report:
    return read_report(path, host=False)


def _valid(summary) -> dict:
    document = summary.to_dict()
    assert problems(document, "regression-summary", "summary") == []
    return document


def _rows(summary) -> dict[str, object]:
    return {row.benchmark: row for row in summary.rows}


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.stem.removeprefix("fixture-regression-"))
def test_every_copybook_fixture_gets_the_status_written_in_it(fixture):
    import json

    written = json.loads(fixture.read_text())
    no_baseline = "neutral_missing_baseline" in fixture.name
    summary = compare(_copybook(fixture), None if no_baseline else _copybook(BASELINE))
    _valid(summary)
    assert summary.status == ("NEUTRAL" if no_baseline else OVERALL[written["status"]])
    expected = dict.fromkeys(("DISPLAY", "COMP-3"), "pass")
    for tier, messages in (("warning", written["warnings"]), ("failure", written["errors"])):
        for message in messages:
            name, percent = MESSAGE.match(message).groups()
            expected[name] = tier
            assert _rows(summary)[name].regression_pct == float(percent)
    for name, row in _rows(summary).items():
        if no_baseline:
            assert row.status == "neutral"
        elif row.status == "improved":
            assert expected[name] == "pass" and row.regression_pct < -5
        else:
            assert row.status == expected[name], row.reason


def test_the_exactly_10_percent_boundary_is_a_warning_and_5_percent_passes():
    ten = compare(
        _copybook(COPYBOOK / "fixture-regression-report_boundary_exactly_10pct.json"),
        _copybook(BASELINE),
    )
    assert [(r.regression_pct, r.status) for r in ten.rows] == [(10.0, "warning"), (10.0, "warning")]
    five = compare(
        _copybook(COPYBOOK / "fixture-regression-report_boundary_exactly_5pct.json"),
        _copybook(BASELINE),
    )
    assert _rows(five)["COMP-3"].regression_pct == 5.0
    assert _rows(five)["COMP-3"].status == "pass"


def test_copybook_floors_get_their_own_advisory_status_lines():
    summary = compare(
        _copybook(COPYBOOK / "fixture-regression-report_failure_15pct.json"), _copybook(BASELINE)
    )
    floors = {(slo.benchmark, slo.kind): slo for slo in summary.slos}
    assert set(floors) == {("DISPLAY", "floor"), ("COMP-3", "floor")}
    assert floors["DISPLAY", "floor"].limit == pytest.approx(80 / 1024)
    assert all(slo.status == "pass" and not slo.enforced for slo in summary.slos)
    breached = compare(
        _copybook(COPYBOOK / "fixture-regression-report_failure_15pct.json"),
        _copybook(BASELINE),
        CompareConfig(fail_pct=50, warn_pct=40, slos=(Slo("COMP-3", "*", floor=160.0),)),
    )
    assert breached.status == "PASS"  # advisory by default
    comp3 = next(slo for slo in breached.slos if slo.benchmark == "COMP-3")
    assert (comp3.status, comp3.limit, comp3.margin_pct) == ("failure", 160.0, -8.75)
    enforced = compare(
        _copybook(COPYBOOK / "fixture-regression-report_failure_15pct.json"),
        _copybook(BASELINE),
        CompareConfig(
            fail_pct=50,
            warn_pct=40,
            enforce_slos=True,
            slos=(Slo("COMP-3", "*", floor=0.15625, unit="GiB/s"),),
        ),
    )
    assert enforced.status == "FAILURE"


def test_values_are_compared_in_base_units_across_unit_prefixes():
    baseline = _suite([("parse", 2.0, "GiB/s", "higher")])
    current = _suite([("parse", 1843.2, "MiB/s", "higher")])  # 1.8 GiB/s: 10% less throughput
    row = compare(current, baseline).rows[0]
    assert (row.unit, row.baseline, row.current) == ("MiB/s", 2048.0, 1843.2)
    assert (row.change_pct, row.regression_pct, row.status) == (-10.0, 10.0, "warning")


def test_a_metric_whose_dimension_changed_is_not_compared():
    row = compare(_suite([("parse", 5.0, "ms", "lower")]), _suite([("parse", 2.0, "GiB/s", "higher")])).rows[
        0
    ]
    assert row.status == "new"
    assert "not comparable" in row.reason


def test_new_missing_and_neutral_rows():
    summary = compare(
        _suite([("a", 1.0, "ns", "lower"), ("b", 1.0, "ns", "lower")]),
        _suite([("a", 1.0, "ns", "lower"), ("gone", 1.0, "ns", "lower")]),
    )
    assert {r.benchmark: r.status for r in summary.rows} == {"a": "pass", "b": "new", "gone": "missing"}
    assert summary.status == "PASS"
    neutral = compare(_suite([("a", 1.0, "ns", "lower")]), None)
    assert (neutral.status, neutral.rows[0].status, neutral.geomean) == ("NEUTRAL", "neutral", None)
    zero = compare(_suite([("a", 3.0, "count", "lower")]), _suite([("a", 0.0, "count", "lower")]))
    assert zero.rows[0].status == "neutral" and "0" in zero.rows[0].reason
    _valid(summary), _valid(neutral), _valid(zero)


def test_real_pytest_benchmark_runs_flag_exactly_the_slowed_benchmark():
    base = pytest_benchmark_report(REAL_TOOLS / "pytest-benchmark" / "base.json")
    head = pytest_benchmark_report(REAL_TOOLS / "pytest-benchmark" / "head.json")
    summary = compare(head, base)
    _valid(summary)
    flagged = [row.benchmark for row in summary.rows if row.status in ("failure", "warning")]
    assert flagged == ["test_bench.py::test_sum_squares"]
    row = _rows(summary)["test_bench.py::test_sum_squares"]
    assert (row.verdict, row.status, row.basis) == ("regressed", "failure", "samples")
    assert 15 < row.regression_pct < 25
    assert all(r.verdict == "unchanged" for r in summary.rows if r is not row)
    assert summary.status == "FAILURE"


def test_real_hyperfine_runs_flag_exactly_the_slowed_command():
    base = hyperfine_report(REAL_TOOLS / "hyperfine" / "base.json")
    head = hyperfine_report(REAL_TOOLS / "hyperfine" / "head.json")
    summary = compare(head, base)
    _valid(summary)
    flagged = [row.benchmark for row in summary.rows if row.verdict == "regressed"]
    assert flagged == ["python3 sum_squares.py"]
    assert [row.benchmark for row in summary.rows if row.gating] == flagged
    row = _rows(summary)["python3 sum_squares.py"]
    assert row.p_adjusted < 0.05 and row.ratio_interval.lower > 1.1
    # Swapping the sides turns the slowdown into an improvement, and nothing else moves.
    swapped = compare(base, head)
    assert [r.benchmark for r in swapped.rows if r.status == "improved"] == flagged
    assert swapped.status == "PASS"


def _noisy_suite(rng: random.Random, size: int, samples: int, cv: float, slow: dict[int, float]) -> Report:
    benchmarks = []
    for index in range(size):
        centre = 1000.0 * (1 + index) * slow.get(index, 1.0)
        values = [centre * rng.lognormvariate(0, cv) for _ in range(samples)]
        benchmarks.append(
            Benchmark(f"b{index}", [Metric("time", sum(values) / samples, "ns", "lower", samples=values)])
        )
    return Report(suite="sim", benchmarks=benchmarks)


def test_holm_keeps_a_100_benchmark_a_a_suite_quiet():
    rng = random.Random(11)
    failed_prs = 0
    prs_with_unadjusted_hits = 0
    for _ in range(50):
        summary = compare(_noisy_suite(rng, 100, 10, 0.05, {}), _noisy_suite(rng, 100, 10, 0.05, {}))
        failed_prs += summary.status != "PASS"
        prs_with_unadjusted_hits += any(row.p_value < 0.05 for row in summary.rows)
        assert all(row.p_adjusted >= row.p_value for row in summary.rows)
    assert failed_prs <= 2  # at most 4 %: the suite-wide budget is 5 %, and the threshold must be crossed too
    assert prs_with_unadjusted_hits >= 45  # uncorrected, noise alone "finds" changes in nearly every PR


def test_fewer_than_four_samples_falls_back_to_the_threshold_rule_and_says_so():
    baseline = Report(
        "s", [Benchmark("b", [Metric("time", 100.0, "ns", "lower", samples=[99.0, 100.0, 101.0])])]
    )
    current = Report(
        "s", [Benchmark("b", [Metric("time", 120.0, "ns", "lower", samples=[119.0, 120.0, 121.0])])]
    )
    row = compare(current, baseline).rows[0]
    assert (row.few_samples, row.verdict, row.basis, row.status) == (True, None, "values", "failure")
    assert row.reason.startswith("fewer than 4 samples on a side")
    assert row.samples_needed == 4
    assert compare(current, baseline).flags()["few_samples"] == 1


def test_an_undecidable_change_is_inconclusive_with_samples_advice():
    rng = random.Random(5)
    baseline = _noisy_suite(rng, 1, 6, 0.10, {})
    current = _noisy_suite(rng, 1, 6, 0.10, {0: 1.06})
    row = compare(current, baseline).rows[0]
    assert row.verdict == "inconclusive" and row.status == "pass" and not row.gating
    assert row.samples_needed > 6
    assert f"about {row.samples_needed} samples per side" in row.reason


def test_differing_environments_downgrade_regressions_unless_declared_comparable():
    base = hyperfine_report(REAL_TOOLS / "hyperfine" / "base.json")
    head = hyperfine_report(REAL_TOOLS / "hyperfine" / "head.json")
    base.environment = Environment(os="Linux", cpu_model="Intel Xeon", cores=2, runner="ubuntu24 1")
    head.environment = Environment(os="linux", cpu_model="AMD EPYC", cores=2, runner="ubuntu24 2")
    summary = compare(head, base)
    env = summary.environment
    assert (env.differs, env.differing_keys, env.declared_comparable) == (
        True,
        ["cpu_model", "runner"],
        False,
    )
    assert summary.status == "PASS"
    row = _rows(summary)["python3 sum_squares.py"]
    assert (row.verdict, row.status) == ("inconclusive", "pass")
    assert "environments differ (cpu_model, runner)" in row.reason
    only_runner = compare(head, base, CompareConfig(environments_comparable=("runner",)))
    assert only_runner.status == "PASS" and not only_runner.environment.declared_comparable
    declared = compare(head, base, CompareConfig(environments_comparable=("runner", "cpu_model")))
    assert declared.status == "FAILURE" and declared.environment.declared_comparable
    _valid(summary)


def test_unknown_environment_facts_are_not_differences():
    head = _suite([("a", 1.0, "ns", "lower")])
    head.environment = Environment(cpu_model="AMD EPYC")
    env = compare(head, _suite([("a", 1.0, "ns", "lower")])).environment
    assert env.differs is False and env.baseline_fingerprint != env.current_fingerprint


def test_acknowledged_regressions_are_shown_but_never_fail():
    config = CompareConfig(acknowledged=(Acknowledgement("DIS*", "new validation pass, accepted in #412"),))
    summary = compare(
        _copybook(COPYBOOK / "fixture-regression-report_failure_15pct.json"),
        _copybook(BASELINE),
        config,
    )
    display, comp3 = _rows(summary)["DISPLAY"], _rows(summary)["COMP-3"]
    assert (display.status, display.acknowledged, display.gating) == ("failure", True, False)
    assert display.reason.endswith("acknowledged: new validation pass, accepted in #412")
    assert comp3.gating and summary.status == "FAILURE"
    config = replace(config, acknowledged=(*config.acknowledged, Acknowledgement("COMP-3", "known")))
    assert (
        compare(
            _copybook(COPYBOOK / "fixture-regression-report_failure_15pct.json"),
            _copybook(BASELINE),
            config,
        ).status
        == "PASS"
    )


def test_ignore_aliases_and_overrides():
    baseline = _suite(
        [
            ("old/parse", 100.0, "ns", "lower"),
            ("flaky", 1.0, "ns", "lower"),
            ("rate", 100.0, "count", "lower"),
        ]
    )
    current = _suite(
        [("new/parse", 109.0, "ns", "lower"), ("flaky", 9.0, "ns", "lower"), ("rate", 80.0, "count", "lower")]
    )
    config = CompareConfig(
        ignore=("fla*",),
        aliases={"old/parse": "new/parse"},
        overrides=(
            Override("new/*", warn_pct=8, fail_pct=20),
            Override("rate", direction="higher", unit="ops/s"),
        ),
    )
    summary = compare(current, baseline, config)
    rows = _rows(summary)
    assert set(rows) == {"new/parse", "rate"} and summary.flags()["ignored"] == 1
    assert (rows["new/parse"].status, rows["new/parse"].warn_pct, rows["new/parse"].fail_pct) == (
        "warning",
        8,
        20,
    )
    assert (rows["rate"].direction, rows["rate"].unit, rows["rate"].status) == ("higher", "ops/s", "failure")
    _valid(summary)


def test_minimum_absolute_change_raises_the_threshold_for_tiny_benchmarks():
    config = CompareConfig(min_absolute=Quantity(2.0, "ns"))
    row = compare(
        _suite([("tiny", 5.0, "ns", "lower")]), _suite([("tiny", 4.0, "ns", "lower")]), config
    ).rows[0]
    assert (row.regression_pct, row.warn_pct, row.status) == (25.0, 50.0, "pass")
    big = compare(
        _suite([("tiny", 7.0, "ns", "lower")]), _suite([("tiny", 4.0, "ns", "lower")]), config
    ).rows[0]
    assert big.status == "failure"
    other_dimension = compare(
        _suite([("io", 5.0, "MiB/s", "higher")]), _suite([("io", 6.0, "MiB/s", "higher")]), config
    )
    assert other_dimension.rows[0].warn_pct == 5.0


def test_history_noise_raises_thresholds_and_flags_metrics_too_noisy_to_gate():
    history = [
        _suite([("steady", v, "ns", "lower"), ("wild", w, "ns", "lower")])
        for v, w in zip([100, 101, 99, 100.5, 99.5, 100], [100, 130, 80, 115, 90, 100], strict=True)
    ]
    for index, report in enumerate(history):
        report.commit = f"abc{index:04d}"
    summary = compare(
        _suite([("steady", 104.0, "ns", "lower"), ("wild", 170.0, "ns", "lower")]),
        history[-1],
        history=history,
    )
    steady, wild = _rows(summary)["steady"], _rows(summary)["wild"]
    assert len(history) >= MIN_HISTORY
    assert steady.noise_pct == pytest.approx(1.4826 * 0.5 / 100 * 100, abs=0.01)
    assert (steady.warn_pct, steady.status) == (5.0, "pass")
    assert [p.value for p in steady.history] == [100, 101, 99, 100.5, 99.5, 100]
    assert steady.history[0].commit == "abc0000"
    assert wild.too_noisy and wild.status == "failure" and not wild.gating
    assert wild.warn_pct == pytest.approx(3 * wild.noise_pct, abs=0.01)
    assert "too noisy to gate" in wild.reason
    assert summary.status == "PASS"
    _valid(summary)


def test_geometric_mean_is_direction_aware():
    baseline = _suite([("t", 100.0, "ns", "lower"), ("r", 100.0, "MiB/s", "higher")])
    current = _suite([("t", 110.0, "ns", "lower"), ("r", 100 / 1.1, "MiB/s", "higher")])
    mean = compare(current, baseline).geomean
    assert mean.ratio == pytest.approx(1.1) and mean.count == 2 and mean.change_pct == 10.0


def _suite(entries) -> Report:
    return Report(
        "s",
        [Benchmark(name, [Metric("m", value, unit, direction)]) for name, value, unit, direction in entries],
    )


def test_sample_counts_that_can_never_pass_holm_fall_back_to_the_threshold_rule():
    rng = random.Random(3)
    baseline = _noisy_suite(rng, 100, 5, 0.01, {})
    current = _noisy_suite(rng, 100, 5, 0.01, {0: 1.3})
    summary = compare(current, baseline)
    slowed = summary.rows[0]
    assert (slowed.status, slowed.basis, slowed.verdict, slowed.few_samples) == (
        "failure",
        "values",
        None,
        True,
    )
    assert "with 5 and 5 samples no change can be significant across 100 tested metrics" in slowed.reason
    assert slowed.samples_needed == 8  # 8 a side: fully separated samples give p = 0.00016 < 0.05 / 100
    assert [row.benchmark for row in summary.rows if row.gating] == ["b0"]
    alone = compare(Report("s", [current.benchmarks[0]]), Report("s", [baseline.benchmarks[0]])).rows[
        0
    ]  # one metric: Holm asks for p <= 0.05, which 5 a side can reach
    assert (alone.basis, alone.verdict, alone.few_samples) == ("samples", "regressed", False)
