"""One handler per GitHub operation, and the routing table that maps paths and permissions to them."""

from __future__ import annotations

import base64
import binascii
import math
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from . import render
from .gitobjects import API_TREE_MODE, TREE_MODE, Blob, Commit, PathEntry, Person
from .render import Json, Urls
from .state import Account, App, CheckRun, State, now

COMMENT_BODY_LIMIT = 65536
CONTENTS_SIZE_LIMIT = 1024 * 1024
TOO_LARGE_MESSAGE = (
    "This API returns blobs up to 1 MB in size. The requested blob is too large to fetch via the API, "
    "but you can use the Git Data API to request blobs up to 100 MB in size."
)
PER_PAGE_DEFAULT = 30
PER_PAGE_MAX = 100
BLOB_URL_LIFETIME = timedelta(minutes=1)
NULL_SHA = "0" * 40
T = TypeVar("T")


class ApiError(Exception):
    """An error answer in GitHub's shape; documentation_url defaults to the operation's docs page."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: list[Json] | None = None,
        headers: dict[str, str] | None = None,
        documentation_url: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = headers or {}
        self.documentation_url = documentation_url


def not_found() -> ApiError:
    return ApiError(404, "Not Found")


def found(thing: T | None) -> T:
    """The looked-up thing, or GitHub's 404."""
    if thing is None:
        raise not_found()
    return thing


def unprocessable(message: str) -> ApiError:
    return ApiError(422, message)


@dataclass
class Call:
    """Everything a handler may look at: state, URLs, path values, query, JSON body and who is calling."""

    state: State
    urls: Urls
    args: dict[str, Any]
    query: MultiDict
    body: Any
    actor: Account
    subpath: str  # the path after /repos/{owner}/{repo}, for pagination links
    blob_tickets: dict[str, tuple[int, datetime]]
    app: App | None = None  # the app whose installation token calls; None for a user's token


@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


# -- shared helpers ------------------------------------------------------------------------------------


def paginate(call: Call, items: Sequence[Any]) -> tuple[list[Any], dict[str, str]]:
    """GitHub's page/per_page slicing with a Link header in the /repositories/{id} form real GitHub uses."""
    per_page = min(max(int(call.query.get("per_page", PER_PAGE_DEFAULT)), 1), PER_PAGE_MAX)
    page = max(int(call.query.get("page", 1)), 1)
    last = max(1, math.ceil(len(items) / per_page))
    chunk = list(items[(page - 1) * per_page : page * per_page])
    if last == 1:
        return chunk, {}
    base = f"{call.urls.api}/repositories/{call.state.repository.id}{call.subpath}"
    kept = [(key, value) for key, value in call.query.items(multi=True) if key != "page"]

    def link(number: int, rel: str) -> str:
        return f'<{base}?{urlencode([*kept, ("page", number)])}>; rel="{rel}"'

    rels = []
    if page > 1:
        rels.append(link(page - 1, "prev"))
    if page < last:
        rels += [link(page + 1, "next"), link(last, "last")]
    if page > 1:
        rels.append(link(1, "first"))
    return chunk, {"Link": ", ".join(rels)}


def _comment_body(call: Call) -> str:
    body = call.body["body"]
    if len(body) > COMMENT_BODY_LIMIT:
        raise ApiError(
            422,
            "Validation Failed",
            errors=[
                {
                    "resource": "IssueComment",
                    "code": "unprocessable",
                    "field": "data",
                    "message": f"Body is too long (maximum is {COMMENT_BODY_LIMIT} characters)",
                }
            ],
        )
    return body


def _person(given: dict[str, Any] | None, fallback: Person) -> Person:
    if not given:
        return fallback
    date = given.get("date")
    when = datetime.fromisoformat(date.replace("Z", "+00:00")) if date else fallback.when
    return Person(given["name"], given["email"], when)


