"""chrome_contexts.c against its Python original (chrome.node_contexts_python and _own_context)."""

from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

import pytest

from cleaner import native
from cleaner.html import chrome
from cleaner.html.text import page_text, parse_html
from tests.test_native import HOSTILE
from tests.test_native_page_walk import _pages

needs_native = pytest.mark.skipif(native.MODULE is None, reason="the compiled extension is not built")

_TAGS = [
    "div",
    "nav",
    "header",
    "footer",
    "aside",
    "article",
    "main",
    "body",
    "html",
    "p",
    "figcaption",
    "menu",
]
_NAMES = [
    None,
    "",
    " ",
    "site-nav",
    "cookieBanner",
    "related_posts",
    "has-comments",
    "ad header-ads",
    "main-menu header-ads-desktop",
    "subscribe-email",
    "carousel-caption",
    "sidebar",
    "Sidebar widget",
    "x1a2b3c4d5",
    "comment ΣΟΦΙΑ",
    "İLGİLİ",
    "share\U0001f600",
    "share\u200bbar",
    "nav\u2028menu",
    "\ufeffnav",
    "footer\xa0links",
    "social-embed",
    "category-ads post",
]
_ROLES = [None, "", " Navigation ", "main", "article", "complementary", "search", "banner", "MENUBAR", "note"]


class _Str(str):
    """A str subclass: chrome_contexts.c reads exact str alone."""


def _python(rows: list[Any], parents: list[int], silent: list[bool]) -> list[chrome.Context]:
    page = SimpleNamespace(attributes=rows, node_parents=parents, nodes=rows)
    return chrome.node_contexts_python(page, silent)  # type: ignore[arg-type]


def _compiled(rows: list[Any], parents: list[int], silent: list[bool]) -> list[chrome.Context]:
    assert native.MODULE is not None
    found: list[chrome.Context] = native.MODULE.chrome_contexts(
        rows, parents, silent, chrome.ROOT, chrome.context_tables()
    )
    return found


def _random_rows(rng: random.Random, size: int) -> tuple[list[Any], list[int], list[bool]]:
    pool = _NAMES + [text[:300] for text in HOSTILE]
    rows = [
        (rng.choice(_TAGS), rng.choice(pool), rng.choice(pool), rng.choice(_ROLES + pool[:4]))
        for _ in range(size)
    ]
    parents = [rng.randrange(-1, i) if i else -1 for i in range(size)]
    silent = [rng.random() < 0.2 for _ in range(size)]
    return rows, parents, silent


@needs_native
def test_chrome_contexts_match_python_on_pages() -> None:
    """The test pages (and a few written here) with random article holders (two draws: this
    test's and the one test_native_html_features.py made of the loop chrome_contexts replaced)."""
    pages = [
        *_pages(),
        "<div class='x' role=main><p>a</p><nav><p>b</p></nav><header id=h><p>c</p></header></div>",
        "<body class=has-ads><aside><p>a</p></aside><article><header><p>t</p></header></article></body>",
        "<div role=' Navigation '><p>x</p><!-- c --><?pi class='nav'?><footer class=''><p>y</p></footer></div>",
    ]
    for rng in (random.Random(11), random.Random(3)):
        for page in pages:
            root = parse_html(page, for_trafilatura=False)
            if root is None:
                continue
            text = page_text(root)
            for _ in range(3):
                held = [n for n in text.block_nodes if rng.random() < 0.3]
                silent = chrome.holding_elements(text, held)
                assert chrome.node_contexts(text, held) == chrome.node_contexts_python(text, silent), page[
                    :200
                ]


@needs_native
def test_chrome_contexts_match_python_on_random_rows() -> None:
    """Random elements of hostile class, id and role strings (surrogates, astral, NEL, BOM, long)."""
    rng = random.Random(12)
    for _ in range(400):
        rows, parents, silent = _random_rows(rng, rng.randrange(0, 60))
        assert _compiled(rows, parents, silent) == _python(rows, parents, silent)
    long_row = [("div", "nav " * 50_000, "x" * 200_000, " " * 200_000)]
    assert _compiled(long_row, [-1], [False]) == _python(long_row, [-1], [False])


@needs_native
def test_chrome_contexts_hand_the_rest_to_python() -> None:
    """A tag that is no str (a comment's), an attribute of another type, a plain tuple context."""
    rows: list[Any] = [
        (len, "nav", None, None),
        ("div", _Str("nav"), None, None),
        ("div", None, None, "main"),
    ]
    assert _compiled(rows, [-1, 0, 1], [False, False, False]) == _python(
        rows, [-1, 0, 1], [False, False, False]
    )
    assert native.MODULE is not None
    plain = native.MODULE.chrome_contexts(
        [("nav", None, None, None)], [-1], [False], (None, None, False), chrome.context_tables()
    )
    assert plain == [chrome.Context(None, "navigation", False)]


@needs_native
def test_chrome_contexts_refuse_bad_arguments() -> None:
    assert native.MODULE is not None
    contexts = native.MODULE.chrome_contexts
    good: list[Any] = [[("div", "a", None, None)], [-1], [False], chrome.ROOT, chrome.context_tables()]
    tables = chrome.context_tables()
    for at, bad in [
        (0, ("div",)),
        (0, [("div",)]),
        (0, ["div"]),
        (1, (0,)),
        (1, ["x"]),
        (1, [0]),
        (1, [1 << 80]),
        (2, None),
        (4, tables[:-1]),
        (4, (None,) * len(tables)),
        (4, tables[:10] + (tuple, tables[11])),
        (4, list(tables)),
    ]:
        changed: list[Any] = list(good)
        changed[at] = bad
        with pytest.raises((TypeError, ValueError, IndexError, OverflowError)):
            contexts(*changed)
    with pytest.raises(TypeError):
        contexts(*good[:4])
    assert contexts([], [], [], *good[3:]) == []
    assert contexts(*good[:2], [], *good[3:]) == []  # zip's stop: the shortest list


def test_pure_path_when_not_built() -> None:
    if native.MODULE is None:
        assert chrome._native_chrome_contexts is None
