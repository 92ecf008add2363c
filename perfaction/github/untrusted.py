"""Strings from a pull request's results end up in comments and check runs: refuse the ones that are markup.

The renderer escapes what it prints; this check is the second wall. It rejects what has no business
in a benchmark name or an environment description but would act in GitHub Markdown: HTML tags and
comments (which could fake our hidden markers), links and images, mentions that notify people,
backticks that break out of code spans, and bidirectional controls that make text read differently
than it is. Template brackets such as `Sort<std::vector<int>>` stay allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from perfaction.errors import Problem

_HTML_TAGS = (
    "a|abbr|audio|b|base|blockquote|body|br|button|code|details|dd|del|div|dl|dt|em|embed|form|"
    "frame|frameset|h[1-6]|head|hr|html|i|iframe|img|input|ins|kbd|link|li|marquee|math|meta|"
    "object|ol|option|p|picture|pre|q|s|samp|script|select|source|span|strike|strong|style|sub|"
    "summary|sup|svg|table|tbody|td|textarea|tfoot|th|thead|tr|tt|u|ul|var|video|wbr|xmp"
)
_RULES = (
    (re.compile(rf"<\s*/?\s*(?:{_HTML_TAGS})(?=[\s/>]|$)", re.IGNORECASE), "an HTML tag"),
    (re.compile(r"<!--|-->|<!\[|<\?"), "an HTML comment or directive"),
    (re.compile(r"\]\s*\(|!\[|\]\s*\[|\]:\s*\S"), "a Markdown link or image"),
    (re.compile(r"(?i)\b(?:javascript|vbscript|data):"), "a script or data URL"),
    (re.compile(r"(?:^|[^\w`])@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9_.-]+)?"), "a @mention"),
    (re.compile(r"`"), "a backtick"),
    (re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"), "a bidirectional text control"),
)


def markup_problems(document: Any, source: str) -> list[Problem]:
    """Every string in the document that would be read as markup, located by JSON pointer."""
    return [
        Problem(source, pointer, f"contains {what}, which perf-action will not publish: {_show(text)}")
        for pointer, text in _strings(document, "")
        for pattern, what in _RULES
        if pattern.search(text)
    ]


_NUMBERS = {int, float}


def _strings(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield pointer, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list) and not set(map(type, node)) <= _NUMBERS:  # samples hold no text
        for index, value in enumerate(node):
            yield from _strings(value, f"{pointer}/{index}")


def _show(text: str) -> str:
    """The offending text made inert for a log line or summary: ASCII-escaped and shortened."""
    shown = text.encode("ascii", "backslashreplace").decode()
    return repr(shown if len(shown) <= 80 else shown[:77] + "...")
