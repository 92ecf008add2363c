"""Convert mode: any supported tool output to a canonical report, validated (once) before it is written.

The file is compact JSON, for the programs that read it next (a third of the time of the indented form
on a large suite); a report on standard output is indented, for people.
"""

from __future__ import annotations

from pathlib import Path

from perfaction.environment import detect_host
from perfaction.ingest import read_document
from perfaction.jsonio import without_cycle_collection
from perfaction.model import Report
from perfaction.records import datarecord
from perfaction.run_context import RunContext
from perfaction.validation import dumps, dumps_compact, write_text


@datarecord(frozen=True)
class ConvertRequest:
    """The input, its format, the suite name to record, where to write, and whether to record this host."""

    input: Path
    fmt: str = "auto"
    suite: str | None = None
    output: Path | None = None
    record_host: bool = True
    commit: str | None = None  # the commit measured, as the CI system knows it, for inputs that name none


@datarecord
class Converted:
    """The report, and its JSON text when it goes to standard output rather than a file."""

    report: Report
    text: str | None = None


def convert(request: ConvertRequest, run: RunContext) -> Converted:
    host = detect_host(run.runner) if request.record_host else None
    output = "<stdout>" if request.output is None else str(request.output)
    with without_cycle_collection():  # a report's objects hold no cycles: no passes over them
        report, document = read_document(
            request.input, output, request.fmt, request.suite, host, commit=request.commit
        )
        if request.output is None:
            return Converted(report, dumps(document))
        write_text(request.output, dumps_compact(document))
    return Converted(report)
