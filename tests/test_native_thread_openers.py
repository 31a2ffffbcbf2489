"""The comment-thread openers' compiled test (cleaner/native/thread_openers.c) finds what
its Python original finds, on every corpus case, on hostile strings (empty lines,
200,000-character lines, lone surrogates, astral characters, NEL and U+2028, NBSP,
zero-width space, BOM, digits of other scripts) and on random lines built of the
opener forms' own characters; it refuses bad arguments."""

from __future__ import annotations

import random

import pytest

from cleaner import native
from cleaner.heuristics.comment_threads import THREAD_CATEGORY, thread_openers_python
from cleaner.heuristics.lexicon import normalise_line, shipped_lexicon
from tests.test_native_line_marks import _pages

needs_compiled = pytest.mark.skipif(native.MODULE is None, reason="the extension is not built")

# Lines on the form's edges: noise of every kind around and inside the words, white space
# of other kinds, digits of other scripts (re's \d takes them), no words at all.
EDGES = [
    "",
    " ",
    "12",
    "(12) comments",
    "comments (12)",
    "| reader comments |",
    "reader|comments",
    "reader\u00a0\u00a0comments",
    "reader\u2028comments\x85",
    "\u0663\u0664 comments",  # Arabic-Indic digits
    "\u0966 comments",  # Devanagari zero
    "comments\u00b2",  # superscript two: a digit, not a decimal one
    "• comments ·",
    "#comments:",
    "- comments -",
    "\u200bcomments",
    "\ufeffcomments",
    "comments \ud800",
    "\U0001f600 comments",
    "kommentare",
    "дискусия",
    "x" * 200_000,
    "1" * 200_000,
]
_ALPHABET = "comentsrdaiu ()[]|•·:#-0123456789\u00a0\u2028\u0663\t"


def _random_lines(count: int, seed: int = 19) -> list[str]:
    """Random short lines of the forms' letters, noise and white space."""
    rng = random.Random(seed)
    words = ["comments", "reader", "kommentare", "comentarios", "12", "(3)", "|", "·"]
    lines = []
    for _ in range(count):
        parts = [
            rng.choice(words) if rng.random() < 0.6 else rng.choice(_ALPHABET)
            for _ in range(rng.randint(0, 6))
        ]
        lines.append(rng.choice(("", " ", "\t")).join(parts))
    return lines


@needs_compiled
def test_thread_openers_are_the_python_ones() -> None:
    table = shipped_lexicon().line_category
    assert native.MODULE is not None
    pages = [*_pages(), EDGES, [normalise_line(line) for line in EDGES], _random_lines(5_000)]
    for lines in pages:
        every = list(range(len(lines)))
        assert native.MODULE.thread_openers(lines, every, table, THREAD_CATEGORY) == thread_openers_python(
            lines, every, table
        )
    assert native.MODULE.thread_openers(EDGES, [], table, THREAD_CATEGORY) == []


@needs_compiled
def test_thread_openers_find_the_forms() -> None:
    table = {"comments": THREAD_CATEGORY, "reader comments": THREAD_CATEGORY, "share": "share"}
    lines = ["(12) comments", "| reader  comments |", "share:", "comments\u00b2", "\u0663 comments"]
    assert native.MODULE is not None
    assert native.MODULE.thread_openers(lines, [0, 1, 2, 3, 4], table, THREAD_CATEGORY) == [0, 1, 4]


@needs_compiled
def test_thread_openers_refuse_bad_arguments() -> None:
    module = native.MODULE
    assert module is not None
    with pytest.raises(TypeError):
        module.thread_openers(("a",), [0], {}, THREAD_CATEGORY)
    with pytest.raises(TypeError):
        module.thread_openers(["a"], [0], [("a", "b")], THREAD_CATEGORY)
    with pytest.raises(TypeError):
        module.thread_openers(["a", 1], [1], {}, THREAD_CATEGORY)
    with pytest.raises(TypeError):
        module.thread_openers(["a"], ["0"], {}, THREAD_CATEGORY)
    with pytest.raises(ValueError):
        module.thread_openers(["a"], [1], {}, THREAD_CATEGORY)
    with pytest.raises(ValueError):
        module.thread_openers(["a"], [-1], {}, THREAD_CATEGORY)
    with pytest.raises(TypeError):
        module.thread_openers(["a"], [0], {})
