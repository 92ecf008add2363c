"""The comparison: a run against its baseline, metric by metric, with statistics that hold across a suite.

Pure functions over canonical reports and the config; the CLI and the action both call `compare`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from statistics import NormalDist

from perfaction import stats, units
from perfaction.config import CompareConfig, MetricSettings
from perfaction.errors import ValidationFailure
from perfaction.model import FINGERPRINT_KEYS, Environment, Metric, Report
from perfaction.summary import (
    EnvironmentComparison,
    GeoMean,
    HistoryPoint,
    MetricRow,
    Provenance,
    RatioInterval,
    RegressionSummary,
    RunInfo,
    SloRow,
    Thresholds,
)

MIN_SAMPLES = 4  # below this per side, Mann–Whitney can never reach p < 0.05 (two-sided)
MIN_HISTORY = 5  # earlier values needed before their spread is trusted as the metric's noise
HISTORY_POINTS = 30  # earlier values kept per row for trend charts
CONFIDENCE = 0.95
MAX_SAMPLES_NEEDED = 100_000  # beyond this, "more samples" is no honest advice

Key = tuple[str, str]
_NORMAL = NormalDist()


@dataclass
class _Pair:
    """One metric on both sides, in the current side's unit, before the suite-wide decisions."""

    row: MetricRow
    settings: MetricSettings
    before: Metric
    after: Metric
    unit: units.Unit
    factor: float  # baseline unit -> current unit
    baseline_samples: list[float]
    current_samples: list[float]
    estimate: stats.RatioEstimate | None = None
    fallback: str = ""  # why the threshold rule decides although both sides have samples


def compare(
    current: Report,
    baseline: Report | None,
    config: CompareConfig | None = None,
    history: Sequence[Report] = (),
    provenance: Provenance | None = None,
) -> RegressionSummary:
    """Judge every metric of `current` against `baseline`; `history` holds earlier baselines, oldest first."""
    config = config or CompareConfig()
    ignored: set[str] = set()
    current_metrics = _normalised(current, config, ignored)
    baseline_metrics = _normalised(baseline, config, ignored) if baseline else {}
    environment = _compare_environments(current.environment, baseline, config)
    blocked = environment.differs and not environment.declared_comparable
    histories = _histories([_normalised(report, config, set()) for report in history], history)

    rows: list[MetricRow] = []
    pairs: list[_Pair] = []
    for key, metric in current_metrics.items():
        settings = config.settings_for(*key)
        if baseline is None:
            rows.append(
                _row(
                    key,
                    metric,
                    settings,
                    status="neutral",
                    reason="no baseline to compare with",
                    current=metric.value,
                )
            )
        elif key not in baseline_metrics:
            reason = "no baseline value for this metric"
            rows.append(_row(key, metric, settings, status="new", reason=reason, current=metric.value))
        else:
            pair = _paired_row(
                key,
                baseline_metrics[key],
                metric,
                settings=settings,
                history=histories.get(key),
            )
            rows.append(pair.row)
            if not pair.row.status:
                pairs.append(pair)
    for key, metric in baseline_metrics.items():
        if key not in current_metrics:
            reason = "in the baseline, absent from this run"
            rows.append(
                _row(
                    key,
                    metric,
                    config.settings_for(*key),
                    status="missing",
                    reason=reason,
                    baseline=metric.value,
                )
            )

    _unreachable_to_values(pairs, config)
    tested = [pair for pair in pairs if pair.estimate is not None]
    for pair, adjusted in zip(tested, stats.holm([p.row.p_value or 0.0 for p in tested]), strict=True):
        pair.row.p_adjusted = adjusted
    for pair in pairs:
        _decide(pair, config, blocked, environment.differing_keys)

    slos = [
        slo
        for row in rows
        for slo in _slo_rows(row, current_metrics.get((row.benchmark, row.metric)), config)
    ]
    return RegressionSummary(
        suite=current.suite,
        status=_overall(rows, slos, baseline is None),
        rows=rows,
        environment=environment,
        thresholds=Thresholds(
            warn_pct=config.warn_pct,
            fail_pct=config.fail_pct,
            alpha=config.alpha,
            confidence=CONFIDENCE,
            noise_k=config.noise_k,
            min_samples=MIN_SAMPLES,
        ),
        slos=slos,
        geomean=_geomean(rows),
        current=RunInfo(commit=current.commit, ref=current.ref, timestamp=current.timestamp),
        baseline=provenance,
        ignored=len(ignored),
    )


