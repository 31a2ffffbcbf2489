"""``without_combining`` drops what the generator it replaced dropped, on every code point."""

from __future__ import annotations

import unicodedata

from cleaner.heuristics import combining
from cleaner.heuristics.combining import without_combining


def _reference(text: str) -> str:
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def test_every_code_point_as_the_generator() -> None:
    for start in range(0, 0x110000, 0x8000):
        text = "".join(map(chr, range(start, min(start + 0x8000, 0x110000))))
        assert without_combining(text) == _reference(text)


def test_decomposed_words_and_the_table_bound() -> None:
    words = ["Außenminister", "Ñandú", "Ελληνικά", "tiếng Việt", "", "\ud800", "\U0001f600a\u0301"]
    for word in words:
        decomposed = unicodedata.normalize("NFKD", word)
        assert without_combining(decomposed) == _reference(decomposed)
    assert len(combining._MARKS) <= combining.MAX_REMEMBERED
