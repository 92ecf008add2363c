"""The comparison engine: copybook-rs's rule, the statistics, the config's effects, the summary."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest
from conftest import DATA

from perfaction.compare import MetricHistory, compare
from perfaction.config import Acknowledgement, CompareConfig, Override, Quantity, Slo
from perfaction.ingest import read_report
from perfaction.model import Benchmark, Environment, Metric, Report
from perfaction.render import RenderContext, render
from perfaction.summary import HistoryPoint
from perfaction.validation import problems
from perfaction.verdicts import ShiftGate

COPYBOOK = DATA / "copybook"
REAL_TOOLS = DATA / "real-tools"
BASELINE = COPYBOOK / "fixture-regression-baseline_reference.json"
FIXTURES = sorted(COPYBOOK.glob("fixture-regression-report_*.json"))
# The fixtures' own status words; NEUTRAL is the comparison's verdict for the one without a baseline.
OVERALL = {"success": "PASS", "warning": "WARNING", "failure": "FAILURE"}
MESSAGE = re.compile(r"^(DISPLAY|COMP-3) regression: ([\d.]+)% slower")


def _read(path) -> Report:
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
    summary = compare(_read(fixture), None if no_baseline else _read(BASELINE))
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
        _read(COPYBOOK / "fixture-regression-report_boundary_exactly_10pct.json"),
        _read(BASELINE),
    )
    assert [(r.regression_pct, r.status) for r in ten.rows] == [(10.0, "warning"), (10.0, "warning")]
    five = compare(
        _read(COPYBOOK / "fixture-regression-report_boundary_exactly_5pct.json"),
        _read(BASELINE),
    )
    assert _rows(five)["COMP-3"].regression_pct == 5.0
    assert _rows(five)["COMP-3"].status == "pass"


def test_copybook_floors_get_their_own_advisory_status_lines():
    summary = compare(_read(COPYBOOK / "fixture-regression-report_failure_15pct.json"), _read(BASELINE))
    floors = {(slo.benchmark, slo.kind): slo for slo in summary.slos}
    assert set(floors) == {("DISPLAY", "floor"), ("COMP-3", "floor")}
    assert floors["DISPLAY", "floor"].limit == pytest.approx(80 / 1024)
    assert all(slo.status == "pass" and not slo.enforced for slo in summary.slos)
    breached = compare(
        _read(COPYBOOK / "fixture-regression-report_failure_15pct.json"),
        _read(BASELINE),
        CompareConfig(fail_pct=50, warn_pct=40, slos=(Slo("COMP-3", "*", floor=160.0),)),
    )
    assert breached.status == "PASS"  # advisory by default
    comp3 = next(slo for slo in breached.slos if slo.benchmark == "COMP-3")
    assert (comp3.status, comp3.limit, comp3.margin_pct) == ("failure", 160.0, -8.75)
    enforced = compare(
        _read(COPYBOOK / "fixture-regression-report_failure_15pct.json"),
        _read(BASELINE),
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
    assert (zero.rows[0].status, zero.rows[0].basis, zero.status) == ("failure", "zero", "FAILURE")
    assert "from zero" in zero.rows[0].reason
    _valid(summary), _valid(neutral), _valid(zero)


@pytest.mark.parametrize(
    ("base", "head", "slowed"),
    [
        ("pytest-benchmark/base.json", "pytest-benchmark/head.json", "test_bench.py::test_sum_squares"),
        ("hyperfine/base.json", "hyperfine/head.json", "python3 sum_squares.py"),
        ("criterion/criterion-base", "criterion/criterion-head", "checksum/65536"),
        ("google-benchmark/base-rep5.json", "google-benchmark/head-rep5.json", "BM_Checksum/65536"),
    ],
)
def test_real_runs_flag_exactly_the_benchmark_that_was_made_slower(base, head, slowed):
    summary = compare(_read(REAL_TOOLS / head), _read(REAL_TOOLS / base))
    _valid(summary)
    (gating,) = [row for row in summary.rows if row.gating]  # one slow benchmark, one regression
    assert gating.benchmark == slowed and summary.verdicts()["regressed"] == 1
    assert (gating.status, gating.basis, gating.p_adjusted <= 0.01) == ("failure", "samples", True)
    assert 10 < gating.worse_pct < 30
    for row in summary.rows:
        if row.benchmark != slowed:
            assert row.verdict in ("unchanged", "inconclusive") and row.status == "pass"
        elif row is not gating:  # its other metrics (cpu_time, throughput) go under it, never gating
            assert row.family == gating.family and not row.gating
    assert summary.status == "FAILURE"


def test_real_go_benchmarks_drifting_in_noise_stay_quiet():
    """go test -count 5 on a shared VM: the same code drifts between runs, and that is all it does."""
    summary = compare(_read(REAL_TOOLS / "go" / "head.txt"), _read(REAL_TOOLS / "go" / "base.txt"))
    _valid(summary)
    assert summary.status == "PASS" and not [row for row in summary.rows if row.gating]
    assert summary.verdicts()["regressed"] == 0


def test_swapping_real_runs_turns_the_slowdown_into_the_only_improvement():
    base, head = _read(REAL_TOOLS / "hyperfine" / "base.json"), _read(REAL_TOOLS / "hyperfine" / "head.json")
    swapped = compare(base, head)
    assert [r.benchmark for r in swapped.rows if r.status == "improved"] == ["python3 sum_squares.py"]
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


def test_one_value_a_side_and_nothing_else_is_the_threshold_rule_and_says_so():
    current, baseline = _suite([("b", 120.0, "ns", "lower")]), _suite([("b", 100.0, "ns", "lower")])
    row = compare(current, baseline).rows[0]
    assert (row.basis, row.verdict, row.status, row.tier) == ("threshold", "regressed", "failure", "failure")
    assert row.reason.startswith(
        "20.00% worse than the baseline, above the 10% fail threshold (the threshold rule alone"
    )
    same = compare(_suite([("b", 104.0, "ns", "lower")]), baseline).rows[0]
    assert (same.basis, same.status) == ("threshold", "pass")


def test_three_samples_a_side_are_tested_not_thresholded():
    baseline = Report(
        "s", [Benchmark("b", [Metric("time", 100.0, "ns", "lower", samples=[99.0, 100.0, 101.0])])]
    )
    current = Report(
        "s", [Benchmark("b", [Metric("time", 120.0, "ns", "lower", samples=[119.0, 120.0, 121.0])])]
    )
    row = compare(current, baseline).rows[0]
    assert (row.basis, row.verdict, row.status, row.few_samples) == ("samples", "regressed", "failure", False)
    assert row.p_adjusted <= 0.01 and row.ratio_interval.lower > 1.1


def test_an_undecidable_change_is_inconclusive_with_one_samples_advice_for_the_suite():
    rng = random.Random(5)
    baseline = _noisy_suite(rng, 30, 6, 0.10, {})
    current = _noisy_suite(rng, 30, 6, 0.10, {0: 1.06})
    summary = compare(current, baseline)
    inconclusive = [row for row in summary.rows if row.verdict == "inconclusive"]
    assert inconclusive and not any(row.gating for row in inconclusive)
    advice = summary.advice
    assert advice is not None and advice.per_side > 6 and advice.inconclusive == len(inconclusive)
    assert 0 < advice.settles <= advice.inconclusive
    assert "samples per side" not in inconclusive[0].reason  # said once, for the suite
    assert summary.to_dict()["advice"]["per_side"] == advice.per_side


def test_differing_environments_downgrade_regressions_unless_declared_comparable():
    base, head = _read(REAL_TOOLS / "hyperfine" / "base.json"), _read(REAL_TOOLS / "hyperfine" / "head.json")
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
        _read(COPYBOOK / "fixture-regression-report_failure_15pct.json"),
        _read(BASELINE),
        config,
    )
    display, comp3 = _rows(summary)["DISPLAY"], _rows(summary)["COMP-3"]
    assert (display.status, display.acknowledged, display.gating) == ("failure", True, False)
    assert display.reason.endswith("acknowledged: new validation pass, accepted in #412")
    assert comp3.gating and summary.status == "FAILURE"
    config = replace(config, acknowledged=(*config.acknowledged, Acknowledgement("COMP-3", "known")))
    assert (
        compare(
            _read(COPYBOOK / "fixture-regression-report_failure_15pct.json"),
            _read(BASELINE),
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


def test_history_noise_makes_a_wild_metric_inconclusive_not_exempt():
    steady_us = [0.100, 0.101, 0.099, 0.1005, 0.0995, 0.100]  # recorded in us, compared in ns
    wild = [100, 130, 80, 115, 90, 100]
    history = {
        ("steady", "m"): MetricHistory(
            "us", [HistoryPoint(v, f"abc{i:04d}", "2026-11-20T10:00:00Z") for i, v in enumerate(steady_us)]
        ),
        ("old-wild", "m"): MetricHistory("ns", [HistoryPoint(v) for v in wild]),  # renamed since
    }
    config = CompareConfig(aliases={"old-wild": "wild"})
    summary = compare(
        _suite([("steady", 108.0, "ns", "lower"), ("wild", 140.0, "ns", "lower")]),
        _suite([("steady", 100.0, "ns", "lower"), ("wild", 100.0, "ns", "lower")]),
        config,
        history=history,
    )
    steady, wild_row = _rows(summary)["steady"], _rows(summary)["wild"]
    assert [p.value for p in steady.history] == pytest.approx([100, 101, 99, 100.5, 99.5, 100])
    assert (steady.history[0].commit, steady.history[0].timestamp) == ("abc0000", "2026-11-20T10:00:00Z")
    assert (steady.basis, steady.verdict, steady.status, steady.gating) == (
        "history",
        "regressed",
        "warning",
        True,
    )
    assert steady.noise.run_to_run_pct < 1.5 < wild_row.noise.run_to_run_pct
    assert (wild_row.basis, wild_row.verdict, wild_row.status) == ("history", "inconclusive", "pass")
    assert summary.status == "WARNING"
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


def test_five_samples_a_side_find_a_regression_in_a_100_benchmark_suite():
    rng = random.Random(3)
    baseline = _noisy_suite(rng, 100, 5, 0.01, {})
    current = _noisy_suite(rng, 100, 5, 0.01, {0: 1.3})
    summary = compare(current, baseline)
    slowed = summary.rows[0]
    assert (slowed.status, slowed.basis, slowed.verdict, slowed.few_samples) == (
        "failure",
        "samples",
        "regressed",
        False,
    )
    assert slowed.p_adjusted <= 0.01  # below the smallest Mann–Whitney p Holm could ever accept here
    assert [row.benchmark for row in summary.rows if row.gating] == ["b0"]
    assert summary.verdicts()["regressed"] == 1


def _shifted(report: Report, factor: float) -> Report:
    """The whole run slower by `factor`: another runner, or a change that touches everything."""
    benchmarks = [
        Benchmark(
            b.name,
            [
                replace(m, value=m.value * factor, samples=[v * factor for v in m.samples or ()])
                for m in b.metrics
            ],
        )
        for b in report.benchmarks
    ]
    return replace(report, benchmarks=benchmarks)


def test_seeded_a_a_suites_stay_quiet_even_when_the_whole_run_is_slower():
    rng = random.Random(2026)
    alarms = shifted_alarms = 0
    for _ in range(40):
        baseline = _noisy_suite(rng, 100, 10, 0.05, {})
        alarms += compare(_noisy_suite(rng, 100, 10, 0.05, {}), baseline).status != "PASS"
        slower = compare(_shifted(_noisy_suite(rng, 100, 10, 0.05, {}), 1.03), baseline)
        shifted_alarms += any(row.gating for row in slower.rows)
        (shift,) = slower.shifts
        assert shift.notable and shift.verdict in ("inconclusive", "unchanged") and shift.tier is None
    assert alarms <= 2 and shifted_alarms <= 2  # the PR budget is 1 %: 2 of 40 is far in the tail


def test_a_planted_regression_is_found_beyond_the_suite_shift():
    rng = random.Random(7)
    found = 0
    for _ in range(20):
        baseline = _noisy_suite(rng, 100, 10, 0.05, {})
        current = _shifted(_noisy_suite(rng, 100, 10, 0.05, {17: 1.15}), 1.03)
        summary = compare(current, baseline)
        gating = {row.benchmark for row in summary.rows if row.gating}
        assert gating <= {"b17"}
        found += gating == {"b17"}
    assert found >= 18  # the goal is 90 % for a 15 % regression at 10 samples, CV 5 %


def test_the_suite_shift_estimate_lies_within_its_interval():
    rng = random.Random(99)
    covered = 0
    for _ in range(40):
        baseline = _noisy_suite(rng, 100, 10, 0.05, {})
        (shift,) = compare(_shifted(_noisy_suite(rng, 100, 10, 0.05, {}), 1.03), baseline).shifts
        assert shift.lower <= shift.ratio <= shift.upper
        covered += shift.lower <= 1.03 <= shift.upper
    assert covered >= 34  # a 95 % interval: at least 34 of 40 (binomial, P(fewer) < 3 %)


@pytest.mark.parametrize(
    ("gate", "status"), [("warning", "WARNING"), ("failure", "FAILURE"), ("never", "PASS")]
)
def test_a_regressed_suite_shift_gates_as_configured(gate, status):
    rng = random.Random(31)
    baseline = _noisy_suite(rng, 60, 10, 0.02, {})
    current = _shifted(_noisy_suite(rng, 60, 10, 0.02, {}), 1.08)
    summary = compare(current, baseline, CompareConfig(suite_shift=ShiftGate(gate)))
    (shift,) = summary.shifts
    assert (shift.verdict, shift.notable, summary.status) == ("regressed", True, status)
    assert shift.lower <= 1.08 <= shift.upper
    assert not any(row.gating for row in summary.rows)  # no benchmark stands out beyond the shift
    text = render(summary, "comment", RenderContext(version="1.0.0"))
    assert text.count("The whole suite is 8.") == 1
    document = _valid(summary)
    assert document["shifts"][0]["tier"] == (None if gate == "never" else gate)
