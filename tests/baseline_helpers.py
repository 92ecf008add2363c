"""Real git repositories and canonical reports for the baseline tests."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from perfaction.baseline.promote import Plan, Promoted
from perfaction.model import Benchmark, Environment, Metric, Report
from perfaction.modes.compare import CompareOutcome, CompareRequest, compare_files
from perfaction.modes.promote import PromoteRequest, promote_file
from perfaction.run_context import RunContext

IDENTITY = {
    "GIT_AUTHOR_NAME": "Dev",
    "GIT_AUTHOR_EMAIL": "dev@example.com",
    "GIT_COMMITTER_NAME": "Dev",
    "GIT_COMMITTER_EMAIL": "dev@example.com",
}


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run git as a user would in the test repository (identity fixed, our safe.directory not set)."""
    result = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **IDENTITY, **(env or {})},
        check=True,
    )
    return result.stdout.strip()


def make_project(root: Path, name: str = "project") -> Path:
    """A project repository on `main` with a little history and a work tree."""
    repo = root / name
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.name", "Dev")
    git(repo, "config", "user.email", "dev@example.com")
    (repo / "README.md").write_text("project\n")
    (repo / "src.txt").write_text("one\n")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "start")
    return repo


def commit_file(repo: Path, name: str, text: str, date: str | None = None) -> str:
    (repo / name).write_text(text)
    git(repo, "add", name)
    dates = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
    git(repo, "commit", "--quiet", "-m", f"change {name}", env=dates)
    return git(repo, "rev-parse", "HEAD")


def report(
    *,
    suite: str = "demo",
    time: float = 100.0,
    throughput: float = 200.0,
    commit: str | None = "abc1234",
    floor: float | None = None,
    benchmark: str = "parse",
) -> Report:
    """A small canonical report: one benchmark with a time (lower is better) and a throughput."""
    return Report(
        suite=suite,
        benchmarks=[
            Benchmark(
                benchmark,
                [
                    Metric("time", time, "ns", "lower"),
                    Metric("throughput", throughput, "MiB/s", "higher", floor=floor),
                ],
            )
        ],
        environment=Environment(os="linux", cpu_model="Test CPU", cores=2),
        commit=commit,
        ref="refs/heads/main" if commit else None,
    )


def write_report(path: Path, **fields: object) -> Path:
    path.write_text(json.dumps(report(**fields).to_dict()))  # type: ignore[arg-type]
    return path


def repository_bytes(repo: Path) -> dict[str, str]:
    """A digest of every file of the repository, .git included: any write at all shows up."""
    return {
        str(path.relative_to(repo)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(repo.rglob("*"))
        if path.is_file()
    }


def visible_state(repo: Path) -> dict[str, object]:
    """What a developer sees: refs, HEAD, the index bytes, status and the work tree's files."""
    work_tree = {
        name: digest for name, digest in repository_bytes(repo).items() if not name.startswith(".git")
    }
    return {
        "refs": git(repo, "for-each-ref"),
        "head": (repo / ".git" / "HEAD").read_text(),
        "index": hashlib.sha256((repo / ".git" / "index").read_bytes()).hexdigest(),
        "status": git(repo, "--no-optional-locks", "status", "--porcelain"),
        "work_tree": work_tree,
    }


def show_file(repo: Path, branch: str, path: str) -> dict:
    return json.loads(git(repo, "show", f"{branch}:{path}"))


def race_before_first_commit(store: Any, meanwhile: Callable[[], object]) -> Any:
    """Make a real store let another real promotion land just before its own first commit."""
    original = store.commit

    def commit(files: dict[str, str], change: Any, expected: str | None) -> str:
        store.commit = original
        meanwhile()
        return original(files, change, expected)

    store.commit = commit
    return store


def promote_job(report: Path, store: Any, **options: Any) -> Plan | Promoted:
    """The promote mode on a file, as `perfaction baseline promote` runs it outside CI."""
    return promote_file(PromoteRequest(report, store, **options), RunContext(Path.cwd()))


def compare_job(current: Path, baseline: Path | None, **options: Any) -> CompareOutcome:
    """The compare mode on files, as `perfaction compare` runs it."""
    return compare_files(CompareRequest(current, baseline, **options))
