"""Draw docs/verdict-noise-band.svg: one simulated PR's per-benchmark changes against the suite's noise band.

A seeded suite of 60 benchmarks (10 samples a side, CV 5 %) whose whole head run is 3 % slower (another
runner), with one benchmark 15 % slower and one 15 % faster, judged by `perfaction.compare`. Each
benchmark is a dot with its 95 % interval; the band is the suite shift and the warn threshold beyond it.

    python benchmarks/verdict_picture.py [--out docs/verdict-noise-band.svg]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from perfaction.compare import compare
from perfaction.model import Benchmark, Metric, Report
from perfaction.summary import MetricRow, RegressionSummary

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 760, 360, 60, 20, 40, 50
LOW, HIGH = -15.0, 25.0  # the y axis, in percent
COLOURS = {"regressed": "#cf222e", "improved": "#1a7f37", "unchanged": "#8c959f", "inconclusive": "#bf8700"}


def suite(rng: random.Random, slower: float, changed: dict[int, float]) -> Report:
    benchmarks = []
    for index in range(60):
        centre = 1000.0 * (1 + index % 7) * slower * changed.get(index, 1.0)
        samples = [centre * rng.lognormvariate(0, 0.05) for _ in range(10)]
        metric = Metric("time", sum(samples) / 10, "ns", "lower", samples=samples)
        benchmarks.append(Benchmark(f"bench_{index:02d}", [metric]))
    return Report(suite="picture", benchmarks=benchmarks)


def y(percent: float) -> float:
    clipped = min(max(percent, LOW), HIGH)
    return TOP + (HIGH - clipped) / (HIGH - LOW) * (HEIGHT - TOP - BOTTOM)


def svg(summary: RegressionSummary) -> str:
    rows = sorted(summary.rows, key=lambda row: row.change_pct or 0.0)
    shift = (summary.shifts[0].ratio - 1) * 100
    warn = summary.thresholds.warn_pct
    step = (WIDTH - LEFT - RIGHT) / len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">Each benchmark\'s change, against '
        "the suite's noise band</text>",
        _band(shift, shift + warn, "#fff1e5", "beyond the suite shift, within the warn threshold"),
        _line(shift, "#bf8700", f"suite shift {shift:+.1f} %"),
        _line(0.0, "#57606a", "no change"),
    ]
    parts += _axis()
    for index, row in enumerate(rows):
        parts.append(_dot(row, LEFT + step * (index + 0.5)))
    parts += _legend()
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _band(low: float, high: float, colour: str, label: str) -> str:
    top, bottom = y(high), y(low)
    return (
        f'<rect x="{LEFT}" y="{top:.1f}" width="{WIDTH - LEFT - RIGHT}" height="{bottom - top:.1f}" '
        f'fill="{colour}"/><text x="{LEFT + 4}" y="{top - 4:.1f}" '
        f'fill="#6e4b00">{label}</text>'
    )


def _line(percent: float, colour: str, label: str) -> str:
    at = y(percent)
    return (
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{at:.1f}" y2="{at:.1f}" stroke="{colour}" '
        f'stroke-dasharray="4 3"/><text x="{LEFT + 4}" y="{at - 4:.1f}" fill="{colour}">{label}</text>'
    )


def _axis() -> list[str]:
    ticks = []
    for percent in range(int(LOW), int(HIGH) + 1, 5):
        at = y(percent)
        ticks.append(
            f'<text x="{LEFT - 6}" y="{at + 4:.1f}" text-anchor="end" fill="#57606a">{percent:+d} %</text>'
        )
    ticks.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 28}" text-anchor="middle" fill="#57606a">'
        "60 benchmarks, sorted by change (dot: estimate; bar: 95 % interval with every noise source)</text>"
    )
    return ticks


def _dot(row: MetricRow, x: float) -> str:
    colour = COLOURS[row.verdict or "unchanged"]
    change = row.change_pct or 0.0
    bar = ""
    if row.ratio_interval is not None:
        low, high = ((bound - 1) * 100 for bound in (row.ratio_interval.lower, row.ratio_interval.upper))
        bar = f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y(high):.1f}" y2="{y(low):.1f}" stroke="{colour}"/>'
    return f'{bar}<circle cx="{x:.1f}" cy="{y(change):.1f}" r="3.5" fill="{colour}"/>'


def _legend() -> list[str]:
    items = []
    for index, (word, colour) in enumerate(COLOURS.items()):
        x = LEFT + index * 150
        items.append(
            f'<circle cx="{x + 6}" cy="{HEIGHT - 10}" r="4" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{HEIGHT - 6}">{word}</text>'
        )
    return items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/verdict-noise-band.svg"))
    args = parser.parse_args()
    rng = random.Random(2026)
    baseline = suite(rng, 1.0, {})
    current = suite(rng, 1.03, {7: 1.15, 41: 0.85})
    summary = compare(current, baseline)
    args.out.write_text(svg(summary))
    verdicts = summary.verdicts()
    print(f"wrote {args.out}: {verdicts}, suite shift {(summary.shifts[0].ratio - 1) * 100:+.2f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
