"""`perfaction compare` reads its baseline and history from the baseline branch, chosen by merge-base."""

from __future__ import annotations

import json

import pytest
from baseline_helpers import commit_file, git, make_project, report, write_report
from runs_helpers import RECORDER

from perfaction import noise
from perfaction.baseline.git import GitStore
from perfaction.baseline.runs import RecordRequest, record_run
from perfaction.model import Benchmark, Metric, Report

pytestmark = pytest.mark.usefixtures("isolated_git")


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def _promote(cli, project, path, *extra):
    result = cli("baseline", "promote", path, "--repo", project, "--actor", "alice", *extra)
    assert result.code == 0, result.stderr
    return result


def test_compare_uses_the_baseline_current_at_the_merge_base_with_its_history(cli, project, tmp_path):
    first = commit_file(project, "f", "1")
    second = commit_file(project, "f", "2")
    third = commit_file(project, "f", "3")
    _promote(cli, project, write_report(tmp_path / "a.json", time=100.0, commit=first))
    _promote(
        cli, project, write_report(tmp_path / "b.json", time=200.0, commit=third), "--force", "--reason", "x"
    )

    head = write_report(tmp_path / "head.json", time=130.0, commit="feedbee")
    at_second = tmp_path / "at-second.json"
    result = cli("compare", head, "--repo", project, "--merge-base", second, "--summary-out", at_second)
    assert result.code == 3, result.stderr  # 30 % slower than the baseline of `first`
    summary = json.loads(at_second.read_text())
    assert summary["baseline"]["selection"] == "merge-base"
    assert summary["baseline"]["source_commit"] == first
    assert summary["baseline"]["promoted_by"] == "alice"
    assert summary["baseline"]["commits_behind"] == 1
    time_row = next(row for row in summary["rows"] if row["metric"] == "time")
    assert time_row["baseline"] == 100.0
    assert [point["value"] for point in time_row["history"]] == [100.0]

    latest = tmp_path / "latest.json"
    result = cli("compare", head, "--repo", project, "--summary-out", latest)
    assert result.code == 0, result.stderr  # 35 % faster than the latest baseline
    summary = json.loads(latest.read_text())
    assert (summary["baseline"]["selection"], summary["baseline"]["source_commit"]) == ("latest", third)
    time_row = next(row for row in summary["rows"] if row["metric"] == "time")
    assert [point["value"] for point in time_row["history"]] == [100.0, 200.0]
    assert f"latest baseline {third[:7]}" in result.stdout


def test_compare_without_any_promotion_is_neutral(cli, project, tmp_path):
    result = cli("compare", write_report(tmp_path / "head.json"), "--repo", project)
    assert result.code == 0, result.stderr
    assert "NEUTRAL" in result.stdout


def test_compare_outside_a_repository_says_how_to_proceed(cli, tmp_path):
    result = cli("compare", write_report(tmp_path / "head.json"), cwd=tmp_path)
    assert result.code == 4
    assert "--baseline FILE" in result.stderr


def _record_runs_of_main(project, times):
    """One commit of main per time, each recorded as a run a day apart; the commits, oldest first."""
    commits = [commit_file(project, "f", str(number)) for number in range(len(times))]
    store = GitStore(project)
    for number, (value, commit) in enumerate(zip(times, commits, strict=True)):
        recorded = report(time=value, commit=commit)
        recorded.timestamp = f"2026-01-{number + 1:02d}T00:00:00Z"
        record_run(store, RecordRequest(recorded, RECORDER, run_id=100 + number))
    return commits


def test_compare_judges_against_the_run_recorded_at_the_merge_base(cli, project, tmp_path):
    times = [100.0, 103.0, 98.0, 101.0, 99.0]
    commits = _record_runs_of_main(project, times)
    _promote(cli, project, write_report(tmp_path / "old.json", time=50.0, commit=commits[0]))

    head = write_report(tmp_path / "head.json", time=120.0, commit="feedbee")
    out = tmp_path / "summary.json"
    result = cli("compare", head, "--repo", project, "--merge-base", commits[2], "--summary-out", out)
    assert result.code == 3, result.stderr  # 22 % slower than the run recorded at the merge-base
    summary = json.loads(out.read_text())
    assert summary["baseline"]["selection"] == "recorded-run"
    assert summary["baseline"]["source_commit"] == commits[2]
    assert summary["baseline"]["history"] == "recorded-runs"
    time_row = next(row for row in summary["rows"] if row["metric"] == "time")
    # The reference is the level of main's recorded runs around it (the noise model's), not the promotion.
    assert min(times) <= time_row["baseline"] <= max(times)
    assert [point["value"] for point in time_row["history"]] == times
    assert "noise and trend: the recorded runs of main" in result.stdout

    # A merge-base main never recorded: the promoted baseline, still with the recorded runs' noise.
    elsewhere = commit_file(project, "g", "x")
    result = cli("compare", head, "--repo", project, "--merge-base", elsewhere, "--summary-out", out)
    summary = json.loads(out.read_text())
    baseline = summary["baseline"]
    assert (baseline["selection"], baseline["history"]) == ("merge-base", "recorded-runs")
    time_row = next(row for row in summary["rows"] if row["metric"] == "time")
    assert time_row["baseline"] == 50.0
    assert [point["value"] for point in time_row["history"]] == times


