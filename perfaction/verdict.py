"""The decision: from one suite's paired evidence to a verdict per metric, with false alarms held per PR.

A metric is regressed when its change, judged against the suite-wide shift as well as against zero,
stands out from the noise of every source that applies (sampling, run-to-run drift seen in the history,
the extra spread of this comparison's bulk) at a level that keeps the whole PR's false-alarm rate at
`alpha`, and the estimate is beyond the threshold. Pure functions over plain values: the comparison
prepares `Evidence` (pairing, units, history, families) and renders what `judge` returns.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import field, replace
from enum import StrEnum
from functools import cache
from typing import Any

from perfaction import noise, stats
from perfaction.records import datarecord

ALPHA = 0.01  # share of PRs without a real change that may raise a false alarm
CONFIDENCE = 0.95
GUARD_ALPHA = 0.05  # the samples themselves must show the change (one-sided Mann–Whitney)
GUARD_MIN_SAMPLES = 4  # below this a side, no Mann–Whitney p can reach GUARD_ALPHA
SHIFT_NOTABLE = 0.01  # a suite-wide shift is reported when significant at alpha and at least 1 %
ADVICE_SHARE = 0.8  # the samples advice settles at least this share of the inconclusive rows
MAX_SAMPLES_ADVICE = 10_000
EXACT_P = 0.1  # p-values below this are computed exactly; above it, to about 1 % of their value


class Verdict(StrEnum):
    REGRESSED = "regressed"
    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    INCONCLUSIVE = "inconclusive"


class Basis(StrEnum):
    """What the verdict rests on, from most to least evidence."""

    SAMPLES = "samples"  # both sides' samples, with history and the suite where present
    HISTORY = "history"  # one value a side, judged against the history's run-to-run noise
    SUITE = "suite"  # one value a side, no history: the suite's own spread is the noise
    THRESHOLD = "threshold"  # nothing to measure noise with: the threshold rule alone
    ZERO = "zero"  # a count or size from (or to) zero: any rise beyond min_absolute


class Tier(StrEnum):
    WARNING = "warning"
    FAILURE = "failure"


@datarecord(frozen=True)
class Side:
    """One run's result for a metric: its reported value and, if the tool gave them, its samples."""

    value: float
    samples: tuple[float, ...] = ()


@datarecord(frozen=True)
class Evidence:
    """Everything the decision needs about one metric, in one unit (the current side's).

    `history` holds the locations (`noise.run_location` of the samples, else the value) of earlier
    baseline runs, oldest first, without the baseline run itself. `warn` and `fail` are fractions,
    already raised for `min_absolute` (`min_absolute` itself only judges changes from zero). Metrics
    sharing a `family` (time, cpu_time and throughput of one benchmark) are one test: its direct
    measurements are tested together, `derived` ones (throughput from time) are shown but never gate;
    a family gates once. `group` names the metrics that share an empirical null (default: the name).
    """

    benchmark: str
    metric: str
    lower_is_better: bool
    baseline: Side
    current: Side
    history: tuple[float, ...] = ()
    warn: float = 0.05
    fail: float = 0.10
    min_absolute: float = 0.0
    family: str = ""
    derived: bool = False
    group: str = ""

    @property
    def family_key(self) -> str:
        return self.family or f"{self.benchmark}\0{self.metric}"

    @property
    def group_key(self) -> str:
        return self.group or self.metric


@datarecord(frozen=True)
class Noise:
    """Standard deviations (log scale) of the change's noise, by source."""

    sampling: float
    run_to_run: float
    suite: float  # the empirical null's extra spread and the uncertainty of the suite shift
    df: float


@datarecord(frozen=True)
class Judgement:
    """One metric's verdict with the numbers behind it."""

    benchmark: str
    metric: str
    verdict: Verdict
    basis: Basis
    tier: Tier | None = None
    gating: bool = False
    reference: float | None = None  # the baseline level the change is measured from
    current: float | None = None  # the current run's location
    ratio: float | None = None  # current / reference, as the value moved
    interval: tuple[float, float] | None = None  # of the ratio, with all noise, at CONFIDENCE
    worse: float | None = None  # change beyond the suite shift, as the value moved, > 0 worse
    p_value: float | None = None  # one-sided, in the direction of the change
    p_adjusted: float | None = None
    noise: Noise | None = None
    samples_needed: int | None = None


