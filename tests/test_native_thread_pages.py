"""The comment-thread openers' one pass (cleaner/native/thread_pages.c) finds what its
Python original (comment_threads.opener_lines) finds, on every corpus case, on hostile
strings (empty lines, 200,000-character lines, lone surrogates, astral characters, NEL and
U+2028, NBSP, zero-width space, BOM, digits of other scripts) and on random lines built of
the opener forms' own characters, with random labels and categories; it refuses bad
arguments."""

from __future__ import annotations

import random
from itertools import repeat
from operator import is_
from typing import Any

import pytest

from cleaner import native
from cleaner.heuristics.comment_threads import (
    NOISY_END,
    NOISY_START,
    OPENER_MAX_WORDS,
    THREAD_CATEGORY,
    comment_forms,
    opener_lines,
)
from cleaner.heuristics.lexicon import normalise_line, shipped_lexicon
from tests.test_native_line_marks import _pages
from tests.test_native_thread_openers import EDGES, _random_lines

needs_compiled = pytest.mark.skipif(native.MODULE is None, reason="the extension is not built")
EXACT = object()  # the comments button label
# "".join: a str equal to the category but not the same object
CATEGORY_CHOICES = [None, None, None, THREAD_CATEGORY, "related", "".join(["comm", "ents"])]


def _both(norms: list[str], rng: random.Random, with_lexicon: bool) -> tuple[list[int], list[int]]:
    """The compiled pass's and the reference's openers of the lines ``norms`` under random
    labels, categories and word counts."""
    n = len(norms)
    local: list[Any] = [EXACT if rng.random() < 0.05 else None for _ in range(n)]
    categories = [rng.choice(CATEGORY_CHOICES) for _ in range(n)]
    words = [len(norm.split()) if rng.random() < 0.9 else rng.randrange(-2, 40) for norm in norms]
    lexicon = shipped_lexicon()
    line_category = lexicon.line_category if with_lexicon else None
    python = opener_lines(norms, words, categories, map(is_, local, repeat(EXACT)), line_category)
    forms, longest = comment_forms(lexicon) if with_lexicon else (None, 0)
    module: Any = native.MODULE
    compiled = module.thread_page_openers(
        local,
        EXACT,
        categories,
        THREAD_CATEGORY,
        norms,
        words,
        OPENER_MAX_WORDS,
        NOISY_START,
        NOISY_END,
        forms,
        longest,
    )
    return compiled, python


@needs_compiled
def test_thread_page_openers_are_the_python_ones() -> None:
    rng = random.Random(41)
    forms, _ = comment_forms(shipped_lexicon())
    pages = [[normalise_line(line) for line in page] for page in _pages()]
    pages += [EDGES, _random_lines(5_000), sorted(forms), [f"({k}) {form} |" for k, form in enumerate(forms)]]
    for norms in pages:
        for with_lexicon in (True, False):
            compiled, python = _both(norms, rng, with_lexicon)
            assert compiled == python


@needs_compiled
def test_thread_page_openers_find_the_forms() -> None:
    forms, longest = comment_forms(shipped_lexicon())
    assert "comments" in forms and longest >= len("comments")
    norms = ["12 comments", "comments", "| reader comments |", "1. item", "comments (3)"]
    module: Any = native.MODULE
    found = module.thread_page_openers(
        [None] * 5,
        EXACT,
        [None] * 5,
        THREAD_CATEGORY,
        norms,
        [2, 1, 4, 2, 2],
        6,
        NOISY_START,
        NOISY_END,
        forms,
        longest,
    )
    assert {0, 4} <= set(found) and not {1, 3} & set(found)  # "comments" alone: no count or bar at an end


@needs_compiled
def test_thread_page_openers_refuse_bad_arguments() -> None:
    module: Any = native.MODULE
    good: list[Any] = [[None], EXACT, [None], THREAD_CATEGORY, ["a"], [1], 6, "|", "|", frozenset({"a"}), 1]
    assert module.thread_page_openers(*good) == []
    for at, bad in [
        (0, (None,)),
        (2, [None, None]),
        (3, 1),
        (4, [1]),
        (4, ("a",)),
        (5, ["1"]),
        (6, "6"),
        (7, None),
        (9, {"a"}),
        (10, -1),
        (10, "1"),
    ]:
        args = list(good)
        args[at] = bad
        if at == 5:
            args[4], args[7] = ["|a"], "|"
        with pytest.raises((TypeError, ValueError)):
            module.thread_page_openers(*args)
    with pytest.raises(TypeError):
        module.thread_page_openers(*good[:10])
