"""The decision: a measured metric's status, verdict and reason, as pure functions of what was pair."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import NamedTuple

from perfaction import stats
from perfaction.compare.prepare import CONFIDENCE, Pair
from perfaction.config import CompareConfig
from perfaction.verdicts import Status, Verdict

MAX_SAMPLES_NEEDED = 100_000  # beyond this, "more samples" is no honest advice

_NORMAL = NormalDist()
_REGRESSED = (Status.FAILURE, Status.WARNING)
_CHANGED = (Status.FAILURE, Status.WARNING, Status.IMPROVED)


class Decision(NamedTuple):
    """What a row says about its metric; `gating` is whether it may fail the suite.

    A tuple: immutable, and cheap to make for each of a suite's thousands of metrics.
    """

    status: Status
    reason: str
    verdict: Verdict | None = None
    samples_needed: int | None = None
    gating: bool = False
    acknowledged: bool = False
    acknowledged_reason: str | None = None


@dataclass(frozen=True)
class Suite:
    """What the decision needs to know about the whole comparison."""

    config: CompareConfig
    blocked: bool  # environments differ and the config does not declare them comparable
    differing: list[str]


def decide(pair: Pair, p_adjusted: float | None, suite: Suite) -> Decision:
    """Status, verdict, reason and gating of a measured metric."""
    if pair.estimate is not None:
        verdict, status, reason, needed = _statistical(pair, pair.estimate, p_adjusted, suite.config.alpha)
    else:
        status = threshold_status(pair)
        verdict, reason, needed = (
            None,
            _threshold_reason(pair, status, pair.fallback),
            pair.samples_needed,
        )
    if suite.blocked and status in _CHANGED:
        keys = ", ".join(suite.differing)
        reason = (
            f"inconclusive: environments differ ({keys}), so this {pair.regression_pct:+.2f}% change "
            "cannot be attributed to the code"
        )
        status, verdict, needed = Status.PASS, Verdict.INCONCLUSIVE, None
    if pair.too_noisy:
        reason += (
            f"; too noisy to gate: history spread {pair.noise_pct:.2f}% exceeds the "
            f"{pair.settings.warn_pct:g}% warn threshold"
        )
    acknowledgement = suite.config.acknowledgement(*pair.key)
    if acknowledgement is not None:
        reason += f"; acknowledged: {acknowledgement.reason}"
    elif status in _REGRESSED and (lapsed := suite.config.lapsed_acknowledgement(*pair.key)):
        reason += f"; {lapsed.describe()}, so it counts again"
    return Decision(
        status,
        reason,
        verdict,
        needed,
        gating=status in _REGRESSED and acknowledgement is None and not pair.too_noisy,
        acknowledged=acknowledgement is not None,
        acknowledged_reason=acknowledgement.reason if acknowledgement is not None else None,
    )


def threshold_status(pair: Pair) -> Status:
    """copybook-rs's rule on the 2-decimal percentage: strictly above a threshold counts."""
    worse = pair.regression_pct or 0.0
    if worse > pair.fail_pct:
        return Status.FAILURE
    if worse > pair.warn_pct:
        return Status.WARNING
    if worse < -pair.warn_pct:
        return Status.IMPROVED
    return Status.PASS


def _threshold_reason(pair: Pair, status: Status, fallback: str) -> str:
    worse = pair.regression_pct or 0.0
    size = (
        f"{abs(worse):.2f}% {'worse' if worse > 0 else 'better'} than the baseline" if worse else "no change"
    )
    context = {
        Status.FAILURE: f"above the {pair.fail_pct:g}% fail threshold",
        Status.WARNING: f"above the {pair.warn_pct:g}% warn threshold",
        Status.IMPROVED: f"beyond the {pair.warn_pct:g}% threshold",
        Status.PASS: f"within ±{pair.warn_pct:g}%",
    }[status]
    reason = f"{size} ({context})"
    return f"{fallback}: {reason}" if fallback else reason


