"""Templates confined to their folder: every file the loader opens is resolved and checked first.

A template directory sits in the workspace, which a pull request may have checked out. A link in it
(`env.j2 -> /proc/self/environ`), a hidden file (`.git/config` holds the checkout's credentials) or a
FIFO must not become a comment. Includes are named literally and nest a bounded number of levels, so
what a template pulls in is known before anything renders.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from perfaction.errors import ToolingError

MAX_TEMPLATE_BYTES = 256 * 1024
MAX_INCLUDE_DEPTH = 8
# A template name: path parts that are not hidden, ending in .j2.
_NAME = re.compile(r"(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/)*[A-Za-z0-9_][A-Za-z0-9_.-]*\.j2")


class ConfinedLoader(jinja2.BaseLoader):
    """Files of one folder, never through a link that leaves it, never a hidden or special file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = folder.resolve()

    def get_source(
        self,
        environment: jinja2.Environment,  # noqa: ARG002 - jinja2's signature
        template: str,
    ) -> tuple[str, str, Callable[[], bool]]:
        if not _NAME.fullmatch(template):
            raise jinja2.TemplateNotFound(template)
        path = self.folder / template
        if not path.is_symlink() and not path.exists():
            raise jinja2.TemplateNotFound(template)
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root):
            raise ToolingError(f"template {template!r} leads outside the template folder {self.folder}")
        try:
            status = resolved.stat()
            if not stat.S_ISREG(status.st_mode):
                raise ToolingError(f"template {template!r} is not a regular file")
            if status.st_size > MAX_TEMPLATE_BYTES:
                raise ToolingError(f"template {template!r} is over {MAX_TEMPLATE_BYTES // 1024} KiB")
            source = resolved.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ToolingError(f"template {template!r} cannot be read: {error}") from None
        return source, str(path), lambda: False


def check_includes(environment: jinja2.Environment, name: str, path: tuple[str, ...] = ()) -> None:
    """Every template `name` pulls in is named literally, nests at most MAX_INCLUDE_DEPTH deep, no cycle."""
    chain = " -> ".join((*path, name))
    if name in path:
        raise ToolingError(f"template {name!r} includes itself ({chain})")
    if len(path) > MAX_INCLUDE_DEPTH:
        raise ToolingError(f"templates nest more than {MAX_INCLUDE_DEPTH} includes deep ({chain})")
    loader: Any = environment.loader
    source, filename, _ = loader.get_source(environment, name)
    for included in meta.find_referenced_templates(environment.parse(source, name, filename)):
        if included is None:
            raise ToolingError(f"template {name!r} includes a template by a computed name; name it literally")
        check_includes(environment, included, (*path, name))