@datarecord(frozen=True)
class SuiteShift:
    """The change shared by a whole group of metrics (another runner, or a change touching everything)."""

    group: str
    ratio: float  # current / reference shared by the group, as the values moved
    interval: tuple[float, float]  # of the ratio, at CONFIDENCE
    lower_is_better: bool
    members: int
    p_value: float  # one-sided, in the direction of the shift
    notable: bool  # worth its line: significant at alpha and at least SHIFT_NOTABLE
    verdict: Verdict


@datarecord(frozen=True)
class SamplesAdvice:
    """One piece of advice for the whole suite instead of one per inconclusive row."""

    per_side: int
    settles: int
    inconclusive: int


@datarecord(frozen=True)
class SuiteJudgement:
    judgements: list[Judgement]  # in the order of the evidence
    shifts: list[SuiteShift]
    advice: SamplesAdvice | None
    tested: int  # family members in the false-alarm correction

    def counts(self) -> dict[str, int]:
        result = dict.fromkeys([v.value for v in Verdict], 0)
        for judgement in self.judgements:
            result[judgement.verdict.value] += 1
        return result


def judge(
    evidence: Sequence[Evidence], alpha: float = ALPHA, confidence: float = CONFIDENCE
) -> SuiteJudgement:
    """Verdicts for a suite: measure each metric, borrow strength across its group, then decide."""
    measured = [_measure(item) for item in evidence]
    groups: dict[tuple[str, bool], list[_Measured]] = {}
    for item in measured:
        if item.basis is not Basis.ZERO:
            groups.setdefault(_group(item), []).append(item)
    nulls = {key: _fit_group(members) for key, members in groups.items()}
    for item in measured:
        if item.basis is not Basis.ZERO:
            _test(item, nulls.get(_group(item)))
    tested = _adjust(measured)
    judgements = _one_gate_per_family(
        measured, [_decide(item, alpha, confidence, tested) for item in measured]
    )
    shifts = [
        _shift(key[0], null, groups[key], alpha, confidence)
        for key, null in nulls.items()
        if null is not None
    ]
    return SuiteJudgement(judgements, shifts, _advice(judgements), tested)


def _one_gate_per_family(measured: list[_Measured], judgements: list[Judgement]) -> list[Judgement]:
    """One slow benchmark is one regression: only its most significant regressed metric gates."""
    gate: dict[str, int] = {}
    for index, (item, judgement) in enumerate(zip(measured, judgements, strict=True)):
        if judgement.gating:
            key = item.evidence.family_key
            if key not in gate or item.adjusted[0] < measured[gate[key]].adjusted[0]:
                gate[key] = index
    chosen = set(gate.values())
    return [replace(j, gating=False) if j.gating and i not in chosen else j for i, j in enumerate(judgements)]


def _group(item: _Measured) -> tuple[str, bool]:
    """Metrics sharing an empirical null: one name, and alike in having their own noise estimate or not."""
    return item.evidence.group_key, item.basis is Basis.SUITE


# --- measuring one metric ---------------------------------------------------------------------------


_NO_NULL = noise.Null(0.0, 0.0, 0.0, math.inf, math.inf, 0)


@datarecord
class _Measured:
    """A metric on its way to a verdict: log locations, noise parts, then test statistics."""

    evidence: Evidence
    basis: Basis
    current: float = 0.0  # log location
    reference: float = 0.0  # log level of the baseline
    change: float = 0.0  # direction-aware log change, > 0 worse
    location: tuple[noise.Location, noise.Location] | None = None  # baseline, current
    pooled: tuple[float, float] | None = None  # sampling variance per unit, and its df
    level: noise.Level | None = None
    parts: list[tuple[float, float]] = field(default_factory=list)  # (variance, df) by source
    sampling: float = 0.0
    run_to_run: float = 0.0
    reducible: tuple[float, float] = (0.0, 0.0)  # variance per 1/n from sampling, and its part now
    null: noise.Null = _NO_NULL
    statistics: tuple[_Statistic, _Statistic] | None = None  # beyond the two references
    p: tuple[float, float] = (1.0, 1.0)  # one-sided: regression, improvement
    adjusted: tuple[float, float] = (1.0, 1.0)


