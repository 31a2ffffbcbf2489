"""The compiled accelerator (cleaner/native/_compiled.c) and the pure-Python path give identical
results: every corpus case and a set of hostile strings, cleaned page by page and batched,
through both paths (``CLEANER_PURE=1`` in one worker process, the default in another),
compared segment by segment and score by score, floats bit for bit; and each compiled
twin against its Python original directly.

None of this is skipped where the extension is not built: the tests then check that the
pure path is the live one and the compiled module absent, and the two workers (both pure)
still agree.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import re
import subprocess
import sys
from itertools import accumulate
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from cleaner import native
from cleaner.blocks import Block, split_blocks_python
from cleaner.heuristics import article_lines, features
from cleaner.heuristics.article_lines import (
    _WE,
    _YOU,
    ARTICLE_FEATURES,
    TITLE_OVERLAP_MAX_WORDS,
    _article_matrix_compiled,
    _edge_points_python,
    _LowerPage,
    _repeated_python,
    article_matrix_python,
    lead_in_categories,
    pronoun_shares_python,
    title_overlaps_python,
)
from cleaner.heuristics.article_model import load_article_model
from cleaner.heuristics.features import (
    byte_word_occurrences,
    byte_word_occurrences_python,
    first_occurrences_python,
    line_shapes_python,
    most_common_positions_python,
    token_counts_python,
)
from cleaner.heuristics.labeler import HeuristicLabeler
from cleaner.heuristics.lexicon import lower_text, lower_text_python
from cleaner.heuristics.line_letters import _letter_counts_by_numpy
from cleaner.heuristics.model import load_model
from cleaner.heuristics.trees import TreeEnsemble
from cleaner.result import Label, Segment, build_segments, build_segments_python
from tests.paths import CORPUS, ROOT

# Strings a line splitter and a tokeniser can get wrong: every line break the text path
# knows, in every mix, the strip set's edges, all three string widths, lone surrogates.
HOSTILE = [
    "",
    "\n",
    "\r\n\r\n",
    " \t\u00a0\u200b\ufeff ",
    "a",
    "one\r\ntwo\rthree\nfour\x85five\u2028six\u2029seven",
    "CR at the end\r",
    "\r\rtwo lone CRs before\n\r\n\n\rend",
    "\u00a0\u00a0Indented by NBSP\u00a0\n\u200bzero width\u200b\n\ufeffBOM line",
    "form\x0cfeed and\x0bvertical tab stay in-line\x0c\n\x1cfile separator\x1d\x1e",
    "Ελληνικά κείμενα\u2028Русский текст\u2029日本語の文章。\n한국어",
    "astral \U0001f600 emoji\n\U00010348 Gothic \U0001d400 bold\r\n\U0001f1e9\U0001f1ea",
    "lone \ud800 surrogate\n\udfff high\r\nmixed \ud83d\ude00 pair",
    "Straße GROSS ß İstanbul ǅ titlecase\nΣΊΣΥΦΟΣ ﬁ ligature",
    "x" * 200_000,
    ("word " * 50_000).strip(),
    "\n".join(f"Line {k} of a long page, with words: {k % 7}" for k in range(3000)),
    "Share this article\nThe council approved the budget on Tuesday.\r\nRead more:\u2028Related Coverage",
]


def compiled() -> ModuleType | None:
    """cleaner.native._compiled whatever the switch says, or None where it is not built."""
    try:
        return importlib.import_module("cleaner.native._compiled")
    except ImportError:
        return None


def test_the_switch_names_the_live_path() -> None:
    forced = os.environ.get(native.PURE_ENV, "").strip() not in ("", "0")
    if compiled() is None or forced:
        assert not native.AVAILABLE and native.MODULE is None and native.path_name() == "pure"
    else:
        assert native.AVAILABLE and native.MODULE is compiled() and native.path_name() == "native"


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_compiled_split_blocks_gives_the_python_blocks(text: str) -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    got = module.split_blocks(Block, text)
    assert got == split_blocks_python(text)
    assert all(type(block) is Block and block.text == text[block.start : block.end] for block in got)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_compiled_first_occurrences_gives_the_python_positions(text: str) -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    for tokens in (text.split(), text.lower().encode("utf-8", "surrogatepass").split(), list(text)):
        got = np.frombuffer(module.first_occurrences(tokens), np.int64)
        assert np.array_equal(got, first_occurrences_python(tokens))


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_compiled_byte_words_give_the_split_and_its_first_positions(text: str) -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    data = text.lower().encode("utf-8", "surrogatepass") + b" \x1c\x1d\x1e\x1f\x85\xa0 x\t\x0b\x0cx"
    first, words = byte_word_occurrences(data)
    reference_first, reference_words = byte_word_occurrences_python(data)
    assert np.array_equal(first, reference_first)
    assert len(words) == len(reference_words) and list(words) == list(reference_words)
    if len(words):
        assert words[-1] == reference_words[-1] and words[::2] == reference_words[::2]


def test_compiled_letter_counts_give_the_numpy_counts() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    pages = [[], [""], *([line for line in text.split("\n")] for text in HOSTILE)]
    pages.append([text.replace("\n", " ") for text in HOSTILE])
    pages.append(["a\nB c", "D\u3000Épée \u00a0ß \u0130x \u01c5y \u03a3\u03a3 \x1cA\x85B"])
    for lines in pages:
        assert module.letter_counts(lines) == _letter_counts_by_numpy(lines), lines
    # every code point past ASCII as a word's initial: the case the C reads of CPython's
    # mappings is the one str.lower and str.upper give
    points = [chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000]
    lines = [" ".join(points[k : k + 64]) for k in range(0, len(points), 64)]
    assert module.letter_counts(lines) == _letter_counts_by_numpy(lines)


def test_compiled_token_counts_are_the_python_ones() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    lines = [line for page in _word_pages() for line in page]
    lines += ["".join(map(chr, range(0x3100))), "\u200b", " \ud800 x", "\U0001f600 \U0001f600"]
    assert module.token_counts(lines) == token_counts_python(lines)
    with pytest.raises(TypeError):
        module.token_counts(["a", None])


def test_compiled_edge_points_are_the_python_ones() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    lines = [line.strip() for page in _word_pages() for line in page]
    lines += ["", "\ud800", "a\udfff", "\U0010ffff", "\x00x\x00"]
    firsts, lasts = module.edge_points(lines)
    reference = _edge_points_python(lines)
    assert np.frombuffer(firsts, np.uint32).tolist() == reference[0].tolist()
    assert np.frombuffer(lasts, np.uint32).tolist() == reference[1].tolist()
    with pytest.raises(TypeError):
        module.edge_points(["a", b"b"])


def test_compiled_repeats_are_the_python_ones() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    pages = _word_pages()
    stripped = [line.strip() for page in pages for line in page]
    stripped += ["again", "once", "again", "", ""] * 40  # a page past the pair-by-pair size
    sizes = [*map(len, pages), 200]
    for starts in ([0, *accumulate(sizes)], [0, len(stripped)], [0, 0, 3, len(stripped)]):
        assert module.repeated_lines(stripped, starts) == _repeated_python(stripped, starts)
    assert any(module.repeated_lines(stripped, [0, *accumulate(sizes)]))
    with pytest.raises(ValueError):
        module.repeated_lines(["a"], [0, 2])
    with pytest.raises(TypeError):
        module.repeated_lines([b"a"], [0, 1])


def test_compiled_lower_case_is_lower_text_python() -> None:
    """Every code point maps as str.lower maps it, the capital sigma by its place in the
    word, the dotted capital I and a combining dot after an "i" as lower_text joins them,
    and the result has the width str.lower gives ("\u0178" -> "\xff")."""
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    every = "".join(map(chr, range(0x110000)))
    rng = np.random.default_rng(7)
    tricky = list("\u03a3\u03c3\u03c2\u0130iI\u0307aA '\u00ad.\u03a9\u03451\u2019\u01c4\u01c5\u0300")
    mixed = ["".join(rng.choice(tricky, int(rng.integers(0, 9)))) for _ in range(20_000)]
    texts = [every, every[::-1], *HOSTILE, *mixed, "\u0178", "\u212a", "A\u00ff", "\U00010400x"]
    texts += [
        "\u039f\u0394\u03a5\u03a3\u03a3\u0395\u03a5\u03a3",
        "a'\u03a3'",
        "\u0130\u0307",
        "i\u0307\u0307",
    ]
    for text in texts:
        low = module.lower_text(text)
        if low is None:  # Python 3.13 keeps the case properties the sigma needs internal
            assert sys.version_info >= (3, 13) and "\u03a3" in text
            continue
        assert low == lower_text_python(text), text
        assert sys.getsizeof(low) == sys.getsizeof(lower_text_python(text))  # the same width
        assert lower_text(text) == low
    with pytest.raises(TypeError):
        module.lower_text(b"bytes")


def _word_pages() -> list[list[str]]:
    """Lower-cased pages for the word twins: the corpus cases, the hostile strings, and
    pronouns and title words between every kind of white space and at the lines' edges."""
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    made = [f"{s}we{s}our{s}and{s}you{s}" for s in spaces] + [f"we{s}du" for s in spaces]
    made += [
        "wir  wir unser",
        "vous vous vous",
        "we,you we.",
        "",
        " ",
        "\u1f4d\u03c4\u03b9 we",
        "nas\ud800 we",
    ]
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))] + HOSTILE
    pages = [lower_text(text).split("\n") for text in texts]
    pages.append(["we and you: our title", *made])
    return pages


