"""perfaction.github against the GitHub API test server: real HTTP, real PyGithub, real requests."""

from __future__ import annotations

import pytest
from github_api import READ_ONLY_TOKEN, WRITE_TOKEN
from github_api.state import ACTIONS_APP, CONTRIBUTOR

from perfaction.errors import ToolingError, ValidationFailure
from perfaction.github import artifacts, checks, comments
from perfaction.github.client import BACKOFF_FACTOR, Client, GitHubError
from perfaction.github.context import WorkflowRun, resolve_pull_request

REPO = "octo-org/perf-demo"


def _client(server, token=WRITE_TOKEN, timeout=5, backoff_factor=BACKOFF_FACTOR) -> Client:
    return Client(token, server.url, REPO, timeout=timeout, backoff_factor=backoff_factor)


def _run_of(pull) -> WorkflowRun:
    return WorkflowRun(
        run_id=1,
        head_sha=pull.head_sha,
        head_branch=pull.head_ref,
        head_repository=pull.head_repo.full_name,
        event="pull_request",
        conclusion="success",
    )


# --- finding the pull request -----------------------------------------------------------------------


def test_a_fork_pull_request_is_found_by_its_head_commit(github_server):
    github_server.state.add_pull_request(head_ref="main")  # another PR, same branch name
    fork = github_server.state.add_pull_request(fork=True, head_ref="main")
    found = resolve_pull_request(_client(github_server), _run_of(fork))
    assert found is not None
    assert (found.number, found.head_sha, found.head_repository) == (
        fork.number,
        fork.head_sha,
        "contributor/perf-demo",
    )
    assert "pulls/list" in github_server.operations_hit


def test_a_pull_request_number_from_an_artifact_is_checked_against_the_head(github_server):
    mine = github_server.state.add_pull_request(fork=True, head_ref="topic")
    other = github_server.state.add_pull_request(head_ref="other")
    client = _client(github_server)
    # A hostile artifact names someone else's PR: it is not believed, the real one is found.
    assert resolve_pull_request(client, _run_of(mine), hint=other.number).number == mine.number
    assert resolve_pull_request(client, _run_of(mine), hint=999).number == mine.number


def test_a_run_of_a_commit_no_pull_request_has_finds_none(github_server):
    github_server.state.add_pull_request()
    run = WorkflowRun(7, "f" * 40, "main", REPO, "push", "success")
    assert resolve_pull_request(_client(github_server), run) is None


def test_a_same_repository_run_lists_its_pull_request(github_server):
    pull = github_server.state.add_pull_request(head_ref="feature")
    run = github_server.state.add_pull_request_run(pull)
    context_run = WorkflowRun(
        run.id, pull.head_sha, "feature", REPO, "pull_request", "success", (pull.number,)
    )
    assert resolve_pull_request(_client(github_server), context_run).number == pull.number
    assert "pulls/list" not in github_server.operations_hit


# --- artifacts ---------------------------------------------------------------------------------------


def test_an_artifact_is_downloaded_without_sending_the_token_to_storage(github_server):
    pull = github_server.state.add_pull_request()
    run = github_server.state.add_pull_request_run(pull)
    github_server.state.add_artifact(run, "other", {"x.json": b"{}"})
    github_server.state.add_artifact(run, "perf-json", {"perf/a.json": b'{"a": 1}', "notes.txt": b"hi"})
    client = _client(github_server)
    found = artifacts.find_artifact(client, run.id, "perf-json")
    assert (found.run_id, found.head_sha) == (run.id, pull.head_sha)
    archive = artifacts.download(client, found, artifacts.Limits())
    assert artifacts.read_members(archive, ["*.json"], found.label, artifacts.Limits()) == {
        "perf/a.json": b'{"a": 1}'
    }
    assert "actions/download-artifact" in github_server.operations_hit


def test_a_missing_or_expired_artifact_is_a_tooling_error_naming_what_exists(github_server):
    run = github_server.state.add_pull_request_run(github_server.state.add_pull_request())
    github_server.state.add_artifact(run, "perf-json", {"a.json": b"{}"}, expired=True)
    github_server.state.add_artifact(run, "coverage", {"a.json": b"{}"})
    with pytest.raises(
        ToolingError, match=r"no unexpired artifact named 'perf-json' \(it has: 'coverage', 'perf-json'\)"
    ):
        artifacts.find_artifact(_client(github_server), run.id, "perf-json")


def test_an_oversized_download_is_refused_while_streaming(github_server):
    run = github_server.state.add_pull_request_run(github_server.state.add_pull_request())
    github_server.state.add_artifact(run, "perf-json", data=bytes(range(256)) * 40_000)
    client = _client(github_server)
    found = artifacts.find_artifact(client, run.id, "perf-json")
    small = artifacts.Limits(download_bytes=found.size * 2)
    assert len(artifacts.download(client, found, small)) == found.size
    # The listing's size is the artifact's word; the stream is counted too.
    lying = artifacts.Artifact(found.artifact_id, found.name, 10, None, None, None)
    with pytest.raises(ValidationFailure, match="over the 1 MiB limit"):
        artifacts.download(client, lying, artifacts.Limits(download_bytes=1 << 20))


