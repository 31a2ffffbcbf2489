"""The compiled ``respaced_utf8`` (cleaner/native/raw_words.c) writes a page whose
``bytes.split()`` gives ``str.split()``'s words in UTF-8, and the raw-dump column "stop"
read from it is ``_stop_shares``' of the words as str: on the corpus cases, the hostile
strings, every white space character and random texts; it refuses what is no str."""

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

SEED = 21
RANDOM_PAGES = 300
SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
PIECES = ["a", "the", "Ünï", "ß", "中文", "\U0001f600", "\u200b", "\ufeff", "\ud800", "x" * 50, *SPACES]


def _check(page: str) -> None:
    """The twin's words against ``str.split()``'s, and the stop column both ways."""
    assert MODULE is not None
    spaced = MODULE.respaced_utf8(page)
    assert spaced.split() == [word.encode("utf-8", "surrogatepass") for word in page.split()]
    if "\ud800" not in page:
        assert spaced.replace(b" ", b"") == "".join(page.split()).encode()
    lines = page.split("\n")
    tokens = features.token_counts_python(lines)
    words = np.array([max(count, 1) for count in tokens], dtype=np.int64)
    alone = features._stop_shares(page, tokens, words)
    assert features._stop_shares(page, tokens, words, spaced).tolist() == alone.tolist()


@needs_build
def test_corpus_and_hostile_pages() -> None:
    pages = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.rglob("*.txt"))]
    for text in pages + HOSTILE + ["word " * 40_000 + "\u3000", "\u2028".join(["a b"] * 100)]:
        _check(text)
        _check(lower_text(text))


@needs_build
def test_every_white_space_character() -> None:
    for space in SPACES:
        _check(f"a{space}b\nthe{space}the a")
        _check(space)


@needs_build
def test_random_texts() -> None:
    rng = random.Random(SEED)
    for _ in range(RANDOM_PAGES):
        lines = [
            "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 30))
        ]
        _check("\n".join(lines))


@needs_build
def test_refuses_bad_arguments() -> None:
    assert MODULE is not None
    with pytest.raises(TypeError):
        MODULE.respaced_utf8(b"a b")
    with pytest.raises(TypeError):
        MODULE.respaced_utf8(["a"])
    assert MODULE.respaced_utf8("") == b""


@needs_build
def test_every_character_below_latin_1s_end_in_each_width() -> None:
    """The ASCII characters are written from a table: each, and each other Latin-1 one, in
    a one-, two- and four-byte string, is its UTF-8 or (white space) one space."""
    assert MODULE is not None
    for wide in ("", "\u0100", "\U0001f600"):
        for code in range(0x100):
            char = chr(code)
            expected = (" " if char.isspace() else char) + wide
            assert MODULE.respaced_utf8(char + wide) == expected.encode()
        every = "".join(map(chr, range(0x100))) + wide
        assert MODULE.respaced_utf8(every) == "".join(" " if c.isspace() else c for c in every).encode()
