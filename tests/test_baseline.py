"""The baseline documents, the bounded history and the promotion policy, without git."""

from __future__ import annotations

import json

import pytest
from baseline_helpers import report

from perfaction import noise
from perfaction.baseline.model import Baseline, History, Provenance
from perfaction.baseline.policy import promotion_blockers
from perfaction.config import CompareConfig
from perfaction.model import Benchmark, Metric, Report
from perfaction.validation import dumps, problems


def baseline_of(promoted: Report, number: int = 1, **provenance: object) -> Baseline:
    fields = {
        "promoted_by": "alice",
        "promoted_at": f"2026-03-{number:02d}T10:00:00Z",
        "environment_fingerprint": promoted.environment.fingerprint(),
        "source_commit": promoted.commit,
        **provenance,
    }
    return Baseline(promoted, Provenance(**fields))  # type: ignore[arg-type]


def single(name: str, value: float, unit: str, direction: str, benchmark: str = "parse") -> Report:
    return Report(suite="demo", benchmarks=[Benchmark(benchmark, [Metric(name, value, unit, direction)])])


def test_baseline_and_history_documents_round_trip_through_their_schemas():
    promoted = baseline_of(report(), reason="first", run_url="https://ci.example/run/1")
    history = History("demo").recorded(promoted)
    for document, schema in ((promoted.to_dict(), "baseline"), (history.to_dict(), "baseline-history")):
        assert problems(document, schema, "mem") == []
    assert Baseline.from_dict(json.loads(dumps(promoted.to_dict()))) == promoted
    assert History.from_dict(json.loads(dumps(history.to_dict()))) == history


def test_history_points_carry_the_commit_and_date_of_their_promotion():
    history = History("demo")
    for number, value in enumerate((100.0, 98.0, 99.0), start=1):
        history = history.recorded(baseline_of(report(time=value, commit=f"{number:07d}"), number))
    assert history.values("parse", "time") == [100.0, 98.0, 99.0]
    latest = history.points("parse", "time")[-1]
    assert (latest.commit, latest.promoted_at) == ("0000003", "2026-03-03T10:00:00Z")
    assert history.points("parse", "nope") == []


def test_history_keeps_each_promotions_run_location_beside_its_mean():
    outlier_run = [100.0, 101.0, 99.0, 100.5, 99.5, 100.0, 101.0, 99.0, 100.0, 300.0]  # 300: preempted
    metric = Metric("time", sum(outlier_run) / 10, "us", "lower", samples=outlier_run)
    with_samples = Report("demo", [Benchmark("parse", [metric])])
    history = History("demo").recorded(baseline_of(with_samples))
    point = history.series["parse"]["time"].points[0]
    assert point.value == pytest.approx(120.0)  # the report's mean, as shown
    assert point.location == pytest.approx(noise.run_location(outlier_run))
    assert 99.0 < point.location < 101.0  # the outlier does not move the level the verdict compares
    assert problems(history.to_dict(), "baseline-history", "mem") == []
    assert History.from_dict(json.loads(dumps(history.to_dict()))) == history
    in_ns = history.series["parse"]["time"].carried_into("ns", "lower")[0]
    assert in_ns.location == pytest.approx(point.location * 1000)
    without_samples = History("demo").recorded(baseline_of(report()))
    assert without_samples.series["parse"]["time"].points[0].location is None
    assert "location" not in without_samples.to_dict()["series"]["parse"]["time"]["points"][0]


def test_history_keeps_only_the_last_limit_promotions_and_forgets_vanished_benchmarks():
    history = History("demo", limit=3)
    history = history.recorded(baseline_of(report(benchmark="old")))
    for number in range(2, 7):
        history = history.recorded(baseline_of(report(time=100.0 + number), number))
    assert [record.number for record in history.promotions] == [4, 5, 6]
    assert history.values("parse", "time") == [104.0, 105.0, 106.0]
    assert "old" not in history.series
    assert problems(history.to_dict(), "baseline-history", "mem") == []


def test_history_converts_a_changed_unit_and_restarts_a_changed_meaning():
    history = History("demo").recorded(baseline_of(single("rate", 2048.0, "MiB/s", "higher")))
    history = history.recorded(baseline_of(single("rate", 2.5, "GiB/s", "higher"), 2))
    assert history.values("parse", "rate") == [2.0, 2.5]
    assert history.series["parse"]["rate"].unit == "GiB/s"
    history = history.recorded(baseline_of(single("rate", 7.0, "ns", "lower"), 3))
    assert history.values("parse", "rate") == [7.0]


def test_renamed_benchmarks_keep_their_history_through_aliases():
    history = History("demo").recorded(baseline_of(report(benchmark="decode_v1", time=100.0)))
    history = history.recorded(baseline_of(report(benchmark="decode_v1", time=99.0), 2))
    renamed = history.recorded(baseline_of(report(benchmark="decode", time=98.0), 3), {"decode_v1": "decode"})
    assert renamed.values("decode", "time") == [100.0, 99.0, 98.0]
    assert "decode_v1" not in renamed.series
    without_alias = history.recorded(baseline_of(report(benchmark="decode", time=98.0), 3))
    assert without_alias.values("decode", "time") == [98.0]


