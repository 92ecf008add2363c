"""The noise model's estimators, cross-checked against scipy and numpy where an exact reference exists."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special
from scipy import stats as reference

from perfaction import noise, stats
from perfaction.model import Benchmark, Metric, Report

finite = st.floats(min_value=-50, max_value=50, allow_nan=False, allow_infinity=False)


# --- a run's location ---------------------------------------------------------------------------------


def test_location_is_the_geometric_mean_when_no_sample_stands_out():
    samples = [100.0, 102.0, 98.0, 101.0, 99.5, 100.5]
    located = noise.locate(samples)
    assert located.log == pytest.approx(np.mean(np.log(samples)), rel=1e-12)
    assert (located.kept, located.samples) == (6, 6)
    assert located.squares == pytest.approx(np.var(np.log(samples)) * 6, rel=1e-9)


def test_a_preempted_sample_is_dropped():
    samples = [100.0, 102.0, 98.0, 101.0, 99.5, 300.0, 100.5, 99.0, 101.5, 100.2]
    located = noise.locate(samples)
    assert located.kept == 9
    assert math.exp(located.log) == pytest.approx(np.exp(np.mean(np.log(samples[:5] + samples[6:]))))


def test_half_the_samples_disturbed_still_leave_the_undisturbed_half():
    undisturbed = [1.0, 1.02, 0.99, 1.01, 0.98]
    located = noise.locate([*undisturbed, 3.0, 3.05, 2.97, 3.1, 2.9])
    assert located.kept == 5
    assert math.exp(located.log) == pytest.approx(np.exp(np.mean(np.log(undisturbed))))


def test_for_rates_the_disturbed_samples_are_the_low_ones():
    undisturbed = [1.0, 1.02, 0.99, 1.01, 0.98]
    rates = [*undisturbed, 1 / 3, 1 / 3.05, 1 / 2.97, 1 / 3.1, 1 / 2.9]
    assert noise.run_location(rates, lower_is_better=False) == pytest.approx(
        np.exp(np.mean(np.log(undisturbed)))
    )


def test_whole_nanosecond_ties_keep_every_sample_near_the_middle():
    samples = [20.0, 20.0, 20.0, 20.0, 21.0, 22.0, 22.0, 23.0, 21.0, 20.0]
    assert noise.locate(samples).kept == 10
    assert noise.locate([5.0] * 6).log == pytest.approx(math.log(5.0))


@settings(max_examples=300)
@given(st.lists(finite, min_size=1, max_size=60))
def test_the_low_median_deviation_matches_sorting(values):
    ordered = sorted(values)
    middle = (len(ordered) - 1) // 2
    brute = sorted(abs(v - ordered[middle]) for v in ordered)[middle]
    assert noise._low_median_deviation(ordered, middle) == pytest.approx(brute, abs=1e-12)


@pytest.mark.parametrize("n", [5, 8, 10, 20, 30])
def test_the_sampling_inflation_is_what_normal_samples_show(n):
    """Var(skipped mean) / E[spread^2 / kept] for normal log samples, as the table says (2 % tolerance)."""
    rng = np.random.default_rng(n)
    logs = np.sort(rng.normal(0, 1, (60_000, n)), axis=1)
    located = [noise.locate(np.exp(row).tolist()) for row in logs]
    centres = np.array([loc.log for loc in located])
    estimates = np.array([loc.squares / max(loc.kept - 1, 1) / loc.kept for loc in located])
    assert np.var(centres) / np.mean(estimates) == pytest.approx(noise.sampling_inflation(n), rel=0.04)


def test_pooled_runs_are_one_location_per_run():
    runs = [[100.0, 101.0, 99.0, 100.5], [110.0], [104.0, 104.5, 103.5, 300.0]]
    pooled = noise.pool_runs(runs)
    assert pooled[1] == 110.0
    assert pooled[0] == pytest.approx(noise.run_location(runs[0]))
    assert pooled[2] == pytest.approx(math.exp(np.mean(np.log([104.0, 104.5, 103.5]))))
    assert noise.pool_runs([[0.0, 0.0, 1.0]]) == [0.0]  # counts: the median


def _receipt(display: float, unit: str = "MiB/s") -> Report:
    metrics = [
        Metric("throughput", display, unit, "higher"),
        Metric("mean_time", 5e6 / display, "ns", "lower"),
    ]
    return Report("copybook", [Benchmark("DISPLAY", metrics)], commit="abc1234", source_format="copybook-v0")


def test_three_receipts_become_one_report_of_repetitions():
    pooled = noise.pool_reports([_receipt(3500.0), _receipt(3.5 * 1024, "GiB/s"), _receipt(3400.0)])
    throughput, mean_time = pooled.benchmarks[0].metrics
    assert throughput.unit == "MiB/s" and throughput.samples == pytest.approx([3500.0, 3.5 * 1024**2, 3400.0])
    assert throughput.value == pytest.approx(np.mean(throughput.samples))
    assert mean_time.samples is not None and len(mean_time.samples) == 3
    assert (pooled.commit, pooled.source_format) == ("abc1234", "copybook-v0")


def test_pooling_refuses_mixed_suites_and_units():
    other = Report("other", [Benchmark("DISPLAY", [Metric("throughput", 1.0, "MiB/s", "higher")])])
    with pytest.raises(ValueError, match="one suite"):
        noise.pool_reports([_receipt(3500.0), other])
    wrong = Report("copybook", [Benchmark("DISPLAY", [Metric("throughput", 1.0, "ns", "higher")])])
    with pytest.raises(ValueError, match="incompatible units"):
        noise.pool_reports([_receipt(3500.0), wrong])


# --- empirical Bayes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("x", [0.01, 0.3, 1.0, 2.5, 7.0, 55.5, 1e4])
def test_digamma_and_trigamma_match_scipy(x):
    assert stats.digamma(x) == pytest.approx(special.digamma(x), rel=1e-11, abs=1e-12)
    assert stats.trigamma(x) == pytest.approx(special.polygamma(1, x), rel=1e-11)
    assert stats.inverse_trigamma(special.polygamma(1, x)) == pytest.approx(x, rel=1e-8)


def test_the_prior_recovers_a_scaled_inverse_chi_square():
    """Variances drawn as limma's model assumes: true ones from the prior, observed with 9 df."""
    rng = np.random.default_rng(4)
    prior_df, prior_variance, df = 8.0, 0.002, 9
    true = prior_df * prior_variance / rng.chisquare(prior_df, 4000)
    observed = true * rng.chisquare(df, 4000) / df
    prior = noise.variance_prior(observed.tolist(), [df] * 4000)
    assert prior is not None
    assert prior.df == pytest.approx(prior_df, rel=0.15)
    assert prior.variance == pytest.approx(prior_variance, rel=0.05)


