"""Verdict quality on simulated CI noise: perf-action's rules and five peers' on the same pull requests.

Every simulated PR has a baseline run, a head run and earlier baseline runs (the history), each made of
a benchmark's true value x the run's effect (the whole suite's shift, each benchmark's own drift) x
log-normal sampling error, plus the special shapes (outliers, two modes, whole-nanosecond ties). A rule
*alarms* on a PR when it flags any benchmark as a gating regression except a planted one; it *detects*
when it flags the planted one. Rates come with their counts and a 95 % Clopper–Pearson interval.

    python benchmarks/verdict_quality.py --quick        # a few minutes: every scenario, 100 PRs
    python benchmarks/verdict_quality.py                # the full grid: 1,000 PRs per scenario
    python benchmarks/verdict_quality.py --only shift   # scenarios whose name contains "shift"

The rules (each one judges exactly the data a user of that tool would hand it):

- perf-action (compare): `perfaction.compare.compare` as it ships, on real `Report`s, default settings,
  the history as the baseline branch keeps it: each promotion's mean and its run location (runs of
  this script before the noise-aware verdict was wired in measured the earlier rule here, and before
  promotions kept run locations, the means alone; docs/compare.md keeps those tables).
- perf-action (candidate): `perfaction.verdict.judge` on the simulated evidence directly, the history
  as run locations.
- copybook-rs: its `regression_pct = (baseline - current) / baseline x 100 > 5` on throughput, i.e. on
  bytes / mean time (copybook-rs `BaselineStore::check_regression`, threshold 5.0, strictly greater).
- github-action-benchmark: `alert-threshold` default "200%" on the reported value (the mean): current /
  previous > 2 (action.yml; src/write.ts `findAlerts`, `ratio > threshold`).
- asv: `asv compare`/`continuous` default factor 1.1 on the result (the median of the samples) and
  `_stats.is_different` at p < 0.002: Mann–Whitney with asv's conservative tie breaking when a p below
  0.002 is reachable (exact up to 20 samples a side, normal beyond), otherwise non-overlapping 99 %
  intervals of the median (order statistics, else asv_runner's Laplace posterior); with one value a
  side only the factor (asv/commands/compare.py `_is_result_better`, asv_runner/statistics.py).
- Conbench: lookback z-score, default threshold 5 (conbench/api/compare.py `DEFAULT_Z_SCORE_THRESHOLD`),
  on the "best" value of a run (the minimum time; `SVS_TYPE` default "best"), against the distribution
  of earlier runs up to and including the baseline: the mean, and the standard deviation of residuals
  from the expanding mean, after the trimmed outlier detection (conbench/entities/history.py).
- Bencher: the default threshold model, a Student t test with upper boundary 0.99 and at most 64
  earlier values (bencher_valid `Model::upper_boundary`), on the run's value (the mean): alert when the
  value exceeds mean + t(0.99, n - 1) x sd x sqrt(1 + 1/n) of the history (bencher_boundary limits).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from scipy import stats as scipy_stats

from perfaction import noise, verdict
from perfaction.compare import MetricHistory, compare
from perfaction.model import Benchmark, Metric, Report
from perfaction.stats import _u_survival
from perfaction.summary import HistoryPoint

SEED = "perf-action verdict quality v2"
HISTORY_RUNS = 10  # earlier baseline runs before the baseline itself
FULL_PRS = 1000
QUICK_PRS = 100
GOAL_FALSE_ALARMS = 0.02


# --- scenarios -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """One cell of the grid: what the runs look like, and what a good rule achieves on them."""

    name: str
    benchmarks: int = 100
    samples: int = 10  # 0: one value per run (no samples), its run-to-run noise is `cv`
    cv: float = 0.05
    shape: str = "lognormal"  # or "outliers" (5 % of samples x3), "bimodal" (modes 8 % apart), "ties"
    head: float = 1.0  # the whole head run's factor (another runner)
    drift: float = 0.0  # each benchmark's own run-to-run drift (log standard deviation)
    planted: float = 1.0  # the planted benchmarks' true factor in the head run
    planted_count: int = 1  # benchmarks 0, 1, ... carry it
    history: int = HISTORY_RUNS
    goal: str = ""  # what the candidate must reach, as printed

    @property
    def detects(self) -> bool:
        return self.planted > 1.0


def scenarios() -> list[Scenario]:
    """The issue's "Done means" grid, in its order."""
    grid = [
        Scenario(f"no change {m}x{n} CV {cv:.0%}", benchmarks=m, samples=n, cv=cv, goal="FA <= 2 %")
        for m in (10, 100, 1000)
        for n in (5, 10, 30)
        for cv in (0.02, 0.05, 0.10, 0.20)
    ]
    special = [
        Scenario("outliers (5 % x3)", shape="outliers", goal="FA <= 2 %"),
        Scenario("bimodal (modes 8 % apart)", shape="bimodal", goal="FA <= 2 %"),
        Scenario("ties (20-50 ns, whole ns) 1000", benchmarks=1000, shape="ties", goal="FA <= 2 %"),
        Scenario("shift: head run x1.03", head=1.03, goal="FA <= 2 %, shift once"),
        Scenario("shift: head run x1.03, CV 2 %", head=1.03, cv=0.02, goal="FA <= 2 %, shift once"),
        Scenario("shift: head run x1.03, 30 samples", head=1.03, samples=30, goal="FA <= 2 %, shift once"),
        Scenario("drift 2 % with history", drift=0.02, goal="FA <= 2 %"),
        Scenario("drift 2 % with history, 30 samples", drift=0.02, samples=30, goal="FA <= 2 %"),
        Scenario("15 % slower 100", planted=1.15, goal="found >= 90 %"),
        Scenario("15 % slower 1000", benchmarks=1000, planted=1.15, goal="found >= 90 %"),
        Scenario("15 % slower, 5 samples 100", samples=5, planted=1.15, goal="found >= 80 %"),
        Scenario(
            "15 % slower, 5 samples 1000", benchmarks=1000, samples=5, planted=1.15, goal="found >= 80 %"
        ),
        Scenario("15 % slower, ties 100", shape="ties", planted=1.15, goal="found >= 90 %"),
        Scenario("15 % slower, ties 1000", benchmarks=1000, shape="ties", planted=1.15, goal="found >= 90 %"),
        Scenario("15 % slower, outliers 100", shape="outliers", planted=1.15, goal="found >= 75 %"),
        Scenario(
            "15 % slower, outliers 1000",
            benchmarks=1000,
            shape="outliers",
            planted=1.15,
            goal="found >= 75 %",
        ),
        Scenario("10 % slower 100", planted=1.10, goal="found >= 75 %"),
        Scenario("10 % slower 1000", benchmarks=1000, planted=1.10, goal="found >= 75 %"),
        Scenario("copybook-rs: 2, no samples, no change", benchmarks=2, samples=0, cv=0.03, goal="FA <= 2 %"),
        Scenario("copybook-rs: 2, no samples, 15 % slower", 2, 0, 0.03, planted=1.15, goal="found >= 90 %"),
        Scenario("15 % faster", planted=0.85, goal="never a regression"),
    ]
    return grid + special


