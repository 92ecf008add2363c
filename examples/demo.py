"""`make demo`: run perf-action's main job on the bundled sample data with local defaults."""

from __future__ import annotations

import json
import math
import random
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from perfaction.cli import main

DATA = Path(__file__).parent / "data"
# Real outputs of real benchmark tools, kept with the tests (see their README for how each was made).
TOOLS = Path(__file__).parent.parent / "tests" / "data" / "real-tools"
TOOL_OUTPUTS = [
    TOOLS / "criterion" / "criterion-head",
    TOOLS / "pytest-benchmark" / "head.json",
    TOOLS / "google-benchmark" / "head-rep5.json",
    TOOLS / "hyperfine" / "head.json",
    TOOLS / "go" / "head.txt",
]
OUT = Path("demo-out")
HISTORY_RUNS, STEP_AT = 40, 25  # recorded runs of main; the first benchmark gets 15 % slower at run 25


def run(*argv: str) -> int:
    """Print the command as it can be pasted into a shell, then run it."""
    print(f"\n$ perfaction {shlex.join(argv)}", flush=True)
    return main(list(argv))


def scratch_repository() -> Path:
    """A fresh git repository standing in for the project, to hold the perf-baselines branch."""
    store = OUT / "repo"
    shutil.rmtree(store, ignore_errors=True)
    subprocess.run(["git", "init", "--quiet", str(store)], check=True)
    return store


def main_runs(report: Path) -> list[Path]:
    """Runs of main made from one canonical report: 1 % noise, and one planted step to find."""
    document = json.loads(report.read_text())
    folder = OUT / "main-runs"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    paths = []
    for number in range(1, HISTORY_RUNS + 1):
        rng = random.Random(number)  # noqa: S311 - seeded demo noise, not secrets
        run = json.loads(json.dumps(document))
        for index, benchmark in enumerate(run["benchmarks"]):
            step = 1.15 if index == 0 and number >= STEP_AT else 1.0
            for metric in benchmark["metrics"]:
                factor = step * math.exp(rng.gauss(0, 0.01))
                metric["value"] = round(metric["value"] * factor, 6)
                if metric.get("samples"):
                    metric["samples"] = [round(sample * factor, 6) for sample in metric["samples"]]
        run["source"]["commit"] = f"{number:07x}"
        run["timestamp"] = f"2026-{1 + (number - 1) // 28:02d}-{1 + (number - 1) % 28:02d}T06:00:00Z"
        paths.append(folder / f"run-{number:02d}.json")
        paths[-1].write_text(json.dumps(run))
    return paths


def demo() -> int:
    OUT.mkdir(exist_ok=True)
    store = str(scratch_repository())
    summary, comment, preview = OUT / "summary.json", OUT / "comment.md", OUT / "comment.html"
    baseline, head = str(DATA / "copybook-baseline.json"), str(DATA / "copybook-head.json")
    # Each step with the exit codes that let the demo go on: compare exits 3 when it finds a regression.
    steps: list[tuple[tuple[str, ...], set[int]]] = [
        (("validate", *sorted(str(p) for p in DATA.glob("*.json"))), {0}),
        (("validate", *map(str, TOOL_OUTPUTS)), {0}),
        (("validate", "--format", "gab-smaller", str(TOOLS / "gab" / "smaller-head.json")), {0}),
        (("convert", str(TOOL_OUTPUTS[0]), "-o", str(OUT / "criterion.report.json")), {0}),
        (("convert", head, "-o", str(OUT / "copybook-head.report.json")), {0}),
        (
            (
                "baseline",
                "promote",
                baseline,
                "--repo",
                store,
                "--actor",
                "demo",
                "--reason",
                "demo baseline",
            ),
            {0},
        ),
        (("compare", head, "--repo", store, "--summary-out", str(summary)), {0, 3}),
        (("render", str(summary), "-o", str(comment), "--html", str(preview)), {0}),
        (("summary", "--repo", store), {0}),
    ]
    code = run_steps(steps)
    if code:
        return code
    # The recorded history of main: every run recorded, then its dashboard and a backtest.
    records = main_runs(OUT / "copybook-head.report.json")
    print(f"\n$ perfaction baseline record ... (each of {len(records)} runs of main)", flush=True)
    for path in records:
        if (code := main(["baseline", "record", str(path), "--repo", store, "--actor", "demo"])) != 0:
            return code
    site, backtest = OUT / "site", OUT / "backtest.html"
    history_steps: list[tuple[tuple[str, ...], set[int]]] = [
        (("dashboard", "--repo", store, "--out", str(site)), {0}),
        (("backtest", "--repo", store, "--html", str(backtest)), {0}),
    ]
    code = run_steps(history_steps)
    if code:
        return code
    print(f"\nthe PR comment's Markdown: {comment.resolve()}")
    print(f"its HTML preview, as GitHub renders it: {preview.resolve()}")
    print(f"the dashboard of the recorded history: {(site / 'index.html').resolve()}")
    print(f"the backtest of the default settings over it: {backtest.resolve()}")
    print(f"demo outputs are in {OUT.resolve()}")
    return 0


def run_steps(steps: list[tuple[tuple[str, ...], set[int]]]) -> int:
    """Each step in turn; the exit code of the first that ends outside its accepted codes, else 0."""
    for step, accepted in steps:
        code = run(*step)
        if code not in accepted:
            print(f"demo step failed with exit code {code}", file=sys.stderr)
            return code
    return 0


if __name__ == "__main__":
    sys.exit(demo())
