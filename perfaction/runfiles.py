"""The files of a suite's recorded run history: packed value columns, key tables, chunks and the index.

A run's values are three columns over the slots of a key table: float32 values, uint16 sample counts
(one number when every slot has the same) and uint16 spreads (hundredths of a percent),
little-endian, base64 in JSON. That keeps a 10,000-benchmark run near 80 KB and lets a reader decode
and check a chunk with C-speed calls, never a Python loop over the values.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import sys
from array import array
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Any, NamedTuple

from perfaction.jsonio import dumps
from perfaction.records import datarecord

FLOAT32_LIMIT = 1e38  # records refuse larger values; float32 itself ends at 3.4e38
UINT16_MAX = 65535  # counts and spreads beyond this are stored as this
SPREAD_SCALE = 100  # spreads are stored in hundredths of a percent: 0.01 % steps up to 655.35 %
# A float32's high byte, little-endian, is below 0x7F exactly for finite values >= 0 and < 2^127:
# deleting those bytes leaves only the bad ones (sign bit set, or an exponent of all ones).
_FLOAT32_GOOD_HIGH = bytes(range(0x7F))
_WIDTHS = {"values": 4, "counts": 2, "spreads": 2}


class SlotKey(NamedTuple):
    """What one value slot measures: a benchmark's metric, in a unit, with its better direction."""

    benchmark: str
    metric: str
    unit: str
    direction: str


class KeyTable:
    """The slots of a chunk's runs, in order; one file shared by every chunk with the same slots."""

    def __init__(self, suite: str, slots: Sequence[SlotKey]) -> None:
        self.suite = suite
        self.slots = list(slots)
        self.positions = {(slot.benchmark, slot.metric): index for index, slot in enumerate(self.slots)}

    def __len__(self) -> int:
        return len(self.slots)

    def to_dict(self) -> dict[str, Any]:
        benchmarks: dict[str, int] = {}
        metrics: dict[tuple[str, str, str], int] = {}
        pairs = array("I")
        for slot in self.slots:
            pairs.append(benchmarks.setdefault(slot.benchmark, len(benchmarks)))
            pairs.append(metrics.setdefault((slot.metric, slot.unit, slot.direction), len(metrics)))
        return {
            "schema_version": 1,
            "kind": "keys",
            "suite": self.suite,
            "benchmarks": list(benchmarks),
            "metrics": [{"name": n, "unit": u, "direction": d} for n, u, d in metrics],
            "slots": _encode(pairs),
        }

    @property
    def name(self) -> str:
        """Content-addressed: the same slots always give the same file name."""
        digest = hashlib.sha256(dumps(self.to_dict()).encode()).hexdigest()
        return f"keys-{digest[:16]}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KeyTable:
        """Build from a document valid against run-history.schema.json and its rules (kind "keys")."""
        names = data["benchmarks"]
        metrics = [(m["name"], m["unit"], m["direction"]) for m in data["metrics"]]
        pairs = _slot_pairs(data["slots"]) or array("I")
        return cls(
            data["suite"],
            [SlotKey(names[b], *metrics[m]) for b, m in zip(pairs[0::2], pairs[1::2], strict=True)],
        )


def _slot_pairs(packed: str) -> array | None:
    """The flat (benchmark, metric) index pairs of a key table; None when they are not uint32 pairs."""
    try:
        raw = binascii.a2b_base64(packed, strict_mode=True)
    except ValueError:  # binascii.Error, or text that is not ASCII
        return None
    return _decode(raw, "I") if len(raw) % 8 == 0 and raw else None


@datarecord
class Columns:
    """One run's values over the slots of its key table; `absent` slots hold no measurement."""

    values: array  # float32
    counts: array | None = None  # uint16; None when no slot had samples
    spreads: array | None = None  # uint16, hundredths of a percent; with counts
    absent: frozenset[int] = frozenset()

    def pack(self) -> dict[str, Any]:
        packed: dict[str, Any] = {"values": _encode(self.values)}
        if self.counts is not None and self.spreads is not None:
            uniform = self.counts[0] if self.counts.count(self.counts[0]) == len(self.counts) else None
            packed["counts"] = _encode(self.counts) if uniform is None else uniform
            packed["spreads"] = _encode(self.spreads)
        if self.absent:
            packed["absent"] = sorted(self.absent)
        return packed


def columns_of(values: Sequence[float], counts: Sequence[int], spreads: Sequence[float]) -> Columns:
    """Pack one run's statistics; counts and spreads are left out when no slot had samples."""
    packed_values = array("f", values)
    if not any(counts):
        return Columns(packed_values)
    packed_counts = array("H", (min(count, UINT16_MAX) for count in counts))
    packed_spreads = array("H", (min(round(spread * SPREAD_SCALE), UINT16_MAX) for spread in spreads))
    return Columns(packed_values, packed_counts, packed_spreads)


def _encode(column: array) -> str:
    if sys.byteorder == "big":
        column = array(column.typecode, column)
        column.byteswap()
    return base64.b64encode(column.tobytes()).decode()


