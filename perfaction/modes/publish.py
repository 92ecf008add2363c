"""Where the action's verdicts go: a check run and a sticky comment per suite, and the job summary.

Publishing is isolated: the check run, the comment and the job summary each fail alone. A read-only
token (a fork's pull_request run) loses the comment and the check run, but the summary and the outputs
are still written, and the log says what failed and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import TypeVar

from perfaction.errors import ExitCode, PerfactionError, Problem, ValidationFailure
from perfaction.github import checks, comments
from perfaction.github.client import Client, GitHubError
from perfaction.github.context import Context, PullRequest
from perfaction.github.runner import Annotation, StepResult
from perfaction.markdown import MESSAGE_LIMIT
from perfaction.markdown import escape as markdown_escape
from perfaction.records import datarecord
from perfaction.render import RenderContext, render
from perfaction.summary import RegressionSummary
from perfaction.verdicts import Overall, Status

MAX_LISTED_PROBLEMS = 50
REGRESSED = (Status.FAILURE, Status.WARNING)
MAX_CHECK_PROBLEMS = 20
READ_ONLY_HINT = (
    "the token is read-only, as in pull_request runs from forks; post from a workflow_run job "
    "(the fork-safe setup in docs/github.md)"
)
T = TypeVar("T")


@datarecord(frozen=True)
class Publishing:
    """How verdicts are published: the comment policy, the gate, the check name, user templates, and
    the pull-request label that acknowledges regressions (it changes the verdict, so comments name it)."""

    comment: str
    fail_on_regression: bool
    check_name: str = ""
    templates: Path | None = None
    acknowledge_label: str = ""


@datarecord
class Published:
    """What reached GitHub and what did not, for the summary, the outputs and the exit code."""

    lines: list[str] = field(default_factory=list)
    failures: list[Annotation] = field(default_factory=list)
    comment_urls: list[str] = field(default_factory=list)
    check_run_ids: list[str] = field(default_factory=list)
    # The app that created this run's check runs, or the token's user: which comments are ours.
    app: tuple[int, str] | None = None
    user: comments.Identity | None = None
    notices: list[Annotation] = field(default_factory=list)

    def warnings(self, messages: list[str]) -> None:
        """Things the user must know that fail nothing, such as an acknowledgement past its date."""
        for message in messages:
            self.notices.append(Annotation("warning", message, title="perf-action"))
            self.lines.append(f"- ⚠️ {escape(message)}")

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


def publish_verdicts(
    client: Client,
    context: Context,
    how: Publishing,
    *,
    summaries: list[RegressionSummary],
    verdict: ExitCode,
    summary_paths: list[Path],
    results: tuple[str | None, PullRequest | None, Published],
) -> StepResult:
    """Each suite's check run and comment, then the job summary of them all and the step's outputs.

    `results` is the commit the results belong to, the pull request they are about (found before the
    comparison) and what was published so far. A publishing failure turns a clean verdict into exit 4;
    a regression's exit 3 stands.
    """
    commit, found, published = results
    pull = pull_number(context, how.comment, found, published)
    thread = _thread(client, pull, published)
    label = how.acknowledge_label if found is not None else ""  # a label needs a pull request
    rendering = RenderContext.for_run(context.run, how.fail_on_regression, label or None)
    for summary in summaries:
        where = (commit, context.run_url, thread)
        publish_suite(client, how, summary, where=where, rendering=rendering, published=published)
    code = verdict if verdict or not published.failures else ExitCode.TOOLING
    worst = min((s.status for s in summaries), key=list(Overall).index, default=Overall.NEUTRAL)
    regressions = sum(s.counts()[Status.FAILURE] + s.counts()[Status.WARNING] for s in summaries)
    parts = [render(summary, "job", rendering, how.templates) for summary in summaries]
    parts.append("### Published\n\n" + ("\n".join(published.lines) or "- nothing") + "\n")
    suites = ", ".join(s.suite for s in summaries)
    return StepResult(
        code,
        f"perf-action compare: {worst} for {suites} (exit code {int(code)})",
        "\n\n".join(parts),
        [*published.failures, *published.notices],
        outputs={
            "status": worst.lower(),
            "regressions": str(regressions),
            "summary-path": "\n".join(str(path) for path in summary_paths),
            "comment-url": "\n".join(published.comment_urls),
            "check-run-id": "\n".join(published.check_run_ids),
        },
    )


def pull_number(context: Context, policy: str, pull: PullRequest | None, published: Published) -> int | None:
    """The pull request to comment on, found before the comparison; the summary says why there is none."""
    if policy == "never":
        return None
    if pull is not None:
        return pull.number
    if context.pull_request is None and context.workflow_run is None:
        published.lines.append("- no comment: this run is not about a pull request")
    elif not published.failures:
        sha = context.head_sha or ""
        published.lines.append(f"- no comment: no open pull request has {sha[:12]} as its head")
    return None


def _thread(client: Client, pull: int | None, published: Published) -> comments.Thread | None:
    """The pull request's marked comments, read once for every suite of the run."""
    if pull is None:
        return None
    return published.attempt(
        f"read the comments of pull request #{pull}", lambda: comments.read_thread(client, pull)
    )


