"""A post's metadata line: its date with its author, section, tags or comment count.

Blogs and news pages print one line of fields over or under the text ("12.03.2024 | Ann
Lee | Politics | 4 comments", "March 3, 2024 at 10:15 | Filed under: Travel, Food"), and
an extractor keeps it as a line of its own. Its shape says what it is in any language: a
full date or a time, and three or more fields set apart by spaced separators. It sits
outside the article's paragraphs (above the first or below the last). A line of that
shape between others like it is an item of a listing ("05.11.2024 - Band - Hall", a
schedule, a table of results): the article's own, so it stays.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from itertools import compress, count
from operator import and_
from typing import Any

from cleaner import native
from cleaner.heuristics.article_guards import PARAGRAPH_WORDS  # metadata sits outside the paragraphs' run
from cleaner.heuristics.line_marks import kept_lines, marked_lines

META_LINE_MAX_WORDS = 20  # a longer line is a sentence or a teaser, not a line of fields
META_MIN_FIELDS = 3  # a date and two more fields: "date | author | section"
# A full date in numbers (12.03.2024, 2024-03-12, 3/12/24), a time (10:15), or a day, a month
# word and a year ("12 March 2024", "March 12, 2024", "12. März 2024"): a bare year is a
# heading's ("Festival 2024 - Day one - Photos").
_DATE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|\b\d{4}-\d\d-\d\d\b"
    r"|\b\d{1,2}:\d\d\b"
    r"|\b\d{1,2}\.?\s+[^\W\d_]{3,}\.?,?\s+(?:19|20)\d\d\b"
    r"|\b[^\W\d_]{3,}\.?\s+\d{1,2},?\s+(?:19|20)\d\d\b"
)
# ``_DATE.search`` answered faster (is_meta_shaped asks only whether there is a match): its
# first four branches open with a digit at a word's start, written digit first (``\b\d`` is
# a digit with no word character before it) so the search skips to the digits; the fifth,
# a month word before the day, is tried only where its day and year stand (_DAY_YEAR).
_DIGIT_DATE = re.compile(
    r"\d(?<!\w\d)(?:\d?[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|\d{3}-\d\d-\d\d\b"
    r"|\d?:\d\d\b"
    r"|\d?\.?\s+[^\W\d_]{3,}\.?,?\s+(?:19|20)\d\d\b)"
)
_DAY_YEAR = re.compile(r"\s\d{1,2},?\s+(?:19|20)\d\d\b")  # what _WORD_DATE's match ends with
_WORD_DATE = re.compile(r"\b[^\W\d_]{3,}\.?\s+\d{1,2},?\s+(?:19|20)\d\d\b")  # _DATE's fifth branch
# Separators between fields, with space on both sides (a hyphenated word or "a/b" is no field break).
_SEPARATOR = re.compile(r"\s[-|·•/–—]\s")
_DIGIT_PAIR = re.compile(r"\d\d")  # what every match of _DATE holds: the compiled pre-test's
SEPARATOR_MARKS = tuple("-|·•/–—")  # a line holding none has no field break (_SEPARATOR's middle)
ANY_LENGTH = sys.maxsize  # marked_lines' bound on a line's characters: none


def is_meta_shaped(text: str, words: int) -> bool:
    """A line of at most META_LINE_MAX_WORDS words with a full date or a time and at
    least META_MIN_FIELDS fields split by spaced separators. The separators are counted
    first: most lines have none, and the date's pattern costs more."""
    if words > META_LINE_MAX_WORDS or len(_SEPARATOR.findall(text)) < META_MIN_FIELDS - 1:
        return False
    if not has_date(text):
        return False
    fields = [field for field in _SEPARATOR.split(text) if field.strip(" -|·•/–—\t")]
    return len(fields) >= META_MIN_FIELDS


def has_date(text: str) -> bool:
    """Whether ``_DATE`` finds a match in ``text`` (its reference), by its branches split:
    a search of every position with five branches costs a line of prose tens of microseconds."""
    if _DIGIT_DATE.search(text) is not None:
        return True
    return _DAY_YEAR.search(text) is not None and _WORD_DATE.search(text) is not None


def paragraph_bounds(words: Sequence[int], kept: Sequence[bool]) -> tuple[int, int] | None:
    """The first and the last kept line of PARAGRAPH_WORDS words or more, or None: two
    C-level walks in from the page's ends (no Python step per line)."""
    n = len(words)
    if len(kept) != n:
        kept = kept[:n]
    first = next(compress(range(n), map(and_, kept, map(PARAGRAPH_WORDS.__le__, words))), None)
    if first is None:
        return None
    from_end = map(and_, reversed(kept), map(PARAGRAPH_WORDS.__le__, reversed(words)))
    return first, n - 1 - next(compress(count(), from_end))


