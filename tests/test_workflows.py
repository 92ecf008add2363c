"""The example workflows, driven by the files themselves: each job's perf-action step runs with the
inputs, condition and permissions its YAML gives, after the job's checkout (the files of the ref it
names, from the test server's repository), against the GitHub API test server, as the runner would run
it (entrypoint.py with the runner's variables and files).

The benchmark jobs of perf-main.yml and perf-pr.yml convert real criterion results on this machine; what
they write under perf/ is their artifact. perf-promote.yml runs on a workflow_dispatch payload (its
dry-run job, then its promote job), perf-report.yml on the workflow_run payload of a fork's perf-pr.yml
run, and perf-main.yml's compare step on a push to main.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import github_events
import pytest
from action_steps import BRANCH, REPO, Runner, pull_request_event, workflow_run_event
from conftest import DATA, run_cli
from github_api import GitHubServer
from github_api.state import PullRequest, WorkflowRun
from runner_contract import StepRun
from tool_reports import criterion_tree
from workflow_files import Contexts, Job, UnknownExpression, job, load, triggers

from perfaction.environment import detect_host
from perfaction.ingest import read_report
from perfaction.model import Environment
from perfaction.run_context import Runner as Machine

SUITE = "criterion"  # what perfaction calls results read from a criterion tree
# A real machine other than this one: the environment a copybook-rs receipt recorded.
ELSEWHERE = DATA / "copybook" / "docexample-receipt-v1.0.0-from-PERFORMANCE_RECEIPT_REFERENCE.json"


@pytest.fixture
def action(github_server, tmp_path):
    return Runner(github_server, tmp_path)


def run_job(
    action: Runner,
    server: GitHubServer,
    job: Job,
    event: tuple[str, dict],
    *,
    mode: str | None = None,
    workspace: dict[str, bytes] | None = None,
    sha: str = "f" * 40,
) -> StepRun:
    """The job's perf-action step (the one in `mode`), after its checkout, with a token holding exactly
    the job's permissions."""
    event_name, payload = event
    token = "ghs_" + hashlib.sha256(f"{job.workflow} {job.name}".encode()).hexdigest()[:36]
    server.add_token(token, job.permissions)
    contexts = Contexts(event_name, payload, token)
    if job.condition is not None:
        assert contexts.condition(job.condition), f"{job.workflow} {job.name} would be skipped"
    ref = job.checkout(contexts)
    files = {**(server.state.files_at(ref or sha) if ref is not None else {}), **(workspace or {})}
    inputs = job.inputs(contexts, mode)
    return action(inputs, event_name=event_name, event=payload, token=token, workspace=files, sha=sha)


def bench(action: Runner, server: GitHubServer, workflow: str, event: tuple[str, dict], sha: str) -> dict:
    """The workflow's bench job on real criterion results: its convert step, then what it uploads."""
    benchmarking = job(workflow, "bench")
    (upload,) = (s for s in benchmarking.steps if "upload-artifact" in s.get("uses", ""))
    tree = {
        f"target/{path}": data
        for path, data in criterion_tree("head" if "pr" in workflow else "base").items()
    }
    step = run_job(action, server, benchmarking, event, mode="convert", workspace=tree, sha=sha)
    assert step.code == 0, step.stdout + step.stderr
    assert step.outputs["status"] == "converted"
    folder = step.workspace / upload["with"]["path"]
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*")}


def push_to_main(server: GitHubServer) -> tuple[tuple[str, dict], str]:
    sha = server.state.branch_head("main")
    return ("push", github_events.push(REPO, "main", sha)), sha


def main_run(action: Runner, server: GitHubServer) -> WorkflowRun:
    """perf-main.yml on a push to main: its artifact, from its bench job."""
    event, sha = push_to_main(server)
    uploaded = bench(action, server, "perf-main.yml", event, sha)
    run = server.state.add_workflow_run(sha, "main", event="push")
    server.state.add_artifact(run, "perf-json", uploaded)
    return run


def promote_with_the_workflow(action: Runner, server: GitHubServer, run: WorkflowRun, reason: str):
    """perf-promote.yml dispatched for `run`: its dry-run job, then the promote job that needs it."""
    payload = github_events.workflow_dispatch(REPO, {"run-id": str(run.id), "reason": reason})
    planning, promoting = job("perf-promote.yml", "dry-run"), job("perf-promote.yml", "promote")
    assert promoting.definition["needs"] == planning.name
    before = len(server.exchanges)
    dry = run_job(action, server, planning, ("workflow_dispatch", payload))
    writes = [e for e in server.exchanges[before:] if e.method != "GET"]
    promoted = run_job(action, server, promoting, ("workflow_dispatch", payload))
    return dry, writes, promoted