# --- the sticky comment ------------------------------------------------------------------------------

ACTIONS = comments.Identity.of_app(ACTIONS_APP.id, ACTIONS_APP.slug)


def publish(client: Client, pull_number: int, **arguments: object) -> comments.CommentOutcome:
    """One run's comment: the thread read once, the token being the Actions app's (GITHUB_TOKEN)."""
    thread = comments.read_thread(client, pull_number)
    return comments.publish_comment(client, thread, lambda: ACTIONS, **arguments)


def test_the_comment_is_created_once_then_edited_in_place(github_server):
    pull = github_server.state.add_pull_request()
    client = _client(github_server)
    first = publish(client, pull.number, suite="parse", body="v1", material="a", policy="always")
    again = publish(client, pull.number, suite="parse", body="v2", material="b", policy="always")
    other = publish(client, pull.number, suite="emit", body="e", material="a", policy="always")
    assert (first.action, again.action, other.action) == ("created", "updated", "created")
    assert first.comment_id == again.comment_id != other.comment_id
    bodies = [c.body for c in github_server.state.comments_on(pull.number)]
    assert len(bodies) == 2
    assert bodies[0].startswith("<!-- perfaction:parse -->\n") and bodies[0].endswith("v2")


def test_the_comment_is_found_among_hundreds_across_pages(github_server):
    pull = github_server.state.add_pull_request()
    github_server.state.add_comments(pull.number, [f"chatter {i}" for i in range(249)])
    client = _client(github_server)
    publish(client, pull.number, suite="parse", body="v1", material="a", policy="always")
    github_server.state.add_comments(pull.number, ["later chatter"] * 10)
    outcome = publish(client, pull.number, suite="parse", body="v2", material="b", policy="always")
    assert outcome.action == "updated"
    found = github_server.state.comments_on(pull.number)
    assert len(found) == 260
    assert found[249].body.endswith("v2")
    assert any("/repositories/" in e.path for e in github_server.exchanges)


def test_changed_policy_leaves_an_unchanged_verdict_alone(github_server):
    pull = github_server.state.add_pull_request()
    client = _client(github_server)
    args = {"suite": "parse", "policy": "changed"}
    assert publish(client, pull.number, body="v1", material="a", **args).action == "created"
    assert publish(client, pull.number, body="v1 newer run", material="a", **args).action == "unchanged"
    assert publish(client, pull.number, body="v2", material="b", **args).action == "updated"
    assert (
        publish(client, pull.number, body="v3", material="c", suite="parse", policy="never").action
        == "skipped"
    )
    assert [c.body.rsplit("\n", 1)[-1] for c in github_server.state.comments_on(pull.number)] == ["v2"]


def test_a_marker_in_a_stranger_s_comment_is_not_taken_over(github_server):
    pull = github_server.state.add_pull_request(fork=True)
    planted = github_server.state.add_comment(
        pull.number, "<!-- perfaction:parse -->\nall good!", user=CONTRIBUTOR
    )
    publish(_client(github_server), pull.number, suite="parse", body="real", material="a", policy="always")
    assert github_server.state.comments[planted.id].body.endswith("all good!")
    assert len(github_server.state.comments_on(pull.number)) == 2


def test_a_read_only_token_is_told_apart(github_server):
    pull = github_server.state.add_pull_request(fork=True)
    with pytest.raises(GitHubError) as caught:
        publish(
            _client(github_server, READ_ONLY_TOKEN),
            pull.number,
            suite="s",
            body="b",
            material="a",
            policy="always",
        )
    assert caught.value.read_only_token
    assert READ_ONLY_TOKEN not in str(caught.value)


def test_digests_depend_on_content_not_key_order_and_are_keyed_with_the_comment():
    assert comments.content_digest({"a": 1, "b": [1.5]}, 7) == comments.content_digest(
        {"b": [1.5], "a": 1}, 7
    )
    assert comments.content_digest({"a": 1}, 7) != comments.content_digest({"a": 2}, 7)
    assert comments.content_digest({"a": 1}, 7) != comments.content_digest({"a": 1}, 8)


# --- the check run -----------------------------------------------------------------------------------


def test_the_check_run_lands_on_the_head_commit(github_server):
    pull = github_server.state.add_pull_request()
    output = checks.CheckOutput("Regression: parse 12% slower", "summary", "details")
    outcome = checks.publish_check(
        _client(github_server),
        name="perf-action (parse)",
        head_sha=pull.head_sha,
        verdict="neutral",
        output=output,
    )
    (run,) = github_server.state.check_runs_for(pull.head_sha)
    assert (run.id, run.status, run.conclusion, run.title, run.text) == (
        outcome.check_run_id,
        "completed",
        "neutral",
        output.title,
        "details",
    )


