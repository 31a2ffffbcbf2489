"""Per-line pre-tests of the decisions: which lines of a page a decision reads in Python.

Most decisions test only the lines holding a mark (a bracket, a network's name) or
opening with one of a few characters, and most lines hold none; most read only the
lines still kept. These functions pick those lines in one call; the compiled twins
(cleaner/native/_line_marks.c) read each line once in C, where the Python originals
below (the reference and the fallback) make a few C-level passes over the page.
"""

from __future__ import annotations

from itertools import compress, repeat
from operator import and_, contains, getitem, is_, or_
from typing import Any

from cleaner import native

_FIRST_CHAR, _LAST_CHAR = slice(0, 1), slice(-1, None)  # "" on an empty line, never an error


def marked_lines(texts: list[str], marks: tuple[str, ...], max_chars: int) -> list[int]:
    """The indexes of the lines of at most ``max_chars`` characters that hold one of ``marks``."""
    if native.MODULE is not None:
        found: list[int] = native.MODULE.marked_lines(texts, marks, max_chars)
        return found
    return marked_lines_python(texts, marks, max_chars)


def marked_lines_python(texts: list[str], marks: tuple[str, ...], max_chars: int) -> list[int]:
    """``marked_lines`` in Python: one C-level pass of the lines for each mark."""
    holding = [False] * len(texts)
    for mark in marks:
        holding = list(map(or_, holding, map(contains, texts, repeat(mark))))
    return list(compress(range(len(texts)), map(and_, holding, map(max_chars.__ge__, map(len, texts)))))


def edge_marked_lines(
    texts: list[str], words: list[int] | None, max_words: int, firsts: str, lasts: str
) -> list[int]:
    """The indexes of the lines whose first character is one of ``firsts`` or whose last is
    one of ``lasts`` and, unless ``words`` is None, of at most ``max_words`` words."""
    if native.MODULE is not None:
        found: list[int] = native.MODULE.edge_marked_lines(texts, words, max_words, firsts, lasts)
        return found
    return edge_marked_lines_python(texts, words, max_words, firsts, lasts)


def edge_marked_lines_python(
    texts: list[str], words: list[int] | None, max_words: int, firsts: str, lasts: str
) -> list[int]:
    """``edge_marked_lines`` in Python: C-level maps of the lines' first and last characters."""
    heads = map(frozenset(firsts).__contains__, map(getitem, texts, repeat(_FIRST_CHAR)))
    tails = map(frozenset(lasts).__contains__, map(getitem, texts, repeat(_LAST_CHAR)))
    marked = map(or_, heads, tails)
    if words is not None:
        marked = map(and_, map(max_words.__ge__, words), marked)
    return list(compress(range(len(texts)), marked))


def kept_lines(local: list[Any], usable: list[bool] | None) -> list[bool]:
    """Per line, whether its label in ``local`` is None and (unless ``usable`` is None, every
    line usable) it is usable: the lines still in the body (``decisions.LinePage.kept``)."""
    if native.MODULE is not None:
        found: list[bool] = native.MODULE.kept_lines(local, usable)
        return found
    return kept_lines_python(local, usable)


def kept_lines_python(local: list[Any], usable: list[bool] | None) -> list[bool]:
    """``kept_lines`` in Python: one or two C-level maps."""
    if usable is None:
        return list(map(is_, local, repeat(None)))
    return list(map(and_, usable, map(is_, local, repeat(None))))
