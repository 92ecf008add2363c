"""JSON representations built from the state models; the OpenAPI validator checks every one on the way out."""

from __future__ import annotations

import base64
import hashlib
import posixpath
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from .gitobjects import TREE_MODE, Commit, PathEntry, Person
from .state import (
    ACTIONS_APP,
    ACTIONS_BOT,
    ARTIFACT_RETENTION,
    MAINTAINER,
    SEED_TIME,
    Account,
    App,
    Artifact,
    CheckRun,
    Comment,
    CommitComment,
    Issue,
    PullRequest,
    Repository,
    State,
    WorkflowRun,
    iso,
)

Json = dict[str, Any]
BASE64_LINE = 60


@dataclass(frozen=True)
class Urls:
    """Where things live: the API (GHES-style /api/v3 prefix), the web pages, and the artifact blob host."""

    api: str
    web: str
    blobs: str

    def repo(self, repo: Repository) -> str:
        return f"{self.api}/repos/{repo.full_name}"

    def repo_web(self, repo: Repository) -> str:
        return f"{self.web}/{repo.full_name}"


def node_id(kind: str, number: int) -> str:
    """Opaque like GitHub's legacy global ids: base64 of '<len>:<Kind><id>'."""
    return base64.b64encode(f"0{len(kind)}:{kind}{number}".encode()).decode()


def wrapped_base64(data: bytes) -> str:
    """The Contents API's base64: a newline after every 60 characters."""
    text = base64.b64encode(data).decode()
    return "".join(text[i : i + BASE64_LINE] + "\n" for i in range(0, len(text), BASE64_LINE))


def user(account: Account, urls: Urls) -> Json:
    api = f"{urls.api}/users/{quote(account.login)}"
    return {
        "login": account.login,
        "id": account.id,
        "node_id": node_id(account.kind, account.id),
        "avatar_url": f"{urls.web}/avatars/u/{account.id}?v=4",
        "gravatar_id": "",
        "url": api,
        "html_url": f"{urls.web}/{quote(account.login)}",
        "followers_url": f"{api}/followers",
        "following_url": f"{api}/following{{/other_user}}",
        "gists_url": f"{api}/gists{{/gist_id}}",
        "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{api}/subscriptions",
        "organizations_url": f"{api}/orgs",
        "repos_url": f"{api}/repos",
        "events_url": f"{api}/events{{/privacy}}",
        "received_events_url": f"{api}/received_events",
        "type": account.kind,
        "user_view_type": "public",
        "site_admin": False,
    }


def private_user(account: Account, urls: Urls) -> Json:
    """GET /user for a user's own token: the public fields and the private counts."""
    return {
        **user(account, urls),
        "user_view_type": "private",
        "name": account.login,
        "company": None,
        "blog": "",
        "location": None,
        "email": None,
        "hireable": None,
        "bio": None,
        "public_repos": 1,
        "public_gists": 0,
        "followers": 0,
        "following": 0,
        "created_at": iso(SEED_TIME),
        "updated_at": iso(SEED_TIME),
        "private_gists": 0,
        "total_private_repos": 0,
        "owned_private_repos": 0,
        "disk_usage": 0,
        "collaborators": 0,
        "two_factor_authentication": True,
    }


