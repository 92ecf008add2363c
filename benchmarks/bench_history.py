"""Time the recorded run history at 10,000 benchmarks x 1,000 runs: a record, a compare, the dashboard.

Builds the history with real records on a real git branch (minutes; --repo DIR keeps it for the next
run), then reports medians of: adding one run (and how many bytes its commit adds), looking for the
change points a new run confirms, comparing a run with the history (what `perfaction compare` does
when the suite has recorded runs), reading the whole history, transposing it into series, building the
dashboard, and Chromium drawing a page of 200 charts x 1,000 points (load event, and the first frame
after it).
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from _timing import median_seconds

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from chromium import Browser, available, serve

from perfaction.baseline.git import GitStore
from perfaction.baseline.runs import RecordRequest, read_runs, record_run
from perfaction.baseline.store import Actor
from perfaction.config import CompareConfig
from perfaction.dashboard import SiteOptions, SuiteData, build_site
from perfaction.model import Benchmark, Environment, Metric, Report
from perfaction.modes.compare import judge, stored_baseline
from perfaction.modes.record import introduced_changes
from perfaction.verdicts import FailOn

ACTOR = Actor("bench", "bench@example.com")
SAMPLES = 5
T = TypeVar("T")
RECORDS = 24  # two chunks' worth of records at 10,000 benchmarks: the open chunk's whole cycle


def report(benchmarks: int, run: int) -> Report:
    """Every benchmark's time with 5 samples (CV 2 %); every 500th benchmark gets 10 % slower at run 600."""
    rng = random.Random(run)
    centres = random.Random(0)
    items = []
    for index in range(benchmarks):
        centre = centres.uniform(10.0, 1e6) * (1.10 if index % 500 == 0 and run >= 600 else 1.0)
        samples = [centre * math.exp(rng.gauss(0, 0.02)) for _ in range(SAMPLES)]
        items.append(
            Benchmark(f"group_{index // 100}/bench_{index}", [Metric("time", centre, "ns", "lower", samples)])
        )
    day = run // 3  # three runs a day, 28-day months: 1,000 runs span 333 days, within the retention
    date = f"{2025 + day // 336}-{1 + day % 336 // 28:02d}-{1 + day % 28:02d}"
    return Report(
        suite="big",
        benchmarks=items,
        environment=Environment(os="linux", cpu_model="bench CPU", cores=2),
        commit=f"{run:08x}",
        ref="refs/heads/main",
        timestamp=f"{date}T{run % 3 * 8:02d}:00:00Z",
    )


def build(repo: Path, benchmarks: int, runs: int) -> None:
    if not (repo / ".git").exists():
        repo.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "init", "--quiet", str(repo)], check=True)
    store = GitStore(repo)
    history = read_runs(store, "big")
    start = time.perf_counter()
    for run in range(len(history) + 1 if history else 1, runs + 1):
        record_run(store, RecordRequest(report(benchmarks, run), ACTOR, run_id=run))
        if run % 100 == 0:
            print(f"  recorded {run} runs ({time.perf_counter() - start:.0f} s)", flush=True)


