"""The suite's result: whether both sides are comparable, floors and ceilings, the geomean, the status."""

from __future__ import annotations

from perfaction import stats, units, verdict
from perfaction.compare.prepare import percent
from perfaction.config import CompareConfig
from perfaction.errors import ValidationFailure
from perfaction.model import FINGERPRINT_KEYS, Environment, Metric, Report
from perfaction.summary import EnvironmentComparison, GeoMean, MetricRow, SloRow, SuiteShiftRow
from perfaction.verdicts import Overall, ShiftGate, Status, Verdict

CONFIDENCE = verdict.CONFIDENCE


def compare_environments(
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


def slo_rows(row: MetricRow, metric: Metric | None, config: CompareConfig) -> list[SloRow]:
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
                status=Status.PASS if kept else Status.FAILURE,
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


def geomean(rows: list[MetricRow]) -> GeoMean | None:
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


def shift_rows(shifts: list[verdict.SuiteShift], gate: ShiftGate, blocked: bool) -> list[SuiteShiftRow]:
    """Each metric name's suite-wide shift; a regressed one gates as configured, unless setups differ."""
    rows = []
    for shift in shifts:
        gating = shift.verdict is verdict.Verdict.REGRESSED and gate is not ShiftGate.NEVER and not blocked
        rows.append(
            SuiteShiftRow(
                metric=shift.group,
                ratio=shift.ratio,
                lower=shift.interval[0],
                upper=shift.interval[1],
                level=CONFIDENCE,
                direction="lower" if shift.lower_is_better else "higher",
                members=shift.members,
                p_value=shift.p_value,
                notable=shift.notable,
                verdict=Verdict(shift.verdict.value),
                tier=gate.value if gating else None,
            )
        )
    return rows


def overall(
    rows: list[MetricRow], slos: list[SloRow], shifts: list[SuiteShiftRow], no_baseline: bool
) -> Overall:
    if no_baseline:
        return Overall.NEUTRAL
    if any(row.gating and row.status == Status.FAILURE for row in rows):
        return Overall.FAILURE
    if any(slo.enforced and slo.status == Status.FAILURE for slo in slos):
        return Overall.FAILURE
    if any(shift.tier == ShiftGate.FAILURE for shift in shifts):
        return Overall.FAILURE
    return Overall.WARNING if any(row.gating for row in rows) or any(s.tier for s in shifts) else Overall.PASS
