"""An article's sign-off that tells the reader how to reach the reporter or follow the
outlet goes (``heuristic:contact-line``); article sentences about following someone,
an e-mail address quoted in the body, and a bio-like sentence in the middle stay. A
long teaser headline after a lead-in goes too (``heuristic:opening-phrase``)."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.heuristics.contact_lines import CONTACT_LINE_MAX_CHARS, is_contact_line
from tests.heuristics.article_pages import PARAGRAPHS, article_with

SIGN_OFFS = [
    "Write to Ann Lee at ann.lee@example-news.com",
    "Email Tom Reyes at treyes@example-news.com or follow him @tomreyes_news.",
    "Reach the reporters on Twitter at https://twitter.com/examplenews_rail",
    "Follow the Daily Example's transport desk on Facebook, Instagram and YouTube.",
    "Schreiben Sie der Autorin: a.becker@beispiel-zeitung.de",
    "Síguenos en Twitter e Instagram: @ejemplo_noticias",
    "Suivez notre rédaction sur Facebook et Instagram.",
]


@pytest.mark.parametrize("line", SIGN_OFFS)
def test_sign_off_after_the_article_goes(line: str) -> None:
    result = clean(article_with(end=line))
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    removed = [s for s in result.removed if line in s.text]
    assert removed and removed[0].category == "share"


@pytest.mark.parametrize("line", SIGN_OFFS[:3])
def test_sign_off_is_named_by_its_rule(line: str) -> None:
    result = clean(article_with(end=line))
    assert [s.rule for s in result.removed if line in s.text] == ["heuristic:contact-line"]


@pytest.mark.parametrize(
    "sentence",
    [
        # following someone on Twitter, told by the article
        "Fans can follow the club on Twitter at @example_fc for updates, the spokesman said.",
        "The mayor asked residents to follow the council on Twitter and Facebook for updates.",
        "Follow the rules, the mayor wrote on Twitter.",
        # an e-mail address quoted in the body
        "“Send your questions to consultation@example-transport.gov,” the authority said.",
        "Contact with the operator's engineers was lost for an hour, the report says.",
        # a bio-like sentence in the article's middle
        "Maria Olsen is a reporter for the Example Gazette and has covered the line since 2019.",
    ],
)
def test_article_sentences_stay(sentence: str) -> None:
    for text in (article_with(sentence), article_with(end=sentence)):  # in the middle, and last
        assert clean(text).body.strip() == text.strip()


def test_a_contact_line_needs_an_address() -> None:
    assert is_contact_line("Email Ann Lee at ann@example-news.com", 6)
    assert is_contact_line("Follow us on Instagram and TikTok", 6)
    assert not is_contact_line("Follow us on Instagram", 4)
    assert not is_contact_line("Reached by phone, ann@example-news.com declined to comment", 8)
    assert not is_contact_line("Email ann@example-news.com " + "word " * 40, 43)


def test_a_long_teaser_headline_after_a_lead_in_goes() -> None:
    line = (
        "LEA TAMBIÉN: El consejo regional aprueba el nuevo horario de trenes para la línea norte "
        "y promete tres estaciones más"
    )
    result = clean(article_with(line))
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [(s.category, s.rule) for s in result.removed if line in s.text] == [
        ("related", "heuristic:opening-phrase")
    ]


def test_a_long_sentence_after_a_lead_in_word_stays() -> None:
    sentence = (
        "Read more about it in the council's report, which the authority published on its site "
        "on Monday with the drawings."
    )
    text = article_with(sentence)
    assert clean(text).body.strip() == text.strip()


@pytest.mark.parametrize(
    "line",
    [
        "The new station at Northfield seen from the platform on Monday (Photo: Ann Lee/Example Agency).",
        "Der Bahnsteig in Nordfeld am Montag. © Beispielagentur / Anna Lee",
        "La nueva estación de Northfield el lunes por la mañana (Foto: Ana Ruiz/Agencia Ejemplo)",
    ],
)
def test_caption_ending_with_its_credit_goes(line: str) -> None:
    result = clean(article_with(line))
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [(s.category, s.rule) for s in result.removed if line in s.text] == [
        ("credit", "heuristic:caption-credit")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The number of passengers rose by a fifth in March (see the chart below).",
        "The line's operator, Example Rail (a photo agency's former owner), did not comment.",
        "Photo: the mayor asked the authority for the drawings of the new stations last week.",
    ],
)
def test_sentences_with_brackets_stay(sentence: str) -> None:
    text = article_with(sentence)
    assert not [s for s in clean(text).removed if s.rule == "heuristic:caption-credit"]


@pytest.mark.parametrize(
    "line",
    [
        "Council approves the new timetable after a long night of talks [VIDEO]",
        "Die schönsten Bilder vom Eröffnungsfest der neuen Station [Bildergalerie]",
        "[FOTOS] Así quedó la nueva estación de Northfield",
    ],
)
def test_tagged_teaser_headline_goes(line: str) -> None:
    result = clean(article_with(end=line))
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [(s.category, s.rule) for s in result.removed if line in s.text] == [
        ("related", "heuristic:teaser-tag")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The authority's spokesman told the paper the figures were wrong [Reuters].",
        "Commuters have complained about the delays since the spring, the group said. [ABC]",
        "The council's film of the meeting [video] shows the mayor leaving early, with the drawings.",
    ],
)
def test_brackets_that_are_no_teaser_tags_stay(sentence: str) -> None:
    text = article_with(sentence)
    assert not [s for s in clean(text).removed if s.rule == "heuristic:teaser-tag"]


def test_a_long_paragraph_crediting_its_picture_stays() -> None:
    paragraph = (
        "Together with the children of two schools and the youth council, the mayor opened the new "
        "park beside the station on Saturday, where the old freight yard stood until last year, and "
        "thanked the volunteers who planted the first trees of the northern green belt (Photo: City of Northfield)"
    )
    text = article_with(paragraph)
    assert not [s for s in clean(text).removed if s.rule == "heuristic:caption-credit"]


@pytest.mark.parametrize(
    "line",
    [
        "PUEDES VER: ¿Qué cambia con el nuevo horario de trenes?",
        "À lire aussi » Pourquoi les trains du nord sont-ils toujours en retard ?",
    ],
)
def test_a_question_headline_after_a_lead_in_goes(line: str) -> None:
    result = clean(article_with(line))
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [s.category for s in result.removed if line in s.text] == ["related"]


def test_a_question_opened_by_a_family_phrase_stays() -> None:
    sentence = "Sign up for a season ticket, or wait for the new fares?"
    text = article_with(sentence)
    assert clean(text).body.strip() == text.strip()


def test_a_line_of_one_huge_word_is_no_contact_line() -> None:
    """The address patterns backtrack over a run of word characters (quadratic in Python's
    re); a line longer than a sign-off never reaches them, so this returns at once."""
    line = "Follow " + "a" * 200_000 + " @handle"
    assert len(line) > CONTACT_LINE_MAX_CHARS
    assert not is_contact_line(line, 3)
