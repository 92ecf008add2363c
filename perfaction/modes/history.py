"""Dashboard and backtest modes: what the recorded history of main shows, read from the baseline branch.

`dashboard` writes the static site of every suite's recorded runs; `backtest` replays the comparison
rule over them, so maintainers see what a set of settings would have said before they commit it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from perfaction.backtest import BacktestAlert, BacktestResult, backtest
from perfaction.baseline.runs import RunHistory, read_runs
from perfaction.baseline.store import BaselineStore
from perfaction.config import CompareConfig, load_config
from perfaction.dashboard import Site, SiteOptions, SuiteData, build_site
from perfaction.dashboard.text import checked_base_url, commit_link, text
from perfaction.errors import ExitCode, ToolingError
from perfaction.records import datarecord

if TYPE_CHECKING:
    from perfaction.github.client import Client
    from perfaction.github.context import Context
    from perfaction.github.runner import StepResult


@datarecord(frozen=True)
class DashboardRequest:
    """Where to write the site, from which store; commit links point into `repository_url`."""

    store: BaselineStore
    out: Path
    suite: str | None = None
    repository_url: str | None = None


@datarecord(frozen=True)
class BacktestRequest:
    store: BaselineStore
    config_path: Path | None = None
    suite: str | None = None


def recorded_histories(store: BaselineStore, suite: str | None) -> list[RunHistory]:
    """Every suite's recorded runs (or the one asked for); a loud error when there are none to show."""
    tip = store.tip()
    names = [suite] if suite else (store.suites(tip) if tip else [])
    histories = [history for name in names if (history := read_runs(store, name, tip)) is not None]
    if not histories:
        where = f"suite {suite}" if suite else "any suite"
        raise ToolingError(
            f"no recorded runs of {where} on {store.describe(tip)}: record runs of main first "
            "(`perfaction baseline record REPORT`, or the action's `mode: record`)"
        )
    return histories


def write_dashboard(request: DashboardRequest) -> Site:
    """The site of every recorded suite, with its promotions marked."""
    store = request.store
    suites = []
    for history in recorded_histories(store, request.suite):
        snapshot = store.read(history.suite)
        suites.append(SuiteData(history, snapshot.history.promotions if snapshot else ()))
    return build_site(suites, request.out, SiteOptions(repository_url=repository(request.repository_url)))


def repository(url: str | None) -> str | None:
    """The base of commit links, checked before anything is written."""
    try:
        return checked_base_url(url)
    except ValueError as error:
        raise ToolingError(f"--repository-url: {error}") from error


def dashboard_on_github(site_dir: str, baseline_branch: str, context: Context, client: Client) -> StepResult:
    """The site of the branch read through the API, written into the workspace for a Pages upload."""
    # Only the action loads the GitHub adapters.
    from perfaction.github.baseline_store import GitHubStore  # noqa: PLC0415
    from perfaction.github.runner import StepResult  # noqa: PLC0415

    workspace = context.run.workspace.resolve()
    out = (workspace / site_dir).resolve()
    if not out.is_relative_to(workspace) or out == workspace:
        raise ToolingError(f"input 'site-dir': {site_dir!r} must be a directory inside the workspace")
    request = DashboardRequest(
        GitHubStore(client.repo, baseline_branch),
        out,
        repository_url=f"{context.server_url.rstrip('/')}/{context.repository}",
    )
    site = write_dashboard(request)
    headline = f"perf-action dashboard: {len(site.pages)} pages, {site.charts} charts"
    summary = f"Wrote the dashboard of {baseline_branch} ({site.points} points) to `{site_dir}`.\n"
    return StepResult(ExitCode.OK, headline, summary, outputs={"status": "written"})


def run_backtest(request: BacktestRequest) -> tuple[CompareConfig, list[BacktestResult]]:
    """Each recorded run judged against the one before it, under the configured comparison settings."""
    config = load_config(request.config_path).compare
    return config, [backtest(history, config) for history in recorded_histories(request.store, request.suite)]


def backtest_table(config: CompareConfig, results: list[BacktestResult]) -> str:
    """A plain-text report: the settings, then per suite its alerts and the change points caught or missed."""
    lines = [f"settings: {config.source}; warn {config.warn_pct:g}%, fail {config.fail_pct:g}%"]
    for result in results:
        lines += [
            "",
            f"suite {result.suite}: {result.runs_judged} runs judged against the run before, "
            f"{len(result.alerts)} alerts ({len(result.unexplained)} on no change point), "
            f"{len(result.caught)} change points caught, {len(result.missed)} regressions missed",
        ]
        lines += [
            f"  {a.status:<8} run {a.run.seq} ({_short(a.run.commit)}) {a.benchmark} {a.metric}: "
            f"{_percent(a.regression_pct)} against {a.against}"
            for a in result.alerts
        ]
        lines += [
            f"  missed   {o.change.benchmark} {o.change.metric}: {o.change.point.change_pct:+.1f}% "
            f"between {_short(o.change.last_before.commit)} and {_short(o.change.first_after.commit)}"
            for o in result.missed
        ]
    return "\n".join(lines)


def backtest_page(config: CompareConfig, results: list[BacktestResult], repository_url: str | None) -> str:
    """The same report as one static page: no scripts, every value escaped."""
    repository_url = repository(repository_url)
    sections = []
    for result in results:
        rows = "".join(
            "<tr>" + "".join(f"<td>{cell}</td>" for cell in _alert_cells(a, repository_url)) + "</tr>"
            for a in result.alerts
        )
        sections.append(
            f"<h2>{text(result.suite)}</h2><p>{result.runs_judged} runs judged, {len(result.alerts)} alerts, "
            f"{len(result.caught)} change points caught, {len(result.missed)} regressions missed.</p>"
            "<table><thead><tr><th>status</th><th>run</th><th>commit</th><th>benchmark</th><th>metric</th>"
            f"<th>change</th><th>against</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    settings = f"warn {config.warn_pct:g}%, fail {config.fail_pct:g}% ({config.source})"
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        f"<title>perf-action backtest</title></head><body><h1>Backtest</h1><p>Settings: {text(settings)}</p>"
        f"{''.join(sections)}</body></html>\n"
    )


def _alert_cells(alert: BacktestAlert, repository_url: str | None) -> list[str]:
    """One alert as escaped table cells: status, run, commit, benchmark, metric, change, against."""
    return [
        text(alert.status),
        str(alert.run.seq),
        commit_link(repository_url, alert.run.commit),
        *(
            text(value)
            for value in (alert.benchmark, alert.metric, _percent(alert.regression_pct), alert.against)
        ),
    ]


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.1f}%"


def _short(commit: str | None) -> str:
    return (commit or "no commit")[:12]