def repository(repo: Repository, state: State, urls: Urls) -> Json:
    """One shape that satisfies the full, plain and minimal repository schemas alike."""
    api, web = urls.repo(repo), urls.repo_web(repo)
    host = urls.web.split("://", 1)[1]
    open_issues = len(state.issues) if repo is state.repository else 0
    templated = {
        "archive_url": "{archive_format}{/ref}",
        "assignees_url": "assignees{/user}",
        "blobs_url": "git/blobs{/sha}",
        "branches_url": "branches{/branch}",
        "collaborators_url": "collaborators{/collaborator}",
        "comments_url": "comments{/number}",
        "commits_url": "commits{/sha}",
        "compare_url": "compare/{base}...{head}",
        "contents_url": "contents/{+path}",
        "contributors_url": "contributors",
        "deployments_url": "deployments",
        "downloads_url": "downloads",
        "events_url": "events",
        "forks_url": "forks",
        "git_commits_url": "git/commits{/sha}",
        "git_refs_url": "git/refs{/sha}",
        "git_tags_url": "git/tags{/sha}",
        "hooks_url": "hooks",
        "issue_comment_url": "issues/comments{/number}",
        "issue_events_url": "issues/events{/number}",
        "issues_url": "issues{/number}",
        "keys_url": "keys{/key_id}",
        "labels_url": "labels{/name}",
        "languages_url": "languages",
        "merges_url": "merges",
        "milestones_url": "milestones{/number}",
        "notifications_url": "notifications{?since,all,participating}",
        "pulls_url": "pulls{/number}",
        "releases_url": "releases{/id}",
        "stargazers_url": "stargazers",
        "statuses_url": "statuses/{sha}",
        "subscribers_url": "subscribers",
        "subscription_url": "subscription",
        "tags_url": "tags",
        "teams_url": "teams",
        "trees_url": "git/trees{/sha}",
    }
    return {
        "id": repo.id,
        "node_id": node_id("Repository", repo.id),
        "name": repo.name,
        "full_name": repo.full_name,
        "owner": user(repo.owner, urls),
        "private": False,
        "html_url": web,
        "description": "Benchmarks with verdicts",
        "fork": repo.fork,
        "url": api,
        **{key: f"{api}/{suffix}" for key, suffix in templated.items()},
        "git_url": f"git://{host}/{repo.full_name}.git",
        "ssh_url": f"git@{host}:{repo.full_name}.git",
        "clone_url": f"{web}.git",
        "svn_url": web,
        "mirror_url": None,
        "homepage": None,
        "language": "Python",
        "forks_count": 1,
        "forks": 1,
        "stargazers_count": 0,
        "watchers_count": 0,
        "watchers": 0,
        "size": 1,
        "default_branch": repo.default_branch,
        "open_issues_count": open_issues,
        "open_issues": open_issues,
        "is_template": False,
        "topics": [],
        "has_issues": True,
        "has_projects": True,
        "has_wiki": True,
        "has_pages": False,
        "has_downloads": True,
        "has_discussions": False,
        "archived": False,
        "disabled": False,
        "visibility": "public",
        "pushed_at": iso(repo.created_at),
        "created_at": iso(repo.created_at),
        "updated_at": iso(repo.created_at),
        "allow_forking": True,
        "web_commit_signoff_required": False,
        "license": None,
        "network_count": 1,
        "subscribers_count": 0,
    }


def actions_app(urls: Urls) -> Json:
    """The GitHub Actions app: the author of every check run a GITHUB_TOKEN creates."""
    return app(ACTIONS_APP, urls)


def app(found: App, urls: Urls) -> Json:
    """A GitHub App, as check runs (`app`) and comments (`performed_via_github_app`) name it."""
    return {
        "id": found.id,
        "slug": found.slug,
        "node_id": node_id("App", found.id),
        "owner": user(Account("github", 9919, "Organization"), urls),
        "name": found.name,
        "description": "Automate your workflow from idea to production",
        "external_url": f"{urls.web}/features/actions",
        "html_url": f"{urls.web}/apps/{found.slug}",
        "created_at": iso(SEED_TIME),
        "updated_at": iso(SEED_TIME),
        "permissions": {"actions": "write", "checks": "write", "contents": "write", "metadata": "read"},
        "events": ["check_run", "check_suite", "pull_request", "push", "workflow_run"],
    }


def reactions(url: str) -> Json:
    counts = dict.fromkeys(("+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket"), 0)
    return {"url": f"{url}/reactions", "total_count": 0, **counts}


def association(account: Account, state: State) -> str:
    if account == state.repository.owner:
        return "OWNER"
    if account == ACTIONS_BOT:
        return "NONE"
    return "MEMBER" if account == MAINTAINER else "CONTRIBUTOR"


def issue(found: Issue, state: State, urls: Urls) -> Json:
    api = f"{urls.repo(state.repository)}/issues/{found.number}"
    page = "pull" if found.is_pull_request else "issues"
    html = f"{urls.repo_web(state.repository)}/{page}/{found.number}"
    document: Json = {
        "id": 1_000_000 + found.number,
        "node_id": node_id("Issue", found.number),
        "url": api,
        "repository_url": urls.repo(state.repository),
        "labels_url": f"{api}/labels{{/name}}",
        "comments_url": f"{api}/comments",
        "events_url": f"{api}/events",
        "html_url": html,
        "number": found.number,
        "state": "open",
        "state_reason": None,
        "title": found.title,
        "body": found.body,
        "user": user(found.user, urls),
        "labels": [],
        "assignee": None,
        "assignees": [],
        "milestone": None,
        "locked": False,
        "active_lock_reason": None,
        "comments": len(state.comments_on(found.number)),
        "closed_at": None,
        "created_at": iso(found.created_at),
        "updated_at": iso(found.created_at),
        "closed_by": None,
        "author_association": association(found.user, state),
        "timeline_url": f"{api}/timeline",
        "reactions": reactions(api),
    }
    if found.is_pull_request:
        pulls = f"{urls.repo(state.repository)}/pulls/{found.number}"
        document["pull_request"] = {
            "url": pulls,
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "merged_at": None,
        }
        document["draft"] = False
    return document


