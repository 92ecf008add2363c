"""copybook-rs perf receipts (bench.sh v0, v1.0.0 with integrity) and its legacy PerformanceReport."""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from perfaction import jsonio, units
from perfaction.errors import ValidationFailure
from perfaction.model import Benchmark, Environment, Metric, Report
from perfaction.validation import ensure_valid

if TYPE_CHECKING:
    from decimal import Decimal

    from perfaction.ingest import Input

FORMAT = "copybook"
SUITE = "copybook"
DISPLAY = "DISPLAY"
COMP3 = "COMP-3"
# copybook-rs's SLO floors (advisory upstream); each metric gets its floor in its own unit.
FLOORS_MIBPS = {DISPLAY: 80.0, COMP3: 40.0}
# The receipt benchmarks that measure the two SLO workloads; their names say "mbps" but mean MiB/s.
SLO_BENCHMARKS = {
    "slo_validation/display_heavy_slo_80mbps": DISPLAY,
    "slo_validation/comp3_heavy_slo_40mbps": COMP3,
}
SUPPORTED_MAJOR = "1"

_RECEIPT_KEYS = ("display_mibps", "display_gibps", "comp3_mibps")
_V1_KEYS = ("format_version", "build_profile", "target_cpu", "integrity")
_LEGACY_KEYS = ("display_gibs", "comp3_mibs")
# Sentinels copybook-rs writes when it could not find a value.
_ABSENT = ("", "unknown")
_RFC3339 = re.compile(
    r"(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})?", re.ASCII
)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_QUOTE_LIMIT = 200


def variant(document: Any) -> str | None:
    """Which copybook-rs shape a parsed document is, in copybook-rs's own detection order."""
    if not isinstance(document, dict):
        return None
    summary = document.get("summary")
    summarised = isinstance(summary, dict) and ("display_mibps" in summary or "comp3_mibps" in summary)
    receipt = summarised or any(key in document for key in _RECEIPT_KEYS)
    if any(key in document for key in _V1_KEYS) and (receipt or "environment" in document):
        return "v1"
    if receipt:
        return "v0"
    if any(key in document for key in _LEGACY_KEYS):
        return "legacy"
    if set(document) == {"error"}:
        return "error"
    return None


def sniff(source: Input) -> bool:
    document = source.document if source.looks_like_json() else None
    return variant(document) is not None


def read(source: Input) -> Report:
    shape = variant(source.document)
    if shape is None:
        raise ValidationFailure.single(
            source.label,
            "",
            "not a copybook-rs receipt: expected an object with format_version (v1 receipt), "
            "summary/display_mibps/comp3_mibps (bench.sh receipt), display_gibs/comp3_mibs "
            "(PerformanceReport) or only error (failed bench run)",
        )
    return _SHAPES[shape](source)


def _read_v1(source: Input) -> Report:
    document = source.document
    version = document.get("format_version")
    if isinstance(version, str) and version.split(".", 1)[0] != SUPPORTED_MAJOR:
        raise ValidationFailure.single(
            source.label,
            "/format_version",
            f"receipt format {_quote(version)} is not supported; expected {SUPPORTED_MAJOR}.x.y",
        )
    ensure_valid(document, "input-copybook-v1", source.label)
    ensure_valid(document, "input-copybook-v0", source.label)
    if "integrity" in document:
        verify_integrity(source)
    machine = document["environment"]
    environment = Environment(
        os=_text(machine["os"]),
        kernel=_text(machine["kernel"]),
        cpu_model=_text(machine["cpu_model"]),
        cores=machine["cpu_cores"],
        toolchain=_text(document.get("toolchain")),
        extra=_extra(
            wsl2_detected=machine["wsl2_detected"],
            build_profile=_text(document["build_profile"]),
            target_cpu=_text(document["target_cpu"]),
        ),
    )
    return _receipt_report(source, environment, "copybook-v1")


def _read_v0(source: Input) -> Report:
    document = source.document
    ensure_valid(document, "input-copybook-v0", source.label)
    host = document.get("summary", {})
    environment = Environment(
        os=_text(host.get("host_os")),
        kernel=_text(host.get("host_kernel")),
        cpu_model=_text(host.get("host_cpu")),
        cores=host.get("host_cores"),
        toolchain=_text(document.get("toolchain")),
        extra=_extra(wsl2_detected=host.get("wsl2_detected")),
    )
    return _receipt_report(source, environment, "copybook-v0")


