"""The runner's side channels: step outputs, the job summary and workflow commands on stdout."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import field
from pathlib import Path

from perfaction.errors import ExitCode
from perfaction.records import datarecord
from perfaction.sizes import JOB_SUMMARY_BYTES

# GitHub refuses to show a step summary larger than this.
SUMMARY_LIMIT_BYTES = JOB_SUMMARY_BYTES


def escape_data(text: str) -> str:
    """Keep a message on one command line: the runner undoes exactly these escapes."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Property values also end at ',' and the properties at ':'."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


@datarecord(frozen=True)
class Annotation:
    """An error, warning or notice the runner pins to a file in the workflow run."""

    level: str
    message: str
    file: str | None = None
    title: str | None = None

    def command(self) -> str:
        properties = ",".join(
            f"{key}={escape_property(value)}"
            for key, value in (("file", self.file), ("title", self.title))
            if value is not None
        )
        separator = " " if properties else ""
        return f"::{self.level}{separator}{properties}::{escape_data(self.message)}"


@datarecord
class StepResult:
    """What a mode tells the runner; the headline is printed to the log, so it holds no input text."""

    exit_code: ExitCode
    headline: str
    summary: str
    annotations: list[Annotation] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)


def output_record(name: str, value: str) -> str:
    """Heredoc form for every value, with a delimiter no value can guess, as the Actions toolkit does."""
    delimiter = f"ghadelimiter_{uuid.uuid4()}"
    return f"{name}<<{delimiter}\n{value}\n{delimiter}\n"


def set_outputs(outputs: Mapping[str, str], environ: Mapping[str, str]) -> None:
    """Append step outputs to $GITHUB_OUTPUT; outside a runner there is nowhere to put them."""
    path = environ.get("GITHUB_OUTPUT")
    if path:
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.writelines(output_record(name, value) for name, value in outputs.items())


def append_summary(markdown: str, environ: Mapping[str, str]) -> None:
    """Append to the job summary, cutting the text rather than losing the whole summary to the limit."""
    path = environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    target = Path(path)
    room = SUMMARY_LIMIT_BYTES - (target.stat().st_size if target.exists() else 0)
    encoded = markdown.encode("utf-8")
    if len(encoded) > room:
        notice = "\n\n*(summary cut at GitHub's 1 MiB limit)*\n"
        cut = room - len(notice)
        if cut <= 0:
            return
        markdown = encoded[:cut].decode("utf-8", errors="ignore") + notice
    with target.open("a", encoding="utf-8") as handle:
        handle.write(markdown)
