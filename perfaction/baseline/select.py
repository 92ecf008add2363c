"""Which baseline a pull request is judged against: the one that was current where the PR branched off.

A PR that branched off main a week ago must not be blamed for changes promoted since. Given the
PR's merge-base, the store's audit trail (its last SELECTION_DEPTH promotions of the suite, newest
first) is searched in this order:

1. merge-base: the newest promotion whose source commit is the merge-base or one of its ancestors;
2. date: when the project history cannot tell (a shallow clone, a source commit from elsewhere), the
   newest promotion made no later than the merge-base's commit date;
3. latest: otherwise, and always when no merge-base is given.
"""

from __future__ import annotations

from datetime import datetime

from perfaction.baseline.model import HISTORY_LIMIT
from perfaction.baseline.store import BaselineStore, LogEntry, Snapshot
from perfaction.records import datarecord

SELECTION_DEPTH = HISTORY_LIMIT


@datarecord
class Selection:
    """The chosen baseline, with the rule that chose it and how far its source is behind the merge-base."""

    snapshot: Snapshot
    rule: str
    behind: int | None = None

    def describe(self) -> str:
        """E.g. "compared with main@abc1234, promoted 2026-11-20 by X, 3 commits behind"."""
        provenance = self.snapshot.baseline.provenance
        ref = _short_ref(provenance.source_ref) if provenance.source_ref else self.snapshot.baseline.suite
        where = f"{ref}@{provenance.source_commit[:7]}" if provenance.source_commit else f"{ref} baseline"
        parts = [
            f"compared with {where}",
            f"promoted {provenance.promoted_at[:10]} by {provenance.promoted_by}",
        ]
        if self.behind is not None:
            parts.append(f"{self.behind} commit{'' if self.behind == 1 else 's'} behind")
        return ", ".join(parts)


def select_baseline(store: BaselineStore, suite: str, merge_base: str | None) -> Selection | None:
    """The baseline to compare a PR with (see the module docstring); None when the suite has none."""
    latest = store.read(suite)
    if latest is None or merge_base is None:
        return Selection(latest, "latest") if latest else None
    source = latest.baseline.provenance.source_commit
    if source and store.is_ancestor(source, merge_base):
        # The common case, settled without reading the audit trail (an API call per commit on GitHub).
        return Selection(latest, "merge-base", store.commits_between(source, merge_base))
    searched: list[LogEntry] = []
    chosen, rule = None, "merge-base"
    for entry in store.log(suite, SELECTION_DEPTH):
        searched.append(entry)
        source = entry.baseline.provenance.source_commit
        if source and store.is_ancestor(source, merge_base):
            chosen = entry
            break
    if not searched:
        return None
    if chosen is None:
        chosen, rule = _by_date(store, searched, merge_base), "date"
    if chosen is None:
        chosen, rule = searched[0], "latest"
    source = chosen.baseline.provenance.source_commit
    behind = store.commits_between(source, merge_base) if source else None
    snapshot = store.read(suite, chosen.version)
    return Selection(snapshot, rule, behind) if snapshot else None


def _by_date(store: BaselineStore, entries: list[LogEntry], merge_base: str) -> LogEntry | None:
    branched = store.commit_date(merge_base)
    if branched is None:
        return None
    cutoff = datetime.fromisoformat(branched)
    for entry in entries:
        if datetime.fromisoformat(entry.baseline.provenance.promoted_at) <= cutoff:
            return entry
    return None


def _short_ref(ref: str) -> str:
    for prefix in ("refs/heads/", "refs/tags/", "refs/"):
        if ref.startswith(prefix):
            return ref[len(prefix) :]
    return ref
