"""Preparing both sides: metrics paired by name, in one unit, as the evidence the decision weighs.

Nothing is decided here except what no comparison can settle (a unit of another dimension): the
decision is `verdict.judge`'s, over the whole suite's evidence at once.
"""

from __future__ import annotations

from dataclasses import replace

from perfaction import units, verdict
from perfaction.config import CompareConfig, MetricSettings
from perfaction.model import Metric, Report
from perfaction.records import datarecord
from perfaction.summary import HistoryPoint
from perfaction.verdicts import Status

HISTORY_POINTS = 30  # earlier values kept per row for trend charts
# The highest threshold a summary records: an absolute floor above it changes nothing more.
MAX_THRESHOLD_PCT = 1000.0

Key = tuple[str, str]


@datarecord
class MetricHistory:
    """Earlier baseline values of one metric, oldest first, all in one unit (a baseline-branch series).

    `levels`, when given, holds per point the statistic the verdict compares runs by (a promotion's run
    location), where the value shown differs from it (the mean of samples); None: the values are it.
    """

    unit: str
    points: list[HistoryPoint]
    levels: list[float] | None = None


@datarecord(slots=True)
class Pair:
    """One metric on both sides, in the current side's unit: the evidence for the decision, and its history.

    `settled` holds a status no comparison can change (a unit of another dimension); such a pair has
    no evidence.
    """

    key: Key
    before: Metric
    after: Metric
    settings: MetricSettings
    warn_pct: float
    fail_pct: float
    evidence: verdict.Evidence | None = None
    history: list[HistoryPoint] | None = None
    settled: tuple[Status, str] | None = None


def percent(fraction: float) -> float:
    """A fraction as the 2-decimal percentage people read and thresholds judge.

    Binary floats put 2.097 vs 2.33 at 10.000000000000004 %, and unit conversions add similar
    noise; rounding that away first (to 9 decimals) gives what decimal arithmetic would: 10.00 %.
    """
    return round(round(fraction * 100, 9), 2) + 0.0  # + 0.0 turns -0.0 into 0.0


def normalised(report: Report, config: CompareConfig, ignored: set[str]) -> dict[Key, Metric]:
    """Metrics by (benchmark, metric) after aliases, ignores and unit/direction overrides."""
    metrics: dict[Key, Metric] = {}
    for benchmark in report.benchmarks:
        name = config.aliases.get(benchmark.name, benchmark.name)
        if config.is_ignored(name):
            ignored.add(name)
            continue
        for metric in benchmark.metrics:
            key = (name, metric.name)
            if key in metrics:
                continue  # an alias collided with a benchmark of the new name: the real one wins
            settings = config.settings_for(*key) if config.overrides else None
            if settings and (settings.unit or settings.direction):
                unit, direction = settings.unit or metric.unit, settings.direction or metric.direction
                metrics[key] = replace(metric, unit=unit, direction=direction)
            else:
                metrics[key] = metric
    return metrics


def thresholds(settings: MetricSettings) -> tuple[float, float]:
    """The warn and fail thresholds a metric starts from, before the minimum absolute change raises them."""
    return settings.warn_pct, max(settings.warn_pct, settings.fail_pct)


def paired(
    key: Key,
    sides: tuple[Metric, Metric],
    settings: MetricSettings,
    *,
    history: MetricHistory | None,
    source: str,
    commit: str | None,
) -> Pair:
    """One metric's evidence: both sides in the current unit, thresholds raised, its earlier runs.

    Which way is worse is the baseline's to say: the run's results may come from a fork.
    """
    before, after = sides
    if after.direction != before.direction:
        after = replace(after, direction=before.direction)
    unit, before_unit = units.lookup(after.unit), units.lookup(before.unit)
    pair = Pair(key, before, after, settings, *thresholds(settings))
    if before_unit.dimension != unit.dimension:
        reason = f"unit changed from {before.unit} to {after.unit}: not comparable with the baseline"
        pair.settled = (Status.NEW, reason)
        return pair
    factor = before_unit.factor / unit.factor
    samples = before.samples or ()
    baseline = verdict.Side(
        before.value * factor, tuple(samples) if factor == 1.0 else tuple(v * factor for v in samples)
    )
    shown, levels = _in_unit(history, unit)
    pair.history = shown[-HISTORY_POINTS:] or None
    earlier = levels[:-1] if shown and _is_baseline(shown[-1], baseline.value, commit) else levels
    smallest = _smallest_change(settings, unit)
    _raise_thresholds(pair, smallest, baseline.value)
    family, derived = verdict.family_of(source, *key)
    pair.evidence = verdict.Evidence(
        benchmark=key[0],
        metric=key[1],
        lower_is_better=after.direction == "lower",
        baseline=baseline,
        current=verdict.Side(after.value, tuple(after.samples or ())),
        history=tuple(earlier),
        warn=pair.warn_pct / 100,
        fail=pair.fail_pct / 100,
        min_absolute=smallest or 0.0,
        family=family,
        derived=derived,
    )
    return pair


def _in_unit(history: MetricHistory | None, unit: units.Unit) -> tuple[list[HistoryPoint], list[float]]:
    """Earlier baseline points and levels in the current unit; none when they measure another dimension."""
    if history is None or units.lookup(history.unit).dimension != unit.dimension:
        return [], []
    factor = units.lookup(history.unit).factor / unit.factor
    levels = history.levels if history.levels is not None else [p.value for p in history.points]
    if factor == 1:  # the usual case, and 300,000 points at 10,000 metrics: not rebuilt
        return list(history.points), levels
    shown = [HistoryPoint(p.value * factor, p.commit, p.timestamp) for p in history.points]
    return shown, [level * factor for level in levels]


def _is_baseline(point: HistoryPoint, baseline: float, commit: str | None) -> bool:
    """Whether the series' last point is the baseline run's own promotion: the reference, not its history."""
    if commit is not None and point.commit is not None:
        return point.commit == commit
    return abs(point.value - baseline) <= 1e-9 * abs(baseline)


def _smallest_change(settings: MetricSettings, unit: units.Unit) -> float | None:
    """The configured minimum absolute change in the metric's unit; None for another dimension."""
    if settings.min_absolute is None:
        return None
    base = settings.min_absolute.in_base_units_of(unit.symbol)
    return None if base is None else base / unit.factor


def _raise_thresholds(pair: Pair, smallest: float | None, baseline: float) -> None:
    """Never flag a change below the minimum absolute change: as a percentage of the baseline value."""
    if smallest is None or baseline <= 0:
        return
    floor = min(percent(smallest / baseline), MAX_THRESHOLD_PCT)
    pair.warn_pct = max(pair.warn_pct, floor)
    pair.fail_pct = max(pair.fail_pct, floor)


def sample_counts(pair: Pair) -> tuple[int, int]:
    return len(pair.before.samples or ()), len(pair.after.samples or ())
