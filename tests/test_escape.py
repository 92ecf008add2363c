"""The escaping filter on its own: every hostile string, in every Markdown context a template uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from render_html import parse, to_html

from perfaction.markdown import REPLACEMENT, ZWSP, Markdown, escape, mermaid, plain
from perfaction.units import format_quantity

HOSTILE = json.loads((Path(__file__).parent / "data" / "render" / "hostile.json").read_text())[
    "benchmark_names"
]
# Artifacts that skipped schema validation could carry these too; the filter must not rely on it.
UNVALIDATED = [
    "nul\x00bell\x07esc\x1b[31m",
    "line\nbreak\r\n\n| a | b |\n|---|---|",
    "tab\there",
    "del\x7f\x85nel",
]

CONTEXTS = {
    "table cell": "| name | other |\n|---|---|\n| {} | x |\n",
    "list item": "- item {} end\n",
    "paragraph": "{}\n",
    "line start": "{} and more\n",
    "bold html": "<b>{}</b> after\n",
}


@pytest.mark.parametrize("context", list(CONTEXTS))
@pytest.mark.parametrize("text", HOSTILE + UNVALIDATED)
def test_escaped_text_is_inert_and_shown_as_written(text, context):
    html = to_html(CONTEXTS[context].format(escape(text)))
    page = parse(html)
    allowed = {"p", "ul", "li", "b", "table", "thead", "tbody", "tr", "th", "td"}
    assert page.tags <= allowed, html
    assert page.links == [] and page.images == 0
    assert page.triggers() == {}, html
    assert plain(text) in page.visible()
    for table in page.tables:
        assert [len(row) for row in table] == [2, 2], html
        assert table[1][0].replace(ZWSP, "") == plain(text)


def test_plain_makes_one_visible_line():
    assert plain("a\nb\r\nc\td\u2028e") == "a b c d e"
    assert plain("x\u202ey\u2066z\u200e") == f"x{REPLACEMENT}y{REPLACEMENT}z{REPLACEMENT}"
    assert plain("nul\x00") == f"nul{REPLACEMENT}"
    assert plain("  padded   out  ") == "padded out"
    assert plain("x" * 400, limit=10) == "x" * 9 + "…"


def test_github_references_are_broken_by_an_invisible_space():
    assert escape("@octocat") == f"@{ZWSP}octocat"
    assert escape("#12") == f"\\#{ZWSP}12"
    assert escape("GH-7") == f"GH{ZWSP}-7"
    assert escape("www.x.org") == f"www{ZWSP}.x.org"
    assert escape("https://x.org") == f"https:{ZWSP}//x.org"
    sha = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"
    assert escape(sha).replace(ZWSP, "") == sha
    assert all(len(chunk) <= 6 for chunk in escape(sha).split(ZWSP))


def test_block_markers_at_the_start_are_escaped_only_there():
    assert escape("1. x") == "1\\. x"
    assert escape("- x - y") == "\\- x - y"
    assert escape("a-b") == "a-b"
    assert escape("-x") == "-x"
    assert escape("---") == "\\---"
    assert escape("2.5 GiB") == "2.5 GiB"
    assert escape("12)") == "12\\)"


def test_markdown_values_pass_through_and_others_are_escaped():
    trusted = Markdown("**bold** `code`")
    assert escape(trusted) is trusted
    assert escape(3) == "3"
    assert escape(None) == "None"


def test_mermaid_labels_keep_words_and_lose_syntax():
    assert mermaid("codec/decode_2048 µs") == "codec/decode_2048 µs"
    for hostile in HOSTILE:
        label = mermaid(hostile)
        assert not set(label) & set('"`#%;<>[]{}|\n\\')
        assert len(label) <= 40


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (2806.0, "MiB/s", "2.74 GiB/s"),
        (23.0, "MiB/s", "23 MiB/s"),
        (23.4, "MiB/s", "23 MiB/s"),
        (9.996, "MiB/s", "10 MiB/s"),
        (172.0, "MiB/s", "172 MiB/s"),
        (0.0017, "s", "1.70 ms"),
        (1_700_000, "ns", "1.70 ms"),
        (250.0, "us", "250 µs"),
        (1_234_567, "ops/s", "1,234,567 ops/s"),
        (12, "count", "12"),
        (7.25, "%", "7.25 %"),
        (42.0, "%", "42 %"),
        (0.004, "ns", "0.004 ns"),
        (3 * 1024**3, "B", "3.00 GiB"),
        (2_500_000, "B/s", "2.38 MiB/s"),
        (2_500_000, "KB/s", "2.50 GB/s"),
    ],
)
def test_quantities_read_like_people_write_them(value, unit, expected):
    assert format_quantity(value, unit) == expected
