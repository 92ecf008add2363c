"""Metric by metric, what a promotion changes, as the dry run and the commit message show it."""

from __future__ import annotations

from perfaction import units
from perfaction.model import Metric, Report
from perfaction.records import datarecord


@datarecord
class MetricChange:
    """One metric's baseline value before and after a promotion, in the new report's unit."""

    benchmark: str
    metric: str
    unit: str
    direction: str
    old_value: float | None
    new_value: float | None

    @property
    def change_pct(self) -> float | None:
        """Signed change in %, rounded to the 2 decimals shown, so boundaries behave as displayed."""
        if self.old_value is None or self.new_value is None or self.old_value == 0:
            return None
        return round((self.new_value - self.old_value) / self.old_value * 100, 2)

    def movement(self) -> str:
        """Old -> new in words, e.g. "205 MiB/s -> 190 MiB/s (-7.32%)"."""
        if self.new_value is None:
            return f"removed (was {_amount(self.old_value, self.unit)})"
        if self.old_value is None:
            return f"new, {_amount(self.new_value, self.unit)}"
        change = f"{self.change_pct:+.2f}%" if self.change_pct is not None else "n/a"
        return f"{_amount(self.old_value, self.unit)} -> {_amount(self.new_value, self.unit)} ({change})"


def metric_changes(current: Report | None, report: Report, aliases: dict[str, str]) -> list[MetricChange]:
    """Pair each metric of the report with the current baseline's; aliases map renamed benchmarks."""
    previous: dict[tuple[str, str], Metric] = {}
    if current is not None:
        for benchmark in current.benchmarks:
            for metric in benchmark.metrics:
                previous[(aliases.get(benchmark.name, benchmark.name), metric.name)] = metric
    changes = []
    for benchmark in report.benchmarks:
        for metric in benchmark.metrics:
            changes.append(_paired(benchmark.name, previous.pop((benchmark.name, metric.name), None), metric))
    for (benchmark_name, metric_name), metric in previous.items():
        changes.append(
            MetricChange(benchmark_name, metric_name, metric.unit, metric.direction, metric.value, None)
        )
    return changes


def _paired(benchmark: str, old: Metric | None, new: Metric) -> MetricChange:
    """An old value counts only when it means the same thing: same dimension and direction."""
    old_value = None
    if (
        old is not None
        and old.direction == new.direction
        and units.lookup(old.unit).dimension == units.lookup(new.unit).dimension
    ):
        old_value = units.convert(old.value, old.unit, new.unit)
    return MetricChange(benchmark, new.name, new.unit, new.direction, old_value, new.value)


def _amount(value: float | None, unit: str) -> str:
    return f"{value:.6g} {unit}"
