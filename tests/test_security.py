"""What a fork's pull request can make the action do, end to end: entrypoint.py as the runner starts it,
against the GitHub API test server, with the artifact and the workspace the fork controls.

Each test is one attack; the README's hostile-input count is taken from HOSTILE_CORPUS below.
"""

from __future__ import annotations

import base64
import io
import json
import random
import zipfile
from pathlib import Path

import pytest
from action_steps import Runner, encoded, pull_request_event, report, seed_baseline, workflow_run_event
from github_api import WRITE_TOKEN
from github_api.state import (
    ACTIONS_APP,
    CONTRIBUTOR,
    MAINTAINER,
    OTHER_APP,
    SEED_TIME,
    Account,
    Repository,
)
from render_html import parse, to_html
from runner_contract import RUNTIME_TOKEN, Link, StepRun, parse_commands


@pytest.fixture
def action(github_server, tmp_path):
    return Runner(github_server, tmp_path)


PAT = "ghp_perfactionPersonalAccessToken000000"


def errors(step: StepRun) -> list[str]:
    return [c.message for c in parse_commands(step.stdout) if c.name == "error"]


def fork_run(
    server, files: dict[str, bytes] | None = None, *, name: str = "perf-json", data: bytes | None = None
):
    """A fork's pull request, its benchmark run, and the artifact that run uploaded."""
    pull = server.state.add_pull_request(fork=True)
    run = server.state.add_pull_request_run(pull)
    server.state.add_artifact(run, name, files, data=data)
    return pull, run


def compare(action: Runner, run, **inputs: str) -> StepRun:
    return action({"mode": "compare", **inputs}, event_name="workflow_run", event=workflow_run_event(run))


# --- identifiers: a trailing newline is not part of a name ------------------------------------------


def test_a_suite_name_with_a_trailing_newline_is_refused(action, github_server):
    pull, run = fork_run(github_server, {"parse.json": encoded(report(suite="parse\n"))})
    step = compare(action, run)
    assert step.code == 2, step.stdout
    assert any("/suite" in message for message in errors(step))
    assert github_server.state.comments_on(pull.number) == []
    assert [check.name for check in github_server.state.check_runs_for()] == ["perf-action"]
    assert "summary-path" not in step.outputs


# --- numbers: extreme values are refused where they stand, never a crash -----------------------------


def test_extreme_samples_are_invalid_results_not_an_internal_error(action, github_server):
    seed_baseline(github_server, report())
    document = report()
    document["benchmarks"][0]["metrics"][0]["samples"] = [5e-324, 1e300, 1, 2, 3]
    pull, run = fork_run(github_server, {"parse.json": encoded(document)})
    step = compare(action, run)
    assert step.code == 2, step.stdout
    (check,) = github_server.state.check_runs_for(pull.head_sha)
    assert check.conclusion == "failure"
    assert "/benchmarks/0/metrics/0/samples/1: expected a value &lt;= 1e+60" in (check.summary or "")
    assert not any("internal error" in message for message in errors(step))


# --- one escaper: names a fork chose are inert in every summary --------------------------------------


def test_artifact_names_a_fork_chose_are_inert_in_the_failure_summary(action, github_server):
    hostile = "@octo-org/admins see www.evil.example #1"
    _, run = fork_run(github_server, {"parse.json": encoded(report())}, name=hostile)
    step = compare(action, run)
    assert step.code == 4
    assert any("has no unexpired artifact named 'perf-json'" in message for message in errors(step))
    page = parse(to_html(step.summary))
    assert page.triggers() == {}
    assert hostile in page.visible()


# --- symlinks: nothing under the workspace is followed out of it -------------------------------------

OUTSIDE_TEXT = "TOPSECRET-0123456789"


@pytest.fixture
def outside(tmp_path) -> str:
    """A file outside the workspace that looks enough like results to be read and quoted."""
    path = tmp_path / "outside.json"
    path.write_text(f'{{"schema_version": 1, "suite": "{OUTSIDE_TEXT}\\u0000"}}')
    return str(path)


