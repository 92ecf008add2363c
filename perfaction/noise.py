"""The noise a benchmark's change must stand out from: sampling, run-to-run drift, and the suite as a control.

A run's value of a benchmark is its true value x the run's effect (the runner, its neighbours, its clock,
the whole suite together) x the sampling error of its samples. On the log scale these parts add up, so
every estimate here works on log values: a run's location, the sampling variance around it, the
run-to-run variance seen in the history of earlier runs, and the suite-wide shift and extra spread that
the bulk of one comparison's benchmarks show (the empirical null).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from itertools import accumulate
from operator import mul

from perfaction import stats, units
from perfaction.model import Benchmark, Metric, Report
from perfaction.records import datarecord

# A sample further than this many robust standard deviations (1.4826 x the low median absolute
# deviation) from its run's low median is an outlier: a preempted iteration, a timer glitch. Wider than
# Iglewicz and Hoaglin's 3.5 because the low median sits slightly off-centre; a disturbance that slows
# an iteration by half is still 8 standard deviations out at 5 % noise.
OUTLIER_FENCE = 4.5
# The fence rests on a few samples' deviations, so it sometimes drops a sound sample and the skipped
# mean varies more than (spread^2 / kept) says. These are the ratios for 2 to 30 normal samples,
# simulated (tests/test_noise.py checks them); beyond 30 samples 1 + 0.45 / n.
_SKIP_INFLATION = (
    1.0, 1.584, 2.116, 1.277, 1.478, 1.164, 1.265, 1.106, 1.17, 1.074, 1.116, 1.054, 1.085, 1.043, 1.063,
    1.033, 1.05, 1.026, 1.041, 1.02, 1.031, 1.018, 1.025, 1.017, 1.023, 1.013, 1.02, 1.014, 1.017,
)  # fmt: skip
# A step in the history: the largest two-sample t over all splits, Bonferroni-corrected at this level.
HISTORY_STEP_ALPHA = 0.01
# The empirical null's centre (the suite-wide shift) needs this many comparable metrics (one metric
# name): a median of 5 resists 2 real regressions. Its extra spread needs MIN_SPREAD_MEMBERS: below that
# an extreme metric, judged against a spread fitted without it, looks twice as significant as it is.
# docs/compare.md ("How the verdict is reached") shows both on simulated suites.
MIN_NULL_MEMBERS = 5
MIN_SPREAD_MEMBERS = 20
# The null's members are those within this many standard deviations of its centre.
NULL_INLIER_Z = 3.0
_MAD_TO_SD = 1.4826
_MEAN_ABS_TO_SD = math.sqrt(math.pi / 2)


@datarecord(frozen=True)
class Location:
    """A run's location on the log scale: the mean of its log samples without outliers."""

    log: float
    kept: int  # samples left after the outlier fence
    squares: float  # sum of squared deviations of the kept log samples from `log`
    samples: int

    @property
    def spread_factor(self) -> float:
        """Variance of `log` per unit of sample variance: 1/kept, inflated for the fence's own noise."""
        return sampling_inflation(self.samples) / self.kept


def sampling_inflation(samples: int) -> float:
    """How much more a skipped mean of this many samples varies than spread^2 / kept says."""
    if samples < 2:
        return 1.0
    return _SKIP_INFLATION[samples - 2] if samples - 2 < len(_SKIP_INFLATION) else 1 + 0.45 / samples


def locate(samples: Sequence[float], lower_is_better: bool = True) -> Location:
    """The skipped mean of the log samples: robust to outliers, nearly as efficient as the mean without them.

    The fence is centred on the low median, with the low median of the deviations as its scale:
    interference only makes a run worse, so when half the samples are disturbed (5 of 10), the
    undisturbed half still sets the fence. "Low" is the better side: smaller times, larger rates.
    """
    logs = sorted(map(math.log, samples))
    if not lower_is_better:
        logs = [-value for value in reversed(logs)]
    n = len(logs)
    middle = (n - 1) // 2
    centre = logs[middle]
    scale = _MAD_TO_SD * _low_median_deviation(logs, middle)
    if scale == 0:  # more than half the samples tie (coarse timers): the mean deviation still sees the rest
        scale = (
            _MEAN_ABS_TO_SD
            * (math.fsum(logs[middle:]) - math.fsum(logs[:middle]) - (n - 2 * middle) * centre)
            / n
        )
    fence = OUTLIER_FENCE * max(scale, 0.0)  # the sum above may round below 0 when all samples tie
    kept = logs
    if centre - logs[0] > fence or logs[-1] - centre > fence:
        kept = logs[bisect_left(logs, centre - fence) : bisect_right(logs, centre + fence)]
    count = len(kept)
    mean = math.fsum(kept) / count
    squares = max(0.0, math.fsum(map(mul, kept, kept)) - count * mean * mean)
    return Location(mean if lower_is_better else -mean, count, squares, n)


