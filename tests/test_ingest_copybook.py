"""copybook-rs receipts and reports, checked against the numbers in the real files themselves."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from perfaction.errors import ValidationFailure
from perfaction.identifiers import SHA256, SHORT_SHA, VERSION
from perfaction.ingest import Input, copybook, detect, read_report
from perfaction.model import Report

DATA = Path(__file__).parent / "data" / "copybook"
SCHEMAS = Path(__file__).parent.parent / "schemas"
V0_RECEIPTS = [
    *sorted(DATA.glob("perf-[0-9a-f]*.json")),
    DATA / "docexample-bench-sh-receipt-from-OPERATOR_RUNBOOK-md.json",
]
LEGACY_REPORTS = [
    *sorted(DATA.glob("fixture-regression-*.json")),
    DATA / "docexample-xtask-perf.json-from-BENCHMARKS-md.json",
]
V1_EXAMPLE = DATA / "docexample-receipt-v1.0.0-from-PERFORMANCE_RECEIPT_REFERENCE.json"
NOT_COPYBOOK = [
    DATA / "perf-sample-test_perf.sample.json",
    DATA / "docexample-xtask-meta.json-from-BENCHMARKS-md.json",
    DATA / "docexample-baseline-from-specifications-cicd-integration-md.json",
]
SLO_NAMES = {
    "slo_validation/display_heavy_slo_80mbps": "DISPLAY",
    "slo_validation/comp3_heavy_slo_40mbps": "COMP-3",
}


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def metrics(report: Report) -> dict[tuple[str, str], Any]:
    return {(b.name, m.name): m for b in report.benchmarks for m in b.metrics}


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def problem_of(path: Path, **options: Any) -> tuple[str, str]:
    with pytest.raises(ValidationFailure) as caught:
        read_report(path, host=False, **options)
    [problem] = caught.value.problems
    assert problem.source == str(path)
    return problem.pointer, problem.message


# --- receipt v0 (scripts/bench.sh) -------------------------------------------------------------


@pytest.mark.parametrize("path", V0_RECEIPTS, ids=lambda p: p.name)
def test_every_bench_sh_receipt_reads_with_its_own_numbers(path):
    receipt = load(path)
    summary = receipt.get("summary", {})
    report = read_report(path, host=False)
    found = metrics(report)

    assert report.source_format == "copybook-v0"
    assert report.suite == "copybook"
    assert report.commit == receipt["commit"]
    assert report.timestamp == receipt["timestamp"]
    assert [b.name for b in report.benchmarks] == ["DISPLAY", "COMP-3"]
    display, comp3 = found["DISPLAY", "throughput"], found["COMP-3", "throughput"]
    assert display.value == summary.get("display_mibps", receipt["display_mibps"])
    assert comp3.value == summary.get("comp3_mibps", receipt["comp3_mibps"])
    assert (display.unit, display.direction, display.floor) == ("MiB/s", "higher", 80)
    assert (comp3.unit, comp3.direction, comp3.floor) == ("MiB/s", "higher", 40)
    for entry in receipt["benchmarks"]:
        mean_time = found[SLO_NAMES[entry["name"]], "mean_time"]
        assert (mean_time.value, mean_time.unit, mean_time.direction) == (entry["mean_ns"], "ns", "lower")
    # Pooled percentiles and the meaningless RSS never become metrics.
    assert set(found) == {(b, m) for b in ("DISPLAY", "COMP-3") for m in ("throughput", "mean_time")}
    environment = report.environment
    assert environment.toolchain == receipt["toolchain"]
    assert environment.os == summary.get("host_os")
    assert environment.kernel == summary.get("host_kernel")
    assert environment.cpu_model == summary.get("host_cpu")
    assert environment.cores == summary.get("host_cores")


@pytest.mark.parametrize("path", V0_RECEIPTS, ids=lambda p: p.name)
def test_compact_and_pretty_receipts_give_identical_reports(path, tmp_path):
    compact = tmp_path / "perf.json"
    compact.write_text(json.dumps(load(path), separators=(",", ":")) + "\n")
    assert "\n" not in compact.read_text().strip()
    assert read_report(compact, host=False).to_dict() == read_report(path, host=False).to_dict()


def test_summary_wins_over_top_level_which_wins_over_gibps(tmp_path):
    receipt = load(DATA / "perf-e701c41f.json")
    receipt["summary"]["display_mibps"] = receipt["display_mibps"] / 2
    found = metrics(read_report(write(tmp_path / "a.json", receipt), host=False))
    assert found["DISPLAY", "throughput"].value == receipt["summary"]["display_mibps"]

    del receipt["summary"]
    found = metrics(read_report(write(tmp_path / "b.json", receipt), host=False))
    assert found["DISPLAY", "throughput"].value == receipt["display_mibps"]
    assert found["COMP-3", "throughput"].value == receipt["comp3_mibps"]

    del receipt["display_mibps"]
    found = metrics(read_report(write(tmp_path / "c.json", receipt), host=False))
    assert found["DISPLAY", "throughput"].value == pytest.approx(receipt["display_gibps"] * 1024)
    assert found["DISPLAY", "throughput"].unit == "MiB/s"


def test_other_receipt_benchmarks_become_their_own_benchmark(tmp_path):
    receipt = load(DATA / "perf-9c09edf7.json")
    extra = {"name": "decode_display_heavy/single_threaded/10000", "mean_ns": 54888000.5}
    extra |= {"bytes_processed": 5000000, "mean_mibps": 86.87}
    receipt["benchmarks"].append(extra)
    report = read_report(write(tmp_path / "perf.json", receipt), host=False)
    assert [b.name for b in report.benchmarks] == ["DISPLAY", "COMP-3", extra["name"]]
    found = metrics(report)
    throughput, mean_time = found[extra["name"], "throughput"], found[extra["name"], "mean_time"]
    assert (throughput.value, throughput.unit, throughput.floor) == (extra["mean_mibps"], "MiB/s", None)
    assert (mean_time.value, mean_time.unit) == (extra["mean_ns"], "ns")


def test_a_benchmark_measured_twice_is_rejected_at_its_pointer(tmp_path):
    receipt = load(DATA / "perf-9c09edf7.json")
    receipt["benchmarks"].append(receipt["benchmarks"][0])
    pointer, message = problem_of(write(tmp_path / "perf.json", receipt))
    assert pointer == "/benchmarks/2/name"
    assert "measured twice" in message


@pytest.mark.parametrize(
    ("change", "pointer", "expected"),
    [
        ({"summary": {"host_cpu": "evil\x1b[31m"}}, "/summary/host_cpu", "does not match"),
        ({"summary": {"host_cores": 0}}, "/summary/host_cores", ">= 1"),
        ({"display_mibps": -1}, "/display_mibps", ">= 0"),
        ({"commit": "x" * 65}, "/commit", "at most 64"),
        ({"benchmarks": []}, "/benchmarks", "at least 1"),
        ({"timestamp": "yesterday"}, "/timestamp", "not an RFC 3339 date-time"),
    ],
)
def test_bad_receipt_fields_are_located_in_the_users_file(tmp_path, change, pointer, expected):
    receipt = load(DATA / "perf-e701c41f.json")
    for key, value in change.items():
        if isinstance(value, dict):
            receipt[key].update(value)
        else:
            receipt[key] = value
    found_pointer, message = problem_of(write(tmp_path / "perf.json", receipt))
    assert (found_pointer, expected in message) == (pointer, True), message
    assert "\x1b" not in message


def test_convert_records_this_host_but_keeps_the_receipts_toolchain(cli, tmp_path):
    """A receipt without host annotation is what copybook-rs's perf-annotate-host.sh used to complete."""
    source = DATA / "perf-615e59ce.json"
    toolchain = load(source)["toolchain"]
    with_host, without_host = tmp_path / "host.json", tmp_path / "bare.json"
    assert cli("convert", source, "-o", with_host).code == 0
    assert cli("convert", source, "--no-host", "-o", without_host).code == 0
    recorded = load(with_host)["environment"]
    assert recorded["toolchain"] == toolchain
    assert recorded["cores"] >= 1
    assert recorded["os"]
    assert load(without_host)["environment"] == {"toolchain": toolchain}


