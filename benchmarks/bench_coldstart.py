"""Cold start of `perfaction validate` on a small receipt, next to `python -c "import jsonschema"`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _timing import median_command_seconds

SMALL_RECEIPT = Path(__file__).resolve().parent.parent / "examples" / "data" / "copybook-head.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    baseline, _ = median_command_seconds([sys.executable, "-c", "import jsonschema"], args.runs)
    ours, _ = median_command_seconds(
        [sys.executable, "-m", "perfaction", "validate", str(SMALL_RECEIPT)], args.runs
    )
    print(f"python -c 'import jsonschema'   median {baseline * 1000:7.1f} ms over {args.runs} runs")
    print(f"perfaction validate (receipt)   median {ours * 1000:7.1f} ms over {args.runs} runs")
    print(f"ratio {ours / baseline:.2f}x (target: within 1.30x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
