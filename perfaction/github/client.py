"""The one door to GitHub's API: timeouts on every call, bounded retries, and a token that never leaks.

Only the GitHub modes and the `github` baseline store import this module (and with it PyGithub and
requests), so that `perfaction validate` and the other local commands never pay for them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any

import requests
from github import Auth, Github, GithubException
from requests.adapters import HTTPAdapter
from urllib3.exceptions import InvalidHeader, MaxRetryError, ResponseError
from urllib3.util.retry import Retry

from perfaction.errors import ToolingError
from perfaction.github.variables import masked
from perfaction.records import datarecord

if TYPE_CHECKING:
    from github.Repository import Repository
    from urllib3.response import BaseHTTPResponse

# Whole seconds (PyGithub insists) before a connection or a read gives up.
DEFAULT_TIMEOUT = 30
MAX_RETRIES = 4
# Waits between retries of a 5xx: 0, 2, 4, 8 times this many seconds.
BACKOFF_FACTOR = 0.5
# Seconds of waiting for retries over the whole process, so a flaky API cannot stretch a job unboundedly.
RETRY_BUDGET = 120.0
# A single wait longer than this (e.g. a primary rate limit resetting in 40 minutes) is not worth it.
LONGEST_WAIT = 60.0
RETRY_STATUSES = frozenset({403, 429, 500, 502, 503, 504})
# GitHub asks for pauses between content-creating requests; we make a handful, so a short one suffices
# (PyGithub's default second per write would add seconds to every job).
SECONDS_BETWEEN_WRITES = 0.1
PER_PAGE = 100


class GitHubError(ToolingError):
    """A GitHub API call failed; says which call, with which status, in words safe to print."""

    def __init__(self, what: str, status: int | None, detail: str) -> None:
        self.what = what
        self.status = status
        self.detail = detail
        code = f"HTTP {status}: " if status else ""
        super().__init__(f"{what} failed: {code}{detail}")

    @property
    def forbidden(self) -> bool:
        return self.status == 403

    @property
    def read_only_token(self) -> bool:
        """GitHub's answer to a write with a read-only token, e.g. in a workflow run for a fork PR."""
        return self.status == 403 and "not accessible by integration" in self.detail.lower()


@datarecord
class RetryBudget:
    """Seconds of retry waiting left, shared by every request of the process."""

    seconds: float


class GitHubRetry(Retry):
    """urllib3 retries for GitHub: 5xx and rate limits (with their stated waits), within a time budget.

    Writes are retried too (PyGithub's default leaves PATCH out): a 5xx or a rate limit means GitHub did
    not do the work. A POST whose answer timed out is not retried, because GitHub may have done it, and a
    second comment or check run is worse than a reported failure.
    """

    def __init__(self, budget: RetryBudget, wait: float = 0.0, **kwargs: Any) -> None:
        self.budget = budget
        self.wait = wait
        kwargs.setdefault("total", MAX_RETRIES)
        kwargs.setdefault("status_forcelist", RETRY_STATUSES)
        kwargs.setdefault("allowed_methods", frozenset({"GET", "HEAD", "POST", "PATCH", "PUT", "DELETE"}))
        kwargs.setdefault("backoff_factor", BACKOFF_FACTOR)
        kwargs.setdefault("raise_on_status", False)
        super().__init__(**kwargs)

    def new(self, **kwargs: Any) -> GitHubRetry:
        kwargs.setdefault("budget", self.budget)
        return super().new(**kwargs)

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: Any = None,
    ) -> GitHubRetry:
        if error is not None and method == "POST" and self._is_read_error(error):
            raise error.with_traceback(_stacktrace)
        stated = None
        if response is not None:
            stated = self._stated_wait(response)
            if stated is None and response.status == 403:
                # A plain 403 is a permission problem: waiting will not grant the permission.
                raise MaxRetryError(_pool, url, ResponseError("forbidden"))
        retry = super().increment(method, url, response, error, _pool, _stacktrace)
        wait = retry.get_backoff_time() if stated is None else stated
        if wait > min(self.budget.seconds, LONGEST_WAIT):
            reason = ResponseError(f"a retry would wait {wait:.0f} s, over the retry budget")
            raise MaxRetryError(_pool, url, error or reason)
        self.budget.seconds -= wait
        retry.wait = wait
        return retry

    def _stated_wait(self, response: BaseHTTPResponse) -> float | None:
        """The wait GitHub asks for: Retry-After, or the reset of an exhausted rate limit."""
        headers = response.headers
        retry_after = headers.get("Retry-After")
        if retry_after:
            try:
                return self.parse_retry_after(retry_after)
            except InvalidHeader:  # unreadable: fall back to the backoff
                return None
        reset = headers.get("x-ratelimit-reset")
        if headers.get("x-ratelimit-remaining") == "0" and reset and reset.isdigit():
            return max(0.0, int(reset) - time.time()) + 1.0
        return None

    def sleep(self, response: BaseHTTPResponse | None = None) -> None:  # noqa: ARG002 - urllib3's signature
        if self.wait > 0:
            time.sleep(self.wait)


