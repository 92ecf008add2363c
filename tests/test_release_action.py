"""The release tag's action.yml: written by .github/scripts/release_action.py from the branch's action.yml
and the digest the release workflow pushed, and the workflow that does it.

The container test pushes a real image to a local registry and runs the action.yml written here.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

SCRIPT = ROOT / ".github" / "scripts" / "release_action.py"
WORKFLOW = ROOT / ".github" / "workflows" / "release-image.yml"
TOOLS = Path(sys.executable).parent
IMAGE = "ghcr.io/perf-action/perf-action"
DIGEST = "sha256:" + hashlib.sha256(b"a pushed manifest").hexdigest()


def write_release_action(
    tmp_path: Path, image: str = IMAGE, digest: str = DIGEST, source: Path = ROOT / "action.yml"
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Run the script as the release workflow does; the output goes to tmp_path/action.yml."""
    output = tmp_path / "action.yml"
    argv = [sys.executable, str(SCRIPT), str(source), "--image", image, "--digest", digest]
    result = subprocess.run(
        [*argv, "--output", str(output)], capture_output=True, text=True, timeout=60, check=False
    )
    return result, output


def test_the_release_action_runs_the_pushed_image_and_keeps_every_input_and_output(tmp_path):
    result, output = write_release_action(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"docker://{IMAGE}@{DIGEST}\n"
    branch = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    released = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert branch["runs"] == {"using": "docker", "image": "Dockerfile"}
    assert released["runs"] == {"using": "docker", "image": f"docker://{IMAGE}@{DIGEST}"}
    assert released["inputs"] == branch["inputs"]
    assert released["inputs"]["github-token"]["default"] == "${{ github.token }}"
    assert released["outputs"] == branch["outputs"]
    del released["runs"], branch["runs"]
    assert released == branch


def test_only_the_image_line_changes(tmp_path):
    _, output = write_release_action(tmp_path)
    branch = (ROOT / "action.yml").read_text(encoding="utf-8").splitlines()
    released = output.read_text(encoding="utf-8").splitlines()
    index = branch.index("  image: Dockerfile")
    assert released[:index] == branch[:index]
    assert released[index].startswith("  # ")
    assert released[index + 1] == f"  image: docker://{IMAGE}@{DIGEST}"
    assert released[index + 2 :] == branch[index + 1 :]


def test_the_release_action_validates_against_the_actions_schema_and_lints_clean(tmp_path):
    _, output = write_release_action(tmp_path)
    schema = subprocess.run(
        [TOOLS / "check-jsonschema", "--builtin-schema", "vendor.github-actions", output],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr
    linted = zizmor(output)
    assert linted.returncode == 0, linted.stdout


def test_zizmor_would_notice_an_image_named_by_tag(tmp_path):
    """The lint above has teeth: the same file naming a movable tag instead of a digest fails it."""
    _, output = write_release_action(tmp_path)
    output.write_text(output.read_text(encoding="utf-8").replace(f"@{DIGEST}", ":v1"), encoding="utf-8")
    linted = zizmor(output)
    assert linted.returncode != 0
    assert "unpinned-images" in linted.stdout


def zizmor(action: Path) -> subprocess.CompletedProcess[str]:
    """zizmor at its strictest: its pedantic persona also flags an image pinned by tag."""
    config = ROOT / "zizmor.yml"
    argv = [
        TOOLS / "zizmor",
        "--offline",
        "--config",
        config,
        "--no-progress",
        "--persona",
        "pedantic",
        action,
    ]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(
    ("image", "digest", "message"),
    [
        (IMAGE, DIGEST.upper(), "--digest"),
        (IMAGE, DIGEST[:-1], "--digest"),
        (IMAGE, "sha512:" + "0" * 128, "--digest"),
        (IMAGE, DIGEST + "\n  entrypoint: /bin/sh", "--digest"),
        (f"{IMAGE}:v1", DIGEST, "--image"),
        (f"{IMAGE}@{DIGEST}", DIGEST, "--image"),
        ("ghcr.io/Perf-Action/perf-action", DIGEST, "--image"),
        ("ghcr.io/perf-action/$(id)", DIGEST, "--image"),
        ("perf-action", DIGEST, "--image"),
    ],
)
def test_a_malformed_image_or_digest_writes_nothing(tmp_path, image, digest, message):
    result, output = write_release_action(tmp_path, image=image, digest=digest)
    assert result.returncode == 1
    assert result.stderr.startswith(f"release_action: {message}: ")
    assert not output.exists()


def test_an_action_yml_without_the_dockerfile_build_is_refused(tmp_path):
    """Run twice (on a release action.yml), it refuses rather than pinning something else."""
    released_dir = tmp_path / "released"
    released_dir.mkdir()
    _, released = write_release_action(released_dir)
    result, output = write_release_action(tmp_path, source=released)
    assert result.returncode == 1
    assert "expected one `image: Dockerfile` line under `runs:`" in result.stderr
    assert not output.exists()


# --- the release workflow -------------------------------------------------------------------------


def test_the_major_tag_moves_only_after_the_smoke_test_of_the_release_action():
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    assert jobs["smoke"]["needs"] == "image"
    assert set(jobs["release"]["needs"]) == {"image", "smoke"}
    smoke_steps = [step.get("uses") for step in jobs["smoke"]["steps"]]
    assert "./" in smoke_steps  # the release action.yml, run as a workflow runs it
    release_steps = [step["name"] for step in jobs["release"]["steps"] if "name" in step]
    assert release_steps.index("Commit the release action.yml on top of this commit, and tag it") < (
        release_steps.index("Move the major tag")
    )


def test_the_release_workflow_has_least_privilege_pinned_actions_and_no_expressions_in_scripts():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    permissions = {name: job["permissions"] for name, job in workflow["jobs"].items()}
    assert permissions == {
        "image": {"contents": "read", "packages": "write"},
        "smoke": {"contents": "read"},
        "release": {"contents": "write", "packages": "write"},
    }
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            uses = step.get("uses", "./")
            assert uses == "./" or re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), uses
            # Tag names and other inputs reach scripts only through env, never pasted into the script.
            assert "${{" not in step.get("run", "")