def _measure(evidence: Evidence) -> _Measured:
    base, current = evidence.baseline, evidence.current
    if _nonpositive(base) or _nonpositive(current):
        return _Measured(evidence, Basis.ZERO)
    if len(base.samples) >= 2 and len(current.samples) >= 2:
        better = evidence.lower_is_better
        locations = noise.locate(base.samples, better), noise.locate(current.samples, better)
        item = _Measured(evidence, Basis.SAMPLES, location=locations)
        kept = locations[0].kept + locations[1].kept - 2
        if kept > 0:
            item.pooled = ((locations[0].squares + locations[1].squares) / kept, kept)
        base_log, current_log = locations[0].log, locations[1].log
    else:
        item = _Measured(evidence, Basis.HISTORY if evidence.history else Basis.SUITE)
        base_log = math.log(_location(base, evidence.lower_is_better))
        current_log = math.log(_location(current, evidence.lower_is_better))
    earlier = [math.log(value) for value in evidence.history if value > 0]
    item.level = noise.history_level(earlier, base_log)
    if item.basis is Basis.HISTORY and item.level.variance is None:
        item.basis = Basis.SUITE
    item.current, item.reference = current_log, item.level.log
    sign = 1.0 if evidence.lower_is_better else -1.0
    item.change = sign * (current_log - item.reference)
    return item


def _nonpositive(side: Side) -> bool:
    return side.value <= 0 or (bool(side.samples) and min(side.samples) <= 0)


def _location(side: Side, lower_is_better: bool) -> float:
    return noise.run_location(side.samples, lower_is_better) if len(side.samples) >= 2 else side.value


def _fit_group(members: list[_Measured]) -> noise.Null | None:
    """Moderate the group's sampling and history variances, then fit its empirical null."""
    pooled = [(m, m.pooled) for m in members if m.pooled is not None]
    prior = noise.variance_prior([v for _, (v, _) in pooled], [df for _, (_, df) in pooled])
    for item, (variance, df) in pooled:
        item.pooled = noise.moderate(variance, df, prior)
    levels = [m.level for m in members if m.level is not None]
    spreads = [(level.variance, level.df) for level in levels if level.variance is not None]
    history_prior = noise.variance_prior([v for v, _ in spreads], [df for _, df in spreads])
    for item in members:
        _model_variance(item, history_prior)
    return noise.empirical_null([m.change for m in members], [_total(m.parts) for m in members])


def _model_variance(item: _Measured, history_prior: noise.Prior | None) -> None:
    """The change's variance from the metric's own evidence, and how much of it more samples would remove.

    With history, one run's location varies as the history's runs did (drift and sampling together, at
    the sample count the runs had); the current run differs only if it has another sample count. The
    level averages `runs` runs. Without history, only the two runs' sampling variances are known.
    """
    level = item.level
    per_sample, df_samples, sampling = 0.0, math.inf, (0.0, 0.0)
    if item.location is not None and item.pooled is not None:
        per_sample, df_samples = item.pooled
        sampling = (per_sample * item.location[0].spread_factor, per_sample * item.location[1].spread_factor)
        item.sampling = math.sqrt(sampling[1])
    has_samples = item.pooled is not None
    if level is None or level.variance is None:
        if has_samples:
            item.parts.append((sampling[0] + sampling[1], df_samples))
            item.reducible = (2 * per_sample, sampling[0] + sampling[1])
        return
    per_run, df = noise.moderate(level.variance, level.df, history_prior)
    runs = level.runs
    item.parts.append((per_run * (1 + 1 / runs), df))
    counts = (item.location[0].samples, item.location[1].samples) if item.location else (0, 0)
    if counts[1] < counts[0]:  # fewer samples now than in the baseline run: more sampling noise
        extra = per_sample * (_per_sample(counts[1]) - _per_sample(counts[0]))
        item.parts.append((extra, df_samples))
    item.run_to_run = math.sqrt(max(0.0, per_run - sampling[0]))
    if has_samples:
        item.reducible = (per_sample * (1 + 1 / runs), sampling[0] * (1 + 1 / runs))


