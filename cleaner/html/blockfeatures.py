"""Features of a page's blocks for the main-content classifier (cleaner/html/classifier.py).

One row per block of the page walk (cleaner/html/text.py). What a block is
shows mostly in its surroundings: how much link text its neighbours and its
parent and grandparent containers hold, which containers it sits in (their
tags, their class and id words), whether it lies in the deepest element that
holds most of the page's sentence-like text, whether its container's markup
repeats across the page (teaser cards), and whether its text repeats or
echoes the page's title or description. The DOM is read once per distinct
element (ancestor facts are memoised along the parent chain); everything per
block is then numpy arithmetic over the whole page.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np

from cleaner.html.text import PageText

# Class/id words: of page furniture, of comment threads, of article containers.
# Generic CMS vocabulary (English words sites in every language use in markup).
_FURNITURE_NAMES = re.compile(
    r"nav|menu|foot|sidebar|side-bar|widget|related|recommend|share|social|promo|advert|\bads?\b|"
    r"banner|cookie|consent|newsletter|subscri|breadcrumb|\btags?\b|popular|trending|most-?read|"
    r"masthead|login|signup|pagination|teaser|card|outbrain|taboola|more-?from|read-?more",
    re.IGNORECASE,
)
_COMMENT_NAMES = re.compile(r"comment|disqus|respon|reply|discussion", re.IGNORECASE)
_ARTICLE_NAMES = re.compile(
    r"article|content|post|entry|story|body|text|main|prose|rich-?text|detail", re.IGNORECASE
)
# Ancestor tags that say where a block sits (one feature each).
PLACE_TAGS: tuple[tuple[str, frozenset[str]], ...] = (
    ("nav", frozenset({"nav", "menu"})),
    ("footer", frozenset({"footer"})),
    ("aside", frozenset({"aside"})),
    ("header", frozenset({"header"})),
    ("article", frozenset({"article", "main"})),
    ("form", frozenset({"form"})),
    ("list", frozenset({"li", "ul", "ol"})),
    ("table", frozenset({"table"})),
    ("figure", frozenset({"figure", "figcaption"})),
)
_PLACE_BITS = {tag: 1 << n for n, (_, tags) in enumerate(PLACE_TAGS) for tag in tags}
# The block's own (innermost block-level) tag, grouped.
OWN_TAGS: tuple[tuple[str, frozenset[str]], ...] = (
    ("p", frozenset({"p"})),
    ("div", frozenset({"div", "section", "article", "main", "body", "html"})),
    ("li", frozenset({"li", "dd", "dt"})),
    ("cell", frozenset({"td", "th"})),
    ("h1", frozenset({"h1"})),
    ("h2-6", frozenset({"h2", "h3", "h4", "h5", "h6"})),
    ("caption", frozenset({"figcaption", "caption", "figure"})),
    ("quote", frozenset({"blockquote", "pre"})),
)
NEAR_LEVELS = 3  # class/id words count as "near" on the block's element and its two closest wrappers
NEIGHBOUR_WINDOW = 3  # blocks each side whose link text describes the block's neighbourhood
PROSE_MIN_WORDS = 10  # a block this long with little link text is sentence-like text
PROSE_MAX_LINK_SHARE = 0.2
MAIN_SHARE = 0.6  # the main element holds at least this share of the page's prose characters
_WORD = re.compile(r"\w+")
_SENTENCE_END = (".", "!", "?", '"', "\u201d", "\u00bb", ":", ")")

_FURNITURE_NEAR, _FURNITURE_FAR, _COMMENT, _ARTICLE_NEAR, _ARTICLE_FAR = (1 << (16 + k) for k in range(5))

FEATURE_NAMES: tuple[str, ...] = (
    "log_chars",
    "log_words",
    "link_share",
    "sentence_end",
    "comma_rate",
    "digit_share",
    "position",
    "link_prev",
    "link_next",
    "link_window",
    "log_chars_prev",
    "log_chars_next",
    "link_parent",
    "link_grandparent",
    "text_share_parent",
    "text_share_grandparent",
    "log_blocks_parent",
    "in_main",
    "main_found",
    "furniture_near",
    "furniture_far",
    "comment_names",
    "article_near",
    "article_far",
    *(f"in_{name}" for name, _ in PLACE_TAGS),
    *(f"tag_{name}" for name, _ in OWN_TAGS),
    "repeated_text",
    "log_parent_twins",
    "title_overlap",
    "description_overlap",
    "log_page_blocks",
)


class _Ancestry:
    """Per-element facts that depend on the element and its ancestors, memoised."""

    def __init__(self) -> None:
        self.flags: dict[Any, int] = {}
        self.chains: dict[Any, tuple[Any, ...]] = {}

    def chain(self, el: Any) -> tuple[Any, ...]:
        """The element and its ancestors, innermost first."""
        found = self.chains.get(el)
        if found is not None:
            return found
        todo = []
        node = el
        while node is not None and node not in self.chains:
            todo.append(node)
            node = node.getparent()
        above: tuple[Any, ...] = self.chains[node] if node is not None else ()
        for node in reversed(todo):
            above = (node, *above)
            self.chains[node] = above
        return above

    def of(self, el: Any) -> int:
        """Bit flags: place tags above, class/id words near and far."""
        chain = self.chain(el)
        bits = 0
        for level, node in enumerate(chain):
            known = self.flags.get(node)
            if known is not None and level == 0:
                return known
            tag = node.tag
            if tag.__class__ is str:
                bits |= _PLACE_BITS.get(tag, 0)
            names = (node.get("class") or "") + " " + (node.get("id") or "")
            if len(names) > 1:
                if _FURNITURE_NAMES.search(names):
                    bits |= _FURNITURE_NEAR if level < NEAR_LEVELS else _FURNITURE_FAR
                if _COMMENT_NAMES.search(names):
                    bits |= _COMMENT
                if _ARTICLE_NAMES.search(names):
                    bits |= _ARTICLE_NEAR if level < NEAR_LEVELS else _ARTICLE_FAR
        self.flags[el] = bits
        return bits


def _log(values: Any) -> Any:
    return np.log1p(np.asarray(values, dtype=np.float64))


def _overlap(words: list[set[str]], reference: str | None) -> Any:
    """Share of each block's words that occur in the reference text."""
    out = np.zeros(len(words))
    if not reference:
        return out
    ref = set(_WORD.findall(reference.lower()))
    if not ref:
        return out
    for i, block_words in enumerate(words):
        if block_words:
            out[i] = len(block_words & ref) / len(block_words)
    return out


