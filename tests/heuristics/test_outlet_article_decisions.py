"""The article decisions also run on pages of an outlet with a rule file (its rules first);
the article-line model's cut does not: the rule file is the authority on what else is body.
Documents written for these tests, modelled on an extractor's output of news pages."""

from __future__ import annotations

from cleaner import clean
from tests.heuristics.article_pages import PARAGRAPHS, article_with

BBC = "https://www.bbc.com/news/uk-politics-12345678"


def test_a_follow_line_goes_on_an_outlet_page() -> None:
    line = "Follow Newsround on Instagram, Facebook and YouTube."
    result = clean(article_with(end=line), url=BBC)
    assert result.outlet == "bbc.com"
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [s.rule for s in result.removed if line in s.text] == ["heuristic:contact-line"]


def test_a_write_to_line_goes_on_an_outlet_page() -> None:
    line = "Write to Ann Lee at ann.lee@example.com"
    result = clean(article_with(end=line), url="https://www.wsj.com/articles/rail-plan-11574168580")
    assert result.outlet is not None and line not in result.body


def test_an_outlet_page_keeps_its_body_whole() -> None:
    text = article_with('The minister said: "Follow the money, and you will see who gains."')
    assert clean(text, url=BBC).body.strip() == text.strip()


def test_a_contributor_sentence_opened_by_an_agency_stays_on_an_outlet_page() -> None:
    # a credit phrase opens it, but it reads as a sentence: the article's own closing line
    line = "Associated Press writers in New Orleans and Jackson contributed to this report."
    assert line in clean(article_with(end=line), url=BBC).body
    caption = "Photo: Ann Lee/Reuters"
    assert caption not in clean(article_with(caption), url=BBC).body
