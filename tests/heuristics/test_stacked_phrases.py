"""A notice or promo that stacks boilerplate phrases at an edge of the article goes
(``heuristic:stacked-phrases``), however long; an article's sentence that names a licence
or a newsletter stays: between paragraphs, when its words outnumber the phrases, when it
asks, or when the phrases are credits (the article's authors)."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.heuristics.lexicon import shipped_lexicon
from cleaner.heuristics.stacked_phrases import is_stacked, stacked_phrases
from tests.heuristics.article_pages import PARAGRAPHS, article_with

NOTICES = {
    "This article is for your personal, non-commercial use only. It may not be reprinted or "
    "passed on without the express written permission of the publisher.": "legal",
    "Get the Weekend Gazette delivered to your inbox every Saturday morning: sign up for our free "
    "newsletter with the week's best reads.": "newsletter",
    "Dieser Text ist urheberrechtlich geschützt, alle Rechte vorbehalten. Nachdruck nur mit "
    "Genehmigung der Redaktion.": "legal",
}


@pytest.mark.parametrize("line", list(NOTICES))
def test_a_stacked_notice_after_the_article_goes(line: str) -> None:
    result = clean(article_with(end=line))
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [(s.category, s.rule) for s in result.removed if line in s.text] == [
        (NOTICES[line], "heuristic:stacked-phrases")
    ]


@pytest.mark.parametrize("line", list(NOTICES))
def test_a_stacked_notice_above_the_article_goes(line: str) -> None:
    text = "\n\n".join((line, *PARAGRAPHS)) + "\n"
    result = clean(text)
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)


def test_a_notice_between_paragraphs_is_the_articles() -> None:
    """An article that quotes a notice (or a ruling on one) keeps it."""
    sentence = (
        "The court found that the portal had broken its terms of service and copyright law when it "
        "copied the reviews, and ordered it to pay the costs."
    )
    text = article_with(sentence)
    assert clean(text).body.strip() == text.strip()


@pytest.mark.parametrize(
    "sentence",
    [
        # two phrases in a paragraph of its own words (the density guard)
        "Under a Creative Commons licence the author decides which uses of a photograph are allowed, "
        "while a picture marked all rights reserved needs a request to the photographer first, the "
        "lawyer told the committee, which wants the town's archive online by the end of next year.",
    ],
)
def test_article_sentences_at_the_end_stay(sentence: str) -> None:
    text = article_with(end=sentence)
    assert clean(text).body.strip() == text.strip()


def test_phrases_are_counted_once_each() -> None:
    lexicon = shipped_lexicon()
    assert stacked_phrases("All rights reserved. All rights reserved.", lexicon) == 1
    assert not is_stacked("All rights reserved. All rights reserved.", 6, lexicon)
    assert is_stacked("All rights reserved. Terms of use apply.", 7, lexicon)
    # a reader's question about a sign-up form is the article's
    question = "Why does a free newsletter ask for your email address before you can read it?"
    assert stacked_phrases(question, lexicon) == 2 and not is_stacked(question, 15, lexicon)
    # credits name the article's authors: not counted
    credit = "The Associated Press and Reuters contributed to this report. (Editing by Tom Reyes)"
    assert stacked_phrases(credit, lexicon) == 0


def test_a_notice_under_a_title_cased_headline_goes() -> None:
    """A headline in title case ends like a sentence but is no prose of the article:
    the notice under it still sits at the article's top edge."""
    headline = "Rail Authority Unveils Its Plan. Why Commuters Should Not Worry Yet."
    notice = next(iter(NOTICES))
    result = clean("\n\n".join((headline, notice, *PARAGRAPHS)) + "\n")
    assert notice not in result.body and all(p in result.body for p in PARAGRAPHS)


def test_a_promo_between_german_sentences_stays() -> None:
    """German prose capitalises its nouns: its sentences are still the article's, and a
    line between them is not at an edge."""
    above = "Die Stadtwerke Bonn haben am Montag ihren Plan für die Buslinie Nord vorgestellt."
    line = (
        "Wer den Newsletter der Stadtwerke abonniert, bekommt die Fahrpläne direkt in das Postfach, "
        "sagte die Sprecherin, und die Anmeldung sei unter der Rubrik Nutzungsbedingungen erklärt."
    )
    below = "Die Haltestellen Markt, Bahnhof und Rathaus bekommen im Winter neue Dächer."
    text = "\n\n".join((above, line, below)) + "\n"
    assert clean(text).body.strip() == text.strip()


def test_a_line_made_of_phrases_goes_between_paragraphs_too() -> None:
    """Its phrases cover most of it: a widget's message, wherever it sits."""
    line = "Sorry, an error has occurred: please try again later."
    result = clean(article_with(line))
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [s.rule for s in result.removed if line in s.text] == ["heuristic:stacked-phrases"]


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to the podcast wherever you get your podcasts.",
        "Download the app for breaking news alerts.",
        "Laden Sie sich die App für Eilmeldungen herunter.",
        "Téléchargez l'application pour recevoir nos alertes.",
    ],
)
def test_podcast_and_app_promos_go(line: str) -> None:
    result = clean(article_with(line))
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [s.category for s in result.removed if line in s.text] == ["share"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The app, downloaded 2 million times, was taken off the store after the ruling on Monday.",
        "The podcast, which has two million listeners a week, is produced by a team of four in the city.",
    ],
)
def test_articles_about_apps_and_podcasts_stay(sentence: str) -> None:
    for text in (article_with(sentence), article_with(end=sentence)):
        assert clean(text).body.strip() == text.strip()
