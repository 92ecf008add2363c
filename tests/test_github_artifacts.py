"""Reading a hostile artifact's zip: every trick is refused before a byte is written anywhere."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest

from perfaction.errors import ValidationFailure
from perfaction.github.artifacts import Limits, read_members

SOURCE = "artifact 'perf-json' (id 1)"
SMALL = Limits(download_bytes=1 << 20, unzipped_bytes=4 << 20, member_bytes=2 << 20, members=8, ratio=50)


def _zip(*members: tuple[str | zipfile.ZipInfo, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, data in members:
            bundle.writestr(name, data)
    return buffer.getvalue()


def _info(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = mode << 16
    info.create_system = 3
    return info


def _problem(archive: bytes, limits: Limits = SMALL) -> str:
    with pytest.raises(ValidationFailure) as caught:
        read_members(archive, ["*.json"], SOURCE, limits)
    return str(caught.value)


def test_only_the_wanted_members_are_read():
    archive = _zip(("perf/a.json", b"{}"), ("perf/notes.txt", b"hello"), ("b.json", b"[]"), ("perf/", b""))
    assert read_members(archive, ["*.json"], SOURCE, SMALL) == {"perf/a.json": b"{}", "b.json": b"[]"}
    assert read_members(archive, ["notes.txt"], SOURCE, SMALL) == {"perf/notes.txt": b"hello"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/cron.d/x.json", "escapes the archive with '..'"),
        ("perf/../../x.json", "escapes the archive with '..'"),
        ("..\\..\\x.json", "escapes the archive with '..'"),
        ("/etc/passwd.json", "has an absolute path"),
        ("C:/Windows/x.json", "has an absolute path"),
        ("a\x01.json", "has an unusable name"),
    ],
)
def test_paths_that_leave_the_archive_are_refused(name, expected):
    assert expected in _problem(_zip((name, b"{}")))


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (stat.S_IFLNK | 0o777, "is a symbolic link"),
        (stat.S_IFCHR | 0o644, "is not a regular file"),
        (stat.S_IFIFO | 0o644, "is not a regular file"),
    ],
)
def test_links_and_special_files_are_refused(mode, expected):
    archive = _zip((_info("perf/a.json", mode), b"/etc/shadow"))
    assert expected in _problem(archive)


def test_regular_unix_files_are_accepted():
    archive = _zip((_info("a.json", stat.S_IFREG | 0o644), b"{}"))
    assert read_members(archive, ["*.json"], SOURCE, SMALL) == {"a.json": b"{}"}


def test_duplicate_names_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle, pytest.warns(UserWarning, match="Duplicate name"):
        bundle.writestr("a.json", b"{}")
        bundle.writestr("a.json", b'{"evil": 1}')
    assert "member 'a.json' appears twice" in _problem(buffer.getvalue())


def test_too_many_members_are_refused():
    archive = _zip(*((f"{i}.json", b"{}") for i in range(9)))
    assert "has 9 members, over the limit of 8" in _problem(archive)


def test_a_zip_bomb_is_refused_by_its_ratio_before_inflating():
    archive = _zip(("bomb.json", b"0" * (3 << 19)))
    assert len(archive) < 10_000
    assert "inflates" in _problem(archive)
    assert "zip bomb" in _problem(archive)


def test_a_member_over_the_member_cap_is_refused():
    big = Limits(member_bytes=1 << 20, ratio=10**9)
    assert "over the 1 MiB limit" in _problem(_zip(("big.json", b" " * ((1 << 20) + 1))), big)


def test_the_total_declared_size_is_capped():
    limits = Limits(unzipped_bytes=3 << 20, member_bytes=2 << 20, ratio=10**9)
    archive = _zip(*((f"{i}.txt", b"x" * (1 << 20)) for i in range(4)))
    assert "would unzip to 4 MiB, over the 3 MiB limit" in _problem(archive, limits)


def test_sizes_declared_smaller_than_the_truth_are_caught_while_reading():
    archive = bytearray(_zip(("a.json", b"[" + b"1," * 200_000 + b"1]")))
    # Lie in the central directory: claim the member inflates to 10 bytes.
    directory = archive.rfind(b"PK\x01\x02")
    archive[directory + 24 : directory + 28] = (10).to_bytes(4, "little")
    message = _problem(bytes(archive), Limits(ratio=10**9))
    assert "a.json" in message


def test_encrypted_members_are_refused():
    archive = bytearray(_zip(("a.json", b"{}")))
    directory = archive.rfind(b"PK\x01\x02")
    archive[directory + 8] |= 0x1
    assert "is encrypted" in _problem(bytes(archive))


def test_garbage_is_not_a_zip():
    assert "not a readable zip archive" in _problem(b"PK\x03\x04 definitely not a zip")
