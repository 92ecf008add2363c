"""Backtest: replay the comparison over a suite's recorded history, to tune settings before using them.

Each recorded run is judged, as a pull request would be, against the run before it or against the
baseline that was current when it was measured, with the earlier recorded values as the noise
model's history. The recorded runs carry no samples, so the threshold and history rules decide.
The alerts are then set against the change points of the same history: which steps the settings
would have caught, which they would have missed, and which alerts no step explains.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from datetime import datetime

from perfaction.baseline.runs import RecordedRun, RunHistory, noise_history
from perfaction.changepoint import DetectedChange, Settings, series_changes
from perfaction.compare import compare
from perfaction.config import CompareConfig
from perfaction.model import Report
from perfaction.records import datarecord

ALERT_STATUSES = ("failure", "warning")


@datarecord(frozen=True)
class BaselineAt:
    """A promoted baseline and when it was promoted: current for the runs measured after that."""

    promoted_at: str
    report: Report


@datarecord(frozen=True)
class BacktestAlert:
    """A gating row the settings would have raised on a recorded run."""

    run: RecordedRun
    position: int  # in RunHistory.runs
    against: str  # what the run was judged against, e.g. "run 41 (abc1234)" or "baseline from abc1234"
    benchmark: str
    metric: str
    status: str  # "failure" or "warning"
    regression_pct: float | None
    reason: str


@datarecord(frozen=True)
class ChangeOutcome:
    """A detected change point and the first alert on its metric soon after it, if any."""

    change: DetectedChange
    position: int  # of its first run after the step, in RunHistory.runs
    alert: BacktestAlert | None


@datarecord
class BacktestResult:
    """What these settings would have said about every recorded run."""

    suite: str
    mode: str  # "previous" or "baseline"
    window: int  # runs after a step within which an alert counts as catching it
    runs_judged: int = 0
    alerts: list[BacktestAlert] = field(default_factory=list)
    changes: list[ChangeOutcome] = field(default_factory=list)

    @property
    def caught(self) -> list[ChangeOutcome]:
        return [outcome for outcome in self.changes if outcome.alert is not None]

    @property
    def missed(self) -> list[ChangeOutcome]:
        """Regressions among the change points that no alert caught (improvements never alert)."""
        return [o for o in self.changes if o.alert is None and o.change.regression]

    @property
    def unexplained(self) -> list[BacktestAlert]:
        """Alerts no change point accounts for: what these settings would have cried wolf about."""
        return [alert for alert in self.alerts if not any(self._explains(o, alert) for o in self.changes)]

    def _explains(self, outcome: ChangeOutcome, alert: BacktestAlert) -> bool:
        """Against the run before, a step alerts once, right after it; against a baseline, until the next."""
        if (outcome.change.benchmark, outcome.change.metric) != (alert.benchmark, alert.metric):
            return False
        if self.mode == "baseline":
            return outcome.position <= alert.position
        return outcome.position <= alert.position < outcome.position + self.window


def backtest(
    history: RunHistory,
    config: CompareConfig | None = None,
    *,
    baselines: Sequence[BaselineAt] | None = None,
    settings: Settings | None = None,
) -> BacktestResult:
    """Judge each recorded run against the one before it, or with `baselines`, the one then current."""
    config = config or CompareConfig()
    settings = settings or Settings()
    all_series = history.all_series()
    result = BacktestResult(
        history.suite, "previous" if baselines is None else "baseline", settings.min_segment
    )
    for position in range(len(history)):
        against = _against(history, position, baselines)
        if against is None:
            continue
        label, baseline, at = against
        # The noise model's history is the baseline's: the runs recorded before the baseline run.
        noise = noise_history(history, all_series, at) if at is not None else {}
        summary = compare(history.report(position), baseline, config, history=noise)
        result.runs_judged += 1
        run = history.runs[position]
        result.alerts += [
            BacktestAlert(
                run, position, label, row.benchmark, row.metric, row.status, row.regression_pct, row.reason
            )
            for row in summary.rows
            if row.gating and row.status in ALERT_STATUSES
        ]
    for series in all_series:
        for change in series_changes(history, series, settings):
            position = series.positions[change.point.index]
            alert = _first_alert(
                result.alerts, change, series.positions[change.point.index :][: result.window]
            )
            result.changes.append(ChangeOutcome(change, position, alert))
    return result


def _against(
    history: RunHistory, position: int, baselines: Sequence[BaselineAt] | None
) -> tuple[str, Report, int | None] | None:
    """The run before, or the newest baseline promoted no later than the run was measured.

    With the baseline, the position of its run in the history when the history holds it.
    """
    if baselines is None:
        if position == 0:
            return None
        before = history.runs[position - 1]
        label = f"run {before.seq} ({(before.commit or 'no commit')[:12]})"
        return label, history.report(position - 1), position - 1
    measured = _moment(history.runs[position].time)
    current = [b for b in baselines if _moment(b.promoted_at) <= measured]
    if not current:
        return None
    chosen = max(current, key=lambda b: _moment(b.promoted_at))
    commit = chosen.report.commit
    at = next((i for i, run in enumerate(history.runs) if commit and run.commit == commit), None)
    return f"baseline from {(commit or 'no commit')[:12]}", chosen.report, at


def _first_alert(
    alerts: list[BacktestAlert], change: DetectedChange, reach: Sequence[int]
) -> BacktestAlert | None:
    """The first alert on the change's metric at one of the runs in reach (its first runs after the step)."""
    return next(
        (
            alert
            for alert in alerts
            if (alert.benchmark, alert.metric) == (change.benchmark, change.metric)
            and alert.position in reach
        ),
        None,
    )


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
