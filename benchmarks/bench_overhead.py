"""perf-action's own cost next to the benchmarks it reports on: a real `cargo bench`, then the local pipeline.

1. Build the small criterion crate in tests/data/real-tools/criterion/src/ (the sources of the real
   criterion test data: lib.head.rs is lib.base.rs with one ~20 % slowdown of `checksum`) offline against
   Debian's librust-criterion-dev; run `cargo bench` on the base sources and keep target/criterion as the
   baseline; switch to the head sources and run `cargo bench` again, timed.
2. Time `perfaction convert`, `validate`, `compare` and `render` on the head's target/criterion, each as a
   process, as CI runs them. The pipeline runs once untimed first, with bytecode writing allowed, as an
   installed package (or the action's image) has its modules compiled.

Prints the tooling time as a share of the head's bench time (goal: under 1 %).
Needs: cargo on PATH, apt packages librust-criterion-dev, and the criterion reader.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="perfaction-overhead-") as scratch:
        root, work = Path(scratch) / "crate", Path(scratch) / "out"
        work.mkdir()
        assemble(root)
        extra = args.criterion_args.split()
        base_seconds = cargo_bench(root, "lib.base.rs", extra)
        shutil.copytree(root / "target" / "criterion", work / "criterion-base")
        bench_seconds = cargo_bench(root, "lib.head.rs", extra)
        perfaction("convert", work / "criterion-base", "--suite", "critbench", "-o", work / "base.json")

        steps = {
            "convert": (
                "convert",
                root / "target" / "criterion",
                "--suite",
                "critbench",
                "-o",
                work / "head.json",
            ),
            "validate": ("validate", work / "head.json"),
            "compare": (
                "compare",
                work / "head.json",
                "--baseline",
                work / "base.json",
                "--summary-out",
                work / "s.json",
            ),
            "render": ("render", work / "s.json", "-o", work / "comment.md"),
        }
        for step in steps.values():
            perfaction(*step, accept=(0, 3))
        timings = {name: perfaction(*step, accept=(0, 3)) for name, step in steps.items()}
        comment = (work / "comment.md").read_text(encoding="utf-8")

    tooling = sum(timings.values())
    print(f"cargo bench (base, not counted)  {base_seconds:8.2f} s")
    print(f"cargo bench (head)               {bench_seconds:8.2f} s")
    for name, seconds in timings.items():
        print(f"perfaction {name:<22}{seconds * 1000:8.0f} ms")
    print(f"tooling total                    {tooling:8.2f} s")
    print(f"tooling / bench time             {tooling / bench_seconds:8.2%}  (goal: under 1 %)")
    print("\n" + "\n".join(comment.splitlines()[:12]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
