"""The chrome namer's compiled class/id reading (cleaner/native/chrome_names.c) gives its
Python original's category (chrome.class_category_python) on the test pages' class and id
strings, hostile strings and random names built of the vocabulary, camelCase runs, digits
and separators; and it refuses bad arguments.

Where the extension is not built, the test checks that the pure path is the live one.
"""

from __future__ import annotations

import random

import pytest

from cleaner import native
from cleaner.html import chrome
from cleaner.html.text import node_attributes, page_text
from tests.test_native import HOSTILE
from tests.test_native_html_features import _roots

needs_native = pytest.mark.skipif(native.MODULE is None, reason="the compiled extension is not built")

# Vocabulary words and their neighbours: state words, taxonomy prefixes, voiding words,
# mail and menu words, camelCase and ACRONYM runs, digits (generated hashes), separators.
_PIECES = [
    *sorted(chrome.CLASS_WORDS)[::3],
    "Share",
    "SHARE",
    "AdSlot",
    "HTMLNav",
    "navAd",
    "has",
    "no",
    "category-",
    "Tag-",
    "post-",
    "embed",
    "carousel",
    "email",
    "blog",
    "menu",
    "x",
    "a1b2c3d4",
    "9",
    "0x",
    "aB",
    "cD",
    "-",
    "_",
    ":",
    ".",
    "/",
    " ",
    "\t",
    "\x1c",
    "\x0b",
]


def _random_names(rng: random.Random, count: int) -> set[str]:
    return {"".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 10))) for _ in range(count)}


@needs_native
def test_class_category_matches_python() -> None:
    rng = random.Random(19)
    names = {
        name
        for root in _roots()
        for _, classes, ident, _ in node_attributes(page_text(root))
        for name in (classes, ident, f"{classes} {ident}")
        if name
    }
    names |= _random_names(rng, 30_000)
    names |= {text for text in HOSTILE if text.isascii()}
    names |= {"", " ", "x" * 200_000, "ads " * 50_000, "A" * 300 + "b", "aB" * 300, "a1" * 5000 + " nav"}
    names |= {"commentForm cookies-consent", "subscribe-email", "blog_subscription", "main-menu header-ads"}
    for name in names:
        assert chrome.class_category.__wrapped__(name) == chrome.class_category_python(name), name[:80]
    # non-ASCII strings take the Python original
    for name in [
        "Ünïcode sidebar",
        "\u0130nfo nav",
        "\u212aomment",
        "ad\u00a0s",
        "share\u2028ad",
        "\ud800 nav",
    ]:
        assert chrome.class_category(name) == chrome.class_category_python(name)


@needs_native
def test_refusals() -> None:
    assert native.MODULE is not None
    category, tables = native.MODULE.class_category, chrome._CLASS_TABLES
    with pytest.raises(ValueError):
        category("caf\u00e9 nav", tables)
    for args in [(None, tables), ("nav", None), ("nav", tables[:-1]), ("nav",), (b"nav", tables)]:
        with pytest.raises(TypeError):
            category(*args)
    for at in range(len(tables)):
        broken = list(tables)
        broken[at] = 1 if at not in (9, 11) else "1"
        with pytest.raises(TypeError):
            category("share nav a1b2c3d4e5", tuple(broken))


def test_pure_path_when_not_built() -> None:
    if native.MODULE is None:
        assert chrome._native_class_category is None