def _run_with_samples(path, samples, commit):
    """A report of one benchmark's time with its samples, as a benchmark tool's run gives them."""
    metric = Metric("time", sum(samples) / len(samples), "us", "lower", samples=samples)
    run = Report("demo", [Benchmark("parse", [metric])], environment=report().environment, commit=commit)
    path.write_text(json.dumps(run.to_dict()))
    return path


def test_promotions_with_outliers_leave_a_history_that_still_shows_a_real_slowdown(cli, project, tmp_path):
    # Every other promoted run had one preempted iteration (x3): its mean jumps by a fifth, its level doesn't.
    steady = [100.0, 101.0, 99.0, 100.5, 99.5, 100.0, 101.0, 99.0, 100.2, 99.8]
    for number in range(8):
        samples = [value * (1 + number / 1000) for value in steady]
        if number % 2:
            samples[number] *= 3
        commit = commit_file(project, "f", str(number))
        _promote(cli, project, _run_with_samples(tmp_path / f"run{number}.json", samples, commit))

    slower = _run_with_samples(tmp_path / "head.json", [value * 1.15 for value in steady], "feedbee")
    summary_path = tmp_path / "summary.json"
    result = cli("compare", slower, "--repo", project, "--summary-out", summary_path)
    assert result.code == 3, result.stdout + result.stderr
    row = json.loads(summary_path.read_text())["rows"][0]
    assert row["status"] == "failure"
    assert max(point["value"] for point in row["history"]) > 115  # the trend shows the means, outliers in


def test_promote_pools_several_runs_of_a_suite_as_compare_does(cli, project, tmp_path):
    commit = commit_file(project, "f", "runs")
    runs = [write_report(tmp_path / f"run{t}.json", time=t, commit=commit) for t in (104, 97, 100)]
    result = cli("baseline", "promote", *runs, "--repo", project, "--actor", "alice")
    assert result.code == 0, result.stderr

    baseline = json.loads(git(project, "show", "perf-baselines:demo/baseline.json"))
    time_metric = baseline["report"]["benchmarks"][0]["metrics"][0]
    assert time_metric["samples"] == [104.0, 97.0, 100.0]
    assert time_metric["value"] == pytest.approx(301 / 3)
    history = json.loads(git(project, "show", "perf-baselines:demo/history.json"))
    (point,) = history["series"]["parse"]["time"]["points"]
    assert point["location"] == pytest.approx(noise.run_location([104.0, 97.0, 100.0]))

    other = write_report(tmp_path / "other.json", suite="other", commit=commit)
    result = cli("baseline", "promote", runs[0], other, "--repo", project, "--actor", "alice")
    assert result.code == 2
    assert "pooled reports must be of one suite" in result.stderr


def test_a_pr_is_not_judged_against_main_s_later_runs(cli, project, tmp_path):
    # main sped up by 6 % after the PR branched; the PR, which lacks that change, did not slow down.
    commits = _record_runs_of_main(
        project, [100.0, 101.0, 99.0, 100.5, 99.5, 100.0, 94.0, 94.9, 93.1, 94.5, 93.6, 94.0]
    )

    head = write_report(tmp_path / "head.json", time=100.2, commit="feedbee")
    out = tmp_path / "summary.json"
    result = cli("compare", head, "--repo", project, "--merge-base", commits[5], "--summary-out", out)
    assert result.code == 0, result.stdout + result.stderr
    time_row = next(row for row in json.loads(out.read_text())["rows"] if row["metric"] == "time")
    assert time_row["status"] not in ("failure", "warning")
