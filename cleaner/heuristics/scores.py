"""What the lexicons and the line models say about each line of one page.

Computed once per page by the labeler (``HeuristicLabeler.page_scores``) and
read by every decision (``decisions.py``).
"""

from __future__ import annotations

from math import inf
from typing import NamedTuple


class PhraseScan(NamedTuple):
    """Per line: the first phrase family found, the characters inside phrases, and
    whether a phrase opens the line."""

    categories: list[str | None]
    covered: list[int]
    at_start: list[bool]


class PageLines(NamedTuple):
    """A page's lines as every model reads them, computed once per page."""

    lows: list[str]  # lower-cased
    norms: list[str]  # normalised (lexicon.normalise_line)
    scan: PhraseScan
    page: str  # the lower-cased lines joined by newlines
    words: list[int]  # word counts (CJK characters count two to a word)


class PageScores(NamedTuple):
    """What the line classifier and the lexicons say about each line of one page."""

    scores: list[float]  # body log-odds
    cut: float  # a line is body when its score reaches this (minus infinity: nothing goes by score)
    norms: list[str]  # normalised lines
    categories: list[str | None]  # first lexicon phrase category
    words: list[int]
    phrase_lines: list[bool]  # short lines mostly made of one lexicon phrase
    raw: bool  # the page is a raw dump of a whole page, chrome and all
    article: list[float] | None = None  # boilerplate log-odds of the article-line model (cautious regime)
    article_cut: float = inf  # ... a line goes when its log-odds exceed this
    leads: list[str | None] | None = None  # the category of each line's lead-in ("Read more: ...")
    at_start: list[bool] | None = None  # a lexicon phrase opens the line
