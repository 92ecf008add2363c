"""Rules of each document kind that JSON Schema cannot express; they run once a document's schema passes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from perfaction import units
from perfaction.jsonio import json_pointer
from perfaction.units import SMALLEST_QUANTITY
from perfaction.verdicts import FAIL_PCT

# Characters that make text read differently than it is ("Trojan source") or break lines and logs:
# bidirectional controls, and control characters (C0, DEL, C1).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SUSPECT = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def text_problem(text: str) -> str | None:
    """What is wrong with a name or a description perf-action would show, if anything.

    The one rule for names, in `validate` and in the action alike. Markup is not wrong (`<img>`,
    `@octocat`, hyperfine's `wc -l < input`): every string is escaped before it reaches Markdown.
    """
    found = _SUSPECT.search(text)
    if found is None:
        return None
    what = "a bidirectional text control" if found.group() in _BIDI else "a control character"
    return f"contains {what} (U+{ord(found.group()):04X}), which perf-action does not show"


def _unit_problem(text: str) -> str | None:
    meant = units.case_variant(text)
    return f"{text!r} is the unit {meant!r} in another case; units are case-sensitive" if meant else None


def _report_texts(document: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, text) of every free-form string of a report: names, units, the environment, the ref."""
    if "ref" in document["source"]:
        yield ("source", "ref"), document["source"]["ref"]
    environment = document["environment"]
    for key, value in environment.items():
        if isinstance(value, str):
            yield ("environment", key), value
    for key, value in environment.get("extra", {}).items():
        if isinstance(value, str):
            yield ("environment", "extra", key), value
    for index, benchmark in enumerate(document["benchmarks"]):
        yield ("benchmarks", index, "name"), benchmark["name"]
        for position, metric in enumerate(benchmark["metrics"]):
            yield ("benchmarks", index, "metrics", position, "unit"), metric["unit"]


def _texts_are_clean(document: dict[str, Any]) -> bool:
    """One search over every name at once, and each distinct unit once: the common case, kept fast."""
    benchmarks = document["benchmarks"]
    names = " ".join(benchmark["name"] for benchmark in benchmarks)
    used = {metric["unit"] for benchmark in benchmarks for metric in benchmark["metrics"]}
    others = " ".join(text for path, text in _report_texts({**document, "benchmarks": []}))
    return not (_SUSPECT.search(names) or _SUSPECT.search(others) or any(map(_unit_problem, used)))


def report_rules(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Rules of a canonical report that JSON Schema cannot express."""
    if not _texts_are_clean(document):
        for path, text in _report_texts(document):
            problem = text_problem(text) or (_unit_problem(text) if path[-1] == "unit" else None)
            if problem:
                yield json_pointer(path), problem
    seen: dict[str, int] = {}
    for index, benchmark in enumerate(document["benchmarks"]):
        name = benchmark["name"]
        if name in seen:
            yield (
                f"/benchmarks/{index}/name",
                f"duplicate benchmark name {name!r} (first at /benchmarks/{seen[name]})",
            )
        seen.setdefault(name, index)
        metric_names: set[str] = set()
        for position, metric in enumerate(benchmark["metrics"]):
            if metric["name"] in metric_names:
                yield (
                    f"/benchmarks/{index}/metrics/{position}/name",
                    f"duplicate metric {metric['name']!r} in benchmark {name!r}",
                )
            metric_names.add(metric["name"])
            interval = metric.get("interval")
            if interval and interval["lower"] > interval["upper"]:
                yield f"/benchmarks/{index}/metrics/{position}/interval", "expected lower <= upper"
            floor, ceiling = metric.get("floor"), metric.get("ceiling")
            if floor is not None and ceiling is not None and floor > ceiling:
                yield f"/benchmarks/{index}/metrics/{position}/floor", "expected floor <= ceiling"
            if _has_tiny_quantity(metric):
                yield from _tiny_quantities(metric, f"/benchmarks/{index}/metrics/{position}")


# The quantities of a metric, by key; each is 0 or at least SMALLEST_QUANTITY.
_SINGLE_QUANTITIES = ("value", "floor", "ceiling")
_GROUPED_QUANTITIES = ("percentiles", "interval")


def _has_tiny_quantity(metric: dict[str, Any]) -> bool:
    """A report's metric (all its quantities numbers, as its schema says) with a tiny one: the rare case."""
    quantities = [metric[key] for key in _SINGLE_QUANTITIES if key in metric]
    for group in _GROUPED_QUANTITIES:
        quantities.extend(metric.get(group, {}).values())
    samples = metric.get("samples")
    if samples and min(samples) < SMALLEST_QUANTITY:  # with a 0 among them, each sample is looked at
        return True
    return any(0 < quantity < SMALLEST_QUANTITY for quantity in quantities)


def _tiny_quantities(metric: dict[str, Any], where: str) -> Iterator[tuple[str, str]]:
    """Positive amounts too small to divide by: they would make ratios and conversions overflow."""
    found = [(key, metric.get(key)) for key in _SINGLE_QUANTITIES]
    for group in _GROUPED_QUANTITIES:
        found += [(f"{group}/{key}", value) for key, value in (metric.get(group) or {}).items()]
    samples = metric.get("samples") or ()
    if samples and min(samples) < SMALLEST_QUANTITY:
        found += [(f"samples/{index}", value) for index, value in enumerate(samples)]
    for key, value in found:
        if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < SMALLEST_QUANTITY:
            yield f"{where}/{key}", f"expected 0 or a value >= {SMALLEST_QUANTITY:g}, got {value!r}"


def baseline_rules(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """A baseline's report obeys the report rules too."""
    for pointer, message in report_rules(document["report"]):
        yield f"/report{pointer}", message


def run_history_rules(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """A run history's rules, with its module (and hashlib) loaded only for a run history."""
    from perfaction.runfiles import document_rules  # noqa: PLC0415

    return document_rules(document)


def history_rules(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """History stays bounded and every point belongs to a promotion it still lists."""
    numbers = [promotion["number"] for promotion in document["promotions"]]
    if len(numbers) > document["limit"]:
        yield (
            "/promotions",
            f"expected at most {document['limit']} promotions (the limit), got {len(numbers)}",
        )
    for index in range(1, len(numbers)):
        if numbers[index] <= numbers[index - 1]:
            yield f"/promotions/{index}/number", "expected promotion numbers to increase"
    known = set(numbers)
    for benchmark, metrics in document["series"].items():
        for metric, series in metrics.items():
            previous = 0
            for index, point in enumerate(series["points"]):
                where = json_pointer(["series", benchmark, metric, "points", index, "promotion"])
                if point["promotion"] not in known:
                    yield where, f"promotion {point['promotion']} is not listed in /promotions"
                elif point["promotion"] <= previous:
                    yield where, "expected promotion numbers to increase"
                previous = point["promotion"]


def summary_rules(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """A summary's counts must agree with its rows, and each metric appears once."""
    seen: dict[tuple[str, str], int] = {}
    tally = dict.fromkeys(document["counts"], 0)
    for index, row in enumerate(document["rows"]):
        key = (row["benchmark"], row["metric"])
        if key in seen:
            yield f"/rows/{index}", f"duplicate row for {key[0]!r} {key[1]!r} (first at /rows/{seen[key]})"
        seen.setdefault(key, index)
        tally[row["status"]] += 1
    for status, count in document["counts"].items():
        if tally[status] != count:
            yield f"/counts/{status}", f"expected {tally[status]} (the rows with this status), got {count}"


def config_rules(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Settings of a .perfaction.toml that are each valid but contradict one another."""
    compare = document.get("compare", {})
    fail_pct = compare.get("fail_pct", FAIL_PCT)
    tables = [("/compare", compare)]
    tables += [(f"/compare/override/{i}", entry) for i, entry in enumerate(compare.get("override", []))]
    for where, table in tables:
        if table.get("warn_pct", 0) > table.get("fail_pct", fail_pct):
            yield f"{where}/warn_pct", "expected warn_pct <= fail_pct"
    for index, slo in enumerate(compare.get("slo", [])):
        if slo.get("floor", 0) > slo.get("ceiling", float("inf")):
            yield f"/compare/slo/{index}/floor", "expected floor <= ceiling"
        yield from _tiny_quantities(slo, f"/compare/slo/{index}")
    amounts = [("/compare", compare.get("min_absolute"))]
    amounts += [
        (f"/compare/override/{i}", o.get("min_absolute")) for i, o in enumerate(compare.get("override", []))
    ]
    for where, amount in amounts:
        if amount is not None:
            yield from _tiny_quantities(amount, f"{where}/min_absolute")
    aliases = compare.get("aliases", {})
    for old, new in aliases.items():
        where = json_pointer(("compare", "aliases", old))
        if old == new:
            yield where, "an alias must name a different benchmark"
        elif new in aliases:
            yield where, f"{new!r} is itself renamed; point the alias at the final name"


# Rules beyond the schema, per schema name; they run only once the schema passes.
SEMANTIC_RULES: dict[str, list[Callable[[dict[str, Any]], Iterator[tuple[str, str]]]]] = {
    "perf-report": [report_rules],
    "baseline": [baseline_rules],
    "baseline-history": [history_rules],
    "regression-summary": [summary_rules],
    "config": [config_rules],
    "run-history": [run_history_rules],
}
