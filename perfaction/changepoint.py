"""Change points: where a metric's recorded series steps to a new level, with the size of the step.

Binary segmentation on ranks. A segment's values are ranked; P_t, the sum of the first t centred
ranks (Pettitt's U_t / 2), drifts away from 0 wherever the level changes. How far it strays (its
range, Kuiper's statistic, scaled as in Pettitt's test) gives a p-value for "no change", and so
does Mann-Whitney's test at the candidate split, corrected for the splits looked at (far more
powerful when few runs follow a step); the smaller of the two, doubled, decides. The split is where
P_t is most extreme, moved to the nearby split that best separates the values by their
medians. A significant split whose step (ratio of the two sides' medians) is at least
`min_change_pct` is a change point; both sides are then searched the same way, and finally each
change point is re-judged between its neighbours (Mann-Whitney's p at that split, and its size).

Ranks make it distribution-free and robust: one wild run moves a rank by at most n, not the mean by
anything, and benchmark noise (skewed, heavy-tailed, quantised) needs no model. Each test costs a
sort, so a 1,000-run series takes milliseconds in pure Python. Every side of a split keeps at least
`min_segment` runs, so a step is reported only once enough runs after it confirm it.
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, compress, islice, repeat
from operator import add, eq, neg, sub, truediv
from typing import TYPE_CHECKING

from perfaction import stats
from perfaction.records import datarecord

if TYPE_CHECKING:
    from perfaction.baseline.runs import RecordedRun, RunHistory, RunSeries

CONFIDENCE = 0.95


@datarecord(frozen=True)
class Settings:
    """How sure and how large a step must be to be reported."""

    alpha: float = 0.001  # per test; see docs/history.md for the false-alert rate this gives
    min_segment: int = 5  # runs on each side of a change before it is reported
    min_change_pct: float = 2.0  # smaller steps are not reported, however significant


@datarecord(frozen=True)
class ChangePoint:
    """A step in a series: `index` is the first value after it; sizes compare the two sides' medians."""

    index: int
    before: float
    after: float
    change_pct: float  # (after / before - 1) x 100
    lower_pct: float | None  # the change's 95 % interval, when both sides are positive
    upper_pct: float | None
    p_value: float


def detect(values: Sequence[float], settings: Settings | None = None) -> list[ChangePoint]:
    """The change points of a series, in order; sizes are measured between neighbouring change points."""
    settings = settings or Settings()
    splits = _pruned(values, sorted(_split(values, 0, len(values), settings)), settings)
    bounds = [0, *(index for index, _ in splits), len(values)]
    found = []
    for position, (index, p_value) in enumerate(splits):
        before = list(values[bounds[position] : index])
        after = list(values[index : bounds[position + 2]])
        found.append(_measured(index, before, after, p_value))
    return found


def _pruned(
    values: Sequence[float], splits: list[tuple[int, float]], settings: Settings
) -> list[tuple[int, float]]:
    """Re-judge each change point between its final neighbours; drop the weakest failing one, repeat.

    A split accepted while a larger step was still on one side of it can turn out small once that
    step has its own change point. Between fixed neighbours, Mann-Whitney's test at the split judges it.
    """
    while splits:
        bounds = [0, *(index for index, _ in splits), len(values)]
        failing = []
        for position, (index, _) in enumerate(splits):
            segment = values[bounds[position] : bounds[position + 2]]
            split = index - bounds[position]
            step = abs(_step_pct(segment[:split], segment[split:]))
            p_value = stats.mann_whitney_p(segment[:split], segment[split:])
            splits[position] = (index, p_value)
            if p_value > settings.alpha or step < settings.min_change_pct:
                failing.append((step, position))
        if not failing:
            break
        del splits[min(failing)[1]]
    return splits


def _split(values: Sequence[float], start: int, end: int, settings: Settings) -> list[tuple[int, float]]:
    """Binary segmentation: the best split of values[start:end], if significant, then each side."""
    candidate = _best_split(values[start:end], settings.min_segment)
    if candidate is None:
        return []
    offset, p_value = candidate
    if p_value > settings.alpha:
        return []
    # Sizes are judged once every split is known (see _pruned): measured here, a step that is later
    # undone would look small against everything after it.
    index = start + offset
    return [*_split(values, start, index, settings), (index, p_value), *_split(values, index, end, settings)]


