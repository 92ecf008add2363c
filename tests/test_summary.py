"""The regression summary document: its dataclasses, its schema and its semantic rules."""

from __future__ import annotations

import json

import pytest

from perfaction.model import Environment
from perfaction.summary import (
    EnvironmentComparison,
    GeoMean,
    HistoryPoint,
    MetricRow,
    Provenance,
    RatioInterval,
    RegressionSummary,
    RunInfo,
    SloRow,
    Thresholds,
)
from perfaction.validation import dumps, load_schema, problems, write_json


def _summary() -> RegressionSummary:
    current_env = Environment(os="linux", cpu_model="AMD EPYC", cores=2, toolchain="cpython 3.11")
    baseline_env = Environment(os="linux", cpu_model="Intel Xeon", cores=2, toolchain="cpython 3.11")
    regressed = MetricRow(
        benchmark="test_sum_squares",
        metric="time",
        unit="us",
        direction="lower",
        status="failure",
        reason="regressed 19.6% (95% CI 18.9% to 20.3%), p = 1e-90, Holm-adjusted 4e-90",
        gating=True,
        basis="samples",
        baseline=537.4,
        current=642.8,
        change_pct=19.61,
        regression_pct=19.61,
        ratio=1.1961,
        ratio_interval=RatioInterval(1.189, 1.203),
        verdict="regressed",
        p_value=1e-90,
        p_adjusted=4e-90,
        baseline_samples=545,
        current_samples=450,
        noise_pct=1.2,
        history=[HistoryPoint(531.0, "abc1234", "2026-11-20T10:00:00Z"), HistoryPoint(540.2)],
    )
    new = MetricRow("test_new", "time", "us", "lower", "new", "no baseline value")
    acknowledged = MetricRow(
        benchmark="DISPLAY",
        metric="throughput",
        unit="GiB/s",
        direction="higher",
        status="warning",
        reason="7.30% worse than baseline (above the 5% warn threshold); acknowledged",
        basis="values",
        baseline=2.33,
        current=2.16,
        change_pct=-7.30,
        regression_pct=7.30,
        ratio=0.927,
        acknowledged=True,
        acknowledged_reason="new validation pass, accepted in #412",
    )
    return RegressionSummary(
        suite="demo",
        status="FAILURE",
        rows=[regressed, new, acknowledged],
        environment=EnvironmentComparison(
            current=current_env,
            current_fingerprint=current_env.fingerprint(),
            baseline=baseline_env,
            baseline_fingerprint=baseline_env.fingerprint(),
            differs=True,
            differing_keys=["cpu_model"],
            declared_comparable=True,
        ),
        thresholds=Thresholds(),
        slos=[SloRow("DISPLAY", "throughput", "GiB/s", "floor", 0.078125, 2.16, "pass", False, 2664.8)],
        geomean=GeoMean(ratio=1.09, change_pct=9.0, count=2, lower=0.5, upper=2.3),
        current=RunInfo(commit="29720d0", ref="refs/pull/7/merge"),
        baseline=Provenance(selection="file", source_commit="dcb9885a"),
        ignored=1,
    )


def test_summary_round_trips_through_its_schema():
    summary = _summary()
    document = summary.to_dict()
    assert problems(document, "regression-summary", "mem") == []
    assert document["counts"] == {
        "failure": 1,
        "warning": 1,
        "pass": 0,
        "improved": 0,
        "new": 1,
        "missing": 0,
        "neutral": 0,
    }
    assert document["flags"]["acknowledged"] == 1
    assert "history" not in document["rows"][1]
    assert RegressionSummary.from_dict(json.loads(dumps(document))) == summary


def test_summary_without_baseline_or_geomean_is_valid():
    summary = _summary()
    summary.baseline = None
    summary.geomean = None
    summary.environment.baseline = None
    summary.environment.baseline_fingerprint = None
    document = summary.to_dict()
    assert "baseline" not in document
    assert problems(document, "regression-summary", "mem") == []
    assert RegressionSummary.from_dict(document) == summary


@pytest.mark.parametrize(
    ("edit", "pointer", "expected"),
    [
        (lambda d: d["rows"][0].update(status="regression"), "/rows/0/status", "expected one of"),
        (lambda d: d["rows"][0].update(verdict="maybe"), "/rows/0/verdict", "not allowed"),
        (lambda d: d.update(status="pass"), "/status", "expected one of: FAILURE"),
        (lambda d: d["counts"].update(failure=2), "/counts/failure", "expected 1"),
        (lambda d: d["rows"].append(d["rows"][0]), "/rows/3", "duplicate row"),
        (lambda d: d["baseline"].update(selection="newest"), "/baseline/selection", "merge-base"),
        (lambda d: d["rows"][1].pop("reason"), "/rows/1", "missing required property 'reason'"),
        (lambda d: d["rows"][0].update(reason="bad\u0007bell"), "/rows/0/reason", "pattern"),
    ],
)
def test_summary_problems_are_located(edit, pointer, expected):
    document = _summary().to_dict()
    edit(document)
    if pointer == "/rows/3":
        document["counts"]["failure"] += 1
    found = problems(document, "regression-summary", "summary.json")
    assert [p.pointer for p in found] == [pointer]
    assert expected in found[0].message


def test_validate_accepts_a_written_summary(cli, tmp_path):
    target = tmp_path / "summary.json"
    write_json(target, _summary().to_dict(), "regression-summary")
    assert cli("validate", "--kind", "summary", target).code == 0
    broken = json.loads(target.read_text())
    broken["status"] = "GREEN"
    target.write_text(json.dumps(broken))
    result = cli("validate", "--kind", "summary", target)
    assert result.code == 2
    assert f"{target}: /status:" in result.stderr


def test_names_and_units_match_the_report_schema():
    summary = load_schema("regression-summary")["$defs"]
    report = load_schema("perf-report")["$defs"]
    unit = report["metric"]["properties"]["unit"]
    assert {k: v for k, v in summary["unit"].items() if k != "description"} == {
        k: v for k, v in unit.items() if k != "description"
    }
    for ours, theirs in (
        (summary["metric_name"], report["metric"]["properties"]["name"]),
        (summary["benchmark_name"], report["benchmark"]["properties"]["name"]),
    ):
        assert {k: v for k, v in ours.items() if k != "description"} == theirs


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("baseline_samples", True, "expected an integer"),
        ("baseline_samples", 1.5, "expected an integer"),
        ("baseline", -1.0, ">= 0"),
        ("change_pct", "3%", "expected a number or null"),
        ("few_samples", 0, "expected true or false"),
        ("metric", "", "does not match"),
        ("unit", "", "is not a unit"),
        ("basis", False, "not allowed"),
    ],
)
def test_scalar_fields_reject_look_alike_values(field, value, expected):
    document = _summary().to_dict()
    document["rows"][0][field] = value
    found = problems(document, "regression-summary", "summary.json")
    assert [p.pointer for p in found] == [f"/rows/0/{field}"]
    assert expected in found[0].message
