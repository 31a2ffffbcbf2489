"""The compiled ``page_stop_column`` (cleaner/native/raw_stops.c) gives the raw-dump
column "stop" of ``_stop_shares``, bit for bit, as the three compiled calls it replaces
and the Python path: on the corpus cases, the hostile strings, words of every length
near the page's end (its 8-byte read and its copy must hash a word alike) and random
texts; it refuses bad arguments and hands over to the three calls on None."""

from __future__ import annotations

import random
import sys

import numpy as np
import pytest

from cleaner.heuristics import features
from cleaner.heuristics.lexicon import lower_text
from tests.paths import CORPUS
from tests.test_native import HOSTILE, compiled

MODULE = compiled()
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")

SEED = 22
RANDOM_PAGES = 400
SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
WORDS = ["a", "the", "of", "Ünï", "ß", "中文", "\U0001f600", "\u200b", "\ufeff", "x" * 50]
PIECES = [*WORDS, " ", "\n", *SPACES]
# control bytes that are no white space: the 8-byte scan flags them and reads on
CONTROLS = ["\x01", "\x1b", "\x7f", "ab\x0ecd\x10efghij", "abcdefg\x00hij"]
LETTERS = "abcdé"


def _inputs(page: str) -> tuple[bytes, list[int], np.ndarray]:
    """The spaced bytes, token counts and word counts ``_stop_shares`` is given."""
    assert MODULE is not None
    tokens = features.token_counts_python(page.split("\n"))
    words = np.array([max(count, 1) for count in tokens], dtype=np.int64)
    return MODULE.respaced_utf8(page), tokens, words


def _check(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fused call against the three calls and, without surrogates, the str path."""
    assert MODULE is not None
    spaced, tokens, words = _inputs(page)
    column = MODULE.page_stop_column(spaced, tokens, words)
    assert column is not None
    fused = np.frombuffer(column, np.float64).tolist()
    with monkeypatch.context() as patch:
        patch.setattr(features, "_native_page_stop_column", None)
        assert features._stop_shares(page, tokens, words, spaced).tolist() == fused
        if "\ud800" not in page:
            patch.setattr(features, "_native_stop_shares", None)
            assert features._stop_shares(page, tokens, words).tolist() == fused


@needs_build
def test_corpus_and_hostile_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.rglob("*.txt"))]
    extra = ["word " * 40_000 + "\u3000", "\u2028".join(["a b"] * 100), "x" * 200_000, "\ud800 a \ud800"]
    for text in pages + HOSTILE + extra:
        _check(text, monkeypatch)
        _check(lower_text(text), monkeypatch)


@needs_build
def test_words_of_every_length_at_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    for size in range(1, 20):
        word = "abcdefghijklmnopqrstuvwxyz"[:size]
        for pad in range(10):
            _check(f"{word} {'q' * pad} {word}\n{word}", monkeypatch)
            _check(f"{word}\n{word}", monkeypatch)


@needs_build
def test_random_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(SEED)
    for _ in range(RANDOM_PAGES):
        if rng.random() < 0.5:
            pieces = [rng.choice(PIECES + CONTROLS) for _ in range(rng.randint(1, 200))]
        else:  # few distinct short words: ranking ties and the 45 ranked
            pieces = [
                "".join(rng.choices(LETTERS, k=rng.randint(1, 9))) + rng.choice(" \n") for _ in range(300)
            ]
        page = "".join(pieces).strip("\n") or "a"
        _check(page, monkeypatch)


@needs_build
def test_refuses_bad_arguments() -> None:
    assert MODULE is not None
    words = np.array([1], dtype=np.int64)
    with pytest.raises(TypeError):
        MODULE.page_stop_column("a", [1], words)
    with pytest.raises(TypeError):
        MODULE.page_stop_column(b"a", (1,), words)
    with pytest.raises(ValueError):
        MODULE.page_stop_column(b"a", [1], np.array([1.0]))
    with pytest.raises(ValueError):
        MODULE.page_stop_column(b"a", [1], np.array([1, 1], dtype=np.int64))
    with pytest.raises(ValueError):
        MODULE.page_stop_column(b"a b", [1], words)
    with pytest.raises(ValueError):
        MODULE.page_stop_column(b"a", [2], words)
    with pytest.raises(ValueError):
        MODULE.page_stop_column(b"a", [-1], words)
    assert np.frombuffer(MODULE.page_stop_column(b"", [0], words), np.float64).tolist() == [0.0]


@needs_build
def test_none_hands_over_to_the_three_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    page = "the cat and the dog\nof the day"
    spaced, tokens, words = _inputs(page)
    expected = features._stop_shares(page, tokens, words, spaced).tolist()
    monkeypatch.setattr(features, "_native_page_stop_column", lambda *args: None)
    assert features._stop_shares(page, tokens, words, spaced).tolist() == expected