def block_features(page: PageText, title: str | None = None, description: str | None = None) -> Any:
    """A float matrix, one row per block, columns as FEATURE_NAMES."""
    n = len(page.blocks)
    texts = [b.text for b in page.blocks]
    chars = np.fromiter((len(t) for t in texts), dtype=np.float64, count=n)
    links = np.minimum(np.asarray(page.link_chars, dtype=np.float64), chars)
    lower = [t.lower() for t in texts]
    word_lists = [_WORD.findall(t) for t in lower]
    words = np.fromiter((len(w) for w in word_lists), dtype=np.float64, count=n)
    safe_chars = np.maximum(chars, 1.0)
    link_share = links / safe_chars

    # containers: every ancestor's text and link characters, summed over the blocks inside it
    ancestry = _Ancestry()
    subtree_chars: dict[Any, float] = {}
    subtree_links: dict[Any, float] = {}
    subtree_prose: dict[Any, float] = {}
    subtree_blocks: dict[Any, int] = {}
    prose = (words >= PROSE_MIN_WORDS) & (link_share <= PROSE_MAX_LINK_SHARE)
    chains: list[tuple[Any, ...]] = []
    flags = np.zeros(n, dtype=np.int64)
    for i, el in enumerate(page.elements):
        if el is None:
            chains.append(())
            continue
        chain = ancestry.chain(el)
        chains.append(chain)
        flags[i] = ancestry.of(el)
        c, lk, pr = chars[i], links[i], chars[i] if prose[i] else 0.0
        for node in chain:
            subtree_chars[node] = subtree_chars.get(node, 0.0) + c
            subtree_links[node] = subtree_links.get(node, 0.0) + lk
            subtree_blocks[node] = subtree_blocks.get(node, 0) + 1
            if pr:
                subtree_prose[node] = subtree_prose.get(node, 0.0) + pr

    total_chars = max(float(chars.sum()), 1.0)
    main = _main_element(subtree_prose, ancestry)
    container = np.zeros((n, 2, 3))  # (parent, grandparent) x (chars, links, blocks)
    in_main = np.zeros(n)
    for i, chain in enumerate(chains):
        for level in (1, 2):
            if len(chain) > level:
                node = chain[level]
                container[i, level - 1] = (subtree_chars[node], subtree_links[node], subtree_blocks[node])
        if main is not None and main in chain:
            in_main[i] = 1.0

    # teaser cards: many distinct elements with the same tag and class (the block's or its parent's)
    owners = [_classed(chain) for chain in chains]
    twins: Counter[tuple[str, str]] = Counter()
    seen: set[int] = set()
    for owner in owners:
        if owner is not None and id(owner) not in seen:
            seen.add(id(owner))
            twins[_signature(owner)] += 1
    parent_twins = np.array([twins[_signature(o)] if o is not None else 0 for o in owners], dtype=np.float64)

    shown = Counter(texts)
    repeated = np.fromiter((shown[t] > 1 for t in texts), dtype=np.float64, count=n)

    window_chars = _window_sum(chars, NEIGHBOUR_WINDOW) - chars
    window_links = _window_sum(links, NEIGHBOUR_WINDOW) - links
    prev_share = np.concatenate(([0.0], link_share[:-1])) if n else link_share
    next_share = np.concatenate((link_share[1:], [0.0])) if n else link_share
    prev_chars = np.concatenate(([0.0], chars[:-1])) if n else chars
    next_chars = np.concatenate((chars[1:], [0.0])) if n else chars

    word_sets = [set(w) for w in word_lists]
    tags = page.tags
    columns = [
        _log(chars),
        _log(words),
        link_share,
        np.fromiter((t.endswith(_SENTENCE_END) for t in texts), dtype=np.float64, count=n),
        np.fromiter((t.count(",") for t in texts), dtype=np.float64, count=n) / np.maximum(words, 1.0),
        np.fromiter((sum(ch.isdigit() for ch in t) for t in texts), dtype=np.float64, count=n) / safe_chars,
        np.arange(n) / max(n - 1, 1),
        prev_share,
        next_share,
        window_links / np.maximum(window_chars, 1.0),
        _log(prev_chars),
        _log(next_chars),
        container[:, 0, 1] / np.maximum(container[:, 0, 0], 1.0),
        container[:, 1, 1] / np.maximum(container[:, 1, 0], 1.0),
        container[:, 0, 0] / total_chars,
        container[:, 1, 0] / total_chars,
        _log(container[:, 0, 2]),
        in_main,
        np.full(n, 1.0 if main is not None else 0.0),
        *(((flags & bit) > 0).astype(np.float64) for bit in (_FURNITURE_NEAR, _FURNITURE_FAR, _COMMENT)),
        *(((flags & bit) > 0).astype(np.float64) for bit in (_ARTICLE_NEAR, _ARTICLE_FAR)),
        *(((flags & (1 << k)) > 0).astype(np.float64) for k in range(len(PLACE_TAGS))),
        *(np.fromiter((t in group for t in tags), dtype=np.float64, count=n) for _, group in OWN_TAGS),
        repeated,
        _log(parent_twins),
        _overlap(word_sets, title),
        _overlap(word_sets, description),
        np.full(n, np.log1p(n)),
    ]
    return np.column_stack(columns) if n else np.zeros((0, len(FEATURE_NAMES)))


