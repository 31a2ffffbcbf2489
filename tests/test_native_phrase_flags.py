"""The compiled ``phrase_line_flags`` (cleaner/native/phrase_flags.c) marks the lines
``HeuristicLabeler.phrase_lines_python`` marks: on the corpus cases and hostile strings
read as the labeler reads a page, on random scans (covers at and around the share, huge
ints, listed and unlisted lines, every string width), and it refuses bad arguments."""

from __future__ import annotations

import random
import re

import pytest

from cleaner import native
from cleaner.heuristics.labeler import LEX_LINE_COVER, PHRASE_LINE_MAX_WORDS, HeuristicLabeler
from cleaner.heuristics.scores import PageLines, PhraseScan
from tests.test_native_line_marks import _pages

MODULE = native.MODULE
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")

SEED = 33
RANDOM_PAGES = 400
LABELER = HeuristicLabeler()
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
ALPHABET = ["a", "b", " ", "é", "ж", "\u4e2d", "\U0001f600", "\ud800", "\u00a0", "\u2028"]


def _flags(lines: PageLines) -> list[bool]:
    assert MODULE is not None
    lows, norms, (categories, covered, _), _, words = lines
    listed = LABELER.lexicon.line_category
    return MODULE.phrase_line_flags(
        categories, covered, lows, norms, listed, words, LEX_LINE_COVER, PHRASE_LINE_MAX_WORDS
    )


@needs_build
def test_corpus_and_hostile_pages_flag_as_python() -> None:
    for texts in _pages():  # a lone surrogate as the text path reads it (engine: U+FFFD)
        lines = LABELER.read_lines([LONE_SURROGATE.sub("\ufffd", text) for text in texts])
        assert _flags(lines) == LABELER.phrase_lines_python(lines)
        assert LABELER.phrase_lines(lines) == LABELER.phrase_lines_python(lines)


def _random_lines(rng: random.Random) -> PageLines:
    """A page of random lines with a random scan: covers near half a line, a few huge."""
    n = rng.randrange(0, 30)
    listed = list(LABELER.lexicon.line_category)[:50] or ["x"]
    lows = ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 12))) for _ in range(n)]
    norms = [rng.choice(listed) if rng.random() < 0.2 else low for low in lows]
    categories = [rng.choice([None, "related", "share"]) for _ in range(n)]
    covered = [
        rng.choice([len(low) // 2, (len(low) + 1) // 2, len(low), 0, 2**70, -(2**70), -1, 2**53 + 1])
        for low in lows
    ]
    words = [
        rng.choice([0, 1, PHRASE_LINE_MAX_WORDS, PHRASE_LINE_MAX_WORDS + 1, 2**70, -(2**70)]) for _ in lows
    ]
    return PageLines(lows, norms, PhraseScan(categories, covered, [False] * n), "\n".join(lows), words)


@needs_build
def test_random_scans_flag_as_python() -> None:
    rng = random.Random(SEED)
    for _ in range(RANDOM_PAGES):
        lines = _random_lines(rng)
        assert _flags(lines) == LABELER.phrase_lines_python(lines)


@needs_build
def test_bad_arguments_are_refused() -> None:
    assert MODULE is not None
    good: list[object] = [["a"], [1], ["ab"], ["ab"], {}, [1], 0.5, 6]
    assert MODULE.phrase_line_flags(*good) == [True]
    for at, bad in [
        (0, ("a",)),
        (1, ["1"]),
        (2, [b"ab"]),
        (3, [None]),
        (4, ["ab"]),
        (5, [1.0]),
        (6, "half"),
        (7, None),
    ]:
        args = list(good)
        args[at] = bad
        with pytest.raises(TypeError):
            MODULE.phrase_line_flags(*args)
    with pytest.raises(ValueError):
        MODULE.phrase_line_flags(["a"], [1, 2], ["ab"], ["ab"], {}, [1], 0.5, 6)
    with pytest.raises(TypeError):
        MODULE.phrase_line_flags(["a"])
