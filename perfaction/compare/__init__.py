"""The comparison: a run against its baseline, metric by metric, with statistics that hold across a suite.

Three rooms: `prepare` pairs the metrics and measures them, `decide` rules on each, `suite` sums up.
Pure functions over canonical reports and the config; every mode that judges a run calls `compare`.
"""

from __future__ import annotations

from collections.abc import Mapping

from perfaction import verdict
from perfaction.compare.decide import Suite, decided_row
from perfaction.compare.prepare import Key, MetricHistory, Pair, normalised, paired, percent, thresholds
from perfaction.compare.suite import compare_environments, geomean, overall, shift_rows, slo_rows
from perfaction.config import CompareConfig, MetricSettings
from perfaction.jsonio import without_cycle_collection
from perfaction.model import Metric, Report
from perfaction.summary import (
    MetricRow,
    Provenance,
    RegressionSummary,
    RunInfo,
    SamplesAdvice,
    Thresholds,
)
from perfaction.verdicts import Status

__all__ = ["MetricHistory", "compare", "percent"]


def compare(
    current: Report,
    baseline: Report | None,
    config: CompareConfig | None = None,
    history: Mapping[Key, MetricHistory] | None = None,
    provenance: Provenance | None = None,
) -> RegressionSummary:
    """Judge every metric of `current` against `baseline`, the whole suite's evidence at once.

    `history` maps (benchmark, metric) to the metric's earlier baseline values; old names given in
    the config's aliases are followed.
    """
    with without_cycle_collection():
        return _compare(current, baseline, config or CompareConfig(), history or {}, provenance)


def _compare(
    current: Report,
    baseline: Report | None,
    config: CompareConfig,
    history: Mapping[Key, MetricHistory],
    provenance: Provenance | None,
) -> RegressionSummary:
    ignored: set[str] = set()
    current_metrics = normalised(current, config, ignored)
    baseline_metrics = normalised(baseline, config, ignored) if baseline else {}
    environment = compare_environments(current.environment, baseline, config)
    entries = _entries(
        current_metrics,
        baseline_metrics,
        baseline,
        config,
        source_format=current.source_format,
        history=history,
    )
    judged = [e for e in entries if isinstance(e, Pair) and e.evidence is not None]
    suite_judgement = verdict.judge([pair.evidence for pair in judged if pair.evidence], config.alpha)
    judgements = dict(zip([pair.key for pair in judged], suite_judgement.judgements, strict=True))
    suite = Suite(
        config, environment.differs and not environment.declared_comparable, environment.differing_keys
    )
    rows = [_row(entry, judgements, suite) for entry in entries]
    slos = [
        slo for row in rows for slo in slo_rows(row, current_metrics.get((row.benchmark, row.metric)), config)
    ]
    shifts = shift_rows(suite_judgement.shifts, config.suite_shift, suite.blocked)
    return RegressionSummary(
        suite=current.suite,
        status=overall(rows, slos, shifts, baseline is None),
        rows=rows,
        environment=environment,
        thresholds=Thresholds(
            warn_pct=config.warn_pct,
            fail_pct=config.fail_pct,
            alpha=config.alpha,
            confidence=verdict.CONFIDENCE,
            min_samples=verdict.GUARD_MIN_SAMPLES,
            suite_shift=config.suite_shift,
        ),
        slos=slos,
        geomean=geomean(rows),
        current=RunInfo(commit=current.commit, ref=current.ref, timestamp=current.timestamp),
        baseline=provenance,
        ignored=len(ignored),
        shifts=shifts,
        advice=_advice(suite_judgement.advice),
    )


def _advice(advice: verdict.SamplesAdvice | None) -> SamplesAdvice | None:
    return SamplesAdvice(advice.per_side, advice.settles, advice.inconclusive) if advice else None


def _entries(
    current: dict[Key, Metric],
    baseline: dict[Key, Metric],
    baseline_report: Report | None,
    config: CompareConfig,
    *,
    source_format: str,
    history: Mapping[Key, MetricHistory],
) -> list[MetricRow | Pair]:
    """Every metric of either side in report order: finished rows, and pairs that await the decision."""
    histories = {
        (config.aliases.get(name, name), metric): series for (name, metric), series in history.items()
    }
    baseline_commit = baseline_report.commit if baseline_report else None
    entries: list[MetricRow | Pair] = []
    for key, metric in current.items():
        settings = config.settings_for(*key)
        if baseline_report is None:
            reason = "no baseline to compare with"
            entries.append(_finished(key, metric, settings, (Status.NEUTRAL, reason), current=metric.value))
        elif key not in baseline:
            reason = "no baseline value for this metric"
            entries.append(_finished(key, metric, settings, (Status.NEW, reason), current=metric.value))
        else:
            sides = (baseline[key], metric)
            found = histories.get(key)
            entries.append(
                paired(key, sides, settings, history=found, source=source_format, commit=baseline_commit)
            )
    for key, metric in baseline.items():
        if key not in current:
            settled = (Status.MISSING, "in the baseline, absent from this run")
            entries.append(_finished(key, metric, config.settings_for(*key), settled, baseline=metric.value))
    return entries


def _row(entry: MetricRow | Pair, judgements: dict[Key, verdict.Judgement], suite: Suite) -> MetricRow:
    """A finished row as it is; a pair's row from its judgement, or from what settled it."""
    if isinstance(entry, MetricRow):
        return entry
    if entry.settled is not None:
        return _finished(entry.key, entry.after, entry.settings, entry.settled, current=entry.after.value)
    return decided_row(entry, judgements[entry.key], suite)


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