@pytest.mark.parametrize(
    ("status", "gate", "expected"),
    [
        ("FAILURE", False, "neutral"),
        ("FAILURE", True, "failure"),
        ("WARNING", True, "neutral"),
        ("PASS", False, "success"),
        ("NEUTRAL", True, "neutral"),
    ],
)
def test_conclusions_are_advisory_unless_gated(status, gate, expected):
    assert checks.conclusion(status, gate) == expected


def test_an_oversized_check_output_is_refused_before_sending(github_server):
    output = checks.CheckOutput("t", "x" * (checks.MAX_OUTPUT + 1))
    with pytest.raises(ToolingError, match="over GitHub's 65535"):
        checks.publish_check(
            _client(github_server), name="n", head_sha="a" * 40, verdict="neutral", output=output
        )
    assert github_server.exchanges == []


# --- resilience --------------------------------------------------------------------------------------


def test_server_errors_on_an_edit_are_retried(github_server):
    pull = github_server.state.add_pull_request()
    client = _client(github_server)
    publish(client, pull.number, suite="s", body="v1", material="a", policy="always")
    github_server.faults.server_error("issues/update-comment", times=2, status=502)
    publish(client, pull.number, suite="s", body="v2", material="b", policy="always")
    assert github_server.faults.pending() == []
    assert [e.status for e in github_server.exchanges if e.operation_id == "issues/update-comment"] == [
        502,
        502,
        200,
    ]


@pytest.mark.parametrize("retry_after", [1, None])
def test_secondary_rate_limits_are_waited_out(github_server, retry_after):
    pull = github_server.state.add_pull_request()
    github_server.faults.secondary_rate_limit("checks/create", status=403, retry_after=retry_after)
    checks.publish_check(
        _client(github_server),
        name="n",
        head_sha=pull.head_sha,
        verdict="neutral",
        output=checks.CheckOutput("t", "s"),
    )
    assert [e.status for e in github_server.exchanges if e.operation_id == "checks/create"] == [403, 201]
    assert len(github_server.state.check_runs_for(pull.head_sha)) == 1


def test_retries_stop_at_the_bound(github_server):
    pull = github_server.state.add_pull_request()
    github_server.faults.server_error("pulls/get", times=20)
    client = _client(github_server, backoff_factor=0.0)  # the retries, not the waits, are under test
    with pytest.raises(GitHubError, match="HTTP 500"):
        resolve_pull_request(client, WorkflowRun(1, pull.head_sha, None, None, None, None, (pull.number,)))
    assert [e.operation_id for e in github_server.exchanges].count("pulls/get") == 5


def test_a_permission_403_is_not_retried(github_server):
    pull = github_server.state.add_pull_request()
    with pytest.raises(GitHubError):
        checks.publish_check(
            _client(github_server, READ_ONLY_TOKEN),
            name="n",
            head_sha=pull.head_sha,
            verdict="neutral",
            output=checks.CheckOutput("t", "s"),
        )
    assert [e.status for e in github_server.exchanges if e.operation_id == "checks/create"] == [403]


def test_a_slow_read_is_retried_but_a_slow_create_is_not_repeated(github_server):
    pull = github_server.state.add_pull_request()
    client = _client(github_server, timeout=1)
    github_server.faults.slow("issues/get", seconds=2)
    github_server.faults.slow("issues/create-comment", seconds=2)
    with pytest.raises(GitHubError, match="no answer within the timeout"):
        publish(client, pull.number, suite="s", body="b", material="a", policy="always")
    assert [e.operation_id for e in github_server.exchanges].count("issues/get") == 2
    assert len(github_server.state.comments_on(pull.number)) == 1


def test_the_retry_budget_bounds_waiting(github_server):
    pull = github_server.state.add_pull_request()
    client = _client(github_server)
    client.budget.seconds = 0.5
    github_server.faults.secondary_rate_limit("pulls/get", retry_after=1)
    run = WorkflowRun(1, pull.head_sha, None, None, None, None, (pull.number,))
    with pytest.raises(GitHubError, match="HTTP 403"):
        resolve_pull_request(client, run)
    assert [e.operation_id for e in github_server.exchanges].count("pulls/get") == 1


def test_a_body_near_the_limit_is_cut_at_a_line_end_to_make_room_for_the_digest():
    rows = "".join(f"| row {i} | 1.0 ns |\n" for i in range(3100))
    body = "<!-- perfaction:parse -->\n" + rows[: rows.rfind("\n", 0, comments.MAX_BODY - 60) + 1]
    assert len(body) <= comments.MAX_BODY  # fits as rendered; the digest line tips it over
    text = comments.compose("parse", "a" * 32, body)
    assert len(text) <= comments.MAX_BODY
    assert text.startswith(
        "<!-- perfaction:parse -->\n<!-- perfaction-digest:" + "a" * 32 + " -->\n| row 0 |"
    )
    assert text.count("<!-- perfaction:parse -->") == 1
    assert text.endswith("*Cut to fit GitHub's size limit.*\n")
    short = comments.compose("parse", "b" * 32, "<!-- perfaction:parse -->\nall good\n")
    assert short == "<!-- perfaction:parse -->\n<!-- perfaction-digest:" + "b" * 32 + " -->\nall good\n"
