"""A faithful, stateful GitHub REST API test server (see docs/github-test-server.md)."""

from .server import READ_ONLY_TOKEN, USER_TOKEN, WRITE_TOKEN, GitHubServer

__all__ = ["READ_ONLY_TOKEN", "USER_TOKEN", "WRITE_TOKEN", "GitHubServer"]
