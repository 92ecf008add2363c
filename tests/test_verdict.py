"""The decision on seeded simulated suites and on real tool outputs: quiet on noise, loud on real changes."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from perfaction import noise, units, verdict
from perfaction.ingest import read_report
from perfaction.model import Report
from perfaction.verdict import Basis, Evidence, Side, Tier, Verdict

REAL_TOOLS = Path(__file__).resolve().parent / "data" / "real-tools"


def _run(rng: random.Random, centre: float, samples: int, cv: float) -> tuple[float, ...]:
    sigma = math.sqrt(math.log1p(cv * cv))
    return tuple(centre * rng.lognormvariate(-sigma * sigma / 2, sigma) for _ in range(samples))


def _suite(
    seed: int,
    *,
    size: int = 100,
    samples: int = 10,
    cv: float = 0.05,
    factors: dict[int, float] | None = None,
    head: float = 1.0,
    history: int = 10,
) -> list[Evidence]:
    """A simulated suite: every benchmark's runs share its true time; `factors` slow some in the head run."""
    rng = random.Random(seed)
    evidence = []
    for index in range(size):
        centre = 10 ** rng.uniform(2, 6)
        earlier = tuple(noise.run_location(_run(rng, centre, samples, cv)) for _ in range(history))
        base = _run(rng, centre, samples, cv)
        now = _run(rng, centre * head * (factors or {}).get(index, 1.0), samples, cv)
        evidence.append(
            Evidence(
                f"b{index}",
                "time",
                True,
                Side(sum(base) / samples, base),
                Side(sum(now) / samples, now),
                earlier,
            )
        )
    return evidence


def _gating(judgement: verdict.SuiteJudgement) -> set[str]:
    return {j.benchmark for j in judgement.judgements if j.gating}


def test_a_a_suites_stay_quiet():
    """40 suites of 100 benchmarks without a change: at alpha = 1 %, hardly any gating regression."""
    alarms = sum(bool(_gating(verdict.judge(_suite(seed)))) for seed in range(40))
    assert alarms <= 2  # binomial(40, 0.01): P(3 or more) = 0.8 %


@pytest.mark.parametrize("samples", [5, 10])
def test_a_planted_regression_is_found_and_nothing_else(samples):
    found = 0
    for seed in range(20):
        judgement = verdict.judge(_suite(100 + seed, samples=samples, factors={7: 1.2}))
        assert _gating(judgement) <= {"b7"}
        found += _gating(judgement) == {"b7"}
        row = judgement.judgements[7]
        if row.gating:
            assert (row.verdict, row.tier, row.basis) == (Verdict.REGRESSED, Tier.FAILURE, Basis.SAMPLES)
            assert row.interval[0] < row.ratio < row.interval[1]
            assert 0.1 < row.worse < 0.3
    assert found >= 18


def test_a_faster_benchmark_is_an_improvement_never_a_regression():
    for seed in range(10):
        judgement = verdict.judge(_suite(200 + seed, factors={3: 0.8}))
        assert not _gating(judgement)
        assert judgement.judgements[3].verdict is Verdict.IMPROVED


def test_a_whole_suite_shift_is_one_finding_and_a_benchmark_beyond_it_still_stands_out():
    judgement = verdict.judge(_suite(300, samples=30, head=1.03, factors={5: 1.2}))
    (shift,) = judgement.shifts
    assert shift.notable and shift.verdict is Verdict.UNCHANGED  # 3 %: reported, within the 5 % threshold
    assert shift.interval[0] < 1.03 < shift.interval[1]
    assert _gating(judgement) == {"b5"}
    assert judgement.judgements[5].worse == pytest.approx(0.2, abs=0.05)  # beyond the shift, not 1.2 x 1.03
    larger = verdict.judge(_suite(301, samples=30, head=1.08))
    assert larger.shifts[0].verdict is Verdict.REGRESSED and not _gating(larger)


