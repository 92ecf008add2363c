"""Where the action finds results: the workspace, or an artifact of a workflow run (a fork's, perhaps).

Every file is read and validated once, by the same rules as `perfaction validate`; whatever is
published from them is escaped when rendered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from perfaction.config import Config, RunLimits, load_config
from perfaction.errors import Problem, ToolingError, ValidationFailure
from perfaction.github import artifacts
from perfaction.ingest import pooled, read_report
from perfaction.model import Report
from perfaction.modes.validate import expand_results, report_paths, shown
from perfaction.records import datarecord

if TYPE_CHECKING:
    from perfaction.github.client import Client
    from perfaction.github.context import Context

DEFAULT_ARTIFACT = "perf-json"
DEFAULT_PATTERN = "*.json"
# A file the benchmark workflow may add to its artifact with the PR number: a hint, checked by head sha.
PR_NUMBER_FILE = "pr-number"


@datarecord(frozen=True)
class ResultsRequest:
    """The action's inputs about results: a path or glob, an artifact and its run, the format, a suite."""

    report: str
    artifact_name: str = ""
    run_id: int | None = None
    fmt: str = "auto"
    suite: str | None = None
    config_path: Path | None = None


@datarecord(frozen=True)
class Location:
    """Where the results are, and the commit they belong to (where a verdict on them goes).

    Either files in the workspace (with the names shown for them), or an artifact with the limits it
    is read within; `config` is the settings, whose limits apply before anything is parsed.
    """

    commit: str | None
    config: Config
    files: list[tuple[Path, str]] | None = None
    artifact: artifacts.Artifact | None = None
    limits: artifacts.Limits | None = None


@datarecord
class Found:
    """Result files to read, each with the name shown for it, and a pull request number hint."""

    files: list[tuple[Path, str]]
    pull_hint: int | None = None


def locate_results(request: ResultsRequest, context: Context, client: Client) -> Location:
    """The workspace path or glob, or an artifact of `run-id` (in a workflow_run job: the triggering run).

    In a workflow_run job the results come from the artifact unless only `report` is given (results
    the job downloaded itself); with `artifact-name`, `report` names files inside the artifact.
    """
    triggering = context.workflow_run
    run_id = request.run_id
    if run_id is None and triggering is not None and (request.artifact_name or not request.report):
        run_id = triggering.run_id
    if run_id is None and request.artifact_name:
        raise ToolingError("input 'artifact-name': also give run-id, the run that uploaded it")
    if run_id is None:
        workspace = context.run.workspace
        config = load_config(request.config_path)
        paths = report_paths(request.report, workspace)
        _within_budget(paths, config.limits, "the results")
        files = [(path, shown(path, workspace)) for path in paths]
        return Location(context.run.commit, config, files=files)
    return locate_artifact(request, run_id, context, client)


def locate_artifact(request: ResultsRequest, run_id: int, context: Context, client: Client) -> Location:
    """The run's artifact, checked to be about this run's commit, and the limits to read it within."""
    config = load_config(request.config_path)
    limits = artifacts.Limits(
        download_bytes=int(config.artifacts.max_download_mib * artifacts.MiB),
        unzipped_bytes=int(config.artifacts.max_unzipped_mib * artifacts.MiB),
        results_bytes=int(config.limits.max_results_mib * artifacts.MiB),
    )
    artifact = artifacts.find_artifact(client, run_id, request.artifact_name or DEFAULT_ARTIFACT)
    if artifact.head_sha is None:
        return Location(context.run.commit, config, artifact=artifact, limits=limits)
    about_a_commit = context.pull_request or context.workflow_run
    if about_a_commit and artifact.head_sha != context.head_sha:
        raise ToolingError(
            f"{artifact.label} was made for {artifact.head_sha}, "
            f"but this run is about {context.head_sha}: its verdict would land on the wrong commit"
        )
    return Location(artifact.head_sha, config, artifact=artifact, limits=limits)


def fetch_results(location: Location, request: ResultsRequest, client: Client, scratch: Path) -> Found:
    """The files to read: the workspace's, or the artifact's unpacked under names we checked.

    The results are what `report` names inside the artifact, else the artifact itself as
    `perfaction validate` would read a folder: a tree a reader claims (criterion's), or its JSON files.
    """
    artifact, limits = location.artifact, location.limits
    if artifact is None or limits is None:
        return Found(location.files or [])
    archive = artifacts.download(client, artifact, limits)
    members = artifacts.read_members(archive, [DEFAULT_PATTERN, PR_NUMBER_FILE], artifact.label, limits)
    root = scratch / "artifact"
    hint = None
    for name, data in members.items():
        if name.rsplit("/", 1)[-1] == PR_NUMBER_FILE:
            hint = _pull_hint(data, f"{artifact.label}: {name}")
        else:
            _unpack(root / name, data, artifact.label, name)
    pattern = request.report
    if pattern:
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            raise ToolingError(f"input 'report': {pattern!r} must name files inside the artifact")
        paths = sorted(root.glob(pattern))
    else:
        paths = expand_results(root, request.fmt) if root.is_dir() else []
    files = [(path, f"{artifact.label}: {path.relative_to(root) if path != root else '.'}") for path in paths]
    if not files:
        raise ValidationFailure.single(
            artifact.label, "", f"holds no results matching {pattern or DEFAULT_PATTERN!r}"
        )
    return Found(files, hint)


