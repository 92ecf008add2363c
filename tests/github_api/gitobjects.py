"""Git's object format and an object store, so every sha the test server hands out is the one git computes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

# Modes as git writes them into tree objects; the REST API shows trees as "040000".
FILE_MODE = "100644"
EXECUTABLE_MODE = "100755"
SYMLINK_MODE = "120000"
TREE_MODE = "40000"
SUBMODULE_MODE = "160000"
API_TREE_MODE = "040000"


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    when: datetime

    def signature(self) -> str:
        """Git's author/committer line format: 'Name <email> <unix seconds> <offset>'."""
        offset = self.when.utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset else 0
        sign = "-" if minutes < 0 else "+"
        zone = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
        return f"{self.name} <{self.email}> {int(self.when.timestamp())} {zone}"

    def iso_date(self) -> str:
        return self.when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Blob:
    data: bytes

    kind = "blob"

    def payload(self) -> bytes:
        return self.data


@dataclass(frozen=True)
class TreeEntry:
    mode: str
    name: str
    sha: str

    @property
    def kind(self) -> str:
        if self.mode == TREE_MODE:
            return "tree"
        return "commit" if self.mode == SUBMODULE_MODE else "blob"

    @property
    def api_mode(self) -> str:
        return API_TREE_MODE if self.mode == TREE_MODE else self.mode


def _git_order(entry: TreeEntry) -> bytes:
    """Git sorts tree entries by name, comparing a sub-tree's name as if it ended with '/'."""
    suffix = b"/" if entry.mode == TREE_MODE else b""
    return entry.name.encode() + suffix


@dataclass(frozen=True)
class Tree:
    entries: tuple[TreeEntry, ...]

    kind = "tree"

    @classmethod
    def of(cls, entries: Iterable[TreeEntry]) -> Tree:
        return cls(tuple(sorted(entries, key=_git_order)))

    def payload(self) -> bytes:
        return b"".join(
            f"{entry.mode} {entry.name}".encode() + b"\0" + bytes.fromhex(entry.sha) for entry in self.entries
        )

    def entry(self, name: str) -> TreeEntry | None:
        return next((entry for entry in self.entries if entry.name == name), None)


@dataclass(frozen=True)
class Commit:
    tree: str
    parents: tuple[str, ...]
    author: Person
    committer: Person
    message: str

    kind = "commit"

    def payload(self) -> bytes:
        lines = [f"tree {self.tree}"]
        lines += [f"parent {parent}" for parent in self.parents]
        lines += [f"author {self.author.signature()}", f"committer {self.committer.signature()}"]
        return ("\n".join(lines) + "\n\n" + self.message).encode()


GitObject = Blob | Tree | Commit


def object_sha(obj: GitObject) -> str:
    """sha1 over '<kind> <size>\\0<payload>', exactly as `git hash-object` does."""
    payload = obj.payload()
    return hashlib.sha1(
        f"{obj.kind} {len(payload)}".encode() + b"\0" + payload, usedforsecurity=False
    ).hexdigest()


@dataclass(frozen=True)
class PathEntry:
    """A tree entry addressed by its full path from the root tree."""

    path: str
    mode: str
    sha: str


class ObjectStore:
    """Content-addressed objects plus the tree walking the git-data and contents APIs need."""

    def __init__(self) -> None:
        self._objects: dict[str, GitObject] = {}

    def put(self, obj: GitObject) -> str:
        sha = object_sha(obj)
        self._objects[sha] = obj
        return sha

    def all(self) -> list[GitObject]:
        return list(self._objects.values())

    def get(self, sha: str) -> GitObject | None:
        return self._objects.get(sha)

    def blob(self, sha: str) -> Blob | None:
        found = self._objects.get(sha)
        return found if isinstance(found, Blob) else None

    def tree(self, sha: str) -> Tree | None:
        found = self._objects.get(sha)
        return found if isinstance(found, Tree) else None

    def commit(self, sha: str) -> Commit | None:
        found = self._objects.get(sha)
        return found if isinstance(found, Commit) else None

    def lookup(self, tree_sha: str, path: str) -> PathEntry | None:
        """The entry at `path` under a root tree; the empty path is the root tree itself."""
        entry = PathEntry("", TREE_MODE, tree_sha)
        for name in [part for part in path.strip("/").split("/") if part]:
            tree = self.tree(entry.sha) if entry.mode == TREE_MODE else None
            found = tree.entry(name) if tree else None
            if found is None:
                return None
            entry = PathEntry(f"{entry.path}/{name}".lstrip("/"), found.mode, found.sha)
        return entry

    def walk(self, tree_sha: str, prefix: str = "") -> Iterator[PathEntry]:
        """Every entry below a tree, depth first, sub-trees included, as `git ls-tree -r -t` lists them."""
        tree = self.tree(tree_sha)
        for entry in tree.entries if tree else ():
            path = f"{prefix}{entry.name}"
            yield PathEntry(path, entry.mode, entry.sha)
            if entry.mode == TREE_MODE:
                yield from self.walk(entry.sha, f"{path}/")

    def leaves(self, tree_sha: str) -> dict[str, PathEntry]:
        return {entry.path: entry for entry in self.walk(tree_sha) if entry.mode != TREE_MODE}

    def build_tree(self, leaves: Mapping[str, PathEntry]) -> str:
        """Write nested trees for a flat {path: leaf} map and return the root tree's sha."""
        children: dict[str, dict[str, PathEntry]] = {}
        entries: list[TreeEntry] = []
        for path, leaf in leaves.items():
            head, _, rest = path.partition("/")
            if rest:
                children.setdefault(head, {})[rest] = leaf
            else:
                entries.append(TreeEntry(leaf.mode, head, leaf.sha))
        entries += [TreeEntry(TREE_MODE, name, self.build_tree(sub)) for name, sub in children.items()]
        return self.put(Tree.of(entries))

    def ancestry(self, sha: str) -> set[str]:
        """The commit and every commit reachable from it through its parents, as `git rev-list` lists them."""
        pending, seen = [sha], set()
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            commit = self.commit(current)
            pending += commit.parents if commit else ()
        return seen

    def merge_base(self, one: str, other: str) -> str | None:
        """The best common ancestor, as `git merge-base` picks it: no other common one descends from it."""
        common = self.ancestry(one) & self.ancestry(other)
        best = [sha for sha in common if not any(sha != o and sha in self.ancestry(o) for o in common)]
        return max(best, key=self.commit_order) if best else None

    def commit_order(self, sha: str) -> tuple[datetime, str]:
        """Oldest first, as GitHub lists a comparison's commits: by committer date, then by sha."""
        commit = self.commit(sha)
        return (commit.committer.when if commit else datetime.min.replace(tzinfo=UTC), sha)

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        """True when `ancestor` is reachable from `descendant` through parent links (a fast-forward)."""
        return ancestor in self.ancestry(descendant)