def _low_median_deviation(logs: Sequence[float], middle: int) -> float:
    """The middle-th smallest |x - logs[middle]| of sorted logs, without sorting the deviations.

    Below the centre the deviations grow leftwards, above it rightwards: two sorted runs (plus the
    centre's own 0), of which the middle-th smallest is found by bisecting how many come from the left.
    """
    if middle == 0:
        return 0.0
    centre, n, wanted = logs[middle], len(logs), middle  # the 0 is one of the `middle + 1` smallest

    def left(j: int) -> float:  # j-th smallest deviation below the centre
        return centre - logs[middle - 1 - j] if j < middle else math.inf

    def right(j: int) -> float:  # j-th smallest deviation above the centre
        return logs[middle + 1 + j] - centre if j < n - middle - 1 else math.inf

    low, high = max(0, wanted - (n - middle - 1)), min(wanted, middle)
    while low < high:  # how many of the `wanted` smallest come from the left run
        taken = (low + high) // 2
        if left(taken) < right(wanted - taken - 1):
            low = taken + 1
        else:
            high = taken
    return max(left(low - 1) if low else -math.inf, right(wanted - low - 1) if wanted - low else -math.inf)


def run_location(samples: Sequence[float], lower_is_better: bool = True) -> float:
    """The value a run's samples stand for, in their unit: what the history keeps for each run."""
    return math.exp(locate(samples, lower_is_better).log)


def pool_runs(runs: Sequence[Sequence[float]], lower_is_better: bool = True) -> list[float]:
    """Several runs of one metric as repetitions: one location per run (a run without samples: its value).

    The runs' locations, not their concatenated samples, are the repetitions: samples of one run share
    that run's drift, so pooling them would count run-to-run noise as if it averaged away.
    """
    return [run_level(run, lower_is_better) for run in runs]


def run_level(samples: Sequence[float], lower_is_better: bool = True) -> float:
    """The one value a run's samples stand for when runs are compared: its location where logs allow."""
    if len(samples) > 1 and min(samples) > 0:
        return run_location(samples, lower_is_better)
    return stats.median(samples)


def pool_reports(reports: Sequence[Report]) -> Report:
    """Reports of one suite from several runs (three copybook-rs receipts) as one report of repetitions.

    Each metric's samples become its runs' locations (`pool_runs`), in the first report's unit, and its
    value their mean; a metric absent from some runs is pooled from the others. The first report gives
    the environment and provenance. Raises ValueError for reports of different suites, or a metric whose
    unit or direction differs between runs.
    """
    first = reports[0]
    if any(report.suite != first.suite for report in reports):
        raise ValueError(
            "pooled reports must be of one suite: " + ", ".join(sorted({r.suite for r in reports}))
        )
    runs: dict[tuple[str, str], list[Metric]] = {}
    for report in reports:
        for benchmark in report.benchmarks:
            for metric in benchmark.metrics:
                runs.setdefault((benchmark.name, metric.name), []).append(metric)
    benchmarks: dict[str, list[Metric]] = {}
    for (name, _), metrics in runs.items():
        benchmarks.setdefault(name, []).append(_pooled_metric(name, metrics))
    return replace(first, benchmarks=[Benchmark(name, metrics) for name, metrics in benchmarks.items()])


def _pooled_metric(benchmark: str, metrics: Sequence[Metric]) -> Metric:
    first = metrics[0]
    if any(m.direction != first.direction for m in metrics):
        raise ValueError(f"{benchmark} {first.name}: the runs disagree on its direction")
    try:
        runs = [[units.convert(v, m.unit, first.unit) for v in (m.samples or [m.value])] for m in metrics]
    except units.UnknownUnit:
        raise ValueError(f"{benchmark} {first.name}: the runs measure it in incompatible units") from None
    values = pool_runs(runs, first.direction == "lower")
    return replace(first, value=math.fsum(values) / len(values), samples=values if len(values) > 1 else None)


# --- empirical Bayes: borrowing strength across the suite for variances ----------------------------


