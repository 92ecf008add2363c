"""Recorded run history: every run of main, kept compactly on the baseline branch beside the baseline.

Recording never moves the baseline; it appends one run's statistics to the suite's history under
`<suite>/runs/` (formats in perfaction/runfiles.py):

- `open.json`: the chunk records append to, rewritten by each record, at most CHUNK_MAX_RUNS runs
  and about CHUNK_MAX_BYTES, so a record is one small commit however long the history is;
- `chunk-NNNNNNNN.json`: sealed chunks, named by their first run number, never rewritten;
- `keys-<digest>.json`: which benchmark and metric each value slot holds, shared by the chunks with
  the same slots, so names are not repeated per run;
- `index.json`: the retention in force and, per sealed chunk, each run's number, time and run id,
  rewritten only when a chunk is sealed or dropped.

Runs are ordered by the committer date of their source commit (else the time they were measured,
else recorded), then run id, then record number, so concurrent pushes to main keep commit order
whichever record lands first. Retention keeps the newest `max_runs` runs within `max_age_days` of
the newest; expired runs are hidden at once and their chunk is dropped once all its runs expired.
"""

from __future__ import annotations

import gc
import random
import time
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import field
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

from perfaction import noise, stats, units
from perfaction.baseline.promote import utc_now
from perfaction.baseline.store import Actor, BaselineStore, CommitInfo, StoreConflict
from perfaction.compare import MetricHistory
from perfaction.config import HistoryConfig
from perfaction.errors import Problem, ToolingError, ValidationFailure
from perfaction.identifiers import COMMIT_ID
from perfaction.model import Benchmark, Environment, Metric, Report
from perfaction.records import datarecord
from perfaction.runfiles import (
    FLOAT32_LIMIT,
    SPREAD_SCALE,
    Columns,
    KeyTable,
    SlotKey,
    columns_of,
    unpack_chunk,
)
from perfaction.summary import HistoryPoint
from perfaction.validation import dumps, ensure_valid

RUNS_DIR = "runs"
OPEN_CHUNK = "open"
INDEX = "index"
CHUNK_MAX_RUNS = 50
CHUNK_MAX_BYTES = 1024 * 1024
# Records race each other on every push to main: more attempts than a promotion, with jittered waits.
MAX_ATTEMPTS = 10
RETRY_WAIT_SECONDS = 0.05
SCHEMA = "run-history"
HISTORY_WINDOW = 30  # earlier recorded values given to the noise model, as for a pull request


_SUMMARY_FIELDS = ("seq", "time", "run_id", "commit")  # what the index keeps of each sealed run
MIN_COMMIT_PREFIX = 7
_RUN_FIELDS = (
    *("seq", "time", "recorded_at", "recorded_by", "commit", "ref", "timestamp", "run_id"),
    *("run_attempt", "run_url"),
)


@datarecord
class RecordedRun:
    """One recorded run of a suite: where and when it was measured, and by which CI run."""

    seq: int
    time: str  # orders the runs: the source commit's committer date, else when measured or recorded
    recorded_at: str
    recorded_by: str
    commit: str | None = None
    ref: str | None = None
    timestamp: str | None = None
    run_id: int | None = None
    run_attempt: int | None = None
    run_url: str | None = None
    environment: Environment = field(default_factory=Environment)

    def order(self) -> tuple[datetime, int, int]:
        return (_parse(self.time), self.run_id or 0, self.seq)

    def to_dict(self) -> dict[str, Any]:
        """The run's fields as a chunk stores them; the chunk's environments table holds the environment."""
        return {key: getattr(self, key) for key in _RUN_FIELDS if getattr(self, key) is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any], environments: list[dict[str, Any]]) -> RecordedRun:
        """From a run of a chunk valid against run-history.schema.json (its columns are ignored)."""
        known = {key: data[key] for key in _RUN_FIELDS if key in data}
        environment = environments[data["environment"]] if "environment" in data else {}
        return cls(**known, environment=Environment.from_dict(environment))


