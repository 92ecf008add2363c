"""Compare mode: judge a run against its baseline, metric by metric.

The command line compares one file; the action compares every suite it finds (in the workspace or
in an artifact) and publishes each verdict. Both judge a report with `judge`.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from perfaction.compare import MetricHistory, compare
from perfaction.config import CompareConfig, load_config
from perfaction.errors import ExitCode, ToolingError, ValidationFailure
from perfaction.ingest import read_pooled, read_report
from perfaction.jsonio import without_cycle_collection
from perfaction.model import Report
from perfaction.records import datarecord
from perfaction.summary import HistoryPoint, Provenance, RegressionSummary
from perfaction.validation import write_json
from perfaction.verdicts import FailOn, HistorySource, Selection

if TYPE_CHECKING:
    from perfaction.baseline.model import HistoryPoint as PromotedPoint
    from perfaction.baseline.runs import RunHistory
    from perfaction.baseline.store import BaselineStore
    from perfaction.github.client import Client
    from perfaction.github.context import Context, PullRequest
    from perfaction.github.runner import StepResult
    from perfaction.modes.publish import Publishing
    from perfaction.modes.results import ResultsRequest

SUMMARY_DIR = ".perfaction"


@datarecord(frozen=True)
class CompareRequest:
    """A run's results and what to compare them with: a baseline file, or the store's baseline.

    `thresholds` (warn, fail percentages) override the config's global ones; `suite` overrides the
    suite name the run records, `commit` fills in the commit it was measured on when it records none.
    """

    current: Path
    baseline: Path | None = None
    repeats: tuple[Path, ...] = ()  # more runs of the same suite, pooled with `current` as repetitions
    store: BaselineStore | None = None
    merge_base: str | None = None
    config_path: Path | None = None
    thresholds: tuple[float | None, float | None] = (None, None)
    summary_out: Path | None = None
    fail_on: FailOn = FailOn.FAILURE
    fmt: str = "auto"
    suite: str | None = None
    commit: str | None = None


@datarecord(frozen=True)
class GitHubCompareRequest:
    """The action's compare: where the results are, how to judge them, how to publish the verdicts.

    A pull request carrying the publishing's `acknowledge_label` has every regression acknowledged.
    """

    results: ResultsRequest
    publishing: Publishing
    baseline_branch: str
    thresholds: tuple[float | None, float | None] = (None, None)


@datarecord
class StoredBaseline:
    """What a comparison needs from a baseline: the report, its per-metric history and where it came from."""

    report: Report
    history: dict[tuple[str, str], MetricHistory]
    provenance: Provenance


@datarecord
class CompareOutcome:
    """The summary of one comparison, the exit code it earns under --fail-on, and what to tell the user
    about the settings and the baseline (where it was read, acknowledgements that expired)."""

    summary: RegressionSummary
    exit_code: ExitCode
    config_source: str
    notes: list[str] = field(default_factory=list)


def compare_files(request: CompareRequest) -> CompareOutcome:
    """Compare a run with a baseline file, or else with the store's baseline for its suite.

    Several runs of the suite are pooled as repetitions first. No baseline at all gives a NEUTRAL summary.
    """
    config = load_config(request.config_path)
    settings = config.compare.with_thresholds(*request.thresholds)
    # Both sides keep only the environment their files record: the machine running the
    # comparison is not the one that measured them.
    paths = (request.current, *request.repeats)
    current = read_pooled(paths, fmt=request.fmt, suite=request.suite, commit=request.commit)
    chosen: StoredBaseline | None = None
    store = request.store
    if request.baseline is not None:
        baseline = read_report(request.baseline, fmt=request.fmt)
        chosen = StoredBaseline(baseline, {}, Provenance(Selection.FILE, source_commit=baseline.commit))
    elif store is not None:
        merge_base = store.resolve(request.merge_base) if request.merge_base else None
        chosen = baselines_for(store, [current.suite], merge_base)[current.suite]
    outcome = judge(current, settings, chosen, request.fail_on, request.summary_out)
    reading = store.reading() if store is not None and request.baseline is None else None
    outcome.notes = [*settings.notes(), *([f"baselines: {reading}"] if reading else [])]
    return outcome


def judge(
    report: Report,
    settings: CompareConfig,
    baseline: StoredBaseline | None,
    fail_on: FailOn,
    summary_out: Path | None,
) -> CompareOutcome:
    """The comparison of one report, its summary written (validated) where asked, and its exit code."""
    summary = compare(
        report,
        baseline.report if baseline else None,
        settings,
        history=baseline.history if baseline else None,
        provenance=baseline.provenance if baseline else None,
    )
    if summary_out is not None:
        with without_cycle_collection():  # a row's dicts hold no cycles
            write_json(summary_out, summary.to_dict(), "regression-summary", compact=True)
    code = ExitCode.REGRESSION if fail_on.gates(summary.status) else ExitCode.OK
    return CompareOutcome(summary, code, settings.source)


def baselines_for(
    store: BaselineStore, suites: list[str], merge_base: str | None
) -> dict[str, StoredBaseline | None]:
    """Each suite's baseline. A store that holds baselines, but for none of these suites, is a suite
    named differently from the one promoted: a misconfiguration (exit 4), never "no baseline yet"."""
    found = {suite: stored_baseline(store, suite, merge_base) for suite in suites}
    if any(found.values()):
        return found
    tip = store.tip()
    present = store.suites(tip) if tip else []
    if present:
        wanted = ", ".join(repr(suite) for suite in suites)
        raise ToolingError(
            f"no baseline for suite {wanted} on {store.describe(tip)}, which holds baselines for: "
            f"{', '.join(present)}. Compare under the suite name the baseline was promoted with "
            f"(compare --suite NAME, or the action's `suite` input), or promote a first baseline for {wanted}"
        )
    return found


def stored_baseline(store: BaselineStore, suite: str, merge_base: str | None) -> StoredBaseline | None:
    """What a run is judged against, with the earlier values its noise model and trend use.

    The recorded run of main at the PR's merge-base when there is one, else the promoted baseline
    current there (else the latest); the earlier values are the suite's newest recorded runs when
    it has any, else its promotions'.
    """
    # A baseline file needs none of the store's modules: only a comparison against the store loads them.
    from perfaction.baseline.runs import HISTORY_WINDOW, noise_history, read_runs  # noqa: PLC0415

    recorded = read_runs(store, suite, newest=HISTORY_WINDOW, commit=merge_base)
    at = recorded.position_of(merge_base) if recorded is not None and merge_base else None
    chosen = (
        recorded_baseline(recorded, at) if recorded and at is not None else promoted(store, suite, merge_base)
    )
    if chosen is not None and recorded:
        chosen.history = noise_history(recorded)
        chosen.provenance.history = HistorySource.RECORDED_RUNS
    return chosen


def recorded_baseline(recorded: RunHistory, position: int) -> StoredBaseline:
    """A recorded run as the baseline: its statistics, no samples (the noise comes from the history)."""
    run = recorded.runs[position]
    return StoredBaseline(
        recorded.report(position),
        {},
        Provenance(Selection.RECORDED_RUN, source_commit=run.commit, commits_behind=0),
    )


def promoted(store: BaselineStore, suite: str, merge_base: str | None) -> StoredBaseline | None:
    """The promoted baseline current at the PR's merge-base (else the latest), with its promotions."""
    from perfaction.baseline.select import select_baseline  # noqa: PLC0415 - the store's: as above

    selection = select_baseline(store, suite, merge_base)
    if selection is None:
        return None
    baseline, history = selection.snapshot.baseline, selection.snapshot.history
    series = {
        (benchmark, metric): _promotion_history(entry.unit, history.points(benchmark, metric))
        for benchmark, metrics in history.series.items()
        for metric, entry in metrics.items()
    }
    provenance = baseline.provenance
    return StoredBaseline(
        baseline.report,
        series,
        Provenance(
            # The date rule stands in for the merge-base when the project's history cannot tell.
            selection=Selection.LATEST if selection.rule == "latest" else Selection.MERGE_BASE,
            source_commit=provenance.source_commit,
            promoted_at=provenance.promoted_at,
            promoted_by=provenance.promoted_by,
            reason=provenance.reason,
            commits_behind=selection.behind,
            history=HistorySource.PROMOTIONS if series else None,
        ),
    )


