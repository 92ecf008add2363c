"""The `perfaction` command line: parse each command into its mode's request, call the mode, print.

A command imports its own mode when it runs, so `perfaction validate` never loads the comparison,
the renderer or the baseline store.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from perfaction import __version__
from perfaction.errors import ExitCode, PerfactionError, ToolingError, ValidationFailure
from perfaction.identifiers import DEFAULT_BRANCH
from perfaction.validation import KINDS
from perfaction.verdicts import FailOn, parse_percentage

if TYPE_CHECKING:
    from perfaction.baseline.store import BaselineStore
    from perfaction.modes.compare import CompareOutcome, CompareRequest
    from perfaction.run_context import RunContext


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter at argparse's width, measured without shutil (which loads bz2 and lzma):
    every add_argument makes one."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=terminal_columns() - 2)


def terminal_columns() -> int:
    """The width shutil.get_terminal_size gives: $COLUMNS, else the terminal of stdout, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    stdout = sys.__stdout__
    if columns <= 0 and stdout is not None:
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on bad usage, but 2 means "your data is invalid" here: usage errors exit 4."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(ExitCode.TOOLING, f"{self.prog}: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of the one named: building all of them takes argparse longer
    than a command's own work on a small receipt."""
    parser = _Parser(prog="perfaction", description="Benchmark results in, trustworthy verdicts out.")
    parser.add_argument("--version", action="version", version=f"perfaction {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, (summary, add_arguments) in _COMMANDS.items():
        if command in (None, name):
            add_arguments(commands.add_parser(name, help=summary))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv[0] if argv and argv[0] in _COMMANDS else None).parse_args(argv)
    try:
        return int(args.handler(args))
    except ValidationFailure as failure:
        for problem in failure.problems:
            print(problem, file=sys.stderr)
        return ExitCode.INVALID
    except PerfactionError as error:
        print(f"perfaction: error: {error}", file=sys.stderr)
        return error.exit_code
    except Exception as error:
        if os.environ.get("PERFACTION_DEBUG"):
            raise
        print(f"perfaction: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        print(
            "perfaction: set PERFACTION_DEBUG=1 to see the traceback, and please report it", file=sys.stderr
        )
        return ExitCode.TOOLING


def run() -> int:
    """The console command: `main`, with output that a closed pipe (`| head`, `| true`) cannot break.

    The exit code stays the command's own; what could not be written is dropped, as `cat` would.
    """
    sys.stdout, sys.stderr = _PipeSafe(sys.stdout), _PipeSafe(sys.stderr)
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    return code


