"""Decisions inside the article that only the DOM can make.

Trafilatura keeps "Read more: <link>" lines and teaser links inside the
article container. In plain text they look like any short line, but in the
page they are almost all link text, which body paragraphs never are.
"""

from __future__ import annotations

from cleaner.htmltext import PageText
from cleaner.result import Label

LINK_SHARE = 0.6  # a block whose text is at least this much link text is a link line
LINK_MAX_CHARS = 300  # longer blocks with many links are body text that cites sources
LINK_TAGS = frozenset({"p", "div", "h2", "h3", "h4", "h5", "h6", "strong", "span", "section", "blockquote"})
LINK_LINE = Label("related", "html:link-line")


def link_lines(page: PageText, in_article: list[bool], labels: list[Label | None]) -> None:
    """Label article blocks that are mostly link text (read-more lines, teasers)."""
    for i, block in enumerate(page.blocks):
        if not in_article[i] or labels[i] is not None:
            continue
        size = len(block.text)
        if size > LINK_MAX_CHARS or page.tags[i] not in LINK_TAGS:
            continue
        if page.link_chars[i] >= LINK_SHARE * size:
            labels[i] = LINK_LINE
