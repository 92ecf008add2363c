"""The decision as rows: each metric's judgement (from `verdict.judge`) told as the summary's row."""

from __future__ import annotations

import math

from perfaction import verdict
from perfaction.compare.prepare import Pair, percent, sample_counts
from perfaction.config import Acknowledgement, CompareConfig
from perfaction.records import datarecord
from perfaction.summary import MetricRow, NoiseParts, RatioInterval
from perfaction.verdicts import Status, Verdict

_THRESHOLD_ONLY = "the threshold rule alone: no samples, history or suite to measure noise with"
_REGRESSED = (Status.FAILURE, Status.WARNING)
_CHANGED = (Status.FAILURE, Status.WARNING, Status.IMPROVED)
_STATUS = {
    verdict.Verdict.IMPROVED: Status.IMPROVED,
    verdict.Verdict.UNCHANGED: Status.PASS,
    verdict.Verdict.INCONCLUSIVE: Status.PASS,
}


@datarecord(frozen=True)
class Suite:
    """What the decision needs to know about the whole comparison."""

    config: CompareConfig
    blocked: bool  # environments differ and the config does not declare them comparable
    differing: list[str]
    confidence: float = verdict.CONFIDENCE


def status_of(judgement: verdict.Judgement) -> Status:
    if judgement.verdict is verdict.Verdict.REGRESSED:
        return Status.FAILURE if judgement.tier is verdict.Tier.FAILURE else Status.WARNING
    return _STATUS[judgement.verdict]


def decided_row(pair: Pair, judgement: verdict.Judgement, suite: Suite) -> MetricRow:
    """The summary's row of a judged metric: what was measured, the verdict, and why."""
    status, verdict_word = status_of(judgement), Verdict(judgement.verdict.value)
    reason = _reason(pair, judgement, suite.confidence)
    if suite.blocked and status in _CHANGED:
        keys = ", ".join(suite.differing)
        reason = (
            f"inconclusive: environments differ ({keys}), so this change cannot be attributed to the code"
        )
        status, verdict_word = Status.PASS, Verdict.INCONCLUSIVE
    if status in _REGRESSED and not judgement.gating:
        reason += "; one benchmark, one regression: this metric does not gate on its own"
    acknowledgement = suite.config.acknowledgement(*pair.key)
    if acknowledgement is not None:
        reason += f"; acknowledged: {acknowledgement.reason}"
    elif status in _REGRESSED and (lapsed := suite.config.lapsed_acknowledgement(*pair.key)):
        reason += f"; {lapsed.describe()}, so it counts again"
    return _row(
        pair,
        judgement,
        status=status,
        verdict_word=verdict_word,
        reason=reason,
        acknowledgement=acknowledgement,
    )


def _row(
    pair: Pair,
    judgement: verdict.Judgement,
    *,
    status: Status,
    verdict_word: Verdict,
    reason: str,
    acknowledgement: Acknowledgement | None,
) -> MetricRow:
    before, after = sample_counts(pair)
    evidence = pair.evidence
    ratio = judgement.ratio
    return MetricRow(
        benchmark=pair.key[0],
        metric=pair.key[1],
        unit=pair.after.unit,
        direction=pair.after.direction,
        status=status,
        reason=reason,
        gating=status in _REGRESSED and judgement.gating and acknowledgement is None,
        basis=judgement.basis.value,
        tier=judgement.tier.value if judgement.tier is not None and status in _REGRESSED else None,
        baseline=_shown(judgement.reference),
        current=_shown(judgement.current),
        change_pct=percent(ratio - 1) if ratio is not None else None,
        regression_pct=_direction_aware(ratio, pair.after.direction),
        worse_pct=percent(judgement.worse) if judgement.worse is not None else None,
        ratio=ratio,
        ratio_interval=RatioInterval(*judgement.interval, verdict.CONFIDENCE) if judgement.interval else None,
        verdict=verdict_word,
        p_value=judgement.p_value,
        p_adjusted=judgement.p_adjusted,
        baseline_samples=before,
        current_samples=after,
        few_samples=judgement.basis is verdict.Basis.THRESHOLD and (before > 0 or after > 0),
        samples_needed=judgement.samples_needed,
        noise_pct=_noise_pct(judgement.noise),
        noise=_noise_parts(judgement.noise),
        family=evidence.family.partition("\0")[2] if evidence and evidence.family else None,
        derived=bool(evidence and evidence.derived),
        acknowledged=acknowledgement is not None,
        acknowledged_reason=acknowledgement.reason if acknowledgement is not None else None,
        warn_pct=pair.warn_pct,
        fail_pct=pair.fail_pct,
        history=pair.history,
    )


def _shown(value: float | None) -> float | None:
    """A location back from the log scale, without the last bits exp(log(x)) adds: 1843.2, not 1843.1999…."""
    return float(f"{value:.12g}") if value is not None else None


def _direction_aware(ratio: float | None, direction: str) -> float | None:
    """The change as a percentage where positive is worse, however the metric is read."""
    if ratio is None:
        return None
    change = percent(ratio - 1)
    return change if direction == "lower" else -change + 0.0


def _noise_pct(noise: verdict.Noise | None) -> float | None:
    if noise is None:
        return None
    return round(math.expm1(math.sqrt(noise.sampling**2 + noise.run_to_run**2 + noise.suite**2)) * 100, 2)


def _noise_parts(noise: verdict.Noise | None) -> NoiseParts | None:
    if noise is None:
        return None
    return NoiseParts(
        sampling_pct=round(math.expm1(noise.sampling) * 100, 2),
        run_to_run_pct=round(math.expm1(noise.run_to_run) * 100, 2),
        suite_pct=round(math.expm1(noise.suite) * 100, 2),
    )


def _reason(pair: Pair, judgement: verdict.Judgement, confidence: float) -> str:
    """One sentence a reader can check: the verdict, the size of the change, and its evidence."""
    word = judgement.verdict.value
    if judgement.basis is verdict.Basis.ZERO:
        return (
            f"{word}: {_fmt(judgement.reference)} -> {_fmt(judgement.current)} {pair.after.unit}, from zero"
        )
    worse = (judgement.worse or 0.0) * 100
    size = f"{abs(worse):.2f}% {'worse' if worse > 0 else 'better'}" if worse else "no change"
    if judgement.basis is verdict.Basis.THRESHOLD:
        return f"{size} than the baseline, {_against_threshold(pair, judgement)} ({_THRESHOLD_ONLY})"
    evidence = ""
    if judgement.interval is not None and judgement.p_value is not None:
        low, high = judgement.interval
        evidence = (
            f" ({confidence:.0%} CI of the ratio {low:.3f} to {high:.3f}, p = {judgement.p_value:.2g}, "
            f"adjusted {judgement.p_adjusted:.2g}, against the noise of {judgement.basis.value})"
        )
    return f"{word}: {size}{evidence}"


def _against_threshold(pair: Pair, judgement: verdict.Judgement) -> str:
    if judgement.tier is verdict.Tier.FAILURE:
        return f"above the {pair.fail_pct:g}% fail threshold"
    if judgement.tier is verdict.Tier.WARNING:
        return f"above the {pair.warn_pct:g}% warn threshold"
    if judgement.verdict is verdict.Verdict.IMPROVED:
        return f"beyond the {pair.warn_pct:g}% threshold"
    return f"within ±{pair.warn_pct:g}%"


def _fmt(value: float | None) -> str:
    return f"{value:g}" if value is not None else "?"
