"""The block features' compiled twins give their Python originals' bits: block_words.c
(_word_columns_python: word counts, title and description overlaps) and page_layout.c
(_layout_bits_python: each element's depth, own and inherited bits), on the test pages,
hostile texts and pages, and random texts; and they refuse bad arguments.

Where the extension is not built, the tests check that the pure path is the live one.
"""

from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from cleaner import native
from cleaner.blocks import split_blocks
from cleaner.html import blockfeatures as bf
from cleaner.html import chrome
from cleaner.html.text import node_attributes, page_text, parse_html
from tests.test_native import HOSTILE
from tests.test_native_page_walk import _pages

needs_native = pytest.mark.skipif(native.MODULE is None, reason="the compiled extension is not built")

_PIECES = [
    "Word",
    "word",
    "_",
    "x1",
    "İ",
    "ß",
    "Σ",
    "ǅ",
    "\u0301",
    "٣",
    "\U0001d400",
    "\ud800",
    " ",
    "\u00a0",
    "-",
    "日本",
]


def _random_texts(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def _same_bits(one: tuple[Any, ...], other: tuple[Any, ...]) -> bool:
    """The same dtype and the same bytes (float bits, not float equality) column by column."""
    return all(a.dtype == b.dtype and a.tobytes() == b.tobytes() for a, b in zip(one, other))


@needs_native
def test_word_columns_match_python() -> None:
    rng = random.Random(18)
    page_texts = [[block.text for block in page_text(root).blocks] for root in _roots()]
    references = [None, "", "!!", "The Council Approves İstanbul Budget", HOSTILE[10], "word x1 日本"]
    for texts in [HOSTILE, *page_texts, *(_random_texts(rng, 40) for _ in range(50))]:
        for title in references:
            description = rng.choice(references)
            compiled = bf._word_columns(list(texts), title, description)
            assert _same_bits(compiled, bf._word_columns_python(list(texts), title, description))


@needs_native
def test_word_columns_ascii_blocks() -> None:
    """ASCII blocks, lowered in the scan's own buffer: every ASCII character, mixed case
    against lower-case references, a long block after short ones, and an empty one."""
    every = "".join(map(chr, range(128)))
    texts = ["", "A", every, every.upper(), "Storm STORM storm_2 X1 x1", "HARBOUR road " * 5000, "Ab", "_"]
    for title in (None, "storm x1 harbour", "Storm Road é"):
        compiled = bf._word_columns(list(texts), title, "ab storm_2 a")
        assert _same_bits(compiled, bf._word_columns_python(list(texts), title, "ab storm_2 a"))


class _Changing(str):
    """A text whose lower() empties a reference set and gives a str of other width."""

    def __new__(cls, text: str, victim: set[str]) -> _Changing:
        made = super().__new__(cls, text)
        made.victim = victim  # type: ignore[attr-defined]
        return made

    def lower(self) -> str:  # type: ignore[override]
        self.victim.clear()  # type: ignore[attr-defined]
        return str.lower(self) + " \U0001d400"


@needs_native
def test_word_columns_hostile_references() -> None:
    """Words told apart across str widths, sets with other items, a huge block before small
    ones, and a lower() that empties the title's set under the scan (its words are held)."""
    assert native.MODULE is not None
    words = native.MODULE.block_words
    texts = ["x " * 100_000, "a b a", "\u00e9t\u00e9 \u00c9t\u00c9", "\U0001d400 a\U0001d400", "", "___"]
    title: set[Any] = {"a", "\u00e9t\u00e9", 1, ("a",), "\U0001d400", "a\U0001d400"}
    found = [np.frombuffer(column) for column in words(texts, title, {"x", "b"})]
    python = bf._word_columns_python(texts, "a été 𝐀 a𝐀", "x b")
    assert all(np.array_equal(a, b) for a, b in zip(found, python))
    victim = {"one", "two"}
    changed = [np.frombuffer(column) for column in words([_Changing("One two", victim)], victim, None)]
    assert changed[0].tolist() == [3.0] and changed[1].tolist() == [2 / 3]


@needs_native
def test_layout_bits_match_python() -> None:
    for root in _roots():
        page = page_text(root)
        attributes, parents = node_attributes(page), page.node_parents
        assert _same_bits(bf._layout_bits(attributes, parents), bf._layout_bits_python(attributes, parents))


@needs_native
def test_name_scan_matches_the_regex() -> None:
    """Every page's class/id strings, and random names built of the words, their variants,
    overlapping words ("sharespond": finditer takes "share" and never sees "respon") and
    word-boundary neighbours."""
    rng = random.Random(14)
    pieces = [
        "ads",
        "ad",
        "Tags",
        "tag",
        "most-read",
        "mostread",
        "most--read",
        "sharespond",
        "respon",
        "-",
        " ",
        "_",
    ]
    pieces += [
        "x",
        "9",
        "side-bar",
        "rich-text",
        "richtext",
        "comment",
        "nav",
        "card",
        "postcard",
        "read-more-from",
        "main",
    ]
    names = {
        name
        for root in _roots()
        for _, classes, ident, _ in node_attributes(page_text(root))
        for name in (classes, ident)
        if name
    }
    names |= {"".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(20_000)}
    names |= {"", " ", "x" * 200_000, "ads " * 50_000, "Ünïcode sidebar", "\u0130nfo", "ad\u00a0s"}
    for name in names:
        assert bf.name_bits.__wrapped__(name) == bf.name_bits_python(name), name[:80]
    assert native.MODULE is not None
    with pytest.raises(ValueError):
        native.MODULE.name_scan(bf._NAME_MATCHER, "caf\u00e9")
    with pytest.raises((TypeError, ValueError)):
        native.MODULE.name_scan(None, "nav")
    for bad in [
        ((1, (b"a?",), 0),),
        ((1, (b"",), 0, 0),),
        ((1, (b"ab", b"b"), 0, 0),),
        ((1, "ab", 0, 0),),
        [()],
    ]:
        with pytest.raises((TypeError, ValueError)):
            native.MODULE.name_matcher(bad)


def _text_page(source: str) -> Any:
    """A stand-in for PageText with what _character_counts reads: the text and its blocks."""
    return SimpleNamespace(source=source, blocks=split_blocks(source))


@needs_native
def test_character_counts_match_python() -> None:
    """block_characters.c: digits, commas and sentence ends per block, on the test pages,
    hostile texts (astral, surrogates, 200,000-character lines) and random texts."""
    rng = random.Random(21)
    pieces = [*_PIECES, "7", "0", ",", ".", "!", "?", '"', "\u201d", "\u00bb", ":", ")", "\n", "\u2028"]
    randoms = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 80))) for _ in range(300)]
    pages = [page_text(root) for root in _roots()]
    for page in [*pages, *map(_text_page, [*HOSTILE, *randoms, "1,2,3.", "end)\n\n(9"])]:
        assert _same_bits(bf._character_counts(page), bf._character_counts_python(page))


