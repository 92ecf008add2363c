"""One mechanism for every JSON document perf-action reads or writes: schema plus semantic checks."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import zlib
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from perfaction import jsonio, packaged
from perfaction.errors import Problem, ToolingError, ValidationFailure
from perfaction.jsonio import dumps, dumps_compact, json_pointer
from perfaction.rules import SEMANTIC_RULES
from perfaction.schemacheck import Format, compile_schema, run_module

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
    resource = _schema_directory() / f"{name}.schema.json"
    if not resource.is_file():
        raise ToolingError(f"no schema named {name!r} is installed")
    return json.loads(resource.read_text(encoding="utf-8"))


@cache
def _surely_valid(name: str) -> Callable[[Any], bool]:
    """The schema compiled to plain Python, once per process: True only for documents jsonschema accepts.

    perf-action's schemas ship compiled (`make schemas`): bundling and compiling one takes up to 50 ms
    of a command's start. A schema, or a compiler, changed since then is compiled here as before.
    """
    spec = importlib.util.find_spec(f"{_COMPILED}.{_check_module(name)}")
    if spec is not None and spec.loader is not None:
        return run_module(spec.loader.get_code(spec.name), _FORMATS).check  # type: ignore[attr-defined]
    return compile_schema(_bundled(name), _FORMATS).check


_COMPILED = "perfaction.schemas.compiled"


def _check_module(name: str) -> str:
    """The module of a schema's compiled check: its name and a checksum of all its code depends on."""
    return f"s_{name.replace('-', '_')}_{_sources_checksum():08x}"


@cache
def _sources_checksum() -> int:
    """Every schema (a schema's references may lead to any other) and the compiler's source.

    A checksum tells an edited schema from the one compiled, which is all this is for: zlib loads in a
    fraction of the time hashlib's OpenSSL takes at every command's start.
    """
    from perfaction import schemacheck  # noqa: PLC0415 - its file, read as bytes

    sources = [Path(schemacheck.__file__), *sorted(_schema_directory().glob("*.schema.json"))]
    return zlib.crc32(b"\0".join(map(Path.read_bytes, sources)))


def _schema_directory() -> Path:
    return packaged.directory("perfaction.schemas")


def precompile_schemas(directory: Path) -> None:
    """Regenerate the modules of the schemas' compiled checks in `directory` (`make schemas`)."""
    names = [path.name.removesuffix(".schema.json") for path in _schema_directory().glob("*.schema.json")]
    wanted = {f"{_check_module(name)}.py": name for name in names}
    for stale in directory.glob("s_*.py"):
        if stale.name not in wanted:
            stale.unlink()
    for file_name, name in wanted.items():
        header = f'"""The compiled check of schemas/{name}.schema.json (`make schemas`): do not edit."""\n\n'
        module = compile_schema(_bundled(name), _FORMATS).module
        (directory / file_name).write_text(header + module, encoding="utf-8")


