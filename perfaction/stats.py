"""Plain-Python statistics shared by readers and the comparison."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from functools import cache
from itertools import groupby, repeat
from typing import TYPE_CHECKING

from perfaction.records import datarecord

if TYPE_CHECKING:
    from statistics import NormalDist

# Ratios and interval ends are computed as logs and kept within e^(+-LOG_BOUND) (about 1e+-300), so a
# wide interval over few samples saturates instead of overflowing.
LOG_BOUND = 690.0


def bounded_exp(log_value: float) -> float:
    """exp() that saturates at e^(+-LOG_BOUND) instead of overflowing to inf or underflowing to 0."""
    return math.exp(min(max(log_value, -LOG_BOUND), LOG_BOUND))


def normal_quantile(probability: float) -> float:
    """The standard normal's quantile, loading `statistics` (decimal, fractions, random) on first use."""
    return _standard_normal().inv_cdf(probability)


@cache
def _standard_normal() -> NormalDist:
    from statistics import NormalDist  # noqa: PLC0415

    return NormalDist()


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator of two positive values, through logs: never 0, never inf."""
    return bounded_exp(math.log(numerator) - math.log(denominator))


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in [0, 1]) of already sorted values."""
    if not sorted_values:
        raise ValueError("percentile of no values")
    position = (len(sorted_values) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    fraction = position - low
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * fraction


def median(values: Sequence[float]) -> float:
    return percentile(sorted(values), 0.5)


# --- two-sample statistics for the comparison -------------------------------------------------

# Without ties, the p-value is exact when either side has at most 8 samples (scipy's "auto" rule) or
# when there are at most this many pairs: the normal approximation overstates small p-values (10 v 10
# samples, fully separated: 0.00018 instead of 0.000011), which would hide real changes from Holm.
EXACT_MANN_WHITNEY_MAX_N = 8
EXACT_MANN_WHITNEY_MAX_PAIRS = 2500


def mann_whitney_p(x: Sequence[float], y: Sequence[float]) -> float:
    """Two-sided Mann–Whitney U p-value: exact for small untied samples, else normal with ties corrected."""
    xs, ys = sorted(x), sorted(y)
    n1, n2 = len(xs), len(ys)
    if not n1 or not n2:
        raise ValueError("Mann–Whitney U needs samples on both sides")
    # U counts the pairs where x beats y, ties counting one half.
    u1 = (sum(map(bisect_left, repeat(ys), xs)) + sum(map(bisect_right, repeat(ys), xs))) / 2
    combined = sorted(xs + ys)
    ties = tie_term(combined) if len(set(combined)) < len(combined) else 0
    return mann_whitney_p_of_u(u1, n1, n2, ties)


def mann_whitney_p_of_u(u1: float, n1: int, n2: int, ties: int) -> float:
    """The two-sided p-value of a Mann–Whitney U (pairs where the first side beats the second).

    `ties` is the sum of t^3 - t over groups of equal values in both samples together.
    """
    u = max(u1, n1 * n2 - u1)
    exact = min(n1, n2) <= EXACT_MANN_WHITNEY_MAX_N or n1 * n2 <= EXACT_MANN_WHITNEY_MAX_PAIRS
    if exact and not ties:
        return min(1.0, 2 * _u_survival(min(n1, n2), max(n1, n2))[int(u)])
    n = n1 + n2
    variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
    if variance <= 0:
        return 1.0
    z = (u - n1 * n2 / 2 - 0.5) / math.sqrt(variance)
    return min(1.0, math.erfc(z / math.sqrt(2)))


def tie_term(ordered: Sequence[float]) -> int:
    """Sum of t^3 - t over groups of equal values, for the tie-corrected variance of U."""
    return sum(t**3 - t for t in Counter(ordered).values() if t > 1)


@cache
def _u_survival(m: int, n: int) -> tuple[float, ...]:
    """P(U >= u) for every u under the null hypothesis, from the exact distribution of U.

    The counts of arrangements per U are the coefficients of the Gaussian binomial [m+n choose m].
    """
    counts = [0] * (m * n + 1)
    counts[0] = 1
    for i in range(1, m + 1):
        # Multiply by (1 - q^(n+i)), then divide by (1 - q^i); the division is exact.
        for k in range(m * n, n + i - 1, -1):
            counts[k] -= counts[k - n - i]
        for k in range(i, m * n + 1):
            counts[k] += counts[k - i]
    total, tail, survival = math.comb(m + n, m), 0, []
    for count in reversed(counts):
        tail += count
        survival.append(tail / total)
    return tuple(reversed(survival))


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm–Bonferroni adjusted p-values, in input order: reject where adjusted <= alpha."""
    order = sorted(range(len(p_values)), key=lambda index: p_values[index])
    adjusted = [0.0] * len(p_values)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


@datarecord(frozen=True)
class RatioEstimate:
    """Ratio of medians (y over x) with a distribution-free confidence interval."""

    ratio: float
    lower: float
    upper: float
    log_standard_error: float


def median_ratio(x: Sequence[float], y: Sequence[float], confidence: float = 0.95) -> RatioEstimate | None:
    """Price–Bonett interval for median(y)/median(x) on log values; None unless every value is positive.

    Each log-median's standard error comes from the order statistics that bracket it, so the work
    is one sort per side: fast enough for suites of ten thousand benchmarks.
    """
    xs, ys = sorted(x), sorted(y)
    if xs[0] <= 0 or ys[0] <= 0:
        return None
    log_ratio = math.log(median(ys)) - math.log(median(xs))
    standard_error = math.sqrt(_log_median_variance(xs) + _log_median_variance(ys))
    half_width = normal_quantile(0.5 + confidence / 2) * standard_error
    return RatioEstimate(
        ratio=bounded_exp(log_ratio),
        lower=bounded_exp(log_ratio - half_width),
        upper=bounded_exp(log_ratio + half_width),
        log_standard_error=standard_error,
    )


def _log_median_variance(ordered: Sequence[float]) -> float:
    """Variance of a log sample median, from the spread of a binomial order-statistic interval."""
    n = len(ordered)
    if n < 2:
        return 0.0
    c, z = _median_bracket(n)
    spread = math.log(ordered[n - c]) - math.log(ordered[c - 1])
    return (spread / (2 * z)) ** 2


@cache
def _median_bracket(n: int) -> tuple[int, float]:
    """Order statistic c with [Y(c), Y(n-c+1)] bracketing the median, and that interval's normal z."""
    c = max(1, math.floor((n + 1) / 2 - math.sqrt(n) + 0.5))
    tail = sum(math.comb(n, i) for i in range(c)) / 2**n
    return c, normal_quantile(1 - tail)


def samples_needed(samples: int, half_width: float, target_half_width: float) -> int | None:
    """Samples per side for an interval this narrow, as widths shrink with the square root of n."""
    if target_half_width <= 0 or half_width <= 0:
        return None
    return max(samples + 1, math.ceil(samples * (half_width / target_half_width) ** 2))


def robust_spread_pct(values: Sequence[float]) -> float | None:
    """Run-to-run noise as a robust coefficient of variation: 1.4826 x MAD / median, in %."""
    centre = median(values)
    if centre <= 0:
        return None
    deviation = median([abs(value - centre) for value in values])
    return 1.4826 * deviation / centre * 100


@datarecord(frozen=True)
class GeometricMean:
    value: float
    lower: float | None
    upper: float | None


def geometric_mean(ratios: Sequence[float], confidence: float = 0.95) -> GeometricMean:
    """Geometric mean of positive ratios with a Student t interval over their logs."""
    logs = [math.log(ratio) for ratio in ratios]
    count = len(logs)
    centre = math.fsum(logs) / count
    if count < 2:
        return GeometricMean(bounded_exp(centre), None, None)
    deviation = math.sqrt(math.fsum((value - centre) ** 2 for value in logs) / (count - 1))
    half_width = student_t_quantile(0.5 + confidence / 2, count - 1) * deviation / math.sqrt(count)
    return GeometricMean(
        bounded_exp(centre), bounded_exp(centre - half_width), bounded_exp(centre + half_width)
    )


def student_t_quantile(probability: float, degrees: float) -> float:
    """Inverse of the Student t distribution function, by bisection on its exact CDF."""
    if not 0 < probability < 1:
        raise ValueError("probability must lie strictly between 0 and 1")
    if probability < 0.5:
        return -student_t_quantile(1 - probability, degrees)
    low, high = 0.0, 1.0
    while student_t_cdf(high, degrees) < probability:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        if student_t_cdf(middle, degrees) < probability:
            low = middle
        else:
            high = middle
        if high - low <= 1e-12 * high:
            break
    return (low + high) / 2


def student_t_cdf(t: float, degrees: float) -> float:
    tail = 0.5 * _regularized_beta(degrees / (degrees + t * t), degrees / 2, 0.5)
    return 1 - tail if t >= 0 else tail


def _regularized_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b) by Lentz's continued fraction, using the symmetry that keeps it convergent."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x > (a + 1) / (a + b + 2):
        return 1 - _regularized_beta(1 - x, b, a)
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1) < 1e-15:
            break
    return math.exp(log_front) * result / a


