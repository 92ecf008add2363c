"""The command line and the action on the same input give the same answer: `perfaction validate` predicts
what the action accepts, and thresholds, suites and settings mean the same in both. Each test runs both
(the action as entrypoint.py against the GitHub API test server)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from action_steps import Runner, encoded, main_run, promote, pull_request_event, report
from baseline_helpers import make_project
from conftest import DATA, Completed, run_cli
from runner_contract import StepRun, parse_commands

from perfaction.identifiers import NAME

HYPERFINE_NAMES = DATA / "real-tools" / "hyperfine" / "names.json"


@pytest.fixture
def action(github_server, tmp_path):
    return Runner(github_server, tmp_path)


def validate_both(
    action: Runner, tmp_path: Path, document: bytes, fmt: str = "auto"
) -> tuple[Completed, StepRun]:
    path = tmp_path / "results.json"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(document)
    cli = run_cli("validate", "--format", fmt, path)
    step = action(
        {"mode": "validate", "report": "results.json", "format": fmt},
        event_name="push",
        event={},
        workspace={"results.json": document},
    )
    return cli, step


def errors(step: StepRun) -> list[str]:
    return [c.message for c in parse_commands(step.stdout) if c.name == "error"]


# --- names ---------------------------------------------------------------------------------------------


def test_names_with_markup_are_accepted_by_both_and_shown_inert(action, github_server, tmp_path):
    names = HYPERFINE_NAMES.read_bytes()
    cli, step = validate_both(action, tmp_path, names)
    assert (cli.code, step.code) == (0, 0), cli.stderr + step.stdout
    # The same file through compare: the comment shows every name, none of it active.
    pull = github_server.state.add_pull_request()
    compared = action(
        {"mode": "compare", "report": "names.json"},
        event_name="pull_request",
        event=pull_request_event(pull),
        workspace={"names.json": names},
    )
    assert compared.code == 0, compared.stdout
    (comment,) = github_server.state.comments_on(pull.number)
    assert "wc -l &lt; input" in comment.body
    assert "&lt;img src=x onerror=alert\\(1)&gt;" in comment.body
    assert "<img" not in comment.body and "](https://evil" not in comment.body
    assert "@\u200boctocat" in comment.body and " @octocat" not in comment.body


NOT_SHOWN = "contains {}, which perf-action does not show"
# Line breaks and C1 controls are outside the schema's one-line text rule, so the schema refuses them first.
ONE_LINE = '"parse/\\u0085small" does not match the expected pattern ' + NAME.pattern


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("parse/\u202esmall", NOT_SHOWN.format("a bidirectional text control (U+202E)")),
        ("parse\u2066/small", NOT_SHOWN.format("a bidirectional text control (U+2066)")),
        ("parse/\x85small", ONE_LINE),
    ],
)
def test_names_that_would_read_differently_are_refused_by_both_at_the_same_place(
    action, tmp_path, name, message
):
    cli, step = validate_both(action, tmp_path, encoded(report(name=name)))
    expected = f"/benchmarks/0/name: {message}"
    assert (cli.code, step.code) == (2, 2)
    assert f"results.json: {expected}" in cli.stderr
    assert errors(step) == [expected]


# --- units -----------------------------------------------------------------------------------------------


def test_free_form_units_are_accepted_by_both_and_bad_ones_refused_by_both(action, tmp_path):
    custom = [
        {"name": "CPU Load", "unit": "Percent", "value": 50},
        {"name": "RSS", "unit": "Megabytes", "value": 9},
    ]
    cli, step = validate_both(action, tmp_path, json.dumps(custom).encode(), fmt="gab-smaller")
    assert (cli.code, step.code) == (0, 0), cli.stderr + step.stdout
    custom[0]["unit"], custom[1]["unit"] = "", " MB"
    cli, step = validate_both(action, tmp_path / "bad", json.dumps(custom).encode(), fmt="gab-smaller")
    assert (cli.code, step.code) == (2, 2)
    for pointer, unit in (("/0/unit", ""), ("/1/unit", " MB")):
        assert f'{pointer}: "{unit}" is not a unit' in cli.stderr
        assert any(m.startswith(f'{pointer}: "{unit}" is not a unit') for m in errors(step))


# --- thresholds, suites and settings against a baseline -------------------------------------------------


@pytest.fixture
def both(action, github_server, tmp_path):
    """A baseline of suite `parse` in a git repository and on the test server's branch, and a way to
    compare one report with it through both, with the same options."""
    repo = make_project(tmp_path)
    (repo / "base.json").write_bytes(encoded(report()))
    assert run_cli("baseline", "promote", "base.json", "--actor", "a", cwd=repo).code == 0
    assert promote(action, main_run(github_server, report()), reason="first").code == 0

    def compare(document: dict, *, config: str = "", **options: str) -> tuple[Completed, StepRun]:
        (repo / "head.json").write_bytes(encoded(document))
        (repo / ".perfaction.toml").write_text(config)
        flags = [f"--{name}={value}" for name, value in options.items()]
        cli = run_cli("compare", "head.json", *flags, cwd=repo)
        pull = github_server.state.add_pull_request()
        workspace = {"head.json": encoded(document), ".perfaction.toml": config.encode()}
        step = action(
            {"mode": "compare", "report": "head.json", "comment": "never", **options},
            event_name="pull_request",
            event=pull_request_event(pull),
            workspace=workspace,
        )
        return cli, step

    return compare


def verdict(cli: Completed) -> str:
    return cli.stdout.split(": ")[2].split(" ")[0].lower() if cli.stdout else ""


@pytest.mark.parametrize(
    ("options", "status"),
    [
        ({}, "warning"),
        ({"fail-threshold": "6%"}, "failure"),
        ({"warn-threshold": "7.5 %"}, "pass"),
        ({"warn-threshold": "2", "fail-threshold": "6.5"}, "failure"),
    ],
)
def test_thresholds_give_the_same_verdict_in_both(both, options, status):
    cli, step = both(report(scale=1.07), **options)  # parse/small 7 % slower
    assert (verdict(cli), step.outputs["status"]) == (status, status), cli.stderr + step.stdout


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"warn-threshold": "0"}, "expected a percentage above 0 and at most 1000, such as 5%, got '0'"),
        ({"fail-threshold": "ten"}, "expected a percentage above 0 and at most 1000, such as 5%, got 'ten'"),
        ({"fail-threshold": "-5%"}, "got '-5%'"),
        ({"warn-threshold": "1001%"}, "got '1001%'"),
        ({"warn-threshold": "nan"}, "got 'nan'"),
        (
            {"warn-threshold": "8%", "fail-threshold": "6%"},
            "the warn threshold (8%) is above the fail threshold (6%)",
        ),
    ],
)
def test_thresholds_are_refused_by_both_alike(both, options, message):
    cli, step = both(report(scale=1.07), **options)
    assert (cli.code, step.code) == (4, 4)
    assert message in cli.stderr
    assert any(message in m for m in errors(step))


def test_the_thresholds_in_the_config_apply_in_both(both):
    cli, step = both(report(scale=1.07), config="[compare]\nfail_pct = 6\n")
    assert (verdict(cli), step.outputs["status"]) == ("failure", "failure")
    cli, step = both(report(scale=1.07), config="[compare]\nfail_pct = -6\n")
    assert (cli.code, step.code) == (2, 2)
    assert ".perfaction.toml: /compare/fail_pct: expected a value > 0, got -6" in cli.stderr
    assert any("/compare/fail_pct: expected a value > 0, got -6" in m for m in errors(step))


def test_a_suite_with_no_baseline_is_an_error_in_both_and_the_suite_option_fixes_it(both):
    cli, step = both(report(suite="parser"))
    assert (cli.code, step.code) == (4, 4)
    for said in (cli.stderr, *errors(step)):
        assert "no baseline for suite 'parser'" in said and "which holds baselines for: parse." in said
    cli, step = both(report(suite="parser"), suite="parse")
    assert (verdict(cli), step.outputs["status"]) == ("pass", "pass"), cli.stderr + step.stdout
