"""The action end to end, as the runner runs it: entrypoint.py in a subprocess with the runner's variables
and files, an event payload made from GitHub's webhook examples, against the GitHub API test server."""

from __future__ import annotations

import io
import json
import random
import stat
import zipfile
from pathlib import Path

import github_events
import pytest
from action_steps import (
    ACTION_OPERATIONS,
    BRANCH,
    REPO,
    Runner,
    encoded,
    main_run,
    promote,
    pull_request_event,
    report,
    seed_baseline,
    seed_step_before_its_confirmation,
    workflow_run_event,
)
from github_api import READ_ONLY_TOKEN, USER_TOKEN
from github_api.state import ACTIONS_APP, zip_bytes
from runner_contract import StepRun, parse_commands


@pytest.fixture
def action(github_server, tmp_path):
    return Runner(github_server, tmp_path)


def errors(step: StepRun) -> list[str]:
    return [c.message for c in parse_commands(step.stdout) if c.name == "error"]


# --- compare ------------------------------------------------------------------------------------------


def test_a_same_repository_pull_request_gets_a_comment_and_a_neutral_check(action, github_server):
    seed_baseline(github_server, report())
    pull = github_server.state.add_pull_request(head_ref="faster-parser")
    step = action(
        {"mode": "compare", "report": "perf/*.json"},
        event_name="pull_request",
        event=pull_request_event(pull),
        workspace={"perf/parse.json": encoded(report(scale=1.2))},
        sha="e" * 40,  # the merge commit: the check must not land there
    )
    assert step.code == 0, step.stdout + step.stderr
    (check,) = github_server.state.check_runs_for()
    assert (check.head_sha, check.conclusion, check.name) == (pull.head_sha, "neutral", "perf-action: parse")
    assert check.title.startswith("Regression: 1 of 2 metrics worse (advisory)")
    (comment,) = github_server.state.comments_on(pull.number)
    assert comment.body.startswith("<!-- perfaction:parse -->\n<!-- perfaction-digest:")
    assert "parse/small" in comment.body
    assert step.outputs["status"] == "failure"
    assert step.outputs["regressions"] == "1"
    assert step.outputs["exit-code"] == "0"
    assert step.outputs["check-run-id"] == str(check.id)
    assert step.outputs["comment-url"].endswith(f"/pull/{pull.number}#issuecomment-{comment.id}")
    summary = json.loads(Path(step.outputs["summary-path"]).read_text())
    assert (summary["suite"], summary["status"]) == ("parse", "FAILURE")
    assert "### Published" in step.summary


def test_fail_on_regression_gates_with_exit_3_and_a_failed_check(action, github_server):
    seed_baseline(github_server, report())
    pull = github_server.state.add_pull_request()
    step = action(
        {"mode": "compare", "report": "perf.json", "fail-on-regression": "true", "comment": "never"},
        event_name="pull_request",
        event=pull_request_event(pull),
        workspace={"perf.json": encoded(report(scale=1.2))},
    )
    assert step.code == 3
    assert [c.conclusion for c in github_server.state.check_runs_for(pull.head_sha)] == ["failure"]
    assert github_server.state.comments_on(pull.number) == []
    assert "issues/list-comments" not in github_server.operations_hit


def test_a_fork_pull_request_through_workflow_run_is_found_by_its_head_sha(action, github_server):
    seed_baseline(github_server, report())
    pull = github_server.state.add_pull_request(fork=True, head_ref="main")
    run = github_server.state.add_pull_request_run(pull)
    files = {"results/parse.json": encoded(report(scale=1.0)), "results/notes.json": b"{}"}
    github_server.state.add_artifact(run, "perf-json", files)
    event = workflow_run_event(run)
    assert event["workflow_run"]["pull_requests"] == []
    inputs = {"mode": "compare", "artifact-name": "perf-json", "report": "results/parse.json"}
    step = action(inputs, event_name="workflow_run", event=event)
    assert step.code == 0, step.stdout
    (comment,) = github_server.state.comments_on(pull.number)
    assert "parse/large" in comment.body
    (check,) = github_server.state.check_runs_for(pull.head_sha)
    assert check.conclusion == "success"
    assert step.outputs["status"] == "pass"


