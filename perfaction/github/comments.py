"""The sticky comment: one per suite and pull request, found by its hidden marker and edited in place.

The marker must open the comment, and the comment must be written by a bot (the workflow token's
identity) or by someone with write access: anyone can post a comment that starts with our marker,
and editing theirs would let them take over what the PR shows.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from perfaction.errors import ToolingError
from perfaction.render.view import marker as rendered_marker
from perfaction.sizes import COMMENT_CHARS, chars

if TYPE_CHECKING:
    from perfaction.github.client import Client

MAX_BODY = COMMENT_CHARS
_TRUSTED_ASSOCIATIONS = {"OWNER", "MEMBER", "COLLABORATOR"}
_CUT_NOTICE = "\n*Cut to fit GitHub's size limit.*\n"
_DIGEST = re.compile(r"^<!-- perfaction-digest:([0-9a-f]{16,64}) -->$", re.MULTILINE)


@dataclass(frozen=True)
class CommentOutcome:
    """What happened to the comment: created, updated, unchanged or skipped, and where it lives."""

    action: str
    url: str | None = None
    comment_id: int | None = None


def marker(suite: str) -> str:
    """The renderer's hidden marker, which the built-in comment template puts on its first line."""
    return str(rendered_marker(suite))


def content_digest(material: Any) -> str:
    """A stable digest of the verdict and the numbers: `comment: changed` posts only when it moves."""
    canonical = json.dumps(material, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def compose(suite: str, digest: str, body: str) -> str:
    """The marker, then the digest, then the rendered body (cut at a line end if the digest tips it over)."""
    head = f"{marker(suite)}\n<!-- perfaction-digest:{digest} -->\n"
    rest = body.removeprefix(f"{marker(suite)}\n")
    room = MAX_BODY - chars(head)
    if chars(rest) > room:
        room -= chars(_CUT_NOTICE)
        while chars(rest) > room:
            rest = rest[: rest.rfind("\n", 0, max(len(rest) - 1, 0)) + 1] if "\n" in rest else ""
        rest += _CUT_NOTICE
    return head + rest


def publish_comment(
    client: Client, pull_number: int, *, suite: str, body: str, digest: str, policy: str
) -> CommentOutcome:
    """Create or edit this suite's comment according to the policy; never a second copy."""
    if policy == "never":
        return CommentOutcome("skipped")
    text = compose(suite, digest, body)
    with client.calling(f"reading the comments of pull request #{pull_number}"):
        issue = client.repo.get_issue(pull_number)
        existing = _find(issue.get_comments(), marker(suite))
    if existing is None:
        with client.calling(f"commenting on pull request #{pull_number}"):
            created = issue.create_comment(text)
        return CommentOutcome("created", created.html_url, created.id)
    previous = _DIGEST.search(existing.body or "")
    if policy == "changed" and previous is not None and previous.group(1) == digest:
        return CommentOutcome("unchanged", existing.html_url, existing.id)
    with client.calling(f"updating comment {existing.id} on pull request #{pull_number}"):
        existing.edit(text)
    return CommentOutcome("updated", existing.html_url, existing.id)


def _find(comments: Any, wanted: str) -> Any | None:
    """The oldest trusted comment opening with the marker, looking through every page."""
    for comment in comments:
        first_line = (comment.body or "").split("\n", 1)[0].rstrip("\r")
        if first_line == wanted and _trusted(comment):
            return comment
    return None


def _trusted(comment: Any) -> bool:
    author = comment.user
    is_bot = author is not None and author.type == "Bot"
    return is_bot or comment.raw_data.get("author_association") in _TRUSTED_ASSOCIATIONS


def post_commit_comment(client: Client, commit_sha: str, body: str) -> str | None:
    """A comment on a commit, returning its page (one POST: PyGithub would GET the commit first)."""
    from perfaction.github.client import GitHubError  # noqa: PLC0415 - the client loads PyGithub

    if len(body) > MAX_BODY:
        raise ToolingError(f"the commit comment is {len(body)} characters, over GitHub's {MAX_BODY}")
    what = f"commenting on commit {commit_sha[:12]}"
    url = f"{client.api_url}/repos/{client.repository}/commits/{commit_sha}/comments"
    with client.calling(what):
        response = client.session.post(
            url, json={"body": body}, headers=client.auth_headers(), timeout=client.timeout
        )
    answer = (
        response.json() if response.headers.get("Content-Type", "").startswith("application/json") else {}
    )
    if response.status_code != 201:
        raise GitHubError(
            what, response.status_code, client.mask(str(answer.get("message", response.reason)))
        )
    return answer.get("html_url")
