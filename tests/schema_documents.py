"""Hypothesis strategies for documents of perf-action's schemas: valid ones, and near misses of them.

Valid documents are drawn from the schema itself (the keywords perf-action's schemas use); near misses
change one place of a valid document the way broken or hostile input does. jsonschema, run on the
schemas as written (every `$ref` looked up in a registry), is the judge both are compared with.
"""

from __future__ import annotations

import copy
import json
import math
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from importlib.resources import files
from typing import Any

from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from perfaction.validation import load_schema

SCHEMAS = sorted(
    resource.name.removesuffix(".schema.json")
    for resource in files("perfaction.schemas").iterdir()
    if resource.name.endswith(".schema.json")
)
_WIDE = 10**6  # a side a schema leaves open is drawn within this far, plus a few extreme values

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@cache
def reference(name: str) -> Draft202012Validator:
    """jsonschema on the schema as written: references resolved through a registry of every schema."""
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in map(load_schema, SCHEMAS)
    )
    checker = FormatChecker()
    checker.checks("date-time", raises=ValueError)(date_time)
    return Draft202012Validator(load_schema(name), registry=registry, format_checker=checker)


def date_time(value: object) -> bool:
    return not isinstance(value, str) or (
        "T" in value.upper() and datetime.fromisoformat(value).tzinfo is not None
    )


def valid_documents(name: str) -> st.SearchStrategy[Any]:
    return _Drawer(name).strategy(_resolved(load_schema(name), name))


def _resolved(schema: Any, document: str) -> Any:
    """Follow $refs while drawing: the drawer needs targets, not addresses."""
    if isinstance(schema, dict) and "$ref" in schema:
        address, _, pointer = schema["$ref"].partition("#")
        name = address.split("/schemas/")[1].split("/")[0] if address else document
        target: Any = load_schema(name)
        for part in pointer.split("/")[1:]:
            target = target[part]
        rest = {key: value for key, value in schema.items() if key != "$ref"}
        return {**_resolved(target, name), **rest, "$document": name}
    if isinstance(schema, dict):
        return {**schema, "$document": document}
    return schema


