"""The action end to end, as the runner runs it: entrypoint.py in a subprocess with the runner's variables
and files, an event payload made from GitHub's webhook examples, against the GitHub API test server."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path

import github_events
import pytest
from conftest import run_cli
from github_api import READ_ONLY_TOKEN, WRITE_TOKEN
from github_api.state import ACTIONS_BOT, zip_bytes
from runner_contract import StepRun, parse_commands, run_entrypoint

from perfaction.baseline.model import Baseline, History, Provenance
from perfaction.baseline.store import Actor, Change
from perfaction.model import Report

REPO = "octo-org/perf-demo"
DATA = Path(__file__).resolve().parent / "data"
BRANCH = "perf-baselines"
ENVIRONMENT = {"os": "linux", "cpu_model": "Test CPU", "cores": 4, "runner": "ubuntu-24.04"}
# Every operation the action may call; the coverage test checks each is exercised and nothing else is used.
ACTION_OPERATIONS = {
    "repos/get",
    "pulls/get",
    "git/list-matching-refs",
    "issues/get",
    "issues/list-comments",
    "issues/create-comment",
    "issues/update-comment",
    "checks/create",
    "git/get-ref",
    "git/get-commit",
    "repos/get-content",
    "git/create-tree",
    "git/create-commit",
    "git/create-ref",
    "git/update-ref",
    "actions/get-workflow-run",
    "actions/list-workflow-run-artifacts",
    "actions/download-artifact",
}


def report(scale: float = 1.0, name: str = "parse/small", suite: str = "parse") -> dict:
    """Two benchmarks with ten samples each; `scale` slows the first one down."""

    def metric(centre: float) -> dict:
        samples = [round(centre * (1 + (i - 4.5) / 1000), 4) for i in range(10)]
        return {
            "name": "time",
            "value": round(centre, 4),
            "unit": "ns",
            "direction": "lower",
            "samples": samples,
        }

    return {
        "schema_version": 1,
        "suite": suite,
        "source": {"format": "perfaction", "commit": "1234567"},
        "timestamp": "2026-11-26T12:00:00Z",
        "environment": ENVIRONMENT,
        "benchmarks": [
            {"name": name, "metrics": [metric(100.0 * scale)]},
            {"name": "parse/large", "metrics": [metric(2000.0)]},
        ],
    }


def encoded(document: dict) -> bytes:
    return json.dumps(document).encode()


def seed_baseline(server, document: dict) -> str:
    """Put a promoted baseline on the branch, as an earlier promotion would have."""
    current = Report.from_dict(document)
    provenance = Provenance(
        promoted_by="octocat",
        promoted_at="2026-01-05T12:00:00Z",
        environment_fingerprint=current.environment.fingerprint(),
        reason="first baseline",
        source_commit="1234567",
    )
    baseline = Baseline(current, provenance)
    change = Change(baseline, History(current.suite).recorded(baseline), "Seed", Actor.named("octocat"))
    files = {path: text.encode() for path, text in change.files().items()}
    return server.state.commit_files(BRANCH, files, "Promote parse baseline")


class Runner:
    """Runs the action's step the way the runner does, and checks the token never shows up anywhere."""

    def __init__(self, server, tmp_path: Path) -> None:
        self.server = server
        self.tmp_path = tmp_path
        self.steps = 0

    def __call__(
        self,
        inputs: dict[str, str],
        *,
        event_name: str,
        event: dict,
        token: str = WRITE_TOKEN,
        workspace: dict[str, bytes] | None = None,
        sha: str = "f" * 40,
    ) -> StepRun:
        self.steps += 1
        variables = {
            "GITHUB_EVENT_NAME": event_name,
            "GITHUB_REPOSITORY": REPO,
            "GITHUB_REPOSITORY_OWNER": "octo-org",
            "GITHUB_API_URL": self.server.url,
            "GITHUB_SERVER_URL": self.server.server_url,
            "GITHUB_GRAPHQL_URL": f"{self.server.url}/graphql",
            "GITHUB_SHA": sha,
            "PERFACTION_HTTP_TIMEOUT": "2",
        }
        step = run_entrypoint(
            self.tmp_path / f"step-{self.steps}",
            {"github-token": token, **inputs},
            workspace or {},
            event=event,
            variables=variables,
        )
        # The runner consumes the mask command itself (and masks the token from then on): nowhere else.
        mask, _, log = step.stdout.partition("\n")
        assert mask == f"::add-mask::{token}"
        for where in (log, step.stderr, step.summary, *step.outputs.values()):
            assert token not in where
        assert self.server.operations_hit <= ACTION_OPERATIONS
        assert "Traceback" not in step.stderr
        return step


@pytest.fixture
def action(github_server, tmp_path):
    return Runner(github_server, tmp_path)


def pull_request_event(pull) -> dict:
    return github_events.pull_request(
        REPO,
        number=pull.number,
        head_sha=pull.head_sha,
        head_branch=pull.head_ref,
        base_sha=pull.base_sha,
        head_repository=pull.head_repo.full_name,
    )


