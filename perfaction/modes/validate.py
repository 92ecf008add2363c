"""Validate mode: check results, baselines, summaries or settings against perf-action's schemas."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfaction import jsonio
from perfaction.errors import ExitCode, PerfactionError, Problem, ToolingError, ValidationFailure
from perfaction.ingest import Input, detect, read_report
from perfaction.markdown import MESSAGE_LIMIT, escape
from perfaction.records import datarecord
from perfaction.validation import KINDS, ensure_valid

if TYPE_CHECKING:
    from perfaction.github.runner import StepResult

# GitHub shows at most 10 error annotations per step; the job summary lists more.
MAX_SUMMARY_PROBLEMS = 50
# Entries walked below the `report` input: a results folder, not a whole disk.
MAX_WORKSPACE_ENTRIES = 100_000


@datarecord(frozen=True)
class ValidateRequest:
    """Files or directories to check, what they are, and their format."""

    paths: list[Path]
    kind: str = "report"
    fmt: str = "auto"


@datarecord
class ValidationOutcome:
    """What `validate` found for one file."""

    path: Path
    detail: str = ""
    problems: list[Problem] = field(default_factory=list)
    tooling_error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.tooling_error is None

    def messages(self) -> list[str]:
        lines = [str(p) for p in self.problems]
        if self.tooling_error:
            lines.append(f"perfaction: error: {self.tooling_error}")
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "valid": self.ok,
            "detail": self.detail,
            "problems": [p.as_dict() for p in self.problems],
            "error": self.tooling_error,
        }


def validate(request: ValidateRequest) -> list[ValidationOutcome]:
    """Validate each path; a directory no reader claims is expanded to the JSON files in it."""
    outcomes: list[ValidationOutcome] = []
    for path in request.paths:
        targets = expand_results(path, request.fmt) if request.kind == "report" else [path]
        if not targets:
            outcome = ValidationOutcome(path)
            outcome.problems.append(Problem(str(path), "", "directory holds no benchmark results"))
            outcomes.append(outcome)
        outcomes.extend(_validate_one(target, request.kind, request.fmt) for target in targets)
    return outcomes


def exit_code(outcomes: list[ValidationOutcome]) -> ExitCode:
    """An unreadable file outranks bad data: the data may be fine once it can be read."""
    if any(o.tooling_error for o in outcomes):
        return ExitCode.TOOLING
    return ExitCode.OK if all(o.ok for o in outcomes) else ExitCode.INVALID


def expand_results(path: Path, fmt: str) -> list[Path]:
    """The results a path holds: itself, or for a directory no reader claims, the JSON files in it."""
    if not path.is_dir() or fmt != "auto":
        return [path]
    try:
        detect(Input(path))
    except ValidationFailure:
        return sorted(p for p in path.iterdir() if p.suffix == ".json" and p.is_file())
    return [path]


def _validate_one(path: Path, kind: str, fmt: str) -> ValidationOutcome:
    outcome = ValidationOutcome(path)
    try:
        if kind == "report":
            report = read_report(path, fmt=fmt)
            metrics = sum(len(b.metrics) for b in report.benchmarks)
            outcome.detail = f"{report.source_format}, {len(report.benchmarks)} benchmarks, {metrics} metrics"
        elif kind == "config":
            from perfaction.config import load_config  # noqa: PLC0415 - tomllib: only settings files need it

            load_config(path)
            outcome.detail = "config"
        else:
            limit = jsonio.MAX_SUMMARY_BYTES if kind == "summary" else jsonio.MAX_INPUT_BYTES
            ensure_valid(jsonio.load(path, limit), KINDS[kind], str(path))
            outcome.detail = kind
    except ValidationFailure as failure:
        outcome.problems = failure.problems
    except PerfactionError as error:
        outcome.tooling_error = str(error)
    return outcome


def step_result(outcomes: list[ValidationOutcome], workspace: Path) -> StepResult:
    """The action's answer: a table of files, the problems listed in the job summary, one annotation each."""
    # uuid and the runner's channels: the command line's validate never writes to a runner.
    from perfaction.github.runner import Annotation, StepResult  # noqa: PLC0415

    valid = sum(o.ok for o in outcomes)
    rows = ["| file | result |", "| --- | --- |"]
    problems: list[tuple[str, str, str]] = []  # (file, where, message)
    for outcome in outcomes:
        name = shown(outcome.path, workspace)
        if outcome.tooling_error:
            problems.append((name, "", outcome.tooling_error))
        problems.extend((name, p.pointer or "(root)", p.message) for p in outcome.problems)
        verdict = f"✅ {outcome.detail}" if outcome.ok else f"❌ {len(outcome.messages())} problem(s)"
        rows.append(f"| {escape(name)} | {escape(verdict)} |")
    summary = "\n".join(rows) + "\n"
    if problems:
        listed = [
            f"- {escape(file)}: {escape(where) + ': ' if where else ''}{escape(message, MESSAGE_LIMIT)}"
            for file, where, message in problems[:MAX_SUMMARY_PROBLEMS]
        ]
        if len(problems) > MAX_SUMMARY_PROBLEMS:
            listed.append(f"- … and {len(problems) - MAX_SUMMARY_PROBLEMS} more")
        summary += "\n### Problems\n\n" + "\n".join(listed) + "\n"
    annotations = [
        Annotation("error", f"{where}: {message}" if where else message, file=file, title="invalid report")
        for file, where, message in problems
    ]
    headline = f"perf-action validate: {valid} of {len(outcomes)} files valid"
    return StepResult(exit_code(outcomes), headline, summary, annotations)


