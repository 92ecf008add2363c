"""The `git` backend: baselines on a branch of a local repository, written with plumbing only.

A promotion never touches the working tree, the index or HEAD: blobs, trees and the commit are
written straight into the object database, and the branch moves with `update-ref NEW OLD`, which
fails if another promotion moved it first. Every git command runs with `safe.directory` set for
that process only, because in the action's container the workspace belongs to another user.
"""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import threading
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import IO, cast

from perfaction.baseline.store import Actor, BaselineStore, CommitInfo, StoreConflict
from perfaction.errors import ToolingError
from perfaction.identifiers import BRANCH, COMMIT_ID, DEFAULT_BRANCH
from perfaction.records import datarecord

# Variables that would point git at another repository, index or object store than ours.
_REDIRECTING_ENV = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
)
READ_AHEAD = 8  # files git may read ahead of the caller


def find_repository(start: Path) -> Path:
    """The work tree (or bare repository) containing `start`, found without running git.

    Asking git would already need safe.directory, which must name this very path.
    """
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    raise ToolingError(f"{start}: not inside a git repository (pass --repo DIR)")


def is_branch_name(name: str) -> bool:
    return BRANCH.matches(name)


class GitStore(BaselineStore):
    """A branch of a local repository; with `remote`, the remote's branch is the one of record."""

    def __init__(
        self, repo: Path | None = None, branch: str = DEFAULT_BRANCH, remote: str | None = None
    ) -> None:
        if not is_branch_name(branch):
            raise ToolingError(f"{branch!r} is not a usable branch name")
        self.root = find_repository(repo or Path.cwd())
        self.branch = branch
        self.remote = remote
        self.ref = f"refs/heads/{branch}"
        if remote is not None and (remote.startswith("-") or self.config(f"remote.{remote}.url") is None):
            raise ToolingError(f"{self.root} has no remote named {remote!r} (see `git remote -v`)")
        self._read_from = self.ref  # the ref reads come from: a remote-tracking ref when there is no branch
        self._note: str | None = None

    # --- running git --------------------------------------------------------------------------

    def git(
        self, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[bytes]:
        """Run git on this repository only, trusting it for this process alone, in the C locale."""
        command, environment = self._command(args, env)
        try:
            result = subprocess.run(command, input=stdin, capture_output=True, env=environment, check=False)
        except FileNotFoundError:
            raise ToolingError("git is not installed (needed by the git baseline store)") from None
        if check and result.returncode != 0:
            raise ToolingError(f"git {args[0]} failed in {self.root}: {_text(result.stderr).strip()}")
        return result

    def _command(self, args: tuple[str, ...], env: dict[str, str] | None) -> tuple[list[str], dict[str, str]]:
        environment = {k: v for k, v in os.environ.items() if k not in _REDIRECTING_ENV}
        environment.update({"LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", **(env or {})})
        return ["git", "-C", str(self.root), "-c", f"safe.directory={self.root}", *args], environment

    def output(self, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> str:
        return _text(self.git(*args, stdin=stdin, env=env).stdout).strip()

    def config(self, key: str) -> str | None:
        result = self.git("config", "--get", key, check=False)
        return _text(result.stdout).strip() or None

    def default_actor(self) -> Actor | None:
        name = self.config("user.name")
        if name is None:
            return None
        return Actor.named(name, self.config("user.email"))

    # --- reading ------------------------------------------------------------------------------

    def tip(self) -> str | None:
        if self.remote:
            return self._fetch()
        local = self._local_tip()
        remote, branch = self._upstream()
        tracking = f"refs/remotes/{remote}/{branch}" if remote else None
        tracked = self._commit_of(tracking) if tracking else None
        if local is not None:
            if tracked not in (None, local):
                self._note = (
                    f"reading the local {self.branch} branch ({local[:7]}), which differs from "
                    f"{remote}/{branch} ({tracked[:7]})"
                )
            return local
        if tracking is None:
            return None
        if tracked is None:
            tracked = self._fetch_tracking(str(remote), branch, tracking)
        if tracked is not None:
            self._read_from = tracking
            self._note = self._note or f"read {remote}/{branch}: there is no local {self.branch} branch"
        return tracked

    def reading(self) -> str | None:
        return self._note

    def describe(self, version: str | None) -> str:
        shown = self._read_from.removeprefix("refs/heads/").removeprefix("refs/remotes/")
        return f"{shown}@{version[:7]}" if version else f"{self.branch} (not created yet)"

    def _local_tip(self) -> str | None:
        return self._commit_of(self.ref)

    def _commit_of(self, ref: str) -> str | None:
        result = self.git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
        return _text(result.stdout).strip() or None

    def _upstream(self) -> tuple[str | None, str]:
        """The remote and branch whose tracking ref stands in for a missing local branch.

        `--branch origin/perf-baselines` names one; else `origin`, or the only remote there is.
        """
        remotes = self.output("remote").split()
        first, _, rest = self.branch.partition("/")
        if rest and first in remotes:
            return first, rest
        if "origin" in remotes:
            return "origin", self.branch
        return (remotes[0], self.branch) if len(remotes) == 1 else (None, self.branch)

    def _fetch_tracking(self, remote: str, branch: str, tracking: str) -> str | None:
        """A fresh clone in CI holds one branch: fetch the baselines once, if the remote has them."""
        wanted = f"refs/heads/{branch}"
        result = self.git("ls-remote", "--", remote, wanted, check=False)
        if result.returncode != 0:
            raise ToolingError(
                f"there is no local {self.branch} branch, and looking for {branch} on {remote} failed: "
                f"{_text(result.stderr).strip()}; fetch it (git fetch {remote} {branch}) or compare with "
                "--baseline FILE"
            )
        if not _text(result.stdout).strip():
            return None
        self.git(
            "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--", remote, f"+{wanted}:{tracking}"
        )
        self._note = (
            f"fetched {branch} from {remote} into {remote}/{branch}: there was no local {self.branch} branch"
        )
        return self._commit_of(tracking)

    def _tracking_ref(self) -> str:
        return f"refs/remotes/{self.remote}/{self.branch}"

    def _remote_tip(self) -> str | None:
        listing = self.output("ls-remote", "--", str(self.remote), self.ref)
        return listing.split()[0] if listing else None

    def _fetch(self) -> str | None:
        """Bring the remote's branch into its tracking ref; its tip is what promotions build on."""
        if self._remote_tip() is None:
            return None
        refspec = f"+{self.ref}:{self._tracking_ref()}"
        self.git("fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--", str(self.remote), refspec)
        return self.output("rev-parse", "--verify", f"{self._tracking_ref()}^{{commit}}")

    def directories(self, version: str) -> list[str]:
        return [entry.name for entry in self._entries(version) if entry.kind == "tree"]

    def read_texts(self, wanted: list[tuple[str, str]]) -> list[str | None]:
        return list(self.iter_texts(wanted))

    def iter_texts(self, wanted: list[tuple[str, str]]) -> Iterator[str | None]:
        """All the reads of one call from a single `cat-file --batch` process, each as soon as it arrives.

        A thread drains git's output into a bounded queue, so git inflates the next files while the
        caller works on one: on two cores, reading and parsing a large history overlap.
        """
        if not wanted:
            return
        command, environment = self._command(("cat-file", "--batch"), None)
        request = "".join(f"{version}:{path}\n" for version, path in wanted).encode()
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=environment,
            )
        except FileNotFoundError:
            raise ToolingError("git is not installed (needed by the git baseline store)") from None
        feeder = threading.Thread(target=_feed, args=(process.stdin, request), daemon=True)
        arrived: queue.Queue[bytes | Exception | None] = queue.Queue(maxsize=READ_AHEAD)
        reader = threading.Thread(
            target=_drain, args=(cast(IO[bytes], process.stdout), len(wanted), arrived), daemon=True
        )
        feeder.start()
        reader.start()
        try:
            for _ in wanted:
                item = arrived.get()
                if isinstance(item, Exception):
                    raise ToolingError(f"git cat-file stopped early in {self.root}")
                yield None if item is None else _text(item)
        finally:
            process.kill()
            while reader.is_alive():  # a caller that stopped early leaves the reader waiting to put
                with contextlib.suppress(queue.Empty):
                    arrived.get(timeout=0.05)
            process.wait()
            feeder.join()

    def versions(self, path: str, version: str, limit: int) -> list[str]:
        listing = self.output("log", f"--max-count={limit}", "--format=%H", version, "--", path)
        return listing.split()

    def _entries(self, treeish: str) -> list[_Entry]:
        """A tree's direct entries; empty when the tree does not exist."""
        result = self.git("ls-tree", "-z", treeish, check=False)
        return _parsed_listing(result.stdout) if result.returncode == 0 else []

    # --- writing ------------------------------------------------------------------------------

    def commit_files(self, files: Mapping[str, str | None], info: CommitInfo, expected: str | None) -> str:
        self._refuse_checked_out_branch()
        if self.remote is None and self._read_from != self.ref:
            shown = self._read_from.removeprefix("refs/remotes/")
            remote = shown.split("/", 1)[0]
            raise ToolingError(
                f"{self.branch} exists here only as {shown}: promote with --push {remote} (it builds on "
                f"the remote's branch), or create the local branch first: git branch {self.branch} {shown}"
            )
        tree = self._tree_with(files, f"{expected}^{{tree}}" if expected else None) or self._make_tree(())
        parents = ["-p", expected] if expected else []
        when = _git_date(info.when)
        identity = {
            "GIT_AUTHOR_NAME": info.actor.name,
            "GIT_AUTHOR_EMAIL": info.actor.email,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": info.actor.name,
            "GIT_COMMITTER_EMAIL": info.actor.email,
            "GIT_COMMITTER_DATE": when,
        }
        new = self.output("commit-tree", tree, *parents, "-F", "-", stdin=info.message.encode(), env=identity)
        if self.remote:
            self._push(new, expected)
        else:
            self._move_branch(new, expected, info.message.splitlines()[0])
        return new

    def _refuse_checked_out_branch(self) -> None:
        """Moving the checked-out branch would change what the work tree is compared with."""
        head = self.git("symbolic-ref", "--quiet", "HEAD", check=False)
        if _text(head.stdout).strip() == self.ref:
            raise ToolingError(
                f"{self.branch} is checked out in {self.root}; run perfaction from another branch or worktree"
            )

    def _tree_with(self, files: Mapping[str, str | None], base: str | None) -> str | None:
        """The base tree with these paths written or deleted, everything else left as it was.

        One listing of the whole base tree; only the trees on the changed paths are rewritten.
        """
        children: dict[str, dict[str, _Entry]] = {"": {}}
        for path, entry in self._listing(base).items() if base else ():
            parent, _, name = path.rpartition("/")
            children.setdefault(parent, {})[name] = _Entry(entry.mode, entry.kind, entry.object_id, name)
        return self._rewritten("", files, children)

    def _rewritten(
        self, prefix: str, files: Mapping[str, str | None], children: dict[str, dict[str, _Entry]]
    ) -> str | None:
        """The tree at `prefix` with the changes below it applied; None when it ends up empty."""
        entries = dict(children.get(prefix, {}))
        nested: dict[str, dict[str, str | None]] = {}
        for path, text in files.items():
            name, _, rest = path.partition("/")
            if rest:
                nested.setdefault(name, {})[rest] = text
            elif text is None:
                entries.pop(name, None)
            else:
                entries[name] = _Entry("100644", "blob", self._blob(text), name)
        for name, changes in nested.items():
            tree = self._rewritten(f"{prefix}/{name}".lstrip("/"), changes, children)
            if tree is None:
                entries.pop(name, None)
            else:
                entries[name] = _Entry("040000", "tree", tree, name)
        return self._make_tree(entries.values()) if entries else None

    def _listing(self, treeish: str) -> dict[str, _Entry]:
        """Every entry below a tree, sub-trees included, by full path."""
        result = self.git("ls-tree", "-r", "-t", "-z", "--full-tree", treeish)
        return {entry.name: entry for entry in _parsed_listing(result.stdout)}

    def _blob(self, text: str) -> str:
        return self.output("hash-object", "-w", "--stdin", stdin=text.encode())

    def _make_tree(self, entries: Iterable[_Entry]) -> str:
        listing = "".join(f"{e.mode} {e.kind} {e.object_id}\t{e.name}\0" for e in entries)
        return self.output("mktree", "-z", stdin=listing.encode())

    def _move_branch(self, new: str, expected: str | None, subject: str) -> None:
        """Compare-and-swap the branch: git refuses if it is no longer at `expected`."""
        reason = f"perfaction: {subject}"
        result = self.git("update-ref", "-m", reason, self.ref, new, expected or "", check=False)
        if result.returncode == 0:
            return
        if self._local_tip() != expected or b".lock" in result.stderr:
            raise StoreConflict(f"{self.branch} moved meanwhile (now at {self._local_tip()})")
        raise ToolingError(f"git update-ref failed in {self.root}: {_text(result.stderr).strip()}")

    def _push(self, new: str, expected: str | None) -> None:
        """Publish as a fast-forward only: if the remote moved, the push is rejected and we start over."""
        result = self.git(
            "push", "--porcelain", "--quiet", "--", str(self.remote), f"{new}:{self.ref}", check=False
        )
        if result.returncode != 0:
            if self._remote_tip() != expected:
                raise StoreConflict(f"{self.remote}/{self.branch} moved meanwhile")
            detail = (_text(result.stdout) + _text(result.stderr)).strip()
            raise ToolingError(f"git push to {self.remote} failed: {detail}")
        self.git("update-ref", self._tracking_ref(), new)
        local = self._local_tip()
        if local is None or self.is_ancestor(local, new):
            self.git("update-ref", self.ref, new, local or "")

    # --- the project's history ----------------------------------------------------------------

    def is_ancestor(self, commit: str, descendant: str) -> bool | None:
        if not (COMMIT_ID.matches(commit) and COMMIT_ID.matches(descendant)):
            return None
        result = self.git("merge-base", "--is-ancestor", commit, descendant, check=False)
        return {0: True, 1: False}.get(result.returncode)

    def commits_between(self, older: str, newer: str) -> int | None:
        if not (COMMIT_ID.matches(older) and COMMIT_ID.matches(newer)):
            return None
        result = self.git("rev-list", "--count", f"{older}..{newer}", check=False)
        return int(result.stdout) if result.returncode == 0 else None

    def resolve(self, revision: str) -> str:
        found = None if revision.startswith("-") else self._commit_of(revision)
        if found is None:
            shallow = self.output("rev-parse", "--is-shallow-repository") == "true"
            hint = " (a shallow clone: fetch more history, e.g. fetch-depth: 0)" if shallow else ""
            raise ToolingError(f"{revision!r} names no commit in {self.root}{hint}")
        return found

    def commit_date(self, commit: str) -> str | None:
        if not COMMIT_ID.matches(commit):
            return None
        result = self.git("show", "--no-patch", "--format=%cI", f"{commit}^{{commit}}", check=False)
        if result.returncode != 0:
            return None
        return _text(result.stdout).strip() or None


@datarecord(frozen=True)
class _Entry:
    """One line of `git ls-tree` / `git mktree`."""

    mode: str
    kind: str
    object_id: str
    name: str


def _drain(output: IO[bytes], count: int, arrived: queue.Queue[bytes | Exception | None]) -> None:
    """Read `count` answers of `cat-file --batch`: a blob's bytes, None for anything else or missing."""
    try:
        for _ in range(count):
            header = output.readline().split()  # "<id> <type> <size>", or "<name> missing"
            if len(header) != 3:
                if not header:
                    raise EOFError("git cat-file stopped early")
                arrived.put(None)
                continue
            data = output.read(int(header[2]) + 1)[:-1]  # the content and its newline
            arrived.put(data if header[1] == b"blob" else None)
    except (EOFError, OSError, ValueError) as error:
        arrived.put(error)


def _feed(pipe: IO[bytes] | None, data: bytes) -> None:
    """Write a request and close the pipe; on a separate thread, so a large request cannot deadlock."""
    if pipe is None:
        return
    with contextlib.suppress(BrokenPipeError):
        pipe.write(data)
        pipe.close()


def _parsed_listing(raw: bytes) -> list[_Entry]:
    """`git ls-tree -z` output; the name is the path as listed."""
    entries = []
    for record in _text(raw).split("\0"):
        if record:
            info, name = record.split("\t", 1)
            mode, kind, object_id = info.split()
            entries.append(_Entry(mode, kind, object_id, name))
    return entries


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _git_date(timestamp: str) -> str:
    """Git's own date format, so commit dates equal the recorded promotion time whatever the locale."""
    moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    return f"{int(moment.timestamp())} +0000"
