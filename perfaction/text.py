"""A regression summary as plain text, for CI logs: the regressed benchmark must stand out at a glance."""

from __future__ import annotations

from perfaction.summary import MetricRow, RegressionSummary
from perfaction.verdicts import HistorySource, Status, Verdict

MAX_NAME = 60
_COLUMNS = ("status", "benchmark", "metric", "baseline", "current", "change", "verdict")
# Rows whose reason the log spells out below the table; plain passes need no explanation.
_EXPLAINED = (Status.FAILURE, Status.WARNING, Status.IMPROVED, Status.NEW, Status.MISSING)


def summary_text(summary: RegressionSummary) -> str:
    lines = [_headline(summary)]
    environment = summary.environment
    if environment.differs:
        lines.append(_environment_warning(summary))
    table = [_COLUMNS, *(_cells(row) for row in summary.rows)]
    widths = [max(len(cells[i]) for cells in table) for i in range(len(_COLUMNS))]
    numeric = {3, 4, 5}
    for cells in table:
        padded = [
            cell.rjust(w) if i in numeric else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        lines.append("  ".join(padded).rstrip())
    notes = [row for row in summary.rows if _needs_note(row)]
    if notes:
        lines.append("")
        lines.extend(f"{row.status}: {_short(row.benchmark)} {row.metric}: {row.reason}" for row in notes)
    for slo in summary.slos:
        mode = "enforced" if slo.enforced else "advisory"
        lines.append(
            f"SLO {slo.status} ({mode}): {_short(slo.benchmark)} {slo.metric} "
            f"{_with_unit(slo.value, slo.unit)}, {slo.kind} {_with_unit(slo.limit, slo.unit)}"
        )
    if summary.geomean is not None:
        mean = summary.geomean
        interval = (
            f", {mean.level:.0%} CI {mean.lower:.4f} to {mean.upper:.4f}" if mean.lower and mean.upper else ""
        )
        lines.append(
            f"geometric mean ratio {mean.ratio:.4f} ({mean.change_pct:+.2f}%{interval}) "
            f"over {mean.count} metrics; above 1 is worse"
        )
    return "\n".join(lines) + "\n"


def _headline(summary: RegressionSummary) -> str:
    counts = ", ".join(f"{count} {status}" for status, count in summary.counts().items() if count)
    caveats = ", ".join(
        f"{count} {flag.replace('_', ' ')}" for flag, count in summary.flags().items() if count
    )
    against = ""
    if summary.baseline is not None:
        against = f" against {summary.baseline.selection} baseline"
        if summary.baseline.source_commit:
            against += f" {summary.baseline.source_commit}"
        if summary.baseline.history == HistorySource.RECORDED_RUNS:
            against += " (noise and trend: the recorded runs of main)"
    text = f"perfaction compare: suite {summary.suite}{against}: {summary.status} ({counts or 'no metrics'})"
    return f"{text}; {caveats}" if caveats else text


def _environment_warning(summary: RegressionSummary) -> str:
    environment = summary.environment
    changes = ", ".join(
        f"{key} {getattr(environment.baseline, key)!r} -> {getattr(environment.current, key)!r}"
        for key in environment.differing_keys
    )
    if environment.declared_comparable:
        return f"NOTE: environments differ ({changes}); the config declares them comparable"
    return (
        f"WARNING: environments differ ({changes}); regressions and improvements are reported as "
        "inconclusive. Set compare.environments_comparable in .perfaction.toml if they are comparable."
    )


def _cells(row: MetricRow) -> tuple[str, ...]:
    status = row.status + (" (ack)" if row.acknowledged else "")
    change = f"{row.change_pct:+.2f}%" if row.change_pct is not None else ""
    verdict = f"{row.verdict} (threshold rule)" if row.basis == "threshold" else (row.verdict or "")
    return (
        status,
        _short(row.benchmark),
        row.metric,
        _with_unit(row.baseline, row.unit),
        _with_unit(row.current, row.unit),
        change,
        verdict,
    )


def _needs_note(row: MetricRow) -> bool:
    return (
        row.status in _EXPLAINED or row.verdict == Verdict.INCONCLUSIVE or row.acknowledged or row.few_samples
    )


def _with_unit(value: float | None, unit: str) -> str:
    return "" if value is None else f"{_value(value)} {unit}"


def _value(value: float) -> str:
    """Four significant digits, whole numbers with separators, exponents only at the extremes."""
    if 1e4 <= abs(value) < 1e12:
        return f"{value:,.0f}"
    return f"{value:.4g}" if value == 0 or 1e-3 <= abs(value) < 1e4 else f"{value:.3e}"


def _short(name: str) -> str:
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…"