def test_re_running_a_job_keeps_one_comment_and_makes_one_check_run_per_run(action, github_server):
    seed_baseline(github_server, report())
    pull = github_server.state.add_pull_request(fork=True)
    run = github_server.state.add_pull_request_run(pull)
    github_server.state.add_artifact(run, "perf-json", {"parse.json": encoded(report(scale=1.2))})
    for attempt in range(1, 4):
        before = len(github_server.exchanges)
        step = action(
            {"mode": "compare", "comment": "always"}, event_name="workflow_run", event=workflow_run_event(run)
        )
        assert step.code == 0
        created = [e for e in github_server.exchanges[before:] if e.operation_id == "checks/create"]
        assert len(created) == 1
        assert len(github_server.state.check_runs_for(pull.head_sha)) == attempt
        assert len(github_server.state.comments_on(pull.number)) == 1


def test_comment_changed_leaves_an_unchanged_verdict_alone(action, github_server):
    seed_baseline(github_server, report())
    pull = github_server.state.add_pull_request()
    inputs = {"mode": "compare", "report": "perf.json", "comment": "changed"}

    def run(scale: float) -> str:
        step = action(
            inputs,
            event_name="pull_request",
            event=pull_request_event(pull),
            workspace={"perf.json": encoded(report(scale))},
        )
        assert step.code == 0
        return step.summary

    assert "on #" in run(1.2)
    assert ": unchanged" in run(1.2)
    assert ": updated" in run(1.0)
    updates = [e for e in github_server.exchanges if e.operation_id == "issues/update-comment"]
    assert len(updates) == 2  # the new comment gets its digest, keyed with its id; then the new verdict
    assert len(github_server.state.comments_on(pull.number)) == 1


def test_the_250th_comment_is_found_across_pages_and_edited(action, github_server):
    seed_baseline(github_server, report())
    pull = github_server.state.add_pull_request()
    github_server.state.add_comments(pull.number, [f"looks good {i}" for i in range(249)])
    ours = github_server.state.add_comment(
        pull.number, "<!-- perfaction:parse -->\nold verdict", app=ACTIONS_APP
    )
    step = action(
        {"mode": "compare", "report": "perf.json"},
        event_name="pull_request",
        event=pull_request_event(pull),
        workspace={"perf.json": encoded(report())},
    )
    assert step.code == 0
    comments = github_server.state.comments_on(pull.number)
    assert len(comments) == 250
    assert comments[-1].id == ours.id
    assert "old verdict" not in comments[-1].body
    pages = [e.path for e in github_server.exchanges if e.operation_id == "issues/list-comments"]
    assert len(pages) == 3
    assert all("/repositories/" in page for page in pages[1:])


def test_a_read_only_token_still_writes_the_summary_and_says_what_failed(action, github_server):
    seed_baseline(github_server, report())
    pull = github_server.state.add_pull_request(fork=True)
    step = action(
        {"mode": "compare", "report": "perf.json"},
        event_name="pull_request",
        event=pull_request_event(pull),
        token=READ_ONLY_TOKEN,
        workspace={"perf.json": encoded(report(scale=1.2))},
    )
    assert step.code == 4
    assert github_server.state.comments_on(pull.number) == []
    assert github_server.state.check_runs_for() == []
    messages = errors(step)
    assert len(messages) == 2
    assert all("Resource not accessible by integration" in m and "workflow_run" in m for m in messages)
    assert any("check run" in m for m in messages)
    assert any("comment on pull request" in m for m in messages)
    assert step.outputs["exit-code"] == "4"
    assert step.outputs["status"] == "failure"
    assert "parse/small" in step.summary
    assert "could not comment on pull request" in step.summary


def test_server_errors_and_rate_limits_are_recovered_within_bounds(action, github_server):
    seed_baseline(github_server, report())
    pull = github_server.state.add_pull_request()
    github_server.faults.server_error("checks/create", times=2, status=502)
    github_server.faults.secondary_rate_limit("issues/create-comment", status=429, retry_after=1)
    github_server.faults.secondary_rate_limit("git/get-blob", status=403, retry_after=None, reset_after=0)
    step = action(
        {"mode": "compare", "report": "perf.json"},
        event_name="pull_request",
        event=pull_request_event(pull),
        workspace={"perf.json": encoded(report())},
    )
    assert step.code == 0, step.stdout
    assert github_server.faults.pending() == []
    assert len(github_server.state.check_runs_for()) == 1
    assert len(github_server.state.comments_on(pull.number)) == 1


# --- hostile artifacts --------------------------------------------------------------------------------


