"""`.perfaction.toml`: defaults, the documented example, and bad settings that exit 2 naming the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from perfaction.config import Acknowledgement, CompareConfig, Override, Quantity, Slo, load_config
from perfaction.errors import ValidationFailure

DOCS = Path(__file__).resolve().parent.parent / "docs" / "compare.md"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".perfaction.toml"
    path.write_text(text)
    return path


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config()
    assert config.compare == CompareConfig()
    assert (config.compare.warn_pct, config.compare.fail_pct, config.source) == (5.0, 10.0, None)


def test_the_file_in_the_working_directory_is_the_default(tmp_path, monkeypatch):
    _write(tmp_path, "[compare]\nwarn_pct = 3\nfail_pct = 6\n")
    monkeypatch.chdir(tmp_path)
    config = load_config()
    assert (config.compare.warn_pct, config.compare.fail_pct) == (3, 6)
    assert config.source == Path(".perfaction.toml")


def test_the_documented_example_is_valid_and_means_what_the_docs_say(tmp_path):
    example = re.search(r"```toml\n(.*?)```", DOCS.read_text(), re.DOTALL).group(1)
    compare = load_config(_write(tmp_path, example)).compare
    assert compare.min_absolute == Quantity(2, "ns")
    assert compare.environments_comparable == ("runner",)
    assert Override("parse/*", warn_pct=8, fail_pct=15) in compare.overrides
    assert Slo("DISPLAY", "throughput", floor=80, unit="MiB/s") in compare.slos
    assert compare.acknowledged[0] == Acknowledgement(
        "decode/large", "bounds checks added for CVE fix, accepted in #231", "time"
    )
    assert compare.aliases == {"decode/big": "decode/large"}
    settings = compare.settings_for("parse/json", "alloc_bytes")
    assert (settings.warn_pct, settings.fail_pct, settings.direction) == (8, 15, "lower")
    assert compare.settings_for("other", "time").warn_pct == 5
    assert compare.is_ignored("experimental/simd") and not compare.is_ignored("parse/json")


@pytest.mark.parametrize(
    ("text", "pointer", "expected"),
    [
        ("[compare]\nwarn = 5\n", "/compare", "unexpected property 'warn'"),
        ('[compare]\nfail_pct = "10"\n', "/compare/fail_pct", "expected a number, got a string"),
        ("[compare]\nwarn_pct = 12\n", "/compare/warn_pct", "expected warn_pct <= fail_pct"),
        ("[compare]\nenvironments_comparable = ['gpu']\n", "/compare/environments_comparable", "not valid"),
        ('[compare.aliases]\n"a" = "b"\n"b" = "c"\n', "/compare/aliases/a", "itself renamed"),
        (
            '[[compare.override]]\nmetric = "time"\n',
            "/compare/override/0",
            "missing required property 'benchmark'",
        ),
        ('[[compare.slo]]\nbenchmark = "x"\nmetric = "y"\nunit = "MiB"\n', "/compare/slo/0", "not valid"),
        (
            '[[compare.acknowledged]]\nbenchmark = "x"\nreason = ""\n',
            "/compare/acknowledged/0/reason",
            "at least",
        ),
        (
            '[compare]\nmin_absolute = { value = 2, unit = "" }\n',
            "/compare/min_absolute/unit",
            "is not a unit",
        ),
        ("[report]\nx = 1\n", "", "unexpected property 'report'"),
    ],
)
def test_bad_settings_name_their_key(tmp_path, text, pointer, expected):
    with pytest.raises(ValidationFailure) as raised:
        load_config(_write(tmp_path, text))
    found = raised.value.problems
    assert [p.pointer for p in found] == [pointer]
    assert expected in found[0].message
    assert found[0].source.endswith(".perfaction.toml")


def test_toml_syntax_errors_are_validation_failures(tmp_path):
    with pytest.raises(ValidationFailure, match=r"invalid TOML: .*line 2"):
        load_config(_write(tmp_path, "[compare]\nwarn_pct = = 5\n"))


def test_later_overrides_win_key_by_key():
    config = CompareConfig(
        overrides=(
            Override("*", metric="alloc*", direction="lower", warn_pct=20, fail_pct=40),
            Override("parse/*", warn_pct=8),
        )
    )
    settings = config.settings_for("parse/json", "alloc_count")
    assert (settings.direction, settings.warn_pct, settings.fail_pct) == ("lower", 8, 40)
    assert config.settings_for("parse/json", "time").fail_pct == 10


def test_validate_checks_a_config_file(cli, tmp_path):
    good = tmp_path / "good.toml"
    good.write_text("[compare]\nwarn_pct = 4\nfail_pct = 8\n")
    assert cli("validate", "--kind", "config", good).code == 0
    bad = tmp_path / "bad.toml"
    bad.write_text("[compare]\nfail_pct = -1\n")
    result = cli("validate", "--kind", "config", bad)
    assert result.code == 2
    assert result.stderr.startswith(f"{bad}: /compare/fail_pct: ")
