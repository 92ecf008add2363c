"""Backtest on a real recorded history: one planted regression among noisy benchmarks."""

from __future__ import annotations

import math
import random

import pytest
from baseline_helpers import make_project
from runs_helpers import request, run_report

from perfaction.backtest import BaselineAt, backtest
from perfaction.baseline.git import GitStore
from perfaction.baseline.runs import read_runs, record_run
from perfaction.config import CompareConfig

pytestmark = pytest.mark.usefixtures("isolated_git")
RUNS, STEP_AT, SLOWED = 60, 30, 2


def value(run: int, bench: int) -> float:
    """Five benchmarks with 0.7 % log-normal noise; bench/2 gets 15 % slower from run 30 on."""
    noise = math.exp(random.Random(run * 100 + bench).gauss(0, 0.007))
    level = 100.0 * (bench + 1) * (1.15 if bench == SLOWED and run >= STEP_AT else 1.0)
    return level * noise


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    store = GitStore(make_project(tmp_path_factory.mktemp("backtest")))
    for number in range(1, RUNS + 1):
        report = run_report(number, benchmarks=5, value=value, day=number)
        record_run(store, request(report, run_id=number))
    return read_runs(store, "demo")


def test_default_settings_report_exactly_the_planted_regression(history):
    result = backtest(history)
    assert result.runs_judged == RUNS - 1
    (alert,) = result.alerts
    assert (alert.benchmark, alert.metric, alert.status) == (f"bench/{SLOWED}", "time", "failure")
    assert (alert.run.seq, alert.run.commit) == (STEP_AT, f"{STEP_AT:07x}")
    assert alert.against == f"run {STEP_AT - 1} ({STEP_AT - 1:07x})"
    assert alert.regression_pct == pytest.approx(15, abs=3)
    (caught,) = result.caught
    assert caught.alert is alert
    assert caught.change.first_after.seq == STEP_AT and caught.change.regression
    assert result.missed == [] and result.unexplained == []


def test_tighter_settings_show_what_they_would_cost(history):
    result = backtest(history, CompareConfig(warn_pct=1.0, fail_pct=2.0, alpha=0.5))
    assert len(result.alerts) > 10
    assert len(result.caught) == 1
    assert len(result.unexplained) == len(result.alerts) - 1  # every other alert is noise


def test_against_the_baseline_then_current(history):
    runs = history.runs
    promoted = [
        BaselineAt(runs[9].time, history.report(9)),  # from run 10
        BaselineAt(runs[44].time, history.report(44)),  # from run 45, after the step
    ]
    result = backtest(history, baselines=promoted)
    assert result.mode == "baseline"
    assert result.runs_judged == RUNS - 9
    flagged = sorted(alert.run.seq for alert in result.alerts)
    assert flagged == list(range(STEP_AT, 45))  # every run after the step, until the new baseline
    assert {alert.benchmark for alert in result.alerts} == {f"bench/{SLOWED}"}
    assert all(alert.against == "baseline from 000000a" for alert in result.alerts)
    assert len(result.caught) == 1 and result.unexplained == []
