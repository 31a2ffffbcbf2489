"""Lines of an article's text the article-line model never removes: body that looks
like boilerplate.

Inside an article, a table row, an interview's "Q:" / "A:" line, a list between
paragraphs, a subheading and a poll's question are short, title-like or
bulleted, just as teaser headlines and buttons are; the model's scores alone
would spend the body-loss budget on them. What tells them apart is their place:
they sit between the article's paragraphs, not in a run after the last one. A
line opened by a lead-in ("READ MORE: ...") is never protected: the lead-in says
what it is. The fit script leaves these lines out too, so the model's threshold
is chosen on the lines it may really remove.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import compress, repeat
from operator import le

from cleaner.heuristics.lazy_regex import lazy_compile

PARAGRAPH_WORDS = 25  # a line this long is an article paragraph
HEADING_MAX_WORDS = 14  # a subheading is at most this long
HEADING_REACH = 2  # a paragraph at most this many lines above a subheading
_INTERVIEW = lazy_compile(r"^\s*(?:[QAFRPВО]|Q\s?&\s?A)\s?[:.)]\s", re.IGNORECASE)
_LIST_ITEM = lazy_compile(r"^\s*(?:[-•*·–—▪■●◦]|\d{1,3}[.)])\s")
TABLE_MIN_CELLS = 2  # a row of a table has cells with text; a layout box ("| text |") has one
LIST_RUN = 2  # kept items of the same list just above an item that stays with them
BROKEN_LINE_MIN_WORDS = 8  # a kept line this long that breaks off is a paragraph's first part
_OPEN_END = ".!?…:;\"”»'’"  # a line ending otherwise breaks off inside its sentence


def protected_lines(
    texts: list[str], words: list[int], leads: list[str | None], only: Iterable[int] | None = None
) -> list[bool]:
    """For each line, whether it is body that only looks like boilerplate (see the module).
    ``only``: the lines asked about (the others are False), where the caller reads a few
    (the article-line model's candidates): each line's test reads its neighbours alone."""
    n = len(texts)
    # a paragraph follows line j somewhere below it exactly when j lies above the last one
    # (found walking up at C level; a line's length is asked only of the lines read, not
    # made into a list for every line of the page: the model picks a few)
    is_long = map(le, repeat(PARAGRAPH_WORDS), reversed(words))
    last_paragraph = next(compress(range(n - 1, -1, -1), is_long), -1)
    tabular: list[bool | None] = [None] * n  # _table_row, made for the lines asked about and their neighbours

    def table_row(k: int) -> bool:
        found = tabular[k]
        if found is None:
            found = tabular[k] = _table_row(texts[k])
        return found

    out = [False] * n
    for j in range(n) if only is None else only:
        if leads[j] is not None or words[j] >= PARAGRAPH_WORDS:
            continue
        text = texts[j]
        inside = j < last_paragraph  # not in the trailing run after the last paragraph
        if _INTERVIEW.match(text):
            out[j] = True
        elif table_row(j) and ((j and table_row(j - 1)) or (j + 1 < n and table_row(j + 1))):
            out[j] = True  # a row of a table, beside another row
        elif inside and _LIST_ITEM.match(text):
            out[j] = True  # a list item with the article going on below it
        elif inside and text.rstrip().endswith("?"):
            out[j] = True  # a poll's or an interview's question
        elif (
            inside
            and words[j] <= HEADING_MAX_WORDS
            and j + 1 < n
            and words[j + 1] >= PARAGRAPH_WORDS
            and any(map(le, repeat(PARAGRAPH_WORDS), words[max(0, j - HEADING_REACH) : j]))
        ):
            out[j] = True  # a subheading: a paragraph just above it and right below it
    return out


def _table_row(text: str) -> bool:
    """A line that reads as a row of a table: cells split by "|" or tabs, at least
    TABLE_MIN_CELLS of them holding text."""
    if "|" not in text and "\t" not in text:
        return False
    cells = text.replace("\t", "|").split("|")
    return sum(1 for cell in cells if cell.strip()) >= TABLE_MIN_CELLS


def joined_to_kept_line(texts: list[str], kept: list[bool], j: int) -> bool:
    """Whether line ``j`` belongs with the kept lines just above it, so it stays with them:
    the next item of a list whose LIST_RUN items just above stay, or the rest of a sentence
    the extractor broke (it opens with a lower-case word right after a kept line of
    BROKEN_LINE_MIN_WORDS words or more that breaks off). A list and a paragraph are one
    unit: the model, which scores lines one by one, may take the last item of an article's
    list for a teaser and a broken sentence's tail for a link line."""
    if j < LIST_RUN or not all(kept[j - LIST_RUN : j]):
        return False
    text, above = texts[j].strip(), texts[j - 1].rstrip()
    if _LIST_ITEM.match(text):
        return all(
            _LIST_ITEM.match(texts[k]) and _marker(texts[k]) == _marker(text) for k in range(j - LIST_RUN, j)
        )
    first = text.split(maxsplit=1)[0] if text else ""
    return (
        first.isalpha()
        and first.islower()
        and above[-1:] not in _OPEN_END
        and len(above.split()) >= BROKEN_LINE_MIN_WORDS
    )


def _marker(text: str) -> str:
    """A list item's bullet ("-", "•"), or "1" for a numbered item."""
    first = text.lstrip()[:1]
    return "1" if first.isdigit() else first
