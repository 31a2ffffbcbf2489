"""The layout columns that mark a comment thread or a teaser list in a raw dump
(cleaner/heuristics/layout.py: repeat_near, date_near, block_pos, core_in), on a small
page written here: an article, then readers' comments, each opened by a name and a
date line and closed by a "Reply" button, all long enough to join the main block."""

from __future__ import annotations

import numpy as np
import pytest

from cleaner.heuristics import HeuristicLabeler
from cleaner.heuristics.layout import (
    DATE_DIGIT_SHARE,
    LAYOUT,
    MARK_RADIUS,
    REPEAT_LINE_COST,
    SHORT_LINE_COST,
    main_block,
)
from cleaner.heuristics.windows import mean_within

LABELER = HeuristicLabeler()
ARTICLE = [
    "The river authority opened the new flood gates on Monday morning after three years of work "
    "and a budget that grew by half along the way, its director said at the ceremony.",
    "Farmers downstream had asked for the gates since the floods of the last decade, when the water "
    "stood in their fields for six weeks and ruined the harvest of two whole seasons.",
    "The gates can be closed in under an hour, and the authority says they will keep the valley dry "
    "even in a storm of the kind the region sees once in a hundred years or so.",
]
COMMENTS = [
    "Maria K.",
    "12.03.2024 14:05",
    "About time too, my parents lost their whole barn in that flood and nobody from the authority "
    "ever came by to see the damage or to ask what the farmers needed back then.",
    "Reply",
    "Tom B.",
    "12.03.2024 15:40",
    "I wonder who will pay for the upkeep now that the money is gone, because the last project of "
    "this kind was left to rot after two winters and the town had to pay for it again.",
    "Reply",
    "Ana P.",
    "13.03.2024 08:12",
    "Great news for the valley, and well done to the engineers who kept going when the budget ran "
    "out in the second year and the whole thing nearly stopped for good as we all feared.",
    "Reply",
]
PAGE = ["Home", "News", *ARTICLE, "Comments (3)", *COMMENTS, "Imprint"]
REPLY_LINES = [k for k, text in enumerate(PAGE) if text == "Reply"]
DATE_LINES = [k for k, text in enumerate(PAGE) if text.startswith("1") and ":" in text]


def columns(texts: list[str]) -> dict[str, np.ndarray]:
    cols, _ = LABELER.features(texts)
    return {name: np.asarray(cols[name]) for name in LAYOUT}


def test_the_new_columns_are_read_by_the_model() -> None:
    for name in ("repeat_near", "date_near", "block_pos", "core_in"):
        assert name in LAYOUT


def test_window_mean_leaves_the_line_out_and_is_cut_at_the_edges() -> None:
    values = np.array([1.0, 0.0, 0.0, 1.0, 0.0])
    means = mean_within(values, 2)
    assert means[0] == pytest.approx(0 / 2)  # lines 1 and 2
    assert means[1] == pytest.approx(2 / 3)  # lines 0, 2 and 3
    assert means[4] == pytest.approx(1 / 2)  # lines 2 and 3
    assert mean_within(np.array([1.0]), 2).tolist() == [0.0]
    assert mean_within(np.zeros(0), 2).tolist() == []


def test_comments_sit_among_repeated_buttons_and_dates_the_article_does_not() -> None:
    cols = columns(PAGE)
    article = [PAGE.index(line) for line in ARTICLE]
    comments = [PAGE.index(line) for line in COMMENTS if len(line) > 100]
    assert not cols["repeat_near"][article].any()
    assert not cols["date_near"][article].any()
    for j in comments:  # a "Reply" line and a date line lie within MARK_RADIUS of each
        assert any(0 < k - j <= MARK_RADIUS for k in REPLY_LINES)
        assert any(0 < j - k <= MARK_RADIUS for k in DATE_LINES)
        assert cols["repeat_near"][j] > 0
        assert cols["date_near"][j] > 0


def test_a_date_line_is_short_and_mostly_digits() -> None:
    date = "12.03.2024 14:05"
    assert sum(c.isdigit() for c in date) / len(date) >= DATE_DIGIT_SHARE
    cols = columns(["Today", date, ARTICLE[0], "A year of 2 halves", ARTICLE[1]])
    # a sentence with a figure in it marks nothing
    assert cols["date_near"][4] == 0.0
    assert cols["date_near"][2] == pytest.approx(1 / 4)


def test_the_core_block_stops_where_the_reply_buttons_start() -> None:
    cols = columns(PAGE)
    block = np.flatnonzero(cols["block_in"]).tolist()
    core = np.flatnonzero(cols["core_in"]).tolist()
    first_article = PAGE.index(ARTICLE[0])
    last_article = PAGE.index(ARTICLE[-1])
    # the main block runs on through the comments (each short line costs too little) ...
    assert block[0] == first_article and block[-1] > REPLY_LINES[-2]
    # ... the core block stops at the first "Reply": the article (and at most the first
    # comment, which no repeated line has set apart yet), none of the later comments
    assert core[0] == first_article and last_article < core[-1] < REPLY_LINES[0]
    assert 3 * REPEAT_LINE_COST > len(COMMENTS[2]) > 3 * SHORT_LINE_COST


def test_one_repeated_line_between_long_paragraphs_does_not_split_them() -> None:
    line_cost = SHORT_LINE_COST + REPEAT_LINE_COST  # what the repeated line costs the core
    long_ = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
    extra = np.array([0.0, REPEAT_LINE_COST, 0.0, 0.0, 0.0])
    paragraphs = np.array([line_cost + 100, 12, line_cost + 100, 12, line_cost + 100])
    assert main_block(paragraphs, long_, SHORT_LINE_COST, extra) == (0, 4)
    comments = np.array([line_cost - 100, 12, line_cost - 100, 12, line_cost - 100])  # cut off
    assert main_block(comments, long_, SHORT_LINE_COST, extra) == (2, 4)


def test_block_pos_runs_from_the_block_start_to_its_end() -> None:
    cols = columns(PAGE)
    inside = np.flatnonzero(cols["block_in"])
    pos = cols["block_pos"]
    assert pos[inside[-1]] == pytest.approx(1.0)
    assert 0.0 < pos[inside[0]] < pos[inside[1]] < 1.0
    assert np.all(np.diff(pos[inside]) > 0)
    assert not pos[cols["block_in"] == 0].any()


def test_a_page_without_prose_or_with_one_line() -> None:
    cols = columns(["Home", "Reply", "Reply", "Reply"])
    assert not cols["block_pos"].any() and not cols["core_in"].any()
    assert cols["repeat_near"][0] == pytest.approx(1.0)
    one = columns(["Just one line"])
    for name in ("repeat_near", "date_near", "block_pos", "core_in"):
        assert one[name].tolist() == [0.0]


def test_later_comments_are_in_the_block_but_off_its_core() -> None:
    cols = columns(PAGE)
    later_comments = [PAGE.index(COMMENTS[6]), PAGE.index(COMMENTS[10])]
    assert cols["block_in"][later_comments].tolist() == [1.0, 1.0]
    assert cols["core_in"][later_comments].tolist() == [0.0, 0.0]
    article = [PAGE.index(line) for line in ARTICLE]
    assert cols["core_in"][article].tolist() == [1.0, 1.0, 1.0]
