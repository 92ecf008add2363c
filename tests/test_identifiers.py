"""One table of identifier rules: every schema pattern is in it, and each rule refuses a line break or NUL
anywhere, read as Python reads it (jsonschema's `re.search`) and as JSON Schema means it (ECMA-262)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regress
from action_steps import report
from conftest import ROOT
from jsonschema import Draft202012Validator

from perfaction.baseline.git import is_branch_name
from perfaction.identifiers import RULES, Rule

SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))
# The characters that have split names across lines, files, log commands and markers.
BREAKERS = {"LF": "\n", "CR": "\r", "LINE SEPARATOR": "\u2028", "NEXT LINE": "\u0085", "NUL": "\x00"}


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


def _ecma(rule: Rule, text: str) -> bool:
    """JSON Schema's reading: ECMA-262 with the Unicode flag, unanchored search."""
    return regress.Regex(rule.pattern, flags="u").find(text) is not None


def _schema(rule: Rule, text: str) -> bool:
    return Draft202012Validator({"type": "string", "pattern": rule.pattern}).is_valid(text)


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda path: path.name)
def test_every_schema_pattern_is_a_rule_of_the_table(schema: Path):
    known = {rule.pattern for rule in RULES.values()}
    patterns = _patterns(json.loads(schema.read_text(encoding="utf-8")))
    assert [p for p in patterns if p not in known] == []


def test_the_schemas_use_the_table():
    used = {p for schema in SCHEMAS for p in _patterns(json.loads(schema.read_text(encoding="utf-8")))}
    assert len(used) >= 12  # the names, commits, texts, keys and sums the schemas check


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda rule: rule.name)
def test_each_rule_takes_its_example_in_both_engines(rule: Rule):
    assert rule.matches(rule.example)
    assert _ecma(rule, rule.example)
    assert _schema(rule, rule.example)


@pytest.mark.parametrize("breaker", BREAKERS.values(), ids=BREAKERS.keys())
@pytest.mark.parametrize("rule", RULES.values(), ids=lambda rule: rule.name)
def test_each_rule_refuses_line_breaks_and_nul_anywhere(rule: Rule, breaker: str):
    example = rule.example
    for text in (example + breaker, breaker + example, example[:1] + breaker + example[1:]):
        allowed = rule.multiline and breaker == "\n"
        assert rule.matches(text) is allowed, repr(text)
        assert _ecma(rule, text) is allowed, repr(text)
        assert _schema(rule, text) is allowed, repr(text)


def test_a_trailing_newline_is_what_dollar_let_through():
    """The bug the table fixes: Python's `$` matches before a final newline, ECMA-262's does not."""
    old = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
    assert Draft202012Validator({"type": "string", "pattern": old}).is_valid("parse\n")
    assert regress.Regex(old, flags="u").find("parse\n") is None
    assert not RULES["suite"].matches("parse\n")


@pytest.mark.parametrize("name", ["perf-baselines\n", "perf-baselines\r", "a..b", "x.lock", "-x", "a//b"])
def test_branch_names_the_action_writes_to_are_strict(name: str):
    assert not is_branch_name(name)


def test_a_suite_with_a_trailing_newline_is_refused_where_it_stands(cli, tmp_path):
    document = report(suite="parse\n")
    path = tmp_path / "report.json"
    path.write_text(json.dumps(document))
    result = cli("validate", path)
    assert result.code == 2, result.stdout + result.stderr
    assert "/suite" in result.stdout + result.stderr
