"""Change points on seeded noise-only and planted-step histories, and on a real recorded history."""

from __future__ import annotations

import math
import random

import pytest
from baseline_helpers import make_project
from runs_helpers import request, run_report

from perfaction.baseline.git import GitStore
from perfaction.baseline.runs import read_runs, record_run
from perfaction.changepoint import Settings, changes_introduced_by, detect, history_changes


def noisy(rng: random.Random, n: int, cv: float, level: float = 100.0) -> list[float]:
    """Log-normal run-to-run noise, as benchmark timings have."""
    return [level * math.exp(rng.gauss(0, cv)) for _ in range(n)]


def with_outliers(rng: random.Random, values: list[float], share: float) -> list[float]:
    """A noisy CI machine: some runs land 30-200 % slow."""
    return [v * (1 + rng.uniform(0.3, 2.0)) if rng.random() < share else v for v in values]


def test_noise_only_histories_raise_almost_no_alerts():
    rng = random.Random(20260101)
    alerted = 0
    histories = 0
    for n in (60, 150, 400):
        for cv in (0.01, 0.03, 0.05):
            for _ in range(20):
                values = noisy(rng, n, cv)
                alerted += bool(detect(values))
                alerted += bool(detect(with_outliers(rng, values, 0.05)))
                histories += 2
    assert histories == 360
    assert alerted <= 2  # measured rate and the full grid: docs/history.md, benchmarks/changepoint_quality.py


@pytest.mark.parametrize(("step", "cv"), [(0.10, 0.02), (0.20, 0.02), (-0.10, 0.01), (0.05, 0.01)])
def test_planted_steps_are_found_where_they_are_with_their_size(step, cv):
    rng = random.Random(int(step * 1000) + int(cv * 1000))
    found, covered = 0, 0
    for _ in range(60):
        n = rng.randint(80, 300)
        where = rng.randint(n // 5, 4 * n // 5)
        values = [v * (1 + step) if i >= where else v for i, v in enumerate(noisy(rng, n, cv))]
        points = [p for p in detect(values) if abs(p.index - where) <= 2]
        if len(points) == 1 and math.copysign(1, points[0].change_pct) == math.copysign(1, step):
            found += 1
            covered += points[0].lower_pct <= step * 100 <= points[0].upper_pct
    assert found >= 58
    assert covered >= 0.85 * found


def test_a_clean_step_is_reported_exactly():
    values = [100.0 + (i % 3) * 0.1 for i in range(30)] + [112.0 + (i % 3) * 0.1 for i in range(20)]
    (point,) = detect(values)
    assert point.index == 30
    assert (point.before, point.after) == (100.1, 112.1)
    assert point.change_pct == pytest.approx(11.988, abs=0.001)
    assert point.lower_pct < point.change_pct < point.upper_pct
    assert point.p_value < 1e-6


def test_up_and_back_down_are_two_change_points():
    rng = random.Random(3)
    values = noisy(rng, 60, 0.01) + noisy(rng, 40, 0.01, 125.0) + noisy(rng, 60, 0.01)
    points = detect(values)
    assert [p.index for p in points] == [60, 100]
    assert points[0].change_pct == pytest.approx(25, abs=2)
    assert points[1].change_pct == pytest.approx(-20, abs=2)


def test_what_is_not_a_change():
    rng = random.Random(5)
    assert detect([100.0] * 200) == []  # all ties
    assert detect(noisy(rng, 30, 0.01) + noisy(rng, 4, 0.01, 150.0)) == []  # not yet min_segment runs after
    spikes = noisy(rng, 200, 0.01)
    for index in range(10, 200, 19):
        spikes[index] *= 3
    assert detect(spikes) == []
    small = [100.0] * 50 + [101.0] * 50  # certain, but below min_change_pct
    assert detect(small) == []
    assert [p.index for p in detect(small, Settings(min_change_pct=0.5))] == [50]


def test_a_recorded_step_is_reported_once_by_the_run_that_confirms_it(tmp_path, isolated_git):
    store = GitStore(make_project(tmp_path))

    def value(run: int, bench: int) -> float:
        level = 130.0 if bench == 1 and run >= 40 else 100.0
        return level * random.Random(run * 10 + bench).uniform(0.99, 1.01)

    introduced = {}
    for number in range(1, 51):
        record_run(store, request(run_report(number, value=value), run_id=number))
        history = read_runs(store, "demo")
        introduced[number] = changes_introduced_by(history, number)
    reported = {number: changes for number, changes in introduced.items() if changes}
    assert list(reported) == [44]  # 40..44: the fifth run at the new level confirms it
    (change,) = reported[44]
    assert (change.benchmark, change.metric, change.regression) == ("bench/1", "time", True)
    assert change.commit_range == ("0000027", "0000028")  # runs 39 and 40, as hex commits
    assert change.point.change_pct == pytest.approx(30, abs=2)
    (again,) = history_changes(read_runs(store, "demo"))
    assert again.first_after.seq == 40
