"""Combining marks taken out of a decomposed text, in one ``str.translate`` call.

The headline's slug test and the site's own name fold a line as an address writes it: NFKD,
then without its combining marks (``unicodedata.combining`` non-zero). A generator asking
``unicodedata.combining`` of each character cost most of the title decision on pages in
other scripts; here each code point is asked once per process, and the table remembers it.
"""

from __future__ import annotations

import unicodedata

# The table's bound: past this many code points it starts afresh (a page of every character
# would otherwise grow it to the whole of Unicode); pages in a few scripts stay far below.
MAX_REMEMBERED = 1 << 16


class _MarkTable(dict[int, int | None]):
    """``str.translate``'s table: a code point to None (a combining mark: dropped) or to
    itself, looked up by ``unicodedata.combining`` the first time it is met."""

    def __missing__(self, point: int) -> int | None:
        if len(self) >= MAX_REMEMBERED:
            self.clear()
        kept = None if unicodedata.combining(chr(point)) else point
        self[point] = kept
        return kept


_MARKS = _MarkTable()


def accent_folded(text: str) -> str:
    """Lower case without accents ("Außen" -> "aussen"), as addresses and slugs write words:
    "ß" as "ss", NFKD, its combining marks left out (the headline's slug test and the site's
    own name both fold so)."""
    if text.isascii():  # NFKD leaves ASCII as it is, and it holds no combining mark
        return text.lower()
    return without_combining(unicodedata.normalize("NFKD", text.lower().replace("ß", "ss")))


def without_combining(text: str) -> str:
    """``text`` without the characters whose canonical combining class is not zero (the same
    as ``"".join(ch for ch in text if not unicodedata.combining(ch))``)."""
    return text.translate(_MARKS)
