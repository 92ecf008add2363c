"""The README's examples work when pasted: its config parses, its report validates, its commands run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import DATA, ROOT

from perfaction.config import load_config

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_the_config_example_is_valid(tmp_path):
    (example,) = _blocks("toml")
    path = tmp_path / ".perfaction.toml"
    path.write_text(example)
    config = load_config(path).compare
    assert (config.warn_pct, config.fail_pct) == (5, 10)
    assert config.aliases == {"decode/big": "decode/large"}


def test_the_canonical_report_example_validates(tmp_path, cli):
    (example,) = _blocks("json")
    path = tmp_path / "report.json"
    path.write_text(example)
    result = cli("validate", path)
    assert result.code == 0, result.stderr


@pytest.fixture
def project(tmp_path):
    """A user's project: a git repository holding real criterion results."""
    work = tmp_path / "project"
    shutil.copytree(DATA / "real-tools" / "criterion" / "criterion-base", work / "target" / "criterion")
    shutil.copytree(DATA / "real-tools" / "criterion" / "criterion-head", work / "head" / "criterion")
    return work


def test_the_command_line_walkthrough(project, cli):
    subprocess.run(["git", "init", "--quiet", str(project)], check=True)
    env = {"GIT_AUTHOR_NAME": "Release Manager", "GITHUB_ACTOR": "release-manager"}
    steps = [
        (("validate", "target/criterion"), 0),
        (("convert", "target/criterion", "--suite", "parser", "-o", "parser.json"), 0),
        (("baseline", "promote", "parser.json", "--reason", "release 1.4", "--dry-run"), 0),
        (("baseline", "promote", "parser.json", "--reason", "release 1.4"), 0),
        (("convert", "head/criterion", "--suite", "parser", "-o", "head.json"), 0),
        (("compare", "head.json", "--summary-out", "summary.json"), 3),  # checksum/65536 is 20 % slower
        (("compare", "head.json", "--baseline", "parser.json"), 3),
        (("render", "summary.json", "-o", "comment.md"), 0),
        (("summary",), 0),
        (("baseline", "history"), 0),
    ]
    for args, expected in steps:
        result = cli(*args, cwd=project, env=env)
        assert result.code == expected, (args, result.stdout, result.stderr)
    assert "<!-- perfaction:parser -->" in (project / "comment.md").read_text()


def test_the_fork_safe_workflow_shown_is_the_linted_file():
    (shown,) = [block for block in _blocks("yaml") if block.startswith("# docs/workflows/perf-report.yml\n")]
    linted = (ROOT / "docs" / "workflows" / "perf-report.yml").read_text(encoding="utf-8")
    assert shown.removeprefix("# docs/workflows/perf-report.yml\n") == linted


# The files whose tests make up the hostile-input corpus the README counts.
CORPUS = [
    "tests/test_security.py",
    "tests/test_invalid_corpus.py",
    "tests/test_action_github.py::test_a_hostile_artifact_exits_2_without_a_comment",
]


def test_the_hostile_input_corpus_count_is_the_tests():
    stated = re.search(r"Hostile-input corpus: (\d+) cases tried, all refused or inert", README)
    assert stated, "the README states the corpus size"
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *CORPUS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    cases = [line for line in collected.stdout.splitlines() if "::" in line]
    assert len(cases) == int(stated.group(1))
