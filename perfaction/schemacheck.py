"""JSON Schemas compiled to plain-Python predicates: a valid document is checked without jsonschema.

`compile_schema` turns a schema (the Draft 2020-12 keywords jsonschema asserts) into Python source once,
so the check costs about a walk over the document. It answers True only for a document jsonschema
accepts; False means "not surely valid", and the caller asks jsonschema, which words the errors. A
construct the compiler does not know (a `$ref` left unresolved, `unevaluatedProperties`, a format it
was not given) makes the part of the schema holding it answer False: such documents always get
jsonschema's answer. Where every part is known, the check is exact (True exactly when jsonschema
accepts), which `not`, `if` and `oneOf` need of the schemas under them.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from numbers import Number
from types import CodeType
from typing import Any

from perfaction.records import datarecord

# Every keyword jsonschema's Draft 2020-12 validator asserts; any other keyword is an annotation.
ASSERTING = frozenset({
    "$dynamicRef", "$ref", "additionalProperties", "allOf", "anyOf", "const", "contains",
    "dependentRequired", "dependentSchemas", "enum", "exclusiveMaximum", "exclusiveMinimum", "format",
    "if", "items", "maxItems", "maxLength", "maxProperties", "maximum", "minItems", "minLength",
    "minProperties", "minimum", "multipleOf", "not", "oneOf", "pattern", "patternProperties",
    "prefixItems", "properties", "propertyNames", "required", "type", "unevaluatedItems",
    "unevaluatedProperties", "uniqueItems",
})  # fmt: skip
_UNSUPPORTED = frozenset({"$dynamicRef", "$ref", "unevaluatedItems", "unevaluatedProperties"})
_NUMERIC = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
_TEXTUAL = ("minLength", "maxLength", "pattern")
_OBJECT = (
    "required", "minProperties", "maxProperties", "properties", "patternProperties",
    "additionalProperties", "propertyNames", "dependentRequired", "dependentSchemas",
)  # fmt: skip
_ARRAY = ("minItems", "maxItems", "uniqueItems", "prefixItems", "items", "contains")
_APPLICATORS = ("allOf", "anyOf", "oneOf", "not", "if")
_NUMBER_TYPES = frozenset({"number", "integer"})

# What each JSON type is, as jsonschema's Draft 2020-12 type checker has it (bool is not a number; 1.0
# is an integer), with a fast path for the types json.loads makes.
_TYPE_TESTS = {
    "null": "{x} is None",
    "boolean": "({x} is True or {x} is False)",
    "string": "isinstance({x}, str)",
    "object": "isinstance({x}, dict)",
    "array": "isinstance({x}, list)",
    "number": "(type({x}) is float or type({x}) is int or _is_number({x}))",
    "integer": "(type({x}) is int or type({x}) is float and {x}.is_integer() or _is_integer({x}))",
}
# Failure of each numeric bound, as jsonschema compares.
_BOUNDS = {"minimum": "<", "maximum": ">", "exclusiveMinimum": "<=", "exclusiveMaximum": ">="}

# A format: a function answering whether a value has it, and the exceptions that also mean "no".
Format = tuple[Callable[[Any], bool], tuple[type[Exception], ...]]


@datarecord(frozen=True)
class Compiled:
    """A schema's check; `exact` when no part of the schema was left to jsonschema.

    `module` is the check as Python source that stands alone given the formats (see `run_module`), for
    checks shipped ahead of time.
    """

    check: Callable[[Any], bool]
    exact: bool
    module: str


def compile_schema(schema: Any, formats: Mapping[str, Format] | None = None) -> Compiled:
    """Compile a schema with its `$ref`s resolved in place (any left make their part answer False)."""
    compiler = _Compiler(dict(formats or {}))
    name, exact = compiler.function(schema)
    source = "\n".join(compiler.source) + "\n"
    namespace = dict(compiler.namespace)
    exec(compile(source, "<perfaction schema check>", "exec"), namespace)  # noqa: S102 - our own source
    module = "\n".join([*compiler.definitions, "", "", source, f"_CHECK = {name}", f"_EXACT = {exact}"])
    return Compiled(namespace[name], exact, module + "\n")


def run_module(code: CodeType, formats: Mapping[str, Format]) -> Compiled:
    """A check compiled ahead of time: the code of a `Compiled.module`, run with the formats it names."""
    namespace = {**_HELPERS, "_re": re, "_formats": dict(formats)}
    exec(code, namespace)  # noqa: S102 - perf-action's own module
    return Compiled(namespace["_CHECK"], namespace["_EXACT"], "")


class _Body:
    """The lines of one generated function, and whether every check in them is exact."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.exact = True

    def fail_if(self, condition: str, depth: int = 1) -> None:
        self.lines.append("    " * depth + f"if {condition}: return False")

    def add(self, *lines: str) -> None:
        self.lines += lines

    def rely_on(self, exact: bool) -> None:
        self.exact = self.exact and exact

    def declined(self) -> None:
        """The part is left to jsonschema: it answers False, "not surely valid"."""
        self.lines, self.exact = ["    return False"], False