def _word_lines() -> tuple[list[list[str]], list[str], list[int]]:
    """``_word_pages``, their lines one after the other, and each line's word count."""
    pages = _word_pages()
    lows = [line for page in pages for line in page]
    return pages, lows, [max(len(line.split()), 1) for line in lows]


def test_compiled_word_shares_are_the_python_ones() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    pages, lows, words = _word_lines()
    starts = [0, *accumulate(map(len, pages))]
    reference = pronoun_shares_python(_LowerPage(lows, "\n".join(lows)), words)
    live = module.pronoun_shares(lows, words, _WE, _YOU)
    assert [_floats(s) for s in live] == [_floats(s) for s in reference]
    assert any(reference[0]) and any(reference[1])
    overlaps = module.title_overlaps(lows, words, starts, TITLE_OVERLAP_MAX_WORDS)
    assert _floats(overlaps) == _floats(title_overlaps_python(lows, words, starts))
    assert any(overlaps)
    with pytest.raises(ZeroDivisionError):  # as Python's division by a count of 0
        module.pronoun_shares(["we"], [0], _WE, _YOU)
    with pytest.raises(TypeError):
        module.pronoun_shares(["we"], [1, 2], _WE, _YOU)
    with pytest.raises(TypeError):
        module.pronoun_shares([b"we"], [1], _WE, _YOU)
    with pytest.raises(ValueError):
        module.title_overlaps(["a", "b"], [1, 1], [0, 3], 30)
    with pytest.raises(TypeError):
        module.title_overlaps(["a"], [1], (0, 1), 30)


