"""One metric's chart as inline SVG, drawn by our own code: no script, no style attribute, no library.

The x axis is the suite's recorded runs, so every chart of a suite lines up run for run. The series
is one polyline; the noise band is a rectangle per stretch between change points (its median, plus
and minus `noise_k` times its robust spread); change points and promotions are vertical lines, each
with an SVG <title> (a native tooltip).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from perfaction import stats
from perfaction.dashboard.text import attribute, number, text

WIDTH, HEIGHT = 640, 180
LEFT, RIGHT, TOP, BOTTOM = 56, 8, 8, 20
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


@dataclass(frozen=True)
class Mark:
    """A vertical line on the chart before run `position` (a change point) or at it (a promotion)."""

    position: float
    kind: str  # "change", "regression", "improvement" or "promotion"
    title: str


@dataclass(frozen=True)
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
        spread = 1.4826 * stats.median([abs(v - centre) for v in stretch]) * noise_k
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
    xs = [LEFT + p * x_scale for p in positions]
    ys = [TOP + (high - v) * y_scale for v in values]
    points = " ".join(map("{:.1f},{:.1f}".format, xs, ys))
    parts.append(f'<polyline class="series" points="{points}"/>')
    parts += [
        f'<text class="tick" x="{LEFT - 4}" y="{TOP + 9}">{number(high)}</text>',
        f'<text class="tick" x="{LEFT - 4}" y="{TOP + PLOT_HEIGHT}">{number(low)}</text>',
        f'<text class="axis" x="{LEFT}" y="{HEIGHT - 4}">run 1</text>',
        f'<text class="axis end" x="{WIDTH - RIGHT}" y="{HEIGHT - 4}">run {runs}</text>',
        "</svg>",
    ]
    return "".join(parts)
