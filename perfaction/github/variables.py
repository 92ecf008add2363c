"""What GitHub Actions' variables say about the run, for a face to read once into a RunContext.

Apart from the event context (context.py), so that the command line reads them at little cost.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from perfaction.run_context import RunContext, Runner

# Secrets the runner puts in a container action's environment besides the token.
MASK = "***"
RUNNER_SECRETS = ("ACTIONS_RUNTIME_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN")


def secrets(environ: Mapping[str, str], token: str) -> tuple[str, ...]:
    """Every value that must never reach the log or GitHub: the token in the forms a checkout stores it
    (`.git/config` holds base64 of `x-access-token:TOKEN`), and the runner's own secrets."""
    import base64  # noqa: PLC0415 - only the action holds a token; `perfaction render` reads the run's facts

    found = [environ.get(name, "") for name in RUNNER_SECRETS]
    if token:
        found += [token, base64.b64encode(f"x-access-token:{token}".encode()).decode()]
    return tuple(sorted({value for value in found if value}, key=len, reverse=True))


def masked(text: str, hidden: tuple[str, ...]) -> str:
    """The text with each secret replaced by ***, longest first so no part of a longer one shows."""
    for secret in hidden:
        text = text.replace(secret, MASK)
    return text


def run_url(server_url: str | None, repository: str | None, run_id: object) -> str | None:
    """The page of a workflow run, when the runner names all three parts."""
    if not (server_url and repository and run_id):
        return None
    return f"{server_url}/{repository}/actions/runs/{run_id}"


def run_context(environ: Mapping[str, str], workspace: Path | None = None) -> RunContext:
    """What GitHub Actions says about the run, where it says anything: a face calls this once.

    Outside Actions every fact is None; the workspace is GITHUB_WORKSPACE, else the given one, else
    the working directory.
    """
    # GitHub-hosted runners set these two mixed-case names.
    image = " ".join(filter(None, (environ.get("ImageOS"), environ.get("ImageVersion")))) or None
    repository, run_id = environ.get("GITHUB_REPOSITORY"), environ.get("GITHUB_RUN_ID")
    return RunContext(
        workspace=Path(environ.get("GITHUB_WORKSPACE") or workspace or Path.cwd()),
        actor=environ.get("GITHUB_ACTOR") or None,
        repository=repository or None,
        run_id=run_id or None,
        run_attempt=int(attempt) if (attempt := environ.get("GITHUB_RUN_ATTEMPT", "")).isdigit() else None,
        run_url=run_url(environ.get("GITHUB_SERVER_URL"), repository, run_id),
        runner=Runner(
            image=image,
            os=environ.get("RUNNER_OS") or None,
            arch=environ.get("RUNNER_ARCH") or None,
            environment=environ.get("RUNNER_ENVIRONMENT") or None,
        ),
    )
