"""Promote mode: make a run's results the baseline, judged by the policy, committed atomically.

The command line promotes a report file into a git (or GitHub) store; the action promotes the
results of a successful workflow run of this repository. Both go through `promote_report`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from perfaction.baseline.policy import PromotionRefused
from perfaction.baseline.promote import Plan, Promoted, PromotionRequest, plan_promotion, promote
from perfaction.baseline.store import Actor, BaselineStore
from perfaction.config import load_config
from perfaction.errors import ExitCode, ToolingError
from perfaction.ingest import read_pooled
from perfaction.records import datarecord
from perfaction.run_context import RunContext

if TYPE_CHECKING:
    from perfaction.github.client import Client
    from perfaction.github.context import Context
    from perfaction.github.runner import StepResult
    from perfaction.modes.results import ResultsRequest

ACTION_ACTOR = "github-actions[bot]"


@datarecord(frozen=True)
class PromoteRequest:
    """A report file to promote into a store; `actor` None means the run's actor, else the store's."""

    report: Path
    store: BaselineStore
    repeats: tuple[Path, ...] = ()  # more runs of the same suite, pooled with `report` as repetitions
    actor: Actor | None = None
    fmt: str = "auto"
    suite: str | None = None
    reason: str | None = None
    force: bool = False
    dry_run: bool = False
    config_path: Path | None = None
    commit: str | None = None


@datarecord(frozen=True)
class GitHubPromoteRequest:
    """The action's promote: the run whose results become the baseline, and how.

    `thresholds` (warn, fail) override the config's, as in compare; `force` overrides the policy, on
    the record, and needs a reason.
    """

    run_id: int
    results: ResultsRequest
    baseline_branch: str
    reason: str | None = None
    dry_run: bool = False
    force: bool = False
    thresholds: tuple[float | None, float | None] = (None, None)


def promote_file(request: PromoteRequest, run: RunContext) -> Plan | Promoted:
    """Promote a report (several runs of a suite: pooled) to baseline: validated, judged, committed.

    A dry run returns the plan and writes nothing; a refused promotion raises PromotionRefused (exit 3).
    `commit` is recorded as the source commit when the report names none.
    """
    actor = request.actor or actor_of(run, request.store, "promoting")
    require_reason(request.force, request.reason, "--force needs --reason TEXT")
    config = load_config(request.config_path)
    paths = (request.report, *request.repeats)
    report = read_pooled(paths, fmt=request.fmt, suite=request.suite, commit=request.commit)
    return promote_report(
        request.store,
        PromotionRequest(
            report,
            actor,
            config.compare,
            reason=request.reason,
            forced=request.force,
            run_url=run.run_url,
        ),
        dry_run=request.dry_run,
    )


def require_reason(force: bool, reason: str | None, usage: str) -> None:
    """A forced promotion says why, in words: a blank reason on the record explains nothing."""
    if force and not (reason or "").strip():
        raise ToolingError(f"{usage}: a forced promotion must say why (it is recorded), and not in blanks")


def promote_report(store: BaselineStore, request: PromotionRequest, dry_run: bool) -> Plan | Promoted:
    """The plan (a dry run), or the promotion committed, retried if another lands first."""
    return plan_promotion(store, request) if dry_run else promote(store, request)


def actor_of(run: RunContext, store: BaselineStore, doing: str) -> Actor:
    """Who writes to the branch without --actor: the CI run's actor, else the repository's git identity."""
    if run.actor:
        return Actor.named(run.actor)
    actor = store.default_actor()
    if actor is None:
        raise ToolingError(f"cannot tell who is {doing}: pass --actor NAME, or set git config user.name")
    return actor


# --- the action -------------------------------------------------------------------------------------


def promote_on_github(request: GitHubPromoteRequest, context: Context, client: Client) -> StepResult:
    """Download a run's results, validate, judge by the policy, commit (or only plan, in a dry run)."""
    # The command line's promote needs none of the GitHub adapters: only the action loads them.
    from perfaction.github.baseline_store import GitHubStore  # noqa: PLC0415
    from perfaction.modes.results import fetch_results, locate_artifact, read_results  # noqa: PLC0415

    require_reason(request.force, request.reason, "input 'force' needs input 'reason'")
    built = _check_promotable_run(context, client, request.run_id)
    store = GitHubStore(client.repo, request.baseline_branch, client.mask)
    actor = Actor.named(context.run.actor or ACTION_ACTOR)
    with tempfile.TemporaryDirectory(prefix="perfaction-") as scratch:
        location = locate_artifact(request.results, request.run_id, context, client)
        found = fetch_results(location, request.results, client, Path(scratch))
        reports = read_results(found, request.results, location.config.limits, commit=built)
        if len(reports) != 1:
            suites = ", ".join(report.suite for report in reports)
            raise ToolingError(f"run {request.run_id} holds several suites ({suites}): promote one at a time")
        (report,) = reports
        config = location.config
        promotion = PromotionRequest(
            report,
            actor,
            config.compare.with_thresholds(*request.thresholds),
            reason=request.reason,
            forced=request.force,
            run_url=context.run.run_url,
        )
        try:
            outcome = promote_report(store, promotion, request.dry_run)
        except PromotionRefused as refused:
            return _refused(report.suite, refused)
    return _promoted(request, report.suite, store, outcome)


