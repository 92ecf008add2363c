"""Describe the machine a conversion runs on, for reports whose input carries no environment."""

from __future__ import annotations

import os
import platform
from pathlib import Path

from perfaction.model import Environment

_RUNNER_EXTRAS = {
    "RUNNER_OS": "runner_os",
    "RUNNER_ARCH": "runner_arch",
    "RUNNER_ENVIRONMENT": "runner_environment",
}


def detect_host() -> Environment:
    """The same facts copybook-rs's host annotation recorded, plus the GitHub runner image when known."""
    # GitHub-hosted runners set these two mixed-case names.
    image_parts = (os.environ.get("ImageOS"), os.environ.get("ImageVersion"))  # noqa: SIM112
    image = " ".join(filter(None, image_parts)) or None
    extra: dict[str, str | int | float | bool] = {
        key: os.environ[name] for name, key in _RUNNER_EXTRAS.items() if os.environ.get(name)
    }
    return Environment(
        os=platform.system().lower() or None,
        kernel=platform.release() or None,
        cpu_model=_cpu_model(),
        cores=os.cpu_count(),
        runner=image,
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
