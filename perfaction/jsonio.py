"""Reading untrusted JSON: bounded size, strict UTF-8, no NaN, no duplicate keys, no deep-nesting crash."""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from perfaction.errors import ToolingError, ValidationFailure

MAX_INPUT_BYTES = 32 * 1024 * 1024
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
    try:
        return json.loads(
            text,
            parse_float=number,
            parse_int=number,
            parse_constant=_reject_constant,
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


def _reject_constant(name: str) -> Any:
    raise _Rejected(f"{name} is not a number JSON allows; expected a finite number")


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
