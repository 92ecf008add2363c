"""Reading the baseline branch: the current baselines and the audit trail of promotions."""

from __future__ import annotations

from perfaction.baseline.store import BaselineStore, LogEntry, Snapshot
from perfaction.errors import ToolingError


def read_baselines(store: BaselineStore, suite: str | None = None) -> list[Snapshot]:
    """The current baseline of one suite, or of every suite on the branch."""
    tip = store.tip()
    names = [suite] if suite else (store.suites(tip) if tip else [])
    snapshots = [snapshot for name in names if (snapshot := store.read(name, tip)) is not None]
    if suite and not snapshots:
        raise ToolingError(f"no baseline for suite {suite!r} on {store.describe(tip)}")
    return snapshots


def promotion_log(store: BaselineStore, suite: str | None, limit: int) -> dict[str, list[LogEntry]]:
    """Each suite's latest promotions, newest first, from the branch's git history."""
    return {
        snapshot.baseline.suite: list(store.log(snapshot.baseline.suite, limit))
        for snapshot in read_baselines(store, suite)
    }