@datarecord
class RunSeries:
    """One metric over the recorded runs, oldest first, all in the newest run's unit.

    Compact arrays, not lists: 10,000 series of 1,000 runs stay tens of megabytes.
    """

    benchmark: str
    metric: str
    unit: str
    direction: str
    positions: array  # uint32 indexes into RunHistory.runs
    values: array  # float32
    counts: array  # uint16 samples per run
    stored_spreads: array  # uint16 hundredths of a percent, as stored

    @property
    def spreads(self) -> list[float | None]:
        """The spread of each run's samples in %; None without at least 2 samples (or at a median of 0)."""
        return [
            spread / SPREAD_SCALE if count >= 2 and value > 0 else None
            for spread, count, value in zip(self.stored_spreads, self.counts, self.values, strict=True)
        ]


@datarecord
class _Stored:
    run: RecordedRun
    table: KeyTable
    columns: Columns


@datarecord
class RunHistory:
    """A suite's retained runs, oldest first, with each run's values."""

    suite: str
    retention: HistoryConfig
    stored: list[_Stored]

    @cached_property
    def runs(self) -> list[RecordedRun]:
        """The runs, oldest first (built once: every chart and change point looks runs up here)."""
        return [entry.run for entry in self.stored]

    def __len__(self) -> int:
        return len(self.stored)

    def series(self, benchmark: str, metric: str) -> RunSeries | None:
        """One metric's values; points before a change of meaning (dimension or direction) are left out."""
        points: list[_Segment] = []
        for position, entry in enumerate(self.stored):
            slot = entry.table.positions.get((benchmark, metric))
            if slot is not None and slot not in entry.columns.absent:
                points.append(_segment(entry.table.slots[slot], [entry], position, slot))
        return _joined(points)

    def all_series(self) -> list[RunSeries]:
        """Every metric's series, transposed a key table at a time by strided copies, not value by value."""
        segments: dict[tuple[str, str], list[_Segment]] = {}
        start = 0
        for end in range(1, len(self.stored) + 1):
            if end < len(self.stored) and self.stored[end].table is self.stored[start].table:
                continue
            for segment in _transposed(self.stored[start:end], start):
                segments.setdefault((segment.key.benchmark, segment.key.metric), []).append(segment)
            start = end
        return [series for parts in segments.values() if (series := _joined(parts)) is not None]

    def position_of(self, commit: str) -> int | None:
        """The newest recorded run measured on `commit` (a re-run of another workflow may repeat one)."""
        found = [i for i, run in enumerate(self.runs) if run.commit and same_commit(run.commit, commit)]
        return found[-1] if found else None

    def report(self, position: int) -> Report:
        """One recorded run as a canonical report of its statistics (no samples)."""
        entry = self.stored[position]
        benchmarks: dict[str, list[Metric]] = {}
        values = entry.columns.values
        for slot, key in enumerate(entry.table.slots):
            if slot not in entry.columns.absent:
                metric = Metric(key.metric, values[slot], key.unit, key.direction)
                benchmarks.setdefault(key.benchmark, []).append(metric)
        run = entry.run
        return Report(
            suite=self.suite,
            benchmarks=[Benchmark(name, metrics) for name, metrics in benchmarks.items()],
            environment=run.environment,
            commit=run.commit,
            ref=run.ref,
            timestamp=run.timestamp or run.time,
        )


def noise_history(
    history: RunHistory,
    all_series: list[RunSeries] | None = None,
    position: int | None = None,
    window: int = HISTORY_WINDOW,
) -> dict[tuple[str, str], MetricHistory]:
    """Each metric's last `window` recorded values before run `position` (default: after every run).

    compare()'s `history`: run-to-run values for the noise model and the trend chart.
    """
    runs = history.runs
    end = len(runs) if position is None else position
    noise: dict[tuple[str, str], MetricHistory] = {}
    paused = gc.isenabled()
    # 300,000 small acyclic objects at 10,000 metrics: collections triggered while building them
    # scan the whole heap again and again and would take more than half the time.
    gc.disable()
    try:
        for series in history.all_series() if all_series is None else all_series:
            _add_noise(noise, series, runs, end, window)
    finally:
        if paused:
            gc.enable()
    return noise


