"""Recorded run history on a real git branch: layout, order, idempotence, retention, races, bad data."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from baseline_helpers import commit_file, git, make_project, show_file, write_report
from runs_helpers import RECORDER, request, run_report

from perfaction import noise
from perfaction.baseline import runs
from perfaction.baseline.git import GitStore
from perfaction.baseline.promote import PromotionRequest, promote
from perfaction.baseline.runs import read_runs, record_run
from perfaction.baseline.store import CommitInfo
from perfaction.config import HistoryConfig, load_config
from perfaction.errors import ValidationFailure
from perfaction.ingest import read_report
from perfaction.model import Benchmark, Metric, Report
from perfaction.validation import KINDS, ensure_valid

BRANCH = "perf-baselines"

pytestmark = pytest.mark.usefixtures("isolated_git")


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def branch_files(repo: Path) -> list[str]:
    return sorted(git(repo, "ls-tree", "-r", "--name-only", BRANCH).split())


def test_a_record_keeps_run_locations_counts_and_spreads_not_samples(project):
    store = GitStore(project)
    report = run_report(1, samples=9, value=lambda _run, bench: 200.0 * (bench + 1))
    recorded = record_run(store, request(report, run_id=4242))
    assert recorded.version == git(project, "rev-parse", BRANCH)
    assert branch_files(project) == [
        "demo/runs/index.json",
        f"demo/runs/{json.loads(git(project, 'show', f'{BRANCH}:demo/runs/open.json'))['keys']}.json",
        "demo/runs/open.json",
    ]
    history = read_runs(store, "demo")
    assert history is not None and len(history) == 1
    for index, benchmark in enumerate(report.benchmarks):
        samples = sorted(benchmark.metrics[0].samples)
        series = history.series(benchmark.name, "time")
        location = noise.run_location(samples)
        assert series.values.tolist() == [pytest.approx(location, rel=1e-7)]  # as float32
        assert location != pytest.approx(samples[4], rel=1e-7)  # not the median
        assert series.counts.tolist() == [9]
        deviation = sorted(abs(s - samples[4]) for s in samples)[4]
        assert series.spreads == [pytest.approx(1.4826 * deviation / samples[4] * 100, abs=0.006)]
        assert (series.unit, series.direction) == ("ns", "lower")
        assert index == int(benchmark.name.split("/")[1])
    run = history.runs[0]
    assert (run.commit, run.run_id, run.run_attempt, run.recorded_by) == ("0000001", 4242, 1, "recorder")
    message = git(project, "log", "-1", "--format=%B", BRANCH)
    assert message.startswith("Record demo run from 0000001\n")
    assert (
        "Run-Id: 4242" in message and "Run-URL: https://github.com/octo/widgets/actions/runs/4242" in message
    )


def test_sample_counts_are_one_number_when_every_slot_has_the_same(project):
    store = GitStore(project)
    record_run(store, request(run_report(1, samples=7), run_id=1))
    mixed = run_report(2, samples=7)
    mixed.benchmarks[1].metrics[0].samples = mixed.benchmarks[1].metrics[0].samples[:3]
    record_run(store, request(mixed, run_id=2))
    stored = show_file(project, BRANCH, "demo/runs/open.json")["runs"]
    assert stored[0]["counts"] == 7
    assert isinstance(stored[1]["counts"], str)  # packed per slot
    history = read_runs(store, "demo")
    assert history.series("bench/0", "time").counts.tolist() == [7, 7]
    assert history.series("bench/1", "time").counts.tolist() == [7, 3]


def test_recording_never_moves_the_baseline(project, tmp_path):
    store = GitStore(project)
    promoted = promote(
        store, PromotionRequest(read_report(write_report(tmp_path / "b.json"), host=False), RECORDER)
    )
    before = {
        path: git(project, "rev-parse", f"{BRANCH}:{path}")
        for path in ("demo/baseline.json", "demo/history.json")
    }
    record_run(store, request(run_report(1, benchmarks=1, value=lambda _r, _b: 150.0), run_id=1))
    after = {path: git(project, "rev-parse", f"{BRANCH}:{path}") for path in before}
    assert after == before
    assert git(project, "rev-parse", f"{BRANCH}^") == promoted.version
    assert store.read("demo").baseline.report.benchmarks[0].metrics[0].value == 100.0


def test_a_rerun_of_the_same_workflow_run_records_once(project, monkeypatch):
    monkeypatch.setattr(runs, "CHUNK_MAX_RUNS", 2)  # so the first run is in a sealed chunk by the re-run
    store = GitStore(project)
    for number in range(1, 6):
        record_run(store, request(run_report(number), run_id=100 + number))
    tip = git(project, "rev-parse", BRANCH)
    for run_id, seq in ((101, 1), (104, 4), (105, 5)):
        again = record_run(store, request(run_report(9), run_id=run_id))
        assert again.plan.duplicate and again.version is None
        assert again.run.seq == seq
    assert git(project, "rev-parse", BRANCH) == tip
    history = read_runs(store, "demo")
    assert [run.run_id for run in history.runs] == [101, 102, 103, 104, 105]
    assert "demo/runs/chunk-00000001.json" in branch_files(project)
    assert len(git(project, "rev-list", BRANCH).split()) == 5


def test_runs_are_ordered_by_their_commits_whoever_records_first(project):
    store = GitStore(project)
    commits = [
        commit_file(project, "src.txt", f"v{day}\n", date=f"2026-03-0{day}T10:00:00+02:00")
        for day in (1, 2, 3)
    ]
    for position in (2, 0, 1):  # the newest commit's run lands first
        report = run_report(position, commit=commits[position], value=lambda r, _b: 100.0 + r)
        record_run(store, request(report, run_id=10 + position))
    history = read_runs(store, "demo")
    assert [run.commit for run in history.runs] == commits
    assert [run.time for run in history.runs] == [f"2026-03-0{day}T08:00:00Z" for day in (1, 2, 3)]
    assert history.series("bench/0", "time").values.tolist() == [100.0, 101.0, 102.0]
    assert [run.seq for run in history.runs] == [2, 3, 1]


def test_units_are_carried_and_a_change_of_meaning_restarts_the_series(project):
    store = GitStore(project)

    def report(number: int, metric: Metric) -> Report:
        return Report(
            "demo",
            [Benchmark("io", [metric])],
            commit=f"{number:07x}",
            timestamp=f"2026-01-0{number}T00:00:00Z",
        )

    record_run(store, request(report(1, Metric("read", 1024.0, "MiB/s", "higher")), 1))
    record_run(store, request(report(2, Metric("read", 2.0, "GiB/s", "higher")), 2))
    series = read_runs(store, "demo").series("io", "read")
    assert (series.unit, series.values.tolist()) == ("GiB/s", [1.0, 2.0])
    record_run(store, request(report(3, Metric("read", 5.0, "ms", "lower")), 3))
    history = read_runs(store, "demo")
    series = history.series("io", "read")
    assert (series.unit, series.values.tolist(), series.positions.tolist()) == ("ms", [5.0], [2])
    assert [s.unit for s in history.all_series()] == ["ms"]
    assert history.report(1).benchmarks[0].metrics[0].value == 2.0


def test_all_series_agrees_with_series_one_by_one(project, monkeypatch):
    monkeypatch.setattr(runs, "CHUNK_MAX_RUNS", 3)
    store = GitStore(project)
    for number in range(1, 9):
        benchmarks = 3 if number != 5 else 2  # run 5 lacks bench/2: a hole, then a new key table
        report = run_report(
            number,
            benchmarks=benchmarks,
            samples=5 if number % 2 else 0,
            value=lambda r, b: 10.0 * (b + 1) + r,
        )
        record_run(store, request(report, run_id=number))
    history = read_runs(store, "demo")
    bulk = {(s.benchmark, s.metric): s for s in history.all_series()}
    assert sorted(bulk) == [("bench/0", "time"), ("bench/1", "time"), ("bench/2", "time")]
    for (benchmark, metric), series in bulk.items():
        assert series == history.series(benchmark, metric)
    assert bulk[("bench/2", "time")].positions.tolist() == [0, 1, 2, 3, 5, 6, 7]
    assert bulk[("bench/0", "time")].counts.tolist() == [5, 0, 5, 0, 5, 0, 5, 0]
    assert bulk[("bench/0", "time")].spreads[1] is None and bulk[("bench/0", "time")].spreads[0] is not None


def test_retention_holds_after_2000_records(project):
    store = GitStore(project)
    retention = HistoryConfig(max_runs=40, max_age_days=366)
    sizes = []
    for number in range(1, 2001):
        report = run_report(number, benchmarks=1, value=lambda r, _b: 100.0 + r % 5, day=None)
        record_run(store, request(report, run_id=number, retention=retention))
        if number in (1000, 2000):
            sizes.append(sum(len(git(project, "show", f"{BRANCH}:{path}")) for path in branch_files(project)))
    history = read_runs(store, "demo")
    assert [run.run_id for run in history.runs] == list(range(1961, 2001))
    assert len(history.series("bench/0", "time").values) == 40
    files = branch_files(project)
    assert len(files) <= 4  # index, open, at most one sealed chunk, one key table
    assert sizes[1] <= sizes[0] * 1.05  # no growth: the branch holds a bounded window
    index = show_file(project, BRANCH, "demo/runs/index.json")
    assert index["retention"] == {"max_runs": 40, "max_age_days": 366}
    assert len(git(project, "rev-list", BRANCH).split()) == 2000  # one commit per record


def test_age_retention_keeps_runs_within_max_age_of_the_newest(project):
    store = GitStore(project)
    retention = HistoryConfig(max_runs=1000, max_age_days=10)
    for day in range(0, 40, 2):
        report = run_report(day, benchmarks=1, day=day)
        record_run(store, request(report, run_id=day + 1, retention=retention))
    times = [run.time for run in read_runs(store, "demo").runs]
    assert times[0] == "2026-02-01T12:00:00Z" and times[-1] == "2026-02-11T12:00:00Z"  # day 28..38
    assert len(times) == 6


_RECORDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[4])
    from runs_helpers import request, run_report
    from perfaction.baseline.git import GitStore
    from perfaction.baseline.runs import record_run

    ready, go, repo, _, first, count, commits = sys.argv[1:8]
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.0005)
    store = GitStore(Path(repo))
    hashes = commits.split(",")
    for number in range(int(first), int(first) + int(count)):
        report = run_report(number, commit=hashes[number], value=lambda r, _b: 100.0 + r)
        outcome = record_run(store, request(report, run_id=1000 + number))
        print(number, outcome.attempts, flush=True)
    """
)


