"""Plain-text views of the baseline branch for `baseline show`, `baseline history` and `summary`."""

from __future__ import annotations

from perfaction.baseline.model import Baseline
from perfaction.baseline.store import BaselineStore, LogEntry, Snapshot
from perfaction.model import Environment


def show(snapshot: Snapshot, store: BaselineStore) -> str:
    """Everything about one suite's baseline: who, when, why, from where, on what, and its metrics."""
    baseline, provenance = snapshot.baseline, snapshot.baseline.provenance
    lines = [
        f"{baseline.suite} on {store.describe(snapshot.version)}",
        f"  promoted {_promotion(baseline)}",
    ]
    lines.append(f"  source: {_source(baseline)}")
    if provenance.run_url:
        lines.append(f"  run: {provenance.run_url}")
    lines.append(
        f"  environment: {_environment(baseline.report.environment)} "
        f"(fingerprint {provenance.environment_fingerprint})"
    )
    history = snapshot.history
    lines.append(f"  history: {len(history.promotions)} promotion(s) kept (limit {history.limit})")
    lines.append("  metrics:")
    for benchmark in baseline.report.benchmarks:
        for metric in benchmark.metrics:
            limits = [f"{metric.direction} is better"]
            if metric.floor is not None:
                limits.append(f"floor {metric.floor:.6g}")
            if metric.ceiling is not None:
                limits.append(f"ceiling {metric.ceiling:.6g}")
            lines.append(
                f"    {benchmark.name} {metric.name}: {metric.value:.6g} {metric.unit} ({', '.join(limits)})"
            )
    return "\n".join(lines)


def summary(snapshots: list[Snapshot], store: BaselineStore) -> str:
    """One screen over every suite: its baseline, floors, history count and last promotion."""
    tip = snapshots[0].version if snapshots else store.tip()
    lines = [f"perf-action baselines on {store.describe(tip)}: {len(snapshots)} suite(s)"]
    if not snapshots:
        lines.append("no baseline promoted yet: run `perfaction baseline promote REPORT`")
    for snapshot in snapshots:
        report = snapshot.baseline.report
        metrics = [(b.name, m) for b in report.benchmarks for m in b.metrics]
        lines.append(
            f"{report.suite}: {len(report.benchmarks)} benchmarks, {len(metrics)} metrics, "
            f"from {_source(snapshot.baseline)}"
        )
        limits = [
            f"{name} {m.name} {symbol} {bound:.6g} {m.unit}"
            for name, m in metrics
            for symbol, bound in ((">=", m.floor), ("<=", m.ceiling))
            if bound is not None
        ]
        lines.append(f"  floors and ceilings: {'; '.join(limits) if limits else 'none'}")
        history = snapshot.history
        lines.append(f"  history: {len(history.promotions)} promotion(s) kept (limit {history.limit})")
        lines.append(f"  last promotion: {_promotion(snapshot.baseline)}")
    return "\n".join(lines)


def history(log: dict[str, list[LogEntry]]) -> str:
    """The audit trail: one line per promotion, newest first."""
    lines = []
    for suite, entries in log.items():
        lines.append(f"{suite}: {len(entries)} promotion(s), newest first")
        for entry in entries:
            provenance = entry.baseline.provenance
            reason = f": {provenance.reason}" if provenance.reason else ""
            lines.append(
                f"  {entry.version[:7]}  {provenance.promoted_at}  {provenance.promoted_by}  "
                f"from {_source(entry.baseline)}{'  FORCED' if provenance.forced else ''}{reason}"
            )
    return "\n".join(lines)


def _promotion(baseline: Baseline) -> str:
    provenance = baseline.provenance
    forced = " (forced)" if provenance.forced else ""
    reason = f": {provenance.reason}" if provenance.reason else ""
    return f"{provenance.promoted_at} by {provenance.promoted_by}{forced}{reason}"


def _source(baseline: Baseline) -> str:
    provenance = baseline.provenance
    commit = f"commit {provenance.source_commit[:12]}" if provenance.source_commit else "an unknown commit"
    return f"{commit} ({provenance.source_ref})" if provenance.source_ref else commit


def _environment(environment: Environment) -> str:
    parts = [
        environment.os,
        environment.cpu_model,
        f"{environment.cores} cores" if environment.cores else None,
        f"runner {environment.runner}" if environment.runner else None,
        environment.toolchain,
    ]
    return ", ".join(part for part in parts if part) or "not recorded"