def _zip_with(name: str, data: bytes, mode: int | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        if mode is not None:
            info.create_system = 3
            info.external_attr = mode << 16
        bundle.writestr(info, data)
    return buffer.getvalue()


HOSTILE = {
    "zip-bomb": (lambda: _zip_with("parse.json", bytes(30 << 20)), "(zip bomb?)"),
    "path-traversal": (
        lambda: _zip_with("../../../../tmp/parse.json", encoded(report())),
        "escapes the archive",
    ),
    "symlink": (lambda: _zip_with("parse.json", b"/etc/passwd", stat.S_IFLNK | 0o777), "is a symbolic link"),
    "100-MB-json": (
        lambda: _zip_with("parse.json", b'{"suite": "parse", "pad": "' + b"a" * (100 << 20) + b'"}'),
        "over the 32 MiB limit",
    ),
    "bidi-control": (
        lambda: zip_bytes({"parse.json": encoded(report(name="parse/\u202esmall"))}),
        "contains a bidirectional text control",
    ),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_artifact_exits_2_without_a_comment(action, github_server, kind):
    make, expected = HOSTILE[kind]
    archive = make()
    pull = github_server.state.add_pull_request(fork=True)
    run = github_server.state.add_pull_request_run(pull)
    github_server.state.add_artifact(run, "perf-json", data=archive)
    step = action({"mode": "compare"}, event_name="workflow_run", event=workflow_run_event(run))
    assert step.code == 2, step.stdout
    assert github_server.state.comments_on(pull.number) == []
    assert "issues/create-comment" not in github_server.operations_hit
    assert "refused" in step.summary
    assert expected in step.summary
    assert step.outputs["status"] == "invalid"
    (check,) = github_server.state.check_runs_for(pull.head_sha)
    assert check.conclusion == "failure"
    assert any(expected in m for m in errors(step))


def test_an_artifact_of_several_suites_gets_a_verdict_per_suite(action, github_server):
    pull = github_server.state.add_pull_request(fork=True)
    run = github_server.state.add_pull_request_run(pull)
    files = {f"results/{suite}.json": encoded(report(suite=suite)) for suite in ("lex", "parse", "emit")}
    github_server.state.add_artifact(run, "perf-json", files)
    inputs = {"mode": "compare", "artifact-name": "perf-json", "report": "results/*.json"}
    step = action(inputs, event_name="workflow_run", event=workflow_run_event(run))
    assert step.code == 0, step.stdout + step.stderr
    checks = github_server.state.check_runs_for(pull.head_sha)
    assert sorted(check.name for check in checks) == [f"perf-action: {s}" for s in ("emit", "lex", "parse")]
    assert len(github_server.state.comments_on(pull.number)) == 3


@pytest.mark.parametrize("bad", ["results/a.json", "results/z.json"])
def test_one_bad_suite_in_an_artifact_refuses_them_all(action, github_server, bad):
    pull = github_server.state.add_pull_request(fork=True)
    run = github_server.state.add_pull_request_run(pull)
    files = {f"results/{suite}.json": encoded(report(suite=suite)) for suite in ("a", "m", "z")}
    files[bad] = encoded({**report(suite="bad"), "schema_version": 9})
    github_server.state.add_artifact(run, "perf-json", files)
    inputs = {"mode": "compare", "artifact-name": "perf-json", "report": "results/*.json"}
    step = action(inputs, event_name="workflow_run", event=workflow_run_event(run))
    assert step.code == 2, step.stdout
    assert f"{bad.removeprefix('results/')}" in step.summary
    assert "/schema\\_version: expected 1, got 9" in step.summary, step.summary
    assert github_server.state.comments_on(pull.number) == []
    (check,) = github_server.state.check_runs_for(pull.head_sha)
    assert check.conclusion == "failure"


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        ("max_download_mib = 1", "download is 2.0 MiB, over the 1 MiB limit"),
        ("max_unzipped_mib = 1", "would unzip to 2 MiB, over the 1 MiB limit"),
    ],
)
def test_the_config_sets_the_artifact_size_limits(action, github_server, limits, expected):
    pull = github_server.state.add_pull_request(fork=True)
    run = github_server.state.add_pull_request_run(pull)
    incompressible = random.Random(7).randbytes(2 << 20)
    github_server.state.add_artifact(run, "perf-json", data=_zip_with("parse.json", incompressible))
    config = {".perfaction.toml": f"[artifacts]\n{limits}\n".encode()}
    event = workflow_run_event(run)
    step = action({"mode": "compare"}, event_name="workflow_run", event=event, workspace=config)
    assert step.code == 2, step.stdout
    assert expected in step.summary
    assert github_server.state.comments_on(pull.number) == []


