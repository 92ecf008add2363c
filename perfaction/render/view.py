"""The view-model: everything a template shows, sorted, grouped and formatted, so templates only lay it out.

`formatting` turns single values and rows into Markdown; this module groups and orders them into
the `view` every template receives.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import field
from typing import Any, Generic, TypeVar

from perfaction import __version__
from perfaction.markdown import Markdown, escape
from perfaction.records import datarecord
from perfaction.render.formatting import (
    OVERALL_BADGES,
    REGRESSED,
    BaselineView,
    ChartView,
    EnvironmentView,
    HeadlineItem,
    RowView,
    RunView,
    SloView,
    advice_line,
    baseline_view,
    commit_span,
    counts_line,
    environment_view,
    geomean_line,
    headline_items,
    next_steps,
    row_view,
    sentence,
    shift_line,
    slo_order,
    slo_view,
    thresholds_line,
    utc_date,
)
from perfaction.run_context import RunContext
from perfaction.summary import MetricRow, RegressionSummary
from perfaction.verdicts import Status, Verdict

T = TypeVar("T")

BRIEF_SLOS = 5
_RUN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~-]+)*/?")
_VERSION = re.compile(r"[0-9A-Za-z.+-]{1,40}")
_DIGITS = re.compile(r"(\d+)")


@datarecord(frozen=True)
class RenderContext:
    """Facts about this run that come from the runner and the workflow, never from an artifact.

    `blocking` is whether a regression fails the check (None when not known, as for a summary rendered
    on its own); `acknowledge_label` the pull-request label that acknowledges regressions, if any.
    """

    version: str
    run_url: str | None = None
    blocking: bool | None = None
    acknowledge_label: str | None = None

    @classmethod
    def for_run(
        cls, run: RunContext, blocking: bool | None = None, acknowledge_label: str | None = None
    ) -> RenderContext:
        """Link to the workflow run the runner named, if any."""
        return cls(__version__, run.run_url, blocking, acknowledge_label)


@datarecord
class Section(Generic[T]):
    """Items of one kind, possibly cut to fit a size budget; `omitted` says how many were left out."""

    items: list[T]
    total: int

    @property
    def omitted(self) -> int:
        return self.total - len(self.items)

    def __bool__(self) -> bool:
        return self.total > 0


@datarecord(frozen=True)
class Detail:
    """How much a rendering shows; budgets step down through these before cutting rows."""

    charts: bool = True
    unchanged: bool = True
    environment: bool = True


@datarecord
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
    shifts: list[Markdown]
    advice: Markdown | None
    geomean: Markdown | None
    multi_metric: bool
    # Row sections hold MetricRows until `limited` turns the rows that will be shown into RowViews.
    changed: Section[Any]
    inconclusive: Section[Any]
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
    next_steps: list[Markdown] = field(default_factory=list)
    show: Detail = field(default_factory=Detail)
    followers: set[int] = field(default_factory=set, repr=False)  # ids of rows listed under a regression
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
        for name in ("changed", "slos", "new", "missing", "current_only", "inconclusive", "unchanged"):
            section: Section[Any] = getattr(self, name)
            folded = name in ("unchanged", "inconclusive")
            visible = section.items if not folded or detail.unchanged else []
            kept = visible[: max(remaining, 0)]
            remaining -= len(kept)
            cut[name] = Section([self._shown(item) for item in kept], section.total)
        shown = [*cut["changed"].items, *cut["inconclusive"].items]
        charts = [row.chart for row in shown if row.chart] if detail.charts else []
        return dataclasses.replace(self, **cut, charts=charts[:max_charts], show=detail)

    def _shown(self, item: Any) -> Any:
        """Format a row only once it is shown: large suites show a fraction of their rows."""
        if not isinstance(item, MetricRow):
            return item
        if id(item) not in self._row_views:
            self._row_views[id(item)] = row_view(item, under=id(item) in self.followers)
        return self._row_views[id(item)]

    def _sections(self) -> Iterable[Section[Any]]:
        return (
            self.changed,
            self.slos,
            self.new,
            self.missing,
            self.current_only,
            self.inconclusive,
            self.unchanged,
        )


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
    followers = _followers(summary.rows)
    in_family_order: Callable[[MetricRow], Any] = lambda row: (  # noqa: E731
        (*_change_order(followers[id(row)]), 1, row.metric)
        if id(row) in followers
        else (*_change_order(row), 0, "")
    )
    return ReportView(
        suite=summary.suite,
        marker=marker(summary.suite),
        status=summary.status,
        emoji=Markdown(OVERALL_BADGES[summary.status]),
        badge=Markdown(f"{OVERALL_BADGES[summary.status]} {summary.status}"),
        sentence=sentence(summary),
        headline=headline_items(summary.rows),
        counts=counts_line(summary),
        shifts=[shift_line(shift) for shift in summary.shifts if shift.notable or shift.tier],
        advice=advice_line(summary),
        geomean=geomean_line(summary),
        multi_metric=multi_metric,
        changed=section(_is_changed, in_family_order),
        inconclusive=section(_is_inconclusive, _change_order),
        unchanged=section(lambda row: row.status == Status.PASS and not _is_inconclusive(row), by_name),
        new=section(lambda row: row.status == Status.NEW, by_name),
        missing=section(lambda row: row.status == Status.MISSING, by_name),
        current_only=section(lambda row: row.status == Status.NEUTRAL, by_name),
        slos=Section(
            [slo_view(slo) for slo in sorted(summary.slos, key=slo_order)],
            len(summary.slos),
        ),
        charts=[],
        baseline=baseline_view(summary),
        current_run=RunView(
            commit=commit_span(summary.current.commit),
            ref=summary.current.ref,
            timestamp=utc_date(summary.current.timestamp),
        ),
        environment=environment_view(summary),
        thresholds=thresholds_line(summary.thresholds),
        ignored=summary.ignored,
        version=Markdown(context.version) if _VERSION.fullmatch(context.version) else escape(context.version),
        run_url=Markdown(context.run_url)
        if context.run_url and _RUN_URL.fullmatch(context.run_url)
        else None,
        next_steps=next_steps(summary, context.blocking, context.acknowledge_label),
        followers=set(followers),
    )


def _followers(rows: Sequence[MetricRow]) -> dict[int, MetricRow]:
    """One slow benchmark is one regression: its other regressed metrics (by id) and the row they go under."""
    leads: dict[tuple[str, str | None], MetricRow] = {
        (row.benchmark, row.family): row for row in rows if row.gating and row.family
    }
    return {
        id(row): leads[(row.benchmark, row.family)]
        for row in rows
        if row.status in REGRESSED and not row.gating and (row.benchmark, row.family) in leads
    }


def _natural(name: str) -> list[Any]:
    """Sort "size/1024" before "size/10240", as people count."""
    return [int(part) if part.isdigit() else part for part in _DIGITS.split(name)]


def _is_changed(row: MetricRow) -> bool:
    """Regressions and improvements."""
    return row.status in (*REGRESSED, Status.IMPROVED)


def _is_inconclusive(row: MetricRow) -> bool:
    """Results the data could not settle: folded away, with one samples advice for them all."""
    return row.status == Status.PASS and row.verdict == Verdict.INCONCLUSIVE


def _change_order(row: MetricRow) -> tuple[int, bool, float, str, str]:
    """Gating regressions first, worst first; then the others, improvements, and the unsettled."""
    pct = row.regression_pct or 0.0
    if row.status in REGRESSED:
        return (0 if row.gating else 1, row.status != Status.FAILURE, -pct, row.benchmark, row.metric)
    if row.status == Status.IMPROVED:
        return (2, False, pct, row.benchmark, row.metric)
    return (3, False, -abs(pct), row.benchmark, row.metric)


def _multi_metric(rows: Sequence[MetricRow]) -> bool:
    """Show a metric column only when metric names tell rows apart."""
    return len({row.metric for row in rows}) > 1
