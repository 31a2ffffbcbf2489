"""The compiled ``lower_count_lines``' lines (cleaner/native/raw_read.c, with raw_lower.c's
helpers) are what ``_read_lines`` made of a page before: ``lexicon.lower_text`` of the lines joined by newlines, split at them
(each line lowered alone where one holds a line break), and each lower-cased line's
``rstrip(LINE_END)``: on the corpus cases' lines, the hostile strings, every cased
character and random texts; it refuses bad arguments."""

from __future__ import annotations

import random
import sys
from typing import Any

import pytest

from cleaner.heuristics.lexicon import LINE_END, lower_text, lower_text_python
from tests.paths import CORPUS
from tests.test_native import HOSTILE, compiled

MODULE = compiled()
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")


def _lower_lines(*arguments: Any) -> tuple[list[str], list[str], bool]:
    """lower_count_lines' lower-cased lines, their normalised forms and its line-break flag."""
    assert MODULE is not None
    lows, norms, has_break, _, _ = MODULE.lower_count_lines(*arguments)
    return lows, norms, has_break


SEED = 21
RANDOM_PAGES = 300
CASED = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).lower() != chr(c)]
PIECES = [
    "a",
    "A",
    "Σ",
    "ΣΑΣ",
    "İ",
    "ß",
    "ẞ",
    "中文",
    "\U0001f600",
    "\U00010400",
    "\u200b",
    "\ufeff",
    "\ud800",
    "\u0307",
    "\u2028",
    "\x85",
    "\xa0",
    " ",
    ".",
    "…",
    "!",
    ":",
    "\n",
    "x" * 50,
]


def _check(lines: list[str]) -> None:
    """The twin against the page's lower_text, split, and rstrip."""
    assert MODULE is not None
    lows, norms, has_break = _lower_lines(lines, MODULE.lower_text, lower_text_python, LINE_END)
    expected = lower_text("\n".join(lines)).split("\n")
    if len(expected) != len(lines):
        expected = list(map(lower_text, lines))
    assert has_break == any("\n" in line for line in lines)
    assert lows == expected
    assert all(type(low) is str for low in lows)
    assert norms == [low.rstrip(LINE_END) for low in expected]


@needs_build
def test_corpus_and_hostile_lines() -> None:
    pages = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.rglob("*.txt"))]
    for text in pages + HOSTILE + ["Word " * 40_000 + "ΣΑΣ.", "\u2028".join(["A b."] * 100)]:
        _check(text.split("\n"))
        _check(text.splitlines())
        _check([text])


@needs_build
def test_every_cased_character() -> None:
    for start in range(0, len(CASED), 64):
        chunk = "".join(CASED[start : start + 64])
        _check([chunk, "a " + chunk + " b.", chunk.lower()])


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
    lower = MODULE.lower_text
    with pytest.raises(TypeError):
        _lower_lines(("a",), lower, lower_text_python, LINE_END)
    with pytest.raises(TypeError):
        _lower_lines(["a", b"b"], lower, lower_text_python, LINE_END)
    with pytest.raises(TypeError):
        _lower_lines(["a"], None, lower_text_python, LINE_END)
    with pytest.raises(TypeError):
        _lower_lines(["é"], lambda text: 1, lower_text_python, LINE_END)
    with pytest.raises(TypeError):
        _lower_lines(["a"], lower, lower_text_python)  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        _lower_lines(["a"], lower, lower_text_python, "." * 33)
    assert _lower_lines([], lower, lower_text_python, LINE_END) == ([], [], False)
