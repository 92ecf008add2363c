"""Preparing both sides: metrics paired by name, in one unit, measured from their samples or values.

Each step returns a new `Pair`; nothing is decided here except what no comparison can settle
(a unit of another dimension, a baseline value of 0).
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

Key = tuple[str, str]


@dataclass
class MetricHistory:
    """Earlier baseline values of one metric, oldest first, all in one unit (a baseline-branch series)."""

    unit: str
    points: list[HistoryPoint]


@dataclass(frozen=True)
class Measurement:
    """What a row shows of one metric beside its verdict: values, change, evidence and thresholds."""

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
    baseline_samples: int = 0
    current_samples: int = 0
    few_samples: bool = False
    samples_needed: int | None = None
    noise_pct: float | None = None
    too_noisy: bool = False
    history: list[HistoryPoint] | None = None


@dataclass(frozen=True)
class Pair:
    """One metric on both sides, in the current side's unit, before the suite-wide decisions."""

    key: Key
    before: Metric
    after: Metric
    settings: MetricSettings
    unit: units.Unit
    factor: float  # baseline unit -> current unit
    baseline_samples: list[float]
    current_samples: list[float]
    measured: Measurement
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


def unmeasured(
    settings: MetricSettings, baseline: float | None = None, current: float | None = None
) -> Measurement:
    """A row's measurement before any comparison: the configured thresholds and the values it has."""
    warn_pct = settings.warn_pct
    return Measurement(warn_pct, max(warn_pct, settings.fail_pct), baseline=baseline, current=current)


def paired(
    key: Key, before: Metric, after: Metric, settings: MetricSettings, history: MetricHistory | None
) -> Pair:
    """Measure one metric on both sides: by its samples when both have enough, else by its values."""
    unit = units.lookup(after.unit)
    before_unit = units.lookup(before.unit)
    if before_unit.dimension != unit.dimension:
        reason = f"unit changed from {before.unit} to {after.unit}: not comparable with the baseline"
        measured = unmeasured(settings, current=after.value)
        return Pair(key, before, after, settings, unit, 1.0, [], [], measured, settled=(Status.NEW, reason))
    factor = before_unit.factor / unit.factor
    baseline_samples = _sorted_in_unit(factor, before.samples or [])
    current_samples = _sorted_in_unit(1.0, after.samples or [])
    measured = replace(
        unmeasured(settings), baseline_samples=len(baseline_samples), current_samples=len(current_samples)
    )
    if history:
        measured = _with_history(measured, history, unit)
    pair = Pair(key, before, after, settings, unit, factor, baseline_samples, current_samples, measured)
    if min(len(baseline_samples), len(current_samples)) >= MIN_SAMPLES:
        pair = replace(pair, estimate=stats.median_ratio(baseline_samples, current_samples, CONFIDENCE))
    elif baseline_samples or current_samples:
        pair = replace(
            pair,
            fallback=(
                f"fewer than {MIN_SAMPLES} samples on a side (baseline {len(baseline_samples)}, "
                f"current {len(current_samples)}), so no statistical test"
            ),
        )
    return measure(pair)


def measure(pair: Pair) -> Pair:
    """Medians, ratio, interval and p-value from the samples; else the reported values' ratio."""
    if pair.estimate is not None:
        return replace(pair, measured=_by_samples(pair, pair.estimate))
    baseline, current = pair.before.value * pair.factor, pair.after.value
    measured = replace(
        pair.measured,
        basis="values",
        ratio=None,
        ratio_interval=None,
        p_value=None,
        baseline=baseline,
        current=current,
        few_samples=bool(pair.fallback),
    )
    if baseline <= 0:
        reason = "the baseline value is 0: no relative change can be computed"
        return replace(pair, measured=replace(measured, basis=None), settled=(Status.NEUTRAL, reason))
    return replace(pair, measured=_with_change(replace(measured, ratio=current / baseline), pair))


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
        return replace(pair, measured=replace(pair.measured, samples_needed=enough))
    if pair.estimate is None:
        return pair
    sizes = (len(pair.baseline_samples), len(pair.current_samples))
    smallest = stats.smallest_mann_whitney_p(*sizes)
    if smallest <= needed:
        return pair
    would_do = stats.samples_for_p(needed)
    fallback = (
        f"with {sizes[0]} and {sizes[1]} samples no change can be significant across "
        f"{tested} tested metrics (smallest possible p {smallest:.2g}, Holm needs "
        f"{needed:.2g}; {would_do or 'many'} a side would do), so no statistical test"
    )
    measured = replace(pair.measured, samples_needed=would_do)
    # Measured anew by its values, the metric still awaits the decision, whatever the values say.
    return measure(replace(pair, estimate=None, fallback=fallback, measured=measured))


def _sorted_in_unit(factor: float, values: Sequence[float]) -> list[float]:
    """Samples sorted once, here, for every statistic that follows."""
    return sorted(values) if factor == 1.0 else sorted(value * factor for value in values)


def _by_samples(pair: Pair, estimate: stats.RatioEstimate) -> Measurement:
    measured = replace(
        pair.measured,
        basis="samples",
        baseline=stats.percentile(pair.baseline_samples, 0.5),
        current=stats.percentile(pair.current_samples, 0.5),
        ratio=estimate.ratio,
        ratio_interval=RatioInterval(estimate.lower, estimate.upper, CONFIDENCE),
        p_value=stats.mann_whitney_p(pair.baseline_samples, pair.current_samples),
    )
    return _with_change(measured, pair)


def _with_change(measured: Measurement, pair: Pair) -> Measurement:
    change = percent((measured.ratio or 0.0) - 1)
    worse = change if pair.after.direction == "lower" else -change + 0.0
    return _raised(replace(measured, change_pct=change, regression_pct=worse), pair.settings, pair.unit)


def _with_history(measured: Measurement, history: MetricHistory, unit: units.Unit) -> Measurement:
    """Attach earlier values in the row's unit and estimate the metric's run-to-run noise from them."""
    earlier = units.lookup(history.unit)
    if earlier.dimension != unit.dimension:
        return measured
    factor = earlier.factor / unit.factor
    points = [HistoryPoint(point.value * factor, point.commit, point.timestamp) for point in history.points]
    noise = None
    if len(points) >= MIN_HISTORY:
        spread = stats.robust_spread_pct([point.value for point in points])
        noise = round(spread, 2) if spread is not None else None
    return replace(measured, history=points[-HISTORY_POINTS:] or None, noise_pct=noise)


def _raised(measured: Measurement, settings: MetricSettings, unit: units.Unit) -> Measurement:
    """Never flag a change below k x the metric's noise, or below the minimum absolute change."""
    floors = []
    too_noisy = measured.too_noisy
    if measured.noise_pct is not None:
        floors.append(round(settings.noise_k * measured.noise_pct, 2))
        too_noisy = measured.noise_pct > settings.warn_pct
    if settings.min_absolute is not None and measured.baseline:
        smallest = settings.min_absolute.in_base_units_of(unit.symbol)
        if smallest is not None:
            floors.append(percent(smallest / unit.factor / measured.baseline))
    return replace(
        measured,
        too_noisy=too_noisy,
        warn_pct=max([settings.warn_pct, *floors]),
        fail_pct=max([settings.warn_pct, settings.fail_pct, *floors]),
    )
