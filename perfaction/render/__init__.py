"""Render a regression summary through Jinja templates into the PR comment, check run and job summary.

jinja2 and cmarkgfm are imported only when something is rendered: `perfaction validate` never loads them.
"""

from __future__ import annotations

from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from perfaction import packaged
from perfaction.errors import ToolingError
from perfaction.markdown import Markdown, mermaid
from perfaction.markdown import escape as escape_markdown
from perfaction.records import datarecord
from perfaction.render.view import Detail, RenderContext, ReportView, build_view, marker
from perfaction.sizes import CHECK_OUTPUT_CHARS, COMMENT_CHARS, JOB_SUMMARY_BYTES, chars
from perfaction.summary import RegressionSummary

__all__ = ["OUTPUTS", "Output", "RenderContext", "marker", "render"]

_FULL = Detail()
_NO_CHARTS = Detail(charts=False)
_COMPACT = Detail(charts=False, unchanged=False, environment=False)
_HARD_CUT_NOTICE = "\n\n*Cut to fit GitHub's size limit.*\n"
_MAX_SEARCH_STEPS = 12
_SAMPLE_ROWS = 100
_CLOSE_ENOUGH = 0.98
# A rendering stops this many times over its output's limit: past it, it only gets cut.
OVERSHOOT = 8
_BATCH = 512  # template chunks joined between two length checks


@datarecord(frozen=True)
class Output:
    """One place perf-action writes to, with GitHub's size limit for it."""

    template: str
    limit: int
    unit: str  # "chars" (GitHub counts characters; measured as UTF-16 code units to be safe) or "bytes"
    max_charts: int
    steps: tuple[Detail, ...]

    def size(self, text: str) -> int:
        return len(text.encode("utf-8")) if self.unit == "bytes" else chars(text)


OUTPUTS = {
    "comment": Output("comment.md.j2", COMMENT_CHARS, "chars", 3, (_FULL, _NO_CHARTS, _COMPACT)),
    "check": Output("check_summary.md.j2", CHECK_OUTPUT_CHARS, "chars", 0, (_FULL, _COMPACT)),
    "check-text": Output("check_text.md.j2", CHECK_OUTPUT_CHARS, "chars", 0, (_FULL, _NO_CHARTS)),
    "job": Output("job_summary.md.j2", JOB_SUMMARY_BYTES, "bytes", 20, (_FULL, _NO_CHARTS)),
}


def render(
    summary: RegressionSummary, output: str, context: RenderContext, templates: Path | None = None
) -> str:
    """Render within the output's size budget: collapse sections first, then show fewer rows."""
    target = OUTPUTS[output]
    template = _load(templates, target.template)
    view = build_view(summary, context)
    for detail in target.steps[:-1]:
        text = _Attempts(template, view, detail, target).everything()
        if text is not None:
            return text
    return _Attempts(template, view, target.steps[-1], target).most_rows()


class _Attempts:
    """Renderings of one view at one level of detail with different row limits, measured and remembered."""

    def __init__(self, template: Any, view: ReportView, detail: Detail, target: Output) -> None:
        self.template, self.view, self.detail, self.target = template, view, detail, target
        self.total = view.row_count()
        self._done: dict[int, tuple[str, int]] = {}

    def attempt(self, rows: int) -> tuple[str, int]:
        if rows not in self._done:
            view = self.view.limited(self.detail, rows, self.target.max_charts)
            text = _render(self.template, view, self.target.limit * OVERSHOOT)
            self._done[rows] = (text, self.target.size(text))
        return self._done[rows]

    def estimate(self) -> int:
        """Size with every row, extrapolated from a sample: skips renderings that cannot fit."""
        sample = min(self.total, _SAMPLE_ROWS)
        empty, sampled = self.attempt(0)[1], self.attempt(sample)[1]
        return sampled if sample == self.total else empty + (sampled - empty) * self.total // sample

    def everything(self) -> str | None:
        if self.estimate() > 2 * self.target.limit:
            return None
        text, size = self.attempt(self.total)
        return text if size <= self.target.limit else None

    def most_rows(self) -> str:
        """Nearly the most rows that fit: size grows about linearly with rows, so follow the secant."""
        limit = self.target.limit
        over, over_size = self.total + 1, self.estimate() + 1
        fits, (best, fits_size) = 0, self.attempt(0)
        if fits_size > limit:
            return _hard_cut(best, self.target)
        for rows in sorted(self._done):
            text, size = self._done[rows]
            if size <= limit:
                fits, fits_size, best = rows, size, text
            else:
                over, over_size = min(over, rows), min(over_size, size)
        other = (over, over_size)
        for _ in range(_MAX_SEARCH_STEPS):
            if over - fits <= 1 or fits_size >= limit * _CLOSE_ENOUGH:
                break
            slope = max((other[1] - fits_size) / (other[0] - fits), 1e-9)
            rows = min(max(fits + int((limit - fits_size) / slope), fits + 1), over - 1)
            text, size = self.attempt(rows)
            if size <= limit:
                other, (fits, fits_size, best) = (fits, fits_size), (rows, size, text)
            else:
                other, (over, over_size) = (rows, size), (rows, size)
        return best


