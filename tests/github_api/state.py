"""What the test server remembers: a repository with real git objects, PRs, comments, checks, runs."""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from .gitobjects import FILE_MODE, Blob, Commit, ObjectStore, PathEntry, Person

SEED_TIME = datetime(2026, 1, 5, 12, 0, 0, tzinfo=UTC)
ARTIFACT_RETENTION = timedelta(days=90)


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Account:
    login: str
    id: int
    kind: str  # "User", "Organization" or "Bot", as GitHub's `type` field spells it

    def person(self, when: datetime) -> Person:
        return Person(self.login, f"{self.id}+{self.login}@users.noreply.github.com", when)


@dataclass(frozen=True)
class App:
    """A GitHub App; its installation tokens act as the bot user `<slug>[bot]`."""

    id: int
    slug: str
    name: str
    bot: Account


ORGANIZATION = Account("octo-org", 9919, "Organization")
MAINTAINER = Account("octocat", 583231, "User")
CONTRIBUTOR = Account("contributor", 1001001, "User")
ACTIONS_BOT = Account("github-actions[bot]", 41898282, "Bot")
ACTIONS_APP = App(15368, "github-actions", "GitHub Actions", ACTIONS_BOT)
# Another app installed on the repository (a welcome bot, say), which may echo what a pull request says.
OTHER_APP = App(777001, "welcome-helper", "Welcome helper", Account("welcome-helper[bot]", 91000001, "Bot"))


@dataclass
class Repository:
    id: int
    owner: Account
    name: str
    default_branch: str = "main"
    fork: bool = False
    created_at: datetime = SEED_TIME

    @property
    def full_name(self) -> str:
        return f"{self.owner.login}/{self.name}"


@dataclass
class Issue:
    number: int
    title: str
    user: Account
    body: str | None = None
    is_pull_request: bool = False
    created_at: datetime = SEED_TIME


@dataclass
class PullRequest:
    number: int
    id: int
    title: str
    user: Account
    head_ref: str
    head_sha: str
    head_repo: Repository
    base_ref: str
    base_sha: str
    body: str | None = None
    created_at: datetime = SEED_TIME
    labels: list[str] = field(default_factory=list)


@dataclass
class Comment:
    id: int
    issue_number: int
    body: str
    user: Account
    created_at: datetime
    updated_at: datetime
    app: App | None = None  # the app whose installation token wrote it (performed_via_github_app)


@dataclass
class CommitComment:
    id: int
    commit_id: str
    body: str
    user: Account
    created_at: datetime


@dataclass
class CheckRun:
    id: int
    name: str
    head_sha: str
    status: str
    conclusion: str | None
    started_at: datetime
    completed_at: datetime | None = None
    details_url: str | None = None
    external_id: str | None = None
    title: str | None = None
    summary: str | None = None
    text: str | None = None
    annotations: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)


@dataclass
class WorkflowRun:
    id: int
    name: str
    head_sha: str
    head_branch: str
    head_repository: Repository
    event: str
    status: str
    conclusion: str | None
    pull_request_numbers: list[int]
    run_number: int
    created_at: datetime = SEED_TIME