def _add_noise(
    noise: dict[tuple[str, str], MetricHistory],
    series: RunSeries,
    runs: list[RecordedRun],
    end: int,
    window: int,
) -> None:
    """One metric's last `window` values before run `end`, with their commits and times."""
    stop = bisect_left(series.positions, end)
    if stop == 0:
        return
    points = [
        HistoryPoint(series.values[i], runs[series.positions[i]].commit, runs[series.positions[i]].time)
        for i in range(max(0, stop - window), stop)
    ]
    noise[(series.benchmark, series.metric)] = MetricHistory(series.unit, points)


@datarecord
class _Segment:
    """Consecutive points of one slot under one key (unit and direction)."""

    key: SlotKey
    positions: array
    values: array
    counts: array
    spreads: array


def _segment(key: SlotKey, group: list[_Stored], offset: int, slot: int) -> _Segment:
    """One slot of a group of runs sharing a key table; every run of the group has the slot."""
    width = len(group[0].table)
    return _Segment(
        key,
        array("I", range(offset, offset + len(group))),
        _strided(group, "values", "f", width, slot),
        _strided(group, "counts", "H", width, slot),
        _strided(group, "spreads", "H", width, slot),
    )


def _strided(group: list[_Stored], name: str, typecode: str, width: int, slot: int) -> array:
    """Column `name` of one slot across the group's runs: every width-th item from `slot` on, copied in C."""
    if len(group) == 1:
        column = getattr(group[0].columns, name)
        return array(typecode, [column[slot] if column is not None else 0])
    joined = b"".join(_column_bytes(entry, name, typecode, width) for entry in group)
    picked = array(typecode)
    picked.frombytes(memoryview(joined).cast(typecode)[slot::width].tobytes())  # type: ignore[call-overload]
    return picked


def _column_bytes(entry: _Stored, name: str, typecode: str, width: int) -> bytes:
    column = getattr(entry.columns, name)
    return column.tobytes() if column is not None else bytes(array(typecode).itemsize * width)


def _transposed(group: list[_Stored], offset: int) -> Iterable[_Segment]:
    """The runs of one key table, slot by slot."""
    table = group[0].table
    width = len(table)
    columns = {
        name: memoryview(b"".join(_column_bytes(entry, name, code, width) for entry in group)).cast(code)  # type: ignore[call-overload]
        for name, code in (("values", "f"), ("counts", "H"), ("spreads", "H"))
    }
    holes = any(entry.columns.absent for entry in group)
    positions = array("I", range(offset, offset + len(group)))
    for slot, key in enumerate(table.slots):
        picked = {name: _copied(view[slot::width], view.format) for name, view in columns.items()}
        kept = positions
        if holes:
            present = [i for i, entry in enumerate(group) if slot not in entry.columns.absent]
            if not present:
                continue
            kept = array("I", (positions[i] for i in present))
            picked = {
                name: array(column.typecode, (column[i] for i in present)) for name, column in picked.items()
            }
        yield _Segment(key, kept, picked["values"], picked["counts"], picked["spreads"])


def _copied(view: memoryview, typecode: str) -> array:
    column = array(typecode)
    column.frombytes(view.tobytes())
    return column


