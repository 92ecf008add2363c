"""Workflow-run artifacts: find one by name, download it within limits, and read its JSON safely.

An artifact of a fork's pull request is written by whoever opened it. Nothing in it is extracted
to disk under its own name: members are checked as a whole (names, types, sizes, ratios) and the
wanted ones are read into memory, counting every byte against the caps.
"""

from __future__ import annotations

import fnmatch
import io
import stat
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from perfaction import budget
from perfaction.errors import Problem, ToolingError, ValidationFailure
from perfaction.records import datarecord

if TYPE_CHECKING:
    from requests import PreparedRequest

    from perfaction.github.client import Client

MiB = 1024 * 1024
CHUNK = 64 * 1024
MAX_REDIRECTS = 3


@datarecord(frozen=True)
class Limits:
    """Caps on what one artifact may cost us; an artifact over any of them is rejected whole."""

    download_bytes: int = 50 * MiB
    unzipped_bytes: int = 200 * MiB
    member_bytes: int = 32 * MiB
    # A criterion tree with its HTML report has a dozen files per benchmark.
    members: int = 10_000
    # A member inflating more than this many times over (and by more than a MiB) is a bomb.
    ratio: int = 200
    # The results (JSON) one run reads: what the time and memory budget affords (perfaction/budget.py).
    results_bytes: int = budget.MAX_RESULTS_MIB * MiB


@datarecord(frozen=True)
class Artifact:
    """An artifact's identity as the API reports it."""

    artifact_id: int
    name: str
    size: int
    run_id: int | None
    head_sha: str | None
    created_at: datetime | None

    @property
    def label(self) -> str:
        return f"artifact {self.name!r} (id {self.artifact_id})"


def find_artifact(client: Client, run_id: int, name: str) -> Artifact:
    """The newest unexpired artifact of that name in the run; tooling error when there is none."""
    with client.calling(f"listing the artifacts of run {run_id}"):
        run = client.repo.get_workflow_run(run_id)
        listed = list(run.get_artifacts())
    candidates = [a for a in listed if a.name == name and not a.expired]
    if not candidates:
        present = sorted({a.name for a in listed})
        shown = ", ".join(repr(n) for n in present[:20]) or "none"
        raise ToolingError(f"run {run_id} has no unexpired artifact named {name!r} (it has: {shown})")
    newest = max(candidates, key=lambda a: (a.created_at is not None, a.created_at, a.id))
    origin = newest.workflow_run
    return Artifact(
        artifact_id=newest.id,
        name=newest.name,
        size=newest.size_in_bytes,
        run_id=origin.id if origin is not None else None,
        head_sha=origin.head_sha if origin is not None else None,
        created_at=newest.created_at,
    )


def download(client: Client, artifact: Artifact, limits: Limits) -> bytes:
    """The artifact's zip: the API answers with a redirect to blob storage, which must not see the token."""
    if artifact.size > limits.download_bytes:
        raise _too_big(artifact.label, artifact.size, limits.download_bytes, "is")
    url = f"{client.api_url}/repos/{client.repository}/actions/artifacts/{artifact.artifact_id}/zip"
    what = f"downloading {artifact.label}"
    headers = client.auth_headers()
    with client.calling(what):
        for _ in range(MAX_REDIRECTS + 1):
            response = client.session.get(
                url, headers=headers, auth=_no_credentials, allow_redirects=False, stream=True,
                timeout=client.timeout,
            )  # fmt: skip
            if response.is_redirect:
                location = response.headers.get("Location", "")
                response.close()
                url = urljoin(url, location)
                if urlsplit(url).scheme not in ("https", "http"):
                    raise ToolingError(f"{what}: redirected to an unsupported address")
                headers = {}  # only the API itself gets the token, never the storage it sends us to
                continue
            with response:
                if response.status_code != 200:
                    raise ToolingError(f"{what} failed: HTTP {response.status_code}")
                return _bounded_body(response, artifact.label, limits.download_bytes)
    raise ToolingError(f"{what}: more than {MAX_REDIRECTS} redirects")


def _no_credentials(request: PreparedRequest) -> PreparedRequest:
    """An explicit auth hook: stops requests from adding ~/.netrc credentials to any host we call."""
    return request


def _bounded_body(response: object, label: str, limit: int) -> bytes:
    declared = response.headers.get("Content-Length")  # type: ignore[attr-defined]
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_big(label, int(declared), limit, "is")
    buffer = bytearray()
    for chunk in response.iter_content(CHUNK):  # type: ignore[attr-defined]
        buffer.extend(chunk)
        if len(buffer) > limit:
            raise _too_big(label, len(buffer), limit, "is over")
    return bytes(buffer)