def test_compiled_line_shares_are_the_pronoun_and_title_twins() -> None:
    """``line_shares`` (both twins in one pass) gives the two twins' lists, bit for bit,
    for one page, many pages, pages that leave lines out and empty pages."""
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    pages, lows, words = _word_lines()
    n = len(lows)
    for starts in ([0, *accumulate(map(len, pages))], [0, n], [], [0], [2, 2, 5, n - 3], [n, n]):
        live = module.line_shares(lows, words, starts, _WE, _YOU, TITLE_OVERLAP_MAX_WORDS)
        twins = (
            *module.pronoun_shares(lows, words, _WE, _YOU),
            module.title_overlaps(lows, words, starts, TITLE_OVERLAP_MAX_WORDS),
        )
        assert [_floats(s) for s in live] == [_floats(s) for s in twins]
    assert module.line_shares([], [], [0], _WE, _YOU, 30) == ([], [], [])
    with pytest.raises(ZeroDivisionError):
        module.line_shares(["we"], [0], [0, 1], _WE, _YOU, 30)
    bad: tuple[Any, ...]
    for bad in (
        (["a", "b"], [1, 1], [0, 3], _WE, _YOU, 30),
        (["a", "b"], [1, 1], [1, 0], _WE, _YOU, 30),
    ):
        with pytest.raises(ValueError):
            module.line_shares(*bad)
    for bad in (
        (["a"], [1], (0, 1), _WE, _YOU, 30),
        (["a"], [1, 2], [0, 1], _WE, _YOU, 30),
        ([b"a"], [1], [0, 1], _WE, _YOU, 30),
        (["a"], [1], [0, 1], ["we"], _YOU, 30),
        (["a"], [1], [0, 1], _WE, _YOU, "30"),
        (["a"], [1], [0, 1], _WE, _YOU),
    ):
        with pytest.raises(TypeError):
            module.line_shares(*bad)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_compiled_segments_are_the_python_segments(text: str) -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    blocks = split_blocks_python(text)
    share, nav = Label("share", "share-line"), Label("navigation", "menu")
    # equal labels that are other objects, None runs, a label on every other block
    choices: list[Label | None] = [None, share, nav, Label("share", "share-line"), None]
    for offset in range(len(choices)):
        labels = [choices[(k * 7 + offset) % len(choices)] for k in range(len(blocks))]
        got = build_segments(text, blocks, labels)
        assert got == build_segments_python(text, blocks, labels)
        assert all(type(segment) is Segment for segment in got) and "".join(s.text for s in got) == text
    with pytest.raises(ValueError):
        build_segments(text, blocks, [None] * (len(blocks) + 1))