def _joined(parts: list[_Segment]) -> RunSeries | None:
    """Segments in the newest segment's unit; older ones of another dimension or direction are dropped."""
    if not parts:
        return None
    newest = parts[-1].key
    kept: list[_Segment] = []
    for part in reversed(parts):
        if part.key.direction != newest.direction:
            break
        if part.key.unit == newest.unit:
            kept.append(part)
            continue
        if units.lookup(part.key.unit).dimension != units.lookup(newest.unit).dimension:
            break
        factor = units.convert(1.0, part.key.unit, newest.unit)
        converted = array("f", (value * factor for value in part.values))
        kept.append(_Segment(part.key, part.positions, converted, part.counts, part.spreads))
    if len(kept) == 1:
        only = kept[0]
        return RunSeries(*newest[:4], only.positions, only.values, only.counts, only.spreads)
    kept.reverse()
    series = RunSeries(*newest[:4], array("I"), array("f"), array("H"), array("H"))
    for part in kept:
        series.positions += part.positions
        series.values += part.values
        series.counts += part.counts
        series.stored_spreads += part.spreads
    return series


# --- reading ----------------------------------------------------------------------------------------


def runs_path(suite: str, name: str) -> str:
    return f"{suite}/{RUNS_DIR}/{name}.json"


@datarecord
class _Files:
    """The run-history files of a suite at one version, as read and validated."""

    suite: str
    version: str
    index: dict[str, Any]
    open: dict[str, Any] | None
    tables: dict[str, KeyTable]
    had_index: bool = True

    def names(self) -> set[str]:
        """The files (by stem) this version has, as far as the index and the open chunk tell."""
        chunks = self.index["chunks"]
        found = {chunk["name"] for chunk in chunks} | {chunk["keys"] for chunk in chunks}
        if self.open is not None:
            found |= {OPEN_CHUNK, self.open["keys"]}
        return found | {INDEX} if self.had_index else found

    @property
    def retention(self) -> HistoryConfig:
        return HistoryConfig(**self.index["retention"])

    def table(self, name: str) -> KeyTable:
        found = self.tables.get(name)
        if found is None:
            path = runs_path(self.suite, name)
            raise ValidationFailure.single(f"{path} at {self.version[:12]}", "", "missing: a chunk names it")
        return found


def _read_files(store: BaselineStore, suite: str, version: str) -> _Files | None:
    index, opened = store.documents(version, [runs_path(suite, INDEX), runs_path(suite, OPEN_CHUNK)], SCHEMA)
    if index is None and opened is None:
        return None
    had_index = index is not None
    index = index or _empty_index(suite, HistoryConfig())
    names = sorted({chunk["keys"] for chunk in index["chunks"]} | ({opened["keys"]} if opened else set()))
    tables = store.documents(version, [runs_path(suite, name) for name in names], SCHEMA)
    found = {name: KeyTable.from_dict(doc) for name, doc in zip(names, tables, strict=True) if doc}
    files = _Files(suite, version, index, opened, found, had_index)
    for document in (index, opened, *tables):
        if document is not None and document["suite"] != suite:
            raise ValidationFailure.single(f"{suite}/{RUNS_DIR} at {version[:12]}", "/suite", "another suite")
    return files


def read_runs(
    store: BaselineStore,
    suite: str,
    version: str | None = None,
    *,
    newest: int | None = None,
    commit: str | None = None,
) -> RunHistory | None:
    """The suite's recorded runs at a version (default: the tip); None when it has recorded none.

    With `newest`, only the chunks holding the newest that many retained runs (and, with `commit`,
    the runs of that commit) are read: the index alone tells which, so a comparison reads a few
    chunks however long the history is. The history then holds every retained run of those chunks.
    """
    at = version or store.tip()
    files = _read_files(store, suite, at) if at else None
    if files is None:
        return None
    listed = files.index["chunks"]
    kept = _retained(_index_runs(files), files.retention)
    if newest is not None:
        wanted = _newest(_index_runs(files), kept, newest) | _of_commit(files, commit)
        listed = [chunk for chunk in listed if any(run["seq"] in wanted for run in chunk["runs"])]
    # Each chunk is decoded as it arrives, and its semantic rules checked while decoding, once.
    paths = [runs_path(suite, chunk["name"]) for chunk in listed]
    chunks = store.iter_documents(files.version, paths, SCHEMA, semantic=False)
    stored: list[_Stored] = []
    for summary, chunk in zip(listed, chunks, strict=True):
        source = f"{store.branch}:{runs_path(suite, summary['name'])} at {files.version[:12]}"
        if chunk is None or [run["seq"] for run in chunk["runs"]] != [run["seq"] for run in summary["runs"]]:
            raise ValidationFailure.single(source, "", "missing, or its runs differ from the index's")
        stored += _stored_runs(chunk, files.table(chunk["keys"]), source)
    if files.open is not None:
        source = f"{store.branch}:{runs_path(suite, OPEN_CHUNK)} at {files.version[:12]}"
        stored += _stored_runs(files.open, files.table(files.open["keys"]), source)
    stored = sorted((entry for entry in stored if entry.run.seq in kept), key=lambda entry: entry.run.order())
    return RunHistory(suite, files.retention, stored)


