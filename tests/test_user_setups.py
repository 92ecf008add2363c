"""perf-action in the setups users really have, where a confident wrong answer would be easy: a long-lived
pull request, a fresh clone, a suite named differently, a mistyped revision, free-form units, a release
manager's promotions, a closed pipe, numbers JSON does not allow. Each ends in the right verdict or in a
loud, located error, through the command line or through the action against the GitHub API test server.
(The example workflows' own cases are in test_workflows.py; the command line and the action side by
side in test_parity.py.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from action_steps import BRANCH, REPO, Runner, encoded, main_run, promote, pull_request_event, report
from baseline_helpers import git, make_project, write_report
from conftest import DATA, ROOT, run_cli

CRITERION = DATA / "real-tools" / "criterion"
# github-action-benchmark's README example for customSmallerIsBetter, units as it spells them.
GAB_EXAMPLE = [
    {"name": "My Custom Smaller Is Better Benchmark - CPU Load", "unit": "Percent", "value": 50},
    {
        "name": "My Custom Smaller Is Better Benchmark - Memory Used",
        "unit": "Megabytes",
        "value": 100,
        "range": "3",
        "extra": "Value for Tooltip: 25\nOptional Num #2: 100\nAnything Else!",
    },
]


@pytest.fixture
def action(github_server, tmp_path):
    return Runner(github_server, tmp_path)


def measured_by_the_run(document: dict) -> dict:
    """Results that name no commit (as criterion's and most tools' do): the run's commit is recorded."""
    del document["source"]["commit"]
    return document


@pytest.fixture
def project(tmp_path):
    """A project with a baseline promoted from real criterion results as suite `parser`; a later run
    (one benchmark 20 % slower) is in target/criterion, and in head.json converted as suite `parser`."""
    repo = make_project(tmp_path)
    shutil.copytree(CRITERION / "criterion-base", repo / "base" / "criterion")
    shutil.copytree(CRITERION / "criterion-head", repo / "target" / "criterion")
    for source, converted in (("base/criterion", "parser.json"), ("target/criterion", "head.json")):
        assert run_cli("convert", source, "--suite", "parser", "-o", converted, cwd=repo).code == 0
    promoted = run_cli("baseline", "promote", "parser.json", "--actor", "release-manager", cwd=repo)
    assert promoted.code == 0, promoted.stderr
    return repo


# --- the action chooses the baseline of the pull request's merge-base -------------------------------------


def test_the_action_judges_a_long_lived_pull_request_against_the_baseline_at_its_merge_base(
    action, github_server
):
    state = github_server.state
    branched = state.branch_head("main")
    first = main_run(github_server, measured_by_the_run(report()))
    assert promote(action, first, reason="at the branch point").code == 0
    pull = state.add_pull_request(head_ref="long-lived")
    # Since the pull request branched, main got 25 % faster and that was promoted.
    state.commit_files("main", {"src/faster.py": b"faster = True\n"}, "Faster parser")
    faster = main_run(github_server, measured_by_the_run(report(scale=0.8)))
    assert promote(action, faster, reason="faster main").code == 0
    event = pull_request_event(pull)
    event["pull_request"]["base"]["sha"] = state.branch_head("main")  # the base branch as it is now
    step = action(
        {"mode": "compare", "report": "perf.json"},
        event_name="pull_request",
        event=event,
        workspace={"perf.json": encoded(report())},
    )
    assert step.code == 0, step.stdout
    assert step.outputs["status"] == "pass"  # not blamed for main's speed-up
    (comment,) = state.comments_on(pull.number)
    assert f"<b>Baseline:</b> `{branched[:8]}`, the baseline at this branch's merge-base" in comment.body
    asked = [
        e.path for e in github_server.exchanges if e.operation_id == "repos/compare-commits-with-basehead"
    ]
    assert f"/repos/{REPO}/compare/{state.branch_head('main')}...{pull.head_sha}" in asked


# --- a fresh clone, whose baseline branch exists only on the remote ------------------------------------