def fork_pull_request(action: Runner, server: GitHubServer, files: dict[str, bytes]) -> PullRequest:
    """A fork's pull request whose perf-pr.yml run uploaded what its bench job wrote, and its number."""
    pull = server.state.add_pull_request(fork=True, head_ref="main", files=files)
    event = ("pull_request", pull_request_event(pull))
    uploaded = bench(action, server, "perf-pr.yml", event, pull.head_sha)
    numbered = [s for s in job("perf-pr.yml", "bench").steps if "perf/pr-number" in s.get("run", "")]
    assert numbered, "perf-pr.yml no longer uploads the pull request number"
    run = server.state.add_pull_request_run(pull)
    server.state.add_artifact(run, "perf-json", {**uploaded, "pr-number": f"{pull.number}\n".encode()})
    return pull


def report(action: Runner, server: GitHubServer, pull: PullRequest) -> StepRun:
    """perf-report.yml's job on the workflow_run of the pull request's perf-pr.yml run."""
    (run,) = (r for r in server.state.workflow_runs.values() if r.head_sha == pull.head_sha)
    return run_job(
        action, server, job("perf-report.yml", "report"), ("workflow_run", workflow_run_event(run))
    )


def test_perf_promote_yml_plans_in_its_dry_run_then_promotes(action, github_server):
    dispatch = triggers(load("perf-promote.yml"))["workflow_dispatch"]
    assert {name for name, spec in dispatch["inputs"].items() if spec["required"]} == {"run-id", "reason"}
    promoting = job("perf-promote.yml", "promote")
    # Only the job behind the protected environment may write to the baseline branch.
    assert promoting.definition["environment"] == BRANCH
    assert job("perf-promote.yml", "dry-run").permissions.get("contents") == "read"
    assert promoting.permissions["contents"] == "write"

    run = main_run(action, github_server)
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
    # perf-main.yml's bench job recorded the machine it ran on: this one.
    here = detect_host(Machine())
    environment = stored["report"]["environment"]
    assert (environment["cpu_model"], environment["cores"]) == (here.cpu_model, here.cores)
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


def test_perf_main_yml_compares_each_push_in_its_job_summary(action, github_server):
    promote_with_the_workflow(action, github_server, main_run(action, github_server), "first")
    event, sha = push_to_main(github_server)
    benchmarking = job("perf-main.yml", "bench")
    uploaded = bench(action, github_server, "perf-main.yml", event, sha)
    workspace = {f"perf/{name}": data for name, data in uploaded.items()}
    step = run_job(action, github_server, benchmarking, event, mode="compare", workspace=workspace, sha=sha)
    assert step.code == 0, step.stdout
    assert step.outputs["status"] == "pass"
    (check,) = github_server.state.check_runs_for(sha)
    assert check.conclusion == "success"
    assert "no comment" not in step.summary  # comment: never
    assert github_server.state.comments == {}


def test_perf_report_yml_posts_on_a_fork_pull_request_with_the_default_branch_settings(action, github_server):
    benchmarks, workflow = load("perf-pr.yml"), load("perf-report.yml")
    reporting = job("perf-report.yml", "report")
    assert triggers(workflow)["workflow_run"]["workflows"] == [benchmarks["name"]]
    # Its only checkout is the default branch's (for the settings): it never runs the PR's code.
    assert [s for s in reporting.steps if "uses" not in s] == []
    promote_with_the_workflow(action, github_server, main_run(action, github_server), "first baseline")
    # The default branch's settings make the 20 % slowdown a warning; the fork's would wave it through.
    github_server.state.commit_files("main", {".perfaction.toml": b"[compare]\nfail_pct = 25\n"})
    pull = fork_pull_request(
        action, github_server, {".perfaction.toml": b"[compare]\nwarn_pct = 900\nfail_pct = 1000\n"}
    )
    (run,) = (r for r in github_server.state.workflow_runs.values() if r.head_sha == pull.head_sha)
    event = workflow_run_event(run)
    failed = {**event, "workflow_run": {**event["workflow_run"], "conclusion": "failure"}}
    assert not Contexts("workflow_run", failed, "unused").condition(reporting.condition)
    # Reports for one pull request's branch queue behind each other; a fork's main is not ours.
    group = Contexts("workflow_run", event, "unused").substitute(workflow["concurrency"]["group"])
    assert group == f"perf-report-{pull.head_repo.full_name}-main"

    before = len(github_server.exchanges)
    step = report(action, github_server, pull)
    assert step.code == 0, step.stdout
    assert step.outputs["status"] == "warning"
    (comment,) = github_server.state.comments_on(pull.number)
    assert comment.body.startswith(f"<!-- perfaction:{SUITE} -->")
    assert "fail above 25 %" in comment.body
    assert f"<b>This run:</b> `{pull.head_sha[:8]}`" in comment.body
    (check,) = github_server.state.check_runs_for(pull.head_sha)
    assert (check.conclusion, check.title) == ("neutral", "Warning: 2 of 4 metrics slightly worse (advisory)")
    assert "environments differ" not in comment.body  # both sides measured here, and said so
    assert step.outputs["check-run-id"] == str(check.id)
    assert step.outputs["comment-url"].endswith(f"#issuecomment-{comment.id}")
    # The pull request was found among those from the run's head branch, with no read of each.
    called = [e.operation_id for e in github_server.exchanges[before:]]
    assert "pulls/list" in called
    assert "pulls/get" not in called


