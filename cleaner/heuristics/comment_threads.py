"""Find a reader-comment thread below an article: an opener line, then signed posts.

Blogs and older news pages print their comments after the article, and extractors
often keep them: each post is prose ("I knit socks too ...") and reads like the
article, so a line's own shape cannot tell them apart. What gives a thread away in
any language is its rhythm: a short "Comments" line (or "12 Comments", "| READER
COMMENTS |") opens it, and each post carries a signature with a clock time
("Posted by: Ann at September 10, 2012 11:40 AM", "Amy | Apr 6, 2007 1:21:27 PM").
A few such signatures below the opener prove the thread; an article's own lines
rarely hold a clock time in a short line, and never three below a comments line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, compress, repeat
from operator import eq, is_
from typing import Any

from cleaner import native
from cleaner.heuristics.lexicon import Lexicon
from cleaner.heuristics.line_marks import edge_marked_lines

THREAD_MIN_SIGNATURES = 3  # signed posts below the opener that prove a thread (one or two: a timeline)
SIGNATURE_MAX_WORDS = 20  # a post's signature line is short; a post's prose is not its signature
OPENER_MAX_WORDS = 6  # "Comments", "12 Comments", "Reader comments (4)", "Kommentare"
# A clock time: "11:40", "1:21:27 PM", "14h30" (French); not a ratio or score inside prose,
# which the short-line bound keeps out of the signatures.
CLOCK_TIME = re.compile(r"(?<![\d:])\d{1,2}(?::\d{2}){1,2}(?![\d:])|(?<!\d)\d{1,2}h\d{2}(?!\d)")
# What an opener line carries around its words: counts, brackets, bars ("| READER COMMENTS |",
# "(12)"); a line that starts or ends with one of these is looked up without them.
OPENER_NOISE = re.compile(r"[\d()\[\]|•·:#-]+")
NOISY_START = "0123456789|([#•·-"
NOISY_END = "0123456789|)]:"
THREAD_CATEGORY = "comments"
_FORMS_KEY = "comment_threads.forms"  # comment_forms' entry in ``Lexicon.derived``


def opener_form(norm: str) -> str:
    """A normalised line without its count, brackets and bars, as the whole-line
    lexicon lists it: "12 comments" and "comments (12)" both become "comments"."""
    return " ".join(OPENER_NOISE.sub(" ", norm).split())


def is_signature(text: str, words: int) -> bool:
    """A short line holding a clock time: a post's "Posted by X at 10:14 AM"."""
    return words <= SIGNATURE_MAX_WORDS and CLOCK_TIME.search(text) is not None


def opener_lines(
    norms: list[str],
    words: list[int],
    categories: Sequence[str | None],
    exact: Iterable[bool],
    line_category: Mapping[str, str] | None,
) -> list[int]:
    """The lines that may open a thread, in order: ``exact`` marks the lines that are a
    comments line of the lexicons as they stand ("Comments", "Kommentare"); a line whose
    phrase category is THREAD_CATEGORY ("Leave a comment") is one too; and with
    ``line_category``, a short line that starts or ends with a count, a bracket or a bar is one
    when its ``opener_form`` is ("12 Comments", "| READER COMMENTS |"). The last test is
    left out on raw dumps: their many short lines would make it cost 3% of the run, and
    their comments lines stand alone. The short lines with a count, bracket or bar at an
    end are picked in one call (``line_marks.edge_marked_lines``), and the category is
    looked for in the page first (a C-level search): most pages have neither."""
    n = len(norms)
    found = set(compress(range(n), exact))
    if THREAD_CATEGORY in categories:
        found.update(compress(range(n), map(eq, repeat(THREAD_CATEGORY), categories)))
    if line_category is not None:
        marked = edge_marked_lines(norms, words, OPENER_MAX_WORDS, NOISY_START, NOISY_END)
        found.update(thread_openers(norms, marked, line_category))
    return sorted(found)


