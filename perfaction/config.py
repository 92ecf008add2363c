"""`.perfaction.toml`: the project's settings, validated by schema before any stage trusts them."""

from __future__ import annotations

from dataclasses import field, replace
from datetime import UTC, date, datetime
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from perfaction import budget, jsonio, units
from perfaction.errors import ToolingError, ValidationFailure
from perfaction.records import datarecord
from perfaction.validation import ensure_valid
from perfaction.verdicts import ALPHA, FAIL_PCT, WARN_PCT, ShiftGate

DEFAULT_PATH = Path(".perfaction.toml")
MAX_CONFIG_BYTES = 1024 * 1024


@datarecord(frozen=True)
class Quantity:
    """An absolute amount, such as the smallest change worth reporting."""

    value: float
    unit: str

    def in_base_units_of(self, unit: str) -> float | None:
        """This amount in the base unit of `unit`'s dimension; None when the dimensions differ."""
        if units.lookup(self.unit).dimension != units.lookup(unit).dimension:
            return None
        return units.to_base(self.value, self.unit)


class _Scoped:
    """A setting for the benchmarks and metrics matching two globs."""

    benchmark: str
    metric: str

    def matches(self, benchmark: str, metric: str) -> bool:
        return fnmatchcase(benchmark, self.benchmark) and fnmatchcase(metric, self.metric)


@datarecord(frozen=True)
class Override(_Scoped):
    """Settings for the benchmarks and metrics matching two globs."""

    benchmark: str
    metric: str = "*"
    warn_pct: float | None = None
    fail_pct: float | None = None
    min_absolute: Quantity | None = None
    direction: str | None = None
    unit: str | None = None


@datarecord(frozen=True)
class Slo(_Scoped):
    """An absolute floor and/or ceiling for matching metrics; unit None means the metric's own."""

    benchmark: str
    metric: str
    floor: float | None = None
    ceiling: float | None = None
    unit: str | None = None


@datarecord(frozen=True)
class Acknowledgement(_Scoped):
    """A regression the team accepted, with the reason shown next to it, until it expires (if it does)."""

    benchmark: str
    reason: str
    metric: str = "*"
    expires: str | None = None  # the last day it holds, YYYY-MM-DD

    def lapsed(self, today: date) -> bool:
        return self.expires is not None and date.fromisoformat(self.expires) < today

    def describe(self) -> str:
        metric = "" if self.metric == "*" else f" {self.metric!r}"
        return f"the acknowledgement of {self.benchmark!r}{metric} expired on {self.expires}"


@datarecord(frozen=True)
class MetricSettings:
    """The settings that apply to one metric once every matching override is applied."""

    warn_pct: float
    fail_pct: float
    min_absolute: Quantity | None
    direction: str | None
    unit: str | None


@datarecord
class CompareConfig:
    """The [compare] table: how a run is judged against its baseline."""

    warn_pct: float = WARN_PCT
    fail_pct: float = FAIL_PCT
    alpha: float = ALPHA
    suite_shift: ShiftGate = ShiftGate.WARNING
    min_absolute: Quantity | None = None
    environments_comparable: bool | tuple[str, ...] = False
    enforce_slos: bool = False
    ignore: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    slos: tuple[Slo, ...] = ()
    acknowledged: tuple[Acknowledgement, ...] = ()
    expired: tuple[Acknowledgement, ...] = ()  # acknowledgements past their date: ignored, and said so
    source: str = "built-in defaults"

    def settings_for(self, benchmark: str, metric: str) -> MetricSettings:
        """Global settings, then each matching override in file order, key by key."""
        if not self.overrides:
            return MetricSettings(self.warn_pct, self.fail_pct, self.min_absolute, None, None)
        merged: dict[str, Any] = {
            "warn_pct": self.warn_pct,
            "fail_pct": self.fail_pct,
            "min_absolute": self.min_absolute,
            "direction": None,
            "unit": None,
        }
        for override in self.overrides:
            if override.matches(benchmark, metric):
                merged.update(
                    (key, getattr(override, key)) for key in merged if getattr(override, key) is not None
                )
        return MetricSettings(**merged)

    def is_ignored(self, benchmark: str) -> bool:
        return bool(self.ignore) and any(fnmatchcase(benchmark, pattern) for pattern in self.ignore)

    def acknowledgement(self, benchmark: str, metric: str) -> Acknowledgement | None:
        return next((ack for ack in self.acknowledged if ack.matches(benchmark, metric)), None)

    def lapsed_acknowledgement(self, benchmark: str, metric: str) -> Acknowledgement | None:
        return next((ack for ack in self.expired if ack.matches(benchmark, metric)), None)

    def notes(self) -> list[str]:
        """What a user must be told about these settings: acknowledgements that no longer apply."""
        return [f"{self.source}: {ack.describe()}, so it is ignored" for ack in self.expired]

    def with_thresholds(self, warn: float | None, fail: float | None) -> CompareConfig:
        """The global thresholds given on the command line or as action inputs, over the file's."""
        warn_pct = self.warn_pct if warn is None else warn
        fail_pct = self.fail_pct if fail is None else fail
        if warn_pct > fail_pct:
            raise ToolingError(
                f"the warn threshold ({warn_pct:g}%) is above the fail threshold ({fail_pct:g}%)"
            )
        return replace(self, warn_pct=warn_pct, fail_pct=fail_pct)

    def acknowledging(self, reason: str) -> CompareConfig:
        """Every regression acknowledged with this reason, after the file's entries (theirs show first)."""
        return replace(self, acknowledged=(*self.acknowledged, Acknowledgement("*", reason)))

    def tolerates(self, environment_key: str) -> bool:
        """Whether a difference in this fingerprint key leaves the two sides comparable."""
        if isinstance(self.environments_comparable, bool):
            return self.environments_comparable
        return environment_key in self.environments_comparable