def percent(fraction: float) -> float:
    """A fraction as the 2-decimal percentage people read and thresholds judge.

    Binary floats put 2.097 vs 2.33 at 10.000000000000004 %, and unit conversions add similar
    noise; rounding that away first (to 9 decimals) gives what decimal arithmetic would: 10.00 %.
    """
    return round(round(fraction * 100, 9), 2) + 0.0  # + 0.0 turns -0.0 into 0.0


# --- preparing both sides ---------------------------------------------------------------------------


def _normalised(report: Report, config: CompareConfig, ignored: set[str]) -> dict[Key, Metric]:
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


def _point(metric: Metric) -> float:
    """The run's value of a metric: the median when it has enough samples, else the reported value."""
    if metric.samples and len(metric.samples) >= MIN_SAMPLES:
        return stats.median(metric.samples)
    return metric.value


def _histories(
    normalised: list[dict[Key, Metric]], reports: Sequence[Report]
) -> dict[Key, list[tuple[float, str, Report]]]:
    """Earlier values per metric, oldest first, each with its unit and the report it came from."""
    found: dict[Key, list[tuple[float, str, Report]]] = {}
    for metrics, report in zip(normalised, reports, strict=True):
        for key, metric in metrics.items():
            found.setdefault(key, []).append((_point(metric), metric.unit, report))
    return found


def _sorted_in_unit(factor: float, values: Sequence[float]) -> list[float]:
    """Samples sorted once, here, for every statistic that follows."""
    return sorted(values) if factor == 1.0 else sorted(value * factor for value in values)


def _row(
    key: Key,
    metric: Metric,
    settings: MetricSettings,
    *,
    status: str = "",
    reason: str = "",
    baseline: float | None = None,
    current: float | None = None,
) -> MetricRow:
    return MetricRow(
        benchmark=key[0],
        metric=key[1],
        unit=metric.unit,
        direction=metric.direction,
        status=status,
        reason=reason,
        baseline=baseline,
        current=current,
        warn_pct=settings.warn_pct,
        fail_pct=max(settings.warn_pct, settings.fail_pct),
    )


def _paired_row(
    key: Key,
    before: Metric,
    after: Metric,
    *,
    settings: MetricSettings,
    history: list[tuple[float, str, Report]] | None,
) -> _Pair:
    """Measure one metric on both sides; the status stays empty until the suite-wide decision."""
    unit = units.lookup(after.unit)
    before_unit = units.lookup(before.unit)
    row = _row(key, after, settings)
    if before_unit.dimension != unit.dimension:
        row.status, row.current = "new", after.value
        row.reason = f"unit changed from {before.unit} to {after.unit}: not comparable with the baseline"
        return _Pair(row, settings, before, after, unit, 1.0, [], [])
    factor = before_unit.factor / unit.factor
    pair = _Pair(
        row,
        settings,
        before,
        after,
        unit,
        factor,
        baseline_samples=_sorted_in_unit(factor, before.samples or []),
        current_samples=_sorted_in_unit(1.0, after.samples or []),
    )
    row.baseline_samples, row.current_samples = len(pair.baseline_samples), len(pair.current_samples)
    if history:
        _add_history(row, history, unit)
    if min(row.baseline_samples, row.current_samples) >= MIN_SAMPLES:
        pair.estimate = stats.median_ratio(pair.baseline_samples, pair.current_samples, CONFIDENCE)
    elif row.baseline_samples or row.current_samples:
        pair.fallback = (
            f"fewer than {MIN_SAMPLES} samples on a side (baseline {row.baseline_samples}, "
            f"current {row.current_samples}), so no statistical test"
        )
    if pair.estimate is not None:
        _measure_samples(pair, pair.estimate)
    else:
        _measure_values(pair)
    return pair


def _measure_samples(pair: _Pair, estimate: stats.RatioEstimate) -> None:
    row = pair.row
    row.basis = "samples"
    row.baseline = stats.percentile(pair.baseline_samples, 0.5)
    row.current = stats.percentile(pair.current_samples, 0.5)
    row.ratio = estimate.ratio
    row.ratio_interval = RatioInterval(estimate.lower, estimate.upper, CONFIDENCE)
    row.p_value = stats.mann_whitney_p(pair.baseline_samples, pair.current_samples)
    _set_change(pair)


