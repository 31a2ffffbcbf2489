"""Boxes set into the article: a newsletter sign-up, a paywall prompt, a share bar, a
disclosure.

Whichever extractor picked the article (the block classifier or trafilatura),
it takes the article's container whole, and CMSs put their boxes inside it:
``<div class="wp-block-newsletter">`` between two paragraphs, ``<div
class="share-buttons">`` after the last. In the text they read like any short
line, and the pitch of a newsletter box reads like prose; the DOM names them.

A block goes when an element between it and the article's main container
(the deepest element holding most of the article's text) carries class or id
words of a box category (the same vocabulary as ``chrome.py``), and that box
holds only a small share of the article's text: a wrapper named "teaser" that
holds the whole story is the story.
"""

from __future__ import annotations

from typing import Any

from cleaner.html.chrome import class_category
from cleaner.html.text import PageText, node_attributes
from cleaner.result import Label

# Box categories that never hold article prose inside an article: a sign-up,
# paywall or donation box, a share bar, and a legal notice (an affiliate
# disclosure, a disclaimer, an agency's copyright line: traf leak 4.92% -> 4.86%
# in html mode, no must-keep string lost, seb-dev and wceb-dev unchanged). Measured on the dev pages, the
# wider vocabulary costs article text inside an article's container: live
# tickers and forum threads are classed "comment", long reads set their own
# paragraphs in "teaser" and "related" wrappers, "consent" and "ad" words
# mark consent-gated embeds that hold the story's text. Those are left to the
# text rules.
BOX_CATEGORIES = frozenset({"newsletter", "subscription", "donation_appeal", "share", "legal"})
BOX_MAX_SHARE = 0.25  # a box holding more of the article's text than this is the article's own wrapper
MAX_CLIMB = 6  # elements looked at above a block when the page has no main container
SCOPE_TAGS = frozenset({"article", "main", "body", "html"})  # never a box: the article's own scope
RULE = "html:box"


def boxes_inside_article(
    page: PageText, in_article: list[bool], labels: list[Label | None], main: Any | None
) -> None:
    """Label the article blocks that sit in a box (see the module docstring); ``main``:
    the article's main container (``article.main_container``), None when it has none.

    The climbs read the walk's numbering (node_parents, node_attributes' rows), not the
    tree: each element's tag, class and id were read once, for the features."""
    box_of: dict[int, tuple[int, str]] = {}
    box_chars: dict[int, int] = {}
    total = 0
    memo: dict[int, tuple[int, str] | None] = {}
    climb = _Climb(page, main)
    for i, inside in enumerate(in_article):
        if not inside:
            continue
        size = len(page.blocks[i].text)
        total += size
        node = page.block_nodes[i]
        if node < 0 or labels[i] is not None:
            continue
        found = climb.box(node, memo)
        if found is not None:
            box_of[i] = found
            box_chars[found[0]] = box_chars.get(found[0], 0) + size
    made: dict[str, Label] = {}
    for i, (box, category) in box_of.items():
        if box_chars[box] > BOX_MAX_SHARE * total:
            continue
        label = made.get(category)
        if label is None:
            label = made[category] = Label(category, RULE)
        labels[i] = label


class _Climb:
    """A page's elements by the walk's numbers, and its main container's."""

    def __init__(self, page: PageText, main: Any | None) -> None:
        self.attributes = node_attributes(page)
        self.parents = page.node_parents
        self.nodes = page.nodes
        self.main = main

    def box(self, node: int, memo: dict[int, tuple[int, str] | None]) -> tuple[int, str] | None:
        """The nearest element from ``node`` up to (not including) ``main`` whose class/id
        words name a box category, with that category; None when there is none.

        Answers are memoised per element when they do not depend on where the climb
        started (a climb cut at MAX_CLIMB does)."""
        chain: list[int] = []
        found: tuple[int, str] | None = None
        settled = True
        main, nodes, attributes, parents = self.main, self.nodes, self.attributes, self.parents
        while node >= 0 and nodes[node] is not main:
            if node in memo:
                found = memo[node]
                break
            tag, cls, ident, _role = attributes[node]
            if not isinstance(tag, str) or tag in SCOPE_TAGS:
                break
            if main is None and len(chain) >= MAX_CLIMB:
                settled = False
                break
            chain.append(node)
            names = " ".join(filter(None, (cls, ident)))
            category = class_category(names) if names else None
            if category in BOX_CATEGORIES:
                found = (node, category)  # type: ignore[assignment]
                break
            node = parents[node]
        if settled:
            for seen in chain:
                memo[seen] = found
        return found
