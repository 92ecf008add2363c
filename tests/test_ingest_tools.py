"""Readers for real benchmark tools, checked against the numbers each tool itself wrote."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from statistics import fmean

import pytest

from perfaction.errors import ValidationFailure
from perfaction.ingest import Input, detect, read_report
from perfaction.model import Metric, Report

TOOLS = Path(__file__).parent / "data" / "real-tools"
CRITERION = TOOLS / "criterion"
PYTEST_BENCHMARK = TOOLS / "pytest-benchmark"
GOOGLE_BENCHMARK = TOOLS / "google-benchmark"
HYPERFINE = TOOLS / "hyperfine"
GO = TOOLS / "go"
GAB = TOOLS / "gab"


def read(path: Path, fmt: str | None = None) -> Report:
    return read_report(path, fmt=fmt, host=False)


def metrics_by_benchmark(report: Report) -> dict[str, dict[str, Metric]]:
    return {b.name: {m.name: m for m in b.metrics} for b in report.benchmarks}


def load(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def failure(path: Path, fmt: str | None = None) -> ValidationFailure:
    with pytest.raises(ValidationFailure) as caught:
        read(path, fmt)
    return caught.value


# --- criterion ----------------------------------------------------------------------------------


def criterion_benchmarks(run: Path) -> list[Path]:
    return sorted(p.parent.parent for p in run.rglob("benchmark.json") if p.parent.name == "new")


@pytest.mark.parametrize("run", ["criterion-base", "criterion-head"])
def test_criterion_time_and_throughput_come_from_new_estimates_and_samples(run):
    report = read(CRITERION / run)
    metrics = metrics_by_benchmark(report)
    bench_dirs = criterion_benchmarks(CRITERION / run)
    assert report.suite == "criterion"
    assert len(report.benchmarks) == len(bench_dirs) == 3
    for bench_dir in bench_dirs:
        info = load(bench_dir / "new" / "benchmark.json")
        mean = load(bench_dir / "new" / "estimates.json")["mean"]
        sample = load(bench_dir / "new" / "sample.json")
        time = metrics[info["full_id"]]["time"]
        assert (time.value, time.unit, time.direction) == (mean["point_estimate"], "ns", "lower")
        bounds = mean["confidence_interval"]
        assert (time.interval.lower, time.interval.upper, time.interval.level) == (
            bounds["lower_bound"],
            bounds["upper_bound"],
            bounds["confidence_level"],
        )
        assert time.samples == [t / n for t, n in zip(sample["times"], sample["iters"], strict=True)]
        if info["throughput"] is None:
            assert set(metrics[info["full_id"]]) == {"time"}
            continue
        per_iteration = info["throughput"]["Bytes"]
        throughput = metrics[info["full_id"]]["throughput"]
        assert throughput.unit == "B/s"
        assert throughput.direction == "higher"
        assert throughput.value == pytest.approx(per_iteration / (mean["point_estimate"] * 1e-9))
        assert throughput.interval.lower == pytest.approx(per_iteration / (bounds["upper_bound"] * 1e-9))
        assert len(throughput.samples) == len(sample["iters"])
        assert min(throughput.samples) == pytest.approx(per_iteration / (max(time.samples) * 1e-9))


def test_criterion_names_are_full_ids_including_spaces_and_groups():
    names = {b.name for b in read(CRITERION / "criterion-base").benchmarks}
    full_ids = {
        load(d / "new" / "benchmark.json")["full_id"]
        for d in criterion_benchmarks(CRITERION / "criterion-base")
    }
    assert names == full_ids
    assert {"fib 20", "sort 10k", "checksum/65536"} == names


def test_criterion_ignores_base_and_change(tmp_path):
    copy = tmp_path / "criterion"
    shutil.copytree(CRITERION / "criterion-head", copy)
    expected = read(copy).to_dict()
    older = [p for p in copy.rglob("*.json") if p.parent.name in ("base", "change")]
    assert older
    for path in older:
        path.write_text("not json at all")
    assert read(copy).to_dict() == expected


def test_criterion_accepts_one_benchmark_or_one_group_directory():
    single = read(CRITERION / "criterion-base" / "fib 20")
    group = read(CRITERION / "criterion-base" / "checksum")
    assert [b.name for b in single.benchmarks] == ["fib 20"]
    assert [b.name for b in group.benchmarks] == ["checksum/65536"]
    estimate = load(CRITERION / "criterion-base" / "fib 20" / "new" / "estimates.json")["mean"][
        "point_estimate"
    ]
    assert single.benchmarks[0].metrics[0].value == estimate


def test_criterion_refuses_two_runs_in_one_directory():
    problem = failure(CRITERION).problems[0]
    assert problem.pointer == "/directory_name"
    assert problem.source.endswith("benchmark.json")
    assert "one run's target/criterion" in problem.message


def test_criterion_problems_name_the_file_and_pointer(tmp_path):
    copy = tmp_path / "criterion"
    shutil.copytree(CRITERION / "criterion-base", copy)
    sample_path = copy / "fib 20" / "new" / "sample.json"
    sample = load(sample_path)
    sample["times"].pop()
    sample_path.write_text(json.dumps(sample))
    problem = failure(copy).problems[0]
    assert (problem.source, problem.pointer) == (str(sample_path), "/times")

    estimates_path = copy / "fib 20" / "new" / "estimates.json"
    estimates = load(estimates_path)
    estimates["mean"]["point_estimate"] = "fast"
    estimates_path.write_text(json.dumps(estimates))
    problem = failure(copy).problems[0]
    assert (problem.source, problem.pointer) == (str(estimates_path), "/mean/point_estimate")


# --- pytest-benchmark ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["base.json", "head.json", "base-saved.json", "head-samples.json"])
def test_pytest_benchmark_mean_seconds_and_rounds_as_samples(name):
    document = load(PYTEST_BENCHMARK / name)
    report = read(PYTEST_BENCHMARK / name)
    metrics = metrics_by_benchmark(report)
    assert report.suite == "pytest-benchmark"
    assert len(metrics) == len(document["benchmarks"])
    for entry in document["benchmarks"]:
        time = metrics[entry["fullname"]]["time"]
        assert (time.value, time.unit, time.direction) == (entry["stats"]["mean"], "s", "lower")
        assert time.samples == entry["stats"].get("data")
    machine, commit = document["machine_info"], document["commit_info"]
    assert report.environment.cpu_model == machine["cpu"]["brand_raw"]
    assert report.environment.cores == machine["cpu"]["count"]
    assert report.environment.kernel == machine["release"]
    assert (report.commit, report.ref, report.timestamp) == (
        commit["id"],
        commit["branch"],
        document["datetime"],
    )


def test_pytest_benchmark_storage_file_without_data_has_no_samples():
    report = read(PYTEST_BENCHMARK / "base-saved.json").to_dict()
    with_data = read(PYTEST_BENCHMARK / "base.json").to_dict()
    assert all("samples" not in m for b in report["benchmarks"] for m in b["metrics"])
    assert all("percentiles" in m for b in with_data["benchmarks"] for m in b["metrics"])


# --- Google Benchmark ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["base-norep.json", "head-norep.json"])
def test_google_benchmark_single_runs(name):
    entries = load(GOOGLE_BENCHMARK / name)["benchmarks"]
    report = read(GOOGLE_BENCHMARK / name)
    metrics = metrics_by_benchmark(report)
    assert len(metrics) == len(entries)
    for entry in entries:
        measured = metrics[entry["name"]]
        assert (measured["time"].value, measured["time"].unit) == (entry["real_time"], entry["time_unit"])
        assert (measured["cpu_time"].value, measured["cpu_time"].unit) == (
            entry["cpu_time"],
            entry["time_unit"],
        )
        assert all(m.samples is None for m in measured.values())
        if "bytes_per_second" in entry:
            assert measured["throughput"].value == entry["bytes_per_second"]
            assert (measured["throughput"].unit, measured["throughput"].direction) == ("B/s", "higher")
        if "items_per_second" in entry:
            assert (measured["rate"].value, measured["rate"].unit) == (entry["items_per_second"], "ops/s")
    assert {"throughput", "rate"} <= {name for m in metrics.values() for name in m}
    assert report.environment.cores == load(GOOGLE_BENCHMARK / name)["context"]["num_cpus"]


@pytest.mark.parametrize("name", ["base-rep5.json", "head-rep5.json"])
def test_google_benchmark_repetitions_become_samples_and_mean_aggregate_the_value(name):
    entries = load(GOOGLE_BENCHMARK / name)["benchmarks"]
    report = read(GOOGLE_BENCHMARK / name)
    metrics = metrics_by_benchmark(report)
    runs = [e for e in entries if e["run_type"] == "iteration"]
    aggregates = {(e["run_name"], e["aggregate_name"]): e for e in entries if e["run_type"] == "aggregate"}
    assert set(metrics) == {e["run_name"] for e in runs}
    for run_name, measured in metrics.items():
        repetitions = [e for e in runs if e["run_name"] == run_name]
        assert len(repetitions) == repetitions[0]["repetitions"] > 1
        mean, median = aggregates[run_name, "mean"], aggregates[run_name, "median"]
        time = measured["time"]
        assert (time.value, time.unit) == (mean["real_time"], mean["time_unit"])
        assert time.samples == [e["real_time"] for e in repetitions]
        assert time.percentiles()["p50"] == pytest.approx(median["real_time"])
        assert measured["cpu_time"].samples == [e["cpu_time"] for e in repetitions]
        if "bytes_per_second" in mean:
            assert measured["throughput"].value == mean["bytes_per_second"]
            assert measured["throughput"].samples == [e["bytes_per_second"] for e in repetitions]


def test_google_benchmark_time_units_are_kept_and_converted_consistently(tmp_path):
    document = load(GOOGLE_BENCHMARK / "base-rep5.json")
    for entry in document["benchmarks"]:
        if entry["run_type"] == "iteration":
            entry["time_unit"] = "us"
            entry["real_time"] /= 1000
    path = tmp_path / "mixed-units.json"
    path.write_text(json.dumps(document))
    original = metrics_by_benchmark(read(GOOGLE_BENCHMARK / "base-rep5.json"))
    for name, measured in metrics_by_benchmark(read(path)).items():
        assert measured["time"].unit == "ns"
        assert measured["time"].samples == pytest.approx(original[name]["time"].samples)


def test_google_benchmark_error_entries_reject_the_file():
    entries = load(GOOGLE_BENCHMARK / "error.json")["benchmarks"]
    errored = [i for i, e in enumerate(entries) if e.get("error_occurred")]
    problems = failure(GOOGLE_BENCHMARK / "error.json").problems
    assert [p.pointer for p in problems] == [f"/benchmarks/{i}/error_occurred" for i in errored]
    assert entries[errored[0]]["error_message"] in problems[0].message


# --- hyperfine ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["base.json", "head.json"])
def test_hyperfine_mean_and_times_in_seconds(name):
    results = load(HYPERFINE / name)["results"]
    report = read(HYPERFINE / name)
    metrics = metrics_by_benchmark(report)
    assert [b.name for b in report.benchmarks] == [r["command"] for r in results]
    for result in results:
        time = metrics[result["command"]]["time"]
        assert (time.value, time.unit, time.direction) == (result["mean"], "s", "lower")
        assert time.samples == result["times"]
        assert time.percentiles()["p50"] == pytest.approx(result["median"])


# --- go test -bench -----------------------------------------------------------------------------


def go_printed(path: Path) -> dict[str, list[list[str]]]:
    """Each printed result line's fields after the iteration count, by printed name."""
    lines: dict[str, list[list[str]]] = {}
    for line in path.read_text().splitlines():
        fields = line.split()
        if fields and fields[0].startswith("Benchmark"):
            lines.setdefault(fields[0], []).append(fields[2:])
    return lines