# --- receipt v1.0.0 (scripts/bench-enhanced.sh) and its integrity hash ---------------------------


def jq_canonical(document: Any, integral_floats_as_ints: bool = False) -> bytes:
    """What `jq -cS 'del(.integrity)'` prints: jq >= 1.7 keeps 205.0, jq 1.6 prints 205."""

    def jq16(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: jq16(item) for key, item in value.items()}
        if isinstance(value, list):
            return [jq16(item) for item in value]
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    body = {key: value for key, value in document.items() if key != "integrity"}
    if integral_floats_as_ints:
        body = jq16(body)
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def hashed_v1(integral_floats_as_ints: bool = False, **changes: Any) -> dict[str, Any]:
    receipt = load(V1_EXAMPLE) | changes
    digest = hashlib.sha256(jq_canonical(receipt, integral_floats_as_ints)).hexdigest()
    return receipt | {"integrity": {"sha256": digest}}


def test_correctly_hashed_v1_receipt_reads(tmp_path):
    receipt = hashed_v1()
    report = read_report(write(tmp_path / "perf.json", receipt), host=False)
    found = metrics(report)
    assert report.source_format == "copybook-v1"
    assert (report.commit, report.timestamp) == (receipt["commit"], receipt["timestamp"])
    assert found["DISPLAY", "throughput"].value == receipt["summary"]["display_mibps"]
    assert found["COMP-3", "throughput"].value == receipt["summary"]["comp3_mibps"]
    for entry in receipt["benchmarks"]:
        assert found[SLO_NAMES[entry["name"]], "mean_time"].value == entry["mean_ns"]
    machine = receipt["environment"]
    environment = report.environment
    assert (environment.os, environment.kernel, environment.cpu_model, environment.cores) == (
        machine["os"],
        machine["kernel"],
        machine["cpu_model"],
        machine["cpu_cores"],
    )
    assert environment.extra == {
        "wsl2_detected": machine["wsl2_detected"],
        "build_profile": receipt["build_profile"],
        "target_cpu": receipt["target_cpu"],
    }