class Client:
    """One repository on one GitHub (github.com or GHES), through PyGithub and a requests session."""

    def __init__(
        self,
        token: str,
        api_url: str,
        repository: str,
        timeout: int = DEFAULT_TIMEOUT,
        backoff_factor: float = BACKOFF_FACTOR,
        *,
        secrets: tuple[str, ...] = (),
    ) -> None:
        if not token:
            raise ToolingError("no GitHub token: set the github-token input (default: ${{ github.token }})")
        self.token = token
        self.secrets = tuple(sorted({token, *secrets} - {""}, key=len, reverse=True))
        self.api_url = api_url.rstrip("/")
        self.repository = repository
        self.timeout = timeout
        self.budget = RetryBudget(RETRY_BUDGET)
        self.backoff_factor = backoff_factor

    def mask(self, text: str) -> str:
        """Hide the token and every other secret: for messages, and for every body posted to GitHub."""
        return masked(text, self.secrets)

    def retry(self) -> GitHubRetry:
        return GitHubRetry(budget=self.budget, backoff_factor=self.backoff_factor)

    @cached_property
    def github(self) -> Github:
        return Github(
            auth=Auth.Token(self.token),
            base_url=self.api_url,
            timeout=self.timeout,
            retry=self.retry(),
            per_page=PER_PAGE,
            seconds_between_requests=None,
            seconds_between_writes=SECONDS_BETWEEN_WRITES,
        )

    @cached_property
    def repo(self) -> Repository:
        with self.calling(f"reading the repository {self.repository}"):
            return self.github.get_repo(self.repository)

    @cached_property
    def session(self) -> requests.Session:
        """For what PyGithub does not do well (artifact downloads); carries no credentials by itself."""
        session = requests.Session()
        adapter = HTTPAdapter(max_retries=self.retry())
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.headers["User-Agent"] = "perf-action"
        return session

    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "Accept": "application/vnd.github+json"}

    @contextmanager
    def calling(self, what: str) -> Iterator[None]:
        """Turn PyGithub and requests failures into a GitHubError that names the call and hides the token."""
        try:
            yield
        except GithubException as exc:
            raise GitHubError(what, exc.status, self.mask(_github_detail(exc.data))) from None
        except requests.RequestException as exc:
            detail = _request_detail(exc)
            raise GitHubError(what, None, self.mask(detail)) from None


def _github_detail(data: Any) -> str:
    """GitHub's message plus its validation errors, short enough for a log line."""
    if isinstance(data, dict):
        parts = [str(data.get("message") or "no message")]
        for error in data.get("errors") or []:
            if isinstance(error, dict):
                parts.append(str(error.get("message") or error.get("code") or error))
            else:
                parts.append(str(error))
        text = "; ".join(parts)
    else:
        text = str(data or "no response body")
    return text if len(text) <= 300 else text[:297] + "..."


def _request_detail(exc: Exception) -> str:
    if isinstance(exc, requests.Timeout):
        return "no answer within the timeout"
    if isinstance(exc, requests.ConnectionError):
        return f"cannot connect ({type(exc).__name__})"
    return type(exc).__name__