@needs_native
def test_block_characters_refuse_bad_arguments() -> None:
    assert native.MODULE is not None
    characters = native.MODULE.block_characters
    block = split_blocks("one, 2.")[0]
    for args in [
        ("one", (block,), "."),
        (b"one", [block], "."),
        ("one, 2.", [block], None),
        ("one, 2.", [(0, 1)], "."),
        ("one, 2.", [(0, "0", 3, "one")], "."),
        ("one", [block], "."),  # the block ends past the text
        ("one, 2.", [(0, -1, 3, "one")], "."),
        ("one, 2.", [(0, 3, 1, "one")], "."),
        ("one, 2.", [block]),
    ]:
        with pytest.raises((TypeError, ValueError)):
            characters(*args)
    assert [bytes(column) for column in characters("", [], ".")] == [b"", b"", b""]


def _roots() -> list[Any]:
    return [
        root
        for root in map(lambda page: parse_html(page, for_trafilatura=False), _pages())
        if root is not None
    ]


@needs_native
def test_refusals() -> None:
    assert native.MODULE is not None
    words, layout = native.MODULE.block_words, native.MODULE.layout_bits
    for args in [("a", None, None), (["a", 1], None, None), (["a"], ["a"], None), (["a"], None)]:
        with pytest.raises(TypeError):
            words(*args)
    good: list[Any] = [[("div", "a", None, None)], [-1], {}, bf.name_bits, 1]
    for at, bad in [
        (0, ("div",)),
        (0, [("div",)]),
        (0, [("div", 3, None)]),
        (1, [0]),
        (1, ["x"]),
        (2, []),
        (3, 1),
    ]:
        changed: list[Any] = list(good)
        changed[at] = bad
        with pytest.raises((TypeError, ValueError)):
            layout(*changed)
    with pytest.raises(TypeError):
        layout(*good[:4], "1")
    with pytest.raises(TypeError):
        layout(*good[:3], lambda names: "bits", 1)


@needs_native
def test_subtree_sums_match_numpy() -> None:
    """page_layout.c's subtree_sums gives the numpy sums bit for bit (the same additions in the
    same order), on the test pages with random values of every size and sign."""
    rng = np.random.default_rng(9)
    for root in _roots():
        layout = bf.PageLayout(page_text(root))
        blocks = len(layout.blocks)
        for values in (
            rng.normal(size=(4, blocks)) * 10.0 ** rng.integers(-5, 12, size=(4, blocks)),
            rng.integers(0, 500, size=(2, blocks)).astype(np.float64),
            np.zeros((1, blocks)),
        ):
            assert layout.subtree_sums(values).tobytes() == layout.subtree_sums_python(values).tobytes()


@needs_native
def test_subtree_sums_refuse_bad_arguments() -> None:
    assert native.MODULE is not None
    sums = native.MODULE.subtree_sums
    values, ids, out = np.ones((2, 3)), np.array([0, -1, 1], dtype=np.int64), np.zeros((2, 2))
    sums(values, [ids], out, 2, 2)
    assert out.tolist() == [[1.0, 1.0], [1.0, 1.0]]
    for args in [
        (values, (ids,), out, 2, 2),
        (values, [ids], out, 2, "2"),
        (values.astype(np.float32), [ids], out, 2, 2),
        (values, [ids.astype(np.int32)], out, 2, 2),
        (values, [ids[:2]], out, 2, 2),
        (values, [np.array([0, 5, 1], dtype=np.int64)], out, 2, 2),
        (values, [ids], np.zeros((2, 3)), 2, 2),
        (values, [ids], out.astype(np.int64), 2, 2),
        (values, [ids], out, -1, 2),
        (values, [ids], out, 2, 1 << 62),
        (values, [ids], out, 2),
    ]:
        with pytest.raises((TypeError, ValueError)):
            sums(*args)
    readonly = np.zeros((2, 2))
    readonly.flags.writeable = False
    with pytest.raises((TypeError, ValueError, BufferError)):
        sums(values, [ids], readonly, 2, 2)


def test_pure_path_when_not_built() -> None:
    if native.MODULE is None:
        assert bf._native_block_words is None and bf._native_layout_bits is None
        assert chrome._native_chrome_contexts is None
        assert bf._native_subtree_sums is None
        assert bf._native_block_characters is None