class _Compiler:
    """Writes one Python function per distinct object, array or combined schema; scalars are inlined."""

    def __init__(self, formats: dict[str, Format]) -> None:
        self.formats = formats
        self.namespace: dict[str, Any] = dict(_HELPERS)
        self.functions: dict[str, tuple[str, bool]] = {}
        self.constants: dict[str, str] = {}
        self.definitions: list[str] = []  # each constant as the source of a module would define it
        self.source: list[str] = []

    def constant(self, value: Any, key: str, expression: str | None = None) -> str:
        """A name in the generated module's namespace for a value (a compiled pattern, a key set, ...).

        `expression` makes the value again in a module run by `run_module`; by default its repr.
        """
        if key not in self.constants:
            name = f"_c{len(self.constants)}"
            self.namespace[name] = value
            self.constants[key] = name
            self.definitions.append(f"{name} = {expression or repr(value)}")
        return self.constants[key]

    def keys(self, names: Any) -> str:
        return self.strings(names, "keys " + repr(sorted(names)))

    def strings(self, members: Any, key: str) -> str:
        """A set of strings, written sorted: a set's repr changes with the process's hash seed."""
        return self.constant(frozenset(members), key, f"frozenset({sorted(members)!r})")

    def pattern(self, pattern: str) -> str:
        return self.constant(re.compile(pattern), "pattern " + pattern, f"_re.compile({pattern!r})")

    def function(self, schema: Any) -> tuple[str, bool]:
        """The name of a function checking `schema`, and whether it is exact."""
        key = json.dumps(schema, sort_keys=True, default=repr)
        if key not in self.functions:
            body = _Body()
            try:
                self.statements(schema, body)
            except re.error:  # a bad pattern: jsonschema raises on it when it meets it, so let it
                body.declined()
            name = f"_s{len(self.functions)}"
            self.functions[key] = (name, body.exact)
            self.source += [f"def {name}(v):", *body.lines, "    return True", ""]
        return self.functions[key]

    def statements(self, schema: Any, body: _Body) -> None:
        """Lines returning False where `v` fails (or may fail) the schema."""
        if schema is True:
            return
        if schema is False:
            body.fail_if("True")
            return
        if not isinstance(schema, dict) or not self.known(schema):
            body.declined()
            return
        types = _types(schema)
        failures = self.scalar_failures(schema, "v", types)
        if failures:
            body.fail_if(" or ".join(failures))
        for kind, python_type, part in (
            ("object", "dict", self.object_part),
            ("array", "list", self.array_part),
        ):
            if types is not None and kind not in types:
                continue
            inner = _Body()
            part(schema, inner)
            body.rely_on(inner.exact)
            if inner.lines and types is not None and types <= {kind}:
                body.add(*inner.lines)
            elif inner.lines:
                body.add(f"    if isinstance(v, {python_type}):", *("    " + line for line in inner.lines))
        self.applicators(schema, body)

    def known(self, schema: dict[str, Any]) -> bool:
        """Whether every keyword jsonschema asserts here is compiled, with values of the expected shape."""
        if schema.keys() & _UNSUPPORTED:
            return False
        if "format" in schema and schema["format"] not in self.formats:
            return False
        kinds = schema.get("type", [])
        kinds = [kinds] if isinstance(kinds, str) else kinds
        return isinstance(kinds, list) and all(kind in _TYPE_TESTS for kind in kinds)

    def failure(self, schema: Any, x: str) -> tuple[str | None, bool]:
        """An expression true where `x` fails (or may fail) a schema, and whether it is exact.

        Leaves (types, values, numbers, strings, formats) are inlined; None when nothing can fail them.
        """
        if schema is True:
            return None, True
        if schema is False:
            return "True", True
        structural = (*_OBJECT, *_ARRAY, *_APPLICATORS)
        if isinstance(schema, dict) and self.known(schema) and not any(k in schema for k in structural):
            try:
                failures = self.scalar_failures(schema, x, _types(schema))
            except re.error:
                return "True", False
            return (" or ".join(failures) if failures else None), True
        name, exact = self.function(schema)
        return f"not {name}({x})", exact

    def scalar_failures(self, schema: dict[str, Any], x: str, types: frozenset[str] | None) -> list[str]:
        failures = []
        if types is not None:
            failures.append("not (" + " or ".join(_TYPE_TESTS[t].format(x=x) for t in sorted(types)) + ")")
        if "enum" in schema:
            members = schema["enum"]
            strings = self.strings([m for m in members if isinstance(m, str)], f"strings {members!r}")
            others = self.constant(tuple(members), "members " + json.dumps(members, sort_keys=True))
            failures.append(f"not ({x} in {strings} if isinstance({x}, str) else _in_enum({x}, {others}))")
        if "const" in schema:
            value = schema["const"]
            name = self.constant(value, "const " + json.dumps(value, sort_keys=True))
            same = f"{x} == {name} if isinstance({x}, str) else " if isinstance(value, str) else ""
            failures.append(f"not ({same}_equal({x}, {name}))")
        numeric = [_numeric_failure(keyword, schema[keyword], x) for keyword in _NUMERIC if keyword in schema]
        if numeric and (types is None or types & _NUMBER_TYPES):
            joined = " or ".join(numeric)
            numbers_only = types is not None and types <= _NUMBER_TYPES
            failures.append(
                f"({joined})" if numbers_only else f"({_TYPE_TESTS['number'].format(x=x)} and ({joined}))"
            )
        textual = [
            self.textual_failure(keyword, schema[keyword], x) for keyword in _TEXTUAL if keyword in schema
        ]
        if textual and (types is None or "string" in types):
            joined = " or ".join(textual)
            failures.append(
                f"({joined})" if types == frozenset({"string"}) else f"(isinstance({x}, str) and ({joined}))"
            )
        if "format" in schema:
            kind = schema["format"]
            checker = self.constant(self.formats[kind], "format " + kind, f"_formats[{kind!r}]")
            failures.append(f"_format_fails({checker}, {x})")
        return failures

    def textual_failure(self, keyword: str, value: Any, x: str) -> str:
        if keyword == "minLength":
            return f"len({x}) < {value!r}"
        if keyword == "maxLength":
            return f"len({x}) > {value!r}"
        return f"{self.pattern(value)}.search({x}) is None"

    def object_part(self, schema: dict[str, Any], body: _Body) -> None:
        required = schema.get("required", [])
        if required:
            body.fail_if(f"not v.keys() >= {self.keys(required)}")
        if "minProperties" in schema:
            body.fail_if(f"len(v) < {schema['minProperties']!r}")
        if "maxProperties" in schema:
            body.fail_if(f"len(v) > {schema['maxProperties']!r}")
        for name, subschema in schema.get("properties", {}).items():
            fail, exact = self.failure(subschema, "x")
            body.rely_on(exact)
            if fail is not None and name in required:
                body.add(f"    x = v[{name!r}]")
                body.fail_if(fail)
            elif fail is not None:
                body.fail_if(f"(x := v.get({name!r}, _MISSING)) is not _MISSING and ({fail})")
        for pattern, subschema in schema.get("patternProperties", {}).items():
            fail, exact = self.failure(subschema, "x")
            body.rely_on(exact)
            if fail is not None:
                body.add("    for k, x in v.items():")
                body.fail_if(f"{self.pattern(pattern)}.search(k) and ({fail})", depth=2)
        if "additionalProperties" in schema:
            self.additional(schema, body)
        self.object_dependents(schema, body)

    def object_dependents(self, schema: dict[str, Any], body: _Body) -> None:
        """propertyNames, dependentRequired and dependentSchemas."""
        if "propertyNames" in schema:
            fail, exact = self.failure(schema["propertyNames"], "x")
            body.rely_on(exact)
            if fail is not None:
                body.add("    for x in v:")
                body.fail_if(fail, depth=2)
        for name, needed in schema.get("dependentRequired", {}).items():
            body.fail_if(f"{name!r} in v and not v.keys() >= {self.keys(needed)}")
        for name, subschema in schema.get("dependentSchemas", {}).items():
            function, exact = self.function(subschema)
            body.rely_on(exact)
            body.fail_if(f"{name!r} in v and not {function}(v)")

    def additional(self, schema: dict[str, Any], body: _Body) -> None:
        """additionalProperties: keys neither declared nor matching a pattern, as jsonschema finds them."""
        declared = self.keys(schema.get("properties", {}))
        patterns = "|".join(schema.get("patternProperties", {}))
        fail, exact = self.failure(schema["additionalProperties"], "x")
        body.rely_on(exact)
        if fail is None:
            return
        if not patterns and schema["additionalProperties"] is False:
            body.fail_if(f"not v.keys() <= {declared}")
            return
        unmatched = f" and {self.pattern(patterns)}.search(k) is None" if patterns else ""
        body.add("    for k, x in v.items():")
        body.fail_if(f"k not in {declared}{unmatched} and ({fail})", depth=2)

    def array_part(self, schema: dict[str, Any], body: _Body) -> None:
        if "minItems" in schema:
            body.fail_if(f"len(v) < {schema['minItems']!r}")
        if "maxItems" in schema:
            body.fail_if(f"len(v) > {schema['maxItems']!r}")
        if schema.get("uniqueItems"):
            body.fail_if("not _unique(v)")
        prefix = schema.get("prefixItems", [])
        for index, subschema in enumerate(prefix):
            fail, exact = self.failure(subschema, "x")
            body.rely_on(exact)
            if fail is not None:
                body.add(f"    if len(v) > {index}:", f"        x = v[{index}]")
                body.fail_if(fail, depth=2)
        if "items" in schema:
            fail, exact = self.failure(schema["items"], "x")
            body.rely_on(exact)
            in_range = None if prefix else _numbers_in_range(schema["items"])
            if fail is not None and in_range is not None:
                # Samples: min and max run in C, and only an array they cannot vouch for is looped over.
                body.add(f"    if not ({in_range}):", "        for x in v:")
                body.fail_if(fail, depth=3)
            elif fail is not None:
                body.add(f"    for x in v[{len(prefix)}:]:" if prefix else "    for x in v:")
                body.fail_if(fail, depth=2)
        if "contains" in schema:
            self.contains(schema, body)

    def contains(self, schema: dict[str, Any], body: _Body) -> None:
        """contains with minContains/maxContains: counting needs an exact check for the upper bound."""
        function, exact = self.function(schema["contains"])
        if "maxContains" in schema and not exact:
            body.declined()
            return
        body.rely_on(exact)
        body.add(f"    n = sum(1 for x in v if {function}(x))")
        body.fail_if(f"n < {schema.get('minContains', 1)!r}")
        if "maxContains" in schema:
            body.fail_if(f"n > {schema['maxContains']!r}")

    def applicators(self, schema: dict[str, Any], body: _Body) -> None:
        """allOf and anyOf take any check; not, if and oneOf need exact ones, else the part is declined."""
        for subschema in schema.get("allOf", []):
            function, exact = self.function(subschema)
            body.rely_on(exact)
            body.fail_if(f"not {function}(v)")
        if "anyOf" in schema:
            found = [self.function(subschema) for subschema in schema["anyOf"]]
            body.rely_on(all(exact for _, exact in found))
            body.fail_if("not (" + " or ".join(f"{name}(v)" for name, _ in found) + ")")
        needed = []
        if "oneOf" in schema:
            found = [self.function(subschema) for subschema in schema["oneOf"]]
            needed += [exact for _, exact in found]
            body.fail_if("(" + " + ".join(f"{name}(v)" for name, _ in found) + ") != 1")
        if "not" in schema:
            name, exact = self.function(schema["not"])
            needed.append(exact)
            body.fail_if(f"{name}(v)")
        if "if" in schema and ("then" in schema or "else" in schema):
            condition, exact = self.function(schema["if"])
            needed.append(exact)
            then, then_exact = self.function(schema.get("then", True))
            otherwise, else_exact = self.function(schema.get("else", True))
            body.rely_on(then_exact and else_exact)
            body.fail_if(f"not ({then}(v) if {condition}(v) else {otherwise}(v))")
        if not all(needed):
            body.declined()