def test_history_rules_catch_what_the_schema_cannot():
    history = History("demo", limit=2)
    for number in range(1, 3):
        history = history.recorded(baseline_of(report(), number))
    document = history.to_dict()
    document["limit"] = 1
    document["series"]["parse"]["time"]["points"][0]["promotion"] = 2
    document["series"]["parse"]["throughput"]["points"][0]["promotion"] = 9
    found = {(p.pointer, p.message) for p in problems(document, "baseline-history", "h.json")}
    assert found == {
        ("/promotions", "expected at most 1 promotions (the limit), got 2"),
        ("/series/parse/time/points/1/promotion", "expected promotion numbers to increase"),
        ("/series/parse/throughput/points/0/promotion", "promotion 9 is not listed in /promotions"),
        ("/series/parse/throughput/points/1/promotion", "expected promotion numbers to increase"),
    }
    document = history.to_dict()
    document["promotions"].reverse()
    assert [p.pointer for p in problems(document, "baseline-history", "h.json")] == ["/promotions/1/number"]


def test_baseline_schema_requires_a_reason_for_forced_promotions_and_checks_its_report():
    document = baseline_of(report(), forced=True, reason="x").to_dict()
    del document["provenance"]["reason"]
    assert [(p.pointer, p.message) for p in problems(document, "baseline", "b.json")] == [
        ("/provenance", "missing required property 'reason'")
    ]
    document = baseline_of(report()).to_dict()
    document["report"]["benchmarks"].append(document["report"]["benchmarks"][0])
    assert [p.pointer for p in problems(document, "baseline", "b.json")] == ["/report/benchmarks/1/name"]


def test_validate_accepts_the_baseline_kinds(cli, tmp_path):
    promoted = baseline_of(report())
    path = tmp_path / "baseline.json"
    path.write_text(dumps(promoted.to_dict()))
    assert cli("validate", "--kind", "baseline", path).code == 0
    history = tmp_path / "history.json"
    history.write_text(dumps(History("demo").recorded(promoted).to_dict()))
    assert cli("validate", "--kind", "baseline-history", history).code == 0
    assert cli("validate", "--kind", "baseline-history", path).code == 2


@pytest.mark.parametrize(
    ("old", "new", "blocked"),
    [
        (("time", 100.0, "ns", "lower"), ("time", 110.0, "ns", "lower"), False),  # exactly 10 %
        (("time", 100.0, "ns", "lower"), ("time", 110.01, "ns", "lower"), True),
        (("time", 100.0, "ns", "lower"), ("time", 50.0, "ns", "lower"), False),  # faster
        (("rate", 100.0, "MiB/s", "higher"), ("rate", 89.0, "MiB/s", "higher"), True),
        (("rate", 100.0, "MiB/s", "higher"), ("rate", 150.0, "MiB/s", "higher"), False),
        (("rate", 1024.0, "MiB/s", "higher"), ("rate", 0.95, "GiB/s", "higher"), False),  # -5 % across units
        (("rate", 1024.0, "MiB/s", "higher"), ("rate", 0.85, "GiB/s", "higher"), True),
        (("size", 100.0, "B", "lower"), ("size", 900.0, "ns", "lower"), False),  # not comparable
    ],
)
def test_policy_blocks_regressions_beyond_the_fail_threshold(old, new, blocked):
    current = baseline_of(single(*old))
    assert bool(promotion_blockers(current, single(*new), CompareConfig())) is blocked


def test_policy_checks_floors_and_ceilings_like_a_pull_request_but_always_enforces_them():
    floored = Report(
        suite="demo", benchmarks=[Benchmark("parse", [Metric("rate", 94.0, "MiB/s", "higher", floor=95.0)])]
    )
    assert promotion_blockers(None, floored, CompareConfig()) == [
        "parse rate: 94 MiB/s misses its floor of 95 MiB/s"
    ]
    capped = Report(
        suite="demo", benchmarks=[Benchmark("parse", [Metric("rss", 300.0, "MiB", "lower", ceiling=256.0)])]
    )
    assert promotion_blockers(None, capped, CompareConfig()) == [
        "parse rss: 300 MiB misses its ceiling of 256 MiB"
    ]
    assert promotion_blockers(None, report(), CompareConfig()) == []


def test_policy_follows_renamed_benchmarks():
    current = baseline_of(report(benchmark="decode_v1", time=100.0))
    slower = report(benchmark="decode", time=130.0)
    assert promotion_blockers(current, slower, CompareConfig()) == []  # nothing to compare with
    blockers = promotion_blockers(current, slower, CompareConfig(aliases={"decode_v1": "decode"}))
    assert len(blockers) == 1
    assert blockers[0].startswith("decode time: ") and "30.00% worse" in blockers[0]
