"""The runner's environment and event payloads, read into a typed context."""

from __future__ import annotations

import json

import github_events
import pytest

from perfaction.errors import ToolingError
from perfaction.github.context import load_context

REPO = "octo-org/perf-demo"
HEAD = "a" * 40
MERGE = "b" * 40
BASE = "c" * 40


def _environ(tmp_path, event_name, payload, **extra):
    event = github_events.write(tmp_path / "event.json", payload)
    return {
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_EVENT_NAME": event_name,
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_API_URL": "https://ghe.example.com/api/v3",
        "GITHUB_SERVER_URL": "https://ghe.example.com",
        "GITHUB_RUN_ID": "77",
        "GITHUB_SHA": MERGE,
        "GITHUB_WORKSPACE": str(tmp_path),
        **extra,
    }


def test_pull_request_uses_the_head_commit_not_the_merge_commit(tmp_path):
    payload = github_events.pull_request(
        REPO, number=12, head_sha=HEAD, head_branch="feature/x", base_sha=BASE
    )
    context = load_context(_environ(tmp_path, "pull_request", payload))
    assert context.pull_request is not None
    assert (context.pull_request.number, context.head_sha, context.sha) == (12, HEAD, MERGE)
    assert context.pull_request.head_branch == "feature/x"
    assert context.api_url == "https://ghe.example.com/api/v3"
    assert context.run_url == f"https://ghe.example.com/{REPO}/actions/runs/77"


def test_fork_pull_request_names_the_fork(tmp_path):
    payload = github_events.pull_request(
        REPO, number=5, head_sha=HEAD, head_branch="main", base_sha=BASE, head_repository="someone/perf-demo"
    )
    context = load_context(_environ(tmp_path, "pull_request_target", payload))
    assert context.pull_request.head_repository == "someone/perf-demo"


def test_workflow_run_carries_the_triggering_run(tmp_path):
    payload = github_events.workflow_run(
        REPO, run_id=901, head_sha=HEAD, head_branch="patch-1", head_repository="someone/perf-demo"
    )
    context = load_context(_environ(tmp_path, "workflow_run", payload))
    run = context.workflow_run
    assert (run.run_id, run.head_sha, run.head_branch, run.head_owner) == (901, HEAD, "patch-1", "someone")
    assert run.pull_numbers == ()
    assert context.pull_request is None
    assert context.head_sha == HEAD


def test_workflow_run_of_a_same_repository_branch_lists_its_pull_request(tmp_path):
    payload = github_events.workflow_run(
        REPO, run_id=902, head_sha=HEAD, head_branch="topic", pull_numbers=(3,)
    )
    context = load_context(_environ(tmp_path, "workflow_run", payload))
    assert context.workflow_run.pull_numbers == (3,)


def test_hostile_branch_names_are_not_carried_over(tmp_path):
    payload = github_events.workflow_run(
        REPO, run_id=903, head_sha=HEAD, head_branch="x\n::error::owned", head_repository="someone/perf-demo"
    )
    context = load_context(_environ(tmp_path, "workflow_run", payload))
    assert context.workflow_run.head_branch is None


def test_workflow_dispatch_inputs_are_strings(tmp_path):
    payload = github_events.workflow_dispatch(REPO, {"run-id": "901", "dry-run": True, "suite": "parse"})
    context = load_context(_environ(tmp_path, "workflow_dispatch", payload))
    assert context.inputs == {"run-id": "901", "dry-run": "true", "suite": "parse"}
    assert context.head_sha == MERGE


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"GITHUB_REPOSITORY": ""}, "GITHUB_REPOSITORY is not set"),
        ({"GITHUB_REPOSITORY": "no-slash"}, "is not owner/name"),
        ({"GITHUB_RUN_ID": "12a"}, "GITHUB_RUN_ID='12a' is not a number"),
    ],
)
def test_broken_runner_variables_are_tooling_errors(tmp_path, change, message):
    payload = github_events.pull_request(REPO, number=12, head_sha=HEAD, head_branch="x", base_sha=BASE)
    with pytest.raises(ToolingError, match=message):
        load_context({**_environ(tmp_path, "pull_request", payload), **change})


def test_a_pull_request_event_without_a_head_sha_is_refused(tmp_path):
    payload = github_events.pull_request(REPO, number=12, head_sha=HEAD, head_branch="x", base_sha=BASE)
    payload["pull_request"]["head"]["sha"] = "not-a-sha"
    with pytest.raises(ToolingError, match=r"pull_request\.head\.sha is not a commit sha"):
        load_context(_environ(tmp_path, "pull_request", payload))


def test_an_unparsable_event_file_is_a_tooling_error(tmp_path):
    environ = _environ(tmp_path, "pull_request", {})
    (tmp_path / "event.json").write_text('{"a": 1, "a": 2}')
    with pytest.raises(ToolingError, match="duplicate key"):
        load_context(environ)
    (tmp_path / "event.json").write_text(json.dumps([1]))
    with pytest.raises(ToolingError, match="not a JSON object"):
        load_context(environ)