# --- exact Mann–Whitney with ties, and the special functions of variance moderation ---------------

# Up to this many samples in all, ties are handled with the exact permutation distribution of the
# midrank sum (the conditional distribution given the tie pattern); beyond it, the normal approximation
# with the tie-corrected variance is accurate and the exact count would cost milliseconds.
EXACT_TIED_MAX_N = 60
_DIGIT_BITS = 64  # one coefficient of the counting polynomial: C(60, 30) < 2^57


def mann_whitney_greater_p(x: Sequence[float], y: Sequence[float]) -> float:
    """One-sided Mann–Whitney p-value for "y tends to be larger than x", exact under ties for small samples.

    The statistic is the sum of y's midranks; under the null hypothesis every choice of len(y) of the
    pooled values is equally likely, ties included, which is the distribution counted here.
    """
    n1, n2 = len(x), len(y)
    if not n1 or not n2:
        raise ValueError("Mann–Whitney U needs samples on both sides")
    groups = _tie_groups(sorted([*x, *y]))
    doubled = {value: first + last for value, first, last in groups}  # 2 x midrank, an integer
    observed = sum(doubled[value] for value in y)
    if n1 + n2 <= EXACT_TIED_MAX_N:
        return _exact_rank_sum_tail(groups, n2, observed)
    n = n1 + n2
    ties = sum((last - first + 1) ** 3 - (last - first + 1) for _, first, last in groups)
    variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
    if variance <= 0:
        return 1.0
    z = (observed / 2 - n2 * (n + 1) / 2 - 0.5) / math.sqrt(variance)
    return 0.5 * math.erfc(z / math.sqrt(2))


