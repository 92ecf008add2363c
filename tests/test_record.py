"""`perfaction baseline record` and the action's `mode: record`: every run of main appended to the
suite's recorded history, once per workflow run, nothing written for an invalid report."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from action_steps import (
    BRANCH,
    STEP_AT,
    Runner,
    encoded,
    pull_request_event,
    report,
    seed_step_before_its_confirmation,
)
from baseline_helpers import commit_file, git, make_project, write_report
from test_baseline_github import store_for

from perfaction.baseline.git import GitStore
from perfaction.baseline.runs import read_runs
from perfaction.changepoint import history_changes

pytestmark = pytest.mark.usefixtures("isolated_git")


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def _record(cli, project, path, run_id: str | None = None):
    env = {"GITHUB_RUN_ID": run_id, "GITHUB_RUN_ATTEMPT": "1"} if run_id else None
    return cli("baseline", "record", path, "--repo", project, "--actor", "ci", env=env)


def test_record_appends_each_run_once_and_never_moves_the_baseline(cli, project, tmp_path):
    commits = [commit_file(project, "f", str(number)) for number in range(2)]
    first = _record(cli, project, write_report(tmp_path / "a.json", time=100.0, commit=commits[0]), "11")
    assert first.code == 0, first.stderr
    assert "demo: recorded run 1 as perf-baselines@" in first.stdout
    tip = git(project, "rev-parse", "perf-baselines")

    again = _record(cli, project, write_report(tmp_path / "a.json", time=100.0, commit=commits[0]), "11")
    assert again.code == 0, again.stderr
    assert "already recorded from workflow run 11" in again.stdout
    assert git(project, "rev-parse", "perf-baselines") == tip

    second = _record(cli, project, write_report(tmp_path / "b.json", time=90.0, commit=commits[1]), "12")
    assert second.code == 0, second.stderr
    history = read_runs(GitStore(project), "demo")
    assert history is not None
    assert [(run.seq, run.run_id, run.commit) for run in history.runs] == [
        (1, 11, commits[0]),
        (2, 12, commits[1]),
    ]
    assert history.series("parse", "time").values.tolist() == [100.0, 90.0]
    files = git(project, "ls-tree", "-r", "--name-only", "perf-baselines").split()
    assert not any(name.endswith("baseline.json") for name in files)  # recording never promotes


def test_an_invalid_report_exits_2_and_writes_nothing(cli, project, tmp_path):
    _record(cli, project, write_report(tmp_path / "a.json"), "1")
    tip = git(project, "rev-parse", "perf-baselines")
    bad = tmp_path / "bad.json"
    document = json.loads((tmp_path / "a.json").read_text())
    document["benchmarks"][0]["metrics"][0]["value"] = "fast"
    bad.write_text(json.dumps(document))
    result = _record(cli, project, bad, "2")
    assert result.code == 2
    assert "bad.json" in result.stderr and "/benchmarks/0/metrics/0/value" in result.stderr
    assert "Traceback" not in result.stderr
    assert git(project, "rev-parse", "perf-baselines") == tip


RECORD = (sys.executable, "-m", "perfaction", "baseline", "record")


def test_records_from_several_processes_at_once_all_land(project, tmp_path):
    paths = [write_report(tmp_path / f"{n}.json", time=100.0 + n, commit=None) for n in range(4)]
    environment = {**os.environ, "GITHUB_RUN_ATTEMPT": "1"}
    processes = [
        subprocess.Popen(
            [*RECORD, str(path), "--repo", str(project), "--actor", "ci"],
            env={**environment, "GITHUB_RUN_ID": str(100 + n)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n, path in enumerate(paths)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    history = read_runs(GitStore(project), "demo")
    assert history is not None
    assert sorted(run.run_id for run in history.runs) == [100, 101, 102, 103]
    assert sorted(run.seq for run in history.runs) == [1, 2, 3, 4]  # one number each, none lost


# --- the action ----------------------------------------------------------------------------------------

SCHEDULE = {"schedule": "0 3 * * *"}


def _index(server) -> dict:
    return json.loads(server.state.file("parse/runs/index.json", server.state.branch_head(BRANCH)))


def test_the_action_records_a_scheduled_run_once_per_workflow_run(github_server, tmp_path):
    action = Runner(github_server, tmp_path)
    workspace = {"perf/parse.json": encoded(report())}
    step = action(
        {"mode": "record", "report": "perf/*.json"},
        event_name="schedule",
        event=SCHEDULE,
        workspace=workspace,
    )
    assert step.code == 0, step.stdout + step.stderr
    assert step.outputs["status"] == "recorded"
    tip = github_server.state.branch_head(BRANCH)
    opened = json.loads(github_server.state.file("parse/runs/open.json", tip))
    assert [(run["seq"], run["run_id"], run["commit"]) for run in opened["runs"]] == [
        (1, 30433642, "1234567")
    ]

    rerun = action(
        {"mode": "record", "report": "perf/*.json"},
        event_name="schedule",
        event=SCHEDULE,
        workspace=workspace,
    )
    assert rerun.code == 0, rerun.stdout
    assert rerun.outputs["status"] == "unchanged"
    assert "already recorded from workflow run 30433642" in rerun.summary
    assert github_server.state.branch_head(BRANCH) == tip


def test_the_action_writes_nothing_for_an_invalid_report_or_a_pull_request(github_server, tmp_path):
    action = Runner(github_server, tmp_path)
    broken = report()
    broken["benchmarks"][0]["metrics"][0]["unit"] = 42
    invalid = action(
        {"mode": "record", "report": "perf/*.json"},
        event_name="schedule",
        event=SCHEDULE,
        workspace={"perf/good.json": encoded(report(suite="other")), "perf/parse.json": encoded(broken)},
    )
    assert invalid.code == 2, invalid.stdout
    assert "/benchmarks/0/metrics/0/unit" in invalid.summary
    assert github_server.state.branch_head(BRANCH) is None  # not even the valid suite was recorded

    pull = github_server.state.add_pull_request(fork=True)
    refused = action(
        {"mode": "record", "report": "perf/*.json"},
        event_name="pull_request",
        event=pull_request_event(pull),
        workspace={"perf/parse.json": encoded(report())},
    )
    assert refused.code == 4
    assert "does not run on pull_request" in refused.stdout
    assert github_server.state.branch_head(BRANCH) is None


@pytest.mark.parametrize("comment", [False, True])
def test_the_run_that_confirms_a_step_reports_it_on_the_commit_that_introduced_it(
    github_server, tmp_path, comment
):
    commits, last = seed_step_before_its_confirmation(github_server)
    seeded = read_runs(store_for(github_server), "parse")
    assert seeded is not None and history_changes(seeded) == []  # not confirmed before the last run

    action = Runner(github_server, tmp_path)
    inputs = {"mode": "record", "report": "perf/*.json", "comment-change-points": str(comment).lower()}
    step = action(inputs, event_name="schedule", event=SCHEDULE, workspace={"perf/parse.json": last})
    assert step.code == 0, step.stdout + step.stderr
    assert step.outputs.get("change-points") == "1", step.stdout + step.summary
    (check,) = github_server.state.check_runs_for()
    assert (check.name, check.head_sha, check.conclusion) == (
        "perf-action change points",
        commits[STEP_AT - 1],
        "neutral",
    )
    assert "parse/small time: +20" in check.summary and "regression" in check.summary
    assert commits[STEP_AT - 2][:12] in check.summary  # the range: the last commit before the step
    comments = list(github_server.state.commit_comments.values())
    assert [(c.commit_id, "parse/small time: +20" in c.body) for c in comments] == (
        [(commits[STEP_AT - 1], True)] if comment else []
    )

    rerun = action(inputs, event_name="schedule", event=SCHEDULE, workspace={"perf/parse.json": last})
    assert rerun.outputs["change-points"] == "0"  # a re-run records nothing and posts nothing again
    assert len(github_server.state.check_runs_for()) == 1
