"""Time `compare` on a 10,000-benchmark suite with 50 samples per side, and the whole CLI run around it.

The CLI, at 10,000 and 20,000 benchmarks, is timed as a process next to a bare `json.load` of its two
inputs in a fresh Python, interleaved. Samples are written to 0.01 ns, so 20,000 benchmarks x 50 samples
fit the 32 MiB input cap.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from _timing import compile_sources, interleaved_command_medians, median_seconds

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
        values = [round(centre * rng.lognormvariate(0, 0.05), 2) for _ in range(samples)]
        metric = Metric("time", sum(values) / samples, "ns", "lower", samples=values)
        items.append(Benchmark(f"group_{index // 100}/bench_{index}", [metric]))
    return Report(suite="synthetic", benchmarks=items, environment=Environment(os="linux", cores=2))


LOAD = "import json, sys\nfor name in sys.argv[1:]:\n    with open(name, 'rb') as handle: json.load(handle)"


def write_inputs(scratch: Path, benchmarks: int, samples: int) -> list[Path]:
    """A baseline and a current report, written as perf-action writes them."""
    paths = [scratch / f"baseline-{benchmarks}.json", scratch / f"current-{benchmarks}.json"]
    write_json(paths[0], suite(benchmarks, samples, seed=1).to_dict(), "perf-report")
    write_json(paths[1], suite(benchmarks, samples, seed=2, slowed=10).to_dict(), "perf-report")
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmarks", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    compile_sources()
    baseline = suite(args.benchmarks, args.samples, seed=1)
    current = suite(args.benchmarks, args.samples, seed=2, slowed=10)
    engine, samples = median_seconds(lambda: compare(current, baseline), args.runs)
    summary = compare(current, baseline)
    flagged = sum(row.gating for row in summary.rows)
    print(f"{args.benchmarks} benchmarks x {args.samples} samples per side, median of {args.runs} runs")
    runs = ", ".join(f"{seconds:.2f}" for seconds in samples)
    print(f"compare (engine)        {engine * 1000:8.1f} ms   (runs: {runs} s)")
    print(f"flagged {flagged} of {len(summary.rows)} metrics ({summary.status}); 10 were made 15 % slower")
    sizes = (args.benchmarks, 2 * args.benchmarks)
    with tempfile.TemporaryDirectory() as scratch:
        commands = []
        for size in sizes:
            base, head = write_inputs(Path(scratch), size, args.samples)
            out = Path(scratch) / "summary.json"
            commands.append([sys.executable, "-m", "perfaction", "compare", head, "--baseline", base])
            commands[-1] += ["--summary-out", out, "--fail-on", "never"]
            commands.append([sys.executable, "-c", LOAD, base, head])
        cli, load, cli_double, load_double = interleaved_command_medians(commands, args.runs)
    print(f"whole processes, medians of {args.runs} interleaved runs:")
    for size, (ours, floor) in zip(sizes, ((cli, load), (cli_double, load_double)), strict=True):
        shown = f"compare CLI {ours * 1000:6.0f} ms, json.load of both inputs {floor * 1000:5.0f} ms"
        print(f"{size:>6} benchmarks: {shown}: {ours / floor:.2f}x  (goal: <= 5x, under 2 s when idle)")
    print(f"{sizes[1]} / {sizes[0]}: {cli_double / cli:.2f}x  (goal: <= 2.2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