def _tie_groups(ordered: Sequence[float]) -> list[tuple[float, int, int]]:
    """(value, first rank, last rank) of each run of equal values, ranks from 1."""
    groups, rank = [], 1
    for value, members in groupby(ordered):
        size = len(list(members))
        groups.append((value, rank, rank + size - 1))
        rank += size
    return groups


def _exact_rank_sum_tail(groups: Sequence[tuple[float, int, int]], chosen: int, observed: int) -> float:
    """P(doubled midrank sum of `chosen` values >= observed), counting subsets group by group.

    ways[k] is a polynomial in q packed into one integer (one 64-bit digit per power): the coefficient
    of q^s counts the subsets of k values seen so far whose doubled midranks sum to s.
    """
    ways = [1] + [0] * chosen
    for _, first, last in groups:
        size, rank = last - first + 1, first + last
        updated = list(ways)
        for taken in range(1, size + 1):
            factor, shift = math.comb(size, taken), taken * rank * _DIGIT_BITS
            for k in range(taken, chosen + 1):
                if ways[k - taken]:
                    updated[k] += factor * (ways[k - taken] << shift)
        ways = updated
    tail = ways[chosen] >> (observed * _DIGIT_BITS)
    digits = tail.to_bytes((tail.bit_length() + 7) // 8 + 8, "little")
    width = _DIGIT_BITS // 8
    count = sum(int.from_bytes(digits[i : i + width], "little") for i in range(0, len(digits), width))
    return min(1.0, count / math.comb(sum(last - first + 1 for _, first, last in groups), chosen))


def digamma(x: float) -> float:
    """psi(x) for x > 0: the recurrence up to x >= 10, then the asymptotic series."""
    result = 0.0
    while x < 10:
        result -= 1 / x
        x += 1
    inverse = 1 / (x * x)
    series = inverse * (1 / 12 - inverse * (1 / 120 - inverse * (1 / 252 - inverse / 240)))
    return result + math.log(x) - 0.5 / x - series


def trigamma(x: float) -> float:
    """psi'(x) for x > 0: the recurrence up to x >= 10, then the asymptotic series."""
    result = 0.0
    while x < 10:
        result += 1 / (x * x)
        x += 1
    inverse = 1 / (x * x)
    series = inverse * (1 / 6 - inverse * (1 / 30 - inverse * (1 / 42 - inverse / 30)))
    return result + (1 + 0.5 / x + series) / x


def inverse_trigamma(value: float) -> float:
    """The x > 0 with trigamma(x) == value, by bisection on log x (trigamma decreases monotonically)."""
    if value <= 0:
        raise ValueError("trigamma takes only positive values")
    low, high = -30.0, 30.0
    for _ in range(200):
        middle = (low + high) / 2
        if trigamma(math.exp(middle)) > value:
            low = middle
        else:
            high = middle
        if high - low < 1e-12:
            break
    return math.exp((low + high) / 2)


def student_t_sf(t: float, degrees: float) -> float:
    """P(T > t) for Student's t; the normal tail once the degrees of freedom are effectively infinite."""
    if degrees > 1e7:
        return 0.5 * math.erfc(t / math.sqrt(2))
    return (
        1 - student_t_cdf(t, degrees)
        if t < 0
        else 0.5 * _regularized_beta(degrees / (degrees + t * t), degrees / 2, 0.5)
    )
