"""`perfaction backtest` and `perfaction dashboard` on recorded histories in real git repositories, and
the action's `mode: dashboard` against the GitHub API test server."""

from __future__ import annotations

import math
import random
import re

import pytest
from action_steps import Runner, encoded, report
from baseline_helpers import make_project
from runs_helpers import request, run_report

from perfaction.baseline.git import GitStore
from perfaction.baseline.runs import record_run

pytestmark = pytest.mark.usefixtures("isolated_git")
RUNS, STEP_AT, SLOWED = 60, 30, 3


def _value(run: int, bench: int) -> float:
    """Six benchmarks with 0.8 % log-normal noise; bench/3 gets 12 % slower from run 30 on."""
    noise = math.exp(random.Random(run * 31 + bench).gauss(0, 0.008))
    return 50.0 * (bench + 1) * (1.12 if bench == SLOWED and run >= STEP_AT else 1.0) * noise


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("history-cli"))
    store = GitStore(project)
    for number in range(1, RUNS + 1):
        record_run(store, request(run_report(number, benchmarks=6, value=_value, day=number), run_id=number))
    return project


def test_backtest_with_default_settings_reports_exactly_the_planted_regression(cli, project, tmp_path):
    page = tmp_path / "backtest.html"
    result = cli("backtest", "--repo", project, "--html", page, cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert "settings: built-in defaults" in result.stdout
    assert f"suite demo: {RUNS - 1} runs judged against the run before, 1 alerts (0 on no change point)" in (
        result.stdout
    )
    assert "1 change points caught, 0 regressions missed" in result.stdout
    alerts = [line.split() for line in result.stdout.splitlines() if line.startswith("  ")]
    assert len(alerts) == 1
    status, _, seq, commit, benchmark, metric = alerts[0][:6]
    assert (status, seq, commit, benchmark, metric) == (
        "failure",
        str(STEP_AT),
        f"({STEP_AT:07x})",
        f"bench/{SLOWED}",
        "time:",
    )
    assert float(alerts[0][6].rstrip("%")) == pytest.approx(12, abs=3)
    rows = re.findall(r"<tr><td>(\w+)</td><td>(\d+)</td>", page.read_text())
    assert rows == [("failure", str(STEP_AT))]


def test_backtest_tries_the_settings_of_a_config_file(cli, project, tmp_path):
    config = tmp_path / "tight.toml"
    config.write_text("[compare]\nwarn_pct = 0.5\nfail_pct = 1.0\nalpha = 0.5\n")
    result = cli("backtest", "--repo", project, "--config", config, "--suite", "demo")
    assert result.code == 0, result.stderr
    assert "warn 0.5%, fail 1%" in result.stdout
    alerts = [line for line in result.stdout.splitlines() if line.startswith("  ")]
    # Tight thresholds and a loose false-alarm budget cry wolf (the defaults raise one alert, the step):
    # the backtest shows the cost.
    assert len(alerts) > 3


def test_dashboard_writes_a_page_per_suite_with_a_chart_per_series(cli, project, tmp_path):
    out = tmp_path / "site"
    result = cli("dashboard", "--repo", project, "--out", out, "--repository-url", "https://github.com/o/r")
    assert result.code == 0, result.stderr
    assert "6 charts" in result.stdout
    pages = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.html"))
    assert "index.html" in pages and any(page.startswith("demo") for page in pages)
    suite_page = (out / "demo" / "index.html").read_text()
    assert suite_page.count("<svg") == 6
    step = f"https://github.com/o/r/compare/{STEP_AT - 1:07x}...{STEP_AT:07x}"
    assert suite_page.count(step) == 1  # the planted step, and no other change point
    assert suite_page.count("/compare/") == 1


def test_dashboard_and_backtest_without_recorded_runs_say_what_to_do(cli, tmp_path):
    empty = make_project(tmp_path)
    for command in (("dashboard", "--out", tmp_path / "site"), ("backtest",)):
        result = cli(*command, "--repo", empty)
        assert result.code == 4
        assert "no recorded runs of any suite" in result.stderr and "baseline record" in result.stderr


def test_the_action_writes_the_dashboard_of_the_branch_into_the_workspace(github_server, tmp_path):
    action = Runner(github_server, tmp_path)
    schedule = {"schedule": "0 3 * * *"}
    recorded = action(
        {"mode": "record", "report": "perf/*.json"},
        event_name="schedule",
        event=schedule,
        workspace={"perf/parse.json": encoded(report())},
    )
    assert recorded.code == 0, recorded.stdout
    step = action({"mode": "dashboard", "site-dir": "public"}, event_name="schedule", event=schedule)
    assert step.code == 0, step.stdout + step.stderr
    assert step.outputs["status"] == "written"
    site = step.workspace / "public"
    assert (site / "index.html").is_file()
    assert (site / "parse" / "index.html").read_text().count("<svg") == 2

    outside = action({"mode": "dashboard", "site-dir": "../elsewhere"}, event_name="schedule", event=schedule)
    assert outside.code == 4
    assert "inside the workspace" in outside.stdout