def go_values(fields: list[list[str]], unit: str) -> list[float]:
    return [float(f[f.index(unit) - 1]) for f in fields]


@pytest.mark.parametrize("name", ["base.txt", "head.txt"])
def test_go_count_lines_become_samples_with_benchmem_and_custom_metrics(name):
    printed = go_printed(GO / name)
    report = read(GO / name)
    metrics = metrics_by_benchmark(report)
    counts = {len(lines) for lines in printed.values()}
    assert len(counts) == 1 and counts.pop() > 1
    suffixes = {printed_name.rsplit("-", 1)[1] for printed_name in printed}
    assert report.environment.extra["gomaxprocs"] == int(suffixes.pop())
    assert len(metrics) == len(printed)
    for printed_name, fields in printed.items():
        measured = metrics[printed_name.rsplit("-", 1)[0]]
        for unit, metric, registry_unit in (
            ("ns/op", "time", "ns"),
            ("B/op", "memory", "B"),
            ("allocs/op", "allocs", "count"),
            ("MB/s", "throughput", "MB/s"),
            ("items/s", "rate", "ops/s"),
        ):
            if unit not in fields[0]:
                assert metric not in measured
                continue
            values = go_values(fields, unit)
            assert measured[metric].samples == values
            assert len(measured[metric].samples) == len(fields)
            assert measured[metric].value == pytest.approx(fmean(values))
            assert measured[metric].unit == registry_unit
        assert measured["time"].direction == "lower"
    assert "throughput" in metrics["BenchmarkChecksum"] and "rate" in metrics["BenchmarkMapInsert"]