def _measure_values(pair: _Pair) -> None:
    """The reported values and the threshold rule: for metrics without (enough) samples."""
    row = pair.row
    row.basis, row.ratio, row.ratio_interval, row.p_value = "values", None, None, None
    row.baseline, row.current = pair.before.value * pair.factor, pair.after.value
    row.few_samples = bool(pair.fallback)
    if row.baseline <= 0:
        row.status, row.basis = "neutral", None
        row.reason = "the baseline value is 0: no relative change can be computed"
        return
    row.ratio = row.current / row.baseline
    _set_change(pair)


def _set_change(pair: _Pair) -> None:
    row = pair.row
    row.change_pct = percent((row.ratio or 0.0) - 1)
    row.regression_pct = row.change_pct if row.direction == "lower" else -row.change_pct + 0.0
    _raise_thresholds(row, pair.settings, pair.unit)


def _unreachable_to_values(pairs: list[_Pair], config: CompareConfig) -> None:
    """Metrics whose sample counts cannot give a p-value that survives Holm here use the threshold rule.

    With 5 samples a side the smallest possible Mann–Whitney p is 0.0079; across 100 tested metrics
    Holm first asks for 0.0005, so such a test could never find anything.
    """
    tested = [pair for pair in pairs if pair.estimate is not None]
    needed = config.alpha / max(1, len(tested))
    for pair in pairs:
        if pair.fallback:  # fewer than MIN_SAMPLES on a side
            pair.row.samples_needed = max(MIN_SAMPLES, stats.samples_for_p(needed) or MIN_SAMPLES)
    for pair in tested:
        sizes = (len(pair.baseline_samples), len(pair.current_samples))
        smallest = stats.smallest_mann_whitney_p(*sizes)
        if smallest > needed:
            enough = stats.samples_for_p(needed)
            pair.estimate = None
            pair.row.samples_needed = enough
            pair.fallback = (
                f"with {sizes[0]} and {sizes[1]} samples no change can be significant across "
                f"{len(tested)} tested metrics (smallest possible p {smallest:.2g}, Holm needs "
                f"{needed:.2g}; {enough or 'many'} a side would do), so no statistical test"
            )
            _measure_values(pair)


def _add_history(row: MetricRow, history: list[tuple[float, str, Report]], unit: units.Unit) -> None:
    """Attach earlier values in the row's unit and estimate the metric's run-to-run noise from them."""
    points = []
    for value, symbol, report in history:
        earlier = units.lookup(symbol)
        if earlier.dimension == unit.dimension:
            points.append(HistoryPoint(value * earlier.factor / unit.factor, report.commit, report.timestamp))
    row.history = points[-HISTORY_POINTS:] or None
    if len(points) >= MIN_HISTORY:
        spread = stats.robust_spread_pct([point.value for point in points])
        row.noise_pct = round(spread, 2) if spread is not None else None


def _raise_thresholds(row: MetricRow, settings: MetricSettings, unit: units.Unit) -> None:
    """Never flag a change below k x the metric's noise, or below the minimum absolute change."""
    floors = []
    if row.noise_pct is not None:
        floors.append(round(settings.noise_k * row.noise_pct, 2))
        row.too_noisy = row.noise_pct > settings.warn_pct
    if settings.min_absolute is not None and row.baseline:
        smallest = settings.min_absolute.in_base_units_of(unit.symbol)
        if smallest is not None:
            floors.append(percent(smallest / unit.factor / row.baseline))
    row.warn_pct = max([settings.warn_pct, *floors])
    row.fail_pct = max([settings.warn_pct, settings.fail_pct, *floors])


# --- the decision ----------------------------------------------------------------------------------


def _decide(pair: _Pair, config: CompareConfig, blocked: bool, differing: list[str]) -> None:
    """Give a measured row its status, verdict, reason and gating flag."""
    row = pair.row
    if pair.estimate is not None:
        _statistical_verdict(pair, pair.estimate, config)
    else:
        row.status = _threshold_status(row)
        row.reason = _threshold_reason(row, pair.fallback)
    if blocked and row.status in ("failure", "warning", "improved"):
        keys = ", ".join(differing)
        row.reason = (
            f"inconclusive: environments differ ({keys}), so this {row.regression_pct:+.2f}% change "
            "cannot be attributed to the code"
        )
        row.status, row.verdict, row.samples_needed = "pass", "inconclusive", None
    if row.too_noisy:
        row.reason += (
            f"; too noisy to gate: history spread {row.noise_pct:.2f}% exceeds the "
            f"{pair.settings.warn_pct:g}% warn threshold"
        )
    acknowledgement = config.acknowledgement(row.benchmark, row.metric)
    if acknowledgement is not None:
        row.acknowledged, row.acknowledged_reason = True, acknowledgement.reason
        row.reason += f"; acknowledged: {acknowledgement.reason}"
    row.gating = row.status in ("failure", "warning") and not row.acknowledged and not row.too_noisy