def test_compiled_line_shapes_are_the_python_ones() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    every = [chr(c) for c in range(0, 0x110000, 7)]  # istitle and the edges of every kind of character
    pages = [every, [c + "a" for c in every], ["A" + c for c in every], ["a" + c + "B" for c in every]]
    pages += [[block.text for block in split_blocks_python(text)] or ["x"] for text in HOSTILE]
    pages.append(["ǅungla", "Hello World", "hello World", "HELLO", "1A", "A1b", "Ⅰ", "ⓐ", "\ud800x"])
    for lines in pages:
        lines = [line.replace("\n", "\x0b") for line in lines]  # digit_shares' lines hold no line break
        joined = "\n".join(lines)
        pair = zip(features.line_shapes(lines, joined), line_shapes_python(lines, joined), strict=True)
        for got, reference in pair:
            assert got.dtype == reference.dtype and got.tobytes() == reference.tobytes()
    with pytest.raises(IndexError):
        module.line_shapes(["a", ""])  # an empty line has no first character, in Python either


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_compiled_most_common_positions_are_the_numpy_ones(text: str) -> None:
    if compiled() is None:
        assert not native.AVAILABLE
        return
    for tokens in (text.split(), list(text), [str(len(word) % 3) for word in text.split()]):
        first = first_occurrences_python(tokens)
        for k in (0, 1, 2, 45, len(tokens) + 1):
            assert features.most_common_positions(first, k) == most_common_positions_python(first, k)
    odd = np.array([3, 0, 9, 0])  # not first positions: the Python path answers
    assert features.most_common_positions(odd, 2) == most_common_positions_python(odd, 2)


def test_byte_words_fall_back_to_python_when_the_hashes_collide(monkeypatch: pytest.MonkeyPatch) -> None:
    if native.MODULE is not None:  # the compiled twin live: make it give up, as on colliding hashes
        monkeypatch.setattr(features, "_native_byte_word_occurrences", lambda data: None)
    first, words = features.byte_word_occurrences(b"the cat and the hat")
    assert first.tolist() == [0, 1, 2, 0, 4] and list(words) == b"the cat and the hat".split()


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _hexes(matrix: np.ndarray) -> list[list[str]]:
    """Every number of a matrix as float.hex, row by row: equal only if equal bit for bit."""
    return [[value.hex() for value in row] for row in matrix.tolist()]


def _article_pages() -> list[list[str]]:
    """Pages for the article columns: every corpus case's lines, the hostile strings'
    lines (blocks, and split at LF only, so lines keep CR, NEL and U+2028 inside) and
    lines made of the characters each column reads at a line's edges."""
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted(CORPUS.rglob("*.txt"))
        if not p.name.endswith(".body.txt")
    ]
    pages = [[block.text for block in split_blocks_python(text)] for text in [*texts, *HOSTILE]]
    pages += [text.split("\n") for text in HOSTILE]
    pages.append(
        ["", " ", "\u00a0", "\ufeff", "\u200b", "A", "AB CD", "ǅ ǅ", "ΣΑΣ ΣΑΣ", "ß SS", "x" * 200_000]
    )
    pages.append(["Read more: the next one", "• a bullet", "“A quote”", "Why?", "Then:", "© 2024 Us | About"])
    pages.append(
        ["Call +1 (555) 010-0199", "www.example.com", "http://x.co/a", "mail a@b.co @handle", "10:22"]
    )
    pages.append(
        ["Jane Doe is a reporter.", "By Jane Doe", "[VIDEO] Watch", "Q: Why?", "About Us", "We and you"]
    )
    return [page for page in pages if page]


