"""Screenshot the dashboard for docs/: a real recorded history, built into a site, drawn by headless Chromium.

Usage: python tests/make_dashboard_screenshots.py  (writes docs/screenshots/dashboard-*.png)

The same demo history, browser and server as tests/test_dashboard.py: 120 runs of a suite with three
planted steps and two promotions.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chromium import Browser, serve
from dashboard_demo import REPOSITORY_URL, Planted, record_demo

from perfaction.dashboard import SiteOptions, build_site

DOCS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
NAMES = [
    "parse/small", "parse/medium", "parse/large", "parse/huge",
    "encode/json", "encode/cbor", "decode/json", "decode/cbor",
]  # fmt: skip
PLANTED = [Planted(2, 80, 1.18), Planted(5, 40, 0.85), Planted(0, 100, 1.07)]


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        data = record_demo(root, {"widgets": NAMES}, 120, PLANTED, promote_at=(30, 90))
        site = root / "site"
        build_site(data, site, SiteOptions("widgets benchmarks", REPOSITORY_URL, recent_runs=60))
        shots = {
            "dashboard-suite.png": ("widgets/index.html", "", 1400, 1250),
            "dashboard-filter.png": ("widgets/index.html", "parse time", 1400, 850),
            "dashboard-summary.png": ("index.html", "", 1100, 520),
        }
        with serve(site) as url:
            for name, (page, typed, width, height) in shots.items():
                browser = Browser(root / f"profile-{name}", width, height)
                try:
                    browser.open(f"{url}/{page}")
                    if typed:
                        browser.type_into("#filter", typed)
                    assert browser.console() == [] and browser.csp_violations() == []
                    browser.screenshot(DOCS / name)
                finally:
                    browser.close()
                print(DOCS / name)


if __name__ == "__main__":
    main()
