"""The canonical model, the unit registry, the validation mechanism and the exit-code contract."""

from __future__ import annotations

import json

import pytest

from perfaction import units
from perfaction.errors import ValidationFailure
from perfaction.model import Benchmark, Environment, Metric, Report
from perfaction.validation import dumps, problems, write_json


def _report(**metric: object) -> Report:
    fields = {"name": "time", "value": 12.5, "unit": "ns", "direction": "lower", **metric}
    return Report(suite="demo", benchmarks=[Benchmark("bench/a", [Metric(**fields)])])


def test_report_round_trips_through_its_schema():
    report = _report(samples=[12.0, 12.5, 13.0])
    document = report.to_dict()
    assert problems(document, "perf-report", "mem") == []
    again = Report.from_dict(json.loads(dumps(document)))
    assert again == report
    assert document["benchmarks"][0]["metrics"][0]["percentiles"] == {"p50": 12.5, "p90": 12.9, "p99": 12.99}


@pytest.mark.parametrize(
    ("change", "pointer", "expected"),
    [
        ({"unit": ""}, "/benchmarks/0/metrics/0/unit", '"" is not a unit'),
        ({"unit": " ms"}, "/benchmarks/0/metrics/0/unit", '" ms" is not a unit'),
        ({"value": -1}, "/benchmarks/0/metrics/0/value", ">= 0"),
        ({"direction": "up"}, "/benchmarks/0/metrics/0/direction", "expected one of: higher, lower"),
        ({"value": "fast"}, "/benchmarks/0/metrics/0/value", "expected a number, got a string"),
    ],
)
def test_schema_problems_name_pointer_and_expectation(change, pointer, expected):
    found = problems(_report(**change).to_dict(), "perf-report", "r.json")
    assert [p.pointer for p in found] == [pointer]
    assert expected in found[0].message
    assert str(found[0]).startswith(f"r.json: {pointer}: ")


def test_duplicate_benchmark_names_are_rejected():
    document = _report().to_dict()
    document["benchmarks"].append(document["benchmarks"][0])
    found = problems(document, "perf-report", "r.json")
    assert [(p.pointer, "duplicate benchmark name" in p.message) for p in found] == [
        ("/benchmarks/1/name", True)
    ]


def test_write_json_refuses_invalid_documents_and_leaves_nothing(tmp_path):
    target = tmp_path / "out.json"
    with pytest.raises(ValidationFailure):
        write_json(target, _report(value=-5).to_dict(), "perf-report")
    assert list(tmp_path.iterdir()) == []
    write_json(target, _report().to_dict(), "perf-report")
    assert json.loads(target.read_text())["suite"] == "demo"


def test_unit_conversion_across_binary_and_decimal_prefixes():
    assert units.convert(1.0, "GiB/s", "MiB/s") == 1024.0
    assert units.convert(1500.0, "ns", "us") == 1.5
    assert units.lookup("µs").symbol == "us"
    with pytest.raises(units.UnknownUnit):
        units.convert(1.0, "ns", "B/s")


def test_a_unit_outside_the_registry_is_opaque_and_converts_only_into_itself():
    percent = units.lookup("Percent")
    assert (percent.symbol, percent.opaque) == ("Percent", True)
    assert units.convert(50.0, "Percent", "Percent") == 50.0
    for other in ("percent", "%", "Megabytes"):  # "percent" is a known spelling of %; the others differ
        with pytest.raises(units.UnknownUnit):
            units.convert(50.0, "Percent", other)
    assert units.format_quantity(1234.5, "Megabytes") == "1,234 Megabytes"


def test_environment_fingerprint_ignores_kernel_and_case_of_os():
    one = Environment(os="Linux", kernel="6.1", cpu_model="EPYC", cores=2)
    two = Environment(os="linux", kernel="6.8", cpu_model="EPYC", cores=2)
    three = Environment(os="linux", kernel="6.8", cpu_model="EPYC", cores=4)
    assert one.fingerprint() == two.fingerprint() != three.fingerprint()


