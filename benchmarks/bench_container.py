"""The action's container as users wait for it. Needs root: it starts a private Docker engine and registry.

Delivery: the action step on real criterion results (validate mode), with the image pulled by the digest
a release action.yml names (`docker pull` + `docker run`), against `image: Dockerfile` (`docker build`,
which pulls the base, + `docker run`). Each round starts from an engine holding no image; the registry
serves on 127.0.0.1. Rounds alternate the two.

Cold start: `docker run` of the action (validate mode, small receipt, the runner's mounts and variables)
against an empty python container on the same base, interleaved, with two steps in between that show
where the difference goes: the interpreter in the action image, then importing jsonschema there.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from docker_harness import (
    Engine,
    Timings,
    deliver,
    load_base,
    publish_base,
    run_action,
    running_engine,
    running_registry,
    wheelhouse,
)
from receipts import receipt


def interleaved_medians(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median seconds of each action, run in alternation so drift on a shared machine hits each alike."""
    for action in actions.values():  # once each first: page cache, the engine's first container
        action()
    samples: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in samples.items()}


def cold_start(engine: Engine, base: str, image: str, scratch: Path, runs: int) -> dict[str, float]:
    steps = iter(range(1_000_000))
    workspace = {"receipt.json": receipt()}
    inputs = {"mode": "validate", "report": "receipt.json"}

    def step(entrypoint: list[str] | None) -> Callable[[], None]:
        def run() -> None:
            result = run_action(
                engine, image, scratch / str(next(steps)), inputs, workspace, entrypoint=entrypoint
            )
            assert result.code == 0, result.stdout + result.stderr

        return run

    return interleaved_medians(
        {
            "empty python container (the base, python -c pass)": lambda: engine.docker(
                "run", "--rm", "--network=host", base, "python", "-c", "pass"
            ),
            "action image, runner's mounts, python -c pass": step(["python", "-I", "-c", "pass"]),
            "action image, runner's mounts, import jsonschema": step(
                ["python", "-I", "-c", "import jsonschema"]
            ),
            "the action, validate mode": step(None),
        },
        runs,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="build-and-pull rounds (each ~20 s)")
    parser.add_argument("--runs", type=int, default=11, help="cold-start runs of each variant")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    timings = Timings()
    with (
        running_engine(timings) as engine,
        running_registry(engine) as registry,
        tempfile.TemporaryDirectory() as scratch,
    ):
        local_base = load_base(engine)
        wheels = wheelhouse(engine, local_base)
        base = publish_base(engine, registry, local_base)
        rounds = [
            deliver(engine, registry, base, wheels, Path(scratch) / f"round-{n}") for n in range(args.rounds)
        ]
        engine.docker("pull", base)
        floor = cold_start(engine, base, rounds[-1].pulled, Path(scratch) / "cold", args.runs)
    build = statistics.median(r.build_seconds for r in rounds)
    pull = statistics.median(r.pull_seconds for r in rounds)
    print(timings.report())
    print(f"machine load average: {load_before:.1f} before, {os.getloadavg()[0]:.1f} after (2 cores)")
    print(f"\ndelivery, medians of {args.rounds} rounds from an empty engine (criterion results, validate):")
    print(f"  image: Dockerfile               docker build + docker run  {build:6.2f} s")
    print(f"  image: docker://...@sha256:...  docker pull + docker run   {pull:6.2f} s")
    print(f"  pull + run is {build / pull:.1f}x as fast as build + run (goal: at least 5x)")
    print(*(f"  {fact}" for fact in rounds[-1].sizes), sep="\n")
    print(f"\ncold start, medians of {args.runs} interleaved runs:")
    empty = next(iter(floor.values()))
    for name, seconds in floor.items():
        print(f"  {name:<52} {seconds * 1000:6.1f} ms  {seconds / empty:4.2f}x")
    action = floor["the action, validate mode"]
    print(f"  the action takes {action / empty:.2f}x an empty python container (goal: at most 1.3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
