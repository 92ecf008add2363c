"""Check mode: a CI script's whole job in one process: read, validate, compare, render, write.

`perfaction check` is `compare` followed by `render` of the PR comment, without writing the summary
to disk and reading it back, and without a second interpreter start.
"""

from __future__ import annotations

from pathlib import Path

from perfaction.modes.compare import CompareOutcome, CompareRequest, compare_files
from perfaction.records import datarecord
from perfaction.render import RenderContext, render
from perfaction.run_context import RunContext
from perfaction.validation import KINDS, ensure_valid, write_text


@datarecord(frozen=True)
class CheckRequest:
    """A comparison, and where to write the PR comment rendered from its summary."""

    compare: CompareRequest
    comment_out: Path | None = None


def check(request: CheckRequest, run: RunContext) -> CompareOutcome:
    """Compare, then render the comment; the summary is validated once, whether or not it is written."""
    outcome = compare_files(request.compare)
    if request.compare.summary_out is None:
        ensure_valid(outcome.summary.to_dict(), KINDS["summary"], "<summary>")
    if request.comment_out is not None:
        write_text(request.comment_out, render(outcome.summary, "comment", RenderContext.for_run(run)))
    return outcome