def _threshold_status(row: MetricRow) -> str:
    """copybook-rs's rule on the 2-decimal percentage: strictly above a threshold counts."""
    worse = row.regression_pct or 0.0
    if worse > row.fail_pct:
        return "failure"
    if worse > row.warn_pct:
        return "warning"
    if worse < -row.warn_pct:
        return "improved"
    return "pass"


def _threshold_reason(row: MetricRow, fallback: str) -> str:
    worse = row.regression_pct or 0.0
    size = (
        f"{abs(worse):.2f}% {'worse' if worse > 0 else 'better'} than the baseline" if worse else "no change"
    )
    context = {
        "failure": f"above the {row.fail_pct:g}% fail threshold",
        "warning": f"above the {row.warn_pct:g}% warn threshold",
        "improved": f"beyond the {row.warn_pct:g}% threshold",
        "pass": f"within ±{row.warn_pct:g}%",
    }[row.status]
    reason = f"{size} ({context})"
    return f"{fallback}: {reason}" if fallback else reason


def _statistical_verdict(pair: _Pair, estimate: stats.RatioEstimate, config: CompareConfig) -> None:
    """Regressed, improved, unchanged or inconclusive, from the Holm-adjusted p and the ratio's interval."""
    row = pair.row
    low, high = _regression_interval(estimate, row.direction)
    adjusted = row.p_adjusted if row.p_adjusted is not None else 1.0
    significant = adjusted <= config.alpha and (low > 0 or high < 0)
    worse = row.regression_pct or 0.0
    evidence = (
        f"{CONFIDENCE:.0%} CI {low:+.2f}% to {high:+.2f}%, "
        f"p = {row.p_value:.2g}, Holm-adjusted {row.p_adjusted:.2g}"
    )
    if significant and worse > row.warn_pct:
        row.verdict = "regressed"
        row.status = "failure" if worse > row.fail_pct else "warning"
        limit = row.fail_pct if row.status == "failure" else row.warn_pct
        row.reason = f"regressed: {worse:.2f}% worse, above the {limit:g}% threshold ({evidence})"
    elif significant and worse < -row.warn_pct:
        row.verdict, row.status = "improved", "improved"
        row.reason = f"improved: {-worse:.2f}% better, beyond the {row.warn_pct:g}% threshold ({evidence})"
    elif -row.warn_pct <= low and high <= row.warn_pct:
        row.verdict, row.status = "unchanged", "pass"
        row.reason = f"unchanged: the change is within ±{row.warn_pct:g}% ({evidence})"
    else:
        row.verdict, row.status = "inconclusive", "pass"
        row.samples_needed = _samples_needed(pair, estimate, row.warn_pct, config.alpha)
        advice = (
            f"; about {row.samples_needed} samples per side would settle it"
            if row.samples_needed
            else "; the estimate sits on the threshold"
        )
        row.reason = f"inconclusive: {worse:+.2f}% ({evidence}){advice}"


def _regression_interval(estimate: stats.RatioEstimate, direction: str) -> tuple[float, float]:
    """The ratio's interval as direction-aware percentages (positive is worse)."""
    if direction == "lower":
        return (estimate.lower - 1) * 100, (estimate.upper - 1) * 100
    return (1 - estimate.upper) * 100, (1 - estimate.lower) * 100


