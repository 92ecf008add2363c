"""The compiled schema checks agree with jsonschema, so a valid document never needs jsonschema.

jsonschema runs on each schema as written (every `$ref` through a registry); perf-action checks the
same documents with its compiled check and, where that declines, with jsonschema on the bundled
schema. Both must say the same, in the same words.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from decimal import Decimal
from enum import IntEnum, StrEnum
from fractions import Fraction

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from schema_documents import JSON_VALUES, SCHEMAS, date_time, near_misses, reference, valid_documents

from perfaction.errors import Problem
from perfaction.jsonio import json_pointer
from perfaction.rules import SEMANTIC_RULES
from perfaction.schemacheck import ASSERTING, compile_schema
from perfaction.validation import (
    _FORMATS,
    MAX_PROBLEMS,
    _bundled,
    _check_module,
    _describe,
    _surely_valid,
    precompile_schemas,
    problems,
)

EXAMPLES = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def expected_problems(document: object, name: str) -> list[Problem]:
    """What perf-action reported before its compiled checks: jsonschema's errors, worded, then the rules."""
    found = [
        Problem("doc", json_pointer(error.absolute_path), _describe(error))
        for error in reference(name).iter_errors(document)
    ]
    if not found:
        for rule in SEMANTIC_RULES.get(name, []):
            found.extend(Problem("doc", pointer, message) for pointer, message in rule(document))
    found.sort(key=lambda p: p.pointer)
    if len(found) > MAX_PROBLEMS:
        hidden = len(found) - MAX_PROBLEMS
        found = [*found[:MAX_PROBLEMS], Problem("doc", "", f"... and {hidden} more problems")]
    return found


def test_every_keyword_jsonschema_asserts_is_known_to_the_compiler():
    assert set(Draft202012Validator.VALIDATORS) == ASSERTING


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_schema_compiles_completely(name):
    """No part of perf-action's schemas is left to jsonschema: valid documents never load it."""
    compiled = compile_schema(_bundled(name), _FORMATS)
    assert compiled.exact, compiled.source


@pytest.mark.parametrize("name", SCHEMAS)
@EXAMPLES
@given(data=st.data())
def test_valid_documents_pass_the_compiled_check(name, data):
    document = data.draw(valid_documents(name))
    assert list(reference(name).iter_errors(document)) == [], "the strategy drew an invalid document"
    assert _surely_valid(name)(document)


@pytest.mark.parametrize("name", SCHEMAS)
@EXAMPLES
@given(data=st.data())
def test_near_misses_are_judged_as_jsonschema_judges_them(name, data):
    document = data.draw(near_misses(name))
    expected = expected_problems(document, name)
    schema_valid = not list(reference(name).iter_errors(document))
    assert _surely_valid(name)(document) == schema_valid
    assert problems(document, name, "doc") == expected


@pytest.mark.parametrize("name", ["perf-report", "regression-summary", "config"])
@EXAMPLES
@given(document=JSON_VALUES)
def test_any_json_value_is_judged_as_jsonschema_judges_it(name, document):
    assert _surely_valid(name)(document) == reference(name).is_valid(document)


class Unit(StrEnum):
    NS = "ns"


