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
    Measurement,
    MetricHistory,
    Pair,
    normalised,
    paired,
    percent,
    unmeasured,
    untestable_to_values,
)
from perfaction.compare.suite import compare_environments, geomean, overall, slo_rows
from perfaction.config import CompareConfig
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
    adjusted = dict(
        zip([p.key for p in tested], stats.holm([p.measured.p_value or 0.0 for p in tested]), strict=True)
    )
    suite = Suite(
        config, environment.differs and not environment.declared_comparable, environment.differing_keys
    )
    measured = {pair.key: pair for pair in pairs}
    decided = {pair.key: decide(pair, adjusted.get(pair.key), suite) for pair in pairs}
    rows = [_row(entry, measured, decided, adjusted) for entry in entries]
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
            measured = unmeasured(settings, current=metric.value)
            entries.append(_finished(key, metric, measured, Status.NEUTRAL, "no baseline to compare with"))
        elif key not in baseline:
            measured = unmeasured(settings, current=metric.value)
            entries.append(_finished(key, metric, measured, Status.NEW, "no baseline value for this metric"))
        else:
            entries.append(paired(key, baseline[key], metric, settings, histories.get(key)))
    for key, metric in baseline.items():
        if key not in current:
            measured = unmeasured(config.settings_for(*key), baseline=metric.value)
            entries.append(
                _finished(key, metric, measured, Status.MISSING, "in the baseline, absent from this run")
            )
    return entries


def _row(
    entry: MetricRow | Pair,
    measured: dict[Key, Pair],
    decided: dict[Key, Decision],
    adjusted: dict[Key, float],
) -> MetricRow:
    """A finished row as it is; a pair's row from its (possibly re-measured) pair and its decision."""
    if isinstance(entry, MetricRow):
        return entry
    if entry.key not in decided and entry.settled is not None:
        return _finished(entry.key, entry.after, entry.measured, *entry.settled)
    pair = measured[entry.key]
    return _build(pair.key, pair.after, pair.measured, decided[pair.key], adjusted.get(pair.key))


def _finished(key: Key, metric: Metric, measured: Measurement, status: Status, reason: str) -> MetricRow:
    return _build(
        key, metric, measured, Decision(status, reason, samples_needed=measured.samples_needed), None
    )


def _build(
    key: Key, metric: Metric, measured: Measurement, decision: Decision, p_adjusted: float | None
) -> MetricRow:
    """The summary's row: the metric's identity, what was measured and what was decided."""
    return MetricRow(
        benchmark=key[0],
        metric=key[1],
        unit=metric.unit,
        direction=metric.direction,
        status=decision.status,
        reason=decision.reason,
        gating=decision.gating,
        basis=measured.basis,
        baseline=measured.baseline,
        current=measured.current,
        change_pct=measured.change_pct,
        regression_pct=measured.regression_pct,
        ratio=measured.ratio,
        ratio_interval=measured.ratio_interval,
        verdict=decision.verdict,
        p_value=measured.p_value,
        p_adjusted=p_adjusted,
        baseline_samples=measured.baseline_samples,
        current_samples=measured.current_samples,
        few_samples=measured.few_samples,
        samples_needed=decision.samples_needed,
        noise_pct=measured.noise_pct,
        too_noisy=measured.too_noisy,
        acknowledged=decision.acknowledged,
        acknowledged_reason=decision.acknowledged_reason,
        warn_pct=measured.warn_pct,
        fail_pct=measured.fail_pct,
        history=measured.history,
    )
