"""The one escaping filter: every artifact string becomes inert text in GitHub Markdown, HTML and Mermaid."""

from __future__ import annotations

import re
from functools import lru_cache

# Inserted where GitHub would otherwise link, mention or autolink; invisible when rendered.
ZWSP = "\u200b"
REPLACEMENT = "\ufffd"
MAX_TEXT = 300
# Messages (problems, failures) carry more than a name; the same escaping, a longer cut.
MESSAGE_LIMIT = 1000

# Bidi controls can make a name read differently from what it is ("Trojan source"): shown, not obeyed.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_LINE_BREAKS = "\n\r\t\v\f\x85\u2028\u2029"
_CONTROLS = [chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))]
_PLAIN = str.maketrans(
    {char: " " if char in _LINE_BREAKS else REPLACEMENT for char in (*_CONTROLS, *_BIDI, *_LINE_BREAKS)}
)

# GitHub's reference filters and cmark-gfm's autolink extension work on rendered text, so entities and
# backslashes do not stop them; a zero-width space inside the trigger does.
_REFERENCE_TRIGGERS = re.compile(
    r"""
      (?P<at>@)                              # @mention, @org/team, e-mail and xmpp: autolinks
    | (?P<hash>\#)                           # #123, owner/repo#123
    | (?P<gh>(?i:gh))(?=-\d)                 # GH-123
    | (?P<colon>:)(?=/)                      # http://, https://, ftp:// ... autolinks
    | (?P<www>(?i:www))(?=\.)                # www. autolinks
    | (?P<hex>(?i:[0-9a-f]{7,}))             # commit SHAs (GitHub links 7 to 40 hex digits)
    """,
    re.VERBOSE,
)

# Markdown punctuation is backslash-escaped; characters that matter to HTML become entities, which are
# inert in Markdown text and in raw HTML alike.
_CHARACTER_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "~": "\\~",
    "[": "\\[",
    "]": "\\]",
    "(": "\\(",
    "!": "\\!",
    "$": "\\$",
    "|": "\\|",
    "#": "\\#",
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
    '"': "&quot;",
}
_TRANSLATION = str.maketrans(_CHARACTER_ESCAPES)
# A string placed at the start of a line must not open a list, a heading underline or a block quote.
_LINE_START = re.compile(r"^(\d{1,9}(?=[.)](?:\s|$))|(?=[-+=](?:[-+=\s]|$)))")

_MERMAID_SAFE = re.compile(r"[^\w ./+:()-]")


class Markdown(str):
    """Text that is already safe to place in Markdown: produced by perf-action, never by an artifact."""

    __slots__ = ()


def plain(text: str, limit: int = MAX_TEXT) -> str:
    """One line of visible text: no control, bidi or line-break characters, bounded length."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    cleaned = text.translate(_PLAIN)
    return " ".join(cleaned.split()) if " " in cleaned else cleaned


def escape(value: object, limit: int = MAX_TEXT) -> Markdown:
    """Make any value inert text in GitHub Markdown; Markdown values pass through untouched."""
    if isinstance(value, Markdown):
        return value
    return _escape_text(str(value), limit)


@lru_cache(maxsize=65536)
def _escape_text(text: str, limit: int) -> Markdown:
    """Cached: budget fitting renders the same names several times."""
    text = _REFERENCE_TRIGGERS.sub(_break_reference, plain(text, limit)).translate(_TRANSLATION)
    return Markdown(_LINE_START.sub(r"\1\\", text, count=1))


def _break_reference(match: re.Match[str]) -> str:
    found = match.group(0)
    if match.lastgroup == "hex":
        return ZWSP.join(found[start : start + 6] for start in range(0, len(found), 6))
    return found + ZWSP


def mermaid(value: object, limit: int = 40) -> Markdown:
    """A Mermaid label: letters, digits and a few separators; no quotes, '#' codes, '%%' or markup."""
    text = _MERMAID_SAFE.sub(" ", plain(str(value), limit)).strip()
    return Markdown(text or "?")
