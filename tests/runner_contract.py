"""The runner's side of an action step: the folders and variables it sets, and how it reads them back.

Used for the entry point on the host and for the image under Docker, where the runner mounts the
same folders at /github/... and translates the paths in the variables.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

ROOT = Path(__file__).resolve().parent.parent
FILE_COMMANDS = {
    "GITHUB_OUTPUT": "set_output",
    "GITHUB_STEP_SUMMARY": "step_summary",
    "GITHUB_ENV": "set_env",
    "GITHUB_PATH": "add_path",
    "GITHUB_STATE": "save_state",
}
# The runner's own secret in a container action's environment; perf-action must mask it like the token.
RUNTIME_TOKEN = "runtime-token-7f3a9c"  # noqa: S105 - a test value
# Where a Docker action sees each folder the runner prepares.
CONTAINER_PATHS = {
    "workspace": "/github/workspace",
    "file_commands": "/github/file_commands",
    "workflow": "/github/workflow",
    "home": "/github/home",
}


def input_variable(name: str) -> str:
    """The runner upper-cases input names and turns spaces into '_' but keeps hyphens: INPUT_DRY-RUN."""
    return "INPUT_" + name.replace(" ", "_").upper()


@dataclass(frozen=True)
class Link:
    """A symbolic link in the workspace (which a fork's checkout may hold), pointing at `target`."""

    target: str


@dataclass
class StepRun:
    """What one action step left behind: its exit code, its log and its file commands.

    `output_file` is $GITHUB_OUTPUT as written, `workspace` the step's workspace folder on the host.
    """

    code: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str
    output_file: str
    workspace: Path


@dataclass
class Step:
    """The folders of one step on the host: workspace, file commands, workflow (event.json), home."""

    root: Path
    guid: str = field(default_factory=lambda: str(uuid.uuid4()))

    def folder(self, name: str) -> Path:
        return self.root / name

    def prepare(
        self,
        inputs: Mapping[str, str],
        workspace: Mapping[str, bytes | Link],
        *,
        in_container: bool,
        event: Mapping[str, object] | None = None,
        variables: Mapping[str, str] | None = None,
    ) -> dict[str, str]:
        """Lay out the folders and files; return the step's variables, with container or host paths.

        `event` replaces the default workflow_dispatch payload and `variables` override runner variables
        (GITHUB_EVENT_NAME, GITHUB_API_URL, ...).
        """
        for name in CONTAINER_PATHS:
            self.folder(name).mkdir(parents=True, exist_ok=True)
        for relative, content in workspace.items():
            target = self.folder("workspace") / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Link):
                target.symlink_to(content.target)
            else:
                target.write_bytes(content)
        payload = event if event is not None else {"inputs": dict(inputs), "ref": "refs/heads/main"}
        (self.folder("workflow") / "event.json").write_text(json.dumps(payload), encoding="utf-8")
        for kind in FILE_COMMANDS.values():
            (self.folder("file_commands") / f"{kind}_{self.guid}").touch()
        places = (
            CONTAINER_PATHS if in_container else {name: str(self.folder(name)) for name in CONTAINER_PATHS}
        )
        commands = places["file_commands"]
        return {
            **_runner_variables(),
            **(variables or {}),
            "HOME": places["home"],
            "GITHUB_WORKSPACE": places["workspace"],
            "GITHUB_EVENT_PATH": f"{places['workflow']}/event.json",
            **{variable: f"{commands}/{kind}_{self.guid}" for variable, kind in FILE_COMMANDS.items()},
            **{input_variable(name): value for name, value in inputs.items()},
        }

    def result(self, completed: subprocess.CompletedProcess[str]) -> StepRun:
        def written(variable: str) -> str:
            path = self.folder("file_commands") / f"{FILE_COMMANDS[variable]}_{self.guid}"
            return path.read_text(encoding="utf-8")

        output_file = written("GITHUB_OUTPUT")
        return StepRun(
            code=completed.returncode,
            stdout=completed.stdout,
            stderr=completed.stderr,
            outputs=parse_output_file(output_file),
            summary=written("GITHUB_STEP_SUMMARY"),
            output_file=output_file,
            workspace=self.folder("workspace"),
        )


class Launch(Protocol):
    """Runs one action step: entrypoint.py on the host, or the image under Docker."""

    def __call__(
        self,
        step_dir: Path,
        inputs: Mapping[str, str],
        workspace: Mapping[str, bytes | Link],
        *,
        event: Mapping[str, object] | None = None,
        variables: Mapping[str, str] | None = None,
    ) -> StepRun: ...