def workflow_run_event(run) -> dict:
    return github_events.workflow_run(
        REPO,
        run_id=run.id,
        head_sha=run.head_sha,
        head_branch=run.head_branch,
        head_repository=run.head_repository.full_name,
        pull_numbers=tuple(run.pull_request_numbers),
    )


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
    assert len(updates) == 1
    assert len(github_server.state.comments_on(pull.number)) == 1


def test_the_250th_comment_is_found_across_pages_and_edited(action, github_server):
    seed_baseline(github_server, report())
    pull = github_server.state.add_pull_request()
    github_server.state.add_comments(pull.number, [f"looks good {i}" for i in range(249)])
    ours = github_server.state.add_comment(
        pull.number, "<!-- perfaction:parse -->\nold verdict", user=ACTIONS_BOT
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
    github_server.faults.secondary_rate_limit(
        "repos/get-content", status=403, retry_after=None, reset_after=0
    )
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
    "markdown-injection": (
        lambda: zip_bytes({"parse.json": encoded(report(name=INJECTED))}),
        "contains an HTML tag",
    ),
}
INJECTED = "<img src=x onerror=alert(1)> [x](https://evil.example) @admin"


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
    for text in (step.summary, *(c.summary or "" for c in github_server.state.check_runs_for())):
        assert "<img" not in text
        assert "](https://evil" not in text
    (check,) = github_server.state.check_runs_for(pull.head_sha)
    assert check.conclusion == "failure"
    assert any(expected in m for m in errors(step))


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


def criterion_tree(name: str) -> dict[str, bytes]:
    """A real target/criterion folder, laid out as docs/workflows/perf-pr.yml uploads it."""
    root = DATA / "real-tools" / "criterion" / f"criterion-{name}"
    return {
        f"criterion/{p.relative_to(root).as_posix()}": p.read_bytes() for p in root.rglob("*") if p.is_file()
    }


def test_the_documented_workflows_with_real_criterion_results(action, github_server):
    """perf-promote.yml on main's results, then perf-pr.yml's artifact (a fork's) through perf-report.yml."""
    main = github_server.state.add_workflow_run(github_server.state.branch_head("main"), "main", event="push")
    github_server.state.add_artifact(main, "perf-json", criterion_tree("base"))
    assert promote(action, main, reason="first criterion baseline", report="criterion").code == 0

    pull = github_server.state.add_pull_request(fork=True, head_ref="main")
    run = github_server.state.add_pull_request_run(pull)
    github_server.state.add_artifact(
        run, "perf-json", {**criterion_tree("head"), "pr-number": f"{pull.number}\n".encode()}
    )
    before = len(github_server.exchanges)
    step = action(
        {"mode": "compare", "artifact-name": "perf-json", "report": "criterion"},
        event_name="workflow_run",
        event=workflow_run_event(run),
    )
    assert step.code == 0, step.stdout
    (comment,) = github_server.state.comments_on(pull.number)
    assert comment.body.startswith("<!-- perfaction:criterion -->")
    (check,) = github_server.state.check_runs_for(pull.head_sha)
    assert check.conclusion == "neutral"
    assert check.title.startswith("Regression:")
    assert step.outputs["status"] == "failure"
    # The artifact's PR number was checked against the PR's head, so no search was needed.
    assert "git/list-matching-refs" not in {e.operation_id for e in github_server.exchanges[before:]}


# --- promote ------------------------------------------------------------------------------------------


def main_run(server, document: dict):
    head = server.state.branch_head("main")
    run = server.state.add_workflow_run(head, "main", event="push")
    server.state.add_artifact(run, "perf-json", {"parse.json": encoded(document)})
    return run


def promote(action, run, **inputs: str) -> StepRun:
    event = github_events.workflow_dispatch(REPO, {"run-id": str(run.id), **inputs})
    return action(
        {"mode": "promote", "run-id": str(run.id), **inputs}, event_name="workflow_dispatch", event=event
    )


def test_promotion_dry_run_then_promotion_then_baseline_show_through_the_api(action, github_server):
    run = main_run(github_server, report())
    dry = promote(action, run, **{"dry-run": "true", "reason": "first"})
    assert dry.code == 0, dry.stdout
    assert github_server.state.branch_head(BRANCH) is None
    assert "would commit to perf-baselines as the first commit" in dry.summary
    assert dry.outputs["status"] == "planned"

    real = promote(action, run, reason="first")
    assert real.code == 0, real.stdout
    tip = github_server.state.branch_head(BRANCH)
    assert tip is not None
    assert real.outputs["status"] == "promoted"
    assert tip in real.summary
    stored = json.loads(github_server.state.file("parse/baseline.json", tip))
    assert (stored["provenance"]["reason"], stored["provenance"]["promoted_by"]) == ("first", "octocat")

    shown = run_cli(
        "baseline",
        "show",
        "--store",
        "github",
        "--json",
        env={"GITHUB_REPOSITORY": REPO, "GITHUB_API_URL": github_server.url, "GITHUB_TOKEN": READ_ONLY_TOKEN},
    )
    assert shown.code == 0, shown.stderr
    (suite,) = json.loads(shown.stdout)["suites"]
    assert suite["baseline"]["report"]["suite"] == "parse"
    assert READ_ONLY_TOKEN not in shown.stdout + shown.stderr


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
    assert github_server.operations_hit == ACTION_OPERATIONS
