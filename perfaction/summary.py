"""The regression summary: everything a PR comment or check run needs, without re-reading the reports."""

from __future__ import annotations

from dataclasses import asdict, field
from typing import Any

from perfaction.model import Environment
from perfaction.records import datarecord
from perfaction.verdicts import (
    ALPHA,
    FAIL_PCT,
    WARN_PCT,
    HistorySource,
    Overall,
    Selection,
    ShiftGate,
    Status,
    Verdict,
)

SUMMARY_SCHEMA_VERSION = 1


@datarecord
class RatioInterval:
    """A confidence interval for current/baseline, in the metric's own (not direction-aware) sense."""

    lower: float
    upper: float
    level: float = 0.95


@datarecord(slots=True)
class HistoryPoint:
    """One earlier baseline value of a metric, in the row's unit, for trend charts."""

    value: float
    commit: str | None = None
    timestamp: str | None = None


@datarecord
class NoiseParts:
    """The noise of a row's change by source, as standard deviations in percent."""

    sampling_pct: float  # the run's own samples
    run_to_run_pct: float  # the benchmark's drift between runs, seen in its history
    suite_pct: float  # the suite's extra spread and the uncertainty of its shift


@datarecord
class MetricRow:
    """The comparison of one metric of one benchmark."""

    benchmark: str
    metric: str
    unit: str
    direction: str
    status: Status
    reason: str
    gating: bool = False
    basis: str | None = None  # what the verdict rests on: samples, history, suite, threshold or zero
    tier: str | None = None  # of a regression: warning or failure
    baseline: float | None = None
    current: float | None = None
    change_pct: float | None = None
    regression_pct: float | None = None
    worse_pct: float | None = None  # the change beyond the suite shift, positive is worse
    ratio: float | None = None
    ratio_interval: RatioInterval | None = None
    verdict: Verdict | None = None
    p_value: float | None = None
    p_adjusted: float | None = None
    baseline_samples: int = 0
    current_samples: int = 0
    few_samples: bool = False  # samples too few for a test that could be significant: threshold rule
    samples_needed: int | None = None
    noise_pct: float | None = None
    noise: NoiseParts | None = None
    family: str | None = None  # the benchmark's primary metric this metric is judged with
    derived: bool = False  # computed from the family's measurements: shown, never gating
    acknowledged: bool = False
    acknowledged_reason: str | None = None
    warn_pct: float = WARN_PCT
    fail_pct: float = FAIL_PCT
    history: list[HistoryPoint] | None = None


@datarecord
class SloRow:
    """An absolute floor or ceiling of one metric and whether the current value keeps it."""

    benchmark: str
    metric: str
    unit: str
    kind: str  # "floor" or "ceiling"
    limit: float
    value: float
    status: Status  # pass or failure
    enforced: bool
    margin_pct: float | None  # how far inside (positive) or outside (negative) the limit, in %; None at 0


@datarecord
class GeoMean:
    """Geometric mean of direction-aware ratios over the compared metrics: above 1 means worse."""

    ratio: float
    change_pct: float
    count: int
    lower: float | None = None
    upper: float | None = None
    level: float = 0.95


@datarecord
class EnvironmentComparison:
    """Where each side ran, and whether that makes their numbers incomparable."""

    current: Environment
    current_fingerprint: str
    baseline: Environment | None = None
    baseline_fingerprint: str | None = None
    differs: bool = False
    differing_keys: list[str] = field(default_factory=list)
    declared_comparable: bool = False


@datarecord
class Thresholds:
    """The global settings the comparison used; rows carry their effective per-metric thresholds."""

    warn_pct: float = WARN_PCT
    fail_pct: float = FAIL_PCT
    alpha: float = ALPHA
    confidence: float = 0.95
    min_samples: int = 4
    suite_shift: ShiftGate = ShiftGate.WARNING


@datarecord
class SuiteShiftRow:
    """The whole suite's shared change of one metric name, said once instead of on every row."""

    metric: str
    ratio: float  # current / baseline shared by the suite, as the values moved
    lower: float
    upper: float
    level: float
    direction: str
    members: int
    p_value: float
    notable: bool
    verdict: Verdict
    tier: str | None = None  # when a regressed shift gates: warning or failure, as configured


@datarecord
class SamplesAdvice:
    """One piece of advice for the suite: samples per side that would settle most inconclusive rows."""

    per_side: int
    settles: int
    inconclusive: int


@datarecord
class Provenance:
    """Where the baseline came from; the baseline-branch stage fills the details."""

    selection: Selection
    source_commit: str | None = None
    promoted_at: str | None = None
    promoted_by: str | None = None
    reason: str | None = None
    commits_behind: int | None = None
    history: HistorySource | None = None  # where the rows' earlier values came from


@datarecord
class RunInfo:
    """Identity of the current run, as its report states it."""

    commit: str | None = None
    ref: str | None = None
    timestamp: str | None = None


