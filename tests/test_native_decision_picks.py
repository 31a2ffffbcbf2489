"""The decisions' compiled line pickers (cleaner/native/decision_picks.c) give what their
Python originals give, on every corpus case, on hostile strings (empty lines,
200,000-character lines, lone surrogates, astral characters, NEL and U+2028, NBSP,
zero-width space, BOM) and on random pages with random labels, and refuse bad arguments.

Where the extension is not built, the tests check that the pure path is the live one.
"""

from __future__ import annotations

import random
from itertools import repeat
from operator import is_
from types import SimpleNamespace
from typing import Any

import pytest

from cleaner import native
from cleaner.heuristics.comment_threads import THREAD_CATEGORY, opener_lines, page_openers
from cleaner.heuristics.decisions import (
    COPYRIGHT_OPENERS,
    LinePage,
    _maybe_opened,
    _maybe_opened_python,
    address_lines,
    address_lines_python,
    article_picks,
    article_picks_python,
    machine_candidates,
    machine_candidates_python,
    tail_kept,
    tail_kept_python,
)
from cleaner.heuristics.lexicon import normalise_line, shipped_lexicon
from cleaner.heuristics.own_name import (
    _OPENING_MARKS,
    name_openers,
    name_openers_python,
    site_name,
    site_name_python,
)
from cleaner.heuristics.title import head_kept, head_kept_python, slug_path_words, slug_path_words_python
from cleaner.result import Label
from tests.paths import CORPUS
from tests.test_native import HOSTILE

needs_compiled = pytest.mark.skipif(native.MODULE is None, reason="the extension is not built")

LABEL = Label("other", "test")
EXACT = Label("comments", "heuristic:button-line")
# Pieces random lines are made of: the pickers' marks at either end, every kind of white space
PIECES = [
    "",
    " ",
    "\t",
    "\u00a0",
    "\u2028",
    "\x85",
    "\u200b",
    "\ufeff",
    "\u3000",
    "©",
    "© 2024 Northwind",
    "copyright ",
    "(c) ",
    "2024-03-12T10:00:00Z",
    "https://example.com/a.jpg",
    "h",
    "H",
    "0",
    "9",
    "Comments",
    "12 comments",
    "| reader comments |",
    "word",
    "Ελληνικά",
    "日本語",
    "\U0001f600",
    "\ud800",
    "x" * 700,
]
CATEGORIES = [None, None, None, "comments", "share", "legal", "credit"]


