"""The heuristics' shortcuts give what the plain forms they replace give (byte-identical
output is also checked against main by ``bench/compare_outputs.py``)."""

from __future__ import annotations

import tempfile
from bisect import bisect_right
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from cleaner.blocks import split_blocks
from cleaner.heuristics import HeuristicLabeler
from cleaner.heuristics import lexicon as lexicon_module
from cleaner.heuristics.features import (
    _CJK,
    FAR,
    NEAR,
    OTHER_SPACES,
    _context_means,
    _stop_shares,
    ascii_spaced,
    byte_token_counts,
    first_occurrences,
    may_hold_cjk,
    most_common_positions,
)
from cleaner.heuristics.labeler import PHRASE_LINE_MAX_WORDS, PHRASE_START_SLACK
from cleaner.heuristics.scores import PhraseScan
from cleaner.heuristics.windows import padded_prefix, window_mean
from tests.paths import ROOT

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "cleaner-hypothesis")
LABELER = HeuristicLabeler()


@settings(max_examples=300, database=None, deadline=None)
@given(st.lists(st.sampled_from("abcdefghij"), max_size=300), st.integers(1, 60))
def test_most_common_is_the_head_of_a_stable_sort(tokens: list[str], k: int) -> None:
    counts = Counter(tokens)
    first = first_occurrences(tokens)
    assert first.tolist() == [tokens.index(token) for token in tokens]
    ranked = [tokens[pos] for pos in most_common_positions(first, k)]
    assert ranked == sorted(counts, key=counts.__getitem__, reverse=True)[:k]


PAGE = [
    "Council approves new budget",
    "Related: Five things to know about the new budget",
    "Read more",
    "The council voted on Tuesday to approve the budget after a long debate over parking charges.",
    "Sign up for our newsletter",
    "Share this article on Facebook and Twitter and everywhere else you like to read the news today",
    "Lesen Sie auch:",
    "Photo: Jane Doe/Reuters",
]


def test_phrase_lines_match_the_array_form() -> None:
    lines = LABELER.read_lines(PAGE)
    _, lex_any, lex_line = LABELER.lexicon_features(lines.lows, lines.norms, lines.scan)
    words = np.array(lines.words)
    expected = ((lex_any > 0.0) & (lex_line > 0.0) & (words <= PHRASE_LINE_MAX_WORDS)).tolist()
    assert LABELER.phrase_lines(lines) == expected
    assert any(expected) and not all(expected)


def _scan_in_characters(lows: list[str]) -> PhraseScan:
    """The phrase scan as first written: every hit in characters (``phrase_hits``), its
    line found by bisection of the lines' starts."""
    starts, at = [], 0
    for low in lows:
        starts.append(at)
        at += len(low) + 1
    categories: list[str | None] = [None] * len(lows)
    covered, at_start = [0] * len(lows), [False] * len(lows)
    for start, end, category in LABELER.lexicon.phrase_hits("\n".join(lows)):
        j = bisect_right(starts, start) - 1
        categories[j] = categories[j] or category
        covered[j] += end - start
        at_start[j] = at_start[j] or start - starts[j] <= PHRASE_START_SLACK
    return PhraseScan(categories, covered, at_start)


# Hits near a line's start in several scripts (a character of one to four bytes before
# the phrase), phrases twice on a line, and lines holding line breaks of their own (html).
SCAN_LINES = [
    "» read more: council votes",
    "ééé read more",
    "éé read more",
    "中文 related: 中文",
    "𝄞 read more",
    "𝄞𝄞 read more",
    "— lesen sie auch: ärger — lesen sie auch: mehr",
    "related\nread more",
    "no phrase at all on this line",
    "x\n read more",
]


def test_phrase_scan_in_bytes_is_the_scan_in_characters() -> None:
    pages = [[line.lower() for line in SCAN_LINES]]
    for case in sorted((ROOT / "corpus").glob("*/*.txt")):
        pages.append([block.text.lower() for block in split_blocks(case.read_text(encoding="utf-8"))])
    pages.append([line for page in pages[1:] for line in page])  # a batch's lines, without breaks
    hits = 0
    for lows in pages:
        expected = _scan_in_characters(lows)
        assert LABELER.scan_phrases(lows) == expected
        assert LABELER.scan_phrases(lows, "\n".join(lows), "\n".join(lows).encode()) == expected
        hits += sum(expected.at_start)
    assert hits > 50


def _program_hits(lexicon: lexicon_module.Lexicon, data: bytes) -> list[tuple[int, str, int]]:
    """The phrases RE2's program finds in ``data``, as ``phrase_byte_hits`` gives them."""
    match, pos = lexicon._phrase_matcher().Match, 0
    hits: list[tuple[int, str, int]] = []
    while True:
        start, pos = match(lexicon_module._UNANCHORED, data, pos, len(data))[0]
        if start < 0:
            return hits
        category, length = lexicon._phrase_bytes[data[start:pos]]
        hits.append((start, category, length))


_PHRASES = sorted(LABELER.lexicon.phrase_category)


