"""The example workflows, driven by the files themselves: each job's perf-action step runs with the
inputs, condition and permissions its YAML gives, against the GitHub API test server, as the runner
would run it (entrypoint.py with the runner's variables and files).

perf-promote.yml runs on a workflow_dispatch payload (its dry-run job, then its promote job), and
perf-report.yml on the workflow_run payload of a fork's perf-pr.yml run, with real criterion results.
"""

from __future__ import annotations

import hashlib
import json

import github_events
import pytest
from action_steps import BRANCH, REPO, Runner, workflow_run_event
from conftest import run_cli
from github_api import GitHubServer
from github_api.state import WorkflowRun
from runner_contract import StepRun
from tool_reports import criterion_tree
from workflow_files import Contexts, Job, UnknownExpression, job, load, triggers

SUITE = "criterion"  # what perfaction calls results read from a criterion tree


@pytest.fixture
def action(github_server, tmp_path):
    return Runner(github_server, tmp_path)


def run_job(
    action: Runner,
    server: GitHubServer,
    job: Job,
    event_name: str,
    event: dict,
    *,
    mode: str | None = None,
    workspace: dict[str, bytes] | None = None,
) -> StepRun:
    """The job's perf-action step (of `mode`), with a token holding exactly the job's permissions."""
    token = "ghs_" + hashlib.sha256(f"{job.workflow} {job.name}".encode()).hexdigest()[:36]
    server.add_token(token, job.permissions)
    contexts = Contexts(event_name, event, token)
    if job.condition is not None:
        assert contexts.condition(job.condition), f"{job.workflow} {job.name} would be skipped"
    inputs = job.inputs(contexts, mode)
    return action(inputs, event_name=event_name, event=event, token=token, workspace=workspace)


def promote_with_the_workflow(action: Runner, server: GitHubServer, run: WorkflowRun, reason: str):
    """perf-promote.yml dispatched for `run`: its dry-run job, then the promote job that needs it."""
    event = github_events.workflow_dispatch(REPO, {"run-id": str(run.id), "reason": reason})
    planning, promoting = job("perf-promote.yml", "dry-run"), job("perf-promote.yml", "promote")
    assert promoting.definition["needs"] == planning.name
    before = len(server.exchanges)
    dry = run_job(action, server, planning, "workflow_dispatch", event)
    writes = [e for e in server.exchanges[before:] if e.method != "GET"]
    promoted = run_job(action, server, promoting, "workflow_dispatch", event)
    return dry, writes, promoted


def test_perf_promote_yml_plans_in_its_dry_run_then_promotes(action, github_server):
    dispatch = triggers(load("perf-promote.yml"))["workflow_dispatch"]
    assert {name for name, spec in dispatch["inputs"].items() if spec["required"]} == {"run-id", "reason"}
    promoting = job("perf-promote.yml", "promote")
    # Only the job behind the protected environment may write to the baseline branch.
    assert promoting.definition["environment"] == BRANCH
    assert job("perf-promote.yml", "dry-run").permissions.get("contents") == "read"
    assert promoting.permissions["contents"] == "write"

    run = github_server.state.add_workflow_run(github_server.state.branch_head("main"), "main", event="push")
    github_server.state.add_artifact(run, "perf-json", criterion_tree("base"))
    dry, writes, promoted = promote_with_the_workflow(action, github_server, run, "first criterion baseline")

    assert dry.code == 0, dry.stdout
    assert writes == []
    assert dry.outputs["status"] == "planned"
    assert dry.summary.startswith(f"## perf-action promote (dry run): would promote {SUITE}\n")
    assert f"Results of run {run.id}." in dry.summary
    assert f"would commit to {BRANCH} as the first commit" in dry.summary
    assert f"{SUITE}/baseline.json" in dry.summary
    # criterion records no commit: the one the run built is the baseline's source.
    assert f"Promote {SUITE} baseline from {run.head_sha[:12]}" in dry.summary

    assert promoted.code == 0, promoted.stdout
    assert promoted.outputs["status"] == "promoted"
    tip = github_server.state.branch_head(BRANCH)
    assert tip is not None
    assert tip in promoted.summary
    stored = json.loads(github_server.state.file(f"{SUITE}/baseline.json", tip))
    assert stored["provenance"]["reason"] == "first criterion baseline"
    assert stored["provenance"]["promoted_by"] == "octocat"
    assert stored["provenance"]["source_commit"] == run.head_sha
    history = json.loads(github_server.state.file(f"{SUITE}/history.json", tip))
    assert [p["number"] for p in history["promotions"]] == [1]

    reader = "ghs_perfactionBaselineReader0000000000000"
    github_server.add_token(reader, {"contents": "read"})
    environment = {"GITHUB_REPOSITORY": REPO, "GITHUB_API_URL": github_server.url, "GITHUB_TOKEN": reader}
    shown = run_cli("baseline", "show", "--store", "github", "--json", env=environment)
    assert shown.code == 0, shown.stderr
    (suite,) = json.loads(shown.stdout)["suites"]
    assert suite["baseline"]["report"]["suite"] == SUITE
    assert suite["baseline"]["provenance"]["reason"] == "first criterion baseline"
    assert reader not in shown.stdout + shown.stderr