# --- simulation --------------------------------------------------------------------------------------


@dataclass
class Pr:
    """One simulated pull request. Samples are (benchmarks, samples); history arrays (runs, benchmarks)."""

    baseline: np.ndarray
    current: np.ndarray
    history_means: np.ndarray  # earlier runs' reported values (the mean)
    history_best: np.ndarray  # earlier runs' minimum (Conbench's "best")
    history_locations: np.ndarray  # earlier runs' noise.run_location
    values_only: bool

    def values(self, side: np.ndarray) -> np.ndarray:
        return side[:, 0] if self.values_only else side.mean(axis=1)


def simulate(rng: np.random.Generator, scenario: Scenario) -> Pr:
    """Earlier runs, the baseline and the head run of one PR, per the noise model."""
    m, runs = scenario.benchmarks, scenario.history + 2
    true = rng.uniform(20, 50, m) if scenario.shape == "ties" else 10 ** rng.uniform(2, 7, m)
    samples = max(1, scenario.samples)
    sigma = math.sqrt(math.log1p(scenario.cv**2))
    noise_ = rng.normal(-sigma * sigma / 2, sigma, (runs, m, samples))
    drift = rng.normal(-(scenario.drift**2) / 2, scenario.drift, (runs, m, 1)) if scenario.drift else 0.0
    values = true[None, :, None] * np.exp(noise_ + drift)
    values[-1] *= scenario.head
    values[-1, : scenario.planted_count] *= scenario.planted
    values = _shaped(rng, values, scenario.shape)
    earlier = values[:-2]
    logs = np.log(np.sort(earlier, axis=2))
    return Pr(
        baseline=values[-2],
        current=values[-1],
        history_means=earlier.mean(axis=2),
        history_best=earlier.min(axis=2),
        history_locations=np.exp(locate_logs(logs))
        if scenario.samples > 1 and len(logs)
        else earlier[:, :, 0],
        values_only=scenario.samples == 0,
    )


