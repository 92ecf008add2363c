"""The canonical report: the one typed shape every reader produces and every stage consumes."""

from __future__ import annotations

import json
from dataclasses import field, replace
from typing import Any

from perfaction.records import datarecord

SCHEMA_VERSION = 1
PERCENTILES = {"p50": 0.50, "p90": 0.90, "p99": 0.99}
FINGERPRINT_KEYS = ("os", "cpu_model", "cores", "runner", "toolchain")
MACHINE_KEYS = ("os", "kernel", "cpu_model", "cores", "runner")


@datarecord
class Interval:
    """A confidence interval reported by the benchmark tool itself."""

    lower: float
    upper: float
    level: float = 0.95


@datarecord
class Metric:
    """One measured quantity of a benchmark, in a registry unit, with its better direction."""

    name: str
    value: float
    unit: str
    direction: str
    samples: list[float] | None = None
    interval: Interval | None = None
    floor: float | None = None
    ceiling: float | None = None

    def percentiles(self) -> dict[str, float] | None:
        """p50/p90/p99 of this metric's own samples; never pooled across benchmarks."""
        if not self.samples:
            return None
        from perfaction.stats import percentile  # noqa: PLC0415 - `statistics` loads decimal and fractions

        ordered = sorted(self.samples)
        return {key: percentile(ordered, q) for key, q in PERCENTILES.items()}


@datarecord
class Benchmark:
    name: str
    metrics: list[Metric]


@datarecord
class Environment:
    """Where the numbers were measured; the fingerprint tells comparable machines apart."""

    os: str | None = None
    kernel: str | None = None
    cpu_model: str | None = None
    cores: int | None = None
    runner: str | None = None
    toolchain: str | None = None
    extra: dict[str, str | int | float | bool] = field(default_factory=dict)

    def names_machine(self) -> bool:
        """Whether the input said where it ran; a toolchain alone (e.g. a copybook-rs receipt) does not."""
        return any(getattr(self, key) is not None for key in MACHINE_KEYS)

    def completed_by(self, recorded: Environment) -> Environment:
        """This host's facts, keeping the toolchain and extras the input itself recorded."""
        return replace(
            self, toolchain=recorded.toolchain or self.toolchain, extra={**self.extra, **recorded.extra}
        )

    def fingerprint(self) -> str:
        """A stable digest of the fields that make two runs comparable (kernel and extras excluded)."""
        identity = {key: getattr(self, key) for key in FINGERPRINT_KEYS}
        if identity["os"]:
            identity["os"] = identity["os"].lower()
        return _sha256_hex(json.dumps(identity, sort_keys=True).encode())[:16]

    def to_dict(self) -> dict[str, Any]:
        result = _drop_none({key: getattr(self, key) for key in ("kernel", *FINGERPRINT_KEYS)})
        if self.extra:
            result["extra"] = dict(self.extra)
        return result

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Environment:
        fields = dict(data)
        extra = fields.pop("extra", {})
        return cls(**fields, extra=extra)


@datarecord
class Report:
    """A suite's results from one run, whatever tool produced them."""

    suite: str
    benchmarks: list[Benchmark]
    environment: Environment = field(default_factory=Environment)
    commit: str | None = None
    ref: str | None = None
    timestamp: str | None = None
    source_format: str = "perfaction"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "suite": self.suite,
            "source": _drop_none({"format": self.source_format, "commit": self.commit, "ref": self.ref}),
            **_drop_none({"timestamp": self.timestamp}),
            "environment": self.environment.to_dict(),
            "benchmarks": [
                {"name": b.name, "metrics": [_metric_to_dict(m) for m in b.metrics]} for b in self.benchmarks
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Build from a document already valid against perf-report.schema.json."""
        source = data.get("source", {})
        return cls(
            suite=data["suite"],
            benchmarks=[
                Benchmark(b["name"], [_metric_from_dict(m) for m in b["metrics"]]) for b in data["benchmarks"]
            ],
            environment=Environment.from_dict(data.get("environment", {})),
            commit=source.get("commit"),
            ref=source.get("ref"),
            timestamp=data.get("timestamp"),
            source_format=source.get("format", "perfaction"),
        )


def _sha256_hex(data: bytes) -> str:
    """CPython's built-in SHA-256 if it has one: hashlib loads OpenSSL, 2.5 % of a compare's work."""
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415 - CPython 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]  # noqa: PLC0415 - 3.11
        except ImportError:
            from hashlib import sha256  # noqa: PLC0415 - a build without the built-in hashes
    return str(sha256(data).hexdigest())


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def _metric_to_dict(metric: Metric) -> dict[str, Any]:
    result: dict[str, Any] = {
        "name": metric.name,
        "value": metric.value,
        "unit": metric.unit,
        "direction": metric.direction,
    }
    if metric.samples:
        result["samples"] = metric.samples
        result["percentiles"] = metric.percentiles()
    if metric.interval is not None:
        interval = metric.interval
        result["interval"] = {"lower": interval.lower, "upper": interval.upper, "level": interval.level}
    if metric.floor is not None:
        result["floor"] = metric.floor
    if metric.ceiling is not None:
        result["ceiling"] = metric.ceiling
    return result


def _metric_from_dict(data: dict[str, Any]) -> Metric:
    interval = data.get("interval")
    return Metric(
        name=data["name"],
        value=data["value"],
        unit=data["unit"],
        direction=data["direction"],
        samples=data.get("samples"),
        interval=Interval(**interval) if interval else None,
        floor=data.get("floor"),
        ceiling=data.get("ceiling"),
    )