def _receipt_report(source: Input, environment: Environment, source_format: str) -> Report:
    """DISPLAY and COMP-3 throughput with their floors, plus every receipt benchmark's mean time."""
    # Left out on purpose: the summary's p50/p90/p99 pool DISPLAY and COMP-3 samples together, and
    # max_rss_mib is the RSS of `sleep 0.1` (always about 4, or 0), not of the benchmark.
    document = source.document
    summary = document.get("summary", {})
    display_gibps = document.get("display_gibps")
    throughput = {
        DISPLAY: _first(
            summary.get("display_mibps"),
            document.get("display_mibps"),
            None if display_gibps is None else units.convert(display_gibps, "GiB/s", "MiB/s"),
        ),
        COMP3: _first(summary.get("comp3_mibps"), document.get("comp3_mibps")),
    }
    mean_times: dict[str, Metric] = {}
    others: list[Benchmark] = []
    first_seen: dict[str, int] = {}
    for index, entry in enumerate(document["benchmarks"]):
        name = SLO_BENCHMARKS.get(entry["name"], entry["name"])
        if name in first_seen:
            raise ValidationFailure.single(
                source.label,
                f"/benchmarks/{index}/name",
                f"benchmark {_quote(entry['name'])} is measured twice "
                f"(first at /benchmarks/{first_seen[name]}); expected each benchmark once",
            )
        first_seen[name] = index
        mean_time = Metric("mean_time", entry["mean_ns"], "ns", "lower")
        if name in throughput:
            mean_times[name] = mean_time
            throughput[name] = _first(throughput[name], entry["mean_mibps"])
        else:
            others.append(Benchmark(name, [_throughput(name, entry["mean_mibps"], "MiB/s"), mean_time]))
    slo_benchmarks = [
        Benchmark(name, [_throughput(name, value, "MiB/s"), *filter(None, [mean_times.get(name)])])
        for name, value in throughput.items()
        if value is not None
    ]
    return Report(
        suite=SUITE,
        benchmarks=slo_benchmarks + others,
        environment=environment,
        commit=_text(document.get("commit")),
        timestamp=_timestamp(source, document.get("timestamp")),
        source_format=source_format,
    )


def _read_legacy(source: Input) -> Report:
    """Keep the report's own units (GiB/s DISPLAY): comparison converts, and boundary fixtures stay exact."""
    # status, warnings and errors are copybook-rs's verdicts against its own baseline: perf-action
    # recomputes verdicts from the numbers, so they are not carried. A null value means no metric.
    document = source.document
    ensure_valid(document, "input-copybook-legacy", source.label)
    values = {DISPLAY: (document.get("display_gibs"), "GiB/s"), COMP3: (document.get("comp3_mibs"), "MiB/s")}
    benchmarks = [
        Benchmark(name, [_throughput(name, value, unit)])
        for name, (value, unit) in values.items()
        if value is not None
    ]
    if not benchmarks:
        errors = document.get("errors") or []
        reason = f"; its first error is {_quote(errors[0])}" if errors else ""
        raise ValidationFailure.single(
            source.label,
            "/display_gibs" if "display_gibs" in document else "/comp3_mibs",
            f"the report holds no results: display_gibs and comp3_mibs are both null{reason}",
        )
    return Report(
        suite=SUITE,
        benchmarks=benchmarks,
        commit=_text(document.get("commit")),
        timestamp=_timestamp(source, document.get("timestamp")),
        source_format="copybook-legacy",
    )


def _read_error(source: Input) -> Report:
    """copybook-rs's scripts/ci/bench.sh writes this instead of results when cargo bench fails."""
    raise ValidationFailure.single(
        source.label,
        "/error",
        "failed benchmark run: the receipt holds no results, only the error "
        + _quote(source.document["error"]),
    )


_SHAPES: dict[str, Callable[[Input], Report]] = {
    "v1": _read_v1,
    "v0": _read_v0,
    "legacy": _read_legacy,
    "error": _read_error,
}


def _throughput(benchmark: str, value: float, unit: str) -> Metric:
    floor = FLOORS_MIBPS.get(benchmark)
    return Metric(
        "throughput",
        value,
        unit,
        "higher",
        floor=None if floor is None else units.convert(floor, "MiB/s", unit),
    )


def _first(*values: float | None) -> float | None:
    return next((value for value in values if value is not None), None)


def _text(value: str | None) -> str | None:
    return None if value is None or value.strip().lower() in _ABSENT else value


def _extra(**values: str | bool | None) -> dict[str, str | int | float | bool]:
    return {key: value for key, value in values.items() if value is not None}


