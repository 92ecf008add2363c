"""compare_job's options the action passes on: threshold overrides and the suite name."""

from __future__ import annotations

import pytest
from baseline_helpers import compare_job, make_project, promote_job, write_report

from perfaction.baseline.git import GitStore
from perfaction.baseline.store import Actor
from perfaction.errors import ToolingError


@pytest.fixture
def store(tmp_path):
    store = GitStore(make_project(tmp_path), "perf-baselines")
    promote_job(write_report(tmp_path / "promoted.json", time=100.0), store, actor=Actor.named("release-bot"))
    return store


def test_threshold_overrides_apply_and_must_be_ordered(store, tmp_path):
    current = write_report(tmp_path / "current.json", time=106.0)
    assert compare_job(current, None, store=store).summary.status == "WARNING"
    assert compare_job(current, None, store=store, thresholds=(2.0, 5.0)).summary.status == "FAILURE"
    assert compare_job(current, None, store=store, thresholds=(None, 5.0)).summary.status == "FAILURE"
    with pytest.raises(ToolingError, match=r"warn threshold \(8%\) is above the fail threshold \(5%\)"):
        compare_job(current, None, store=store, thresholds=(8.0, 5.0))


def test_the_suite_override_picks_that_suite_s_baseline(store, tmp_path):
    current = write_report(tmp_path / "current.json", suite="elsewhere", time=100.0)
    with pytest.raises(ToolingError, match=r"no baseline for suite 'elsewhere' .* baselines for: demo\."):
        compare_job(current, None, store=store)
    renamed = compare_job(current, None, store=store, suite="demo").summary
    assert (renamed.suite, renamed.status, renamed.baseline.promoted_by) == ("demo", "PASS", "release-bot")