def comment(found: Comment, state: State, urls: Urls) -> Json:
    api = f"{urls.repo(state.repository)}/issues/comments/{found.id}"
    parent = state.issues[found.issue_number]
    page = "pull" if parent.is_pull_request else "issues"
    return {
        "id": found.id,
        "node_id": node_id("IssueComment", found.id),
        "url": api,
        "html_url": f"{urls.repo_web(state.repository)}/{page}/{found.issue_number}#issuecomment-{found.id}",
        "body": found.body,
        "user": user(found.user, urls),
        "created_at": iso(found.created_at),
        "updated_at": iso(found.updated_at),
        "issue_url": f"{urls.repo(state.repository)}/issues/{found.issue_number}",
        "author_association": association(found.user, state),
        "performed_via_github_app": app(found.app, urls) if found.app else None,
        "reactions": reactions(api),
    }


def commit_comment(found: CommitComment, state: State, urls: Urls) -> Json:
    api = f"{urls.repo(state.repository)}/comments/{found.id}"
    return {
        "id": found.id,
        "node_id": node_id("CommitComment", found.id),
        "url": api,
        "html_url": f"{urls.repo_web(state.repository)}/commit/{found.commit_id}#commitcomment-{found.id}",
        "body": found.body,
        "path": None,
        "position": None,
        "line": None,
        "commit_id": found.commit_id,
        "user": user(found.user, urls),
        "created_at": iso(found.created_at),
        "updated_at": iso(found.created_at),
        "author_association": association(found.user, state),
        "reactions": reactions(api),
    }


def _branch_end(label_repo: Repository, ref: str, sha: str, state: State, urls: Urls) -> Json:
    return {
        "label": f"{label_repo.owner.login}:{ref}",
        "ref": ref,
        "sha": sha,
        "repo": repository(label_repo, state, urls),
        "user": user(label_repo.owner, urls),
    }


def pull_request(pull: PullRequest, state: State, urls: Urls) -> Json:
    repo_api = urls.repo(state.repository)
    api, issue_api = f"{repo_api}/pulls/{pull.number}", f"{repo_api}/issues/{pull.number}"
    html = f"{urls.repo_web(state.repository)}/pull/{pull.number}"
    statuses = f"{repo_api}/statuses/{pull.head_sha}"
    links = {
        "self": api,
        "html": html,
        "issue": issue_api,
        "comments": f"{issue_api}/comments",
        "review_comments": f"{api}/comments",
        "review_comment": f"{repo_api}/pulls/comments{{/number}}",
        "commits": f"{api}/commits",
        "statuses": statuses,
    }
    return {
        "url": api,
        "id": pull.id,
        "node_id": node_id("PullRequest", pull.id),
        "html_url": html,
        "diff_url": f"{html}.diff",
        "patch_url": f"{html}.patch",
        "issue_url": issue_api,
        "commits_url": links["commits"],
        "review_comments_url": links["review_comments"],
        "review_comment_url": links["review_comment"],
        "comments_url": links["comments"],
        "statuses_url": statuses,
        "number": pull.number,
        "state": "open",
        "locked": False,
        "title": pull.title,
        "user": user(pull.user, urls),
        "body": pull.body,
        "labels": [label(name, state, urls) for name in pull.labels],
        "milestone": None,
        "active_lock_reason": None,
        "created_at": iso(pull.created_at),
        "updated_at": iso(pull.created_at),
        "closed_at": None,
        "merged_at": None,
        "merge_commit_sha": None,
        "assignee": None,
        "assignees": [],
        "requested_reviewers": [],
        "requested_teams": [],
        "head": _branch_end(pull.head_repo, pull.head_ref, pull.head_sha, state, urls),
        "base": _branch_end(state.repository, pull.base_ref, pull.base_sha, state, urls),
        "_links": {name: {"href": href} for name, href in links.items()},
        "author_association": association(pull.user, state),
        "auto_merge": None,
        "draft": False,
        "merged": False,
        "mergeable": True,
        "rebaseable": True,
        "mergeable_state": "clean",
        "merged_by": None,
        "comments": len(state.comments_on(pull.number)),
        "review_comments": 0,
        "maintainer_can_modify": pull.head_repo is state.fork,
        "commits": 1,
        "additions": 1,
        "deletions": 0,
        "changed_files": 1,
    }


