"""title_names.c's line tests against their Python originals: corpus lines, hostile strings,
random lines made of the pieces the tests turn on."""

from __future__ import annotations

import random

import pytest

from cleaner import native
from cleaner.heuristics.own_name import (
    _OPENING_MARKS,
    name_length,
    name_length_python,
    site_name,
    site_name_python,
)
from cleaner.heuristics.title import (
    looks_like_title,
    looks_like_title_python,
    slug_line_words,
    slug_line_words_python,
)
from tests.test_native_decision_picks import URL_PIECES, _all_pages

needs_compiled = pytest.mark.skipif(native.MODULE is None, reason="the extension is not built")

PIECES = [
    "New", "SUVs", "highlight", " ", "  ", "\t", ".", ". ", "Dr. Who", ": ", ",", ";", "'", '"', ")",
    "http", "WWW.", "www", "|", "- ", "* ", "a", "abcd", "Abcde. Fgh", "ABC", "Northwind", "north",
    "wind", "is a", "\u212aelvin", "\u0130", "é", "\u00a0", "\u2028", "\x85", "\u200b", "\ufeff",
    "日本語", "ß", "\U0001f600", "\ud800", "-", "0day", "1", "«", "•", "x" * 250,
]  # fmt: skip
NAMES = ("northwind", "kelvin", "0day", "north", "abcd", "newsuvs")


def _lines() -> list[str]:
    rng = random.Random(41)
    lines = [line for page in _all_pages() for line in page]
    lines += ["", "x" * 200_000, "Northwind " * 20_000]
    return lines + ["".join(rng.choice(PIECES) for _ in range(rng.randrange(10))) for _ in range(30_000)]


@needs_compiled
def test_line_tests_are_the_python_ones() -> None:
    for text in _lines():
        assert looks_like_title(text) == looks_like_title_python(text), text
        assert slug_line_words(text) == slug_line_words_python(text), text
        for name in NAMES:
            assert name_length(text, name) == name_length_python(text, name), (text, name)


def test_hyphened_site_names_are_the_python_ones() -> None:
    rng = random.Random(43)
    pieces = [*URL_PIECES, "-", "_", "new-york", "a-b", "--", "x_y.com", "a.b-c.co.uk"]
    urls = ["https://www.new-york-times.com/a", "https://a-b.de", "http://x_y.co.uk/"]
    urls += ["".join(rng.choice(pieces) for _ in range(rng.randrange(12))) for _ in range(20_000)]
    for url in urls:
        assert site_name(url) == site_name_python(url), url


@needs_compiled
def test_line_tests_refuse_bad_arguments() -> None:
    module = native.MODULE
    assert module is not None
    with pytest.raises(TypeError):
        module.title_shape(b"a b")
    with pytest.raises(TypeError):
        module.slug_line_words(None)
    with pytest.raises(TypeError):
        module.name_length("a", "a")
    with pytest.raises(TypeError):
        module.name_length("a", b"a", _OPENING_MARKS)
    with pytest.raises(ValueError):
        module.name_length("a", "", _OPENING_MARKS)
    with pytest.raises(ValueError):
        module.name_length("a", "é", _OPENING_MARKS)
