"""Shared timing helpers for the benchmark scripts: medians over repeated runs on a noisy machine."""

from __future__ import annotations

import compileall
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def median_seconds(action: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    """Run an action repeatedly; return the median and every sample, in seconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), samples


def median_command_seconds(argv: Sequence[str], runs: int) -> tuple[float, list[float]]:
    """Time a whole process from start to exit, as a user waits for it."""

    def run() -> None:
        subprocess.run(argv, check=True, capture_output=True)

    run()  # warm the page cache once, as a second invocation on a laptop would be
    return median_seconds(run, runs)


def interleaved_command_medians(commands: Sequence[Sequence[str]], runs: int) -> list[float]:
    """Time several commands in alternation, so drift on a shared machine hits each alike."""
    samples: list[list[float]] = [[] for _ in commands]
    for argv in commands:  # one warm-up each, for the page cache
        subprocess.run(argv, check=True, capture_output=True)
    for _ in range(runs):
        for argv, times in zip(commands, samples, strict=True):
            start = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return [statistics.median(times) for times in samples]


def compile_sources() -> None:
    """Bytecode for the project's modules, as pip writes it at install, before timing `python -m perfaction`.

    Otherwise a module edited since its last run, or every module where PYTHONDONTWRITEBYTECODE is set,
    is compiled again by each timed process: a cost no installed perf-action pays.
    """
    root = Path(__file__).resolve().parent.parent
    for package in ("perfaction", "schemas", "templates"):
        compileall.compile_dir(root / package, quiet=1)