def _nowhere(step: StepRun, server, secret: str) -> None:
    shown = [step.stdout, step.stderr, step.summary, step.output_file]
    shown += [f"{c.title} {c.summary} {c.text}" for c in server.state.check_runs_for()]
    shown += [c.body for c in server.state.comments.values()]
    assert not [text for text in shown if secret in text]


@pytest.mark.parametrize("where", ["perf/link.json", "perf/deep/er/link.json"])
def test_a_link_inside_a_results_folder_is_not_followed_out(action, github_server, outside, where):
    pull = github_server.state.add_pull_request(fork=True)
    workspace = {"perf/parse.json": encoded(report()), where: Link(outside)}
    step = action(
        {"mode": "compare", "report": "perf"},
        event_name="pull_request",
        event=pull_request_event(pull),
        workspace=workspace,
    )
    assert step.code == 2, step.stdout
    assert any(
        f"{where}: (root): is a symbolic link leading outside the workspace" in m for m in errors(step)
    )
    _nowhere(step, github_server, OUTSIDE_TEXT)


def test_a_link_matched_by_a_glob_is_not_followed_out(action, github_server, outside):
    pull = github_server.state.add_pull_request(fork=True)
    step = action(
        {"mode": "validate", "report": "perf/*.json"},
        event_name="pull_request",
        event=pull_request_event(pull),
        workspace={"perf/parse.json": encoded(report()), "perf/link.json": Link(outside)},
    )
    assert step.code == 2
    _nowhere(step, github_server, OUTSIDE_TEXT)


@pytest.mark.parametrize(("name", "value"), [("config", ".perfaction.toml"), ("template-dir", "templates")])
def test_settings_and_templates_are_not_read_through_a_link_out(action, github_server, tmp_path, name, value):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "comment.md.j2").write_text(OUTSIDE_TEXT)
    target = elsewhere if name == "template-dir" else elsewhere / "comment.md.j2"
    pull = github_server.state.add_pull_request()
    step = action(
        {"mode": "compare", "report": "perf.json", name: value},
        event_name="pull_request",
        event=pull_request_event(pull),
        workspace={"perf.json": encoded(report()), value: Link(str(target))},
    )
    assert step.code == 4
    assert errors(step) == [f"input '{name}': {value} leads outside the workspace"]
    _nowhere(step, github_server, OUTSIDE_TEXT)


