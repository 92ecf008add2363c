"""Rendering: golden outputs, the escaping guarantee on real HTML, size budgets, templates and the CLI."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest
from render_cases import (
    CONTEXT,
    COPYBOOK,
    COPYBOOK_CASES,
    GOLDEN,
    big_summary,
    copybook_summary,
    suite_summary,
)
from render_html import TEMPLATE_TAGS, parse, to_html

from perfaction.compare import compare
from perfaction.config import load_config
from perfaction.github.variables import run_context
from perfaction.ingest import read_report
from perfaction.markdown import ZWSP, plain
from perfaction.model import Benchmark, Metric, Report
from perfaction.render import OUTPUTS, RenderContext, marker, render
from perfaction.summary import Provenance, RegressionSummary
from perfaction.validation import problems
from perfaction.verdicts import Selection

ROOT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

CASES = [*COPYBOOK_CASES, "suite-200"]


def _summary(case: str, tmp_path: Path) -> RegressionSummary:
    return suite_summary(tmp_path) if case == "suite-200" else copybook_summary(case)


def assert_safe_html(markdown: str, context: RenderContext = CONTEXT) -> None:
    """What any rendering must satisfy once GitHub has turned it into HTML."""
    page = parse(to_html(markdown))
    assert page.tags <= TEMPLATE_TAGS | {"!--"}, page.tags - TEMPLATE_TAGS
    assert set(page.links) <= {context.run_url}
    assert page.images == 0
    assert page.triggers() == {}
    for table in page.tables:
        widths = {len(row) for row in table}
        assert len(widths) == 1, table


# --- goldens ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("output", list(OUTPUTS))
@pytest.mark.parametrize("case", CASES)
def test_golden(case, output, tmp_path):
    summary = _summary(case, tmp_path)
    assert problems(summary.to_dict(), "regression-summary", case) == []
    text = render(summary, output, CONTEXT)
    golden = GOLDEN / f"{case}.{output}.md"
    if os.environ.get("PERFACTION_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), (
        f"{golden} differs; PERFACTION_UPDATE_GOLDEN=1 rewrites"
    )
    assert_safe_html(text)


@pytest.mark.parametrize(
    ("case", "title"),
    [
        ("copybook-pass", "✅ PASS"),
        ("copybook-warning", "⚠️ WARNING"),
        ("copybook-failure", "❌ FAILURE"),
        ("copybook-neutral", "ℹ️ NEUTRAL"),
    ],
)
def test_copybook_verdict_and_one_liner_lead_the_comment(case, title):
    fixture = json.loads((COPYBOOK / COPYBOOK_CASES[case]).read_text())
    one_liner = f"DISPLAY: {fixture['display_gibs']:.2f} GiB/s, COMP-3: {fixture['comp3_mibs']:.0f} MiB/s"
    lines = render(copybook_summary(case), "comment", CONTEXT).splitlines()
    assert lines[0] == "<!-- perfaction:copybook -->"
    assert lines[1] == f"### {title} · copybook"
    assert lines[3].startswith(f"<b>{one_liner} {title.split()[0]}</b> · ")


def test_quiet_copybook_comment_is_short_and_collapses_unchanged_rows():
    text = render(copybook_summary("copybook-pass"), "comment", CONTEXT)
    unfolded = re.sub(r"<details>.*?</details>", "", text, flags=re.S)
    assert len(unfolded.splitlines()) < 25  # the rows and the trend charts are folded away
    assert "<details><summary>2 inconclusive</summary>" in text  # three earlier runs cannot settle them
    assert "`dcb9885a`, the baseline at this branch's merge-base" in text


def test_regressions_come_first_then_improvements_then_unsettled(tmp_path):
    text = render(suite_summary(tmp_path), "comment", CONTEXT)
    changed = text.split("| Benchmark |", 1)[1].split("\n\n", 1)[0]
    verdicts = [line.rsplit("|", 2)[1].strip() for line in changed.splitlines()[2:]]
    rank = {
        "❌ failure": 0,
        "⚠️ warning": 1,
        "❌ failure · acknowledged": 2,
        "🚀 improved": 3,
    }
    ranks = [rank[verdict] for verdict in verdicts]
    assert ranks == sorted(ranks) and set(ranks) == set(rank.values())
    folded = text.split("<details><summary>1 inconclusive</summary>", 1)[1].split("</details>", 1)[0]
    assert "codec/encode/20480" in folded and "inconclusive" not in changed
    assert re.search(r"About \d+ samples per side would settle 1 of the 1 inconclusive rows\.", text)


def test_trend_chart_is_valid_mermaid_of_the_changed_metrics():
    text = render(copybook_summary("copybook-pass"), "comment", CONTEXT)
    charts = re.findall(r"```mermaid\n(.*?)```", text, flags=re.S)
    assert len(charts) == 2
    grammar = re.compile(
        r"%%\{init: \{[^\n]*\}\}%%\nxychart-beta\n"
        r'    title "[^"\n`#%]*"\n    x-axis \[("[^"\n`#%]*"(, )?)+\]\n'
        r'    y-axis "[^"\n`#%]*"\n    line \[[0-9.]+(, [0-9.]+)*\]\n'
    )
    for chart in charts:
        assert grammar.fullmatch(chart), chart
    assert '"4718b1a2", "14babe3f", "dcb9885a", "baseline", "this run"' in charts[0]
    assert "line [2.25, 2.3, 2.33, 2.293, 2.33]" in text


def test_no_trend_chart_without_history():
    summary = copybook_summary("copybook-pass")
    assert "```mermaid" in render(summary, "job", CONTEXT)
    for row in summary.rows:
        row.history = None
    assert "mermaid" not in render(summary, "job", CONTEXT)


# --- the escaping guarantee ------------------------------------------------------------------------

HOSTILE = json.loads((Path(__file__).parent / "data" / "render" / "hostile.json").read_text())[
    "benchmark_names"
]
HOSTILE_METRICS = ["www.evil.example", "deadbeefcafe1234", "e_m_", "x__y__z", "a/b.c-d"]
HOSTILE_TEXT = "see @octocat, #12, [x](https://evil.example) <img src=x> www.evil.example\n\n| a | b |\u202e"


def hostile_summary(status: str = "FAILURE") -> RegressionSummary:
    """Every artifact string a template shows, made hostile within what the schemas admit."""
    summary = suite_summary_for_hostile()
    summary.status = status
    return summary


def suite_summary_for_hostile() -> RegressionSummary:
    from perfaction.model import Environment
    from perfaction.summary import (
        EnvironmentComparison,
        HistoryPoint,
        MetricRow,
        Provenance,
        RatioInterval,
        RunInfo,
        SloRow,
        Thresholds,
    )

    kinds = ["failure", "warning", "improved", "inconclusive", "noisy", "pass", "new", "missing", "acked"]
    rows = []
    for index, name in enumerate(HOSTILE):
        kind = kinds[index % len(kinds)]
        status = {"inconclusive": "pass", "noisy": "pass", "acked": "warning"}.get(kind, kind)
        has_both = kind not in ("new", "missing")
        rows.append(
            MetricRow(
                benchmark=name,
                metric=HOSTILE_METRICS[index % len(HOSTILE_METRICS)],
                unit="ms",
                direction="lower",
                status=status,
                reason=f"{HOSTILE_TEXT} {name}",
                gating=status in ("failure", "warning") and kind != "acked",
                basis="samples" if has_both else None,
                baseline=1.5 if kind != "new" else None,
                current=1.7 if kind != "missing" else None,
                change_pct=13.33 if has_both else None,
                regression_pct=13.33 if has_both else None,
                ratio=1.1333 if has_both else None,
                ratio_interval=RatioInterval(1.1, 1.2) if has_both else None,
                verdict="inconclusive" if kind in ("inconclusive", "noisy") else None,
                samples_needed=30 if kind == "inconclusive" else None,
                noise_pct=12.0 if kind == "noisy" else None,
                acknowledged=kind == "acked",
                acknowledged_reason=f"{HOSTILE_TEXT} {name}" if kind == "acked" else None,
                history=[HistoryPoint(1.4, "www.evil.example"), HistoryPoint(1.5, "deadbeefcafe")],
            )
        )
    current = Environment(
        os="@octocat", cpu_model=HOSTILE[0], cores=8, runner="[x](https://evil.example)", toolchain="<script>"
    )
    current.extra = {"www.evil.example": "#1 @you", "x_y": True}
    baseline = Environment(os="linux", cpu_model=HOSTILE[3], cores=2, runner="<!-- x -->", toolchain="`t`")
    return RegressionSummary(
        suite="www.evil.example--x",
        status="FAILURE",
        rows=rows,
        environment=EnvironmentComparison(
            current=current,
            current_fingerprint=current.fingerprint(),
            baseline=baseline,
            baseline_fingerprint=baseline.fingerprint(),
            differs=True,
            differing_keys=["os", "cpu_model", "cores", "runner", "toolchain"],
        ),
        thresholds=Thresholds(),
        slos=[
            SloRow(name, "time", "ms", "ceiling", 1.6, 1.7, "failure", True, -6.25) for name in HOSTILE[:8]
        ],
        current=RunInfo(
            commit="www.evil.example", ref="refs/heads/@octocat #1", timestamp="2026-11-20T09:00:00Z"
        ),
        baseline=Provenance(
            selection="merge-base",
            source_commit="1a2b3c4d5e6f7a8b9c0d",
            promoted_at="2026-11-19T09:00:00+02:00",
            promoted_by="@admin [x](https://evil.example)",
            reason=HOSTILE_TEXT,
            commits_behind=2,
        ),
    )


def test_hostile_summary_is_one_an_artifact_could_carry():
    assert len(HOSTILE) >= 25
    assert problems(hostile_summary().to_dict(), "regression-summary", "hostile") == []


@pytest.mark.parametrize("output", list(OUTPUTS))
@pytest.mark.parametrize("status", ["FAILURE", "NEUTRAL"])
def test_artifact_strings_stay_inert_in_every_output(output, status):
    summary = hostile_summary(status)
    if status == "NEUTRAL":
        for row in summary.rows:
            row.status, row.gating, row.baseline, row.acknowledged = "neutral", False, None, False
    markdown = render(summary, output, CONTEXT)
    assert_safe_html(markdown)
    page = parse(to_html(markdown))
    visible = page.visible()
    for name in HOSTILE:
        assert plain(name) in visible, name  # shown faithfully, not mangled or split across cells
    first_cells = {row[0].replace(ZWSP, "") for table in page.tables for row in table[1:]}
    names = {plain(name) for name in HOSTILE}
    assert first_cells <= names | {f"{name} time" for name in names} | _ENVIRONMENT_LABELS
    assert markdown.count("<!--") == (1 if output == "comment" else 0)


_ENVIRONMENT_LABELS = {
    "os",
    "cpu_model",
    "cores",
    "runner",
    "toolchain",
    "fingerprint",
    "www.evil.example",
    "x_y",
}


def test_a_user_template_cannot_forget_to_escape(tmp_path):
    (tmp_path / "comment.md.j2").write_text(
        "{% for row in view.changed.items %}| {{ row.benchmark }} | {{ row.reason ~ '!' }} |\n{% endfor %}"
        "{{ view.changed.items | map(attribute='benchmark') | join(' | ') }}\n"
        "{{ view.suite | upper }} {{ view.environment.rows[0].current }}\n"
    )
    markdown = render(hostile_summary(), "comment", CONTEXT, templates=tmp_path)
    page = parse(to_html("| a | b |\n|---|---|\n" + markdown))
    assert page.links == [] and page.images == 0 and page.triggers() == {}
    assert page.tags <= {"table", "thead", "tbody", "tr", "th", "td", "p"}
    assert {len(row) for row in page.tables[0]} == {2}


def test_marker_is_an_html_comment_for_any_suite():
    assert marker("copybook") == "<!-- perfaction:copybook -->"
    assert marker("a--b") == "<!-- perfaction:a-%2Db -->"
    assert marker("x-->y <b>") == "<!-- perfaction:x-%2D_y__b_ -->"
    assert parse(to_html(marker("a--b") + "\n")).tags == {"!--"}


# --- size budgets ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def huge() -> RegressionSummary:
    return big_summary(20_000)


@pytest.mark.parametrize("output", list(OUTPUTS))
def test_twenty_thousand_benchmarks_fit_every_budget(huge, output):
    text = render(huge, output, CONTEXT)
    target = OUTPUTS[output]
    assert target.size(text) <= target.limit
    assert target.size(text) >= 0.9 * target.limit  # degraded to fit, not emptied
    if output == "job":
        assert len(text.encode("utf-8")) <= 1_048_576
        assert "more not shown here, over GitHub's 1 MiB limit" in text
    else:
        assert len(text) <= 65_535
        assert "more in the job summary" in text
    first_row = text.split("|--:|:--|\n", 1)[1].splitlines()[0]
    assert "❌ failure" in first_row


def test_comment_collapses_sections_before_dropping_rows(tmp_path):
    summary = suite_summary(tmp_path)
    full = render(summary, "comment", CONTEXT)
    assert "```mermaid" in full and "<details><summary>192 unchanged</summary>" in full
    many = big_summary(3_000)
    text = render(many, "comment", CONTEXT)
    assert "```mermaid" not in text and "unchanged, listed in the job summary" in text


def test_a_template_too_big_for_the_budget_is_cut_not_failed(tmp_path):
    (tmp_path / "comment.md.j2").write_text("{{ view.marker }}\n" + "padding line\n" * 10_000)
    text = render(copybook_summary("copybook-pass"), "comment", CONTEXT, templates=tmp_path)
    assert len(text) <= 65_536 and text.startswith("<!-- perfaction:copybook -->\npadding line\n")
    assert text.endswith("*Cut to fit GitHub's size limit.*\n")


# --- templates and the command ---------------------------------------------------------------------


def _summary_file(tmp_path: Path, case: str = "copybook-failure") -> Path:
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(copybook_summary(case).to_dict()))
    return path


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("line one\n{% if %}\n", "comment.md.j2:2: syntax error"),
        ("line one\nline two\n{{ view.no_such_field }}\n", "comment.md.j2:3: UndefinedError"),
        ("{% include '_missing.md.j2' %}\n", "template '_missing.md.j2' not found"),
        ("a\n{{ 1 // 0 }}\n", "comment.md.j2:2: ZeroDivisionError"),
    ],
)
def test_broken_user_template_exits_4_naming_template_and_line(cli, tmp_path, template, expected):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "comment.md.j2").write_text(template)
    result = cli("render", _summary_file(tmp_path), "--templates", templates)
    assert result.code == 4, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_user_partial_shadows_the_built_in_one(cli, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "_footer.md.j2").write_text("custom footer for {{ view.suite }}\n")
    result = cli("render", _summary_file(tmp_path), "--templates", templates)
    assert result.code == 0, result.stderr
    assert result.stdout.endswith("custom footer for copybook\n")
    assert "| DISPLAY | 2.33 GiB/s | 1.98 GiB/s | -15.02 % | ❌ failure |" in result.stdout


def test_missing_templates_directory_exits_4(cli, tmp_path):
    result = cli("render", _summary_file(tmp_path), "--templates", tmp_path / "nope")
    assert result.code == 4 and "does not exist" in result.stderr


def test_render_writes_markdown_and_an_html_preview(cli, tmp_path):
    out, html = tmp_path / "out" / "comment.md", tmp_path / "out" / "comment.html"
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_RUN_ID": "77"}
    result = cli("render", _summary_file(tmp_path), "-o", out, "--html", html, env=env)
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    markdown = out.read_text()
    assert "[workflow run](https://github.com/o/r/actions/runs/77)" in markdown
    page = html.read_text()
    assert page.startswith("<!DOCTYPE html>") and '<td align="left">DISPLAY</td>' in page
    assert '<a href="https://github.com/o/r/actions/runs/77">workflow run</a>' in page


@pytest.mark.parametrize("template", ["check", "check-text", "job"])
def test_render_chooses_the_template(cli, tmp_path, template):
    result = cli("render", _summary_file(tmp_path), "--template", template)
    assert result.code == 0, result.stderr
    assert "<!-- perfaction:" not in result.stdout
    assert ("## ❌ FAILURE · copybook" in result.stdout) == (template == "job")


def test_html_preview_without_cmarkgfm_exits_4_saying_what_to_install(cli, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "cmarkgfm.py").write_text("raise ImportError('not installed')\n")
    env = {"PYTHONPATH": os.pathsep.join([str(blocker), *sys.path])}
    result = cli("render", _summary_file(tmp_path), "--html", tmp_path / "x.html", env=env)
    assert result.code == 4
    assert "pip install 'perfaction[html]'" in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_invalid_summary_exits_2_with_its_pointer(cli, tmp_path):
    path = _summary_file(tmp_path)
    document = json.loads(path.read_text())
    document["rows"][0]["status"] = "exploded"
    path.write_text(json.dumps(document))
    result = cli("render", path)
    assert result.code == 2
    assert f"{path}: /rows/0/status:" in result.stderr


def test_validate_never_imports_jinja2_or_cmarkgfm(tmp_path):
    import subprocess

    path = _summary_file(tmp_path)
    code = (
        "import sys; from perfaction.cli import main\n"
        "assert main(['validate', '--kind', 'summary', sys.argv[1]]) == 0\n"
        "assert 'jinja2' not in sys.modules and 'cmarkgfm' not in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_run_link_comes_only_from_the_runner_and_only_if_it_looks_like_one():
    good = RenderContext.for_run(
        run_context(
            {"GITHUB_SERVER_URL": "https://ghe.example.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_RUN_ID": "9"}
        )
    )
    assert good.run_url == "https://ghe.example.com/o/r/actions/runs/9"
    assert RenderContext.for_run(run_context({})).run_url is None
    bad = RenderContext("1.0.0", run_url="javascript:alert(1)//https://github.com/o/r/actions/runs/1")
    text = render(copybook_summary("copybook-pass"), "comment", bad)
    assert "workflow run" not in text and "javascript" not in text


def test_demo_writes_the_comment_and_its_preview_and_prints_their_paths(tmp_path):
    import subprocess

    from conftest import ROOT

    result = subprocess.run(
        [sys.executable, ROOT / "examples" / "demo.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    comment, preview = tmp_path / "demo-out" / "comment.md", tmp_path / "demo-out" / "comment.html"
    assert f"the PR comment's Markdown: {comment}" in result.stdout
    assert f"its HTML preview, as GitHub renders it: {preview}" in result.stdout
    assert comment.read_text().startswith("<!-- perfaction:copybook -->\n### ❌ FAILURE · copybook\n")
    assert "<b>DISPLAY: 2.74 GiB/s, COMP-3: 23 MiB/s ❌</b>" in preview.read_text()


# --- the next step a verdict that is not a pass owes its reader --------------------------------------


def _regressed(names: list[str]) -> RegressionSummary:
    def report(scale: float) -> Report:
        metrics = [Benchmark(name, [Metric("time", 100.0 * scale, "ns", "lower")]) for name in names]
        return Report(suite="glob", benchmarks=metrics)

    return compare(report(1.5), report(1.0), provenance=Provenance(Selection.LATEST, "abc1234"))


def test_the_acknowledgement_to_paste_is_toml_that_matches_exactly_its_benchmark(tmp_path):
    names = ["test_encode[utf-8]", "sort/*", "BM_Sort<std::vector<int>>/1024"]
    markdown = render(_regressed(names), "comment", CONTEXT)
    block = markdown.split("```toml\n", 1)[1].split("  ```\n", 1)[0]
    config = tmp_path / ".perfaction.toml"
    config.write_text("\n".join(line.removeprefix("  ") for line in block.splitlines()))
    acknowledged = load_config(config).compare
    for name in names:
        assert acknowledged.acknowledgement(name, "time") is not None, name
    for lookalike in ("test_encode8", "sort/other", "test_encode[utf-8]x"):
        assert acknowledged.acknowledgement(lookalike, "time") is None, lookalike


def test_the_next_step_says_whether_the_check_blocks_and_offers_the_label():
    summary = _regressed(["parse"])
    blocking = RenderContext("1.0.0", blocking=True, acknowledge_label="perf-ok")
    advisory = RenderContext("1.0.0", blocking=False)
    assert "<b>Blocking</b>: the check fails while this regression stands" in render(
        summary, "comment", blocking
    )
    assert "add the label `perf-ok` and run the report again" in render(summary, "comment", blocking)
    shown = render(summary, "comment", advisory)
    assert "<b>Advisory</b>: the check is neutral and blocks nothing" in shown
    assert "add the label" not in shown
    same = Report("glob", [Benchmark("parse", [Metric("time", 1.0, "ns", "lower")])])
    assert "What next" not in render(compare(same, same), "comment", blocking)


def test_the_precompiled_templates_are_the_sources_compiled(tmp_path):
    """The shipped modules are exactly what jinja2 makes of templates/*.j2 now: `make templates`."""
    from perfaction.render import _environment
    from perfaction.render.precompiled import write

    shipped = ROOT_TEMPLATES / "compiled"
    write(_environment(None), tmp_path)
    fresh = {path.name: path.read_text() for path in tmp_path.glob("t_*.py")}
    assert fresh == {path.name: path.read_text() for path in shipped.glob("t_*.py")}, "run `make templates`"
    assert len(fresh) == len(list(ROOT_TEMPLATES.glob("*.j2")))


def test_built_in_templates_load_precompiled_and_others_from_source(tmp_path):
    from perfaction.render import _environment

    environment = _environment(None)
    for template in ROOT_TEMPLATES.glob("*.j2"):
        bucket = environment.bytecode_cache.get_bucket(
            environment, template.name, str(template), template.read_text()
        )
        assert bucket.code is not None and bucket.code.co_filename == str(template)
        edited = environment.bytecode_cache.get_bucket(
            environment, template.name, str(template), template.read_text() + "{{ 1 }}"
        )
        assert edited.code is None
    assert _environment(tmp_path).bytecode_cache is None  # user templates run sandboxed, compiled here


def test_one_slow_benchmark_is_one_regression_with_its_other_metrics_under_it():
    real = Path(__file__).parent / "data" / "real-tools" / "google-benchmark"
    current = read_report(real / "head-rep5.json", host=False)
    summary = compare(current, read_report(real / "base-rep5.json", host=False))
    text = render(summary, "comment", CONTEXT)
    assert text.count("1 regressed · ") == 1
    table = text.split("| Benchmark |", 1)[1].split("\n\n", 1)[0].splitlines()[2:]
    lead, *under = table
    assert lead.startswith("| BM\\_Checksum/65536 |") and "❌ failure" in lead
    assert under and all(line.startswith("| ↳ BM\\_Checksum/65536 |") for line in under)
    assert text.count("samples per side would settle") == 1  # one advice for every inconclusive row
