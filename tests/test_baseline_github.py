"""The `github` baseline store against the GitHub API test server: one commit each, races, refusals."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from baseline_helpers import promote_job, race_before_first_commit, write_report
from conftest import run_cli
from github import Auth, Github
from github_api import READ_ONLY_TOKEN, WRITE_TOKEN

from perfaction.baseline.policy import PromotionRefused
from perfaction.baseline.promote import PromotionRequest, promote
from perfaction.baseline.select import select_baseline
from perfaction.baseline.store import Actor
from perfaction.errors import ToolingError
from perfaction.github.baseline_store import GitHubStore
from perfaction.ingest import read_report
from perfaction.modes.baselines import promotion_log

BRANCH = "perf-baselines"
ALICE = Actor("alice", "alice@example.com")
WRITES = {"git/create-tree", "git/create-commit", "git/create-ref", "git/update-ref", "git/create-blob"}


def store_for(server, token: str = WRITE_TOKEN) -> GitHubStore:
    """A store on the server's repository; no client-side pacing, so the tests stay quick."""
    client = Github(
        base_url=server.url,
        auth=Auth.Token(token),
        seconds_between_requests=None,
        seconds_between_writes=None,
    )
    return GitHubStore(client.get_repo(server.state.repository.full_name))


def branch_file(server, path: str, ref: str = BRANCH) -> dict:
    data = server.state.file(path, ref=ref)
    assert data is not None, f"{path} is missing at {ref}"
    return json.loads(data)


def history_values(server, ref: str = BRANCH) -> list[float]:
    history = branch_file(server, "demo/history.json", ref)
    return [point["value"] for point in history["series"]["parse"]["time"]["points"]]


def parents(server, sha: str) -> tuple[str, ...]:
    commit = server.state.objects.commit(sha)
    assert commit is not None
    return commit.parents


def test_promotions_through_the_cli_commit_both_files_at_once(github_server, tmp_path):
    env = {
        "GITHUB_API_URL": github_server.url,
        "GITHUB_REPOSITORY": github_server.state.repository.full_name,
        "GITHUB_TOKEN": WRITE_TOKEN,
        "GITHUB_ACTOR": "release-bot",
    }
    first = run_cli("baseline", "promote", write_report(tmp_path / "r1.json"), "--store", "github", env=env)
    assert first.code == 0, first.stderr
    root = github_server.state.ref(f"heads/{BRANCH}")
    assert root is not None
    assert parents(github_server, root) == ()  # an orphan branch
    assert branch_file(github_server, "demo/baseline.json")["provenance"]["promoted_by"] == "release-bot"

    store = store_for(github_server)
    promote_job(write_report(tmp_path / "r2.json", time=95.0, commit="def5678"), store, actor=ALICE)
    tip = github_server.state.ref(f"heads/{BRANCH}")
    assert parents(github_server, tip) == (root,)
    assert history_values(github_server) == [100.0, 95.0]
    commit = github_server.state.objects.commit(tip)
    assert "Source-Commit: def5678" in commit.message
    assert commit.author.name == "alice"

    shown = run_cli("baseline", "show", "--store", "github", env=env)
    assert shown.code == 0, shown.stderr
    assert "source: commit def5678 (refs/heads/main)" in shown.stdout
    assert "history: 2 promotion(s) kept" in shown.stdout
    audit = promotion_log(store, "demo", 10)["demo"]
    assert [entry.version for entry in audit] == [tip, root]

    local_only = run_cli(
        "baseline", "promote", tmp_path / "r2.json", "--store", "github", "--push", "origin", env=env
    )
    assert local_only.code == 4
    assert "--push apply to the git store only" in local_only.stderr


def test_a_rejected_ref_update_rereads_and_lands_on_top_keeping_other_files(github_server, tmp_path):
    store = store_for(github_server)
    promote_job(write_report(tmp_path / "r1.json", time=100.0), store, actor=ALICE)
    github_server.faults.conflicting_write("git/update-ref")

    outcome = promote_job(
        write_report(tmp_path / "r2.json", time=102.0, commit="beef123"), store, actor=ALICE
    )
    assert outcome.attempts == 2
    tip = github_server.state.ref(f"heads/{BRANCH}")
    assert outcome.version == tip
    (concurrent,) = parents(github_server, tip)
    assert github_server.state.objects.commit(concurrent).message == "Concurrent push"
    assert github_server.state.file(".concurrent-push", ref=BRANCH) == b"pushed by another job\n"
    assert history_values(github_server) == [100.0, 102.0]
    rejected = [e.status for e in github_server.exchanges if e.operation_id == "git/update-ref"]
    assert rejected == [422, 200]


