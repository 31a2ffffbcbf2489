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

from cleaner import native

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
    """``terminator_columns_python``, compiled where the extension is built and the columns
    are the raw path's (int64 lengths and words, float64 phrase lines, a list of families):
    one pass, where numpy made a dozen calls on a page's short arrays."""
    if (
        native.MODULE is not None
        and first >= 0
        and type(families) is list
        and _compiled_inputs(lengths, words, phrase_line)
    ):
        n = len(lengths)
        data = native.MODULE.terminator_columns(
            lengths, words, phrase_line, families, first, last, TERMINATOR_FAMILIES, TERMINATOR_MAX_WORDS
        )
        rows = np.frombuffer(data).reshape(len(TERMINATOR), n)
        return dict(zip(TERMINATOR, rows))
    return terminator_columns_python(lengths, words, phrase_line, families, first, last)


def _compiled_inputs(lengths: np.ndarray, words: np.ndarray, phrase_line: np.ndarray) -> bool:
    """Whether the twin reads these arrays as they are: C-contiguous, int64, int64, float64."""
    return (
        isinstance(lengths, np.ndarray)
        and isinstance(words, np.ndarray)
        and isinstance(phrase_line, np.ndarray)
        and lengths.dtype == np.int64
        and words.dtype == np.int64
        and phrase_line.dtype == np.float64
        and lengths.ndim == words.ndim == phrase_line.ndim == 1
        and len(words) == len(phrase_line) == len(lengths)
        and lengths.flags.c_contiguous
        and words.flags.c_contiguous
        and phrase_line.flags.c_contiguous
    )


def terminator_columns_python(
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