def _shaped(rng: np.random.Generator, values: np.ndarray, shape: str) -> np.ndarray:
    if shape == "outliers":
        return values * np.where(rng.random(values.shape) < 0.05, 3.0, 1.0)
    if shape == "bimodal":
        return values * np.where(rng.random(values.shape) < 0.5, 1.08, 1.0)
    if shape == "ties":
        return np.maximum(1.0, np.rint(values))
    return values


def locate_logs(logs: np.ndarray) -> np.ndarray:
    """`noise.locate` for many runs at once (sorted log samples on the last axis); checked against it."""
    middle = (logs.shape[-1] - 1) // 2
    centre = logs[..., middle : middle + 1]
    deviations = np.sort(np.abs(logs - centre), axis=-1)
    scale = 1.4826 * deviations[..., middle : middle + 1]
    scale = np.where(scale == 0, math.sqrt(math.pi / 2) * deviations.mean(axis=-1, keepdims=True), scale)
    fence = noise.OUTLIER_FENCE * scale
    kept = (logs >= centre - fence) & (logs <= centre + fence)
    return (logs * kept).sum(axis=-1) / kept.sum(axis=-1)


# --- the rules -----------------------------------------------------------------------------------------

Rule = Callable[[Pr], set[int]]


def perf_action_current(pr: Pr) -> set[int]:
    """The comparison as it ships, on real reports, with the history the baseline branch keeps: each
    promotion's reported value (the mean) and its run location, the baseline's own promotion last."""
    base_values = pr.values(pr.baseline)
    history = {
        (f"b{i}", "time"): MetricHistory(
            "ns",
            [HistoryPoint(float(v), None, None) for v in [*pr.history_means[:, i], base_values[i]]],
            [*pr.history_locations[:, i].tolist(), _promoted_location(pr, i)],
        )
        for i in range(pr.baseline.shape[0])
    }
    summary = compare(_report(pr, pr.current), _report(pr, pr.baseline), history=history)
    return {int(row.benchmark[1:]) for row in summary.rows if row.gating}


def _promoted_location(pr: Pr, benchmark: int) -> float:
    """The level a promotion of the baseline run records: its run location, else its value."""
    if pr.values_only:
        return float(pr.baseline[benchmark, 0])
    return noise.run_location(pr.baseline[benchmark].tolist())


def _report(pr: Pr, side: np.ndarray) -> Report:
    values = pr.values(side)
    return Report(
        "simulated",
        [
            Benchmark(
                f"b{i}",
                [
                    Metric(
                        "time",
                        float(values[i]),
                        "ns",
                        "lower",
                        samples=None if pr.values_only else row.tolist(),
                    )
                ],
            )
            for i, row in enumerate(side)
        ],
    )


