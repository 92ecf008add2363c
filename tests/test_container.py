"""The action image, built from our Dockerfile and run the way the GitHub runner runs a Docker action.

Needs root (it installs Debian packages and starts its own dockerd). It fails, never skips, when
Docker cannot run here: `-m "not container"` deselects it on purpose.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from action_steps import REPO, Runner, encoded, main_run, promote, report, workflow_run_event
from docker_harness import (
    PUSHED_REPOSITORY,
    PUSHED_TAG,
    Delivery,
    Engine,
    Registry,
    Timings,
    deliver,
    load_base,
    publish_base,
    run_action,
    running_engine,
    running_registry,
    wheelhouse,
)
from github_api import GitHubServer
from receipts import receipt
from runner_contract import CONTAINER_PATHS, StepRun, parse_commands

pytestmark = pytest.mark.container


@dataclass
class Lab:
    engine: Engine
    registry: Registry
    delivery: Delivery

    @property
    def image(self) -> str:
        """The image as a release's users get it: pulled by the digest its action.yml names."""
        return self.delivery.pulled


@pytest.fixture(scope="session")
def lab(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    timings = Timings()
    capture = request.config.pluginmanager.getplugin("capturemanager")
    try:
        with running_engine(timings) as engine, running_registry(engine) as registry:
            local_base = load_base(engine)
            wheels = wheelhouse(engine, local_base)
            base = publish_base(engine, registry, local_base)
            delivery = deliver(engine, registry, base, wheels, tmp_path_factory.mktemp("delivery"))
            speedup = delivery.build_seconds / delivery.pull_seconds
            timings.facts += [*delivery.sizes, f"pull + run: {speedup:.1f}x as fast as build + run (one run)"]
            yield Lab(engine, registry, delivery)
    finally:
        with capture.global_and_fixture_disabled():
            print("\n" + timings.report())


BAD_NAME = "perf/bad, run 2: 100%.json"


def _step(lab: Lab, tmp_path: Path, inputs: dict[str, str], **kwargs: object) -> StepRun:
    workspace = {"perf/ok.json": receipt(), BAD_NAME: receipt(unit="")}
    return run_action(lab.engine, lab.image, tmp_path, inputs, workspace, **kwargs)


def test_image_is_root_exec_form_and_carries_no_build_tools_nor_cryptography(lab: Lab):
    """cryptography is left out of the lock: PyGithub needs it only for GitHub App tokens (see Makefile)."""
    config = json.loads(lab.engine.docker("image", "inspect", lab.image).stdout)[0]["Config"]
    assert config["Entrypoint"] == ["python", "-I", "-B", "-u", "/app/entrypoint.py"]
    assert config["User"] == ""
    absent = ("pip", "setuptools", "wheel", "cryptography")
    probe = f"import importlib.util as u; print([m for m in {absent} if u.find_spec(m)])"
    tools = lab.engine.docker("run", "--rm", "--network=none", "--entrypoint=python", lab.image, "-c", probe)
    assert tools.stdout.strip() == "[]"


# Every module under the venv, and whether its bytecode is there and unchecked-hash (flags 0b01): the
# interpreter then loads it as is, whatever the file times, and nothing is compiled when the action starts.
BYTECODE_PROBE = """
import importlib.util, pathlib
modules = list(pathlib.Path("/opt/perfaction/lib").rglob("*.py"))
def flags(source):
    cached = pathlib.Path(importlib.util.cache_from_source(str(source)))
    return int.from_bytes(cached.read_bytes()[4:8], "little") if cached.exists() else None
print(len(modules), sorted({str(flags(m)) for m in modules}))
"""


def test_every_module_ships_bytecode_used_as_is(lab: Lab):
    probe = lab.engine.docker(
        "run", "--rm", "--network=none", "--entrypoint=python", lab.image, "-c", BYTECODE_PROBE
    )
    count, kinds = probe.stdout.split(maxsplit=1)
    assert int(count) > 100  # perf-action and its dependencies
    assert kinds.strip() == "['1']"


def test_a_pythonpath_in_the_jobs_env_does_not_change_what_runs(lab: Lab, tmp_path: Path):
    """The runner passes a job's env into the container; -I keeps the workspace's code out of sys.path."""
    planted = {"planted/perfaction/__init__.py": b"raise SystemExit(97)\n", "perf/ok.json": receipt()}
    inputs = {"mode": "validate", "report": "perf/ok.json"}
    variables = {"PYTHONPATH": "/github/workspace/planted"}
    step = run_action(lab.engine, lab.image, tmp_path / "as-built", inputs, planted, variables=variables)
    assert step.code == 0, step.stdout + step.stderr
    assert step.outputs == {"exit-code": "0", "status": "valid"}
    plain = ["python", "/app/entrypoint.py"]  # the same entry point without -I runs the planted package
    exposed = run_action(
        lab.engine, lab.image, tmp_path / "plain", inputs, planted, variables=variables, entrypoint=plain
    )
    assert exposed.code == 97


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
    assert annotation.message.startswith('/benchmarks/0/metrics/0/unit: "" is not a unit')
    assert "perf-action validate: 1 of 2 files valid" in step.summary
    shown = "- perf/bad, run 2: 100%.json: /benchmarks/0/metrics/0/unit: &quot;&quot; is not a unit"
    assert shown in step.summary


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


# --- the release: the image pulled by the digest the release action.yml names ----------------------


def test_the_release_action_names_the_digest_just_pushed_and_pulls_the_image_built(lab: Lab):
    served, _ = lab.registry.manifest(PUSHED_REPOSITORY, PUSHED_TAG)
    assert served == lab.delivery.pushed_digest
    assert lab.image == f"{lab.registry.address}/{PUSHED_REPOSITORY}@{served}"
    pulled = lab.engine.docker("image", "inspect", "--format", "{{.Id}}", lab.image).stdout.strip()
    assert pulled == lab.delivery.built


def test_the_pulled_image_runs_the_criterion_step_as_the_built_one_does(lab: Lab):
    built, pulled = lab.delivery.built_step, lab.delivery.pulled_step
    assert built.code == 0, built.stdout + built.stderr
    assert built.outputs == {"exit-code": "0", "status": "valid"}
    assert "criterion" in built.summary
    assert (pulled.code, pulled.outputs, pulled.summary) == (built.code, built.outputs, built.summary)


# --- the GitHub flow: promote, then compare a fork's pull request through workflow_run ---------------


def test_promote_then_report_on_a_fork_pull_request_through_the_api(
    lab: Lab, github_server: GitHubServer, tmp_path: Path
):
    """The image talks to the GitHub API test server on the host and downloads from its blob host."""
    action = Runner(github_server, tmp_path, launch=functools.partial(run_action, lab.engine, lab.image))
    promoted = promote(action, main_run(github_server, report()), reason="first baseline")
    assert promoted.code == 0, promoted.stdout + promoted.stderr
    assert promoted.outputs == {"status": "promoted", "exit-code": "0"}
    tip = github_server.state.branch_head("perf-baselines")
    assert tip is not None
    assert tip in promoted.summary

    pull = github_server.state.add_pull_request(fork=True, head_ref="main")
    run = github_server.state.add_pull_request_run(pull)
    github_server.state.add_artifact(run, "perf-json", {"perf/parse.json": encoded(report(scale=1.2))})
    inputs = {"mode": "compare", "artifact-name": "perf-json", "report": "perf/*.json"}
    step = action(inputs, event_name="workflow_run", event=workflow_run_event(run))
    assert step.code == 0, step.stdout + step.stderr

    (comment,) = github_server.state.comments_on(pull.number)
    assert comment.body.startswith("<!-- perfaction:parse -->\n")
    assert "parse/small" in comment.body
    (check,) = github_server.state.check_runs_for(pull.head_sha)
    assert (check.name, check.conclusion) == ("perf-action: parse", "neutral")
    # Every output in heredoc form, each with its own delimiter.
    names = re.findall(r"^([a-z-]+)<<(ghadelimiter_[0-9a-f-]{36})$", step.output_file, re.MULTILINE)
    assert [name for name, _ in names] == [
        "status",
        "regressions",
        "summary-path",
        "comment-url",
        "check-run-id",
        "exit-code",
    ]
    assert len({delimiter for _, delimiter in names}) == len(names)
    summary_path = f"{CONTAINER_PATHS['workspace']}/.perfaction/parse.summary.json"
    assert step.outputs == {
        "status": "failure",
        "regressions": "1",
        "summary-path": summary_path,
        "comment-url": f"{github_server.server_url}/{REPO}/pull/{pull.number}#issuecomment-{comment.id}",
        "check-run-id": str(check.id),
        "exit-code": "0",
    }
    written = json.loads((step.workspace / ".perfaction" / "parse.summary.json").read_text())
    assert (written["suite"], written["status"]) == ("parse", "FAILURE")
    assert step.summary.startswith("## perf-action compare: FAILURE for parse (exit code 0)\n")
    assert "parse/small" in step.summary
    assert f"on #{pull.number}: created" in step.summary
    assert f"on {pull.head_sha[:12]}: neutral" in step.summary

    gated = action(
        {**inputs, "fail-on-regression": "true", "comment": "never"},
        event_name="workflow_run",
        event=workflow_run_event(run),
    )
    assert gated.code == 3, gated.stdout + gated.stderr
    assert (gated.outputs["status"], gated.outputs["exit-code"]) == ("failure", "3")
    assert [c.conclusion for c in github_server.state.check_runs_for(pull.head_sha)] == ["neutral", "failure"]
    assert len(github_server.state.comments_on(pull.number)) == 1
