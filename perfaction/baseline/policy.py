"""The promotion policy: a new baseline is judged by the same comparison a pull request gets."""

from __future__ import annotations

from perfaction.baseline.model import Baseline
from perfaction.compare import compare
from perfaction.config import CompareConfig
from perfaction.errors import ExitCode, PerfactionError
from perfaction.model import Report
from perfaction.verdicts import Status


class PromotionRefused(PerfactionError):
    """The report would make the baseline worse; only a forced promotion with a reason may do that."""

    exit_code = ExitCode.REGRESSION


def promotion_blockers(current: Baseline | None, report: Report, config: CompareConfig) -> list[str]:
    """Why this report may not replace the current baseline; empty when it may.

    A metric blocks when the comparison rates it a gating `failure` (beyond the fail threshold and,
    with samples, significant), or when it misses a floor or ceiling: SLOs are advisory on pull
    requests but never promoted into the baseline.
    """
    summary = compare(report, current.report if current else None, config)
    blockers = [
        f"{row.benchmark} {row.metric}: {row.reason}"
        for row in summary.rows
        if row.status == Status.FAILURE and row.gating
    ]
    blockers += [
        f"{slo.benchmark} {slo.metric}: {slo.value:.6g} {slo.unit} misses its {slo.kind} "
        f"of {slo.limit:.6g} {slo.unit}"
        for slo in summary.slos
        if slo.status == Status.FAILURE
    ]
    return blockers
