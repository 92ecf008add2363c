"""Who, what and where a workflow run is about, from the runner's environment and the event payload.

The payload is written by the runner, but many of its strings come from whoever opened the pull
request (a fork's branch name, its repository name): each value used is checked against its shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfaction import jsonio
from perfaction.errors import ToolingError, ValidationFailure
from perfaction.github.variables import run_context, run_url
from perfaction.identifiers import FULL_SHA, REF_NAME, REPOSITORY
from perfaction.records import datarecord
from perfaction.run_context import RunContext

if TYPE_CHECKING:
    from perfaction.github.client import Client


@datarecord(frozen=True)
class PullRequest:
    """A pull request as far as perf-action cares: its number, the commit its checks belong to, the commit
    its base branch was at (for the merge-base) and its labels (an acknowledgement may be one)."""

    number: int
    head_sha: str
    head_branch: str | None = None
    head_repository: str | None = None
    base_sha: str | None = None
    labels: tuple[str, ...] = ()


@datarecord(frozen=True)
class WorkflowRun:
    """The run that triggered a `workflow_run` event: where its artifacts live and what it built."""

    run_id: int
    head_sha: str
    head_branch: str | None
    head_repository: str | None
    event: str | None
    conclusion: str | None
    pull_numbers: tuple[int, ...] = ()

    @property
    def head_owner(self) -> str | None:
        return self.head_repository.split("/", 1)[0] if self.head_repository else None


@datarecord(frozen=True)
class Context:
    """The runner's environment and event, typed and checked."""

    event_name: str
    repository: str
    api_url: str
    server_url: str
    workspace: Path
    run_id: int | None = None
    run_attempt: int | None = None
    sha: str | None = None
    ref: str | None = None
    actor: str | None = None
    pull_request: PullRequest | None = None
    workflow_run: WorkflowRun | None = None
    inputs: dict[str, str] = field(default_factory=dict)
    run: RunContext = field(default_factory=lambda: RunContext(Path.cwd()))

    @property
    def run_url(self) -> str | None:
        return run_url(self.server_url, self.repository, self.run_id)

    @property
    def head_sha(self) -> str | None:
        """The commit results belong to: the PR head, never the merge commit GITHUB_SHA names for PRs."""
        if self.pull_request is not None:
            return self.pull_request.head_sha
        if self.workflow_run is not None:
            return self.workflow_run.head_sha
        return self.sha

    @property
    def owner(self) -> str:
        return self.repository.split("/", 1)[0]


def load_context(environ: Mapping[str, str]) -> Context:
    """Read GITHUB_* and the event payload; a missing or malformed runner variable is a tooling error."""
    repository = _required(environ, "GITHUB_REPOSITORY")
    if not REPOSITORY.matches(repository):
        raise ToolingError(f"GITHUB_REPOSITORY={repository!r} is not owner/name")
    event_name = environ.get("GITHUB_EVENT_NAME", "")
    payload = _payload(environ.get("GITHUB_EVENT_PATH"))
    context = Context(
        event_name=event_name,
        repository=repository,
        api_url=environ.get("GITHUB_API_URL") or "https://api.github.com",
        server_url=environ.get("GITHUB_SERVER_URL") or "https://github.com",
        workspace=Path(environ.get("GITHUB_WORKSPACE") or Path.cwd()),
        run_id=_optional_int(environ, "GITHUB_RUN_ID"),
        run_attempt=_optional_int(environ, "GITHUB_RUN_ATTEMPT"),
        sha=environ.get("GITHUB_SHA") or None,
        ref=environ.get("GITHUB_REF") or None,
        actor=environ.get("GITHUB_ACTOR") or None,
        pull_request=_pull_request(payload) if event_name.startswith("pull_request") else None,
        workflow_run=_workflow_run(payload) if event_name == "workflow_run" else None,
        inputs=_inputs(payload) if event_name == "workflow_dispatch" else {},
    )
    return replace(context, run=replace(run_context(environ), commit=context.head_sha))


def _required(environ: Mapping[str, str], name: str) -> str:
    value = environ.get(name)
    if not value:
        raise ToolingError(f"{name} is not set: perf-action's GitHub modes run inside GitHub Actions")
    return value


def _optional_int(environ: Mapping[str, str], name: str) -> int | None:
    value = environ.get(name)
    if not value:
        return None
    if not value.isdigit():
        raise ToolingError(f"{name}={value!r} is not a number")
    return int(value)


def _payload(path: str | None) -> dict[str, Any]:
    if not path:
        return {}
    try:
        document = jsonio.load(Path(path))
    except ValidationFailure as failure:
        raise ToolingError(f"the event payload GITHUB_EVENT_PATH is unreadable: {failure}") from None
    if not isinstance(document, dict):
        raise ToolingError("the event payload GITHUB_EVENT_PATH is not a JSON object")
    return document