def label(name: str, state: State, urls: Urls) -> Json:
    """A repository label, as a pull request lists it."""
    number = int(hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:8], 16)
    return {
        "id": number,
        "node_id": node_id("Label", number),
        "url": f"{urls.repo(state.repository)}/labels/{quote(name)}",
        "name": name,
        "description": None,
        "color": "ededed",
        "default": False,
    }


def pull_request_minimal(pull: PullRequest, state: State, urls: Urls) -> Json:
    def end(repo: Repository, ref: str, sha: str) -> Json:
        return {"ref": ref, "sha": sha, "repo": {"id": repo.id, "url": urls.repo(repo), "name": repo.name}}

    return {
        "id": pull.id,
        "number": pull.number,
        "url": f"{urls.repo(state.repository)}/pulls/{pull.number}",
        "head": end(pull.head_repo, pull.head_ref, pull.head_sha),
        "base": end(state.repository, pull.base_ref, pull.base_sha),
    }


def check_run(run: CheckRun, state: State, urls: Urls) -> Json:
    api = f"{urls.repo(state.repository)}/check-runs/{run.id}"
    html = f"{urls.repo_web(state.repository)}/runs/{run.id}"
    return {
        "id": run.id,
        "head_sha": run.head_sha,
        "node_id": node_id("CheckRun", run.id),
        "external_id": run.external_id or "",
        "url": api,
        "html_url": html,
        "details_url": run.details_url or html,
        "status": run.status,
        "conclusion": run.conclusion,
        "started_at": iso(run.started_at),
        "completed_at": iso(run.completed_at) if run.completed_at else None,
        "output": {
            "title": run.title,
            "summary": run.summary,
            "text": run.text,
            "annotations_count": len(run.annotations),
            "annotations_url": f"{api}/annotations",
        },
        "name": run.name,
        "check_suite": {"id": 8_000_000_000 + run.id % 1_000_000},
        "app": actions_app(urls),
        "pull_requests": [pull_request_minimal(p, state, urls) for p in state.pulls_with_head(run.head_sha)],
    }


def git_person(person: Person) -> Json:
    return {"name": person.name, "email": person.email, "date": person.iso_date()}


UNSIGNED = {"verified": False, "reason": "unsigned", "signature": None, "payload": None, "verified_at": None}


def git_commit(sha: str, found: Commit, state: State, urls: Urls) -> Json:
    api = urls.repo(state.repository)
    return {
        "sha": sha,
        "node_id": node_id("Commit", int(sha[:12], 16)),
        "url": f"{api}/git/commits/{sha}",
        "html_url": f"{urls.repo_web(state.repository)}/commit/{sha}",
        "author": git_person(found.author),
        "committer": git_person(found.committer),
        "tree": {"sha": found.tree, "url": f"{api}/git/trees/{found.tree}"},
        "message": found.message,
        "parents": [
            {
                "sha": parent,
                "url": f"{api}/git/commits/{parent}",
                "html_url": f"{urls.repo_web(state.repository)}/commit/{parent}",
            }
            for parent in found.parents
        ],
        "verification": dict(UNSIGNED),
    }


def repo_commit(sha: str, state: State, urls: Urls) -> Json:
    """The /commits/{sha} shape a branch embeds (distinct from the git-data commit)."""
    found = state.objects.commit(sha)
    assert found is not None
    api, web = urls.repo(state.repository), urls.repo_web(state.repository)
    data = git_commit(sha, found, state, urls)
    return {
        "url": f"{api}/commits/{sha}",
        "sha": sha,
        "node_id": data["node_id"],
        "html_url": f"{web}/commit/{sha}",
        "comments_url": f"{api}/commits/{sha}/comments",
        "commit": {
            "url": data["url"],
            "author": data["author"],
            "committer": data["committer"],
            "message": data["message"],
            "comment_count": 0,
            "tree": data["tree"],
            "verification": data["verification"],
        },
        "author": None,
        "committer": None,
        "parents": [
            {"sha": p["sha"], "url": f"{api}/commits/{p['sha']}", "html_url": p["html_url"]}
            for p in data["parents"]
        ],
    }