def test_alike_variances_pool_up_to_their_total_degrees_of_freedom():
    rng = np.random.default_rng(5)
    observed = 0.001 * rng.chisquare(9, 50) / 9
    prior = noise.variance_prior(observed.tolist(), [9] * 50)
    assert prior is not None and prior.df > 50
    assert noise.variance_prior([0.1], [3]) is None
    two = noise.variance_prior([0.0009, 0.0008], [10, 10])  # copybook-rs: two benchmarks' histories
    assert two is not None and two.df == 20 and 0.0008 < two.variance < 0.001
    variance, df = noise.moderate(0.004, 9, noise.Prior(0.001, 27.0))
    assert (variance, df) == (pytest.approx((27 * 0.001 + 9 * 0.004) / 36), 36)


# --- history ----------------------------------------------------------------------------------------------


def test_a_steady_history_averages_every_run():
    earlier = [0.01, -0.02, 0.015, 0.0, -0.01, 0.005, -0.005, 0.02, -0.015]
    level = noise.history_level(earlier, 0.0)
    assert (level.runs, level.df) == (10, 9)
    assert level.log == pytest.approx(np.mean([*earlier, 0.0]))
    assert level.variance == pytest.approx(np.var([*earlier, 0.0], ddof=1))


def test_a_step_in_the_history_starts_a_new_level_and_keeps_the_noise_within_stretches():
    rng = random.Random(6)
    before = [rng.gauss(0, 0.01) for _ in range(12)]
    after = [0.2 + rng.gauss(0, 0.01) for _ in range(7)]
    level = noise.history_level([*before, *after[:-1]], after[-1])
    assert level.runs == 7
    assert level.log == pytest.approx(np.mean(after))
    within = (np.var(before, ddof=1) * 11 + np.var(after, ddof=1) * 6) / 17
    assert (level.df, level.variance) == (17, pytest.approx(within))


def test_steady_histories_are_rarely_split():
    rng = random.Random(7)
    splits = sum(
        noise.history_level([rng.gauss(0, 1) for _ in range(10)], 0.0).runs < 11 for _ in range(3000)
    )
    assert splits / 3000 < 0.02  # HISTORY_STEP_ALPHA is 1 %


# --- the empirical null ------------------------------------------------------------------------------


