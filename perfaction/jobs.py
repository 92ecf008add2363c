"""Job functions shared by the CLI and the action, so both behave alike."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfaction import jsonio
from perfaction.errors import ExitCode, PerfactionError, Problem, ToolingError, ValidationFailure
from perfaction.ingest import Input, detect, read_report
from perfaction.validation import KINDS, ensure_valid, write_json, write_text

# Stage modules beyond reading and validating are imported inside the job functions that use them,
# so that `perfaction validate` starts as fast as its own work allows.
if TYPE_CHECKING:
    from perfaction.baseline.promote import Plan, Promoted
    from perfaction.baseline.store import Actor, BaselineStore, LogEntry, Snapshot
    from perfaction.compare import MetricHistory
    from perfaction.config import CompareConfig
    from perfaction.model import Report
    from perfaction.render import RenderContext
    from perfaction.summary import Provenance as SummaryProvenance
    from perfaction.summary import RegressionSummary


@dataclass
class ValidationOutcome:
    """What `validate` found for one file."""

    path: Path
    detail: str = ""
    problems: list[Problem] = field(default_factory=list)
    tooling_error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.tooling_error is None

    def messages(self) -> list[str]:
        lines = [str(p) for p in self.problems]
        if self.tooling_error:
            lines.append(f"perfaction: error: {self.tooling_error}")
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "valid": self.ok,
            "detail": self.detail,
            "problems": [p.as_dict() for p in self.problems],
            "error": self.tooling_error,
        }


def validate_paths(paths: list[Path], kind: str = "report", fmt: str = "auto") -> list[ValidationOutcome]:
    """Validate each path; a directory no reader claims is expanded to the JSON files in it."""
    outcomes: list[ValidationOutcome] = []
    for path in paths:
        targets = expand_results(path, fmt) if kind == "report" else [path]
        if not targets:
            outcome = ValidationOutcome(path)
            outcome.problems.append(Problem(str(path), "", "directory holds no benchmark results"))
            outcomes.append(outcome)
        outcomes.extend(_validate_one(target, kind, fmt) for target in targets)
    return outcomes


def validation_exit_code(outcomes: list[ValidationOutcome]) -> ExitCode:
    """An unreadable file outranks bad data: the data may be fine once it can be read."""
    if any(o.tooling_error for o in outcomes):
        return ExitCode.TOOLING
    return ExitCode.OK if all(o.ok for o in outcomes) else ExitCode.INVALID


def expand_results(path: Path, fmt: str) -> list[Path]:
    """The results a path holds: itself, or for a directory no reader claims, the JSON files in it."""
    if not path.is_dir() or fmt != "auto":
        return [path]
    try:
        detect(Input(path))
    except ValidationFailure:
        return sorted(p for p in path.iterdir() if p.suffix == ".json" and p.is_file())
    return [path]


def _validate_one(path: Path, kind: str, fmt: str) -> ValidationOutcome:
    outcome = ValidationOutcome(path)
    try:
        if kind == "report":
            report = read_report(path, fmt=fmt, host=False)
            metrics = sum(len(b.metrics) for b in report.benchmarks)
            outcome.detail = f"{report.source_format}, {len(report.benchmarks)} benchmarks, {metrics} metrics"
        elif kind == "config":
            from perfaction.config import load_config

            load_config(path)
            outcome.detail = "config"
        else:
            ensure_valid(jsonio.load(path), KINDS[kind], str(path))
            outcome.detail = kind
    except ValidationFailure as failure:
        outcome.problems = failure.problems
    except PerfactionError as error:
        outcome.tooling_error = str(error)
    return outcome


# --- baselines ------------------------------------------------------------------------------------


def resolve_actor(explicit: str | None, store: BaselineStore) -> Actor:
    """Who promotes: --actor, else the GitHub actor of the run, else the repository's git identity."""
    name = explicit or os.environ.get("GITHUB_ACTOR")
    if name:
        from perfaction.baseline.store import Actor

        return Actor.named(name)
    actor = store.default_actor()
    if actor is None:
        raise ToolingError("cannot tell who is promoting: pass --actor NAME, or set git config user.name")
    return actor


