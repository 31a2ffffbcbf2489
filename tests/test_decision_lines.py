"""The article decisions' compiled page walks (cleaner/native/decision_lines.c) give what
their Python originals give, on every corpus case, on hostile strings (empty lines,
200,000-character lines, lone surrogates, astral characters, NEL and U+2028, NBSP,
zero-width space, BOM) and on random pages built to hit their edges; and the decisions
label the same lines compiled and pure.

Where the extension is not built, the tests check that the pure path is the live one.
"""

from __future__ import annotations

import random
from types import SimpleNamespace
from typing import cast

import pytest

from cleaner import native
from cleaner.heuristics.decisions import (
    CONTACT_MIN_BODY_SHARE,
    LinePage,
    _body_share_start_python,
    label_contact_lines,
)
from cleaner.heuristics.lexicon import Lexicon, shipped_lexicon
from cleaner.heuristics.line_marks import kept_lines_python
from cleaner.heuristics.meta_lines import (
    META_LINE_MAX_WORDS,
    META_MIN_FIELDS,
    PARAGRAPH_WORDS,
    is_meta_shaped,
    kept_meta_lines,
    meta_candidates_python,
    meta_lines,
)
from cleaner.heuristics.scores import PageScores
from cleaner.result import Label
from tests.test_native_line_marks import _pages

LABEL = Label("other", "heuristic:test")
# pieces of metadata lines and their near misses: every separator, spaced and not, white
# space of every kind around them, dates and digits of other scripts
META_PIECES = [
    "12.03.2024", "2024-03-12", "10:15", "12 March 2024", "March 12, 2024", "١٢:٣٠", "1", "22",
    " | ", "|", " - ", "-", " · ", " • ", " / ", " – ", " — ", "\u00a0|\u00a0", "\u2028-\u2028",
    "\x1c/\x1c", " ", "Ann Lee", "Politics", "4 comments", "\U0001f600", "\ud800", "word " * 30,
]  # fmt: skip


def _random_pages(seed: int, count: int) -> list[tuple[list[str], list[int], list[Label | None], list[bool]]]:
    """Random pages of metadata-like lines around paragraphs, with random labels and flags."""
    rng = random.Random(seed)
    pages = []
    for _ in range(count):
        n = rng.randrange(0, 12)
        texts = ["".join(rng.choice(META_PIECES) for _ in range(rng.randrange(0, 8))) for _ in range(n)]
        words = [len(text.split()) for text in texts]
        local: list[Label | None] = [LABEL if rng.random() < 0.2 else None for _ in range(n)]
        usable = [rng.random() < 0.85 for _ in range(n)]
        pages.append((texts, words, local, usable))
    return pages


Page = tuple[list[str], list[int], list[Label | None], list[bool]]


def _all_pages() -> list[Page]:
    """The corpus and hostile pages as they are, again with paragraphs and labels here and
    there, and random pages."""
    unlabelled: list[Label | None] = []
    pages: list[Page] = [
        (page, [len(line.split()) for line in page], unlabelled + [None] * len(page), [True] * len(page))
        for page in _pages()
    ]
    for texts, words, _local, _flags in list(pages):  # the same with paragraphs anywhere, some lines labelled
        rng = random.Random(len(texts))
        words = [w if rng.random() < 0.8 else PARAGRAPH_WORDS for w in words]
        local = [LABEL if rng.random() < 0.1 else None for _ in texts]
        pages.append((texts, words, local, [rng.random() < 0.9 for _ in texts]))
    return pages + _random_pages(7, 3000)


def test_meta_candidates_are_the_python_ones() -> None:
    module = native.MODULE
    if module is None:
        assert not native.AVAILABLE
        return
    for texts, words, local, usable in _all_pages():
        for flags in (usable, None):
            assert module.meta_candidates(
                texts, words, local, flags, PARAGRAPH_WORDS, META_LINE_MAX_WORDS, META_MIN_FIELDS - 1
            ) == meta_candidates_python(texts, words, local, flags)


