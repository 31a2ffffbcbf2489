"""Explain a Result: a terminal view and a self-contained HTML report.

Both views show the whole source, in order, with every removed span marked
by its category and the rule that removed it, then a summary. They only read
the Result, so they work the same for text and html inputs.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from cleaner.blocks import newline_lines
from cleaner.categories import CATEGORIES
from cleaner.result import Result, Segment

# ANSI colours per category (terminal); everything else uses OTHER_ANSI.
CATEGORY_ANSI: dict[str, str] = {
    "title": "35",
    "donation_appeal": "31",
    "subscription": "33",
    "newsletter": "33",
    "consent": "36",
    "share": "34",
    "related": "34",
    "advertisement": "31",
    "navigation": "36",
    "credit": "35",
    "legal": "32",
    "comments": "32",
    "page_chrome": "90",
}
OTHER_ANSI = "37"

# Background colours per category (HTML); light so the text stays readable.
CATEGORY_COLOUR: dict[str, str] = {
    "title": "#e8d5f5",
    "donation_appeal": "#ffb0b0",
    "subscription": "#ffe3a3",
    "newsletter": "#fff0a8",
    "consent": "#c5f0ef",
    "share": "#cfe2ff",
    "related": "#d9d2ff",
    "advertisement": "#ffb8d9",
    "navigation": "#d4ecd4",
    "credit": "#f1dcc6",
    "legal": "#dde3ea",
    "comments": "#c9f2d2",
    "page_chrome": "#e6e6e6",
    "other": "#ececec",
}
PREVIEW_CHARS = 60  # longest span text shown in summary tables

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Tally:
    """Spans and characters removed under one category or rule."""

    name: str
    spans: int
    chars: int


@dataclass(frozen=True)
class Summary:
    """What was removed from one document, by category and by rule."""

    total_chars: int
    body_chars: int
    removed_chars: int
    removed_spans: int
    by_category: list[Tally]
    by_rule: list[Tally]

    @property
    def removed_share(self) -> float:
        return self.removed_chars / self.total_chars if self.total_chars else 0.0


def summarize(result: Result) -> Summary:
    """Count removed spans and characters (white space excluded)."""
    categories: dict[str, list[int]] = {}
    rules: dict[str, list[int]] = {}
    removed = body = 0
    for seg in result.segments:
        size = visible_chars(seg.text)
        if not seg.is_boilerplate:
            body += size
            continue
        removed += size
        for table, key in ((categories, seg.category or "other"), (rules, seg.rule or "?")):
            entry = table.setdefault(key, [0, 0])
            entry[0] += 1
            entry[1] += size
    return Summary(
        total_chars=body + removed,
        body_chars=body,
        removed_chars=removed,
        removed_spans=len(result.removed),
        by_category=_tallies(categories),
        by_rule=_tallies(rules),
    )


def _tallies(table: dict[str, list[int]]) -> list[Tally]:
    rows = [Tally(name, spans, chars) for name, (spans, chars) in table.items()]
    return sorted(rows, key=lambda t: (-t.chars, t.name))


def visible_chars(text: str) -> int:
    """Characters that are not white space: what a reader sees."""
    return len(text) - sum(1 for c in text if c.isspace())


def split_outer_space(text: str) -> tuple[str, str, str]:
    """(leading white space, core, trailing white space) of a segment's text."""
    core = text.strip()
    if not core:
        return text, "", ""
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return lead, core, trail


def safe_terminal(text: str) -> str:
    """Show control characters (escape sequences in scraped text) as ``?``; every line
    break (a lone CR would overwrite the line on screen) as a newline."""
    return _CONTROL.sub("?", newline_lines(text))


# --- terminal --------------------------------------------------------------


def render_terminal(result: Result, color: bool = False) -> str:
    """The document with removed spans marked, then the summary.

    Plain: ``[- removed text -] {category: rule}``. Colour: the removed text
    dimmed in its category's colour, the reason in bold beside it.
    """
    parts: list[str] = []
    for seg in result.segments:
        if not seg.is_boilerplate:
            parts.append(safe_terminal(seg.text))
            continue
        lead, core, trail = split_outer_space(safe_terminal(seg.text))
        reason = f"{{{seg.category}: {seg.rule}}}"
        if color:
            code = CATEGORY_ANSI.get(seg.category or "", OTHER_ANSI)
            marked = f"\x1b[2;{code}m{core}\x1b[0m \x1b[1;{code}m{reason}\x1b[0m"
        else:
            marked = f"[- {core} -] {reason}"
        parts.append(lead + marked + trail)
    text = "".join(parts)
    if not text.endswith("\n"):
        text += "\n"
    return text + "\n" + render_summary_text(result)


def render_summary_text(result: Result) -> str:
    """A short plain-text summary: totals, then per category and per rule."""
    summary = summarize(result)
    lines = [
        f"outlet: {result.outlet or '(none)'}",
        f"characters: {summary.total_chars} total, {summary.body_chars} body, "
        f"{summary.removed_chars} removed ({summary.removed_share:.1%}) in {summary.removed_spans} spans",
    ]
    if summary.by_category:
        lines.append("removed by category:")
        lines.extend(f"  {t.name:<16} {t.spans:>4} spans {t.chars:>7} chars" for t in summary.by_category)
        lines.append("removed by rule:")
        width = max(len(t.name) for t in summary.by_rule)
        lines.extend(f"  {t.name:<{width}} {t.spans:>4} spans {t.chars:>7} chars" for t in summary.by_rule)
    return "\n".join(lines) + "\n"


