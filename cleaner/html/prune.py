"""Less for trafilatura to read: the chrome landmarks the classifier is sure of.

A page the classifier is unsure of goes to trafilatura (cleaner/html/__init__.py),
whose time grows with the tree it walks. The classifier has scored every block
all the same, and on an unsure page the menus, the banner, the footer and the
sidebars are still plainly chrome. Those subtrees are cut from trafilatura's
copy of the page before it runs: a chrome landmark (``nav``, ``header``,
``footer``, ``aside``, ``form``, or an ARIA role of the same meaning) whose
blocks all score below the fallback band, so none is in or near the article.
Only the outermost such element is cut, and none that holds more than half of the
page's text (a wrapper, not chrome). A cut block stays outside the answer,
where the classifier put it and where trafilatura nearly always put it too (it
discards most of these landmarks itself, but only after copying and walking them).

Cutting other subtrees of low-scored blocks saved more time but cost quality:
trafilatura's answer on the article itself changed on some pages (it weighs its
extraction against the whole page's text, e.g. a short one covering little of the
page starts its recall retries, so a smaller page is read differently): every subtree under 0.05 as well cut 56% of
the elements, not 28%, but traf keep fell from 94.6% to 94.0% (2 December).

trafilatura needs lxml.html's elements, so it gets a second parse of the same
text (``TreeForTrafilatura`` in cleaner/html/__init__.py); both trees come out of
libxml2 from the same text with the same options, so the walk's elements are
found in the second tree by document order, checked tag by tag: at the first
difference nothing is cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest
from typing import Any

import numpy as np

from cleaner.html.text import BLOCK_TAGS, PageText, node_attributes

# A landmark holding more than this share of the page's text is the page's wrapper, not
# its chrome (ASP.NET pages put the whole body in one <form>; on a page the classifier
# found no article in, every block scores low and such a wrapper would take it all).
MAX_LANDMARK_TEXT_SHARE = 0.5
# Landmarks of page chrome: what a page marks as its menus, banner, footer, sidebars and
# forms. Inside an article a <header> holds the headline and a <footer> the byline, which
# score in or near the article, and then the landmark is kept.
LANDMARK_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
LANDMARK_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
)


def outside_landmarks(page: PageText, probabilities: Any, below: float) -> list[Any]:
    """The outermost chrome landmarks of the walk's tree whose blocks all score under ``below``."""
    nodes, parents = page.nodes, page.node_parents
    n = len(nodes)
    if n == 0 or len(page.blocks) == 0:
        return []
    block_nodes = np.asarray(page.block_nodes, dtype=np.int64)
    if (block_nodes < 0).any():
        return []  # text outside any numbered element: no subtree is known to hold all of it
    highest = np.full(n, -1.0)
    np.maximum.at(highest, block_nodes, np.asarray(probabilities, dtype=np.float64))
    sizes = [len(block.text) for block in page.blocks]
    chars = np.bincount(block_nodes, weights=sizes, minlength=n)
    for k in range(n - 1, 0, -1):  # each node is numbered after its parent: children first
        parent = parents[k]
        if parent >= 0:
            chars[parent] += chars[k]
            if highest[k] > highest[parent]:
                highest[parent] = highest[k]
    most = MAX_LANDMARK_TEXT_SHARE * float(sum(sizes))
    attributes = node_attributes(page)
    cut = [False] * n
    chosen: list[Any] = []
    for k in range(n):
        parent = parents[k]
        if parent >= 0 and cut[parent]:
            cut[k] = True  # inside a cut subtree already
            continue
        tag, _, _, role = attributes[k]
        if tag not in BLOCK_TAGS or not 0.0 <= highest[k] < below or chars[k] > most:
            continue
        if tag in LANDMARK_TAGS or (role is not None and role.strip().lower() in LANDMARK_ROLES):
            cut[k] = True
            chosen.append(nodes[k])
    return chosen


def counterparts(walked: Any, tree: Any, wanted: Sequence[Any]) -> list[Any] | None:
    """The elements of ``tree`` at the places of ``wanted`` in ``walked``, by document order.

    None when the two trees differ in a tag before the last of them (they were not
    parsed from the same text alike), so nothing is cut from a tree that is not the walk's.
    """
    left = set(wanted)
    found: list[Any] = []
    if not left:
        return found
    for mine, theirs in zip_longest(walked.iter(), tree.iter()):
        if mine is None or theirs is None or mine.tag != theirs.tag:
            return None
        if mine in left:
            found.append(theirs)
            if len(found) == len(left):
                return found
    return None


def cut(elements: Sequence[Any]) -> None:
    """Remove each element with its subtree, keeping the text that follows it (its tail)."""
    for el in elements:
        parent = el.getparent()
        if parent is None:
            continue
        tail = el.tail
        if tail:
            previous = el.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)