def test_go_header_lines_go_to_the_environment():
    header = dict(
        line.split(": ", 1) for line in (GO / "base.txt").read_text().splitlines() if re.match(r"\w+: ", line)
    )
    environment = read(GO / "base.txt").environment
    assert (environment.os, environment.cpu_model) == (header["goos"], header["cpu"])
    assert environment.extra["goarch"] == header["goarch"]
    assert environment.extra["pkg"] == header["pkg"]


def test_go_names_keep_their_suffix_when_gomaxprocs_differs(tmp_path):
    lines = (GO / "base.txt").read_text().splitlines()
    checksum = [line for line in lines if line.startswith("BenchmarkChecksum-")]
    as_cpu_list = [
        line.replace("BenchmarkChecksum-2", "BenchmarkChecksum  ", 1) for line in checksum
    ] + checksum
    path = tmp_path / "cpu-list.txt"
    path.write_text("\n".join(lines[:4] + as_cpu_list) + "\n")
    report = read(path)
    assert [b.name for b in report.benchmarks] == ["BenchmarkChecksum", "BenchmarkChecksum-2"]
    assert "gomaxprocs" not in report.environment.extra


def test_go_output_of_several_packages(tmp_path):
    text = (GO / "base.txt").read_text()
    other = text.replace("pkg: perfaction.test/gobench", "pkg: perfaction.test/other")
    path = tmp_path / "two-packages.txt"
    path.write_text(text + re.sub(r"^Benchmark", "BenchmarkOther", other, flags=re.MULTILINE))
    report = read(path)
    assert len(report.benchmarks) == 2 * len(read(GO / "base.txt").benchmarks)
    assert "pkg" not in report.environment.extra
    path.write_text(text + other)
    problem = failure(path).problems[0]
    assert problem.pointer == f"line {len(text.splitlines()) + 5}"
    assert "also ran in package 'perfaction.test/gobench'" in problem.message


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (("PASS", "--- FAIL: BenchmarkChecksum-2\nFAIL"), "go test reported a failure"),
        (("items/s", "widgets/op"), "unknown unit 'widgets/op'"),
        (("1016 B/op", "-1016 B/op"), "expected a finite number >= 0"),
    ],
)
def test_go_bad_output_is_refused_with_its_line(tmp_path, replace, expected):
    text = (GO / "head.txt").read_text()
    path = tmp_path / "bad.txt"
    path.write_text(text.replace(*replace))
    first_line = next(
        n for n, line in enumerate(path.read_text().splitlines(), 1) if replace[1].split()[0] in line
    )
    problem = failure(path).problems[0]
    assert problem.pointer == f"line {first_line}"
    assert expected in problem.message


