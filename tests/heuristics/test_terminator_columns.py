"""The per-family terminator columns of a raw dump (cleaner/heuristics/terminators.py):
below the first "Comments", "Related" or "Share" line past the main block's start, the
lines still inside the block carry the share of the block above that line."""

from __future__ import annotations

import numpy as np
import pytest

from cleaner.heuristics import HeuristicLabeler
from cleaner.heuristics.features import STAGE1
from cleaner.heuristics.terminators import TERMINATOR, terminator_columns

LABELER = HeuristicLabeler()
ARTICLE = (
    "The harbour board agreed on Monday to dredge the old channel before the autumn storms, "
    "after two fishing boats ran aground there in a single week."
)
MORE = (
    "Skippers had asked for the work for three years, and the board's engineer said the silt "
    "had risen by almost a metre since the last dredging in the spring of 2019."
)
COMMENT = (
    "I have fished out of this harbour for thirty years and the channel has never been this bad, "
    "so it is about time somebody listened to the skippers."
)
# A blog dumped whole: a menu with a "Comments" link, the post, then a reader's comment
# joined to the post's prose (the main block runs on through it), then the footer.
PAGE = [
    "Home",  # 0
    "Comments",  # 1: a menu link above the article ends nothing
    ARTICLE,  # 2: the main block opens
    MORE,  # 3
    "Comments",  # 4: the terminator, a whole-line lexicon entry
    COMMENT,  # 5: still inside the main block
    "Reply",  # 6
    COMMENT.replace("thirty", "forty"),  # 7: the block's last line
    "Contact",  # 8
    "Imprint",  # 9
]


def test_the_columns_are_stage_one_columns() -> None:
    assert set(TERMINATOR) <= set(STAGE1)
    assert TERMINATOR == ("below_comments", "below_related", "below_share")


def test_lines_in_the_block_below_a_comments_line_carry_the_share_above_it() -> None:
    cols, _ = LABELER.features(PAGE)
    block = np.flatnonzero(cols["block_in"]).tolist()
    assert (block[0], block[-1]) == (2, 7)
    lengths = [len(text) for text in PAGE]
    above = sum(lengths[2:5]) / sum(lengths[2:8])
    below = cols["below_comments"]
    assert below[:5].tolist() == [0.0] * 5  # the menu's link, the article, the terminator itself
    assert below[5:8].tolist() == pytest.approx([above] * 3)
    assert below[8:].tolist() == [0.0, 0.0]  # after the block: block_after's part, not this column's
    assert not cols["below_related"].any() and not cols["below_share"].any()


def test_a_whole_line_entry_names_its_family() -> None:
    """ "Comments" alone on its line is a whole-line lexicon entry, not a phrase the scan
    finds: the labeler's families take the entry's category."""
    lines = LABELER.read_lines(["Comments", "Related articles", ARTICLE])
    families, _, _ = LABELER.lexicon_features(lines.lows, lines.norms, lines.scan)
    assert lines.scan.categories[0] is None
    assert families == ["comments", "related", None]


def test_only_the_first_terminator_of_a_family_counts() -> None:
    lengths = np.array([100, 100, 10, 100, 10, 100], dtype=np.int64)
    words = np.array([20, 20, 2, 20, 2, 20])
    phrase_line = np.array([0, 0, 1, 0, 1, 0], dtype=np.float64)
    families = [None, None, "related", None, "related", None]
    cols = terminator_columns(lengths, words, phrase_line, families, 0, 5)
    assert cols["below_related"].tolist() == pytest.approx([0, 0, 0, 210 / 420, 210 / 420, 210 / 420])


def test_no_block_or_no_terminator_leaves_zeros() -> None:
    lengths = np.array([10, 10, 10], dtype=np.int64)
    words = np.array([2, 2, 2])
    phrase_line = np.array([1.0, 0.0, 0.0])
    families = ["share", None, None]
    for first, last in ((3, -1), (1, 2)):  # no main block; a share bar above the block
        cols = terminator_columns(lengths, words, phrase_line, families, first, last)
        assert all(not column.any() for column in cols.values())
    assert all(
        len(c) == 0 for c in terminator_columns(lengths[:0], words[:0], phrase_line[:0], [], 0, -1).values()
    )


def test_a_long_line_naming_a_family_is_no_terminator() -> None:
    lengths = np.array([100, 60, 100], dtype=np.int64)
    words = np.array([20, 9, 20])  # "Share your thoughts on the harbour in the comments below"
    phrase_line = np.array([0.0, 1.0, 0.0])
    cols = terminator_columns(lengths, words, phrase_line, [None, "comments", None], 0, 2)
    assert not cols["below_comments"].any()
