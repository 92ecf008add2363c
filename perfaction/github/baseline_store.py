"""The `github` backend: baselines on a branch of a GitHub repository, for the action (it has no checkout).

A promotion is one commit over both files through the Git Data API: a tree built on the parent's
tree (other suites stay as they are), a commit whose parent is the tip that was read, and a ref
update without `force`. GitHub refuses that update (422) unless it is a fast-forward from where
the branch is now, so a promotion that raced another one never overwrites it: it is reported as
a conflict, and the caller re-reads, re-judges and retries.

Files are read and written through the Git Data API (tree listings and blobs), never the contents
API, so files over its 1 MB limit work too (blobs go up to 100 MB).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from github import GithubException, InputGitAuthor, InputGitTreeElement

from perfaction.baseline.store import BaselineStore, CommitInfo, StoreConflict
from perfaction.errors import ToolingError
from perfaction.github.client import Client
from perfaction.identifiers import COMMIT_ID, DEFAULT_BRANCH, END
from perfaction.records import datarecord

if TYPE_CHECKING:
    from github.Repository import Repository

DEFAULT_API_URL = "https://api.github.com"
# What may name a commit in a compare URL: a sha, or a branch or tag name (no "..." of its own).
_REVISION = re.compile(rf"^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._/-]{{0,254}}{END}")
# How far back along the branch `versions` looks for a suite's promotions (two API calls per commit).
MAX_COMMITS_WALKED = 200
# Listings and blobs are immutable (named by their object ids), so they are read once per process.
MAX_CACHED_LISTINGS = 256
MAX_CACHED_BLOBS = 64
_CONFLICT_STATUSES = (409, 422)


@datarecord(frozen=True)
class _Comparison:
    """What the compare API says about two commits."""

    status: str
    ahead_by: int
    merge_base: str


class GitHubStore(BaselineStore):
    """A branch of a GitHub repository, read and written through the REST API."""

    def __init__(
        self, repository: Repository, branch: str = DEFAULT_BRANCH, mask: Callable[[str], str] = str
    ) -> None:
        self.repository = repository
        self.mask = mask  # every text posted to GitHub is masked, commit messages too
        self.branch = branch
        self.ref = f"heads/{branch}"
        self._listings: dict[str, dict[str, tuple[str, str]]] = {}
        self._blobs: dict[str, str] = {}

    @classmethod
    def from_environment(cls, environ: Mapping[str, str], branch: str = DEFAULT_BRANCH) -> GitHubStore:
        """The run's own repository, with the run's token, as GitHub Actions names them to a face."""
        name, token = environ.get("GITHUB_REPOSITORY"), environ.get("GITHUB_TOKEN")
        if not name or not token:
            raise ToolingError("the github baseline store needs GITHUB_REPOSITORY and GITHUB_TOKEN")
        # The action's client: timeouts on every call, bounded retries, the token kept out of messages.
        client = Client(token, environ.get("GITHUB_API_URL") or DEFAULT_API_URL, name)
        return cls(client.repo, branch)

    # --- reading ------------------------------------------------------------------------------

    def tip(self) -> str | None:
        # PyGithub fetches a ref lazily, on first attribute access: read it inside the call.
        return self._call(
            "read the branch", lambda: self.repository.get_git_ref(self.ref).object.sha, missing=None
        )

    def directories(self, version: str) -> list[str]:
        tree = self._call("list the branch", lambda: self.repository.get_git_tree(version))
        return [entry.path for entry in tree.tree if entry.type == "tree"]

    def read_texts(self, wanted: list[tuple[str, str]]) -> list[str | None]:
        """Through the Git Data API (a tree listing, then blobs), which serves files up to 100 MB."""
        texts: list[str | None] = []
        for version, path in wanted:
            entry = self._listing(version).get(path)
            texts.append(self._blob_text(entry[1]) if entry is not None and entry[0] == "blob" else None)
        return texts

    def _listing(self, version: str) -> dict[str, tuple[str, str]]:
        """Every path of a version with its type and object id, read once: versions never change."""
        cached = self._listings.get(version)
        if cached is not None:
            return cached
        tree = self._call("list the branch", lambda: self.repository.get_git_tree(version, recursive=True))
        if tree.raw_data.get("truncated"):
            raise ToolingError(f"{self.branch}@{version[:12]} has too many files to list through the API")
        listing = {entry.path: (entry.type, entry.sha) for entry in tree.tree}
        if len(self._listings) >= MAX_CACHED_LISTINGS:
            self._listings.clear()
        self._listings[version] = listing
        return listing

    def _blob_text(self, sha: str) -> str:
        cached = self._blobs.get(sha)
        if cached is None:
            blob = self._call("read a file", lambda: self.repository.get_git_blob(sha))
            raw = base64.b64decode(blob.content) if blob.encoding == "base64" else blob.content.encode()
            cached = raw.decode("utf-8", errors="replace")
            if len(self._blobs) >= MAX_CACHED_BLOBS:
                self._blobs.clear()
            self._blobs[sha] = cached
        return cached

    def versions(self, path: str, version: str, limit: int) -> list[str]:
        """Walk the branch's first parents, keeping the commits that changed `path`'s blob."""
        found: list[str] = []
        pending: tuple[str, str] | None = None  # a commit holding the file, until its parent is known
        sha: str | None = version
        for _ in range(MAX_COMMITS_WALKED):
            if sha is None:
                break
            commit = self._call("read a commit", lambda at=sha: self.repository.get_git_commit(at))
            entry = self._listing(commit.sha).get(path)
            blob = entry[1] if entry is not None else None
            if pending is not None and pending[1] != blob:
                found.append(pending[0])
                if len(found) == limit:
                    return found
            pending = (sha, blob) if blob is not None else None
            sha = commit.parents[0].sha if commit.parents else None
        if sha is None and pending is not None:  # the branch's first commit created the file
            found.append(pending[0])
        return found[:limit]

    # --- writing ------------------------------------------------------------------------------

    def commit_files(self, files: Mapping[str, str | None], info: CommitInfo, expected: str | None) -> str:
        """One commit through the Git Data API; each file goes up as a blob, so sizes up to 100 MB work."""
        elements = [
            InputGitTreeElement(path, "100644", "blob", sha=None if text is None else self._write_blob(text))
            for path, text in files.items()
        ]
        parent = (
            self._call("read the tip", lambda: self.repository.get_git_commit(expected)) if expected else None
        )
        base = {"base_tree": parent.tree} if parent else {}
        tree = self._call("write the tree", lambda: self.repository.create_git_tree(elements, **base))
        person = InputGitAuthor(info.actor.name, info.actor.email, info.when)
        parents = [parent] if parent else []
        commit = self._call(
            "write the commit",
            lambda: self.repository.create_git_commit(self.mask(info.message), tree, parents, person, person),
        )
        self._move_branch(commit.sha, expected)
        return commit.sha

    def _write_blob(self, text: str) -> str:
        blob = self._call("write a file", lambda: self.repository.create_git_blob(text, "utf-8"))
        return blob.sha

    def _move_branch(self, new: str, expected: str | None) -> None:
        """A fast-forward only (or creating the branch): GitHub's answer is the compare-and-swap."""
        try:
            if expected is None:
                self.repository.create_git_ref(f"refs/{self.ref}", new)
            else:
                ref = self.repository.get_git_ref(self.ref)
                if ref.object.sha != expected:  # also loads the ref: PATCH needs the URL GitHub returns
                    raise StoreConflict(f"{self.branch} moved meanwhile")
                ref.edit(new, force=False)
        except GithubException as error:
            if error.status in _CONFLICT_STATUSES and self.tip() != expected:
                raise StoreConflict(
                    f"{self.branch} moved meanwhile (GitHub answered {error.status})"
                ) from None
            raise _tooling("move the branch", error) from None

    # --- the project's history ----------------------------------------------------------------

    def is_ancestor(self, commit: str, descendant: str) -> bool | None:
        """From GitHub's comparison: `descendant` is ahead of (or at) `commit` when `commit` precedes it."""
        found = self._compare(commit, descendant)
        return None if found is None else found.status in ("ahead", "identical")

    def commits_between(self, older: str, newer: str) -> int | None:
        """`ahead_by` counts the commits of `newer` that `older` lacks, as `git rev-list --count` does."""
        found = self._compare(older, newer)
        return None if found is None else found.ahead_by

    def merge_base(self, base: str, head: str) -> str | None:
        """Where a pull request's head branched off its base; None when GitHub knows either commit not."""
        found = self._compare(base, head)
        return None if found is None else found.merge_base

    def resolve(self, revision: str) -> str:
        found = self._compare(revision, revision) if _REVISION.match(revision) else None
        if found is None:
            raise ToolingError(f"{revision!r} names no commit in {self.repository.full_name}")
        return found.merge_base

    def _compare(self, base: str, head: str) -> _Comparison | None:
        """One call to the compare API, asking for a single listed commit: only the counts are read."""
        if not (_REVISION.match(base) and _REVISION.match(head)):
            return None

        def read() -> _Comparison:
            found = self.repository.compare(base, head, comparison_commits_per_page=1)
            return _Comparison(found.status, found.ahead_by, found.merge_base_commit.sha)

        return self._call(f"compare {base[:12]} with {head[:12]}", read, missing=None)

    def commit_date(self, commit: str) -> str | None:
        if not COMMIT_ID.matches(commit):
            return None
        found = self._call("read a commit", lambda: self.repository.get_git_commit(commit), missing=None)
        return found.committer.date.isoformat() if found is not None else None

    # --- errors -------------------------------------------------------------------------------

    def _call(self, what: str, request: Any, missing: Any = ...) -> Any:
        """Run one API request; a 404 gives `missing` when the caller allows it, other failures exit 4."""
        try:
            return request()
        except GithubException as error:
            if error.status == 404 and missing is not ...:
                return missing
            raise _tooling(what, error) from None


def _tooling(what: str, error: Any) -> ToolingError:
    message = error.data.get("message") if isinstance(error.data, dict) else None
    return ToolingError(
        f"GitHub refused to {what} on the baseline branch: {error.status} {message or ''}".strip()
    )