def test_records_from_several_processes_at_once_lose_nothing_and_keep_commit_order(project, tmp_path):
    processes, per_process = 4, 5
    total = processes * per_process
    commits = [
        commit_file(project, "src.txt", f"v{n}\n", date=f"2026-04-01T{n // 60:02d}:{n % 60:02d}:00Z")
        for n in range(total)
    ]
    go = tmp_path / "go"
    racers = []
    for worker in range(processes):
        ready = tmp_path / f"ready-{worker}"
        argv = [
            str(ready),
            str(go),
            str(project),
            str(Path(__file__).parent),
            str(worker * per_process),
            str(per_process),
            ",".join(commits),
        ]
        racers.append(
            (
                ready,
                subprocess.Popen(
                    [sys.executable, "-c", _RECORDER, *argv],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
        )
    while not all(ready.exists() for ready, _ in racers):
        time.sleep(0.001)
    go.touch()
    attempts = []
    for _, process in racers:
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        attempts += [int(line.split()[1]) for line in stdout.splitlines()]
    history = read_runs(GitStore(project), "demo")
    assert [run.commit for run in history.runs] == commits  # commit order, whatever order they landed in
    assert history.series("bench/0", "time").values.tolist() == [100.0 + n for n in range(total)]
    assert len(git(project, "rev-list", BRANCH).split()) == total  # a linear chain, nothing overwritten
    assert max(attempts) > 1  # they did race


def test_a_record_of_an_invalid_report_exits_2_and_writes_nothing(project, tmp_path):
    store = GitStore(project)
    record_run(store, request(run_report(1), run_id=1))
    tip = git(project, "rev-parse", BRANCH)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**run_report(2).to_dict(), "suite": "../escape"}))
    with pytest.raises(ValidationFailure) as raised:
        record_run(store, request(read_report(bad, host=False), run_id=2))
    assert raised.value.exit_code == 2
    assert "/suite" in str(raised.value)
    huge = run_report(3, value=lambda _r, _b: 1e300)
    with pytest.raises(
        ValidationFailure, match=r"/benchmarks/0/metrics/0/value: expected at most 1e\+38"
    ) as raised:
        record_run(store, request(huge, run_id=3))
    assert raised.value.exit_code == 2
    assert git(project, "rev-parse", BRANCH) == tip
    assert len(read_runs(store, "demo")) == 1


