"""The compiled ``lines_holding`` (cleaner/native/raw_marks.c) gives what its Python original
gives: ``features.lines_containing`` of each group of marks over the lines joined by
newlines, on the corpus cases' lines, the hostile strings and random texts; it refuses what
is no list of str or no tuple of tuples of str."""

from __future__ import annotations

import random

import numpy as np
import pytest

from cleaner.heuristics import features
from tests.paths import CORPUS
from tests.test_native import HOSTILE, compiled

MODULE = compiled()
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")

SEED = 21
RANDOM_PAGES = 300
GROUPS = (("http", "www.", "@"), ("|", "•", "·", "›"))
PIECES = [
    "a",
    "h",
    "http",
    "ht",
    "www",
    "w.",
    "@",
    "|",
    "•",
    "·",
    "›",
    "Ünï",
    "中文",
    "\U0001f600",
    "\u200b",
    "\ufeff",
    "\ud800",
    "\u2028",
    "\x85",
    "\xa0",
    "\u2022x",
    "\u0140",
    " ",
    "x" * 50,
]


def _check(lines: list[str], groups: tuple[tuple[str, ...], ...] = GROUPS) -> None:
    """The twin against ``lines_containing`` on ``lines`` (none holding a line break)."""
    assert MODULE is not None
    found = np.frombuffer(MODULE.lines_holding(lines, groups), np.float64).reshape(len(groups), len(lines))
    starts = features.line_starts(lines)
    joined = "\n".join(lines)
    for row, marks in zip(found, groups):
        assert row.tolist() == features.lines_containing(joined, starts, marks).tolist()


@needs_build
def test_corpus_and_hostile_lines() -> None:
    pages = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.rglob("*.txt"))]
    for text in pages + HOSTILE + ["word " * 40_000 + "http", "|" * 200_000]:
        _check(text.split("\n"))


@needs_build
def test_random_texts_and_marks() -> None:
    rng = random.Random(SEED)
    for _ in range(RANDOM_PAGES):
        lines = [
            "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 30))
        ]
        _check(lines)
        marks = tuple(
            tuple(rng.choice(PIECES + [""]) for _ in range(rng.randint(0, 4)))
            for _ in range(rng.randint(0, 3))
        )
        _check(lines, marks)


@needs_build
def test_refuses_bad_arguments() -> None:
    assert MODULE is not None
    with pytest.raises(TypeError):
        MODULE.lines_holding(("a", "b"), GROUPS)
    with pytest.raises(TypeError):
        MODULE.lines_holding(["a", b"b"], GROUPS)
    with pytest.raises(TypeError):
        MODULE.lines_holding(["a"], [("a",)])
    with pytest.raises(TypeError):
        MODULE.lines_holding(["a"], (("a", 1),))
    with pytest.raises(TypeError):
        MODULE.lines_holding(["a"])  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        MODULE.lines_holding(["a"], tuple(("a",) for _ in range(9)))
    with pytest.raises(ValueError):
        MODULE.lines_holding(["a"], (("a",) * 65,))
    assert MODULE.lines_holding([], GROUPS) == bytearray()
    assert MODULE.lines_holding(["a"], ()) == bytearray()
