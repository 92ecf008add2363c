"""Event payloads for GITHUB_EVENT_PATH, made from GitHub's published webhook examples with our values in."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parent / "data" / "github"


@cache
def _examples(kind: str) -> list[dict[str, Any]]:
    return json.loads((EXAMPLES / f"webhook-examples.{kind}.json").read_text(encoding="utf-8"))


def _retarget_repository(payload: dict[str, Any], full_name: str) -> None:
    """The test server's repository: its name, owner and default branch."""
    owner, name = full_name.split("/")
    repository = payload["repository"]
    repository.update(full_name=full_name, name=name, default_branch="main")
    repository["owner"]["login"] = owner


def pull_request(
    repository: str,
    *,
    number: int,
    head_sha: str,
    head_branch: str,
    base_sha: str,
    head_repository: str | None = None,
    labels: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A `pull_request` synchronize event; `head_repository` other than `repository` makes it a fork's."""
    payload = copy.deepcopy(next(p for p in _examples("pull_request") if p["action"] == "synchronize"))
    _retarget_repository(payload, repository)
    payload["number"] = number
    pull = payload["pull_request"]
    pull["number"] = number
    pull["head"].update(sha=head_sha, ref=head_branch)
    pull["base"]["sha"] = base_sha
    pull["labels"] = [{**label, "name": name} for name in labels for label in pull["labels"][:1]] or [
        {"name": name} for name in labels
    ]
    head_full = head_repository or repository
    head_owner, head_name = head_full.split("/")
    pull["head"]["repo"].update(full_name=head_full, name=head_name, fork=head_full != repository)
    pull["head"]["repo"]["owner"]["login"] = head_owner
    pull["head"]["label"] = f"{head_owner}:{head_branch}"
    payload["after"] = head_sha
    return payload


def workflow_run(
    repository: str,
    *,
    run_id: int,
    head_sha: str,
    head_branch: str,
    head_repository: str | None = None,
    pull_numbers: tuple[int, ...] = (),
) -> dict[str, Any]:
    """A `workflow_run` completed event of a `pull_request` run; forks' runs list no pull requests."""
    payload = copy.deepcopy(_examples("workflow_run.completed")[2])
    _retarget_repository(payload, repository)
    run = payload["workflow_run"]
    run.update(
        id=run_id, head_sha=head_sha, head_branch=head_branch, event="pull_request", conclusion="success"
    )
    head_full = head_repository or repository
    run["head_repository"]["full_name"] = head_full
    run["head_repository"]["name"] = head_full.split("/")[1]
    run["head_repository"]["owner"]["login"] = head_full.split("/")[0]
    template = run["pull_requests"][0]
    run["pull_requests"] = [
        {**copy.deepcopy(template), "number": number, "head": {**template["head"], "sha": head_sha}}
        for number in pull_numbers
    ]
    return payload


def push(repository: str, branch: str, after: str) -> dict[str, Any]:
    """A `push` event, with only what a workflow reads of it: the ref, the commit and the repository.

    The webhook examples hold no push event, so this one takes the repository of a workflow_dispatch's.
    """
    payload = {"ref": f"refs/heads/{branch}", "after": after, "repository": _examples("workflow_dispatch")[0]}
    payload["repository"] = copy.deepcopy(payload["repository"]["repository"])
    _retarget_repository(payload, repository)
    return payload


def workflow_dispatch(repository: str, inputs: dict[str, Any]) -> dict[str, Any]:
    payload = copy.deepcopy(_examples("workflow_dispatch")[0])
    _retarget_repository(payload, repository)
    payload["inputs"] = dict(inputs)
    return payload


def write(path: Path, payload: dict[str, Any]) -> Path:
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path