def test_environment_fingerprint_is_the_sha256_of_its_identity():
    """Stored baselines carry fingerprints: the built-in SHA-256 must give hashlib's digest."""
    import hashlib

    environment = Environment(os="Linux", kernel="6.1", cpu_model="EPYC 7763", cores=4, runner="ubuntu-24.04")
    identity = {
        "os": "linux",
        "cpu_model": "EPYC 7763",
        "cores": 4,
        "runner": "ubuntu-24.04",
        "toolchain": None,
    }
    expected = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:16]
    assert environment.fingerprint() == expected


@pytest.mark.parametrize("columns", [None, "50", "0", "-3", "wide"])
def test_help_is_as_wide_as_argparse_would_make_it(monkeypatch, columns):
    """The CLI sizes its help itself (shutil loads bz2 and lzma); it must agree with shutil's answer."""
    import shutil

    from perfaction.cli import terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns


def test_usage_errors_exit_4_not_2(cli):
    result = cli("validate")
    assert result.code == 4
    assert "required" in result.stderr


def test_missing_file_is_a_tooling_error(cli, tmp_path):
    result = cli("validate", tmp_path / "nope.json")
    assert result.code == 4
    assert "no such file" in result.stderr


def test_convert_writes_a_valid_canonical_report(cli, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(_report().to_dict()))
    out = tmp_path / "out.json"
    result = cli("convert", source, "--suite", "renamed", "-o", out)
    assert result.code == 0, result.stderr
    converted = json.loads(out.read_text())
    assert converted["suite"] == "renamed"
    assert converted["environment"]["cores"] >= 1
    assert cli("validate", out, "--json").code == 0


def test_every_registered_reader_declares_its_format_name():
    from perfaction.ingest import READERS, reader

    assert [reader(fmt).FORMAT for fmt in READERS] == list(READERS)


def test_validate_imports_only_what_validation_needs(tmp_path):
    """Cold start: `perfaction validate` never loads PyGithub, requests, jinja2 or the later stages."""
    import subprocess
    import sys

    from conftest import ROOT

    code = (
        "import sys; from perfaction.cli import main\n"
        "assert main(['validate', sys.argv[1]]) == 0\n"
        "heavy = ['github', 'requests', 'jinja2', 'perfaction.compare', 'perfaction.baseline',\n"
        "         'perfaction.render']\n"
        "loaded = [name for name in heavy if name in sys.modules]\n"
        "assert not loaded, loaded"
    )
    receipt = ROOT / "examples" / "data" / "copybook-head.json"
    result = subprocess.run(
        [sys.executable, "-c", code, receipt], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_compare_and_render_leave_out_modules_only_errors_and_the_action_need(tmp_path):
    """Cold start: compare never loads OpenSSL (hashlib) or shutil; neither command loads traceback or base64.

    render loads hashlib and shutil anyway, through jinja2; these are the modules beyond that.
    """
    import subprocess
    import sys

    from conftest import ROOT

    data = ROOT / "examples" / "data"
    summary, comment = tmp_path / "summary.json", tmp_path / "comment.md"
    compare = [
        "compare",
        str(data / "copybook-head.json"),
        "--baseline",
        str(data / "copybook-baseline.json"),
    ]
    commands = {
        "compare": ([*compare, "--summary-out", str(summary), "--fail-on", "never"], "hashlib shutil"),
        "render": (["render", str(summary), "-o", str(comment)], ""),
    }
    for name, (arguments, also_absent) in commands.items():
        code = (
            "import sys; from perfaction.cli import main\n"
            "assert main(sys.argv[1:]) == 0\n"
            f"absent = ['traceback', 'base64', *{also_absent.split()!r}]\n"
            "loaded = [name for name in absent if name in sys.modules]\n"
            "assert not loaded, loaded"
        )
        result = subprocess.run(
            [sys.executable, "-c", code, *arguments], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, (name, result.stderr)
    assert comment.read_text(encoding="utf-8").strip()
