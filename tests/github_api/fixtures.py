"""pytest fixtures: one server per session, fresh state per test, contract violations fail the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import GitHubServer


@pytest.fixture(scope="session")
def github_server_session() -> Iterator[GitHubServer]:
    server = GitHubServer()
    yield server
    server.close()


@pytest.fixture
def github_server(github_server_session: GitHubServer) -> Iterator[GitHubServer]:
    """The server with fresh state; any request or response that broke the OpenAPI contract fails the test."""
    server = github_server_session
    server.reset()
    yield server
    violations = server.take_violations()
    server.reset()
    if violations:
        pytest.fail(
            "GitHub API contract violations:\n" + "\n".join(f"- {v}" for v in violations), pytrace=False
        )