def test_compiled_article_columns_are_the_python_ones_bit_for_bit() -> None:
    """``article_matrix``'s compiled form (``article_columns``) and its Python reference,
    for each page alone and all of them as one batch, with every column and with the
    shipped trees' columns only: the same float64, every column, every row."""
    module = compiled()
    if module is None:
        assert not native.AVAILABLE and not article_lines._COMPILED_COLUMNS
        return
    assert module.article_column_names() == ARTICLE_FEATURES
    labeler = HeuristicLabeler()
    model = load_article_model()
    assert model is not None
    pages = _article_pages()
    batch = [text for page in pages for text in page]
    cases = [(page, None) for page in pages] + [(batch, [len(page) for page in pages])]
    for texts, sizes in cases:
        # the labeler reads no lone surrogate (its text is UTF-8): it reads each as U+FFFD,
        # while the columns read the lines as they are
        readable = [LONE_SURROGATE.sub("\ufffd", text) for text in texts]
        lines = labeler.read_lines(readable)
        leads = lead_in_categories(readable, lines.norms, labeler.lexicon)
        for columns in (None, model.columns, frozenset(["upper", "email", "button"])):
            args = (texts, lines, leads, labeler.lexicon, columns, sizes)
            got = _article_matrix_compiled(module, *args)
            reference = article_matrix_python(*args)
            assert got.shape == reference.shape == (len(texts), len(ARTICLE_FEATURES))
            assert _hexes(got) == _hexes(reference)


def test_compiled_article_columns_refuse_bad_arguments() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    none = (None,) * 14
    good = (["a b", "c"], [2, 1], ([0, 0], [0, 0], [0, 0]), ([0.0, 0.0], [0.0, 0.0], [0.0, 0.0]))
    lexical = ([None, "share"], [0, 0], [None, None])
    edges = article_lines._EDGE_SETS
    keep = bytes([1]) * len(ARTICLE_FEATURES)
    logs = article_lines._log_table()
    data, logged = module.article_columns(*good, lexical, none, [1, 1], edges, keep, logs)
    assert logged and np.frombuffer(data).shape == (2 * len(ARTICLE_FEATURES),)
    # counts past the table: left as counts, for numpy's log1p
    data, logged = module.article_columns(*good, lexical, none, [1, 1], edges, keep, logs[:2])
    assert not logged and np.frombuffer(data)[: 2 * 2].tolist() == [2.0, 1.0, 3.0, 1.0]
    empty: tuple[list[int], list[int], list[int]] = ([], [], [])
    assert module.article_columns([], [], empty, empty, empty, none, [], edges, keep, logs) == (
        bytearray(),
        True,
    )
    bad_calls = [
        (("a b", "c"), *good[1:], lexical, none, [1, 1], edges, keep, logs),  # a tuple of lines
        (["a b", b"c"], *good[1:], lexical, none, [1, 1], edges, keep, logs),  # bytes
        (
            ["a b", type("Str", (str,), {})("c")],
            *good[1:],
            lexical,
            none,
            [1, 1],
            edges,
            keep,
            logs,
        ),  # a subclass
        (good[0], [2], *good[2:], lexical, none, [1, 1], edges, keep, logs),  # too few words
        (good[0], [2, 1.0], *good[2:], lexical, none, [1, 1], edges, keep, logs),  # a float count
        (*good[:3], ([0.0, "x"], [0.0, 0.0], [0.0, 0.0]), lexical, none, [1, 1], edges, keep, logs),
        (*good, lexical[:2], none, [1, 1], edges, keep, logs),
        (*good, lexical, none[:-1], [1, 1], edges, keep, logs),
        (*good, lexical, (*none[:-1], [True]), [1, 1], edges, keep, logs),
        (*good, lexical, none, [1, 1], edges, keep[:-1], logs),
        (*good, lexical, none, [1, 1], (*edges[:2], "x" * 65), keep, logs),
        (*good, lexical, none, (1, 1), edges, keep, logs),
        (*good, lexical, none, [1, 1], edges, keep, logs.astype(np.float32)),
        (*good, lexical, none, [1, 1], edges, keep, logs[::2]),  # not contiguous
        (*good, lexical, none, [1, 1], edges, keep, "logs"),
        (*good, lexical, none, [1, 1], edges, keep),
    ]
    for args in bad_calls:
        with pytest.raises((TypeError, ValueError)):
            module.article_columns(*args)
    for sizes in ([2, 0], [1], [3], [1, 2], [-1, 3]):  # a page of none, not adding up to the lines
        with pytest.raises(ValueError):
            module.article_columns(*good, lexical, none, sizes, edges, keep, logs)
    with pytest.raises(ValueError):  # a negative count
        module.article_columns(good[0], [2, -1], *good[2:], lexical, none, [2], edges, keep, logs)
    with pytest.raises(ValueError):  # a count past 2**31
        module.article_columns(good[0], [2, 2**40], *good[2:], lexical, none, [2], edges, keep, logs)
    with pytest.raises(OverflowError):
        module.article_columns(good[0], [2, 2**80], *good[2:], lexical, none, [2], edges, keep, logs)


