"""Cold start of `perfaction validate` on a small receipt, next to `python -c "import jsonschema"`.

perf-action is measured as users get it: built into a wheel and installed (not the editable
install of the development venv, whose import hook costs time users never pay).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import sysconfig
import tempfile
import venv
from pathlib import Path

from _timing import interleaved_command_medians

ROOT = Path(__file__).resolve().parent.parent
SMALL_RECEIPT = ROOT / "examples" / "data" / "copybook-head.json"


def installed_venv(scratch: Path) -> Path:
    """A fresh venv holding perf-action's wheel; its dependencies come from this environment."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            scratch,
            ROOT,
        ],
        check=True,
    )
    (wheel,) = scratch.glob("perfaction-*.whl")
    target = scratch / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel], check=True
    )
    purelib = subprocess.check_output(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
    )
    (Path(purelib.decode().strip()) / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return target / "bin"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        bin_dir = installed_venv(Path(scratch))
        baseline, ours = interleaved_command_medians(
            [
                [bin_dir / "python", "-c", "import jsonschema"],
                [bin_dir / "perfaction", "validate", SMALL_RECEIPT],
            ],
            args.runs,
        )
    print(f"{args.runs} runs each, interleaved")
    print(f"python -c 'import jsonschema'   median {baseline * 1000:7.1f} ms")
    print(f"perfaction validate (receipt)   median {ours * 1000:7.1f} ms")
    print(f"ratio {ours / baseline:.2f}x (target: within 1.30x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