def read_results(
    found: Found, request: ResultsRequest, limits: RunLimits, commit: str | None = None
) -> list[Report]:
    """Validate every file as `perfaction validate` does; one report a suite.

    Several files of one suite (three runs of a bench) are pooled as repetitions. More suites than
    the limit are refused as soon as the first one too many is read, with one message. `commit` is
    the run's: it replaces any commit the results name, which a fork writes as it likes.
    """
    runs: dict[str, list[tuple[Report, str]]] = {}
    _check_results(
        found,
        request,
        limits,
        commit,
        lambda report, _, label: runs.setdefault(report.suite, []).append((report, label)),
    )
    problems: list[Problem] = []
    reports = []
    for repeated in runs.values():
        try:
            reports.append(pooled([report for report, _ in repeated], [label for _, label in repeated]))
        except ValidationFailure as failure:
            problems.extend(failure.problems)
    if problems:
        raise ValidationFailure(problems)
    return reports


def each_result(
    found: Found, request: ResultsRequest, limits: RunLimits, commit: str | None = None
) -> tuple[list[str], Iterator[Report]]:
    """The suites, and the reports read_results returns one at a time: a large artifact holds one
    suite's samples.

    Every file is validated here (ValidationFailure if any is bad); then each is read again when its
    turn comes. A single file, or a suite of several runs (pooled together), is read once, up front.
    """
    paths: dict[str, list[Path]] = {}
    if len(found.files) > 1:
        _check_results(
            found,
            request,
            limits,
            commit,
            lambda report, path, _: paths.setdefault(report.suite, []).append(path),
        )
    if len(found.files) == 1 or any(len(files) > 1 for files in paths.values()):
        reports = read_results(found, request, limits, commit)
        return [report.suite for report in reports], iter(reports)
    return list(paths), (_read_as_run(path, request, commit) for (path,) in paths.values())


def _read_as_run(path: Path, request: ResultsRequest, commit: str | None) -> Report:
    report = read_report(path, fmt=request.fmt, suite=request.suite, commit=commit)
    if commit is not None:
        report.commit = commit
    return report


def _check_results(
    found: Found,
    request: ResultsRequest,
    limits: RunLimits,
    commit: str | None,
    keep: Callable[[Report, Path, str], None],
) -> None:
    """Read and check every file, handing each valid report to `keep`; raise with all the problems."""
    problems: list[Problem] = []
    suites: set[str] = set()
    for path, label in found.files:
        try:
            report = _read_as_run(path, request, commit)
        except ValidationFailure as failure:
            problems.extend(_relabelled(failure.problems, path, label))
            continue
        suites.add(report.suite)
        if len(suites) > limits.max_suites:
            raise ValidationFailure.single(label, "/suite", _too_many_suites(limits.max_suites))
        keep(report, path, label)
    if problems:
        raise ValidationFailure(problems)


def _too_many_suites(limit: int) -> str:
    return (
        f"one suite more than the {limit} one run publishes ([limits] max_suites in .perfaction.toml): "
        "each suite is a check run and a comment"
    )


def _within_budget(paths: list[Path], limits: RunLimits, label: str) -> None:
    """The results' JSON files, by their size on disk, fit the run's budget: checked before parsing."""
    total = sum(
        entry.stat().st_size
        for path in paths
        for entry in ([path] if path.is_file() else path.rglob("*.json"))
        if entry.is_file()
    )
    limit = int(limits.max_results_mib * artifacts.MiB)
    if total > limit:
        raise ValidationFailure.single(label, "", artifacts.over_results_limit(total, limit))


def _unpack(target: Path, data: bytes, label: str, name: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as handle:
            handle.write(data)
    except OSError as error:
        raise ValidationFailure.single(
            label, "", f"member {name!r} cannot be unpacked: {error.strerror}"
        ) from None


def _pull_hint(data: bytes, label: str) -> int:
    text = data.decode("ascii", errors="replace").strip()
    if not re.fullmatch(r"[1-9][0-9]{0,9}", text):
        raise ValidationFailure.single(label, "", "expected a pull request number")
    return int(text)


def _relabelled(problems: list[Problem], path: Path, label: str) -> list[Problem]:
    """Name the artifact member rather than the scratch file it was copied to."""
    here = str(path)
    return [
        Problem(p.source.replace(here, label), p.pointer, p.message.replace(here, label)) for p in problems
    ]
