"""The compiled pre-tests of caption-credit, teaser-tag, stacked-phrases and share-bar
(cleaner/native/marked_decisions.c) give what their Python references give, on every
corpus case, on hostile strings (empty lines, 200,000-character lines, lone surrogates,
astral characters, NEL and U+2028, NBSP, zero-width space, BOM) and on random pages built
to hit their edges; they keep every line their decision's test passes; and the four
decisions label the same lines compiled and pure.

Where the extension is not built, the tests check that the pure path is the live one.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from types import SimpleNamespace
from typing import cast

import pytest

from cleaner import native
from cleaner.heuristics.caption_credits import credit_openings, ends_with_credit
from cleaner.heuristics.decisions import (
    DECISIONS,
    SHARE_BAR_MAX_CHARS,
    LinePage,
    bar_candidates_python,
    credit_candidates,
    credit_candidates_python,
    kept_marked_lines_python,
    stack_candidates_python,
    teaser_candidates,
    teaser_candidates_python,
)
from cleaner.heuristics.lexicon import Lexicon, shipped_lexicon
from cleaner.heuristics.line_marks import kept_lines_python
from cleaner.heuristics.scores import PageScores
from cleaner.heuristics.share_bars import BAR_MARKS, is_share_bar
from cleaner.heuristics.stacked_phrases import STACK_MAX_WORDS, STACK_MIN_WORDS
from cleaner.heuristics.teaser_tags import is_tagged_teaser
from cleaner.result import Label
from tests.test_native_line_marks import _pages

LABEL = Label("other", "heuristic:test")
# pieces of captions, tagged teasers, share bars, stacked notices and their near misses:
# every bracket, sign, trail and white space of every kind, words of other scripts
PIECES = [
    "(Photo: Ann Lee/AFP)", "(Foto: dpa)", "(Фото: ТАСС)", "©", " © AFP / Ann Lee", ")", "(", " ",
    "[VIDEO]", "[Video]", "【视频】", "[", "]", "【", "】", "[Reuters]", " | ", ":", ".", ",", ";", "-",
    "_", "?", "Share", "Facebook", "WhatsApp", "Telegram", "acebook", "hatsApp", "elegram", "X",
    "Twitter", "Ann Lee", "word", "\u00a0", "\u2028", "\x85", "\x1c", "\u200b", "\ufeff", "\t",
    "\U0001f600", "\ud800", "١٢", "Κοινοποίηση", "All rights reserved.", "Sign up for our newsletter",
    "\u212aakaotalk", "e", "k", "A", "g",
]  # fmt: skip
WORD_BOUNDS = (0, 1, 2, 3, 4, 10, 20, 21, 40, 41, 80, 81, -1, 10**30)
CATEGORY = ["other", "share", None]

Page = tuple[list[str], list[int], list[Label | None], list[bool], list[str | None]]


def _random_pages(seed: int, count: int) -> list[Page]:
    """Random pages of pieces, with random word counts, labels, flags and categories."""
    rng = random.Random(seed)
    pages = []
    for _ in range(count):
        n = rng.randrange(0, 10)
        texts = ["".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 8))) for _ in range(n)]
        words = [len(text.split()) if rng.random() < 0.7 else rng.choice(WORD_BOUNDS) for text in texts]
        local: list[Label | None] = [LABEL if rng.random() < 0.2 else None for _ in range(n)]
        usable = [rng.random() < 0.85 for _ in range(n)]
        pages.append((texts, words, local, usable, [rng.choice(CATEGORY) for _ in range(n)]))
    return pages


def _all_pages() -> list[Page]:
    """The corpus and hostile pages, as they are and with labels here and there, and random pages."""
    pages: list[Page] = []
    for texts in _pages():
        rng = random.Random(len(texts))
        words = [len(line.split()) for line in texts]
        pages.append((texts, words, [None] * len(texts), [True] * len(texts), ["other"] * len(texts)))
        local: list[Label | None] = [LABEL if rng.random() < 0.1 else None for _ in texts]
        flags = [rng.random() < 0.9 for _ in texts]
        pages.append((texts, words, local, flags, [rng.choice(CATEGORY) for _ in texts]))
    return pages + _random_pages(5, 3000)


OPENINGS = credit_openings(shipped_lexicon())
# odd sets: the empty bytes (a slice past a short head), one byte, the bracket itself, not ASCII
ODD_OPENINGS = [
    frozenset(),
    frozenset({b""}),
    frozenset({b"("}),
    frozenset({b"x", b"(\xc3"}),
    frozenset({b"fo"}),
]


def test_candidates_are_the_python_ones() -> None:
    module = native.MODULE
    if module is None:
        assert not native.AVAILABLE
        return
    marks_sets = [BAR_MARKS, ("",), ("\U0001f600",), ("\ud800",), ("a b",), (), tuple("abcdefghij")]
    marks_sets += [("acebook", "ok"), ("\u00e9", "ab"), ("xx", "x\u00e9y", "Ann Lee"), ("ebo", "\u2028e")]
    for texts, words, local, usable, categories in _all_pages():
        for flags in (usable, None):
            assert credit_candidates(texts, words, local, flags) == credit_candidates_python(
                texts, words, local, flags
            )
            assert credit_candidates(texts, words, local, flags, OPENINGS) == credit_candidates_python(
                texts, words, local, flags, OPENINGS
            )
            for odd in ODD_OPENINGS:
                assert module.credit_candidates(texts, words, local, flags, 40, 3, odd) == (
                    credit_candidates_python(texts, words, local, flags, odd)
                )
            assert teaser_candidates(texts, words, local, flags) == teaser_candidates_python(
                texts, words, local, flags
            )
            assert module.stack_candidates(
                texts, words, categories, local, flags, STACK_MIN_WORDS, STACK_MAX_WORDS
            ) == stack_candidates_python(texts, words, categories, local, flags)
            for marks in marks_sets:
                assert module.bar_candidates(texts, local, flags, marks, SHARE_BAR_MAX_CHARS) == (
                    bar_candidates_python(texts, local, flags, marks)
                )


def test_candidates_hold_every_line_the_tests_pass() -> None:
    """What each test passes among the kept marked lines is among the candidates."""
    lexicon = shipped_lexicon()
    for texts, words, local, usable, _categories in _all_pages()[:1500]:
        kept = kept_lines_python(local, usable)
        credits = set(credit_candidates_python(texts, words, local, usable))
        assert set(credit_candidates(texts, words, local, usable, OPENINGS)) <= credits
        gated = set(credit_candidates_python(texts, words, local, usable, OPENINGS))
        teasers = set(teaser_candidates_python(texts, words, local, usable))
        bars = set(bar_candidates_python(texts, local, usable, BAR_MARKS))
        for j, text in enumerate(texts):
            if kept[j] and 0 <= words[j] < 10**6:
                assert not ends_with_credit(text, words[j], lexicon) or j in gated
                assert not is_tagged_teaser(text, words[j], lexicon) or j in teasers
        for j in kept_marked_lines_python(texts, local, usable, BAR_MARKS):
            assert not is_share_bar(texts[j], lexicon) or j in bars


def test_candidates_refuse_bad_arguments() -> None:
    module = native.MODULE
    if module is None:
        return
    calls: list[Callable[..., object]] = [
        lambda *a: module.credit_candidates(*a, 40, 3),
        lambda *a: module.teaser_candidates(*a, 3, 20),
    ]
    for call in calls:
        with pytest.raises(TypeError):
            call(["a"], [1, 2], [None], None)
        with pytest.raises(TypeError):
            call(["a", 5], [3, 3], [None, None], None)
        with pytest.raises(TypeError):
            call(["a"], ["1"], [None], None)
        with pytest.raises(TypeError):
            call(["a"], [3], [None], [1])
        with pytest.raises(TypeError):
            call(("a",), [1], [None], None)
        assert call([], [], [], None) == []
        assert call(["x [VIDEO] (Foto: dpa)"], [10**30], [None], None) == []
    with pytest.raises(TypeError):
        module.credit_candidates(["a"], [1], [None], None)
    with pytest.raises(TypeError):
        module.credit_candidates(["a"], [1], [None], None, "40", 3)
    with pytest.raises(TypeError):
        module.credit_candidates(["a"], [1], [None], None, 40, 3, [b"(f"])
    with pytest.raises(TypeError):
        module.credit_candidates(["a"], [1], [None], None, 40, 3, None, 1)
    with pytest.raises(TypeError):
        module.stack_candidates(["a"], [4], [None, None], [None], None, 4, 80)
    with pytest.raises(TypeError):
        module.stack_candidates(["a"], [4], ["x"], [None], None, 4)
    with pytest.raises(TypeError):
        module.bar_candidates(["a"], [None], None, [BAR_MARKS], 120)
    with pytest.raises(TypeError):
        module.bar_candidates(["a"], [None], None, (1,), 120)
    with pytest.raises(TypeError):
        module.bar_candidates([b"a"], [None], None, BAR_MARKS, 120)
    with pytest.raises(OverflowError):
        module.bar_candidates(["a"], [None], None, BAR_MARKS, 10**30)


def test_decisions_are_the_same_compiled_and_pure() -> None:
    """The four decisions label the same lines with the compiled pre-tests and without."""
    module = native.MODULE
    if module is None:
        return
    lexicon = shipped_lexicon()
    decisions = dict(DECISIONS)
    names = ("caption-credit", "teaser-tag", "stacked-phrases", "share-bar")
    for texts, words, local, usable, categories in _all_pages()[:800]:
        for name in names:
            results: list[object] = []
            for live in (module, None):
                native.MODULE = live
                page = _page(texts, words, list(local), usable, categories, lexicon)
                try:
                    decisions[name](page)
                    results.append(page.local)
                except UnicodeEncodeError:  # a lone surrogate in a line the lexicon scans: both ways
                    results.append("UnicodeEncodeError")
                finally:
                    native.MODULE = module
            assert results[0] == results[1], (name, texts)


def _page(
    texts: list[str],
    words: list[int],
    local: list[Label | None],
    usable: list[bool],
    categories: list[str | None],
    lexicon: Lexicon,
) -> LinePage:
    """A text page of ``texts`` read as an article."""
    scored = SimpleNamespace(words=words, raw=False, at_start=[False] * len(texts), categories=categories)
    return LinePage(texts, cast(PageScores, scored), usable, "text", lexicon, {}, {}, {}, local=local)
