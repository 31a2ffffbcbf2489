"""The layout columns of a raw dump's lines (cleaner/heuristics/layout.py) on small pages
written here, where each column's value can be worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from cleaner.heuristics import HeuristicLabeler
from cleaner.heuristics.layout import (
    LAYOUT,
    SHORT_LINE_COST,
    list_markers,
    main_block,
    shape_buckets,
)

LABELER = HeuristicLabeler()
PROSE_A = (
    "The council met on Tuesday evening to argue about the new parking charges in the old town, "
    "which would double the price of an afternoon's visit from the spring on."
)
PROSE_B = (
    "Shop owners said that the charges would keep visitors away from the market square for good, "
    "and two of them read out letters from customers who had already said so."
)
PROSE_C = (
    "A final vote is planned for next month, after a public hearing in the town hall on the plans, "
    "where residents may speak for three minutes each."
)
# A page as a naive scraper dumps it: a menu, the article (a subheading and a short
# list set into its prose), then a run of related headlines and a footer.
PAGE = [
    "Home",  # 0
    "News",  # 1
    "Sport",  # 2
    PROSE_A,  # 3: the main block opens
    "What the shops say",  # 4
    PROSE_B,  # 5
    "1. Fewer visitors",  # 6
    "2. Higher prices",  # 7
    PROSE_C,  # 8: the main block closes
    "More News",  # 9
    "Mayor Opens New Bridge Over The River",  # 10
    "School Wins Regional Chess Title",  # 11
    "Imprint",  # 12
]


def columns(texts: list[str]) -> dict[str, np.ndarray]:
    cols, _ = LABELER.features(texts)
    return {name: np.asarray(cols[name]) for name in LAYOUT}


def test_main_block_is_the_stretch_of_prose_with_its_short_lines() -> None:
    cols = columns(PAGE)
    assert cols["block_in"].tolist() == [0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]
    assert cols["short_in_block"].tolist() == [0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0]


def test_distance_to_the_main_block_in_lines() -> None:
    cols = columns(PAGE)
    assert cols["block_before"].tolist() == pytest.approx(np.log1p([3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
    assert cols["block_after"].tolist() == pytest.approx(np.log1p([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]))


def test_distance_to_the_main_block_in_characters() -> None:
    cols = columns(PAGE)
    total = sum(map(len, PAGE))
    # "Home" is followed by "News" and "Sport" before the block opens
    assert cols["block_chars_before"][0] == pytest.approx((len("News") + len("Sport")) / total)
    assert cols["block_chars_before"][2] == 0.0  # right before the block
    # "Imprint" comes after the three lines that follow the block
    after = sum(map(len, PAGE[9:12]))
    assert cols["block_chars_after"][12] == pytest.approx(after / total)
    assert cols["block_chars_after"][9] == 0.0
    assert not cols["block_chars_after"][:9].any() and not cols["block_chars_before"][3:].any()


def test_a_long_menu_between_two_stretches_of_prose_splits_them() -> None:
    menu = [f"Section {k}" for k in range(12)]  # 12 short lines cost more than the short stretch
    page = [PROSE_A, PROSE_B, PROSE_C, *menu, PROSE_B]
    first, last = main_block(np.array(list(map(len, page))), np.array([1.0, 1.0, 1.0, *[0.0] * 12, 1.0]))
    assert (first, last) == (0, 2)
    assert 12 * SHORT_LINE_COST > len(page[-1])


def test_a_page_without_long_lines_has_no_block() -> None:
    cols = columns(["Home", "News", "Contact us"])
    for name in ("block_in", "block_before", "block_after", "block_chars_before", "block_chars_after"):
        assert not cols[name].any(), name
    assert main_block(np.array([4, 4]), np.zeros(2)) == (2, -1)


def test_runs_of_like_lines() -> None:
    cols = columns(PAGE)
    # lines 0-2 are one run of three short lines, 9-12 one of four; long lines have no run length
    assert cols["run_lines"].tolist() == pytest.approx(
        np.log1p([3, 3, 3, 0, 1, 0, 2, 2, 0, 4, 4, 4, 4]).tolist()
    )
    assert cols["run_terminal"][3] == 1.0 and cols["run_terminal"][0] == 0.0
    assert cols["run_title"][:3].tolist() == [1.0, 1.0, 1.0]  # "Home", "News", "Sport"
    assert cols["run_title"][9] == 1.0  # every line of the related run is Title Case
    assert cols["run_marker"][6] == 1.0 and cols["run_marker"][4] == 0.0
    assert cols["run_marker_in_block"].tolist() == [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]


def test_list_markers() -> None:
    lines = ["1. Flour", "12) Sugar", "• Salt", "2024 was a year", "10 things", "a.", "-"]
    marked = list_markers(lines)
    assert marked.tolist() == [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]  # bullets are the bullet column's
    cols = columns(lines)
    assert cols["run_marker"][2] == pytest.approx(4 / 7)  # a bullet sign ("•", "-") counts in the run


def test_same_shape_share() -> None:
    page = ["One Two", "Three Four", "Five Six", "Seven Eight", PROSE_A]
    cols = columns(page)
    # "One Two": of its four neighbours, three are two-word lines without end punctuation
    assert cols["same_shape"][0] == pytest.approx(3 / 4)
    assert cols["same_shape"][4] == 0.0
    buckets = shape_buckets(np.array([1, 3, 5, 10, 12, 30]), np.array([0, 0, 0, 0, 1, 1]))
    assert buckets.tolist() == [0, 2, 4, 6, 9, 11]


def test_empty_and_one_line_pages() -> None:
    one = columns(["Just one line"])
    assert all(len(one[name]) == 1 for name in LAYOUT)
    assert one["same_shape"].tolist() == [0.0]


def test_repeats_and_the_title() -> None:
    page = [
        "Home",  # 0
        "Council Splits Over Parking Charges",  # 1: the title, repeated as the headline
        "Home",  # 2
        "Council Splits Over Parking Charges",  # 3
        PROSE_A,  # 4
        "Share",  # 5
    ]
    cols = columns(page)
    assert cols["repeat_first"].tolist() == [1, 1, 0, 0, 0, 0]  # the first of lines the page repeats
    # "Home" repeats too, but it is shorter than a title
    assert cols["title_repeat"].tolist() == [0, 1, 0, 1, 0, 0]
    assert not columns(["Home", PROSE_A, "Home"])["title_repeat"].any()


def test_distance_to_phrase_lines() -> None:
    page = [PROSE_A, "Related articles", "Mayor Opens New Bridge", "School Wins Chess Title", "Comments"]
    cols = columns(page)
    # "Related articles" and "Comments" are lexicon lines: 1 / (1 + lines to the nearest one)
    assert cols["phrase_above"].tolist() == pytest.approx([0, 0, 1 / 2, 1 / 3, 1 / 4])
    assert cols["phrase_below"].tolist() == pytest.approx([1 / 2, 1 / 4, 1 / 3, 1 / 2, 0])


def test_long_lines_outside_the_main_block() -> None:
    related = [f"Another Story Headline Number {k}" for k in range(12)]
    bio = "Jane Doe has covered the town hall for the paper since the spring of the year two thousand."
    page = [PROSE_A, PROSE_B, *related, bio]
    cols = columns(page)
    assert 12 * SHORT_LINE_COST > len(bio)  # twelve short lines cost more than the bio brings
    assert cols["block_in"].tolist() == [1, 1, *[0] * 12, 0]
    assert cols["long_outside_block"].tolist() == [0, 0, *[0] * 12, 1]