def test_kept_meta_lines_are_meta_lines() -> None:
    """The compiled decision's lines are ``meta_lines``' on the kept lines (pure or compiled)."""
    for texts, words, local, usable in _all_pages():
        for flags in (usable, None):
            kept = kept_lines_python(local, flags)
            assert kept_meta_lines(texts, words, local, flags) == meta_lines(texts, words, kept)
            shaped = [
                j
                for j in meta_candidates_python(texts, words, local, flags)
                if is_meta_shaped(texts[j], words[j])
            ]
            assert set(meta_lines(texts, words, kept)) <= set(shaped)


def test_meta_candidates_refuse_bad_arguments() -> None:
    module = native.MODULE
    if module is None:
        return
    bounds = (PARAGRAPH_WORDS, META_LINE_MAX_WORDS, 2)
    with pytest.raises(TypeError):
        module.meta_candidates(["a"], [1, 2], [None], None, *bounds)
    with pytest.raises(TypeError):
        module.meta_candidates(["a", 5], [30, 1], [None, None], None, *bounds)
    with pytest.raises(TypeError):
        module.meta_candidates(["a"], ["1"], [None], None, *bounds)
    with pytest.raises(TypeError):
        module.meta_candidates(["a"], [1], [None], [1], *bounds)
    with pytest.raises(TypeError):
        module.meta_candidates(("a",), [1], [None], None, *bounds)
    with pytest.raises(TypeError):
        module.meta_candidates(["a"], [1], [None], None)
    assert module.meta_candidates([], [], [], None, *bounds) == []
    assert module.meta_candidates(["x"], [10**30], [None], None, *bounds) == []


def test_body_share_start_is_the_python_one() -> None:
    module = native.MODULE
    if module is None:
        assert not native.AVAILABLE
        return
    for texts, words, local, usable in _all_pages():
        for flags in (usable, None):
            kept = kept_lines_python(local, flags)
            assert module.body_share_start(words, local, flags, CONTACT_MIN_BODY_SHARE) == (
                _body_share_start_python(words, kept)
            ), texts
    with pytest.raises(TypeError):
        module.body_share_start([1], [None, None], None, 0.5)
    with pytest.raises(TypeError):
        module.body_share_start([1], [None], [1], 0.5)
    with pytest.raises(TypeError):
        module.body_share_start(["1"], [None], None, 0.5)
    with pytest.raises(ValueError):
        module.body_share_start([-1], [None], None, 0.5)
    assert module.body_share_start([], [], None, 0.5) == -1


def test_contact_lines_are_the_same_compiled_and_pure() -> None:
    """``label_contact_lines`` with the compiled start and with the Python walk."""
    module = native.MODULE
    if module is None:
        return
    lexicon = shipped_lexicon()
    rng = random.Random(11)
    tails = ["Follow us on Facebook and Instagram", "Write to Ann Lee at ann@example.com", "word " * 30, "x"]
    for texts, words, local, usable in _all_pages()[:400]:
        texts = texts + [rng.choice(tails) for _ in range(rng.randrange(0, 4))]
        words = words + [len(text.split()) for text in texts[len(words) :]]
        local = local + [None] * (len(texts) - len(local))
        usable = usable + [True] * (len(texts) - len(usable))
        results = []
        for live in (module, None):
            native.MODULE = live
            try:
                page = _page(texts, words, list(local), usable, lexicon)
                label_contact_lines(page)
            finally:
                native.MODULE = module
            results.append(page.local)
        assert results[0] == results[1]


def _page(
    texts: list[str], words: list[int], local: list[Label | None], usable: list[bool], lexicon: Lexicon
) -> LinePage:
    """A text page of ``texts`` read as an article."""
    n = len(texts)
    scored = SimpleNamespace(words=words, raw=False, at_start=0, categories=[None] * n)
    return LinePage(texts, cast(PageScores, scored), usable, "text", lexicon, {}, {}, {}, local=local)
