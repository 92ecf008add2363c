"""How often change-point detection alerts on pure noise, and how often it finds planted steps.

Seeded simulation of recorded histories (one value per run): log-normal noise with CV 1-5 %, the
same with 5 % of runs 30-200 % slow (a noisy CI machine), and AR(1) noise (runs drifting together,
rho 0.3) as a stress case. Prints Markdown tables for docs/history.md.
"""

from __future__ import annotations

import argparse
import math
import random
from collections.abc import Callable

from perfaction.changepoint import detect

Noise = Callable[[random.Random, int, float], list[float]]


def lognormal(rng: random.Random, n: int, cv: float) -> list[float]:
    return [100.0 * math.exp(rng.gauss(0, cv)) for _ in range(n)]


def with_outliers(rng: random.Random, n: int, cv: float) -> list[float]:
    return [v * (1 + rng.uniform(0.3, 2.0)) if rng.random() < 0.05 else v for v in lognormal(rng, n, cv)]


def autocorrelated(rng: random.Random, n: int, cv: float, rho: float = 0.3) -> list[float]:
    level, values = 0.0, []
    for _ in range(n):
        level = rho * level + math.sqrt(1 - rho * rho) * rng.gauss(0, cv)
        values.append(100.0 * math.exp(level))
    return values


NOISES: dict[str, Noise] = {
    "log-normal": lognormal,
    "+5 % outliers": with_outliers,
    "AR(1) 0.3": autocorrelated,
}


def false_alerts(rng: random.Random, noise: Noise, n: int, cv: float, count: int) -> float:
    """Share of noise-only histories with at least one change point anywhere."""
    return sum(bool(detect(noise(rng, n, cv))) for _ in range(count)) / count


def per_record(rng: random.Random, n: int, cv: float, count: int, start: int = 30) -> float:
    """Share of records that bring a new change point to light on noise alone (what a record would post)."""
    alerts = records = 0
    for _ in range(count):
        values = lognormal(rng, n, cv)
        known: set[int] = set()
        for length in range(start, n + 1):
            found = {point.index for point in detect(values[:length])}
            alerts += bool(found - known)
            known = found
            records += 1
    return alerts / records


def detected(rng: random.Random, n: int, cv: float, step: float, count: int) -> tuple[float, float]:
    """Share of planted steps found within 2 runs of where they are, with the right sign; and the share
    whose 95 % interval covers the true size."""
    hits = covered = 0
    for _ in range(count):
        where = rng.randint(n // 5, 4 * n // 5)
        values = [v * (1 + step) if i >= where else v for i, v in enumerate(lognormal(rng, n, cv))]
        near = [p for p in detect(values) if abs(p.index - where) <= 2 and (p.change_pct > 0) == (step > 0)]
        if near:
            hits += 1
            point = near[0]
            covered += point.lower_pct is not None and point.lower_pct <= step * 100 <= point.upper_pct
    return hits / count, covered / max(hits, 1)


def delay(rng: random.Random, cv: float, step: float, count: int) -> str:
    """Runs after a step until a record first reports it (median and 90th percentile), and how many never."""
    before, after = 150, 40
    delays, never = [], 0
    for _ in range(count):
        values = lognormal(rng, before, cv) + [v * (1 + step) for v in lognormal(rng, after, cv)]
        found = next(
            (length - before for length in range(before + 1, before + after + 1)
             if any(abs(p.index - before) <= 2 for p in detect(values[:length]))),
            None,
        )  # fmt: skip
        if found is None:
            never += 1
        else:
            delays.append(found)
    delays.sort()
    if not delays:
        return f"never within {after} runs"
    middle, high = delays[len(delays) // 2], delays[int(len(delays) * 0.9)]
    return f"{middle} / {high} ({never} of {count} not within {after})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full sample sizes")
    args = parser.parse_args()
    rng = random.Random(20260101)
    size = lambda full: max(10, int(full * args.scale))  # noqa: E731 - a one-line scale

    print("| noise | runs | CV 1 % | CV 3 % | CV 5 % |\n|---|---:|---:|---:|---:|")
    for name, noise in NOISES.items():
        for n in (100, 365, 1000):
            count = size(600 if n < 1000 else 200)
            rates = [false_alerts(rng, noise, n, cv, count) for cv in (0.01, 0.03, 0.05)]
            print(f"| {name} | {n} | " + " | ".join(f"{rate:.1%}" for rate in rates) + f" |  ({count} each)")

    print("\nPer record, on log-normal noise, runs 30 to 365:")
    for cv in (0.01, 0.05):
        print(f"- CV {cv:.0%}: {per_record(rng, 365, cv, size(20)):.3%} of records report a change point")

    print("\n| runs | CV | step +5 % | +10 % | +20 % | -10 % |\n|---:|---:|---:|---:|---:|---:|")
    coverage = []
    for n in (100, 365):
        for cv in (0.01, 0.03, 0.05):
            cells = []
            for step in (0.05, 0.10, 0.20, -0.10):
                hit, cover = detected(rng, n, cv, step, size(300))
                cells.append(f"{hit:.0%}")
                coverage.append(cover)
            print(f"| {n} | {cv:.0%} | " + " | ".join(cells) + " |")
    print(f"\n95 % intervals covering the planted size: {min(coverage):.0%} to {max(coverage):.0%} per cell")

    print("\nRuns after a step until a record reports it (median / 90th percentile), 150 runs before it:")
    for cv, step in ((0.01, 0.05), (0.02, 0.10), (0.05, 0.10), (0.05, 0.20)):
        print(f"- step {step:+.0%} at CV {cv:.0%}: {delay(rng, cv, step, size(100))}")


if __name__ == "__main__":
    main()
