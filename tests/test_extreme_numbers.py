"""Numbers cannot crash the maths: any schema-valid number goes through compare and render with exit 0, 2
or 3, never 4; a value outside perf-action's documented range is refused where it stands (exit 2)."""

from __future__ import annotations

import json

import pytest
from action_steps import report
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from perfaction import cli
from perfaction.stats import median_ratio
from perfaction.units import LARGEST_QUANTITY, SMALLEST_QUANTITY
from perfaction.validation import load_schema

EDGES = [0.0, 5e-324, 1e-300, SMALLEST_QUANTITY, 1e-30, 1.0, 3.0, 1e30, LARGEST_QUANTITY]
quantities = st.one_of(
    st.sampled_from(EDGES), st.floats(min_value=0, max_value=LARGEST_QUANTITY, allow_subnormal=True)
)
UNIT_PAIRS = [("ns", "s"), ("s", "ns"), ("B/s", "GiB/s"), ("count", "count"), ("B", "GiB"), ("%", "%")]


@st.composite
def metrics(draw: st.DrawFn, unit: str) -> dict:
    metric = {"name": "time", "value": draw(quantities), "unit": unit}
    metric["direction"] = draw(st.sampled_from(["lower", "higher"]))
    if draw(st.booleans()):
        metric["samples"] = draw(st.lists(quantities, min_size=1, max_size=12))
    if draw(st.booleans()):
        lower, upper = sorted(draw(st.tuples(quantities, quantities)))
        metric["interval"] = {"lower": lower, "upper": upper}
    for bound in ("floor", "ceiling"):
        if draw(st.integers(0, 4)) == 0:
            metric[bound] = draw(quantities)
    return metric


@st.composite
def reports(draw: st.DrawFn, unit: str) -> dict:
    count = draw(st.integers(1, 3))
    return {
        "schema_version": 1,
        "suite": "extreme",
        "source": {"format": "perfaction"},
        "environment": {"os": "linux"},
        "benchmarks": [{"name": f"b{i}", "metrics": [draw(metrics(unit))]} for i in range(count)],
    }


@st.composite
def comparisons(draw: st.DrawFn) -> tuple[dict, dict, str]:
    before, after = draw(st.sampled_from(UNIT_PAIRS))
    smallest = draw(quantities.filter(lambda value: value > 0))
    floor = draw(quantities)
    config = (
        f'[compare]\nmin_absolute = {{ value = {smallest!r}, unit = "{after}" }}\n'
        f'[[compare.slo]]\nbenchmark = "*"\nmetric = "*"\nfloor = {floor!r}\n'
    )
    return draw(reports(before)), draw(reports(after)), config


def _receipt(unit: str, samples: list[float]) -> dict:
    metric = {"name": "time", "value": 1e-60, "unit": unit, "direction": "lower", "samples": samples}
    return {
        "schema_version": 1,
        "suite": "extreme",
        "source": {"format": "perfaction"},
        "environment": {"os": "linux"},
        "benchmarks": [{"name": "b0", "metrics": [metric]}],
    }


# Two samples a side, 1e-60 and 2e38: the interval of the ratio reached e^780 (OverflowError, exit 4).
_WIDEST_INTERVAL = (
    _receipt("ns", [1e-60, 2.2922839012707513e38]),
    _receipt("s", [1e-60, 2.2922839012707498e38]),
    '[compare]\nmin_absolute = { value = 1e-60, unit = "s" }\n'
    '[[compare.slo]]\nbenchmark = "*"\nmetric = "*"\nfloor = 0.0\n',
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=comparisons())
@example(case=_WIDEST_INTERVAL)
def test_compare_and_render_never_fail_as_tooling_on_extreme_numbers(tmp_path, capsys, case):
    baseline, current, config = case
    files = {"baseline.json": json.dumps(baseline), "current.json": json.dumps(current)}
    files[".perfaction.toml"] = config
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    summary = tmp_path / "summary.json"
    summary.unlink(missing_ok=True)
    code = cli.main(
        [
            "compare", str(tmp_path / "current.json"), "--baseline", str(tmp_path / "baseline.json"),
            "--config", str(tmp_path / ".perfaction.toml"), "--summary-out", str(summary),
        ]
    )  # fmt: skip
    said = capsys.readouterr()
    assert code in (0, 2, 3), said.err
    if code == 2:
        assert str(summary) not in said.err, "perf-action's own summary must never be the invalid file"
        return
    assert cli.main(["render", str(summary), "-o", str(tmp_path / "comment.md")]) == 0, (
        capsys.readouterr().err
    )


def test_the_range_is_the_schema_s(tmp_path):
    quantity = load_schema("perf-report")["$defs"]["quantity"]
    assert (quantity["minimum"], quantity["maximum"]) == (0, LARGEST_QUANTITY)


@pytest.mark.parametrize(
    ("samples", "expected"),
    [
        ([5e-324, 1, 2, 3], "/benchmarks/0/metrics/0/samples/0: expected 0 or a value >= 1e-60, got 5e-324"),
        ([1, 1e300, 2, 3], "/benchmarks/0/metrics/0/samples/1: expected a value <= 1e+60, got 1e+300"),
        ([0, 1e-70, 2, 3], "/benchmarks/0/metrics/0/samples/1: expected 0 or a value >= 1e-60, got 1e-70"),
    ],
)
def test_values_outside_the_range_are_refused_where_they_stand(cli, tmp_path, samples, expected):
    """[5e-324, 1e300, 1, 2, 3] made the ratio's interval overflow (exit 4); each is now refused, exit 2."""
    document = report()
    document["benchmarks"][0]["metrics"][0]["samples"] = samples
    path = tmp_path / "current.json"
    path.write_text(json.dumps(document))
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(report()))
    result = cli("compare", path, "--baseline", baseline)
    assert result.code == 2, result.stderr
    assert expected in result.stderr


def test_a_wide_interval_over_few_samples_saturates_instead_of_overflowing():
    estimate = median_ratio([SMALLEST_QUANTITY, 1.0], [1.0, LARGEST_QUANTITY])
    assert estimate is not None
    assert 0 < estimate.lower <= estimate.ratio <= estimate.upper < float("inf")
