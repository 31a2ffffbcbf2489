"""The compiled ``utf8_of`` (cleaner/native/page_utf8.c) gives ``str.encode()``'s bytes, or its
error, on the corpus pages, the hostile strings, every width's boundaries and random texts
(ASCII runs with a rare other character at any offset, the eight-byte chunks' edges), and
refuses what is not a str."""

from __future__ import annotations

import random

import pytest

from tests.paths import CORPUS
from tests.test_native import HOSTILE, compiled

MODULE = compiled()
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")

SEED = 29
RANDOM_TEXTS = 2_000
COMMON = ["a", " ", "Z", "\n", "~", "\x00", "\x7f"]
RARE = ["\x80", "é", "\xff", "\u0100", "\u07ff", "\u0800", "’", "\ufeff", "\uffff", "\U00010000"]
RARE += ["\U0001f600", "\U0010ffff", "\u2028", "\x85", "\xa0", "\u200b"]
SURROGATES = ["\ud800", "\udfff", "\udc80"]


def _same(text: str) -> None:
    """utf8_of(text) is text.encode(), its error included."""
    assert MODULE is not None
    try:
        expected = text.encode()
    except UnicodeEncodeError as error:
        with pytest.raises(UnicodeEncodeError) as raised:
            MODULE.utf8_of(text)
        assert str(raised.value) == str(error)
        return
    found = MODULE.utf8_of(text)
    assert type(found) is bytes and found == expected


@needs_build
def test_corpus_and_hostile_texts() -> None:
    pages = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.rglob("*.txt"))]
    for text in pages + HOSTILE + ["Word " * 40_000 + "é’\U0001f600", ""]:
        _same(text)
        _same(text.lower())


@needs_build
def test_random_texts_in_every_width() -> None:
    rng = random.Random(SEED)
    for _ in range(RANDOM_TEXTS):
        chars = [rng.choice(COMMON) for _ in range(rng.randint(0, 40))]
        for _ in range(rng.randint(0, 3)):
            chars.insert(rng.randint(0, len(chars)), rng.choice(RARE))
        if rng.random() < 0.05:
            chars.insert(rng.randint(0, len(chars)), rng.choice(SURROGATES))
        _same("".join(chars))


@needs_build
def test_refuses_what_is_no_str() -> None:
    assert MODULE is not None
    for bad in (b"abc", None, 3, ["a"]):
        with pytest.raises(TypeError):
            MODULE.utf8_of(bad)  # type: ignore[arg-type]


LONG_TEXTS = 2_000
LONG_MOST = 120  # characters: several sixteen-character vector steps and a tail


@needs_build
def test_long_random_texts_across_vector_steps() -> None:
    """Texts long enough for several SSE2 steps: ASCII runs of any length between wide
    characters and runs of them, at every offset of a step (and a surrogate now and then)."""
    rng = random.Random(SEED + 1)
    for _ in range(LONG_TEXTS):
        plain = rng.random()
        chars = [
            rng.choice(COMMON) if rng.random() < plain else rng.choice(RARE)
            for _ in range(rng.randint(0, LONG_MOST))
        ]
        if chars and rng.random() < 0.05:
            chars[rng.randrange(len(chars))] = rng.choice(SURROGATES)
        _same("".join(chars))