class _Drawer:
    def __init__(self, name: str) -> None:
        self.name = name

    def strategy(self, schema: Any) -> st.SearchStrategy[Any]:
        if schema is True:
            return JSON_VALUES
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        if "const" in schema:
            return st.just(schema["const"])
        if "anyOf" in schema:
            rest = {key: value for key, value in schema.items() if key != "anyOf"}
            return st.one_of(
                [
                    self.strategy(_both(rest, _resolved(branch, schema["$document"])))
                    for branch in schema["anyOf"]
                ]
            )
        if _kinds_of_document(schema):
            return st.one_of([self.kind_of_document(schema, part) for part in schema["allOf"]])
        kinds = schema.get("type") or _implied_type(schema)
        kinds = [kinds] if isinstance(kinds, str) else kinds
        return st.one_of([self.typed(kind, schema) for kind in kinds])

    def kind_of_document(self, schema: dict[str, Any], part: dict[str, Any]) -> st.SearchStrategy[Any]:
        """One kind of a document whose `if` picks a `then` schema by a constant (run-history's `kind`)."""
        target = _resolved(part["then"], schema["$document"])
        shared = schema.get("properties", {})
        declared = {
            key: shared.get(key, value) if value is True else value
            for key, value in target.get("properties", {}).items()
        }
        fixed = {key: value["const"] for key, value in part["if"]["properties"].items()}
        drawn = self.strategy({**target, "properties": declared})
        return drawn.map(lambda document: {**document, **fixed})

    def sub(self, schema: Any, parent: dict[str, Any]) -> st.SearchStrategy[Any]:
        return self.strategy(_resolved(schema, parent["$document"]))

    def typed(self, kind: str, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
        drawers = {
            "null": st.none,
            "boolean": st.booleans,
            "integer": lambda: _integers(schema),
            "number": lambda: _integers(schema) | _floats(schema),
            "string": lambda: _strings(schema),
            "array": lambda: self.array(schema),
            "object": lambda: self.object(schema),
        }
        return drawers[kind]()

    def array(self, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
        least = schema.get("minItems", 0)
        most = min(schema.get("maxItems", least + 4), least + 4)
        items = self.sub(schema.get("items", True), schema)
        unique = _canonical if schema.get("uniqueItems") else None
        return st.lists(items, min_size=least, max_size=most, unique_by=unique)

    def object(self, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
        declared = schema.get("properties", {})
        required = {key: self.sub(declared.get(key, True), schema) for key in schema.get("required", [])}
        optional = {key: self.sub(value, schema) for key, value in declared.items() if key not in required}
        base = st.fixed_dictionaries(required, optional=optional)
        extra = schema.get("additionalProperties", True)
        if extra is not False:
            names = self.sub({"type": "string", **schema.get("propertyNames", {})}, schema)
            extras = st.dictionaries(
                names.filter(lambda key: key not in declared), self.sub(extra, schema), max_size=3
            )
            base = st.tuples(base, extras).map(lambda pair: {**pair[1], **pair[0]})
        least, most = schema.get("minProperties", 0), schema.get("maxProperties", math.inf)
        base = base.filter(lambda document: least <= len(document) <= most)
        conditions = [part for part in [schema, *schema.get("allOf", [])] if "if" in part]
        return base.flatmap(lambda drawn: self.completed(drawn, schema, conditions)) if conditions else base

    def completed(self, drawn: dict[str, Any], schema: dict[str, Any], conditions: list[Any]) -> Any:
        """Add what an if/then asks for when its condition holds for the drawn object."""
        needed: dict[str, st.SearchStrategy[Any]] = {}
        for condition in conditions:
            if _holds(condition["if"], drawn):
                for key in condition.get("then", {}).get("required", []):
                    if key not in drawn:
                        needed[key] = self.sub(schema["properties"][key], schema)
        return st.fixed_dictionaries(needed).map(lambda more: {**drawn, **more})


def _kinds_of_document(schema: Any) -> bool:
    """Every part of allOf is "if this constant, then that schema" (by $ref)."""
    parts = schema.get("allOf", []) if isinstance(schema, dict) else []
    return bool(parts) and all(
        "$ref" in part.get("then", {})
        and all("const" in value for value in part.get("if", {}).get("properties", {}).values())
        for part in parts
    )


def _both(schema: dict[str, Any], branch: dict[str, Any]) -> dict[str, Any]:
    """A schema and one anyOf branch of it as one schema (the branches here only add required keys)."""
    required = [*schema.get("required", []), *branch.get("required", [])]
    return {**schema, **branch, "required": list(dict.fromkeys(required))}


def _holds(condition: dict[str, Any], document: dict[str, Any]) -> bool:
    return Draft202012Validator(condition).is_valid(document)


def _implied_type(schema: dict[str, Any]) -> list[str]:
    if {"properties", "required", "additionalProperties", "propertyNames"} & schema.keys():
        return ["object"]
    if {"items", "minItems", "maxItems"} & schema.keys():
        return ["array"]
    return ["null", "boolean", "integer", "number", "string", "array", "object"]


def _integers(schema: dict[str, Any]) -> st.SearchStrategy[int]:
    lows = [math.ceil(schema.get("minimum", -_WIDE))]
    highs = [math.floor(schema.get("maximum", _WIDE))]
    if "exclusiveMinimum" in schema:
        lows.append(math.floor(schema["exclusiveMinimum"]) + 1)
    if "exclusiveMaximum" in schema:
        highs.append(math.ceil(schema["exclusiveMaximum"]) - 1)
    least, most = max(lows), min(highs)
    return st.integers(min_value=least, max_value=most) if least <= most else st.nothing()


def _floats(schema: dict[str, Any]) -> st.SearchStrategy[float]:
    low = schema.get("exclusiveMinimum", schema.get("minimum"))
    high = schema.get("exclusiveMaximum", schema.get("maximum"))
    return st.floats(
        min_value=low,
        max_value=high,
        exclude_min="exclusiveMinimum" in schema,
        exclude_max="exclusiveMaximum" in schema,
        allow_nan=False,
        allow_infinity=False,
    )


def _strings(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    least, most = schema.get("minLength", 0), schema.get("maxLength", sys.maxsize)
    if schema.get("format") == "date-time":
        text: st.SearchStrategy[str] = date_times()
    elif schema.get("format") == "date":
        text = st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 1, 1)).map(date.isoformat)
    elif "pattern" in schema:
        text = st.from_regex(schema["pattern"])
    else:
        text = st.text(min_size=least, max_size=min(most, least + 20))
    return text.filter(lambda value: least <= len(value) <= most)


def date_times() -> st.SearchStrategy[str]:
    offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
    moments = st.datetimes(
        min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=offsets | st.just(UTC)
    )
    return moments.map(lambda moment: moment.isoformat().replace("+00:00", "Z"))


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


# --- near misses -------------------------------------------------------------------------------

# Replacements of one value: each type JSON has, edge numbers, hostile and odd strings.
_REPLACEMENTS = [
    None, True, False, 0, 1, -1, 0.5, -0.5, 1.0, 1e301, -1e-300, 10**20, "", "x", "x" * 300, "a\nb",
    "\u0000", "\u202e", "2026-01-31T12:00:00", "2026-01-31T12:00:00Z", "NS", "lower", "higher", "pass",
    "abc1234", [], [1], [None], {}, {"x": 1},
]  # fmt: skip


def near_misses(name: str) -> st.SearchStrategy[Any]:
    """A valid document with one place changed: a value replaced, a key dropped or added, an item doubled."""
    return st.tuples(valid_documents(name), st.data()).map(lambda pair: _mutated(*pair))


def _mutated(document: Any, data: Any) -> Any:
    mutated = copy.deepcopy(document)
    places = list(_places(mutated, ()))
    path = data.draw(st.sampled_from(places))
    parent, key = _locate(mutated, path)
    value = mutated if parent is None else parent[key]
    change = data.draw(st.sampled_from(_changes(value, parent is not None)))
    replacement = data.draw(change)
    if parent is None:
        return replacement
    if replacement is _DROP:
        del parent[key]
    else:
        parent[key] = replacement
    return mutated


_DROP = object()


def _changes(value: Any, has_parent: bool) -> list[st.SearchStrategy[Any]]:
    changes: list[st.SearchStrategy[Any]] = [st.sampled_from(_REPLACEMENTS), JSON_VALUES]
    if has_parent:
        changes.append(st.just(_DROP))
    if isinstance(value, dict):
        changes.append(st.builds(lambda key, item: {**value, key: item}, st.text(max_size=6), JSON_VALUES))
        if value:
            changes.append(
                st.sampled_from(sorted(value)).map(lambda key: {k: v for k, v in value.items() if k != key})
            )
    if isinstance(value, list) and value:
        changes += [st.just([*value, value[-1]]), st.just(value[1:]), st.just(value * 40)]
    if isinstance(value, str):
        changes.append(
            st.sampled_from([value + "\n", "\u0007" + value, value * 50, value.upper(), value + "Z"])
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        changes.append(st.sampled_from([-value - 1, value * 1e300, value + 0.5, float(value), bool(value)]))
    return changes


def _places(node: Any, path: tuple[Any, ...]) -> Any:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _places(value, (*path, index))


def _locate(document: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    if not path:
        return None, None
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    return parent, path[-1]
