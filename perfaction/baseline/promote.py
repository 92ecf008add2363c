"""Promotion: judge a report against the current baseline, then commit it atomically, retrying on races."""

from __future__ import annotations

from dataclasses import field
from datetime import UTC, datetime

from perfaction.baseline.diff import MetricChange, metric_changes
from perfaction.baseline.model import Baseline, History, Provenance
from perfaction.baseline.policy import PromotionRefused, promotion_blockers
from perfaction.baseline.store import Actor, BaselineStore, Change, Snapshot, StoreConflict
from perfaction.config import CompareConfig
from perfaction.errors import ToolingError
from perfaction.model import Report
from perfaction.records import datarecord

MAX_ATTEMPTS = 5
MAX_BLOCKERS_IN_MESSAGE = 20


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@datarecord
class PromotionRequest:
    """Everything a promotion records; the same request is re-judged on every retry."""

    report: Report
    actor: Actor
    config: CompareConfig = field(default_factory=CompareConfig)
    reason: str | None = None
    forced: bool = False
    run_url: str | None = None
    promoted_at: str = field(default_factory=utc_now)

    def baseline(self) -> Baseline:
        provenance = Provenance(
            promoted_by=self.actor.name,
            promoted_at=self.promoted_at,
            environment_fingerprint=self.report.environment.fingerprint(),
            forced=self.forced,
            reason=self.reason,
            source_commit=self.report.commit,
            source_ref=self.report.ref,
            run_url=self.run_url,
        )
        return Baseline(self.report, provenance)


@datarecord
class Plan:
    """The one commit a promotion would make, on top of the branch as it was read."""

    store: BaselineStore
    expected: str | None
    current: Snapshot | None
    change: Change
    changes: list[MetricChange]
    blockers: list[str]

    @property
    def refused(self) -> bool:
        return bool(self.blockers) and not self.change.baseline.provenance.forced

    def render(self) -> str:
        """What the dry run prints: parent, paths, metric changes, environment and the commit message."""
        parent = (
            f"on top of {self.expected[:12]}"
            if self.expected
            else "as the first commit of a new orphan branch"
        )
        lines = [f"would commit to {self.store.branch} {parent}:"]
        action = "create" if self.current is None else "update"
        lines.extend(f"  {action} {path}" for path in self.change.files())
        lines.append(
            f"history: {len(self.change.history.promotions)} of {self.change.history.limit} promotions kept"
        )
        lines.append("metrics:")
        lines.extend(f"  {c.benchmark} {c.metric}: {c.movement()}" for c in self.changes)
        if self.current is not None:
            old = self.current.baseline.provenance.environment_fingerprint
            new = self.change.baseline.provenance.environment_fingerprint
            if old != new:
                lines.append(f"environment changed: fingerprint {old} -> {new}")
        if self.blockers:
            verdict = (
                "overridden by force" if not self.refused else "refused without --force (or force: true)"
            )
            lines.append(f"policy ({verdict}):")
            lines.extend(f"  {blocker}" for blocker in self.blockers)
        lines.append("message:")
        lines.extend(f"  {line}".rstrip() for line in self.change.message.splitlines())
        return "\n".join(lines)


@datarecord
class Promoted:
    plan: Plan
    version: str
    attempts: int


def plan_promotion(store: BaselineStore, request: PromotionRequest) -> Plan:
    """Read the branch once and work out the commit a promotion would make on top of it."""
    expected = store.tip()
    suite = request.report.suite
    current = store.read(suite, expected) if expected else None
    baseline = request.baseline()
    history = (current.history if current else History(suite)).recorded(baseline, request.config.aliases)
    blockers = promotion_blockers(current.baseline if current else None, request.report, request.config)
    message = commit_message(baseline, blockers)
    change = Change(baseline, history, message, request.actor)
    changes = metric_changes(
        current.baseline.report if current else None, request.report, request.config.aliases
    )
    return Plan(store, expected, current, change, changes, blockers)


def promote(store: BaselineStore, request: PromotionRequest) -> Promoted:
    """Commit the promotion; when another lands first, re-read, re-judge and retry (bounded)."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        plan = plan_promotion(store, request)
        if plan.refused:
            raise PromotionRefused(
                f"not promoting {request.report.suite}: the promotion policy blocks it "
                "(--force --reason TEXT, or the action's force and reason inputs, override it on the "
                "record):\n" + "\n".join(f"  {blocker}" for blocker in plan.blockers)
            )
        try:
            return Promoted(plan, store.write(plan.change, plan.expected), attempt)
        except StoreConflict:
            continue
    raise ToolingError(
        f"gave up promoting {request.report.suite} after {MAX_ATTEMPTS} attempts: {store.branch} kept moving "
        "under concurrent promotions; nothing was changed by this run, try again"
    )


def commit_message(baseline: Baseline, blockers: list[str]) -> str:
    """Subject plus trailers, so `git log` on the branch reads as the audit trail."""
    provenance = baseline.provenance
    source = provenance.source_commit[:12] if provenance.source_commit else "a report without a commit"
    trailers = {
        "Suite": baseline.suite,
        "Source-Commit": provenance.source_commit,
        "Source-Ref": provenance.source_ref,
        "Run-URL": provenance.run_url,
        "Reason": provenance.reason,
        "Promoted-By": provenance.promoted_by,
        "Forced": "yes" if provenance.forced else None,
    }
    lines = [f"Promote {baseline.suite} baseline from {source}", ""]
    if provenance.forced and blockers:
        lines.append("Forced past the promotion policy:")
        lines.extend(f"- {blocker}" for blocker in blockers[:MAX_BLOCKERS_IN_MESSAGE])
        if len(blockers) > MAX_BLOCKERS_IN_MESSAGE:
            lines.append(f"- ... and {len(blockers) - MAX_BLOCKERS_IN_MESSAGE} more")
        lines.append("")
    lines.extend(f"{key}: {value}" for key, value in trailers.items() if value is not None)
    return "\n".join(lines) + "\n"