@pytest.mark.parametrize(
    ("edit", "pointer", "message"),
    [
        (lambda run: run.update(values=run["values"][:-4] + "!!!!"), "/runs/0/values", "not valid base64"),
        (lambda run: run.update(values="AACAPw=="), "/runs/0/values", "expected 2 slots"),
        (lambda run: run.update(values="AACAvwAAgL8="), "/runs/0/values", "expected finite values >= 0"),
        (lambda run: run.update(absent=[5]), "/runs/0/absent", "ascending slot numbers below 2"),
        (lambda run: run.update(seq="1"), "/runs/0/seq", "expected an integer"),
    ],
)
def test_a_tampered_history_is_invalid_data_naming_file_and_pointer(project, edit, pointer, message):
    store = GitStore(project)
    record_run(store, request(run_report(1), run_id=1))
    document = show_file(project, BRANCH, "demo/runs/open.json")
    edit(document["runs"][0])
    info = CommitInfo("Edit by hand", RECORDER, "2026-06-02T00:00:00Z")
    store.commit_files({"demo/runs/open.json": json.dumps(document)}, info, git(project, "rev-parse", BRANCH))
    with pytest.raises(ValidationFailure) as raised:
        read_runs(store, "demo")
    problem = raised.value.problems[0]
    assert problem.source.startswith(f"{BRANCH}:demo/runs/open.json at ")
    assert (problem.pointer, message in problem.message) == (pointer, True), problem


def test_history_config_and_the_schema_kind(tmp_path):
    assert load_config(None).history == HistoryConfig(max_runs=1000, max_age_days=366)
    path = tmp_path / "perf.toml"
    path.write_text("[history]\nmax_runs = 30\nmax_age_days = 90\n")
    assert load_config(path).history == HistoryConfig(30, 90)
    path.write_text("[history]\nmax_runs = 0\n")
    with pytest.raises(ValidationFailure, match="/history/max_runs: expected a value >= 1"):
        load_config(path)
    assert KINDS["run-history"] == "run-history"
    with pytest.raises(ValidationFailure, match="/kind"):
        ensure_valid({"schema_version": 1, "kind": "other", "suite": "demo"}, "run-history", "x.json")
