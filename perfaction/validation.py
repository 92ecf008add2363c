"""One mechanism for every JSON document perf-action reads or writes: schema plus semantic checks."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from perfaction.errors import Problem, ToolingError, ValidationFailure
from perfaction.jsonio import dumps, json_pointer
from perfaction.rules import SEMANTIC_RULES

MAX_PROBLEMS = 50

# The document kinds users name on the command line, mapped to schema names (file stems in schemas/).
KINDS = {
    "report": "perf-report",
    "baseline": "baseline",
    "baseline-history": "baseline-history",
    "summary": "regression-summary",
    "config": "config",  # a .perfaction.toml file, read as TOML
    "run-history": "run-history",  # a file under <suite>/runs/ on the baseline branch
}


def load_schema(name: str) -> dict[str, Any]:
    """Load schemas/NAME.schema.json from the installed package."""
    resource = files("perfaction.schemas").joinpath(f"{name}.schema.json")
    if not resource.is_file():
        raise ToolingError(f"no schema named {name!r} is installed")
    return json.loads(resource.read_text(encoding="utf-8"))


@cache
def _validator(name: str) -> Any:
    """Build each validator once per process; schemas may $ref each other by their $id."""
    # jsonschema and referencing take ~60 ms to import: only a command that validates pays for them.
    from jsonschema import Draft202012Validator, FormatChecker, validators  # noqa: PLC0415
    from referencing import Registry  # noqa: PLC0415

    checker = FormatChecker()
    checker.checks("date-time", raises=ValueError)(_is_date_time)
    registry: Registry[Any] = Registry(retrieve=_retrieve)  # type: ignore[call-arg]
    original_items = Draft202012Validator.VALIDATORS["items"]

    def items(validator: Any, item_schema: Any, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
        """Check long arrays of numbers (samples) or other scalars in one loop; offenders go the slow way."""
        bounds = _number_bounds(item_schema)
        check = _cached_scalar_check(item_schema) if bounds is None else None
        if (bounds is None and check is None) or not isinstance(instance, list) or "prefixItems" in schema:
            yield from original_items(validator, item_schema, instance, schema)
            return
        if bounds is not None:
            low, high = bounds
            for index, value in enumerate(instance):
                if type(value) not in (int, float) or not low <= value <= high:
                    yield from validator.descend(instance=value, schema=item_schema, path=index)
            return
        for index, value in enumerate(instance):
            if check is not None and not check(value):
                yield from validator.descend(instance=value, schema=item_schema, path=index)

    original_properties = Draft202012Validator.VALIDATORS["properties"]
    scalar_checks: dict[int, Callable[[Any], bool] | None] = {}

    def _cached_scalar_check(subschema: Any) -> Callable[[Any], bool] | None:
        key = id(subschema)
        if key not in scalar_checks:
            scalar_checks[key] = _scalar_check(subschema)
        return scalar_checks[key]

    def properties(validator: Any, declared: Any, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
        """Check plain scalar properties (numbers, names, enums) inline; only offenders take the slow path."""
        if not isinstance(instance, dict):
            yield from original_properties(validator, declared, instance, schema)
            return
        for prop, subschema in declared.items():
            if prop not in instance:
                continue
            check = _cached_scalar_check(subschema)
            if check is None or not check(instance[prop]):
                yield from validator.descend(instance[prop], subschema, path=prop, schema_path=prop)

    fast = validators.extend(Draft202012Validator, {"items": items, "properties": properties})
    schema = _inline_local_refs(load_schema(name))
    # Registered up front: a schema fetched on demand is re-crawled at every $ref that reaches it.
    for uri in _referenced_schemas(schema):
        registry = registry.with_resource(uri, _retrieve(uri))
    return fast(schema, format_checker=checker, registry=registry)


def _referenced_schemas(schema: Any) -> set[str]:
    """The $ids of perf-action's schemas that a schema refers to, directly or through one another."""
    found: set[str] = set()
    pending = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            reference = node.get("$ref")
            uri = reference.split("#", 1)[0] if isinstance(reference, str) else ""
            if _OWN_SCHEMA_ID.fullmatch(uri) and uri not in found:
                found.add(uri)
                pending.append(_retrieve(uri).contents)
            pending.extend(value for key, value in node.items() if key != "$ref")
    return found


# perf-action's own schemas have $ids of this form; others' $refs to them load on first use.
_OWN_SCHEMA_ID = re.compile(r"https://perf-action\.github\.io/schemas/([a-z0-9-]+)/v1\.json")


