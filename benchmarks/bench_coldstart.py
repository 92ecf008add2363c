"""Cold start of `perfaction validate` on a small receipt, next to `python -c "import jsonschema"`.

perf-action is measured as users get it: built into a wheel and installed (not the editable
install of the development venv, whose import hook costs time users never pay).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _timing import interleaved_command_medians

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from wheel_install import build_wheel, install_into_fresh_venv

SMALL_RECEIPT = Path(__file__).resolve().parent.parent / "examples" / "data" / "copybook-head.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        bin_dir = install_into_fresh_venv(build_wheel(Path(scratch)), Path(scratch) / "venv")
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
