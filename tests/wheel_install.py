"""perf-action as users get it: built into a wheel and installed into a fresh venv (tests and benchmarks)."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_wheel(out: Path) -> Path:
    """The wheel, built as pip builds it; what the build printed is kept beside it, in build.log."""
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation", "-w", out, ROOT],
        check=True,
        capture_output=True,
        text=True,
    )
    (Path(out) / "build.log").write_text(built.stdout + built.stderr)
    (wheel,) = Path(out).glob("perfaction-*.whl")
    return wheel


def install_into_fresh_venv(wheel: Path, target: Path) -> Path:
    """A venv with only perf-action installed from the wheel; its dependencies come from this environment.

    Returns the venv's bin directory. No editable-install import hook is involved.
    """
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel],
        check=True,
        capture_output=True,
    )
    purelib = subprocess.check_output(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
    )
    (Path(purelib.decode().strip()) / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return target / "bin"
