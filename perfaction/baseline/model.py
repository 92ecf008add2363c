"""What the baseline branch holds per suite: the promoted report with provenance, and a bounded history."""

from __future__ import annotations

from dataclasses import asdict, field
from typing import Any

from perfaction import units
from perfaction.model import Metric, Report
from perfaction.records import datarecord

SCHEMA_VERSION = 1
HISTORY_LIMIT = 30


@datarecord
class Provenance:
    """Who moved the baseline, when, why and from which run: the audit record of a promotion."""

    promoted_by: str
    promoted_at: str
    environment_fingerprint: str
    forced: bool = False
    reason: str | None = None
    source_commit: str | None = None
    source_ref: str | None = None
    run_url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _set_fields(self)


@datarecord
class Baseline:
    """The report a suite's pull requests are judged against."""

    report: Report
    provenance: Provenance

    @property
    def suite(self) -> str:
        return self.report.suite

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "report": self.report.to_dict(),
            "provenance": self.provenance.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Baseline:
        """Build from a document already valid against baseline.schema.json."""
        return cls(Report.from_dict(data["report"]), Provenance(**data["provenance"]))


@datarecord(frozen=True)
class Point:
    """One promotion's value and, for a metric with samples, its run location: the level the verdict uses."""

    promotion: int
    value: float
    location: float | None = None


@datarecord
class Series:
    """One metric's promoted values, all in one unit so they can be compared."""

    unit: str
    direction: str
    points: list[Point]

    def carried_into(self, unit: str, direction: str) -> list[Point]:
        """These points expressed in another unit; none when the meaning changed (dimension or direction)."""
        if direction != self.direction or units.lookup(unit).dimension != units.lookup(self.unit).dimension:
            return []
        return [
            Point(
                p.promotion,
                units.convert(p.value, self.unit, unit),
                None if p.location is None else units.convert(p.location, self.unit, unit),
            )
            for p in self.points
        ]


@datarecord(frozen=True)
class PromotionRecord:
    number: int
    promoted_at: str
    promoted_by: str
    forced: bool = False
    source_commit: str | None = None


@datarecord(frozen=True)
class HistoryPoint:
    """A promoted value with the commit and date it came from, for noise estimates and plots."""

    value: float
    commit: str | None
    promoted_at: str
    location: float | None = None


@datarecord
class History:
    """The values of a suite's last `limit` promotions: bounded however many promotions happen."""

    suite: str
    limit: int = HISTORY_LIMIT
    promotions: list[PromotionRecord] = field(default_factory=list)
    series: dict[str, dict[str, Series]] = field(default_factory=dict)

    def points(self, benchmark: str, metric: str) -> list[HistoryPoint]:
        """Oldest first; empty when the metric has no history."""
        found = self.series.get(benchmark, {}).get(metric)
        if found is None:
            return []
        by_number = {record.number: record for record in self.promotions}
        return [
            HistoryPoint(
                p.value, by_number[p.promotion].source_commit, by_number[p.promotion].promoted_at, p.location
            )
            for p in found.points
        ]

    def values(self, benchmark: str, metric: str) -> list[float]:
        return [point.value for point in self.points(benchmark, metric)]

    def recorded(self, baseline: Baseline, aliases: dict[str, str] | None = None) -> History:
        """This history with one more promotion; renamed benchmarks (old -> new) keep their series."""
        number = self.promotions[-1].number + 1 if self.promotions else 1
        provenance = baseline.provenance
        record = PromotionRecord(
            number,
            provenance.promoted_at,
            provenance.promoted_by,
            provenance.forced,
            provenance.source_commit,
        )
        promotions = [*self.promotions, record][-self.limit :]
        series = _renamed(self.series, aliases or {})
        for benchmark in baseline.report.benchmarks:
            metrics = series.setdefault(benchmark.name, {})
            for metric in benchmark.metrics:
                metrics[metric.name] = _extended(metrics.get(metric.name), metric, number)
        return History(baseline.suite, self.limit, promotions, _within(series, promotions[0].number))

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "suite": self.suite,
            "limit": self.limit,
            "promotions": [_set_fields(record) for record in self.promotions],
            "series": {
                benchmark: {
                    name: {
                        "unit": s.unit,
                        "direction": s.direction,
                        "points": [_set_fields(point) for point in s.points],
                    }
                    for name, s in metrics.items()
                }
                for benchmark, metrics in self.series.items()
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> History:
        """Build from a document already valid against baseline-history.schema.json."""
        return cls(
            suite=data["suite"],
            limit=data["limit"],
            promotions=[PromotionRecord(**record) for record in data["promotions"]],
            series={
                benchmark: {
                    name: Series(s["unit"], s["direction"], [Point(**p) for p in s["points"]])
                    for name, s in metrics.items()
                }
                for benchmark, metrics in data["series"].items()
            },
        )


def _set_fields(record: Any) -> dict[str, Any]:
    """A dataclass as JSON, leaving out optional fields that are unset (the schemas forbid null)."""
    return {key: value for key, value in asdict(record).items() if value is not None}


def _extended(previous: Series | None, metric: Metric, number: int) -> Series:
    carried = previous.carried_into(metric.unit, metric.direction) if previous else []
    point = Point(number, metric.value, _run_location(metric))
    return Series(metric.unit, metric.direction, [*carried, point])


def _run_location(metric: Metric) -> float | None:
    """The level the verdict compares runs by, kept because a mean of samples with outliers is not it."""
    from perfaction import noise  # noqa: PLC0415 - only promotions need the noise model, not start-up

    return noise.run_level(metric.samples, metric.direction == "lower") if metric.samples else None


def _renamed(series: dict[str, dict[str, Series]], aliases: dict[str, str]) -> dict[str, dict[str, Series]]:
    """Move each old name's series under its new name, merging with what the new name already has."""
    result = {benchmark: dict(metrics) for benchmark, metrics in series.items()}
    for old, new in aliases.items():
        if old == new or old not in result:
            continue
        target = result.setdefault(new, {})
        for name, moved in result.pop(old).items():
            kept = target.get(name)
            if kept is None:
                target[name] = moved
                continue
            taken = {p.promotion for p in kept.points}
            extra = [p for p in moved.carried_into(kept.unit, kept.direction) if p.promotion not in taken]
            points = sorted([*kept.points, *extra], key=lambda p: p.promotion)
            target[name] = Series(kept.unit, kept.direction, points)
    return result


def _within(series: dict[str, dict[str, Series]], oldest: int) -> dict[str, dict[str, Series]]:
    """Drop points older than the promotions kept, and metrics or benchmarks left empty."""
    result: dict[str, dict[str, Series]] = {}
    for benchmark, metrics in series.items():
        kept = {
            name: Series(s.unit, s.direction, [p for p in s.points if p.promotion >= oldest])
            for name, s in metrics.items()
        }
        kept = {name: s for name, s in kept.items() if s.points}
        if kept:
            result[benchmark] = kept
    return result