@datarecord
class RegressionSummary:
    """The outcome of one comparison of a suite."""

    suite: str
    status: Overall
    rows: list[MetricRow]
    environment: EnvironmentComparison
    thresholds: Thresholds
    slos: list[SloRow] = field(default_factory=list)
    geomean: GeoMean | None = None
    current: RunInfo = field(default_factory=RunInfo)
    baseline: Provenance | None = None
    ignored: int = 0
    shifts: list[SuiteShiftRow] = field(default_factory=list)
    advice: SamplesAdvice | None = None

    def counts(self) -> dict[str, int]:
        tally: dict[str, int] = dict.fromkeys(Status, 0)
        for row in self.rows:
            tally[row.status] += 1
        return tally

    def verdicts(self) -> dict[str, int]:
        """Rows by verdict; a family's regressed metrics listed under its gating one count once."""
        tally = dict.fromkeys([verdict.value for verdict in Verdict], 0)
        leads = {(row.benchmark, row.family) for row in self.rows if row.gating and row.family}
        for row in self.rows:
            if row.verdict is None:
                continue
            under = (
                row.verdict == Verdict.REGRESSED and not row.gating and (row.benchmark, row.family) in leads
            )
            tally[row.verdict] += not under
        return tally

    def flags(self) -> dict[str, int]:
        """How many rows carry each caveat a reader should know about."""
        return {
            "acknowledged": sum(row.acknowledged for row in self.rows),
            "inconclusive": sum(row.verdict == Verdict.INCONCLUSIVE for row in self.rows),
            "few_samples": sum(row.few_samples for row in self.rows),
            "ignored": self.ignored,
        }

    def to_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "schema_version": SUMMARY_SCHEMA_VERSION,
            "suite": self.suite,
            "status": self.status,
            "counts": self.counts(),
            "verdicts": self.verdicts(),
            "flags": self.flags(),
            "rows": [_row_to_dict(row) for row in self.rows],
            "slos": [asdict(slo) for slo in self.slos],
            "geomean": asdict(self.geomean) if self.geomean else None,
            "environment": _environment_comparison_to_dict(self.environment),
            "thresholds": asdict(self.thresholds),
            "current": asdict(self.current),
            "shifts": [asdict(shift) for shift in self.shifts],
            "advice": asdict(self.advice) if self.advice else None,
        }
        if self.baseline is not None:
            document["baseline"] = asdict(self.baseline)
        return document

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RegressionSummary:
        """Build from a document already valid against regression-summary.schema.json."""
        environment = data["environment"]
        return cls(
            suite=data["suite"],
            status=Overall(data["status"]),
            rows=[_row_from_dict(row) for row in data["rows"]],
            environment=EnvironmentComparison(
                current=Environment.from_dict(environment["current"]),
                current_fingerprint=environment["current_fingerprint"],
                baseline=Environment.from_dict(environment["baseline"]) if environment["baseline"] else None,
                baseline_fingerprint=environment["baseline_fingerprint"],
                differs=environment["differs"],
                differing_keys=list(environment["differing_keys"]),
                declared_comparable=environment["declared_comparable"],
            ),
            thresholds=_thresholds_from_dict(data["thresholds"]),
            slos=[SloRow(**{**slo, "status": Status(slo["status"])}) for slo in data["slos"]],
            geomean=GeoMean(**data["geomean"]) if data["geomean"] else None,
            current=RunInfo(**data["current"]),
            baseline=_provenance_from_dict(data["baseline"]) if "baseline" in data else None,
            ignored=data["flags"]["ignored"],
            shifts=[
                SuiteShiftRow(**{**shift, "verdict": Verdict(shift["verdict"])})
                for shift in data.get("shifts", ())
            ],
            advice=SamplesAdvice(**data["advice"]) if data.get("advice") else None,
        )


def _thresholds_from_dict(data: dict[str, Any]) -> Thresholds:
    """Summaries written before the noise-aware verdict carry noise_k, which no longer applies."""
    fields = {key: value for key, value in data.items() if key != "noise_k"}
    fields["suite_shift"] = ShiftGate(fields.get("suite_shift", ShiftGate.WARNING))
    return Thresholds(**fields)


def _row_to_dict(row: MetricRow) -> dict[str, Any]:
    """Shallow copies (every nested field holds numbers only): asdict's deep copy is slow on big suites."""
    document = dict(vars(row))
    document["ratio_interval"] = dict(vars(row.ratio_interval)) if row.ratio_interval else None
    document["noise"] = dict(vars(row.noise)) if row.noise else None
    if row.history is None:
        del document["history"]
    else:
        document["history"] = [asdict(point) for point in row.history]
    return document


def _row_from_dict(data: dict[str, Any]) -> MetricRow:
    fields = dict(data)
    interval = fields.pop("ratio_interval")
    history = fields.pop("history", None)
    noise = fields.pop("noise", None)
    fields.pop("too_noisy", None)  # written before the noise-aware verdict
    fields["status"] = Status(fields["status"])
    fields["verdict"] = Verdict(fields["verdict"]) if fields["verdict"] is not None else None
    return MetricRow(
        **fields,
        ratio_interval=RatioInterval(**interval) if interval else None,
        noise=NoiseParts(**noise) if noise else None,
        history=[HistoryPoint(**point) for point in history] if history is not None else None,
    )


def _provenance_from_dict(data: dict[str, Any]) -> Provenance:
    history = HistorySource(data["history"]) if data.get("history") else None
    return Provenance(**{**data, "selection": Selection(data["selection"]), "history": history})


def _environment_comparison_to_dict(comparison: EnvironmentComparison) -> dict[str, Any]:
    return {
        "current": comparison.current.to_dict(),
        "current_fingerprint": comparison.current_fingerprint,
        "baseline": comparison.baseline.to_dict() if comparison.baseline else None,
        "baseline_fingerprint": comparison.baseline_fingerprint,
        "differs": comparison.differs,
        "differing_keys": list(comparison.differing_keys),
        "declared_comparable": comparison.declared_comparable,
    }
