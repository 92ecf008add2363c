"""One metric's chart as inline SVG, drawn by our own code: no script, no style attribute, no library.

The x axis is the suite's recorded runs, so every chart of a suite lines up run for run. The series
is one polyline whose points are whole tenths of a pixel, scaled down by the browser: integers
format several times faster than decimals, and a suite's x coordinates are formatted once. The
noise band is a rectangle per stretch between change points (its median, plus and minus `noise_k`
times its robust spread); change points and promotions are vertical lines, each with an SVG
<title> (a native tooltip).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise, repeat
from operator import add, mul, sub

from perfaction import stats
from perfaction.dashboard.text import attribute, number, text
from perfaction.records import datarecord

WIDTH, HEIGHT = 640, 180
LEFT, RIGHT, TOP, BOTTOM = 56, 8, 8, 20
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


@datarecord(frozen=True)
class Mark:
    """A vertical line on the chart before run `position` (a change point) or at it (a promotion)."""

    position: float
    kind: str  # "change", "regression", "improvement" or "promotion"
    title: str


@datarecord(frozen=True)
class Band:
    """The noise band of the runs from `start` to `end` (positions, inclusive)."""

    start: int
    end: int
    low: float
    high: float


def bands(
    positions: Sequence[int], values: Sequence[float], cuts: Sequence[int], noise_k: float
) -> list[Band]:
    """A band per stretch between change points (`cuts` index into values)."""
    found = []
    bounds = [0, *cuts, len(values)]
    for start, end in pairwise(bounds):
        stretch = values[start:end]
        if not stretch:
            continue
        centre = stats.median(stretch)
        spread = 1.4826 * stats.median(list(map(abs, map(sub, stretch, repeat(centre))))) * noise_k
        found.append(Band(positions[start], positions[end - 1], centre - spread, centre + spread))
    return found


def svg(
    runs: int,
    positions: Sequence[int],
    values: Sequence[float],
    *,
    band_list: Sequence[Band],
    marks: Sequence[Mark],
    label: str,
) -> str:
    """The chart; `runs` is how many recorded runs the x axis spans."""
    low = min([*values, *(band.low for band in band_list)])
    high = max([*values, *(band.high for band in band_list)])
    if high <= low:
        low, high = low - abs(low) * 0.05 - 1e-9, high + abs(high) * 0.05 + 1e-9
    x_scale = PLOT_WIDTH / max(runs - 1, 1)
    y_scale = PLOT_HEIGHT / (high - low)

    def x(position: float) -> float:
        return LEFT + position * x_scale

    def y(value: float) -> float:
        return TOP + (high - value) * y_scale

    parts = [
        f'<svg class="plot" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{attribute(label)}">',
        f'<rect class="frame" x="{LEFT}" y="{TOP}" width="{PLOT_WIDTH}" height="{PLOT_HEIGHT}"/>',
    ]
    for band in band_list:
        top, bottom = y(min(band.high, high)), y(max(band.low, low))
        left, right = x(band.start), x(band.end)
        parts.append(
            f'<rect class="band" x="{left:.1f}" y="{top:.1f}" width="{max(right - left, 1):.1f}" '
            f'height="{max(bottom - top, 0.5):.1f}"/>'
        )
    for mark in marks:
        at = x(mark.position)
        parts.append(
            f'<line class="{mark.kind}" x1="{at:.1f}" x2="{at:.1f}" y1="{TOP}" y2="{TOP + PLOT_HEIGHT}">'
            f"<title>{text(mark.title)}</title></line>"
        )
    parts.append(
        f'<polyline class="series" points="{_points(runs, positions, values, high, y_scale)}" {TENTHS}/>'
    )
    parts += [
        f'<text class="tick" x="{LEFT - 4}" y="{TOP + 9}">{number(high)}</text>',
        f'<text class="tick" x="{LEFT - 4}" y="{TOP + PLOT_HEIGHT}">{number(low)}</text>',
        f'<text class="axis" x="{LEFT}" y="{HEIGHT - 4}">run 1</text>',
        f'<text class="axis end" x="{WIDTH - RIGHT}" y="{HEIGHT - 4}">run {runs}</text>',
        "</svg>",
    ]
    return "".join(parts)


TENTHS = 'transform="scale(0.1)"'  # the polyline's coordinates are in tenths of a pixel


def _points(runs: int, positions: Sequence[int], values: Sequence[float], high: float, y_scale: float) -> str:
    """The polyline's "x,y" pairs in tenths of a pixel, rounded; y computed and formatted in C."""
    ys = map(
        int, map(add, map(mul, map(sub, repeat(high), values), repeat(y_scale * 10)), repeat(TOP * 10 + 0.5))
    )
    return " ".join(map(add, map(_x_tenths(runs).__getitem__, positions), map(str, ys)))


@lru_cache(maxsize=8)
def _x_tenths(runs: int) -> list[str]:
    """Every run's "x," on an axis of `runs` runs: shared by all the charts of a suite."""
    x_scale = PLOT_WIDTH / max(runs - 1, 1)
    return [f"{round((LEFT + position * x_scale) * 10)}," for position in range(runs)]
