"""Where the files perf-action ships (schemas, templates, dashboard assets) are installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from perfaction.errors import ToolingError


def directory(package: str) -> Path:
    """A data package's folder, found as imports find it (wheel or editable install).

    importlib.resources gives the same answer for a package on disk, but importing it (its readers,
    zipfile, threading) costs every command's start several milliseconds.
    """
    spec = importlib.util.find_spec(package)
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        raise ToolingError(f"perf-action is installed without its {package} files")
    return Path(next(iter(locations)))