def test_a_fresh_clone_compares_with_the_remote_s_baseline_branch_and_says_so(project, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(project), str(clone))
    shutil.copy(project / "head.json", clone)
    assert git(clone, "branch", "--list", BRANCH) == ""
    compared = run_cli("compare", "head.json", cwd=clone)
    assert compared.code == 3, compared.stdout + compared.stderr  # checksum/65536 is 20 % slower
    assert "note: baselines: read origin/perf-baselines: there is no local perf-baselines branch" in (
        compared.stderr
    )
    named = run_cli("compare", "head.json", "--branch", f"origin/{BRANCH}", cwd=clone)
    assert named.code == 3, named.stderr
    shown = run_cli("baseline", "show", cwd=clone)
    assert shown.stdout.startswith("parser on origin/perf-baselines@"), shown.stdout + shown.stderr
    assert "release-manager" in run_cli("baseline", "history", cwd=clone).stdout
    assert "parser: " in run_cli("summary", cwd=clone).stdout
    refused = run_cli("baseline", "promote", "../project/parser.json", "--actor", "x", cwd=clone)
    assert refused.code == 4
    assert "perf-baselines exists here only as origin/perf-baselines: promote with --push origin" in (
        refused.stderr
    )


def test_a_single_branch_clone_in_ci_fetches_the_baseline_branch_once(project, tmp_path):
    clone = tmp_path / "ci"
    git(tmp_path, "clone", "--quiet", "--single-branch", "--branch", "main", str(project), str(clone))
    shutil.copy(project / "head.json", clone)
    compared = run_cli("compare", "head.json", cwd=clone)
    assert compared.code == 3, compared.stdout + compared.stderr
    assert "fetched perf-baselines from origin into origin/perf-baselines" in compared.stderr
    assert git(clone, "rev-parse", f"origin/{BRANCH}") == git(project, "rev-parse", BRANCH)


# --- a suite named differently from the one promoted -----------------------------------------------------


def test_a_suite_mismatch_is_an_error_listing_the_suites_not_a_neutral_pass(project):
    mismatched = run_cli("compare", "target/criterion", cwd=project)  # suite "criterion", from the tool
    assert mismatched.code == 4, mismatched.stdout
    assert "no baseline for suite 'criterion' on perf-baselines@" in mismatched.stderr
    assert "which holds baselines for: parser" in mismatched.stderr
    assert mismatched.stdout == ""
    named = run_cli("compare", "target/criterion", "--suite", "parser", cwd=project)
    assert named.code == 3, named.stderr
    assert named.stdout.startswith("perfaction compare: suite parser against latest baseline")


# --- a mistyped revision -----------------------------------------------------------------------------------


def test_a_mistyped_merge_base_is_an_error_naming_it(project):
    typo = run_cli("compare", "head.json", "--merge-base", "mian", cwd=project)
    assert typo.code == 4, typo.stdout
    assert "'mian' names no commit in" in typo.stderr
    good = run_cli("compare", "head.json", "--merge-base", "main", cwd=project)
    assert good.code == 3, good.stderr  # resolved, and judged


# --- github-action-benchmark's free-form units ---------------------------------------------------------


def test_free_form_units_are_opaque_and_compare_only_with_themselves(tmp_path):
    base, head, renamed = tmp_path / "base.json", tmp_path / "head.json", tmp_path / "renamed.json"
    base.write_text(json.dumps(GAB_EXAMPLE))
    head.write_text(json.dumps([{**GAB_EXAMPLE[0], "value": 60}, GAB_EXAMPLE[1]]))
    renamed.write_text(json.dumps([GAB_EXAMPLE[0], {**GAB_EXAMPLE[1], "unit": "MB"}]))
    assert run_cli("validate", "--format", "gab-smaller", base).code == 0
    compared = run_cli("compare", head, "--baseline", base, "--format", "gab-smaller")
    assert compared.code == 3, compared.stderr  # CPU load 50 -> 60 Percent: 20 % worse
    (failing,) = (line for line in compared.stdout.splitlines() if line.startswith("failure  My Custom"))
    assert "CPU Load" in failing and "50 Percent" in failing and "60 Percent" in failing
    assert "+20.00%" in failing
    # "Megabytes" and "MB" are different spellings: never assumed to be the same unit, never compared.
    other = run_cli("compare", renamed, "--baseline", base, "--format", "gab-smaller")
    first_line = other.stdout.splitlines()[0]
    assert first_line.endswith("against file baseline: PASS (1 pass, 1 new, 1 missing)")