# --- html ------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#fafafa;color:#222}
header{padding:16px 24px;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:18px;margin:0 0 6px}
.meta{color:#555;font-size:13px;word-break:break-all}
main{display:flex;gap:24px;padding:16px 24px;align-items:flex-start}
#document{flex:1 1 auto;min-width:0;background:#fff;border:1px solid #ddd;padding:12px 16px}
aside{flex:0 0 320px;position:sticky;top:16px}
.seg{display:grid;grid-template-columns:minmax(0,1fr) 230px;gap:12px;margin:0}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;padding:1px 4px}
.removed .text{text-decoration:line-through;text-decoration-color:rgba(0,0,0,.35);border-radius:3px}
.why{font-size:12px;color:#333;padding:2px 0;overflow-wrap:anywhere}
.why b{display:block}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px;margin-bottom:14px}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
td.n{text-align:right}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-1px}
h2{font-size:14px;margin:0 0 6px}
"""


def category_colour(category: str | None) -> str:
    return CATEGORY_COLOUR.get(category or "other", CATEGORY_COLOUR["other"])


def render_html(result: Result, title: str = "cleaner explain") -> str:
    """A self-contained page: the document with highlights, and a summary.

    No scripts and no external assets; the reason for each removed span is
    shown beside it and again on hover (the title attribute).
    """
    summary = summarize(result)
    esc = htmllib.escape
    meta = [f"outlet: {esc(result.outlet or '(none)')}"]
    if result.url:
        meta.append(f"url: {esc(result.url)}")
    meta.append(
        f"{summary.removed_chars} of {summary.total_chars} characters removed "
        f"({summary.removed_share:.1%}) in {summary.removed_spans} spans"
    )
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title)}</title><style>{_CSS}{_category_css()}</style></head>\n<body>\n",
            f'<header><h1>{esc(title)}</h1><div class="meta">{" &middot; ".join(meta)}</div></header>\n',
            '<main>\n<div id="document">\n',
            "".join(_segment_html(seg) for seg in result.segments),
            '</div>\n<aside id="summary">\n',
            _summary_html(summary, result),
            "</aside>\n</main>\n</body></html>\n",
        ]
    )


def _category_css() -> str:
    names = list(CATEGORIES) + ["other"]
    return "".join(
        f".cat-{name} .text{{background:{category_colour(name)}}}" for name in dict.fromkeys(names)
    )


def _segment_html(seg: Segment) -> str:
    esc = htmllib.escape
    text = seg.text[:-1] if seg.text.endswith("\n") else seg.text
    if not seg.is_boilerplate:
        return f'<div class="seg body"><p class="text">{esc(text)}</p><div></div></div>\n'
    category = seg.category or "other"
    rule = seg.rule or "?"
    return (
        f'<div class="seg removed cat-{esc(_css_name(category))}" data-category="{esc(category)}" '
        f'data-rule="{esc(rule)}" title="{esc(category)} \u00b7 {esc(rule)}">'
        f'<p class="text">{esc(text)}</p>'
        f'<div class="why"><b>{esc(category)}</b>{esc(rule)}</div></div>\n'
    )


def _css_name(name: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "-", name.lower())


def _summary_html(summary: Summary, result: Result) -> str:
    esc = htmllib.escape
    rows = [
        "<h2>Summary</h2><table>",
        f'<tr><th>body</th><td class="n">{summary.body_chars}</td></tr>',
        f'<tr><th>removed</th><td class="n">{summary.removed_chars} ({summary.removed_share:.1%})</td></tr>',
        f'<tr><th>removed spans</th><td class="n">{summary.removed_spans}</td></tr></table>',
    ]
    if summary.by_category:
        rows.append("<h2>By category</h2><table><tr><th>category</th><th>spans</th><th>chars</th></tr>")
        for t in summary.by_category:
            swatch = f'<span class="swatch" style="background:{category_colour(t.name)}"></span>'
            rows.append(
                f'<tr class="category" data-category="{esc(t.name)}"><td>{swatch}{esc(t.name)}</td>'
                f'<td class="n">{t.spans}</td><td class="n">{t.chars}</td></tr>'
            )
        rows.append("</table>")
        rows.append("<h2>By rule</h2><table><tr><th>rule</th><th>spans</th><th>chars</th></tr>")
        for t in summary.by_rule:
            preview = _first_text(result.removed, t.name)
            rows.append(
                f'<tr class="rule" data-rule="{esc(t.name)}" title="{esc(preview)}"><td>{esc(t.name)}</td>'
                f'<td class="n">{t.spans}</td><td class="n">{t.chars}</td></tr>'
            )
        rows.append("</table>")
    else:
        rows.append("<p>Nothing was removed.</p>")
    return "\n".join(rows) + "\n"


def _first_text(segments: Iterable[Segment], rule: str) -> str:
    for seg in segments:
        if (seg.rule or "?") == rule:
            text = " ".join(seg.text.split())
            return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "\u2026"
    return ""


__all__ = ["Summary", "Tally", "summarize", "render_terminal", "render_summary_text", "render_html"]
