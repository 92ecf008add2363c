"""Holds every request and response to GitHub's published OpenAPI description (the 28-operation subset)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.finders import APICallPathFinder
from openapi_schema_validator import OAS30Validator
from werkzeug.datastructures import Headers, ImmutableMultiDict

SPEC_PATH = Path(__file__).resolve().parent / "openapi" / "github-rest-subset.2022-11-28.openapi-core.json"
SPEC_HOST = "https://api.github.com"
MESSAGE_LIMIT = 400

# Error bodies whose `oneOf` members share no required property: every real body matches both, so
# openapi-core rejects them all. Validated as `anyOf` instead (at load time; the file stays as copied).
AMBIGUOUS_ERROR_UNIONS = (
    ("/repos/{owner}/{repo}/contents/{path}", "put", "409"),
    ("/repos/{owner}/{repo}/git/blobs", "post", "422"),
)


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    template: str
    statuses: frozenset[str]
    documentation_url: str


@dataclass(frozen=True)
class Violation:
    """One way our traffic departed from GitHub's description; any of these fails the test."""

    direction: str  # "request", "response", "routing" (outside the subset) or "server" (a bug in the fake)
    method: str
    path: str
    operation_id: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.direction} {self.method} {self.path} [{self.operation_id or '-'}]: {self.message}"


@dataclass(frozen=True)
class SentRequest:
    """A request as the server routed it: operation, path values, query, headers and raw body."""

    operation_id: str
    path_args: Mapping[str, object]
    query: ImmutableMultiDict
    headers: Headers
    body: bytes


@dataclass
class _SpecRequest:
    """openapi-core's request protocol, with the path already normalized for validation."""

    method: str
    path: str
    body: bytes | None
    content_type: str
    parameters: RequestParameters
    host_url: str = SPEC_HOST


@dataclass
class _SpecResponse:
    status_code: int
    data: bytes | None
    content_type: str
    headers: Headers


def _clip(text: str) -> str:
    return text if len(text) <= MESSAGE_LIMIT else text[:MESSAGE_LIMIT] + "…"


def describe(error: BaseException) -> str:
    """The error plus the JSON-schema details openapi-core keeps in its exception chain."""
    details: list[str] = []
    cause: BaseException | None = error
    while cause is not None:
        for schema_error in getattr(cause, "schema_errors", None) or ():
            where = "/".join(str(part) for part in schema_error.absolute_path) or "(root)"
            details.append(f"{where}: {_clip(schema_error.message)}")
        cause = cause.__cause__
    head = f"{type(error).__name__}: {_clip(str(error))}"
    return head if not details else f"{head} ({'; '.join(details)})"


def _admit_null_to_untyped_unions(node: Any) -> None:
    """The validator ignores `nullable` beside a type-less `oneOf` (a commit's author): add a null member."""
    if isinstance(node, dict):
        if node.get("nullable") and "oneOf" in node and "type" not in node:
            node["oneOf"].append({"nullable": True, "enum": [None]})
        for value in node.values():
            _admit_null_to_untyped_unions(value)
    elif isinstance(node, list):
        for value in node:
            _admit_null_to_untyped_unions(value)


def _load_document() -> dict[str, Any]:
    document = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    for path, method, status in AMBIGUOUS_ERROR_UNIONS:
        schema = document["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
        schema["anyOf"] = schema.pop("oneOf")
    _admit_null_to_untyped_unions(document)
    return document


class Contract:
    """The subset, loaded once per process; checks one exchange at a time."""

    def __init__(self) -> None:
        document = _load_document()
        self.openapi = OpenAPI.from_dict(document)
        self._finder = APICallPathFinder(self.openapi.spec)
        self.operations: dict[str, Operation] = {
            spec["operationId"]: Operation(
                spec["operationId"],
                method.upper(),
                template,
                frozenset(spec["responses"]),
                spec["externalDocs"]["url"],
            )
            for template, item in document["paths"].items()
            for method, spec in item.items()
            if method != "parameters"
        }
        schemas = document["components"]["schemas"]
        self._basic_error = OAS30Validator(schemas["basic-error"])
        self._validation_error = OAS30Validator(schemas["validation-error"])

    def validation_path(self, operation_id: str, path_args: Mapping[str, object]) -> str:
        """The operation's template with percent-encoded values: a multi-segment value stays one segment."""
        template = self.operations[operation_id].template
        return template.format_map({name: quote(str(value), safe="") for name, value in path_args.items()})

    def _spec_request(self, sent: SentRequest) -> _SpecRequest:
        return _SpecRequest(
            method=self.operations[sent.operation_id].method.lower(),
            path=self.validation_path(sent.operation_id, sent.path_args),
            body=sent.body or None,
            content_type=sent.headers.get("Content-Type", "application/octet-stream"),
            parameters=RequestParameters(query=sent.query, header=sent.headers, cookie=ImmutableMultiDict()),
        )

    def request_problems(self, sent: SentRequest) -> list[str]:
        request = self._spec_request(sent)
        try:
            found = self._finder.find(request.method, SPEC_HOST + request.path).operation["operationId"]
        except Exception as error:
            return [f"no operation in the description matches: {describe(error)}"]
        if found != sent.operation_id:
            return [f"the server routed this to {sent.operation_id} but the description says {found}"]
        return [describe(error) for error in self.openapi.iter_request_errors(request)]

    def response_problems(self, sent: SentRequest, status: int, headers: Headers, data: bytes) -> list[str]:
        """Documented statuses against the operation; other error statuses against GitHub's error schemas."""
        content_type = headers.get("Content-Type", "")
        if str(status) in self.operations[sent.operation_id].statuses:
            response = _SpecResponse(status, data or None, content_type, headers)
            return [
                describe(error)
                for error in self.openapi.iter_response_errors(self._spec_request(sent), response)
            ]
        if status < 400:
            return [f"status {status} is not documented for {sent.operation_id}"]
        if not content_type.startswith("application/json"):
            return [f"error status {status} answered with {content_type!r}, not JSON"]
        validator = self._validation_error if status == 422 else self._basic_error
        return [
            f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
            for error in validator.iter_errors(json.loads(data))
        ]


@cache
def contract() -> Contract:
    """Loading takes about half a second, so every server in the process shares one."""
    return Contract()