def test_every_bad_unit_is_reported_not_only_the_first(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{**GAB_EXAMPLE[0], "unit": ""}, {**GAB_EXAMPLE[1], "unit": "Mega bytes "}]))
    result = run_cli("validate", "--format", "gab-smaller", bad)
    assert result.code == 2
    assert f'{bad}: /0/unit: "" is not a unit' in result.stderr
    assert f'{bad}: /1/unit: "Mega bytes " is not a unit' in result.stderr


# --- a release manager's promotions ----------------------------------------------------------------------


def test_promote_mode_honours_the_thresholds_and_forces_only_with_a_reason(action, github_server):
    assert promote(action, main_run(github_server, report()), reason="first").code == 0
    slower = main_run(github_server, report(scale=1.15))
    refused = promote(action, slower, reason="15 % slower")
    assert (refused.code, refused.outputs["status"]) == (3, "refused")
    allowed = promote(action, slower, reason="within our 20 %", **{"fail-threshold": "20%"})
    assert (allowed.code, allowed.outputs["status"]) == (0, "promoted"), allowed.stdout

    much_slower = main_run(github_server, report(scale=1.6))
    unexplained = promote(action, much_slower, force="true")
    assert unexplained.code == 4
    assert "input 'force' needs input 'reason'" in unexplained.stdout
    forced = promote(action, much_slower, force="true", reason="new runner image")
    assert (forced.code, forced.outputs["status"]) == (0, "promoted"), forced.stdout
    tip = github_server.state.branch_head(BRANCH)
    stored = json.loads(github_server.state.file("parse/baseline.json", tip))
    assert (stored["provenance"]["forced"], stored["provenance"]["reason"]) == (True, "new runner image")
    message = github_server.state.objects.commit(tip).message
    assert "Forced past the promotion policy:" in message and "Forced: yes" in message


def test_a_blank_reason_does_not_force_a_promotion(project):
    before = git(project, "rev-parse", BRANCH)
    refused = run_cli("baseline", "promote", "head.json", "--actor", "a", cwd=project)
    assert refused.code == 3  # the policy blocks the 20 % slowdown
    blank = run_cli(
        "baseline", "promote", "head.json", "--force", "--reason", "   ", "--actor", "a", cwd=project
    )
    assert blank.code == 4
    assert "a forced promotion must say why" in blank.stderr
    assert git(project, "rev-parse", BRANCH) == before


# --- the exit-code contract when the reader of the output has gone -----------------------------------------


@pytest.mark.parametrize("merged", [False, True], ids=["stdout", "stdout-and-stderr"])
@pytest.mark.parametrize(("content", "code"), [("valid", 0), ("invalid", 2)])
def test_a_closed_pipe_keeps_the_command_s_own_exit_code(tmp_path, merged, content, code):
    path = tmp_path / "report.json"
    path.write_bytes(Path(write_report(tmp_path / "valid.json")).read_bytes())
    if content == "invalid":
        path.write_text(path.read_text().replace('"ns"', '""'))
    reader, writer = os.pipe()
    os.close(reader)  # `| true`: the reader is gone before anything is written
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "perfaction", "validate", str(path)],
            stdout=writer,
            stderr=writer if merged else subprocess.PIPE,
            cwd=ROOT,
            timeout=60,
            check=False,
        )
    finally:
        os.close(writer)
    assert completed.returncode == code
    if not merged:
        assert b"BrokenPipe" not in completed.stderr and b"internal error" not in completed.stderr


# --- numbers JSON does not allow -------------------------------------------------------------------------


def test_nan_and_infinity_are_reported_where_they_stand(tmp_path):
    document = json.loads(Path(write_report(tmp_path / "r.json")).read_text())
    document["benchmarks"][0]["metrics"][0]["samples"] = [100.0, "NAN_HERE", 101.0]
    document["benchmarks"][0]["metrics"][1]["value"] = "INF_HERE"
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(document).replace('"NAN_HERE"', "NaN").replace('"INF_HERE"', "-Infinity"))
    result = run_cli("validate", path)
    assert result.code == 2
    allowed = "is not a number JSON allows; expected a finite number"
    assert result.stderr.splitlines() == [
        f"{path}: /benchmarks/0/metrics/0/samples/1: NaN {allowed}",
        f"{path}: /benchmarks/0/metrics/1/value: -Infinity {allowed}",
    ]