def _index_runs(files: _Files) -> list[RecordedRun]:
    """Every run as far as the index and the open chunk tell (number, time, run id, commit)."""
    runs = [_summary_run(run) for chunk in files.index["chunks"] for run in chunk["runs"]]
    if files.open is not None:
        runs += [RecordedRun.from_dict(run, files.open.get("environments", [])) for run in files.open["runs"]]
    return runs


def _newest(runs: list[RecordedRun], kept: set[int], count: int) -> set[int]:
    return {run.seq for run in sorted((r for r in runs if r.seq in kept), key=RecordedRun.order)[-count:]}


def _of_commit(files: _Files, commit: str | None) -> set[int]:
    """The sealed runs the index says were measured on `commit` (an index without commits names none)."""
    if commit is None:
        return set()
    return {run.seq for run in _index_runs(files) if run.commit and same_commit(run.commit, commit)}


def same_commit(recorded: str, wanted: str) -> bool:
    """The same commit: equal, or one a prefix of the other, both at least 7 hex digits long."""
    if recorded == wanted:
        return True
    shorter, longer = sorted((recorded, wanted), key=len)
    return len(shorter) >= MIN_COMMIT_PREFIX and COMMIT_ID.matches(shorter) and longer.startswith(shorter)


def _stored_runs(chunk: dict[str, Any], table: KeyTable, source: str) -> list[_Stored]:
    """A chunk's runs with their columns; a chunk that fails its checks is invalid data, located."""
    columns, problems = unpack_chunk(chunk, len(table))
    if problems:
        raise ValidationFailure([Problem(source, pointer, message) for pointer, message in problems])
    environments = chunk.get("environments", [])
    return [
        _Stored(RecordedRun.from_dict(run, environments), table, unpacked)
        for run, unpacked in zip(chunk["runs"], columns, strict=True)
    ]


def _retained(runs: Iterable[RecordedRun], retention: HistoryConfig) -> set[int]:
    """The run numbers retention keeps: the newest max_runs, measured within max_age_days of the newest."""
    ordered = sorted(runs, key=RecordedRun.order)[-retention.max_runs :]
    if not ordered:
        return set()
    cutoff = max(_parse(run.time) for run in ordered) - timedelta(days=retention.max_age_days)
    return {run.seq for run in ordered if _parse(run.time) >= cutoff}


def _empty_index(suite: str, retention: HistoryConfig) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "kind": INDEX,
        "suite": suite,
        "retention": {"max_runs": retention.max_runs, "max_age_days": retention.max_age_days},
        "chunks": [],
    }


def _parse(moment: str) -> datetime:
    parsed = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# --- recording --------------------------------------------------------------------------------------


@datarecord
class RecordRequest:
    """One run to record; the same request is re-planned on every retry."""

    report: Report
    actor: Actor
    retention: HistoryConfig = field(default_factory=HistoryConfig)
    run_id: int | None = None
    run_attempt: int | None = None
    run_url: str | None = None
    recorded_at: str = field(default_factory=utc_now)


