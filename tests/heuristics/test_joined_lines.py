"""A list and a paragraph are one unit: a line the article-line model would remove stays
when it continues the kept lines just above it (the next item of a kept list, the tail of
a sentence the extractor broke). Documents written for these tests."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cleaner import Cleaner
from cleaner.heuristics import HeuristicLabeler
from cleaner.heuristics.article_guards import joined_to_kept_line
from cleaner.heuristics.article_model import ArticleModel, load_article_model
from tests.heuristics.article_pages import PARAGRAPHS

MARK = "Consultant"  # the stub model below scores the lines holding it as sure boilerplate


@dataclass(frozen=True)
class MarkedLines(ArticleModel):
    """The article-line model made to say: the lines with MARK are boilerplate."""

    def logits(self, texts, lines, leads, lexicon, sizes=None):  # type: ignore[no-untyped-def]
        return np.array([9.0 if MARK in text else -9.0 for text in texts])


def cleaner_removing_marked_lines() -> Cleaner:
    shipped = load_article_model()
    assert shipped is not None
    cleaner = Cleaner(use_env=False, builtin_rules=False)
    cleaner.heuristics = HeuristicLabeler(article_model=MarkedLines(shipped.stage1, None, 0.0))
    return cleaner


SPEAKERS = [
    "- Ann Lee, Director of Engineering at a rail operator",
    "- Tom Berg, Head of Safety at the port authority",
    "- Eva Moro, Research Consultant at a testing laboratory",
]


def test_the_last_item_of_a_kept_list_stays_with_it() -> None:
    # after the last paragraph, where the guards protect no list item
    text = (
        "\n".join([PARAGRAPHS[0], PARAGRAPHS[1], "The speakers:", *SPEAKERS, "More interviews soon."]) + "\n"
    )
    result = cleaner_removing_marked_lines().clean(text)
    assert SPEAKERS[2] in result.body


def test_a_marked_line_after_a_paragraph_still_goes() -> None:
    line = "Work with us: Consultant positions open"
    text = "\n".join([PARAGRAPHS[0], PARAGRAPHS[1], line]) + "\n"
    result = cleaner_removing_marked_lines().clean(text)
    assert line not in result.body and PARAGRAPHS[1] in result.body


def test_the_tail_of_a_broken_sentence_stays_with_its_paragraph() -> None:
    head = "The council asked residents to send their views on the new stations to the Consultant"
    tail = "hired by the authority, whose report is due in the spring."
    joined = joined_to_kept_line([PARAGRAPHS[0], head, tail], [True, True, False], 2)
    assert joined


def flags(lines: list[str], kept: list[bool]) -> list[bool]:
    return [joined_to_kept_line(lines, kept, j) for j in range(len(lines))]


def test_a_list_needs_two_kept_items_of_the_same_bullet_above() -> None:
    lines = [*SPEAKERS, "• Read our guide to the conference"]
    assert flags(lines, [True, True, False, False]) == [False, False, True, False]
    assert flags(lines, [False, True, False, False]) == [False, False, False, False]


def test_a_line_after_a_finished_sentence_or_a_link_is_no_broken_tail() -> None:
    paragraph = PARAGRAPHS[0]
    assert not joined_to_kept_line(
        [paragraph, paragraph, "more stories from the region"], [True, True, False], 2
    )
    broken = "Users may opt out of the use of these cookies by visiting the"
    assert not joined_to_kept_line([paragraph, broken, "www.example.org/privacy"], [True, True, False], 2)
    assert not joined_to_kept_line([paragraph, "Share this", "on your timeline"], [True, True, False], 2)