@cache
def _validator(name: str) -> Any:
    """jsonschema's validator, built once per process, for documents the compiled check cannot vouch for."""
    # jsonschema and referencing take ~60-120 ms to import: only a document with problems pays for them.
    from jsonschema import Draft202012Validator, FormatChecker, validators  # noqa: PLC0415
    from referencing import Registry  # noqa: PLC0415

    checker = FormatChecker()
    for format_name, (check, raises) in _FORMATS.items():
        checker.checks(format_name, raises=raises)(check)
    registry: Registry[Any] = Registry(retrieve=_retrieve)  # type: ignore[call-arg]
    original_items = Draft202012Validator.VALIDATORS["items"]
    original_properties = Draft202012Validator.VALIDATORS["properties"]
    parts: dict[int, Callable[[Any], bool]] = {}

    def surely(subschema: Any) -> Callable[[Any], bool]:
        """A compiled check of one part of the schema: jsonschema descends only where it may fail."""
        if id(subschema) not in parts:
            parts[id(subschema)] = compile_schema(subschema, _FORMATS).check
        return parts[id(subschema)]

    def items(validator: Any, item_schema: Any, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
        if not isinstance(instance, list) or "prefixItems" in schema:
            yield from original_items(validator, item_schema, instance, schema)
            return
        check = surely(item_schema)
        for index, value in enumerate(instance):
            if not check(value):
                yield from validator.descend(instance=value, schema=item_schema, path=index)

    def properties(validator: Any, declared: Any, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
        if not isinstance(instance, dict):
            yield from original_properties(validator, declared, instance, schema)
            return
        for prop, subschema in declared.items():
            if prop in instance and not surely(subschema)(instance[prop]):
                yield from validator.descend(instance[prop], subschema, path=prop, schema_path=prop)

    fast = validators.extend(Draft202012Validator, {"items": items, "properties": properties})
    return fast(_bundled(name), format_checker=checker, registry=registry)


# perf-action's own schemas have $ids of this form; $refs to them are resolved by bundling.
_OWN_SCHEMA_ID = re.compile(r"https://perf-action\.github\.io/schemas/([a-z0-9-]+)/v1\.json")
# Keywords of a referenced schema that are about its document, not about what it validates.
_DOCUMENT_KEYWORDS = ("$id", "$schema", "$defs")


@cache
def _retrieve(uri: str) -> Any:
    """Load a referenced schema by its $id: only for a reference bundling left in place (a cycle)."""
    from referencing import Resource  # noqa: PLC0415 - see _validator
    from referencing.exceptions import NoSuchResource  # noqa: PLC0415

    match = _OWN_SCHEMA_ID.fullmatch(uri)
    if match is None:
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # an attrs class mypy cannot see into
    return Resource.from_contents(load_schema(match.group(1)))


@cache
def _bundled(name: str) -> dict[str, Any]:
    """The schema with every $ref to perf-action's schemas replaced by its target: nothing to look up later.

    A cycle is left as a $ref by absolute URI, for jsonschema's registry (the compiled check declines it).
    """
    schema = load_schema(name)
    return {key: value if key == "$defs" else _inline_refs(value, name, ()) for key, value in schema.items()}


def _inline_refs(node: Any, document: str, within: tuple[tuple[str, str], ...]) -> Any:
    if isinstance(node, list):
        return [_inline_refs(item, document, within) for item in node]
    if not isinstance(node, dict):
        return node
    rest = {
        key: value if key in _VALUES else _inline_refs(value, document, within)
        for key, value in node.items()
        if key != "$ref"
    }
    reference = node.get("$ref")
    if not isinstance(reference, str):
        return rest
    target = _target(reference, document)
    if target is None:
        return {"$ref": reference, **rest}
    name, pointer = target
    resolved = _resolve(load_schema(name), pointer)
    if target in within or resolved is _UNRESOLVED:
        return {"$ref": f"https://perf-action.github.io/schemas/{name}/v1.json#{pointer}", **rest}
    return _merged(_inline_refs(resolved, name, (*within, target)), rest)


def _target(reference: str, document: str) -> tuple[str, str] | None:
    """(schema name, JSON pointer) of a reference to one of perf-action's schemas, else None."""
    address, _, pointer = reference.partition("#")
    if not address:
        return document, pointer
    match = _OWN_SCHEMA_ID.fullmatch(address)
    return (match.group(1), pointer) if match else None


_UNRESOLVED = object()


def _resolve(schema: Any, pointer: str) -> Any:
    node = schema
    for part in pointer.split("/")[1:] if pointer else []:
        key = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return _UNRESOLVED
    return node


def _merged(resolved: Any, rest: dict[str, Any]) -> Any:
    """A $ref's target with the keywords beside the $ref: one schema when they share none, else allOf."""
    if isinstance(resolved, dict):
        resolved = {key: value for key, value in resolved.items() if key not in _DOCUMENT_KEYWORDS}
    if not rest:
        return resolved
    if not isinstance(resolved, dict) or (resolved.keys() & rest.keys()) - _ANNOTATIONS:
        return {**rest, "allOf": [resolved, *rest.get("allOf", [])]}
    return {**resolved, **rest}


_ANNOTATIONS = frozenset({"title", "description", "$comment", "examples", "default", "deprecated"})
# Keywords whose values are data, not schemas: a "$ref" key in there is not a reference.
_VALUES = frozenset({"enum", "const", "examples", "default"})


def _is_date_time(value: object) -> bool:
    """RFC 3339 date-time with an explicit offset (jsonschema skips it without extra packages)."""
    if not isinstance(value, str):
        return True
    return "T" in value.upper() and datetime.fromisoformat(value).tzinfo is not None


def _is_date(value: object) -> bool:
    """RFC 3339 full-date, YYYY-MM-DD (an acknowledgement's expiry)."""
    if not isinstance(value, str):
        return True
    return len(value) == 10 and value[4] == "-" and date.fromisoformat(value) is not None


# The formats perf-action's schemas use, for the compiled check and for jsonschema alike.
_FORMATS: dict[str, Format] = {
    "date-time": (_is_date_time, (ValueError,)),
    "date": (_is_date, (ValueError,)),
}


def problems(document: Any, schema: str, source: str, *, semantic: bool = True) -> list[Problem]:
    """Every schema and semantic problem of a document, in document order, capped at MAX_PROBLEMS.

    semantic=False leaves the semantic rules to a caller that checks the same while decoding.
    """
    found = (
        []
        if _surely_valid(schema)(document)
        else [
            Problem(source, json_pointer(error.absolute_path), _describe(error))
            for error in _validator(schema).iter_errors(document)
        ]
    )
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


def write_json(path: Path, document: dict[str, Any], schema: str, *, compact: bool = False) -> None:
    """Validate, then write atomically: an invalid or half-written artifact never appears.

    compact is for files programs read (summaries): a third of the time of the indented form.
    """
    ensure_valid(document, schema, str(path))
    text = dumps_compact(document) if compact else dumps(document)
    if compact and len(text) > jsonio.MAX_SUMMARY_BYTES:  # characters: at least as many bytes
        raise ToolingError(
            f"cannot write {path}: {len(text) / 2**20:.0f} MiB of JSON, over the "
            f"{jsonio.MAX_SUMMARY_BYTES // 2**20} MiB perf-action reads back"
        )
    write_text(Path(path), text)


def write_text(path: Path, text: str) -> None:
    """Write atomically: readers see the old file or the whole new one, never a part."""
    if not path.name:  # ".", "/": there is no file beside which to write
        raise ToolingError(f"cannot write {path}: it names a directory, not a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp, fd = _new_sibling(path)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            tmp.replace(path)
        except BaseException:  # a full disk, a directory in the way, an interrupt: leave no stray file
            tmp.unlink(missing_ok=True)
            raise
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


_PRIVATE_NEW_FILE = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
)


def _new_sibling(path: Path) -> tuple[Path, int]:
    """A file beside `path` that did not exist, open for us alone, as tempfile.mkstemp makes one.

    tempfile (with shutil, random and the compressors they load) would cost every command's start.
    """
    while True:
        candidate = path.with_name(f".{path.name}.{os.urandom(6).hex()}")
        try:
            return candidate, os.open(candidate, _PRIVATE_NEW_FILE, 0o600)
        except FileExistsError:
            continue
