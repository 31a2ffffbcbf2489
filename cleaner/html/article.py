"""Decisions inside the article that only the DOM can make.

Trafilatura keeps "Read more: <link>" lines and teaser links inside the
article container. In plain text they look like any short line, but in the
page they are almost all link text, which body paragraphs never are.
"""

from __future__ import annotations

import re
from typing import Any

from cleaner.html.text import PageText
from cleaner.result import Label

LINK_SHARE = 0.6  # a block whose text is at least this much link text is a link line
LINK_MAX_CHARS = 300  # longer blocks with many links are body text that cites sources
LINK_TAGS = frozenset({"p", "div", "h2", "h3", "h4", "h5", "h6", "strong", "span", "section", "blockquote"})
LINK_LINE = Label("related", "html:link-line")
_URL_START = ("http://", "https://", "www.")


def _cited(text: str) -> bool:
    """A bare URL is a source the article cites (gold bodies keep them), not a teaser."""
    return text.startswith(_URL_START)


def link_lines(page: PageText, in_article: list[bool], labels: list[Label | None]) -> None:
    """Label article blocks that are mostly link text (read-more lines, teasers)."""
    for i, block in enumerate(page.blocks):
        if not in_article[i] or labels[i] is not None:
            continue
        size = len(block.text)
        if size > LINK_MAX_CHARS or page.tags[i] not in LINK_TAGS:
            continue
        if page.link_chars[i] >= LINK_SHARE * size and not _cited(block.text):
            labels[i] = LINK_LINE


MAIN_SHARE = 0.85  # the main container holds at least this share of the article's text
OUTSIDE_MAX_CHARS = 100  # longer blocks outside it are often real text (a lead, a second column)
OUTSIDE = Label("page_chrome", "html:outside-main")


def main_container(page: PageText, in_article: list[bool]) -> Any | None:
    """The deepest element that holds MAIN_SHARE of the article's characters."""
    weight: dict[Any, int] = {}
    depth: dict[Any, int] = {}
    total = 0
    for i, inside in enumerate(in_article):
        el = page.elements[i]
        if not inside or el is None:
            continue
        size = len(page.blocks[i].text)
        total += size
        chain = []
        while el is not None:
            chain.append(el)
            weight[el] = weight.get(el, 0) + size
            el = el.getparent()
        if chain[0] not in depth:
            for d, node in enumerate(reversed(chain)):
                depth.setdefault(node, d)
    best, best_depth = None, -1
    for node, w in weight.items():
        if w >= MAIN_SHARE * total and depth.get(node, 0) > best_depth:
            best, best_depth = node, depth.get(node, 0)
    return best


def outside_main(page: PageText, in_article: list[bool], labels: list[Label | None]) -> None:
    """Short article blocks trafilatura took from outside the main container are chrome.

    Bylines, teaser headlines and "popular now" lists sit beside the element
    that holds most of the article; long paragraphs there are kept because
    leads and second columns live there too.
    """
    main = main_container(page, in_article)
    if main is None:
        return
    inside_main = set(main.iter())
    for i, inside in enumerate(in_article):
        if inside and labels[i] is None and page.elements[i] not in inside_main:
            if len(page.blocks[i].text) < OUTSIDE_MAX_CHARS:
                labels[i] = OUTSIDE


TITLE_LOOKAHEAD = 3  # the headline is among the first article blocks
TITLE_MIN_SHARE = 0.6  # a block covering this much of the page title is the headline
TITLE = Label("title", "html:title")
_WORD = re.compile(r"\w+")


def headline(page: PageText, in_article: list[bool], labels: list[Label | None], title: str | None) -> None:
    """Label the headline at the top of the article (metadata, not body).

    The page title (og:title, JSON-LD headline, <title>) usually carries a
    " | Site" tail, so a block whose words start the title and cover most of
    it counts, as does an <h1> among the first article blocks.
    """
    title_words = _WORD.findall(title.lower()) if title else []
    seen = 0
    for i, inside in enumerate(in_article):
        if not inside:
            continue
        seen += 1
        if seen > TITLE_LOOKAHEAD:
            return
        if labels[i] is not None:
            continue
        words = _WORD.findall(page.blocks[i].text.lower())
        if not words:
            continue
        if page.tags[i] == "h1" or (
            title_words
            and title_words[: len(words)] == words
            and len(words) >= TITLE_MIN_SHARE * len(title_words)
        ):
            labels[i] = TITLE
            return

