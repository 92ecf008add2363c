"""Reading large inputs, each as a whole process: `perfaction convert` and `validate` of 10,000 benchmarks.

Next to their floors, interleaved: a bare `json.load` of the same file in a fresh Python, and
check-jsonschema validating the same report against the same schema. Inputs: a canonical report and a
Google Benchmark file (10 repetitions per benchmark; without the mean, median and stddev entries
Google Benchmark adds, which would take 10,000 benchmarks past the 32 MiB input cap).
Goals: convert within 5x the bare load; validate no slower than check-jsonschema.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from _timing import compile_sources, interleaved_command_medians

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "perf-report.schema.json"
LOAD = "import json, sys\nwith open(sys.argv[1], 'rb') as handle: json.load(handle)"


def canonical(benchmarks: int, samples: int, seed: int = 7) -> dict:
    """A suite shaped like a real one: a time metric with samples per benchmark."""
    rng = random.Random(seed)
    items = []
    for index in range(benchmarks):
        centre = rng.uniform(10.0, 1e6)
        values = [rng.lognormvariate(0, 0.03) * centre for _ in range(samples)]
        metric = {"name": "time", "value": sum(values) / samples, "unit": "ns", "samples": values}
        items.append(
            {"name": f"group_{index // 100}/bench_{index}", "metrics": [metric | {"direction": "lower"}]}
        )
    environment = {"os": "linux", "cores": 2}
    head = {"schema_version": 1, "suite": "synthetic", "source": {"format": "perfaction"}}
    return head | {"environment": environment, "benchmarks": items}


def google_benchmark(benchmarks: int, repetitions: int, seed: int = 7) -> dict:
    """`--benchmark_repetitions` output, one entry per repetition (aggregates left out: 32 MiB cap)."""
    rng = random.Random(seed)
    entries = []
    for family in range(benchmarks):
        name = f"BM_Group{family // 100}/{family}"
        centre = rng.uniform(10.0, 1e6)
        times = [rng.lognormvariate(0, 0.03) * centre for _ in range(repetitions)]
        common = {"family_index": family, "per_family_instance_index": 0, "run_name": name}
        common |= {"repetitions": repetitions, "threads": 1, "time_unit": "ns"}
        for index, seconds in enumerate(times):
            entries.append(
                common
                | {"name": name, "run_type": "iteration", "repetition_index": index, "iterations": 1000}
                | {"real_time": seconds, "cpu_time": seconds * 0.98}
            )
    context = {"date": "2026-11-26T23:27:44+00:00", "host_name": "bench", "executable": "./bench"}
    context |= {
        "num_cpus": 2,
        "mhz_per_cpu": 2596,
        "cpu_scaling_enabled": False,
        "library_build_type": "release",
    }
    return {"context": context, "benchmarks": entries}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmarks", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=10, help="samples, and Google Benchmark repetitions")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    compile_sources()
    python, bin_dir = sys.executable, Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as scratch:
        report, gbench, out = (Path(scratch) / name for name in ("report.json", "gbench.json", "out.json"))
        report.write_text(json.dumps(canonical(args.benchmarks, args.samples)))
        gbench.write_text(json.dumps(google_benchmark(args.benchmarks, args.samples)))
        commands = {
            "json.load, canonical": [python, "-c", LOAD, report],
            "perfaction convert, canonical": [python, "-m", "perfaction", "convert", report, "-o", out],
            "json.load, Google Benchmark": [python, "-c", LOAD, gbench],
            "perfaction convert, Google Benchmark": [
                python,
                "-m",
                "perfaction",
                "convert",
                gbench,
                "-o",
                out,
            ],
            "perfaction validate, canonical": [python, "-m", "perfaction", "validate", report],
            "check-jsonschema, canonical": [bin_dir / "check-jsonschema", "--schemafile", SCHEMA, report],
        }
        mib = [path.stat().st_size / 2**20 for path in (report, gbench)]
        medians = dict(
            zip(commands, interleaved_command_medians(list(commands.values()), args.runs), strict=True)
        )
    print(
        f"{args.benchmarks} benchmarks x {args.samples} samples (canonical {mib[0]:.1f} MiB, "
        f"Google Benchmark {mib[1]:.1f} MiB); medians of {args.runs} interleaved runs"
    )
    for name, seconds in medians.items():
        print(f"{name:<40}{seconds * 1000:8.0f} ms")
    for kind in ("canonical", "Google Benchmark"):
        ratio = medians[f"perfaction convert, {kind}"] / medians[f"json.load, {kind}"]
        print(f"convert / json.load, {kind:<19}{ratio:8.2f}x  (goal: <= 5x)")
    ratio = medians["perfaction validate, canonical"] / medians["check-jsonschema, canonical"]
    print(f"validate / check-jsonschema             {ratio:8.2f}x  (goal: <= 1x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
