"""The GitHub REST API test server: real HTTP on 127.0.0.1, stateful, held to the OpenAPI subset."""

from __future__ import annotations

import json
import secrets
import threading
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from . import render
from .contract import Contract, SentRequest, Violation, contract
from .faults import CONCURRENT_WRITES, ConflictingWrite, Faults, SecondaryRateLimit, ServerError, SlowResponse
from .handlers import ROUTES, ApiError, Call, Reply, Route
from .render import Urls
from .state import ACTIONS_APP, ACTIONS_BOT, MAINTAINER, Account, App, State, now

API_PREFIX = "/api/v3"
BLOB_PREFIX = "/_blobs/artifacts/"
BLOB_HOST = "localhost"
API_VERSION = "2022-11-28"
RATE_LIMIT = 5000
SCOPES = ("actions", "checks", "contents", "issues", "metadata", "pull_requests")
LEVELS = {"none": 0, "read": 1, "write": 2}
WRITE_TOKEN = "ghs_perfactionWriteToken0000000000000000"  # noqa: S105 - a test token, like GITHUB_TOKEN's form
READ_ONLY_TOKEN = "ghs_perfactionForkReadOnlyToken000000000"  # noqa: S105 - models a fork PR's read-only token
USER_TOKEN = "ghp_perfactionMaintainerToken000000000000"  # noqa: S105 - a maintainer's personal access token
SECONDARY_LIMIT_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
    "If you reach out to GitHub Support for help, please include the request ID {request_id}."
)
SECONDARY_LIMIT_DOCS = (
    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
)


@dataclass(frozen=True)
class Grant:
    """What a token may do, per GITHUB_TOKEN permission scope; metadata is always readable."""

    permissions: Mapping[str, str]
    actor: Account = ACTIONS_BOT
    app: App | None = ACTIONS_APP  # an installation token of this app; None: a user's token (a PAT)

    @classmethod
    def everywhere(cls, level: str) -> Grant:
        return cls(dict.fromkeys(SCOPES, level))

    def allows(self, accepted: str) -> bool:
        """`accepted` is 'a=read,b=write; c=write': any one ';'-separated set suffices."""
        held = {"metadata": "read", **self.permissions}
        return any(
            all(
                LEVELS[held.get(scope, "none")] >= LEVELS[level]
                for scope, level in (p.split("=") for p in option.split(","))
            )
            for option in accepted.split("; ")
        )


@dataclass(frozen=True)
class Exchange:
    """One answered API call; `path` is as the client sent it, below the API prefix."""

    operation_id: str
    method: str
    path: str
    status: int


@dataclass
class _RateCounter:
    reset_at: int = field(default_factory=lambda: int(time.time()) + 3600)
    used: int = 0

    def headers(self) -> dict[str, str]:
        return {
            "x-ratelimit-limit": str(RATE_LIMIT),
            "x-ratelimit-remaining": str(max(RATE_LIMIT - self.used, 0)),
            "x-ratelimit-reset": str(self.reset_at),
            "x-ratelimit-used": str(self.used),
            "x-ratelimit-resource": "core",
        }


class _QuietHandler(WSGIRequestHandler):
    def log(self, *args: Any) -> None:
        """Keep test output for test failures; exchanges are recorded on the server instead."""


def _json_response(status: int, body: Any, headers: Mapping[str, str]) -> Response:
    data = b"" if body is None else json.dumps(body).encode()
    response = Response(data, status=status, headers=dict(headers))
    if body is None:
        response.headers.pop("Content-Type", None)
    else:
        response.headers["Content-Type"] = "application/json; charset=utf-8"
    return response