def _classed(chain: tuple[Any, ...]) -> Any | None:
    """The block's element if it has a class, else its parent if that has one."""
    for node in chain[:2]:
        if node.get("class"):
            return node
    return None


def _signature(el: Any) -> tuple[str, str]:
    return (el.tag, el.get("class"))


def _main_element(prose_chars: dict[Any, float], ancestry: _Ancestry) -> Any | None:
    """The deepest element holding MAIN_SHARE of the page's prose characters."""
    if not prose_chars:
        return None
    total = max(prose_chars.values())  # the root (or the outermost element) holds all of it
    best, best_depth = None, -1
    for node, weight in prose_chars.items():
        if weight >= MAIN_SHARE * total:
            depth = len(ancestry.chain(node))
            if depth > best_depth:
                best, best_depth = node, depth
    return best


def _window_sum(values: Any, half: int) -> Any:
    """Sum over i-half..i+half for every i (clipped at the page's ends)."""
    n = len(values)
    if n == 0:
        return values
    cumulative = np.concatenate(([0.0], np.cumsum(values)))
    idx = np.arange(n)
    return cumulative[np.minimum(idx + half + 1, n)] - cumulative[np.maximum(idx - half, 0)]


def container_groups(page: PageText, level: int) -> Any:
    """Each block's group: the index of its ancestor ``level`` steps up (a block without one is alone)."""
    n = len(page.blocks)
    keys: dict[Any, int] = {}
    group = np.zeros(n, dtype=np.int64)
    for i, el in enumerate(page.elements):
        node = el
        for _ in range(level):
            node = node.getparent() if node is not None else None
        group[i] = keys.setdefault(node, len(keys)) if node is not None else -1
    alone = group < 0
    group[alone] = len(keys) + np.arange(int(alone.sum()))
    return group


def grouped_mean(groups: Any, chars: Any, scores: Any) -> Any:
    """Each block's char-weighted mean score over the blocks of its group."""
    if len(scores) == 0:
        return scores
    size = int(groups.max()) + 1
    weight = np.bincount(groups, weights=chars, minlength=size)
    total = np.bincount(groups, weights=chars * scores, minlength=size)
    return np.where(weight[groups] > 0, total[groups] / np.maximum(weight[groups], 1e-9), scores)
