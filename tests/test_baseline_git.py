"""Baselines on a real git branch: promotion, refusal, dry runs, races, bounded history, safe.directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from baseline_helpers import (
    commit_file,
    git,
    make_project,
    promote_job,
    race_before_first_commit,
    repository_bytes,
    show_file,
    visible_state,
    write_report,
)
from conftest import Completed, run_cli

from perfaction.baseline.git import GitStore
from perfaction.baseline.model import HISTORY_LIMIT
from perfaction.baseline.policy import PromotionRefused
from perfaction.baseline.promote import PromotionRequest, plan_promotion, promote
from perfaction.baseline.select import select_baseline
from perfaction.baseline.store import Actor, StoreConflict
from perfaction.cli import main
from perfaction.ingest import read_report
from perfaction.model import Report

BRANCH = "perf-baselines"
ALICE = Actor("alice", "alice@example.com")


pytestmark = pytest.mark.usefixtures("isolated_git")


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


@pytest.fixture
def cli(capsys, monkeypatch):
    """The real CLI run in-process: same parser, jobs and exit codes, minus a Python start-up per call."""

    def run(*args: object, env: dict[str, str] | None = None, cwd: Path | None = None) -> Completed:
        capsys.readouterr()
        with monkeypatch.context() as scoped:
            for name, value in (env or {}).items():
                scoped.setenv(name, value)
            if cwd is not None:
                scoped.chdir(cwd)
            code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Completed(code, captured.out, captured.err)

    return run


def promote_cli(cli, repo: Path, report: Path, *extra: str):
    return cli("baseline", "promote", report, "--repo", repo, "--actor", "alice", *extra)


def report_from(tmp_path: Path, **fields: object) -> Report:
    return read_report(write_report(tmp_path / "inline.json", **fields), host=False)


def history_values(repo: Path, suite: str = "demo", metric: str = "time") -> list[float]:
    history = show_file(repo, BRANCH, f"{suite}/history.json")
    return [point["value"] for point in history["series"]["parse"][metric]["points"]]


def test_first_promotion_creates_an_orphan_branch_and_later_ones_build_on_it(cli, project, tmp_path):
    first = promote_cli(
        cli, project, write_report(tmp_path / "r1.json", time=100.0), "--reason", "first CI run"
    )
    assert first.code == 0, first.stderr
    root = git(project, "rev-parse", BRANCH)
    assert git(project, "rev-list", "--parents", "-n", "1", root) == root  # no parent: an orphan
    assert git(project, "ls-tree", "-r", "--name-only", BRANCH).split() == [
        "demo/baseline.json",
        "demo/history.json",
    ]

    second = promote_cli(cli, project, write_report(tmp_path / "r2.json", time=95.0, commit="def5678"))
    assert second.code == 0, second.stderr
    tip = git(project, "rev-parse", BRANCH)
    assert git(project, "rev-parse", f"{tip}^") == root
    baseline = show_file(project, BRANCH, "demo/baseline.json")
    assert baseline["report"]["benchmarks"][0]["metrics"][0]["value"] == 95.0
    assert baseline["provenance"]["source_commit"] == "def5678"
    assert baseline["provenance"]["promoted_by"] == "alice"
    assert history_values(project) == [100.0, 95.0]
    message = git(project, "log", "-1", "--format=%B", BRANCH)
    assert "Suite: demo" in message
    assert "Source-Commit: def5678" in message
    assert "Promoted-By: alice" in message
    assert "parse time: 100 ns -> 95 ns (-5.00%)" in second.stdout
    first_message = git(project, "log", "-1", "--format=%B", root)
    assert "Reason: first CI run" in first_message

    other = promote_cli(cli, project, write_report(tmp_path / "r3.json", suite="other"))
    assert other.code == 0, other.stderr
    assert git(project, "rev-parse", f"{BRANCH}:demo") == git(project, "rev-parse", f"{tip}:demo")
    assert git(project, "ls-tree", "--name-only", BRANCH).split() == ["demo", "other"]


def test_run_url_and_actor_come_from_the_github_environment(cli, project, tmp_path):
    env = {
        "GITHUB_ACTOR": "release-bot",
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "octo/widgets",
        "GITHUB_RUN_ID": "4242",
    }
    result = cli("baseline", "promote", write_report(tmp_path / "r.json"), "--repo", project, env=env)
    assert result.code == 0, result.stderr
    provenance = show_file(project, BRANCH, "demo/baseline.json")["provenance"]
    assert provenance["run_url"] == "https://github.com/octo/widgets/actions/runs/4242"
    assert provenance["promoted_by"] == "release-bot"
    assert "Run-URL: https://github.com/octo/widgets/actions/runs/4242" in git(
        project, "log", "-1", "--format=%B", BRANCH
    )
    assert (
        git(project, "log", "-1", "--format=%an <%ae>", BRANCH)
        == "release-bot <release-bot@users.noreply.github.com>"
    )


@pytest.mark.parametrize("existing", [False, True], ids=["no-branch-yet", "with-baseline"])
def test_dry_run_prints_the_commit_and_leaves_the_repository_byte_identical(cli, project, tmp_path, existing):
    if existing:
        assert promote_cli(cli, project, write_report(tmp_path / "old.json", time=100.0)).code == 0
    before_bytes, before = repository_bytes(project), visible_state(project)
    result = promote_cli(
        cli, project, write_report(tmp_path / "new.json", time=104.0), "--dry-run", "--reason", "nightly"
    )
    assert result.code == 0, result.stderr
    assert repository_bytes(project) == before_bytes
    assert visible_state(project) == before
    assert "demo/baseline.json" in result.stdout
    assert "demo/history.json" in result.stdout
    assert "Reason: nightly" in result.stdout
    assert "Promoted-By: alice" in result.stdout
    if existing:
        assert "parse time: 100 ns -> 104 ns (+4.00%)" in result.stdout
        assert f"on top of {git(project, 'rev-parse', BRANCH)[:12]}" in result.stdout
    else:
        assert "orphan" in result.stdout
        assert "parse time: new, 104 ns" in result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ({"error": "benchmark_failed"}, "failed benchmark run"),
        ("unit", "is not a unit"),
    ],
    ids=["failed-bench-receipt", "empty-unit"],
)
def test_invalid_reports_exit_2_and_change_nothing(cli, project, tmp_path, content, expected):
    assert promote_cli(cli, project, write_report(tmp_path / "good.json")).code == 0
    bad = tmp_path / "bad.json"
    if content == "unit":
        document = json.loads((tmp_path / "good.json").read_text())
        document["benchmarks"][0]["metrics"][0]["unit"] = ""
        content = document
    bad.write_text(json.dumps(content))
    before_bytes = repository_bytes(project)
    result = promote_cli(cli, project, bad)
    assert result.code == 2
    assert str(bad) in result.stderr
    assert expected in result.stderr
    assert repository_bytes(project) == before_bytes


def test_regressing_report_or_missed_floor_exits_3_and_changes_nothing(cli, project, tmp_path):
    assert (
        promote_cli(cli, project, write_report(tmp_path / "base.json", time=100.0, throughput=200.0)).code
        == 0
    )
    before_bytes = repository_bytes(project)

    slower = promote_cli(cli, project, write_report(tmp_path / "slow.json", time=110.01))
    assert slower.code == 3
    assert "parse time: 10.01% worse than the baseline, above the 10% fail threshold" in slower.stderr
    assert "--force --reason" in slower.stderr

    under_floor = promote_cli(
        cli, project, write_report(tmp_path / "floor.json", throughput=190.0, floor=195.0)
    )
    assert under_floor.code == 3
    assert "parse throughput: 190 MiB/s misses its floor of 195 MiB/s" in under_floor.stderr

    dry = promote_cli(cli, project, tmp_path / "slow.json", "--dry-run")
    assert dry.code == 3
    assert "refused without --force" in dry.stdout
    assert repository_bytes(project) == before_bytes

    exactly_ten = promote_cli(cli, project, write_report(tmp_path / "ten.json", time=110.0))
    assert exactly_ten.code == 0, exactly_ten.stderr


def test_force_needs_a_reason_and_records_it(cli, project, tmp_path):
    assert promote_cli(cli, project, write_report(tmp_path / "base.json", time=100.0)).code == 0
    slow = write_report(tmp_path / "slow.json", time=150.0)
    before_bytes = repository_bytes(project)

    no_reason = promote_cli(cli, project, slow, "--force")
    assert no_reason.code == 4
    assert "--force needs --reason" in no_reason.stderr
    assert repository_bytes(project) == before_bytes

    forced = promote_cli(cli, project, slow, "--force", "--reason", "new runner image is slower")
    assert forced.code == 0, forced.stderr
    provenance = show_file(project, BRANCH, "demo/baseline.json")["provenance"]
    assert provenance["forced"] is True
    assert provenance["reason"] == "new runner image is slower"
    message = git(project, "log", "-1", "--format=%B", BRANCH)
    assert "Forced: yes" in message
    assert "parse time: 50.00% worse than the baseline" in message


def test_a_real_promotion_leaves_work_tree_index_and_checked_out_branch_alone(cli, project, tmp_path):
    (project / "src.txt").write_text("edited, not staged\n")
    (project / "staged.txt").write_text("staged\n")
    git(project, "add", "staged.txt")
    (project / "untracked.txt").write_text("untracked\n")
    before = visible_state(project)

    result = promote_cli(cli, project, write_report(tmp_path / "r.json"))
    assert result.code == 0, result.stderr
    after = visible_state(project)
    assert after["refs"] != before["refs"]  # the baseline branch appeared...
    before_refs = [line for line in str(before["refs"]).splitlines() if BRANCH not in line]
    assert [line for line in str(after["refs"]).splitlines() if BRANCH not in line] == before_refs
    assert {key: after[key] for key in ("head", "index", "status", "work_tree")} == {
        key: before[key] for key in ("head", "index", "status", "work_tree")
    }


def test_promoting_onto_the_checked_out_branch_is_refused(cli, project, tmp_path):
    assert promote_cli(cli, project, write_report(tmp_path / "r1.json")).code == 0
    git(project, "checkout", "--quiet", BRANCH)
    before = repository_bytes(project)
    result = promote_cli(cli, project, write_report(tmp_path / "r2.json", time=99.0))
    assert result.code == 4
    assert "is checked out" in result.stderr
    assert repository_bytes(project) == before


_RACER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from perfaction.cli import main

    ready, go, *argv = sys.argv[1:]
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.0005)
    sys.exit(main(argv))
    """
)


