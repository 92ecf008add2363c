"""The baseline store: one small interface over where baselines live (a local git branch, or GitHub's API)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from typing import Any

from perfaction import jsonio
from perfaction.baseline.model import Baseline, History
from perfaction.errors import ToolingError, ValidationFailure
from perfaction.identifiers import SUITE
from perfaction.records import datarecord
from perfaction.validation import dumps, ensure_valid

BASELINE_FILE = "baseline.json"
HISTORY_FILE = "history.json"


class StoreConflict(ToolingError):
    """The branch moved between reading it and writing to it: someone else promoted meanwhile."""


@datarecord(frozen=True)
class Actor:
    """The identity a promotion commit is authored and committed by."""

    name: str
    email: str

    @classmethod
    def named(cls, name: str, email: str | None = None) -> Actor:
        """GitHub's no-reply address stands in when the actor has no known e-mail."""
        return cls(name, email or f"{name}@users.noreply.github.com")


@datarecord
class Snapshot:
    """A suite's baseline and history as of one version (commit) of the store."""

    baseline: Baseline
    history: History
    version: str


@datarecord
class LogEntry:
    """One promotion in the store's audit trail: the version it created and the baseline it set."""

    version: str
    baseline: Baseline


@datarecord(frozen=True)
class CommitInfo:
    """Who makes a commit on the branch, when, and its message."""

    message: str
    actor: Actor
    when: str  # RFC 3339; the commit's author and committer date


@datarecord
class Change:
    """The files one promotion writes: a suite's new baseline and history, in one commit."""

    baseline: Baseline
    history: History
    message: str
    actor: Actor

    @property
    def suite(self) -> str:
        return self.baseline.suite

    def commit_info(self) -> CommitInfo:
        return CommitInfo(self.message, self.actor, self.baseline.provenance.promoted_at)

    def files(self) -> dict[str, str]:
        """Path on the branch -> validated, rendered content; an invalid document is never written."""
        documents = {
            (BASELINE_FILE, "baseline"): self.baseline.to_dict(),
            (HISTORY_FILE, "baseline-history"): self.history.to_dict(),
        }
        rendered = {}
        for (name, schema), document in documents.items():
            path = f"{self.suite}/{name}"
            ensure_valid(document, schema, f"{path} (to be written)")
            rendered[path] = dumps(document)
        return rendered


