"""pytest-benchmark JSON: `--benchmark-json` output and the run files it saves under .benchmarks/."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from perfaction.ingest.common import (
    json_document,
    optional_commit,
    optional_cores,
    optional_text,
    optional_timestamp,
    validated_document,
)
from perfaction.model import Benchmark, Environment, Metric, Report

if TYPE_CHECKING:
    from perfaction.ingest import Input

FORMAT = "pytest-benchmark"


def sniff(source: Input) -> bool:
    document = json_document(source)
    return isinstance(document, dict) and "benchmarks" in document and "machine_info" in document


def read(source: Input) -> Report:
    """The value is the mean round time in seconds; stats.data (per-iteration round times) become samples."""
    document = validated_document(source, FORMAT)
    benchmarks = [
        Benchmark(
            entry["fullname"],
            [Metric("time", entry["stats"]["mean"], "s", "lower", samples=entry["stats"].get("data"))],
        )
        for entry in document["benchmarks"]
    ]
    commit = document.get("commit_info", {})
    return Report(
        suite=FORMAT,
        benchmarks=benchmarks,
        environment=_environment(document.get("machine_info", {})),
        commit=optional_commit(commit.get("id")),
        ref=optional_text(commit.get("branch")),
        timestamp=optional_timestamp(document.get("datetime")),
        source_format=FORMAT,
    )


def _environment(machine: dict[str, Any]) -> Environment:
    found = machine.get("cpu")
    cpu: dict[str, Any] = found if isinstance(found, dict) else {}
    system = optional_text(machine.get("system"))
    python = " ".join(
        filter(None, (optional_text(machine.get(k)) for k in ("python_implementation", "python_version")))
    )
    arch = optional_text(machine.get("machine"))
    return Environment(
        os=system.lower() if system else None,
        kernel=optional_text(machine.get("release")),
        cpu_model=optional_text(cpu.get("brand_raw")),
        cores=optional_cores(cpu.get("count")),
        toolchain=python or None,
        extra={"arch": arch} if arch else {},
    )