def test_creating_the_branch_races_too(github_server, tmp_path):
    github_server.faults.conflicting_write("git/create-ref")
    outcome = promote_job(write_report(tmp_path / "r.json"), store_for(github_server), actor=ALICE)
    assert outcome.attempts == 2
    main_head = github_server.state.branch_head("main")
    assert parents(github_server, outcome.version) == (main_head,)
    assert history_values(github_server) == [100.0]


def test_a_branch_that_keeps_moving_makes_it_give_up_with_nothing_overwritten(github_server, tmp_path):
    store = store_for(github_server)
    promote_job(write_report(tmp_path / "r1.json", time=100.0), store, actor=ALICE)
    github_server.faults.conflicting_write("git/update-ref", times=5)

    with pytest.raises(ToolingError, match="gave up promoting demo after 5 attempts") as raised:
        promote_job(write_report(tmp_path / "r2.json", time=101.0), store, actor=ALICE)
    assert raised.value.exit_code == 4
    tip = github_server.state.ref(f"heads/{BRANCH}")
    assert github_server.state.objects.commit(tip).message == "Concurrent push"
    assert history_values(github_server) == [100.0]


def test_a_retry_rejudges_against_the_baseline_that_won(github_server, tmp_path):
    promote_job(write_report(tmp_path / "r1.json", time=100.0), store_for(github_server), actor=ALICE)
    faster = write_report(tmp_path / "faster.json", time=80.0, commit="fa57e12")
    store = race_before_first_commit(
        store_for(github_server), lambda: promote_job(faster, store_for(github_server), actor=ALICE)
    )
    with pytest.raises(PromotionRefused, match=r"parse time: 25\.00% worse"):
        promote_job(write_report(tmp_path / "mine.json", time=100.0), store, actor=ALICE)
    assert history_values(github_server) == [100.0, 80.0]


def test_a_read_only_token_cannot_promote_and_changes_nothing(github_server, tmp_path):
    promote_job(write_report(tmp_path / "r1.json"), store_for(github_server), actor=ALICE)
    before = github_server.state.ref(f"heads/{BRANCH}")
    with pytest.raises(ToolingError, match="GitHub refused to write a file on the baseline branch: 403"):
        promote_job(
            write_report(tmp_path / "r2.json", time=99.0),
            store_for(github_server, READ_ONLY_TOKEN),
            actor=ALICE,
        )
    assert github_server.state.ref(f"heads/{BRANCH}") == before


def test_a_dry_run_only_reads(github_server, tmp_path):
    store = store_for(github_server)
    promote_job(write_report(tmp_path / "r1.json"), store, actor=ALICE)
    before = github_server.state.ref(f"heads/{BRANCH}")
    calls = len(github_server.exchanges)
    plan = promote_job(write_report(tmp_path / "r2.json", time=104.0), store, actor=ALICE, dry_run=True)
    assert "parse time: 100 ns -> 104 ns (+4.00%)" in plan.render()
    assert {e.operation_id for e in github_server.exchanges[calls:]}.isdisjoint(WRITES)
    assert github_server.state.ref(f"heads/{BRANCH}") == before


def test_selection_falls_back_to_dates_through_the_api(github_server, tmp_path):
    store = store_for(github_server)
    for day, value in ((1, 100.0), (3, 98.0), (5, 97.0)):
        report = read_report(write_report(tmp_path / "r.json", time=value, commit=f"{day:07x}"), host=False)
        promote(store, PromotionRequest(report, ALICE, promoted_at=f"2026-02-0{day}T12:00:00Z"))
    merge_base = github_server.state.commit_files(
        "main", {"src.txt": b"x\n"}, when=datetime(2026, 2, 4, tzinfo=UTC)
    )
    chosen = select_baseline(store, "demo", merge_base)
    assert chosen is not None
    assert (chosen.rule, chosen.snapshot.baseline.provenance.promoted_at) == ("date", "2026-02-03T12:00:00Z")
    assert chosen.snapshot.history.values("parse", "time") == [100.0, 98.0]
