"""The static site: a summary page, and per suite pages of charts over the recorded runs.

Works offline and under a strict Content-Security-Policy (no inline script or style, nothing from
another origin): the charts are inline SVG, the filter is dashboard.js, the look is dashboard.css.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import field
from datetime import datetime
from pathlib import Path

from perfaction import packaged
from perfaction.baseline.model import PromotionRecord
from perfaction.baseline.runs import RunHistory, RunSeries
from perfaction.changepoint import DetectedChange, Settings, series_changes
from perfaction.dashboard.chart import Mark, bands, svg
from perfaction.dashboard.text import attribute, checked_base_url, commit_link, number, range_link, text
from perfaction.errors import ToolingError
from perfaction.records import datarecord

CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'"
ASSETS = ("dashboard.css", "dashboard.js", "favicon.svg")
SUMMARY_ROWS = 50


@datarecord(frozen=True)
class SiteOptions:
    """How the site is drawn; nothing here comes from the environment."""

    title: str = "perf-action dashboard"
    repository_url: str | None = None  # e.g. https://github.com/owner/repo, for commit links
    charts_per_page: int = 200
    recent_runs: int = 30  # the summary lists change points among each suite's last this many runs
    noise_k: float = 3.0  # the noise band is the median +- noise_k x the robust spread
    changes: Settings = field(default_factory=Settings)


@datarecord
class SuiteData:
    """One suite's recorded runs and promotions; change points are detected when not given."""

    history: RunHistory
    promotions: Sequence[PromotionRecord] = ()
    changes: Sequence[DetectedChange] | None = None


@datarecord
class Site:
    """What was written."""

    pages: list[Path]
    charts: int
    points: int


@datarecord(frozen=True)
class _Chart:
    suite: str
    page: str
    anchor: str
    series: RunSeries
    changes: list[DetectedChange]


def build_site(suites: Sequence[SuiteData], out: Path, options: SiteOptions | None = None) -> Site:
    """Write the site into `out` (created if needed); existing files of the same names are replaced."""
    options = options or SiteOptions()
    base = checked_base_url(options.repository_url)
    site = Site([], 0, 0)
    assets = out / "assets"
    try:
        assets.mkdir(parents=True, exist_ok=True)
        for name in ASSETS:
            (assets / name).write_text((packaged.directory("perfaction.dashboard.assets") / name).read_text())
        every: list[_Chart] = []
        for suite in suites:
            every += _write_suite(suite, out, base, options, site)
        _write(out / "index.html", _summary_page(suites, every, base, options), site)
    except OSError as error:
        raise ToolingError(f"cannot write the dashboard to {out}: {error.strerror or error}") from error
    return site


def _write(path: Path, page: str, site: Site) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    site.pages.append(path)