# --- github-action-benchmark custom JSON --------------------------------------------------------


def test_gab_smaller_is_lower_is_better_and_matches_hyperfine():
    entries = load(GAB / "smaller-head.json")
    report = read(GAB / "smaller-head.json", "gab-smaller")
    metrics = metrics_by_benchmark(report)
    hyperfine = metrics_by_benchmark(read(HYPERFINE / "head.json"))
    assert report.source_format == "gab-smaller"
    for entry in entries:
        time = metrics[entry["name"]]["time"]
        assert (time.value, time.unit, time.direction) == (entry["value"], entry["unit"], "lower")
        assert time.value == hyperfine[entry["name"]]["time"].value


def test_gab_bigger_is_higher_is_better_with_unit_aliases():
    entries = load(GAB / "bigger-head.json")
    metrics = metrics_by_benchmark(read(GAB / "bigger-head.json", "gab-bigger"))
    google = metrics_by_benchmark(read(GOOGLE_BENCHMARK / "head-rep5.json"))
    assert {e["unit"] for e in entries} == {"B/s", "items/s"}
    for entry in entries:
        (metric,) = metrics[entry["name"]].values()
        assert (metric.value, metric.direction) == (entry["value"], "higher")
        assert metric.unit == {"B/s": "B/s", "items/s": "ops/s"}[entry["unit"]]
        assert metric.value == google[entry["name"]][metric.name].value