def _refined(segment: Sequence[float], index: int, min_segment: int) -> int:
    """The split near `index` that best separates the runs around it by their medians (least L1 cost).

    Ranks find that a step happened; near a large step they can be off by several runs, because they
    forget how far apart the two levels are. The values close by place it exactly. Both sides are
    kept sorted as the split moves, one value crossing over at a time.
    """
    radius = 4 * min_segment
    low, high = max(0, index - radius - 2 * min_segment), min(len(segment), index + radius + 2 * min_segment)
    splits = range(max(low + min_segment, index - radius), min(high - min_segment, index + radius) + 1)
    left, right = sorted(segment[low : splits.start]), sorted(segment[splits.start : high])
    best, chosen = (math.inf, 0), splits.start
    for split in splits:
        if split > splits.start:
            crossing = segment[split - 1]
            insort(left, crossing)
            del right[bisect_left(right, crossing)]
        cost = (_l1(left) + _l1(right), abs(split - index))
        if cost < best:
            best, chosen = cost, split
    return chosen


def _l1(ordered: list[float]) -> float:
    """The sum of sorted values' absolute deviations from their median: the upper half's sum less the
    lower half's (the median cancels out), summed exactly in C."""
    half = len(ordered) // 2
    return math.fsum([*ordered[len(ordered) - half :], *map(neg, ordered[:half])])


def _best_split(segment: Sequence[float], min_segment: int) -> tuple[int, float] | None:
    """The most likely split of a segment and how surprising the segment's ranks are without a change.

    P_t, the running sum of centred ranks, drifts away from 0 where the level changes. Its range over
    the allowed splits (with P_0 = P_n = 0 included), scaled like Pettitt's statistic, is Kuiper's: it
    sees a single step (P peaks at it) and a step that is later undone (P falls, then rises) alike,
    where Pettitt's max |P_t| can miss the latter. The split is the extreme of P farther from 0, or
    Mann-Whitney's best split when that test is the more certain; either is refined by the values nearby.
    """
    n = len(segment)
    if n < 2 * min_segment:
        return None
    ordered, ranks = _ranks(segment)
    prefix = list(accumulate(map(sub, ranks, repeat((n + 1) / 2)), initial=0.0))
    allowed = range(min_segment, n - min_segment + 1)
    highest = max(allowed, key=prefix.__getitem__)
    lowest = min(allowed, key=prefix.__getitem__)
    spread = max(prefix[highest], 0.0) - min(prefix[lowest], 0.0)
    kuiper = _kuiper_p(spread / math.sqrt((n**3 + n**2) / 12))
    # Near either end P barely moves, however clear the step; Mann-Whitney's z at each split (P_t over
    # its standard deviation) finds it there, and its p at that split (exact for a small side),
    # Bonferroni-corrected for the splits looked at, needs only a handful of runs after the step.
    scores = list(map(truediv, map(abs, prefix[allowed.start : allowed.stop]), _split_scales(n, min_segment)))
    steepest = allowed.start + scores.index(max(scores))
    split = _refined(segment, steepest, min_segment)
    u_left = prefix[split] + split * (n - split) / 2  # pairs where a left value ranks above a right one
    ties = stats.tie_term(ordered) if any(map(eq, ordered, islice(ordered, 1, None))) else 0
    tested = stats.mann_whitney_p_of_u(u_left, split, n - split, ties) * len(allowed)
    if kuiper < tested:
        split = _refined(segment, highest if prefix[highest] >= -prefix[lowest] else lowest, min_segment)
    return split, min(1.0, 2 * min(kuiper, tested))


def _ranks(segment: Sequence[float]) -> tuple[list[float], list[int | float]]:
    """The values sorted, and each value's rank (1 to n) with ties sharing their mean rank.

    Two sorts of positions do it in C: where each value goes, and where each position went. Only
    groups of equal values (rare for measured times) take a Python loop.
    """
    n = len(segment)
    order = sorted(range(n), key=segment.__getitem__)
    ordered = list(map(segment.__getitem__, order))
    ranks: list[int | float] = list(map(add, sorted(range(n), key=order.__getitem__), repeat(1)))
    tied = list(compress(range(n - 1), map(eq, ordered, islice(ordered, 1, None))))
    for first, last in _tie_groups(tied):
        shared = (first + last + 2) / 2  # the mean of the places first + 1 to last + 1
        for place in range(first, last + 1):
            ranks[order[place]] = shared
    return ordered, ranks


