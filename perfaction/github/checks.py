"""The check run: the verdict on the pull request's head commit, where branch protection can see it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from perfaction.errors import ToolingError
from perfaction.records import datarecord
from perfaction.sizes import CHECK_OUTPUT_CHARS
from perfaction.verdicts import Overall

if TYPE_CHECKING:
    from perfaction.github.client import Client

# Limits of the check-runs API (OpenAPI description: output.summary and output.text maxLength).
MAX_OUTPUT = CHECK_OUTPUT_CHARS
MAX_TITLE = 255


@datarecord(frozen=True)
class CheckOutput:
    """What the check run shows: a one-line title with the verdict, a summary and optional details."""

    title: str
    summary: str
    text: str | None = None

    def as_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"title": self.title, "summary": self.summary}
        if self.text:
            payload["text"] = self.text
        return payload


@datarecord(frozen=True)
class CheckOutcome:
    """The check run created, and the GitHub App that created it: the token's own identity."""

    check_run_id: int
    url: str | None
    app: tuple[int, str] | None = None  # id and slug


def conclusion(status: Overall, fail_on_regression: bool) -> str:
    """Advisory by default: a regression is reported as neutral unless the user asked for a gate."""
    if status == Overall.FAILURE and fail_on_regression:
        return "failure"
    if status == Overall.PASS:
        return "success"
    return "neutral"


def publish_check(
    client: Client,
    *,
    name: str,
    head_sha: str,
    verdict: str,
    output: CheckOutput,
    details_url: str | None = None,
) -> CheckOutcome:
    """Create one completed check run on the head commit (not the merge commit) of the pull request."""
    output = CheckOutput(
        client.mask(output.title), client.mask(output.summary), output.text and client.mask(output.text)
    )
    for part, value in (("summary", output.summary), ("text", output.text or "")):
        if len(value) > MAX_OUTPUT:
            raise ToolingError(f"the check run {part} is {len(value)} characters, over GitHub's {MAX_OUTPUT}")
    if len(output.title) > MAX_TITLE:
        output = CheckOutput(output.title[: MAX_TITLE - 1] + "…", output.summary, output.text)
    extra: dict[str, Any] = {"details_url": details_url} if details_url else {}
    with client.calling(f"creating the check run {name!r}"):
        run = client.repo.create_check_run(
            name=name,
            head_sha=head_sha,
            status="completed",
            conclusion=verdict,
            output=output.as_payload(),
            **extra,
        )
    app = run.app
    return CheckOutcome(run.id, run.html_url, (app.id, app.slug) if app is not None else None)
