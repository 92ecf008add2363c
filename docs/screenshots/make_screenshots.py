"""Screenshot the HTML previews of the four copybook golden comments with headless Chromium.

Usage: python docs/screenshots/make_screenshots.py [--mermaid mermaid.min.js]

The goldens in tests/golden/ are the reviewed comments; this renders them as `perfaction render --html`
does. With --mermaid (mermaid's dist/mermaid.min.js, e.g. from `npm pack mermaid`) the trend charts are
drawn as GitHub draws them; without it they stay code blocks. Sections are expanded for the picture.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from perfaction.render import preview_page, render_html

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
HERE = Path(__file__).resolve().parent
HEIGHTS = {"pass": 600, "warning": 1130, "failure": 1130, "neutral": 560}

# Draw ```mermaid blocks the way github.com does, and open <details> so the picture shows them.
_SCRIPT = """
<script>{mermaid}</script>
<script>
for (const block of document.querySelectorAll('pre[lang="mermaid"]')) {{
  const chart = document.createElement('div');
  chart.className = 'mermaid';
  chart.textContent = block.textContent;
  block.replaceWith(chart);
}}
for (const details of document.querySelectorAll('details')) details.open = true;
mermaid.initialize({{startOnLoad: false, theme: 'default'}});
mermaid.run();
</script>
"""


def shoot(case: str, mermaid: str, workdir: Path) -> Path:
    markdown = (GOLDEN / f"copybook-{case}.comment.md").read_text(encoding="utf-8")
    page = preview_page(render_html(markdown), title=f"github-actions commented (copybook, {case})")
    if mermaid:
        page = page.replace("</body>", _SCRIPT.format(mermaid=mermaid) + "</body>")
    source = workdir / f"{case}.html"
    source.write_text(page, encoding="utf-8")
    target = HERE / f"comment-{case}.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--virtual-time-budget=10000",
            f"--user-data-dir={workdir / 'profile'}",
            f"--screenshot={target}",
            f"--window-size=920,{HEIGHTS[case]}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mermaid", type=Path, help="mermaid.min.js, to draw the trend charts")
    args = parser.parse_args()
    mermaid = args.mermaid.read_text(encoding="utf-8") if args.mermaid else ""
    with tempfile.TemporaryDirectory() as scratch:
        for case in HEIGHTS:
            print(shoot(case, mermaid, Path(scratch)))


if __name__ == "__main__":
    main()
