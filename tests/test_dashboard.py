"""The dashboard: the static site's HTML holds up against hostile names, and real headless Chromium draws it
under the strict Content-Security-Policy with no console errors, charts drawn and the filter working."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pytest
from chromium import Browser, available, serve
from dashboard_demo import HOSTILE, REPOSITORY_URL, Planted, record_demo

from perfaction.dashboard import SiteOptions, build_site
from perfaction.dashboard.site import CSP

pytestmark = pytest.mark.usefixtures("isolated_git")
RUNS = 90
NAMES = [
    *(f"parse/{size}" for size in ("small", "medium", "large", "huge")),
    HOSTILE,
    "encode/json",
    "decode/json",
]
PLANTED = [Planted(2, 60, 1.18), Planted(5, 30, 0.85)]
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "link", "script", "body", "header", "h1", "h2", "label", "input",
    "span", "main", "p", "strong", "a", "div", "figure", "figcaption", "svg", "rect", "line", "polyline",
    "text", "ul", "li", "code", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("dashboard")
    data = record_demo(
        root, {"widgets": NAMES, "tools": ["run/a", "run/b"]}, RUNS, PLANTED, promote_at=(20, 65)
    )
    out = root / "site"
    written = build_site(
        data, out, SiteOptions("widgets benchmarks", REPOSITORY_URL, charts_per_page=6, recent_runs=40)
    )
    return out, written, data


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_page_is_inert_markup_under_the_policy(site):
    out, written, _ = site
    assert sorted(p.relative_to(out).as_posix() for p in written.pages) == [
        "index.html", "tools/index.html", "widgets/index.html", "widgets/page-2.html",
    ]  # fmt: skip
    assert written.charts == 12 and written.points == 12 * RUNS
    for path in written.pages:
        page = parsed(path)
        tags = [tag for tag, _ in page.tags]
        assert set(tags) <= ALLOWED_TAGS, path
        assert ("meta", {"http-equiv": "Content-Security-Policy", "content": CSP}) in page.tags
        for tag, attributes in page.tags:
            assert not any(name.startswith("on") or name == "style" for name in attributes), (tag, attributes)
            if tag == "script":
                assert attributes["src"].endswith("assets/dashboard.js")
            for name in ("href", "src"):
                link = attributes.get(name)
                assert (
                    link is None or link.startswith(REPOSITORY_URL + "/") or not re.match(r"^[a-z]+:", link)
                )
        assert tags.count("script") == 1


def test_hostile_names_stay_text(site):
    out, _, _ = site
    page = parsed(out / "widgets" / "index.html")
    assert HOSTILE in "".join(page.text)  # shown as written, as text
    figures = [attributes for tag, attributes in page.tags if tag == "figure"]
    assert f"{HOSTILE.lower()} time" in [attributes["data-name"] for attributes in figures]
    source = (out / "widgets" / "index.html").read_text()
    assert "<img" not in source and "<script>alert" not in source


def test_charts_carry_every_run_the_change_points_and_the_promotions(site):
    out, _, _ = site
    page = (out / "widgets" / "index.html").read_text()
    figures = re.findall(r'<figure class="chart" id="(c\d+)".*?</figure>', page, re.DOTALL)
    assert figures == ["c0", "c1", "c2", "c3", "c4", "c5"]
    for points in re.findall(r'<polyline class="series" points="([^"]*)"', page):
        assert len(points.split()) == RUNS
    large = re.search(r'<figure class="chart" id="c3".*?</figure>', page, re.DOTALL).group(0)
    assert 'data-name="parse/large time"' in large
    assert large.count('<line class="regression"') == 1 and large.count('<line class="promotion"') == 2
    assert f'href="{REPOSITORY_URL}/compare/{59:07x}{"0" * 33}...{60:07x}{"0" * 33}"' in large
    assert re.search(r"\+1[78]\.\d % \(95 % CI \+1\d\.\d to \+[12]\d\.\d %\)", large)
    summary = (out / "index.html").read_text()
    assert 'href="widgets/index.html#c3"' in summary  # the largest recent change links to its chart


def test_chromium_draws_the_site_without_errors_and_the_filter_works(site, tmp_path):
    if not available():
        pytest.fail("chromium and chromedriver are needed (.ci/run installs them)")
    out, _, _ = site
    browser = Browser(tmp_path / "profile")
    try:
        with serve(out) as url:
            for page in ("index.html", "widgets/index.html", "widgets/page-2.html", "tools/index.html"):
                browser.open(f"{url}/{page}")
                assert browser.run("return document.readyState") == "complete"
                assert browser.console() == [], page
                assert browser.csp_violations() == [], page
            browser.open(f"{url}/widgets/index.html")
            drawn = browser.run(
                "return Array.from(document.querySelectorAll('polyline.series'), "
                "p => [p.points.numberOfItems, p.getBBox().width > 500])"
            )
            assert drawn == [[RUNS, True]] * 6
            assert browser.run("return document.querySelectorAll('img, iframe, object').length") == 0
            assert browser.run("return document.getElementById('shown').textContent") == "6 of 6 charts"

            def shown() -> list[str]:
                return browser.run(
                    "return Array.from(document.querySelectorAll('figure.chart'))"
                    ".filter(f => !f.hidden).map(f => f.dataset.name)"
                )

            browser.type_into("#filter", "onerror")
            assert shown() == [f"{HOSTILE.lower()} time"]  # its throughput chart is on page 2
            browser.type_into("#filter", "PARSE throughput")
            assert shown() == ["parse/small throughput"]
            assert browser.run("return document.getElementById('shown').textContent") == "1 of 6 charts"
            browser.type_into("#filter", "")
            assert len(shown()) == 6
            assert browser.console() == [] and browser.csp_violations() == []
    finally:
        browser.close()


def test_the_policy_checks_can_fail(tmp_path):
    """A page breaking the policy is caught: the checks above are not vacuous."""
    if not available():
        pytest.fail("chromium and chromedriver are needed (.ci/run installs them)")
    (tmp_path / "bad.html").write_text(
        f'<!doctype html><meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<p style="color: red">x</p><script>document.title = "ran"</script>'
        '<img src="https://example.invalid/pixel.png">'
    )
    browser = Browser(tmp_path / "profile")
    try:
        with serve(tmp_path) as url:
            browser.open(f"{url}/bad.html")
            violations = browser.csp_violations()
            assert browser.run("return document.title") != "ran"
    finally:
        browser.close()
    assert any(v.startswith("script-src") for v in violations)
    assert any(v.startswith("style-src") for v in violations)
    assert any(v.startswith("img-src") for v in violations)
