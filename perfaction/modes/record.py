"""Record mode: append a run of main to its suite's recorded history; never moves the baseline.

The command line records a report file into a git (or GitHub) store; the action records the reports
a push or scheduled run of main wrote into its workspace. Both go through `record_report`: validated
first (an invalid report writes nothing), retried on races, once per workflow run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from perfaction.baseline.runs import Recorded, RecordRequest, record_run
from perfaction.baseline.store import Actor, BaselineStore
from perfaction.config import HistoryConfig, load_config
from perfaction.errors import ExitCode, ToolingError
from perfaction.ingest import read_report
from perfaction.model import Report
from perfaction.modes.promote import actor_of
from perfaction.run_context import RunContext

if TYPE_CHECKING:
    from perfaction.github.client import Client
    from perfaction.github.context import Context
    from perfaction.github.runner import StepResult

ACTION_ACTOR = "github-actions[bot]"
# Results of a pull request (perhaps a fork's) are judged, never recorded as main's history.
REFUSED_EVENTS = ("pull_request", "pull_request_target")


@dataclass(frozen=True)
class RecordFileRequest:
    """A report file to record; `actor` None means the run's actor, else the store's."""

    report: Path
    store: BaselineStore
    actor: Actor | None = None
    fmt: str = "auto"
    suite: str | None = None
    config_path: Path | None = None


@dataclass(frozen=True)
class GitHubRecordRequest:
    """The action's record: the reports in the workspace and the branch that keeps the history."""

    reports: list[Path]
    baseline_branch: str
    fmt: str = "auto"
    suite: str | None = None
    config_path: Path | None = None


@dataclass(frozen=True)
class RunIdentity:
    """The workflow run a record comes from: a re-run of it records nothing new."""

    run_id: int | None = None
    run_attempt: int | None = None
    run_url: str | None = None


def record_file(request: RecordFileRequest, run: RunContext) -> Recorded:
    """Validate a report and record it; exit 2 (nothing written) on an invalid one."""
    actor = request.actor or actor_of(run, request.store, "recording")
    retention = load_config(request.config_path).history
    report = read_report(request.report, fmt=request.fmt, suite=request.suite, commit=run.commit)
    identity = RunIdentity(int(run.run_id) if run.run_id else None, run.run_attempt, run.run_url)
    return record_report(request.store, report, actor, retention, identity)


def record_report(
    store: BaselineStore, report: Report, actor: Actor, retention: HistoryConfig, identity: RunIdentity
) -> Recorded:
    """One commit appending the run (none when this workflow run already recorded the suite)."""
    request = RecordRequest(
        report,
        actor,
        retention,
        run_id=identity.run_id,
        run_attempt=identity.run_attempt,
        run_url=identity.run_url,
    )
    return record_run(store, request)


def describe(recorded: Recorded, store: BaselineStore) -> str:
    """One line for the log: what was recorded where, or that it already was."""
    run, suite = recorded.run, recorded.plan.suite
    if recorded.version is None:
        return f"{suite}: already recorded from workflow run {run.run_id} (run {run.seq}); nothing changed"
    retried = f", after {recorded.attempts} attempts" if recorded.attempts > 1 else ""
    dropped = recorded.plan.dropped_runs
    expired = f"; retention dropped {dropped} old runs" if dropped else ""
    return f"{suite}: recorded run {run.seq} as {store.describe(recorded.version)}{retried}{expired}"


# --- the action -------------------------------------------------------------------------------------


def record_on_github(request: GitHubRecordRequest, context: Context, client: Client) -> StepResult:
    """Validate every report first, then record each suite on the baseline branch through the API."""
    # The command line's record needs none of the GitHub adapters: only the action loads them.
    from perfaction.github.baseline_store import GitHubStore  # noqa: PLC0415
    from perfaction.github.runner import StepResult  # noqa: PLC0415

    if context.event_name in REFUSED_EVENTS:
        raise ToolingError(
            f"mode 'record' keeps the history of main: it does not run on {context.event_name} "
            "(record on push to the default branch or on a schedule)"
        )
    retention = load_config(request.config_path).history
    reports = [
        read_report(path, fmt=request.fmt, suite=request.suite, commit=context.sha)
        for path in request.reports
    ]
    _check_one_per_suite(reports)
    store = GitHubStore(client.repo, request.baseline_branch)
    actor = Actor.named(context.actor or ACTION_ACTOR)
    identity = RunIdentity(context.run_id, context.run_attempt, context.run_url)
    outcomes = [record_report(store, report, actor, retention, identity) for report in reports]
    recorded = sum(outcome.version is not None for outcome in outcomes)
    headline = f"perf-action record: {recorded} of {len(reports)} suites recorded"
    # Suite names are checked ([A-Za-z0-9._-]), the rest is ours: nothing to escape.
    summary = "".join(f"- {describe(outcome, store)}\n" for outcome in outcomes)
    return StepResult(
        ExitCode.OK, headline, summary, outputs={"status": "recorded" if recorded else "unchanged"}
    )


def _check_one_per_suite(reports: list[Report]) -> None:
    suites = [report.suite for report in reports]
    twice = sorted({suite for suite in suites if suites.count(suite) > 1})
    if twice:
        raise ToolingError(
            f"several reports of suite {', '.join(twice)}: record one report per suite and run"
        )
