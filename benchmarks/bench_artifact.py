"""The action's compare step on a large artifact within the default caps: its time and peak memory.

A fork's pull request uploads an artifact of several suites' reports, 10,000 benchmarks each with
samples (about 51 MiB unzipped, 1.6 MiB zipped: benchmark timings repeat a lot of digits). The
report workflow's step downloads it from the GitHub API test server (tests/github_api, on
127.0.0.1), validates every report, compares each suite (no baseline yet: a first run), renders and
posts the comment, the check run and the job summary: entrypoint.py as the runner runs it.

Prints the step's wall time and peak resident memory (the child's ru_maxrss) next to the artifact's
unzipped size (goal: peak within 4x that; time well inside the workflows' 10-minute timeout).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from action_steps import Runner, workflow_run_event
from github_api import GitHubServer

MiB = 2**20


def suite_report(suite: str, benchmarks: int, samples: int, seed: int) -> bytes:
    """A canonical report, timings around eight centres: deflate finds the repeats, as in real suites."""
    rng = random.Random(seed)
    centres = [rng.uniform(100.0, 1e6) for _ in range(8)]
    spread = [1 + (index - samples / 2) / 1000 for index in range(samples)]
    items = []
    for index in range(benchmarks):
        centre = rng.choice(centres)
        values = [round(centre * factor, 2) for factor in spread]
        metric = {
            "name": "time",
            "value": round(centre, 2),
            "unit": "ns",
            "direction": "lower",
            "samples": values,
        }
        items.append({"name": f"group_{index // 100}/bench_{index}", "metrics": [metric]})
    document = {
        "schema_version": 1,
        "suite": suite,
        "source": {"format": "perfaction", "commit": "1234567"},
        "environment": {"os": "linux", "cpu_model": "Test CPU", "cores": 4, "runner": "ubuntu-24.04"},
        "benchmarks": items,
    }
    return json.dumps(document).encode()


def artifact(suites: int, benchmarks: int, samples: int) -> dict[str, bytes]:
    return {
        f"results/suite{n}.json": suite_report(f"suite{n}", benchmarks, samples, n) for n in range(suites)
    }


def zipped_size(files: dict[str, bytes]) -> int:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return len(buffer.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suites", type=int, default=4)
    parser.add_argument("--benchmarks", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=112)
    args = parser.parse_args()
    files = artifact(args.suites, args.benchmarks, args.samples)
    unzipped = sum(map(len, files.values()))
    server = GitHubServer()
    try:
        pull = server.state.add_pull_request(fork=True)
        run = server.state.add_pull_request_run(pull)
        server.state.add_artifact(run, "perf-json", files)
        with tempfile.TemporaryDirectory(prefix="perfaction-artifact-") as scratch:
            action = Runner(server, Path(scratch))
            inputs = {"mode": "compare", "artifact-name": "perf-json", "report": "results/*.json"}
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            step = action(inputs, event_name="workflow_run", event=workflow_run_event(run))
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kibibytes on Linux
        if step.code != 0:
            raise SystemExit(f"the step exited {step.code}: {step.stderr[-2000:]}")
        comments = server.state.comments_on(pull.number)
    finally:
        server.close()
    assert before == 0, "the child's peak must be the only one measured"
    print(f"artifact: {args.suites} reports x {args.benchmarks} benchmarks x {args.samples} samples")
    print(f"unzipped {unzipped / MiB:6.1f} MiB, zipped {zipped_size(files) / MiB:4.1f} MiB")
    print(f"action compare step  {seconds:8.1f} s   (goal: well within the 10-minute job timeout)")
    print(
        f"peak memory          {peak / MiB:8.0f} MiB = {peak / unzipped:.2f}x the unzipped size (goal: <= 4x)"
    )
    print(f"comments posted: {len(comments)}, status: {step.outputs.get('status')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
