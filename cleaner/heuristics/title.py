"""The headline: the short, unpunctuated line just before the article body.

It is metadata, not body (gold bodies leave it out), and trafilatura's text
starts with it on many pages, so finding it is most of what can be gained on
already-extracted text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice

from cleaner.result import Label

TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 18
TITLE_MAX_CHARS = 220
TITLE_LOOKBACK = 6  # lines before the first body line searched for the headline
_NOT_TITLE_END = frozenset(".:,;")
_NOT_TITLE_START = ("http", "©", "|", "•", "- ", "* ", "– ")  # links, credits, separators, list items
_RELABEL = frozenset({"heuristic:classifier", "heuristic:short-head"})  # guesses the title may overrule
_CLOSING_QUOTES = "\"'”’»)"  # a sentence may end inside quotes: ...relationships."
# A lower-case word ending a sentence and a capital opening the next: two sentences
# ("... and its advertiser. All opinions are mine"), which a headline never is; the
# lower-case word of four letters or more passes "Dr. Who", "vs. Nets", "Corp. Buys".
_SENTENCE_BREAK = re.compile(r"\b[a-z]{4,}\. [A-Z]")


def looks_like_title(text: str) -> bool:
    """Headline shape: a few words, no sentence-final period or colon, some letters.

    Not a headline: a line in capitals only (a dateline "BAAR, SWITZERLAND", a kicker,
    "CLICK FOR FULL RESULTS"; headlines are written in mixed case, what a page shows in
    capitals its style sheet makes so), a line with a link, two sentences."""
    words = text.split()
    lowered = text.lower()
    return (
        TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS
        and len(text) <= TITLE_MAX_CHARS
        and text.rstrip(_CLOSING_QUOTES)[-1:] not in _NOT_TITLE_END
        and not text.startswith(_NOT_TITLE_START)
        and sum(ch.isalpha() for ch in text) >= len(text) / 2
        and not text.isupper()
        and "www." not in lowered
        and "http" not in lowered
        and _SENTENCE_BREAK.search(text) is None
    )


def find_title(
    texts: Sequence[str],
    local: Sequence[Label | None],
    usable: Sequence[bool],
    scores: Sequence[float],
    cut: float,
) -> int | None:
    """Index of the headline line, or None.

    The first kept line is the headline when it is headline-shaped and a
    longer kept line follows it (extracted text); otherwise the nearest
    headline-shaped line above the first kept line (a raw page dump).
    """
    n = len(texts)
    # the first two body lines are all it reads: stop looking there
    body = list(islice((j for j in range(n) if usable[j] and local[j] is None and scores[j] >= cut), 2))
    if not body:
        return None
    first = body[0]
    if len(body) > 1 and looks_like_title(texts[first]) and len(texts[body[1]]) > len(texts[first]):
        return first
    for j in range(first - 1, max(first - TITLE_LOOKBACK, 0) - 1, -1):
        label = local[j]
        if usable[j] and looks_like_title(texts[j]) and (label is None or label.rule in _RELABEL):
            return j
    return None