def commit_comparison(  # noqa: PLR0917 - one argument per part of the answer
    basehead: str,
    sides: tuple[str, str, str],
    counts: tuple[int, int],
    listed: list[str],
    state: State,
    urls: Urls,
) -> Json:
    """`sides` is (base, head, merge-base), `counts` (ahead_by, behind_by); `listed` the commits shown."""
    base, head, merge_base = sides
    ahead_by, behind_by = counts
    if base == head:
        status = "identical"
    elif ahead_by and behind_by:
        status = "diverged"
    else:
        status = "ahead" if ahead_by else "behind"
    api, web = urls.repo(state.repository), urls.repo_web(state.repository)
    owner = state.repository.owner.login
    return {
        "url": f"{api}/compare/{quote(basehead)}",
        "html_url": f"{web}/compare/{quote(basehead)}",
        "permalink_url": f"{web}/compare/{owner}:{base}...{owner}:{head}",
        "diff_url": f"{web}/compare/{quote(basehead)}.diff",
        "patch_url": f"{web}/compare/{quote(basehead)}.patch",
        "base_commit": repo_commit(base, state, urls),
        "merge_base_commit": repo_commit(merge_base, state, urls),
        "status": status,
        "ahead_by": ahead_by,
        "behind_by": behind_by,
        "total_commits": ahead_by,
        "commits": [repo_commit(sha, state, urls) for sha in listed],
    }


def branch(name: str, sha: str, state: State, urls: Urls) -> Json:
    api = f"{urls.repo(state.repository)}/branches/{quote(name)}"
    return {
        "name": name,
        "commit": repo_commit(sha, state, urls),
        "_links": {"self": api, "html": f"{urls.repo_web(state.repository)}/tree/{quote(name)}"},
        "protected": False,
        "protection": {
            "enabled": False,
            "required_status_checks": {"enforcement_level": "off", "contexts": [], "checks": []},
        },
        "protection_url": f"{api}/protection",
    }


def git_ref(name: str, sha: str, state: State, urls: Urls) -> Json:
    api = urls.repo(state.repository)
    return {
        "ref": name,
        "node_id": node_id(
            "Ref", int(hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:12], 16)
        ),
        "url": f"{api}/git/{quote(name)}",
        "object": {"type": "commit", "sha": sha, "url": f"{api}/git/commits/{sha}"},
    }


def _tree_item(entry: PathEntry, state: State, urls: Urls) -> Json:
    kind = "tree" if entry.mode == TREE_MODE else "blob"
    item: Json = {
        "path": entry.path,
        "mode": "040000" if entry.mode == TREE_MODE else entry.mode,
        "type": kind,
        "sha": entry.sha,
        "url": f"{urls.repo(state.repository)}/git/{kind}s/{entry.sha}",
    }
    blob = state.objects.blob(entry.sha)
    if blob is not None:
        item["size"] = len(blob.data)
    return item


def git_tree(sha: str, entries: list[PathEntry], state: State, urls: Urls) -> Json:
    return {
        "sha": sha,
        "url": f"{urls.repo(state.repository)}/git/trees/{sha}",
        "tree": [_tree_item(entry, state, urls) for entry in entries],
        "truncated": False,
    }


def content_entry(entry: PathEntry, ref: str, state: State, urls: Urls) -> Json:
    """A contents-API item: with base64 `content` for a file, without for a directory listing's entries."""
    api, web = urls.repo(state.repository), urls.repo_web(state.repository)
    is_dir = entry.mode == TREE_MODE
    blob = None if is_dir else state.objects.blob(entry.sha)
    self_url = f"{api}/contents/{quote(entry.path)}?ref={quote(ref)}"
    git_url = f"{api}/git/{'trees' if is_dir else 'blobs'}/{entry.sha}"
    html_url = f"{web}/{'tree' if is_dir else 'blob'}/{quote(ref)}/{quote(entry.path)}"
    kind = "dir" if is_dir else {"120000": "symlink", "160000": "submodule"}.get(entry.mode, "file")
    return {
        "type": kind,
        "size": len(blob.data) if blob else 0,
        "name": posixpath.basename(entry.path),
        "path": entry.path,
        "sha": entry.sha,
        "url": self_url,
        "git_url": git_url,
        "html_url": html_url,
        "download_url": None
        if is_dir
        else f"{urls.web}/raw/{state.repository.full_name}/{quote(ref)}/{quote(entry.path)}",
        "_links": {"self": self_url, "git": git_url, "html": html_url},
    }