def _numeric_failure(keyword: str, bound: Any, x: str) -> str:
    if keyword == "multipleOf":
        return f"_not_multiple({x}, {bound!r})"
    return f"{x} {_BOUNDS[keyword]} {bound!r}"


def _numbers_in_range(items: Any) -> str | None:
    """For items that are numbers with bounds only: an expression true only where every item of `v`
    passes them, though not always where they all do (a NaN first, a bool); None for other items."""
    if not isinstance(items, dict) or items.get("type") != "number":
        return None
    bounds = [key for key in items if key in ASSERTING and key != "type"]
    if not bounds or not set(bounds) <= _BOUNDS.keys():
        return None
    passes = [f"{_RANGE_PASSES[key]} {items[key]!r}" for key in bounds]  # False where min or max is NaN
    return " and ".join(["_plain_numbers(v)", *passes])


def _plain_numbers(values: list[Any]) -> bool:
    """A non-empty list of floats and ints only (no bool, no subclass): what min and max can vouch for."""
    return bool(values) and _FLOAT_AND_INT.issuperset(map(type, values))


_FLOAT_AND_INT = frozenset({float, int})
_RANGE_PASSES = {
    "minimum": "min(v) >=",
    "exclusiveMinimum": "min(v) >",
    "maximum": "max(v) <=",
    "exclusiveMaximum": "max(v) <",
}


