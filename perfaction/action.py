"""The Docker action: read the INPUT_* variables, run one mode, answer through the runner's channels."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from perfaction.errors import ExitCode, PerfactionError, ToolingError
from perfaction.github.context import load_context
from perfaction.github.runner import Annotation, StepResult, append_summary, set_outputs
from perfaction.github.variables import masked, run_context, secrets
from perfaction.identifiers import BRANCH, DEFAULT_BRANCH, SUITE
from perfaction.ingest import formats
from perfaction.markdown import MESSAGE_LIMIT, escape
from perfaction.modes.validate import ValidateRequest, report_paths, step_result, validate
from perfaction.records import datarecord
from perfaction.verdicts import parse_percentage

if TYPE_CHECKING:
    from perfaction.github.client import Client
    from perfaction.github.context import Context
    from perfaction.modes.results import ResultsRequest

# Applied when an input is absent: under `uses: docker://...` action.yml's defaults never reach us.
DEFAULTS = {
    "format": "auto",
    "comment": "always",
    "fail-on-regression": "false",
    "dry-run": "false",
    "force": "false",
    "baseline-branch": DEFAULT_BRANCH,
    "acknowledge-label": "perf-acknowledged",
    "site-dir": "site",
    "comment-change-points": "false",
}
COMMENT_POLICIES = ("always", "changed", "regressions", "never")
# GitHub shows at most 10 error annotations per step; the job summary lists more.
MAX_ANNOTATIONS = 10
STATUS = {ExitCode.OK: "valid", ExitCode.INVALID: "invalid", ExitCode.TOOLING: "error"}
TIMEOUT_ENV = "PERFACTION_HTTP_TIMEOUT"


def read_input(environ: Mapping[str, str], name: str) -> str:
    """The runner upper-cases the name and turns spaces into '_' but keeps hyphens: INPUT_DRY-RUN."""
    value = environ.get("INPUT_" + name.replace(" ", "_").upper(), "").strip()
    return value or DEFAULTS.get(name, "")


@datarecord(frozen=True)
class Inputs:
    """Every input is checked up front, so a typo fails the step in any mode instead of being ignored."""

    mode: str
    report: str
    format: str
    comment: str
    fail_on_regression: bool
    dry_run: bool
    force: bool = False
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
    acknowledge_label: str = DEFAULTS["acknowledge-label"]
    output: str = ""
    site_dir: str = DEFAULTS["site-dir"]
    comment_change_points: bool = False
    github_token: str = field(default="", repr=False)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Inputs:
        branch = read_input(environ, "baseline-branch")
        if not BRANCH.matches(branch):
            raise ToolingError(f"input 'baseline-branch': {branch!r} is not a usable branch name")
        suite = read_input(environ, "suite")
        if suite and not SUITE.matches(suite):
            raise ToolingError(f"input 'suite': {suite!r} is not a suite name (letters, digits, . _ -)")
        return cls(
            mode=_choice(environ, "mode", tuple(MODES)),
            report=read_input(environ, "report"),
            format=_choice(environ, "format", ("auto", *formats())),
            comment=_choice(environ, "comment", COMMENT_POLICIES),
            fail_on_regression=_flag(environ, "fail-on-regression"),
            dry_run=_flag(environ, "dry-run"),
            force=_flag(environ, "force"),
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
            acknowledge_label=read_input(environ, "acknowledge-label"),
            output=read_input(environ, "output"),
            site_dir=read_input(environ, "site-dir"),
            comment_change_points=_flag(environ, "comment-change-points"),
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
    """`5%` or `5`: a relative change in percent, read as the command line reads it."""
    value = read_input(environ, name)
    if not value:
        return None
    try:
        return parse_percentage(value)
    except ValueError as error:
        raise ToolingError(f"input '{name}': {error}") from None


def _flag(environ: Mapping[str, str], name: str) -> bool:
    value = read_input(environ, name).lower()
    if value not in ("true", "false"):
        raise ToolingError(f"input '{name}': expected true or false, got {value!r}")
    return value == "true"


def main() -> int:
    environ = os.environ
    token = read_input(environ, "github-token")
    if token:
        # First thing in the log: from here on the runner hides the token wherever it appears.
        print(f"::add-mask::{token}", flush=True)
    try:
        inputs = Inputs.from_environment(environ)
        result = MODES[inputs.mode](inputs, environ)
    except PerfactionError as error:
        result = _failure(error.exit_code, str(error))
    except Exception as error:
        if environ.get("PERFACTION_DEBUG"):
            raise
        result = _failure(ExitCode.TOOLING, f"internal error: {type(error).__name__}: {error}")
    _publish(_masked(result, secrets(environ, token)), environ)
    return int(result.exit_code)


def _failure(code: ExitCode, message: str) -> StepResult:
    headline = f"perf-action failed with exit code {int(code)}"
    return StepResult(
        code,
        headline,
        f"{escape(message, MESSAGE_LIMIT)}\n",
        [Annotation("error", message, title="perf-action")],
    )


def _masked(result: StepResult, hidden: tuple[str, ...]) -> StepResult:
    """The token never leaves the process, even inside an error message someone else wrote."""
    if not hidden:
        return result

    def hide(text: str) -> str:
        return masked(text, hidden)

    return StepResult(
        result.exit_code,
        hide(result.headline),
        hide(result.summary),
        [replace(a, message=hide(a.message)) for a in result.annotations],
        {name: hide(value) for name, value in result.outputs.items()},
    )


def _publish(result: StepResult, environ: Mapping[str, str]) -> None:
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


# --- the modes, each given its request ------------------------------------------------------------


def _validate(inputs: Inputs, environ: Mapping[str, str]) -> StepResult:
    run = run_context(environ)
    paths = report_paths(inputs.report, run.workspace)
    return step_result(validate(ValidateRequest(paths, fmt=inputs.format)), run.workspace)


def _compare(inputs: Inputs, environ: Mapping[str, str]) -> StepResult:
    # The GitHub modes load the comparison, the renderer and the GitHub adapters; validate does not.
    from perfaction.modes.compare import GitHubCompareRequest, compare_on_github  # noqa: PLC0415
    from perfaction.modes.publish import Publishing  # noqa: PLC0415

    context, client = _connect(inputs, environ)
    request = GitHubCompareRequest(
        _results(inputs, context),
        Publishing(
            comment=inputs.comment,
            fail_on_regression=inputs.fail_on_regression,
            check_name=inputs.check_name,
            templates=_inside_workspace(context, inputs.template_dir, "template-dir"),
            acknowledge_label=inputs.acknowledge_label,
        ),
        baseline_branch=inputs.baseline_branch,
        thresholds=(inputs.warn_threshold, inputs.fail_threshold),
    )
    return compare_on_github(request, context, client)


def _promote(inputs: Inputs, environ: Mapping[str, str]) -> StepResult:
    from perfaction.modes.promote import GitHubPromoteRequest, promote_on_github  # noqa: PLC0415 - see _compare

    if inputs.run_id is None:
        raise ToolingError("input 'run-id': promote needs the workflow run whose results become the baseline")
    context, client = _connect(inputs, environ)
    request = GitHubPromoteRequest(
        inputs.run_id,
        _results(inputs, context),
        baseline_branch=inputs.baseline_branch,
        reason=inputs.reason or None,
        dry_run=inputs.dry_run,
        force=inputs.force,
        thresholds=(inputs.warn_threshold, inputs.fail_threshold),
    )
    return promote_on_github(request, context, client)


def _convert(inputs: Inputs, environ: Mapping[str, str]) -> StepResult:
    """In the benchmark job: the results as a canonical report that records the machine they ran on."""
    from perfaction.modes.convert import ConvertRequest, convert  # noqa: PLC0415 - platform: see the CLI

    context = load_context(environ)
    workspace = context.run.workspace
    (source, *more) = report_paths(inputs.report, workspace)
    if more:
        raise ToolingError(f"input 'report': {inputs.report!r} matches {len(more) + 1} paths; convert one")
    target = _output_path(inputs.output, workspace)
    request = ConvertRequest(source, inputs.format, inputs.suite or None, target, commit=context.run.commit)
    report = convert(request, context.run).report
    shown = target.relative_to(workspace)
    environment = report.environment
    cores = f"{environment.cores} cores" if environment.cores else None
    where = ", ".join(part for part in (environment.cpu_model, cores) if part) or "an unknown machine"
    return StepResult(
        ExitCode.OK,
        f"perf-action convert: wrote {shown} (suite {report.suite}, {len(report.benchmarks)} benchmarks)",
        f"Wrote {escape(str(shown))}: suite {escape(report.suite)}, measured on {escape(where)}.\n",
        outputs={"status": "converted"},
    )


def _output_path(value: str, workspace: Path) -> Path:
    if not value:
        raise ToolingError(
            "input 'output': convert needs the path to write the report to, e.g. perf/report.json"
        )
    target = workspace / value
    if Path(value).is_absolute() or ".." in Path(value).parts or not target.name.endswith(".json"):
        raise ToolingError(f"input 'output': expected a .json path inside the workspace, got {value!r}")
    return target


def _record(inputs: Inputs, environ: Mapping[str, str]) -> StepResult:
    from perfaction.modes.record import GitHubRecordRequest, record_on_github  # noqa: PLC0415 - see _compare

    context, client = _connect(inputs, environ)
    request = GitHubRecordRequest(
        report_paths(inputs.report, context.run.workspace),
        baseline_branch=inputs.baseline_branch,
        fmt=inputs.format,
        suite=inputs.suite or None,
        config_path=_inside_workspace(context, inputs.config or _default_config(context), "config"),
        comment_changes=inputs.comment_change_points,
    )
    return record_on_github(request, context, client)


def _dashboard(inputs: Inputs, environ: Mapping[str, str]) -> StepResult:
    from perfaction.modes.history import dashboard_on_github  # noqa: PLC0415 - see _compare

    context, client = _connect(inputs, environ)
    return dashboard_on_github(inputs.site_dir, inputs.baseline_branch, context, client)


def _connect(inputs: Inputs, environ: Mapping[str, str]) -> tuple[Context, Client]:
    """The runner's context and an API client for the run's repository, with the configured timeout."""
    from perfaction.github.client import DEFAULT_TIMEOUT, Client  # noqa: PLC0415 - see _compare

    context = load_context(environ)
    raw = environ.get(TIMEOUT_ENV, "")
    timeout = int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_TIMEOUT
    hidden = secrets(environ, inputs.github_token)
    return context, Client(
        inputs.github_token, context.api_url, context.repository, timeout=timeout, secrets=hidden
    )


def _results(inputs: Inputs, context: Context) -> ResultsRequest:
    from perfaction.modes.results import ResultsRequest  # noqa: PLC0415 - see _compare

    return ResultsRequest(
        report=inputs.report,
        artifact_name=inputs.artifact_name,
        run_id=inputs.run_id,
        fmt=inputs.format,
        suite=inputs.suite or None,
        config_path=_inside_workspace(context, inputs.config or _default_config(context), "config"),
    )


def _inside_workspace(context: Context, value: str, name: str) -> Path | None:
    """A path input inside the workspace; a link leading out of it is refused, like `..`."""
    if not value:
        return None
    workspace = context.run.workspace
    path = workspace / value
    if not path.resolve().is_relative_to(workspace.resolve()):
        raise ToolingError(f"input '{name}': {value} leads outside the workspace")
    return path


def _default_config(context: Context) -> str:
    """The workspace's .perfaction.toml when there is one (a link counts: it is checked like any input)."""
    from perfaction.config import DEFAULT_PATH  # noqa: PLC0415 - tomllib: only the GitHub modes read settings

    return str(DEFAULT_PATH) if os.path.lexists(context.run.workspace / DEFAULT_PATH) else ""


MODES: dict[str, Callable[[Inputs, Mapping[str, str]], StepResult]] = {
    "compare": _compare,
    "convert": _convert,
    "dashboard": _dashboard,
    "promote": _promote,
    "record": _record,
    "validate": _validate,
}
