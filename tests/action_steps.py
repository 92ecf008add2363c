"""The action's step against the GitHub API test server: the runner's variables for it, the checks every
step must pass (the token shows up nowhere), and the results and runs it is fed.

The step runs as entrypoint.py on the host (tests/test_action_github.py, tests/test_workflows.py) or as
the built image under Docker (tests/test_container.py): the same `Runner` with another `Launch`.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import github_events
from github_api import WRITE_TOKEN, GitHubServer
from github_api.state import PullRequest, WorkflowRun
from runner_contract import RUNTIME_TOKEN, Launch, Link, StepRun, run_entrypoint
from runs_helpers import RECORDER
from test_baseline_github import store_for

from perfaction.baseline.model import Baseline, History, Provenance
from perfaction.baseline.runs import RecordRequest, record_run
from perfaction.baseline.store import Actor, Change
from perfaction.model import Report

REPO = "octo-org/perf-demo"
BRANCH = "perf-baselines"
ENVIRONMENT = {"os": "linux", "cpu_model": "Test CPU", "cores": 4, "runner": "ubuntu-24.04"}
# Every operation the action may call; the coverage test checks each is exercised and nothing else is used.
ACTION_OPERATIONS = {
    "repos/get",
    "pulls/get",
    "pulls/list",
    "users/get-authenticated",
    "issues/get",
    "issues/list-comments",
    "issues/create-comment",
    "issues/update-comment",
    "checks/create",
    "repos/create-commit-comment",
    "git/get-ref",
    "git/get-commit",
    "git/get-tree",
    "git/get-blob",
    "git/create-blob",
    "git/create-tree",
    "git/create-commit",
    "repos/compare-commits-with-basehead",
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


class Runner:
    """Runs the action's step the way the runner does, and checks the token never shows up anywhere."""

    def __init__(self, server: GitHubServer, tmp_path: Path, launch: Launch = run_entrypoint) -> None:
        self.server = server
        self.tmp_path = tmp_path
        self.launch = launch
        self.steps = 0

    def __call__(
        self,
        inputs: dict[str, str],
        *,
        event_name: str,
        event: dict,
        token: str = WRITE_TOKEN,
        workspace: dict[str, bytes | Link] | None = None,
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
        step = self.launch(
            self.tmp_path / f"step-{self.steps}",
            {"github-token": token, **inputs},
            workspace or {},
            event=event,
            variables=variables,
        )
        # The runner consumes the mask command itself (and masks the token from then on): nowhere else.
        mask, _, log = step.stdout.partition("\n")
        assert mask == f"::add-mask::{token}"
        for where in (log, step.stderr, step.summary, step.output_file):
            assert token not in where
        # Nor in anything posted to GitHub: comments, check runs, commits; nor the runner's own secrets.
        for posted in self.server.state.posted_texts():
            assert token not in posted
            assert RUNTIME_TOKEN not in posted
        assert self.server.operations_hit <= ACTION_OPERATIONS
        assert "Traceback" not in step.stderr
        return step


def pull_request_event(pull: PullRequest) -> dict:
    return github_events.pull_request(
        REPO,
        number=pull.number,
        head_sha=pull.head_sha,
        head_branch=pull.head_ref,
        base_sha=pull.base_sha,
        head_repository=pull.head_repo.full_name,
        labels=tuple(pull.labels),
    )


def workflow_run_event(run: WorkflowRun) -> dict:
    return github_events.workflow_run(
        REPO,
        run_id=run.id,
        head_sha=run.head_sha,
        head_branch=run.head_branch,
        head_repository=run.head_repository.full_name,
        pull_numbers=tuple(run.pull_request_numbers),
    )


def main_run(server: GitHubServer, document: dict) -> WorkflowRun:
    """A successful push run on main whose perf-json artifact holds `document` as parse.json."""
    run = server.state.add_workflow_run(server.state.branch_head("main"), "main", event="push")
    server.state.add_artifact(run, "perf-json", {"parse.json": encoded(document)})
    return run


def promote(action: Runner, run: WorkflowRun, **inputs: str) -> StepRun:
    """Promote mode on `run`, dispatched by hand as perf-promote.yml is."""
    event = github_events.workflow_dispatch(REPO, {"run-id": str(run.id), **inputs})
    return action(
        {"mode": "promote", "run-id": str(run.id), **inputs}, event_name="workflow_dispatch", event=event
    )


STEP_RUNS, STEP_AT = 21, 16  # six runs after the step confirm it (at least five, and significant)


def step_run(number: int, commit: str) -> dict:
    """Run `number` of suite parse: parse/small 20 % slower from run STEP_AT on, with 0.3 % noise."""
    wobble = math.exp(random.Random(number).gauss(0, 0.003))
    document = report(scale=(1.2 if number >= STEP_AT else 1.0) * wobble)
    document["source"]["commit"] = commit
    document["timestamp"] = f"2026-11-{number:02d}T12:00:00Z"
    return document


def seed_step_before_its_confirmation(server: GitHubServer) -> tuple[list[str], bytes]:
    """Commits on main and all but the last of their runs recorded; returns the commits and the last run."""
    commits = [
        server.state.commit_files("main", {"src.txt": f"{n}\n".encode()}, f"change {n}")
        for n in range(STEP_RUNS)
    ]
    store = store_for(server)
    for number in range(1, STEP_RUNS):
        report_ = Report.from_dict(step_run(number, commits[number - 1]))
        record_run(store, RecordRequest(report_, RECORDER, run_id=1000 + number))
    return commits, encoded(step_run(STEP_RUNS, commits[-1]))


def seed_baseline(server: GitHubServer, document: dict) -> str:
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
