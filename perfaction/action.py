"""The Docker action: read the INPUT_* variables, run one mode, answer through the runner's channels."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from perfaction.errors import ExitCode, PerfactionError, ToolingError
from perfaction.github.runner import Annotation, append_summary, set_outputs

# Applied when an input is absent: under `uses: docker://...` action.yml's defaults never reach us.
DEFAULTS = {
    "format": "auto",
    "comment": "always",
    "fail-on-regression": "false",
    "dry-run": "false",
    "baseline-branch": "perf-baselines",
}
COMMENT_POLICIES = ("always", "changed", "never")
# GitHub shows at most 10 error annotations per step; the job summary lists more.
MAX_ANNOTATIONS = 10
MAX_SUMMARY_PROBLEMS = 50
STATUS = {ExitCode.OK: "valid", ExitCode.INVALID: "invalid", ExitCode.TOOLING: "error"}
_SUITE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def read_input(environ: Mapping[str, str], name: str) -> str:
    """The runner upper-cases the name and turns spaces into '_' but keeps hyphens: INPUT_DRY-RUN."""
    value = environ.get("INPUT_" + name.replace(" ", "_").upper(), "").strip()
    return value or DEFAULTS.get(name, "")


@dataclass(frozen=True)
class Inputs:
    """Every input is checked up front, so a typo fails the step in any mode instead of being ignored."""

    mode: str
    report: str
    format: str
    comment: str
    fail_on_regression: bool
    dry_run: bool
    artifact_name: str = ""
    run_id: int | None = None
    suite: str = ""
    baseline_branch: str = DEFAULTS["baseline-branch"]
    config: str = ""
    warn_threshold: float | None = None
    fail_threshold: float | None = None
    check_name: str = ""
    template_dir: str = ""
    reason: str = ""
    github_token: str = field(default="", repr=False)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Inputs:
        from perfaction.baseline.git import is_branch_name
        from perfaction.ingest import formats

        branch = read_input(environ, "baseline-branch")
        if not is_branch_name(branch):
            raise ToolingError(f"input 'baseline-branch': {branch!r} is not a usable branch name")
        suite = read_input(environ, "suite")
        if suite and not _SUITE.match(suite):
            raise ToolingError(f"input 'suite': {suite!r} is not a suite name (letters, digits, . _ -)")
        return cls(
            mode=_choice(environ, "mode", tuple(MODES)),
            report=read_input(environ, "report"),
            format=_choice(environ, "format", ("auto", *formats())),
            comment=_choice(environ, "comment", COMMENT_POLICIES),
            fail_on_regression=_flag(environ, "fail-on-regression"),
            dry_run=_flag(environ, "dry-run"),
            artifact_name=read_input(environ, "artifact-name"),
            run_id=_run_id(environ),
            suite=suite,
            baseline_branch=branch,
            config=read_input(environ, "config"),
            warn_threshold=_percentage(environ, "warn-threshold"),
            fail_threshold=_percentage(environ, "fail-threshold"),
            check_name=read_input(environ, "check-name"),
            template_dir=read_input(environ, "template-dir"),
            reason=read_input(environ, "reason"),
            github_token=read_input(environ, "github-token"),
        )


def _choice(environ: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str:
    value = read_input(environ, name)
    if value not in allowed:
        raise ToolingError(f"input '{name}': expected one of {', '.join(allowed)}, got {value!r}")
    return value


def _run_id(environ: Mapping[str, str]) -> int | None:
    value = read_input(environ, "run-id")
    if not value:
        return None
    if not value.isdigit() or int(value) == 0:
        raise ToolingError(f"input 'run-id': expected a workflow run id (a number), got {value!r}")
    return int(value)


def _percentage(environ: Mapping[str, str], name: str) -> float | None:
    """`5%` or `5`: a relative change in percent."""
    value = read_input(environ, name)
    if not value:
        return None
    try:
        number = float(value.removesuffix("%").strip())
    except ValueError:
        number = -1.0
    if not 0 < number < 1000:
        raise ToolingError(f"input '{name}': expected a percentage such as 5%, got {value!r}")
    return number


def _flag(environ: Mapping[str, str], name: str) -> bool:
    value = read_input(environ, name).lower()
    if value not in ("true", "false"):
        raise ToolingError(f"input '{name}': expected true or false, got {value!r}")
    return value == "true"


@dataclass
class Result:
    """What a mode tells the runner; the headline is printed to the log, so it holds no input text."""

    exit_code: ExitCode
    headline: str
    summary: str
    annotations: list[Annotation] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)


def main() -> int:
    environ = os.environ
    workspace = Path(environ.get("GITHUB_WORKSPACE") or Path.cwd())
    token = read_input(environ, "github-token")
    if token:
        # First thing in the log: from here on the runner hides the token wherever it appears.
        print(f"::add-mask::{token}", flush=True)
    try:
        inputs = Inputs.from_environment(environ)
        result = MODES[inputs.mode](inputs, workspace)
    except PerfactionError as error:
        result = _failure(error.exit_code, str(error))
    except Exception as error:
        if environ.get("PERFACTION_DEBUG"):
            raise
        result = _failure(ExitCode.TOOLING, f"internal error: {type(error).__name__}: {error}")
    _publish(_masked(result, token), environ)
    return int(result.exit_code)


def _failure(code: ExitCode, message: str) -> Result:
    headline = f"perf-action failed with exit code {int(code)}"
    return Result(code, headline, f"{_md(message)}\n", [Annotation("error", message, title="perf-action")])


def _masked(result: Result, token: str) -> Result:
    """The token never leaves the process, even inside an error message someone else wrote."""
    if not token:
        return result

    def hide(text: str) -> str:
        return text.replace(token, "***")

    return Result(
        result.exit_code,
        hide(result.headline),
        hide(result.summary),
        [replace(a, message=hide(a.message)) for a in result.annotations],
        {name: hide(value) for name, value in result.outputs.items()},
    )


def _publish(result: Result, environ: Mapping[str, str]) -> None:
    print(result.headline)
    for annotation in result.annotations[:MAX_ANNOTATIONS]:
        print(annotation.command())
    hidden = len(result.annotations) - MAX_ANNOTATIONS
    if hidden > 0:
        print(f"perf-action: {hidden} more problems are listed in the job summary")
    default_status = STATUS.get(result.exit_code, "regression")
    outputs = {"status": default_status, **result.outputs, "exit-code": str(int(result.exit_code))}
    set_outputs(outputs, environ)
    append_summary(f"## {result.headline}\n\n{result.summary}", environ)


# --- validate -----------------------------------------------------------------------------------


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
            raise ToolingError(f"input 'report': {_shown(match, workspace)} leads outside the workspace")
    return matches


def _validate(inputs: Inputs, workspace: Path) -> Result:
    from perfaction.jobs import validate_paths, validation_exit_code

    outcomes = validate_paths(report_paths(inputs.report, workspace), fmt=inputs.format)
    valid = sum(o.ok for o in outcomes)
    rows = ["| file | result |", "| --- | --- |"]
    problems: list[tuple[str, str, str]] = []  # (file, where, message)
    for outcome in outcomes:
        shown = _shown(outcome.path, workspace)
        if outcome.tooling_error:
            problems.append((shown, "", outcome.tooling_error))
        problems.extend((shown, p.pointer or "(root)", p.message) for p in outcome.problems)
        verdict = f"✅ {outcome.detail}" if outcome.ok else f"❌ {len(outcome.messages())} problem(s)"
        rows.append(f"| {_md(shown)} | {_md(verdict)} |")
    summary = "\n".join(rows) + "\n"
    if problems:
        listed = [
            f"- {_md(file)}: {_md(where + ': ' if where else '')}{_md(message)}"
            for file, where, message in problems[:MAX_SUMMARY_PROBLEMS]
        ]
        if len(problems) > MAX_SUMMARY_PROBLEMS:
            listed.append(f"- … and {len(problems) - MAX_SUMMARY_PROBLEMS} more")
        summary += "\n### Problems\n\n" + "\n".join(listed) + "\n"
    annotations = [
        Annotation("error", f"{where}: {message}" if where else message, file=file, title="invalid report")
        for file, where, message in problems
    ]
    headline = f"perf-action validate: {valid} of {len(outcomes)} files valid"
    return Result(validation_exit_code(outcomes), headline, summary, annotations)


def _shown(path: Path, workspace: Path) -> str:
    return str(path.relative_to(workspace)) if path.is_relative_to(workspace) else str(path)


_MARKDOWN = str.maketrans(
    {**{c: "\\" + c for c in "\\`*_[]|~"}, "<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " ", "\r": " "}
)


def _md(text: str) -> str:
    """Untrusted text shown literally in the job summary: no markup, links, HTML or line breaks."""
    return text.translate(_MARKDOWN)


def _compare(inputs: Inputs, workspace: Path) -> Result:
    from perfaction.github.flows import compare_mode

    return compare_mode(inputs, workspace)


def _promote(inputs: Inputs, workspace: Path) -> Result:
    from perfaction.github.flows import promote_mode

    return promote_mode(inputs, workspace)


MODES: dict[str, Callable[[Inputs, Path], Result]] = {
    "compare": _compare,
    "promote": _promote,
    "validate": _validate,
}
