"""Render mode: a regression summary file as a PR comment, check run or job summary, and its preview."""

from __future__ import annotations

from pathlib import Path

from perfaction import jsonio
from perfaction.errors import ValidationFailure
from perfaction.records import datarecord
from perfaction.render import RenderContext, render
from perfaction.run_context import RunContext
from perfaction.summary import RegressionSummary
from perfaction.validation import KINDS, ensure_valid, write_text


@datarecord(frozen=True)
class RenderRequest:
    """The summary to render, which output, where to write it, and templates that replace ours."""

    summary: Path
    output: str = "comment"
    markdown_path: Path | None = None
    html_path: Path | None = None
    templates: Path | None = None


def render_file(request: RenderRequest, run: RunContext) -> str:
    """Validate a summary, render one output, write the files asked for; return the Markdown."""
    document = jsonio.load(request.summary, jsonio.MAX_SUMMARY_BYTES)
    if isinstance(document, dict) and "benchmarks" in document and "rows" not in document:
        raise ValidationFailure.single(
            str(request.summary),
            "",
            "this is a benchmark report, not a regression summary: render what "
            "`perfaction compare REPORT --summary-out SUMMARY.json` writes",
        )
    ensure_valid(document, KINDS["summary"], str(request.summary))
    summary = RegressionSummary.from_dict(document)
    markdown = render(summary, request.output, RenderContext.for_run(run), request.templates)
    html = None
    if request.html_path is not None:
        from perfaction.render.preview import preview_page, render_html  # noqa: PLC0415 - html: only a preview needs it

        html = preview_page(render_html(markdown), title=f"perfaction {request.output}: {summary.suite}")
    if request.markdown_path is not None:
        write_text(request.markdown_path, markdown)
    if request.html_path is not None and html is not None:
        write_text(request.html_path, html)
    return markdown
