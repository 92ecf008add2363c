"""A private Docker engine for the container test and benchmark, built only from Debian packages.

It installs docker.io when missing, starts its own dockerd (own socket, data root and pidfile, no
iptables, no bridge) and its own registry (Debian's docker-registry, on 127.0.0.1), builds a base image
with debootstrap (cached as a saved tarball outside the repository), and builds the action image offline
from locally downloaded wheels. It delivers the image both ways a runner gets a Docker action: built from
the Dockerfile (`image: Dockerfile`), and pulled by the digest a release action.yml names.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from runner_contract import CONTAINER_PATHS, ROOT, Step, StepRun
from tool_reports import criterion_tree

CACHE = Path.home() / ".cache" / "perfaction-test"
# The command each Debian package provides; a missing command means its package gets installed.
PACKAGES = {
    "docker": "docker.io",
    "dockerd": "docker.io",
    "containerd": "containerd",
    "runc": "runc",
    "debootstrap": "debootstrap",
    "docker-registry": "docker-registry",
    # dockerd decompresses pulled layers with unpigz when it is on PATH, as on GitHub's hosted runners
    # (their Ubuntu images install pigz); without it, Go's slower gzip.
    "unpigz": "pigz",
}
SUITE = "bookworm"
# python-is-python3 gives the `python` command the exec-form ENTRYPOINT names.
BASE_PACKAGES = ("python3", "python3-venv", "python-is-python3")
# What the official python images set and `docker import` leaves out.
BASE_CHANGES = ("ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "ENV LANG=C.UTF-8")
# Documentation and translations a container never shows: a smaller base loads faster.
BASE_TRIM = ("usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/locale")
BASE_TAG = f"perfaction-base:{SUITE}"
IMAGE_TAG = "perfaction-action:test"
RELEASE_SCRIPT = ROOT / ".github" / "scripts" / "release_action.py"
# Where the image is pushed in the registry, as the release workflow pushes ghcr.io/OWNER/perf-action:vX.Y.Z.
PUSHED_REPOSITORY, PUSHED_TAG = "perf-action", "test"
LOCKS = (ROOT / "requirements.lock", ROOT / "requirements-build.lock")


class DockerUnavailable(RuntimeError):
    """The engine could not be set up: the container test fails rather than skips."""


@dataclass
class Timings:
    """Wall-clock time of each setup step, printed with the test results."""

    steps: list[tuple[str, float]] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    @contextlib.contextmanager
    def measure(self, step: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.steps.append((step, time.perf_counter() - start))

    def report(self) -> str:
        lines = [f"  {step:<44} {seconds:7.2f} s" for step, seconds in self.steps]
        return "\n".join(["container setup timings:", *lines, *(f"  {fact}" for fact in self.facts)])


def run(
    argv: list[str],
    *,
    env: Mapping[str, str] | None = None,
    stdin: int | None = None,
    timeout: float = 600,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        argv, capture_output=True, text=True, env=env, stdin=stdin, timeout=timeout, check=False
    )
    if check and result.returncode != 0:
        raise DockerUnavailable(
            f"{' '.join(argv)} exited {result.returncode}\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        )
    return result


def which(command: str) -> str | None:
    return shutil.which(command, path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")


def ensure_packages(timings: Timings) -> None:
    """Install the Debian packages whose commands are missing (CI machines start without them)."""
    missing = sorted({package for command, package in PACKAGES.items() if which(command) is None})
    if not missing:
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    apt = ["apt-get", "-o", "DPkg::Lock::Timeout=300"]
    with timings.measure(f"apt-get install {' '.join(missing)}"):
        run([*apt, "update"], env=env)
        run([*apt, "install", "-y", "--no-install-recommends", *missing], env=env)


@dataclass
class Engine:
    """One dockerd of our own, reached through its own socket; nothing else on the machine is touched."""

    scratch: Path
    timings: Timings
    process: subprocess.Popen[bytes] | None = None

    @property
    def host(self) -> str:
        return f"unix://{self.scratch / 'docker.sock'}"

    @property
    def pidfile(self) -> Path:
        return self.scratch / "dockerd.pid"

    def docker(
        self,
        *args: str,
        env: Mapping[str, str] | None = None,
        stdin: int | None = None,
        timeout: float = 600,
        check: bool = True,
    ) -> subprocess.CompletedProcess[str]:
        # The legacy builder: the Docker CLI here has no buildx plugin.
        environment = {**os.environ, **(env or {}), "DOCKER_BUILDKIT": "0"}
        docker = which("docker") or "docker"
        return run(
            [docker, "--host", self.host, *args], env=environment, stdin=stdin, timeout=timeout, check=check
        )

    def start(self) -> None:
        dockerd = which("dockerd")
        if dockerd is None:
            raise DockerUnavailable("dockerd is not installed")
        log = (self.scratch / "dockerd.log").open("wb")
        with self.timings.measure("start dockerd"):
            self.process = subprocess.Popen(
                [
                    dockerd,
                    f"--host={self.host}",
                    f"--data-root={self.scratch / 'data'}",
                    f"--exec-root={self.scratch / 'exec'}",
                    f"--pidfile={self.pidfile}",
                    "--storage-driver=overlay2",
                    "--iptables=false",
                    "--bridge=none",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            deadline = time.monotonic() + 60
            while self.docker("version", check=False, timeout=10).returncode != 0:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    tail = (self.scratch / "dockerd.log").read_text(errors="replace")[-4000:]
                    raise DockerUnavailable(f"dockerd did not come up:\n{tail}")
                time.sleep(0.2)

    def stop(self) -> None:
        """Stop the daemon we started, by its pidfile, then remove its state."""
        if self.process is not None:
            with self.timings.measure("stop dockerd"):
                pid = int(self.pidfile.read_text()) if self.pidfile.exists() else self.process.pid
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
                try:
                    self.process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=10)
                self.process = None
        with self.timings.measure("remove engine state"):
            for mount in _mounts_under(self.scratch):
                run(["umount", "--lazy", mount], check=False)
            run(["umount", str(self.scratch)])
            self.scratch.rmdir()

    def image_size(self, image: str) -> int:
        return int(self.docker("image", "inspect", "--format", "{{.Size}}", image).stdout)


def _mounts_under(directory: Path) -> list[str]:
    """Mounts the daemon may have left inside its state (deepest first), so the tmpfs can go."""
    mounts = Path("/proc/self/mounts").read_text().splitlines()
    points = [line.split()[1] for line in mounts]
    return sorted((p for p in points if p.startswith(f"{directory}/")), reverse=True)


@contextlib.contextmanager
def running_engine(timings: Timings) -> Iterator[Engine]:
    """A started engine for the length of the block; stopped (and its state removed) afterwards."""
    ensure_packages(timings)
    # A short path: containerd's sockets live under the exec root and unix socket paths are limited.
    # In memory: images are unpacked and thrown away faster than on a disk other jobs share.
    scratch = Path(tempfile.mkdtemp(prefix="pa-docker-"))
    try:
        run(["mount", "-t", "tmpfs", "-o", "mode=0700,size=8g", "perfaction-docker", str(scratch)])
    except DockerUnavailable:
        scratch.rmdir()
        raise
    engine = Engine(scratch, timings)
    try:
        engine.start()
        yield engine
    finally:
        engine.stop()


def load_base(engine: Engine) -> str:
    """The registry-free base: a debootstrapped Debian with python3, cached as a `docker save` tarball."""
    recipe = json.dumps([SUITE, "minbase", BASE_PACKAGES, BASE_CHANGES, BASE_TRIM]).encode()
    tarball = CACHE / f"base-{SUITE}-{hashlib.sha256(recipe).hexdigest()[:12]}.tar"
    if tarball.exists():
        with engine.timings.measure("docker load cached base"):
            engine.docker("load", "--input", str(tarball))
        return BASE_TAG
    rootfs = engine.scratch / "rootfs"
    debootstrap = which("debootstrap") or "debootstrap"
    with engine.timings.measure("debootstrap base (first run only)"):
        include = ",".join(BASE_PACKAGES)
        run([debootstrap, "--variant=minbase", f"--include={include}", SUITE, str(rootfs)], timeout=900)
        run(["chroot", str(rootfs), "apt-get", "clean"])
        for folder in ("var/lib/apt/lists", *BASE_TRIM):
            shutil.rmtree(rootfs / folder)
            (rootfs / folder).mkdir()
        (rootfs / "var/lib/apt/lists/partial").mkdir()
    with engine.timings.measure("docker import base"):
        tar = subprocess.Popen(
            ["tar", "--numeric-owner", "-C", str(rootfs), "-c", "."], stdout=subprocess.PIPE
        )
        changes = [arg for change in BASE_CHANGES for arg in ("--change", change)]
        engine.docker("import", *changes, "-", BASE_TAG, stdin=tar.stdout)
        tar.wait()
        shutil.rmtree(rootfs)
    with engine.timings.measure("docker save base to the cache"):
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = tarball.with_suffix(f".{uuid.uuid4().hex}.partial")
        engine.docker("save", "--output", str(partial), BASE_TAG)
        partial.replace(tarball)
    return BASE_TAG


def wheelhouse(engine: Engine, base: str) -> Path:
    """The locked wheels for the base's Python, downloaded on the host so the image builds offline."""
    probe = "import sys; print('%d.%d' % sys.version_info[:2])"
    version = engine.docker("run", "--rm", "--network", "none", base, "python", "-c", probe).stdout.strip()
    digest = hashlib.sha256(version.encode() + b"".join(lock.read_bytes() for lock in LOCKS))
    target = CACHE / f"wheels-py{version}-{digest.hexdigest()[:12]}"
    if target.is_dir():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(dir=CACHE, prefix="wheels-partial-"))
    with engine.timings.measure("pip download locked wheels (first run only)"):
        requirements = [arg for lock in LOCKS for arg in ("--requirement", str(lock))]
        pip = [sys.executable, "-m", "pip", "download", "--quiet", "--require-hashes", "--no-deps"]
        run([*pip, "--only-binary=:all:", "--python-version", version, "--dest", str(partial), *requirements])
    if target.is_dir():  # another session got there first
        shutil.rmtree(partial)
    else:
        partial.rename(target)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve a folder over HTTP on 127.0.0.1, as a wheel mirror pip reads with --find-links."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def build_action_image(engine: Engine, base: str, wheels: Path) -> str:
    """Build our Dockerfile as the runner does for `image: Dockerfile`; pip reads only the wheel mirror.

    A base missing locally is pulled first, as on a fresh runner.
    """
    with serve_directory(wheels) as mirror, engine.timings.measure("docker build action image"):
        engine.docker(
            "build",
            "--network=host",
            f"--build-arg=BASE_IMAGE={base}",
            "--build-arg=PIP_NO_INDEX=1",
            f"--build-arg=PIP_FIND_LINKS={mirror}",
            f"--tag={IMAGE_TAG}",
            str(ROOT),
        )
    return IMAGE_TAG


