"""Recorded run history through the GitHub API test server: races, re-runs, and files over 1 MB as blobs."""

from __future__ import annotations

import threading

from runs_helpers import RECORDER, request, run_report
from test_baseline_github import store_for

from perfaction.baseline.promote import PromotionRequest, promote
from perfaction.baseline.runs import read_runs, record_run
from perfaction.model import Benchmark, Metric, Report

BRANCH = "perf-baselines"
MEGABYTE = 1024 * 1024


def branch_files(server) -> dict[str, bytes]:
    commit = server.state.objects.commit(server.state.ref(f"heads/{BRANCH}"))
    leaves = server.state.objects.leaves(commit.tree)
    return {path: server.state.objects.blob(entry.sha).data for path, entry in leaves.items()}


def test_a_race_rereads_and_lands_on_top_and_a_rerun_records_once(github_server):
    store = store_for(github_server)
    record_run(store, request(run_report(1), run_id=501))
    github_server.faults.conflicting_write("git/update-ref")
    raced = record_run(store, request(run_report(2), run_id=502))
    assert raced.attempts == 2
    tip = github_server.state.ref(f"heads/{BRANCH}")
    (parent,) = github_server.state.objects.commit(tip).parents
    assert github_server.state.objects.commit(parent).message == "Concurrent push"  # built on the new tip
    assert github_server.state.file(".concurrent-push", ref=BRANCH) == b"pushed by another job\n"
    again = record_run(store_for(github_server), request(run_report(2), run_id=502))
    assert again.plan.duplicate and again.version is None
    assert github_server.state.ref(f"heads/{BRANCH}") == tip
    history = read_runs(store_for(github_server), "demo")
    assert [run.run_id for run in history.runs] == [501, 502]
    assert "repos/get-content" not in github_server.operations_hit


def test_concurrent_records_lose_nothing(github_server):
    failures: list[BaseException] = []

    def worker(first: int) -> None:
        try:
            store = store_for(github_server)
            for number in range(first, first + 3):
                record_run(store, request(run_report(number, day=number), run_id=900 + number))
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=worker, args=(first,)) for first in (1, 4, 7)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    history = read_runs(store_for(github_server), "demo")
    assert [run.run_id for run in history.runs] == [900 + n for n in range(1, 10)]  # ordered by time
    chain, sha = [], github_server.state.ref(f"heads/{BRANCH}")
    while sha is not None:  # one linear chain of nine record commits: nothing was overwritten
        commit = github_server.state.objects.commit(sha)
        chain.append(commit.message.splitlines()[0])
        sha = commit.parents[0] if commit.parents and commit.message.startswith("Record") else None
    assert len([line for line in chain if line.startswith("Record demo run")]) == 9


def wide_report(benchmarks: int) -> Report:
    """Long benchmark names, so the key table and the baseline pass 1 MB."""
    return Report(
        suite="wide",
        benchmarks=[
            Benchmark(
                f"decode/fixtures/{index:06d}/{'x' * 200}",
                [Metric("time", 100.0 + index % 97, "ns", "lower")],
            )
            for index in range(benchmarks)
        ],
        commit="abc1234",
        ref="refs/heads/main",
        timestamp="2026-02-01T00:00:00Z",
    )


def test_files_over_1_mb_round_trip_as_git_blobs(github_server):
    store = store_for(github_server)
    report = wide_report(6_000)
    promote(store, PromotionRequest(report, RECORDER, promoted_at="2026-02-01T00:00:00Z"))
    record_run(store, request(report, run_id=77))

    sizes = {path: len(data) for path, data in branch_files(github_server).items()}
    large = sorted(path for path, size in sizes.items() if size > MEGABYTE)
    assert "wide/baseline.json" in large and any(p.startswith("wide/runs/keys-") for p in large)

    fresh = store_for(github_server)
    snapshot = fresh.read("wide")
    assert snapshot is not None and len(snapshot.baseline.report.benchmarks) == 6_000
    history = read_runs(fresh, "wide")
    series = history.series(report.benchmarks[-1].name, "time")
    assert series.values.tolist() == [100.0 + 5_999 % 97]
    assert {"git/get-blob", "git/create-blob"} <= github_server.operations_hit
    assert "repos/get-content" not in github_server.operations_hit
    blobs = [e for e in github_server.exchanges if e.operation_id == "git/get-blob" and e.status == 200]
    assert blobs


def test_history_files_are_blobs_in_the_tree(github_server):
    record_run(store_for(github_server), request(wide_report(10), run_id=1))
    names = sorted(path.removeprefix("wide/runs/")[:5] for path in branch_files(github_server))
    assert names == ["index", "keys-", "open."]
