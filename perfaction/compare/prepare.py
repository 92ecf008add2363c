"""Preparing both sides: metrics paired by name, in one unit, measured from their samples or values.

Nothing is decided here except what no comparison can settle (a unit of another dimension, a
baseline value of 0): the decision is `decide`'s, on the prepared pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from perfaction import stats, units
from perfaction.config import CompareConfig, MetricSettings
from perfaction.model import Metric, Report
from perfaction.summary import HistoryPoint, RatioInterval
from perfaction.verdicts import Status

MIN_SAMPLES = 4  # below this per side, Mann–Whitney can never reach p < 0.05 (two-sided)
MIN_HISTORY = 5  # earlier values needed before their spread is trusted as the metric's noise
HISTORY_POINTS = 30  # earlier values kept per row for trend charts
CONFIDENCE = 0.95
# The highest threshold a summary records: a noise or absolute floor above it changes nothing more.
MAX_THRESHOLD_PCT = 1000.0

Key = tuple[str, str]


@dataclass
class MetricHistory:
    """Earlier baseline values of one metric, oldest first, all in one unit (a baseline-branch series)."""

    unit: str
    points: list[HistoryPoint]


@dataclass(slots=True)
class Pair:
    """One metric on both sides, in the current side's unit, and what a row shows of it beside its verdict.

    Built and measured in this module (a suite has thousands: measured in place, not copied per
    step); read-only once `paired` or `untestable_to_values` returns it.
    """

    key: Key
    before: Metric
    after: Metric
    settings: MetricSettings
    unit: units.Unit
    factor: float  # baseline unit -> current unit
    before_samples: list[float]  # sorted, in the current side's unit
    after_samples: list[float]
    warn_pct: float
    fail_pct: float
    basis: str | None = None  # "samples" (medians, statistics) or "values" (threshold rule)
    baseline: float | None = None
    current: float | None = None
    change_pct: float | None = None
    regression_pct: float | None = None
    ratio: float | None = None
    ratio_interval: RatioInterval | None = None
    p_value: float | None = None
    few_samples: bool = False
    samples_needed: int | None = None
    noise_pct: float | None = None
    too_noisy: bool = False
    history: list[HistoryPoint] | None = None
    estimate: stats.RatioEstimate | None = None
    fallback: str = ""  # why the threshold rule decides although both sides have samples
    settled: tuple[Status, str] | None = None  # a status no comparison can change, with its reason


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
    """The warn and fail thresholds a metric starts from, before noise and floors raise them."""
    return settings.warn_pct, max(settings.warn_pct, settings.fail_pct)


def paired(
    key: Key, before: Metric, after: Metric, settings: MetricSettings, history: MetricHistory | None
) -> Pair:
    """Measure one metric on both sides: by its samples when both have enough, else by its values.

    Which way is worse is the baseline's to say: the run's results may come from a fork.
    """
    if after.direction != before.direction:
        after = replace(after, direction=before.direction)
    unit = units.lookup(after.unit)
    before_unit = units.lookup(before.unit)
    if before_unit.dimension != unit.dimension:
        reason = f"unit changed from {before.unit} to {after.unit}: not comparable with the baseline"
        pair = Pair(
            key, before, after, settings, unit, 1.0, [], [], *thresholds(settings), current=after.value
        )
        pair.settled = (Status.NEW, reason)
        return pair
    factor = before_unit.factor / unit.factor
    before_samples = _sorted_in_unit(factor, before.samples or [])
    after_samples = _sorted_in_unit(1.0, after.samples or [])
    pair = Pair(
        key, before, after, settings, unit, factor, before_samples, after_samples, *thresholds(settings)
    )
    if history:
        _add_history(pair, history)
    estimate, fallback = None, ""
    if min(len(before_samples), len(after_samples)) >= MIN_SAMPLES:
        estimate = stats.median_ratio(before_samples, after_samples, CONFIDENCE)
    elif before_samples or after_samples:
        fallback = (
            f"fewer than {MIN_SAMPLES} samples on a side (baseline {len(before_samples)}, "
            f"current {len(after_samples)}), so no statistical test"
        )
    measure(pair, estimate, fallback)
    return pair


def measure(pair: Pair, estimate: stats.RatioEstimate | None, fallback: str) -> None:
    """Medians, ratio, interval and p-value from the samples; else the reported values' ratio.

    A zero baseline value settles the metric as neutral and leaves the earlier change as it was.
    Part of preparing a pair (it fills in what the pair measures), never of deciding on it.
    """
    pair.estimate, pair.fallback = estimate, fallback
    if estimate is not None:
        pair.basis = "samples"
        pair.baseline = stats.percentile(pair.before_samples, 0.5)
        pair.current = stats.percentile(pair.after_samples, 0.5)
        pair.ratio = estimate.ratio
        pair.ratio_interval = RatioInterval(estimate.lower, estimate.upper, CONFIDENCE)
        pair.p_value = stats.mann_whitney_p(pair.before_samples, pair.after_samples)
        _change(pair)
        return
    pair.basis, pair.ratio, pair.ratio_interval, pair.p_value = "values", None, None, None
    pair.baseline, pair.current = pair.before.value * pair.factor, pair.after.value
    pair.few_samples = bool(fallback)
    if pair.baseline <= 0:
        pair.basis = None
        pair.settled = (Status.NEUTRAL, "the baseline value is 0: no relative change can be computed")
        return
    pair.ratio = stats.ratio(pair.current, pair.baseline) if pair.current > 0 else 0.0
    _change(pair)


def untestable_to_values(pairs: list[Pair], alpha: float) -> list[Pair]:
    """Metrics whose sample counts cannot give a p-value that survives Holm here use the threshold rule.

    With 5 samples a side the smallest possible Mann–Whitney p is 0.0079; across 100 tested metrics
    Holm first asks for 0.0005, so such a test could never find anything.
    """
    tested = sum(pair.estimate is not None for pair in pairs)
    needed = alpha / max(1, tested)
    return [_testable_or_values(pair, tested, needed) for pair in pairs]


def _testable_or_values(pair: Pair, tested: int, needed: float) -> Pair:
    if pair.fallback:  # fewer than MIN_SAMPLES on a side
        enough = max(MIN_SAMPLES, stats.samples_for_p(needed) or MIN_SAMPLES)
        return replace(pair, samples_needed=enough)
    if pair.estimate is None:
        return pair
    sizes = (len(pair.before_samples), len(pair.after_samples))
    smallest = stats.smallest_mann_whitney_p(*sizes)
    if smallest <= needed:
        return pair
    would_do = stats.samples_for_p(needed)
    fallback = (
        f"with {sizes[0]} and {sizes[1]} samples no change can be significant across "
        f"{tested} tested metrics (smallest possible p {smallest:.2g}, Holm needs "
        f"{needed:.2g}; {would_do or 'many'} a side would do), so no statistical test"
    )
    again = replace(pair, samples_needed=would_do)
    # Measured anew by its values, the metric still awaits the decision, whatever the values say.
    measure(again, None, fallback)
    return again


def _sorted_in_unit(factor: float, values: Sequence[float]) -> list[float]:
    """Samples sorted once, here, for every statistic that follows."""
    return sorted(values) if factor == 1.0 else sorted(value * factor for value in values)


def _change(pair: Pair) -> None:
    """The change in percent, direction-aware, and the thresholds it is judged by."""
    change = percent((pair.ratio or 0.0) - 1)
    pair.change_pct = change
    pair.regression_pct = change if pair.after.direction == "lower" else -change + 0.0
    _raise_thresholds(pair)


def _add_history(pair: Pair, history: MetricHistory) -> None:
    """Attach earlier values in the row's unit and estimate the metric's run-to-run noise from them."""
    earlier = units.lookup(history.unit)
    if earlier.dimension != pair.unit.dimension:
        return
    factor = earlier.factor / pair.unit.factor
    points = (
        list(history.points)  # the usual case, and 300,000 points at 10,000 metrics: not rebuilt
        if factor == 1
        else [HistoryPoint(point.value * factor, point.commit, point.timestamp) for point in history.points]
    )
    pair.history = points[-HISTORY_POINTS:] or None
    if len(points) >= MIN_HISTORY:
        spread = stats.robust_spread_pct([point.value for point in points])
        pair.noise_pct = round(spread, 2) if spread is not None else None


def _raise_thresholds(pair: Pair) -> None:
    """Never flag a change below k x the metric's noise, or below the minimum absolute change."""
    settings, unit = pair.settings, pair.unit
    floors = []
    if pair.noise_pct is not None:
        floors.append(round(settings.noise_k * pair.noise_pct, 2))
        pair.too_noisy = pair.noise_pct > settings.warn_pct
    if settings.min_absolute is not None and pair.baseline:
        smallest = settings.min_absolute.in_base_units_of(unit.symbol)
        if smallest is not None:
            floors.append(percent(smallest / unit.factor / pair.baseline))
    floors = [min(floor, MAX_THRESHOLD_PCT) for floor in floors]
    pair.warn_pct = max([settings.warn_pct, *floors])
    pair.fail_pct = max([settings.warn_pct, settings.fail_pct, *floors])