# --- what the action leaves to a label, and settings that have run out ---------------------------------


def test_a_label_acknowledges_the_regressions_of_that_pull_request(action, github_server):
    assert promote(action, main_run(github_server, report()), reason="first").code == 0
    pull = github_server.state.add_pull_request()
    inputs = {"mode": "compare", "report": "perf.json", "fail-on-regression": "true"}
    event = pull_request_event(pull)  # as it was sent, before the label

    def run() -> object:
        return action(
            inputs,
            event_name="pull_request",
            event=event,
            workspace={"perf.json": encoded(report(scale=1.2))},
        )

    assert run().code == 3
    (comment,) = github_server.state.comments_on(pull.number)
    assert "<b>Blocking</b>: the check fails while this regression stands" in comment.body
    assert "add the label `perf-acknowledged` and run the report again" in comment.body
    github_server.state.pulls[pull.number].labels.append("perf-acknowledged")
    step = run()  # a re-run replays the event, labelled or not: the labels are read from the PR
    assert step.code == 0, step.stdout
    assert step.outputs["status"] == "pass"
    check = github_server.state.check_runs_for(pull.head_sha)[-1]
    assert (check.conclusion, check.title) == ("success", "Acknowledged: 1 of 2 metrics worse, none counts")
    (comment,) = github_server.state.comments_on(pull.number)
    assert "parse/small</b>: the pull request carries the perf-acknowledged label" in comment.body


def test_an_expired_acknowledgement_is_ignored_and_said_so(project, tmp_path):
    (project / ".perfaction.toml").write_text(
        '[[compare.acknowledged]]\nbenchmark = "checksum/*"\nreason = "until the fix"\nexpires = 2026-01-31\n'
    )
    result = run_cli("compare", "head.json", cwd=project)
    assert result.code == 3, result.stderr
    note = (
        "note: .perfaction.toml: the acknowledgement of 'checksum/*' expired on 2026-01-31, so it is ignored"
    )
    assert note in result.stderr
    assert "expired on 2026-01-31, so it counts again" in result.stdout


def test_comment_regressions_posts_only_for_a_regression_and_then_keeps_it_current(action, github_server):
    assert promote(action, main_run(github_server, report()), reason="first").code == 0
    pull = github_server.state.add_pull_request()

    def run(scale: float) -> object:
        return action(
            {"mode": "compare", "report": "perf.json", "comment": "regressions"},
            event_name="pull_request",
            event=pull_request_event(pull),
            workspace={"perf.json": encoded(report(scale))},
        )

    assert "no comment on #" in run(1.0).summary
    assert github_server.state.comments_on(pull.number) == []
    run(1.2)
    (comment,) = github_server.state.comments_on(pull.number)
    assert "parse/small" in comment.body and "FAILURE" in comment.body
    run(1.0)
    (comment,) = github_server.state.comments_on(pull.number)
    assert "PASS" in comment.body  # the earlier regression's comment does not stay behind


# --- the small things a first-time user trips over -------------------------------------------------------


def test_render_given_a_report_says_so_in_one_line(tmp_path):
    report_path = write_report(tmp_path / "report.json")
    result = run_cli("render", report_path)
    assert result.code == 2
    assert result.stderr == (
        f"{report_path}: (root): this is a benchmark report, not a regression summary: render what "
        "`perfaction compare REPORT --summary-out SUMMARY.json` writes\n"
    )


def test_the_demo_prints_commands_that_work_when_pasted(tmp_path):
    demo = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    promote_line = next(line for line in demo.stdout.splitlines() if " baseline promote " in line)
    assert "--reason 'demo baseline'" in promote_line
    git(tmp_path / "demo-out" / "repo", "branch", "-D", BRANCH)
    pasted = subprocess.run(  # noqa: S602 - a printed command line, pasted into a shell as a user does
        promote_line.removeprefix("$ ").replace("perfaction", f"{sys.executable} -m perfaction", 1),
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert pasted.returncode == 0, pasted.stderr