def test_run_to_run_drift_seen_in_the_history_keeps_the_suite_quiet():
    """Each run of each benchmark drifts by 2 %: 30 samples a side would call most of them changed."""
    rng = random.Random(400)
    alarms = 0
    for _ in range(10):
        evidence = []
        for index in range(100):
            centre = 10 ** rng.uniform(2, 6)

            def drifted(centre: float = centre) -> tuple[float, ...]:
                return _run(rng, centre * rng.lognormvariate(0, 0.02), 30, 0.05)

            earlier = tuple(noise.run_location(drifted()) for _ in range(10))
            base, now = drifted(), drifted()
            evidence.append(
                Evidence(f"b{index}", "time", True, Side(base[0], base), Side(now[0], now), earlier)
            )
        alarms += bool(_gating(verdict.judge(evidence)))
    assert alarms <= 1


def test_values_without_samples_are_judged_against_their_history():
    """copybook-rs receipts: two throughputs, one value a run, 10 earlier runs with 3 % noise."""
    rng = random.Random(500)

    def receipt(display: float, comp3: float, slower: float = 1.0) -> list[Evidence]:
        history = [
            (display * rng.lognormvariate(0, 0.03), comp3 * rng.lognormvariate(0, 0.03)) for _ in range(11)
        ]
        earlier, base = history[:-1], history[-1]
        now = (display * rng.lognormvariate(0, 0.03) / slower, comp3 * rng.lognormvariate(0, 0.03))
        return [
            Evidence(name, "throughput", False, Side(base[i]), Side(now[i]), tuple(h[i] for h in earlier))
            for i, name in enumerate(("DISPLAY", "COMP-3"))
        ]

    quiet = verdict.judge(receipt(3500.0, 26.0))
    assert {j.basis for j in quiet.judgements} == {Basis.HISTORY} and not _gating(quiet)
    found = sum(_gating(verdict.judge(receipt(3500.0, 26.0, slower=1.25))) == {"DISPLAY"} for _ in range(20))
    assert found >= 18


def test_the_threshold_rule_decides_only_when_nothing_else_exists():
    evidence = [
        Evidence("a", "throughput", False, Side(100.0), Side(95.0)),  # exactly 5 % less: passes
        Evidence("b", "throughput", False, Side(100.0), Side(90.0)),  # exactly 10 %: a warning
        Evidence("c", "time", True, Side(100.0), Side(111.0)),
    ]
    rows = verdict.judge(evidence).judgements
    assert [r.basis for r in rows] == [Basis.THRESHOLD] * 3
    assert [(r.verdict, r.tier) for r in rows] == [
        (Verdict.UNCHANGED, None),
        (Verdict.REGRESSED, Tier.WARNING),
        (Verdict.REGRESSED, Tier.FAILURE),
    ]


def test_counts_and_sizes_from_zero():
    rows = verdict.judge(
        [
            Evidence("alloc", "memory", True, Side(0.0, (0.0,) * 5), Side(64.0, (64.0,) * 5)),
            Evidence("allocs", "allocs", True, Side(0.0), Side(1.0)),
            Evidence("small", "allocs", True, Side(0.0), Side(2.0), min_absolute=2.0),
            Evidence("same", "allocs", True, Side(0.0), Side(0.0)),
            Evidence("freed", "memory", True, Side(64.0), Side(0.0)),
        ]
    ).judgements
    assert [(r.verdict, r.basis) for r in rows] == [
        (Verdict.REGRESSED, Basis.ZERO),
        (Verdict.REGRESSED, Basis.ZERO),
        (Verdict.UNCHANGED, Basis.ZERO),
        (Verdict.UNCHANGED, Basis.ZERO),
        (Verdict.IMPROVED, Basis.ZERO),
    ]
    assert rows[0].gating and rows[0].tier is Tier.FAILURE


def test_one_benchmark_one_test_and_one_gate():
    """time, cpu_time and throughput of one slow benchmark: one family member, one gating row."""
    evidence = []
    for item in _suite(600, size=30, factors={0: 1.3}):
        family, _ = verdict.family_of("google-benchmark", item.benchmark, "time")
        evidence.append(Evidence(**{**item.__dict__, "family": family}))
        for metric, derived in (("cpu_time", False), ("throughput", True)):
            flip = metric == "throughput"
            base = tuple(1e9 / v for v in item.baseline.samples) if flip else item.baseline.samples
            now = tuple(1e9 / v for v in item.current.samples) if flip else item.current.samples
            evidence.append(
                Evidence(
                    item.benchmark,
                    metric,
                    not flip,
                    Side(base[0], base),
                    Side(now[0], now),
                    family=family,
                    derived=derived,
                )
            )
    judgement = verdict.judge(evidence)
    assert judgement.tested == 30
    slow = [j for j in judgement.judgements if j.benchmark == "b0"]
    assert all(j.verdict is Verdict.REGRESSED for j in slow)
    assert sum(j.gating for j in slow) == 1
    assert verdict.family_of("go", "BenchmarkX", "allocs") == ("BenchmarkX\0allocs", False)
    assert verdict.family_of("criterion", "c", "throughput") == ("c\0time", True)


