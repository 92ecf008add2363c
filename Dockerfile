# perf-action's Docker action. Two stages: the first builds our wheel and installs it, with the
# dependencies pinned by hash in requirements.lock, into a venv; the second copies only that venv,
# so no compiler, pip or setuptools reaches the final image.
#
# Offline builds point pip at a local wheel mirror instead of the index:
#   docker build --build-arg PIP_NO_INDEX=1 --build-arg PIP_FIND_LINKS=<dir or URL> .
ARG BASE_IMAGE=python:3.12-slim

FROM ${BASE_IMAGE} AS build
ARG PIP_NO_INDEX
ARG PIP_FIND_LINKS
# The build tools stay in this stage: no time spent compiling them. What the image runs is compiled
# once, below, to bytecode the interpreter trusts without comparing source timestamps (unchecked-hash):
# the same bytes from every build, still used if a builder rewrites file times.
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_COMPILE=1
WORKDIR /src
COPY requirements.lock requirements-build.lock pyproject.toml README.md ./
COPY perfaction/ perfaction/
COPY schemas/ schemas/
COPY templates/ templates/
# One step, so the build tools never land in a committed layer.
RUN python -m venv /tmp/build \
    && /tmp/build/bin/pip install --no-cache-dir --require-hashes --only-binary=:all: \
        -r requirements-build.lock \
    && /tmp/build/bin/pip wheel --no-cache-dir --no-deps --no-build-isolation --wheel-dir /tmp/dist . \
    && python -m venv --without-pip /opt/perfaction \
    && /tmp/build/bin/pip --python /opt/perfaction/bin/python install --no-cache-dir --no-compile \
        --require-hashes --only-binary=:all: --no-deps -r requirements.lock \
    && /tmp/build/bin/pip --python /opt/perfaction/bin/python install --no-cache-dir --no-compile \
        --no-index --no-deps /tmp/dist/perfaction-*.whl \
    && /opt/perfaction/bin/python -m compileall -q -f -j0 --invalidation-mode unchecked-hash \
        /opt/perfaction/lib \
    && rm -rf /tmp/build /tmp/dist

FROM ${BASE_IMAGE}
# GitHub runs Docker actions as root (no USER): the workspace it mounts belongs to root.
ENV PATH=/opt/perfaction/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
COPY --from=build /opt/perfaction /opt/perfaction
COPY entrypoint.py /app/entrypoint.py
# Exec form, no shell: dash drops the INPUT_* variables whose names hold a hyphen. -I: the runner passes
# the workflow's env into the container, and no PYTHONPATH, PYTHONHOME or other PYTHON* variable there may
# change which code runs with the job's token. -I ignores the ENV above, so -B and -u say it again.
ENTRYPOINT ["python", "-I", "-B", "-u", "/app/entrypoint.py"]