def _per_sample(count: int) -> float:
    return noise.sampling_inflation(count) / count


def _total(parts: Sequence[tuple[float, float]]) -> float:
    total = 0.0
    for variance, _ in parts:
        total += variance
    return total


# --- testing -----------------------------------------------------------------------------------------


@datarecord(frozen=True)
class _Statistic:
    """The change beyond one reference (the suite shift or zero), against the total noise."""

    deviation: float
    variance: float
    df: float

    @property
    def t(self) -> float:
        if self.variance > 0:
            return self.deviation / math.sqrt(self.variance)
        return math.copysign(math.inf, self.deviation) if self.deviation else 0.0

    def bound(self, side: int, confidence: float) -> float:
        """One-sided bound at `confidence`: upper for side +1, lower for side -1."""
        return self.deviation + side * _t_quantile(confidence, self.df) * math.sqrt(self.variance)


def _test(item: _Measured, null: noise.Null | None) -> None:
    """One-sided p-value in the direction of the change, against the suite shift and zero, all noise counted.

    A slower suite raises the bar for regressions (judged beyond the shift), a faster one the bar for
    improvements; the other direction is judged against zero. Only the change's own direction is
    computed: the other's p-value is at least 0.5 and can change no decision.
    """
    if not item.parts and null is None:
        item.basis = Basis.THRESHOLD
        return
    if null is not None:
        item.null = null
        item.parts.append((null.extra_variance, null.extra_df))
    shift = item.null.shift
    slower, faster = (shift, 0.0) if shift > 0 else (0.0, shift)
    item.statistics = (_statistic(item, slower), _statistic(item, faster))
    if item.change >= 0:
        item.p = (_sf(item.statistics[0].t, item.statistics[0].df), 1.0)
    else:
        item.p = (1.0, _sf(-item.statistics[1].t, item.statistics[1].df))


def _statistic(item: _Measured, reference: float) -> _Statistic:
    """The change beyond a reference; judged against the shift, the shift's own uncertainty adds."""
    parts = [*item.parts, (item.null.shift_variance if reference else 0.0, item.null.df)]
    return _Statistic(item.change - reference, _total(parts), _satterthwaite(parts))


def _satterthwaite(parts: Sequence[tuple[float, float]]) -> float:
    """Welch–Satterthwaite degrees of freedom of a sum of variance estimates."""
    total = spread = 0.0
    for variance, df in parts:
        total += variance
        if variance > 0 and 0 < df < math.inf:
            spread += variance * variance / df
    return total * total / spread if spread > 0 else math.inf


def _sf(t: float, df: float) -> float:
    """P(T > t); exact where a decision could hang on it (below EXACT_P), else Fisher's approximation.

    The t tail is heavier than the normal one, so a normal tail above EXACT_P means the exact p is too.
    """
    if math.isinf(t):
        return 0.0 if t > 0 else 1.0
    normal = 0.5 * math.erfc(t / math.sqrt(2))
    if normal <= EXACT_P or df < 10 or not math.isfinite(df):
        return stats.student_t_sf(t, df) if math.isfinite(df) else normal
    z = t * (1 - 1 / (4 * df)) / math.sqrt(1 + t * t / (2 * df))  # Abramowitz and Stegun 26.7.8
    return 0.5 * math.erfc(z / math.sqrt(2))


def _adjust(measured: list[_Measured]) -> int:
    """Holm across families, one test each: a family's p is its best direct measurement's, times their count.

    Derived metrics (throughput from time) are not tested on their own: they get Bonferroni's level.
    Returns the number of families in the correction.
    """
    families: dict[str, list[_Measured]] = {}
    for item in measured:
        if not item.evidence.derived and item.basis not in (Basis.ZERO, Basis.THRESHOLD):
            families.setdefault(item.evidence.family_key, []).append(item)
    members = list(families.values())
    for direction in (0, 1):
        corrected = [
            [group[0].p[direction]]
            if len(group) == 1
            else [min(1.0, len(group) * m.p[direction]) for m in group]
            for group in members
        ]
        best = [values[0] if len(values) == 1 else min(values) for values in corrected]
        for group, values, lowest, floor in zip(members, corrected, best, stats.holm(best), strict=True):
            # Holm's factor for this family's rank, applied to each member's own corrected p.
            factor = floor / lowest if lowest > 0 else 1.0
            for item, value in zip(group, values, strict=True):
                item.adjusted = _with(item.adjusted, direction, max(floor, min(1.0, value * factor)))
    for item in measured:
        if item.evidence.derived:
            item.adjusted = (min(1.0, item.p[0] * len(members)), min(1.0, item.p[1] * len(members)))
    return len(members)


