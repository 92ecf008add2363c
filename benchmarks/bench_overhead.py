"""perf-action's own cost next to the benchmarks it reports on: a real `cargo bench`, then the local pipeline.

1. Build the small criterion crate in tests/data/real-tools/criterion/src/ (the sources of the real
   criterion test data: lib.head.rs is lib.base.rs with one ~20 % slowdown of `checksum`) offline against
   Debian's librust-criterion-dev; run `cargo bench` on the base sources and keep target/criterion as the
   baseline; switch to the head sources and run `cargo bench` again, timed.
2. Time the pipeline on the head's target/criterion two ways, as CI runs them: `perfaction convert`,
   `validate`, `compare` and `render`, each a process; and `perfaction check`, the same work in one
   process. Rounds are interleaved and the first, untimed, runs with bytecode writing allowed, as an
   installed package (or the action's image) has its modules compiled.

Prints the medians, and the tooling time as a share of the head's bench time (goal: under 1 %).
Needs: cargo on PATH, apt packages librust-criterion-dev, and the criterion reader.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import compile_sources

CRATE = Path(__file__).resolve().parent.parent / "tests" / "data" / "real-tools" / "criterion" / "src"


def assemble(root: Path) -> None:
    """The crate layout cargo expects, from the flat files kept in the repository."""
    (root / "src").mkdir(parents=True)
    (root / "benches").mkdir()
    (root / ".cargo").mkdir()
    for name in ("Cargo.toml", "Cargo.lock"):
        shutil.copy(CRATE / name, root / name)
    shutil.copy(CRATE / "benches.rs", root / "benches" / "benches.rs")
    shutil.copy(CRATE / "cargo-config.toml", root / ".cargo" / "config.toml")


def cargo_bench(root: Path, lib: str, criterion_args: list[str]) -> float:
    """Compile first (not counted), then time the run a CI job would make."""
    shutil.copy(CRATE / lib, root / "src" / "lib.rs")
    subprocess.run(["cargo", "bench", "--offline", "--no-run"], cwd=root, check=True, capture_output=True)
    start = time.perf_counter()
    subprocess.run(
        ["cargo", "bench", "--offline", "--", *criterion_args], cwd=root, check=True, capture_output=True
    )
    return time.perf_counter() - start


def perfaction(*args: str | Path, accept: tuple[int, ...] = (0,)) -> float:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "perfaction", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in accept:
        raise SystemExit(f"perfaction {args[0]} exited {result.returncode}: {result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--criterion-args",
        default="",
        help="extra arguments for criterion, e.g. '--measurement-time 2' (default: criterion's defaults)",
    )
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of the pipelines")
    args = parser.parse_args()
    compile_sources()
    with tempfile.TemporaryDirectory(prefix="perfaction-overhead-") as scratch:
        root, work = Path(scratch) / "crate", Path(scratch) / "out"
        work.mkdir()
        assemble(root)
        extra = args.criterion_args.split()
        base_seconds = cargo_bench(root, "lib.base.rs", extra)
        shutil.copytree(root / "target" / "criterion", work / "criterion-base")
        bench_seconds = cargo_bench(root, "lib.head.rs", extra)
        perfaction("convert", work / "criterion-base", "--suite", "critbench", "-o", work / "base.json")

        head, base = root / "target" / "criterion", work / "base.json"
        steps = {
            "convert": ("convert", head, "--suite", "critbench", "-o", work / "head.json"),
            "validate": ("validate", work / "head.json"),
            "compare": ("compare", work / "head.json", "--baseline", base, "--summary-out", work / "s.json"),
            "render": ("render", work / "s.json", "-o", work / "comment.md"),
            "check (all in one)": (
                *("check", head, "--baseline", base),
                *("--summary-out", work / "s1.json", "--comment-out", work / "comment1.md"),
            ),
        }
        rounds: dict[str, list[float]] = {name: [] for name in steps}
        for round_ in range(args.rounds + 1):  # the first round warms the caches, untimed
            for name, step in steps.items():
                seconds = perfaction(*step, accept=(0, 3))
                if round_:
                    rounds[name].append(seconds)
        comment = (work / "comment1.md").read_text(encoding="utf-8")

    timings = {name: statistics.median(times) for name, times in rounds.items()}
    one_process = timings.pop("check (all in one)")
    four_processes = sum(timings.values())
    print(f"cargo bench (base, not counted)  {base_seconds:8.2f} s")
    print(f"cargo bench (head)               {bench_seconds:8.2f} s")
    print(f"medians of {args.rounds} interleaved rounds")
    for name, seconds in timings.items():
        print(f"perfaction {name:<22}{seconds * 1000:8.0f} ms")
    print(f"four processes                   {four_processes:8.2f} s = {four_processes / bench_seconds:6.2%}")
    share = one_process / bench_seconds
    print(f"perfaction check (one process)   {one_process:8.2f} s = {share:6.2%}  (goal: under 1 %)")
    print("\n" + "\n".join(comment.splitlines()[:12]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
