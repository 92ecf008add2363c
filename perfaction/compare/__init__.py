"""The comparison: a run against its baseline, metric by metric, with statistics that hold across a suite.

Three rooms: `prepare` pairs the metrics and measures them, `decide` rules on each, `suite` sums up.
Pure functions over canonical reports and the config; every mode that judges a run calls `compare`.
"""

from __future__ import annotations

from collections.abc import Mapping

from perfaction import stats
from perfaction.compare.decide import Decision, Suite, decide
from perfaction.compare.prepare import (
    CONFIDENCE,
    MIN_HISTORY,
    MIN_SAMPLES,
    Key,
    MetricHistory,
    Pair,
    normalised,
    paired,
    percent,
    thresholds,
    untestable_to_values,
)
from perfaction.compare.suite import compare_environments, geomean, overall, slo_rows
from perfaction.config import CompareConfig, MetricSettings
from perfaction.model import Metric, Report
from perfaction.summary import MetricRow, Provenance, RegressionSummary, RunInfo, Thresholds
from perfaction.verdicts import Status

__all__ = ["MIN_HISTORY", "MetricHistory", "compare", "percent"]


def compare(
    current: Report,
    baseline: Report | None,
    config: CompareConfig | None = None,
    history: Mapping[Key, MetricHistory] | None = None,
    provenance: Provenance | None = None,
) -> RegressionSummary:
    """Judge every metric of `current` against `baseline`.

    `history` maps (benchmark, metric) to the metric's earlier baseline values; old names given in
    the config's aliases are followed.
    """
    config = config or CompareConfig()
    ignored: set[str] = set()
    current_metrics = normalised(current, config, ignored)
    baseline_metrics = normalised(baseline, config, ignored) if baseline else {}
    environment = compare_environments(current.environment, baseline, config)
    entries = _entries(current_metrics, baseline_metrics, baseline is not None, config, history or {})
    pairs = untestable_to_values(
        [e for e in entries if isinstance(e, Pair) and e.settled is None], config.alpha
    )
    tested = [pair for pair in pairs if pair.estimate is not None]
    adjusted = dict(zip([p.key for p in tested], stats.holm([p.p_value or 0.0 for p in tested]), strict=True))
    suite = Suite(
        config, environment.differs and not environment.declared_comparable, environment.differing_keys
    )
    prepared = {pair.key: pair for pair in pairs}
    rows = [_row(entry, prepared, adjusted, suite) for entry in entries]
    slos = [
        slo for row in rows for slo in slo_rows(row, current_metrics.get((row.benchmark, row.metric)), config)
    ]
    return RegressionSummary(
        suite=current.suite,
        status=overall(rows, slos, baseline is None),
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
        geomean=geomean(rows),
        current=RunInfo(commit=current.commit, ref=current.ref, timestamp=current.timestamp),
        baseline=provenance,
        ignored=len(ignored),
    )


def _entries(
    current: dict[Key, Metric],
    baseline: dict[Key, Metric],
    has_baseline: bool,
    config: CompareConfig,
    history: Mapping[Key, MetricHistory],
) -> list[MetricRow | Pair]:
    """Every metric of either side in report order: finished rows, and pairs that await the decision."""
    histories = {
        (config.aliases.get(name, name), metric): series for (name, metric), series in history.items()
    }
    entries: list[MetricRow | Pair] = []
    for key, metric in current.items():
        settings = config.settings_for(*key)
        if not has_baseline:
            reason = "no baseline to compare with"
            entries.append(_finished(key, metric, settings, (Status.NEUTRAL, reason), current=metric.value))
        elif key not in baseline:
            reason = "no baseline value for this metric"
            entries.append(_finished(key, metric, settings, (Status.NEW, reason), current=metric.value))
        else:
            entries.append(paired(key, baseline[key], metric, settings, histories.get(key)))
    for key, metric in baseline.items():
        if key not in current:
            settled = (Status.MISSING, "in the baseline, absent from this run")
            entries.append(_finished(key, metric, config.settings_for(*key), settled, baseline=metric.value))
    return entries


def _row(
    entry: MetricRow | Pair, prepared: dict[Key, Pair], adjusted: dict[Key, float], suite: Suite
) -> MetricRow:
    """A finished row as it is; a prepared pair's row from what it measured and what was decided."""
    if isinstance(entry, MetricRow):
        return entry
    if entry.key not in prepared and entry.settled is not None:
        # Settled while measured: a unit of another dimension, or a zero baseline value.
        status, reason = entry.settled
        return _build(entry, Decision(status, reason, samples_needed=entry.samples_needed), None)
    pair = prepared[entry.key]
    p_adjusted = adjusted.get(pair.key)
    return _build(pair, decide(pair, p_adjusted, suite), p_adjusted)


def _finished(
    key: Key,
    metric: Metric,
    settings: MetricSettings,
    settled: tuple[Status, str],
    *,
    baseline: float | None = None,
    current: float | None = None,
) -> MetricRow:
    """The row of a metric only one side has, or of a run without a baseline: nothing to compare."""
    warn_pct, fail_pct = thresholds(settings)
    status, reason = settled
    return MetricRow(
        benchmark=key[0],
        metric=key[1],
        unit=metric.unit,
        direction=metric.direction,
        status=status,
        reason=reason,
        baseline=baseline,
        current=current,
        warn_pct=warn_pct,
        fail_pct=fail_pct,
    )


def _build(pair: Pair, decision: Decision, p_adjusted: float | None) -> MetricRow:
    """The summary's row: the metric's identity, what was measured and what was decided."""
    return MetricRow(
        benchmark=pair.key[0],
        metric=pair.key[1],
        unit=pair.after.unit,
        direction=pair.after.direction,
        status=decision.status,
        reason=decision.reason,
        gating=decision.gating,
        basis=pair.basis,
        baseline=pair.baseline,
        current=pair.current,
        change_pct=pair.change_pct,
        regression_pct=pair.regression_pct,
        ratio=pair.ratio,
        ratio_interval=pair.ratio_interval,
        verdict=decision.verdict,
        p_value=pair.p_value,
        p_adjusted=p_adjusted,
        baseline_samples=len(pair.before_samples),
        current_samples=len(pair.after_samples),
        few_samples=pair.few_samples,
        samples_needed=decision.samples_needed,
        noise_pct=pair.noise_pct,
        too_noisy=pair.too_noisy,
        acknowledged=decision.acknowledged,
        acknowledged_reason=decision.acknowledged_reason,
        warn_pct=pair.warn_pct,
        fail_pct=pair.fail_pct,
        history=pair.history,
    )
