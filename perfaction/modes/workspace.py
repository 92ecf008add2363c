"""The action's `report` input: paths and globs inside the workspace, never outside it."""

from __future__ import annotations

from pathlib import Path

from perfaction.errors import ToolingError


def report_paths(pattern: str, workspace: Path) -> list[Path]:
    """Expand the `report` input inside the workspace; nothing outside it is read."""
    if not pattern:
        raise ToolingError("input 'report': give a path or glob in the workspace, such as perf/*.json")
    relative = Path(pattern)
    if relative.is_absolute():
        if not relative.is_relative_to(workspace):
            raise ToolingError(f"input 'report': {pattern} is outside the workspace {workspace}")
        relative = relative.relative_to(workspace)
    matches = sorted(workspace.glob(str(relative))) if relative.parts else [workspace]
    if not matches:
        raise ToolingError(f"input 'report': nothing in the workspace matches {pattern!r}")
    root = workspace.resolve()
    for match in matches:
        if not match.resolve().is_relative_to(root):
            raise ToolingError(f"input 'report': {shown(match, workspace)} leads outside the workspace")
    return matches


def shown(path: Path, workspace: Path) -> str:
    """A path as the user wrote it: relative to the workspace when it is inside."""
    return str(path.relative_to(workspace)) if path.is_relative_to(workspace) else str(path)
