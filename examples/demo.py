"""`make demo`: run perf-action's main job on the bundled sample data with local defaults."""

from __future__ import annotations

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
    for step, accepted in steps:
        code = run(*step)
        if code not in accepted:
            print(f"demo step failed with exit code {code}", file=sys.stderr)
            return code
    print(f"\nthe PR comment's Markdown: {comment.resolve()}")
    print(f"its HTML preview, as GitHub renders it: {preview.resolve()}")
    print(f"demo outputs are in {OUT.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(demo())