def _timestamp(source: Input, value: str | None) -> str | None:
    """RFC 3339 with an explicit offset; copybook-rs writes UTC, so a missing offset means UTC."""
    if value is None or not value.strip():
        return None
    match = _RFC3339.fullmatch(value)
    if match is None or not _is_calendar_time(match):
        raise ValidationFailure.single(
            source.label,
            "/timestamp",
            f"{_quote(value)} is not an RFC 3339 date-time (e.g. 2025-10-16T05:26:46Z)",
        )
    date, time, fraction, offset = match.groups()
    offset = "Z" if offset is None or offset.upper() == "Z" or offset == "+00:00" else offset
    return f"{date}T{time}{fraction or ''}{offset}"


def _is_calendar_time(match: re.Match[str]) -> bool:
    date, time, fraction, _ = match.groups()
    try:
        datetime.fromisoformat(f"{date}T{time}{(fraction or '')[:7]}")
    except ValueError:
        return False
    return True


def _quote(value: object) -> str:
    """A hostile value made safe to print: JSON-escaped to ASCII, at most a couple of hundred characters."""
    if not isinstance(value, str):
        value = f"<{type(value).__name__}>" if isinstance(value, dict | list) else str(value)
    shown = value if len(value) <= _QUOTE_LIMIT else value[:_QUOTE_LIMIT] + "..."
    return json.dumps(shown, ensure_ascii=True)


# --- integrity -------------------------------------------------------------------------------------
# copybook-rs hashes `jq -cS 'del(.integrity)'`: sorted keys, compact, raw UTF-8, a trailing newline.
# jq >= 1.7 prints each number as the canonical decimal of its literal (205.0 stays 205.0); jq 1.6
# prints the shortest double (205). A receipt hashed by either is accepted.


def verify_integrity(source: Input) -> None:
    import hashlib  # noqa: PLC0415 - loads OpenSSL: only v1 receipts are hashed

    exact = jsonio.parse(source.text, source.label, exact_numbers=True)
    claimed = exact.pop("integrity")["sha256"]
    try:
        digests = [
            hashlib.sha256(jq_canonical(exact, number).encode("utf-8")).hexdigest()
            for number in (_jq17_number, _jq16_number)
        ]
    except RecursionError:
        raise ValidationFailure.single(source.label, "", "JSON is nested too deeply to hash") from None
    if claimed not in digests:
        raise ValidationFailure.single(
            source.label,
            "/integrity/sha256",
            f"integrity mismatch: the receipt without integrity hashes to {digests[0]} "
            "(jq -cS 'del(.integrity)' form); the receipt changed after it was hashed",
        )


def jq_canonical(document: Any, number: Callable[[Decimal], str]) -> str:
    """The bytes `jq -cS .` prints for a document parsed with exact (Decimal) numbers."""
    return _render(document, number) + "\n"


def _render(value: Any, number: Callable[[Decimal], str]) -> str:
    if isinstance(value, dict):
        items = {_jq_string(key): item for key, item in value.items()}
        return "{" + ",".join(f"{key}:{_render(items[key], number)}" for key in sorted(items)) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_render(item, number) for item in value) + "]"
    if isinstance(value, str):
        return _jq_string(value)
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    return number(value)


def _jq_string(text: str) -> str:
    """Python escaping plus DEL as \\u007f; lone surrogates, which jq rejects, become U+FFFD."""
    return json.dumps(_LONE_SURROGATE.sub("\ufffd", text), ensure_ascii=False).replace("\x7f", "\\u007f")


def _jq17_number(literal: Decimal) -> str:
    return str(literal)


def _jq16_number(literal: Decimal) -> str:
    """jq 1.6's double printing: shortest round-trip digits, exponent form outside a fixed window."""
    value = float(literal)
    if math.isinf(value):  # jq 1.6 clamps literals beyond the double range
        value = math.copysign(sys.float_info.max, value)
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    from decimal import Decimal  # noqa: PLC0415 - only v1 receipts' integrity hash needs it

    sign, digit_tuple, exponent = Decimal(repr(value)).normalize().as_tuple()
    digits = "".join(map(str, digit_tuple))
    point = len(digits) + int(exponent)
    prefix = "-" if sign else ""
    if point <= -4 or point > len(digits) + 15:
        mantissa = digits[0] + (f".{digits[1:]}" if len(digits) > 1 else "")
        power = point - 1
        return f"{prefix}{mantissa}e{'-' if power < 0 else '+'}{abs(power):02d}"
    if point <= 0:
        return f"{prefix}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return f"{prefix}{digits}{'0' * (point - len(digits))}"
    return f"{prefix}{digits[:point]}.{digits[point:]}"
