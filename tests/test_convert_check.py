"""convert checks a rewritten canonical report once: its head and percentiles, as the full check would."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schema_documents import valid_documents

from perfaction.errors import ValidationFailure
from perfaction.ingest import _read, read_document
from perfaction.model import Environment
from perfaction.units import SMALLEST_QUANTITY
from perfaction.validation import problems

SUITES = st.none() | st.sampled_from(["renamed", "bad name", "x" * 70])
EDGES = [0, SMALLEST_QUANTITY, 1.5 * SMALLEST_QUANTITY, 3 * SMALLEST_QUANTITY, 1.0, 1e60]
HOSTS = st.none() | st.builds(
    Environment, os=st.sampled_from(["linux", "", "a\u202eb"]), cores=st.integers(0, 4)
)
# What convert may change: the suite, the host recorded, the commit.
CHANGES = st.tuples(SUITES, HOSTS, st.none() | st.text(max_size=3))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    document=valid_documents("perf-report"),
    samples=st.none() | st.lists(st.sampled_from(EDGES), min_size=1, max_size=5),
    changes=CHANGES,
)
def test_convert_accepts_exactly_the_outputs_the_full_check_accepts(tmp_path, document, samples, changes):
    if samples:  # percentiles interpolated between these may fall between 0 and the smallest quantity
        for metric in (metric for benchmark in document["benchmarks"] for metric in benchmark["metrics"]):
            metric["samples"] = samples
    assume(not problems(document, "perf-report", "input"))
    source = tmp_path / "report.json"
    source.write_text(json.dumps(document))
    suite, host, commit = changes
    try:
        report, output = read_document(source, "out", "perfaction", suite, host, commit=commit)
    except ValidationFailure as failure:
        rewritten = failure.problems[0].source
        assert problems(_rewritten(source, suite, host, commit), "perf-report", rewritten)
    else:
        assert not problems(output, "perf-report", "out")
        assert output == report.to_dict()


def _rewritten(source, suite, host, commit):
    """The output as convert builds it, without any check of the output."""
    report, _, _ = _read(source, "perfaction", suite, host, commit)
    return report.to_dict()


def test_percentiles_interpolated_below_the_smallest_quantity_are_refused(cli, tmp_path):
    metric = {"name": "time", "value": 1e-60, "unit": "ns", "direction": "lower", "samples": [0, 1e-60]}
    document = {
        "schema_version": 1,
        "suite": "tiny",
        "source": {"format": "perfaction"},
        "environment": {"os": "linux"},
        "benchmarks": [
            {"name": "a", "metrics": [{**metric, "value": 1.0, "samples": [1.0]}]},
            {"name": "b", "metrics": [metric]},
        ],
    }
    source = tmp_path / "report.json"
    source.write_text(json.dumps(document))
    result = cli("convert", source, "-o", tmp_path / "out.json")
    assert result.code == 2, result.stderr
    assert "/benchmarks/1/metrics/0/percentiles/p50" in result.stderr
    assert not (tmp_path / "out.json").exists()