def test_a_single_changed_byte_fails_the_integrity_check(cli, tmp_path):
    receipt = hashed_v1()
    text = json.dumps(receipt, indent=2) + "\n"
    literal = json.dumps(receipt["benchmarks"][0]["mean_ns"])
    changed = literal[:-1] + ("1" if literal[-1] != "1" else "2")
    tampered = tmp_path / "tampered.json"
    tampered.write_text(text.replace(literal, changed, 1))
    assert len(tampered.read_bytes()) == len(text.encode())

    result = cli("validate", tampered)
    assert result.code == 2
    assert f"{tampered}: /integrity/sha256: integrity mismatch" in result.stderr
    assert "Traceback" not in result.stderr


def test_both_renderings_of_integral_floats_are_accepted(tmp_path):
    summary = load(V1_EXAMPLE)["summary"] | {"max_rss_mib": 205.0}
    as_jq17 = hashed_v1(summary=summary)
    as_jq16 = hashed_v1(integral_floats_as_ints=True, summary=summary)
    assert as_jq16["integrity"] != as_jq17["integrity"]
    for name, receipt in (("jq17.json", as_jq17), ("jq16.json", as_jq16)):
        path = write(tmp_path / name, receipt)
        assert '"max_rss_mib": 205.0' in path.read_text()
        assert read_report(path, host=False).source_format == "copybook-v1"


def test_the_hash_real_jq_prints_is_accepted(tmp_path):
    """Hash the way copybook-rs's generator does, with the real jq, on awkward content."""
    awkward = load(V1_EXAMPLE)
    awkward["environment"]["cpu_model"] = "Ryzen™ «9» — 😀 \u00a0\ufeff"
    awkward["summary"] |= {"max_rss_mib": 4.0, "p50_mibps": 1e-07, "p99_mibps": 12345678901234567890}
    awkward["zeta/é"] = {"b": [1.50, -0.0, 1e22], "a": None, "B": True, "note": "tab\tdel\x7f\x01"}
    awkward["zeta/é"]["huge"] = 123454321  # becomes 1e400, which jq 1.6 prints as the largest double
    del awkward["integrity"]
    source = tmp_path / "unhashed.json"
    source.write_text(json.dumps(awkward, ensure_ascii=False).replace("123454321", "1e400"))
    jq = shutil.which("jq")
    assert jq, "jq must be installed (apt-get install -y jq)"
    canonical = subprocess.run([jq, "-cS", "del(.integrity)", str(source)], capture_output=True, check=True)
    awkward["integrity"] = {"sha256": hashlib.sha256(canonical.stdout).hexdigest()}
    hashed = tmp_path / "hashed.json"
    hashed.write_text(json.dumps(awkward, indent=2, ensure_ascii=False).replace("123454321", "1e400"))
    # The file keeps literals that jq 1.6 prints differently (4.0 as 4, -0.0 as -0, the long integer).
    assert '"max_rss_mib": 4.0' in hashed.read_text()
    assert read_report(hashed, host=False).source_format == "copybook-v1"


