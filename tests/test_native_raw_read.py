"""The compiled ``lower_count_lines`` (cleaner/native/raw_read.c) gives what the two passes it
replaces gave: the page's lower-cased lines, their normalised forms and whether a line
holds a line break, then ``token_counts_python`` of the lower-cased lines and ``ascii_spaced``
of them joined in UTF-8, on the corpus cases' lines, the hostile
strings, every white space and cased character, and random texts; it refuses bad arguments.
It replaced the compiled ``lower_lines`` (raw_lower.c keeps the helpers both used), so its
lines are also checked here with the pieces that test read: final sigmas and line ends.
``stack_columns`` (same file) gives ``LinearStage.logits`` the same floats as its numpy path."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest

from cleaner.heuristics import features, model
from cleaner.heuristics.lexicon import LINE_END, lower_text, lower_text_python
from cleaner.heuristics.model import LinearStage
from tests.paths import CORPUS
from tests.test_native import HOSTILE, compiled

MODULE = compiled()
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")

SEED = 25
RANDOM_PAGES = 300
SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
CASED = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).lower() != chr(c)]
PIECES = ["a", "A", "Ünï", "ΣΑΣ", "İ", "中文", "\U0001f600", "\u200b", "\ufeff", "\ud800", "x" * 50, "\n"]
# the scripts word_counts counts by their characters: kana, CJK, compatibility ideographs,
# Thai, Lao, Burmese, Khmer, and their blocks' neighbours
PIECES += ["\u3040", "\u30ff", "\u3400", "\u4dbf", "\u9fff", "\ufa00", "\u0e01", "\u0e81", "\u1000", "\u109f"]
PIECES += ["\u1780", "\u17ff", "\u2fff", "\u3100", "\u0dff", "\u1800", "\ufb00", "\u10a0", "\uac00"]
PIECES += SPACES
# pieces for the lower-casing alone: the final sigma, capitals whose lower case differs in
# length, a combining mark after a capital, and the characters LINE_END strips
CASE_SEED = 21
CASE_PIECES = ["a", "A", "Σ", "ΣΑΣ", "İ", "ß", "ẞ", "中文", "\U0001f600", "\U00010400", "\u200b", "\ufeff"]
CASE_PIECES += ["\ud800", "\u0307", "\u2028", "\x85", "\xa0", " ", ".", "…", "!", ":", "\n", "x" * 50]


@contextmanager
def _numpy_path() -> Iterator[None]:
    """``LinearStage.logits`` without the compiled ``stack_columns``: numpy gathers the columns."""
    found = model._stack_columns
    model._stack_columns = None
    try:
        yield
    finally:
        model._stack_columns = found


def _check(lines: list[str]) -> None:
    """The fused twin against the page lowered and split, and the Python originals of the word counts."""
    assert MODULE is not None
    lows, norms, has_break, words, spaced, counted = MODULE.lower_count_lines(
        lines, MODULE.lower_text, lower_text_python, LINE_END
    )
    expected = lower_text("\n".join(lines)).split("\n")  # the page lowered and split, as before
    if len(expected) != len(lines):
        expected = list(map(lower_text, lines))
    assert (lows, norms, has_break) == (
        expected,
        [low.rstrip(LINE_END) for low in expected],
        any("\n" in line for line in lines),
    )
    assert all(type(low) is str for low in lows)
    assert words == features.token_counts_python(lows)
    assert spaced == features.ascii_spaced("\n".join(lows).encode("utf-8", "surrogatepass"))
    page = "\n".join(lows)
    data = page.encode("utf-8", "surrogatepass")
    expected_words = features.word_counts(lows, lines, page, features.token_counts_python(lows), data)
    assert counted == expected_words
    assert (counted is words) == (expected_words == words)  # the tokens list itself where none changes


@needs_build
def test_corpus_and_hostile_lines() -> None:
    pages = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.rglob("*.txt"))]
    long_lines = ["Word " * 40_000 + "ΣΑΣ.\u3000", "Word " * 40_000 + "ΣΑΣ.", "\u2028".join(["A b."] * 100)]
    for text in pages + HOSTILE + long_lines:
        _check(text.split("\n"))
        _check(text.splitlines())
        _check([text])


@needs_build
def test_every_white_space_and_cased_character() -> None:
    for space in SPACES:
        _check([f"a{space}b", f"A{space}B", "plain line", space])
    for start in range(0, len(CASED), 64):
        chunk = "".join(CASED[start : start + 64])
        _check([chunk, "a " + chunk + " b.", chunk.lower()])


@needs_build
def test_lower_cases_of_another_width() -> None:
    """Lines whose lower case fits a narrower str than theirs, or needs a wider one, and the
    characters lowered by their neighbours: the one-pass wide path hands them to the lower-caser."""
    for line in [
        "Ÿ",
        "ŸÀ b",
        "\u0178\u2019",
        "\U00010400",
        "\U00010400\u0130",
        "Ωx ΣΑΣ",
        "İi\u0307",
        "\u1e9e",
    ]:
        _check([line, line + " Word.", "a\u0307" + line, "é" + line])


def test_caseless_blocks() -> None:
    """The blocks raw_read.c's ``caseless`` lowers without a case lookup hold no cased character."""
    for first, last in ((0x2000, 0x206F), (0x3000, 0x9FFF)):
        assert all(chr(c).lower() == chr(c) for c in range(first, last + 1))


@needs_build
def test_random_texts() -> None:
    for seed, pieces in ((SEED, PIECES), (CASE_SEED, CASE_PIECES)):
        rng = random.Random(seed)
        for _ in range(RANDOM_PAGES):
            lines = [
                "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
                for _ in range(rng.randint(0, 30))
            ]
            _check(lines)