def test_compiled_twins_refuse_bad_arguments_without_crashing() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    assert module.split_blocks(tuple, " a ") == [(0, 1, 2, "a")]  # any class laid out as a tuple
    with pytest.raises(TypeError):
        module.split_blocks(list, "a")
    with pytest.raises(TypeError):
        module.split_blocks(Block, b"bytes")
    with pytest.raises(TypeError):
        module.first_occurrences([["unhashable"]])
    with pytest.raises(TypeError):
        module.first_occurrences(5)
    with pytest.raises(TypeError):
        module.byte_word_occurrences("a str, not bytes")
    with pytest.raises(TypeError):
        module.letter_counts(["a", b"bytes"])
    with pytest.raises(TypeError):
        module.letter_counts(("a tuple",))

    class Shrinking:
        """A token whose compare empties the list being read."""

        def __hash__(self) -> int:
            return 1

        def __eq__(self, other: object) -> bool:
            tokens.clear()
            return False

    tokens: list[Any] = [Shrinking(), Shrinking(), Shrinking()]
    with pytest.raises(RuntimeError):
        module.first_occurrences(tokens)
    x = np.zeros((2, 3))
    ok = (np.zeros(3, np.intp), np.zeros(3), np.array([1, 2, 0], np.intp), np.zeros(1, np.intp), np.zeros(3))
    walker = module.tree_walker(*ok, 1, 3)
    assert np.frombuffer(module.tree_logits(x, walker, 0.5)).tolist() == [0.5, 0.5]
    with pytest.raises(ValueError):  # a column past the row
        module.tree_walker(np.array([5, 0, 0], np.intp), *ok[1:], 1, 3)
    with pytest.raises(ValueError):  # a child past the tree
        module.tree_walker(ok[0], ok[1], np.array([9, 9, 9], np.intp), *ok[3:], 1, 3)
    with pytest.raises(ValueError):  # a root past the tree
        module.tree_walker(*ok[:3], np.array([3], np.intp), ok[4], 1, 3)
    with pytest.raises(ValueError):  # thresholds of the wrong item size
        module.tree_walker(ok[0], np.zeros(3, np.float32), *ok[2:], 1, 3)
    with pytest.raises(ValueError):  # values not one per slot
        module.tree_walker(*ok[:4], np.zeros(2), 1, 3)
    with pytest.raises(ValueError):  # rows narrower than the walk reads
        module.tree_logits(np.zeros((2, 2)), walker, 0.0)
    with pytest.raises(ValueError):  # x not a matrix
        module.tree_logits(np.zeros(3), walker, 0.0)
    with pytest.raises(ValueError):  # not a walker
        module.tree_logits(x, object(), 0.0)
    with pytest.raises(TypeError):
        module.tree_logits(x, walker)


def ensembles() -> list[TreeEnsemble]:
    """The shipped tree ensembles: the article-line model's and any in the line model's regimes."""
    found: list[TreeEnsemble] = []
    todo: list[Any] = [load_article_model(), load_model()]
    while todo:
        value = todo.pop()
        if isinstance(value, TreeEnsemble):
            found.append(value)
        elif dataclasses.is_dataclass(value):
            todo += [getattr(value, f.name) for f in dataclasses.fields(value)]
        elif isinstance(value, (list, tuple)):
            todo += list(value)
    return found


