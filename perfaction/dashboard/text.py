"""Every string from a report is hostile: one way to put text, attributes and links into the pages."""

from __future__ import annotations

import html
import re

from perfaction.baseline.store import COMMIT_ID
from perfaction.render.escape import plain

MAX_TEXT = 600
_BASE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$")


def text(value: object) -> str:
    """Visible text: control and bidi characters replaced, markup escaped."""
    return html.escape(plain(str(value), MAX_TEXT), quote=True)


def attribute(value: object) -> str:
    """A double-quoted attribute value."""
    return html.escape(plain(str(value), MAX_TEXT), quote=True)


def number(value: float) -> str:
    """Four significant digits, as people read benchmark values."""
    return f"{value:.4g}"


def checked_base_url(url: str | None) -> str | None:
    """A repository's web address for commit links: http(s), a host and a plain path, or nothing."""
    if url is None:
        return None
    if not _BASE_URL.match(url):
        raise ValueError(f"not a usable repository URL for commit links: {url!r}")
    return url.rstrip("/")


def commit_link(base: str | None, commit: str | None) -> str:
    """The commit's short id, linked to its page when the base URL is known and the id looks like one."""
    if commit is None:
        return "?"
    shown = text(commit[:12])
    if base is None or not COMMIT_ID.match(commit):
        return f"<code>{shown}</code>"
    return f'<a href="{attribute(f"{base}/commit/{commit}")}"><code>{shown}</code></a>'


def range_link(base: str | None, older: str | None, newer: str | None) -> str:
    """Two commits; linked to the comparison of the commits in between when both look like commit ids."""
    shown = f"{commit_link(None, older)}..{commit_link(None, newer)}"
    if (
        base is None
        or older is None
        or newer is None
        or not (COMMIT_ID.match(older) and COMMIT_ID.match(newer))
    ):
        return shown
    return f'<a href="{attribute(f"{base}/compare/{older}...{newer}")}">{shown}</a>'
