"""The contact-line decision's compiled candidate pass (cleaner/native/opening_picks.c)
gives what its Python original gives, on every corpus case, hostile strings and random
pages, refuses bad arguments; and its opening test passes every line the openers'
pattern matches (it is a pre-test: the decision's lines stay the same)."""

from __future__ import annotations

import random

import pytest

from cleaner import native
from cleaner.heuristics.contact_lines import (
    CONTACT_LINE_MAX_CHARS,
    CONTACT_LINE_MAX_WORDS,
    _may_open,
    _openers,
    contact_marked_python,
    opener_pairs,
)
from cleaner.heuristics.decisions import (
    MACHINE_LINE_MAX_CHARS,
    MACHINE_LINE_PATTERN,
    machine_candidates_python,
    machine_opened_python,
)
from cleaner.heuristics.lexicon import shipped_lexicon
from tests.test_native_decision_picks import _all_pages, _page

needs_compiled = pytest.mark.skipif(native.MODULE is None, reason="the extension is not built")
# Pieces of contact lines: openers in several cases and scripts, folded letters, marks
CONTACT_PIECES = [
    "Follow", "FOLLOW us on ", "follow", "Write to ", "E-mail", "Email the reporter ", "Contact",
    "Síguenos", "SUIVEZ", "Folgen Sie uns", "关注我们", "팔로우", "Следете ни", "тابعونا", "İnstagram",
    "\u0131nstagram", "\u017f", "\u212a", "twitter", "Facebook", "YouTube", "@annlee", "ann@example.com",
    "x.com/ann", "t.me/ann", "/", "@", "- ", "• ", "«", "_", " ", "\u00a0", "\u2028", "\ud800",
    "\U0001f600", "word", "The ", "Ann", "2", "x" * 700,
]  # fmt: skip


def _contact_pages(count: int) -> list[list[str]]:
    rng = random.Random(41)
    return [
        [
            "".join(rng.choice(CONTACT_PIECES) for _ in range(rng.randrange(6)))
            for _ in range(rng.randrange(30))
        ]
        for _ in range(count)
    ]


def test_may_open_passes_every_line_an_opener_opens() -> None:
    lexicon = shipped_lexicon()
    openers = _openers(lexicon)
    lines = [line for page in _all_pages() + _contact_pages(300) for line in page]
    lines += [f"{lead}{opener.upper()} us" for opener in lexicon.contact_openers for lead in ("", "» ", "_")]
    lines += [f"{opener.title()} at ann@example.com" for opener in lexicon.contact_openers]
    opened = 0
    for line in lines:
        if openers.every.match(line):
            opened += 1
            assert _may_open(line, openers.pairs), line
    assert opened > 100


@needs_compiled
def test_contact_marked_is_the_python_one() -> None:
    assert native.MODULE is not None
    rng = random.Random(43)
    pairs = opener_pairs(shipped_lexicon())
    for texts in _all_pages() + _contact_pages(400):
        page = _page(texts, rng)
        usable = None if page.every_usable else page.usable
        words = page.scored.words
        for first in (0, len(texts) // 2, len(texts), len(texts) + 3):
            for max_words, max_chars in ((CONTACT_LINE_MAX_WORDS, CONTACT_LINE_MAX_CHARS), (2, 10), (0, 0)):
                args = (texts, words, page.local, usable, first, max_words, max_chars, pairs)
                assert native.MODULE.contact_marked(*args) == contact_marked_python(*args)


@needs_compiled
def test_contact_marked_refuses_bad_arguments() -> None:
    compiled = native.MODULE
    assert compiled is not None
    pairs = opener_pairs(shipped_lexicon())
    good = (["Follow @a"], [2], [None], None, 0, 40, 600, pairs)
    assert compiled.contact_marked(*good) == [0]
    for at, bad in ((0, "x"), (1, [2, 3]), (2, (None,)), (3, [1]), (4, "0"), (7, b"x"), (7, "p" * 2048)):
        args: list[object] = list(good)
        args[at] = bad
        with pytest.raises(TypeError):
            compiled.contact_marked(*args)
    with pytest.raises(ValueError):
        compiled.contact_marked(*good[:4], -1, *good[5:])
    with pytest.raises(TypeError):
        compiled.contact_marked([1], [2], [None], None, 0, 40, 600, pairs)
    with pytest.raises(TypeError):
        compiled.contact_marked(["a b"], ["2"], [None], None, 0, 40, 600, pairs)
    with pytest.raises(TypeError):
        compiled.contact_marked(*good[:7])


MACHINE_PIECES = [
    "2024-03-12T14:05:00+01:00", "2024-03-12", "١٢٣٤-", "2٣٤5-", "2024", "-", "HTTP://x.org/a.PNG", "http",
    "hTtPs://cdn.example.com/a.jpg?x=1", "https", "He said", "h", "H", " ", "\u00a0", "\u2028", "\x85",
    "\ufeff", "\ud800", "\U0001f600", "0", "9", "x" * 700,
]  # fmt: skip


def _machine_pages(count: int) -> list[list[str]]:
    rng = random.Random(47)
    return [
        [
            "".join(rng.choice(MACHINE_PIECES) for _ in range(rng.randrange(4)))
            for _ in range(rng.randrange(30))
        ]
        for _ in range(count)
    ]


def test_machine_opening_passes_every_machine_line() -> None:
    rng = random.Random(53)
    matched = 0
    for texts in _all_pages() + _machine_pages(300):
        page = _page(texts, rng)
        opened = set(machine_opened_python(page))
        for j in machine_candidates_python(page):
            if MACHINE_LINE_PATTERN.fullmatch(texts[j]):
                matched += 1
                assert j in opened, texts[j]
    assert matched > 50


@needs_compiled
def test_machine_opened_is_the_python_one() -> None:
    assert native.MODULE is not None
    rng = random.Random(59)
    for texts in _all_pages() + _machine_pages(400):
        page = _page(texts, rng)
        usable = None if page.every_usable else page.usable
        for max_chars in (MACHINE_LINE_MAX_CHARS, 5, 0):
            expected = [j for j in machine_opened_python(page) if len(texts[j]) <= max_chars]
            assert native.MODULE.machine_opened(texts, page.local, usable, max_chars) == expected
    with pytest.raises(TypeError):
        native.MODULE.machine_opened(["a"], [None, None], None, 600)
    with pytest.raises(TypeError):
        native.MODULE.machine_opened([1], [None], None, 600)
    with pytest.raises(TypeError):
        native.MODULE.machine_opened(["a"], [None], [1], 600)
    with pytest.raises(TypeError):
        native.MODULE.machine_opened(["a"], [None], None)