def test_compiled_tree_logits_are_the_numpy_logits_bit_for_bit(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(14)
    checked = 0
    for ensemble in ensembles():
        columns = len(ensemble.features)
        for rows in (1, 7, 300, 5000):
            x = rng.normal(0.0, 3.0, (rows, columns)) * rng.choice([0.0, 1.0, 1e-9, 1e6], (rows, columns))
            x[rng.random((rows, columns)) < 0.05] = np.nan  # never fitted, but walked alike
            monkeypatch.setattr(native, "MODULE", None)
            reference = ensemble.logits(x)
            monkeypatch.undo()
            # in C order, in Fortran order (article_matrix's transpose) and as a strided view
            for layout in (x, np.asfortranarray(x), np.repeat(x, 2, axis=0)[::2]):
                live = ensemble.logits(layout)
                assert live.dtype == reference.dtype and live.tobytes() == reference.tobytes()
            checked += 1
    assert checked


def test_compiled_tree_sums_add_as_numpy_for_any_number_of_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    """numpy sums a row pairwise (eight running sums, halves past 128): the C sum must add in
    the same order for every count of trees, not only the shipped models' counts."""
    rng = np.random.default_rng(11)
    for trees in (1, 2, 7, 8, 9, 15, 16, 17, 120, 128, 129, 136, 255, 300, 1025):
        slots = 3  # depth 1: a root and two leaves per tree
        feature = np.zeros(trees * slots, np.intp)
        feature[::slots] = rng.integers(0, 2, trees)
        threshold = np.full(trees * slots, np.inf)
        threshold[::slots] = rng.normal(size=trees)
        value = rng.normal(size=trees * slots) * 10.0 ** rng.integers(-8, 8, trees * slots)
        ensemble = TreeEnsemble(("a", "b"), float(rng.normal()), 1, feature, threshold, value)
        x = rng.normal(size=(40, 2))
        live = ensemble.logits(x)
        monkeypatch.setattr(native, "MODULE", None)
        reference = ensemble.logits(x)
        monkeypatch.undo()
        assert live.tobytes() == reference.tobytes(), trees


DUMP = """
import json, sys
from tests.test_native import dump
print(json.dumps(dump()))
"""


def _floats(value: Any) -> Any:
    """``value`` with every float written as its hex form, so equal means bit for bit."""
    if isinstance(value, float):
        return value.hex()
    if isinstance(value, np.ndarray):
        return _floats(value.tolist())
    if isinstance(value, (list, tuple)):
        return [_floats(v) for v in value]
    if isinstance(value, dict):
        return {k: _floats(v) for k, v in value.items()}
    return value


def dump() -> dict[str, Any]:
    """Every corpus case and hostile string cleaned page by page and batched, and each
    text page's line scores (both regimes): what the identity test compares."""
    from cleaner import Cleaner
    from cleaner.engine import without_surrogates

    cleaner = Cleaner(use_env=False)
    labeler = cleaner._heuristics.labeler()
    texts = [
        (str(p.relative_to(CORPUS)), p.read_text(encoding="utf-8")) for p in sorted(CORPUS.rglob("*.txt"))
    ]
    texts += [(f"hostile {k}", text) for k, text in enumerate(HOSTILE)]
    out: dict[str, Any] = {"path": native.path_name()}
    for name, text in texts:
        result = cleaner.clean(text)
        out[name] = [s.to_dict() for s in result.segments], result.outlet, _floats(result.metadata)
        if labeler is not None:
            lines = [block.text for block in split_blocks_python(without_surrogates(text))]
            out[name + " scores"] = [
                _floats(labeler.page_scores(lines, extracted)) for extracted in (False, True)
            ]
    for path in sorted(CORPUS.rglob("*.html")):
        result = cleaner.clean(html=path.read_bytes())
        out[str(path.relative_to(CORPUS))] = [s.to_dict() for s in result.segments]
    batch = cleaner._clean_batch([{"text": text} for _, text in texts])
    out["batched"] = [
        [s.to_dict() for s in r.segments] if not isinstance(r, Exception) else repr(r) for r in batch
    ]
    return out


def run_dump(pure: bool) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    env["PYTHONPATH"] = str(ROOT)
    if pure:
        env[native.PURE_ENV] = "1"
    done = subprocess.run(
        [sys.executable, "-X", "dev", "-c", DUMP],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.slow
def test_both_paths_clean_every_corpus_case_and_hostile_string_alike() -> None:
    pure, live = run_dump(pure=True), run_dump(pure=False)
    assert pure.pop("path") == "pure"
    assert live.pop("path") == ("native" if compiled() is not None else "pure")
    assert len(live) > len(HOSTILE) * 2
    assert sorted(pure) == sorted(live)
    for key in pure:
        assert live[key] == pure[key], key