@datarecord
class RecordPlan:
    """The one commit a record would make on top of the branch as it was read (none for a duplicate)."""

    expected: str | None
    run: RecordedRun
    files: dict[str, str | None]
    info: CommitInfo
    duplicate: bool = False
    dropped_runs: int = 0  # runs whose chunk this record deletes (all expired)
    suite: str = ""


@datarecord
class Recorded:
    plan: RecordPlan
    version: str | None  # None when the run was already recorded
    attempts: int

    @property
    def run(self) -> RecordedRun:
        return self.plan.run


def record_run(store: BaselineStore, request: RecordRequest) -> Recorded:
    """Append the run to its suite's history in one commit; on a race, re-read and retry (bounded).

    A run id recorded before (a re-run of the same workflow run) is not recorded again.
    """
    ordering_time = _ordering_time(store, request)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        plan = plan_record(store, request, ordering_time)
        if plan.duplicate:
            return Recorded(plan, None, attempt)
        try:
            return Recorded(plan, store.commit_files(plan.files, plan.info, plan.expected), attempt)
        except StoreConflict:
            time.sleep(random.uniform(0, RETRY_WAIT_SECONDS * attempt))  # noqa: S311 - jitter, not secrets
    raise ToolingError(
        f"gave up recording a run of {request.report.suite} after {MAX_ATTEMPTS} attempts: {store.branch} "
        "kept moving under concurrent writes; nothing was changed by this run, try again"
    )


def plan_record(store: BaselineStore, request: RecordRequest, ordering_time: str | None = None) -> RecordPlan:
    """Read the branch once and work out the commit that appends this run (see the module docstring)."""
    report = request.report
    suite = report.suite
    expected = store.tip()
    files = _read_files(store, suite, expected) if expected else None
    index = files.index if files else _empty_index(suite, request.retention)
    opened = files.open if files else None
    duplicate = _find_run(index, opened, request.run_id)
    if duplicate is not None:
        info = _commit_info(duplicate, suite, request)
        return RecordPlan(expected, duplicate, {}, info, duplicate=True, suite=suite)
    keys, columns = _report_columns(report)
    run = RecordedRun(
        seq=_last_seq(index, opened) + 1,
        time=ordering_time or _fallback_time(request),
        recorded_at=request.recorded_at,
        recorded_by=request.actor.name,
        commit=report.commit,
        ref=report.ref,
        timestamp=report.timestamp,
        run_id=request.run_id,
        run_attempt=request.run_attempt,
        run_url=request.run_url,
        environment=report.environment,
    )
    writes = _Writes(suite, index, request.retention, files.names() if files else set())
    writes.append(run, keys, columns, opened, files.table(opened["keys"]) if files and opened else None)
    dropped = writes.expire()
    info = _commit_info(run, suite, request)
    return RecordPlan(expected, run, writes.files(), info, dropped_runs=dropped, suite=suite)


def _report_columns(report: Report) -> tuple[list[SlotKey], Columns]:
    """The statistic the verdict uses per metric (the run's location, else the value), plus spread."""
    keys, values, counts, spreads = [], [], [], []
    problems = []
    for b, benchmark in enumerate(report.benchmarks):
        for m, metric in enumerate(benchmark.metrics):
            samples = metric.samples
            value = noise.run_level(samples, metric.direction == "lower") if samples else metric.value
            if value > FLOAT32_LIMIT:
                where = f"/benchmarks/{b}/metrics/{m}/{'samples' if metric.samples else 'value'}"
                problems.append(Problem(report.suite, where, f"expected at most {FLOAT32_LIMIT:g} to record"))
            keys.append(SlotKey(benchmark.name, metric.name, metric.unit, metric.direction))
            values.append(value)
            counts.append(len(metric.samples or ()))
            spread = (
                stats.robust_spread_pct(metric.samples)
                if metric.samples and len(metric.samples) >= 2
                else None
            )
            spreads.append(spread or 0.0)
    if problems:
        raise ValidationFailure(problems)
    return keys, columns_of(values, counts, spreads)


