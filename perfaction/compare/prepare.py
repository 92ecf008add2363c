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


@dataclass(slots=True)
class Measurement:
    """What a row shows of one metric beside its verdict: values, change, evidence and thresholds.

    A value: built whole, replaced rather than changed.
    """

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


@dataclass(slots=True)
class Pair:
    """One metric on both sides, in the current side's unit, before the suite-wide decisions.

    Built and measured in this module; read-only once `paired` or `untestable_to_values` returns it.
    """

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
    points, noise = _history(history, unit) if history else (None, None)
    prior = Measurement(
        settings.warn_pct,
        max(settings.warn_pct, settings.fail_pct),
        baseline_samples=len(baseline_samples),
        current_samples=len(current_samples),
        noise_pct=noise,
        history=points,
    )
    estimate, fallback = None, ""
    if min(len(baseline_samples), len(current_samples)) >= MIN_SAMPLES:
        estimate = stats.median_ratio(baseline_samples, current_samples, CONFIDENCE)
    elif baseline_samples or current_samples:
        fallback = (
            f"fewer than {MIN_SAMPLES} samples on a side (baseline {len(baseline_samples)}, "
            f"current {len(current_samples)}), so no statistical test"
        )
    pair = Pair(key, before, after, settings, unit, factor, baseline_samples, current_samples, prior)
    measure(pair, estimate, fallback)
    return pair


def measure(pair: Pair, estimate: stats.RatioEstimate | None, fallback: str) -> None:
    """Medians, ratio, interval and p-value from the samples; else the reported values' ratio.

    A zero baseline value settles the metric as neutral and leaves the earlier change as it was.
    Part of building a pair (it fills in what the pair measures), never of deciding on it.
    """
    prior = pair.measured
    pair.estimate, pair.fallback = estimate, fallback
    if estimate is not None:
        baseline = stats.percentile(pair.baseline_samples, 0.5)
        current = stats.percentile(pair.current_samples, 0.5)
        interval = RatioInterval(estimate.lower, estimate.upper, CONFIDENCE)
        p_value = stats.mann_whitney_p(pair.baseline_samples, pair.current_samples)
        values = (baseline, current, estimate.ratio)
        pair.measured = _measured(prior, pair, "samples", values, interval=interval, p_value=p_value)
        return
    baseline, current = pair.before.value * pair.factor, pair.after.value
    few = bool(fallback)
    if baseline <= 0:
        pair.measured = _measured(prior, pair, None, (baseline, current, None), few_samples=few)
        pair.settled = (Status.NEUTRAL, "the baseline value is 0: no relative change can be computed")
        return
    pair.measured = _measured(prior, pair, "values", (baseline, current, current / baseline), few_samples=few)


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
    again = replace(pair, measured=replace(pair.measured, samples_needed=would_do))
    # Measured anew by its values, the metric still awaits the decision, whatever the values say.
    measure(again, None, fallback)
    return again


def _sorted_in_unit(factor: float, values: Sequence[float]) -> list[float]:
    """Samples sorted once, here, for every statistic that follows."""
    return sorted(values) if factor == 1.0 else sorted(value * factor for value in values)


def _measured(
    prior: Measurement,
    pair: Pair,
    basis: str | None,
    values: tuple[float, float, float | None],
    *,
    interval: RatioInterval | None = None,
    p_value: float | None = None,
    few_samples: bool = False,
) -> Measurement:
    """The measurement on `basis` (None: no change computable), thresholds raised by noise and floors.

    `values` are the baseline, the current value and their ratio.
    """
    baseline, current, ratio = values
    change, worse = prior.change_pct, prior.regression_pct
    warn, fail, too_noisy = prior.warn_pct, prior.fail_pct, prior.too_noisy
    if basis is not None:
        change = percent((ratio or 0.0) - 1)
        worse = change if pair.after.direction == "lower" else -change + 0.0
        warn, fail, too_noisy = _raised(prior, baseline, pair.settings, pair.unit)
    return Measurement(
        warn,
        fail,
        basis,
        baseline,
        current,
        change,
        worse,
        ratio,
        interval,
        p_value,
        prior.baseline_samples,
        prior.current_samples,
        few_samples,
        prior.samples_needed,
        prior.noise_pct,
        too_noisy,
        prior.history,
    )


def _history(history: MetricHistory, unit: units.Unit) -> tuple[list[HistoryPoint] | None, float | None]:
    """Earlier values in the row's unit, and the metric's run-to-run noise estimated from them."""
    earlier = units.lookup(history.unit)
    if earlier.dimension != unit.dimension:
        return None, None
    factor = earlier.factor / unit.factor
    points = [HistoryPoint(point.value * factor, point.commit, point.timestamp) for point in history.points]
    noise = None
    if len(points) >= MIN_HISTORY:
        spread = stats.robust_spread_pct([point.value for point in points])
        noise = round(spread, 2) if spread is not None else None
    return points[-HISTORY_POINTS:] or None, noise


def _raised(
    prior: Measurement, baseline: float, settings: MetricSettings, unit: units.Unit
) -> tuple[float, float, bool]:
    """Never flag a change below k x the metric's noise, or below the minimum absolute change."""
    floors = []
    too_noisy = prior.too_noisy
    if prior.noise_pct is not None:
        floors.append(round(settings.noise_k * prior.noise_pct, 2))
        too_noisy = prior.noise_pct > settings.warn_pct
    if settings.min_absolute is not None and baseline:
        smallest = settings.min_absolute.in_base_units_of(unit.symbol)
        if smallest is not None:
            floors.append(percent(smallest / unit.factor / baseline))
    warn, fail = max([settings.warn_pct, *floors]), max([settings.warn_pct, settings.fail_pct, *floors])
    return warn, fail, too_noisy
