"""Readers: turn any supported tool output into the canonical report, detecting the format."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

from perfaction import jsonio
from perfaction.environment import detect_host
from perfaction.errors import ToolingError, ValidationFailure
from perfaction.ingest import (
    canonical,
    copybook,
    criterion,
    gab_bigger,
    gab_smaller,
    go,
    google_benchmark,
    hyperfine,
    pytest_benchmark,
)
from perfaction.model import Report
from perfaction.validation import ensure_valid

# Detection order: the most specific shapes first. Each module has FORMAT, sniff(Input) and read(Input).
# The gab readers come last: their sniff refuses (the direction must be chosen with --format).
READERS: list[ModuleType] = [
    canonical,
    copybook,
    criterion,
    pytest_benchmark,
    google_benchmark,
    hyperfine,
    go,
    gab_bigger,
    gab_smaller,
]


@dataclass
class Input:
    """A file or directory handed to a reader, with its JSON parsed at most once."""

    path: Path

    @property
    def label(self) -> str:
        return str(self.path)

    @cached_property
    def text(self) -> str:
        return jsonio.read_text(self.path)

    @cached_property
    def document(self) -> Any:
        return jsonio.parse(self.text, self.label)

    def looks_like_json(self) -> bool:
        return self.path.is_file() and self.text.lstrip()[:1] in ("{", "[")


def formats() -> list[str]:
    return [reader.FORMAT for reader in READERS]


def read_report(path: Path, fmt: str | None = None, suite: str | None = None, host: bool = True) -> Report:
    """Read, convert and validate one input; bad data raises ValidationFailure (exit 2)."""
    path = Path(path)
    if not path.exists():
        raise ToolingError(f"{path}: no such file or directory")
    source = Input(path)
    reader = _reader_named(fmt) if fmt and fmt != "auto" else detect(source)
    report = reader.read(source)
    if suite:
        report.suite = suite
    if host and not report.environment.names_machine():
        report.environment = detect_host().completed_by(report.environment)
    ensure_valid(report.to_dict(), "perf-report", f"{source.label} (as {reader.FORMAT} report)")
    return report


def detect(source: Input) -> ModuleType:
    """Pick the reader whose sniff accepts the input; JSON syntax errors surface as they are."""
    if source.path.is_file() and not source.text.strip():
        raise ValidationFailure.single(source.label, "", "file is empty; expected benchmark results")
    if source.path.is_file() and source.looks_like_json():
        source.document  # noqa: B018 - parse now so malformed JSON is reported precisely
    for reader in READERS:
        if reader.sniff(source):
            return reader
    what = (
        "directory holds no benchmark results"
        if source.path.is_dir()
        else "is not a recognised results format"
    )
    raise ValidationFailure.single(
        source.label, "", f"{what}; expected one of: {', '.join(formats())} (or pass --format)"
    )


def _reader_named(fmt: str) -> ModuleType:
    for reader in READERS:
        if fmt == reader.FORMAT:
            return reader
    raise ToolingError(f"unknown format {fmt!r}; expected one of: auto, {', '.join(formats())}")