def test_perf_report_yml_says_when_the_baseline_ran_on_other_hardware(action, github_server, tmp_path):
    recorded = json.loads(ELSEWHERE.read_text())["environment"]
    elsewhere = Environment(recorded["os"], recorded["kernel"], recorded["cpu_model"], recorded["cpu_cores"])
    # The baseline's artifact came from another machine, whose bench job recorded it.
    main = github_server.state.add_workflow_run(github_server.state.branch_head("main"), "main", event="push")
    baseline = read_report(DATA / "real-tools" / "criterion" / "criterion-base")
    baseline.environment = elsewhere
    github_server.state.add_artifact(
        main, "perf-json", {"criterion.json": json.dumps(baseline.to_dict()).encode()}
    )
    promote_with_the_workflow(action, github_server, main, "baseline from the release machine")
    pull = fork_pull_request(action, github_server, {"src/fast.rs": b"// faster\n"})

    blind = report(action, github_server, pull)
    assert blind.code == 0, blind.stdout
    assert blind.outputs["status"] == "pass"  # the regression cannot be told from the change of machine
    (comment,) = github_server.state.comments_on(pull.number)
    assert "⚠️ <b>The environments differ</b> (cpu_model, cores)" in comment.body
    assert "regressions count as inconclusive" in comment.body
    assert elsewhere.cpu_model in comment.body and str(detect_host(Machine()).cpu_model) in comment.body

    # Declared comparable on the default branch, the same results regress.
    comparable = b'[compare]\nenvironments_comparable = ["cpu_model", "cores"]\n'
    github_server.state.commit_files("main", {".perfaction.toml": comparable})
    counted = report(action, github_server, pull)
    assert counted.outputs["status"] == "failure", counted.stdout
    (comment,) = github_server.state.comments_on(pull.number)
    assert "the configuration declares them comparable, so regressions still count" in comment.body


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


def test_every_checkout_keeps_no_credentials_and_reads_the_default_branch_in_base_repository_jobs():
    payload = github_events.workflow_dispatch(REPO, {"run-id": "7", "reason": "r"})
    for name, job_name in (
        ("perf-report.yml", "report"),
        ("perf-promote.yml", "dry-run"),
        ("perf-promote.yml", "promote"),
    ):
        assert job(name, job_name).checkout(Contexts("workflow_dispatch", payload, "t")) == "main"
    assert Path(job("perf-pr.yml", "bench").action_step("convert")["with"]["output"]).parts[0] == "perf"


def test_perf_main_yml_records_main_and_perf_pages_yml_builds_the_site(action, github_server):
    assert triggers(load("perf-main.yml"))["push"]["branches"] == ["main"]
    benchmarking = job("perf-main.yml", "bench")
    assert benchmarking.permissions == {"contents": "write", "checks": "write"}
    event, sha = push_to_main(github_server)
    uploaded = bench(action, github_server, "perf-main.yml", event, sha)
    workspace = {f"perf/{name}": data for name, data in uploaded.items()}
    recorded = run_job(
        action, github_server, benchmarking, event, mode="record", workspace=workspace, sha=sha
    )
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
    dispatch = ("workflow_dispatch", github_events.workflow_dispatch(REPO, {}))
    built = run_job(action, github_server, build, dispatch, sha=github_server.state.branch_head("main"))
    assert built.code == 0, built.stdout
    upload = next(s for s in build.steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    site = built.workspace / upload["with"]["path"]
    assert (site / "index.html").is_file()
    assert (site / SUITE / "index.html").read_text().count("<svg") >= 1