def perf_action_candidate(pr: Pr) -> set[int]:
    return {i for i, j in enumerate(candidate_judgement(pr).judgements) if j.gating}


def candidate_judgement(pr: Pr) -> verdict.SuiteJudgement:
    """The candidate rule: perfaction.verdict on the same runs, earlier runs as their locations."""
    evidence = []
    base_values, current_values = pr.values(pr.baseline), pr.values(pr.current)
    for i in range(pr.baseline.shape[0]):
        samples = () if pr.values_only else (tuple(pr.baseline[i].tolist()), tuple(pr.current[i].tolist()))
        evidence.append(
            verdict.Evidence(
                benchmark=f"b{i}",
                metric="time",
                lower_is_better=True,
                baseline=verdict.Side(float(base_values[i]), samples[0] if samples else ()),
                current=verdict.Side(float(current_values[i]), samples[1] if samples else ()),
                history=tuple(pr.history_locations[:, i].tolist()),
            )
        )
    return verdict.judge(evidence)


def copybook_rs(pr: Pr) -> set[int]:
    """Throughput (bytes / mean time) more than 5 % below the baseline's."""
    before, after = pr.values(pr.baseline), pr.values(pr.current)
    return set(np.flatnonzero((1 - before / after) * 100 > 5.0).tolist())


def github_action_benchmark(pr: Pr) -> set[int]:
    return set(np.flatnonzero(pr.values(pr.current) / pr.values(pr.baseline) > 2.0).tolist())


def asv(pr: Pr) -> set[int]:
    """Ratio of medians above 1.1 and asv's is_different."""
    if pr.values_only:
        return set(np.flatnonzero(pr.current[:, 0] > pr.baseline[:, 0] * 1.1).tolist())
    ratio = np.median(pr.current, axis=1) / np.median(pr.baseline, axis=1)
    return {i for i in np.flatnonzero(ratio > 1.1).tolist() if _asv_different(pr.baseline[i], pr.current[i])}


def _asv_different(a: np.ndarray, b: np.ndarray) -> bool:
    m, n = len(a), len(b)
    if 1 / math.comb(m + n, min(m, n)) < 0.002:
        return _asv_mann_whitney(a, b) < 0.002
    low_a, high_a = _asv_interval(a)
    low_b, high_b = _asv_interval(b)
    return not (high_a >= low_b and low_a <= high_b)


def _asv_mann_whitney(x: np.ndarray, y: np.ndarray) -> float:
    """asv's two-sided p: the least significant way of breaking ties, exact up to 20 samples a side."""
    m, n = len(x), len(y)
    u = int((x[:, None] > y[None, :]).sum())
    ties = int((x[:, None] == y[None, :]).sum())
    half = m * n // 2
    if u <= half <= u + ties:
        ties = half - u
    near, far = min(u, m * n - u), min(u + ties, m * n - (u + ties))
    extreme = near if near >= far else far
    if max(m, n) > 20:
        z = (extreme - m * n / 2) / math.sqrt(m * n * (m + n + 1) / 12)
        return float(2 * scipy_stats.norm.cdf(z))
    survival = _u_survival(min(m, n), max(m, n))  # P(U >= u), symmetric: P(U <= k) = P(U >= mn - k)
    below = survival[m * n - extreme]
    upper_from = max(half, m * n - extreme - 1) + 1
    above = survival[upper_from] if upper_from <= m * n else 0.0
    return below + above


def _asv_interval(samples: np.ndarray) -> tuple[float, float]:
    """asv_runner's 99 % interval of the median: order statistics, else a Laplace posterior's quantiles."""
    y = np.sort(samples)
    n = len(y)
    low, high = -math.inf, math.inf
    cumulative = 0.0
    for k in range(n):
        cumulative += scipy_stats.binom.pmf(k, n, 0.5)
        if cumulative <= 0.005:
            low = y[k]
        if cumulative >= 0.995:
            high = y[k]
            break
    if (math.isinf(low) or math.isinf(high)) and n > 1:
        if math.isinf(low):
            low = min(_laplace_quantile(y, 0.005), y[0])
        if math.isinf(high):
            high = max(_laplace_quantile(y, 0.995), y[-1])
    return float(low), float(high)


