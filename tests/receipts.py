"""The small canonical report the action tests and the container benchmark feed to validate mode."""

from __future__ import annotations

import json


def receipt(unit: str = "ns", name: str = "parse/small") -> bytes:
    """One benchmark, one metric; a bad unit makes it invalid at a known pointer."""
    metric = {"name": "time", "value": 120.5, "unit": unit, "direction": "lower"}
    document = {
        "schema_version": 1,
        "suite": "receipt",
        "source": {"format": "perfaction"},
        "timestamp": "2026-11-26T12:00:00Z",
        "environment": {"os": "linux", "cores": 2},
        "benchmarks": [{"name": name, "metrics": [metric]}],
    }
    return json.dumps(document).encode()