def test_two_processes_promoting_at_once_lose_nothing(project, tmp_path):
    rounds, outcomes = 3, []
    for round_number in range(rounds):
        go = tmp_path / f"go-{round_number}"
        racers = []
        for side in (0, 1):
            value = 100.0 + round_number * 2 + side
            report = write_report(
                tmp_path / f"r{round_number}{side}.json", time=value, commit=f"{round_number}{side}aaaa"
            )
            ready = tmp_path / f"ready-{round_number}-{side}"
            argv = ["baseline", "promote", str(report), "--repo", str(project), "--actor", f"racer{side}"]
            racers.append(
                (
                    value,
                    ready,
                    subprocess.Popen(
                        [sys.executable, "-c", _RACER, str(ready), str(go), *argv],
                        stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE,
                        text=True,
                    ),
                )
            )
        while not all(ready.exists() for _, ready, _ in racers):
            time.sleep(0.001)
        go.touch()
        for value, _, process in racers:
            stdout, stderr = process.communicate(timeout=60)
            outcomes.append((value, process.returncode, stdout, stderr))

    for _, code, _, stderr in outcomes:
        assert code == 0 or (code == 4 and "gave up" in stderr), stderr
    promoted = [value for value, code, _, _ in outcomes if code == 0]
    assert len(promoted) >= rounds  # at least one of each pair always wins
    commits = git(project, "rev-list", BRANCH).split()
    assert len(commits) == len(promoted)  # a linear chain: no promotion overwrote another
    assert sorted(history_values(project)) == sorted(promoted)


