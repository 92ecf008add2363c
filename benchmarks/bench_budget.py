"""What an artifact's results cost the action per MiB: wall time and peak memory of the whole step.

Runs entrypoint.py as the runner does (a workflow_run job for a fork's pull request) against the GitHub
API test server, with an artifact of N MiB of canonical reports (one suite per file, 50 samples per
benchmark) and a baseline for every suite, so that everything runs: unzip, validation, comparison,
rendering, the check runs and the comments. perfaction/budget.py derives its caps from these figures;
rerun this script when the pipeline gets faster and update the constants there.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import github_events
from action_steps import seed_baseline
from github_api import WRITE_TOKEN, GitHubServer
from runner_contract import run_entrypoint

REPO = "octo-org/perf-demo"
BRANCH = "perf-baselines"
MiB = 1024 * 1024
BENCHMARKS_PER_FILE = 2000


def report(suite: str, benchmarks: int, seed: int) -> dict:
    rng = random.Random(seed)
    centres = random.Random(0)
    items = []
    for index in range(benchmarks):
        centre = centres.uniform(10.0, 1e6)
        samples = [round(centre * rng.lognormvariate(0, 0.05), 3) for _ in range(50)]
        value = round(sum(samples) / 50, 3)
        metric = {"name": "time", "value": value, "unit": "ns", "direction": "lower", "samples": samples}
        items.append({"name": f"group_{index // 100}/bench_{index}", "metrics": [metric]})
    return {
        "schema_version": 1,
        "suite": suite,
        "source": {"format": "perfaction"},
        "environment": {"os": "linux", "cpu_model": "Test CPU", "cores": 4, "runner": "ubuntu-24.04"},
        "benchmarks": items,
    }


def artifact_files(mib: float) -> dict[str, bytes]:
    """Files of BENCHMARKS_PER_FILE benchmarks each (about 1.9 MiB), up to `mib` MiB in all."""
    files: dict[str, bytes] = {}
    total, index = 0, 0
    while total < mib * MiB:
        data = json.dumps(report(f"suite-{index}", BENCHMARKS_PER_FILE, seed=index + 1)).encode()
        files[f"suite-{index}.json"] = data
        total += len(data)
        index += 1
    return files


def run_step(server: GitHubServer, files: dict[str, bytes], workspace: Path) -> tuple[float, int]:
    """Seconds and exit code of one compare step on an artifact holding `files`."""
    for data in files.values():
        seed_baseline(server, json.loads(data))
    pull = server.state.add_pull_request(fork=True)
    run = server.state.add_pull_request_run(pull)
    server.state.add_artifact(run, "perf-json", files)
    event = github_events.workflow_run(
        REPO, run_id=run.id, head_sha=run.head_sha, head_branch=run.head_branch,
        head_repository=run.head_repository.full_name, pull_numbers=(),
    )  # fmt: skip
    config = b"[limits]\nmax_suites = 1000\nmax_results_mib = 1000\n"
    variables = {
        "GITHUB_EVENT_NAME": "workflow_run", "GITHUB_REPOSITORY": REPO, "GITHUB_API_URL": server.url,
        "GITHUB_SERVER_URL": server.server_url, "PERFACTION_HTTP_TIMEOUT": "30",
    }  # fmt: skip
    started = time.perf_counter()
    step = run_entrypoint(
        workspace, {"github-token": WRITE_TOKEN, "mode": "compare"}, {".perfaction.toml": config},
        event=event, variables=variables,
    )  # fmt: skip
    return time.perf_counter() - started, step.code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=float, default=[2.0, 4.0, 8.0], help="MiB of results")
    args = parser.parse_args()
    server = GitHubServer()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            for number, mib in enumerate(sorted(args.sizes)):
                server.reset()
                files = artifact_files(mib)
                size = sum(map(len, files.values())) / MiB
                seconds, code = run_step(server, files, Path(scratch) / f"step-{number}")
                # ru_maxrss of children is the largest so far: sizes run in increasing order.
                peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
                print(
                    f"{size:6.1f} MiB in {len(files)} files: exit {code}, {seconds:6.1f} s "
                    f"({seconds / size:.2f} s/MiB), peak {peak:.0f} MiB ({peak / size:.1f} MiB/MiB)"
                )
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