class GitHubServer:
    """Start once, `reset()` between tests; `.url` is the API base for GITHUB_API_URL, `.state` the world."""

    def __init__(self) -> None:
        self.contract: Contract = contract()
        self._routes = {route.operation_id: route for route in ROUTES}
        self._router = Map(
            [
                Rule(
                    route.rule if route.top_level else f"/repos/<owner>/<repo>{route.rule}",
                    endpoint=route.operation_id,
                    methods=[route.method],
                )
                for route in ROUTES
            ],
            strict_slashes=False,
        )
        self._lock = threading.RLock()
        self._wake = threading.Event()
        self._http = make_server("127.0.0.1", 0, self, threaded=True, request_handler=_QuietHandler)
        port = self._http.server_port
        self.server_url = f"http://127.0.0.1:{port}"
        self.url = f"{self.server_url}{API_PREFIX}"
        self.urls = Urls(api=self.url, web=self.server_url, blobs=f"http://{BLOB_HOST}:{port}{BLOB_PREFIX}")
        self.reset()
        self._thread = threading.Thread(
            target=self._http.serve_forever, args=(0.05,), name="github-test-server", daemon=True
        )
        self._thread.start()

    # -- the test-facing API ----------------------------------------------------------------------------

    def reset(self) -> None:
        """Fresh state, tokens, faults and records; wakes any slow response still waiting."""
        with self._lock:
            self._wake.set()
            self._wake = threading.Event()
            self.state = State()
            self.faults = Faults()
            self.tokens: dict[str, Grant] = {
                WRITE_TOKEN: Grant.everywhere("write"),
                READ_ONLY_TOKEN: Grant.everywhere("read"),
                USER_TOKEN: Grant(dict.fromkeys(SCOPES, "write"), MAINTAINER, app=None),
            }
            self.exchanges: list[Exchange] = []
            self.violations: list[Violation] = []
            self.blob_tickets: dict[str, tuple[int, datetime]] = {}
            self._rate = _RateCounter()

    def close(self) -> None:
        self._wake.set()
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=5)

    def add_token(
        self,
        token: str,
        permissions: Mapping[str, str],
        actor: Account = ACTIONS_BOT,
        app: App | None = ACTIONS_APP,
    ) -> None:
        """E.g. {'contents': 'write', 'checks': 'write', 'issues': 'read'}; unlisted scopes are 'none'.

        By default an installation token of the Actions app (GITHUB_TOKEN); `app=None` and an `actor`
        make a user's personal access token.
        """
        self.tokens[token] = Grant(dict(permissions), actor, app)

    def take_violations(self) -> list[Violation]:
        """Hand over (and forget) the violations, for tests that provoke one on purpose."""
        with self._lock:
            found, self.violations = self.violations, []
        return found

    @property
    def operations_hit(self) -> set[str]:
        return {exchange.operation_id for exchange in self.exchanges}

    # -- WSGI -------------------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        try:
            response = self._respond(request)
        except Exception:
            self._violate("server", request.method, request.path, None, traceback.format_exc())
            response = _json_response(500, {"message": "Server Error"}, {})
        return response(environ, start_response)

    def _violate(
        self, direction: str, method: str, path: str, operation_id: str | None, message: str
    ) -> None:
        with self._lock:
            self.violations.append(Violation(direction, method, path, operation_id, message))

    def _respond(self, request: Request) -> Response:
        if request.host.rsplit(":", 1)[0] == BLOB_HOST:
            return self._serve_blob(request)
        if not request.path.startswith(f"{API_PREFIX}/"):
            return _json_response(404, {"message": "Not Found"}, {})
        path = self._unalias(request.path.removeprefix(API_PREFIX))
        try:
            operation_id, args = self._router.bind("127.0.0.1").match(path, method=request.method)
        except HTTPException:
            self._violate(
                "routing", request.method, path, None, "not one of the operations in the OpenAPI subset"
            )
            return _json_response(
                404, render.error("Not Found", 404, "https://docs.github.com/rest"), self._rate.headers()
            )
        return self._exchange(request, self._routes[operation_id], path, args)

    def _unalias(self, path: str) -> str:
        """/repositories/{id}/... (the form of GitHub's pagination links) means /repos/{owner}/{repo}/..."""
        if not path.startswith("/repositories/"):
            return path
        _, _, repository_id, *rest = path.split("/", 3)
        for repo in self.state.repositories():
            if str(repo.id) == repository_id:
                return f"/repos/{repo.full_name}" + (f"/{rest[0]}" if rest else "")
        return path

    def _exchange(self, request: Request, route: Route, path: str, args: dict[str, Any]) -> Response:
        """Validate the request, answer it (faults first), validate the answer, and record both."""
        owner, repo = args.pop("owner", None), args.pop("repo", None)
        body = request.get_data()
        scope = {} if route.top_level else {"owner": owner, "repo": repo}
        sent = SentRequest(route.operation_id, {**scope, **args}, request.args, request.headers, body)
        request_problems = self.contract.request_problems(sent)
        for problem in request_problems:
            self._violate("request", request.method, path, route.operation_id, problem)
        slow = None
        with self._lock:
            self._rate.used += 1
            try:
                if (
                    not route.top_level
                    and f"{owner}/{repo}".lower() != self.state.repository.full_name.lower()
                ):
                    raise ApiError(404, "Not Found")
                grant = self._admit(request, route)
                if request_problems:
                    raise ApiError(422, f"Invalid request.\n\n{request_problems[0]}")
                payload = json.loads(body) if body else None
                subpath = path.removeprefix(f"/repos/{owner}/{repo}")
                call = Call(
                    self.state,
                    self.urls,
                    args,
                    request.args,
                    payload,
                    grant.actor,
                    subpath,
                    self.blob_tickets,
                    grant.app,
                )
                if self.faults.take(ConflictingWrite, route.operation_id):
                    CONCURRENT_WRITES[route.operation_id](self.state, args, payload or {})
                reply = route.handler(call)
                slow = self.faults.take(SlowResponse, route.operation_id)
            except ApiError as error:
                reply = self._error_reply(error, route)
            headers = {
                **self._rate.headers(),
                **reply.headers,
                "X-GitHub-Api-Version-Selected": API_VERSION,
                "X-GitHub-Request-Id": secrets.token_hex(8).upper(),
            }
            response = _json_response(reply.status, reply.body, headers)
            sent_path = request.path.removeprefix(API_PREFIX)
            self.exchanges.append(Exchange(route.operation_id, request.method, sent_path, reply.status))
            wake = self._wake
        answer = Headers(response.headers)
        for problem in self.contract.response_problems(
            sent, response.status_code, answer, response.get_data()
        ):
            self._violate("response", request.method, path, route.operation_id, problem)
        if isinstance(slow, SlowResponse):
            wake.wait(slow.seconds)
        return response

    def _admit(self, request: Request, route: Route) -> Grant:
        """Token, then armed failures, then permissions: the order a client meets them on GitHub."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if not token:
            raise ApiError(401, "Requires authentication")
        grant = self.tokens.get(token) if scheme.lower() in ("token", "bearer") else None
        if grant is None:
            raise ApiError(401, "Bad credentials")
        failure = self.faults.take(ServerError, route.operation_id)
        if isinstance(failure, ServerError):
            raise ApiError(failure.status, "Server Error")
        limited = self.faults.take(SecondaryRateLimit, route.operation_id)
        if isinstance(limited, SecondaryRateLimit):
            raise self._secondary_limit(limited)
        if not grant.allows(route.permissions):
            raise ApiError(
                403,
                "Resource not accessible by integration",
                headers={"X-Accepted-GitHub-Permissions": route.permissions},
            )
        return grant

    def _secondary_limit(self, fault: SecondaryRateLimit) -> ApiError:
        message = SECONDARY_LIMIT_MESSAGE.format(request_id=secrets.token_hex(8).upper())
        if fault.retry_after is not None:
            headers = {"Retry-After": str(fault.retry_after)}
        else:
            headers = {
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": str(int(time.time()) + fault.reset_after),
            }
        return ApiError(fault.status, message, headers=headers, documentation_url=SECONDARY_LIMIT_DOCS)

    def _error_reply(self, error: ApiError, route: Route) -> Reply:
        documentation = (
            error.documentation_url or self.contract.operations[route.operation_id].documentation_url
        )
        body = render.error(error.message, error.status, documentation)
        if error.errors is not None:
            body["errors"] = error.errors
        return Reply(error.status, body, error.headers)

    # -- the artifact blob host -------------------------------------------------------------------------

    def _serve_blob(self, request: Request) -> Response:
        """Like cloud blob storage behind a signed URL: refuses any Authorization header, the URL expires."""
        if "Authorization" in request.headers:
            self._violate(
                "request",
                request.method,
                request.path,
                None,
                "Authorization header sent to the artifact blob host",
            )
            return _blob_error(
                403, "AuthenticationFailed", "Authorization header is not allowed with a signed URL."
            )
        with self._lock:
            ticket = self.blob_tickets.get(request.path.removeprefix(BLOB_PREFIX))
            artifact = self.state.artifacts.get(ticket[0]) if ticket else None
        if ticket is None or artifact is None or not request.path.startswith(BLOB_PREFIX):
            return _blob_error(404, "BlobNotFound", "The specified blob does not exist.")
        if ticket[1] < now():
            return _blob_error(403, "AuthenticationFailed", "Signed expiry time has passed.")
        return Response(artifact.data, status=200, headers={"Content-Type": "application/zip"})


def _blob_error(status: int, code: str, message: str) -> Response:
    body = f"<?xml version='1.0'?><Error><Code>{code}</Code><Message>{message}</Message></Error>"
    return Response(body, status=status, headers={"Content-Type": "application/xml"})