class _PipeSafe:
    """A text stream that, once its reader is gone, sends the rest to /dev/null instead of failing."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._drop()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._drop()

    def _drop(self) -> None:
        """Point the descriptor at /dev/null: what is still buffered, and all that follows, goes there."""
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self._stream.fileno())
        os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _this_run() -> RunContext:
    """The run a command works for, as the environment describes it: read by the commands that need it."""
    from perfaction.github.variables import run_context  # noqa: PLC0415 - validate needs no facts of the run

    return run_context(os.environ, Path.cwd())


def _format_choices() -> list[str]:
    from perfaction.ingest import formats  # noqa: PLC0415 - render and summary read no results

    return ["auto", *formats()]


# --- validate ---------------------------------------------------------------------------------


def _validate_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
    sub.add_argument(
        "--format", default="auto", choices=_format_choices(), help="input format (default: detect)"
    )
    sub.add_argument(
        "--kind", default="report", choices=list(KINDS), help="what the files are (default: report)"
    )
    sub.add_argument("--json", action="store_true", help="print the results as JSON")
    sub.set_defaults(handler=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    from perfaction.modes.validate import ValidateRequest, exit_code, validate  # noqa: PLC0415 - only validate

    outcomes = validate(ValidateRequest(args.paths, kind=args.kind, fmt=args.format))
    if args.json:
        print(
            json.dumps(
                {"valid": all(o.ok for o in outcomes), "files": [o.as_dict() for o in outcomes]}, indent=2
            )
        )
    else:
        for outcome in outcomes:
            if outcome.ok:
                print(f"ok: {outcome.path} ({outcome.detail})")
            for line in outcome.messages():
                print(line, file=sys.stderr)
    return exit_code(outcomes)


# --- convert ----------------------------------------------------------------------------------


def _convert_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("input", type=Path, metavar="INPUT")
    sub.add_argument(
        "--format", default="auto", choices=_format_choices(), help="input format (default: detect)"
    )
    sub.add_argument("--suite", help="suite name to record (default: from the input)")
    sub.add_argument("-o", "--output", type=Path, help="where to write the report (default: stdout)")
    sub.add_argument("--no-host", action="store_true", help="do not record this machine's environment")
    sub.set_defaults(handler=_run_convert)


def _run_convert(args: argparse.Namespace) -> int:
    from perfaction.modes.convert import ConvertRequest, convert  # noqa: PLC0415 - platform: only convert reads the host

    request = ConvertRequest(args.input, args.format, args.suite, args.output, record_host=not args.no_host)
    converted = convert(request, _this_run())
    report = converted.report
    if converted.text is not None:
        sys.stdout.write(converted.text)
    else:
        metrics = sum(len(b.metrics) for b in report.benchmarks)
        counts = f"{len(report.benchmarks)} benchmarks, {metrics} metrics"
        print(f"wrote {args.output}: suite {report.suite}, {counts}", file=sys.stderr)
    return ExitCode.OK


# --- baseline and summary -------------------------------------------------------------------------


def _add_store_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--store",
        choices=("git", "github"),
        default="git",
        help="git: a local repository; github: the run's repository through the GitHub API (default: git)",
    )
    sub.add_argument(
        "--repo", type=Path, help="git repository holding the baseline branch (default: current)"
    )
    sub.add_argument("--branch", help="baseline branch (default: perf-baselines)")


def _baseline_arguments(sub: argparse.ArgumentParser) -> None:
    actions = sub.add_subparsers(dest="baseline_command", required=True, parser_class=_Parser)

    show = actions.add_parser("show", help="the current baseline, who promoted it, when and why")
    show.add_argument("--suite", help="only this suite (default: every suite)")
    show.add_argument("--json", action="store_true", help="print the baseline and history documents")
    _add_store_options(show)
    show.set_defaults(handler=_run_baseline_show)

    promote = actions.add_parser("promote", help="make a report the baseline: validated, judged, audited")
    promote.add_argument(
        "report", type=Path, nargs="+", metavar="REPORT", help="results; several runs of a suite are pooled"
    )
    promote.add_argument("--format", default="auto", choices=_format_choices(), help="input format")
    promote.add_argument("--suite", help="suite name to record (default: from the report)")
    promote.add_argument("--reason", help="why the baseline moves (recorded; required with --force)")
    promote.add_argument(
        "--dry-run", action="store_true", help="print the commit it would make, change nothing"
    )
    promote.add_argument("--force", action="store_true", help="promote despite the policy (needs --reason)")
    promote.add_argument(
        "--push", metavar="REMOTE", help="publish the branch to this remote, retrying on races"
    )
    promote.add_argument("--actor", help="who promotes (default: GITHUB_ACTOR, else git config user.name)")
    promote.add_argument(
        "--config",
        type=Path,
        help="settings file (default: .perfaction.toml here if present, else built-ins)",
    )
    _add_store_options(promote)
    promote.set_defaults(handler=_run_baseline_promote)

    record = actions.add_parser("record", help="append a run of main to its suite's recorded history")
    record.add_argument("report", type=Path, metavar="REPORT")
    record.add_argument("--format", default="auto", choices=_format_choices(), help="input format")
    record.add_argument("--suite", help="suite name to record (default: from the report)")
    record.add_argument("--actor", help="who records (default: GITHUB_ACTOR, else git config user.name)")
    record.add_argument(
        "--config", type=Path, help="settings file with the [history] retention (default: .perfaction.toml)"
    )
    _add_store_options(record)
    record.set_defaults(handler=_run_baseline_record)

    history = actions.add_parser("history", help="the audit trail of promotions, newest first")
    history.add_argument("--suite", help="only this suite (default: every suite)")
    history.add_argument("--limit", type=_positive, default=20, help="promotions per suite (default: 20)")
    _add_store_options(history)
    history.set_defaults(handler=_run_baseline_history)


def _summary_arguments(sub: argparse.ArgumentParser) -> None:
    _add_store_options(sub)
    sub.set_defaults(handler=_run_summary)


def _percentage(text: str) -> float:
    try:
        return parse_percentage(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return int(text)


def _open_store(args: argparse.Namespace, remote: str | None = None) -> BaselineStore:
    # Each store imports only when chosen: PyGithub for `github`, the git plumbing for `git`.

    branch = args.branch or DEFAULT_BRANCH
    if args.store == "github":
        if args.repo or remote:
            raise ToolingError("--repo and --push apply to the git store only, not to --store github")
        from perfaction.github.baseline_store import GitHubStore  # noqa: PLC0415

        return GitHubStore.from_environment(os.environ, branch)
    from perfaction.baseline.git import GitStore  # noqa: PLC0415

    return GitStore(args.repo, branch, remote)


def _run_baseline_show(args: argparse.Namespace) -> int:
    from perfaction.baseline import views  # noqa: PLC0415 - the baseline commands load their own modes
    from perfaction.modes.baselines import read_baselines  # noqa: PLC0415

    store = _open_store(args)
    snapshots = read_baselines(store, args.suite)
    _say_where(store)
    if args.json:
        suites = [
            {
                "suite": s.baseline.suite,
                "version": s.version,
                "baseline": s.baseline.to_dict(),
                "history": s.history.to_dict(),
            }
            for s in snapshots
        ]
        print(json.dumps({"branch": store.branch, "suites": suites}, indent=2, sort_keys=True))
    elif not snapshots:
        print(f"no baselines on {store.describe(None)}: run `perfaction baseline promote REPORT`")
    else:
        print("\n\n".join(views.show(snapshot, store) for snapshot in snapshots))
    return ExitCode.OK


def _run_baseline_promote(args: argparse.Namespace) -> int:
    from perfaction.baseline.promote import Plan  # noqa: PLC0415 - the baseline commands load their own modes
    from perfaction.baseline.store import Actor  # noqa: PLC0415
    from perfaction.modes.promote import PromoteRequest, promote_file  # noqa: PLC0415

    request = PromoteRequest(
        args.report[0],
        _open_store(args, args.push),
        repeats=tuple(args.report[1:]),
        actor=Actor.named(args.actor) if args.actor else None,
        fmt=args.format,
        suite=args.suite,
        reason=args.reason,
        force=args.force,
        dry_run=args.dry_run,
        config_path=args.config,
    )
    store = request.store
    outcome = promote_file(request, _this_run())
    if isinstance(outcome, Plan):
        print(outcome.render())
        print("dry run: nothing was changed")
        return ExitCode.REGRESSION if outcome.refused else ExitCode.OK
    plan = outcome.plan
    retried = f", after {outcome.attempts} attempts" if outcome.attempts > 1 else ""
    print(f"promoted {plan.change.suite} as {store.describe(outcome.version)}{retried}")
    for change in plan.changes:
        print(f"  {change.benchmark} {change.metric}: {change.movement()}")
    return ExitCode.OK


def _run_baseline_record(args: argparse.Namespace) -> int:
    from perfaction.baseline.store import Actor  # noqa: PLC0415 - the baseline commands load their own modes
    from perfaction.modes.record import (  # noqa: PLC0415
        RecordFileRequest,
        change_text,
        describe,
        introduced_changes,
        record_file,
    )

    store = _open_store(args)
    request = RecordFileRequest(
        args.report,
        store,
        actor=Actor.named(args.actor) if args.actor else None,
        fmt=args.format,
        suite=args.suite,
        config_path=args.config,
    )
    recorded = record_file(request, _this_run())
    print(describe(recorded, store))
    for change in introduced_changes(store, recorded):
        print(f"  change point: {change_text(change)}")
    return ExitCode.OK


def _run_baseline_history(args: argparse.Namespace) -> int:
    from perfaction.baseline import views  # noqa: PLC0415 - the baseline commands load their own modes
    from perfaction.modes.baselines import promotion_log  # noqa: PLC0415

    store = _open_store(args)
    log = promotion_log(store, args.suite, args.limit)
    _say_where(store)
    print(views.history(log) if log else "no promotions yet")
    return ExitCode.OK


def _run_summary(args: argparse.Namespace) -> int:
    from perfaction.baseline import views  # noqa: PLC0415 - the baseline commands load their own modes
    from perfaction.modes.baselines import read_baselines  # noqa: PLC0415

    store = _open_store(args)
    snapshots = read_baselines(store)
    _say_where(store)
    print(views.summary(snapshots, store))
    return ExitCode.OK


def _say_where(store: BaselineStore) -> None:
    """Which ref the baselines were read from, when it is not simply the local branch."""
    reading = store.reading()
    if reading:
        print(f"note: baselines: {reading}", file=sys.stderr)


# --- the recorded history: dashboard and backtest ----------------------------------------------------


def _dashboard_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="directory to write the site into"
    )
    sub.add_argument("--suite", help="only this suite (default: every suite with recorded runs)")
    sub.add_argument("--repository-url", help="link commits to this repository, e.g. https://github.com/o/r")
    _add_store_options(sub)
    sub.set_defaults(handler=_run_dashboard)


def _run_dashboard(args: argparse.Namespace) -> int:
    from perfaction.modes.history import DashboardRequest, write_dashboard  # noqa: PLC0415 - loaded when run

    site = write_dashboard(DashboardRequest(_open_store(args), args.out, args.suite, args.repository_url))
    print(f"wrote {len(site.pages)} pages, {site.charts} charts, {site.points} points to {args.out}")
    return ExitCode.OK


def _backtest_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--config", type=Path, help="settings to try (default: .perfaction.toml here, else built-ins)"
    )
    sub.add_argument("--suite", help="only this suite (default: every suite with recorded runs)")
    sub.add_argument("--html", type=Path, metavar="FILE", help="also write the report as a page")
    sub.add_argument("--repository-url", help="link commits in the page to this repository")
    _add_store_options(sub)
    sub.set_defaults(handler=_run_backtest)


def _run_backtest(args: argparse.Namespace) -> int:
    from perfaction.modes.history import (  # noqa: PLC0415 - loaded when run
        BacktestRequest,
        backtest_page,
        backtest_table,
        run_backtest,
    )

    config, results = run_backtest(BacktestRequest(_open_store(args), args.config, args.suite))
    if args.html is not None:
        page = backtest_page(config, results, args.repository_url)
        try:
            args.html.write_text(page, encoding="utf-8")
        except OSError as error:
            raise ToolingError(f"cannot write {args.html}: {error.strerror or error}") from error
    print(backtest_table(config, results))
    return ExitCode.OK


# --- compare ----------------------------------------------------------------------------------


def _compare_arguments(sub: argparse.ArgumentParser) -> None:
    _add_compare_options(sub)
    sub.set_defaults(handler=_run_compare)


def _check_arguments(sub: argparse.ArgumentParser) -> None:
    _add_compare_options(sub)
    sub.add_argument("--comment-out", type=Path, metavar="FILE", help="write the PR comment's Markdown here")
    sub.set_defaults(handler=_run_check)


def _add_compare_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "current",
        type=Path,
        nargs="+",
        metavar="CURRENT",
        help="results of this run (anything convert reads); several runs of a suite are pooled",
    )
    sub.add_argument(
        "--baseline",
        type=Path,
        help="results to compare with (default: the suite's baseline on the baseline branch)",
    )
    sub.add_argument(
        "--merge-base",
        metavar="REV",
        help="the PR's merge-base: compare with the baseline that was current there (default: the latest)",
    )
    sub.add_argument("--suite", help="the suite to compare as, i.e. whose baseline (default: from CURRENT)")
    sub.add_argument(
        "--warn-threshold",
        type=_percentage,
        metavar="PCT",
        help="relative slowdown that earns a warning, e.g. 5%% (default: from the config, 5%%)",
    )
    sub.add_argument(
        "--fail-threshold",
        type=_percentage,
        metavar="PCT",
        help="relative slowdown that counts as a regression, e.g. 10%% (default: from the config, 10%%)",
    )
    _add_store_options(sub)
    sub.add_argument(
        "--config",
        type=Path,
        help="settings file (default: .perfaction.toml here if present, else built-ins)",
    )
    sub.add_argument("--summary-out", type=Path, help="write the regression summary JSON here")
    sub.add_argument(
        "--fail-on",
        default="failure",
        choices=[choice.value for choice in FailOn],
        help="which overall status exits 3 (default: failure)",
    )
    sub.add_argument(
        "--format",
        default="auto",
        choices=_format_choices(),
        help="input format of both files (default: detect)",
    )


def _compare_request(args: argparse.Namespace) -> CompareRequest:
    from perfaction.modes.compare import CompareRequest  # noqa: PLC0415 - validate must not load it

    try:
        store = None if args.baseline else _open_store(args)
    except ToolingError as error:
        raise ToolingError(f"{error}; or compare with a file: --baseline FILE") from None
    return CompareRequest(
        args.current[0],
        args.baseline,
        repeats=tuple(args.current[1:]),
        store=store,
        merge_base=args.merge_base,
        config_path=args.config,
        thresholds=(args.warn_threshold, args.fail_threshold),
        summary_out=args.summary_out,
        fail_on=FailOn(args.fail_on),
        fmt=args.format,
        suite=args.suite,
    )


def _run_compare(args: argparse.Namespace) -> int:
    from perfaction.modes.compare import compare_files  # noqa: PLC0415 - validate must not load it

    return _report_comparison(args, compare_files(_compare_request(args)))


def _run_check(args: argparse.Namespace) -> int:
    from perfaction.modes.check import CheckRequest, check  # noqa: PLC0415 - jinja2: only rendering needs it

    outcome = check(CheckRequest(_compare_request(args), args.comment_out), _this_run())
    if args.comment_out is not None:
        print(f"wrote {args.comment_out}", file=sys.stderr)
    return _report_comparison(args, outcome)


def _report_comparison(args: argparse.Namespace, outcome: CompareOutcome) -> int:
    """The comparison as compare and check print it; the exit code --fail-on gives it."""
    from perfaction.text import summary_text  # noqa: PLC0415 - only comparisons print summaries

    sys.stdout.write(summary_text(outcome.summary))
    print(f"settings: {outcome.config_source}", file=sys.stderr)
    for note in outcome.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.summary_out is not None:
        print(f"wrote {args.summary_out}", file=sys.stderr)
    return outcome.exit_code


# --- render -----------------------------------------------------------------------------------


def _render_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("summary", type=Path, metavar="SUMMARY.json")
    sub.add_argument(
        "--template",
        default="comment",
        choices=["comment", "check", "check-text", "job"],
        help="what to render (default: comment)",
    )
    sub.add_argument("-o", "--output", type=Path, help="where to write the Markdown (default: stdout)")
    sub.add_argument(
        "--html", type=Path, metavar="OUT.html", help="also write an HTML preview, as GitHub renders it"
    )
    sub.add_argument(
        "--templates", type=Path, metavar="DIR", help="a directory of templates that replace built-in ones"
    )
    sub.set_defaults(handler=_run_render)


def _run_render(args: argparse.Namespace) -> int:
    from perfaction.modes.render import RenderRequest, render_file  # noqa: PLC0415 - jinja2: only render needs it

    request = RenderRequest(args.summary, args.template, args.output, args.html, args.templates)
    markdown = render_file(request, _this_run())
    if args.output is None:
        sys.stdout.write(markdown)
    for path in (args.output, args.html):
        if path is not None:
            print(f"wrote {path}", file=sys.stderr)
    return ExitCode.OK


# Each command: its line in `perfaction --help`, and what adds its arguments and handler.
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "validate": ("check results files against perf-action's schemas", _validate_arguments),
    "convert": ("convert tool output to a canonical perf-action report", _convert_arguments),
    "compare": ("judge a run against its baseline, metric by metric", _compare_arguments),
    "check": (
        "compare and render the PR comment in one process: a CI job's whole pipeline",
        _check_arguments,
    ),
    "render": ("render a regression summary as a PR comment, check run or job summary", _render_arguments),
    "baseline": ("show, promote and audit the baselines kept on a git branch", _baseline_arguments),
    "summary": ("one screen: every suite's baseline, floors and history", _summary_arguments),
    "dashboard": ("write a static site of the recorded runs of main", _dashboard_arguments),
    "backtest": ("what these settings would have said about every recorded run", _backtest_arguments),
}