def _hard_cut(text: str, target: Output) -> str:
    """Last resort for a template too large even without rows: cut at a line end, never fail the post."""
    room = target.limit - target.size(_HARD_CUT_NOTICE)
    cut = text
    while target.size(cut) > room:
        cut = cut[: max(len(cut) - (target.size(cut) - room), 0)]
    cut = cut[: cut.rfind("\n") + 1] if "\n" in cut else ""
    return cut + _HARD_CUT_NOTICE


def _load(templates: Path | None, name: str) -> Any:
    from perfaction.render.loader import check_includes  # noqa: PLC0415 - jinja2 (see the module docstring)

    try:
        environment = _environment(templates)
        if templates is not None:
            check_includes(environment, name)
        return environment.get_template(name)
    except ToolingError:
        raise
    except Exception as error:  # syntax errors, missing files, missing includes
        raise _template_error(error) from None


def _render(template: Any, view: ReportView, cap: int) -> str:
    """The rendering, stopped once it passes `cap` characters: then it is too long to post anyway."""
    parts: list[str] = []
    length = 0
    try:
        chunks = template.generate(view=view)
        while length <= cap and (batch := "".join(islice(chunks, _BATCH))):
            parts.append(batch)
            length += len(batch)
    except ToolingError:
        raise
    except Exception as error:  # a user's template can fail in many ways; each names its line
        raise _template_error(error) from None
    return "".join(parts)


def _template_error(error: BaseException) -> ToolingError:
    """Name the template and line: Jinja rewrites tracebacks so template frames carry them."""
    import jinja2  # noqa: PLC0415 - ~50 ms: only a rendering loads it (see the module docstring)

    if isinstance(error, jinja2.TemplateSyntaxError):
        where = f"{error.filename or error.name}:{error.lineno}"
        return ToolingError(f"template {where}: syntax error: {error.message}")
    if isinstance(error, jinja2.TemplateNotFound):
        return ToolingError(f"template {error.name!r} not found")
    import traceback  # noqa: PLC0415 - with textwrap, only for a failing template

    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.endswith(".j2")]
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "(unknown template)"
    return ToolingError(f"template {where}: {type(error).__name__}: {error}")


@cache
def _environment(templates: Path | None) -> Any:
    """User templates shadow the built-in ones, file by file, and run sandboxed: they are not our code.

    One environment per directory and process, so each template is loaded once; the built-in ones
    come precompiled (perfaction/render/precompiled.py).
    """
    import jinja2  # noqa: PLC0415 - ~50 ms: only a rendering loads it (see the module docstring)
    from jinja2.sandbox import SandboxedEnvironment  # noqa: PLC0415

    from perfaction.render.loader import ConfinedLoader  # noqa: PLC0415
    from perfaction.render.precompiled import Precompiled  # noqa: PLC0415 - it needs jinja2

    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        if not templates.is_dir():
            raise ToolingError(f"templates directory {templates} does not exist")
        loaders.append(ConfinedLoader(templates))
    loaders.append(jinja2.FileSystemLoader(packaged.directory("perfaction.templates")))
    kind = jinja2.Environment if templates is None else SandboxedEnvironment
    environment = kind(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=Precompiled() if templates is None else None,
    )
    environment.filters["md"] = escape_markdown
    environment.filters["mermaid"] = mermaid
    environment.filters["join"] = _join
    return environment


def precompile_templates() -> None:
    """Regenerate the built-in templates' modules in the source tree (`make templates`)."""
    from perfaction.render import precompiled  # noqa: PLC0415 - it needs jinja2

    precompiled.write(_environment(None), packaged.directory("perfaction.templates") / "compiled")


def _finalize(value: object) -> str:
    """Every `{{ ... }}` passes here: artifact text is escaped unless perf-action marked it as Markdown."""
    if value is None:
        return ""
    if isinstance(value, bool | float):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return escape_markdown(value)


def _join(items: Any, separator: str = "") -> Markdown:
    """`join` that escapes each part, so joining artifact strings cannot smuggle Markdown in."""
    return Markdown(escape_markdown(separator).join(escape_markdown(item) for item in items))
