"""The HTML preview: Markdown rendered the way github.com renders it, in a page that looks roughly like it."""

from __future__ import annotations

import html

from perfaction.errors import ToolingError

# Our own small stylesheet with GitHub's proportions, so previews and screenshots read like the real thing.
_STYLE = """
body { margin: 0; background: #f6f8fa; color: #1f2328;
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.comment { max-width: 860px; margin: 24px auto; background: #fff;
  border: 1px solid #d1d9e0; border-radius: 6px; }
.comment-header { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0;
  border-radius: 6px 6px 0 0; color: #59636e; }
.markdown-body { padding: 16px; }
.markdown-body > :first-child { margin-top: 0; }
h2, h3 { margin: 16px 0 8px; font-weight: 600; line-height: 1.25; }
h2 { font-size: 1.5em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; }
h3 { font-size: 1.25em; }
p, ul, table, pre, details { margin: 0 0 12px; }
ul { padding-left: 2em; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { padding: 6px 13px; border: 1px solid #d1d9e0; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
code { padding: .2em .4em; font-size: 85%; background: #818b981f; border-radius: 6px;
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
pre { padding: 16px; background: #f6f8fa; border-radius: 6px; overflow: auto; font-size: 85%; }
pre code { padding: 0; background: none; }
summary { cursor: pointer; }
sub { color: #59636e; }
"""


def render_html(markdown: str) -> str:
    """Markdown to HTML with cmark-gfm and GitHub's extensions (table, autolink, strikethrough, tagfilter)."""
    try:
        import cmarkgfm  # noqa: PLC0415 - optional (the html extra): only --html needs it
        from cmarkgfm.cmark import Options  # noqa: PLC0415
    except ImportError:
        raise ToolingError("--html needs the cmarkgfm package: pip install 'perfaction[html]'") from None
    # GitHub keeps <details>, <summary>, <sub> and <b>; our escaping keeps artifact text inert regardless.
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def preview_page(fragment: str, title: str) -> str:
    """A standalone page around rendered Markdown, to open in a browser."""
    heading = html.escape(title)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{heading}</title>'
        f"<style>{_STYLE}</style></head>\n"
        f'<body><div class="comment"><div class="comment-header">{heading}</div>\n'
        f'<div class="markdown-body">\n{fragment}</div></div></body></html>\n'
    )