def _pages() -> list[list[str]]:
    """The corpus cases and the hostile strings, cut into lines as a page is."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))] + HOSTILE
    pages = [text.split("\n") for text in texts]
    pages += [text.splitlines() for text in HOSTILE]
    pages.append([chr(c) for c in range(0, 0x110000, 97)])  # every width, surrogates too
    return pages


def _random_pages(count: int) -> list[list[str]]:
    rng = random.Random(29)
    return [
        ["".join(rng.choice(PIECES) for _ in range(rng.randrange(4))) for _ in range(rng.randrange(30))]
        for _ in range(count)
    ]


def _page(texts: list[str], rng: random.Random, raw: bool = False) -> LinePage:
    """A LinePage with random labels, usable lines, categories, lead-ins and phrase starts."""
    n = len(texts)
    norms = [normalise_line(text) for text in texts]
    scored: Any = SimpleNamespace(
        raw=raw,
        norms=norms,
        words=[len(text.split()) for text in texts],
        categories=[rng.choice(CATEGORIES) for _ in range(n)],
        at_start=[rng.random() < 0.1 for _ in range(n)],
        leads=rng.choice([None, [rng.choice([None, None, None, "related"]) for _ in range(n)]]),
    )
    page = LinePage(
        texts=texts,
        scored=scored,
        usable=[rng.random() < 0.9 for _ in range(n)] if rng.random() < 0.5 else [True] * n,
        origin="text",
        lexicon=shipped_lexicon(),
        phrase_labels={},
        button_labels={},
        metadata={},
        local=[rng.choice([None, None, None, LABEL, EXACT]) for _ in range(n)],
    )
    return page


def _all_pages() -> list[list[str]]:
    return _pages() + _random_pages(400)


def test_pure_path_is_live_without_the_extension() -> None:
    if native.MODULE is None:
        page = _page(["a", "© b"], random.Random(1))
        assert list(_maybe_opened(page)) == _maybe_opened_python(page)
        assert machine_candidates(page) == machine_candidates_python(page)


@needs_compiled
def test_opened_lines_are_the_python_ones() -> None:
    rng = random.Random(5)
    for texts in _all_pages():
        page = _page(texts, rng)
        assert list(_maybe_opened(page)) == _maybe_opened_python(page)


@needs_compiled
def test_machine_candidates_are_the_python_ones() -> None:
    rng = random.Random(7)
    for texts in _all_pages():
        for raw in (False, True):
            page = _page(texts, rng, raw)
            assert machine_candidates(page) == machine_candidates_python(page)


@needs_compiled
def test_tail_kept_is_the_python_one() -> None:
    rng = random.Random(11)
    for texts in _all_pages():
        page = _page(texts, rng)
        usable = None if page.every_usable else page.usable
        for count in (0, 1, 4, 100):
            assert tail_kept(page.local, usable, count) == tail_kept_python(page.local, usable, count)
            assert head_kept(page.local, page.usable, count) == head_kept_python(
                page.local, page.usable, count
            )


@needs_compiled
def test_article_picks_are_the_python_ones() -> None:
    rng = random.Random(17)
    specials: list[float] = [float("inf"), float("-inf"), float("nan"), 0.0, -0.0, 1e308, 3, True]
    for texts in _all_pages():
        page = _page(texts, rng)
        usable = None if page.every_usable else page.usable
        article = [rng.choice(specials) if rng.random() < 0.1 else rng.gauss(0, 2) for _ in texts]
        for cut in (0.5, 2.0, float("inf"), float("-inf"), float("nan")):
            picked = article_picks(article, cut, page.local, usable)
            assert picked == article_picks_python(article, cut, page.local, usable)


@needs_compiled
def test_address_lines_are_the_python_ones() -> None:
    rng = random.Random(19)
    bares = [
        "example.com/news/2024/city-vote",
        "www.x.de/a/",
        "ex\u00e4mple.de/\u00fc",
        "a/\U0001f600",
        "h/h",
    ]
    spaces = ["", " ", "\t", "\u00a0", "\u2028", "\x85", "\u200b", "\ufeff"]
    for texts in _all_pages()[-200:] + _pages()[:50]:
        page = _page(texts, rng)
        for bare in bares:
            forms = [
                f"{scheme}{prefix}{bare}{slash}"
                for scheme in ("https://", "http://", "", "HTTP://", "ftp://")
                for prefix in ("www.", "", "WWW.")
                for slash in ("", "/", "//")
            ]
            lines = list(texts)
            for _ in range(10):
                lines.insert(
                    rng.randrange(len(lines) + 1),
                    rng.choice(spaces) + rng.choice(forms) + rng.choice(spaces),
                )
            moved = _page(lines, rng, raw=rng.random() < 0.5)
            assert address_lines(moved, bare) == address_lines_python(moved, bare)
        assert address_lines(page, "example.com/a") == address_lines_python(page, "example.com/a")


URL_PIECES = [
    "https://",
    "http://",
    "://",
    ":",
    "/",
    "?",
    "#",
    "@",
    "[",
    "]",
    ".",
    "..",
    "www",
    "co",
    "uk",
    "com",
    "gob",
    "Nic",
    "northwind",
    "Nord-Wind",
    "ab",
    "x",
    "1",
    "2024",
    "straße",
    "\u00e9",
    " ",
    "\t",
    "\x1c",
    "\u00a0",
    "\U0001f600",
    "a" * 300,
    ".".join("a" * 70),
]


@needs_compiled
def test_site_names_are_the_python_ones() -> None:
    rng = random.Random(23)
    urls = [
        "https://www.northwind.com/news/a",
        "http://user:pw@Sub.Example.CO.UK:8080/x?y#z",
        "https://192.168.0.1/a",
        "https://[::1]:80/",
        "  https://www.bbc.co.uk/news  ",
        "https:///path",
        "",
    ]
    urls += ["".join(rng.choice(URL_PIECES) for _ in range(rng.randrange(12))) for _ in range(20_000)]
    for url in urls:
        assert site_name(url) == site_name_python(url), url


PATH_PIECES = [
    "/",
    "-",
    "_",
    ".",
    ".html",
    ".HTM",
    ".php5",
    ".jsonld",
    ".a",
    "%20",
    "%C3%A9",
    "news",
    "New",
    "SUVs",
    "2019",
    "a1",
    "x",
    "über",
    "\U0001f600",
    "\n",
    " ",
    "?",
    "#",
    "A" * 300,
    ".a.bc",
]


@needs_compiled
def test_slug_words_are_the_python_ones() -> None:
    rng = random.Random(31)
    paths = ["", "/", "/2019/11/19/new-suvs-highlight-la-auto-show.html", "/a.b.c.d.html", "/.html-a-b-c"]
    paths += ["".join(rng.choice(PATH_PIECES) for _ in range(rng.randrange(14))) for _ in range(20_000)]
    for path in paths:
        assert slug_path_words(path) == slug_path_words_python(path), path


@needs_compiled
def test_name_openers_are_the_python_ones() -> None:
    rng = random.Random(37)
    extra = ["\u212aelvin", "Kelvin", "\u0130stanbul", "\u201cNorthwind", " \u2022 northwind", "", "  ", "«»"]
    for texts in _all_pages():
        lines = list(texts) + extra
        picks = [rng.randrange(len(lines)) for _ in range(rng.randrange(8))]
        for name in ("northwind", "kelvin", "istanbul", "0day", "\u00e9t\u00e9"):
            assert name_openers(lines, picks, name) == name_openers_python(lines, picks, name)


@needs_compiled
def test_thread_openers_are_the_python_ones() -> None:
    rng = random.Random(13)
    shipped = shipped_lexicon()
    for texts in _all_pages():
        page = _page(texts, rng)
        s = page.scored
        for exact in (EXACT, None):
            for lexicon in (shipped, None):
                line_category = None if lexicon is None else lexicon.line_category
                python = opener_lines(
                    s.norms, s.words, s.categories, map(is_, page.local, repeat(exact)), line_category
                )
                assert page_openers(s.norms, s.words, s.categories, page.local, exact, lexicon) == python


@needs_compiled
def test_pickers_refuse_bad_arguments() -> None:
    module: Any = native.MODULE
    with pytest.raises(TypeError):
        module.opened_lines(["a"], ["a", "b"], [True], None, "", COPYRIGHT_OPENERS)
    with pytest.raises(TypeError):
        module.opened_lines(["a"], [1], [True], None, "", COPYRIGHT_OPENERS)
    with pytest.raises(TypeError):
        module.opened_lines(["a"], ["a"], [True], None, "", ("a", 1))
    with pytest.raises(TypeError):
        module.thread_marked([None], None, [], THREAD_CATEGORY)
    with pytest.raises(TypeError):
        module.thread_marked([None], None, [None], 3)
    with pytest.raises(TypeError):
        module.machine_candidates([b"x"], [None], None, 5, "0")
    with pytest.raises(TypeError):
        module.machine_candidates(["x"], [None], [True, False], 5, "0")
    with pytest.raises(TypeError):
        module.article_picks([1.0], 0.0, [None, None], None)
    with pytest.raises(TypeError):
        module.article_picks([1.0], 0, [None], None)
    with pytest.raises(TypeError):
        module.article_picks([1.0], 0.0, [None], [True, True])
    with pytest.raises(TypeError):
        module.address_lines(["a"], [None], None, None)
    with pytest.raises(TypeError):
        module.address_lines(["a"], [None, None], None, "a/b")
    with pytest.raises(TypeError):
        module.site_label(b"https://a.com")
    with pytest.raises(TypeError):
        module.slug_path_words(None)
    with pytest.raises(ValueError):
        module.name_openers(["a"], [0], _OPENING_MARKS, "ab")
    with pytest.raises(IndexError):
        module.name_openers(["a"], [1], _OPENING_MARKS, "a")
    with pytest.raises(TypeError):
        module.name_openers(["a"], (0,), _OPENING_MARKS, "a")
    with pytest.raises(ValueError):
        module.head_kept([None], None, -1)
    with pytest.raises(TypeError):
        module.tail_kept((None,), None, 1)
    with pytest.raises(ValueError):
        module.tail_kept([None], None, -1)
    with pytest.raises(TypeError):
        module.tail_kept([None], None, "1")
