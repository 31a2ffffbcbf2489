"""Body that looks like boilerplate inside an article: the guards name it, and the
article-line model leaves it alone. Documents written for these tests."""

from __future__ import annotations

from cleaner.heuristics.article_guards import protected_lines

PARAGRAPH = (
    "The regional hospital said on Monday that waiting times for hip and knee operations had fallen "
    "for the third month in a row, though they remain well above the target set by the ministry."
)


def guarded(lines: list[str], leads: list[str | None] | None = None) -> list[str]:
    words = [len(line.split()) for line in lines]
    flags = protected_lines(lines, words, leads or [None] * len(lines))
    return [line for line, flag in zip(lines, flags) if flag]


def test_table_rows_beside_each_other_are_body() -> None:
    rows = ["| Team | Played | Points |", "| Rovers | 12 | 28 |", "| United | 12 | 25 |"]
    assert guarded([PARAGRAPH, *rows, PARAGRAPH]) == rows


def test_a_layout_box_of_one_cell_is_no_table() -> None:
    lines = [PARAGRAPH, "| Comments: 0 |", "| More articles on this topic |"]
    assert guarded(lines) == []


def test_interview_turns_are_body_anywhere() -> None:
    turns = ["Q: How long is the wait?", "A: About nine months."]
    assert guarded([PARAGRAPH, *turns]) == turns


def test_lists_and_questions_between_paragraphs_are_body_but_not_after_the_last() -> None:
    items = ["- 250 g red lentils", "- 1 onion, chopped"]
    question = "Which party will you vote for?"
    teasers = ["- Five things to know about the budget", "- Council split over parking charges"]
    lines = [PARAGRAPH, *items, question, PARAGRAPH, *teasers, "What do you think?"]
    assert guarded(lines) == [*items, question]


def test_a_subheading_sits_between_paragraphs() -> None:
    lines = [PARAGRAPH, "Staff shortages", PARAGRAPH, "Council split over new parking charges"]
    assert guarded(lines) == ["Staff shortages"]


def test_a_lead_in_is_never_guarded() -> None:
    lines = [PARAGRAPH, "READ MORE: Staff shortages", PARAGRAPH]
    assert guarded(lines, [None, "related", None]) == []


def test_the_lines_asked_about_get_what_the_whole_page_gives() -> None:
    lines = [
        PARAGRAPH,
        "| Team | Played | Points |",
        "| Rovers | 12 | 28 |",
        "Q: Why now?",
        "- a list item",
        "A subheading",
        PARAGRAPH,
        "Is this the end?",
        "| last | row |",
    ]
    words = [len(line.split()) for line in lines]
    leads: list[str | None] = [None] * len(lines)
    every = protected_lines(lines, words, leads)
    for only in ([], [0], [1, 3, 5], [8, 2], list(range(len(lines)))):
        asked = protected_lines(lines, words, leads, iter(only))
        assert asked == [flag and j in only for j, flag in enumerate(every)]