@dataclass
class Artifact:
    id: int
    name: str
    run_id: int
    data: bytes
    created_at: datetime
    expired: bool = False


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A real zip archive, as GitHub serves artifact downloads."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class State:
    """One repository (plus a fork for fork PRs); seeding helpers for tests and primitives for handlers."""

    def __init__(self) -> None:
        self.repository = Repository(id=700100, owner=ORGANIZATION, name="perf-demo")
        self.fork = Repository(id=700200, owner=CONTRIBUTOR, name="perf-demo", fork=True)
        self.objects = ObjectStore()
        self.refs: dict[str, str] = {}
        self.issues: dict[int, Issue] = {}
        self.pulls: dict[int, PullRequest] = {}
        self.comments: dict[int, Comment] = {}
        self.check_runs: dict[int, CheckRun] = {}
        self.commit_comments: dict[int, CommitComment] = {}
        self.workflow_runs: dict[int, WorkflowRun] = {}
        self.artifacts: dict[int, Artifact] = {}
        self._numbers = itertools.count(1)
        self._ids = {
            kind: itertools.count(start)
            for kind, start in {
                "pull": 1_500_000_001,
                "comment": 2_000_000_001,
                "check_run": 3_000_000_001,
                "commit_comment": 6_000_000_001,
                "run": 4_000_000_001,
                "artifact": 5_000_000_001,
            }.items()
        }
        self.commit_files(
            self.repository.default_branch,
            {"README.md": b"# perf-demo\n"},
            "Initial commit",
            author=MAINTAINER,
            when=SEED_TIME,
        )

    def next_id(self, kind: str) -> int:
        return next(self._ids[kind])

    def repositories(self) -> tuple[Repository, ...]:
        return (self.repository, self.fork)

    # -- git --------------------------------------------------------------------------------------------

    def resolve(self, ref: str) -> str | None:
        """A commit sha for a branch name, a 'heads/...' or 'refs/...' name, or a commit sha."""
        for name in (ref, f"refs/{ref}", f"refs/heads/{ref}", f"refs/tags/{ref}"):
            if name.startswith("refs/") and name in self.refs:
                return self.refs[name]
        return ref if self.objects.commit(ref) else None

    def branch_head(self, branch: str) -> str | None:
        return self.refs.get(f"refs/heads/{branch}")

    def make_commit(
        self,
        parent: str | None,
        files: Mapping[str, bytes | None],
        message: str,
        author: Person,
        committer: Person | None = None,
    ) -> str:
        """Write a commit applying file changes (None deletes) to `parent`'s tree; no ref moves."""
        parent_commit = self.objects.commit(parent) if parent else None
        leaves: dict[str, PathEntry] = self.objects.leaves(parent_commit.tree) if parent_commit else {}
        for path, data in files.items():
            if data is None:
                leaves.pop(path, None)
            else:
                leaves[path] = PathEntry(path, FILE_MODE, self.objects.put(Blob(data)))
        tree = self.objects.build_tree(leaves)
        return self.objects.put(
            Commit(tree, (parent,) if parent else (), author, committer or author, message)
        )

    def commit_files(
        self,
        branch: str,
        files: Mapping[str, bytes | None],
        message: str = "Update files",
        author: Account = MAINTAINER,
        when: datetime | None = None,
    ) -> str:
        """Commit on a branch (created from the default branch when missing) and move the branch."""
        parent = self.branch_head(branch) or self.branch_head(self.repository.default_branch)
        sha = self.make_commit(parent, files, message, author.person(when or now()))
        self.refs[f"refs/heads/{branch}"] = sha
        return sha

    def file(self, path: str, ref: str | None = None) -> bytes | None:
        """The bytes of a file at a ref (default branch by default), or None when it is absent."""
        commit = self.objects.commit(self.resolve(ref or self.repository.default_branch) or "")
        entry = self.objects.lookup(commit.tree, path) if commit else None
        blob = self.objects.blob(entry.sha) if entry else None
        return blob.data if blob else None

    def files_at(self, ref: str) -> dict[str, bytes]:
        """Every file of a branch or commit, as a checkout of it would write them."""
        commit = self.objects.commit(self.resolve(ref) or "")
        assert commit is not None, f"nothing to check out at {ref!r}"
        leaves = self.objects.leaves(commit.tree)
        return {path: blob.data for path, entry in leaves.items() if (blob := self.objects.blob(entry.sha))}

    def ref(self, name: str) -> str | None:
        """The sha a ref points at, by full name ('refs/heads/x') or short form ('heads/x')."""
        return self.refs.get(name if name.startswith("refs/") else f"refs/{name}")

    # -- issues, pull requests and comments -------------------------------------------------------------

    def add_issue(self, title: str = "Benchmarks are slow", body: str | None = None) -> Issue:
        issue = Issue(next(self._numbers), title, MAINTAINER, body)
        self.issues[issue.number] = issue
        return issue

    def add_pull_request(
        self,
        files: Mapping[str, bytes] | None = None,
        head_ref: str = "feature",
        fork: bool = False,
        title: str = "Make it faster",
        body: str | None = None,
    ) -> PullRequest:
        """A PR whose head commit exists; a fork PR's head is reachable only as refs/pull/N/head."""
        number = next(self._numbers)
        base_ref = self.repository.default_branch
        base_sha = self.branch_head(base_ref) or ""
        changes = files or {"src/fast.py": f"speed = {number}\n".encode()}
        if fork:
            head_sha = self.make_commit(base_sha, changes, title, CONTRIBUTOR.person(SEED_TIME))
        else:
            head_sha = self.commit_files(head_ref, changes, title, author=MAINTAINER, when=SEED_TIME)
        self.refs[f"refs/pull/{number}/head"] = head_sha
        user = CONTRIBUTOR if fork else MAINTAINER
        pull = PullRequest(
            number=number,
            id=self.next_id("pull"),
            title=title,
            user=user,
            head_ref=head_ref,
            head_sha=head_sha,
            head_repo=self.fork if fork else self.repository,
            base_ref=base_ref,
            base_sha=base_sha,
            body=body,
        )
        self.issues[number] = Issue(number, title, user, body, is_pull_request=True)
        self.pulls[number] = pull
        return pull

    def add_pull_request_at(self, head_sha: str, head_repo: Repository, head_ref: str) -> PullRequest:
        """A pull request from another repository whose head is an existing commit (anyone can push it)."""
        number = next(self._numbers)
        user = head_repo.owner
        pull = PullRequest(
            number=number,
            id=self.next_id("pull"),
            title=f"Pull request from {head_repo.full_name}",
            user=user,
            head_ref=head_ref,
            head_sha=head_sha,
            head_repo=head_repo,
            base_ref=self.repository.default_branch,
            base_sha=self.branch_head(self.repository.default_branch) or "",
        )
        self.refs[f"refs/pull/{number}/head"] = head_sha
        self.issues[number] = Issue(number, pull.title, user, None, is_pull_request=True)
        self.pulls[number] = pull
        return pull

    def add_comment(
        self, issue_number: int, body: str, user: Account = MAINTAINER, app: App | None = None
    ) -> Comment:
        """A comment by `user`; with `app`, written through that app's installation token (as its bot)."""
        when = now()
        author = app.bot if app is not None else user
        comment = Comment(self.next_id("comment"), issue_number, body, author, when, when, app)
        self.comments[comment.id] = comment
        return comment

    def add_comments(
        self, issue_number: int, bodies: Iterable[str], user: Account = MAINTAINER
    ) -> list[Comment]:
        return [self.add_comment(issue_number, body, user) for body in bodies]

    def add_commit_comment(self, commit_id: str, body: str, user: Account) -> CommitComment:
        comment = CommitComment(self.next_id("commit_comment"), commit_id, body, user, now())
        self.commit_comments[comment.id] = comment
        return comment

    def comments_on(self, issue_number: int) -> list[Comment]:
        return sorted(
            (c for c in self.comments.values() if c.issue_number == issue_number), key=lambda c: c.id
        )

    def posted_texts(self) -> list[str]:
        """Everything anyone wrote to GitHub: comments, check runs, commit messages and file contents."""
        texts = [comment.body for comment in self.comments.values()]
        texts += [f"{run.title} {run.summary} {run.text}" for run in self.check_runs.values()]
        for found in self.objects.all():
            if isinstance(found, Blob):
                texts.append(found.data.decode("utf-8", errors="replace"))
            elif isinstance(found, Commit):
                texts.append(found.message)
        return texts

    # -- checks, runs and artifacts ---------------------------------------------------------------------

    def check_runs_for(self, head_sha: str | None = None) -> list[CheckRun]:
        return [run for run in self.check_runs.values() if head_sha in (None, run.head_sha)]

    def pulls_with_head(self, head_sha: str) -> list[PullRequest]:
        """Same-repository PRs only: GitHub leaves fork PRs out of check and workflow runs' pull_requests."""
        return [p for p in self.pulls.values() if p.head_sha == head_sha and p.head_repo is self.repository]

    def add_workflow_run(
        self,
        head_sha: str,
        head_branch: str,
        *,
        event: str = "pull_request",
        head_repository: Repository | None = None,
        name: str = "benchmarks",
        status: str = "completed",
        conclusion: str | None = "success",
    ) -> WorkflowRun:
        run_id = self.next_id("run")
        repository = head_repository or self.repository
        numbers = [p.number for p in self.pulls_with_head(head_sha)] if repository is self.repository else []
        run = WorkflowRun(
            run_id,
            name,
            head_sha,
            head_branch,
            repository,
            event,
            status,
            conclusion,
            numbers,
            len(self.workflow_runs) + 1,
        )
        self.workflow_runs[run_id] = run
        return run

    def add_pull_request_run(self, pull: PullRequest, event: str = "pull_request") -> WorkflowRun:
        return self.add_workflow_run(
            pull.head_sha, pull.head_ref, event=event, head_repository=pull.head_repo
        )

    def add_artifact(
        self,
        run: WorkflowRun,
        name: str,
        files: Mapping[str, bytes] | None = None,
        data: bytes | None = None,
        expired: bool = False,
    ) -> Artifact:
        """An artifact from `files` zipped here, or from raw `data` (e.g. a hostile zip made by the test)."""
        payload = data if data is not None else zip_bytes(files or {})
        artifact = Artifact(self.next_id("artifact"), name, run.id, payload, now(), expired)
        self.artifacts[artifact.id] = artifact
        return artifact
