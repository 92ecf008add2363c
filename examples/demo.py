"""`make demo`: run perf-action's main job on the bundled sample data with local defaults."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from perfaction.cli import main

DATA = Path(__file__).parent / "data"
OUT = Path("demo-out")


def run(*argv: str) -> int:
    print(f"\n$ perfaction {' '.join(argv)}", flush=True)
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
    steps = [
        ("validate", *sorted(str(p) for p in DATA.glob("*.json"))),
        ("convert", str(DATA / "copybook-head.json"), "-o", str(OUT / "copybook-head.report.json")),
        ("validate", str(OUT / "copybook-head.report.json")),
        (
            "baseline",
            "promote",
            str(DATA / "copybook-baseline.json"),
            "--repo",
            store,
            "--actor",
            "demo",
            "--reason",
            "demo baseline",
        ),
        ("summary", "--repo", store),
    ]
    for step in steps:
        code = run(*step)
        if code != 0:
            print(f"demo step failed with exit code {code}", file=sys.stderr)
            return code
    print(f"\ndemo outputs are in {OUT.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(demo())