def _parse_time(value: str | None, default: datetime | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else default


# -- repository, pulls, issues -------------------------------------------------------------------------


def get_repository(call: Call) -> Reply:
    return Reply(200, render.repository(call.state.repository, call.state, call.urls))


def get_authenticated_user(call: Call) -> Reply:
    """A user's token learns its user; an installation token is refused, as GitHub refuses it."""
    if call.app is not None:
        raise ApiError(403, "Resource not accessible by integration")
    return Reply(200, render.private_user(call.actor, call.urls))


def list_pull_requests(call: Call) -> Reply:
    """Open pull requests (all are open here), filtered by `head` = owner:branch and `base`, paginated."""
    head, base = call.query.get("head"), call.query.get("base")
    state = call.query.get("state", "open")
    pulls = [
        pull
        for pull in sorted(call.state.pulls.values(), key=lambda p: p.number, reverse=True)
        if state in ("open", "all")
        and (head is None or head == f"{pull.head_repo.owner.login}:{pull.head_ref}")
        and (base is None or base == pull.base_ref)
    ]
    page, headers = paginate(call, pulls)
    return Reply(200, [render.pull_request(p, call.state, call.urls) for p in page], headers)


def get_pull_request(call: Call) -> Reply:
    pull = found(call.state.pulls.get(call.args["pull_number"]))
    return Reply(200, render.pull_request(pull, call.state, call.urls))


def get_issue(call: Call) -> Reply:
    issue = found(call.state.issues.get(call.args["issue_number"]))
    return Reply(200, render.issue(issue, call.state, call.urls))


def list_comments(call: Call) -> Reply:
    number = found(call.state.issues.get(call.args["issue_number"])).number
    since = _parse_time(call.query.get("since"), None)
    comments = [c for c in call.state.comments_on(number) if since is None or c.updated_at >= since]
    page, headers = paginate(call, comments)
    return Reply(200, [render.comment(c, call.state, call.urls) for c in page], headers)


def create_comment(call: Call) -> Reply:
    number = found(call.state.issues.get(call.args["issue_number"])).number
    comment = call.state.add_comment(number, _comment_body(call), call.actor, call.app)
    document = render.comment(comment, call.state, call.urls)
    return Reply(201, document, {"Location": document["url"]})


def get_comment(call: Call) -> Reply:
    comment = found(call.state.comments.get(call.args["comment_id"]))
    return Reply(200, render.comment(comment, call.state, call.urls))


def update_comment(call: Call) -> Reply:
    comment = found(call.state.comments.get(call.args["comment_id"]))
    comment.body = _comment_body(call)
    comment.updated_at = now()
    return Reply(200, render.comment(comment, call.state, call.urls))


def create_commit_comment(call: Call) -> Reply:
    commit_sha = call.args["commit_sha"]
    if call.state.objects.commit(commit_sha) is None:
        raise not_found()
    comment = call.state.add_commit_comment(commit_sha, _comment_body(call), call.actor)
    document = render.commit_comment(comment, call.state, call.urls)
    return Reply(201, document, {"Location": document["url"]})


# -- check runs ----------------------------------------------------------------------------------------


def _apply_check_fields(run: CheckRun, body: dict[str, Any]) -> None:
    """Fields create and update share; a conclusion completes the run, as GitHub does."""
    for key in ("name", "details_url", "external_id"):
        if key in body:
            setattr(run, key, body[key])
    run.started_at = _parse_time(body.get("started_at"), run.started_at) or run.started_at
    if "conclusion" in body:
        run.conclusion = body["conclusion"]
        run.status = "completed"
    elif "status" in body:
        run.status = body["status"]
    if run.status == "completed":
        run.completed_at = _parse_time(body.get("completed_at"), run.completed_at or now())
    output = body.get("output")
    if output:
        run.title = output.get("title", run.title)
        run.summary = output.get("summary", run.summary)
        run.text = output.get("text", run.text)
        run.annotations += output.get("annotations", [])
    if "actions" in body:
        run.actions = body["actions"]


def create_check_run(call: Call) -> Reply:
    """Only a GitHub App's installation token may create check runs; GitHub refuses a user's token."""
    if call.app is None:
        raise ApiError(403, "Resource not accessible by personal access token")
    head_sha = call.body["head_sha"]
    if call.state.objects.commit(head_sha) is None:
        raise unprocessable(f"No commit found for SHA: {head_sha}")
    run = CheckRun(call.state.next_id("check_run"), call.body["name"], head_sha, "queued", None, now())
    _apply_check_fields(run, call.body)
    call.state.check_runs[run.id] = run
    return Reply(201, render.check_run(run, call.state, call.urls))


def get_check_run(call: Call) -> Reply:
    run = found(call.state.check_runs.get(call.args["check_run_id"]))
    return Reply(200, render.check_run(run, call.state, call.urls))


def update_check_run(call: Call) -> Reply:
    run = found(call.state.check_runs.get(call.args["check_run_id"]))
    _apply_check_fields(run, call.body)
    return Reply(200, render.check_run(run, call.state, call.urls))


# -- contents and branches -----------------------------------------------------------------------------


def get_content(call: Call) -> Reply:
    """A file (over 1 MB: 403 too_large, as for GitHub's default media type) or a directory listing."""
    ref = call.query.get("ref") or call.state.repository.default_branch
    commit = call.state.objects.commit(call.state.resolve(ref) or "")
    entry = found(call.state.objects.lookup(commit.tree, call.args["path"]) if commit else None)
    blob = call.state.objects.blob(entry.sha)
    if blob is not None and len(blob.data) > CONTENTS_SIZE_LIMIT:
        raise ApiError(
            403, TOO_LARGE_MESSAGE, errors=[{"resource": "Blob", "field": "data", "code": "too_large"}]
        )
    if entry.mode != TREE_MODE:
        return Reply(200, render.content_file(entry, ref, call.state, call.urls))
    tree = call.state.objects.tree(entry.sha)
    listing = [
        render.content_entry(
            PathEntry(f"{entry.path}/{child.name}".lstrip("/"), child.mode, child.sha),
            ref,
            call.state,
            call.urls,
        )
        for child in (tree.entries if tree else ())
    ]
    return Reply(200, listing)


def put_content(call: Call) -> Reply:
    """Create or update one file: 422 without `sha` for an existing file, 409 for a stale `sha`."""
    path, body, state = call.args["path"], call.body, call.state
    branch = body.get("branch") or state.repository.default_branch
    head = state.branch_head(branch)
    if head is None:
        raise ApiError(404, f"Branch {branch} not found")
    try:
        data = base64.b64decode(body["content"], validate=True)
    except binascii.Error as error:
        raise unprocessable("content is not valid Base64") from error
    current = state.objects.lookup(found(state.objects.commit(head)).tree, path)
    if current is not None and "sha" not in body:
        raise unprocessable('Invalid request.\n\n"sha" wasn\'t supplied.')
    if "sha" in body and (current is None or current.sha != body["sha"]):
        raise ApiError(409, f"is at {current.sha if current else NULL_SHA} but expected {body['sha']}")
    author = _person(body.get("author"), call.actor.person(now()))
    committer = _person(body.get("committer"), author)
    sha = state.make_commit(head, {path: data}, body["message"], author, committer)
    state.refs[f"refs/heads/{branch}"] = sha
    entry = state.objects.lookup(found(state.objects.commit(sha)).tree, path)
    return Reply(200 if current else 201, render.file_commit(entry, branch, sha, state, call.urls))


def get_branch(call: Call) -> Reply:
    name = call.args["branch"]
    head = call.state.branch_head(name)
    if head is None:
        raise ApiError(404, "Branch not found")
    return Reply(200, render.branch(name, head, call.state, call.urls))


# -- git references ------------------------------------------------------------------------------------


def get_ref(call: Call) -> Reply:
    name = f"refs/{call.args['ref']}"
    sha = found(call.state.refs.get(name))
    return Reply(200, render.git_ref(name, sha, call.state, call.urls))


def list_matching_refs(call: Call) -> Reply:
    prefix = f"refs/{call.args['ref']}"
    matching = sorted((name, sha) for name, sha in call.state.refs.items() if name.startswith(prefix))
    return Reply(200, [render.git_ref(name, sha, call.state, call.urls) for name, sha in matching])


def create_ref(call: Call) -> Reply:
    name, sha = call.body["ref"], call.body["sha"]
    if not name.startswith("refs/") or name.count("/") < 2:
        raise unprocessable("Reference name must start with 'refs/' and have at least two slashes.")
    if name in call.state.refs:
        raise unprocessable("Reference already exists")
    if call.state.objects.get(sha) is None:
        raise unprocessable("Object does not exist")
    call.state.refs[name] = sha
    document = render.git_ref(name, sha, call.state, call.urls)
    return Reply(201, document, {"Location": document["url"]})


def update_ref(call: Call) -> Reply:
    """Moves a ref; without `force` only to a descendant of where it points now."""
    name, sha = f"refs/{call.args['ref']}", call.body["sha"]
    current = call.state.refs.get(name)
    if current is None:
        raise unprocessable("Reference does not exist")
    if call.state.objects.commit(sha) is None:
        raise unprocessable("Object does not exist")
    if not call.body.get("force", False) and not call.state.objects.is_ancestor(current, sha):
        raise unprocessable("Update is not a fast forward")
    call.state.refs[name] = sha
    return Reply(200, render.git_ref(name, sha, call.state, call.urls))


# -- git objects ---------------------------------------------------------------------------------------


def create_blob(call: Call) -> Reply:
    encoding = call.body.get("encoding", "utf-8")
    if encoding not in ("utf-8", "base64"):
        raise unprocessable(f"encoding must be utf-8 or base64, not {encoding}")
    try:
        data = (
            base64.b64decode(call.body["content"], validate=True)
            if encoding == "base64"
            else call.body["content"].encode()
        )
    except binascii.Error as error:
        raise unprocessable("content is not valid Base64") from error
    sha = call.state.objects.put(Blob(data))
    url = f"{call.urls.repo(call.state.repository)}/git/blobs/{sha}"
    return Reply(201, {"url": url, "sha": sha}, {"Location": url})


def get_blob(call: Call) -> Reply:
    """Any size the store holds: the Git Data API is how files over the contents API's 1 MB are read."""
    sha = call.args["file_sha"]
    blob = found(call.state.objects.blob(sha))
    return Reply(200, render.git_blob(sha, blob.data, call.state, call.urls))


def _subtree_leaves(call: Call, path: str, tree_sha: str) -> dict[str, PathEntry]:
    if call.state.objects.tree(tree_sha) is None:
        raise unprocessable(f"tree.sha {tree_sha} is not a valid tree")
    return {
        f"{path}/{p}": PathEntry(f"{path}/{p}", e.mode, e.sha)
        for p, e in call.state.objects.leaves(tree_sha).items()
    }


def create_tree(call: Call) -> Reply:
    """Applies entries (content, sha, or sha null to delete) to `base_tree`, nesting paths with slashes."""
    objects = call.state.objects
    base_tree = call.body.get("base_tree")
    if base_tree and objects.tree(base_tree) is None:
        raise unprocessable("base_tree is not a valid tree")
    leaves = objects.leaves(base_tree) if base_tree else {}
    for item in call.body["tree"]:
        path = item["path"].strip("/")
        mode = (
            TREE_MODE
            if item.get("mode") == API_TREE_MODE or item.get("type") == "tree"
            else item.get("mode", "100644")
        )
        for existing in [p for p in leaves if p == path or p.startswith(f"{path}/")]:
            del leaves[existing]
        if "content" in item:
            leaves[path] = PathEntry(path, mode, objects.put(Blob(item["content"].encode())))
        elif "sha" not in item:
            raise unprocessable("Must supply either tree.sha or tree.content")
        elif item["sha"] is None:
            continue
        elif mode == TREE_MODE:
            leaves.update(_subtree_leaves(call, path, item["sha"]))
        elif objects.get(item["sha"]) is None:
            raise unprocessable(f"tree.sha {item['sha']} is not a valid blob")
        else:
            leaves[path] = PathEntry(path, mode, item["sha"])
    sha = objects.build_tree(leaves)
    document = render.git_tree(sha, _top_level(call, sha), call.state, call.urls)
    return Reply(201, document, {"Location": document["url"]})


def _top_level(call: Call, tree_sha: str) -> list[PathEntry]:
    tree = call.state.objects.tree(tree_sha)
    return [PathEntry(e.name, e.mode, e.sha) for e in (tree.entries if tree else ())]


def get_tree(call: Call) -> Reply:
    """`tree_sha` may name a tree, a commit or a branch; any `recursive` value lists the whole tree."""
    wanted = call.args["tree_sha"]
    tree_sha = wanted if call.state.objects.tree(wanted) else None
    if tree_sha is None:
        commit = call.state.objects.commit(call.state.resolve(wanted) or "")
        tree_sha = commit.tree if commit else None
    tree_sha = found(tree_sha)
    entries = (
        list(call.state.objects.walk(tree_sha)) if "recursive" in call.query else _top_level(call, tree_sha)
    )
    return Reply(200, render.git_tree(tree_sha, entries, call.state, call.urls))


def create_commit(call: Call) -> Reply:
    objects, body = call.state.objects, call.body
    if objects.tree(body["tree"]) is None:
        raise unprocessable("Tree SHA does not exist")
    parents = tuple(body.get("parents", []))
    if any(objects.commit(parent) is None for parent in parents):
        raise unprocessable("Parent SHA does not exist or is not a commit object")
    author = _person(body.get("author"), call.actor.person(now()))
    committer = _person(body.get("committer"), author)
    commit = Commit(body["tree"], parents, author, committer, body["message"])
    sha = objects.put(commit)
    document = render.git_commit(sha, commit, call.state, call.urls)
    return Reply(201, document, {"Location": document["url"]})


def get_commit(call: Call) -> Reply:
    sha = call.args["commit_sha"]
    return Reply(200, render.git_commit(sha, found(call.state.objects.commit(sha)), call.state, call.urls))


# -- comparing commits ----------------------------------------------------------------------------------

COMPARE_COMMITS_UNPAGED = 250


def compare_commits(call: Call) -> Reply:
    """BASE...HEAD from the real objects: the merge-base, how far each side is from it, HEAD's own commits.

    Without `page` or `per_page` GitHub lists at most 250 commits, the newest last. The optional `files`
    (a diff of the two trees) is left out.
    """
    base_name, separator, head_name = call.args["basehead"].partition("...")
    objects, state = call.state.objects, call.state
    base, head = state.resolve(base_name), state.resolve(head_name)
    if not separator or base is None or head is None:
        raise not_found()
    base_side, head_side = objects.ancestry(base), objects.ancestry(head)
    merge_base = found(objects.merge_base(base, head))
    ahead = sorted(head_side - base_side, key=objects.commit_order)
    if "page" in call.query or "per_page" in call.query:
        listed, headers = paginate(call, ahead)
    else:
        listed, headers = ahead[-COMPARE_COMMITS_UNPAGED:], {}
    comparison = render.commit_comparison(
        call.args["basehead"],
        (base, head, merge_base),
        (len(ahead), len(base_side - head_side)),
        listed,
        state,
        call.urls,
    )
    return Reply(200, comparison, headers)


# -- actions: runs and artifacts -----------------------------------------------------------------------


def _artifact_listing(call: Call, run_id: int | None) -> Reply:
    name = call.query.get("name")
    found = [
        a
        for a in sorted(call.state.artifacts.values(), key=lambda a: a.id, reverse=True)
        if (run_id is None or a.run_id == run_id) and name in (None, a.name)
    ]
    page, headers = paginate(call, found)
    artifacts = [render.artifact(a, call.state, call.urls) for a in page]
    return Reply(200, {"total_count": len(found), "artifacts": artifacts}, headers)


def list_repo_artifacts(call: Call) -> Reply:
    return _artifact_listing(call, None)


def list_run_artifacts(call: Call) -> Reply:
    return _artifact_listing(call, found(call.state.workflow_runs.get(call.args["run_id"])).id)


def get_artifact(call: Call) -> Reply:
    artifact = found(call.state.artifacts.get(call.args["artifact_id"]))
    return Reply(200, render.artifact(artifact, call.state, call.urls))


def download_artifact(call: Call) -> Reply:
    """302 to a short-lived signed URL on another host name, as GitHub redirects to blob storage."""
    artifact = found(call.state.artifacts.get(call.args["artifact_id"]))
    if call.args["archive_format"] != "zip":
        raise not_found()
    if artifact.expired:
        raise ApiError(410, "Artifact has expired")
    ticket = secrets.token_urlsafe(24)
    call.blob_tickets[ticket] = (artifact.id, now() + BLOB_URL_LIFETIME)
    return Reply(
        302, None, {"Location": f"{call.urls.blobs}{ticket}?sv=2025-01-05&sr=b&sig={secrets.token_hex(16)}"}
    )


def get_workflow_run(call: Call) -> Reply:
    run = found(call.state.workflow_runs.get(call.args["run_id"]))
    return Reply(200, render.workflow_run(run, call.state, call.urls))


# -- the routing table ---------------------------------------------------------------------------------

Handler = Callable[[Call], Reply]


@dataclass(frozen=True)
class Route:
    """`rule` is below /repos/<owner>/<repo>; `permissions` is the X-Accepted-GitHub-Permissions value."""

    method: str
    rule: str
    operation_id: str
    handler: Handler
    permissions: str
    top_level: bool = False  # a path of its own (/user), not below /repos/{owner}/{repo}


ROUTES: tuple[Route, ...] = (
    Route("GET", "/user", "users/get-authenticated", get_authenticated_user, "metadata=read", top_level=True),
    Route("GET", "/pulls", "pulls/list", list_pull_requests, "pull_requests=read"),
    Route("GET", "", "repos/get", get_repository, "metadata=read"),
    Route("GET", "/pulls/<int:pull_number>", "pulls/get", get_pull_request, "pull_requests=read"),
    Route("GET", "/issues/<int:issue_number>", "issues/get", get_issue, "issues=read; pull_requests=read"),
    Route(
        "GET",
        "/issues/<int:issue_number>/comments",
        "issues/list-comments",
        list_comments,
        "issues=read; pull_requests=read",
    ),
    Route(
        "POST",
        "/issues/<int:issue_number>/comments",
        "issues/create-comment",
        create_comment,
        "issues=write; pull_requests=write",
    ),
    Route(
        "GET",
        "/issues/comments/<int:comment_id>",
        "issues/get-comment",
        get_comment,
        "issues=read; pull_requests=read",
    ),
    Route(
        "PATCH",
        "/issues/comments/<int:comment_id>",
        "issues/update-comment",
        update_comment,
        "issues=write; pull_requests=write",
    ),
    Route(
        "POST",
        "/commits/<commit_sha>/comments",
        "repos/create-commit-comment",
        create_commit_comment,
        "contents=write",
    ),
    Route("POST", "/check-runs", "checks/create", create_check_run, "checks=write"),
    Route("GET", "/check-runs/<int:check_run_id>", "checks/get", get_check_run, "checks=read"),
    Route("PATCH", "/check-runs/<int:check_run_id>", "checks/update", update_check_run, "checks=write"),
    Route(
        "GET",
        "/compare/<path:basehead>",
        "repos/compare-commits-with-basehead",
        compare_commits,
        "contents=read",
    ),
    Route("GET", "/contents/<path:path>", "repos/get-content", get_content, "contents=read"),
    Route(
        "PUT", "/contents/<path:path>", "repos/create-or-update-file-contents", put_content, "contents=write"
    ),
    Route("GET", "/branches/<path:branch>", "repos/get-branch", get_branch, "contents=read"),
    Route("GET", "/git/ref/<path:ref>", "git/get-ref", get_ref, "contents=read"),
    Route(
        "GET", "/git/matching-refs/<path:ref>", "git/list-matching-refs", list_matching_refs, "contents=read"
    ),
    Route("POST", "/git/refs", "git/create-ref", create_ref, "contents=write"),
    Route("PATCH", "/git/refs/<path:ref>", "git/update-ref", update_ref, "contents=write"),
    Route("POST", "/git/blobs", "git/create-blob", create_blob, "contents=write"),
    Route("GET", "/git/blobs/<file_sha>", "git/get-blob", get_blob, "contents=read"),
    Route("POST", "/git/trees", "git/create-tree", create_tree, "contents=write"),
    Route("GET", "/git/trees/<path:tree_sha>", "git/get-tree", get_tree, "contents=read"),
    Route("POST", "/git/commits", "git/create-commit", create_commit, "contents=write"),
    Route("GET", "/git/commits/<path:commit_sha>", "git/get-commit", get_commit, "contents=read"),
    Route(
        "GET", "/actions/artifacts", "actions/list-artifacts-for-repo", list_repo_artifacts, "actions=read"
    ),
    Route(
        "GET", "/actions/artifacts/<int:artifact_id>", "actions/get-artifact", get_artifact, "actions=read"
    ),
    Route(
        "GET",
        "/actions/artifacts/<int:artifact_id>/<archive_format>",
        "actions/download-artifact",
        download_artifact,
        "actions=read",
    ),
    Route("GET", "/actions/runs/<int:run_id>", "actions/get-workflow-run", get_workflow_run, "actions=read"),
    Route(
        "GET",
        "/actions/runs/<int:run_id>/artifacts",
        "actions/list-workflow-run-artifacts",
        list_run_artifacts,
        "actions=read",
    ),
)