def _statistical(
    pair: Pair, estimate: stats.RatioEstimate, p_adjusted: float | None, alpha: float
) -> tuple[Verdict, Status, str, int | None]:
    """Regressed, improved, unchanged or inconclusive, from the Holm-adjusted p and the ratio's interval."""
    low, high = _regression_interval(estimate, pair.after.direction)
    adjusted = p_adjusted if p_adjusted is not None else 1.0
    significant = adjusted <= alpha and (low > 0 or high < 0)
    worse, warn, fail = pair.regression_pct or 0.0, pair.warn_pct, pair.fail_pct
    evidence = (
        f"{CONFIDENCE:.0%} CI {low:+.2f}% to {high:+.2f}%, "
        f"p = {pair.p_value:.2g}, Holm-adjusted {p_adjusted:.2g}"
    )
    if significant and worse > warn:
        status = Status.FAILURE if worse > fail else Status.WARNING
        limit = fail if status == Status.FAILURE else warn
        reason = f"regressed: {worse:.2f}% worse, above the {limit:g}% threshold ({evidence})"
        return Verdict.REGRESSED, status, reason, pair.samples_needed
    if significant and worse < -warn:
        reason = f"improved: {-worse:.2f}% better, beyond the {warn:g}% threshold ({evidence})"
        return Verdict.IMPROVED, Status.IMPROVED, reason, pair.samples_needed
    if -warn <= low and high <= warn:
        reason = f"unchanged: the change is within ±{warn:g}% ({evidence})"
        return Verdict.UNCHANGED, Status.PASS, reason, pair.samples_needed
    needed = _samples_needed(pair, estimate, p_adjusted, alpha)
    advice = (
        f"; about {needed} samples per side would settle it"
        if needed
        else "; the estimate sits on the threshold"
    )
    return Verdict.INCONCLUSIVE, Status.PASS, f"inconclusive: {worse:+.2f}% ({evidence}){advice}", needed


def _regression_interval(estimate: stats.RatioEstimate, direction: str) -> tuple[float, float]:
    """The ratio's interval as direction-aware percentages (positive is worse)."""
    if direction == "lower":
        return (estimate.lower - 1) * 100, (estimate.upper - 1) * 100
    return (1 - estimate.upper) * 100, (1 - estimate.lower) * 100


def _samples_needed(
    pair: Pair, estimate: stats.RatioEstimate, p_adjusted: float | None, alpha: float
) -> int | None:
    """Samples per side that would rule out a change beyond the threshold, or confirm one.

    Interval widths shrink, and z-scores grow, with the square root of the sample count.
    """
    warn_pct = pair.warn_pct
    centre = math.log(estimate.ratio)
    upper, lower = math.log1p(warn_pct / 100), math.log1p(-min(warn_pct, 99.0) / 100)
    samples = min(len(pair.before_samples), len(pair.after_samples))
    half_width = (math.log(estimate.upper) - math.log(estimate.lower)) / 2
    if lower <= centre <= upper:
        needed = stats.samples_needed(samples, half_width, min(upper - centre, centre - lower))
    else:
        needed = stats.samples_needed(samples, half_width, abs(centre))
        p_value, adjusted = pair.p_value or 1.0, p_adjusted or 1.0
        if needed is not None and adjusted > alpha:
            # Holm asks this metric for p <= alpha * p / adjusted; z must grow from z_now to z_needed.
            z_now = _NORMAL.inv_cdf(1 - p_value / 2) if p_value < 1 else 0.0
            z_needed = _NORMAL.inv_cdf(1 - alpha * p_value / adjusted / 2)
            by_p_value = stats.samples_needed(samples, z_needed, z_now)
            needed = max(needed, by_p_value) if by_p_value is not None else None
    return needed if needed is not None and needed <= MAX_SAMPLES_NEEDED else None