def _with(pair: tuple[float, float], index: int, value: float) -> tuple[float, float]:
    return (value, pair[1]) if index == 0 else (pair[0], value)


# --- deciding ------------------------------------------------------------------------------------------


def _decide(item: _Measured, alpha: float, confidence: float, tested: int) -> Judgement:
    evidence = item.evidence
    if item.basis is Basis.ZERO:
        return _from_zero(evidence)
    if item.basis is Basis.THRESHOLD:
        return _threshold_rule(item)
    worse_limit, better_limit = _limits(evidence, evidence.warn)
    if item.statistics is None:  # every item but ZERO's is tested before the decision
        raise RuntimeError(f"{evidence.benchmark} {evidence.metric} was decided untested")
    regression, improvement = item.statistics
    beyond, below = regression.deviation, improvement.deviation
    verdict, tier = Verdict.INCONCLUSIVE, None
    if item.adjusted[0] <= alpha and beyond > worse_limit and _guard(item, worse=True):
        verdict = Verdict.REGRESSED
        tier = Tier.FAILURE if beyond > _limits(evidence, evidence.fail)[0] else Tier.WARNING
    elif item.adjusted[1] <= alpha and below < better_limit and _guard(item, worse=False):
        verdict = Verdict.IMPROVED
    elif (
        regression.bound(+1, confidence) <= worse_limit and improvement.bound(-1, confidence) >= better_limit
    ):
        verdict = Verdict.UNCHANGED
    needed = None
    if verdict is Verdict.INCONCLUSIVE:
        needed = _samples_needed(item, (worse_limit, better_limit), alpha / max(1, tested), confidence)
    worse = beyond if item.change >= 0 else below
    return _judgement(item, verdict, tier, confidence=confidence, worse=worse, needed=needed)


def _limits(evidence: Evidence, threshold: float) -> tuple[float, float]:
    """A threshold as direction-aware log changes: (worse beyond, better beyond).

    Thresholds read as the value moved: 5 % worse is +5 % time or -5 % throughput.
    """
    up, down = math.log1p(threshold), math.log1p(-min(threshold, 0.99))
    return (up, down) if evidence.lower_is_better else (-down, -up)


@cache
def _t_quantile_at(probability: float, df: float) -> float:
    return (
        stats.student_t_quantile(probability, df) if math.isfinite(df) else stats.normal_quantile(probability)
    )


def _t_quantile(probability: float, df: float) -> float:
    """Student t quantile with df rounded down (a slightly wider bound) so that few values are computed."""
    if not math.isfinite(df) or df > 1000:
        return _t_quantile_at(probability, math.inf if df > 1e6 else 1000.0)
    return _t_quantile_at(probability, math.floor(df * 10) / 10 if df < 100 else float(math.floor(df)))


def _guard(item: _Measured, worse: bool) -> bool:
    """With enough samples, the samples themselves must show the change (one-sided Mann–Whitney)."""
    evidence = item.evidence
    base, current = evidence.baseline.samples, evidence.current.samples
    if item.basis is not Basis.SAMPLES or min(len(base), len(current)) < GUARD_MIN_SAMPLES:
        return True
    larger = worse == evidence.lower_is_better  # is the current side expected to be larger?
    p = stats.mann_whitney_greater_p(base, current) if larger else stats.mann_whitney_greater_p(current, base)
    return p <= GUARD_ALPHA