@cache
def _retrieve(uri: str) -> Any:
    """Load a referenced schema by its $id, once: a command loads only the schemas it uses."""
    from referencing import Resource  # noqa: PLC0415 - see _validator
    from referencing.exceptions import NoSuchResource  # noqa: PLC0415

    match = _OWN_SCHEMA_ID.fullmatch(uri)
    if match is None:
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # an attrs class mypy cannot see into
    return Resource.from_contents(_inline_local_refs(load_schema(match.group(1))))


_PLAIN_NUMBER_KEYS = {"type", "minimum", "maximum", "description"}


def _number_bounds(item_schema: Any) -> tuple[float, float] | None:
    """Inclusive bounds when a schema only says "a number within [minimum, maximum]"."""
    if not isinstance(item_schema, dict) or item_schema.get("type") != "number":
        return None
    if not set(item_schema) <= _PLAIN_NUMBER_KEYS:
        return None
    return item_schema.get("minimum", float("-inf")), item_schema.get("maximum", float("inf"))


_SCALAR_KEYS = {
    "type", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "pattern", "format", "description",
}  # fmt: skip
_SCALAR_TYPES: dict[str, Callable[[Any], bool]] = {
    "null": lambda value: value is None,
    "boolean": lambda value: type(value) is bool,
    "string": lambda value: isinstance(value, str),  # our StrEnum statuses too
    "number": lambda value: type(value) in (int, float),
    "integer": lambda value: type(value) is int or (type(value) is float and value.is_integer()),
}


def _scalar_check(schema: Any) -> Callable[[Any], bool] | None:
    """A plain-Python test that a value surely passes a scalar schema; None for any other schema.

    False only means "not surely": the value then goes through jsonschema, which words the error.
    """
    if not isinstance(schema, dict) or not schema.keys() <= _SCALAR_KEYS:
        return None
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if kinds is not None and not set(kinds) <= set(_SCALAR_TYPES):
        return None
    type_checks = [_SCALAR_TYPES[kind] for kind in kinds] if kinds is not None else None
    allowed = schema.get("enum")
    if allowed is not None and not all(type(item) in (str, type(None)) for item in allowed):
        return None
    if (
        type(schema.get("const")) not in (str, int, type(None))
        or schema.get("format", "date-time") != "date-time"
    ):
        return None
    if type_checks is None and allowed is None and "const" not in schema:
        return None
    dated = "format" in schema
    low = schema.get("minimum", float("-inf"))
    high = schema.get("maximum", float("inf"))
    above = schema.get("exclusiveMinimum", float("-inf"))
    below = schema.get("exclusiveMaximum", float("inf"))
    shortest, longest = schema.get("minLength", 0), schema.get("maxLength", float("inf"))
    pattern = re.compile(schema["pattern"]) if "pattern" in schema else None

    def check(value: Any) -> bool:
        if type_checks is not None and not any(kind(value) for kind in type_checks):
            return False
        if allowed is not None and not ((value is None or isinstance(value, str)) and value in allowed):
            return False
        if "const" in schema and not (type(value) is type(schema["const"]) and value == schema["const"]):
            return False
        if type(value) in (int, float) and not (low <= value <= high and above < value < below):
            return False
        if type(value) is str:
            return (
                shortest <= len(value) <= longest
                and (pattern is None or pattern.search(value) is not None)
                and (not dated or _surely_date_time(value))
            )
        return True

    return check


def _surely_date_time(value: str) -> bool:
    try:
        return _is_date_time(value)
    except ValueError:
        return False


