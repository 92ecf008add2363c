"""Exit codes and the errors that map onto them, shared by the CLI and the action."""

from __future__ import annotations

from enum import IntEnum

from perfaction.records import datarecord


class ExitCode(IntEnum):
    """One meaning per code, everywhere perf-action runs."""

    OK = 0
    INVALID = 2
    REGRESSION = 3
    TOOLING = 4


@datarecord(frozen=True)
class Problem:
    """One thing wrong with an input, located precisely enough to fix it."""

    source: str
    pointer: str
    message: str

    def __str__(self) -> str:
        where = self.pointer if self.pointer else "(root)"
        return f"{self.source}: {where}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        return {"file": self.source, "pointer": self.pointer, "message": self.message}


class PerfactionError(Exception):
    """Base for errors that end a command with a documented exit code."""

    exit_code: ExitCode = ExitCode.TOOLING


class ValidationFailure(PerfactionError):
    """The data is bad: the user must fix the input, not the tool."""

    exit_code = ExitCode.INVALID

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def single(cls, source: str, pointer: str, message: str) -> ValidationFailure:
        return cls([Problem(source, pointer, message)])


class ToolingError(PerfactionError):
    """Bad usage, I/O or network trouble: the data may be fine."""

    exit_code = ExitCode.TOOLING
