"""What a fork's pull request can make the action do, end to end: entrypoint.py as the runner starts it,
against the GitHub API test server, with the artifact and the workspace the fork controls.

Each test is one attack; the README's hostile-input count is taken from HOSTILE_CORPUS below.
"""

from __future__ import annotations

import pytest
from action_steps import Runner, encoded, report, workflow_run_event
from render_html import parse, to_html
from runner_contract import StepRun, parse_commands
from test_action_github import seed_baseline


@pytest.fixture
def action(github_server, tmp_path):
    return Runner(github_server, tmp_path)


def errors(step: StepRun) -> list[str]:
    return [c.message for c in parse_commands(step.stdout) if c.name == "error"]


def fork_run(
    server, files: dict[str, bytes] | None = None, *, name: str = "perf-json", data: bytes | None = None
):
    """A fork's pull request, its benchmark run, and the artifact that run uploaded."""
    pull = server.state.add_pull_request(fork=True)
    run = server.state.add_pull_request_run(pull)
    server.state.add_artifact(run, name, files, data=data)
    return pull, run


def compare(action: Runner, run, **inputs: str) -> StepRun:
    return action({"mode": "compare", **inputs}, event_name="workflow_run", event=workflow_run_event(run))


# --- identifiers: a trailing newline is not part of a name ------------------------------------------


def test_a_suite_name_with_a_trailing_newline_is_refused(action, github_server):
    pull, run = fork_run(github_server, {"parse.json": encoded(report(suite="parse\n"))})
    step = compare(action, run)
    assert step.code == 2, step.stdout
    assert any("/suite" in message for message in errors(step))
    assert github_server.state.comments_on(pull.number) == []
    assert [check.name for check in github_server.state.check_runs_for()] == ["perf-action"]
    assert "summary-path" not in step.outputs


# --- numbers: extreme values are refused where they stand, never a crash -----------------------------


def test_extreme_samples_are_invalid_results_not_an_internal_error(action, github_server):
    seed_baseline(github_server, report())
    document = report()
    document["benchmarks"][0]["metrics"][0]["samples"] = [5e-324, 1e300, 1, 2, 3]
    pull, run = fork_run(github_server, {"parse.json": encoded(document)})
    step = compare(action, run)
    assert step.code == 2, step.stdout
    (check,) = github_server.state.check_runs_for(pull.head_sha)
    assert check.conclusion == "failure"
    assert "/benchmarks/0/metrics/0/samples/1: expected a value &lt;= 1e+60" in (check.summary or "")
    assert not any("internal error" in message for message in errors(step))


# --- one escaper: names a fork chose are inert in every summary --------------------------------------


def test_artifact_names_a_fork_chose_are_inert_in_the_failure_summary(action, github_server):
    hostile = "@octo-org/admins see www.evil.example #1"
    _, run = fork_run(github_server, {"parse.json": encoded(report())}, name=hostile)
    step = compare(action, run)
    assert step.code == 4
    assert any("has no unexpired artifact named 'perf-json'" in message for message in errors(step))
    page = parse(to_html(step.summary))
    assert page.triggers() == {}
    assert hostile in page.visible()
