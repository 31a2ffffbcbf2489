"""Features of the article-line model: boilerplate left inside an article's text.

An extractor's output (or the article blocks the html stage kept) is mostly
prose; what it still carries is short and sits in telling places: "READ MORE:
<headline>" lead-ins, a run of teaser headlines after the last paragraph, a
newsletter prompt, a photo credit, "Follow us on ...", a copyright line. The
page's raw-dump classifier (``features.py``) is tuned for whole pages full of
menus and would cut list items and subheadings here, so this model has its own
features, chosen to carry across languages: the line's shape, its place
relative to the article's long paragraphs, its neighbours, repetition inside
the page, and the phrase families and lead-ins of the lexicons.

Columns are computed for the whole page at once (numpy arrays over the lines;
page-level values as floats), as ``model.LinearStage`` reads them, holding the
same numbers the per-line Python version did. The fit script
(``bench/fit_article.py``) calls this same function, so training and run time
see the same numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from itertools import accumulate, compress, repeat
from math import log1p
from operator import is_not, itemgetter, methodcaller
from typing import Any

import numpy as np

from cleaner.heuristics.features import line_starts, lines_containing
from cleaner.heuristics.lexicon import LEAD_STRIP, Lexicon
from cleaner.heuristics.scores import PageLines

PARAGRAPH_WORDS = 25  # a line this long is an article paragraph; the body's core runs between them
SHORT_WORDS = 8  # a line shorter than this is headline-, button- or caption-sized
TINY_WORDS = 4
PHRASE_COVER = 0.5  # a phrase covering this share of a line makes the line a phrase line
_SENTENCE_END = frozenset(".!?…\"”»'’)")
_BULLETS = frozenset("-•*·►▶›»>–—")
_DATE_LIKE = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[./:]\d{1,2}\b")
_LINK_MARKS = ("http", "www.", "@")
_COPYRIGHT_MARKS = ("©", "(c)", "℗")
_LAST_CHAR = itemgetter(slice(-1, None))  # "" for an empty line
_FIRST_CHAR = itemgetter(slice(0, 1))

# The phrase families that get a column of their own (others count in "phrase").
FAMILY_COLUMNS = (
    "related",
    "newsletter",
    "subscription",
    "donation_appeal",
    "share",
    "credit",
    "legal",
    "comments",
    "advertisement",
    "navigation",
    "consent",
)
Columns = dict[str, Any]  # name -> an array of one float per line, or a float for the whole page


def _in_tail(values: np.ndarray, last_paragraph: int) -> np.ndarray:
    """``values`` below the last paragraph, zeros above it and on it (the "tail" interaction)."""
    out = values.copy()
    out[: last_paragraph + 1] = 0.0
    return out


def _flags(values: Any, n: int) -> np.ndarray:
    """1.0 / 0.0 per line from an iterable of truth values."""
    return np.fromiter(values, bool, n).astype(np.float64)


def _shifted(values: np.ndarray, by: int) -> np.ndarray:
    """``values`` moved ``by`` lines down (up when negative), 0.0 where nothing moves in."""
    out = np.zeros(len(values))
    if by > 0:
        out[by:] = values[:-by]
    elif by < 0:
        out[:by] = values[-by:]
    return out


def _short_dates(lows: list[str], short: np.ndarray) -> np.ndarray:
    """1.0 for each short line holding a year or a day and month: a dateline, a byline, a
    teaser's date. Only short lines are searched (on an article most lines are paragraphs),
    joined by newlines in one text: the pattern never spans a line break."""
    found = np.zeros(len(lows))
    indexes = np.flatnonzero(short).tolist()
    if not indexes:
        return found
    chosen = list(map(lows.__getitem__, indexes))
    joined = "\n".join(chosen)
    starts = list(accumulate(map((1).__add__, map(len, chosen)), initial=0))
    search = _DATE_LIKE.search
    line = 0
    match = search(joined)
    while match is not None:
        line = bisect_right(starts, match.start(), line) - 1
        found[indexes[line]] = 1.0
        match = search(joined, starts[line + 1])
    return found


def article_columns(texts: list[str], lines: PageLines, leads: list[str | None], lexicon: Lexicon) -> Columns:
    """The model's feature columns for one page's lines (see the module docstring).

    ``lines``: the page's lines as the labeler read them (lower-cased, normalised,
    the phrase scan, word counts); ``leads``: each line's lead-in category.
    """
    lows, norms, scan, _, word_list = lines
    categories, covered, phrase_at_start = scan
    n = len(texts)
    stripped = list(map(str.strip, texts))
    joined = "\n".join(lows)
    starts = line_starts(lows)
    words = np.array(word_list, dtype=np.int64)
    long = (words >= PARAGRAPH_WORDS).astype(np.float64)
    paragraphs = np.flatnonzero(long)
    first_par = int(paragraphs[0]) if len(paragraphs) else n
    last_par = int(paragraphs[-1]) if len(paragraphs) else -1
    short = (words < SHORT_WORDS).astype(np.float64)
    tiny = (words < TINY_WORDS).astype(np.float64)
    last_chars = list(map(_LAST_CHAR, stripped))
    end_p = _flags(map(_SENTENCE_END.__contains__, last_chars), n)
    no_end = 1.0 - end_p
    tail = np.zeros(n)
    tail[last_par + 1 :] = 1.0
    head = np.zeros(n)
    head[:first_par] = 1.0
    first = np.zeros(n)
    last = np.zeros(n)
    if n:
        first[0] = 1.0
        last[-1] = 1.0
    phrase = _flags(map(is_not, categories, repeat(None)), n)
    lead = _flags(map(is_not, leads, repeat(None)), n)
    prev_lead = _shifted(lead, 1)
    seen = Counter(stripped)
    if len(seen) == n:
        repeated = np.zeros(n)
    else:
        repeated = (np.fromiter(map(seen.__getitem__, stripped), np.int64, n) > 1).astype(np.float64)
    bullet = _flags(map(_BULLETS.__contains__, map(_FIRST_CHAR, stripped)), n)
    low_lengths = np.fromiter(map(len, lows), np.int64, n)
    covered_chars = np.array(covered, dtype=np.int64)
    cover = ((covered_chars > 0) & (covered_chars >= PHRASE_COVER * low_lengths)).astype(np.float64)
    start = _flags(phrase_at_start, n)
    upper = _flags(map(str.isupper, stripped), n) * (words >= 2)
    head_short = np.zeros(n)
    head_short[:first_par] = short[:first_par] * no_end[:first_par]
    cols: Columns = {
        "log_words": np.log1p(words),
        "short": short,
        "tiny": tiny,
        "long": long,
        "sentence_end": end_p,
        "colon_end": _flags(map(":".__eq__, last_chars), n),
        "bullet": bullet,
        "pipe": lines_containing(joined, starts, ("|",)),
        "upper": upper,
        "date_like": _short_dates(lows, short),
        "link_mark": lines_containing(joined, starts, _LINK_MARKS),
        "copyright": lines_containing(joined, starts, _COPYRIGHT_MARKS),
        "first": first,
        "last": last,
        "position": np.arange(n) / n if n else np.zeros(0),
        "tail": tail,
        "head": head,
        "repeated": repeated,
        "lead_in": lead,
        "after_lead_in": prev_lead,
        "phrase": phrase,
        "phrase_start": start,
        "phrase_cover": cover,
        "button": _flags(map(lexicon.line_category.__contains__, norms), n),
        "prev_short": _shifted(short, 1),
        "next_short": _shifted(short, -1),
        "prev_long": _shifted(long, 1),
        "next_long": _shifted(long, -1),
        "page_lines": log1p(n),
        "page_short_share": float(short.sum()) / n if n else 0.0,
        "tail_short": _in_tail(short, last_par),
        "tail_phrase": _in_tail(phrase, last_par),
        "tail_no_end": _in_tail(no_end, last_par),
        "tail_long": _in_tail(long, last_par),
        "phrase_short": phrase * short,
        "start_short": start * short,
        "after_lead_short": prev_lead * short,
        "bullet_tail": _in_tail(bullet, last_par),
        "title_like": first * no_end,
        "repeated_short": repeated * short,
        "head_short": head_short,
        "long_phrase": long * phrase,
    }
    families = {family: np.zeros(n) for family in FAMILY_COLUMNS}
    for j, category in enumerate(categories):
        if category in families:
            families[category][j] = 1.0
    for family in FAMILY_COLUMNS:
        cols[f"family_{family}"] = families[family]
    return cols


def lead_in_categories(texts: list[str], norms: list[str], lexicon: Lexicon) -> list[str | None]:
    """The category of each line's lead-in ("Read more: ..." -> related), or None.

    Most lines open with no lead-in at all (after the bullets a lead-in may follow),
    which C-level passes over the page tell before any line gets the full test.
    """
    openers = lexicon.lead_openers()
    candidates = map(methodcaller("startswith", openers), map(str.lstrip, norms, repeat(LEAD_STRIP)))
    leads: list[str | None] = [None] * len(norms)
    for j in compress(range(len(norms)), candidates):
        leads[j] = lexicon.lead_in(norms[j], texts[j])
    return leads


def stage2_columns(cols: Columns, s1: Any) -> Columns:
    """Stage two reads its neighbours' stage-one scores: a teaser headline sits in a run
    of them, a subheading between paragraphs (jusText's second pass, learned)."""
    s1 = np.asarray(s1, dtype=np.float64)
    prev1, prev2 = _shifted(s1, 1), _shifted(s1, 2)
    next1, next2 = _shifted(s1, -1), _shifted(s1, -2)
    return {
        **cols,
        "s1": s1,
        "s1_prev": prev1,
        "s1_prev2": prev2,
        "s1_next": next1,
        "s1_next2": next2,
        "s1_near_max": np.maximum(np.maximum(prev1, prev2), np.maximum(next1, next2)),
        "s1_with_prev": s1 * prev1,
        "s1_with_next": s1 * next1,
    }