def _laplace_quantile(y: np.ndarray, q: float) -> float:
    """Quantile of the posterior density proportional to (sum |y_j - b|)^-(n) over b (asv_runner, nu = n - 1).

    Between sorted points the sum is linear in b, so each piece integrates in closed form.
    """
    n, nu = len(y), len(y) - 1
    centre = float(np.median(y))
    scale = float(np.abs(y - centre).sum()) or 1.0
    z = (y - centre) / scale
    pieces = []  # (lower edge, upper edge, intercept, slope, mass)
    for k in range(n + 1):
        slope = 2 * k - n
        intercept = z[k:].sum() - z[:k].sum()
        lower = -math.inf if k == 0 else z[k - 1]
        upper = math.inf if k == n else z[k]
        pieces.append((lower, upper, intercept, slope, _piece_mass(lower, upper, intercept, slope, nu)))
    target = q * sum(piece[4] for piece in pieces)
    for lower, upper, intercept, slope, mass in pieces:
        if target <= mass:
            start = 0.0 if math.isinf(lower) else (intercept + slope * lower) ** -nu
            level = start - nu * slope * target
            b = (level ** (-1 / nu) - intercept) / slope
            return centre + scale * min(max(b, lower), upper)
        target -= mass
    return centre + scale * float(z[-1])


def _piece_mass(lower: float, upper: float, intercept: float, slope: int, nu: int) -> float:
    def antiderivative(b: float) -> float:
        return 0.0 if math.isinf(b) else -((intercept + slope * b) ** -nu) / (nu * slope)

    if slope == 0:
        return (upper - lower) * intercept ** -(nu + 1)
    return antiderivative(upper) - antiderivative(lower)