def _write_suite(
    suite: SuiteData, out: Path, base: str | None, options: SiteOptions, site: Site
) -> list[_Chart]:
    history = suite.history
    name = history.suite
    all_series = history.all_series()
    found: dict[tuple[str, str], list[DetectedChange]] = {}
    if suite.changes is None:
        for series in all_series:
            found[(series.benchmark, series.metric)] = series_changes(history, series, options.changes)
    else:
        for change in suite.changes:
            found.setdefault((change.benchmark, change.metric), []).append(change)
    per_page = max(options.charts_per_page, 1)
    pages = max(1, -(-len(all_series) // per_page))
    charts = [
        _Chart(
            name,
            _page_name(index // per_page),
            f"c{index}",
            series,
            found.get((series.benchmark, series.metric), []),
        )
        for index, series in enumerate(all_series)
    ]
    promotions = _promotion_marks(history, suite.promotions)
    for page in range(pages):
        chunk = charts[page * per_page : (page + 1) * per_page]
        body = [_suite_header(history, page, pages)]
        body.append('<div class="charts">')
        body += [_figure(chart, history, promotions, base, options) for chart in chunk]
        body.append("</div>")
        title = f"{name} — {options.title}"
        _write(
            out / name / f"{_page_name(page)}.html",
            _page(title, "\n".join(body), "../", filter_box=True),
            site,
        )
        site.charts += len(chunk)
        site.points += sum(len(chart.series.values) for chart in chunk)
    return charts


def _page_name(page: int) -> str:
    return "index" if page == 0 else f"page-{page + 1}"


def _page(title: str, body: str, root: str, *, filter_box: bool = False) -> str:
    search = (
        '<label>Filter <input id="filter" type="search" placeholder="benchmark or metric" autocomplete="off">'
        '</label> <span id="shown"></span>'
        if filter_box
        else ""
    )
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(title)}</title>\n"
        f'<link rel="icon" href="{root}assets/favicon.svg" type="image/svg+xml">\n'
        f'<link rel="stylesheet" href="{root}assets/dashboard.css">\n'
        f'<script src="{root}assets/dashboard.js" defer></script>\n'
        "</head><body>\n"
        f'<header><h1><a href="{root}index.html">{text(title)}</a></h1>{search}</header>\n'
        f"<main>\n{body}\n</main>\n</body></html>\n"
    )


def _suite_header(history: RunHistory, page: int, pages: int) -> str:
    runs = history.runs
    span = f"{runs[0].time[:10]} to {runs[-1].time[:10]}" if runs else "no runs"
    retention = history.retention
    links = " ".join(
        f"<strong>{number + 1}</strong>"
        if number == page
        else f'<a href="{_page_name(number)}.html">{number + 1}</a>'
        for number in range(pages)
    )
    return (
        f"<h2>{text(history.suite)}</h2>\n"
        f'<p class="note">{len(runs)} recorded runs, {span} (keeping at most {retention.max_runs} runs '
        f"within {retention.max_age_days} days). Shaded: the noise band between change points.</p>\n"
        '<p class="legend"><span class="regression">| regression</span> '
        '<span class="improvement">| improvement</span> '
        '<span class="promotion">¦ baseline promoted</span></p>\n'
        + (f'<p class="pages">Page {links}</p>' if pages > 1 else "")
    )


def _figure(
    chart: _Chart, history: RunHistory, promotions: list[Mark], base: str | None, options: SiteOptions
) -> str:
    series = chart.series
    runs = history.runs
    cuts = [change.point.index for change in chart.changes]
    marks = [*promotions]
    items = []
    for change in chart.changes:
        kind = "regression" if change.regression else "improvement"
        size = _size(change)
        older, newer = change.commit_range
        marks.append(
            Mark(
                series.positions[change.point.index] - 0.5,
                kind,
                f"{size} between runs {change.last_before.seq} and {change.first_after.seq}",
            )
        )
        items.append(f'<li class="{kind}">{text(size)} between {range_link(base, older, newer)}</li>')
    latest = runs[series.positions[-1]]
    direction = "lower" if series.direction == "lower" else "higher"
    label = f"{series.benchmark} {series.metric}"
    drawing = svg(
        len(runs),
        series.positions,
        series.values,
        band_list=bands(series.positions, series.values, cuts, options.noise_k),
        marks=marks,
        label=label,
    )
    return (
        f'<figure class="chart" id="{chart.anchor}" data-name="{attribute(label.lower())}">'
        f'<figcaption>{text(series.benchmark)} <span class="meta">{text(series.metric)} in '
        f"{text(series.unit)}, {direction} is better · latest {number(series.values[-1])} at "
        f"{commit_link(base, latest.commit)}</span></figcaption>{drawing}"
        + (f"<ul>{''.join(items)}</ul>" if items else "")
        + "</figure>"
    )


def _size(change: DetectedChange) -> str:
    point = change.point
    interval = (
        f" (95 % CI {point.lower_pct:+.1f} to {point.upper_pct:+.1f} %)"
        if point.lower_pct is not None and point.upper_pct is not None
        else ""
    )
    return f"{point.change_pct:+.1f} %{interval}"


def _promotion_marks(history: RunHistory, promotions: Sequence[PromotionRecord]) -> list[Mark]:
    """A promotion sits at the run of its source commit, else at the first run measured after it."""
    runs = history.runs
    marks = []
    for record in promotions:
        at = next(
            (i for i, run in enumerate(runs) if record.source_commit and run.commit == record.source_commit),
            None,
        )
        if at is None:
            moment = _moment(record.promoted_at)
            at = next((i for i, run in enumerate(runs) if _moment(run.time) >= moment), None)
        if at is not None:
            source = f" from {record.source_commit[:12]}" if record.source_commit else ""
            title = f"baseline promoted {record.promoted_at[:10]} by {record.promoted_by}{source}"
            marks.append(Mark(at, "promotion", title))
    return marks


def _summary_page(
    suites: Sequence[SuiteData], charts: list[_Chart], base: str | None, options: SiteOptions
) -> str:
    lengths = {suite.history.suite: len(suite.history) for suite in suites}
    recent = [
        (chart, change)
        for chart in charts
        for change in chart.changes
        if chart.series.positions[change.point.index] >= lengths[chart.suite] - options.recent_runs
    ]
    recent.sort(key=lambda pair: -abs(pair[1].point.change_pct))
    rows = []
    for chart, change in recent[:SUMMARY_ROWS]:
        kind = "regression" if change.regression else "improvement"
        older, newer = change.commit_range
        rows.append(
            f'<tr><td>{text(chart.suite)}</td><td><a href="{chart.suite}/{chart.page}.html#{chart.anchor}">'
            f"{text(change.benchmark)}</a></td><td>{text(change.metric)}</td>"
            f'<td class="num {kind}">{text(_size(change))}</td><td>{range_link(base, older, newer)}</td>'
            f"<td>{change.first_after.time[:10]}</td></tr>"
        )
    counts = Counter(chart.suite for chart in charts)
    suite_list = "".join(
        f'<li><a href="{suite.history.suite}/index.html">{text(suite.history.suite)}</a>: '
        f"{len(suite.history)} recorded runs, {counts[suite.history.suite]} charts</li>"
        for suite in suites
    )
    table = (
        "<table><thead><tr><th>suite</th><th>benchmark</th><th>metric</th><th>change</th>"
        f"<th>between commits</th><th>from</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        if rows
        else f'<p class="note">No change points among the last {options.recent_runs} runs of any suite.</p>'
    )
    body = (
        f"<h2>Suites</h2><ul>{suite_list}</ul>\n"
        f"<h2>Largest recent changes</h2>\n"
        f'<p class="note">Change points among each suite\'s last {options.recent_runs} recorded runs, '
        f"largest first.</p>\n{table}"
    )
    return _page(options.title, body, "")


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