# --- a registry on 127.0.0.1, and the two ways a runner gets the image ------------------------------


@dataclass(frozen=True)
class Registry:
    """Debian's docker-registry (a registry:2 server) on 127.0.0.1; dockerd speaks plain HTTP to it."""

    address: str

    def manifest(self, repository: str, tag: str) -> tuple[str, dict]:
        """The digest the registry serves for a tag, and the manifest (its layers' download sizes)."""
        url = f"http://{self.address}/v2/{repository}/manifests/{tag}"
        accept = {"Accept": "application/vnd.docker.distribution.manifest.v2+json"}
        with urllib.request.urlopen(urllib.request.Request(url, headers=accept), timeout=30) as response:
            return response.headers["Docker-Content-Digest"], json.load(response)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def running_registry(engine: Engine) -> Iterator[Registry]:
    """A registry of our own, storing in the engine's tmpfs, for the length of the block."""
    binary = which("docker-registry")
    if binary is None:
        raise DockerUnavailable("docker-registry is not installed")
    folder = engine.scratch / "registry"
    folder.mkdir()
    address = f"127.0.0.1:{_free_port()}"
    storage = {"filesystem": {"rootdirectory": str(folder / "data")}}
    settings = {"addr": address, "secret": uuid.uuid4().hex}
    config = {"version": 0.1, "log": {"level": "warn"}, "storage": storage, "http": settings}
    (folder / "config.yml").write_text(json.dumps(config))  # JSON is YAML
    with (folder / "registry.log").open("wb") as log, engine.timings.measure("start docker-registry"):
        process = subprocess.Popen(
            [binary, "serve", str(folder / "config.yml")],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while not _answers(f"http://{address}/v2/"):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = (folder / "registry.log").read_text(errors="replace")[-4000:]
                raise DockerUnavailable(f"docker-registry did not come up:\n{tail}")
            time.sleep(0.1)
        yield Registry(address)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def publish_base(engine: Engine, registry: Registry, base: str) -> str:
    """Put the base into the registry: a fresh runner pulls the base of every image it builds or pulls."""
    remote = f"{registry.address}/{base}"
    engine.docker("tag", base, remote)
    with engine.timings.measure("docker push base to the registry"):
        engine.docker("push", remote)
    return remote


def drop_images(engine: Engine) -> None:
    """Remove every image, as on a fresh runner: the next build or pull finds nothing cached."""
    engine.docker("image", "prune", "--all", "--force")  # every image: no container uses any
    left = engine.docker("image", "ls", "--all", "--quiet").stdout.split()
    if left:
        raise DockerUnavailable(f"images left after removing every image: {left}")


def push_image(engine: Engine, registry: Registry, image: str) -> str:
    """Push as the release workflow does; return the digest the engine recorded for the push."""
    repository = f"{registry.address}/{PUSHED_REPOSITORY}"
    engine.docker("tag", image, f"{repository}:{PUSHED_TAG}")
    with engine.timings.measure("docker push action image"):
        engine.docker("push", f"{repository}:{PUSHED_TAG}")
    inspect = ["image", "inspect", "--format", "{{json .RepoDigests}}", f"{repository}:{PUSHED_TAG}"]
    (pushed,) = (
        ref for ref in json.loads(engine.docker(*inspect).stdout) if ref.startswith(f"{repository}@")
    )
    return pushed.partition("@")[2]


def write_release_action(folder: Path, image: str, digest: str) -> str:
    """Write the release action.yml as the release workflow does; return the image its `runs:` names."""
    output = folder / "action.yml"
    script = [sys.executable, str(RELEASE_SCRIPT), str(ROOT / "action.yml")]
    run([*script, "--image", image, "--digest", digest, "--output", str(output)])
    named = yaml.safe_load(output.read_text(encoding="utf-8"))["runs"]["image"]
    if not named.startswith("docker://"):
        raise DockerUnavailable(f"the release action.yml names no docker:// image: {named!r}")
    return named.removeprefix("docker://")


# The step both deliveries run: validate mode on real criterion results in the workspace.
CRITERION_STEP = {"mode": "validate", "report": "criterion"}


@dataclass
class Delivery:
    """The action image delivered both ways, each from an empty engine and followed by the same step."""

    built: str  # image ID of the Dockerfile build
    pulled: str  # what the release action.yml names: registry/repository@sha256:...
    pushed_digest: str
    built_step: StepRun
    pulled_step: StepRun
    build_seconds: float  # docker build (pulling the base) + docker run
    pull_seconds: float  # docker pull + docker run
    sizes: list[str]


def deliver(engine: Engine, registry: Registry, base: str, wheels: Path, scratch: Path) -> Delivery:
    """`image: Dockerfile` (build, then run) against a release tag's `image: docker://...@sha256:...`."""
    workspace = criterion_tree("head")
    drop_images(engine)
    start = time.perf_counter()
    image = build_action_image(engine, base, wheels)
    built_step = run_action(engine, image, scratch / "built", CRITERION_STEP, workspace)
    build_seconds = time.perf_counter() - start
    engine.timings.steps.append(("build + run (image: Dockerfile)", build_seconds))
    built = engine.docker("image", "inspect", "--format", "{{.Id}}", image).stdout.strip()
    digest = push_image(engine, registry, image)
    pulled = write_release_action(scratch, f"{registry.address}/{PUSHED_REPOSITORY}", digest)
    measured = sizes(engine, registry, base, image)
    drop_images(engine)
    start = time.perf_counter()
    engine.docker("pull", pulled)
    pulled_step = run_action(engine, pulled, scratch / "pulled", CRITERION_STEP, workspace)
    pull_seconds = time.perf_counter() - start
    engine.timings.steps.append(("pull + run (image: docker://...@sha256:...)", pull_seconds))
    return Delivery(built, pulled, digest, built_step, pulled_step, build_seconds, pull_seconds, measured)


def sizes(engine: Engine, registry: Registry, base: str, image: str) -> list[str]:
    """What the image adds to its base on disk, and what a pull downloads (compressed layers)."""
    added = engine.image_size(image) - engine.image_size(base)
    repository, _, tag = base.removeprefix(f"{registry.address}/").partition(":")
    base_download = sum(layer["size"] for layer in registry.manifest(repository, tag)[1]["layers"])
    download = sum(layer["size"] for layer in registry.manifest(PUSHED_REPOSITORY, PUSHED_TAG)[1]["layers"])
    return [
        f"image size added over the base: {added / 1e6:.1f} MB",
        f"a pull downloads {download / 1e6:.1f} MB compressed, {(download - base_download) / 1e6:.1f} MB"
        " of it over the base",
    ]


# --- running the image as the runner does ---------------------------------------------------------


def run_action(
    engine: Engine,
    image: str,
    step_dir: Path,
    inputs: Mapping[str, str],
    workspace: Mapping[str, bytes],
    *,
    event: Mapping[str, object] | None = None,
    variables: Mapping[str, str] | None = None,
    entrypoint: list[str] | None = None,
) -> StepRun:
    """`docker run` with the mounts, working directory and `-e NAME` list the runner uses.

    `event` and `variables` are as for `Step.prepare`. With `--network=host` the container reaches
    servers on the host's 127.0.0.1, such as the GitHub API test server.
    """
    step = Step(step_dir)
    variables = step.prepare(inputs, workspace, in_container=True, event=event, variables=variables)
    argv = ["run", "--rm", "--network=host", f"--workdir={CONTAINER_PATHS['workspace']}"]
    argv += [f"--volume={step.folder(name)}:{path}" for name, path in CONTAINER_PATHS.items()]
    # Like the runner: names only on the command line, values through the environment.
    argv += [arg for name in variables for arg in ("-e", name)]
    if entrypoint:
        argv.append(f"--entrypoint={entrypoint[0]}")
    argv += [image, *(entrypoint or [])[1:]]
    return step.result(engine.docker(*argv, env=variables, check=False, timeout=120))
