"""The action's runner contract on the host: inputs, file commands, annotations and the job summary.

entrypoint.py runs as a subprocess with the variables and folders the runner gives a Docker step;
tests/test_container.py runs the same contract inside the built image.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from receipts import receipt
from runner_contract import ROOT, input_variable, parse_commands, parse_output_file, run_entrypoint

from perfaction import action
from perfaction.github.runner import SUMMARY_LIMIT_BYTES, Annotation, append_summary, output_record

# --- escaping and file commands -----------------------------------------------------------------


def test_annotation_properties_and_message_survive_the_runner_parser():
    hostile = "a%b\r\nc:d,e::error::injected"
    command = Annotation("error", hostile, file=hostile, title="t, 1: x").command()
    assert "\n" not in command
    assert "\r" not in command
    [parsed] = parse_commands(command)
    assert (parsed.name, parsed.message) == ("error", hostile)
    assert parsed.properties == {"file": hostile, "title": "t, 1: x"}


def test_annotation_without_properties():
    assert Annotation("warning", "50% slower\n").command() == "::warning::50%25 slower%0A"


def test_output_records_keep_multiline_values_and_never_share_a_delimiter():
    value = "line one\nEOF\n\nghadelimiter_\nlast="
    first, second = output_record("body", value), output_record("body", value)
    assert first.split("\n")[0] != second.split("\n")[0]
    assert parse_output_file(first + output_record("n", "1")) == {"body": value, "n": "1"}


def test_summary_is_cut_at_githubs_limit_with_a_notice(tmp_path: Path):
    summary = tmp_path / "summary.md"
    summary.write_text("x" * (SUMMARY_LIMIT_BYTES - 1000))
    append_summary("é" * 2000, {"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert len(text.encode()) <= SUMMARY_LIMIT_BYTES
    assert text.endswith("*(summary cut at GitHub's 1 MiB limit)*\n")
    assert "é" in text


def test_summary_with_no_room_left_is_not_touched(tmp_path: Path):
    summary = tmp_path / "summary.md"
    summary.write_text("x" * SUMMARY_LIMIT_BYTES)
    append_summary("more", {"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.stat().st_size == SUMMARY_LIMIT_BYTES


# --- action.yml and the code agree ---------------------------------------------------------------


def _metadata() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_code_defaults_match_action_yml():
    """`uses: docker://...` skips action.yml, so the code must fall back to the same defaults."""
    inputs = _metadata()["inputs"]
    assert {name: inputs[name]["default"] for name in action.DEFAULTS} == action.DEFAULTS


def test_every_input_the_code_reads_and_output_it_writes_is_declared():
    metadata = _metadata()
    read = {name.replace("_", "-") for name in action.Inputs.__dataclass_fields__}
    assert read <= set(metadata["inputs"])
    assert {"exit-code", "status"} <= set(metadata["outputs"])
    documented = metadata["inputs"]["mode"]["description"]
    assert all(f"`{mode}`" in documented for mode in action.MODES)


def test_input_variable_names_keep_hyphens():
    assert input_variable("fail-on-regression") == "INPUT_FAIL-ON-REGRESSION"
    assert input_variable("check name") == "INPUT_CHECK_NAME"
    assert action.read_input({"INPUT_DRY-RUN": " true "}, "dry-run") == "true"


# --- validate mode, end to end on the host -------------------------------------------------------


def test_absent_inputs_take_the_defaults(tmp_path: Path):
    step = run_entrypoint(tmp_path, {"mode": "validate", "report": "perf"}, {"perf/a.json": receipt()})
    assert step.code == 0, step.stdout + step.stderr
    assert step.outputs == {"exit-code": "0", "status": "valid"}
    assert "| perf/a.json | ✅ perfaction, 1 benchmarks, 1 metrics |" in step.summary


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"mode": "benchmark"}, f"input 'mode': expected one of {', '.join(action.MODES)}, got 'benchmark'"),
        ({"mode": ""}, "input 'mode': expected one of "),
        ({"format": "csv"}, "input 'format': expected one of auto, "),
        (
            {"comment": "sometimes"},
            "input 'comment': expected one of always, changed, regressions, never, got 'some",
        ),
        ({"fail-on-regression": "yes"}, "input 'fail-on-regression': expected true or false, got 'yes'"),
        ({"report": ""}, "input 'report': give a path or glob in the workspace, such as perf/*.json"),
        ({"report": "/etc/passwd"}, "input 'report': /etc/passwd is outside the workspace"),
        ({"report": "perf/*.xml"}, "input 'report': nothing in the workspace matches 'perf/*.xml'"),
        ({"report": "../*"}, "leads outside the workspace"),
    ],
)
def test_bad_inputs_are_tooling_errors_naming_the_input(tmp_path: Path, inputs: dict, message: str):
    step = run_entrypoint(tmp_path / "step", {"mode": "validate", "report": "perf", **inputs}, {})
    assert step.code == 4
    assert step.outputs == {"exit-code": "4", "status": "error"}
    [annotation] = parse_commands(step.stdout)
    assert message in annotation.message
    assert "Traceback" not in step.stderr


def test_a_symlink_out_of_the_workspace_is_refused(tmp_path: Path):
    secret = tmp_path / "secret.json"
    secret.write_bytes(receipt())
    step_dir = tmp_path / "step"
    (step_dir / "workspace").mkdir(parents=True)
    (step_dir / "workspace" / "link.json").symlink_to(secret)
    step = run_entrypoint(step_dir, {"mode": "validate", "report": "*.json"}, {})
    assert step.code == 2
    message = parse_commands(step.stdout)[0].message
    assert message == "link.json: (root): is a symbolic link leading outside the workspace"


def test_hostile_text_stays_literal_in_the_summary(tmp_path: Path):
    workspace = {"perf/<img src=x>|1.json": receipt(unit="<b>|[x](y) ")}
    step = run_entrypoint(tmp_path, {"mode": "validate", "report": "perf/*.json"}, workspace)
    assert step.code == 2
    assert "<" not in step.summary
    assert "| perf/&lt;img src=x&gt;\\|1.json | ❌ 1 problem\\(s) |" in step.summary
    assert "&quot;&lt;b&gt;\\|\\[x\\]\\(y) &quot;" in step.summary
    [annotation] = parse_commands(step.stdout)
    assert annotation.properties["file"] == "perf/<img src=x>|1.json"


def test_annotations_stop_at_ten_and_the_summary_lists_the_rest(tmp_path: Path):
    workspace = {f"perf/{n:02}.json": receipt(unit="") for n in range(12)}
    step = run_entrypoint(tmp_path, {"mode": "validate", "report": "perf/*.json"}, workspace)
    assert step.code == 2
    annotations = parse_commands(step.stdout)
    assert [a.properties["file"] for a in annotations] == [f"perf/{n:02}.json" for n in range(10)]
    assert "perf-action: 2 more problems are listed in the job summary" in step.stdout
    assert step.summary.count("&quot;&quot; is not a unit") == 12
    assert step.summary.startswith("## perf-action validate: 0 of 12 files valid\n")


def test_unreadable_report_outranks_invalid_data(tmp_path: Path):
    workspace = {"perf/bad.json": receipt(unit=""), "perf/dir.json/inner": b""}
    inputs = {"mode": "validate", "report": "perf/*.json", "format": "perfaction"}
    step = run_entrypoint(tmp_path, inputs, workspace)
    assert step.code == 4
    assert step.outputs["status"] == "error"
    messages = {a.properties["file"]: a.message for a in parse_commands(step.stdout)}
    assert messages["perf/dir.json"].endswith("is a directory, expected a file")
    assert messages["perf/bad.json"].startswith('/benchmarks/0/metrics/0/unit: "" is not a unit')


def test_outside_a_runner_only_the_exit_code_and_log_remain(tmp_path: Path):
    (tmp_path / "a.json").write_bytes(receipt())
    completed = subprocess.run(
        [sys.executable, str(ROOT / "entrypoint.py")],
        cwd=tmp_path,
        env={input_variable("mode"): "validate", input_variable("report"): "a.json"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "perf-action validate: 1 of 1 files valid\n"