@datarecord(frozen=True)
class Prior:
    """The suite's typical variance and how many degrees of freedom it is worth to one metric."""

    variance: float
    df: float


def variance_prior(variances: Sequence[float], dfs: Sequence[float]) -> Prior | None:
    """Smyth's (2004) moment fit of a scaled inverse chi-square prior to the metrics' variances.

    Each variance with its degrees of freedom is one draw; the spread of their logs beyond what chance
    gives says how much the metrics truly differ. Two are enough: a suite of two benchmarks without
    samples (copybook-rs's receipts) then judges each against both histories, not ten runs of its own.
    None when fewer than two usable variances exist.
    """
    pairs = [(v, d) for v, d in zip(variances, dfs, strict=True) if v > 0 and d > 0]
    if len(pairs) < 2:
        return None
    adjusted = [math.log(v) - stats.digamma(d / 2) + math.log(d / 2) for v, d in pairs]
    centre = math.fsum(adjusted) / len(adjusted)
    spread = math.fsum((e - centre) ** 2 for e in adjusted) / (len(adjusted) - 1)
    excess = spread - math.fsum(stats.trigamma(d / 2) for _, d in pairs) / len(pairs)
    pooled_df = math.fsum(d for _, d in pairs)
    if excess <= 0:
        return Prior(math.exp(centre), pooled_df)
    prior_df = min(2 * stats.inverse_trigamma(excess), pooled_df)
    return Prior(math.exp(centre + stats.digamma(prior_df / 2) - math.log(prior_df / 2)), prior_df)


def moderate(variance: float, df: float, prior: Prior | None) -> tuple[float, float]:
    """A metric's variance shrunk toward the suite's (limma's moderated variance), with its df."""
    if prior is None:
        return variance, df
    total = prior.df + df
    return (prior.df * prior.variance + df * variance) / total, total


# --- history: the level and run-to-run noise of earlier runs ---------------------------------------


@datarecord(frozen=True)
class Level:
    """The baseline's level from the latest stable stretch of runs, with the runs' scatter around it."""

    log: float
    runs: int  # runs averaged into `log`, the baseline included
    variance: float | None  # variance of one run's location around its stretch's level
    df: int


def history_level(earlier: Sequence[float], baseline: float) -> Level:
    """Average the baseline with the earlier runs since the last step, and measure their scatter.

    `earlier` are log locations of earlier runs, oldest first; `baseline` is this baseline's. A step
    (a real change merged earlier) splits the series: the level comes from the stretch after the last
    one, the scatter from every stretch, so neither an old change nor its size pollutes the noise.
    """
    series = [*earlier, baseline]
    stretches = _stretches(series)
    last = stretches[-1]
    df = len(series) - len(stretches)
    squares = math.fsum(
        [(v - mean) ** 2 for stretch in stretches for mean in [_mean(stretch)] for v in stretch]
    )
    return Level(_mean(last), len(last), squares / df if df > 0 else None, df)


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _stretches(series: Sequence[float]) -> list[Sequence[float]]:
    """Binary segmentation: split where a two-sample t test finds the largest step, while it is significant.

    Each split's t uses the pooled variance within its two sides; the critical value is Bonferroni's
    over the n - 1 possible splits at HISTORY_STEP_ALPHA (two-sided). A false split biases the scatter
    low, so splits must be rare without a step; a missed small step biases the level a little. The t of
    a split grows with its between-sides sum of squares, k (n - k) / n x (mean difference)^2, which the
    centred prefix sums give directly: the largest one is the split to test.
    """
    n = len(series)
    if n < 4:
        return [series]
    mean = math.fsum(series) / n
    centred = [value - mean for value in series]
    total = math.fsum([value * value for value in centred])
    prefixes = accumulate(centred)  # the last one, the whole series, is 0 and no split
    between = [prefix * prefix * weight for prefix, weight in zip(prefixes, _split_weights(n), strict=False)]
    best = max(between)
    if total == 0 or best * (n - 2) <= _step_critical(n) ** 2 * max(total - best, 0.0):
        return [series]
    where = between.index(best) + 1
    return _stretches(series[:where]) + _stretches(series[where:])


@cache
def _split_weights(n: int) -> tuple[float, ...]:
    """n / (k (n - k)) for each split k: times a centred prefix sum squared, the between-sides squares."""
    return tuple(n / (k * (n - k)) for k in range(1, n))


@cache
def _step_critical(n: int) -> float:
    return stats.student_t_quantile(1 - HISTORY_STEP_ALPHA / (2 * (n - 1)), n - 2)