def run_entrypoint(
    step_dir: Path,
    inputs: Mapping[str, str],
    workspace: Mapping[str, bytes | Link],
    *,
    event: Mapping[str, object] | None = None,
    variables: Mapping[str, str] | None = None,
) -> StepRun:
    """Run entrypoint.py on the host as the runner would run it in the container: same variables."""
    step = Step(step_dir)
    variables = step.prepare(inputs, workspace, in_container=False, event=event, variables=variables)
    outer = ("INPUT_", "GITHUB_", "RUNNER_", "ACTIONS_")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(outer)} | variables
    completed = subprocess.run(
        [sys.executable, str(ROOT / "entrypoint.py")],
        cwd=step.folder("workspace"),
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return step.result(completed)


def _runner_variables() -> dict[str, str]:
    """The variables a hosted runner gives every step, apart from the paths."""
    return {
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "workflow_dispatch",
        "GITHUB_REPOSITORY": "octo-org/octo-repo",
        "GITHUB_REPOSITORY_OWNER": "octo-org",
        "GITHUB_REPOSITORY_ID": "1296269",
        "GITHUB_REPOSITORY_OWNER_ID": "9919",
        "GITHUB_SHA": "6dcb09b5b57875f334f61aebed695e2e4193db5e",
        "GITHUB_REF": "refs/heads/main",
        "GITHUB_REF_NAME": "main",
        "GITHUB_REF_TYPE": "branch",
        "GITHUB_REF_PROTECTED": "false",
        "GITHUB_HEAD_REF": "",
        "GITHUB_BASE_REF": "",
        "GITHUB_RUN_ID": "30433642",
        "GITHUB_RUN_NUMBER": "7",
        "GITHUB_RUN_ATTEMPT": "1",
        "GITHUB_ACTOR": "octocat",
        "GITHUB_ACTOR_ID": "583231",
        "GITHUB_TRIGGERING_ACTOR": "octocat",
        "GITHUB_WORKFLOW": "perf",
        "GITHUB_WORKFLOW_REF": "octo-org/octo-repo/.github/workflows/perf.yml@refs/heads/main",
        "GITHUB_WORKFLOW_SHA": "6dcb09b5b57875f334f61aebed695e2e4193db5e",
        "GITHUB_JOB": "perf",
        "GITHUB_ACTION": "__self",
        "GITHUB_ACTION_PATH": "",
        "GITHUB_ACTION_REPOSITORY": "",
        "GITHUB_ACTION_REF": "",
        "GITHUB_RETENTION_DAYS": "90",
        # Nothing listens there: validate mode must not talk to GitHub at all.
        "GITHUB_API_URL": "http://127.0.0.1:9",
        "GITHUB_GRAPHQL_URL": "http://127.0.0.1:9/graphql",
        "GITHUB_SERVER_URL": "http://127.0.0.1:9",
        "RUNNER_OS": "Linux",
        "RUNNER_ARCH": "X64",
        "RUNNER_NAME": "GitHub Actions 2",
        "RUNNER_ENVIRONMENT": "github-hosted",
        # Host paths the runner does not translate: the action must not rely on them.
        "RUNNER_TEMP": "/home/runner/work/_temp",
        "RUNNER_TOOL_CACHE": "/opt/hostedtoolcache",
        "RUNNER_WORKSPACE": "/home/runner/work/octo-repo",
        "ACTIONS_RUNTIME_URL": "http://127.0.0.1:9/runtime/",
        "ACTIONS_RUNTIME_TOKEN": RUNTIME_TOKEN,
    }


def parse_output_file(text: str) -> dict[str, str]:
    """Read $GITHUB_OUTPUT as the runner does: `name=value` lines and `name<<DELIMITER` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(text.split("\n"))
    for line in lines:
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value: list[str] = []
            for body in lines:
                if body == delimiter:
                    break
                value.append(body)
            else:
                raise ValueError(f"output {name!r}: no closing delimiter {delimiter!r}")
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, single = line.split("=", 1)
            outputs[name] = single
        else:
            raise ValueError(f"not a GITHUB_OUTPUT line: {line!r}")
    return outputs


@dataclass(frozen=True)
class WorkflowCommand:
    name: str
    properties: dict[str, str]
    message: str


def parse_commands(log: str) -> list[WorkflowCommand]:
    """The `::name key=value,...::message` lines of a step's log, unescaped as the runner does."""
    commands = []
    for line in log.splitlines():
        if not line.startswith("::") or "::" not in line[2:]:
            continue
        head, message = line[2:].split("::", 1)
        name, _, raw = head.partition(" ")
        properties = {}
        for pair in filter(None, raw.split(",")):
            key, _, value = pair.partition("=")
            properties[key] = _unescape(value, ("%0D", "%0A", "%3A", "%2C", "%25"))
        commands.append(WorkflowCommand(name.lower(), properties, _unescape(message, ("%0D", "%0A", "%25"))))
    return commands


def _unescape(text: str, sequences: tuple[str, ...]) -> str:
    for escaped in sequences:
        text = text.replace(escaped, chr(int(escaped[1:], 16)))
    return text