def _judgement(
    item: _Measured,
    verdict: Verdict,
    tier: Tier | None,
    *,
    confidence: float,
    worse: float,
    needed: int | None,
) -> Judgement:
    evidence = item.evidence
    variance = _total(item.parts)
    df = _satterthwaite(item.parts)
    half = _t_quantile(0.5 + confidence / 2, df) * math.sqrt(variance)
    log_ratio = item.current - item.reference
    direction = 0 if item.change >= 0 else 1
    return Judgement(
        **_identity(item, verdict, tier),
        interval=(stats.bounded_exp(log_ratio - half), stats.bounded_exp(log_ratio + half)),
        worse=_worse_fraction(worse, evidence.lower_is_better),
        p_value=item.p[direction],
        p_adjusted=item.adjusted[direction],
        noise=Noise(
            item.sampling, item.run_to_run, math.sqrt(item.null.extra_variance + item.null.shift_variance), df
        ),
        samples_needed=needed,
    )


def _threshold_rule(item: _Measured) -> Judgement:
    """Nothing to measure noise with: copybook-rs's rule on the two values, said as such.

    As copybook-rs judges it: the percentage rounded to 2 decimals, strictly above a threshold counts
    (exactly 5.00 % passes, 10.00 % is a warning).
    """
    evidence = item.evidence
    worse = round(round(_worse_fraction(item.change, evidence.lower_is_better) * 100, 9), 2)
    verdict, tier = Verdict.UNCHANGED, None
    if worse > evidence.warn * 100:
        verdict = Verdict.REGRESSED
        tier = Tier.FAILURE if worse > evidence.fail * 100 else Tier.WARNING
    elif worse < -evidence.warn * 100:
        verdict = Verdict.IMPROVED
    return Judgement(**_identity(item, verdict, tier), worse=worse / 100)


def _identity(item: _Measured, verdict: Verdict, tier: Tier | None) -> dict[str, Any]:
    """The fields every measured row has: what it is, its verdict, and the two values compared."""
    evidence = item.evidence
    return {
        "benchmark": evidence.benchmark,
        "metric": evidence.metric,
        "verdict": verdict,
        "basis": item.basis,
        "tier": tier,
        "gating": verdict is Verdict.REGRESSED and not evidence.derived,
        "reference": math.exp(item.reference),
        "current": math.exp(item.current),
        "ratio": math.exp(item.current - item.reference),
    }


def _worse_fraction(change: float, lower_is_better: bool) -> float:
    """A direction-aware log change as the percentage people read: +5 % time, -5 % throughput."""
    return math.expm1(change) if lower_is_better else -math.expm1(-change)


def _from_zero(evidence: Evidence) -> Judgement:
    """Counts and sizes from or to zero: a relative change means nothing, the absolute one decides."""
    before, after = _zero_location(evidence.baseline), _zero_location(evidence.current)
    rise = (after - before) if evidence.lower_is_better else (before - after)
    verdict, tier = Verdict.UNCHANGED, None
    if rise > evidence.min_absolute:
        verdict, tier = Verdict.REGRESSED, Tier.FAILURE
    elif -rise > evidence.min_absolute:
        verdict = Verdict.IMPROVED
    return Judgement(
        benchmark=evidence.benchmark,
        metric=evidence.metric,
        verdict=verdict,
        basis=Basis.ZERO,
        tier=tier,
        gating=verdict is Verdict.REGRESSED and not evidence.derived,
        reference=before,
        current=after,
    )


def _zero_location(side: Side) -> float:
    return stats.median(side.samples) if len(side.samples) >= 2 else side.value


# --- suite-level findings -------------------------------------------------------------------------------