class Count(IntEnum):
    ONE = 1


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        ({"type": "integer"}, 1.0),
        ({"type": "integer"}, 1.5),
        ({"type": "integer"}, True),
        ({"type": "integer"}, Count.ONE),
        ({"type": "number", "minimum": 0}, Decimal("-1")),
        ({"type": "number", "minimum": 0}, Fraction(1, 3)),
        ({"minimum": 0}, Decimal("-1")),
        ({"minimum": 0}, "not a number"),
        ({"type": "number"}, False),
        ({"enum": ["ns", "us"]}, Unit.NS),
        ({"enum": [1, None]}, True),
        ({"enum": [1, None]}, 1.0),
        ({"enum": [[1, 2]]}, (1, 2)),
        ({"const": 1}, True),
        ({"const": False}, 0),
        ({"const": "ns"}, Unit.NS),
        ({"type": "array"}, (1, 2)),
        ({"type": "object"}, {"a": 1}),
        ({"uniqueItems": True}, [1, True]),
        ({"uniqueItems": True}, [1, 1.0]),
        ({"uniqueItems": True}, [[1], [True]]),
        ({"uniqueItems": True}, [{"a": 1}, {"a": 1.0}]),
        ({"multipleOf": 0.1}, 0.3),
        ({"multipleOf": 3}, 9),
        ({"multipleOf": 0.5}, 1e308),
        ({"not": {"type": "string"}}, 3),
        ({"not": {"type": "string"}}, "x"),
        ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 1),
        ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 1.5),
        ({"if": {"minimum": 5}, "then": {"maximum": 10}, "else": {"const": 0}}, 11),
        ({"if": {"minimum": 5}, "then": {"maximum": 10}, "else": {"const": 0}}, 1),
        ({"contains": {"type": "string"}, "minContains": 2, "maxContains": 3}, ["a", 1, "b"]),
        ({"contains": {"type": "string"}, "maxContains": 1}, ["a", "b"]),
        ({"contains": {"type": "string"}, "minContains": 0}, []),
        ({"prefixItems": [{"type": "string"}], "items": False}, ["a"]),
        ({"prefixItems": [{"type": "string"}], "items": False}, ["a", 1]),
        ({"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}, ["a", 1, 2.5]),
        ({"patternProperties": {"^x": {"type": "integer"}}, "additionalProperties": False}, {"xa": 1}),
        ({"patternProperties": {"^x": {"type": "integer"}}, "additionalProperties": False}, {"y": 1}),
        ({"additionalProperties": {"type": "string"}, "properties": {"a": {}}}, {"a": 1, "b": 2}),
        ({"dependentRequired": {"a": ["b"]}}, {"a": 1}),
        ({"dependentSchemas": {"a": {"required": ["c"]}}}, {"a": 1, "c": 2}),
        ({"propertyNames": {"maxLength": 2}, "minProperties": 1}, {"abc": 1}),
        ({"type": ["string", "null"], "minLength": 2}, None),
        ({"type": ["string", "null"], "minLength": 2}, "a"),
        ({"format": "date-time"}, "2026-01-31T12:00:00"),
        ({"format": "date-time"}, "2026-01-31T12:00:00+01:00"),
        ({"format": "date-time"}, "not a date"),
        ({"pattern": "^a$"}, "a\n"),
        (False, None),
        ({"allOf": [True, {"type": "null"}]}, None),
        # Arrays of bounded numbers (samples) are first checked by min and max:
        ({"items": {"type": "number", "minimum": 0, "maximum": 10}}, [math.nan, -1.0]),
        ({"items": {"type": "number", "minimum": 0, "maximum": 10}}, [1.0, math.nan, 11]),
        ({"items": {"type": "number", "minimum": 0, "maximum": 10}}, [math.nan, 5.0]),
        ({"items": {"type": "number", "minimum": 0}}, [1, True]),
        ({"items": {"type": "number", "minimum": 0}}, [1.5, Count.ONE]),
        ({"items": {"type": "number", "minimum": 0}}, [2**1100, 0.5]),
        ({"items": {"type": "number", "minimum": 0}}, [-(2**1100), 0.5]),
        ({"items": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10}}, [0.5, 10]),
        ({"items": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10}}, [0.5, 9.5]),
        ({"items": {"type": "number", "minimum": 0}}, []),
    ],
)
def test_edge_values_are_judged_as_jsonschema_judges_them(schema, value):
    """Python values json.loads never makes, but a summary built in memory might, and JSON's own edges."""
    compiled = compile_schema(schema, {"date-time": (date_time, (ValueError,))})
    checker = reference("perf-report").format_checker
    assert compiled.exact
    assert compiled.check(value) == Draft202012Validator(schema, format_checker=checker).is_valid(value)


_NUMBERS = st.one_of(st.floats(), st.integers(-(2**1100), 2**1100), st.booleans(), st.just(Count.ONE))


@EXAMPLES
@given(
    values=st.lists(_NUMBERS, max_size=6),
    bounds=st.sampled_from(
        [
            {"minimum": 0, "maximum": 1e60},
            {"exclusiveMinimum": -1.5, "exclusiveMaximum": 3},
            {"minimum": 0},
            {"maximum": 0},
        ]
    ),
)
def test_arrays_of_bounded_numbers_are_judged_as_jsonschema_judges_them(values, bounds):
    """The min-and-max path for samples says valid only where checking each item would."""
    schema = {"type": "array", "items": {"type": "number", **bounds}}
    assert "_plain_numbers(v)" in compile_schema(schema).module
    assert compile_schema(schema).check(values) == Draft202012Validator(schema).is_valid(values)


@pytest.mark.parametrize(
    "schema",
    [
        {"$ref": "#/$defs/x", "$defs": {"x": {"type": "string"}}},
        {"unevaluatedProperties": False},
        {"format": "email"},
        {"not": {"unevaluatedProperties": False}},
        {"type": "any"},
    ],
)
def test_constructs_not_compiled_are_left_to_jsonschema(schema):
    """False means "not surely valid": jsonschema then decides, so nothing unknown passes unseen."""
    compiled = compile_schema(schema)
    assert not compiled.exact
    assert compiled.check("text") is False


@pytest.mark.parametrize("name", SCHEMAS)
def test_bundling_leaves_no_reference(name):
    bundled = {key: value for key, value in _bundled(name).items() if key != "$defs"}
    assert '"$ref"' not in json.dumps(bundled)


def test_the_shipped_checks_are_the_schemas_compiled(tmp_path):
    """The modules in schemas/compiled are what the compiler makes of schemas/*.json now: `make schemas`."""
    shipped = DATA.parent.parent / "schemas" / "compiled"
    precompile_schemas(tmp_path)
    fresh = {path.name: path.read_text() for path in tmp_path.glob("s_*.py")}
    assert fresh == {path.name: path.read_text() for path in shipped.glob("s_*.py")}, "run `make schemas`"
    assert len(fresh) == len(SCHEMAS)


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_schema_is_checked_by_its_shipped_module(name):
    """A check compiled ahead of time is found for every schema, and it is the one validation uses."""
    spec = importlib.util.find_spec(f"perfaction.schemas.compiled.{_check_module(name)}")
    assert spec is not None, "run `make schemas`"
    assert _surely_valid(name).__code__.co_filename == spec.origin


def test_validating_a_valid_receipt_does_not_import_jsonschema():
    code = (
        "import sys; from pathlib import Path; from perfaction.ingest import read_report; "
        f"read_report(Path({str(DATA / 'copybook' / 'perf-615e59ce.json')!r})); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jsonschema', 'referencing')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
