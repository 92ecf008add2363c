"""`perfaction compare` as a user runs it: the table, the summary file and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA

from perfaction.config import RunLimits
from perfaction.ingest import read_report
from perfaction.modes.results import Found, ResultsRequest, read_results
from perfaction.summary import RegressionSummary
from perfaction.validation import write_json

REAL_TOOLS = DATA / "real-tools"


@pytest.fixture
def files():
    """The copybook-rs fixtures and the real hyperfine runs, as the tools wrote them."""
    copybook = DATA / "copybook"
    paths = {
        "baseline": str(copybook / "fixture-regression-baseline_reference.json"),
        "hf-base": str(REAL_TOOLS / "hyperfine" / "base.json"),
        "hf-head": str(REAL_TOOLS / "hyperfine" / "head.json"),
    }
    for fixture in copybook.glob("fixture-regression-report_*.json"):
        paths[fixture.stem.removeprefix("fixture-regression-report_")] = str(fixture)
    return paths


def test_a_regression_exits_3_and_the_table_shows_which(cli, files, tmp_path):
    out = tmp_path / "summary.json"
    result = cli("compare", files["hf-head"], "--baseline", files["hf-base"], "--summary-out", out)
    assert result.code == 3, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("perfaction compare: suite hyperfine against file baseline: FAILURE")
    failing = [line for line in lines if line.startswith("failure ")]
    assert len(failing) == 1 and "python3 sum_squares.py" in failing[0] and "regressed" in failing[0]
    assert sum(line.startswith("pass ") for line in lines) == 2
    summary = RegressionSummary.from_dict(json.loads(out.read_text()))
    assert summary.status == "FAILURE" and summary.baseline.selection == "file"
    assert cli("validate", "--kind", "summary", out).code == 0


@pytest.mark.parametrize(
    ("fixture", "fail_on", "code"),
    [
        ("warning_7pct", "failure", 0),
        ("warning_7pct", "warning", 3),
        ("failure_12pct", "never", 0),
        ("failure_12pct", "warning", 3),
        ("boundary_exactly_10pct", "failure", 0),
        ("pass_no_change", "warning", 0),
    ],
)
def test_fail_on_decides_which_status_exits_3(cli, files, fixture, fail_on, code):
    result = cli("compare", files[fixture], "--baseline", files["baseline"], "--fail-on", fail_on)
    assert result.code == code, result.stdout + result.stderr


def test_without_a_baseline_the_verdict_is_neutral(cli, files):
    result = cli("compare", files["neutral_missing_baseline"])
    assert result.code == 0
    assert "NEUTRAL" in result.stdout.splitlines()[0]


def test_the_config_in_the_working_directory_applies(cli, files, tmp_path):
    (tmp_path / ".perfaction.toml").write_text(
        '[[compare.acknowledged]]\nbenchmark = "*"\nreason = "new parser"\n'
    )
    result = cli("compare", files["failure_12pct"], "--baseline", files["baseline"], cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert "failure (ack)" in result.stdout
    assert "acknowledged: new parser" in result.stdout
    assert "SLO pass (advisory): COMP-3 throughput 150 MiB/s, floor 40 MiB/s" in result.stdout
    assert "settings: .perfaction.toml" in result.stderr


def test_a_bad_config_exits_2_naming_the_key(cli, files, tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("[compare]\nfail_pct = -1\n")
    result = cli("compare", files["pass_no_change"], "--baseline", files["baseline"], "--config", config)
    assert result.code == 2
    assert f"{config}: /compare/fail_pct: expected a value > 0, got -1" in result.stderr


def test_an_slo_in_a_unit_the_metric_cannot_have_exits_2(cli, files, tmp_path):
    config = tmp_path / "slo.toml"
    config.write_text(
        '[[compare.slo]]\nbenchmark = "COMP-3"\nmetric = "throughput"\nfloor = 40\nunit = "ms"\n'
    )
    result = cli("compare", files["pass_no_change"], "--baseline", files["baseline"], "--config", config)
    assert result.code == 2
    assert f"{config}: /compare/slo/0/unit: ms cannot express COMP-3 throughput" in result.stderr


def test_invalid_input_exits_2_and_a_missing_file_exits_4(cli, files, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "benchmarks": []}')
    assert cli("compare", broken, "--baseline", files["baseline"]).code == 2
    assert cli("compare", files["pass_no_change"], "--baseline", tmp_path / "nope.json").code == 4
    assert cli("compare", files["pass_no_change"], "--fail-on", "sometimes").code == 4


@pytest.mark.parametrize("where", [".", "/", "a-directory"])
def test_a_summary_out_that_names_no_file_is_a_tooling_error(cli, files, tmp_path, where):
    (tmp_path / "a-directory").mkdir()
    result = cli(
        "compare",
        files["pass_no_change"],
        "--baseline",
        files["baseline"],
        "--summary-out",
        where,
        cwd=tmp_path,
    )
    assert result.code == 4, result.stderr
    assert f"perfaction: error: cannot write {where}" in result.stderr
    assert "internal error" not in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a-directory"]  # nothing half-written


def test_differing_environments_are_announced_before_the_table(cli, tmp_path):
    def write(name: str, cpu: str) -> str:
        report = read_report(REAL_TOOLS / "hyperfine" / f"{name}.json", host=False)
        report.environment.cpu_model = cpu
        path = tmp_path / f"{name}.json"
        write_json(path, report.to_dict(), "perf-report")
        return str(path)

    result = cli("compare", write("head", "AMD EPYC"), "--baseline", write("base", "Intel Xeon"))
    assert result.code == 0
    second = result.stdout.splitlines()[1]
    assert second.startswith("WARNING: environments differ (cpu_model 'Intel Xeon' -> 'AMD EPYC')")


@pytest.mark.parametrize(("head", "base"), [("hf-head", "hf-base"), ("failure_15pct", "baseline")])
def test_check_is_compare_then_render_in_one_process(cli, files, tmp_path, head, base):
    """Same table, exit code, summary and comment as the two commands a CI script would run."""
    apart = cli("compare", files[head], "--baseline", files[base], "--summary-out", tmp_path / "a.json")
    rendered = cli("render", tmp_path / "a.json", "-o", tmp_path / "a.md")
    together = cli(
        "check", files[head], "--baseline", files[base],
        "--summary-out", tmp_path / "b.json", "--comment-out", tmp_path / "b.md",
    )  # fmt: skip
    assert together.code == apart.code == 3 and rendered.code == 0, together.stderr
    assert together.stdout == apart.stdout
    assert (tmp_path / "b.json").read_text() == (tmp_path / "a.json").read_text()
    assert (tmp_path / "b.md").read_text() == (tmp_path / "a.md").read_text()
    suite = json.loads((tmp_path / "b.json").read_text())["suite"]
    assert (tmp_path / "b.md").read_text().startswith(f"<!-- perfaction:{suite} -->\n### ❌ FAILURE")


def test_check_without_files_to_write_still_judges(cli, files):
    result = cli("check", files["warning_7pct"], "--baseline", files["baseline"], "--fail-on", "warning")
    assert result.code == 3
    assert ": WARNING (2 warning)" in result.stdout.splitlines()[0]


def test_several_runs_of_one_suite_are_pooled_as_repetitions(cli, files, tmp_path):
    out = tmp_path / "summary.json"
    runs = [files["pass_no_change"], files["warning_5pct"], files["warning_7pct"]]
    result = cli("compare", *runs, "--baseline", files["baseline"], "--summary-out", out)
    assert result.code in (0, 3), result.stderr
    rows = json.loads(out.read_text())["rows"]
    assert rows and all(row["current_samples"] == 3 for row in rows)
    single = [read_report(path, host=False) for path in runs]
    for row in rows:
        values = [
            metric.value
            for report in single
            for benchmark in report.benchmarks
            if benchmark.name == row["benchmark"]
            for metric in benchmark.metrics
            if metric.name == row["metric"]
        ]
        assert min(values) <= row["current"] <= max(values)


def test_runs_of_different_suites_cannot_be_pooled(cli, files):
    result = cli("compare", files["hf-head"], files["pass_no_change"], "--baseline", files["hf-base"])
    assert result.code == 2
    assert "pooled reports must be of one suite" in result.stderr and files["hf-head"] in result.stderr


def test_the_action_pools_the_runs_of_each_suite_it_finds(files):
    names = ["pass_no_change", "warning_5pct", "hf-head", "warning_7pct"]
    found = Found([(Path(files[name]), f"perf/{name}.json") for name in names])
    reports = {
        report.suite: report for report in read_results(found, ResultsRequest("perf/*.json"), RunLimits())
    }
    assert len(reports) == 2
    pooled = reports[read_report(files["pass_no_change"], host=False).suite]
    assert {len(m.samples or ()) for b in pooled.benchmarks for m in b.metrics} == {3}