def _suite_changes(rng: np.random.Generator, m: int, shift: float, extra: float, own: float) -> np.ndarray:
    return shift + rng.normal(0, math.sqrt(own**2 + extra**2), m)


def test_the_null_finds_the_suite_shift_and_extra_spread_despite_real_regressions():
    rng = np.random.default_rng(8)
    changes = _suite_changes(rng, 300, shift=0.03, extra=0.015, own=0.02)
    changes[:6] += 0.3
    null = noise.empirical_null(changes.tolist(), [0.02**2] * 300)
    assert null is not None
    assert null.members <= 294
    assert null.shift == pytest.approx(0.03, abs=3 * math.sqrt(null.shift_variance))
    assert math.sqrt(null.extra_variance) == pytest.approx(0.015, rel=0.3)


def test_the_suite_shift_lies_within_its_interval_about_95_percent_of_the_time():
    rng = np.random.default_rng(9)
    covered, trials = 0, 400
    for _ in range(trials):
        changes = _suite_changes(rng, 60, shift=0.03, extra=0.01, own=0.02)
        null = noise.empirical_null(changes.tolist(), [0.02**2] * 60)
        assert null is not None
        half = reference.t.ppf(0.975, null.df) * math.sqrt(null.shift_variance)
        covered += abs(null.shift - 0.03) <= half
    assert 0.91 <= covered / trials <= 0.99


def test_small_suites_give_a_shift_but_no_extra_spread_and_the_smallest_none():
    few = noise.MIN_NULL_MEMBERS - 1
    assert noise.empirical_null([0.1] * few, [0.01] * few) is None
    small = noise.empirical_null([0.03, 0.05, 0.02, 0.04, 0.3, 0.035], [0.01**2] * 6)
    assert small is not None and small.extra_variance == 0.0 and small.members == 5
    assert small.shift == pytest.approx(np.mean([0.03, 0.05, 0.02, 0.04, 0.035]))
    assert noise.empirical_null([0.1, 0.2, 0.0, 0.05, 0.3], [0.0] * 5) is None  # nothing gives a spread
    assert noise.empirical_null([0.0] * 20, [0.0] * 20) is None


# --- exact Mann–Whitney under ties, and Student t tails ---------------------------------------------------


def _permutation_p(x: list[float], y: list[float]) -> float:
    """Every split of the pooled values enumerated: the conditional distribution, exactly."""
    result = reference.permutation_test(
        (x, y),
        lambda a, b: reference.rankdata(np.concatenate([a, b]))[len(a) :].sum(),
        permutation_type="independent",
        alternative="greater",
        n_resamples=np.inf,
    )
    return float(result.pvalue)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 6), min_size=2, max_size=7),
    st.lists(st.integers(1, 7), min_size=2, max_size=7),
)
def test_mann_whitney_with_ties_is_the_exact_permutation_p(x, y):
    xs, ys = [float(v) for v in x], [float(v) for v in y]
    assert stats.mann_whitney_greater_p(xs, ys) == pytest.approx(_permutation_p(xs, ys), rel=1e-9)


def test_mann_whitney_without_ties_matches_scipy_exact_and_large_samples_the_normal_one():
    rng = random.Random(10)
    x, y = [rng.gauss(0, 1) for _ in range(9)], [rng.gauss(1, 1) for _ in range(11)]
    exact = reference.mannwhitneyu(y, x, alternative="greater", method="exact").pvalue
    assert stats.mann_whitney_greater_p(x, y) == pytest.approx(exact, rel=1e-9)
    x, y = [round(rng.gauss(0, 1), 1) for _ in range(40)], [round(rng.gauss(0.5, 1), 1) for _ in range(45)]
    asymptotic = reference.mannwhitneyu(y, x, alternative="greater", method="asymptotic").pvalue
    assert stats.mann_whitney_greater_p(x, y) == pytest.approx(asymptotic, rel=1e-9)


def test_five_samples_a_side_fully_separated_by_whole_nanoseconds():
    assert stats.mann_whitney_greater_p([20.0] * 5, [23.0] * 5) == pytest.approx(1 / math.comb(10, 5))


@pytest.mark.parametrize("df", [1.5, 4, 17.3, 250, 1e8])
@pytest.mark.parametrize("t", [-2.0, 0.0, 1.3, 4.5, 9.0])
def test_student_t_survival_matches_scipy(t, df):
    tolerance = 1e-4 if df > 1e7 else 1e-9  # beyond 1e7 degrees of freedom the normal tail stands in
    assert stats.student_t_sf(t, df) == pytest.approx(reference.t.sf(t, df), rel=tolerance, abs=1e-300)