def test_inconclusive_rows_share_one_samples_advice():
    judgement = verdict.judge(_suite(700, samples=5, cv=0.1, history=0))
    inconclusive = [j for j in judgement.judgements if j.verdict is Verdict.INCONCLUSIVE]
    assert inconclusive and judgement.advice is not None
    assert judgement.advice.inconclusive == len(inconclusive)
    assert judgement.advice.settles >= 0.8 * sum(j.samples_needed is not None for j in inconclusive)
    assert judgement.advice.per_side > 5


# --- real tool outputs ------------------------------------------------------------------------------------


def _evidence(current: Report, baseline: Report) -> list[Evidence]:
    """Pairing as the comparison does it: by benchmark and metric, the baseline in the current unit."""
    before = {(b.name, m.name): m for b in baseline.benchmarks for m in b.metrics}
    evidence = []
    for benchmark in current.benchmarks:
        for metric in benchmark.metrics:
            old = before[(benchmark.name, metric.name)]
            factor = units.convert(1.0, old.unit, metric.unit)
            family, derived = verdict.family_of(current.source_format, benchmark.name, metric.name)
            evidence.append(
                Evidence(
                    benchmark.name,
                    metric.name,
                    metric.direction == "lower",
                    Side(old.value * factor, tuple(v * factor for v in old.samples or ())),
                    Side(metric.value, tuple(metric.samples or ())),
                    family=family,
                    derived=derived,
                )
            )
    return evidence


def _judge_files(base: str, head: str) -> verdict.SuiteJudgement:
    current, baseline = read_report(REAL_TOOLS / head, host=False), read_report(REAL_TOOLS / base, host=False)
    return verdict.judge(_evidence(current, baseline))


@pytest.mark.parametrize(
    ("base", "head", "slowed"),
    [
        ("pytest-benchmark/base.json", "pytest-benchmark/head.json", "test_bench.py::test_sum_squares"),
        ("hyperfine/base.json", "hyperfine/head.json", "python3 sum_squares.py"),
        ("criterion/criterion-base", "criterion/criterion-head", "checksum/65536"),
        ("google-benchmark/base-rep5.json", "google-benchmark/head-rep5.json", "BM_Checksum/65536"),
    ],
)
def test_real_runs_flag_exactly_the_slowed_benchmark_once(base, head, slowed):
    judgement = _judge_files(base, head)
    gating = [j for j in judgement.judgements if j.gating]
    assert [j.benchmark for j in gating] == [slowed]
    assert gating[0].basis is Basis.SAMPLES and 0.1 < gating[0].worse < 0.3
    others = [j for j in judgement.judgements if j.benchmark != slowed]
    assert all(j.verdict in (Verdict.UNCHANGED, Verdict.INCONCLUSIVE) for j in others)


def test_go_benchmarks_drifting_in_noise_stay_quiet():
    """go test -count 5 on a shared VM: 9 to 14 % between runs, nothing the noise cannot explain."""
    judgement = _judge_files("go/base.txt", "go/head.txt")
    assert not [j for j in judgement.judgements if j.gating]
    memory = [j for j in judgement.judgements if j.metric in ("memory", "allocs")]
    assert all(j.verdict is Verdict.UNCHANGED for j in memory)


def _names(judgements: Sequence[verdict.Judgement]) -> set[str]:
    return {j.benchmark for j in judgements}


def test_single_runs_without_samples_or_history_fall_back_to_the_threshold_rule():
    judgement = _judge_files("google-benchmark/base-norep.json", "google-benchmark/head-norep.json")
    assert {j.basis for j in judgement.judgements} == {Basis.THRESHOLD}
    assert "BM_Checksum/65536" in _names([j for j in judgement.judgements if j.gating])