def _shift(
    key: str, null: noise.Null, members: list[_Measured], alpha: float, confidence: float
) -> SuiteShift:
    """The group's shared change as one finding, judged like a metric: significance, threshold, equality."""
    evidence = members[0].evidence
    standard_error = math.sqrt(null.shift_variance)
    df = null.df if null.df > 0 else math.inf
    half = _t_quantile(0.5 + confidence / 2, df) * standard_error
    one_sided = _t_quantile(confidence, df) * standard_error
    p = _sf(abs(null.shift) / standard_error, df) if standard_error > 0 else float(null.shift == 0)
    worse_limit, better_limit = _limits(evidence, stats.median([m.evidence.warn for m in members]))
    verdict = Verdict.INCONCLUSIVE
    if p <= alpha and null.shift > worse_limit:
        verdict = Verdict.REGRESSED
    elif p <= alpha and null.shift < better_limit:
        verdict = Verdict.IMPROVED
    elif null.shift + one_sided <= worse_limit and null.shift - one_sided >= better_limit:
        verdict = Verdict.UNCHANGED
    sign = 1.0 if evidence.lower_is_better else -1.0
    low, high = sorted(
        (stats.bounded_exp(sign * (null.shift - half)), stats.bounded_exp(sign * (null.shift + half)))
    )
    return SuiteShift(
        group=key,
        ratio=math.exp(sign * null.shift),
        interval=(low, high),
        lower_is_better=evidence.lower_is_better,
        members=null.members,
        p_value=p,
        notable=p <= alpha and abs(math.expm1(null.shift)) >= SHIFT_NOTABLE,
        verdict=verdict,
    )


def _samples_needed(
    item: _Measured, limits: tuple[float, float], level: float, confidence: float
) -> int | None:
    """Samples per side that would let this row reach a verdict if its estimate held; None if none would.

    Only the sampling part of the noise shrinks with more samples; run-to-run and suite noise stay.
    """
    per_sample, now = item.reducible
    if not per_sample or item.statistics is None:
        return None
    worse_limit, better_limit = limits
    fixed = max(item.statistics[0].variance, item.statistics[1].variance) - now
    z_decide, z_equal = stats.normal_quantile(1 - level), stats.normal_quantile(confidence)
    targets = []
    if better_limit < item.change < worse_limit:
        targets.append((min(worse_limit - item.change, item.change - better_limit), z_equal))
    if item.change > worse_limit or item.change < better_limit:
        targets.append((abs(item.change), z_decide))
    found = [n for n in (_samples_for(d, z, fixed, per_sample) for d, z in targets) if n is not None]
    return min(found) if found else None


def _samples_for(distance: float, z: float, fixed: float, per_sample: float) -> int | None:
    room = (distance / z) ** 2 - fixed
    if room <= 0:
        return None
    needed = math.ceil(per_sample / room)
    return needed if needed <= MAX_SAMPLES_ADVICE else None


def _advice(judgements: Sequence[Judgement]) -> SamplesAdvice | None:
    """The sample count per side that would settle most inconclusive rows: said once for the suite."""
    inconclusive = [j for j in judgements if j.verdict is Verdict.INCONCLUSIVE]
    needs = sorted(j.samples_needed for j in inconclusive if j.samples_needed is not None)
    if not needs:
        return None
    per_side = needs[max(0, math.ceil(ADVICE_SHARE * len(needs)) - 1)]
    return SamplesAdvice(per_side, sum(n <= per_side for n in needs), len(inconclusive))


# --- one benchmark, one test -----------------------------------------------------------------------------

# Per input format: a benchmark's metrics that measure one run of it, as (direct measurements, derived).
# Direct measurements are tested together as one family (cpu_time beside real time); derived metrics
# are computed from them (throughput and rates from the time) and are shown, never tested on their own.
# Counts and sizes (Go's B/op, allocs/op) are separate quantities, each its own family, as is every
# metric of an unlisted format.
FAMILIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "criterion": (("time",), ("throughput",)),
    "google-benchmark": (("time", "cpu_time"), ("throughput", "rate")),
    "go": (("time",), ("throughput",)),
    "pytest-benchmark": (("time",), ()),
    "hyperfine": (("time",), ()),
    "copybook-v0": (("throughput",), ("mean_time",)),
    "copybook-v1": (("throughput",), ("mean_time",)),
    "copybook-legacy": (("throughput",), ()),
}


def family_of(source_format: str, benchmark: str, metric: str) -> tuple[str, bool]:
    """The family key of a metric, and whether it is derived from the family's direct measurements."""
    direct, derived = FAMILIES.get(source_format, ((), ()))
    if metric in direct or metric in derived:
        return f"{benchmark}\0{direct[0]}", metric in derived
    return f"{benchmark}\0{metric}", False