def _inline_local_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """Replace "#/$defs/..." references by their targets: the same schema, validated without look-ups."""
    definitions = schema.get("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(item) for item in node]
        if not isinstance(node, dict):
            return node
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            rest = {key: value for key, value in node.items() if key != "$ref"}
            return inline({**definitions[reference.removeprefix("#/$defs/")], **rest})
        return {key: inline(value) for key, value in node.items()}

    return inline(schema)


def _is_date_time(value: object) -> bool:
    """RFC 3339 date-time with an explicit offset (jsonschema skips it without extra packages)."""
    if not isinstance(value, str):
        return True
    return "T" in value.upper() and datetime.fromisoformat(value).tzinfo is not None


def problems(document: Any, schema: str, source: str, *, semantic: bool = True) -> list[Problem]:
    """Every schema and semantic problem of a document, in document order, capped at MAX_PROBLEMS.

    semantic=False leaves the semantic rules to a caller that checks the same while decoding.
    """
    found = [
        Problem(source, json_pointer(error.absolute_path), _describe(error))
        for error in _validator(schema).iter_errors(document)
    ]
    if not found and semantic:
        for check in SEMANTIC_RULES.get(schema, []):
            found.extend(Problem(source, pointer, message) for pointer, message in check(document))
    found.sort(key=lambda p: p.pointer)
    if len(found) > MAX_PROBLEMS:
        hidden = len(found) - MAX_PROBLEMS
        found = [*found[:MAX_PROBLEMS], Problem(source, "", f"... and {hidden} more problems")]
    return found


def ensure_valid(document: Any, schema: str, source: str, *, semantic: bool = True) -> None:
    found = problems(document, schema, source, semantic=semantic)
    if found:
        raise ValidationFailure(found)


def write_json(path: Path, document: dict[str, Any], schema: str) -> None:
    """Validate, then write atomically: an invalid or half-written artifact never appears."""
    ensure_valid(document, schema, str(path))
    write_text(Path(path), dumps(document))


def write_text(path: Path, text: str) -> None:
    """Write atomically: readers see the old file or the whole new one, never a part."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        Path(tmp).replace(path)
    except OSError as exc:
        raise ToolingError(f"cannot write {path}: {exc.strerror or exc}") from exc


_TYPE_NAMES = {
    "object": "an object",
    "array": "an array",
    "string": "a string",
    "number": "a number",
    "integer": "an integer",
    "boolean": "true or false",
    "null": "null",
}


def _describe(error: Any) -> str:  # noqa: PLR0911, PLR0912 - one branch per JSON Schema keyword
    """Say what was expected in words a user can act on."""
    validator, expected, value = error.validator, error.validator_value, error.instance
    if validator == "type":
        wanted = expected if isinstance(expected, list) else [expected]
        names = " or ".join(_TYPE_NAMES.get(kind) or str(kind) for kind in wanted)
        return f"expected {names}, got {_json_type(value)}"
    if validator == "required":
        # jsonschema yields one error per missing key, naming it (from the schema, not the input).
        return f"missing required property {error.message.removesuffix(' is a required property')}"
    if validator == "additionalProperties":
        extra = (
            sorted(set(value) - set(error.schema.get("properties", {}))) if isinstance(value, dict) else []
        )
        return f"unexpected property {extra[0]!r}" if extra else error.message
    if validator == "pattern" and list(error.absolute_path)[-1:] == ["unit"]:
        return (
            f"{_short(value)} is not a unit; expected 1 to 32 characters without spaces around them: "
            "a registry unit (ns, ms, MiB/s, ...) or a unit of your own, which compares only with itself"
        )
    if validator == "enum":
        shown = ", ".join(map(str, expected))
        return f"{_short(value)} is not allowed; expected one of: {shown}"
    if validator == "const":
        return f"expected {expected!r}, got {_short(value)}"
    if validator in ("minimum", "exclusiveMinimum"):
        relation = ">=" if validator == "minimum" else ">"
        return f"expected a value {relation} {expected}, got {_short(value)}"
    if validator in ("maximum", "exclusiveMaximum"):
        relation = "<=" if validator == "maximum" else "<"
        return f"expected a value {relation} {expected}, got {_short(value)}"
    if validator == "minItems":
        return f"expected at least {expected} item(s), got {len(value)}"
    if validator == "maxItems":
        return f"expected at most {expected} items, got {len(value)}"
    if validator == "maxLength":
        return f"expected at most {expected} characters, got {len(value)}"
    if validator == "minLength":
        return f"expected at least {expected} character(s), got an empty string"
    if validator == "pattern":
        return f"{_short(value)} does not match the expected pattern {expected}"
    if validator == "format":
        return f"{_short(value)} is not a valid {expected} (e.g. 2026-01-31T12:00:00Z)"
    return error.message


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    for python_type, name in (
        (dict, "an object"),
        (list, "an array"),
        (str, "a string"),
        (int, "an integer"),
        (float, "a number"),
    ):
        if isinstance(value, python_type):
            return name
    return type(value).__name__


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True) if not isinstance(value, dict | list) else _json_type(value)
    return text if len(text) <= 60 else text[:57] + "..."