def publish_suite(
    client: Client,
    how: Publishing,
    summary: RegressionSummary,
    *,
    where: tuple[str | None, str | None, comments.Thread | None],
    rendering: RenderContext,
    published: Published,
) -> None:
    """The suite's check run on `commit`, then its comment on the pull request, each alone.

    `where` is the commit, the run's URL for the check's details, and the pull request's comments.
    """
    commit, details_url, thread = where
    output = checks.CheckOutput(
        title=check_title(summary, how.fail_on_regression),
        summary=render(summary, "check", rendering, how.templates),
        text=render(summary, "check-text", rendering, how.templates),
    )
    verdict = checks.conclusion(summary.status, how.fail_on_regression)
    name = f"{how.check_name} ({summary.suite})" if how.check_name else f"perf-action: {summary.suite}"
    post_check(client, published, name, verdict, output, head_sha=commit, details_url=details_url)
    if thread is None:
        return
    pull = thread.pull_number
    body = render(summary, "comment", rendering, how.templates)
    policy = how.comment
    if policy == "regressions":  # a new comment only for a regression; an existing one always follows
        policy = "always" if summary.status in (Overall.FAILURE, Overall.WARNING) else "update"
    comment = published.attempt(
        f"comment on pull request #{pull}",
        lambda: comments.publish_comment(
            client,
            thread,
            lambda: _identity(client, published),
            suite=summary.suite,
            body=body,
            material=verdict_material(summary),
            policy=policy,
        ),
    )
    if comment is not None and comment.comment_id is None:
        published.lines.append(f"- no comment on #{pull}: nothing regressed (comment: {how.comment})")
    elif comment is not None:
        if comment.url:
            published.comment_urls.append(comment.url)
        shown = f"[comment]({comment.url})" if comment.url else "comment"
        published.lines.append(f"- ✅ {shown} on #{pull}: {comment.action}")


def post_check(
    client: Client,
    published: Published,
    name: str,
    verdict: str,
    output: checks.CheckOutput,
    *,
    head_sha: str | None,
    details_url: str | None,
) -> None:
    """One check run on the head commit, recorded in what was published (or what failed)."""
    if head_sha is None:
        published.lines.append("- no check run: the run names no commit")
        return
    check = published.attempt(
        f"create the check run {name!r}",
        lambda: checks.publish_check(
            client, name=name, head_sha=head_sha, verdict=verdict, output=output, details_url=details_url
        ),
    )
    if check is not None:
        published.app = published.app or check.app
        published.check_run_ids.append(str(check.check_run_id))
        published.lines.append(f"- check run [{escape(name)}]({check.url}) on {head_sha[:12]}: {verdict}")


def _identity(client: Client, published: Published) -> comments.Identity:
    """The app that created our check runs, else the user a personal access token belongs to."""
    if published.app is not None:
        return comments.Identity.of_app(*published.app)
    published.user = published.user or comments.whoami(client)
    return published.user


def check_title(summary: RegressionSummary, gated: bool) -> str:
    """The verdict in words and numbers only: nothing from the results' strings."""
    counts = summary.counts()
    total = sum(counts.values())
    advisory = "" if gated else " (advisory)"
    acknowledged = sum(row.acknowledged and row.status in REGRESSED for row in summary.rows)
    if summary.status == Overall.FAILURE:
        return f"Regression: {counts[Status.FAILURE]} of {total} metrics worse{advisory}"
    if summary.status == Overall.WARNING:
        return f"Warning: {counts[Status.WARNING]} of {total} metrics slightly worse{advisory}"
    if summary.status == Overall.PASS and acknowledged:
        return f"Acknowledged: {acknowledged} of {total} metrics worse, none counts"
    if summary.status == Overall.PASS:
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


def invalid_results(
    client: Client, failure: ValidationFailure, check_name: str, commit: str | None, details_url: str | None
) -> StepResult:
    """Bad or hostile results: no comment, a failing check listing the problems as inert text, a summary."""
    published = Published()
    output = checks.CheckOutput(
        title=f"Invalid benchmark results: {len(failure.problems)} problem(s)",
        summary="The results could not be judged:\n\n" + problem_list(failure.problems, MAX_CHECK_PROBLEMS),
    )
    name = check_name or "perf-action"
    post_check(client, published, name, "failure", output, head_sha=commit, details_url=details_url)
    annotations = [Annotation("error", str(p), title="invalid benchmark results") for p in failure.problems]
    summary = (
        "The benchmark results were refused: nothing was compared and no comment was posted.\n\n"
        f"### Problems\n\n{problem_list(failure.problems, MAX_LISTED_PROBLEMS)}\n\n"
        "### Published\n\n" + "\n".join(published.lines) + "\n"
    )
    return StepResult(
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
    """Inert Markdown, with room for long messages (the renderer cuts names at 300 characters)."""
    return markdown_escape(text, limit=MESSAGE_LIMIT)


def verbatim(text: str) -> str:
    """Text shown as it is: a fence longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"
