"""Verdict quality: how often each tool's rule raises a false alarm on a PR, and how often it catches one.

Simulates CI runs with a fixed seed: log-normal noise at a given CV, n samples per side, suites of 10 or
100 benchmarks. An A/A PR changes nothing; an A/B PR slows benchmark 0 by 5, 10, 15 or 20 %. Every rule
judges the same simulated data. A PR "alarms" when a rule flags any benchmark as a regression (for
perf-action: a warning or failure that gates); "detects" when it flags the slowed benchmark.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from perfaction.compare import compare
from perfaction.model import Benchmark, Metric, Report
from perfaction.stats import mann_whitney_p

SEED = "perf-action verdict quality v1"
HISTORY_RUNS = 20  # earlier runs Conbench's z-score is computed against
SIZES = (10, 100)
SAMPLES = (2, 3, 5, 10, 30)
CVS = (0.01, 0.03, 0.05, 0.10)
REGRESSIONS = (0.05, 0.10, 0.15, 0.20)
HEADLINE = {"size": 100, "samples": 10, "cv": 0.05}


@dataclass
class Pr:
    """One simulated pull request: per benchmark, the samples of both sides and the history of means."""

    baseline: list[list[float]]
    current: list[list[float]]
    history: list[list[float]]


def simulate(rng: random.Random, size: int, samples: int, cv: float, slowdown: float) -> Pr:
    sigma = math.sqrt(math.log1p(cv * cv))
    mu = -sigma * sigma / 2  # so that each sample's expected value is the benchmark's true time

    def run(centre: float) -> list[float]:
        return [centre * rng.lognormvariate(mu, sigma) for _ in range(samples)]

    centres = [10 ** rng.uniform(2, 7) for _ in range(size)]
    spread_of_mean = cv / math.sqrt(samples)
    return Pr(
        baseline=[run(centre) for centre in centres],
        current=[run(centre * (1 + slowdown if index == 0 else 1)) for index, centre in enumerate(centres)],
        history=[[centre * rng.gauss(1, spread_of_mean) for _ in range(HISTORY_RUNS)] for centre in centres],
    )


def _report(runs: list[list[float]]) -> Report:
    benchmarks = [
        Benchmark(f"b{index}", [Metric("time", statistics.fmean(values), "ns", "lower", samples=values)])
        for index, values in enumerate(runs)
    ]
    return Report(suite="simulated", benchmarks=benchmarks)


def perf_action(pr: Pr) -> set[int]:
    summary = compare(_report(pr.current), _report(pr.baseline))
    return {int(row.benchmark[1:]) for row in summary.rows if row.gating}


def copybook_rs(pr: Pr) -> set[int]:
    """A fixed 5 % threshold on the means of the two runs."""
    return {
        i
        for i, (old, new) in enumerate(zip(pr.baseline, pr.current, strict=True))
        if statistics.fmean(new) / statistics.fmean(old) - 1 > 0.05
    }


def github_action_benchmark(pr: Pr) -> set[int]:
    """The default alert-threshold of 200 %: the new value more than twice the previous one."""
    return {
        i
        for i, (old, new) in enumerate(zip(pr.baseline, pr.current, strict=True))
        if statistics.fmean(new) / statistics.fmean(old) > 2.0
    }


def conbench(pr: Pr) -> set[int]:
    """|z| > 5 of the new mean against the history of earlier means (regressions only)."""
    flagged = set()
    for i, (history, new) in enumerate(zip(pr.history, pr.current, strict=True)):
        centre = statistics.fmean(history)
        # statistics.stdev is exact but slow (fractions); floats are plenty here
        spread = math.sqrt(math.fsum((value - centre) ** 2 for value in history) / (len(history) - 1))
        if spread > 0 and (statistics.fmean(new) - centre) / spread > 5:
            flagged.add(i)
    return flagged


def asv(pr: Pr) -> set[int]:
    """asv continuous: ratio of results above 1.1 and Mann–Whitney p < 0.002."""
    return {
        i
        for i, (old, new) in enumerate(zip(pr.baseline, pr.current, strict=True))
        if statistics.median(new) / statistics.median(old) > 1.1 and mann_whitney_p(old, new) < 0.002
    }


RULES: dict[str, Callable[[Pr], set[int]]] = {
    "perf-action": perf_action,
    "copybook-rs (5 % on means)": copybook_rs,
    "github-action-benchmark (2x)": github_action_benchmark,
    "Conbench (z > 5 vs history)": conbench,
    "asv (1.1x and MWU p < 0.002)": asv,
}


@dataclass
class Rates:
    """Per rule: the share of A/A PRs with any alarm, and per slowdown the share of A/B PRs that caught it."""

    false_alarms: dict[str, float]
    detection: dict[float, dict[str, float]]


def measure(size: int, samples: int, cv: float, prs: int) -> Rates:
    alarms = dict.fromkeys(RULES, 0)
    caught = {slowdown: dict.fromkeys(RULES, 0) for slowdown in REGRESSIONS}
    for slowdown in (0.0, *REGRESSIONS):
        rng = random.Random(f"{SEED}/{size}/{samples}/{cv}/{slowdown}")
        for _ in range(prs):
            pr = simulate(rng, size, samples, cv, slowdown)
            for name, rule in RULES.items():
                flagged = rule(pr)
                if slowdown == 0.0:
                    alarms[name] += bool(flagged)
                else:
                    caught[slowdown][name] += 0 in flagged
    return Rates(
        false_alarms={name: count / prs for name, count in alarms.items()},
        detection={s: {name: count / prs for name, count in row.items()} for s, row in caught.items()},
    )


def _pct(rate: float, decimals: int = 0) -> str:
    return f"{rate * 100:.{decimals}f} %"


def headline_table(rates: Rates, prs: int) -> list[str]:
    shape = f"{HEADLINE['size']} benchmarks, {HEADLINE['samples']} samples per side, CV {HEADLINE['cv']:.0%}"
    lines = [
        f"#### {shape}, {prs} PRs per column",
        "",
        "| rule | false alarms (A/A PRs) | " + " | ".join(f"detects {s:.0%}" for s in REGRESSIONS) + " |",
        "|---|---:|" + "---:|" * len(REGRESSIONS),
    ]
    for name in RULES:
        detection = " | ".join(_pct(rates.detection[s][name], 1) for s in REGRESSIONS)
        lines.append(f"| {name} | {_pct(rates.false_alarms[name], 1)} | {detection} |")
    return lines


def grid_tables(grid: dict[tuple[int, int, float], Rates], prs: int) -> list[str]:
    header = "| suite | samples | CV | " + " | ".join(RULES) + " |"
    rule = "|---:|---:|---:|" + "---:|" * len(RULES)
    lines = [f"#### False alarms: share of A/A PRs with any alarm ({prs} PRs per cell)", "", header, rule]
    for (size, samples, cv), rates in grid.items():
        cells = " | ".join(_pct(rates.false_alarms[name]) for name in RULES)
        lines.append(f"| {size} | {samples} | {cv:.0%} | {cells} |")
    lines += [
        "",
        f"#### Detection: share of A/B PRs that flag the slowed benchmark, for a 5 / 10 / 15 / 20 % slowdown "
        f"({prs} PRs per number)",
        "",
        header,
        rule,
    ]
    for (size, samples, cv), rates in grid.items():
        cells = " | ".join(
            " / ".join(f"{rates.detection[s][name] * 100:.0f}" for s in REGRESSIONS) for name in RULES
        )
        lines.append(f"| {size} | {samples} | {cv:.0%} | {cells} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--headline-prs", type=int, default=500, help="PRs per scenario, headline case")
    parser.add_argument("--grid-prs", type=int, default=40, help="PRs per scenario for every other case")
    args = parser.parse_args()
    started = time.perf_counter()
    headline = measure(HEADLINE["size"], HEADLINE["samples"], HEADLINE["cv"], args.headline_prs)
    grid = {
        (size, samples, cv): measure(size, samples, cv, args.grid_prs)
        for size in SIZES
        for samples in SAMPLES
        for cv in CVS
    }
    print("\n".join(headline_table(headline, args.headline_prs)))
    print()
    print("\n".join(grid_tables(grid, args.grid_prs)))
    false_alarms = headline.false_alarms["perf-action"]
    detection = headline.detection[0.15]["perf-action"]
    meets = false_alarms <= 0.02 and detection >= 0.90
    print()
    print(
        f"perf-action, headline case: false alarms {false_alarms:.1%} (bar: at most 2 %), "
        f"15 % slowdown detected {detection:.1%} (bar: at least 90 %): "
        + ("meets the bar" if meets else "MISSES the bar")
    )
    print(f"seed {SEED!r}; ran in {time.perf_counter() - started:.0f} s")
    return 0 if meets else 3


if __name__ == "__main__":
    sys.exit(main())
