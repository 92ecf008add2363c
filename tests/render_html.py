"""Read rendered HTML the way a reviewer would: which tags, which links, what text, and table shapes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

from perfaction.markdown import ZWSP

# Tags perf-action's own templates produce; anything else in the HTML came from somewhere else.
TEMPLATE_TAGS = {
    "h2",
    "h3",
    "p",
    "b",
    "sub",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "details",
    "summary",
    "code",
    "pre",
    "a",
}

# What GitHub itself would turn into links or notifications in rendered text outside code.
GITHUB_TRIGGERS = {
    "mention": re.compile(r"(?<![A-Za-z0-9])@[A-Za-z0-9]"),
    "issue": re.compile(r"#\d"),
    "gh-issue": re.compile(r"(?i)\bgh-\d"),
    "commit": re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{7,40}(?![0-9A-Za-z])"),
    "url": re.compile(r"(?i)[a-z]+://"),
    "www": re.compile(r"(?i)www\."),
    "email": re.compile(r"[A-Za-z0-9._+-]@[A-Za-z0-9-]"),
}


def to_html(markdown: str) -> str:
    """As github.com renders a comment: GFM extensions, raw HTML allowed where GitHub allows it."""
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


class Page(HTMLParser):
    """The parts of an HTML fragment the safety tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.links: list[str] = []
        self.images = 0
        self.text: list[str] = []  # outside <code> and <pre>: what GitHub post-processes
        self.all_text: list[str] = []
        self.tables: list[list[list[str]]] = []  # table -> rows -> cell texts
        self._code_depth = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif tag == "img":
            self.images += 1
        elif tag in ("code", "pre"):
            self._code_depth += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre"):
            self._code_depth -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.all_text.append(data)
        if self._code_depth == 0:
            self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def handle_comment(self, data: str) -> None:  # noqa: ARG002 - only that there is one matters
        self.tags.add("!--")

    def visible(self) -> str:
        """All text as a reader sees it (zero-width spaces are invisible)."""
        return "".join(self.all_text).replace(ZWSP, "")

    def triggers(self) -> dict[str, list[str]]:
        """GitHub autolink and mention patterns found in text GitHub would post-process."""
        text = "".join(self.text)
        found = {name: pattern.findall(text) for name, pattern in GITHUB_TRIGGERS.items()}
        return {name: hits for name, hits in found.items() if hits}


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page
