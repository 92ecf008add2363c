"""The GitHub API test server, driven by real clients (PyGithub and requests) over real HTTP."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from github import Auth, Github, GithubException, InputGitTreeElement
from github_api import READ_ONLY_TOKEN, USER_TOKEN, WRITE_TOKEN, GitHubServer
from github_api.contract import SPEC_PATH, SentRequest, contract
from github_api.gitobjects import FILE_MODE, Blob, Commit, ObjectStore, PathEntry, Person, object_sha
from github_api.handlers import ROUTES
from werkzeug.datastructures import Headers, ImmutableMultiDict

REPO = "octo-org/perf-demo"
GOLDEN = Path(__file__).resolve().parent / "data" / "github-api"
SUBSET_OPERATIONS = {
    "repos/get",
    "pulls/get",
    "issues/get",
    "issues/list-comments",
    "issues/create-comment",
    "issues/get-comment",
    "issues/update-comment",
    "checks/create",
    "repos/create-commit-comment",
    "checks/get",
    "checks/update",
    "repos/get-content",
    "repos/create-or-update-file-contents",
    "repos/get-branch",
    "git/get-ref",
    "git/list-matching-refs",
    "git/create-ref",
    "git/update-ref",
    "git/create-blob",
    "git/get-blob",
    "git/create-tree",
    "git/get-tree",
    "git/create-commit",
    "git/get-commit",
    "repos/compare-commits-with-basehead",
    "actions/list-artifacts-for-repo",
    "actions/list-workflow-run-artifacts",
    "actions/get-artifact",
    "actions/download-artifact",
    "actions/get-workflow-run",
    "users/get-authenticated",
    "pulls/list",
}


def client(server: GitHubServer, token: str = WRITE_TOKEN) -> Github:
    return Github(
        base_url=server.url,
        auth=Auth.Token(token),
        retry=None,
        timeout=10,
        seconds_between_requests=None,
        seconds_between_writes=None,
    )


def call(
    server: GitHubServer,
    method: str,
    path: str,
    token: str | None = WRITE_TOKEN,
    scheme: str = "token",
    **kwargs: object,
) -> requests.Response:
    """A raw request below /repos/{owner}/{repo}, to see statuses, headers and bodies exactly."""
    headers = {"Accept": "application/vnd.github+json"}
    if token:
        headers["Authorization"] = f"{scheme} {token}"
    return requests.request(method, f"{server.url}/repos/{REPO}{path}", headers=headers, timeout=10, **kwargs)


@pytest.fixture
def repo(github_server):
    return client(github_server).get_repo(REPO)


# -- the description itself ----------------------------------------------------------------------------


def test_openapi_copies_parse_and_list_the_32_operations():
    normalized = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    original = json.loads(
        (SPEC_PATH.parent / "github-rest-subset.2022-11-28.json").read_text(encoding="utf-8")
    )
    for document in (normalized, original):
        ids = [
            op["operationId"]
            for item in document["paths"].values()
            for op in item.values()
            if "operationId" in op
        ]
        assert sorted(ids) == sorted(SUBSET_OPERATIONS)
    assert set(contract().operations) == SUBSET_OPERATIONS
    assert {route.operation_id for route in ROUTES} == SUBSET_OPERATIONS
    assert len(normalized["info"]["x-normalizations"]) == 3


def test_validator_rejects_a_response_missing_required_fields():
    sent = SentRequest(
        "issues/get-comment",
        {"owner": "o", "repo": "r", "comment_id": 1},
        ImmutableMultiDict(),
        Headers(),
        b"",
    )
    problems = contract().response_problems(
        sent, 200, Headers({"Content-Type": "application/json"}), b'{"id": 1}'
    )
    assert len(problems) == 1
    assert "'node_id' is a required property" in problems[0]


# -- git objects ---------------------------------------------------------------------------------------


def test_blob_tree_and_commit_shas_are_the_ones_git_computes(tmp_path):
    # "a" is a directory: git sorts it as "a/", after "a-b" and "a.txt".
    files = {
        "a/x.json": b"{}\n",
        "a-b": b"dash\n",
        "a.txt": b"dot\n",
        "bench/deep/base.json": b"[]",
        "z": b"",
    }
    store = ObjectStore()
    tree = store.build_tree(
        {path: PathEntry(path, FILE_MODE, store.put(Blob(data))) for path, data in files.items()}
    )
    person = Person("Perf Bot", "bot@example.com", datetime(2026, 1, 5, 12, 0, tzinfo=UTC))
    commit = store.put(Commit(tree, (), person, person, "Add benchmarks\n"))
    child = store.put(Commit(tree, (commit,), person, person, "Again\n"))

    for path, data in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    identity = {"NAME": "Perf Bot", "EMAIL": "bot@example.com", "DATE": "@1767614400 +0000"}
    env = {
        **os.environ,
        **{f"GIT_{role}_{k}": v for role in ("AUTHOR", "COMMITTER") for k, v in identity.items()},
    }

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    git("init", "-q")
    git("add", "-A")
    assert git("hash-object", "a/x.json") == store.put(Blob(b"{}\n"))
    assert git("write-tree") == tree
    assert git("commit-tree", tree, "-m", "Add benchmarks") == commit
    assert git("commit-tree", tree, "-p", commit, "-m", "Again") == child
    assert store.is_ancestor(commit, child)
    assert not store.is_ancestor(child, commit)


# -- reads: repository, pull requests, issues, runs ----------------------------------------------------


def test_same_repository_and_fork_pull_requests(github_server, repo):
    same = github_server.state.add_pull_request(head_ref="speedup")
    fork = github_server.state.add_pull_request(head_ref="patch-1", fork=True)

    assert repo.full_name == REPO
    assert repo.default_branch == "main"
    pulled = repo.get_pull(same.number)
    assert (pulled.head.sha, pulled.head.ref, pulled.head.repo.full_name) == (same.head_sha, "speedup", REPO)
    assert pulled.base.sha == github_server.state.branch_head("main") == same.base_sha
    forked = repo.get_pull(fork.number)
    assert forked.head.repo.full_name == "contributor/perf-demo"
    assert forked.head.repo.fork is True
    assert github_server.state.ref(f"pull/{fork.number}/head") == forked.head.sha
    assert github_server.state.ref("heads/patch-1") is None
    issue = repo.get_issue(fork.number)
    assert issue.pull_request is not None
    assert issue.number == fork.number
    plain = github_server.state.add_issue("Flaky timer")
    assert repo.get_issue(plain.number).pull_request is None


def test_workflow_runs_list_pull_requests_only_for_same_repository_heads(github_server, repo):
    same = github_server.state.add_pull_request()
    fork = github_server.state.add_pull_request(fork=True)
    same_run = github_server.state.add_pull_request_run(same)
    fork_run = github_server.state.add_pull_request_run(fork)

    fetched = repo.get_workflow_run(same_run.id)
    assert [p.number for p in fetched.pull_requests] == [same.number]
    assert fetched.head_sha == same.head_sha
    fetched_fork = repo.get_workflow_run(fork_run.id)
    assert fetched_fork.pull_requests == []
    assert fetched_fork.head_sha == fork.head_sha
    assert fetched_fork.head_repository.full_name == "contributor/perf-demo"


def test_missing_things_answer_githubs_404_body(github_server):
    for path in (
        "/pulls/99",
        "/issues/99",
        "/issues/comments/1",
        "/check-runs/1",
        "/actions/runs/1",
        "/contents/nope.json",
    ):
        response = call(github_server, "GET", path)
        assert response.status_code == 404, path
        body = response.json()
        assert body["message"] == "Not Found"
        assert body["status"] == "404"
        assert body["documentation_url"].startswith("https://docs.github.com/rest/")


# -- comments ------------------------------------------------------------------------------------------


def test_comments_are_created_read_and_edited_with_increasing_ids(github_server, repo):
    pull = github_server.state.add_pull_request()
    issue = repo.get_issue(pull.number)
    first = issue.create_comment("<!-- perf-action:demo -->\nfirst")
    second = issue.create_comment("second")
    assert second.id > first.id
    first.edit("<!-- perf-action:demo -->\nedited")

    assert issue.get_comment(first.id).body.endswith("edited")
    assert [c.body for c in github_server.state.comments_on(pull.number)] == [
        "<!-- perf-action:demo -->\nedited",
        "second",
    ]
    assert github_server.state.comments[second.id].user.login == "github-actions[bot]"


def test_the_250th_comment_is_found_across_pages(github_server, repo):
    pull = github_server.state.add_pull_request()
    github_server.state.add_comments(pull.number, [f"chatter {i}" for i in range(249)])
    marker = github_server.state.add_comment(pull.number, "<!-- perf-action:demo -->")

    found = [c for c in repo.get_issue(pull.number).get_comments() if "perf-action:demo" in c.body]
    assert [c.id for c in found] == [marker.id]
    pages = [e.path for e in github_server.exchanges if e.operation_id == "issues/list-comments"]
    assert len(pages) == 9  # 250 comments, 30 per page by default
    assert pages[0] == f"/repos/{REPO}/issues/{pull.number}/comments"
    alias = f"/repositories/{github_server.state.repository.id}/issues/{pull.number}/comments"
    assert pages[1:] == [alias] * 8


def test_link_headers_use_the_repositories_alias_which_is_served(github_server):
    pull = github_server.state.add_pull_request()
    github_server.state.add_comments(pull.number, [str(i) for i in range(250)])
    repository_id = github_server.state.repository.id

    first = call(github_server, "GET", f"/issues/{pull.number}/comments", params={"per_page": 100})
    assert len(first.json()) == 100
    links = first.links
    assert links["next"]["url"] == (
        f"{github_server.url}/repositories/{repository_id}/issues/{pull.number}/comments?per_page=100&page=2"
    )
    assert links["last"]["url"].endswith("page=3")
    assert "prev" not in links
    second = requests.get(links["next"]["url"], headers={"Authorization": f"token {WRITE_TOKEN}"}, timeout=10)
    assert [c["body"] for c in second.json()] == [str(i) for i in range(100, 200)]
    assert set(second.links) == {"prev", "next", "last", "first"}
    clamped = call(github_server, "GET", f"/issues/{pull.number}/comments", params={"per_page": 1000})
    assert len(clamped.json()) == 100


def test_comment_bodies_over_65536_characters_are_refused(github_server):
    pull = github_server.state.add_pull_request()
    path = f"/issues/{pull.number}/comments"
    assert call(github_server, "POST", path, json={"body": "x" * 65536}).status_code == 201
    refused = call(github_server, "POST", path, json={"body": "x" * 65537})
    assert refused.status_code == 422
    assert refused.json()["message"] == "Validation Failed"
    assert refused.json()["errors"] == [
        {
            "resource": "IssueComment",
            "code": "unprocessable",
            "field": "data",
            "message": "Body is too long (maximum is 65536 characters)",
        }
    ]
    comment_id = github_server.state.comments_on(pull.number)[0].id
    assert (
        call(github_server, "PATCH", f"/issues/comments/{comment_id}", json={"body": "y" * 65537}).status_code
        == 422
    )
    assert len(github_server.state.comments_on(pull.number)) == 1


# -- check runs ----------------------------------------------------------------------------------------


def test_check_runs_are_created_on_the_head_sha_and_updated(github_server, repo):
    pull = github_server.state.add_pull_request()
    annotation = {
        "path": "bench",
        "start_line": 1,
        "end_line": 1,
        "annotation_level": "warning",
        "message": "slower",
    }
    run = repo.create_check_run(
        name="perf-action / demo",
        head_sha=pull.head_sha,
        status="in_progress",
        output={"title": "Comparing", "summary": "…", "annotations": [annotation]},
    )
    assert run.conclusion is None
    run.edit(
        conclusion="neutral",
        output={"title": "1 regression (advisory)", "summary": "table", "annotations": [annotation]},
    )

    fetched = repo.get_check_run(run.id)
    assert (fetched.status, fetched.conclusion) == ("completed", "neutral")
    assert fetched.output.title == "1 regression (advisory)"
    assert fetched.output.annotations_count == 2
    assert [p.number for p in fetched.pull_requests] == [pull.number]
    stored = github_server.state.check_runs_for(pull.head_sha)
    assert [(r.name, len(r.annotations), r.completed_at is not None) for r in stored] == [
        ("perf-action / demo", 2, True)
    ]


def test_a_check_run_on_an_unknown_commit_is_refused(github_server):
    refused = call(github_server, "POST", "/check-runs", json={"name": "perf", "head_sha": "f" * 40})
    assert refused.status_code == 422
    assert refused.json()["message"] == f"No commit found for SHA: {'f' * 40}"


def test_the_validator_catches_a_completed_check_run_without_conclusion(github_server):
    pull = github_server.state.add_pull_request()
    refused = call(
        github_server,
        "POST",
        "/check-runs",
        json={
            "name": "perf",
            "head_sha": pull.head_sha,
            "status": "completed",
            "output": {"title": "t", "summary": "s"},
        },
    )
    assert refused.status_code == 422
    assert refused.json()["message"].startswith("Invalid request.")
    violations = github_server.take_violations()
    assert [(v.direction, v.operation_id) for v in violations] == [("request", "checks/create")]
    assert "not valid under any of the given schemas" in violations[0].message
    assert github_server.state.check_runs == {}


def test_calls_outside_the_subset_are_violations(github_server):
    pull = github_server.state.add_pull_request()
    response = call(github_server, "GET", f"/commits/{pull.head_sha}/pulls")
    assert response.status_code == 404
    violations = github_server.take_violations()
    assert [(v.direction, v.path) for v in violations] == [
        ("routing", f"/repos/{REPO}/commits/{pull.head_sha}/pulls")
    ]


# -- contents and branches -----------------------------------------------------------------------------


def test_contents_round_trip_with_base64_lines_of_60(github_server, repo):
    document = json.dumps({"benchmarks": ["x" * 30] * 5}).encode()
    created = repo.create_file("bench/baseline.json", "Add baseline", document, branch="main")
    assert created["commit"].sha == github_server.state.branch_head("main")

    raw = call(github_server, "GET", "/contents/bench/baseline.json").json()
    lines = raw["content"].split("\n")
    assert lines[-1] == ""
    assert {len(line) for line in lines[:-2]} == {60}
    assert base64.b64decode(raw["content"]) == document
    assert raw["sha"] == object_sha(Blob(document))
    listing = repo.get_contents("bench")
    assert [(c.name, c.type) for c in listing] == [("baseline.json", "file")]
    assert repo.get_contents("bench/baseline.json", ref=created["commit"].sha).decoded_content == document


def test_files_over_one_megabyte_are_too_large_for_the_contents_api(github_server, repo):
    github_server.state.commit_files(
        "main", {"big.json": b" " * (1024 * 1024 + 1), "ok.json": b" " * 1024 * 1024}
    )
    assert len(repo.get_contents("ok.json").decoded_content) == 1024 * 1024
    refused = call(github_server, "GET", "/contents/big.json")
    assert refused.status_code == 403
    assert refused.json()["errors"] == [{"resource": "Blob", "field": "data", "code": "too_large"}]


def test_contents_update_requires_the_current_sha(github_server, repo):
    repo.create_file("bench/baseline.json", "Add baseline", b"{}", branch="main")
    current = repo.get_contents("bench/baseline.json")
    content = base64.b64encode(b'{"v": 2}').decode()

    missing = call(
        github_server, "PUT", "/contents/bench/baseline.json", json={"message": "m", "content": content}
    )
    assert missing.status_code == 422
    assert missing.json()["message"] == 'Invalid request.\n\n"sha" wasn\'t supplied.'
    stale = call(
        github_server,
        "PUT",
        "/contents/bench/baseline.json",
        json={"message": "m", "content": content, "sha": "a" * 40},
    )
    assert stale.status_code == 409
    assert stale.json()["message"] == f"is at {current.sha} but expected {'a' * 40}"
    updated = repo.update_file("bench/baseline.json", "Update baseline", b'{"v": 2}', current.sha)
    assert updated["commit"].parents[0].sha != updated["commit"].sha
    assert github_server.state.file("bench/baseline.json") == b'{"v": 2}'
    with pytest.raises(GithubException) as refused:
        repo.update_file("bench/baseline.json", "Again", b"{}", current.sha)
    assert refused.value.status == 409


def test_files_land_on_the_named_branch(github_server, repo):
    github_server.state.commit_files("bench-baseline", {"README.md": b"baselines\n"}, "Start baselines")
    repo.create_file("demo/baseline.json", "Promote", b"{}", branch="bench-baseline")
    branch = repo.get_branch("bench-baseline")
    assert branch.commit.sha == github_server.state.branch_head("bench-baseline")
    assert branch.commit.commit.message == "Promote"
    assert github_server.state.file("demo/baseline.json", ref="bench-baseline") == b"{}"
    assert github_server.state.file("demo/baseline.json") is None
    assert call(github_server, "GET", "/branches/no-such-branch").status_code == 404


def _url_shape(value: str, api: str, full_name: str) -> str:
    return value.replace(api, "<api>").replace(full_name, "<repo>")


def test_replaying_githubs_recorded_create_file_gives_its_answer(github_server):
    recorded = json.loads(
        (GOLDEN / "octokit-fixtures.create-file.normalized.json").read_text(encoding="utf-8")
    )[0]
    path = recorded["path"].split("/contents/", 1)[1]
    answer = call(github_server, recorded["method"].upper(), f"/contents/{path}", json=recorded["body"])
    assert answer.status_code == recorded["status"]
    theirs, ours = recorded["response"], answer.json()
    assert ours["content"]["sha"] == theirs["content"]["sha"]  # GitHub's real blob sha for the same bytes
    assert ours["content"]["size"] == theirs["content"]["size"]
    assert set(theirs) == set(ours)
    for key in ("content", "commit"):
        assert set(theirs[key]) <= set(ours[key])
    for key in ("author", "committer", "tree", "verification"):
        assert set(theirs["commit"][key]) <= set(ours["commit"][key])
    for key in ("url", "git_url"):
        expected = _url_shape(
            theirs["content"][key], "https://api.github.com", "octokit-fixture-org/create-file"
        )
        assert _url_shape(ours["content"][key], github_server.url, REPO) == expected


def test_directory_listings_have_the_recorded_shape(github_server):
    recorded = json.loads(
        (GOLDEN / "octokit-fixtures.get-content.normalized.json").read_text(encoding="utf-8")
    )
    theirs = next(item for item in recorded[0]["response"] if item["name"] == "README.md")
    github_server.state.commit_files("main", {"docs/README.md": b"# hello-world"}, "Docs")
    ours = call(github_server, "GET", "/contents/docs").json()
    assert [item["name"] for item in ours] == ["README.md"]
    assert ours[0]["sha"] == theirs["sha"]
    assert set(ours[0]) == set(theirs)
    assert set(ours[0]["_links"]) == set(theirs["_links"])


# -- git data ------------------------------------------------------------------------------------------


def test_git_data_builds_a_commit_and_refs_move_only_forward(github_server, repo):
    main = repo.get_git_ref("heads/main")
    base = repo.get_git_commit(main.object.sha)
    blob = repo.create_git_blob(base64.b64encode(b'{"v": 1}\n').decode(), "base64")
    tree = repo.create_git_tree(
        [InputGitTreeElement("bench/demo.json", "100644", "blob", sha=blob.sha)], base_tree=base.tree
    )
    commit = repo.create_git_commit("Record baseline", tree, [base])
    assert [p.sha for p in commit.parents] == [base.sha]
    assert sorted(e.path for e in repo.get_git_tree(commit.sha, recursive=True).tree) == [
        "README.md",
        "bench",
        "bench/demo.json",
    ]

    created = repo.create_git_ref("refs/heads/bench-baseline", commit.sha)
    assert created.object.sha == commit.sha
    with pytest.raises(GithubException) as exists:
        repo.create_git_ref("refs/heads/bench-baseline", commit.sha)
    assert (exists.value.status, exists.value.data["message"]) == (422, "Reference already exists")
    assert [r.ref for r in repo.get_git_matching_refs("heads/bench")] == ["refs/heads/bench-baseline"]

    main.edit(commit.sha)  # a fast-forward
    assert github_server.state.branch_head("main") == commit.sha
    with pytest.raises(GithubException) as backwards:
        main.edit(base.sha)
    assert (backwards.value.status, backwards.value.data["message"]) == (422, "Update is not a fast forward")
    main.edit(base.sha, force=True)
    assert github_server.state.branch_head("main") == base.sha


def test_compare_finds_the_merge_base_and_counts_both_sides(github_server, repo):
    state = github_server.state
    branched = state.branch_head("main")
    pull = state.add_pull_request(head_ref="topic")
    topic = state.commit_files("topic", {"b.txt": b"2"}, "Second topic commit")
    mains = [state.commit_files("main", {"m.txt": str(i).encode()}, f"Main {i}") for i in range(3)]

    diverged = repo.compare("main", "topic")
    assert (diverged.merge_base_commit.sha, diverged.status) == (branched, "diverged")
    assert (diverged.ahead_by, diverged.behind_by, diverged.total_commits) == (2, 3, 2)
    assert [c.sha for c in diverged.commits] == [pull.head_sha, topic]
    assert diverged.base_commit.sha == mains[-1]
    behind = repo.compare(mains[-1], branched)
    assert (behind.status, behind.ahead_by, behind.behind_by) == ("behind", 0, 3)
    ahead = repo.compare(branched, mains[1])
    assert (ahead.status, ahead.merge_base_commit.sha, ahead.ahead_by) == ("ahead", branched, 2)
    assert repo.compare(topic, topic).status == "identical"
    assert call(github_server, "GET", "/compare/main...no-such-branch").status_code == 404
    assert call(github_server, "GET", "/compare/main").status_code == 404


def test_tree_entries_with_null_sha_delete_files(github_server):
    head = github_server.state.commit_files("main", {"a/one.json": b"1", "a/two.json": b"2"}, "Two files")
    tree = github_server.state.objects.commit(head).tree
    response = call(
        github_server,
        "POST",
        "/git/trees",
        json={
            "base_tree": tree,
            "tree": [{"path": "a/one.json", "mode": "100644", "type": "blob", "sha": None}],
        },
    )
    assert response.status_code == 201
    leaves = github_server.state.objects.leaves(response.json()["sha"])
    assert sorted(leaves) == ["README.md", "a/two.json"]


# -- artifacts -----------------------------------------------------------------------------------------


def test_artifacts_list_filter_get_and_download_through_a_redirect(github_server, repo):
    pull = github_server.state.add_pull_request()
    run = github_server.state.add_pull_request_run(pull)
    other = github_server.state.add_pull_request_run(pull)
    wanted = github_server.state.add_artifact(run, "perf-demo", {"report.json": b'{"suite": "demo"}'})
    github_server.state.add_artifact(run, "logs", {"log.txt": b"..."})
    github_server.state.add_artifact(other, "perf-demo", {"report.json": b"{}"})

    assert sorted(a.name for a in repo.get_artifacts()) == ["logs", "perf-demo", "perf-demo"]
    assert [a.workflow_run.id for a in repo.get_artifacts(name="perf-demo")] == [other.id, run.id]
    in_run = repo.get_workflow_run(run.id).get_artifacts()
    assert sorted(a.name for a in in_run) == ["logs", "perf-demo"]
    fetched = repo.get_artifact(wanted.id)
    assert fetched.size_in_bytes == len(wanted.data)

    download = requests.get(
        fetched.archive_download_url, headers={"Authorization": f"token {WRITE_TOKEN}"}, timeout=10
    )
    assert download.status_code == 200
    assert [r.status_code for r in download.history] == [302]
    assert download.url.startswith("http://localhost:")
    assert "Authorization" not in download.request.headers
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        assert archive.read("report.json") == b'{"suite": "demo"}'


def test_the_blob_host_refuses_a_request_carrying_authorization(github_server):
    pull = github_server.state.add_pull_request()
    artifact = github_server.state.add_artifact(
        github_server.state.add_pull_request_run(pull), "perf-demo", {"a": b"1"}
    )
    redirect = call(github_server, "GET", f"/actions/artifacts/{artifact.id}/zip", allow_redirects=False)
    assert redirect.status_code == 302
    location = redirect.headers["Location"]

    leaked = requests.get(location, headers={"Authorization": f"token {WRITE_TOKEN}"}, timeout=10)
    assert leaked.status_code == 403
    assert "AuthenticationFailed" in leaked.text
    assert [v.message for v in github_server.take_violations()] == [
        "Authorization header sent to the artifact blob host"
    ]
    assert requests.get(location, timeout=10).content == artifact.data


def test_expired_artifacts_are_gone(github_server):
    pull = github_server.state.add_pull_request()
    run = github_server.state.add_pull_request_run(pull)
    artifact = github_server.state.add_artifact(run, "perf-demo", {"a": b"1"}, expired=True)
    gone = call(github_server, "GET", f"/actions/artifacts/{artifact.id}/zip", allow_redirects=False)
    assert gone.status_code == 410
    assert gone.json()["message"] == "Artifact has expired"


# -- tokens and headers --------------------------------------------------------------------------------


def test_a_read_only_token_reads_but_every_write_is_forbidden(github_server):
    pull = github_server.state.add_pull_request()
    reader = client(github_server, READ_ONLY_TOKEN).get_repo(REPO)
    assert reader.get_pull(pull.number).head.sha == pull.head_sha

    writes = [
        ("POST", f"/issues/{pull.number}/comments", {"body": "hi"}, "issues=write; pull_requests=write"),
        ("POST", "/check-runs", {"name": "perf", "head_sha": pull.head_sha}, "checks=write"),
        ("PUT", "/contents/x.json", {"message": "m", "content": "e30="}, "contents=write"),
    ]
    for method, path, body, accepted in writes:
        refused = call(github_server, method, path, token=READ_ONLY_TOKEN, json=body)
        assert refused.status_code == 403
        assert refused.json()["message"] == "Resource not accessible by integration"
        assert refused.headers["X-Accepted-GitHub-Permissions"] == accepted
    assert github_server.state.comments == {}
    assert github_server.state.check_runs == {}


def test_tokens_are_accepted_in_both_schemes_and_checked(github_server):
    checks_only, unknown = "ghs_checksonly", "ghs_unknown"
    github_server.add_token(checks_only, {"checks": "write"})
    assert call(github_server, "GET", "", scheme="Bearer").status_code == 200
    assert call(github_server, "GET", "", scheme="token").status_code == 200
    assert call(github_server, "GET", "", token=checks_only).status_code == 200  # metadata is always readable
    assert call(github_server, "GET", "/contents/README.md", token=checks_only).status_code == 403
    assert call(github_server, "GET", "", token=None).json()["message"] == "Requires authentication"
    assert call(github_server, "GET", "", token=unknown).status_code == 401


def test_every_answer_carries_rate_limit_headers(github_server):
    first = call(github_server, "GET", "")
    missing = call(github_server, "GET", "/issues/404")
    for response in (first, missing):
        assert response.headers["x-ratelimit-limit"] == "5000"
        assert response.headers["x-ratelimit-resource"] == "core"
        assert int(response.headers["x-ratelimit-reset"]) > datetime.now(UTC).timestamp()
    assert int(missing.headers["x-ratelimit-remaining"]) == int(first.headers["x-ratelimit-remaining"]) - 1
    assert int(missing.headers["x-ratelimit-used"]) == 2


# -- fault injection -----------------------------------------------------------------------------------


def test_server_errors_come_in_the_armed_number(github_server):
    pull = github_server.state.add_pull_request()
    github_server.faults.server_error("issues/create-comment", times=2, status=502)
    path = f"/issues/{pull.number}/comments"
    statuses = [call(github_server, "POST", path, json={"body": "hi"}).status_code for _ in range(3)]
    assert statuses == [502, 502, 201]
    assert len(github_server.state.comments_on(pull.number)) == 1
    assert github_server.faults.pending() == []


@pytest.mark.parametrize("status", [403, 429])
def test_secondary_rate_limit_with_retry_after(github_server, status):
    github_server.faults.secondary_rate_limit("*", status=status, retry_after=3)
    limited = call(github_server, "GET", "")
    assert limited.status_code == status
    assert limited.headers["Retry-After"] == "3"
    assert "secondary rate limit" in limited.json()["message"]
    assert call(github_server, "GET", "").status_code == 200


def test_secondary_rate_limit_with_a_reset_time(github_server):
    github_server.faults.secondary_rate_limit("repos/get", retry_after=None, reset_after=5)
    limited = call(github_server, "GET", "")
    assert limited.status_code == 403
    assert "Retry-After" not in limited.headers
    assert limited.headers["x-ratelimit-remaining"] == "0"
    assert 0 < int(limited.headers["x-ratelimit-reset"]) - datetime.now(UTC).timestamp() <= 6


def test_a_slow_answer_outlasts_the_client_timeout_but_the_write_lands(github_server):
    pull = github_server.state.add_pull_request()
    github_server.faults.slow("issues/create-comment", seconds=5)
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.post(
            f"{github_server.url}/repos/{REPO}/issues/{pull.number}/comments",
            json={"body": "hi"},
            headers={"Authorization": f"token {WRITE_TOKEN}"},
            timeout=0.3,
        )
    assert [c.body for c in github_server.state.comments_on(pull.number)] == ["hi"]
    assert call(github_server, "GET", f"/issues/{pull.number}/comments").status_code == 200


def test_a_conflicting_write_makes_the_contents_sha_stale(github_server, repo):
    repo.create_file("bench/baseline.json", "Add baseline", b"{}", branch="main")
    ours = repo.get_contents("bench/baseline.json")
    github_server.faults.conflicting_write("repos/create-or-update-file-contents")

    with pytest.raises(GithubException) as conflict:
        repo.update_file("bench/baseline.json", "Promote", b'{"ours": 1}', ours.sha)
    assert conflict.value.status == 409
    theirs = repo.get_contents("bench/baseline.json")
    assert theirs.decoded_content == b'{"written by": "another job"}\n'
    repo.update_file("bench/baseline.json", "Promote again", b'{"ours": 1}', theirs.sha)
    assert github_server.state.file("bench/baseline.json") == b'{"ours": 1}'


def test_a_conflicting_push_makes_the_ref_update_a_non_fast_forward(github_server, repo):
    main = repo.get_git_ref("heads/main")
    head = repo.get_git_commit(main.object.sha)
    ours = repo.create_git_commit("Ours", head.tree, [head])
    github_server.faults.conflicting_write("git/update-ref")

    with pytest.raises(GithubException) as refused:
        main.edit(ours.sha)
    assert refused.value.data["message"] == "Update is not a fast forward"
    theirs = github_server.state.objects.commit(github_server.state.branch_head("main"))
    assert theirs.message == "Concurrent push"
    assert theirs.parents == (head.sha,)


def test_faults_refuse_what_they_cannot_model(github_server):
    with pytest.raises(ValueError, match="between 0 and 10"):
        github_server.faults.slow("repos/get", seconds=60)
    with pytest.raises(ValueError, match="no concurrent writer"):
        github_server.faults.conflicting_write("repos/get")
    with pytest.raises(ValueError, match="403 or 429"):
        github_server.faults.secondary_rate_limit("repos/get", status=500)


# -- every operation, once, through PyGithub -----------------------------------------------------------


def test_every_operation_in_the_subset_is_served_and_validates(github_server, repo):
    state = github_server.state
    pull = state.add_pull_request()
    run = state.add_pull_request_run(pull)
    artifact = state.add_artifact(run, "perf-demo", {"report.json": b"{}"})

    repo.get_pull(pull.number)
    issue = repo.get_issue(pull.number)
    comment = issue.create_comment("hello")
    comment.edit("edited")
    issue.get_comment(comment.id)
    list(issue.get_comments())
    check = repo.create_check_run(name="perf", head_sha=pull.head_sha, status="in_progress")
    check.edit(conclusion="success", output={"title": "ok", "summary": "ok"})
    repo.get_check_run(check.id)
    repo.create_file("bench/a.json", "Add", b"{}")
    repo.get_contents("bench/a.json")
    repo.get_branch("main")
    ref = repo.get_git_ref("heads/main")
    list(repo.get_git_matching_refs("heads/"))
    head = repo.get_git_commit(ref.object.sha)
    blob = repo.create_git_blob("x", "utf-8")
    assert repo.get_git_blob(blob.sha).content == "eA==\n"
    tree = repo.create_git_tree(
        [InputGitTreeElement("x.txt", "100644", "blob", sha=blob.sha)], base_tree=head.tree
    )
    repo.get_git_tree(tree.sha)
    commit = repo.create_git_commit("More", tree, [head])
    repo.create_git_ref("refs/heads/more", commit.sha)
    ref.edit(commit.sha)
    repo.compare("main", pull.head_sha)
    commented = requests.post(  # PyGithub would GET the commit first: perf-action posts directly
        f"{github_server.url}/repos/{state.repository.full_name}/commits/{commit.sha}/comments",
        json={"body": "a step here"},
        headers={"Authorization": f"token {WRITE_TOKEN}"},
        timeout=10,
    )
    assert commented.status_code == 201
    assert commented.json()["commit_id"] == commit.sha
    list(repo.get_artifacts())
    assert [p.number for p in repo.get_pulls(state="open", head=f"octo-org:{pull.head_ref}")] == [pull.number]
    assert client(github_server, USER_TOKEN).get_user().login == "octocat"
    list(repo.get_workflow_run(run.id).get_artifacts())
    fetched = repo.get_artifact(artifact.id)
    assert requests.get(
        fetched.archive_download_url, headers={"Authorization": f"token {WRITE_TOKEN}"}, timeout=10
    ).ok

    assert github_server.operations_hit == SUBSET_OPERATIONS
    assert all(e.status < 400 for e in github_server.exchanges)