def test_gab_detection_refuses_to_guess_the_direction():
    for name in ("bigger-head.json", "smaller-base.json"):
        with pytest.raises(ValidationFailure) as caught:
            detect(Input(GAB / name))
        message = caught.value.problems[0].message
        assert "--format gab-bigger" in message and "gab-smaller" in message


def test_gab_every_bad_unit_exits_2_naming_its_pointer(cli, tmp_path):
    entries = load(GAB / "smaller-base.json")
    entries[0]["unit"], entries[2]["unit"] = "", "seconds "
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(entries))
    result = cli("convert", path, "--format", "gab-smaller", "-o", tmp_path / "out.json")
    assert result.code == 2
    assert f'{path}: /0/unit: "" is not a unit' in result.stderr
    assert f'{path}: /2/unit: "seconds " is not a unit' in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.json").exists()


# --- every format: detection, forcing, the slowed benchmark, the CLI round trip -----------------

DETECTED = [
    (CRITERION / "criterion-base", "criterion"),
    (CRITERION / "criterion-head" / "sort 10k", "criterion"),
    *[
        (PYTEST_BENCHMARK / n, "pytest-benchmark")
        for n in ("base.json", "base-saved.json", "head-samples.json")
    ],
    *[
        (GOOGLE_BENCHMARK / n, "google-benchmark")
        for n in ("base-norep.json", "head-rep5.json", "error.json")
    ],
    (HYPERFINE / "base.json", "hyperfine"),
    (GO / "head.txt", "go"),
]


@pytest.mark.parametrize(("path", "fmt"), DETECTED, ids=lambda v: v.name if isinstance(v, Path) else v)
def test_detection_picks_the_right_reader(path, fmt):
    assert fmt == detect(Input(path)).FORMAT


def test_format_forces_a_reader_and_reports_shape_problems_in_the_users_file():
    path = HYPERFINE / "base.json"
    assert read(path, "hyperfine").to_dict() == read(path).to_dict()
    problem = failure(path, "google-benchmark").problems[0]
    assert (problem.source, problem.pointer) == (str(path), "")
    assert "'context'" in problem.message
    assert failure(GO / "base.txt", "hyperfine").problems[0].message.startswith("invalid JSON")


SLOWED = [
    (CRITERION / "criterion-base", CRITERION / "criterion-head", None, "checksum/65536"),
    (PYTEST_BENCHMARK / "base.json", PYTEST_BENCHMARK / "head.json", None, "test_bench.py::test_sum_squares"),
    (GOOGLE_BENCHMARK / "base-norep.json", GOOGLE_BENCHMARK / "head-norep.json", None, "BM_Checksum/65536"),
    (GOOGLE_BENCHMARK / "base-rep5.json", GOOGLE_BENCHMARK / "head-rep5.json", None, "BM_Checksum/65536"),
    (HYPERFINE / "base.json", HYPERFINE / "head.json", None, "python3 sum_squares.py"),
    (GO / "base.txt", GO / "head.txt", None, "BenchmarkChecksum"),
    (GAB / "smaller-base.json", GAB / "smaller-head.json", "gab-smaller", "python3 sum_squares.py"),
]


@pytest.mark.parametrize(("base", "head", "fmt", "slowed"), SLOWED, ids=lambda v: str(v)[-30:])
def test_the_deliberately_slowed_benchmark_shows_the_largest_slowdown(base, head, fmt, slowed):
    before, after = metrics_by_benchmark(read(base, fmt)), metrics_by_benchmark(read(head, fmt))
    assert set(before) == set(after)
    ratios = {name: after[name]["time"].value / before[name]["time"].value for name in before}
    assert max(ratios, key=ratios.__getitem__) == slowed
    assert ratios[slowed] > 1.1


