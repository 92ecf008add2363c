"""Properties the comparison must keep for any data: direction, units, symmetry and order."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from perfaction import units
from perfaction.compare import compare
from perfaction.model import Benchmark, Metric, Report

values = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False, allow_infinity=False)
sample_lists = st.one_of(st.just([]), st.lists(values, min_size=1, max_size=12))
directions = st.sampled_from(["lower", "higher"])
REGRESSIONS = ("failure", "warning")


def _metric(value: float, direction: str, samples: list[float], unit: str = "ns") -> Metric:
    return Metric("time", value, unit, direction, samples=samples or None)


def _pair(before: Metric, after: Metric) -> tuple[Report, Report]:
    return Report("s", [Benchmark("b", [after])]), Report("s", [Benchmark("b", [before])])


def _flip(metric: Metric) -> Metric:
    return replace(metric, direction="higher" if metric.direction == "lower" else "lower")


@given(values, values, directions)
def test_direction_decides_which_way_is_worse(before, after, direction):
    row = compare(*_pair(_metric(before, direction, []), _metric(after, direction, []))).rows[0]
    worse_when_larger = direction == "lower"
    if row.regression_pct > 0:
        assert (after > before) == worse_when_larger
    if row.status in REGRESSIONS:
        assert (after > before) == worse_when_larger
    if row.status == "improved":
        assert (after < before) == worse_when_larger


@given(
    values,
    values,
    directions,
    st.sampled_from([("ns", "us"), ("ms", "s"), ("MiB/s", "GiB/s"), ("KB/s", "MB/s")]),
)
def test_units_do_not_change_the_verdict(before, after, direction, unit_pair):
    small, large = unit_pair
    factor = units.convert(1.0, large, small)
    same = compare(*_pair(_metric(before, direction, [], small), _metric(after, direction, [], small))).rows[
        0
    ]
    mixed = compare(
        *_pair(_metric(before / factor, direction, [], large), _metric(after, direction, [], small))
    ).rows[0]
    assert mixed.regression_pct == same.regression_pct
    assert mixed.status == same.status


# A run's location leans to its better side (interference only ever makes a run worse), so with samples
# the mirror image is not exact by design; one value a run (or one sample) must mirror exactly.
single_values = st.one_of(st.just([]), st.lists(values, min_size=1, max_size=1))


@settings(max_examples=200)
@given(values, values, directions, single_values, single_values)
def test_flipping_direction_mirrors_regressions_and_improvements(
    before, after, direction, before_samples, after_samples
):
    baseline, current = _metric(before, direction, before_samples), _metric(after, direction, after_samples)
    row = compare(*_pair(baseline, current)).rows[0]
    mirrored = compare(*_pair(_flip(baseline), _flip(current))).rows[0]
    if row.regression_pct is not None:
        assert mirrored.regression_pct == -row.regression_pct
    assert mirrored.p_value == row.p_value
    mirror = {"regressed": "improved", "improved": "regressed"}
    assert mirrored.verdict == mirror.get(row.verdict, row.verdict)
    if row.status in REGRESSIONS:
        assert mirrored.status == "improved"
    elif row.status == "improved":
        assert mirrored.status == ("failure" if -row.regression_pct > row.fail_pct else "warning")
    else:
        assert mirrored.status == row.status


@settings(max_examples=200)
@given(values, values, directions, sample_lists, sample_lists)
def test_swapping_sides_never_turns_a_regression_into_a_regression(before, after, direction, one, two):
    forward = compare(*_pair(_metric(before, direction, one), _metric(after, direction, two))).rows[0]
    backward = compare(*_pair(_metric(after, direction, two), _metric(before, direction, one))).rows[0]
    if forward.status in REGRESSIONS:
        assert backward.status in ("improved", "pass")
    if backward.status in REGRESSIONS:
        assert forward.status in ("improved", "pass")


suites = st.lists(st.tuples(values, values, directions, sample_lists, sample_lists), min_size=1, max_size=8)


@settings(max_examples=100)
@given(suites, st.randoms(use_true_random=False))
def test_benchmark_order_does_not_matter(entries, rng):
    def reports(order: list[int]) -> tuple[Report, Report]:
        current = [Benchmark(f"b{i}", [_metric(entries[i][1], entries[i][2], entries[i][4])]) for i in order]
        baseline = [Benchmark(f"b{i}", [_metric(entries[i][0], entries[i][2], entries[i][3])]) for i in order]
        return Report("s", current), Report("s", baseline)

    order = list(range(len(entries)))
    straight = compare(*reports(order))
    rng.shuffle(order)
    shuffled = compare(*reports(order))
    key = lambda row: (row.benchmark, row.metric)  # noqa: E731
    assert sorted(straight.rows, key=key) == sorted(shuffled.rows, key=key)
    assert straight.status == shuffled.status
    assert straight.counts() == shuffled.counts()
    assert straight.geomean == shuffled.geomean
