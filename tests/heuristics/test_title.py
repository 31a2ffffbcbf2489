"""The headline finder: what a headline looks like, and lines that only look like one
(datelines, kickers and calls to action in capitals, lines with a link, two sentences)."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.heuristics.title import looks_like_title

PARAGRAPH = (
    "The regional transport authority presented its plan for the northern rail line on Monday, "
    "promising trains every fifteen minutes from next spring and new stations in three towns."
)


@pytest.mark.parametrize(
    "line",
    [
        "Rail line plan promises trains every fifteen minutes",
        "Dr. Who returns to the screen after two years",
        "Lakers vs. Nets: NBA makes final decision on game",
        "Acme Corp. Buys Rival for $2 Billion",
        "CHINA sends troops to Hong Kong as protests go on",
        "Неделя в Москве: что изменится с понедельника",
    ],
)
def test_headlines(line: str) -> None:
    assert looks_like_title(line)


@pytest.mark.parametrize(
    "line",
    [
        "BAAR, SWITZERLAND",
        "CLICK FOR FULL STATE SWIM RESULTS",
        "Tested by Jane Doe - More info at www.example.org",
        "Full results on https://example.org/results",
        "This shop has been compensated by its sponsor. All opinions are my own",
        "The council met on Tuesday.",
    ],
)
def test_lines_that_only_look_like_headlines(line: str) -> None:
    assert not looks_like_title(line)


def test_a_dateline_opening_the_text_is_no_headline() -> None:
    text = "ZURICH, SWITZERLAND\n" + PARAGRAPH + "\n" + PARAGRAPH.replace("Monday", "Tuesday") + "\n"
    result = clean(text)
    assert "title" not in result.metadata
    assert all(s.category != "title" for s in result.removed)


def test_a_headline_opening_the_text_goes_as_title() -> None:
    headline = "Rail line plan promises trains every fifteen minutes"
    text = headline + "\n" + PARAGRAPH + "\n" + PARAGRAPH.replace("Monday", "Tuesday") + "\n"
    result = clean(text)
    assert headline not in result.body and result.metadata.get("title") == headline