def test_a_promotion_that_loses_the_race_rereads_and_lands_on_top(cli, project, tmp_path):
    assert promote_cli(cli, project, write_report(tmp_path / "base.json", time=100.0)).code == 0
    competitor = write_report(tmp_path / "competitor.json", time=101.0, commit="c0ffee1")
    store = race_before_first_commit(GitStore(project), lambda: promote_cli(cli, project, competitor))

    outcome = promote_job(
        write_report(tmp_path / "mine.json", time=102.0, commit="beef123"), store, actor=ALICE
    )
    assert outcome.attempts == 2
    assert history_values(project) == [100.0, 101.0, 102.0]
    tip = git(project, "rev-parse", BRANCH)
    assert "Source-Commit: c0ffee1" in git(project, "log", "-1", "--format=%B", f"{tip}^")


def test_a_retry_rejudges_against_the_baseline_that_won(cli, project, tmp_path):
    assert promote_cli(cli, project, write_report(tmp_path / "base.json", time=100.0)).code == 0
    faster = write_report(tmp_path / "faster.json", time=80.0, commit="fa57e12")
    store = race_before_first_commit(GitStore(project), lambda: promote_cli(cli, project, faster))

    with pytest.raises(PromotionRefused, match=r"parse time: 25.00% worse"):
        promote_job(write_report(tmp_path / "mine.json", time=100.0, commit="beef123"), store, actor=ALICE)
    assert history_values(project) == [100.0, 80.0]