# ASCII runs with a rare other character at any offset: the eight-byte chunks of raw_read.c
# (ascii_chunk) against the character loop, in every string width
CHUNK_SEED = 29
CHUNK_COMMON = ["a", "Z", " ", "q", "M", "@", "[", "`", "{", "~", "!", "0"]
CHUNK_RARE = ["\t", "\x1c", "\x1f", "\x0b", "\x00", "\x7f", "\x85", "\xa0", "é", "É", "’", "\u2028", "中"]
CHUNK_RARE += ["\U0001f600", "\ud800", "Σ", "İ", "\u3000"]


@needs_build
def test_ascii_chunks_in_every_width() -> None:
    rng = random.Random(CHUNK_SEED)
    for _ in range(RANDOM_PAGES):
        lines = []
        for _ in range(rng.randint(1, 12)):
            chars = [rng.choice(CHUNK_COMMON) for _ in range(rng.randint(0, 40))]
            for _ in range(rng.randint(0, 2)):
                chars.insert(rng.randint(0, len(chars)), rng.choice(CHUNK_RARE))
            lines.append("".join(chars))
        _check(lines)
        _check(["".join(rng.choice(" aB") for _ in range(rng.randint(0, 24))) for _ in range(8)])
        # past two 16-byte vectors in each width: word starts and capitals at every place
        for wide in ("", "é", "’", "\U0001f600"):
            _check(
                [wide + "".join(rng.choice(" aBz@[`{") for _ in range(rng.randint(0, 72))) for _ in range(8)]
            )


@needs_build
def test_refuses_bad_arguments() -> None:
    assert MODULE is not None
    lower = MODULE.lower_text
    with pytest.raises(TypeError):
        MODULE.lower_count_lines(("a",), lower, lower_text_python, LINE_END)
    with pytest.raises(TypeError):
        MODULE.lower_count_lines(["a", b"b"], lower, lower_text_python, LINE_END)
    with pytest.raises(TypeError):
        MODULE.lower_count_lines(["a"], None, lower_text_python, LINE_END)
    with pytest.raises(TypeError):
        # (a line the lower-caser makes: the one-pass path lowers "é" itself)
        MODULE.lower_count_lines(["Σé"], lambda text: 1, lower_text_python, LINE_END)
    with pytest.raises(TypeError):
        MODULE.lower_count_lines(["a"], lower, lower_text_python)  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        MODULE.lower_count_lines(["a"], lower, lower_text_python, "." * 33)
    assert MODULE.lower_count_lines([], lower, lower_text_python, LINE_END) == ([], [], False, [], True, [])


def _stage(names: list[str], rng: random.Random) -> LinearStage:
    """A linear stage over ``names``, some of their weights zero (left out, as the fit leaves them)."""
    weights = tuple((name, rng.choice([0.0, rng.uniform(-3, 3)])) for name in names)
    return LinearStage(rng.uniform(-1, 1), weights)


@needs_build
def test_stacked_logits_are_numpys_bit_for_bit() -> None:
    """``LinearStage.logits`` with ``stack_columns`` against its numpy path, on page constants,
    arrays of every page size, and the kinds of column that path alone reads."""
    rng = random.Random(SEED)
    np_rng = np.random.default_rng(SEED)
    names = [f"c{k}" for k in range(40)]
    for n in [1, 2, 3, 7, 100, 228, 1000]:
        for constants in (0.0, 0.1, 0.5, 1.0):
            stage = _stage(names, rng)
            cols: dict[str, Any] = {
                name: float(np_rng.normal()) if rng.random() < constants else np_rng.normal(size=n)
                for name in names
            }
            cols["c0"] = np.float64(2.5) if constants else cols["c0"]  # a float subclass: a constant too
            fast = stage.logits(cols, n)
            with _numpy_path():
                slow = stage.logits(cols, n)
            assert fast.tobytes() == slow.tobytes() and fast.shape == slow.shape
    stage = _stage(names[:3], rng)
    for odd in (
        [1.0, 2.0, 3.0],
        np.arange(3),
        np.ones((2, 6))[:, ::2][0],
        np.ones(3, np.float32),
        np.ones(4),
    ):
        cols = {"c0": np.ones(3), "c1": odd, "c2": 0.5}
        assert MODULE is not None
        assert MODULE.stack_columns(cols, ("c0", "c1", "c2"), 3, np.empty((3, 3))) is None
        if len(odd) == 3:
            fast = stage.logits(cols, 3)
            with _numpy_path():
                assert fast.tobytes() == stage.logits(cols, 3).tobytes()


@needs_build
def test_stack_columns_refuses_bad_arguments() -> None:
    assert MODULE is not None
    cols = {"a": np.ones(3), "b": 1.0}
    assert MODULE.stack_columns(cols, ("a", "b"), 3, np.empty((2, 3))) == ((1,), (1.0,))
    with pytest.raises(KeyError):
        MODULE.stack_columns(cols, ("a", "x"), 3, np.empty((2, 3)))
    with pytest.raises(ValueError):
        MODULE.stack_columns(cols, ("a", "b"), 3, np.empty((2, 2)))
    with pytest.raises(ValueError):
        MODULE.stack_columns(cols, ("a", "b"), 3, np.empty((2, 3), np.float32))
    with pytest.raises(ValueError):
        MODULE.stack_columns(cols, ("a", "b"), -1, np.empty(0))
    with pytest.raises(TypeError):
        MODULE.stack_columns(cols, ("a", "b"), 3, b"x" * 48)  # read-only
    with pytest.raises(TypeError):
        MODULE.stack_columns(list(cols), ("a", "b"), 3, np.empty((2, 3)))
    with pytest.raises(TypeError):
        MODULE.stack_columns(cols, ["a", "b"], 3, np.empty((2, 3)))
