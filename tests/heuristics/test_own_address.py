"""A line that is the record's own address goes (``heuristic:own-address``); another
page's address, a host printed alone and a text cleaned without an address stay."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.heuristics.own_address import address_forms, bare_address
from tests.heuristics.article_pages import PARAGRAPHS, article_with

URL = "https://www.example-news.com/politics/2024/05/city-budget-vote-12345"


@pytest.mark.parametrize(
    "line",
    [
        URL,
        "http://example-news.com/politics/2024/05/city-budget-vote-12345/",
        "www.example-news.com/politics/2024/05/city-budget-vote-12345",
    ],
)
def test_the_pages_own_address_goes(line: str) -> None:
    result = clean(article_with(line), url=URL)
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [(s.category, s.rule) for s in result.removed if line in s.text] == [
        ("other", "heuristic:own-address")
    ]


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("https://www.example-news.com/politics/2024/04/earlier-vote-12001", URL),  # another page: a source
        (URL, None),  # no address to compare with
        ("example-news.com", "https://www.example-news.com/"),  # a host alone is a name
    ],
)
def test_other_lines_stay(line: str, url: str | None) -> None:
    text = article_with(line)
    assert clean(text, url=url).body.strip() == text.strip()


def test_address_forms() -> None:
    assert bare_address("https://www.example-news.com/") is None
    bare = bare_address(URL)
    assert bare == "example-news.com/politics/2024/05/city-budget-vote-12345"
    assert URL in address_forms(bare) and f"{URL}/" in address_forms(bare)
