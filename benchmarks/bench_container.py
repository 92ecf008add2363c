"""Cold start of the action container (`docker run` to exit, validate mode, small receipt), next to
an empty python container from the same base. Needs root: it starts a private Docker engine."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _timing import median_seconds

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from docker_harness import Timings, build_action_image, load_base, run_action, running_engine
from receipts import receipt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    timings = Timings()
    with running_engine(timings) as engine, tempfile.TemporaryDirectory() as scratch:
        base = load_base(engine)
        image = build_action_image(engine, base)
        inputs = {"mode": "validate", "report": "receipt.json"}
        workspace = {"receipt.json": receipt()}
        steps = iter(range(args.runs + 1))

        def action() -> None:
            step = run_action(engine, image, Path(scratch) / str(next(steps)), inputs, workspace)
            assert step.code == 0, step.stdout + step.stderr

        def empty() -> None:
            engine.docker("run", "--rm", "--network=host", base, "python", "-c", "pass")

        empty()  # the first container of a fresh engine pays for setting it up
        action()
        base_median, _ = median_seconds(empty, args.runs)
        action_median, _ = median_seconds(action, args.runs)
    print(timings.report())
    print(f"docker run base python -c pass     median {base_median * 1000:7.1f} ms over {args.runs} runs")
    print(f"docker run action (validate)       median {action_median * 1000:7.1f} ms over {args.runs} runs")
    print(f"the action adds {(action_median - base_median) * 1000:.0f} ms to an empty python container")
    return 0


if __name__ == "__main__":
    sys.exit(main())
