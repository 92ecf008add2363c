"""perf-action's own templates compiled ahead of time: Python modules in perfaction.templates.compiled.

jinja2 spends ~35 ms lexing, parsing and generating code for the dozen built-in templates a render
loads. Their generated code ships as modules instead (bytecode-compiled when the package is
installed, like any module), and `Precompiled`, a jinja2 bytecode cache, hands jinja2 that code. It
only answers for a template whose name and source, jinja2 version and environment options are
exactly those the module was generated from (all of them make its name), so an edited or user
template is compiled from its source as before. It never writes: nothing changes at run time.
`make templates` regenerates the modules; tests/test_render.py checks they match the sources.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from perfaction import packaged

PACKAGE = "perfaction.templates.compiled"


def module_name(environment: jinja2.Environment, name: str, source: str) -> str:
    """The module generated from this template in this environment: everything that shapes the code."""
    facts = (
        jinja2.__version__,
        type(environment).__name__,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.keep_trailing_newline,
        environment.newline_sequence,
        environment.finalize is not None,
        bool(environment.autoescape),
        sorted(environment.filters),
        name,
        source,
    )
    return "t_" + hashlib.sha256(repr(facts).encode()).hexdigest()[:32]


class Precompiled(jinja2.BytecodeCache):
    """Code for templates compiled ahead of time; jinja2 compiles any other template itself."""

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        bucket = Bucket(environment, name, "")
        spec = importlib.util.find_spec(f"{PACKAGE}.{module_name(environment, name, source)}")
        if spec is not None and spec.loader is not None:
            code = spec.loader.get_code(spec.name)  # type: ignore[attr-defined]  # a source loader
            # Errors name the template file, as for a template compiled here.
            bucket.code = code.replace(co_filename=filename or "<template>")
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """Buckets are filled in get_bucket."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Nothing is written at run time."""


def generated(environment: jinja2.Environment) -> Iterator[tuple[str, str]]:
    """(module file name, Python source) of every built-in template, compiled in `environment`."""
    for resource in sorted(packaged.directory("perfaction.templates").iterdir()):
        if resource.name.endswith(".j2"):
            source = resource.read_text(encoding="utf-8")
            code: Any = environment.compile(source, resource.name, raw=True)
            yield f"{module_name(environment, resource.name, source)}.py", code


def write(environment: jinja2.Environment, directory: Path) -> None:
    """Regenerate the modules in `directory`, dropping those of templates that changed."""
    wanted = dict(generated(environment))
    for stale in directory.glob("t_*.py"):
        if stale.name not in wanted:
            stale.unlink()
    for file_name, code in wanted.items():
        (directory / file_name).write_text(code, encoding="utf-8")
