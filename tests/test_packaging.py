"""The wheel carries the schemas and templates, and installs a working `perfaction` into a fresh venv."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from conftest import ROOT
from wheel_install import build_wheel, install_into_fresh_venv

EXAMPLE = ROOT / "examples" / "data" / "copybook-head.json"


def test_wheel_installs_into_a_fresh_venv_with_its_package_data(tmp_path):
    wheel = build_wheel(tmp_path / "dist")
    log = (tmp_path / "dist" / "build.log").read_text()
    assert "running bdist_wheel" in log  # the build backend's own output is in the log
    # setuptools warns about a licence as a TOML table, and licence classifiers: neither is used here.
    assert "project.license" not in log and "License classifiers" not in log, log
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {
        f"perfaction/{p.relative_to(ROOT / 'perfaction')}" for p in (ROOT / "perfaction").rglob("*.py")
    }
    assert sources <= names, f"modules missing from the wheel: {sorted(sources - names)}"
    schemas = {f"perfaction/schemas/{p.name}" for p in (ROOT / "schemas").glob("*.schema.json")}
    templates = {f"perfaction/templates/{p.name}" for p in (ROOT / "templates").glob("*.j2")}
    templates |= {
        f"perfaction/templates/compiled/{p.name}" for p in (ROOT / "templates" / "compiled").glob("*.py")
    }
    assert templates and schemas <= names and templates <= names

    bin_dir = install_into_fresh_venv(wheel, tmp_path / "fresh")
    fresh, python = bin_dir.parent, bin_dir / "python"

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