def meta_lines(
    texts: Sequence[str],
    words: Sequence[int],
    kept: Sequence[bool],
    kept_marked: list[int] | None = None,
    holding_kept: Sequence[int] | None = None,
) -> list[int]:
    """The kept metadata lines outside the article's paragraphs (above the first kept line
    of PARAGRAPH_WORDS words or below the last), each with no line of the same shape just
    above or below it (a listing's items come in runs). The paragraphs' ends are found
    walking in from the page's ends, so a page costs what its edges hold. Only the lines
    holding a separator's character (``marked_lines``) can have the shape: without
    ``kept_marked`` the paragraphs' ends are found first (``paragraph_bounds``) and only
    the lines outside them searched (the body's dashes and slashes are never read).
    ``kept_marked``: those of the lines that are kept, where the caller found them without
    searching the dropped lines (a raw dump's most; it may hold lines no longer kept).
    ``holding_kept``: lines in order among which every kept one is (a raw dump's
    ``LinePage.survivors``), where the paragraphs' ends are looked for instead of all."""
    n = len(texts)
    if kept_marked is None and holding_kept is None:
        # the paragraphs' ends first (C-level walks in from the page's ends): only the lines
        # above the first or below the last are then searched for a separator
        bounds = paragraph_bounds(words if len(words) == n else words[:n], kept)
        if bounds is None:
            return []
        first, last = bounds
        lines_list = texts if isinstance(texts, list) else list(texts)
        marked = marked_lines(lines_list[:first], SEPARATOR_MARKS, ANY_LENGTH)
        marked.extend(j + last + 1 for j in marked_lines(lines_list[last + 1 :], SEPARATOR_MARKS, ANY_LENGTH))
    else:
        if kept_marked is None:
            kept_marked = marked_lines(
                texts if isinstance(texts, list) else list(texts), SEPARATOR_MARKS, ANY_LENGTH
            )
        marked = kept_marked
        if not marked:
            return []
        lines = range(n) if holding_kept is None else holding_kept
        first_found = next((j for j in lines if kept[j] and words[j] >= PARAGRAPH_WORDS), None)
        if first_found is None:
            return []
        first = first_found
        last = next(j for j in reversed(lines) if kept[j] and words[j] >= PARAGRAPH_WORDS)
    # each line's shape read once: a listing's lines are each other's neighbours
    shapes = {j: is_meta_shaped(texts[j], words[j]) for j in marked if (j < first or j > last) and kept[j]}
    shaped = [j for j, meta in shapes.items() if meta]
    for k in {k for j in shaped for k in (j - 1, j + 1) if 0 <= k < n and k not in shapes}:
        shapes[k] = is_meta_shaped(texts[k], words[k])
    return [j for j in shaped if not shapes.get(j - 1) and not shapes.get(j + 1)]


def kept_meta_lines(
    texts: list[str], words: list[int], local: list[Any], usable: list[bool] | None
) -> list[int]:
    """``meta_lines(texts, words, kept_lines(local, usable))`` with its page walk compiled
    (``meta_candidates``): only the few lines that may have the shape are read in Python.
    A line's neighbour is shaped only if it passes the same pre-test, so the neighbours
    are tested as ``meta_lines`` tests them."""
    shaped = [j for j in meta_candidates(texts, words, local, usable) if is_meta_shaped(texts[j], words[j])]
    if not shaped:
        return []
    n = len(texts)

    def shaped_at(k: int) -> bool:
        return 0 <= k < n and is_meta_shaped(texts[k], words[k])

    return [j for j in shaped if not shaped_at(j - 1) and not shaped_at(j + 1)]


def meta_candidates(
    texts: list[str], words: list[int], local: list[Any], usable: list[bool] | None
) -> list[int]:
    """The kept lines outside the paragraphs that may be metadata lines: compiled where
    the extension is built (``meta_candidates_python`` the reference and the fallback)."""
    if native.MODULE is not None:
        found: list[int] = native.MODULE.meta_candidates(
            texts, words, local, usable, PARAGRAPH_WORDS, META_LINE_MAX_WORDS, META_MIN_FIELDS - 1
        )
        return found
    return meta_candidates_python(texts, words, local, usable)


def meta_candidates_python(
    texts: list[str], words: list[int], local: list[Any], usable: list[bool] | None
) -> list[int]:
    """The kept lines (label None in ``local``, usable unless ``usable`` is None) above the
    first kept line of PARAGRAPH_WORDS words or below the last, of at most
    META_LINE_MAX_WORDS words, with META_MIN_FIELDS - 1 or more spaced separators and
    two digits side by side (every match of ``_DATE`` holds them): a superset of the lines ``is_meta_shaped`` passes there."""
    kept = kept_lines(local, usable)
    bounds = paragraph_bounds(words, kept)
    if bounds is None:
        return []
    first, last = bounds
    return [
        j
        for j in [*range(first), *range(last + 1, len(texts))]
        if kept[j]
        and words[j] <= META_LINE_MAX_WORDS
        and len(_SEPARATOR.findall(texts[j])) >= META_MIN_FIELDS - 1
        and _DIGIT_PAIR.search(texts[j]) is not None
    ]