@datarecord
class ArtifactLimits:
    """How much one downloaded artifact may cost; an artifact over a limit is refused whole."""

    max_download_mib: float = 50
    max_unzipped_mib: float = 200


@datarecord(frozen=True)
class RunLimits:
    """The [limits] table: how much one run may be made to do (docs/security.md has the measured costs)."""

    max_suites: int = budget.MAX_SUITES
    max_results_mib: float = budget.MAX_RESULTS_MIB


@datarecord(frozen=True)
class HistoryConfig:
    """The [history] table: how many recorded runs of main a suite keeps (a year of daily runs by default)."""

    max_runs: int = 1000
    max_age_days: int = 366


@datarecord
class Config:
    """The whole file; each stage reads its own table."""

    compare: CompareConfig = field(default_factory=CompareConfig)
    artifacts: ArtifactLimits = field(default_factory=ArtifactLimits)
    limits: RunLimits = field(default_factory=RunLimits)
    history: HistoryConfig = field(default_factory=HistoryConfig)
    source: Path | None = None


def load_config(path: Path | None = None) -> Config:
    """Read the given file, else `.perfaction.toml` in the working directory, else use the defaults."""
    if path is None:
        if not DEFAULT_PATH.is_file():
            return Config()
        path = DEFAULT_PATH
    text = jsonio.read_text(path, limit=MAX_CONFIG_BYTES)
    import tomllib  # noqa: PLC0415 - only a config file needs the TOML parser

    try:
        document = _dates_as_text(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise ValidationFailure.single(str(path), "", f"invalid TOML: {error}") from None
    ensure_valid(document, "config", str(path))
    return Config(
        compare=_compare_from_dict(document.get("compare", {}), str(path)),
        artifacts=ArtifactLimits(**document.get("artifacts", {})),
        limits=RunLimits(**document.get("limits", {})),
        history=HistoryConfig(**document.get("history", {})),
        source=Path(path),
    )


def _dates_as_text(node: Any) -> Any:
    """TOML dates (`expires = 2026-12-31`) as the ISO text the schema checks; other values as they are."""
    if isinstance(node, dict):
        return {key: _dates_as_text(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_dates_as_text(value) for value in node]
    if isinstance(node, date) and not isinstance(node, datetime):
        return node.isoformat()
    return node


def _compare_from_dict(table: dict[str, Any], source: str) -> CompareConfig:
    comparable = table.get("environments_comparable", False)
    today = datetime.now(UTC).date()
    acknowledged = [Acknowledgement(**entry) for entry in table.get("acknowledged", ())]
    return CompareConfig(
        warn_pct=table.get("warn_pct", WARN_PCT),
        fail_pct=table.get("fail_pct", FAIL_PCT),
        alpha=table.get("alpha", ALPHA),
        suite_shift=ShiftGate(table.get("suite_shift", ShiftGate.WARNING)),
        min_absolute=_quantity(table.get("min_absolute")),
        environments_comparable=comparable if isinstance(comparable, bool) else tuple(comparable),
        enforce_slos=table.get("enforce_slos", False),
        ignore=tuple(table.get("ignore", ())),
        aliases=dict(table.get("aliases", {})),
        overrides=tuple(
            Override(**{**entry, "min_absolute": _quantity(entry.get("min_absolute"))})
            for entry in table.get("override", ())
        ),
        slos=tuple(Slo(**entry) for entry in table.get("slo", ())),
        acknowledged=tuple(ack for ack in acknowledged if not ack.lapsed(today)),
        expired=tuple(ack for ack in acknowledged if ack.lapsed(today)),
        source=source,
    )


def _quantity(entry: dict[str, Any] | None) -> Quantity | None:
    return Quantity(entry["value"], entry["unit"]) if entry else None
