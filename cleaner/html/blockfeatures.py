"""Features of a page's blocks for the main-content classifier (cleaner/html/classifier.py).

One row per block of the page walk (cleaner/html/text.py). What a block is
shows mostly in its surroundings: how much link text its neighbours and its
parent and grandparent containers hold, which containers it sits in (their
tags, their class and id words), whether it lies in the deepest element that
holds most of the page's sentence-like text, whether its container's markup
repeats across the page (teaser cards), and whether its text repeats or
echoes the page's title or description. The DOM is read once per distinct
element around the blocks (the page walk numbers them, parents first, so
ancestor facts are ORed down that numbering); everything per block is then
numpy arithmetic over the whole page.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import Any

import numpy as np

from cleaner import native
from cleaner.html.text import Attributes, PageText, node_attributes

# Class/id words: of page furniture, of comment threads, of article containers.
# Generic CMS vocabulary (English words sites in every language use in markup),
# one pattern with a named group per kind so a name is scanned once.
_FURNITURE_WORDS = (
    r"nav|menu|foot|sidebar|side-bar|widget|related|recommend|share|social|promo|advert|\bads?\b|"
    r"banner|cookie|consent|newsletter|subscri|breadcrumb|\btags?\b|popular|trending|most-?read|"
    r"masthead|login|signup|pagination|teaser|card|outbrain|taboola|more-?from|read-?more"
)
_COMMENT_WORDS = r"comment|disqus|respon|reply|discussion"
_ARTICLE_WORDS = r"article|content|post|entry|story|body|text|main|prose|rich-?text|detail"
_NAME_PATTERN = (
    f"(?P<comment>{_COMMENT_WORDS})|(?P<furniture>{_FURNITURE_WORDS})|(?P<article>{_ARTICLE_WORDS})"
)
_NAME_WORDS = re.compile(_NAME_PATTERN, re.IGNORECASE)
# The same words for names already lower-cased ASCII (nearly all of them): without
# IGNORECASE the regex engine skips every position whose letter starts no word, which
# makes the scan 3-4x faster; for ASCII text, lower-casing first matches the same spans.
_NAME_WORDS_LOWER = re.compile(_NAME_PATTERN)
_WORD_BOUNDARY = r"\b"


def name_alternatives() -> tuple[tuple[int, tuple[bytes, ...], bool, bool], ...]:
    """The name pattern's alternatives in its order, for the compiled scan (name_words.c): each
    kind's bit, the word's variants (a greedy optional character: with it first, as the regex
    tries), and whether a word boundary comes before and after. The words are literal lower-case
    ASCII, "-" and at most one "?": tests/test_native_html_features.py checks the scan against the regex."""
    found = []
    for kind, words in (
        ("comment", _COMMENT_WORDS),
        ("furniture", _FURNITURE_WORDS),
        ("article", _ARTICLE_WORDS),
    ):
        for word in words.split("|"):
            before, after = word.startswith(_WORD_BOUNDARY), word.endswith(_WORD_BOUNDARY)
            word = word.removeprefix(_WORD_BOUNDARY).removesuffix(_WORD_BOUNDARY)
            at = word.find("?")
            variants = (word,) if at < 0 else (word[:at] + word[at + 1 :], word[: at - 1] + word[at + 1 :])
            if not all(re.fullmatch(r"[a-z-]+", variant) for variant in variants):
                raise ValueError(f"not a literal word: {word!r}")
            found.append((_NAME_BITS[kind], tuple(v.encode("ascii") for v in variants), before, after))
    return tuple(found)


NAMES_CACHE = 16384  # distinct class/id strings whose words are kept; a site's pages repeat theirs
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
_TAG_GROUP = {tag: k for k, (_, tags) in enumerate(OWN_TAGS) for tag in tags}  # the groups are disjoint
NEAR_LEVELS = 3  # class/id words count as "near" on the block's element and its two closest wrappers
NEIGHBOUR_WINDOW = 3  # blocks each side whose link text describes the block's neighbourhood
PROSE_MIN_WORDS = 10  # a block this long with little link text is sentence-like text
PROSE_MAX_LINK_SHARE = 0.2
MAIN_SHARE = 0.6  # the main element holds at least this share of the page's prose characters
_WORD = re.compile(r"\w+")
BLOCK_TEXT = attrgetter("text")  # a block's text, for map() over the blocks (a C call each)
_START, _END = attrgetter("start"), attrgetter("end")
_SENTENCE_END_CHARS = '.!?"\u201d\u00bb:)'  # a block's last character that ends a sentence
_SENTENCE_END = np.array([ord(c) for c in _SENTENCE_END_CHARS], dtype=np.uint32)
_DIGIT_RANGE = (ord("0"), ord("9"))
# The word columns' compiled twin (cleaner/native/block_words.c), None on the pure path.
_native_block_words = native.MODULE.block_words if native.MODULE is not None else None
# PageLayout's element facts' compiled twin (cleaner/native/page_layout.c), None on the pure path.
_native_layout_bits = native.MODULE.layout_bits if native.MODULE is not None else None
# The character columns' compiled twin (cleaner/native/block_characters.c), None on the pure path.
_native_block_characters = native.MODULE.block_characters if native.MODULE is not None else None
_native_subtree_sums = native.MODULE.subtree_sums if native.MODULE is not None else None

_FURNITURE_NEAR, _FURNITURE_FAR, _COMMENT, _ARTICLE_NEAR, _ARTICLE_FAR = (1 << (16 + k) for k in range(5))
_PLACE_MASK = (1 << len(PLACE_TAGS)) - 1
# The bits of the flag columns in FEATURE_NAMES' order (furniture near and far, comment,
# article near and far, then each place tag), and the tag groups' ids in theirs.
_FLAG_COLUMN_BITS = np.array(
    [
        _FURNITURE_NEAR,
        _FURNITURE_FAR,
        _COMMENT,
        _ARTICLE_NEAR,
        _ARTICLE_FAR,
        *(1 << k for k in range(len(PLACE_TAGS))),
    ],
    dtype=np.int64,
)
_TAG_GROUP_IDS = np.arange(len(OWN_TAGS), dtype=np.int64)
_CLASSED = 1 << 24  # the element has a class attribute
_NAME_BITS = {"furniture": _FURNITURE_NEAR, "comment": _COMMENT, "article": _ARTICLE_NEAR}

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


class PageLayout:
    """The elements around a page's blocks as integer ids, so that facts about
    ancestors become numpy arrays.

    Each element above a block has the id the page walk gave it the first time
    a block needed it (cleaner/html/text.py), after its parent's; here it gets
    its depth and its own facts (its tag's place bit and its class/id words);
    an element's facts over itself and all its ancestors are its own ORed with
    its parent's. After that, every sum over ancestors is a
    climb of at most the page's depth in vectorised steps.
    """

    def __init__(self, page: PageText) -> None:
        # the walk numbered the elements around the blocks, each after its parent
        self.nodes: list[Any] = page.nodes
        parents = page.node_parents
        self.depths, self.own, self.inherited = _layout_bits(node_attributes(page), parents)
        # own and inherited with a 0 after them, so that id -1 (none) reads no bits in one gather
        self.own_padded = np.append(self.own, np.int64(0))
        self.inherited_padded = np.append(self.inherited, np.int64(0))
        self.blocks = np.asarray(page.block_nodes, dtype=np.int64)  # each block's element id, -1 for none
        self.parents = np.asarray(parents, dtype=np.int64)
        # the parents with a -1 after them, so that id -1 (none) indexes to -1: one gather a step
        self._above = np.append(self.parents, np.int64(-1))
        self._climb: list[Any] | None = None

    def up(self, ids: Any, steps: int = 1) -> Any:
        """The ids ``steps`` levels above ``ids`` (-1 where there is none)."""
        for _ in range(steps):
            ids = self._above[ids]
        return ids

    def climb(self) -> list[Any]:
        """The blocks' element ids, then their parents', grandparents' ... while any is left.

        Computed once per page: the sums over containers, the main element's blocks and
        the context levels all read these same steps.
        """
        if self._climb is None:
            # a block's element at depth d has d levels with an id: the deepest sets how many,
            # as the loop that stopped where no id was left counted them
            inside = self.blocks[self.blocks >= 0]
            count = int(self.depths[inside].max()) if len(inside) else 0
            levels = [self.blocks]
            for _ in range(count - 1):
                levels.append(self._above[levels[-1]])
            self._climb = levels[:count]
        return self._climb

    def above(self, steps: int) -> Any:
        """The blocks' ancestor ids ``steps`` levels up (-1 where there is none); read-only."""
        levels = self.climb()
        return levels[steps] if steps < len(levels) else np.full(len(self.blocks), -1, dtype=np.int64)

    def subtree_sums(self, values: Any) -> Any:
        """For every element: the sum of ``values`` over the blocks inside it (rows: value kinds);
        compiled where built (page_layout.c: the same additions in the same order, without a
        handful of numpy calls a level)."""
        if _native_subtree_sums is None:
            return self.subtree_sums_python(values)
        kinds, size = values.shape[0], len(self.nodes)
        sums = np.zeros((kinds, size))
        _native_subtree_sums(np.ascontiguousarray(values, dtype=np.float64), self.climb(), sums, kinds, size)
        return sums

    def subtree_sums_python(self, values: Any) -> Any:
        """subtree_sums in numpy: the reference and the fallback of the compiled one."""
        kinds, size = values.shape[0], len(self.nodes)
        sums = np.zeros((kinds, size))
        offsets = (np.arange(kinds, dtype=np.int64) * size)[:, None]
        for current in self.climb():
            inside = current >= 0
            # one bincount for all rows: row r's bins follow row r-1's, each bin's values
            # added in block order as a bincount per row adds them
            at = (offsets + current[inside]).ravel()
            sums += np.bincount(at, weights=values[:, inside].ravel(), minlength=kinds * size).reshape(
                kinds, size
            )
        return sums

    def within(self, node: int) -> Any:
        """Whether each block lies inside element ``node``."""
        levels = self.climb()
        if not levels:
            return np.zeros(len(self.blocks), dtype=bool)
        return (np.asarray(levels) == node).any(axis=0)  # one comparison over all levels

    def groups(self, level: int) -> Any:
        """Each block's ancestor id ``level`` steps up; blocks without one get groups of their own."""
        group = self.above(level).copy()
        alone = group < 0
        group[alone] = len(self.nodes) + np.arange(int(alone.sum()))
        return group


def _layout_bits(attributes: list[Attributes], parents: list[int]) -> tuple[Any, Any, Any]:
    """Each element's depth, own bits and bits over it and its ancestors (int64 arrays):
    compiled where built (page_layout.c)."""
    if _native_layout_bits is None:
        return _layout_bits_python(attributes, parents)
    found = _native_layout_bits(attributes, parents, _PLACE_BITS, name_bits, _CLASSED)
    depths, own, inherited = (np.frombuffer(column, dtype=np.int64) for column in found)
    return depths, own, inherited


def _layout_bits_python(attributes: list[Attributes], parents: list[int]) -> tuple[Any, Any, Any]:
    """_layout_bits in Python: the reference and the fallback of layout_bits."""
    depths: list[int] = []
    own: list[int] = []
    inherited: list[int] = []
    place_bits = _PLACE_BITS.get
    for (tag, classes, ident, _), parent in zip(attributes, parents):
        # most elements have no class or id: their tag's bit alone, as _own_bits gives it
        bits = _own_bits(tag, classes, ident) if classes or ident else place_bits(tag, 0)
        if parent >= 0:
            depths.append(depths[parent] + 1)
            inherited.append(bits | inherited[parent])
        else:
            depths.append(1)
            inherited.append(bits)
        own.append(bits)
    as_array = np.asarray
    return (
        as_array(depths, dtype=np.int64),
        as_array(own, dtype=np.int64),
        as_array(inherited, dtype=np.int64),
    )


def _own_bits(tag: str, classes: str | None, ident: str | None) -> int:
    bits = _PLACE_BITS.get(tag, 0)
    names = (classes or "") + " " + (ident or "")
    if len(names) > 1:
        bits |= name_bits(names)
    if classes:
        bits |= _CLASSED
    return bits


# The compiled scan of ASCII names (cleaner/native/name_words.c) and its words, None on the pure path.
_native_name_scan = native.MODULE.name_scan if native.MODULE is not None else None
_NAME_MATCHER = native.MODULE.name_matcher(name_alternatives()) if native.MODULE is not None else None


@lru_cache(maxsize=NAMES_CACHE)
def name_bits(names: str) -> int:
    """The kinds of class/id words (furniture, comment, article) a class and id string holds:
    an ASCII one by the compiled scan where built (its regex scan was most of a cold page's
    PageLayout), else name_bits_python."""
    if _native_name_scan is not None and names.isascii():
        return int(_native_name_scan(_NAME_MATCHER, names.lower()))
    return name_bits_python(names)


def name_bits_python(names: str) -> int:
    """name_bits by the regular expressions: the reference and the fallback of name_scan."""
    found = 0
    if names.isascii():
        matches = _NAME_WORDS_LOWER.finditer(names.lower())
    else:
        matches = _NAME_WORDS.finditer(names)
    for match in matches:
        found |= _NAME_BITS[match.lastgroup or ""]
    return found


def _log(values: Any) -> Any:
    return np.log1p(np.asarray(values, dtype=np.float64))


def _reference_words(reference: str | None) -> set[str] | None:
    """The reference text's words (None where it has none: every block's overlap is 0)."""
    if not reference:
        return None
    return set(_WORD.findall(reference.lower())) or None


def _word_columns(texts: list[str], title: str | None, description: str | None) -> tuple[Any, Any, Any]:
    """Per block: its words (_WORD in its lower-cased text), and the share of its distinct
    words in the title and in the description: compiled where built (block_words.c)."""
    if _native_block_words is None:
        return _word_columns_python(texts, title, description)
    found = _native_block_words(texts, _reference_words(title), _reference_words(description))
    words, title_overlap, description_overlap = (np.frombuffer(column, dtype=np.float64) for column in found)
    return words, title_overlap, description_overlap


def _word_columns_python(
    texts: list[str], title: str | None, description: str | None
) -> tuple[Any, Any, Any]:
    """_word_columns in Python: the reference and the fallback of block_words."""
    word_lists = list(map(_WORD.findall, map(str.lower, texts)))
    words = np.fromiter(map(len, word_lists), dtype=np.float64, count=len(texts))
    word_sets = list(map(set, word_lists))
    return words, _overlap(word_sets, title), _overlap(word_sets, description)


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


def block_features(
    page: PageText,
    title: str | None = None,
    description: str | None = None,
    layout: PageLayout | None = None,
) -> Any:
    """A float matrix, one row per block, columns as FEATURE_NAMES."""
    return block_features_and_chars(page, title, description, layout)[0]


_FIRST_FLAG_COLUMN = FEATURE_NAMES.index("furniture_near")  # then the place flags, the tag groups ...
_SIGNATURE = itemgetter(0, 1)  # an element's tag and class attribute


def block_features_and_chars(
    page: PageText,
    title: str | None = None,
    description: str | None = None,
    layout: PageLayout | None = None,
    extra_columns: int = 0,
) -> tuple[Any, Any]:
    """block_features, and each block's characters (the classifier's second stage reads them
    too, so they are counted once). With ``extra_columns`` the matrix has that many more columns
    on the right, zeros left for the caller (the second stage's context: no second stack of a
    page's columns). The features are its first len(FEATURE_NAMES) columns; it is row-major
    as the stacked columns were, the order the tree walk reads fastest."""
    n = len(page.blocks)
    width = len(FEATURE_NAMES)
    matrix = np.zeros((n, width + extra_columns))
    # map() over C functions where a generator or comprehension ran a Python step per block
    texts = list(map(BLOCK_TEXT, page.blocks))
    chars = np.fromiter(map(len, texts), dtype=np.float64, count=n)
    if n == 0:
        return matrix, chars
    digits, commas, sentence_end = _character_counts(page)
    links = np.minimum(np.asarray(page.link_chars, dtype=np.float64), chars)
    words, title_overlap, description_overlap = _word_columns(texts, title, description)
    safe_chars = np.maximum(chars, 1.0)
    link_share = links / safe_chars

    # containers: every ancestor's text and link characters, summed over the blocks inside it
    layout = layout if layout is not None else PageLayout(page)
    prose = (words >= PROSE_MIN_WORDS) & (link_share <= PROSE_MAX_LINK_SHARE)
    values = np.empty((4, n))
    values[0], values[1], values[2] = chars, links, 1.0
    np.multiply(chars, prose, out=values[3])  # chars where prose, else 0.0 (chars are finite)
    sums = layout.subtree_sums(values)
    total_chars = max(float(chars.sum()), 1.0)
    main = _main_element(sums[3], layout.depths)
    element = layout.blocks
    level1, level2, level3 = layout.above(1), layout.above(2), layout.above(3)
    # the sums with a zero column after them: id -1 (no container) reads 0.0 in one gather
    padded = np.zeros((3, sums.shape[1] + 1))
    padded[:, :-1] = sums[:3]
    parent, grandparent = padded[:, level1], padded[:, level2]  # rows: chars, links, blocks

    own, inherited = layout.own_padded, layout.inherited_padded  # id -1 reads 0
    own_bits, parent_bits = own[element], own[level1]
    near = own_bits | parent_bits | own[level2]
    far = inherited[level3]
    flags = inherited[element] & (_PLACE_MASK | _COMMENT)
    flags |= near & (_FURNITURE_NEAR | _ARTICLE_NEAR)
    flags |= np.where(far & _FURNITURE_NEAR, _FURNITURE_FAR, 0) | np.where(
        far & _ARTICLE_NEAR, _ARTICLE_FAR, 0
    )

    # exact arithmetic (division, comparison, copies) is written into the row-major matrix's
    # columns as it comes; a logarithm is taken into a contiguous array of its own first, as
    # the stacked columns were: numpy's SIMD log1p and its strided scalar loop may differ in
    # the last bit
    columns = iter(matrix.T)  # in FEATURE_NAMES' order
    next(columns)[:] = np.log1p(chars)
    next(columns)[:] = np.log1p(words)
    next(columns)[:] = link_share
    next(columns)[:] = sentence_end
    np.divide(commas, np.maximum(words, 1.0), out=next(columns))
    np.divide(digits, safe_chars, out=next(columns))
    np.divide(np.arange(n), max(n - 1, 1), out=next(columns))
    next(columns)[1:] = link_share[:-1]  # the previous block's, 0.0 for the first
    next(columns)[:-1] = link_share[1:]
    window_chars = _window_sum(chars, NEIGHBOUR_WINDOW) - chars
    window_links = _window_sum(links, NEIGHBOUR_WINDOW) - links
    np.divide(window_links, np.maximum(window_chars, 1.0), out=next(columns))
    shifted = np.zeros(n)
    shifted[1:] = chars[:-1]
    next(columns)[:] = np.log1p(shifted, out=shifted)
    shifted[:-1], shifted[-1] = chars[1:], 0.0
    next(columns)[:] = np.log1p(shifted, out=shifted)
    np.divide(parent[1], np.maximum(parent[0], 1.0), out=next(columns))
    np.divide(grandparent[1], np.maximum(grandparent[0], 1.0), out=next(columns))
    np.divide(parent[0], total_chars, out=next(columns))
    np.divide(grandparent[0], total_chars, out=next(columns))
    next(columns)[:] = np.log1p(parent[2])
    in_main = next(columns)
    if main is not None:
        in_main[:] = layout.within(main)
        next(columns)[:] = 1.0
    else:
        next(columns)
    # the flag and tag-group columns as two 2-D blocks: one numpy call each, not one a column
    at = _FIRST_FLAG_COLUMN
    flag_count, group_count = len(_FLAG_COLUMN_BITS), len(OWN_TAGS)
    np.greater(flags[:, None] & _FLAG_COLUMN_BITS, 0, out=matrix[:, at : at + flag_count])
    at += flag_count
    tag_groups = np.fromiter(map(_TAG_GROUP.get, page.tags, repeat(-1)), dtype=np.int64, count=n)
    np.equal(tag_groups[:, None], _TAG_GROUP_IDS, out=matrix[:, at : at + group_count])
    at += group_count
    shown = Counter(texts)
    np.greater(np.fromiter(map(shown.__getitem__, texts), dtype=np.int64, count=n), 1, out=matrix[:, at])
    matrix[:, at + 1] = np.log1p(_parent_twins(page, layout, own_bits, parent_bits, level1))
    matrix[:, at + 2] = title_overlap
    matrix[:, at + 3] = description_overlap
    matrix[:, at + 4] = np.log1p(n)
    return matrix, chars


def _parent_twins(page: PageText, layout: PageLayout, own_bits: Any, parent_bits: Any, level1: Any) -> Any:
    """Teaser cards: per block, how many distinct elements share the tag and class of its
    container (the block's element where it has a class, else its parent where that has one;
    0 where neither). Such an element has a class, so its signature is its (tag, class) pair."""
    element = layout.blocks
    owner = np.where(own_bits & _CLASSED, element, np.where(parent_bits & _CLASSED, level1, -1))
    size = len(layout.nodes)
    marked = np.zeros(size + 1, dtype=bool)
    marked[owner] = True  # id -1 marks the last slot, left out below
    distinct = np.flatnonzero(marked[:size]).tolist()
    attributes = node_attributes(page)  # read for PageLayout: no second read of the elements
    signatures = list(map(_SIGNATURE, map(attributes.__getitem__, distinct)))
    twins = Counter(signatures)
    twins_of = np.zeros(size + 1)  # the last slot, read by id -1, stays 0
    twins_of[distinct] = list(map(twins.__getitem__, signatures))
    return twins_of[owner]


def _character_counts(page: PageText) -> tuple[Any, Any, Any]:
    """Per block: ASCII digits, commas, and whether it ends a sentence: compiled where built
    (block_characters.c reads the blocks' characters in place, where numpy encoded the page)."""
    if _native_block_characters is None:
        return _character_counts_python(page)
    found = _native_block_characters(page.source, page.blocks, _SENTENCE_END_CHARS)
    digits, commas, sentence_end = (np.frombuffer(column, dtype=np.float64) for column in found)
    return digits, commas, sentence_end


def _character_counts_python(page: PageText) -> tuple[Any, Any, Any]:
    """_character_counts over the page's code points at once: the reference and the fallback."""
    n = len(page.blocks)
    if n == 0:
        empty = np.zeros(0)
        return empty, empty, empty
    codes = np.frombuffer(page.source.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    starts = np.fromiter(map(_START, page.blocks), dtype=np.int64, count=n)
    ends = np.fromiter(map(_END, page.blocks), dtype=np.int64, count=n)

    def per_block(mask: Any) -> Any:
        cumulative = np.concatenate(([0], np.cumsum(mask, dtype=np.int64)))
        return (cumulative[ends] - cumulative[starts]).astype(np.float64)

    digits = per_block((codes >= _DIGIT_RANGE[0]) & (codes <= _DIGIT_RANGE[1]))
    commas = per_block(codes == ord(","))
    last = codes[np.maximum(ends - 1, 0)]
    sentence_end = (np.isin(last, _SENTENCE_END) & (ends > starts)).astype(np.float64)
    return digits, commas, sentence_end


def _main_element(prose_chars: Any, depths: Any) -> int | None:
    """The deepest element holding MAIN_SHARE of the page's prose characters."""
    if len(prose_chars) == 0:
        return None
    total = float(prose_chars.max())  # the outermost element holds all of it
    if total <= 0:
        return None
    candidates = np.flatnonzero(prose_chars >= MAIN_SHARE * total)
    return int(candidates[np.argmax(depths[candidates])])


def _window_sum(values: Any, half: int) -> Any:
    """Sum over i-half..i+half for every i (clipped at the page's ends)."""
    n = len(values)
    if n == 0:
        return values
    cumulative = np.concatenate(([0.0], np.cumsum(values)))
    idx = np.arange(n)
    return cumulative[np.minimum(idx + half + 1, n)] - cumulative[np.maximum(idx - half, 0)]


def grouped_mean(groups: Any, chars: Any, scores: Any) -> Any:
    """Each block's char-weighted mean score over the blocks of its group."""
    if len(scores) == 0:
        return scores
    size = int(groups.max()) + 1
    weight = np.bincount(groups, weights=chars, minlength=size)
    total = np.bincount(groups, weights=chars * scores, minlength=size)
    return np.where(weight[groups] > 0, total[groups] / np.maximum(weight[groups], 1e-9), scores)