class _Writes:
    """The files one record changes: the open chunk, perhaps a sealed chunk, a key table and the index."""

    def __init__(
        self, suite: str, index: dict[str, Any], retention: HistoryConfig, existing: set[str]
    ) -> None:
        self.suite = suite
        self.existing = existing
        self.old_index = dumps(index)
        self.index = {**index, "retention": _empty_index(suite, retention)["retention"]}
        self.documents: dict[str, dict[str, Any] | None] = {}
        self.open: dict[str, Any] = {}
        self.open_table: KeyTable  # set by append()

    def append(
        self,
        run: RecordedRun,
        keys: list[SlotKey],
        columns: Columns,
        opened: dict[str, Any] | None,
        table: KeyTable | None,
    ) -> None:
        if opened is not None and table is not None:
            fitted = _fitted(keys, columns, table)
            if fitted is not None and len(opened["runs"]) < CHUNK_MAX_RUNS:
                grown = _with_run(opened, run, fitted)
                if len(dumps(grown)) <= CHUNK_MAX_BYTES:
                    self.open, self.open_table = grown, table
                    return
            self._seal(opened)
        self.open_table = KeyTable(self.suite, keys)
        self.documents[self.open_table.name] = self.open_table.to_dict()
        empty = {
            "schema_version": 1,
            "kind": "chunk",
            "suite": self.suite,
            "keys": self.open_table.name,
            "runs": [],
        }
        self.open = _with_run(empty, run, columns)

    def _seal(self, opened: dict[str, Any]) -> None:
        name = f"chunk-{opened['runs'][0]['seq']:08d}"
        self.documents[name] = opened
        summary = {
            "name": name,
            "keys": opened["keys"],
            "runs": [_run_summary(run) for run in opened["runs"]],
        }
        self.index["chunks"] = [*self.index["chunks"], summary]

    def expire(self) -> int:
        """Drop the sealed chunks whose runs retention no longer keeps; returns how many runs went."""
        runs = [_summary_run(run) for chunk in self.index["chunks"] for run in chunk["runs"]]
        runs += [RecordedRun.from_dict(run, self.open.get("environments", [])) for run in self.open["runs"]]
        kept = _retained(runs, HistoryConfig(**self.index["retention"]))
        dropped, chunks = 0, []
        for chunk in self.index["chunks"]:
            if any(run["seq"] in kept for run in chunk["runs"]):
                chunks.append(chunk)
            else:
                dropped += len(chunk["runs"])
                self.documents[chunk["name"]] = None
        self.index["chunks"] = chunks
        return dropped

    def files(self) -> dict[str, str | None]:
        """Validated texts by path; key tables no chunk names any more are deleted."""
        used = {chunk["keys"] for chunk in self.index["chunks"]} | {self.open["keys"]}
        for name in self.existing:
            if name.startswith("keys-") and name not in used:
                self.documents[name] = None
        documents = {**self.documents, OPEN_CHUNK: self.open}
        if dumps(self.index) != self.old_index or INDEX not in self.existing:
            documents[INDEX] = self.index
        rendered: dict[str, str | None] = {}
        for name, document in documents.items():
            path = runs_path(self.suite, name)
            if document is None:
                if name in self.existing:
                    rendered[path] = None
                continue
            if name.startswith("keys-") and name in self.existing:
                continue  # content-addressed: already there
            ensure_valid(document, SCHEMA, f"{path} (to be written)")
            rendered[path] = dumps(document)
        _stored_runs(self.open, self.open_table, f"{runs_path(self.suite, OPEN_CHUNK)} (to be written)")
        return rendered


