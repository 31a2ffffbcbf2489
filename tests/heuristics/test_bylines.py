"""A byline where the headline would stand ("By Jane Doe and John Roe", "Von Max Mustermann")
goes as a credit and is no metadata title; a headline that opens with "By" stays a title."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.heuristics.bylines import is_byline
from tests.heuristics.tram_story import story


@pytest.mark.parametrize(
    ("language", "byline"),
    [
        ("en", "By Jane Doe and John Roe"),
        ("de", "Von Max Mustermann, dpa"),
        ("nl", "Door Pieter de Vries"),
        ("fr", "Par Jeanne Martin | 12 mars 2025"),
        ("pl", "Autor: Jan Kowalski"),
    ],
)
def test_a_byline_opening_the_text_is_a_credit(language: str, byline: str) -> None:
    body = story(language)
    result = clean("\n".join([byline, *body]) + "\n")
    assert result.body == "\n".join(body)
    assert [(s.text.strip(), s.category) for s in result.removed] == [(byline, "credit")]
    assert "title" not in result.metadata


@pytest.mark.parametrize(
    "line",
    [
        "By Design: How the Council Chose Its New Trams",  # a headline's lead, in title case
        "By the numbers, the tram line pays for itself",
        "Door de mist naar huis",  # Dutch: "through the fog", not "by"
    ],
)
def test_headlines_opening_with_the_lead_word_are_no_bylines(line: str) -> None:
    assert not is_byline(line)