def _promotion_history(unit: str, points: list[PromotedPoint]) -> MetricHistory:
    """A promotion series for the verdict: each run's location where its samples gave one, else its value."""
    return MetricHistory(
        unit,
        [HistoryPoint(p.value, p.commit, p.promoted_at) for p in points],
        [p.value if p.location is None else p.location for p in points],
    )


def summary_path(workspace: Path, suite: str) -> Path:
    return workspace / SUMMARY_DIR / f"{suite}.summary.json"


# --- the action -------------------------------------------------------------------------------------


def compare_on_github(request: GitHubCompareRequest, context: Context, client: Client) -> StepResult:
    """Find, validate, compare, render, publish: one comment and one check run per suite.

    The pull request is found first: its merge-base chooses the baseline and its labels may
    acknowledge the regressions.
    """
    # The command line's compare needs none of the GitHub adapters: only the action loads them.
    import tempfile  # noqa: PLC0415

    from perfaction.github.baseline_store import GitHubStore  # noqa: PLC0415
    from perfaction.github.context import find_pull_request  # noqa: PLC0415
    from perfaction.modes.publish import Published, invalid_results, publish_verdicts  # noqa: PLC0415
    from perfaction.modes.results import each_result, fetch_results, locate_results  # noqa: PLC0415

    commit = context.run.commit
    with tempfile.TemporaryDirectory(prefix="perfaction-") as scratch:
        try:
            location = locate_results(request.results, context, client)
            commit = location.commit
            found = fetch_results(location, request.results, client, Path(scratch))
            # One suite's samples in memory at a time.
            suites, reports = each_result(found, request.results, location.config.limits, commit=commit)
        except ValidationFailure as failure:
            check_name = request.publishing.check_name
            return invalid_results(client, failure, check_name, commit, context.run_url)
        published = Published()
        pull = published.attempt(
            "find the pull request", lambda: find_pull_request(context, client, found.pull_hint)
        )
        config = location.config
        settings = _label_acknowledgement(
            config.compare.with_thresholds(*request.thresholds), pull, request.publishing.acknowledge_label
        )
        store = GitHubStore(client.repo, request.baseline_branch, client.mask)
        merge_base = store.merge_base(pull.base_sha, pull.head_sha) if pull and pull.base_sha else None
        baselines = baselines_for(store, suites, merge_base)
        fail_on = FailOn.FAILURE if request.publishing.fail_on_regression else FailOn.NEVER
        workspace = context.run.workspace
        outcomes = [
            judge(report, settings, baselines[report.suite], fail_on, summary_path(workspace, report.suite))
            for report in reports
        ]
    summaries = [outcome.summary for outcome in outcomes]
    published.warnings(settings.notes())
    return publish_verdicts(
        client,
        context,
        request.publishing,
        summaries=summaries,
        verdict=max((outcome.exit_code for outcome in outcomes), default=ExitCode.OK),
        summary_paths=[summary_path(workspace, summary.suite) for summary in summaries],
        results=(commit, pull, published),
    )


def _label_acknowledgement(settings: CompareConfig, pull: PullRequest | None, label: str) -> CompareConfig:
    """A pull request labelled `label` by someone allowed to label it acknowledges its regressions."""
    if pull is None or not label or label not in pull.labels:
        return settings
    return settings.acknowledging(f"the pull request carries the {label} label")
