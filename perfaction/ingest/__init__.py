"""Readers: turn any supported tool output into the canonical report, detecting the format."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

from perfaction import jsonio
from perfaction.errors import ToolingError, ValidationFailure
from perfaction.model import Environment, Report
from perfaction.records import datarecord
from perfaction.validation import ensure_valid

# Format name -> reader module in this package, in detection order: the most specific shapes first.
# Each module has FORMAT, sniff(Input) and read(Input), and is imported only when it is needed, so a
# command pays for the readers it tries, not for all of them. The gab readers come last: their sniff
# refuses (the direction must be chosen with --format).
CANONICAL = "perfaction"
READERS: dict[str, str] = {
    CANONICAL: "canonical",
    "copybook": "copybook",
    "criterion": "criterion",
    "pytest-benchmark": "pytest_benchmark",
    "google-benchmark": "google_benchmark",
    "hyperfine": "hyperfine",
    "go": "go",
    "gab-bigger": "gab_bigger",
    "gab-smaller": "gab_smaller",
}


def reader(fmt: str) -> ModuleType:
    """The reader module of a format."""
    return import_module(f"perfaction.ingest.{READERS[fmt]}")


@datarecord
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
    return list(READERS)


def read_report(
    path: Path,
    fmt: str | None = None,
    suite: str | None = None,
    host: Environment | None = None,
    commit: str | None = None,
) -> Report:
    """Read, convert and validate one input; bad data raises ValidationFailure (exit 2).

    The input is validated once, as the user wrote it; a conversion's result, or a report changed
    here, is validated again as perf-action's own output. `host` is the machine the conversion runs
    on, recorded when the input names none. `commit` is the commit the results were measured on, as
    the CI system knows it: it fills in for formats that record none (criterion, hyperfine, ...), so
    verdicts and baselines can name it.
    """
    with jsonio.without_cycle_collection():  # a large report's objects, made here, hold no cycles
        report, _, changed_as = _read(Path(path), fmt, suite, host, commit)
        if changed_as is not None:
            ensure_valid(report.to_dict(), "perf-report", changed_as)
    return report


def read_document(
    path: Path,
    output: str,
    fmt: str | None = None,
    suite: str | None = None,
    host: Environment | None = None,
    *,
    commit: str | None = None,
) -> tuple[Report, dict[str, Any]]:
    """An input as the canonical document `convert` writes to `output`, validated once as our output."""
    report, read_as, changed_as = _read(Path(path), fmt, suite, host, commit)
    document = report.to_dict()
    checked = document
    if read_as == CANONICAL and _percentiles_within_samples(document):
        checked = {**document, "benchmarks": document["benchmarks"][:1]}
    ensure_valid(checked, "perf-report", changed_as or output)
    return report, document


def _percentiles_within_samples(document: dict[str, Any]) -> bool:
    """Whether every percentile lies in its samples' range, and is 0 or as far from 0 as they are.

    A canonical input was checked as it came; rewriting it changes its head (suite, commit, host) and
    recomputes the percentiles from its samples, nothing else. Percentiles within the range of samples
    the check accepted pass it too, so then only the head is checked again (with one benchmark, which
    the schema requires).
    """
    for benchmark in document["benchmarks"]:
        for metric in benchmark["metrics"]:
            if "percentiles" in metric:
                samples = metric["samples"]
                low, high = min(samples), max(samples)
                for value in metric["percentiles"].values():
                    if not (low <= value <= high and (low > 0 or value == 0)):
                        return False
    return True


def _read(
    path: Path, fmt: str | None, suite: str | None, host: Environment | None, commit: str | None
) -> tuple[Report, str, str | None]:
    """The report, the format it was read as, and the label to validate it under when it is no longer
    the document the user wrote."""
    if not path.exists():
        raise ToolingError(f"{path}: no such file or directory")
    source = Input(path)
    chosen = _reader_named(fmt) if fmt and fmt != "auto" else detect(source)
    report = chosen.read(source)
    changed = chosen.FORMAT != CANONICAL
    if suite and suite != report.suite:
        report.suite, changed = suite, True
    if commit and report.commit is None:
        report.commit, changed = commit, True
    if host and not report.environment.names_machine():
        report.environment, changed = host.completed_by(report.environment), True
    return report, chosen.FORMAT, f"{source.label} (as {chosen.FORMAT} report)" if changed else None


def read_pooled(
    paths: Sequence[Path], fmt: str | None = None, suite: str | None = None, commit: str | None = None
) -> Report:
    """Several runs of one suite read as one report of repetitions (one path: that report)."""
    runs = [read_report(path, fmt=fmt, suite=suite, commit=commit) for path in paths]
    return pooled(runs, [str(path) for path in paths])


def pooled(reports: list[Report], labels: list[str]) -> Report:
    """One report of a suite, or several runs of it pooled as repetitions; runs that disagree are bad data."""
    if len(reports) == 1:
        return reports[0]
    from perfaction import noise  # noqa: PLC0415 - only pooling needs the noise model: not at start-up

    try:
        return noise.pool_reports(reports)
    except ValueError as error:
        raise ValidationFailure.single(" + ".join(labels), "/benchmarks", str(error)) from None


def detect(source: Input) -> ModuleType:
    """Pick the reader whose sniff accepts the input; JSON syntax errors surface as they are."""
    if source.path.is_file() and not source.text.strip():
        raise ValidationFailure.single(source.label, "", "file is empty; expected benchmark results")
    if source.path.is_file() and source.looks_like_json():
        source.document  # noqa: B018 - parse now so malformed JSON is reported precisely
    for fmt in READERS:
        candidate = reader(fmt)
        if candidate.sniff(source):
            return candidate
    what = (
        "directory holds no benchmark results"
        if source.path.is_dir()
        else "is not a recognised results format"
    )
    raise ValidationFailure.single(
        source.label, "", f"{what}; expected one of: {', '.join(formats())} (or pass --format)"
    )


def _reader_named(fmt: str) -> ModuleType:
    if fmt in READERS:
        return reader(fmt)
    raise ToolingError(f"unknown format {fmt!r}; expected one of: auto, {', '.join(formats())}")
