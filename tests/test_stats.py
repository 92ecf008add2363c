"""perf-action's plain-Python statistics, cross-checked against scipy (a development dependency only)."""

from __future__ import annotations

import math
import random

import pytest
from scipy import stats as reference

from perfaction import stats


def _pairs(seed: int, count: int):
    """Sample pairs of every shape the comparison meets: tiny and large, shifted or not, with ties."""
    rng = random.Random(seed)
    for _ in range(count):
        n1, n2 = rng.randint(1, 40), rng.randint(1, 90)
        shift = rng.choice([0.0, 0.05, 0.3])
        x = [rng.lognormvariate(0, 0.1) for _ in range(n1)]
        y = [rng.lognormvariate(shift, 0.1) for _ in range(n2)]
        if rng.random() < 0.3:  # coarse timers produce ties
            x, y = [round(v, 1) for v in x], [round(v, 1) for v in y]
        yield x, y


def test_mann_whitney_matches_scipy_exact_and_asymptotic():
    methods = set()
    for x, y in _pairs(seed=1, count=600):
        ties = len(set(x + y)) < len(x + y)
        exact = min(len(x), len(y)) <= 8 or len(x) * len(y) <= stats.EXACT_MANN_WHITNEY_MAX_PAIRS
        method = "exact" if exact and not ties else "asymptotic"
        methods.add(method)
        expected = reference.mannwhitneyu(x, y, alternative="two-sided", method=method).pvalue
        assert stats.mann_whitney_p(x, y) == pytest.approx(expected, rel=1e-9, abs=1e-15)
        assert stats.mann_whitney_p(y, x) == pytest.approx(expected, rel=1e-9, abs=1e-15)
    assert methods == {"exact", "asymptotic"}


def test_large_samples_use_the_normal_approximation_like_scipy():
    rng = random.Random(3)
    x = [rng.lognormvariate(0, 0.1) for _ in range(60)]
    y = [rng.lognormvariate(0.05, 0.1) for _ in range(70)]
    assert stats.mann_whitney_p(x, y) == pytest.approx(reference.mannwhitneyu(x, y).pvalue, rel=1e-12)


def test_exact_p_values_are_what_holm_needs_for_ten_samples_a_side():
    separated = stats.mann_whitney_p([float(v) for v in range(10)], [float(v) for v in range(10, 20)])
    assert separated == pytest.approx(2 / math.comb(20, 10))  # the normal approximation says 0.00018


def test_mann_whitney_of_identical_constant_samples_is_one():
    assert stats.mann_whitney_p([5.0] * 10, [5.0] * 10) == 1.0


def test_holm_matches_the_step_down_definition():
    rng = random.Random(2)
    for _ in range(200):
        p_values = [rng.random() ** 3 for _ in range(rng.randint(1, 30))]
        order = sorted(range(len(p_values)), key=p_values.__getitem__)
        m = len(p_values)
        expected = [0.0] * m
        for rank, index in enumerate(order):
            expected[index] = min(1.0, max((m - r) * p_values[order[r]] for r in range(rank + 1)))
        assert stats.holm(p_values) == pytest.approx(expected)


def test_holm_by_hand():
    assert stats.holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])


@pytest.mark.parametrize("degrees", [1, 2, 3, 5, 9, 30, 99, 1000])
@pytest.mark.parametrize("probability", [0.025, 0.6, 0.975, 0.995, 0.9999])
def test_student_t_quantile_matches_scipy(degrees, probability):
    assert stats.student_t_quantile(probability, degrees) == pytest.approx(
        reference.t.ppf(probability, degrees), rel=1e-8
    )


def test_geometric_mean_interval_matches_scipy():
    ratios = [1.02, 0.97, 1.2, 1.01, 0.99, 1.05]
    logs = [math.log(r) for r in ratios]
    low, high = reference.t.interval(
        0.95, len(logs) - 1, loc=sum(logs) / len(logs), scale=reference.sem(logs)
    )
    result = stats.geometric_mean(ratios)
    assert result.value == pytest.approx(reference.gmean(ratios))
    assert (result.lower, result.upper) == pytest.approx((math.exp(low), math.exp(high)))
    assert stats.geometric_mean([1.3]) == stats.GeometricMean(pytest.approx(1.3), None, None)


def test_robust_spread_matches_scipy_normal_scaled_mad():
    values = [100.0, 103.0, 98.0, 101.0, 250.0, 99.0, 102.0]
    mad = reference.median_abs_deviation(values, scale="normal")
    assert stats.robust_spread_pct(values) == pytest.approx(mad / 101.0 * 100, rel=1e-4)


@pytest.mark.parametrize("n", [4, 5, 10, 31, 200])
def test_median_bracket_coverage_is_the_binomial_one(n):
    c, z = stats._median_bracket(n)
    tail = reference.binom.cdf(c - 1, n, 0.5)
    assert z == pytest.approx(reference.norm.ppf(1 - tail))
    assert 1 <= c <= n // 2


def test_median_ratio_estimates_the_ratio_of_medians():
    x, y = [10.0, 11.0, 12.0, 13.0, 14.0], [12.0, 13.2, 14.4, 15.6, 16.8]
    estimate = stats.median_ratio(x, y)
    assert estimate is not None
    assert estimate.ratio == pytest.approx(1.2)
    assert estimate.lower < 1.2 < estimate.upper
    assert stats.median_ratio([0.0, 1.0, 2.0, 3.0], y) is None  # no logarithm of zero


@pytest.mark.parametrize(("n", "sigma"), [(4, 0.05), (10, 0.05), (10, 0.3), (50, 0.1)])
def test_median_ratio_interval_covers_the_true_ratio_about_95_percent(n, sigma):
    rng = random.Random(n * 1000 + int(sigma * 100))
    true_ratio, trials = math.exp(0.1), 600
    covered = 0
    for _ in range(trials):
        x = [rng.lognormvariate(0, sigma) for _ in range(n)]
        y = [rng.lognormvariate(0.1, sigma) for _ in range(n)]
        estimate = stats.median_ratio(x, y)
        assert estimate is not None
        covered += estimate.lower <= true_ratio <= estimate.upper
    assert 0.92 <= covered / trials <= 0.995


def test_samples_needed_scales_with_the_square_of_the_width():
    assert stats.samples_needed(10, half_width=0.04, target_half_width=0.02) == 40
    assert stats.samples_needed(10, half_width=0.01, target_half_width=0.02) == 11
    assert stats.samples_needed(10, half_width=0.01, target_half_width=0.0) is None
