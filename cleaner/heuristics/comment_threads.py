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
from collections.abc import Callable, Sequence

THREAD_MIN_SIGNATURES = 3  # signed posts below the opener that prove a thread (one or two: a timeline)
SIGNATURE_MAX_WORDS = 20  # a post's signature line is short; a post's prose is not its signature
OPENER_MAX_WORDS = 6  # "Comments", "12 Comments", "Reader comments (4)", "Kommentare"
# A clock time: "11:40", "1:21:27 PM", "14h30" (French); not a ratio or score inside prose,
# which the short-line bound keeps out of the signatures.
CLOCK_TIME = re.compile(r"(?<![\d:])\d{1,2}(?::\d{2}){1,2}(?![\d:])|(?<!\d)\d{1,2}h\d{2}(?!\d)")
# What an opener line carries around its word: counts, brackets, bars ("| READER COMMENTS |", "(12)").
OPENER_NOISE = re.compile(r"[\d()\[\]|•·:#-]+")
THREAD_CATEGORY = "comments"


def opener_form(norm: str) -> str:
    """A normalised line without its count, brackets and bars, as the whole-line
    lexicon lists it: "12 comments" and "comments (12)" both become "comments"."""
    return " ".join(OPENER_NOISE.sub(" ", norm).split())


def is_signature(text: str, words: int) -> bool:
    """A short line holding a clock time: a post's "Posted by X at 10:14 AM"."""
    return words <= SIGNATURE_MAX_WORDS and CLOCK_TIME.search(text) is not None


def thread_start(
    texts: Sequence[str],
    norms: Sequence[str],
    words: Sequence[int],
    kept: Sequence[bool],
    opens_thread: Callable[[int, str], bool],
) -> int | None:
    """The index of the line that opens a comment thread, or None.

    ``opens_thread(j, form)`` says whether line ``j`` (its ``opener_form``) is a
    comments line; the first such line with THREAD_MIN_SIGNATURES kept signature
    lines below it, each with a post between it and the one above, opens the thread
    (everything kept below it is the thread).
    """
    openers = [
        j
        for j in range(len(texts))
        if 0 < words[j] <= OPENER_MAX_WORDS and opens_thread(j, opener_form(norms[j]))
    ]
    if not openers:
        return None
    signed = [kept[j] and is_signature(texts[j], words[j]) for j in range(len(texts))]
    # a signature counts when a post (a kept line that is no signature) lies between it and
    # the signature above: a programme's or timetable's run of timed lines is one
    apart = [False] * len(texts)
    post_above = False
    for j in range(len(texts)):
        if signed[j]:
            apart[j] = post_above
            post_above = False
        elif kept[j]:
            post_above = True
    signed_below = [0] * (len(texts) + 1)  # spaced kept signature lines below each line
    for j in range(len(texts) - 1, -1, -1):
        signed_below[j] = signed_below[j + 1] + apart[j]
    for j in openers:
        if signed_below[j + 1] >= THREAD_MIN_SIGNATURES:
            return j
    return None
