"""Time to validate and convert a 10,000-benchmark report, next to a bare json.load of the same file."""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from _timing import median_seconds

from perfaction.ingest import read_report
from perfaction.model import Benchmark, Environment, Metric, Report


def synthetic_report(benchmarks: int, samples: int, seed: int = 7) -> Report:
    """A suite shaped like a real one: a time metric with samples per benchmark."""
    rng = random.Random(seed)
    items = []
    for index in range(benchmarks):
        centre = rng.uniform(10.0, 1e6)
        values = [rng.lognormvariate(0, 0.03) * centre for _ in range(samples)]
        metric = Metric("time", sum(values) / len(values), "ns", "lower", samples=values)
        items.append(Benchmark(f"group_{index // 100}/bench_{index}", [metric]))
    return Report(suite="synthetic", benchmarks=items, environment=Environment(os="linux", cores=2))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmarks", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "report.json"
        path.write_text(json.dumps(synthetic_report(args.benchmarks, args.samples).to_dict()))
        size_mib = path.stat().st_size / 2**20

        def bare() -> None:
            with path.open() as handle:
                json.load(handle)

        bare_median, _ = median_seconds(bare, args.runs)
        ours_median, _ = median_seconds(lambda: read_report(path, host=False), args.runs)
    shape = f"{args.benchmarks} benchmarks x {args.samples} samples ({size_mib:.1f} MiB)"
    print(f"{shape}, median of {args.runs} runs")
    print(f"bare json.load               {bare_median * 1000:8.1f} ms")
    print(f"perfaction validate+convert  {ours_median * 1000:8.1f} ms")
    print(f"ratio {ours_median / bare_median:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