def _decode(data: bytes, typecode: str) -> array:
    column = array(typecode)
    column.frombytes(data)
    if sys.byteorder == "big":
        column.byteswap()
    return column


def unpack(run: dict[str, Any], slots: int | None) -> tuple[Columns | None, list[tuple[str, str]]]:
    """A run's columns, checked; or the problems (pointer below the run, message) that stop it.

    `slots` is the key table's length when known; otherwise the values column sets it.
    """
    raw: dict[str, bytes] = {}
    for name in _WIDTHS:
        if isinstance(run.get(name), str):
            try:
                raw[name] = binascii.a2b_base64(run[name], strict_mode=True)
            except ValueError as error:  # binascii.Error, or text that is not ASCII
                return None, [(f"/{name}", f"not valid base64: {error}")]
    width = slots if slots is not None else len(raw["values"]) // 4
    problems = list(_column_problems(run, raw, width))
    absent = run.get("absent", [])
    if any(b <= a for a, b in pairwise(absent)) or (absent and absent[-1] >= width):
        problems.append(("/absent", f"expected ascending slot numbers below {width}"))
    if problems:
        return None, problems
    columns = {name: _decode(data, "f" if name == "values" else "H") for name, data in raw.items()}
    if isinstance(run.get("counts"), int | float):  # one count for every slot (the schema allows 7.0)
        columns["counts"] = array("H", [int(run["counts"])]) * width
    return Columns(**columns, absent=frozenset(absent)), []


def _column_problems(run: dict[str, Any], raw: dict[str, bytes], width: int) -> Iterator[tuple[str, str]]:
    """Lengths agree with the slots; values are finite and non-negative (checked bytewise)."""
    if ("counts" in run) != ("spreads" in run):
        yield "/counts", "counts and spreads come together: both or neither"
    for name, data in raw.items():
        if len(data) != width * _WIDTHS[name]:
            yield f"/{name}", f"expected {width} slots ({width * _WIDTHS[name]} bytes), got {len(data)} bytes"
    values = raw["values"]
    if len(values) % 4 == 0 and values[3::4].translate(None, _FLOAT32_GOOD_HIGH):
        yield "/values", "expected finite values >= 0 (below 1.7e38)"


def unpack_chunk(chunk: dict[str, Any], slots: int | None) -> tuple[list[Columns], list[tuple[str, str]]]:
    """Every run's columns of a chunk, and everything wrong with the chunk beyond its schema."""
    columns: list[Columns] = []
    problems = []
    previous = 0
    environments = len(chunk.get("environments", []))
    for index, run in enumerate(chunk["runs"]):
        if run["seq"] <= previous:
            problems.append((f"/runs/{index}/seq", "expected run numbers to increase"))
        previous = run["seq"]
        if run.get("environment", 0) >= max(environments, 1):
            problems.append(
                (
                    f"/runs/{index}/environment",
                    f"expected an index into /environments ({environments} listed)",
                )
            )
        unpacked, found = unpack(run, slots)
        problems += [(f"/runs/{index}{pointer}", message) for pointer, message in found]
        if unpacked is not None:
            columns.append(unpacked)
            slots = len(unpacked.values) if slots is None else slots
    return columns, problems


# --- semantic rules (beyond the schema), registered in perfaction.validation ------------------------


def document_rules(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """What run-history.schema.json cannot say, per kind of file."""
    kind = document["kind"]
    if kind == "keys":
        yield from _keys_rules(document)
    elif kind == "chunk":
        yield from _chunk_rules(document)
    else:
        yield from _index_rules(document)


def _keys_rules(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    names, metrics = document["benchmarks"], document["metrics"]
    if len(set(names)) != len(names):
        yield "/benchmarks", "expected unique benchmark names"
    pairs = _slot_pairs(document["slots"])
    if pairs is None:
        yield "/slots", "expected (benchmark, metric) index pairs, uint32 little-endian, base64"
        return
    benchmarks, kinds = pairs[0::2], pairs[1::2]
    if max(benchmarks) >= len(names) or max(kinds) >= len(metrics):
        yield "/slots", "expected benchmark and metric indexes within /benchmarks and /metrics"
        return
    keys = {(b, metrics[m]["name"]) for b, m in zip(benchmarks, kinds, strict=True)}
    if len(keys) != len(benchmarks):
        yield "/slots", "a benchmark has the same metric twice"


def _chunk_rules(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield from unpack_chunk(document, None)[1]


def _index_rules(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    names: set[str] = set()
    previous = 0
    for index, chunk in enumerate(document["chunks"]):
        if chunk["name"] in names:
            yield f"/chunks/{index}/name", f"chunk {chunk['name']!r} is listed twice"
        names.add(chunk["name"])
        for position, run in enumerate(chunk["runs"]):
            if run["seq"] <= previous:
                yield f"/chunks/{index}/runs/{position}/seq", "expected run numbers to increase"
            previous = run["seq"]
