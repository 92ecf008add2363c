"""Shared fixtures: run the real CLI, in-process for speed or as a subprocess for exit codes and stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from github_api.fixtures import github_server, github_server_session  # noqa: F401 - shared fixtures

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Completed:
    code: int
    stdout: str
    stderr: str


def run_cli(
    *args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> Completed:
    """Run `python -m perfaction` as a separate process, as a user would."""
    result = subprocess.run(
        [sys.executable, "-m", "perfaction", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    return Completed(result.returncode, result.stdout, result.stderr)


@pytest.fixture
def cli():
    return run_cli
