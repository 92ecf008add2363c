"""Hostile and broken inputs: each exits 2 with one located line per problem, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from conftest import DATA


def _valid() -> dict:
    return {
        "schema_version": 1,
        "suite": "corpus",
        "source": {"format": "perfaction"},
        "timestamp": "2026-11-26T12:00:00Z",
        "environment": {"os": "linux", "cores": 2},
        "benchmarks": [
            {
                "name": "parse/small",
                "metrics": [
                    {
                        "name": "time",
                        "value": 120.5,
                        "unit": "ns",
                        "direction": "lower",
                        "samples": [120.0, 121.0],
                    }
                ],
            }
        ],
    }


def _with(change: Callable[[dict], None]) -> bytes:
    document = _valid()
    change(document)
    return json.dumps(document).encode()


def _metric(document: dict) -> dict:
    return document["benchmarks"][0]["metrics"][0]


def _text_case(text: str) -> bytes:
    return text.encode()


VALID_TEXT = json.dumps(_valid())
RECEIPT = DATA / "copybook" / "perf-615e59ce.json"


def _receipt_with(**fields: object) -> bytes:
    return json.dumps({**json.loads(RECEIPT.read_text()), **fields}).encode()


# name -> (file bytes, expected JSON pointer ("" for the root), words the reason must contain)
CASES: dict[str, tuple[bytes, str, str]] = {
    "truncated": (VALID_TEXT[: len(VALID_TEXT) // 2].encode(), "", "invalid JSON"),
    "empty file": (b"", "", "file is empty"),
    "trailing garbage": ((VALID_TEXT + " }").encode(), "", "invalid JSON"),
    "NaN value": (VALID_TEXT.replace("120.5", "NaN").encode(), "/benchmarks/0/metrics/0/value", "NaN"),
    "Infinity value": (
        VALID_TEXT.replace("120.5", "Infinity").encode(),
        "/benchmarks/0/metrics/0/value",
        "Infinity",
    ),
    "negative Infinity": (
        VALID_TEXT.replace("120.5", "-Infinity").encode(),
        "/benchmarks/0/metrics/0/value",
        "-Infinity",
    ),
    "overflowing number": (
        VALID_TEXT.replace("120.5", "1e400").encode(),
        "/benchmarks/0/metrics/0/value",
        "<=",
    ),
    "negative duration": (
        _with(lambda d: _metric(d).update(value=-3.5)),
        "/benchmarks/0/metrics/0/value",
        ">= 0",
    ),
    "negative sample": (
        _with(lambda d: _metric(d).update(samples=[1.0, -2.0])),
        "/benchmarks/0/metrics/0/samples/1",
        ">= 0",
    ),
    "value is a string": (
        _with(lambda d: _metric(d).update(value="fast")),
        "/benchmarks/0/metrics/0/value",
        "number",
    ),
    "value is a boolean": (
        _with(lambda d: _metric(d).update(value=True)),
        "/benchmarks/0/metrics/0/value",
        "number",
    ),
    "samples not a list": (
        _with(lambda d: _metric(d).update(samples="1,2")),
        "/benchmarks/0/metrics/0/samples",
        "array",
    ),
    "empty unit": (
        _with(lambda d: _metric(d).update(unit="")),
        "/benchmarks/0/metrics/0/unit",
        "unit",
    ),
    "unit in wrong case": (
        _with(lambda d: _metric(d).update(unit="NS")),
        "/benchmarks/0/metrics/0/unit",
        "unit",
    ),
    "bad direction": (
        _with(lambda d: _metric(d).update(direction="up")),
        "/benchmarks/0/metrics/0/direction",
        "higher",
    ),
    "empty benchmark list": (_with(lambda d: d.update(benchmarks=[])), "/benchmarks", "at least 1"),
    "duplicate benchmark names": (
        _with(lambda d: d["benchmarks"].append(d["benchmarks"][0])),
        "/benchmarks/1/name",
        "duplicate",
    ),
    "duplicate metric names": (
        _with(lambda d: d["benchmarks"][0]["metrics"].append(_metric(d))),
        "/benchmarks/0/metrics/1/name",
        "duplicate",
    ),
    "empty metrics": (
        _with(lambda d: d["benchmarks"][0].update(metrics=[])),
        "/benchmarks/0/metrics",
        "at least",
    ),
    "missing suite": (_with(lambda d: d.pop("suite")), "", "suite"),
    "suite with path traversal": (_with(lambda d: d.update(suite="../../etc")), "/suite", "pattern"),
    "suite with newline": (_with(lambda d: d.update(suite="a\nb")), "/suite", "pattern"),
    "control character in name": (
        _with(lambda d: d["benchmarks"][0].update(name="evil\u0007name")),
        "/benchmarks/0/name",
        "pattern",
    ),
    "huge benchmark name": (
        _with(lambda d: d["benchmarks"][0].update(name="x" * 10_000)),
        "/benchmarks/0/name",
        "at most 512",
    ),
    "interval upside down": (
        _with(lambda d: _metric(d).update(interval={"lower": 5.0, "upper": 1.0})),
        "/benchmarks/0/metrics/0/interval",
        "lower <= upper",
    ),
    "floor above ceiling": (
        _with(lambda d: _metric(d).update(floor=10.0, ceiling=1.0)),
        "/benchmarks/0/metrics/0/floor",
        "floor <= ceiling",
    ),
    "timestamp not a date-time": (
        _with(lambda d: d.update(timestamp="yesterday")),
        "/timestamp",
        "date-time",
    ),
    "timestamp without offset": (
        _with(lambda d: d.update(timestamp="2026-11-26T12:00:00")),
        "/timestamp",
        "date-time",
    ),
    "unexpected property": (_with(lambda d: d.update(verdict="pass")), "", "unexpected property 'verdict'"),
    "future schema version": (_with(lambda d: d.update(schema_version=2)), "/schema_version", "expected 1"),
    "zero cores": (_with(lambda d: d["environment"].update(cores=0)), "/environment/cores", ">= 1"),
    "duplicate keys": (
        VALID_TEXT.replace('"suite": "corpus"', '"suite": "a", "suite": "b"').encode(),
        "",
        "duplicate",
    ),
    "top-level array": (b"[1, 2, 3]", "", "not a recognised results format"),
    "top-level string": (b'"hello"', "", "not a recognised results format"),
    "non-UTF-8 bytes": (VALID_TEXT.replace("corpus", "corp\xffus").encode("latin-1"), "", "not valid UTF-8"),
    "UTF-16 file": (VALID_TEXT.encode("utf-16"), "", "not valid UTF-8"),
    "binary garbage": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "", "not valid UTF-8"),
    "lone surrogate escape": (
        VALID_TEXT.replace("parse/small", "parse\\ud800small").encode(),
        "",
        "surrogate",
    ),
    "failed bench receipt": (
        b'{"error": "cargo bench failed: <b>@team</b>"}',
        "/error",
        "cargo bench failed",
    ),
    "copybook receipt with a negative throughput": (
        _receipt_with(display_mibps=-5.0),
        "/display_mibps",
        ">= 0",
    ),
    "deeply nested": (b"[" * 10_000 + b"]" * 10_000, "", "nested too deeply"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_input_exits_2_with_a_located_reason(name, tmp_path, cli):
    content, pointer, words = CASES[name]
    path = tmp_path / "input.json"
    path.write_bytes(content)
    result = cli("validate", path)
    assert result.code == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}") and words in first, first
    located = pointer or "(root)"
    assert f": {located}: " in first, first
    assert len(result.stderr.splitlines()) <= 3


def test_a_50_mb_file_is_refused_without_reading_it_all(tmp_path, cli):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.write(b'{"pad": "')
        handle.write(b"x" * (50 * 1024 * 1024))
        handle.write(b'"}')
    result = cli("validate", path)
    assert result.code == 2
    assert "larger than the" in result.stderr and "Traceback" not in result.stderr


def test_a_directory_with_no_results_is_invalid(tmp_path, cli):
    (tmp_path / "notes.txt").write_text("nothing here")
    result = cli("validate", tmp_path)
    assert result.code == 2
    assert result.stderr.startswith(f"{tmp_path}: (root): directory holds no benchmark results")


def test_json_output_lists_every_problem_with_its_pointer(tmp_path, cli):
    path = tmp_path / "two.json"
    path.write_bytes(_with(lambda d: _metric(d).update(value=-1, unit="")))
    result = cli("validate", path, "--json")
    assert result.code == 2
    problems = json.loads(result.stdout)["files"][0]["problems"]
    assert {p["pointer"] for p in problems} == {
        "/benchmarks/0/metrics/0/value",
        "/benchmarks/0/metrics/0/unit",
    }
    assert all(p["file"] == str(path) for p in problems)


def test_corpus_is_large_enough():
    assert len(CASES) + 2 >= 30
