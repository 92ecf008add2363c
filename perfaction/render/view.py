"""The view-model: everything a template shows, sorted, grouped and formatted, so templates only lay it out.

Artifact strings stay plain `str` here and are escaped when a template prints them; everything perf-action
formats itself (numbers, units, badges, dates, commit spans) is `Markdown`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from perfaction import __version__
from perfaction.render.escape import Markdown, escape, mermaid
from perfaction.summary import MetricRow, RegressionSummary, SloRow
from perfaction.units import convert, display_symbol, display_unit, format_quantity

T = TypeVar("T")

OVERALL_BADGES = {"PASS": "✅", "WARNING": "⚠️", "FAILURE": "❌", "NEUTRAL": "ℹ️"}
STATUS_BADGES = {
    "failure": "❌ failure",
    "warning": "⚠️ warning",
    "pass": "✅ pass",
    "improved": "🚀 improved",
    "new": "🆕 new",
    "missing": "➖ missing",
    "neutral": "ℹ️ no baseline",
}
SELECTIONS = {
    "merge-base": "the baseline at this branch's merge-base",
    "latest": "the latest baseline",
    "file": "a baseline file given on the command line",
}
ENVIRONMENT_KEYS = ("os", "kernel", "cpu_model", "cores", "runner", "toolchain")
HEADLINE_MAX_BENCHMARKS = 4
BRIEF_SLOS = 5
_COMMIT = re.compile(r"[A-Za-z0-9._-]{1,64}")
_HEX_COMMIT = re.compile(r"[0-9a-f]{9,64}")
_RUN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~-]+)*/?")
_VERSION = re.compile(r"[0-9A-Za-z.+-]{1,40}")
_DIGITS = re.compile(r"(\d+)")
_REGRESSED = ("failure", "warning")


@dataclass(frozen=True)
class RenderContext:
    """Facts about this run that come from the runner, never from an artifact."""

    version: str
    run_url: str | None = None

    @classmethod
    def from_environment(cls, environ: dict[str, str]) -> RenderContext:
        """Link to the workflow run GitHub Actions describes in its standard variables."""
        server, repository, run_id = (
            environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")
        )
        run_url = f"{server}/{repository}/actions/runs/{run_id}" if server and repository and run_id else None
        return cls(version=__version__, run_url=run_url)


@dataclass
class Section(Generic[T]):
    """Items of one kind, possibly cut to fit a size budget; `omitted` says how many were left out."""

    items: list[T]
    total: int

    @property
    def omitted(self) -> int:
        return self.total - len(self.items)

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass
class ChartView:
    """One Mermaid xychart of a metric over its baseline history, ending with this run."""

    title: Markdown
    unit: Markdown
    labels: list[Markdown]
    values: Markdown


@dataclass
class RowView:
    benchmark: str
    metric: str
    status: str
    baseline: Markdown
    current: Markdown
    change: Markdown
    verdict: Markdown
    reason: str
    explain: bool  # statistics, caveats or a non-gating regression: the reason says more than the table
    acknowledged_reason: str | None
    chart: ChartView | None


@dataclass
class SloView:
    benchmark: str
    metric: str
    limit: Markdown
    current: Markdown
    margin: Markdown
    verdict: Markdown
    missed: bool


@dataclass
class HeadlineItem:
    label: str
    value: Markdown


@dataclass
class EnvironmentRow:
    key: Markdown
    baseline: Any
    current: Any
    differs: bool


@dataclass
class EnvironmentView:
    differs: bool
    declared_comparable: bool
    differences: list[EnvironmentRow]
    rows: list[EnvironmentRow]
    current_fingerprint: Markdown
    baseline_fingerprint: Markdown | None


@dataclass
class BaselineView:
    commit: Markdown | None
    selection: Markdown
    promoted_at: Markdown | None
    promoted_by: str | None
    reason: str | None
    commits_behind: int | None


@dataclass
class RunView:
    commit: Markdown | None
    ref: str | None
    timestamp: Markdown | None


@dataclass(frozen=True)
class Detail:
    """How much a rendering shows; budgets step down through these before cutting rows."""

    charts: bool = True
    unchanged: bool = True
    environment: bool = True


@dataclass
class ReportView:
    """What every template receives as `view`."""

    suite: str
    marker: Markdown
    status: str
    emoji: Markdown
    badge: Markdown
    sentence: Markdown
    headline: list[HeadlineItem]
    counts: Markdown
    geomean: Markdown | None
    multi_metric: bool
    # Row sections hold MetricRows until `limited` turns the rows that will be shown into RowViews.
    changed: Section[Any]
    unchanged: Section[Any]
    new: Section[Any]
    missing: Section[Any]
    current_only: Section[Any]
    slos: Section[SloView]
    charts: list[ChartView]
    baseline: BaselineView | None
    current_run: RunView
    environment: EnvironmentView
    thresholds: Markdown
    ignored: int
    version: Markdown
    run_url: Markdown | None
    show: Detail = field(default_factory=Detail)
    _row_views: dict[int, RowView] = field(default_factory=dict, repr=False)

    @property
    def explained(self) -> list[RowView]:
        """Shown changed rows whose verdict needs more than the table to understand."""
        return [row for row in self.changed.items if row.explain]

    @property
    def slos_brief(self) -> Section[SloView]:
        """A few SLOs are all shown; of many, only the missed ones, the rest counted as omitted."""
        if self.slos.total <= BRIEF_SLOS:
            return self.slos
        return Section([slo for slo in self.slos.items if slo.missed], self.slos.total)

    @property
    def acknowledged(self) -> list[RowView]:
        return [row for row in self.changed.items if row.acknowledged_reason]

    def row_count(self) -> int:
        return sum(section.total for section in self._sections())

    def limited(self, detail: Detail, rows: int | None, max_charts: int) -> ReportView:
        """A copy showing at most `rows` items over all sections, the most important sections first."""
        remaining = self.row_count() if rows is None else rows
        cut: dict[str, Any] = {}
        for name in ("changed", "slos", "new", "missing", "current_only", "unchanged"):
            section: Section[Any] = getattr(self, name)
            visible = section.items if name != "unchanged" or detail.unchanged else []
            kept = visible[: max(remaining, 0)]
            remaining -= len(kept)
            cut[name] = Section([self._shown(item) for item in kept], section.total)
        charts = [row.chart for row in cut["changed"].items if row.chart] if detail.charts else []
        return dataclasses.replace(self, **cut, charts=charts[:max_charts], show=detail)

    def _shown(self, item: Any) -> Any:
        """Format a row only once it is shown: large suites show a fraction of their rows."""
        if not isinstance(item, MetricRow):
            return item
        if id(item) not in self._row_views:
            self._row_views[id(item)] = _row_view(item)
        return self._row_views[id(item)]

    def _sections(self) -> Iterable[Section[Any]]:
        return (self.changed, self.slos, self.new, self.missing, self.current_only, self.unchanged)


def marker(suite: str) -> Markdown:
    """The hidden comment that lets the action find and update its own comment for a suite."""
    name = re.sub(r"[^A-Za-z0-9._-]", "_", suite).replace("--", "-%2D")
    return Markdown(f"<!-- perfaction:{name} -->")


def build_view(summary: RegressionSummary, context: RenderContext) -> ReportView:
    """Sort, group and format a regression summary for the templates."""
    multi_metric = _multi_metric(summary.rows)

    def section(predicate: Callable[[MetricRow], bool], key: Callable[[MetricRow], Any]) -> Section[Any]:
        chosen = sorted((row for row in summary.rows if predicate(row)), key=key)
        return Section(chosen, len(chosen))

    by_name: Callable[[MetricRow], Any] = lambda row: (_natural(row.benchmark), row.metric)  # noqa: E731
    return ReportView(
        suite=summary.suite,
        marker=marker(summary.suite),
        status=summary.status,
        emoji=Markdown(OVERALL_BADGES[summary.status]),
        badge=Markdown(f"{OVERALL_BADGES[summary.status]} {summary.status}"),
        sentence=_sentence(summary),
        headline=_headline(summary.rows),
        counts=_counts(summary),
        geomean=_geomean(summary),
        multi_metric=multi_metric,
        changed=section(_is_changed, _change_order),
        unchanged=section(lambda row: row.status == "pass" and not _is_changed(row), by_name),
        new=section(lambda row: row.status == "new", by_name),
        missing=section(lambda row: row.status == "missing", by_name),
        current_only=section(lambda row: row.status == "neutral", by_name),
        slos=Section(
            [_slo_view(slo) for slo in sorted(summary.slos, key=_slo_order)],
            len(summary.slos),
        ),
        charts=[],
        baseline=_baseline_view(summary),
        current_run=RunView(
            commit=_commit(summary.current.commit),
            ref=summary.current.ref,
            timestamp=_date(summary.current.timestamp),
        ),
        environment=_environment_view(summary),
        thresholds=Markdown(
            f"warn above {_pct(summary.thresholds.warn_pct)}, fail above {_pct(summary.thresholds.fail_pct)}"
        ),
        ignored=summary.ignored,
        version=Markdown(context.version) if _VERSION.fullmatch(context.version) else escape(context.version),
        run_url=Markdown(context.run_url)
        if context.run_url and _RUN_URL.fullmatch(context.run_url)
        else None,
    )


def _natural(name: str) -> list[Any]:
    """Sort "size/1024" before "size/10240", as people count."""
    return [int(part) if part.isdigit() else part for part in _DIGITS.split(name)]


def _is_changed(row: MetricRow) -> bool:
    """Regressions, improvements, and results the data could not settle."""
    return row.status in (*_REGRESSED, "improved") or (
        row.status == "pass" and (row.verdict == "inconclusive" or row.too_noisy)
    )


def _change_order(row: MetricRow) -> tuple[int, bool, float, str, str]:
    """Gating regressions first, worst first; then the others, improvements, and the unsettled."""
    pct = row.regression_pct or 0.0
    if row.status in _REGRESSED:
        return (0 if row.gating else 1, row.status != "failure", -pct, row.benchmark, row.metric)
    if row.status == "improved":
        return (2, False, pct, row.benchmark, row.metric)
    return (3, False, -abs(pct), row.benchmark, row.metric)


def _multi_metric(rows: Sequence[MetricRow]) -> bool:
    """Show a metric column only when metric names tell rows apart."""
    return len({row.metric for row in rows}) > 1


def _row_view(row: MetricRow) -> RowView:
    values = [value for value in (row.baseline, row.current) if value is not None]
    unit = display_unit(row.unit, values)
    return RowView(
        benchmark=row.benchmark,
        metric=row.metric,
        status=row.status,
        baseline=_quantity(row.baseline, row.unit, unit),
        current=_quantity(row.current, row.unit, unit),
        change=_change(row),
        verdict=_verdict(row),
        reason=row.reason,
        explain=row.basis == "samples"
        or row.verdict == "inconclusive"
        or row.too_noisy
        or row.few_samples
        or (row.status in _REGRESSED and not row.gating),
        acknowledged_reason=(row.acknowledged_reason or "acknowledged") if row.acknowledged else None,
        chart=_chart(row),
    )


def _quantity(value: float | None, unit: str, display: str) -> Markdown:
    return Markdown("—") if value is None else Markdown(format_quantity(value, unit, display))


def _change(row: MetricRow) -> Markdown:
    if row.change_pct is None:
        return Markdown("—")
    text = f"{row.change_pct:+.2f} %"
    interval = row.ratio_interval
    if interval is not None:
        low, high = ((bound - 1) * 100 for bound in (interval.lower, interval.upper))
        text += f" ({low:+.1f} … {high:+.1f})"
    return Markdown(text)


def _verdict(row: MetricRow) -> Markdown:
    words = [STATUS_BADGES[row.status]]
    if row.verdict == "inconclusive":
        words.append("inconclusive")
    if row.too_noisy:
        words.append("too noisy to gate")
    if row.acknowledged:
        words.append("acknowledged")
    return Markdown(" · ".join(words))


def _chart(row: MetricRow) -> ChartView | None:
    """History, then the baseline unless history already ends with it, then this run."""
    if not row.history or row.current is None:
        return None
    labels = [
        mermaid(point.commit[:8]) if point.commit else Markdown(f"h{n}")
        for n, point in enumerate(row.history, 1)
    ]
    values = [point.value for point in row.history]
    if row.baseline is not None and values[-1] != row.baseline:
        labels.append(Markdown("baseline"))
        values.append(row.baseline)
    values.append(row.current)
    display = display_unit(row.unit, values)
    return ChartView(
        title=mermaid(f"{row.benchmark} {row.metric}", limit=60),
        unit=mermaid(display_symbol(display) or display),
        labels=[*labels, Markdown("this run")],
        values=Markdown(", ".join(f"{convert(value, row.unit, display):.4g}" for value in values)),
    )


def _slo_order(slo: SloRow) -> tuple[int, float | None, str]:
    return (0 if slo.status == "failure" else 1, slo.margin_pct, slo.benchmark)


def _slo_view(slo: SloRow) -> SloView:
    relation = "≥" if slo.kind == "floor" else "≤"
    verdict = "✅ met" if slo.status == "pass" else "❌ missed"
    return SloView(
        benchmark=slo.benchmark,
        metric=slo.metric,
        limit=Markdown(f"{relation} {format_quantity(slo.limit, slo.unit)}"),
        current=Markdown(format_quantity(slo.value, slo.unit)),
        margin=Markdown("—" if slo.margin_pct is None else f"{slo.margin_pct:+,.1f} %"),
        verdict=Markdown(verdict if slo.enforced else f"{verdict} (advisory)"),
        missed=slo.status == "failure",
    )


def _sentence(summary: RegressionSummary) -> Markdown:
    gating = [row for row in summary.rows if row.gating and row.status in _REGRESSED]
    failures = sum(row.status == "failure" for row in gating)
    if summary.status == "NEUTRAL":
        return Markdown("No baseline to compare with yet: these are the current values.")
    if summary.status == "FAILURE" and failures:
        return Markdown(f"{_plural(failures, 'metric')} regressed beyond the fail threshold.")
    if summary.status in ("FAILURE", "WARNING") and gating:
        return Markdown(f"{_plural(len(gating), 'metric')} regressed beyond the warn threshold.")
    if summary.status == "FAILURE":
        return Markdown("A service-level floor or ceiling was missed.")
    return Markdown("No regression beyond the thresholds.")


def _headline(rows: Sequence[MetricRow]) -> list[HeadlineItem]:
    """copybook-rs's one-liner, `DISPLAY: 2.74 GiB/s, COMP-3: 23 MiB/s`: each benchmark's first metric."""
    firsts: dict[str, MetricRow] = {}
    for row in rows:
        firsts.setdefault(row.benchmark, row)
    if not firsts or len(firsts) > HEADLINE_MAX_BENCHMARKS:
        return []
    return [
        HeadlineItem(
            label=row.benchmark,
            value=Markdown("N/A" if row.current is None else format_quantity(row.current, row.unit)),
        )
        for row in firsts.values()
    ]


def _counts(summary: RegressionSummary) -> Markdown:
    counts, flags = summary.counts(), summary.flags()
    unchanged = counts["pass"] - flags["inconclusive"]
    parts = [
        (counts["failure"] + counts["warning"], "regressed"),
        (counts["improved"], "improved"),
        (flags["inconclusive"], "inconclusive"),
        (max(unchanged, 0), "unchanged"),
        (counts["new"], "new"),
        (counts["missing"], "missing"),
        (counts["neutral"], "without baseline"),
        (flags["acknowledged"], "acknowledged"),
        (flags["too_noisy"], "too noisy to gate"),
        (summary.ignored, "ignored"),
    ]
    shown = [f"{count:,} {word}" for count, word in parts if count]
    return Markdown(" · ".join(shown) if shown else "no metrics")


def _geomean(summary: RegressionSummary) -> Markdown | None:
    geomean = summary.geomean
    if geomean is None or len({row.benchmark for row in summary.rows}) <= HEADLINE_MAX_BENCHMARKS:
        return None  # the one-liner already shows every value of a suite this small
    text = f"geometric mean over {_plural(geomean.count, 'metric')}: {_direction(geomean.change_pct)}"
    if geomean.lower is not None and geomean.upper is not None:
        low, high = (_direction((bound - 1) * 100) for bound in (geomean.lower, geomean.upper))
        if low != high:
            text += f" ({round(geomean.level * 100)} % CI: {low} to {high})"
    return Markdown(text)


def _direction(regression_pct: float) -> str:
    if abs(regression_pct) < 0.005:
        return "no change"
    return f"{_pct(abs(regression_pct))} {'worse' if regression_pct > 0 else 'better'}"


def _baseline_view(summary: RegressionSummary) -> BaselineView | None:
    provenance = summary.baseline
    if provenance is None:
        return None
    return BaselineView(
        commit=_commit(provenance.source_commit),
        selection=Markdown(SELECTIONS[provenance.selection]),
        promoted_at=_date(provenance.promoted_at),
        promoted_by=provenance.promoted_by,
        reason=provenance.reason,
        commits_behind=provenance.commits_behind,
    )


def _environment_view(summary: RegressionSummary) -> EnvironmentView:
    comparison = summary.environment
    current, baseline = comparison.current, comparison.baseline
    rows: list[EnvironmentRow] = []
    for key in ENVIRONMENT_KEYS:
        mine, theirs = getattr(current, key), getattr(baseline, key) if baseline else None
        if mine is not None or theirs is not None:
            rows.append(
                EnvironmentRow(Markdown(key), _cell(theirs), _cell(mine), key in comparison.differing_keys)
            )
    extra_keys = sorted(set(current.extra) | set(baseline.extra if baseline else {}))
    for key in extra_keys:
        theirs = baseline.extra.get(key) if baseline else None
        rows.append(EnvironmentRow(escape(key), _cell(theirs), _cell(current.extra.get(key)), False))
    return EnvironmentView(
        differs=comparison.differs,
        declared_comparable=comparison.declared_comparable,
        differences=[row for row in rows if row.differs],
        rows=rows,
        current_fingerprint=Markdown(f"`{comparison.current_fingerprint}`"),
        baseline_fingerprint=(
            Markdown(f"`{comparison.baseline_fingerprint}`") if comparison.baseline_fingerprint else None
        ),
    )


def _cell(value: object) -> Any:
    """Environment values: numbers as they are, text left for the template's escaping, absence as a dash."""
    if value is None:
        return Markdown("—")
    if isinstance(value, bool):
        return Markdown(str(value).lower())
    return value


def _commit(commit: str | None) -> Markdown | None:
    """A commit in a code span, where GitHub neither links nor formats; 8 hex digits like copybook-rs."""
    if commit is None:
        return None
    if not _COMMIT.fullmatch(commit):
        return escape(commit)
    return Markdown(f"`{commit[:8] if _HEX_COMMIT.fullmatch(commit) else commit}`")


def _date(timestamp: str | None) -> Markdown | None:
    if timestamp is None:
        return None
    moment = datetime.fromisoformat(timestamp).astimezone(UTC)
    return Markdown(moment.strftime("%Y-%m-%d %H:%M UTC"))


def _pct(value: float) -> str:
    return f"{value:.3g} %"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