class BaselineStore(ABC):
    """Versioned storage of baselines: backends supply raw reads and an atomic compare-and-swap commit."""

    branch: str

    @abstractmethod
    def tip(self) -> str | None:
        """The branch's current commit, or None before the first promotion."""

    @abstractmethod
    def directories(self, version: str) -> list[str]:
        """The names of the top-level directories at a version."""

    @abstractmethod
    def read_texts(self, wanted: list[tuple[str, str]]) -> list[str | None]:
        """The text of each (version, path), None where the path does not exist."""

    @abstractmethod
    def versions(self, path: str, version: str, limit: int) -> list[str]:
        """The newest `limit` versions up to `version` that changed `path`, newest first."""

    @abstractmethod
    def commit_files(self, files: Mapping[str, str | None], info: CommitInfo, expected: str | None) -> str:
        """Commit these files (None deletes a path) on top of `expected` (None: as the branch's first commit).

        Every other file stays as it was. Raises StoreConflict when the branch is no longer at
        `expected`, so nothing newer is overwritten.
        """

    def commit(self, files: dict[str, str], change: Change, expected: str | None) -> str:
        """Commit one promotion's files on top of `expected` (see commit_files)."""
        return self.commit_files(files, change.commit_info(), expected)

    @abstractmethod
    def is_ancestor(self, commit: str, descendant: str) -> bool | None:
        """Whether a project commit precedes another; None when the project history cannot tell."""

    @abstractmethod
    def commits_between(self, older: str, newer: str) -> int | None:
        """How many project commits lead from `older` to `newer`; None when unknown."""

    @abstractmethod
    def commit_date(self, commit: str) -> str | None:
        """A project commit's committer date (RFC 3339); None when unknown."""

    @abstractmethod
    def resolve(self, revision: str) -> str:
        """The commit a revision names (a sha, a branch, `HEAD~3`); ToolingError, naming it, when none."""

    def reading(self) -> str | None:
        """Where reads come from when that is not simply the branch, for the user to see."""
        return None

    def default_actor(self) -> Actor | None:
        """The identity to promote as when neither --actor nor the CI run names one."""
        return None

    def describe(self, version: str | None) -> str:
        """Where the store points, for messages: the branch and its short commit."""
        return f"{self.branch}@{version[:7]}" if version else f"{self.branch} (not created yet)"

    def suites(self, version: str) -> list[str]:
        """The suites at a version: directories named like a suite (the branch is editable by hand)."""
        return [name for name in self.directories(version) if SUITE.matches(name)]

    def read(self, suite: str, version: str | None = None) -> Snapshot | None:
        """The suite's baseline and history at a version (default: the tip); None if it has no baseline."""
        at = version or self.tip()
        if at is None:
            return None
        baseline_text, history_text = self.read_texts(
            [(at, f"{suite}/{BASELINE_FILE}"), (at, f"{suite}/{HISTORY_FILE}")]
        )
        if baseline_text is None:
            return None
        baseline = Baseline.from_dict(self._load(baseline_text, at, f"{suite}/{BASELINE_FILE}", "baseline"))
        if history_text is None:
            history = History(suite)
        else:
            document = self._load(history_text, at, f"{suite}/{HISTORY_FILE}", "baseline-history")
            history = History.from_dict(document)
        return Snapshot(baseline, history, at)

    def log(self, suite: str, limit: int) -> Iterator[LogEntry]:
        """The suite's promotions, newest first, from the branch's own history (the audit trail).

        Read one at a time, so a search that stops early never loads thirty large baselines.
        """
        tip = self.tip()
        if tip is None:
            return
        path = f"{suite}/{BASELINE_FILE}"
        for version in self.versions(path, tip, limit):
            (text,) = self.read_texts([(version, path)])
            if text is not None:
                yield LogEntry(version, Baseline.from_dict(self._load(text, version, path, "baseline")))

    def write(self, change: Change, expected: str | None) -> str:
        """Commit one promotion atomically on top of `expected`; returns the new version."""
        return self.commit(change.files(), change, expected)

    def iter_texts(self, wanted: list[tuple[str, str]]) -> Iterator[str | None]:
        """read_texts, one at a time; a backend that can overlap reading and using them does."""
        yield from self.read_texts(wanted)

    def documents(self, version: str, paths: list[str], schema: str, *, semantic: bool = True) -> list[Any]:
        """Several files of one version, read in one go, each parsed and validated; None where absent."""
        return list(self.iter_documents(version, paths, schema, semantic=semantic))

    def iter_documents(
        self, version: str, paths: list[str], schema: str, *, semantic: bool = True
    ) -> Iterator[Any]:
        """documents(), one at a time. semantic=False leaves the semantic rules to the caller."""
        texts = self.iter_texts([(version, path) for path in paths])
        for path, text in zip(paths, texts, strict=True):
            yield None if text is None else self._load(text, version, path, schema, semantic=semantic)

    def source(self, version: str, path: str) -> str:
        """How messages name a file of the branch."""
        return f"{self.branch}:{path} at {version[:12]}"

    def _load(self, text: str, version: str, path: str, schema: str, *, semantic: bool = True) -> Any:
        """Branch content is editable by anyone who can push: parse and validate it like any input."""
        source = self.source(version, path)
        size = len(text) if text.isascii() else len(text.encode())  # isascii() is free: str knows
        if size > jsonio.MAX_INPUT_BYTES:
            raise ValidationFailure.single(source, "", "file is larger than the input size limit")
        document = jsonio.parse(text, source)
        ensure_valid(document, schema, source, semantic=semantic)
        return document