def test_missing_integrity_is_allowed_as_the_schema_says(tmp_path):
    receipt = load(V1_EXAMPLE)
    del receipt["integrity"]
    assert read_report(write(tmp_path / "perf.json", receipt), host=False).source_format == "copybook-v1"


@pytest.mark.parametrize(
    ("changes", "pointer", "expected"),
    [
        ({}, "/integrity/sha256", "does not match the expected pattern"),  # the doc's "..." placeholder
        ({"format_version": "2.0.0"}, "/format_version", "expected 1.x.y"),
        ({"build_profile": "fast"}, "/build_profile", "expected one of: debug, release"),
        ({"commit": "ZZZZZZZ"}, "/commit", "does not match"),
    ],
)
def test_v1_receipts_follow_their_schema(tmp_path, changes, pointer, expected):
    receipt = hashed_v1(**changes) if changes else load(V1_EXAMPLE)
    found_pointer, message = problem_of(write(tmp_path / "perf.json", receipt))
    assert (found_pointer, expected in message) == (pointer, True), message


def test_v1_schema_is_copybooks_own_apart_from_its_description():
    ours = load(SCHEMAS / "input-copybook-v1.schema.json")
    upstream = load(DATA / "schema-perf-receipt-v1.json")
    assert "EffortlessMetrics/copybook-rs" in ours.pop("description")
    upstream.pop("description")
    # Our patterns are upstream's read strictly: no line break may follow (see perfaction/identifiers.py).
    strict = {
        "^\\d+\\.\\d+\\.\\d+$": VERSION.pattern,
        "^[a-f0-9]{7,40}$": SHORT_SHA.pattern,
        "^[a-f0-9]{64}$": SHA256.pattern,
    }
    text = json.dumps(upstream)
    for loose, anchored in strict.items():
        assert json.dumps(loose) in text
        text = text.replace(json.dumps(loose), json.dumps(anchored))
    assert ours == json.loads(text)


# --- failed bench run ----------------------------------------------------------------------------


def test_failed_bench_receipt_is_a_validation_failure_carrying_its_message(cli, tmp_path):
    failed = write(tmp_path / "perf.json", {"error": "benchmark_failed"})
    result = cli("validate", failed)
    assert result.code == 2
    expected = 'failed benchmark run: the receipt holds no results, only the error "benchmark_failed"'
    assert result.stderr.strip() == f"{failed}: /error: {expected}"


def test_hostile_error_text_is_escaped_and_cut(cli, tmp_path):
    hostile = "\x1b[2J\nFAKE: all good\r" + "A" * 5000
    failed = write(tmp_path / "perf.json", {"error": hostile})
    result = cli("convert", failed, "-o", tmp_path / "out.json")
    assert result.code == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert "\\u001b[2J\\nFAKE" in line
    assert "\x1b" not in line
    assert len(line) < 400
    assert not (tmp_path / "out.json").exists()


# --- legacy PerformanceReport -------------------------------------------------------------------