# --- the empirical null: the suite as its own control ----------------------------------------------


@datarecord(frozen=True)
class Null:
    """The bulk of one comparison's changes: centre (suite-wide shift), extra spread, and their precision."""

    shift: float  # log ratio shared by the whole suite
    shift_variance: float
    extra_variance: float  # run-to-run variance the metrics' own noise estimates do not explain
    df: float  # degrees of freedom of the shift's standard error (members - 1)
    extra_df: float  # of the extra variance: fewer, as it is the bulk's variance less the metrics' own
    members: int  # metrics the centre and spread rest on (the others stand out)


def empirical_null(changes: Sequence[float], variances: Sequence[float]) -> Null | None:
    """Efron's empirical null with known per-metric variances: a random-effects fit resistant to real changes.

    Start from the median (and the spread of the median absolute deviation); then refit on the metrics
    within NULL_INLIER_Z standard deviations: a precision-weighted mean for the centre, and for the extra
    variance the moment equation of a normal truncated at NULL_INLIER_Z. No extra variance below
    MIN_SPREAD_MEMBERS metrics; None below MIN_NULL_MEMBERS, or when nothing gives a spread.
    """
    count = len(changes)
    with_spread = count >= MIN_SPREAD_MEMBERS
    if count < MIN_NULL_MEMBERS or not (with_spread or any(v > 0 for v in variances)):
        return None
    shift = stats.percentile(sorted(changes), 0.5)
    extra = 0.0
    if with_spread:
        spread = _MAD_TO_SD * stats.percentile(sorted(abs(x - shift) for x in changes), 0.5)
        extra = max(0.0, spread * spread - stats.percentile(sorted(variances), 0.5))
    members: list[int] = []
    for _ in range(3):
        members = [
            i
            for i, (x, v) in enumerate(zip(changes, variances, strict=True))
            if v + extra > 0 and abs(x - shift) <= NULL_INLIER_Z * math.sqrt(v + extra)
        ]
        if len(members) < 2:
            return None
        weights = [1 / (variances[i] + extra) for i in members]
        shift = math.fsum(w * changes[i] for w, i in zip(weights, members, strict=True)) / math.fsum(weights)
        if with_spread:
            residuals = [changes[i] - shift for i in members]
            target = _truncated_second_moment(NULL_INLIER_Z) * (len(members) - 1)
            extra = _extra_variance(residuals, [variances[i] for i in members], target, extra)
    total = math.fsum(1 / (variances[i] + extra) for i in members)
    df = len(members) - 1
    # The bulk's variance (own + extra) is what the members measure, with `df` degrees of freedom; the
    # extra part alone carries all of its uncertainty: Var(extra) = 2 (own + extra)^2 / df.
    own = stats.median([variances[i] for i in members])
    extra_df = df * (extra / (own + extra)) ** 2 if extra > 0 else math.inf
    return Null(shift, 1 / total, extra, df, extra_df, len(members))


def _truncated_second_moment(cut: float) -> float:
    """E[Z^2 | |Z| <= cut] for a standard normal Z."""
    inside = math.erf(cut / math.sqrt(2))
    return 1 - 2 * cut * math.exp(-cut * cut / 2) / math.sqrt(2 * math.pi) / inside


def _extra_variance(
    residuals: Sequence[float], variances: Sequence[float], target: float, start: float
) -> float:
    """The e >= 0 with sum(r^2 / (v + e)) == target (0 if already below): bracketed Newton iteration.

    The sum decreases and is convex in e, and sum(r^2) / target bounds the root from above.
    """
    squares = [r * r for r in residuals]

    def excess(extra: float) -> tuple[float, float]:
        terms = [s / (v + extra) for s, v in zip(squares, variances, strict=True)]
        slope = math.fsum(t / (v + extra) for t, v in zip(terms, variances, strict=True))
        return math.fsum(terms) - target, -slope

    if target <= 0 or (min(variances) > 0 and excess(0.0)[0] <= 0):
        return 0.0
    low, high = 0.0, math.fsum(squares) / target
    extra = min(max(start, 0.0), high)
    for _ in range(60):
        value, slope = excess(extra) if extra > 0 else (math.inf, 0.0)
        if value > 0:
            low = extra
        else:
            high = extra
        step = extra - value / slope if slope < 0 and math.isfinite(value) else math.nan
        step = step if low < step < high else (low + high) / 2
        if abs(step - extra) <= 1e-10 * step:
            return step
        extra = step
    return extra