@settings(max_examples=300, database=None, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_PHRASES), st.sampled_from([" ", "\n", "é", "中", "re", "ad ", "x"])),
        max_size=12,
    ).map("".join),
    st.integers(0, 8),
)
def test_short_texts_scanned_in_python_find_the_programs_phrases(text: str, cut: int) -> None:
    # phrases side by side, overlapping, cut short at the text's end, between other characters
    data = text.encode()[: len(text.encode()) - cut] if cut else text.encode()
    data = data.decode("utf-8", "ignore").encode()
    assert list(LABELER.lexicon._small_scan(data)) == _program_hits(LABELER.lexicon, data)


def test_a_one_line_text_is_scanned_before_the_phrases_are_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_module, "_NATIVE", None)  # the pure path (compiled, no RE2 program is made)
    lexicon = lexicon_module.load_lexicon()
    line = b"read more: the council approved the budget. share this article"
    assert lexicon._matcher is None
    hits = list(lexicon.phrase_byte_hits(line))
    assert lexicon._matcher is None and len(hits) >= 2  # scanned without compiling
    assert hits == _program_hits(lexicon_module.load_lexicon(), line)
    for _ in range(lexicon_module.SMALL_SCANS):
        assert list(lexicon.phrase_byte_hits(line)) == hits
    assert lexicon._matcher is not None  # a process of many short texts compiles after a few
    long_text = line * (lexicon_module.SMALL_SCAN_BYTES // len(line) + 1)
    fresh = lexicon_module.load_lexicon()
    assert list(fresh.phrase_byte_hits(long_text)) == _program_hits(fresh, long_text)
    assert fresh._matcher is not None


def test_the_cjk_byte_test_misses_no_cjk_character() -> None:
    cjk = [chr(c) for c in range(0x10000) if _CJK.match(chr(c))]
    assert len(cjk) > 20000
    assert all(may_hold_cjk(f"a {char} b".encode()) for char in cjk)
    assert not may_hold_cjk("Prix : 12 € — « Lire aussi » · Ελληνικά · Русский".encode())


def _plain_window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """The window mean as first written: prefix sums gathered at each line's clamped bounds."""
    n = len(values)
    if n < 2:
        return np.zeros(n)
    prefix = np.concatenate(([0.0], np.cumsum(values)))
    index = np.arange(n)
    upper = np.minimum(index + (radius + 1), n)
    lower = np.maximum(index - radius, 0)
    return (prefix[upper] - prefix[lower] - values) / (upper - lower - 1)  # type: ignore[no-any-return]


@settings(max_examples=200, database=None, deadline=None)
@given(st.lists(st.floats(0.0, 12.0), min_size=0, max_size=80), st.randoms(use_true_random=False))
def test_context_means_are_the_window_means_bit_for_bit(lengths: list[float], rng: Any) -> None:
    len_log = np.log1p(np.array(lengths, dtype=np.float64))
    long_ = np.array([float(rng.random() < 0.4) for _ in lengths])
    terminal = np.array([float(rng.random() < 0.5) for _ in lengths])
    got = _context_means(len_log, long_, terminal)
    expected = [
        _plain_window_mean(column, radius)
        for column, radius in ((len_log, NEAR), (len_log, FAR), (long_, FAR), (terminal, FAR))
    ]
    assert all(a.tolist() == b.tolist() for a, b in zip(got, expected))
    padded = padded_prefix(len_log, FAR)
    for radius in (NEAR, FAR):
        assert (
            window_mean(padded, len_log, radius, FAR).tolist() == _plain_window_mean(len_log, radius).tolist()
        )


def test_other_spaces_are_the_white_space_bytes_split_does_not_know() -> None:
    every_space = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(OTHER_SPACES) | set(" \t\n\x0b\x0c\r") == every_space
    assert not set(OTHER_SPACES) & set(" \t\n\x0b\x0c\r")


_LINE_CHARS = st.sampled_from(
    # "©" and "\x85" share the no-break space's first UTF-8 byte (C2), which numpy marks
    [
        "a",
        "b",
        "é",
        "ß",
        "ü",
        "中",
        "’",
        "1",
        " ",
        "  ",
        "\t",
        "\xa0",
        "\u2003",
        "\x1c",
        "x",
        "©",
        "\x85",
        "\u3000",
    ]
)


@settings(max_examples=300, database=None, deadline=None)
@given(st.lists(st.lists(_LINE_CHARS, min_size=1, max_size=12).map("".join), min_size=1, max_size=30))
def test_byte_tokens_are_the_text_tokens(lines: list[str]) -> None:
    page = "\n".join(lines)
    data = page.encode()
    expected = [len(line.split()) for line in lines]
    assert byte_token_counts(data, len(lines)) == expected  # whatever white space the lines hold
    if not ascii_spaced(data):
        assert any(space in page for space in OTHER_SPACES)
        return
    words = np.array([count or 1 for count in expected])
    plain = _stop_shares(page, expected, words)
    assert _stop_shares(page, expected, words, data).tolist() == plain.tolist()


def test_byte_token_counts_refuse_empty_lines() -> None:
    assert byte_token_counts(b"a b\n\nc", 3) is None
    assert byte_token_counts(b"\na b", 2) is None
    assert byte_token_counts(b"a b\n", 2) is None
    assert byte_token_counts(b"\n", 2) is None
    assert byte_token_counts(b"a b\nc d e", 2) == [2, 3]


def test_byte_token_counts_refuse_a_line_holding_a_line_break() -> None:
    # an html block may hold a line break: its lines are then not the page's lines
    assert byte_token_counts(b"a b\nc d\ne", 2) is None
