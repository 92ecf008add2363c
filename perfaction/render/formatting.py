"""Formatting for the view-model: numbers, units, badges, dates and commits as Markdown, and the small
views of rows, SLOs, charts, the environment and the baseline that templates lay out.

Artifact strings stay plain `str` here and are escaped when a template prints them; everything
perf-action formats itself is `Markdown`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from perfaction.identifiers import COMMIT
from perfaction.markdown import Markdown, escape, mermaid
from perfaction.records import datarecord
from perfaction.summary import MetricRow, RegressionSummary, SloRow, SuiteShiftRow, Thresholds
from perfaction.units import convert, display_symbol, display_unit, format_quantity
from perfaction.verdicts import HistorySource, Overall, Selection, Status, Verdict

OVERALL_BADGES = {Overall.PASS: "✅", Overall.WARNING: "⚠️", Overall.FAILURE: "❌", Overall.NEUTRAL: "ℹ️"}
STATUS_BADGES = {
    Status.FAILURE: "❌ failure",
    Status.WARNING: "⚠️ warning",
    Status.PASS: "✅ pass",
    Status.IMPROVED: "🚀 improved",
    Status.NEW: "🆕 new",
    Status.MISSING: "➖ missing",
    Status.NEUTRAL: "ℹ️ no baseline",
}
SELECTIONS = {
    Selection.MERGE_BASE: "the baseline at this branch's merge-base",
    Selection.LATEST: "the latest baseline",
    Selection.FILE: "a baseline file given on the command line",
    Selection.RECORDED_RUN: "the recorded run of main at this branch's merge-base",
}
ENVIRONMENT_KEYS = ("os", "kernel", "cpu_model", "cores", "runner", "toolchain")
HEADLINE_MAX_BENCHMARKS = 4
REGRESSED = (Status.FAILURE, Status.WARNING)
_HEX_COMMIT = re.compile(r"[0-9a-f]{9,64}")


@datarecord
class ChartView:
    """One Mermaid xychart of a metric over its baseline history, ending with this run."""

    title: Markdown
    unit: Markdown
    labels: list[Markdown]
    values: Markdown


@datarecord
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
    under: bool = False  # another metric of a benchmark listed above as its one regression


@datarecord
class SloView:
    benchmark: str
    metric: str
    limit: Markdown
    current: Markdown
    margin: Markdown
    verdict: Markdown
    missed: bool


@datarecord
class HeadlineItem:
    label: str
    value: Markdown


@datarecord
class EnvironmentRow:
    key: Markdown
    baseline: Any
    current: Any
    differs: bool


@datarecord
class EnvironmentView:
    differs: bool
    declared_comparable: bool
    differences: list[EnvironmentRow]
    rows: list[EnvironmentRow]
    current_fingerprint: Markdown
    baseline_fingerprint: Markdown | None


@datarecord
class BaselineView:
    commit: Markdown | None
    selection: Markdown
    promoted_at: Markdown | None
    promoted_by: str | None
    reason: str | None
    commits_behind: int | None
    recorded_history: bool = False  # the noise model and the trend use the recorded runs of main


@datarecord
class RunView:
    commit: Markdown | None
    ref: str | None
    timestamp: Markdown | None


def row_view(row: MetricRow, under: bool = False) -> RowView:
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
        or row.verdict == Verdict.INCONCLUSIVE
        or row.few_samples
        or (row.status in REGRESSED and not row.gating),
        acknowledged_reason=(row.acknowledged_reason or "acknowledged") if row.acknowledged else None,
        chart=chart(row),
        under=under,
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
    if row.verdict == Verdict.INCONCLUSIVE:
        words.append("inconclusive")
    if row.acknowledged:
        words.append("acknowledged")
    return Markdown(" · ".join(words))


def chart(row: MetricRow) -> ChartView | None:
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


def slo_order(slo: SloRow) -> tuple[int, float, str]:
    """Missed first, then the slimmest margin; a limit of 0 has no relative margin and leads."""
    margin = slo.margin_pct if slo.margin_pct is not None else float("-inf")
    return (0 if slo.status == Status.FAILURE else 1, margin, slo.benchmark)


def slo_view(slo: SloRow) -> SloView:
    relation = "≥" if slo.kind == "floor" else "≤"
    verdict = "✅ met" if slo.status == Status.PASS else "❌ missed"
    return SloView(
        benchmark=slo.benchmark,
        metric=slo.metric,
        limit=Markdown(f"{relation} {format_quantity(slo.limit, slo.unit)}"),
        current=Markdown(format_quantity(slo.value, slo.unit)),
        margin=Markdown("—" if slo.margin_pct is None else f"{slo.margin_pct:+,.1f} %"),
        verdict=Markdown(verdict if slo.enforced else f"{verdict} (advisory)"),
        missed=slo.status == Status.FAILURE,
    )


def sentence(summary: RegressionSummary) -> Markdown:
    gating = [row for row in summary.rows if row.gating and row.status in REGRESSED]
    failures = sum(row.status == Status.FAILURE for row in gating)
    if summary.status == Overall.NEUTRAL:
        return Markdown("No baseline to compare with yet: these are the current values.")
    if summary.status == Overall.FAILURE and failures:
        return Markdown(f"{_plural(failures, 'metric')} regressed beyond the fail threshold.")
    if summary.status in (Overall.FAILURE, Overall.WARNING) and gating:
        return Markdown(f"{_plural(len(gating), 'metric')} regressed beyond the warn threshold.")
    if any(shift.tier for shift in summary.shifts):
        return Markdown("The whole suite regressed: see the suite-wide shift below.")
    if summary.status == Overall.FAILURE:
        return Markdown("A service-level floor or ceiling was missed.")
    return Markdown("No regression beyond the thresholds.")


def headline_items(rows: Sequence[MetricRow]) -> list[HeadlineItem]:
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


def counts_line(summary: RegressionSummary) -> Markdown:
    """'1 regressed · 5 inconclusive · 92 unchanged'; metrics listed under their regression count once."""
    counts, flags, verdicts = summary.counts(), summary.flags(), summary.verdicts()
    parts = [
        (verdicts[Verdict.REGRESSED], "regressed"),
        (verdicts[Verdict.IMPROVED], "improved"),
        (verdicts[Verdict.INCONCLUSIVE], "inconclusive"),
        (verdicts[Verdict.UNCHANGED], "unchanged"),
        (counts[Status.NEW], "new"),
        (counts[Status.MISSING], "missing"),
        (counts[Status.NEUTRAL], "without baseline"),
        (flags["acknowledged"], "acknowledged"),
        (summary.ignored, "ignored"),
    ]
    shown = [f"{count:,} {word}" for count, word in parts if count]
    return Markdown(" · ".join(shown) if shown else "no metrics")


def shift_line(shift: SuiteShiftRow) -> Markdown:
    """The suite-wide shift said once: 'the whole suite is 3.1 % slower (95 % CI 2.4 % to 3.8 %)'."""
    worse = shift.ratio > 1 if shift.direction == "lower" else shift.ratio < 1
    size, low, high = (abs(value - 1) * 100 for value in (shift.ratio, shift.lower, shift.upper))
    low, high = sorted((low, high))
    if shift.direction == "lower" and shift.metric in ("time", "cpu_time", "mean_time"):
        how = "slower" if worse else "faster"
    else:
        how = f"{'higher' if shift.ratio > 1 else 'lower'} {escape(shift.metric)}"
    cause = ": another runner, or a change that touches everything" if worse else ""
    gate = f" (a {shift.tier})" if shift.tier else ""
    return Markdown(
        f"📏 <b>The whole suite is {size:.1f} % {how}</b> ({shift.level:.0%} CI {low:.1f} % to {high:.1f} %, "
        f"{shift.members:,} {escape(shift.metric)} metrics){cause}{gate}. Each benchmark is judged beyond it."
    )


def advice_line(summary: RegressionSummary) -> Markdown | None:
    """One piece of samples advice for the suite, instead of one on every inconclusive row."""
    advice = summary.advice
    if advice is None:
        return None
    return Markdown(
        f"About {advice.per_side:,} samples per side would settle {advice.settles:,} of the "
        f"{advice.inconclusive:,} inconclusive rows."
    )


def geomean_line(summary: RegressionSummary) -> Markdown | None:
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
    return f"{percent_text(abs(regression_pct))} {'worse' if regression_pct > 0 else 'better'}"


def baseline_view(summary: RegressionSummary) -> BaselineView | None:
    provenance = summary.baseline
    if provenance is None:
        return None
    return BaselineView(
        commit=commit_span(provenance.source_commit),
        selection=Markdown(SELECTIONS[provenance.selection]),
        promoted_at=utc_date(provenance.promoted_at),
        promoted_by=provenance.promoted_by,
        reason=provenance.reason,
        commits_behind=provenance.commits_behind,
        recorded_history=provenance.history == HistorySource.RECORDED_RUNS,
    )


MAX_ACKNOWLEDGEMENTS_SHOWN = 5


def next_steps(summary: RegressionSummary, blocking: bool | None, label: str | None) -> list[Markdown]:
    """What the reader of a verdict that is not a pass can do about it, one list item each.

    `blocking` is whether a regression fails the check (None: not known here, as for a summary rendered
    on its own); `label` the pull-request label that acknowledges its regressions, when there is one.
    """
    if summary.status == Overall.PASS:
        return []
    if summary.status == Overall.NEUTRAL:
        suite = escape(summary.suite)
        return [
            Markdown(
                f"<b>No baseline yet</b> for {suite}: promote one from the default branch "
                "(`perf-promote.yml`, or `perfaction baseline promote REPORT`), and later runs are judged "
                "against it."
            )
        ]
    steps = [_gate(summary.status, blocking), Markdown(_MEASURE_AGAIN)]
    gating = [row for row in summary.rows if row.gating and row.status in REGRESSED]
    if gating:
        steps.append(_acknowledge(gating, label))
    steps.append(_baseline_step(summary))
    return steps


_MEASURE_AGAIN = (
    "<b>Measure again</b>: push a commit or re-run the benchmark workflow; "
    "a result that is noise settles with more samples."
)


def _gate(status: Overall, blocking: bool | None) -> Markdown:
    if blocking is None:
        return Markdown(
            "<b>Advisory</b> unless the workflow sets `fail-on-regression: true`, "
            "which fails the check while a regression stands."
        )
    if not blocking:
        return Markdown(
            "<b>Advisory</b>: the check is neutral and blocks nothing "
            "(`fail-on-regression: true` would make a regression fail it)."
        )
    if status == Overall.FAILURE:
        return Markdown(
            "<b>Blocking</b>: the check fails while this regression stands (`fail-on-regression: true`)."
        )
    return Markdown(
        "<b>Not blocking</b>: a warning never fails the check; a regression beyond the fail threshold would."
    )


def _acknowledge(gating: list[MetricRow], label: str | None) -> Markdown:
    """The `.perfaction.toml` entries that would acknowledge these rows, ready to paste."""
    entries = [
        f'[[compare.acknowledged]]\nbenchmark = {_toml_glob(row.benchmark)}\nmetric = "{row.metric}"\n'
        f'reason = "why this slowdown is accepted"\n# expires = YYYY-MM-DD  # optional: its last day'
        for row in gating[:MAX_ACKNOWLEDGEMENTS_SHOWN]
    ]
    if len(gating) > MAX_ACKNOWLEDGEMENTS_SHOWN:
        entries.append(f"# ... and {len(gating) - MAX_ACKNOWLEDGEMENTS_SHOWN} more")
    block = "\n\n".join(entries)
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", block)), default=0) + 1)
    code = "\n".join(f"  {line}" if line else "" for line in [f"{fence}toml", *block.split("\n"), fence])
    text = (
        "<b>Expected?</b> Acknowledge it in `.perfaction.toml` on the default branch: the row shows the "
        f"reason and fails nothing.\n\n{code}"
    )
    if label:
        text += (
            f"\n\n  Or, for this pull request only, add the label `{escape(label)}` and run the report again."
        )
    return Markdown(text)


def _toml_glob(name: str) -> str:
    """A benchmark name as a TOML string matching exactly that name: glob characters bracketed."""
    literal = re.sub(r"([*?\[])", r"[\1]", name)
    return json.dumps(literal, ensure_ascii=False)


def _baseline_step(summary: RegressionSummary) -> Markdown:
    provenance = summary.baseline
    if provenance is None:
        return Markdown("<b>The baseline</b> is unknown.")
    parts: list[str] = [
        part for part in (commit_span(provenance.source_commit), utc_date(provenance.promoted_at)) if part
    ]
    if provenance.promoted_by:
        parts.append(f"by {escape(provenance.promoted_by)}")
    origin = f" ({', '.join(parts)})" if parts else ""
    return Markdown(
        f"<b>The baseline</b> is {SELECTIONS[provenance.selection]}{origin}; if the new numbers are the "
        "right ones, promote them (`perf-promote.yml`, or `perfaction baseline promote`)."
    )


def environment_view(summary: RegressionSummary) -> EnvironmentView:
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


def commit_span(commit: str | None) -> Markdown | None:
    """A commit in a code span, where GitHub neither links nor formats; 8 hex digits like copybook-rs."""
    if commit is None:
        return None
    if not COMMIT.matches(commit):
        return escape(commit)
    return Markdown(f"`{commit[:8] if _HEX_COMMIT.fullmatch(commit) else commit}`")


def utc_date(timestamp: str | None) -> Markdown | None:
    if timestamp is None:
        return None
    moment = datetime.fromisoformat(timestamp).astimezone(UTC)
    return Markdown(moment.strftime("%Y-%m-%d %H:%M UTC"))


def thresholds_line(thresholds: Thresholds) -> Markdown:
    return Markdown(
        f"warn above {percent_text(thresholds.warn_pct)}, fail above {percent_text(thresholds.fail_pct)}"
    )


def percent_text(value: float) -> str:
    return f"{value:.3g} %"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