def test_a_stale_expected_tip_is_a_conflict_not_an_overwrite(project, tmp_path):
    store = GitStore(project)
    request = PromotionRequest(report_from(tmp_path, time=100.0), ALICE)
    first = promote(store, request).version
    stale = plan_promotion(store, PromotionRequest(report_from(tmp_path, time=90.0), ALICE))
    promote(store, PromotionRequest(report_from(tmp_path, time=95.0), ALICE))
    with pytest.raises(StoreConflict):
        store.write(stale.change, stale.expected)
    assert git(project, "rev-parse", f"{BRANCH}^") == first
    assert history_values(project) == [100.0, 95.0]


def test_history_stays_bounded_after_100_promotions(project, tmp_path):
    store = GitStore(project)
    path = tmp_path / "r.json"
    sizes = []
    for number in range(100):
        write_report(path, time=100.0 + number % 5, throughput=200.0 - number % 3, commit=f"{number:07x}")
        promote_job(path, store, actor=ALICE)
        if number in (HISTORY_LIMIT + 4, 99):
            sizes.append(len(git(project, "show", f"{BRANCH}:demo/history.json")))
    history = show_file(project, BRANCH, "demo/history.json")
    assert len(history["promotions"]) == HISTORY_LIMIT
    assert [p["number"] for p in history["promotions"]] == list(range(71, 101))
    for metric in ("time", "throughput"):
        assert len(history["series"]["parse"][metric]["points"]) == HISTORY_LIMIT
    assert sizes[1] <= sizes[0] + 64  # no growth once the window is full
    assert sizes[1] < 12_000
    assert len(git(project, "rev-list", BRANCH).split()) == 100  # the git log keeps the full audit trail


