"""Cold start on a small receipt: `validate`, and `compare` + `render`, next to importing their deps.

`validate` is set against `python -c "import jsonschema"`; `compare` then `render` (two processes, as a
CI script runs them), and `check` (the same in one), against `import jsonschema` plus `import jinja2`.

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

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "data"
RECEIPT, BASELINE_RECEIPT = EXAMPLES / "copybook-head.json", EXAMPLES / "copybook-baseline.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        bin_dir = install_into_fresh_venv(build_wheel(Path(scratch)), Path(scratch) / "venv")
        python, perfaction = bin_dir / "python", bin_dir / "perfaction"
        summary, comment = Path(scratch) / "summary.json", Path(scratch) / "comment.md"
        against = [RECEIPT, "--baseline", BASELINE_RECEIPT, "--summary-out", summary]
        commands = {
            "python -c 'import jsonschema'": [python, "-c", "import jsonschema"],
            "python -c 'import jinja2'": [python, "-c", "import jinja2"],
            "perfaction validate": [perfaction, "validate", RECEIPT],
            "perfaction compare": [perfaction, "compare", *against, "--fail-on", "never"],
            "perfaction render": [perfaction, "render", summary, "-o", comment],
            "perfaction check": [
                perfaction,
                "check",
                *against,
                "--comment-out",
                comment,
                "--fail-on",
                "never",
            ],
        }
        medians = dict(
            zip(commands, interleaved_command_medians(list(commands.values()), args.runs), strict=True)
        )
    print(f"{args.runs} runs each, interleaved; a copybook receipt against its baseline")
    for name, seconds in medians.items():
        print(f"{name:<32}median {seconds * 1000:7.1f} ms")
    imports = medians["python -c 'import jsonschema'"] + medians["python -c 'import jinja2'"]
    validate = medians["perfaction validate"] / medians["python -c 'import jsonschema'"]
    print(f"validate / import jsonschema     {validate:.2f}x (no slower than before: 1.20-1.29x)")
    two = medians["perfaction compare"] + medians["perfaction render"]
    print(f"compare + render / both imports  {two / imports:.2f}x (goal: <= 1.30x)")
    one = medians["perfaction check"] / imports
    print(f"check / both imports             {one:.2f}x (the same work in one process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