def test_every_format_converts_and_validates_through_the_cli(cli, tmp_path):
    inputs = [
        (CRITERION / "criterion-head", "auto"),
        (PYTEST_BENCHMARK / "head-samples.json", "auto"),
        (GOOGLE_BENCHMARK / "head-rep5.json", "auto"),
        (HYPERFINE / "head.json", "auto"),
        (GO / "head.txt", "auto"),
        (GAB / "bigger-head.json", "gab-bigger"),
        (GAB / "smaller-head.json", "gab-smaller"),
    ]
    outputs = []
    for index, (path, fmt) in enumerate(inputs):
        out = tmp_path / f"{index}.json"
        result = cli("convert", path, "--format", fmt, "-o", out)
        assert result.code == 0, result.stderr
        outputs.append(out)
        converted = load(out)
        assert converted["source"]["format"] == (fmt if fmt != "auto" else detect(Input(path)).FORMAT)
        for metric in (m for b in converted["benchmarks"] for m in b["metrics"] if "samples" in m):
            assert metric["percentiles"]["p50"] <= metric["percentiles"]["p99"] <= max(metric["samples"])
    checked = cli("validate", "--json", *outputs)
    assert checked.code == 0, checked.stderr
    assert [f["valid"] for f in json.loads(checked.stdout)["files"]] == [True] * len(inputs)


def _set(path: list[str | int], value: object):
    def change(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop_iterations(document):
    document["benchmarks"] = [e for e in document["benchmarks"] if e["run_type"] == "aggregate"]


BROKEN = [
    (HYPERFINE / "base.json", None, _set(["results"], []), "/results", "at least 1 item"),
    (HYPERFINE / "base.json", None, _set(["results", 1, "mean"], -0.2), "/results/1/mean", ">= 0"),
    (
        HYPERFINE / "base.json",
        None,
        _set(["results", 0, "times", 2], "0.2"),
        "/results/0/times/2",
        "a number",
    ),
    (
        PYTEST_BENCHMARK / "base-saved.json",
        None,
        _set(["benchmarks", 2, "stats", "mean"], None),
        "/benchmarks/2/stats/mean",
        "got null",
    ),
    (
        GOOGLE_BENCHMARK / "base-norep.json",
        None,
        _set(["benchmarks", 0, "time_unit"], "fortnight"),
        "/benchmarks/0/time_unit",
        "expected one of: ns, us, ms, s",
    ),
    (
        GOOGLE_BENCHMARK / "base-norep.json",
        None,
        _set(["benchmarks", 1, "name"], "BM\nX"),
        "/benchmarks/1/name",
        "pattern",
    ),
    (GAB / "bigger-base.json", "gab-bigger", _set([0, "value"], -3), "/0/value", ">= 0"),
    (
        GAB / "bigger-base.json",
        "gab-bigger",
        _set([1, "biggerIsBetter"], True),
        "/1",
        "unexpected property 'biggerIsBetter'",
    ),
    (
        GAB / "smaller-base.json",
        "gab-smaller",
        _set([2, "name"], "python3 sum_squares.py"),
        "/2",
        "a second time value",
    ),
]


@pytest.mark.parametrize("case", BROKEN, ids=[f"{case[0].parent.name}{case[3]}" for case in BROKEN])
def test_broken_tool_outputs_name_the_pointer_and_what_was_expected(tmp_path, case):
    path, fmt, change, pointer, expected = case
    document = load(path)
    change(document)
    broken = tmp_path / path.name
    broken.write_text(json.dumps(document))
    problem = failure(broken, fmt).problems[0]
    assert (problem.source, problem.pointer) == (str(broken), pointer)
    assert expected in problem.message


def test_google_benchmark_aggregates_only_take_the_mean_without_samples(tmp_path):
    document = load(GOOGLE_BENCHMARK / "head-rep5.json")
    means = {e["run_name"]: e for e in document["benchmarks"] if e.get("aggregate_name") == "mean"}
    _drop_iterations(document)
    path = tmp_path / "aggregates-only.json"
    path.write_text(json.dumps(document))
    for name, measured in metrics_by_benchmark(read(path)).items():
        assert measured["time"].value == means[name]["real_time"]
        assert measured["time"].samples is None


def test_criterion_throughput_must_be_a_positive_amount(tmp_path):
    copy = tmp_path / "checksum"
    shutil.copytree(CRITERION / "criterion-base" / "checksum", copy)
    info_path = copy / "65536" / "new" / "benchmark.json"
    info = load(info_path)
    info["throughput"] = {"Bytes": 0}
    info_path.write_text(json.dumps(info))
    problem = failure(copy).problems[0]
    assert (problem.source, problem.pointer) == (str(info_path), "/throughput/Bytes")
