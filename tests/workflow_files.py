"""The example workflows as the runner reads them: each job's perf-action step with its `with:` inputs,
its `if:` condition and its `permissions:`, evaluated against an event payload.

The evaluator knows exactly the expression forms the examples use: a context path (`inputs.run-id`,
`github.event.workflow_run.conclusion`, `github.token`) and, in `if:`, a path compared with a quoted
string. Anything else fails the test, so a workflow edit that needs more is noticed, not misread. It is
stricter than GitHub in one way: a path that names nothing is an error, not an empty string.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from github_api.server import SCOPES
from runner_contract import ROOT

WORKFLOWS = ROOT / "docs" / "workflows"
ACTION = "perf-action/perf-action@v1"
CHECKOUT = "actions/checkout@"
_NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
_PATH = re.compile(rf"^{_NAME}(?:\.{_NAME})*$")
_COMPARISON = re.compile(rf"^({_NAME}(?:\.{_NAME})*)\s*(==|!=)\s*'([^']*)'$")
_EMBEDDED = re.compile(r"\$\{\{(.*?)\}\}")
LEVELS = ("read", "write")


class UnknownExpression(AssertionError):
    """An expression this evaluator was not written for: extend it deliberately, never guess."""


@dataclass(frozen=True)
class Contexts:
    """The expression contexts a job sees: `github` (event, event_name, token) and `inputs`."""

    event_name: str
    event: Mapping[str, Any]
    token: str

    def value(self, path: str) -> Any:
        if not _PATH.match(path):
            raise UnknownExpression(f"not a context path: {path!r}")
        names = {
            "github": {"event": self.event, "event_name": self.event_name, "token": self.token},
            # workflow_dispatch's inputs; GitHub gives other events none.
            "inputs": self.event.get("inputs", {}) if self.event_name == "workflow_dispatch" else {},
        }
        found: Any = names
        for part in path.split("."):
            if not isinstance(found, Mapping) or part not in found:
                raise UnknownExpression(f"{path!r} names nothing in the {self.event_name} contexts")
            found = found[part]
        return found

    def condition(self, text: str) -> bool:
        """A job's `if:`, with or without `${{ }}`; GitHub compares strings ignoring case."""
        expression = text.strip()
        wrapped = _EMBEDDED.fullmatch(expression)
        expression = (wrapped.group(1) if wrapped else expression).strip()
        compared = _COMPARISON.match(expression)
        if compared is None:
            raise UnknownExpression(f"not a condition this test knows: {text!r}")
        path, operator, literal = compared.groups()
        equal = str(self.value(path)).casefold() == literal.casefold()
        return equal if operator == "==" else not equal

    def substitute(self, text: str) -> str:
        """A `with:` value: every `${{ path }}` replaced by the value's string form."""
        return _EMBEDDED.sub(lambda match: _text(self.value(match.group(1).strip())), text)


def _text(value: Any) -> str:
    """A scalar as the runner passes it on: booleans and numbers as their text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    raise UnknownExpression(f"{value!r} is not a scalar this test knows how to pass on")


@dataclass(frozen=True)
class Job:
    """One job of a workflow: where it runs perf-action, under which condition and with which token."""

    workflow: str
    name: str
    definition: Mapping[str, Any]
    permissions: dict[str, str]

    @property
    def condition(self) -> str | None:
        return self.definition.get("if")

    @property
    def steps(self) -> list[Mapping[str, Any]]:
        return self.definition["steps"]

    def action_step(self, mode: str | None = None) -> Mapping[str, Any]:
        """The job's perf-action step, or the one in `mode` when it has several."""
        (step,) = (
            step
            for step in self.steps
            if step.get("uses") == ACTION and mode in (None, step.get("with", {}).get("mode"))
        )
        return step

    def checkout(self, contexts: Contexts) -> str | None:
        """The ref the job's actions/checkout step checks out; None without one, "" for the event's own."""
        found = [step for step in self.steps if step.get("uses", "").startswith(CHECKOUT)]
        if not found:
            return None
        (step,) = found
        options = step.get("with", {})
        assert options.get("persist-credentials") is False, f"{self.workflow} {self.name}: token kept"
        return contexts.substitute(_text(options.get("ref", "")))

    def inputs(self, contexts: Contexts, mode: str | None = None) -> dict[str, str]:
        """INPUT_* as the runner sets them: the `with:` values evaluated, then action.yml's defaults."""
        declared = action_inputs()
        given = {
            name: contexts.substitute(_text(value)) for name, value in self.action_step(mode)["with"].items()
        }
        undeclared = set(given) - set(declared)
        assert not undeclared, (
            f"{self.workflow} {self.name}: inputs action.yml does not declare: {undeclared}"
        )
        inputs = {}
        for name, spec in declared.items():
            if name in given:
                inputs[name] = given[name]
            else:
                assert not spec.get("required"), f"{self.workflow} {self.name}: required input {name} missing"
                inputs[name] = contexts.substitute(_text(spec.get("default", "")))
        return inputs


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: Mapping[str, Any]) -> Mapping[str, Any]:
    """`on:`, which YAML 1.1 (PyYAML) reads as the key True."""
    return workflow.get("on", workflow.get(True))


def action_inputs() -> dict[str, dict[str, Any]]:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"]


def job(name: str, job_name: str) -> Job:
    workflow = load(name)
    definition = workflow["jobs"][job_name]
    return Job(
        name, job_name, definition, permissions(definition.get("permissions", workflow.get("permissions")))
    )


def permissions(declared: Any) -> dict[str, str]:
    """A `permissions:` mapping as the test server's scopes; `read-all` and friends are not used here."""
    if not isinstance(declared, Mapping):
        raise UnknownExpression(f"permissions {declared!r}: give each scope explicitly")
    granted = {}
    for scope, level in declared.items():
        name = scope.replace("-", "_")
        if name not in SCOPES or level not in (*LEVELS, "none"):
            raise UnknownExpression(f"permission {scope}: {level} is not one the test server models")
        granted[name] = level
    return granted