def _tie_groups(tied: list[int]) -> list[tuple[int, int]]:
    """Runs of sorted places holding one value, from `tied`: the places equal to the next one."""
    groups: list[tuple[int, int]] = []
    for place in tied:
        if groups and groups[-1][1] == place:
            groups[-1] = (groups[-1][0], place + 1)
        else:
            groups.append((place, place + 1))
    return groups


@lru_cache(maxsize=256)
def _split_scales(n: int, min_segment: int) -> tuple[float, ...]:
    """sqrt(t (n - t)) per allowed split t: P_t over it is Mann-Whitney's z at t, up to a constant."""
    return tuple(math.sqrt(t * (n - t)) for t in range(min_segment, n - min_segment + 1))


def _kuiper_p(scaled: float) -> float:
    """P(V > scaled) for the range V of a Brownian bridge (Kuiper's distribution)."""
    if scaled < 0.4:
        return 1.0
    total = math.fsum(
        (4 * k * k * scaled * scaled - 1) * math.exp(-2 * k * k * scaled * scaled) for k in range(1, 101)
    )
    return max(0.0, min(1.0, 2 * total))


def _step_pct(before: Sequence[float], after: Sequence[float]) -> float:
    centre = stats.median(before)
    return (stats.median(after) / centre - 1) * 100 if centre > 0 else math.inf


def _measured(index: int, before: list[float], after: list[float], p_value: float) -> ChangePoint:
    estimate = stats.median_ratio(before, after, CONFIDENCE)  # None unless every value is positive
    return ChangePoint(
        index=index,
        before=stats.median(before),
        after=stats.median(after),
        change_pct=_step_pct(before, after),
        lower_pct=(estimate.lower - 1) * 100 if estimate else None,
        upper_pct=(estimate.upper - 1) * 100 if estimate else None,
        p_value=p_value,
    )


# --- on a recorded history ----------------------------------------------------------------------


@datarecord(frozen=True)
class DetectedChange:
    """A change point of one metric of a suite, between two recorded runs."""

    benchmark: str
    metric: str
    unit: str
    direction: str
    point: ChangePoint
    last_before: RecordedRun
    first_after: RecordedRun

    @property
    def regression(self) -> bool:
        """Worse in the metric's direction: slower times, lower throughputs."""
        return self.point.change_pct > 0 if self.direction == "lower" else self.point.change_pct < 0

    @property
    def commit_range(self) -> tuple[str | None, str | None]:
        """The last commit measured before the step and the first after: the step is in between."""
        return self.last_before.commit, self.first_after.commit


def series_changes(
    history: RunHistory, series: RunSeries, settings: Settings | None = None
) -> list[DetectedChange]:
    """The change points of one recorded series, placed between the runs they fall between."""
    runs = history.runs
    return [
        DetectedChange(
            series.benchmark,
            series.metric,
            series.unit,
            series.direction,
            point,
            runs[series.positions[point.index - 1]],
            runs[series.positions[point.index]],
        )
        for point in detect(series.values, settings)
    ]


def history_changes(history: RunHistory, settings: Settings | None = None) -> list[DetectedChange]:
    """Every metric's change points, metric by metric in the history's order."""
    return [change for series in history.all_series() for change in series_changes(history, series, settings)]


def changes_introduced_by(
    history: RunHistory, seq: int, settings: Settings | None = None
) -> list[DetectedChange]:
    """The change points that the run recorded as `seq` brings to light: found with it, not without it.

    What a record reports, so each step is reported once: when the run that confirms it arrives.
    """
    position = next((i for i, run in enumerate(history.runs) if run.seq == seq), None)
    if position is None:
        return []
    found = []
    for series in history.all_series():
        if position not in series.positions:
            continue
        changes = series_changes(history, series, settings)
        if not changes:
            continue  # most series: nothing to tell apart, so one detection is enough
        cut = series.positions.index(position)
        without = [*series.values[:cut], *series.values[cut + 1 :]]
        kept = [p for p in series.positions if p != position]
        known = {kept[point.index] for point in detect(without, settings)}
        found += [change for change in changes if series.positions[change.point.index] not in known]
    return found
