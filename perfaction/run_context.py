"""Who runs perf-action, where, in which CI run and on which commit: read once by a face, passed down.

Nothing below the faces reads the environment; what a stage needs to know about the run is here.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from perfaction.records import datarecord


@datarecord(frozen=True)
class Runner:
    """The CI machine as the CI system names it, beside what the host itself shows."""

    image: str | None = None
    os: str | None = None
    arch: str | None = None
    environment: str | None = None


@datarecord(frozen=True)
class RunContext:
    """The run perf-action works for; outside CI only the workspace is known."""

    workspace: Path
    actor: str | None = None
    repository: str | None = None
    run_id: str | None = None
    run_attempt: int | None = None  # a re-run of the same workflow run counts up from 1
    run_url: str | None = None
    commit: str | None = None  # the commit results belong to (a pull request's head, never a merge)
    runner: Runner = field(default_factory=Runner)