def _samples_needed(pair: _Pair, estimate: stats.RatioEstimate, warn_pct: float, alpha: float) -> int | None:
    """Samples per side that would rule out a change beyond the threshold, or confirm one.

    Interval widths shrink, and z-scores grow, with the square root of the sample count.
    """
    row = pair.row
    centre = math.log(estimate.ratio)
    upper, lower = math.log1p(warn_pct / 100), math.log1p(-min(warn_pct, 99.0) / 100)
    samples = min(len(pair.baseline_samples), len(pair.current_samples))
    half_width = (math.log(estimate.upper) - math.log(estimate.lower)) / 2
    if lower <= centre <= upper:
        needed = stats.samples_needed(samples, half_width, min(upper - centre, centre - lower))
    else:
        needed = stats.samples_needed(samples, half_width, abs(centre))
        p_value, adjusted = row.p_value or 1.0, row.p_adjusted or 1.0
        if needed is not None and adjusted > alpha:
            # Holm asks this metric for p <= alpha * p / adjusted; z must grow from z_now to z_needed.
            z_now = _NORMAL.inv_cdf(1 - p_value / 2) if p_value < 1 else 0.0
            z_needed = _NORMAL.inv_cdf(1 - alpha * p_value / adjusted / 2)
            by_p_value = stats.samples_needed(samples, z_needed, z_now)
            needed = max(needed, by_p_value) if by_p_value is not None else None
    return needed if needed is not None and needed <= MAX_SAMPLES_NEEDED else None


# --- suite-level results -----------------------------------------------------------------------------


def _compare_environments(
    current: Environment, baseline: Report | None, config: CompareConfig
) -> EnvironmentComparison:
    """Fingerprints of both sides; a key differs only when both sides know it."""
    comparison = EnvironmentComparison(current=current, current_fingerprint=current.fingerprint())
    if baseline is None:
        return comparison
    before = baseline.environment
    comparison.baseline, comparison.baseline_fingerprint = before, before.fingerprint()
    differing = []
    for key in FINGERPRINT_KEYS:
        old, new = getattr(before, key), getattr(current, key)
        if key == "os" and old and new:
            old, new = old.lower(), new.lower()
        if old is not None and new is not None and old != new:
            differing.append(key)
    comparison.differs = bool(differing)
    comparison.differing_keys = differing
    comparison.declared_comparable = bool(differing) and all(config.tolerates(key) for key in differing)
    return comparison


def _slo_rows(row: MetricRow, metric: Metric | None, config: CompareConfig) -> list[SloRow]:
    """Floors and ceilings from the config (which wins) or the report, checked on the current value."""
    if metric is None:
        return []
    limits = {"floor": metric.floor, "ceiling": metric.ceiling}
    for index, slo in enumerate(config.slos):
        if slo.matches(row.benchmark, row.metric):
            for kind in limits:
                limit = getattr(slo, kind)
                if limit is not None:
                    limits[kind] = _limit_in(limit, slo.unit, row, config.source, index)
    value = row.current if row.current is not None else metric.value
    result = []
    for kind, limit in limits.items():
        if limit is None:
            continue
        margin = None
        if limit > 0:
            margin = percent(value / limit - 1 if kind == "floor" else 1 - value / limit)
        kept = value >= limit if kind == "floor" else value <= limit
        result.append(
            SloRow(
                benchmark=row.benchmark,
                metric=row.metric,
                unit=row.unit,
                kind=kind,
                limit=limit,
                value=value,
                status="pass" if kept else "failure",
                enforced=config.enforce_slos,
                margin_pct=margin,
            )
        )
    return result


def _limit_in(limit: float, unit: str | None, row: MetricRow, source: str, index: int) -> float:
    """A configured limit in the row's unit; a unit of another dimension is a config error."""
    if unit is None:
        return limit
    try:
        return units.convert(limit, unit, row.unit)
    except units.UnknownUnit:
        raise ValidationFailure.single(
            source,
            f"/compare/slo/{index}/unit",
            f"{unit} cannot express {row.benchmark} {row.metric}, which is measured in {row.unit}",
        ) from None


def _geomean(rows: list[MetricRow]) -> GeoMean | None:
    """One number for the suite: the geometric mean of direction-aware ratios (above 1 is worse)."""
    ratios = [
        row.ratio if row.direction == "lower" else 1 / row.ratio
        for row in rows
        if row.basis is not None and row.ratio
    ]
    if not ratios:
        return None
    mean = stats.geometric_mean(ratios, CONFIDENCE)
    return GeoMean(
        ratio=mean.value,
        change_pct=percent(mean.value - 1),
        count=len(ratios),
        lower=mean.lower,
        upper=mean.upper,
        level=CONFIDENCE,
    )


def _overall(rows: list[MetricRow], slos: list[SloRow], no_baseline: bool) -> str:
    if no_baseline:
        return "NEUTRAL"
    if any(row.gating and row.status == "failure" for row in rows):
        return "FAILURE"
    if any(slo.enforced and slo.status == "failure" for slo in slos):
        return "FAILURE"
    if any(row.gating and row.status == "warning" for row in rows):
        return "WARNING"
    return "PASS"
