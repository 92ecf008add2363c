"""The wheel carries the schemas and templates, and installs a working `perfaction` into a fresh venv."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "data" / "copybook-head.json"


def _build_wheel(out: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            out,
            ROOT,
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("perfaction-*.whl")
    return wheel


def test_wheel_installs_into_a_fresh_venv_with_its_package_data(tmp_path):
    wheel = _build_wheel(tmp_path / "dist")
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {
        f"perfaction/{p.relative_to(ROOT / 'perfaction')}" for p in (ROOT / "perfaction").rglob("*.py")
    }
    assert sources <= names, f"modules missing from the wheel: {sorted(sources - names)}"
    schemas = {f"perfaction/schemas/{p.name}" for p in (ROOT / "schemas").glob("*.schema.json")}
    templates = {f"perfaction/templates/{p.name}" for p in (ROOT / "templates").glob("*.j2")}
    assert templates and schemas <= names and templates <= names

    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=False)
    python = fresh / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", wheel],
        check=True,
        capture_output=True,
    )
    # Dependencies come from the test environment; perf-action itself only from the wheel.
    purelib = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    (purelib / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")

    where = subprocess.run(
        [python, "-c", "import perfaction; print(perfaction.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(fresh)

    version = subprocess.run(
        [fresh / "bin" / "perfaction", "--version"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert version.returncode == 0 and version.stdout.startswith("perfaction ")
    check = subprocess.run(
        [python, "-m", "perfaction", "validate", EXAMPLE],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert check.returncode == 0, check.stderr