def run_url_from_env() -> str | None:
    """The GitHub Actions run doing the promotion, when there is one."""
    parts = [os.environ.get(key) for key in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")]
    if not all(parts):
        return None
    server, repository, run = parts
    return f"{server}/{repository}/actions/runs/{run}"


def promote_job(
    report_path: Path,
    store: BaselineStore,
    *,
    actor: Actor,
    fmt: str = "auto",
    suite: str | None = None,
    reason: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    config_path: Path | None = None,
    commit: str | None = None,
) -> Plan | Promoted:
    """Promote a report to baseline: validated first, judged by the policy, committed atomically.

    A dry run returns the plan and writes nothing; a refused promotion raises PromotionRefused (exit 3).
    `commit` is recorded as the source commit when the report names none.
    """
    from perfaction.baseline.promote import PromotionRequest, plan_promotion, promote
    from perfaction.config import load_config

    if force and not reason:
        raise ToolingError("--force needs --reason TEXT: a forced promotion must say why (it is recorded)")
    config = load_config(config_path)
    report = read_report(report_path, fmt=fmt, suite=suite, host=False, commit=commit)
    request = PromotionRequest(
        report,
        actor,
        config.compare,
        reason=reason,
        forced=force,
        run_url=run_url_from_env(),
    )
    if dry_run:
        return plan_promotion(store, request)
    return promote(store, request)


def read_baselines(store: BaselineStore, suite: str | None = None) -> list[Snapshot]:
    """The current baseline of one suite, or of every suite on the branch."""
    tip = store.tip()
    names = [suite] if suite else (store.suites(tip) if tip else [])
    snapshots = [snapshot for name in names if (snapshot := store.read(name, tip)) is not None]
    if suite and not snapshots:
        raise ToolingError(f"no baseline for suite {suite!r} on {store.describe(tip)}")
    return snapshots


def promotion_log(store: BaselineStore, suite: str | None, limit: int) -> dict[str, list[LogEntry]]:
    """Each suite's latest promotions, newest first, from the branch's git history."""
    return {
        snapshot.baseline.suite: list(store.log(snapshot.baseline.suite, limit))
        for snapshot in read_baselines(store, suite)
    }


# --- compare --------------------------------------------------------------------------------------

FAIL_ON = ("failure", "warning", "never")


@dataclass
class StoredBaseline:
    """What a comparison needs from a baseline: the report, its per-metric history and where it came from."""

    report: Report
    history: dict[tuple[str, str], MetricHistory]
    provenance: SummaryProvenance


def stored_baseline(store: BaselineStore, suite: str, merge_base: str | None) -> StoredBaseline | None:
    """The baseline current at the PR's merge-base (else the latest), with its history for the noise model."""
    from perfaction.baseline.select import select_baseline
    from perfaction.compare import MetricHistory
    from perfaction.summary import HistoryPoint, Provenance, Selection

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


_GATING_STATUSES = {"failure": ("FAILURE",), "warning": ("FAILURE", "WARNING"), "never": ()}


@dataclass
class CompareOutcome:
    """The summary of one comparison and the exit code it earns under --fail-on."""

    summary: RegressionSummary
    exit_code: ExitCode
    config_source: str


def compare_job(
    current: Path,
    baseline: Path | None,
    *,
    store: BaselineStore | None = None,
    merge_base: str | None = None,
    config_path: Path | None = None,
    thresholds: tuple[float | None, float | None] = (None, None),
    summary_out: Path | None = None,
    fail_on: str = "failure",
    fmt: str = "auto",
    suite: str | None = None,
    commit: str | None = None,
) -> CompareOutcome:
    """Compare a run with a baseline file, or else with the store's baseline for its suite.

    No baseline at all gives a NEUTRAL summary. `thresholds` (warn, fail percentages) override the
    config's global ones; `suite` overrides the suite name the run records, `commit` fills in the
    commit it was measured on when it records none.
    """
    # Imported here so that `perfaction validate` starts without the comparison's modules.
    from perfaction.compare import compare
    from perfaction.config import load_config
    from perfaction.summary import Provenance, Selection

    config = load_config(config_path)
    settings = _with_thresholds(config.compare, *thresholds)
    # Both sides keep only the environment their files record: the machine running the
    # comparison is not the one that measured them.
    current_report = read_report(current, fmt=fmt, suite=suite, host=False, commit=commit)
    chosen: StoredBaseline | None
    if baseline is not None:
        baseline_report = read_report(baseline, fmt=fmt, host=False)
        chosen = StoredBaseline(
            baseline_report, {}, Provenance(Selection.FILE, source_commit=baseline_report.commit)
        )
    else:
        chosen = stored_baseline(store, current_report.suite, merge_base) if store else None
    summary = compare(
        current_report,
        chosen.report if chosen else None,
        settings,
        history=chosen.history if chosen else None,
        provenance=chosen.provenance if chosen else None,
    )
    if summary_out is not None:
        write_json(summary_out, summary.to_dict(), "regression-summary")
    gated = summary.status in _GATING_STATUSES[fail_on]
    return CompareOutcome(summary, ExitCode.REGRESSION if gated else ExitCode.OK, config.compare.source)


def _with_thresholds(settings: CompareConfig, warn: float | None, fail: float | None) -> CompareConfig:
    warn_pct = settings.warn_pct if warn is None else warn
    fail_pct = settings.fail_pct if fail is None else fail
    if warn_pct > fail_pct:
        raise ToolingError(f"the warn threshold ({warn_pct:g}%) is above the fail threshold ({fail_pct:g}%)")
    return replace(settings, warn_pct=warn_pct, fail_pct=fail_pct)


def render_summary_file(
    summary_path: Path,
    output: str = "comment",
    *,
    markdown_path: Path | None = None,
    html_path: Path | None = None,
    templates: Path | None = None,
    context: RenderContext | None = None,
) -> str:
    """Validate a summary, render one output, write the files asked for; return the Markdown."""
    from perfaction.render import RenderContext, preview_page, render, render_html
    from perfaction.summary import RegressionSummary

    document = jsonio.load(summary_path)
    ensure_valid(document, KINDS["summary"], str(summary_path))
    summary = RegressionSummary.from_dict(document)
    markdown = render(summary, output, context or RenderContext.from_environment(dict(os.environ)), templates)
    html = (
        preview_page(render_html(markdown), title=f"perfaction {output}: {summary.suite}")
        if html_path
        else None
    )
    if markdown_path is not None:
        write_text(markdown_path, markdown)
    if html_path is not None and html is not None:
        write_text(html_path, html)
    return markdown