def conbench(pr: Pr) -> set[int]:
    """Lookback z-score above 5 of the run's best value against the history up to the baseline."""
    best_now = pr.current[:, 0] if pr.values_only else pr.current.min(axis=1)
    best_then = pr.baseline[:, 0] if pr.values_only else pr.baseline.min(axis=1)
    earlier = pr.history_means if pr.values_only else pr.history_best
    series = np.vstack([earlier, best_then[None, :]])  # (runs, benchmarks), oldest first
    kept = ~_conbench_outliers(series)
    count = kept.sum(axis=0)
    mean = np.where(kept, series, 0.0).sum(axis=0) / count
    # Residual of each kept point from the mean of the kept points before it (the first: 0).
    before_sum = np.cumsum(np.where(kept, series, 0.0), axis=0) - np.where(kept, series, 0.0)
    before_count = np.cumsum(kept, axis=0) - kept
    with np.errstate(invalid="ignore", divide="ignore"):
        residual = np.where(before_count > 0, series - before_sum / before_count, 0.0)
    residual = np.where(kept, residual, np.nan)
    spread = np.nanstd(residual, axis=0, ddof=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (best_now - mean) / spread
    return set(np.flatnonzero((count >= 2) & (spread > 0) & (z > 5.0)).tolist())


def _conbench_outliers(series: np.ndarray) -> np.ndarray:
    """_detect_shifts_with_trimmed_estimators: a jump that immediately reverts is an outlier.

    Differences outside their 5-95 % quantiles are dropped before the expanding mean and standard
    deviation (the window of 100 commits covers the whole simulated history).
    """
    diff = np.diff(series, axis=0, prepend=np.nan)
    low, high = np.nanquantile(diff, 0.05, axis=0), np.nanquantile(diff, 0.95, axis=0)
    clipped = np.where((diff < low) | (diff > high), np.nan, diff)
    present = ~np.isnan(clipped)
    values = np.where(present, clipped, 0.0)
    count = np.cumsum(present, axis=0)
    total, squares = np.cumsum(values, axis=0), np.cumsum(values**2, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
        spread = np.sqrt(np.maximum(squares - count * mean**2, 0.0) / (count - 1))
        z = np.abs(diff - mean) / spread
    shift = (count >= 2) & (spread > 0) & (z > 5.0)
    shift[np.isnan(diff)] = False
    following = np.vstack([shift[1:], np.zeros((1, shift.shape[1]), dtype=bool)])
    return shift & following


def bencher(pr: Pr) -> set[int]:
    """Bencher's default t-test threshold (upper boundary 0.99) on the run's value."""
    history = np.vstack([pr.history_means, pr.values(pr.baseline)[None, :]])[-64:]
    count = history.shape[0]
    mean, spread = history.mean(axis=0), history.std(axis=0, ddof=1)
    limit = mean + _t_quantile(0.99, count - 1) * spread * math.sqrt(1 + 1 / count)
    return set(np.flatnonzero((pr.values(pr.current) > limit) & (spread > 0)).tolist())


@cache
def _t_quantile(probability: float, df: int) -> float:
    return float(scipy_stats.t.ppf(probability, df))


CURRENT = "perf-action (compare)"
CANDIDATE = "perf-action (candidate)"
RULES: dict[str, Rule] = {
    CURRENT: perf_action_current,
    "copybook-rs": copybook_rs,
    "github-action-benchmark": github_action_benchmark,
    "asv": asv,
    "Conbench": conbench,
    "Bencher": bencher,
    CANDIDATE: perf_action_candidate,
}


# --- measuring -------------------------------------------------------------------------------------------


@dataclass
class Tally:
    """Per rule: PRs with a false alarm and PRs whose planted benchmark was flagged."""

    prs: int = 0
    alarms: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    shift_reported: int = 0  # candidate: PRs whose suite shift was reported (once)
    verdicts: dict[str, int] = field(default_factory=dict)  # candidate: rows by verdict, planted excluded
    seconds: dict[str, float] = field(default_factory=dict)


def measure(scenario: Scenario, prs: int, rules: dict[str, Rule]) -> Tally:
    rng = np.random.default_rng(list(f"{SEED}/{scenario.name}".encode()))
    tally = Tally(prs, dict.fromkeys(rules, 0), dict.fromkeys(rules, 0), seconds=dict.fromkeys(rules, 0.0))
    for index in range(prs):
        pr = simulate(rng, scenario)
        if index == 0:
            _check_mirror(pr, scenario)
        for name, rule in rules.items():
            started = time.perf_counter()
            flagged = rule(pr) if name != CANDIDATE else _candidate(pr, tally, scenario)
            tally.seconds[name] += time.perf_counter() - started
            planted = set(range(scenario.planted_count)) if scenario.planted != 1.0 else set()
            tally.alarms[name] += bool(flagged - planted)
            tally.found[name] += bool(planted) and planted <= flagged
    return tally


def _candidate(pr: Pr, tally: Tally, scenario: Scenario) -> set[int]:
    judgement = candidate_judgement(pr)
    tally.shift_reported += sum(shift.notable for shift in judgement.shifts)
    start = scenario.planted_count if scenario.planted != 1.0 else 0
    for row in judgement.judgements[start:]:
        tally.verdicts[row.verdict.value] = tally.verdicts.get(row.verdict.value, 0) + 1
    return {i for i, row in enumerate(judgement.judgements) if row.gating}


def _check_mirror(pr: Pr, scenario: Scenario) -> None:
    """The vectorized run location must be noise.run_location exactly (to rounding)."""
    if scenario.samples < 2:
        return
    samples = pr.baseline[: min(200, len(pr.baseline))]
    mirrored = np.exp(locate_logs(np.log(np.sort(samples, axis=1))))
    expected = np.array([noise.run_location(row.tolist()) for row in samples])
    assert np.allclose(mirrored, expected, rtol=1e-12), "vectorized locate drifted from noise.locate"


def interval(count: int, total: int) -> tuple[float, float]:
    """Clopper–Pearson 95 % interval of a binomial proportion."""
    low = scipy_stats.beta.ppf(0.025, count, total - count + 1) if count else 0.0
    high = scipy_stats.beta.ppf(0.975, count + 1, total - count) if count < total else 1.0
    return float(low), float(high)


# --- reporting -----------------------------------------------------------------------------------------


def rate(count: int, total: int) -> str:
    return f"{count / total * 100:.1f}"


def rate_with_interval(count: int, total: int) -> str:
    low, high = interval(count, total)
    return f"{count}/{total} = {count / total * 100:.1f} % ({low * 100:.1f}–{high * 100:.1f})"


def before_table(results: Sequence[tuple[Scenario, Tally]], rules: Sequence[str]) -> list[str]:
    """One row per scenario: each rule's false-alarm PRs, and for planted changes its detection."""
    lines = [
        "| scenario | " + " | ".join(rules) + " |",
        "|---|" + "---:|" * len(rules),
    ]
    for scenario, tally in results:
        cells = []
        for name in rules:
            alarms = rate(tally.alarms[name], tally.prs)
            cells.append(
                f"{rate(tally.found[name], tally.prs)} / {alarms}" if scenario.planted != 1.0 else alarms
            )
        lines.append(f"| {scenario.name} | " + " | ".join(cells) + " |")
    return lines


def after_table(results: Sequence[tuple[Scenario, Tally]], peers: Sequence[str]) -> list[str]:
    """The candidate against each goal, with counts and intervals, and any peer that does better."""
    lines = [
        "| scenario | goal | false-alarm PRs | planted found | met | rows unchanged / inconclusive "
        "| better peer |",
        "|---|---|---|---|:-:|---|---|",
    ]
    for scenario, tally in results:
        alarms = tally.alarms[CANDIDATE]
        found = rate_with_interval(tally.found[CANDIDATE], tally.prs) if scenario.planted != 1.0 else ""
        rows = sum(tally.verdicts.values()) or 1
        shares = (
            f"{tally.verdicts.get('unchanged', 0) / rows * 100:.0f} % / "
            f"{tally.verdicts.get('inconclusive', 0) / rows * 100:.0f} %"
        )
        if scenario.head != 1.0:
            shares += f"; shift reported in {tally.shift_reported / tally.prs * 100:.0f} % of PRs"
        met = "yes" if meets_goal(scenario, tally) else "**no**"
        better = ", ".join(better_peers(scenario, tally, peers)) or "-"
        alarms_cell = rate_with_interval(alarms, tally.prs)
        lines.append(
            f"| {scenario.name} | {scenario.goal} | {alarms_cell} | {found} | {met} | {shares} | {better} |"
        )
    return lines


def meets_goal(scenario: Scenario, tally: Tally) -> bool:
    """The issue's bars, on the observed rates."""
    alarms = tally.alarms[CANDIDATE] / tally.prs
    found = tally.found[CANDIDATE] / tally.prs
    if scenario.planted < 1.0:
        return found == 0 and alarms <= GOAL_FALSE_ALARMS
    if not scenario.detects:
        return alarms <= GOAL_FALSE_ALARMS and (
            scenario.head == 1.0 or tally.shift_reported >= 0.9 * tally.prs
        )
    bar = float(scenario.goal.split(">=")[1].strip(" %")) / 100
    return found >= bar and alarms <= GOAL_FALSE_ALARMS


def better_peers(scenario: Scenario, tally: Tally, peers: Sequence[str]) -> list[str]:
    """Peers that find the planted change significantly more often at no more false alarms (3 sigma)."""
    if not scenario.detects:
        return []
    better = []
    for name in peers:
        more_found = _significantly_more(tally.found[name], tally.found[CANDIDATE], tally.prs)
        more_alarms = _significantly_more(tally.alarms[name], tally.alarms[CANDIDATE], tally.prs)
        if more_found and not more_alarms:
            better.append(name)
    return better


def _significantly_more(a: int, b: int, total: int) -> bool:
    p = (a + b) / (2 * total)
    spread = math.sqrt(2 * p * (1 - p) / total) if 0 < p < 1 else 0.0
    return a > b and (spread == 0 or (a - b) / total > 3 * spread)


def null_scenarios() -> list[Scenario]:
    """How small a suite the empirical null can serve: shifts, drift without history, several regressions."""
    result = []
    for m in (5, 10, 20, 50, 100):
        result += [
            Scenario(f"null study {m}: head run x1.03", benchmarks=m, head=1.03),
            Scenario(f"null study {m}: drift 2 %, no history", benchmarks=m, drift=0.02, history=0),
            Scenario(f"null study {m}: 15 % slower, no history", benchmarks=m, history=0, planted=1.15),
            Scenario(
                f"null study {m}: {max(1, m // 5)} of {m} 15 % slower",
                benchmarks=m,
                planted=1.15,
                planted_count=max(1, m // 5),
            ),
        ]
    return result


def null_study(prs: int) -> list[str]:
    """The candidate on the null-study scenarios without the empirical null and with it (the default)."""
    default = noise.MIN_NULL_MEMBERS
    lines = [
        "| scenario | without the null: FA / found / shift reported | with it: FA / found / shift reported |",
        "|---|---|---|",
    ]
    for scenario in null_scenarios():
        cells = []
        for minimum in (sys.maxsize, default):
            noise.MIN_NULL_MEMBERS = minimum
            tally = measure(scenario, prs, {CANDIDATE: perf_action_candidate})
            found = rate(tally.found[CANDIDATE], prs) if scenario.detects else "-"
            cells.append(
                f"{rate(tally.alarms[CANDIDATE], prs)} / {found} / {rate(tally.shift_reported, prs)}"
            )
        noise.MIN_NULL_MEMBERS = default
        lines.append(f"| {scenario.name} | " + " | ".join(cells) + " |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_PRS} PRs per scenario instead of {FULL_PRS}"
    )
    parser.add_argument("--prs", type=int, help="PRs per scenario (overrides --quick)")
    parser.add_argument("--only", default="", help="run only the scenarios whose name contains this")
    parser.add_argument("--rules", default="", help="comma-separated rule names to run (default: all)")
    parser.add_argument(
        "--null-study", action="store_true", help="the minimum suite size for the empirical null"
    )
    args = parser.parse_args()
    prs = args.prs or (QUICK_PRS if args.quick else FULL_PRS)
    if args.null_study:
        print("\n".join(null_study(prs)))
        return 0
    rules = {n: r for n, r in RULES.items() if not args.rules or n in args.rules.split(",")}
    started = time.perf_counter()
    results = []
    for scenario in scenarios():
        if args.only in scenario.name:
            tally = measure(scenario, prs, rules)
            results.append((scenario, tally))
            print(
                f"{scenario.name}: " + ", ".join(f"{n} {s:.0f} s" for n, s in tally.seconds.items()),
                file=sys.stderr,
            )
    peers = [name for name in rules if name != CANDIDATE]
    print(f"#### Before: perf-action today and its peers ({prs} PRs per scenario)\n")
    print("Detection cells read *found / false-alarm PRs*, in %; the others, false-alarm PRs in %.\n")
    print("\n".join(before_table(results, [n for n in rules if n != CANDIDATE])))
    if CANDIDATE in rules:
        print(f"\n#### After: the candidate rule against the goals ({prs} PRs per scenario)\n")
        print("\n".join(after_table(results, peers)))
    elapsed = time.perf_counter() - started
    print(f"\nseed {SEED!r}; {len(results)} scenarios x {prs} PRs in {elapsed:.0f} s")
    missed = [s.name for s, t in results if CANDIDATE in rules and not meets_goal(s, t)]
    if missed:
        print("goals missed: " + "; ".join(missed))
    return 3 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