def page_openers(
    norms: list[str],
    words: list[int],
    categories: list[str | None],
    local: list[Any],
    exact: object,
    lexicon: Lexicon | None,
) -> list[int]:
    """``opener_lines`` with ``exact`` the lines whose label in ``local`` is the object
    ``exact`` (the comments button label) and ``line_category`` the whole-line lexicon of
    ``lexicon`` (None: left out). Compiled, every test is one pass over the lines
    (page_gates.c), the opener forms looked up among the lexicon's comments forms alone
    (``comment_forms``, made once per lexicon); ``opener_lines`` the reference and the fallback."""
    if native.MODULE is None:
        line_category = None if lexicon is None else lexicon.line_category
        return opener_lines(norms, words, categories, map(is_, local, repeat(exact)), line_category)
    forms, longest = (None, 0) if lexicon is None else lexicon.derived_from(_FORMS_KEY, comment_forms)
    found: list[int] = native.MODULE.thread_page_openers(
        local,
        exact,
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
    return found


def comment_forms(lexicon: Lexicon) -> tuple[frozenset[str], int]:
    """The whole lines the lexicon calls comments lines, and the longest one's length: an
    opener form is looked up among these alone, and one longer is none of them."""
    line_category = lexicon.line_category
    forms = frozenset(form for form in line_category if line_category[form] == THREAD_CATEGORY)
    return forms, max(map(len, forms), default=0)


def thread_openers(norms: list[str], marked: list[int], line_category: Mapping[str, str]) -> list[int]:
    """Those of the lines ``marked`` whose ``opener_form`` ``line_category`` calls a comments
    line, in order. Compiled (``thread_openers.c``) where the lexicon is a dict: most
    marked lines are list items, and the form's substitution, split and join cost most
    of the decision in Python."""
    if native.MODULE is not None and type(line_category) is dict and type(norms) is list:
        found: list[int] = native.MODULE.thread_openers(norms, marked, line_category, THREAD_CATEGORY)
        return found
    return thread_openers_python(norms, marked, line_category)


def thread_openers_python(norms: list[str], marked: list[int], line_category: Mapping[str, str]) -> list[int]:
    """``thread_openers`` in Python: the reference and the fallback."""
    return [j for j in marked if line_category.get(opener_form(norms[j])) == THREAD_CATEGORY]


def thread_start(
    texts: Sequence[str],
    words: Sequence[int],
    kept: Sequence[bool],
    openers: Sequence[int],
) -> int | None:
    """The index of the line that opens a comment thread, or None.

    Of ``openers`` (``opener_lines``), those of at most OPENER_MAX_WORDS words count;
    the first with THREAD_MIN_SIGNATURES kept signature lines below it, each with a post
    between it and the one above, opens the thread (everything kept below it is the thread).
    """
    n = len(texts)
    candidates = [j for j in openers if 0 < words[j] <= OPENER_MAX_WORDS]
    if not candidates:
        return None
    first = candidates[0]
    # Signatures below the first opener: kept short lines with a clock time (a line
    # without ":" or "h" holds none). Only the kept lines are looked at: on a raw dump
    # the classifier has dropped most lines by now.
    signatures = [
        j
        for j in compress(range(first + 1, n), kept[first + 1 :])
        if (":" in texts[j] or "h" in texts[j]) and is_signature(texts[j], words[j])
    ]
    if len(signatures) < THREAD_MIN_SIGNATURES:
        return None
    # A signature counts when a post (a kept line) lies between it and the signature above:
    # a programme's or timetable's run of timed lines is one. The article above an opener
    # counts as the first post.
    kept_above = list(accumulate(kept, initial=0))  # kept lines above each line
    for opener in candidates:
        spaced, above = 0, opener
        for j in signatures:
            if j <= opener:
                continue
            if above == opener or kept_above[j] > kept_above[above + 1]:
                spaced += 1
            above = j
        if spaced >= THREAD_MIN_SIGNATURES:
            return opener
    return None
