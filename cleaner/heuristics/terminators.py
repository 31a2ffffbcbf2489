"""Terminating lines of a raw dump, by phrase family: boilerpipe's terminating blocks as columns.

A raw page dump's article tends to end at the first "Comments", "Related articles" or
"Share" line past its start: below it come comment threads, teaser runs and share bars,
whose entries read like prose and often join the main block of prose. The decision
``after-terminator`` cuts there only when half of the kept text lies above; these
columns let the line model weigh the same signal softly, per family (a comment thread
and a teaser list do not look alike below their header), and by how much of the main
block already lies above the terminator (a share bar over the article's first
paragraph ends nothing).

A terminator is a phrase line (a lexicon phrase or whole-line entry fills it) of the
family, of at most TERMINATOR_MAX_WORDS words, at or past the main block's first line:
the menus above the article hold "Comments" and "Share" links that end nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

TERMINATOR_FAMILIES: tuple[str, ...] = ("comments", "related", "share")
TERMINATOR_MAX_WORDS = 6  # a header line, not a sentence that names the family
TERMINATOR: tuple[str, ...] = tuple(f"below_{family}" for family in TERMINATOR_FAMILIES)


def terminator_columns(
    lengths: np.ndarray,
    words: np.ndarray,
    phrase_line: np.ndarray,
    families: Sequence[str | None],
    first: int,
    last: int,
) -> dict[str, np.ndarray]:
    """Per family, for each line below the page's first terminator of that family: the
    share of the main block's characters (lines ``first`` to ``last``) that lie above
    the terminator; 0.0 on the terminator, above it, and on pages without one or
    without a main block (``last < first``)."""
    n = len(lengths)
    columns = {name: np.zeros(n) for name in TERMINATOR}
    if last < first or not n:
        return columns
    candidates = np.flatnonzero((phrase_line[first:] > 0) & (words[first:] <= TERMINATOR_MAX_WORDS))
    if not len(candidates):
        return columns
    block = np.asarray(lengths[first : last + 1], dtype=np.float64)
    block_ends = np.cumsum(block)
    block_total = float(block_ends[-1]) or 1.0
    left = set(TERMINATOR_FAMILIES)
    for j in (candidates + first).tolist():
        family = families[j]
        if family not in left:
            continue
        left.discard(family)
        above = float(block_ends[min(j, last) - first]) if j > first else 0.0
        columns[f"below_{family}"][j + 1 : last + 1] = above / block_total
        if not left:
            break
    return columns
