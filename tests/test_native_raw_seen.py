"""The compiled ``line_repeats`` (cleaner/native/raw_seen.c) gives each line's first
occurrence and how many lines share its text as ``first_occurrences`` and numpy's
bincount give them: on the corpus cases' lines, the hostile strings, lines equal but
for their width's last unit, lines of every width and random pages of few distinct
lines; None for a str subclass, TypeError for no list."""

from __future__ import annotations

import random

import numpy as np
import pytest

from cleaner.heuristics import features
from cleaner.heuristics.features import first_occurrences_python
from tests.paths import CORPUS
from tests.test_native import HOSTILE, compiled

MODULE = compiled()
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")

SEED = 22
PIECES = ["a", "b", "ab", "é", "中", "\U0001f600", "\ud800", "\x00", " ", "\u2028", "x" * 9]


def _check(texts: list[str]) -> None:
    """The twin's two arrays against the dict's first occurrences and the bincount."""
    assert MODULE is not None
    found = MODULE.line_repeats(texts)
    assert found is not None
    first = first_occurrences_python(texts)
    counts = np.bincount(first, minlength=len(texts))[first]
    assert np.frombuffer(found[0], np.int64).tolist() == first.tolist()
    assert np.frombuffer(found[1], np.int64).tolist() == counts.tolist()
    got_first, got_counts = features._line_repeats(texts)
    assert got_first.dtype == np.int64 and got_counts.dtype == counts.dtype


@needs_build
def test_corpus_and_hostile_lines() -> None:
    for path in sorted(CORPUS.rglob("*.txt")):
        _check(path.read_text(encoding="utf-8").split("\n"))
    _check(HOSTILE)
    for text in HOSTILE:
        _check(text.split("\n") * 3)
    _check([])


@needs_build
def test_lines_that_differ_in_one_unit() -> None:
    for size in range(0, 20):
        for width in ("a", "é", "中", "\U0001f600"):
            base = width * size
            _check([base, base + "b", base, base + "c", "b" + base, base + "b", base])


@needs_build
def test_random_pages() -> None:
    rng = random.Random(SEED)
    for _ in range(300):
        distinct = ["".join(rng.choices(PIECES, k=rng.randint(0, 6))) for _ in range(rng.randint(1, 12))]
        _check([rng.choice(distinct) for _ in range(rng.randint(0, 400))])


class _Text(str):
    """A str subclass: it may define its own equality, so the dict answers."""


@needs_build
def test_a_str_subclass_and_no_list() -> None:
    assert MODULE is not None
    assert MODULE.line_repeats(["a", _Text("a")]) is None
    first, counts = features._line_repeats(["a", _Text("a"), "b"])
    assert first.tolist() == [0, 0, 2] and counts.tolist() == [2, 2, 1]
    with pytest.raises(TypeError):
        MODULE.line_repeats(("a", "b"))
    with pytest.raises(TypeError):
        MODULE.line_repeats("ab")
