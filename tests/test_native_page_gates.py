"""The comment-thread openers' one pass (cleaner/native/page_gates.c) finds what its
Python original (comment_threads.opener_lines) finds, on every corpus case, on hostile
strings (empty lines, 200,000-character lines, lone surrogates, astral characters, NEL and
U+2028, NBSP, zero-width space, BOM, digits of other scripts) and on random lines built of
the opener forms' own characters, with random labels and categories; it refuses bad
arguments."""

from __future__ import annotations

import random
from itertools import repeat
from operator import is_
from types import SimpleNamespace
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
from cleaner.heuristics.decisions import LinePage, address_lines_python
from cleaner.heuristics.lexicon import normalise_line, shipped_lexicon
from cleaner.heuristics.line_marks import edge_marked_lines
from cleaner.heuristics.own_address import bare_address
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


def _own_address_python(page: LinePage, url: str) -> list[int]:
    """decisions.label_own_address's lines in Python: the reference."""
    bare = bare_address(url)
    return [] if bare is None else address_lines_python(page, bare)


URLS = [
    "https://www.example.com/news/2024/city-vote",
    "  HTTP://WWW.Example.com/a/b//  ",
    "http://x.de/a/",
    "www.x.de/a",
    "x.de",
    "https://x.de/",
    "https://x.de/a b",
    "https:/x.de/a",
    "http://www.",
    "\tftp://h/h\n",
    "h/h",
    "/",
    "",
]


@needs_compiled
def test_own_address_lines_are_the_python_ones() -> None:
    rng = random.Random(43)
    spaces = ["", " ", "\t", "\u00a0", "\u2028", "\x85", "\u200b", "\ufeff", "\x1c"]
    module: Any = native.MODULE
    for texts in _pages()[:60]:
        for url in URLS:
            bare = bare_address(url) or "a/b"
            forms = [
                f"{scheme}{prefix}{bare}{slash}"
                for scheme in ("https://", "http://", "", "HTTP://", "ftp://", "x")
                for prefix in ("www.", "", "WWW.")
                for slash in ("", "/", "//", "\u00e9")
            ]
            lines = list(texts)
            for _ in range(12):
                lines.insert(
                    rng.randrange(len(lines) + 1), rng.choice(spaces) + rng.choice(forms) + rng.choice(spaces)
                )
            local: list[Any] = [None if rng.random() < 0.8 else EXACT for _ in lines]
            usable = [rng.random() < 0.9 for _ in lines]
            page = SimpleNamespace(texts=lines, local=local, usable=usable, edge_marked=None)
            page.edge_marked = lambda firsts, lasts, texts=lines: edge_marked_lines(
                texts, None, 0, firsts, lasts
            )
            python = _own_address_python(page, url)  # type: ignore[arg-type]
            assert module.own_address_lines(lines, local, usable, url) == python, (url, python)
            every = [True] * len(lines)
            page.usable = every
            python = _own_address_python(page, url)  # type: ignore[arg-type]
            assert module.own_address_lines(lines, local, None, url) == python
    assert module.own_address_lines(["x"], [None], None, "https://ex\u00e4mple.de/a") is None


@needs_compiled
def test_own_address_lines_refuse_bad_arguments() -> None:
    module: Any = native.MODULE
    for args in [
        (("a",), [None], None, "x/y"),
        (["a"], [None, None], None, "x/y"),
        (["a"], [None], [True, True], "x/y"),
        (["a"], [None], None, b"x/y"),
        ([1], [None], None, "x/y"),
        (["x/y"], [None], [1], "x/y"),
    ]:
        with pytest.raises(TypeError):
            module.own_address_lines(*args)
    with pytest.raises(TypeError):
        module.own_address_lines(["a"], [None], None)


def _cued_python(norms: list[str], entries: frozenset[str], by_initial: dict[str, tuple[str, ...]]) -> bool:
    """zone_cued's answer in Python: a line is an entry or opens with its initial's prefixes."""
    return any(n in entries or (n[:1] in by_initial and n.startswith(by_initial[n[:1]])) for n in norms)


@needs_compiled
def test_zone_cued_is_the_python_one() -> None:
    rng = random.Random(47)
    module: Any = native.MODULE
    lexicon = shipped_lexicon()
    long_entry, wide = "support us " * 8, "\u00e9coutez-nous"
    entry_sets = [
        frozenset(lexicon.cta | lexicon.appeal_headers),
        frozenset({long_entry, wide, "", "\U0001f600x"}),
    ]
    prefix_sets = [tuple(lexicon.appeal_header_prefixes), ("\u00e9di", "dear ", "d", "\U0001f600")]
    lines = [normalise_line(line) for page in _pages()[:80] for line in page]
    for entries in entry_sets:
        for prefixes in prefix_sets:
            by_initial: dict[str, tuple[str, ...]] = {}
            for prefix in prefixes:
                by_initial[prefix[:1]] = (*by_initial.get(prefix[:1], ()), prefix)
            initials = "".join(sorted(by_initial))
            cues = (module.zone_cue_filter(entries, initials), entries, initials, by_initial)
            probes = sorted(entries) + [p + " x" for p in prefixes] + [long_entry + "!", wide[:-1], "", " "]
            for _ in range(300):
                page = rng.sample(lines, rng.randrange(min(40, len(lines))))
                if rng.random() < 0.3:
                    page.append(rng.choice(probes))
                assert module.zone_cued(page, cues) == _cued_python(page, entries, by_initial)
            for probe in probes:
                assert module.zone_cued([probe], cues) == _cued_python([probe], entries, by_initial), probe


@needs_compiled
def test_zone_cued_refuses_bad_arguments() -> None:
    module: Any = native.MODULE
    good = module.zone_cue_filter(frozenset({"a"}), "d")
    assert module.zone_cue_filter(frozenset({b"a"}), "d") is None
    bad: list[tuple[Any, ...]] = [
        (("a",), (good, frozenset(), "d", {})),
        (["a"], (good, frozenset(), "d")),
        (["a"], (b"x", frozenset(), "d", {})),
        (["a"], (good, [], "d", {})),
        ([1], (good, frozenset(), "d", {})),
        (["da"], (good, frozenset(), "d", {"d": ["da"]})),
        (["da"], (good, frozenset(), "d", {"d": (1,)})),
    ]
    for args in bad:
        with pytest.raises(TypeError):
            module.zone_cued(*args)
    with pytest.raises(TypeError):
        module.zone_cue_filter([], "d")
