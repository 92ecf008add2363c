"""Markup in benchmark names is refused before anything reaches a comment or a check run."""

from __future__ import annotations

import pytest

from perfaction.github.untrusted import markup_problems

REAL_NAMES = [
    "parse/copybook/1MiB",
    "BM_Sort<std::vector<int>>/1024/real_time",
    "test_encode[utf-8-large]",
    "group/bench #3",
    "decode 1.5 GiB/s (x86_64)",
    "user@example.com throughput",
    "a -> b",
]

HOSTILE_NAMES = [
    ("<img src=x onerror=alert(1)>", "an HTML tag"),
    ("</details><script>x</script>", "an HTML tag"),
    ("<!-- perfaction:other -->", "an HTML comment"),
    ("[click](https://evil.example)", "a Markdown link"),
    ("![x](https://evil.example/p.png)", "a Markdown link or image"),
    ("ping @octocat", "a @mention"),
    ("@octo-org/security please look", "a @mention"),
    ("x` | injected", "a backtick"),
    ("safe\u202ename", "a bidirectional text control"),
    ("javascript:alert(1)", "a script or data URL"),
]


@pytest.mark.parametrize("name", REAL_NAMES)
def test_names_real_tools_produce_pass(name):
    assert markup_problems({"benchmarks": [{"name": name}]}, "r.json") == []


@pytest.mark.parametrize(("name", "what"), HOSTILE_NAMES)
def test_markup_is_refused_with_its_location(name, what):
    document = {"benchmarks": [{"name": "ok"}, {"name": name}]}
    first = markup_problems(document, "r.json")[0]
    assert first.pointer == "/benchmarks/1/name"
    assert what in first.message


def test_every_string_is_checked_not_only_names():
    document = {"environment": {"cpu_model": "<b>fast</b>", "extra": {"a/b": "@admin"}}}
    pointers = [p.pointer for p in markup_problems(document, "r.json")]
    assert pointers == ["/environment/cpu_model", "/environment/extra/a~1b"]


def test_the_message_shows_the_text_inert():
    problems = markup_problems({"name": "bad\u202e<img>"}, "r.json")
    assert all("\\u202e" in p.message for p in problems)