def _check_promotable_run(context: Context, client: Client, run_id: int) -> str:
    """Only this repository's own successful runs may set the baseline: never a fork's results.

    Returns the commit the run built: the baseline's source commit.
    """
    with client.calling(f"reading workflow run {run_id}"):
        run = client.repo.get_workflow_run(run_id)
        head = run.head_repository.full_name if run.head_repository is not None else None
        conclusion = run.conclusion
        built = run.head_sha
    if head != context.repository:
        raise ToolingError(
            f"run {run_id} built {head}: results from another repository never become the baseline"
        )
    if conclusion != "success":
        raise ToolingError(
            f"run {run_id} concluded {conclusion!r}: only a successful run's results are promoted"
        )
    return built


def _refused(suite: str, refused: PromotionRefused) -> StepResult:
    from perfaction.github.runner import Annotation, StepResult  # noqa: PLC0415 - see promote_on_github
    from perfaction.modes.publish import verbatim  # noqa: PLC0415 - see promote_on_github

    return StepResult(
        ExitCode.REGRESSION,
        f"perf-action promote: the policy refused {suite}",
        f"The baseline is unchanged.\n\n{verbatim(str(refused))}\n",
        [Annotation("error", str(refused), title="promotion refused")],
        outputs={"status": "refused"},
    )


def _promoted(
    request: GitHubPromoteRequest, suite: str, store: BaselineStore, outcome: Plan | Promoted
) -> StepResult:
    """What a promotion (or its dry run) did, for the log, the job summary and the outputs."""
    from perfaction.github.runner import Annotation, StepResult  # noqa: PLC0415 - see promote_on_github
    from perfaction.modes.publish import escape, verbatim  # noqa: PLC0415 - see promote_on_github

    if isinstance(outcome, Plan) and outcome.refused:
        return StepResult(
            ExitCode.REGRESSION,
            f"perf-action promote (dry run): the policy would refuse {suite}",
            f"Dry run: nothing was written.\n\n{verbatim(outcome.render())}\n",
            [Annotation("error", "; ".join(outcome.blockers), title="promotion refused")],
            outputs={"status": "refused"},
        )
    if isinstance(outcome, Plan):
        headline = f"perf-action promote (dry run): would promote {suite}"
        status, done, plan = "planned", "Dry run: nothing was written.", outcome
    else:
        headline = f"perf-action promote: {suite} is now {store.describe(outcome.version)}"
        again = (
            f" after {outcome.attempts} attempts (the branch moved meanwhile)" if outcome.attempts > 1 else ""
        )
        status, done, plan = (
            "promoted",
            f"Committed {outcome.version} to {escape(store.branch)}{again}.",
            outcome.plan,
        )
    summary = f"{done}\n\nResults of run {request.run_id}.\n\n{verbatim(plan.render())}\n"
    return StepResult(ExitCode.OK, headline, summary, [], outputs={"status": status})