def test_safe_directory_lets_us_promote_into_a_repository_owned_by_someone_else(project, tmp_path):
    assert os.geteuid() == 0, "this test changes file ownership and must run as root (as the action does)"
    (project / "docs").mkdir()
    subprocess.run(["chown", "-R", "nobody", str(project)], check=True)
    refused = subprocess.run(
        ["git", "-C", str(project), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    )
    assert refused.returncode != 0
    assert "dubious ownership" in refused.stderr

    result = promote_cli(run_cli, project, write_report(tmp_path / "r.json"))  # a real separate process
    assert result.code == 0, result.stderr
    shown = run_cli("baseline", "show", cwd=project / "docs")  # the repository is found from a subdirectory
    assert shown.code == 0, shown.stderr
    assert "demo on perf-baselines@" in shown.stdout


def test_tampered_branch_content_is_reported_as_invalid_data(cli, project, tmp_path):
    assert promote_cli(cli, project, write_report(tmp_path / "r.json")).code == 0
    document = show_file(project, BRANCH, "demo/baseline.json")
    document["provenance"]["forced"] = True  # forced without a recorded reason
    blob = subprocess.run(
        ["git", "-C", str(project), "hash-object", "-w", "--stdin"],
        input=json.dumps(document),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    history_blob = git(project, "rev-parse", f"{BRANCH}:demo/history.json")
    inner = f"100644 blob {blob}\tbaseline.json\n100644 blob {history_blob}\thistory.json\n"
    tree = subprocess.run(
        ["git", "-C", str(project), "mktree"], input=inner, capture_output=True, text=True, check=True
    ).stdout.strip()
    top = subprocess.run(
        ["git", "-C", str(project), "mktree"],
        input=f"040000 tree {tree}\tdemo\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    commit = git(project, "commit-tree", top, "-p", BRANCH, "-m", "hand edit")
    git(project, "update-ref", f"refs/heads/{BRANCH}", commit)

    result = cli("baseline", "show", "--repo", project)
    assert result.code == 2
    assert "perf-baselines:demo/baseline.json" in result.stderr
    assert "/provenance: missing required property 'reason'" in result.stderr


def test_show_history_and_summary(cli, project, tmp_path):
    assert (
        promote_cli(
            cli, project, write_report(tmp_path / "a.json", floor=150.0), "--reason", "initial import"
        ).code
        == 0
    )
    assert (
        promote_cli(
            cli, project, write_report(tmp_path / "b.json", time=97.0, commit="bbbbbbb", floor=150.0)
        ).code
        == 0
    )
    assert promote_cli(cli, project, write_report(tmp_path / "c.json", suite="other")).code == 0

    shown = cli("baseline", "show", "--repo", project, "--suite", "demo")
    assert shown.code == 0, shown.stderr
    assert "promoted " in shown.stdout and " by alice" in shown.stdout
    assert "source: commit bbbbbbb (refs/heads/main)" in shown.stdout
    assert "environment: linux, Test CPU, 2 cores" in shown.stdout
    assert "history: 2 promotion(s) kept (limit 30)" in shown.stdout
    assert "parse throughput: 200 MiB/s (higher is better, floor 150)" in shown.stdout

    as_json = json.loads(cli("baseline", "show", "--repo", project, "--json").stdout)
    assert [s["suite"] for s in as_json["suites"]] == ["demo", "other"]
    assert as_json["suites"][0]["history"]["series"]["parse"]["time"]["points"][-1]["value"] == 97.0

    audit = cli("baseline", "history", "--repo", project, "--suite", "demo", "--limit", "1")
    assert audit.code == 0, audit.stderr
    assert "demo: 1 promotion(s), newest first" in audit.stdout
    assert "from commit bbbbbbb" in audit.stdout
    assert "initial import" not in audit.stdout

    summary = cli("summary", "--repo", project)
    assert summary.code == 0, summary.stderr
    assert "2 suite(s)" in summary.stdout
    assert "parse throughput >= 150 MiB/s" in summary.stdout
    assert "history: 1 promotion(s) kept" in summary.stdout  # the other suite

    missing = cli("baseline", "show", "--repo", project, "--suite", "nope")
    assert missing.code == 4
    assert "no baseline for suite 'nope'" in missing.stderr


def test_push_publishes_the_branch_and_retries_when_the_remote_moved(cli, tmp_path):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    clones = []
    for name in ("a", "b"):
        clone = make_project(tmp_path, name)
        git(clone, "remote", "add", "origin", str(remote))
        clones.append(clone)
    first, second = clones

    pushed = promote_cli(cli, first, write_report(tmp_path / "r1.json", time=100.0), "--push", "origin")
    assert pushed.code == 0, pushed.stderr
    assert git(first, "ls-remote", "origin", BRANCH).split()[0] == git(first, "rev-parse", BRANCH)

    competing = write_report(tmp_path / "r2.json", time=101.0, commit="c0ffee1")
    store = race_before_first_commit(
        GitStore(second, remote="origin"), lambda: promote_cli(cli, first, competing, "--push", "origin")
    )
    outcome = promote_job(
        write_report(tmp_path / "r3.json", time=102.0, commit="beef123"), store, actor=ALICE
    )
    assert outcome.attempts == 2
    remote_tip = git(second, "ls-remote", "origin", BRANCH).split()[0]
    assert remote_tip == outcome.version == git(second, "rev-parse", BRANCH)
    assert [
        p["value"]
        for p in json.loads(git(remote, "show", f"{BRANCH}:demo/history.json"))["series"]["parse"]["time"][
            "points"
        ]
    ] == [100.0, 101.0, 102.0]

    unknown = promote_cli(cli, second, tmp_path / "r3.json", "--push", "nowhere")
    assert unknown.code == 4
    assert "no remote named 'nowhere'" in unknown.stderr


def test_select_baseline_follows_the_merge_base(project, tmp_path):
    store = GitStore(project)
    c1 = commit_file(project, "f", "1", "2026-01-01T00:00:00Z")
    c2 = commit_file(project, "f", "2", "2026-01-02T00:00:00Z")
    c3 = commit_file(project, "f", "3", "2026-01-03T00:00:00Z")
    c4 = commit_file(project, "f", "4", "2026-01-04T00:00:00Z")
    for day, commit, value in ((1, c1, 100.0), (3, c3, 98.0)):
        request = PromotionRequest(
            report_from(tmp_path, time=value, commit=commit), ALICE, promoted_at=f"2026-01-0{day}T12:00:00Z"
        )
        promote(store, request)

    at_c4 = select_baseline(store, "demo", c4)
    assert at_c4 is not None
    assert (at_c4.rule, at_c4.snapshot.baseline.provenance.source_commit) == ("merge-base", c3)
    assert at_c4.describe() == f"compared with main@{c3[:7]}, promoted 2026-01-03 by alice, 1 commit behind"

    at_c2 = select_baseline(store, "demo", c2)
    assert at_c2 is not None
    assert (at_c2.rule, at_c2.snapshot.baseline.provenance.source_commit, at_c2.behind) == (
        "merge-base",
        c1,
        1,
    )
    assert at_c2.snapshot.history.values("parse", "time") == [100.0]  # history as it was then

    latest = select_baseline(store, "demo", None)
    assert latest is not None
    assert (latest.rule, latest.snapshot.baseline.provenance.source_commit) == ("latest", c3)

    assert select_baseline(store, "nope", c4) is None


def test_select_baseline_falls_back_to_dates_when_source_commits_are_unknown(project, tmp_path):
    store = GitStore(project)
    for day, value in ((1, 100.0), (3, 98.0), (5, 97.0)):
        request = PromotionRequest(
            report_from(tmp_path, time=value, commit=f"{day:07x}"),
            ALICE,
            promoted_at=f"2026-02-0{day}T12:00:00Z",
        )
        promote(store, request)
    merge_base = commit_file(project, "g", "x", "2026-02-04T00:00:00Z")
    chosen = select_baseline(store, "demo", merge_base)
    assert chosen is not None
    assert (chosen.rule, chosen.snapshot.baseline.provenance.promoted_at) == ("date", "2026-02-03T12:00:00Z")
    assert chosen.behind is None
    assert chosen.describe() == "compared with main@0000003, promoted 2026-02-03 by alice"

    unknown = select_baseline(store, "demo", "f" * 40)
    assert unknown is not None
    assert (unknown.rule, unknown.snapshot.baseline.provenance.promoted_at) == (
        "latest",
        "2026-02-05T12:00:00Z",
    )
