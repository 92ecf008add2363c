"""The action's GitHub modes: judge results on a pull request (`compare`) and make a run's results the
baseline (`promote`). Both call the same job functions as the CLI; this module adds where the results
come from and where the verdicts go.

Publishing is isolated: the check run, the comment and the job summary each fail alone. A read-only
token (a fork's pull_request run) loses the comment and the check run, but the summary and the outputs
are still written, and the log says what failed and why.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from perfaction.errors import ExitCode, PerfactionError, Problem, ToolingError, ValidationFailure
from perfaction.github import artifacts
from perfaction.github.client import DEFAULT_TIMEOUT, TIMEOUT_ENV, Client, GitHubError
from perfaction.github.context import Context, load_context
from perfaction.github.runner import Annotation

if TYPE_CHECKING:
    from perfaction.action import Inputs, Result
    from perfaction.github.baseline_store import GitHubStore
    from perfaction.github.checks import CheckOutput
    from perfaction.jobs import CompareOutcome
    from perfaction.model import Report
    from perfaction.summary import RegressionSummary

DEFAULT_ARTIFACT = "perf-json"
DEFAULT_PATTERN = "*.json"
# A file the benchmark workflow may add to its artifact with the PR number: a hint, checked by head sha.
PR_NUMBER_FILE = "pr-number"
SUMMARY_DIR = ".perfaction"
MAX_LISTED_PROBLEMS = 50
MAX_CHECK_PROBLEMS = 20
STATUS_ORDER = ("FAILURE", "WARNING", "PASS", "NEUTRAL")
READ_ONLY_HINT = (
    "the token is read-only, as in pull_request runs from forks; post from a workflow_run job "
    "(the fork-safe setup in docs/github.md)"
)
T = TypeVar("T")


@dataclass
class Job:
    """One mode's run: the checked inputs, the runner's context and the API client."""

    inputs: Inputs
    context: Context
    client: Client
    workspace: Path
    # The commit the results belong to, where the check run goes: the event's head commit, or the
    # head commit of the run whose artifact holds the results.
    commit: str | None = None

    @classmethod
    def start(cls, inputs: Inputs, workspace: Path) -> Job:
        context = load_context(os.environ)
        raw = os.environ.get(TIMEOUT_ENV, "")
        timeout = int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_TIMEOUT
        client = Client(inputs.github_token, context.api_url, context.repository, timeout=timeout)
        return cls(inputs, context, client, workspace, context.head_sha)

    def in_workspace(self, value: str) -> Path | None:
        return self.workspace / value if value else None

    def store(self) -> GitHubStore:
        from perfaction.github.baseline_store import GitHubStore

        return GitHubStore(self.client.repo, self.inputs.baseline_branch)


@dataclass
class Found:
    """Result files to read, each with the name shown for it, and a PR number hint from an artifact."""

    files: list[tuple[Path, str]]
    pull_hint: int | None = None


@dataclass
class Published:
    """What reached GitHub and what did not, for the summary, the outputs and the exit code."""

    lines: list[str] = field(default_factory=list)
    failures: list[Annotation] = field(default_factory=list)
    comment_urls: list[str] = field(default_factory=list)
    check_run_ids: list[str] = field(default_factory=list)

    def attempt(self, what: str, action: Callable[[], T]) -> T | None:
        """Run one publishing step; a failure is recorded and the next step still runs."""
        try:
            return action()
        except PerfactionError as error:
            message = f"could not {what}: {error}"
            if isinstance(error, GitHubError) and error.read_only_token:
                message += f" ({READ_ONLY_HINT})"
            self.failures.append(Annotation("error", message, title="perf-action"))
            self.lines.append(f"- ❌ {escape(message)}")
            return None


# --- compare ----------------------------------------------------------------------------------------


def compare_mode(inputs: Inputs, workspace: Path) -> Result:
    """Find, validate, compare, render, publish: one comment and one check run per suite."""
    job = Job.start(inputs, workspace)
    with tempfile.TemporaryDirectory(prefix="perfaction-") as scratch:
        try:
            found = find_results(job, Path(scratch))
            reports = read_results(found, inputs)
        except ValidationFailure as failure:
            return _invalid_results(job, failure)
        outcomes = [_compare(job, path, report.suite) for path, report in reports]
    published = Published()
    pull_number = _pull_number(job, found.pull_hint, published)
    for outcome in outcomes:
        _publish_suite(job, outcome.summary, pull_number, published)
    verdict = max((outcome.exit_code for outcome in outcomes), default=ExitCode.OK)
    code = verdict if verdict or not published.failures else ExitCode.TOOLING
    return _compare_result(job, outcomes, code, published)


def find_results(job: Job, scratch: Path) -> Found:
    """The workspace path or glob, or an artifact of `run-id` (in a workflow_run job: the triggering run).

    In a workflow_run job the results come from the artifact unless only `report` is given (results
    the job downloaded itself); with `artifact-name`, `report` names files inside the artifact.
    """
    from perfaction.action import report_paths

    inputs, triggering = job.inputs, job.context.workflow_run
    run_id = inputs.run_id
    if run_id is None and triggering is not None and (inputs.artifact_name or not inputs.report):
        run_id = triggering.run_id
    if run_id is None and inputs.artifact_name:
        raise ToolingError("input 'artifact-name': also give run-id, the run that uploaded it")
    if run_id is None:
        paths = report_paths(inputs.report, job.workspace)
        return Found([(path, shown(path, job.workspace)) for path in paths])
    return _from_artifact(job, run_id, scratch)


def _from_artifact(job: Job, run_id: int, scratch: Path) -> Found:
    """The artifact's result files, unpacked under names we checked into a folder of ours.

    The results are what `report` names inside the artifact, else the artifact itself as
    `perfaction validate` would read a folder: a tree a reader claims (criterion's), or its JSON files.
    """
    from perfaction.config import load_config
    from perfaction.jobs import expand_results

    configured = load_config(job.in_workspace(job.inputs.config)).artifacts
    limits = artifacts.Limits(
        download_bytes=int(configured.max_download_mib * artifacts.MiB),
        unzipped_bytes=int(configured.max_unzipped_mib * artifacts.MiB),
    )
    artifact = artifacts.find_artifact(job.client, run_id, job.inputs.artifact_name or DEFAULT_ARTIFACT)
    if artifact.head_sha is not None:
        about_a_commit = job.context.pull_request or job.context.workflow_run
        if about_a_commit and artifact.head_sha != job.context.head_sha:
            raise ToolingError(
                f"{artifact.label} was made for {artifact.head_sha}, "
                f"but this run is about {job.context.head_sha}: its verdict would land on the wrong commit"
            )
        job.commit = artifact.head_sha
    archive = artifacts.download(job.client, artifact, limits)
    members = artifacts.read_members(archive, [DEFAULT_PATTERN, PR_NUMBER_FILE], artifact.label, limits)
    root = scratch / "artifact"
    hint = None
    for name, data in members.items():
        if name.rsplit("/", 1)[-1] == PR_NUMBER_FILE:
            hint = _pull_hint(data, f"{artifact.label}: {name}")
        else:
            _unpack(root / name, data, artifact.label, name)
    pattern = job.inputs.report
    if pattern:
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            raise ToolingError(f"input 'report': {pattern!r} must name files inside the artifact")
        paths = sorted(root.glob(pattern))
    else:
        paths = expand_results(root, job.inputs.format) if root.is_dir() else []
    files = [(path, f"{artifact.label}: {path.relative_to(root) if path != root else '.'}") for path in paths]
    if not files:
        raise ValidationFailure.single(
            artifact.label, "", f"holds no results matching {pattern or DEFAULT_PATTERN!r}"
        )
    return Found(files, hint)


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


def read_results(found: Found, inputs: Inputs) -> list[tuple[Path, Report]]:
    """Validate every file and refuse markup in any string that would be published; one file per suite."""
    from perfaction.github.untrusted import markup_problems
    from perfaction.ingest import read_report

    problems: list[Problem] = []
    reports: list[tuple[Path, Report]] = []
    suites: dict[str, str] = {}
    for path, label in found.files:
        try:
            report = read_report(path, fmt=inputs.format, suite=inputs.suite or None, host=False)
        except ValidationFailure as failure:
            problems.extend(_relabelled(failure.problems, path, label))
            continue
        problems.extend(markup_problems(report.to_dict(), label))
        if report.suite in suites:
            problems.append(
                Problem(label, "/suite", f"suite {report.suite!r} is also in {suites[report.suite]}")
            )
        suites.setdefault(report.suite, label)
        reports.append((path, report))
    if problems:
        raise ValidationFailure(problems)
    return reports


def _relabelled(problems: list[Problem], path: Path, label: str) -> list[Problem]:
    """Name the artifact member rather than the scratch file it was copied to."""
    here = str(path)
    return [
        Problem(p.source.replace(here, label), p.pointer, p.message.replace(here, label)) for p in problems
    ]


def _compare(job: Job, path: Path, suite: str) -> CompareOutcome:
    from perfaction.jobs import compare_job

    inputs = job.inputs
    return compare_job(
        path,
        None,
        store=job.store(),
        config_path=job.in_workspace(inputs.config),
        thresholds=(inputs.warn_threshold, inputs.fail_threshold),
        summary_out=summary_path(job.workspace, suite),
        fail_on="failure" if inputs.fail_on_regression else "never",
        fmt=inputs.format,
        suite=inputs.suite or None,
        commit=job.commit,
    )


def summary_path(workspace: Path, suite: str) -> Path:
    return workspace / SUMMARY_DIR / f"{suite}.summary.json"


def _pull_number(job: Job, hint: int | None, published: Published) -> int | None:
    """The PR to comment on: from the event, or found for a workflow_run by its head commit."""
    from perfaction.github.context import resolve_pull_request

    context = job.context
    if job.inputs.comment == "never":
        return None
    if context.pull_request is not None:
        return context.pull_request.number
    run = context.workflow_run
    if run is None:
        published.lines.append("- no comment: this run is not about a pull request")
        return None
    found = published.attempt("find the pull request", lambda: resolve_pull_request(job.client, run, hint))
    if found is None:
        published.lines.append(f"- no comment: no open pull request has {run.head_sha[:12]} as its head")
        return None
    return found.number


def _publish_suite(
    job: Job, summary: RegressionSummary, pull_number: int | None, published: Published
) -> None:
    from perfaction.github import checks, comments
    from perfaction.render import RenderContext, render

    inputs = job.inputs
    context = RenderContext.from_environment(dict(os.environ))
    templates = job.in_workspace(inputs.template_dir)
    output = checks.CheckOutput(
        title=check_title(summary, inputs.fail_on_regression),
        summary=render(summary, "check", context, templates),
        text=render(summary, "check-text", context, templates),
    )
    verdict = checks.conclusion(summary.status, inputs.fail_on_regression)
    _post_check(job, published, check_name(inputs.check_name, summary.suite), verdict, output)
    if pull_number is None:
        return
    body = render(summary, "comment", context, templates)
    digest = comments.content_digest(verdict_material(summary))
    comment = published.attempt(
        f"comment on pull request #{pull_number}",
        lambda: comments.publish_comment(
            job.client, pull_number, suite=summary.suite, body=body, digest=digest, policy=inputs.comment
        ),
    )
    if comment is not None:
        if comment.url:
            published.comment_urls.append(comment.url)
        where = f"[comment]({comment.url})" if comment.url else "comment"
        published.lines.append(f"- ✅ {where} on #{pull_number}: {comment.action}")


def _post_check(job: Job, published: Published, name: str, verdict: str, output: CheckOutput) -> None:
    """One check run on the head commit, recorded in what was published (or what failed)."""
    from perfaction.github import checks

    head_sha = job.commit
    if head_sha is None:
        published.lines.append("- no check run: the run names no commit")
        return
    check = published.attempt(
        f"create the check run {name!r}",
        lambda: checks.publish_check(
            job.client,
            name=name,
            head_sha=head_sha,
            verdict=verdict,
            output=output,
            details_url=job.context.run_url,
        ),
    )
    if check is not None:
        published.check_run_ids.append(str(check.check_run_id))
        published.lines.append(f"- check run [{escape(name)}]({check.url}) on {head_sha[:12]}: {verdict}")


def check_name(configured: str, suite: str) -> str:
    return f"{configured} ({suite})" if configured else f"perf-action: {suite}"


def check_title(summary: RegressionSummary, gated: bool) -> str:
    """The verdict in words and numbers only: nothing from the results' strings."""
    counts = summary.counts()
    total = sum(counts.values())
    advisory = "" if gated else " (advisory)"
    if summary.status == "FAILURE":
        return f"Regression: {counts['failure']} of {total} metrics worse{advisory}"
    if summary.status == "WARNING":
        return f"Warning: {counts['warning']} of {total} metrics slightly worse{advisory}"
    if summary.status == "PASS":
        return f"No regression in {total} metrics"
    return f"No verdict for {total} metrics (nothing comparable)"


def verdict_material(summary: RegressionSummary) -> dict[str, object]:
    """What `comment: changed` compares: the verdict and the numbers, not the run that produced them."""
    return {
        "status": summary.status,
        "rows": [
            [row.benchmark, row.metric, row.status, row.baseline, row.current, row.change_pct]
            for row in summary.rows
        ],
    }


def _compare_result(job: Job, outcomes: list[CompareOutcome], code: ExitCode, published: Published) -> Result:
    from perfaction.action import Result
    from perfaction.render import RenderContext, render

    summaries = [outcome.summary for outcome in outcomes]
    worst = min((s.status for s in summaries), key=STATUS_ORDER.index, default="NEUTRAL")
    regressions = sum(s.counts()["failure"] + s.counts()["warning"] for s in summaries)
    context = RenderContext.from_environment(dict(os.environ))
    templates = job.in_workspace(job.inputs.template_dir)
    parts = [render(summary, "job", context, templates) for summary in summaries]
    parts.append("### Published\n\n" + ("\n".join(published.lines) or "- nothing") + "\n")
    suites = ", ".join(s.suite for s in summaries)
    return Result(
        code,
        f"perf-action compare: {worst} for {suites} (exit code {int(code)})",
        "\n\n".join(parts),
        published.failures,
        outputs={
            "status": worst.lower(),
            "regressions": str(regressions),
            "summary-path": "\n".join(str(summary_path(job.workspace, s.suite)) for s in summaries),
            "comment-url": "\n".join(published.comment_urls),
            "check-run-id": "\n".join(published.check_run_ids),
        },
    )


def _invalid_results(job: Job, failure: ValidationFailure) -> Result:
    """Bad or hostile results: no comment, a failing check listing the problems as inert text, a summary."""
    from perfaction.action import Result
    from perfaction.github import checks

    published = Published()
    output = checks.CheckOutput(
        title=f"Invalid benchmark results: {len(failure.problems)} problem(s)",
        summary="The results could not be judged:\n\n" + problem_list(failure.problems, MAX_CHECK_PROBLEMS),
    )
    _post_check(job, published, job.inputs.check_name or "perf-action", "failure", output)
    annotations = [Annotation("error", str(p), title="invalid benchmark results") for p in failure.problems]
    summary = (
        "The benchmark results were refused: nothing was compared and no comment was posted.\n\n"
        f"### Problems\n\n{problem_list(failure.problems, MAX_LISTED_PROBLEMS)}\n\n"
        "### Published\n\n" + "\n".join(published.lines) + "\n"
    )
    return Result(
        ExitCode.INVALID,
        f"perf-action: the benchmark results are invalid ({len(failure.problems)} problem(s))",
        summary,
        [*annotations, *published.failures],
        outputs={"status": "invalid", "check-run-id": "\n".join(published.check_run_ids)},
    )


def problem_list(problems: list[Problem], limit: int) -> str:
    """Problems as Markdown list items in which nothing from the input is active."""
    lines = [
        f"- {escape(p.source)}: {escape(p.pointer or '(root)')}: {escape(p.message)}"
        for p in problems[:limit]
    ]
    if len(problems) > limit:
        lines.append(f"- … and {len(problems) - limit} more")
    return "\n".join(lines)


def escape(text: str) -> str:
    from perfaction.render.escape import escape as markdown_escape

    return markdown_escape(text, limit=1000)


def shown(path: Path, workspace: Path) -> str:
    return str(path.relative_to(workspace)) if path.is_relative_to(workspace) else str(path)


# --- promote ----------------------------------------------------------------------------------------


def promote_mode(inputs: Inputs, workspace: Path) -> Result:
    """Download a run's results, validate, judge by the policy, commit (or only plan, in a dry run)."""
    from perfaction.action import Result
    from perfaction.baseline.policy import PromotionRefused
    from perfaction.baseline.promote import Plan
    from perfaction.baseline.store import Actor
    from perfaction.jobs import promote_job

    if inputs.run_id is None:
        raise ToolingError("input 'run-id': promote needs the workflow run whose results become the baseline")
    job = Job.start(inputs, workspace)
    built = _check_promotable_run(job, inputs.run_id)
    store = job.store()
    actor = Actor.named(job.context.actor or "github-actions[bot]")
    with tempfile.TemporaryDirectory(prefix="perfaction-") as scratch:
        found = _from_artifact(job, inputs.run_id, Path(scratch))
        reports = read_results(found, inputs)
        if len(reports) != 1:
            suites = ", ".join(report.suite for _, report in reports)
            raise ToolingError(f"run {inputs.run_id} holds several suites ({suites}): promote one at a time")
        path, report = reports[0]
        try:
            outcome = promote_job(
                path,
                store,
                actor=actor,
                fmt=inputs.format,
                suite=inputs.suite or None,
                reason=inputs.reason or None,
                dry_run=inputs.dry_run,
                config_path=job.in_workspace(inputs.config),
                commit=built,
            )
        except PromotionRefused as refused:
            return Result(
                ExitCode.REGRESSION,
                f"perf-action promote: the policy refused {report.suite}",
                f"The baseline is unchanged.\n\n{verbatim(str(refused))}\n",
                [Annotation("error", str(refused), title="promotion refused")],
                outputs={"status": "refused"},
            )
    if isinstance(outcome, Plan) and outcome.refused:
        return Result(
            ExitCode.REGRESSION,
            f"perf-action promote (dry run): the policy would refuse {report.suite}",
            f"Dry run: nothing was written.\n\n{verbatim(outcome.render())}\n",
            [Annotation("error", "; ".join(outcome.blockers), title="promotion refused")],
            outputs={"status": "refused"},
        )
    if isinstance(outcome, Plan):
        headline = f"perf-action promote (dry run): would promote {report.suite}"
        status, done, plan = "planned", "Dry run: nothing was written.", outcome
    else:
        headline = f"perf-action promote: {report.suite} is now {store.describe(outcome.version)}"
        again = (
            f" after {outcome.attempts} attempts (the branch moved meanwhile)" if outcome.attempts > 1 else ""
        )
        status, done, plan = (
            "promoted",
            f"Committed {outcome.version} to {escape(store.branch)}{again}.",
            outcome.plan,
        )
    summary = f"{done}\n\nResults of run {inputs.run_id}.\n\n{verbatim(plan.render())}\n"
    return Result(ExitCode.OK, headline, summary, [], outputs={"status": status})


def _check_promotable_run(job: Job, run_id: int) -> str:
    """Only this repository's own successful runs may set the baseline: never a fork's results.

    Returns the commit the run built: the baseline's source commit.
    """
    with job.client.calling(f"reading workflow run {run_id}"):
        run = job.client.repo.get_workflow_run(run_id)
        head = run.head_repository.full_name if run.head_repository is not None else None
        conclusion = run.conclusion
        built = run.head_sha
    if head != job.context.repository:
        raise ToolingError(
            f"run {run_id} built {head}: results from another repository never become the baseline"
        )
    if conclusion != "success":
        raise ToolingError(
            f"run {run_id} concluded {conclusion!r}: only a successful run's results are promoted"
        )
    return built


def verbatim(text: str) -> str:
    """Text shown as it is: a fence longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"
