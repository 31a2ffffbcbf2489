"""The ``later_share`` column: how much of a line's vocabulary the lines below it use.
A headline or subheading names what follows; a teaser for another story, or a kicker
put first by the extractor, does not (a music-awards teaser above a concert report)."""

from __future__ import annotations

import pytest

from cleaner.heuristics import HeuristicLabeler
from cleaner.heuristics.article_lines import ARTICLE_FEATURES

LATER = ARTICLE_FEATURES.index("later_share")
PAGE = [
    "Awards show announces its performers for next month",  # another story's teaser
    "Veteran rock band reunites for anniversary tour",  # this story's headline
    "The veteran rock band will reunite next spring for an anniversary tour of forty cities, "
    "its manager said on Tuesday.",
    "Tickets for the tour go on sale on Friday; the band last played together in 2015.",
    "Die Band spielt am Freitag",  # words of 4 letters or more the lines below do not use
]


@pytest.fixture(scope="module")
def later() -> list[float]:
    return HeuristicLabeler().article_features(PAGE)[:, LATER].tolist()


def test_the_headline_shares_its_words_with_the_article_below(later: list[float]) -> None:
    # veteran, rock, band, anniversary, tour come again below; "reunites" does not ("reunite")
    assert later[1] == pytest.approx(5 / 6)


def test_a_teaser_for_another_story_shares_none(later: list[float]) -> None:
    # awards, show, announces, performers, next, month: only "next" comes again ("its", "for"
    # are too short to count)
    assert later[0] == pytest.approx(1 / 6)


def test_the_last_line_has_nothing_below(later: list[float]) -> None:
    assert later[-1] == 0.0
