"""perf-action's pretty JSON is byte for byte what json.dumps(indent=2, sort_keys=True) writes."""

from __future__ import annotations

import json
import math
from enum import IntEnum, StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfaction.validation import dumps

FINITE = st.floats(allow_nan=False, allow_infinity=False)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | FINITE
    | st.text()
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=40,
)
SAMPLES = st.lists(FINITE) | st.lists(st.integers())


def reference(document: object) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


@settings(max_examples=150, deadline=None)
@given(document=DOCUMENTS)
def test_any_json_document_is_written_as_json_writes_it(document):
    assert dumps(document) == reference(document)


@settings(max_examples=100, deadline=None)
@given(samples=SAMPLES, mixed=st.lists(st.integers() | FINITE, min_size=1))
def test_runs_of_numbers_are_written_as_json_writes_them(samples, mixed):
    document = {"metrics": [{"samples": samples}, {"samples": mixed}]}
    assert dumps(document) == reference(document)


class Level(IntEnum):
    LOW = 1


class Status(StrEnum):
    WARNING = "WARNING"


@pytest.mark.parametrize(
    "document",
    [
        {"nested": {"empty": {}, "none": [], "unicode": 'µs – ✓ \u2028 \x00 "q" \\'}},
        {2: "integer keys", 1: "sorted as numbers", 10: ""},
        {"level": Level.LOW, "status": Status.WARNING, "levels": [Level.LOW]},
        (1, [2.5, 3], {"t": (4,)}),
        [1e16, 1e-7, -0.0, 5e-324, 1.7976931348623157e308],
    ],
)
def test_unusual_values_are_written_as_json_writes_them(document):
    assert dumps(document) == reference(document)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("where", [lambda x: [x], lambda x: {"samples": [1.0, x]}, lambda x: {"v": x}])
def test_non_finite_numbers_are_refused_as_json_refuses_them(bad, where):
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        dumps(where(bad))


def test_objects_json_cannot_write_are_refused_as_json_refuses_them():
    with pytest.raises(TypeError, match="is not JSON serializable"):
        dumps({"a": {1, 2}})
