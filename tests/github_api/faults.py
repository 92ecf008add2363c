"""Faults a test can arm on the server: 5xx bursts, secondary rate limits, slow answers and racing writers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .state import MAINTAINER, State, now

ANY_OPERATION = "*"
MAX_SLOW_SECONDS = 10.0

# What "another writer" does between our read and our write, per operation it can race with.
ConcurrentWrite = Callable[[State, dict[str, Any], dict[str, Any]], None]


def _another_contents_write(state: State, args: dict[str, Any], body: dict[str, Any]) -> None:
    branch = body.get("branch") or state.repository.default_branch
    state.commit_files(
        branch, {args["path"]: b'{"written by": "another job"}\n'}, "Concurrent update", MAINTAINER
    )


def _another_push(state: State, args: dict[str, Any], body: dict[str, Any]) -> None:
    name = f"refs/{args['ref']}"
    head = state.refs.get(name)
    if head is not None:
        state.refs[name] = state.make_commit(
            head,
            {".concurrent-push": b"pushed by another job\n"},
            "Concurrent push",
            MAINTAINER.person(now()),
        )


def _another_ref_create(state: State, args: dict[str, Any], body: dict[str, Any]) -> None:
    state.refs[body["ref"]] = state.branch_head(state.repository.default_branch) or ""


CONCURRENT_WRITES: dict[str, ConcurrentWrite] = {
    "repos/create-or-update-file-contents": _another_contents_write,
    "git/update-ref": _another_push,
    "git/create-ref": _another_ref_create,
}


@dataclass
class Fault:
    operation_id: str
    times: int

    def matches(self, operation_id: str) -> bool:
        return self.times > 0 and self.operation_id in (operation_id, ANY_OPERATION)


@dataclass
class ServerError(Fault):
    status: int = 500


@dataclass
class SecondaryRateLimit(Fault):
    """With `retry_after`: a Retry-After header. Without: remaining 0 and a reset `reset_after` away."""

    status: int = 403
    retry_after: int | None = 1
    reset_after: int = 1


@dataclass
class SlowResponse(Fault):
    """The request is handled (its writes land), then the answer waits `seconds`: a lost response."""

    seconds: float = 0.0


@dataclass
class ConflictingWrite(Fault):
    pass


class Faults:
    """Armed faults, consumed in the order they were armed; `pending()` shows what never fired."""

    def __init__(self) -> None:
        self._armed: list[Fault] = []

    def server_error(self, operation_id: str, times: int = 1, status: int = 500) -> None:
        self._armed.append(ServerError(operation_id, times, status))

    def secondary_rate_limit(
        self,
        operation_id: str,
        times: int = 1,
        status: int = 403,
        retry_after: int | None = 1,
        reset_after: int = 1,
    ) -> None:
        if status not in (403, 429):
            raise ValueError("GitHub answers secondary rate limits with 403 or 429")
        self._armed.append(SecondaryRateLimit(operation_id, times, status, retry_after, reset_after))

    def slow(self, operation_id: str, seconds: float, times: int = 1) -> None:
        if not 0 < seconds <= MAX_SLOW_SECONDS:
            raise ValueError(f"a slow response waits between 0 and {MAX_SLOW_SECONDS} seconds")
        self._armed.append(SlowResponse(operation_id, times, seconds))

    def conflicting_write(self, operation_id: str, times: int = 1) -> None:
        if operation_id not in CONCURRENT_WRITES:
            raise ValueError(
                f"no concurrent writer is modelled for {operation_id}; use one of {sorted(CONCURRENT_WRITES)}"
            )
        self._armed.append(ConflictingWrite(operation_id, times))

    def take(self, kind: type[Fault], operation_id: str) -> Fault | None:
        """Consume one shot of the first armed fault of this kind for the operation."""
        for fault in self._armed:
            if isinstance(fault, kind) and fault.matches(operation_id):
                fault.times -= 1
                return fault
        return None

    def pending(self) -> list[Fault]:
        return [fault for fault in self._armed if fault.times > 0]
