"""Page metadata a scraper spilled into the text (a timestamp in machine form, the address
of the page's image) goes; dates and addresses inside the article's own lines stay."""

from __future__ import annotations

import pytest

from cleaner import clean
from tests.heuristics.article_pages import PARAGRAPHS, assert_line_between_paragraphs_goes

MACHINE_LINES = [
    "2024-03-18T09:41:07+01:00",
    "2024-03-18 09:41",
    "2024-03-18T08:41:07.250Z",
    "https://images.example-news.com/2024/03/rail-plan-1200x630.jpg",
    "https://cdn.example-news.com/assets/logo-og.png?width=600",
]


@pytest.mark.parametrize("line", MACHINE_LINES)
def test_machine_line_between_paragraphs_goes(line: str) -> None:
    assert_line_between_paragraphs_goes(line, "other")
    result = clean("\n\n".join((PARAGRAPHS[0], PARAGRAPHS[1], line, PARAGRAPHS[2])) + "\n")
    assert [s.rule for s in result.removed if line in s.text] == ["heuristic:machine-line"]


@pytest.mark.parametrize(
    "line",
    [
        "2024-03-18",  # a date alone may head a diary entry
        "https://www.example-transport.gov/northern-line/plan",  # a link the article gives
        "The plan, dated 2024-03-18T09:41, was sent to the councils.",
        "Drawings: https://www.example-transport.gov/stations.png",
    ],
)
def test_dates_and_links_of_the_article_stay(line: str) -> None:
    text = "\n\n".join((PARAGRAPHS[0], PARAGRAPHS[1], line, PARAGRAPHS[2])) + "\n"
    assert not [s for s in clean(text).removed if s.rule == "heuristic:machine-line"]


def test_a_long_line_of_dots_and_addresses_is_read_in_linear_time() -> None:
    line = "http://x" + ".jpg?" * 5000 + " tail"
    result = clean("\n\n".join((PARAGRAPHS[0], line, PARAGRAPHS[1])) + "\n")
    assert not [s for s in result.removed if s.rule == "heuristic:machine-line"]
