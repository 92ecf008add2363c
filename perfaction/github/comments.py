"""The sticky comment: one per suite and pull request, found by its hidden marker and edited in place.

A comment is ours only when the token's own identity wrote it: the GitHub App of an installation token
(GITHUB_TOKEN is the github-actions app's), known from the check run this run created, or the user of a
personal access token (GET /user). Anyone can post a comment that opens with our marker, and another
app may echo a pull request's text into one; editing theirs would let them speak for perf-action.
The digest that `comment: changed` compares is keyed with the comment's own id, which nobody knows
before the comment exists, so a comment written to look like ours cannot carry a matching one.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING, Any

from perfaction.errors import ToolingError
from perfaction.records import datarecord
from perfaction.render.view import marker as rendered_marker
from perfaction.sizes import COMMENT_CHARS, chars

if TYPE_CHECKING:
    from perfaction.github.client import Client

MAX_BODY = COMMENT_CHARS
_CUT_NOTICE = "\n*Cut to fit GitHub's size limit.*\n"
_MARKER_PREFIX = "<!-- perfaction:"
_DIGEST = re.compile(r"<!-- perfaction-digest:([0-9a-f]{32}) -->")
# Written on creation, before the comment has the id its digest is keyed with.
_NO_DIGEST = "pending"


@datarecord(frozen=True)
class Identity:
    """Who the token acts as: a GitHub App (an installation token) or a user (a personal access token)."""

    login: str
    app_id: int | None = None
    user_id: int | None = None

    @classmethod
    def of_app(cls, app_id: int, slug: str) -> Identity:
        """An installation token writes as the app's bot user, `<slug>[bot]`, performed via the app."""
        return cls(f"{slug}[bot]", app_id=app_id)

    def wrote(self, comment: Any) -> bool:
        author = comment.user
        if author is None:
            return False
        via = comment.performed_via_github_app
        if self.app_id is not None:
            return via is not None and via.id == self.app_id and author.login == self.login
        return self.user_id is not None and author.id == self.user_id


def whoami(client: Client) -> Identity:
    """A user's token names its user; an installation token cannot, and the check run names its app."""
    from perfaction.github.client import GitHubError  # noqa: PLC0415 - urllib3: see context.py

    try:
        with client.calling("reading which user the token belongs to"):
            user = client.github.get_user()
            return Identity(user.login, user_id=user.id)
    except GitHubError as error:
        if error.status != 403:
            raise
    raise ToolingError(
        "cannot tell perf-action's comments from others': the token is a GitHub App's (as GITHUB_TOKEN "
        "is) and no check run was created to name the app; give the job `checks: write`"
    )


@datarecord
class Thread:
    """A pull request's comments that open with a perf-action marker, read once per run (every page)."""

    pull_number: int
    issue: Any
    marked: dict[str, list[Any]] = field(default_factory=dict)

    def ours(self, suite: str, identity: Callable[[], Identity]) -> Any | None:
        """The oldest comment opening with the suite's marker that the token's identity wrote."""
        candidates = self.marked.get(marker(suite), [])
        return next((comment for comment in candidates if identity().wrote(comment)), None)


def read_thread(client: Client, pull_number: int) -> Thread:
    with client.calling(f"reading the comments of pull request #{pull_number}"):
        issue = client.repo.get_issue(pull_number)
        thread = Thread(pull_number, issue)
        for comment in issue.get_comments():
            first_line = (comment.body or "").split("\n", 1)[0].rstrip("\r")
            if first_line.startswith(_MARKER_PREFIX):
                thread.marked.setdefault(first_line, []).append(comment)
    return thread


@datarecord(frozen=True)
class CommentOutcome:
    """What happened to the comment: created, updated, unchanged or skipped, and where it lives."""

    action: str
    url: str | None = None
    comment_id: int | None = None


def marker(suite: str) -> str:
    """The renderer's hidden marker, which the built-in comment template puts on its first line."""
    return str(rendered_marker(suite))


def content_digest(material: Any, comment_id: int) -> str:
    """The verdict and the numbers, keyed with the comment's id: `comment: changed` posts when it moves."""
    canonical = json.dumps(material, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(f"{comment_id}:{canonical}".encode()).hexdigest()[:32]


def compose(suite: str, digest: str | None, body: str) -> str:
    """The marker, then the digest, then the rendered body (cut at a line end if the digest tips it over)."""
    head = f"{marker(suite)}\n<!-- perfaction-digest:{digest or _NO_DIGEST} -->\n"
    rest = body.removeprefix(f"{marker(suite)}\n")
    room = MAX_BODY - chars(head)
    if chars(rest) > room:
        room -= chars(_CUT_NOTICE)
        while chars(rest) > room:
            rest = rest[: rest.rfind("\n", 0, max(len(rest) - 1, 0)) + 1] if "\n" in rest else ""
        rest += _CUT_NOTICE
    return head + rest


def publish_comment(
    client: Client,
    thread: Thread,
    identity: Callable[[], Identity],
    *,
    suite: str,
    body: str,
    material: Any,
    policy: str,
) -> CommentOutcome:
    """Create or edit this suite's comment according to the policy; never a second copy.

    `always` and `changed` create it when missing; `update` only edits one that exists.
    `identity` is asked only when a comment opens with the suite's marker: who wrote it matters then.
    """
    if policy == "never":
        return CommentOutcome("skipped")
    existing = thread.ours(suite, identity)
    where = f"pull request #{thread.pull_number}"
    if existing is None and policy == "update":
        return CommentOutcome("skipped")
    if existing is None:
        with client.calling(f"commenting on {where}"):
            created = thread.issue.create_comment(client.mask(compose(suite, None, body)))
        if policy == "changed":
            _edit(client, created, compose(suite, content_digest(material, created.id), body), where)
        return CommentOutcome("created", created.html_url, created.id)
    digest = content_digest(material, existing.id)
    if policy == "changed" and _stored_digest(existing.body or "") == digest:
        return CommentOutcome("unchanged", existing.html_url, existing.id)
    _edit(client, existing, compose(suite, digest, body), where)
    return CommentOutcome("updated", existing.html_url, existing.id)


def _edit(client: Client, comment: Any, text: str, where: str) -> None:
    with client.calling(f"updating comment {comment.id} on {where}"):
        comment.edit(client.mask(text))


def _stored_digest(body: str) -> str | None:
    """The digest on the comment's second line, where compose() puts it; nowhere else counts."""
    lines = body.split("\n", 2)
    found = _DIGEST.fullmatch(lines[1].rstrip("\r")) if len(lines) > 1 else None
    return found.group(1) if found else None


def post_commit_comment(client: Client, commit_sha: str, body: str) -> str | None:
    """A comment on a commit, returning its page (one POST: PyGithub would GET the commit first)."""
    from perfaction.github.client import GitHubError  # noqa: PLC0415 - the client loads PyGithub

    if len(body) > MAX_BODY:
        raise ToolingError(f"the commit comment is {len(body)} characters, over GitHub's {MAX_BODY}")
    what = f"commenting on commit {commit_sha[:12]}"
    url = f"{client.api_url}/repos/{client.repository}/commits/{commit_sha}/comments"
    with client.calling(what):
        response = client.session.post(
            url, json={"body": client.mask(body)}, headers=client.auth_headers(), timeout=client.timeout
        )
    answer = (
        response.json() if response.headers.get("Content-Type", "").startswith("application/json") else {}
    )
    if response.status_code != 201:
        raise GitHubError(
            what, response.status_code, client.mask(str(answer.get("message", response.reason)))
        )
    return answer.get("html_url")
