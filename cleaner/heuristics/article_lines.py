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

Columns are computed for the whole page at once (lists per line; page-level
values as floats), as ``model.LinearStage`` reads them. The fit script
(``bench/fit_article.py``) calls this same function, so training and run time
see the same numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from math import log1p

from cleaner.heuristics.features import lines_containing
from cleaner.heuristics.lexicon import Lexicon
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


def _in_tail(values: list[float], last_paragraph: int) -> list[float]:
    """``values`` below the last paragraph, zeros above it and on it (the "tail" interaction)."""
    return [0.0] * (last_paragraph + 1) + values[last_paragraph + 1 :]


def _and(a: list[float], b: list[float]) -> list[float]:
    return [x * y for x, y in zip(a, b)]


def article_columns(
    texts: list[str], lines: PageLines, leads: list[str | None], lexicon: Lexicon
) -> dict[str, list[float] | float]:
    """The model's feature columns for one page's lines (see the module docstring).

    ``lines``: the page's lines as the labeler read them (lower-cased, normalised,
    the phrase scan, word counts); ``leads``: each line's lead-in category.
    """
    lows, norms, scan, _, words = lines
    categories, covered, phrase_at_start = scan
    buttons = lexicon.line_category
    n = len(texts)
    stripped = [t.strip() for t in texts]
    joined = "\n".join(lows)
    starts = [0] * (n + 1)  # line i of ``joined`` starts at starts[i]; one more entry ends the last
    for j, low in enumerate(lows):
        starts[j + 1] = starts[j] + len(low) + 1
    paragraphs = [j for j in range(n) if words[j] >= PARAGRAPH_WORDS]
    first_par = paragraphs[0] if paragraphs else n
    last_par = paragraphs[-1] if paragraphs else -1
    short = [1.0 if w < SHORT_WORDS else 0.0 for w in words]
    tiny = [1.0 if w < TINY_WORDS else 0.0 for w in words]
    long = [1.0 if w >= PARAGRAPH_WORDS else 0.0 for w in words]
    end_p = [1.0 if s[-1:] in _SENTENCE_END else 0.0 for s in stripped]
    no_end = [1.0 - e for e in end_p]
    tail = [0.0] * (last_par + 1) + [1.0] * (n - last_par - 1)
    head = [1.0] * first_par + [0.0] * (n - first_par)
    first = [1.0] + [0.0] * (n - 1) if n else []
    phrase = [0.0 if c is None else 1.0 for c in categories]
    lead = [0.0 if c is None else 1.0 for c in leads]
    prev_lead = [0.0, *lead[:-1]]
    seen = Counter(stripped)
    repeated = [1.0 if seen[s] > 1 else 0.0 for s in stripped]
    bullet = [1.0 if s[:1] in _BULLETS else 0.0 for s in stripped]
    prev_short = [0.0, *short[:-1]]
    next_short = [*short[1:], 0.0]
    prev_long = [0.0, *long[:-1]]
    next_long = [*long[1:], 0.0]
    cover = [1.0 if c and c >= PHRASE_COVER * len(low) else 0.0 for c, low in zip(covered, lows)]
    start = [1.0 if at else 0.0 for at in phrase_at_start]
    cols: dict[str, list[float] | float] = {
        "log_words": [log1p(w) for w in words],
        "short": short,
        "tiny": tiny,
        "long": long,
        "sentence_end": end_p,
        "colon_end": [1.0 if s[-1:] == ":" else 0.0 for s in stripped],
        "bullet": bullet,
        "pipe": lines_containing(joined, starts, ("|",)).tolist(),
        "upper": [1.0 if w >= 2 and s.isupper() else 0.0 for s, w in zip(stripped, words)],
        "date_like": [1.0 if x and _DATE_LIKE.search(low) else 0.0 for x, low in zip(short, lows)],
        "link_mark": lines_containing(joined, starts, _LINK_MARKS).tolist(),
        "copyright": lines_containing(joined, starts, _COPYRIGHT_MARKS).tolist(),
        "first": first,
        "last": [0.0] * (n - 1) + [1.0] if n else [],
        "position": [j / n for j in range(n)],
        "tail": tail,
        "head": head,
        "repeated": repeated,
        "lead_in": lead,
        "after_lead_in": prev_lead,
        "phrase": phrase,
        "phrase_start": start,
        "phrase_cover": cover,
        "button": [1.0 if norm in buttons else 0.0 for norm in norms],
        "prev_short": prev_short,
        "next_short": next_short,
        "prev_long": prev_long,
        "next_long": next_long,
        "page_lines": log1p(n),
        "page_short_share": sum(short) / n if n else 0.0,
        "tail_short": _in_tail(short, last_par),
        "tail_phrase": _in_tail(phrase, last_par),
        "tail_no_end": _in_tail(no_end, last_par),
        "tail_long": _in_tail(long, last_par),
        "phrase_short": _and(phrase, short),
        "start_short": _and(start, short),
        "after_lead_short": _and(prev_lead, short),
        "bullet_tail": _in_tail(bullet, last_par),
        "title_like": _and(first, no_end),
        "repeated_short": _and(repeated, short),
        "head_short": _and(short[:first_par], no_end[:first_par]) + [0.0] * (n - first_par),
        "long_phrase": _and(long, phrase),
    }
    families = {family: [0.0] * n for family in FAMILY_COLUMNS}
    for j, category in enumerate(categories):
        if category in families:
            families[category][j] = 1.0
    for family in FAMILY_COLUMNS:
        cols[f"family_{family}"] = families[family]
    return cols


def lead_in_categories(texts: list[str], norms: list[str], lexicon: Lexicon) -> list[str | None]:
    """The category of each line's lead-in ("Read more: ..." -> related), or None."""
    return [lexicon.lead_in(norm, text) for norm, text in zip(norms, texts)]


def stage2_columns(cols: dict[str, list[float] | float], s1: list[float]) -> dict[str, list[float] | float]:
    """Stage two reads its neighbours' stage-one scores: a teaser headline sits in a run
    of them, a subheading between paragraphs (jusText's second pass, learned)."""
    prev1 = [0.0, *s1[:-1]]
    prev2 = [0.0, 0.0, *s1[:-2]][: len(s1)]
    next1 = [*s1[1:], 0.0]
    next2 = [*s1[2:], 0.0, 0.0][: len(s1)]
    near = [max(a, b, c, d) for a, b, c, d in zip(prev1, prev2, next1, next2)]
    return {
        **cols,
        "s1": s1,
        "s1_prev": prev1,
        "s1_prev2": prev2,
        "s1_next": next1,
        "s1_next2": next2,
        "s1_near_max": near,
        "s1_with_prev": _and(s1, prev1),
        "s1_with_next": _and(s1, next1),
    }