def test_an_artifact_for_another_commit_is_not_used(action, github_server):
    pull = github_server.state.add_pull_request(fork=True)
    run = github_server.state.add_pull_request_run(pull)
    github_server.state.add_artifact(run, "perf-json", {"parse.json": encoded(report())})
    event = workflow_run_event(run)
    event["workflow_run"]["head_sha"] = "d" * 40
    step = action({"mode": "compare"}, event_name="workflow_run", event=event)
    assert step.code == 4
    assert any("was made for" in m for m in errors(step))
    assert github_server.state.check_runs_for() == []


def test_a_dispatched_compare_of_a_run_posts_on_that_run_s_commit(action, github_server):
    seed_baseline(github_server, report())
    run = main_run(github_server, report(scale=0.98))
    event = github_events.workflow_dispatch(REPO, {"run-id": str(run.id)})
    step = action(
        {"mode": "compare", "run-id": str(run.id)}, event_name="workflow_dispatch", event=event, sha="c" * 40
    )
    assert step.code == 0, step.stdout
    (check,) = github_server.state.check_runs_for()
    assert check.head_sha == run.head_sha
    assert "no comment: this run is not about a pull request" in step.summary
    assert step.outputs["comment-url"] == ""


# --- promote ------------------------------------------------------------------------------------------


def test_a_stale_sha_race_during_promotion_loses_nothing(action, github_server):
    seed_baseline(github_server, report())
    run = main_run(github_server, report(scale=0.95))
    github_server.faults.conflicting_write("git/update-ref")
    step = promote(action, run, reason="faster")
    assert step.code == 0, step.stdout
    assert "after 2 attempts" in step.summary
    tip = github_server.state.branch_head(BRANCH)
    # The other writer's commit is kept, and ours sits on top of it.
    assert github_server.state.file(".concurrent-push", tip) == b"pushed by another job\n"
    stored = json.loads(github_server.state.file("parse/baseline.json", tip))
    assert stored["provenance"]["reason"] == "faster"
    history = json.loads(github_server.state.file("parse/history.json", tip))
    assert [p["number"] for p in history["promotions"]] == [1, 2]


def test_promotion_refuses_a_fork_run_and_a_regression(action, github_server):
    seed_baseline(github_server, report())
    fork = github_server.state.add_pull_request(fork=True)
    fork_run = github_server.state.add_pull_request_run(fork)
    github_server.state.add_artifact(fork_run, "perf-json", {"parse.json": encoded(report())})
    refused = promote(action, fork_run)
    assert refused.code == 4
    assert any("never become the baseline" in m for m in errors(refused))
    slower = promote(action, main_run(github_server, report(scale=1.5)))
    assert slower.code == 3
    assert slower.outputs["status"] == "refused"
    assert "50.00% worse" in slower.summary


# --- coverage of the API the action uses ---------------------------------------------------------------


def test_every_operation_the_action_uses_is_exercised(action, github_server):
    run = main_run(github_server, report())
    assert promote(action, run, reason="first").code == 0
    assert promote(action, main_run(github_server, report(scale=0.99)), reason="second").code == 0
    pull = github_server.state.add_pull_request(fork=True)
    pr_run = github_server.state.add_pull_request_run(pull)
    github_server.state.add_artifact(pr_run, "perf-json", {"parse.json": encoded(report(scale=1.2))})
    for _ in range(2):
        assert (
            action({"mode": "compare"}, event_name="workflow_run", event=workflow_run_event(pr_run)).code == 0
        )
    # A same-repository pull request is named by the event, and read; a user's token, which cannot
    # create check runs (exit 4), asks who it is to find its comment.
    same = github_server.state.add_pull_request()
    same_run = github_server.state.add_pull_request_run(same)
    github_server.state.add_artifact(same_run, "perf-json", {"parse.json": encoded(report())})
    event = workflow_run_event(same_run)
    for _ in range(2):
        assert action({"mode": "compare"}, event_name="workflow_run", event=event, token=USER_TOKEN).code == 4
    assert len(github_server.state.comments_on(same.number)) == 1
    _, last = seed_step_before_its_confirmation(github_server)
    inputs = {"mode": "record", "report": "perf/*.json", "comment-change-points": "true"}
    recorded = action(
        inputs, event_name="schedule", event={"schedule": "0 3 * * *"}, workspace={"perf/parse.json": last}
    )
    assert recorded.outputs["change-points"] == "1"
    assert github_server.operations_hit == ACTION_OPERATIONS