def test_perf_report_yml_posts_on_a_fork_pull_request_from_its_workflow_run(action, github_server):
    benchmarks, workflow = load("perf-pr.yml"), load("perf-report.yml")
    reporting = job("perf-report.yml", "report")
    assert triggers(workflow)["workflow_run"]["workflows"] == [benchmarks["name"]]
    # It never checks out or runs the pull request's code: perf-action is its only step.
    assert reporting.steps == [reporting.action_step()]
    (upload,) = (s for s in benchmarks["jobs"]["bench"]["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "perf/"

    main = github_server.state.add_workflow_run(github_server.state.branch_head("main"), "main", event="push")
    github_server.state.add_artifact(main, upload["with"]["name"], criterion_tree("base"))
    *_, promoted = promote_with_the_workflow(action, github_server, main, "first criterion baseline")
    assert promoted.code == 0, promoted.stdout

    pull = github_server.state.add_pull_request(fork=True, head_ref="main")
    run = github_server.state.add_pull_request_run(pull)
    # perf-pr.yml uploads perf/: the criterion tree and the pull request's number.
    uploaded = {**criterion_tree("head"), "pr-number": f"{pull.number}\n".encode()}
    github_server.state.add_artifact(run, upload["with"]["name"], uploaded)
    event = workflow_run_event(run)
    failed = {**event, "workflow_run": {**event["workflow_run"], "conclusion": "failure"}}
    assert not Contexts("workflow_run", failed, "unused").condition(reporting.condition)
    # Reports for one pull request's branch queue behind each other; a fork's main is not ours.
    group = Contexts("workflow_run", event, "unused").substitute(workflow["concurrency"]["group"])
    assert group == f"perf-report-{pull.head_repo.full_name}-main"

    before = len(github_server.exchanges)
    step = run_job(action, github_server, reporting, "workflow_run", event)
    assert step.code == 0, step.stdout
    (comment,) = github_server.state.comments_on(pull.number)
    assert comment.body.startswith(f"<!-- perfaction:{SUITE} -->")
    assert f"<b>This run:</b> `{pull.head_sha[:8]}`" in comment.body
    assert f"`{main.head_sha[:8]}`" in comment.body  # the baseline's source commit
    (check,) = github_server.state.check_runs_for(pull.head_sha)
    assert check.conclusion == "neutral"
    assert check.title.startswith("Regression:")
    assert step.outputs["status"] == "failure"
    assert step.outputs["check-run-id"] == str(check.id)
    assert step.outputs["comment-url"].endswith(f"#issuecomment-{comment.id}")
    # The artifact's PR number was checked against the PR's head, so no search was needed.
    assert "git/list-matching-refs" not in {e.operation_id for e in github_server.exchanges[before:]}


@pytest.mark.parametrize(
    ("where", "expression"),
    [
        ("with", "${{ inputs.run-id || '1' }}"),
        ("with", "${{ toJSON(github.event) }}"),
        ("with", "${{ inputs.missing }}"),
        ("with", "${{ github.event.repository }}"),
        ("if", "always()"),
        ("if", "inputs.reason != '' && inputs.run-id != ''"),
    ],
)
def test_an_expression_the_evaluator_does_not_know_fails_loudly(where, expression):
    event = github_events.workflow_dispatch(REPO, {"run-id": "7", "reason": "r"})
    contexts = Contexts("workflow_dispatch", event, "token")
    assert contexts.substitute("id ${{ inputs.run-id }}") == "id 7"
    assert contexts.condition("${{ inputs.reason == 'R' }}")  # GitHub compares strings ignoring case
    evaluate = contexts.substitute if where == "with" else contexts.condition
    with pytest.raises(UnknownExpression):
        evaluate(expression)


def test_perf_main_yml_records_main_and_perf_pages_yml_builds_the_site(action, github_server):
    assert triggers(load("perf-main.yml"))["push"]["branches"] == ["main"]
    bench = job("perf-main.yml", "bench")
    assert bench.permissions == {"contents": "write", "checks": "write"}
    workspace = {f"perf/{name}": data for name, data in criterion_tree("base").items()}
    recorded = run_job(action, github_server, bench, "push", {}, mode="record", workspace=workspace)
    assert recorded.code == 0, recorded.stdout
    assert recorded.outputs["status"] == "recorded"
    tip = github_server.state.branch_head(BRANCH)
    assert github_server.state.file(f"{SUITE}/runs/index.json", tip) is not None
    assert github_server.state.file(f"{SUITE}/baseline.json", tip) is None  # recording never promotes

    pages = load("perf-pages.yml")
    assert triggers(pages)["workflow_run"]["workflows"] == ["perf-main"]
    steps = [step.get("uses", "").split("@")[0] for step in pages["jobs"]["deploy"]["steps"]]
    assert steps == ["actions/deploy-pages"]
    build = job("perf-pages.yml", "build")
    assert build.permissions == {"contents": "read"}
    built = run_job(
        action, github_server, build, "workflow_dispatch", github_events.workflow_dispatch(REPO, {})
    )
    assert built.code == 0, built.stdout
    upload = next(s for s in build.steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    site = built.workspace / upload["with"]["path"]
    assert (site / "index.html").is_file()
    assert (site / SUITE / "index.html").read_text().count("<svg") >= 1