def _types(schema: dict[str, Any]) -> frozenset[str] | None:
    kinds = schema.get("type")
    if kinds is None:
        return None
    return frozenset([kinds] if isinstance(kinds, str) else kinds)


# --- what the generated code calls: jsonschema's semantics, exactly -----------------------------------

_MISSING = object()
_TRUE, _FALSE = object(), object()


def _unbool(value: Any) -> Any:
    """True and 1 (False and 0) are different JSON values."""
    if value is True:
        return _TRUE
    if value is False:
        return _FALSE
    return value


def _equal(one: Any, two: Any) -> bool:
    """JSON equality: 1 == 1.0, but true != 1; containers compared member by member."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two, strict=False))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(
            key in two and _equal(value, two[key]) for key, value in one.items()
        )
    return bool(_unbool(one) == _unbool(two))


def _in_enum(value: Any, members: tuple[Any, ...]) -> bool:
    return any(_equal(member, value) for member in members)


def _unique(items: list[Any]) -> bool:
    """uniqueItems as jsonschema decides it: neighbours after sorting, else every pair."""
    try:
        ordered = sorted(_unbool(item) for item in items)
        return not any(_equal(a, b) for a, b in itertools.pairwise(ordered))
    except (NotImplementedError, TypeError):
        seen: list[Any] = []
        for item in items:
            value = _unbool(item)
            if any(_equal(earlier, value) for earlier in seen):
                return False
            seen.append(value)
        return True


def _is_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, Number)


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _not_multiple(value: Any, divisor: Any) -> bool:
    if isinstance(divisor, float):
        quotient = value / divisor
        try:
            return bool(int(quotient) != quotient)
        except OverflowError:
            from fractions import Fraction  # noqa: PLC0415 - only a huge quotient needs exact arithmetic

            return (Fraction(value) / Fraction(divisor)).denominator != 1
    return bool(value % divisor)


def _format_fails(checker: Format, value: Any) -> bool:
    check, raises = checker
    try:
        return not check(value)
    except raises:
        return True


_HELPERS: dict[str, Any] = {
    "_MISSING": _MISSING,
    "_equal": _equal,
    "_in_enum": _in_enum,
    "_unique": _unique,
    "_is_number": _is_number,
    "_plain_numbers": _plain_numbers,
    "_is_integer": _is_integer,
    "_not_multiple": _not_multiple,
    "_format_fails": _format_fails,
}
