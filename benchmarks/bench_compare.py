"""Time `compare` on a 10,000-benchmark suite with 50 samples per side, and the whole CLI run around it.

Also times the noise-aware decision (`perfaction.verdict.judge`) on the same pairs, without history and
with 30 earlier runs per benchmark as the baseline branch keeps them.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from _timing import median_command_seconds, median_seconds

from perfaction import noise, verdict
from perfaction.compare import compare
from perfaction.model import Benchmark, Environment, Metric, Report
from perfaction.validation import write_json


def suite(benchmarks: int, samples: int, seed: int, slowed: int = 0) -> Report:
    """A time metric per benchmark with log-normal noise (CV 5 %); the first `slowed` are 15 % slower."""
    rng = random.Random(seed)
    centres = random.Random(0)  # the same benchmark has the same true time on both sides
    items = []
    for index in range(benchmarks):
        centre = centres.uniform(10.0, 1e6) * (1.15 if index < slowed else 1.0)
        values = [centre * rng.lognormvariate(0, 0.05) for _ in range(samples)]
        metric = Metric("time", sum(values) / samples, "ns", "lower", samples=values)
        items.append(Benchmark(f"group_{index // 100}/bench_{index}", [metric]))
    return Report(suite="synthetic", benchmarks=items, environment=Environment(os="linux", cores=2))


def evidence(current: Report, baseline: Report, history: int) -> list[verdict.Evidence]:
    """The pairs `judge` takes; earlier runs are run locations of runs like the baseline's (1 % drift)."""
    rng = random.Random(3)
    pairs = []
    for after, before in zip(current.benchmarks, baseline.benchmarks, strict=True):
        old, new = before.metrics[0], after.metrics[0]
        runs = [[v * rng.lognormvariate(0, 0.01) for v in old.samples or ()] for _ in range(history)]
        pairs.append(
            verdict.Evidence(
                after.name,
                new.name,
                True,
                verdict.Side(old.value, tuple(old.samples or ())),
                verdict.Side(new.value, tuple(new.samples or ())),
                history=tuple(noise.run_location(run) for run in runs),
            )
        )
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmarks", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    baseline = suite(args.benchmarks, args.samples, seed=1)
    current = suite(args.benchmarks, args.samples, seed=2, slowed=10)
    engine, samples = median_seconds(lambda: compare(current, baseline), args.runs)
    summary = compare(current, baseline)
    flagged = sum(row.gating for row in summary.rows)
    print(f"{args.benchmarks} benchmarks x {args.samples} samples per side, median of {args.runs} runs")
    runs = ", ".join(f"{seconds:.2f}" for seconds in samples)
    print(f"compare (engine)        {engine * 1000:8.1f} ms   (runs: {runs} s)")
    for history in (0, 30):
        pairs = evidence(current, baseline, history)
        seconds, samples = median_seconds(lambda pairs=pairs: verdict.judge(pairs), args.runs)
        found = sum(j.gating for j in verdict.judge(pairs).judgements)
        runs = ", ".join(f"{s:.2f}" for s in samples)
        print(
            f"verdict.judge, {history:2d} runs  {seconds * 1000:8.1f} ms   (runs: {runs} s; flagged {found})"
        )
    with tempfile.TemporaryDirectory() as scratch:
        paths = [Path(scratch) / name for name in ("baseline.json", "current.json", "summary.json")]
        write_json(paths[0], baseline.to_dict(), "perf-report")
        write_json(paths[1], current.to_dict(), "perf-report")
        argv = [sys.executable, "-m", "perfaction", "compare", str(paths[1]), "--baseline", str(paths[0])]
        argv += ["--summary-out", str(paths[2]), "--fail-on", "never"]
        whole, _ = median_command_seconds(argv, max(3, args.runs // 2))
        size_mib = paths[1].stat().st_size / 2**20
    what = f"read and validate two {size_mib:.0f} MiB reports, compare, write summary"
    print(f"perfaction compare CLI  {whole * 1000:8.1f} ms   ({what})")
    print(f"flagged {flagged} of {len(summary.rows)} metrics ({summary.status}); 10 were made 15 % slower")
    return 0


if __name__ == "__main__":
    sys.exit(main())
