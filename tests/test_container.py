"""The action image, built from our Dockerfile and run the way the GitHub runner runs a Docker action.

Needs root (it installs Debian packages and starts its own dockerd). It fails, never skips, when
Docker cannot run here: `-m "not container"` deselects it on purpose.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from docker_harness import Engine, Timings, build_action_image, load_base, run_action, running_engine
from receipts import receipt
from runner_contract import StepRun, parse_commands

pytestmark = pytest.mark.container


@dataclass
class Lab:
    engine: Engine
    base: str
    image: str


@pytest.fixture(scope="session")
def lab(request: pytest.FixtureRequest) -> Iterator[Lab]:
    timings = Timings()
    capture = request.config.pluginmanager.getplugin("capturemanager")
    try:
        with running_engine(timings) as engine:
            base = load_base(engine)
            yield Lab(engine, base, build_action_image(engine, base))
    finally:
        with capture.global_and_fixture_disabled():
            print("\n" + timings.report())


BAD_NAME = "perf/bad, run 2: 100%.json"


def _step(lab: Lab, tmp_path: Path, inputs: dict[str, str], **kwargs: object) -> StepRun:
    workspace = {"perf/ok.json": receipt(), BAD_NAME: receipt(unit="furlong")}
    return run_action(lab.engine, lab.image, tmp_path, inputs, workspace, **kwargs)


def test_image_is_root_exec_form_and_carries_no_build_tools(lab: Lab):
    config = json.loads(lab.engine.docker("image", "inspect", lab.image).stdout)[0]["Config"]
    assert config["Entrypoint"] == ["python", "/app/entrypoint.py"]
    assert config["User"] == ""
    probe = "import importlib.util as u; print([m for m in ('pip', 'setuptools', 'wheel') if u.find_spec(m)])"
    tools = lab.engine.docker("run", "--rm", "--network=none", "--entrypoint=python", lab.image, "-c", probe)
    assert tools.stdout.strip() == "[]"


def test_valid_report_passes_with_outputs_and_summary(lab: Lab, tmp_path: Path):
    inputs = {"mode": "validate", "report": "perf/ok.json", "fail-on-regression": "true", "dry-run": "false"}
    step = _step(lab, tmp_path, inputs)
    assert step.code == 0, step.stdout + step.stderr
    assert step.outputs == {"exit-code": "0", "status": "valid"}
    assert step.summary.startswith("## perf-action validate: 1 of 1 files valid\n")
    assert "| perf/ok.json | ✅ perfaction, 1 benchmarks, 1 metrics |" in step.summary
    assert parse_commands(step.stdout) == []


def test_invalid_report_exits_2_with_escaped_annotations(lab: Lab, tmp_path: Path):
    step = _step(lab, tmp_path, {"mode": "validate", "report": "/github/workspace/perf/*.json"})
    assert step.code == 2, step.stdout + step.stderr
    assert step.outputs == {"exit-code": "2", "status": "invalid"}
    assert "::error file=perf/bad%2C run 2%3A 100%25.json,title=invalid report::" in step.stdout
    [annotation] = parse_commands(step.stdout)
    assert annotation.name == "error"
    assert annotation.properties == {"file": BAD_NAME, "title": "invalid report"}
    assert annotation.message.startswith('/benchmarks/0/metrics/0/unit: unknown unit "furlong"')
    assert "perf-action validate: 1 of 2 files valid" in step.summary
    assert (
        '- perf/bad, run 2: 100%.json: /benchmarks/0/metrics/0/unit: unknown unit "furlong"' in step.summary
    )


def test_hyphenated_inputs_reach_the_action(lab: Lab, tmp_path: Path):
    step = _step(lab, tmp_path, {"mode": "validate", "report": "perf/ok.json", "dry-run": "maybe"})
    assert step.code == 4
    assert step.outputs == {"exit-code": "4", "status": "error"}
    [annotation] = parse_commands(step.stdout)
    assert annotation.message == "input 'dry-run': expected true or false, got 'maybe'"


def test_a_shell_in_front_would_drop_hyphenated_inputs(lab: Lab, tmp_path: Path):
    """Why the ENTRYPOINT is exec form: dash, the base's /bin/sh, loses INPUT_DRY-RUN on the way."""
    shell = ["/bin/sh", "-c", "exec python /app/entrypoint.py"]
    step = _step(
        lab, tmp_path, {"mode": "validate", "report": "perf/ok.json", "dry-run": "maybe"}, entrypoint=shell
    )
    assert step.code == 0
    assert step.outputs["status"] == "valid"


def test_missing_report_is_a_tooling_error(lab: Lab, tmp_path: Path):
    step = _step(lab, tmp_path, {"mode": "validate", "report": "results/*.json"})
    assert step.code == 4
    assert step.outputs == {"exit-code": "4", "status": "error"}
    [annotation] = parse_commands(step.stdout)
    assert annotation.message == "input 'report': nothing in the workspace matches 'results/*.json'"
    assert "perf-action failed with exit code 4" in step.summary
