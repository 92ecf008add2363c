"""The promotion policy: what a report must satisfy to become the baseline without --force."""

from __future__ import annotations

from dataclasses import dataclass, field

from perfaction.baseline.diff import metric_changes
from perfaction.baseline.model import Baseline
from perfaction.errors import ExitCode, PerfactionError
from perfaction.model import Report

FAIL_THRESHOLD_PCT = 10.0


class PromotionRefused(PerfactionError):
    """The report would make the baseline worse; only a forced promotion with a reason may do that."""

    exit_code = ExitCode.REGRESSION


@dataclass
class PromotionPolicy:
    """The limits a new baseline must respect; aliases map renamed benchmarks (old name -> new name)."""

    fail_threshold_pct: float = FAIL_THRESHOLD_PCT
    aliases: dict[str, str] = field(default_factory=dict)


def promotion_blockers(current: Baseline | None, report: Report, config: PromotionPolicy) -> list[str]:
    """Why this report may not replace the current baseline; empty when it may.

    This is the promotion policy. A metric blocks when it is worse than the current baseline's by more
    than the fail threshold (direction-aware: less throughput or more time is worse; the change is
    rounded to 2 decimals, so exactly the threshold passes), or when it misses its floor or ceiling
    (the report's own, else the current baseline's). Metrics without a comparable baseline value are
    judged by their floor and ceiling only.
    """
    blockers = []
    for change in metric_changes(current.report if current else None, report, config.aliases):
        if change.new_value is None:
            continue
        label = f"{change.benchmark} {change.metric}"
        value = f"{change.new_value:.6g} {change.unit}"
        if change.floor is not None and change.new_value < change.floor:
            blockers.append(f"{label}: {value} is below its floor of {change.floor:.6g} {change.unit}")
        if change.ceiling is not None and change.new_value > change.ceiling:
            blockers.append(f"{label}: {value} is above its ceiling of {change.ceiling:.6g} {change.unit}")
        worse = change.regression_pct
        if worse is not None and worse > config.fail_threshold_pct:
            blockers.append(
                f"{label}: {worse:.2f}% worse than the baseline ({change.movement()}), "
                f"beyond the {config.fail_threshold_pct:g}% fail threshold"
            )
    return blockers
