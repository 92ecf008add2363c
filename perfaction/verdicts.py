"""The words results are told in (statuses, verdicts, selections, gates) and the default thresholds.

Kept apart from the summary's dataclasses, and small: `perfaction validate` imports it.
"""

from __future__ import annotations

from enum import StrEnum

# The default thresholds, in percent: the config, the summary and its rows all start from these.
WARN_PCT = 5.0
FAIL_PCT = 10.0
ALPHA = 0.01  # the share of PRs without a real change that may raise a false alarm


MAX_THRESHOLD_PCT = 1000.0


def parse_percentage(text: str) -> float:
    """A threshold as users write it on the command line and in `with:`: `5%`, `5 %` or `5`.

    ValueError, saying what is expected, for anything else: the command line and the action refuse
    the same values.
    """
    try:
        number = float(text.strip().removesuffix("%").strip())
    except ValueError:
        number = float("nan")
    if not 0 < number <= MAX_THRESHOLD_PCT:
        raise ValueError(f"expected a percentage above 0 and at most 1000, such as 5%, got {text!r}")
    return number


class Status(StrEnum):
    """A metric's status, worst first: renderers list rows in this order."""

    FAILURE = "failure"
    WARNING = "warning"
    PASS = "pass"  # noqa: S105 - a status, not a password
    IMPROVED = "improved"
    NEW = "new"
    MISSING = "missing"
    NEUTRAL = "neutral"


class Overall(StrEnum):
    """A suite's status, worst first."""

    FAILURE = "FAILURE"
    WARNING = "WARNING"
    PASS = "PASS"  # noqa: S105 - a status, not a password
    NEUTRAL = "NEUTRAL"


class Verdict(StrEnum):
    """What the statistics say; "improved" mirrors "regressed" so the verdict is symmetric."""

    REGRESSED = "regressed"
    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    INCONCLUSIVE = "inconclusive"


class ShiftGate(StrEnum):
    """What a regressed suite-wide shift does to the suite's status."""

    FAILURE = "failure"
    WARNING = "warning"
    NEVER = "never"


class Selection(StrEnum):
    """Which baseline a comparison used: the one at the merge-base, the latest, or a file."""

    MERGE_BASE = "merge-base"
    LATEST = "latest"
    FILE = "file"
    RECORDED_RUN = "recorded-run"  # the recorded run of main at the merge-base


class HistorySource(StrEnum):
    """Where a comparison's earlier values (noise model, trend) came from."""

    RECORDED_RUNS = "recorded-runs"
    PROMOTIONS = "promotions"


class FailOn(StrEnum):
    """Which suite statuses fail the run (exit 3)."""

    FAILURE = "failure"
    WARNING = "warning"
    NEVER = "never"

    def gates(self, status: Overall) -> bool:
        return status in _GATING[self]


_GATING = {
    FailOn.FAILURE: (Overall.FAILURE,),
    FailOn.WARNING: (Overall.FAILURE, Overall.WARNING),
    FailOn.NEVER: (),
}
