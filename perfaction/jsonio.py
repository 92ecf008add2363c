"""Reading untrusted JSON: bounded size, strict UTF-8, no NaN, no duplicate keys, no deep-nesting crash."""

from __future__ import annotations

import gc
import json
import math
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from json.encoder import encode_basestring as _encode_string  # C, as ensure_ascii=False uses
from pathlib import Path
from typing import Any

from perfaction.errors import Problem, ToolingError, ValidationFailure
from perfaction.records import datarecord

MAX_INPUT_BYTES = 32 * 1024 * 1024
MAX_LOCATED = 50  # NaN and Infinity reported by pointer; more are rarely worth reading
# A regression summary as `compare` writes it, compact: one row per metric of two in-cap reports.
# compare refuses to write a larger one, so render and validate read every summary compare writes.
MAX_SUMMARY_BYTES = 256 * 1024 * 1024


def read_text(path: Path, limit: int = MAX_INPUT_BYTES) -> str:
    """Read a file as strict UTF-8, refusing anything larger than the limit."""
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(limit + 1)
    except IsADirectoryError:
        raise ToolingError(f"{path}: is a directory, expected a file") from None
    except OSError as exc:
        raise ToolingError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(raw) > limit:
        raise ValidationFailure.single(
            str(path), "", f"file is larger than the {limit // (1024 * 1024)} MiB limit"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailure.single(
            str(path), "", f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}"
        ) from None


def parse(text: str, source: str, *, exact_numbers: bool = False) -> Any:
    """Parse JSON text strictly; every failure becomes a located validation problem.

    exact_numbers keeps each number as the Decimal of its literal, for hashes over canonical forms.
    """
    number = None
    if exact_numbers:
        from decimal import Decimal  # noqa: PLC0415 - only copybook's integrity hash needs exact numbers

        number = Decimal
    if "\\u" in text and (lone := _lone_surrogate().search(text)):
        line = text.count("\n", 0, lone.start()) + 1
        raise ValidationFailure.single(
            source, "", f"invalid JSON at line {line}: {lone.group()} is a lone surrogate, not a character"
        )
    constants: list[_NotFinite] = []

    def not_finite(literal: str) -> _NotFinite:
        constants.append(_NotFinite(literal))
        return constants[-1]

    try:
        with without_cycle_collection():  # decoding makes no reference cycles
            document = json.loads(
                text,
                parse_float=number,
                parse_int=number,
                parse_constant=not_finite,
                object_pairs_hook=_unique_keys,
            )
    except json.JSONDecodeError as exc:
        raise ValidationFailure.single(
            source, "", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except _Rejected as exc:
        raise ValidationFailure.single(source, "", str(exc)) from None
    except ValueError:  # an integer literal longer than Python converts
        limit = sys.get_int_max_str_digits()
        raise ValidationFailure.single(
            source, "", f"an integer literal is too long; expected at most {limit} digits"
        ) from None
    except RecursionError:
        raise ValidationFailure.single(source, "", "JSON is nested too deeply") from None
    if constants:
        raise ValidationFailure(
            [
                Problem(source, pointer, f"{literal} is not a number JSON allows; expected a finite number")
                for pointer, literal in _not_finite(document, [])
            ][:MAX_LOCATED]
        )
    return document


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Work that makes many objects and no reference cycles: the collector's passes over a large
    suite's objects, triggered by those allocations alone, would take much of its time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@cache
def _lone_surrogate() -> re.Pattern[str]:
    """A \\uD800-\\uDFFF escape that is not half of a pair: it decodes to text no encoder can write."""
    return re.compile(
        r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
        r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
    )


def load(path: Path, limit: int = MAX_INPUT_BYTES) -> Any:
    return parse(read_text(path, limit), str(path))


class _Rejected(ValueError):
    pass


@datarecord(frozen=True)
class _NotFinite:
    """NaN, Infinity or -Infinity where a number stands: kept while parsing, then located and refused."""

    literal: str


def _not_finite(node: Any, path: list[str | int]) -> Iterator[tuple[str, str]]:
    """Where each non-finite number stands, as a JSON pointer, in document order."""
    if isinstance(node, _NotFinite):
        yield json_pointer(path), node.literal
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _not_finite(value, [*path, key])
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if not isinstance(value, int | float):  # long sample arrays of numbers: skipped quickly
                yield from _not_finite(value, [*path, index])


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Rejected(f"duplicate key {key!r} in an object")
            seen.add(key)
    return result


def json_pointer(path: Any) -> str:
    """Where in a document, as RFC 6901 writes it."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def dumps(document: Any) -> str:
    """JSON for people and diffs (reports, baselines, histories): indented, sorted keys, trailing newline.

    The text json.dumps(indent=2, sort_keys=True) writes, several times faster: json's indenting encoder
    is pure Python, so here containers are walked in Python and scalars, and whole runs of numbers such
    as samples, are encoded by C functions. Anything else goes to json itself.
    """
    parts: list[str] = []
    try:
        _pretty(document, "\n", parts)
    except _Unusual:
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
    parts.append("\n")
    return "".join(parts)


class _Unusual(Exception):
    """A value the fast pretty-printer leaves to json (non-string keys, subclasses, NaN, ...)."""


_LITERALS = {True: "true", False: "false", None: "null"}
_INTS, _FLOATS = {int}, {float}
_CONTAINERS = (dict, list)


def _pretty(value: Any, newline: str, parts: list[str]) -> None:
    kind = type(value)
    if kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key in sorted(value):
            if type(key) is not str:
                raise _Unusual
            item = value[key]
            if type(item) in _CONTAINERS:
                parts.append(separator + _encode_string(key) + ": ")
                _pretty(item, inner, parts)
            else:  # most values: no call for them
                parts.append(separator + _encode_string(key) + ": " + _scalar(item, type(item)))
            separator = "," + inner
        parts.append(newline + "}")
    elif kind is list:
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        kinds = set(map(type, value))
        if kinds == _INTS or (kinds == _FLOATS and all(map(math.isfinite, value))):
            parts.append("[" + inner + ("," + inner).join(map(repr, value)) + newline + "]")
            return
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _pretty(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    else:
        parts.append(_scalar(value, kind))


def _scalar(value: Any, kind: type) -> str:
    if kind is str:
        return _encode_string(value)
    if kind is int or (kind is float and math.isfinite(value)):
        return repr(value)
    if kind is bool or value is None:
        return _LITERALS[value]
    raise _Unusual


def dumps_compact(document: Any) -> str:
    """JSON for programs (summaries): the same keys and values on one line, by json's C encoder."""
    return (
        json.dumps(document, sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        + "\n"
    )
