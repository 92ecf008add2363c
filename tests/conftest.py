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


@pytest.fixture
def isolated_git(tmp_path_factory, monkeypatch):
    """No user or system git config leaks in (a global safe.directory=* would hide a missing one)."""
    empty = tmp_path_factory.mktemp("gitconfig") / "config"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GITHUB_ACTOR", "GITHUB_RUN_ID", "GITHUB_REPOSITORY", "GITHUB_SERVER_URL"):
        monkeypatch.delenv(name, raising=False)