def content_file(entry: PathEntry, ref: str, state: State, urls: Urls) -> Json:
    blob = state.objects.blob(entry.sha)
    assert blob is not None
    return {
        **content_entry(entry, ref, state, urls),
        "content": wrapped_base64(blob.data),
        "encoding": "base64",
    }


def git_blob(sha: str, data: bytes, state: State, urls: Urls) -> Json:
    """Like GitHub's Git Data API: base64 with a newline every 60 characters, up to 100 MB."""
    return {
        "sha": sha,
        "node_id": node_id("Blob", int(sha[:12], 16)),
        "size": len(data),
        "url": f"{urls.repo(state.repository)}/git/blobs/{sha}",
        "content": wrapped_base64(data),
        "encoding": "base64",
    }


def file_commit(entry: PathEntry | None, branch_name: str, sha: str, state: State, urls: Urls) -> Json:
    found = state.objects.commit(sha)
    assert found is not None
    return {
        "content": content_entry(entry, branch_name, state, urls) if entry else None,
        "commit": git_commit(sha, found, state, urls),
    }


def artifact(found: Artifact, state: State, urls: Urls) -> Json:
    api = f"{urls.repo(state.repository)}/actions/artifacts/{found.id}"
    run = state.workflow_runs[found.run_id]
    return {
        "id": found.id,
        "node_id": node_id("Artifact", found.id),
        "name": found.name,
        "size_in_bytes": len(found.data),
        "url": api,
        "archive_download_url": f"{api}/zip",
        "expired": found.expired,
        "created_at": iso(found.created_at),
        "updated_at": iso(found.created_at),
        "expires_at": iso(found.created_at + ARTIFACT_RETENTION),
        "digest": f"sha256:{hashlib.sha256(found.data).hexdigest()}",
        "workflow_run": {
            "id": run.id,
            "repository_id": state.repository.id,
            "head_repository_id": run.head_repository.id,
            "head_branch": run.head_branch,
            "head_sha": run.head_sha,
        },
    }


def workflow_run(run: WorkflowRun, state: State, urls: Urls) -> Json:
    api = f"{urls.repo(state.repository)}/actions/runs/{run.id}"
    head = state.objects.commit(run.head_sha)
    head_commit = None
    if head is not None:
        head_commit = {
            "id": run.head_sha,
            "tree_id": head.tree,
            "message": head.message,
            "timestamp": head.committer.iso_date(),
            "author": {"name": head.author.name, "email": head.author.email},
            "committer": {"name": head.committer.name, "email": head.committer.email},
        }
    pulls = [pull_request_minimal(state.pulls[n], state, urls) for n in run.pull_request_numbers]
    workflow_id = 161335
    return {
        "id": run.id,
        "name": run.name,
        "node_id": node_id("WorkflowRun", run.id),
        "check_suite_id": 9_000_000_000 + run.id % 1_000_000,
        "check_suite_node_id": node_id("CheckSuite", run.id),
        "head_branch": run.head_branch,
        "head_sha": run.head_sha,
        "path": ".github/workflows/benchmarks.yml",
        "run_number": run.run_number,
        "run_attempt": 1,
        "referenced_workflows": [],
        "event": run.event,
        "status": run.status,
        "conclusion": run.conclusion,
        "workflow_id": workflow_id,
        "url": api,
        "html_url": f"{urls.repo_web(state.repository)}/actions/runs/{run.id}",
        "pull_requests": pulls,
        "created_at": iso(run.created_at),
        "updated_at": iso(run.created_at),
        "actor": user(run.head_repository.owner, urls),
        "triggering_actor": user(run.head_repository.owner, urls),
        "run_started_at": iso(run.created_at),
        "jobs_url": f"{api}/jobs",
        "logs_url": f"{api}/logs",
        "check_suite_url": f"{urls.repo(state.repository)}/check-suites/{9_000_000_000 + run.id % 1_000_000}",
        "artifacts_url": f"{api}/artifacts",
        "cancel_url": f"{api}/cancel",
        "rerun_url": f"{api}/rerun",
        "previous_attempt_url": None,
        "workflow_url": f"{urls.repo(state.repository)}/actions/workflows/{workflow_id}",
        "head_commit": head_commit,
        "repository": repository(state.repository, state, urls),
        "head_repository": repository(run.head_repository, state, urls),
        "head_repository_id": run.head_repository.id,
        "display_title": run.name,
    }


def error(message: str, status: int, documentation_url: str) -> Json:
    return {"message": message, "documentation_url": documentation_url, "status": str(status)}