# --- the action's `report` input: paths and globs inside the workspace, never outside it ----------


def report_paths(pattern: str, workspace: Path) -> list[Path]:
    """Expand the `report` input inside the workspace; nothing outside it is read, at any depth."""
    if not pattern:
        raise ToolingError("input 'report': give a path or glob in the workspace, such as perf/*.json")
    relative = Path(pattern)
    if relative.is_absolute():
        if not relative.is_relative_to(workspace):
            raise ToolingError(f"input 'report': {pattern} is outside the workspace {workspace}")
        relative = relative.relative_to(workspace)
    if ".." in relative.parts:
        raise ToolingError(f"input 'report': {pattern!r} leads outside the workspace")
    matches = sorted(workspace.glob(str(relative))) if relative.parts else [workspace]
    if not matches:
        raise ToolingError(f"input 'report': nothing in the workspace matches {pattern!r}")
    problems = [
        Problem(shown(found, workspace), "", complaint)
        for match in matches
        for found, complaint in confined(match, workspace)
    ]
    if problems:
        raise ValidationFailure(problems[:MAX_SUMMARY_PROBLEMS])
    return matches


def confined(path: Path, workspace: Path) -> Iterator[tuple[Path, str]]:
    """What at or below `path` would be read from outside the workspace, or is no file to read.

    Links are not followed out of the workspace at any depth, and FIFOs, sockets and devices (which
    block or never end) are not read at all. Fork pull requests control the workspace they run in.
    """
    root = workspace.resolve()
    for seen, entry in enumerate(_entries(path), start=1):
        if seen > MAX_WORKSPACE_ENTRIES:
            yield path, f"holds more than {MAX_WORKSPACE_ENTRIES:,} files; name the results more precisely"
            return
        mode = entry.lstat().st_mode
        if stat.S_ISLNK(mode):
            if not entry.resolve().is_relative_to(root):
                yield entry, "is a symbolic link leading outside the workspace"
        elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            yield entry, "is not a regular file (a FIFO, socket or device)"


def _entries(path: Path) -> Iterator[Path]:
    """`path` and everything below it, without following links."""
    yield path
    if path.is_symlink() or not path.is_dir():
        return
    for folder, directories, files in os.walk(path):
        for name in (*directories, *files):
            yield Path(folder) / name


def shown(path: Path, workspace: Path) -> str:
    """A path as the user wrote it: relative to the workspace when it is inside."""
    return str(path.relative_to(workspace)) if path.is_relative_to(workspace) else str(path)
