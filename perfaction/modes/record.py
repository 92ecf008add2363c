"""Record mode: append a run of main to its suite's recorded history; never moves the baseline.

The command line records a report file into a git (or GitHub) store; the action records the reports
a push or scheduled run of main wrote into its workspace. Both go through `record_report`: validated
first (an invalid report writes nothing), retried on races, once per workflow run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from perfaction.baseline.runs import Recorded, RecordRequest, read_runs, record_run
from perfaction.baseline.store import Actor, BaselineStore
from perfaction.changepoint import DetectedChange, changes_introduced_by
from perfaction.config import HistoryConfig, load_config
from perfaction.errors import ExitCode, ToolingError
from perfaction.ingest import read_report
from perfaction.markdown import escape
from perfaction.model import Report
from perfaction.modes.promote import actor_of
from perfaction.records import datarecord
from perfaction.run_context import RunContext

if TYPE_CHECKING:
    from perfaction.github.client import Client
    from perfaction.github.context import Context
    from perfaction.github.runner import StepResult

ACTION_ACTOR = "github-actions[bot]"
# Results of a pull request (perhaps a fork's) are judged, never recorded as main's history.
REFUSED_EVENTS = ("pull_request", "pull_request_target")
CHANGE_CHECK = "perf-action change points"
# A record looks for the change points it confirms among the newest this many runs: a step older
# than that is confirmed long before, and reading and searching all of a long history takes minutes.
CHANGE_WINDOW = 100


@datarecord(frozen=True)
class RecordFileRequest:
    """A report file to record; `actor` None means the run's actor, else the store's."""

    report: Path
    store: BaselineStore
    actor: Actor | None = None
    fmt: str = "auto"
    suite: str | None = None
    config_path: Path | None = None


@datarecord(frozen=True)
class GitHubRecordRequest:
    """The action's record: the reports in the workspace and the branch that keeps the history."""

    reports: list[Path]
    baseline_branch: str
    fmt: str = "auto"
    suite: str | None = None
    config_path: Path | None = None
    comment_changes: bool = False  # also comment on the commit that introduced a change point


@datarecord(frozen=True)
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


def introduced_changes(store: BaselineStore, recorded: Recorded) -> list[DetectedChange]:
    """The change points this run brings to light: each is reported once, by the run that confirms it."""
    if recorded.version is None:
        return []
    history = read_runs(store, recorded.plan.suite, recorded.version, newest=CHANGE_WINDOW)
    return changes_introduced_by(history, recorded.run.seq) if history is not None else []


def change_text(change: DetectedChange, *, markdown: bool = False) -> str:
    """Benchmark metric: +12.3% (95% interval ...), regression, between the two commits around the step."""
    point = change.point
    interval = (
        f" (95% interval {point.lower_pct:+.1f}% to {point.upper_pct:+.1f}%)"
        if point.lower_pct is not None and point.upper_pct is not None
        else ""
    )
    kind = "regression" if change.regression else "improvement"
    name = f"{change.benchmark} {change.metric}"
    # Commit ids are hex (schema-checked): as code spans they stay whole; names are escaped.
    older, newer = (f"`{_short(c)}`" if markdown and c else _short(c) for c in change.commit_range)
    shown = escape(name) if markdown else name
    return f"{shown}: {point.change_pct:+.1f}%{interval}, {kind}, between {older} and {newer}"


def _short(commit: str | None) -> str:
    return commit[:12] if commit else "an unknown commit"


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
    changes = [change for outcome in outcomes for change in introduced_changes(store, outcome)]
    summary += post_changes(changes, request.comment_changes, context, client)
    outputs = {"status": "recorded" if recorded else "unchanged", "change-points": str(len(changes))}
    return StepResult(ExitCode.OK, headline, summary, outputs=outputs)


def post_changes(changes: list[DetectedChange], comment: bool, context: Context, client: Client) -> str:
    """A neutral check run (and, if asked, a comment) on each commit that introduced change points."""
    from perfaction.github.checks import CheckOutput, publish_check  # noqa: PLC0415 - see record_on_github
    from perfaction.github.comments import post_commit_comment  # noqa: PLC0415

    by_commit: dict[str | None, list[DetectedChange]] = {}
    for change in changes:
        by_commit.setdefault(change.first_after.commit, []).append(change)
    lines = []
    for commit, found in by_commit.items():
        items = "".join(f"- {change_text(change, markdown=True)}\n" for change in found)
        lines.append(items)
        if commit is None:
            continue  # a report without a commit: nothing to post it on
        title = f"{len(found)} change points in the recorded history of main"
        body = f"Change points that this commit introduced, as the recorded runs of main show:\n\n{items}"
        publish_check(
            client,
            name=CHANGE_CHECK,
            head_sha=commit,
            verdict="neutral",
            output=CheckOutput(title, body),
            details_url=context.run_url,
        )
        if comment:
            post_commit_comment(client, commit, f"**perf-action**: {body}")
    return f"\nChange points found by this run:\n\n{''.join(lines)}" if lines else ""


def _check_one_per_suite(reports: list[Report]) -> None:
    suites = [report.suite for report in reports]
    twice = sorted({suite for suite in suites if suites.count(suite) > 1})
    if twice:
        raise ToolingError(
            f"several reports of suite {', '.join(twice)}: record one report per suite and run"
        )
