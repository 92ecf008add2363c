"""Compare mode: judge a run against its baseline, metric by metric.

The command line compares one file; the action compares every suite it finds (in the workspace or
in an artifact) and publishes each verdict. Both judge a report with `judge`.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from perfaction.baseline.select import select_baseline
from perfaction.baseline.store import BaselineStore
from perfaction.compare import MetricHistory, compare
from perfaction.config import CompareConfig, load_config
from perfaction.errors import ExitCode, ToolingError, ValidationFailure
from perfaction.ingest import pooled, read_report
from perfaction.model import Report
from perfaction.summary import HistoryPoint, Provenance, RegressionSummary
from perfaction.validation import write_json
from perfaction.verdicts import FailOn, Selection

if TYPE_CHECKING:
    from perfaction.github.client import Client
    from perfaction.github.context import Context
    from perfaction.github.runner import StepResult
    from perfaction.modes.publish import Publishing
    from perfaction.modes.results import ResultsRequest

SUMMARY_DIR = ".perfaction"


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class GitHubCompareRequest:
    """The action's compare: where the results are, how to judge them, how to publish the verdicts."""

    results: ResultsRequest
    publishing: Publishing
    baseline_branch: str
    thresholds: tuple[float | None, float | None] = (None, None)


@dataclass
class StoredBaseline:
    """What a comparison needs from a baseline: the report, its per-metric history and where it came from."""

    report: Report
    history: dict[tuple[str, str], MetricHistory]
    provenance: Provenance


@dataclass
class CompareOutcome:
    """The summary of one comparison and the exit code it earns under --fail-on."""

    summary: RegressionSummary
    exit_code: ExitCode
    config_source: str


def compare_files(request: CompareRequest) -> CompareOutcome:
    """Compare a run with a baseline file, or else with the store's baseline for its suite.

    Several runs of the suite are pooled as repetitions first. No baseline at all gives a NEUTRAL summary.
    """
    config = load_config(request.config_path)
    settings = with_thresholds(config.compare, *request.thresholds)
    # Both sides keep only the environment their files record: the machine running the
    # comparison is not the one that measured them.
    runs = [
        read_report(path, fmt=request.fmt, suite=request.suite, commit=request.commit)
        for path in (request.current, *request.repeats)
    ]
    current = pooled(runs, [str(path) for path in (request.current, *request.repeats)])
    chosen: StoredBaseline | None
    if request.baseline is not None:
        baseline = read_report(request.baseline, fmt=request.fmt)
        chosen = StoredBaseline(baseline, {}, Provenance(Selection.FILE, source_commit=baseline.commit))
    else:
        chosen = stored_baseline(request.store, current.suite, request.merge_base) if request.store else None
    return judge(current, settings, chosen, request.fail_on, request.summary_out)


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
        write_json(summary_out, summary.to_dict(), "regression-summary")
    code = ExitCode.REGRESSION if fail_on.gates(summary.status) else ExitCode.OK
    return CompareOutcome(summary, code, settings.source)


def with_thresholds(settings: CompareConfig, warn: float | None, fail: float | None) -> CompareConfig:
    warn_pct = settings.warn_pct if warn is None else warn
    fail_pct = settings.fail_pct if fail is None else fail
    if warn_pct > fail_pct:
        raise ToolingError(f"the warn threshold ({warn_pct:g}%) is above the fail threshold ({fail_pct:g}%)")
    return replace(settings, warn_pct=warn_pct, fail_pct=fail_pct)


def stored_baseline(store: BaselineStore, suite: str, merge_base: str | None) -> StoredBaseline | None:
    """The baseline current at the PR's merge-base (else the latest), with its history for the noise model."""
    selection = select_baseline(store, suite, merge_base)
    if selection is None:
        return None
    baseline, history = selection.snapshot.baseline, selection.snapshot.history
    series = {
        (benchmark, metric): MetricHistory(
            entry.unit,
            [HistoryPoint(p.value, p.commit, p.promoted_at) for p in history.points(benchmark, metric)],
        )
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
        ),
    )


def summary_path(workspace: Path, suite: str) -> Path:
    return workspace / SUMMARY_DIR / f"{suite}.summary.json"


# --- the action -------------------------------------------------------------------------------------


def compare_on_github(request: GitHubCompareRequest, context: Context, client: Client) -> StepResult:
    """Find, validate, compare, render, publish: one comment and one check run per suite."""
    # The command line's compare needs none of the GitHub adapters: only the action loads them.
    from perfaction.github.baseline_store import GitHubStore  # noqa: PLC0415
    from perfaction.modes.publish import invalid_results, publish_verdicts  # noqa: PLC0415
    from perfaction.modes.results import fetch_results, locate_results, read_results  # noqa: PLC0415

    commit = context.run.commit
    with tempfile.TemporaryDirectory(prefix="perfaction-") as scratch:
        try:
            location = locate_results(request.results, context, client)
            commit = location.commit
            found = fetch_results(location, request.results, client, Path(scratch))
            reports = read_results(found, request.results, commit=commit)
        except ValidationFailure as failure:
            check_name = request.publishing.check_name
            return invalid_results(client, failure, check_name, commit, context.run_url)
        config = location.config or load_config(request.results.config_path)
        settings = with_thresholds(config.compare, *request.thresholds)
        store = GitHubStore(client.repo, request.baseline_branch)
        fail_on = FailOn.FAILURE if request.publishing.fail_on_regression else FailOn.NEVER
        workspace = context.run.workspace
        outcomes = [
            judge(
                report,
                settings,
                stored_baseline(store, report.suite, None),
                fail_on,
                summary_path(workspace, report.suite),
            )
            for report in reports
        ]
    summaries = [outcome.summary for outcome in outcomes]
    verdict = max((outcome.exit_code for outcome in outcomes), default=ExitCode.OK)
    paths = [summary_path(workspace, summary.suite) for summary in summaries]
    return publish_verdicts(
        client,
        context,
        request.publishing,
        summaries=summaries,
        verdict=verdict,
        summary_paths=paths,
        results=(commit, found),
    )