def commit_bytes(repo: Path, new: str, old: str) -> tuple[int, int]:
    """The objects a commit adds: their total size as stored (zlib) and as content."""
    listing = subprocess.run(
        ["git", "-C", str(repo), "rev-list", "--objects", new, f"^{old}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    objects = "".join(line.split()[0] + "\n" for line in listing.splitlines())
    sizes = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch-check=%(objectsize:disk) %(objectsize)"],
        input=objects,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return sum(map(int, sizes[0::2])), sum(map(int, sizes[1::2]))


def cpu_seconds(action: Callable[[], T]) -> tuple[T, float, float]:
    """The action's result and the CPU seconds it used here and in the processes it started."""
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    result = action()
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    used = [(a.ru_utime - b.ru_utime) + (a.ru_stime - b.ru_stime) for a, b in zip(after, before, strict=True)]
    return result, used[0], used[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmarks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--repo", type=Path, help="keep the built history here and reuse it")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-history-"))
    repo = args.repo or scratch / "repo"
    try:
        print(f"building {args.benchmarks} benchmarks x {args.runs} runs in {repo}", flush=True)
        build(repo, args.benchmarks, args.runs)
        work = scratch / "work"
        subprocess.run(["git", "clone", "--quiet", "--bare", str(repo), str(work)], check=True)
        store = GitStore(work, branch="perf-baselines")
        extra = iter(range(args.runs + 1, args.runs + 1 + RECORDS))
        added = []

        def record() -> None:
            run = next(extra)
            before = store.tip()
            done = record_run(store, RecordRequest(report(args.benchmarks, run), ACTOR, run_id=run))
            added.append(commit_bytes(work, done.version, before))

        recording, _ = median_seconds(record, RECORDS)
        disk = [size / 1024 for size, _ in added]
        content = [size / 1024 for _, size in added]
        print(
            f"record one run: {recording:.2f} s (median of {RECORDS}); the commit adds "
            f"{statistics.mean(disk):.0f} KiB on average, at most {max(disk):.0f} KiB, as stored "
            f"({statistics.mean(content):.0f} / {max(content):.0f} KiB uncompressed)"
        )
        newest = report(args.benchmarks, args.runs + RECORDS + 1)
        last = record_run(store, RecordRequest(newest, ACTOR))
        changes, _ = median_seconds(lambda: introduced_changes(store, last), 1)
        print(f"change points the newest run confirms (what `record` reports): {changes:.1f} s, one run")
        compare_with_history(store, args.benchmarks, args.runs, args.repeat)
        reading, _ = median_seconds(lambda: read_runs(store, "big"), args.repeat)
        history, python_cpu, git_cpu = cpu_seconds(lambda: read_runs(store, "big"))
        print(
            f"read {len(history)} runs x {args.benchmarks} benchmarks: {reading:.2f} s, "
            f"median of {args.repeat}; CPU: {python_cpu:.2f} s in Python and {git_cpu:.2f} s in git, "
            "which overlap"
        )
        series, _ = median_seconds(history.all_series, args.repeat)
        print(f"all series (transposed): {series:.2f} s, median of {args.repeat}")
        site = scratch / "site"
        building, _ = median_seconds(
            lambda: build_site([SuiteData(history)], site, SiteOptions(charts_per_page=200)), 3
        )
        print(
            f"dashboard build ({args.benchmarks} charts, change points included): {building:.1f} s, "
            "median of 3"
        )
        if available():
            render(site, scratch, args.repeat)
        else:
            print("chromium and chromedriver are missing: no render timing")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def compare_with_history(store: GitStore, benchmarks: int, runs: int, repeat: int) -> None:
    """`perfaction compare` of a new run when the suite has recorded runs: baseline, noise and verdict."""
    current = report(benchmarks, runs + 100)
    merge_base = f"{runs:08x}"  # a run recorded in the built history

    def compare() -> str:
        chosen = stored_baseline(store, "big", merge_base)
        return str(judge(current, CompareConfig(), chosen, FailOn.NEVER, None).summary.status)

    seconds, _ = median_seconds(compare, repeat)
    print(
        f"compare one run with the history (recorded run at the merge-base, newest 30 runs as noise "
        f"model): {seconds:.2f} s, median of {repeat}; verdict {compare()}"
    )


def render(site: Path, scratch: Path, repeat: int) -> None:
    """Chromium on a page of 200 charts of the last 1,000 runs: load event and the first frame after it."""
    browser = Browser(scratch / "profile")
    loads, frames = [], []
    try:
        with serve(site) as url:
            for _ in range(repeat):
                browser.open(f"{url}/big/index.html")
                timing = browser.run("return performance.getEntriesByType('navigation')[0].loadEventEnd;")
                frame = browser.run(
                    "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame("
                    "() => r(performance.now()))));"
                )
                points = browser.run(
                    "return Array.from(document.querySelectorAll('polyline.series'), "
                    "p => p.points.numberOfItems)"
                )
                loads.append(timing)
                frames.append(frame)
    finally:
        browser.close()
    print(
        f"chromium: {len(points)} charts x {max(points)} points: "
        f"load event {statistics.median(loads):.0f} ms, "
        f"first frame after it {statistics.median(frames):.0f} ms, median of {repeat}"
    )


if __name__ == "__main__":
    sys.exit(main())
