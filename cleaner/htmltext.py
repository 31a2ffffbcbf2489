"""Parse HTML and lay the page's visible text out as blocks, one per line.

Every later decision (article or chrome, dropped or kept) is made per block,
so the walk also records, for each block, which marked element it sits in
(an article container, a drop selector's element) and how much of its text
is link text. Marked elements always start and end a block, so a dropped
inline element never shares a line with text that stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from cleaner.blocks import Block

# Never visible as text (or UI widgets whose text is not content).
SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link",
        "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio",
        "select", "datalist", "textarea", "map",
    }
)
# Elements that start and end a line in a browser (or in a text dump).
BLOCK_TAGS = frozenset(
    {
        "html", "body", "p", "div", "section", "article", "header", "footer", "nav",
        "aside", "main", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "li", "ul", "ol",
        "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "blockquote", "pre", "figure", "figcaption", "form", "fieldset",
        "legend", "address", "hr", "br", "center", "details", "summary", "dialog",
        "menu", "option", "button",
    }
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_SPACE = re.compile(r"\s+")
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_STRIP = " \t\r\f\v\u00a0\u200b\ufeff"  # as cleaner.blocks strips lines
# Invisible characters that split words for every tokenizer downstream
# (soft hyphens, zero-width spaces, word joiners, stray BOMs); ZWJ/ZWNJ stay,
# scripts need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))

# One parser for the whole process, configured as trafilatura configures its
# own, so the tree handed to trafilatura is the tree it would have built.
_PARSER = lxml_html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)


def parse_html(text: str) -> Any | None:
    """Parse page text into an lxml tree; None when there is no markup at all."""
    text = _INVALID_XML.sub("", text)
    if not text.strip():
        return None
    try:
        tree = lxml_html.fromstring(text, parser=_PARSER)
    except ValueError:
        # "Unicode strings with encoding declaration are not supported."
        tree = _parse_bytes(text)
    except etree.ParserError:
        tree = _parse_bytes(text)
    if tree is None:
        return None
    return tree.getroottree().getroot()


def _parse_bytes(text: str) -> Any | None:
    try:
        return lxml_html.fromstring(text.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class Mark:
    """A marked element: the article container, or a drop selector's element."""

    kind: str  # "body" or "drop"
    label: Any = None  # for drops: the Label its blocks get


@dataclass(slots=True)
class PageText:
    """The page text, its blocks, and what the walk saw around each block."""

    source: str
    blocks: list[Block]
    tags: list[str]  # the innermost block-level tag around each block
    link_chars: list[int]  # characters of each block that are link text
    in_body: list[bool]  # inside a "body" mark (always True when no body mark exists)
    drops: list[Any]  # the drop Label of the innermost drop mark, or None
    elements: list[Any]  # the innermost block-level element around each block


class _Walker:
    """Collects inline text into lines while walking the tree once."""

    def __init__(self, marks: dict[Any, Mark]) -> None:
        self.marks = marks
        self.parts: list[str] = []
        self.part_links = 0
        self.texts: list[str] = []
        self.tags: list[str] = []
        self.link_chars: list[int] = []
        self.in_body: list[bool] = []
        self.drops: list[Any] = []
        self.block_tags: list[str] = ["html"]
        self.block_els: list[Any] = [None]
        self.elements: list[Any] = []
        self.body_depth = 0
        self.drop_stack: list[Any] = []
        self.link_depth = 0
        self.pre_depth = 0
        self.any_body = any(m.kind == "body" for m in marks.values())

    def add(self, text: str) -> None:
        if self.pre_depth and "\n" in text:
            lines = text.split("\n")
            for line in lines[:-1]:
                self._add_part(line)
                self.flush()
            self._add_part(lines[-1])
        else:
            self._add_part(text)

    def _add_part(self, text: str) -> None:
        if text:
            self.parts.append(text)
            if self.link_depth:
                self.part_links += len(text)

    def flush(self) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        links = self.part_links
        self.parts = []
        self.part_links = 0
        text = _SPACE.sub(" ", raw.translate(_INVISIBLE)).strip(_STRIP)
        if not text:
            return
        self.texts.append(text)
        self.tags.append(self.block_tags[-1])
        self.elements.append(self.block_els[-1])
        self.link_chars.append(min(links, len(text)))
        self.in_body.append(self.body_depth > 0 or not self.any_body)
        self.drops.append(self.drop_stack[-1] if self.drop_stack else None)

    def walk(self, root: Any) -> None:
        walker = etree.iterwalk(root, events=("start", "end"))
        skipped: set[Any] = set()
        marks = self.marks
        for event, el in walker:
            tag = el.tag
            if not isinstance(tag, str):
                if event == "end" and el.tail:
                    self.add(el.tail)
                continue
            tag = tag.lower()
            if event == "start":
                if tag in SKIP_TAGS or _hidden(el):
                    walker.skip_subtree()
                    skipped.add(el)
                    continue
                mark = marks.get(el) if marks else None
                if tag in BLOCK_TAGS or mark is not None:
                    self.flush()
                    if tag in BLOCK_TAGS:
                        self.block_tags.append(tag)
                        self.block_els.append(el)
                if mark is not None:
                    if mark.kind == "body":
                        self.body_depth += 1
                    else:
                        self.drop_stack.append(mark.label)
                if tag == "a":
                    self.link_depth += 1
                elif tag == "pre":
                    self.pre_depth += 1
                if el.text:
                    self.add(el.text)
            else:
                if el in skipped:
                    skipped.discard(el)
                else:
                    self._close(el, tag)
                if el.tail:
                    self.add(el.tail)
        self.flush()

    def _close(self, el: Any, tag: str) -> None:
        mark = self.marks.get(el) if self.marks else None
        if tag in BLOCK_TAGS or mark is not None:
            self.flush()
            if tag in BLOCK_TAGS and len(self.block_tags) > 1:
                self.block_tags.pop()
                self.block_els.pop()
        if mark is not None:
            if mark.kind == "body":
                self.body_depth -= 1
            elif self.drop_stack:
                self.drop_stack.pop()
        if tag == "a":
            self.link_depth = max(0, self.link_depth - 1)
        elif tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)


def _hidden(el: Any) -> bool:
    """Elements a browser would not show: the hidden attribute or an inline display:none."""
    attrib = el.attrib
    if not attrib:
        return False
    if "hidden" in attrib:
        return True
    style = attrib.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style) is not None


def page_text(root: Any, marks: dict[Any, Mark] | None = None) -> PageText:
    """Walk the tree once and return its visible text as newline-joined blocks."""
    walker = _Walker(marks or {})
    if root is not None:
        walker.walk(root)
    blocks: list[Block] = []
    pos = 0
    for index, text in enumerate(walker.texts):
        blocks.append(Block(index, pos, pos + len(text), text))
        pos += len(text) + 1
    return PageText(
        source="\n".join(walker.texts),
        blocks=blocks,
        tags=walker.tags,
        link_chars=walker.link_chars,
        in_body=walker.in_body,
        drops=walker.drops,
        elements=walker.elements,
    )