def _too_big(label: str, size: int, limit: int, verb: str) -> ValidationFailure:
    return ValidationFailure.single(
        label, "", f"download {verb} {size / MiB:.1f} MiB, over the {limit / MiB:.0f} MiB limit"
    )


# --- reading the zip ------------------------------------------------------------------------------


def read_members(archive: bytes, patterns: list[str], source: str, limits: Limits) -> dict[str, bytes]:
    """The members whose names match a pattern, read into memory; the whole archive is vetted first."""
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
            infos = bundle.infolist()
            problems = _vet(infos, source, limits)
            if problems:
                raise ValidationFailure(problems)
            wanted = [i for i in infos if not i.is_dir() and _matches(i.filename, patterns)]
            declared = sum(info.file_size for info in wanted)
            if declared > limits.results_bytes:
                raise ValidationFailure.single(source, "", over_results_limit(declared, limits.results_bytes))
            contents: dict[str, bytes] = {}
            total = 0
            room = min(limits.unzipped_bytes, limits.results_bytes)
            for info in wanted:
                data = _read_member(bundle, info, source, limits, room - total)
                total += len(data)
                contents[info.filename] = data
            return contents
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as exc:
        raise ValidationFailure.single(source, "", f"not a readable zip archive: {exc}") from None


def over_results_limit(total: int, limit: int) -> str:
    """Why results are refused before they are read: the run's budget (docs/security.md)."""
    return (
        f"holds {total / MiB:.1f} MiB of results, over the {limit / MiB:g} MiB one run reads "
        "([limits] max_results_mib in .perfaction.toml; docs/security.md says what a MiB costs)"
    )


def _matches(name: str, patterns: list[str]) -> bool:
    base = name.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(base, p) for p in patterns)


def _vet(infos: list[zipfile.ZipInfo], source: str, limits: Limits) -> list[Problem]:
    """Everything wrong with the archive's directory, before a single byte is inflated."""
    if len(infos) > limits.members:
        return [Problem(source, "", f"has {len(infos)} members, over the limit of {limits.members}")]
    problems: list[Problem] = []
    seen: set[str] = set()
    declared = 0
    for info in infos:
        where = f"member {info.filename!r}"
        complaint = _name_problem(info.filename) or _type_problem(info)
        if complaint is None and info.filename.rstrip("/") in seen:
            complaint = "appears twice"
        if complaint is None and not info.is_dir():
            complaint = _size_problem(info, limits)
        seen.add(info.filename.rstrip("/"))
        declared += info.file_size
        if complaint:
            problems.append(Problem(source, "", f"{where} {complaint}"))
    if declared > limits.unzipped_bytes:
        problems.append(
            Problem(
                source,
                "",
                f"would unzip to {declared / MiB:.0f} MiB, over the {limits.unzipped_bytes / MiB:.0f} MiB "
                "limit (zip bomb?)",
            )
        )
    return problems


def _name_problem(name: str) -> str | None:
    if not name or "\x00" in name or any(ord(c) < 0x20 for c in name):
        return "has an unusable name"
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        return "has an absolute path"
    if ".." in unified.split("/"):
        return "escapes the archive with '..'"
    return None


def _type_problem(info: zipfile.ZipInfo) -> str | None:
    if info.flag_bits & 0x1:
        return "is encrypted"
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        return "is a symbolic link"
    if mode and kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "is not a regular file (a link or device)"
    return None


def _size_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    if info.file_size > limits.member_bytes:
        return (
            f"is {info.file_size / MiB:.0f} MiB unzipped, over the {limits.member_bytes / MiB:.0f} MiB limit"
        )
    if info.file_size > MiB and info.file_size > limits.ratio * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        return f"inflates {ratio} times over (zip bomb?)"
    return None


def _read_member(
    bundle: zipfile.ZipFile, info: zipfile.ZipInfo, source: str, limits: Limits, room: int
) -> bytes:
    """Read one member, counting real bytes: declared sizes are the attacker's word, not a fact."""
    cap = min(limits.member_bytes, room)
    buffer = bytearray()
    with bundle.open(info) as stream:
        while chunk := stream.read(CHUNK):
            buffer.extend(chunk)
            if len(buffer) > cap:
                raise ValidationFailure.single(
                    source,
                    "",
                    f"member {info.filename!r} unzips to more than it declares, or over the limits",
                )
    return bytes(buffer)