def test_the_default_settings_file_is_not_read_through_a_link_out(action, github_server, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[compare]\nignore = ["{OUTSIDE_TEXT}"\n')
    pull = github_server.state.add_pull_request()
    step = action(
        {"mode": "compare", "report": "perf.json"},
        event_name="pull_request",
        event=pull_request_event(pull),
        workspace={"perf.json": encoded(report()), ".perfaction.toml": Link(str(settings))},
    )
    assert step.code == 4
    assert errors(step) == ["input 'config': .perfaction.toml leads outside the workspace"]
    _nowhere(step, github_server, OUTSIDE_TEXT)


# --- templates: confined to their folder, and nothing posted carries a secret --------------------------


def _with_templates(
    action: Runner, server, templates: dict[str, bytes | Link], template_dir: str = "templates"
):
    pull = server.state.add_pull_request()
    step = action(
        {"mode": "compare", "report": "perf.json", "template-dir": template_dir},
        event_name="pull_request",
        event=pull_request_event(pull),
        workspace={"perf.json": encoded(report()), **templates},
    )
    return pull, step


def test_a_template_linked_to_the_environment_cannot_publish_the_token(action, github_server):
    templates = {
        "templates/env.j2": Link("/proc/self/environ"),
        "templates/comment.md.j2": b'<!-- perfaction:{{ view.suite }} -->\n{% include "env.j2" %}\n',
    }
    pull, step = _with_templates(action, github_server, templates)
    assert step.code == 4
    assert any("template 'env.j2' leads outside the template folder" in m for m in errors(step))
    assert github_server.state.comments_on(pull.number) == []


def test_a_template_cannot_include_the_checkout_s_credentials(action, github_server):
    """actions/checkout leaves base64 of x-access-token:TOKEN in .git/config unless told not to."""
    credential = base64.b64encode(f"x-access-token:{WRITE_TOKEN}".encode()).decode()
    templates = {
        ".git/config": f"[http]\n\textraheader = AUTHORIZATION: basic {credential}\n".encode(),
        "comment.md.j2": b'<!-- perfaction:{{ view.suite }} -->\n{% include ".git/config" %}\n',
    }
    pull, step = _with_templates(action, github_server, templates, template_dir=".")
    assert step.code == 4
    assert any("template '.git/config' not found" in m for m in errors(step))
    assert not [text for text in github_server.state.posted_texts() if credential in text]
    assert github_server.state.comments_on(pull.number) == []


def test_every_body_posted_is_masked_like_the_log(action, github_server):
    """A secret that reaches a rendered body anyway (here: written into a template) is posted as ***."""
    templates = {
        "templates/comment.md.j2": f"<!-- perfaction:{{{{ view.suite }}}} -->\n{RUNTIME_TOKEN}\n".encode()
    }
    pull, step = _with_templates(action, github_server, templates)
    assert step.code == 0, step.stdout
    (comment,) = github_server.state.comments_on(pull.number)
    assert "\n***\n" in comment.body


@pytest.mark.parametrize(
    ("templates", "expected"),
    [
        ({"comment.md.j2": b'{% include "comment.md.j2" %}'}, "template 'comment.md.j2' includes itself"),
        ({"comment.md.j2": b"{% include view.suite %}"}, "by a computed name; name it literally"),
        (
            {f"t{i}.j2": f'{{% include "t{i + 1}.j2" %}}'.encode() for i in range(12)}
            | {"comment.md.j2": b'{% include "t0.j2" %}', "t12.j2": b"end"},
            "templates nest more than 8 includes deep",
        ),
        ({"comment.md.j2": b"x" * (300 * 1024)}, "template 'comment.md.j2' is over 256 KiB"),
    ],
    ids=["cycle", "computed name", "depth", "size"],
)
def test_includes_are_named_bounded_and_acyclic(action, github_server, templates, expected):
    placed = {f"templates/{name}": content for name, content in templates.items()}
    pull, step = _with_templates(action, github_server, placed)
    assert step.code == 4
    assert any(expected in message for message in errors(step)), errors(step)
    assert github_server.state.comments_on(pull.number) == []


def test_a_template_s_output_is_bounded(action, github_server):
    flood = (
        b"<!-- perfaction:{{ view.suite }} -->\n{% for i in range(100000) %}" + b"x" * 99 + b"\n{% endfor %}"
    )
    pull, step = _with_templates(action, github_server, {"templates/comment.md.j2": flood})
    assert step.code == 0, step.stdout
    (comment,) = github_server.state.comments_on(pull.number)
    assert len(comment.body) <= 65536
    assert comment.body.rstrip().endswith("*Cut to fit GitHub's size limit.*")


# --- our comment is ours: the token's identity wrote it, and its digest cannot be forged -----------------


def test_a_marker_in_another_app_s_comment_is_left_alone(action, github_server):
    seed_baseline(github_server, report())
    pull, run = fork_run(github_server, {"parse.json": encoded(report())})
    echoed = github_server.state.add_comment(pull.number, "<!-- perfaction:parse -->\nfaster!", app=OTHER_APP)
    step = compare(action, run)
    assert step.code == 0, step.stdout
    assert github_server.state.comments[echoed.id].body.endswith("faster!")
    ours = [c for c in github_server.state.comments_on(pull.number) if c.id != echoed.id]
    assert [c.user.login for c in ours] == ["github-actions[bot]"]


def test_a_copied_digest_does_not_keep_a_forged_verdict_standing(action, github_server):
    """Another workflow of the repository (same token identity) echoes a pull request's text: the fork
    copies a real comment's hidden lines above a fake verdict. With `comment: changed` it must go."""
    seed_baseline(github_server, report())
    files = {"parse.json": encoded(report(scale=1.3))}
    genuine, genuine_run = fork_run(github_server, files)
    assert compare(action, genuine_run, comment="changed").code == 0
    (real,) = github_server.state.comments_on(genuine.number)
    hidden = "\n".join(real.body.split("\n", 2)[:2])
    victim, victim_run = fork_run(github_server, files)
    forged = github_server.state.add_comment(
        victim.number, f"{hidden}\n## ✅ No regression: all metrics faster", app=ACTIONS_APP
    )
    step = compare(action, victim_run, comment="changed")
    assert step.code == 0, step.stdout
    (comment,) = github_server.state.comments_on(victim.number)
    assert comment.id == forged.id
    assert "No regression: all metrics faster" not in comment.body
    assert "parse/small" in comment.body


def test_with_a_personal_access_token_the_user_s_comments_are_ours(action, github_server):
    """A user's token cannot create check runs (GitHub refuses), so GET /user names the identity."""
    github_server.add_token(
        PAT, {"issues": "write", "pull_requests": "write", "contents": "read"}, MAINTAINER, None
    )
    seed_baseline(github_server, report())
    pull = github_server.state.add_pull_request()
    stranger = github_server.state.add_comment(pull.number, "<!-- perfaction:parse -->\nmine", CONTRIBUTOR)
    earlier = github_server.state.add_comment(pull.number, "<!-- perfaction:parse -->\nold", MAINTAINER)
    step = action(
        {"mode": "compare", "report": "perf.json"},
        event_name="pull_request",
        event=pull_request_event(pull),
        token=PAT,
        workspace={"perf.json": encoded(report())},
    )
    assert step.code == 4  # the check run: a personal access token cannot create one
    assert "users/get-authenticated" in github_server.operations_hit
    assert github_server.state.comments[stranger.id].body.endswith("mine")
    assert "parse/small" in github_server.state.comments[earlier.id].body
    assert len(github_server.state.comments_on(pull.number)) == 2


# --- the pull request of a fork's run cannot be crowded out -------------------------------------------


def test_other_forks_pull_requests_at_the_same_commit_cannot_crowd_out_the_right_one(action, github_server):
    """Anyone can open pull requests whose head is the victim's commit (commits are public)."""
    state = github_server.state
    victim_commit = state.make_commit(
        state.branch_head("main"), {"src/fast.py": b"fast\n"}, "Faster", CONTRIBUTOR.person(SEED_TIME)
    )
    for index in range(12):
        owner = Account(f"decoy-{index}", 3_000_000 + index, "User")
        decoy_fork = Repository(800_000 + index, owner, "perf-demo", fork=True)
        state.add_pull_request_at(victim_commit, decoy_fork, "feature")
    state.add_pull_request_at(victim_commit, state.fork, "main")  # the contributor's other branch
    victim = state.add_pull_request_at(victim_commit, state.fork, "feature")
    run = state.add_pull_request_run(victim)
    state.add_artifact(run, "perf-json", {"parse.json": encoded(report())})
    step = compare(action, run)
    assert step.code == 0, step.stdout
    assert len(state.comments_on(victim.number)) == 1
    assert [n for n in state.pulls if state.comments_on(n)] == [victim.number]
    assert "pulls/get" not in github_server.operations_hit  # no pull request was read one by one


def test_a_pull_request_number_in_the_artifact_is_believed_only_when_verified(action, github_server):
    seed_baseline(github_server, report())
    other = github_server.state.add_pull_request(head_ref="other")
    for named_own in (False, True):
        pull = github_server.state.add_pull_request(fork=True)
        run = github_server.state.add_pull_request_run(pull)
        run.head_branch = "renamed-since"  # the listing by head branch finds nothing: only the hint is left
        hint = pull.number if named_own else other.number
        files = {"parse.json": encoded(report()), "pr-number": str(hint).encode()}
        github_server.state.add_artifact(run, "perf-json", files)
        assert compare(action, run).code == 0
        commented = [n for n in (pull.number, other.number) if github_server.state.comments_on(n)]
        assert commented == ([pull.number] if named_own else [])


# --- caps: what a fork's artifact can make the action do is bounded, and refused up front -------------


def test_more_suites_than_the_limit_are_refused_with_one_message(action, github_server):
    from perfaction.budget import MAX_SUITES

    files = {f"s{i:02}.json": encoded(report(suite=f"suite-{i:02}")) for i in range(MAX_SUITES + 5)}
    pull, run = fork_run(github_server, files)
    step = compare(action, run)
    assert step.code == 2, step.stdout
    assert github_server.state.comments_on(pull.number) == []
    (check,) = github_server.state.check_runs_for()
    assert check.conclusion == "failure"
    (message,) = errors(step)[:1]
    assert f"one suite more than the {MAX_SUITES} one run publishes ([limits] max_suites" in message
    assert len(github_server.exchanges) < 10


def test_the_comments_are_read_once_per_run_not_once_per_suite(action, github_server):
    files = {f"s{i}.json": encoded(report(suite=f"suite-{i}")) for i in range(3)}
    pull, run = fork_run(github_server, files)
    github_server.state.add_comments(pull.number, [f"chatter {i}" for i in range(150)])
    step = compare(action, run)
    assert step.code == 0, step.stdout
    assert len(github_server.state.comments_on(pull.number)) == 153
    called = [exchange.operation_id for exchange in github_server.exchanges]
    assert called.count("issues/list-comments") == 2  # two pages of 100, once
    assert called.count("issues/get") == 1


def _results_of(mib: float) -> bytes:
    """A zip of valid reports adding up to `mib` MiB, in files under the 32 MiB member cap."""
    rng = random.Random(5)
    metrics = [
        json.dumps(
            {**report()["benchmarks"][0]["metrics"][0], "samples": [rng.uniform(90, 110) for _ in range(50)]}
        )
        for _ in range(16)
    ]
    head = encoded(report())[: -len(b"]}")].decode().split('"benchmarks": [')[0]
    files, per_file = {}, 30 * (1 << 20)
    while sum(map(len, files.values())) < mib * (1 << 20):
        parts, size, index = [], 0, 0
        while size < per_file:
            part = f'{{"name": "b{index}", "metrics": [{metrics[index % len(metrics)]}]}}'
            parts.append(part)
            size, index = size + len(part) + 2, index + 1
        text = (
            head.replace('"suite": "parse"', f'"suite": "big-{len(files)}"')
            + '"benchmarks": ['
            + ", ".join(parts)
        )
        files[f"big-{len(files)}.json"] = (text + "]}").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_results_over_the_budget_are_refused_by_size_before_parsing(action, github_server):
    """An artifact is small when zipped and large unzipped: its declared size is checked first."""
    from perfaction.budget import MAX_RESULTS_MIB

    pull, run = fork_run(github_server, data=_results_of(MAX_RESULTS_MIB + 1))
    step = compare(action, run)
    assert step.code == 2, step.stdout
    (message,) = errors(step)[:1]
    assert (
        f"MiB of results, over the {MAX_RESULTS_MIB} MiB one run reads ([limits] max_results_mib" in message
    )
    assert github_server.state.comments_on(pull.number) == []


# --- trust the baseline and the run, not the results ---------------------------------------------------


def test_a_fork_cannot_turn_a_slowdown_into_an_improvement_by_flipping_the_direction(action, github_server):
    seed_baseline(github_server, report())
    flipped = report(scale=1.3)
    for benchmark in flipped["benchmarks"]:
        benchmark["metrics"][0]["direction"] = "higher"
    _, run = fork_run(github_server, {"parse.json": encoded(flipped)})
    step = compare(action, run)
    assert step.code == 0, step.stdout
    assert step.outputs["status"] == "failure"
    assert step.outputs["regressions"] == "1"


def test_the_commit_shown_is_the_run_s_not_the_one_the_results_claim(action, github_server):
    seed_baseline(github_server, report())
    claimed = report()
    claimed["source"]["commit"] = "cafebabe00"
    pull, run = fork_run(github_server, {"parse.json": encoded(claimed)})
    step = compare(action, run)
    assert step.code == 0, step.stdout
    (comment,) = github_server.state.comments_on(pull.number)
    assert f"`{pull.head_sha[:8]}`" in comment.body
    assert "cafebabe" not in comment.body
    summary = json.loads(Path(step.outputs["summary-path"]).read_text())
    assert summary["current"]["commit"] == pull.head_sha