def _field(document: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(document, dict):
            return None
        document = document.get(key)
    return document


def _sha(value: Any, where: str) -> str:
    if not FULL_SHA.matches(value):
        raise ToolingError(f"event payload: {where} is not a commit sha")
    return value


def _branch(value: Any) -> str | None:
    return value if REF_NAME.matches(value) else None


def _repository(value: Any) -> str | None:
    return value if REPOSITORY.matches(value) else None


def _number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _pull_request(payload: dict[str, Any]) -> PullRequest:
    number = _number(_field(payload, "pull_request", "number"))
    if number is None:
        raise ToolingError("event payload: pull_request.number is missing")
    base = _field(payload, "pull_request", "base", "sha")
    return PullRequest(
        number=number,
        head_sha=_sha(_field(payload, "pull_request", "head", "sha"), "pull_request.head.sha"),
        head_branch=_branch(_field(payload, "pull_request", "head", "ref")),
        head_repository=_repository(_field(payload, "pull_request", "head", "repo", "full_name")),
        base_sha=base if FULL_SHA.matches(base) else None,
        labels=_label_names(_field(payload, "pull_request", "labels")),
    )


def _label_names(listed: Any) -> tuple[str, ...]:
    names = (_field(label, "name") for label in (listed if isinstance(listed, list) else []))
    return tuple(name for name in names if isinstance(name, str))


def _workflow_run(payload: dict[str, Any]) -> WorkflowRun:
    run = _field(payload, "workflow_run")
    run_id = _number(_field(run, "id"))
    if run_id is None:
        raise ToolingError("event payload: workflow_run.id is missing")
    listed = _field(run, "pull_requests")
    found = (_number(_field(item, "number")) for item in (listed if isinstance(listed, list) else []))
    numbers = tuple(number for number in found if number is not None)
    return WorkflowRun(
        run_id=run_id,
        head_sha=_sha(_field(run, "head_sha"), "workflow_run.head_sha"),
        head_branch=_branch(_field(run, "head_branch")),
        head_repository=_repository(_field(run, "head_repository", "full_name")),
        event=_field(run, "event") if isinstance(_field(run, "event"), str) else None,
        conclusion=_field(run, "conclusion") if isinstance(_field(run, "conclusion"), str) else None,
        pull_numbers=numbers,
    )


def _inputs(payload: dict[str, Any]) -> dict[str, str]:
    """workflow_dispatch inputs as the strings the runner passes on (booleans as "true"/"false")."""
    raw = payload.get("inputs")
    if not isinstance(raw, dict):
        return {}
    inputs = {}
    for key, value in raw.items():
        if isinstance(value, bool):
            inputs[key] = "true" if value else "false"
        elif isinstance(value, str | int | float):
            inputs[key] = str(value)
    return inputs


# --- finding the pull request of a workflow_run --------------------------------------------------


def find_pull_request(context: Context, client: Client, hint: int | None = None) -> PullRequest | None:
    """The pull request a run's results are about, as GitHub has it now (labels change after the event).

    A pull_request event names it; for a workflow_run it is found from the run's head commit (see
    `resolve_pull_request`); other events are about no pull request. Never taken from an artifact:
    `hint` is only a candidate, checked like the others.
    """
    if context.pull_request is not None:
        return _current(client, context.pull_request)
    if context.workflow_run is not None:
        return resolve_pull_request(client, context.workflow_run, hint)
    return None


def _current(client: Client, pull: PullRequest) -> PullRequest:
    """The event's pull request re-read: a re-run replays the event, whose labels may be stale."""
    with client.calling(f"reading pull request #{pull.number}"):
        found, _ = _read_pull(client, pull.number)
    return replace(pull, labels=found.labels)


def _read_pull(client: Client, number: int) -> tuple[PullRequest, bool]:
    """pulls/get, inside the caller's `calling`: the pull request and whether it is open."""
    pull = client.repo.get_pull(number)
    return _from_api(pull), pull.state == "open"


def resolve_pull_request(client: Client, run: WorkflowRun, hint: int | None = None) -> PullRequest | None:
    """The open pull request whose head is the run's head commit in the run's head repository, or None.

    GitHub lists the pull requests only for same-repository branches; for a fork's it sends none. Then
    the open pull requests from the run's head owner and branch are listed (GitHub filters them by
    `head`), every page, and kept only when their head is the run's commit in the run's repository:
    nothing is cut before it is checked, so other forks' pull requests at the same commit cannot crowd
    the right one out. A number written into an artifact (`hint`) comes last, and is believed only
    when that pull request itself says the same.
    """
    for number in run.pull_numbers:
        found = _pull_if_head(client, number, run)
        if found is not None:
            return found
    found = _open_pull_from_head(client, run)
    if found is None and hint:
        found = _pull_if_head(client, hint, run)
    return found


def _open_pull_from_head(client: Client, run: WorkflowRun) -> PullRequest | None:
    if run.head_owner is None or run.head_branch is None:
        return None
    head = f"{run.head_owner}:{run.head_branch}"
    with client.calling(f"listing the open pull requests from {head}"):
        for pull in client.repo.get_pulls(state="open", head=head):
            found = _from_api(pull)
            if found.head_sha == run.head_sha and found.head_repository == run.head_repository:
                return found
    return None


def _from_api(pull: Any) -> PullRequest:
    """A pull request as the API returns it (listed or read), checked like the event payload."""
    head_repo = pull.head.repo
    return PullRequest(
        number=pull.number,
        head_sha=pull.head.sha,
        head_branch=_branch(pull.head.ref),
        head_repository=_repository(head_repo.full_name) if head_repo is not None else None,
        base_sha=pull.base.sha,
        labels=tuple(label.name for label in pull.labels),
    )


def _pull_if_head(client: Client, number: int, run: WorkflowRun) -> PullRequest | None:
    from perfaction.github.client import GitHubError  # noqa: PLC0415 - urllib3: the CLI reads this module at start

    try:
        with client.calling(f"reading pull request #{number}"):
            found, is_open = _read_pull(client, number)
    except GitHubError as error:
        if error.status == 404:
            return None
        raise
    same_repository = run.head_repository is None or found.head_repository == run.head_repository
    return found if is_open and found.head_sha == run.head_sha and same_repository else None