def _fitted(keys: list[SlotKey], columns: Columns, table: KeyTable) -> Columns | None:
    """The run's columns laid out on an existing key table, or None when a key is not in it."""
    positions = []
    for key in keys:
        slot = table.positions.get((key.benchmark, key.metric))
        if slot is None or table.slots[slot] != key:
            return None
        positions.append(slot)
    width = len(table)
    fitted = Columns(array("f", bytes(4 * width)), absent=frozenset(range(width)) - frozenset(positions))
    counts, spreads = columns.counts, columns.spreads
    if counts is not None and spreads is not None:
        fitted.counts, fitted.spreads = array("H", bytes(2 * width)), array("H", bytes(2 * width))
    for source, slot in enumerate(positions):
        fitted.values[slot] = columns.values[source]
        if (
            counts is not None
            and spreads is not None
            and fitted.counts is not None
            and fitted.spreads is not None
        ):
            fitted.counts[slot] = counts[source]
            fitted.spreads[slot] = spreads[source]
    return fitted


def _with_run(chunk: dict[str, Any], run: RecordedRun, columns: Columns) -> dict[str, Any]:
    """The chunk with one more run; its environment joins the chunk's table unless already there."""
    entry = {**run.to_dict(), **columns.pack()}
    environments = list(chunk.get("environments", []))
    environment = run.environment.to_dict()
    if environment:
        if environment not in environments:
            environments.append(environment)
        entry["environment"] = environments.index(environment)
    grown = {**chunk, "runs": [*chunk["runs"], entry]}
    return {**grown, "environments": environments} if environments else grown


def _run_summary(run: dict[str, Any]) -> dict[str, Any]:
    return {key: run[key] for key in _SUMMARY_FIELDS if key in run}


def _summary_run(summary: dict[str, Any]) -> RecordedRun:
    """A run as the index lists it: enough to order, de-duplicate, expire and find it by commit."""
    return RecordedRun(
        summary["seq"], summary["time"], "", "", commit=summary.get("commit"), run_id=summary.get("run_id")
    )


def _find_run(index: dict[str, Any], opened: dict[str, Any] | None, run_id: int | None) -> RecordedRun | None:
    if run_id is None:
        return None
    for run in opened["runs"] if opened else ():
        if run.get("run_id") == run_id:
            return RecordedRun.from_dict(run, opened.get("environments", []) if opened else [])
    for chunk in index["chunks"]:
        for run in chunk["runs"]:
            if run.get("run_id") == run_id:
                return _summary_run(run)
    return None


def _last_seq(index: dict[str, Any], opened: dict[str, Any] | None) -> int:
    """The newest record is always in the open chunk; before any, in the last sealed chunk."""
    if opened:
        return opened["runs"][-1]["seq"]
    return index["chunks"][-1]["runs"][-1]["seq"] if index["chunks"] else 0


def _ordering_time(store: BaselineStore, request: RecordRequest) -> str:
    """The source commit's committer date when the store knows the commit: pushes land in commit order."""
    commit = request.report.commit
    date = store.commit_date(commit) if commit else None
    return _utc(_parse(date)) if date else _fallback_time(request)


def _fallback_time(request: RecordRequest) -> str:
    return _utc(_parse(request.report.timestamp or request.recorded_at))


def _commit_info(run: RecordedRun, suite: str, request: RecordRequest) -> CommitInfo:
    """Subject plus trailers, so `git log` on the branch says which run each record came from."""
    source = run.commit[:12] if run.commit else "a report without a commit"
    trailers = {
        "Suite": suite,
        "Source-Commit": run.commit,
        "Source-Ref": run.ref,
        "Run-URL": run.run_url,
        "Run-Id": run.run_id,
        "Run-Attempt": run.run_attempt,
        "Recorded-By": request.actor.name,
    }
    lines = [f"Record {suite} run from {source}", ""]
    lines += [f"{key}: {value}" for key, value in trailers.items() if value is not None]
    return CommitInfo("\n".join(lines) + "\n", request.actor, request.recorded_at)
