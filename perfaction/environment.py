"""Describe the machine a conversion runs on, for reports whose input carries no environment."""

from __future__ import annotations

import os
import platform
from pathlib import Path

from perfaction.model import Environment
from perfaction.run_context import Runner


def detect_host(runner: Runner) -> Environment:
    """The same facts copybook-rs's host annotation recorded, plus the CI runner's as the face read them."""
    facts = {"runner_os": runner.os, "runner_arch": runner.arch, "runner_environment": runner.environment}
    extra: dict[str, str | int | float | bool] = {key: value for key, value in facts.items() if value}
    return Environment(
        os=platform.system().lower() or None,
        kernel=platform.release() or None,
        cpu_model=_cpu_model(),
        cores=os.cpu_count(),
        runner=runner.image,
        extra=extra,
    )


def _cpu_model() -> str | None:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or None
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("model name", "Hardware", "cpu model") and value.strip():
            return value.strip()[:256]
    return platform.processor() or None