@pytest.mark.parametrize("path", LEGACY_REPORTS, ids=lambda p: p.name)
def test_every_performance_report_reads_in_its_own_units(path):
    document = load(path)
    report = read_report(path, host=False)
    found = metrics(report)
    assert report.source_format == "copybook-legacy"
    assert report.commit == document["commit"]
    display, comp3 = found["DISPLAY", "throughput"], found["COMP-3", "throughput"]
    # Exactly the file's numbers: no unit conversion, so boundary fixtures stay exact.
    assert (display.value, display.unit, display.floor) == (document["display_gibs"], "GiB/s", 80 / 1024)
    assert (comp3.value, comp3.unit, comp3.floor) == (document["comp3_mibs"], "MiB/s", 40)
    assert set(found) == {("DISPLAY", "throughput"), ("COMP-3", "throughput")}
    assert report.timestamp == document["timestamp"].replace("+00:00", "Z")


def test_a_report_with_errors_still_reads():
    document = load(DATA / "fixture-regression-report_failure_12pct.json")
    assert document["errors"]
    report = read_report(DATA / "fixture-regression-report_failure_12pct.json", host=False)
    assert metrics(report)["DISPLAY", "throughput"].value == document["display_gibs"]


def test_null_values_leave_the_metric_out_and_empty_timestamps_are_absent(tmp_path):
    document = load(DATA / "fixture-regression-report_warning_7pct.json") | {"display_gibs": None}
    document |= {"timestamp": "", "commit": ""}
    report = read_report(write(tmp_path / "perf.json", document), host=False)
    assert [b.name for b in report.benchmarks] == ["COMP-3"]
    assert (report.timestamp, report.commit) == (None, None)


def test_a_report_without_any_value_fails_with_its_first_error(tmp_path):
    # What copybook-rs's benchmark.yml writes when cargo bench produced nothing.
    document = {"display_gibs": None, "comp3_mibs": None, "timestamp": "", "commit": "abc12345"}
    document |= {"status": "failure", "warnings": [], "errors": ["No throughput data found"]}
    pointer, message = problem_of(write(tmp_path / "perf.json", document))
    assert pointer == "/display_gibs"
    assert "holds no results" in message and '"No throughput data found"' in message


# --- detection, forcing and conversion ----------------------------------------------------------


@pytest.mark.parametrize("path", NOT_COPYBOOK, ids=lambda p: p.name)
def test_detection_leaves_other_json_alone(path):
    assert not copybook.sniff(Input(path))
    with pytest.raises(ValidationFailure):
        detect(Input(path))


def test_format_copybook_forces_the_reader(cli, tmp_path):
    receipt = DATA / "perf-e701c41f.json"
    assert read_report(receipt, fmt="copybook", host=False).source_format == "copybook-v0"
    result = cli("validate", "--format", "copybook", NOT_COPYBOOK[0])
    assert result.code == 2
    assert "not a copybook-rs receipt" in result.stderr


@pytest.mark.parametrize(
    "path", [DATA / "perf-e701c41f.json", DATA / "fixture-regression-report_warning_7pct.json"]
)
def test_converted_reports_pass_validate(cli, tmp_path, path):
    out = tmp_path / "report.json"
    converted = cli("convert", path, "-o", out)
    assert converted.code == 0, converted.stderr
    validated = cli("validate", out)
    assert validated.code == 0, validated.stderr
    assert detect(Input(out)).FORMAT == "perfaction"
    assert load(out)["source"]["format"] == read_report(path, host=False).source_format


def test_a_receipt_missing_several_keys_names_each_of_them(tmp_path):
    receipt = load(V1_EXAMPLE)
    for key in ("commit", "target_cpu", "environment"):
        del receipt[key]
    with pytest.raises(ValidationFailure) as caught:
        read_report(write(tmp_path / "perf.json", receipt), host=False)
    assert [p.message for p in caught.value.problems if p.pointer == ""] == [
        "missing required property 'commit'",
        "missing required property 'target_cpu'",
        "missing required property 'environment'",
    ]


@pytest.mark.parametrize(
    ("literal", "pointer", "expected"),
    [("1e999", "/display_gibs", "<="), ("9" * 5000, "(root)", "integer literal is too long")],
)
def test_numbers_no_float_holds_are_invalid_input_not_a_crash(cli, tmp_path, literal, pointer, expected):
    path = tmp_path / "perf.json"
    path.write_text(f'{{"display_gibs": {literal}, "comp3_mibs": 1.0}}')
    result = cli("validate", path)
    assert result.code == 2
    assert f"{path}: {pointer}: " in result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
