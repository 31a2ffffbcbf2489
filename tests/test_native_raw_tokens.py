"""The compiled ``spaced_token_counts`` (cleaner/native/raw_tokens.c) gives what its Python
originals give: ``features.token_counts_python`` of the lines, and ``features.ascii_spaced``
of the lines joined by newlines in UTF-8, on the corpus cases' lines, the hostile strings,
every white space character and random texts; it refuses what is no list of str."""

from __future__ import annotations

import random
import sys

import pytest

from cleaner.heuristics import features
from cleaner.heuristics.lexicon import lower_text
from tests.paths import CORPUS
from tests.test_native import HOSTILE, compiled

MODULE = compiled()
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")

SEED = 20
RANDOM_PAGES = 300
SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
PIECES = ["a", "Ünï", "中文", "\U0001f600", "\u200b", "\ufeff", "\ud800", "x" * 50, *SPACES]


def _check(lines: list[str]) -> None:
    """The twin against the Python originals on ``lines``."""
    assert MODULE is not None
    counts, spaced = MODULE.spaced_token_counts(lines)
    assert counts == features.token_counts_python(lines)
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    assert spaced == features.ascii_spaced(data)


@needs_build
def test_corpus_and_hostile_lines() -> None:
    pages = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.rglob("*.txt"))]
    for text in pages + HOSTILE + ["word " * 40_000 + "\u3000", "\u2028".join(["a b"] * 100)]:
        _check(text.splitlines() or [text])
        _check(lower_text(text).split("\n"))


@needs_build
def test_every_white_space_character() -> None:
    for space in SPACES:
        _check([f"a{space}b", "plain line"])
        _check([space])


@needs_build
def test_random_texts() -> None:
    rng = random.Random(SEED)
    for _ in range(RANDOM_PAGES):
        lines = [
            "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(0, 30))
        ]
        _check(lines)


@needs_build
def test_refuses_bad_arguments() -> None:
    assert MODULE is not None
    with pytest.raises(TypeError):
        MODULE.spaced_token_counts(("a", "b"))
    with pytest.raises(TypeError):
        MODULE.spaced_token_counts(["a", b"b"])
    assert MODULE.spaced_token_counts([]) == ([], True)
