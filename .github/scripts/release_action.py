"""Write the action.yml a release tag carries: the branch's action.yml, running the published image.

The branch's action.yml builds `image: Dockerfile` in every job that uses it. A release tag's copy names
the image the release workflow pushed, by digest, so `uses: perf-action/perf-action@v1` pulls that exact
image and the runner still applies every input default from action.yml. Only the `image:` line changes;
everything else is copied byte for byte.

    python3 release_action.py --image ghcr.io/OWNER/perf-action --digest sha256:HEX --output OUT action.yml

Standard library only: the release workflow runs it with the runner's own python3.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

# A registry host (with an optional port) and a lower-case repository path: no tag, no digest.
_HOST = r"[a-z0-9]+(?:[.-][a-z0-9]+)*(?::[0-9]{1,5})?"
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
IMAGE = re.compile(rf"{_HOST}(?:/{_COMPONENT})+")
DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
# The one line a release rewrites: the Docker build of the branch, under `runs:`.
BUILD_LINE = re.compile(r"^(?P<indent>[ ]+)image:[ ]*(?P<quote>[\"']?)Dockerfile(?P=quote)[ ]*$")
COMMENT = "# The image the release workflow built from this commit's Dockerfile, pinned by digest."


class ReleaseError(ValueError):
    """The inputs cannot give a trustworthy release action.yml; nothing is written."""


def image_reference(image: str, digest: str) -> str:
    """`docker://IMAGE@DIGEST`, once both parts are known to be well formed."""
    if not IMAGE.fullmatch(image):
        raise ReleaseError(f"--image: {image!r} is not a lower-case registry/repository name")
    if not DIGEST.fullmatch(digest):
        raise ReleaseError(f"--digest: {digest!r} is not sha256: and 64 lower-case hex digits")
    return f"docker://{image}@{digest}"


def release_action(action_yml: str, reference: str) -> str:
    """The branch's action.yml with its `runs:` block's `image: Dockerfile` replaced by `reference`."""
    lines = action_yml.splitlines(keepends=True)
    runs = [index for index, line in enumerate(lines) if line.rstrip("\r\n") == "runs:"]
    if len(runs) != 1:
        raise ReleaseError("action.yml: expected exactly one top-level `runs:` block")
    start = runs[0] + 1
    top_level = (i for i in range(start, len(lines)) if lines[i].strip() and lines[i][0] not in " #")
    end = next(top_level, len(lines))
    found = [(i, BUILD_LINE.match(lines[i].rstrip("\r\n"))) for i in range(start, end)]
    matches = [(i, match) for i, match in found if match]
    if len(matches) != 1:
        raise ReleaseError("action.yml: expected one `image: Dockerfile` line under `runs:`")
    [(index, match)] = matches
    ending = lines[index][len(lines[index].rstrip("\r\n")) :]
    indent, comment_ending = match["indent"], ending or "\n"
    lines[index : index + 1] = [f"{indent}{COMMENT}{comment_ending}", f"{indent}image: {reference}{ending}"]
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", type=Path, help="the branch's action.yml")
    parser.add_argument("--image", required=True, help="registry and repository, e.g. ghcr.io/owner/name")
    parser.add_argument("--digest", required=True, help="the digest the push reported, sha256:...")
    parser.add_argument("--output", type=Path, required=True, help="where to write (may be the input)")
    args = parser.parse_args(argv)
    try:
        reference = image_reference(args.image, args.digest)
        released = release_action(args.action.read_text(encoding="utf-8"), reference)
    except (ReleaseError, OSError, UnicodeDecodeError) as error:
        print(f"release_action: {error}", file=sys.stderr)
        return 1
    args.output.write_text(released, encoding="utf-8")
    print(reference)
    return 0


if __name__ == "__main__":
    sys.exit(main())
