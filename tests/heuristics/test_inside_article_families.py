"""Boilerplate that extractors leave inside article text, in eight languages: comment
log-in prompts, image and gallery buttons, "last updated" lines, subscription terms
("cancel anytime"), the outlet's app pitches, embedded-content notices, disclaimers and
photo credits. A short line made of one goes with its category; article sentences that
use the same words stay.

The articles are written for this test, modelled on an extractor's output of a news
page: a few paragraphs with the outlet's line between them.
"""

from __future__ import annotations

import pytest

from cleaner import clean
from tests.heuristics.article_pages import (
    PARAGRAPHS,
    assert_line_between_paragraphs_goes,
    assert_sentence_between_paragraphs_stays,
)

OUTLET_LINES = [
    ("You are not logged in.", "comments"),
    ("Log in to leave a comment on this story and join the debate.", "comments"),
    ("Schreiben Sie uns Ihre Meinung zu diesem Thema an unsere Redaktion.", "comments"),
    ("Enlarge this image", "navigation"),
    ("Cancel anytime.", "subscription"),
    ("Click to load external content", "consent"),
    ("View gallery", "navigation"),
    ("Bild vergrößern", "navigation"),
    ("Sie sind nicht eingeloggt.", "comments"),
    ("Jederzeit kündbar.", "subscription"),
    ("Alle Angaben ohne Gewähr.", "legal"),
    ("Agrandir l'image", "navigation"),
    ("Sans engagement, résiliable à tout moment.", "subscription"),
    ("Ampliar imagen", "navigation"),
    ("Cancela cuando quieras.", "subscription"),
    ("Ingrandisci immagine", "navigation"),
    ("Disdici quando vuoi.", "subscription"),
    ("Ampliar imagem", "navigation"),
    ("Cancele quando quiser.", "subscription"),
    ("Afbeelding vergroten", "navigation"),
    ("Maandelijks opzegbaar.", "subscription"),
    ("Powiększ zdjęcie", "navigation"),
    ("Fot. Jan Nowak / Agencja", "credit"),
    ("Nie jesteś zalogowany.", "comments"),
]


@pytest.mark.parametrize("line, category", OUTLET_LINES)
def test_outlet_line_between_paragraphs_goes(line: str, category: str) -> None:
    assert_line_between_paragraphs_goes(line, category)


ARTICLE_SENTENCES = [
    "Her letter to the editor, printed in 1998, argued that the bridge should never be built.",
    "The booking site said an error had occurred and asked customers to try again later in the day.",
    "The list of protected buildings was last updated in 2019, the council said on Thursday.",
    "Die Demonstration war nicht angemeldet, sagte ein Polizeisprecher am Abend.",
    "Der Streit um den Inhalt von Schulbüchern geht auch nach dem Urteil weiter.",
    "Die letzte Änderung des Gesetzes liegt mehr als zehn Jahre zurück.",
    "La dernière mise à jour du logiciel a provoqué des pannes dans plusieurs hôpitaux.",
    "La última actualización del programa llegó en marzo, según la empresa.",
    "Przepisy zaktualizowano w ubiegłym roku, poinformowało ministerstwo.",
    "Op de tentoonstelling zijn foto's uit de jaren zeventig te zien, de toegang is gratis.",
]


@pytest.mark.parametrize("sentence", ARTICLE_SENTENCES)
def test_article_sentence_with_the_same_words_stays(sentence: str) -> None:
    assert_sentence_between_paragraphs_stays(sentence)


def test_long_notice_opened_by_the_copyright_sign_goes_whole() -> None:
    notice = (
        "© 2024 The Valley Courier. This article is the property of The Valley Courier and may be "
        "shared only with a link to the original page; written permission is needed to republish "
        "it in print or online."
    )
    text = "\n\n".join((PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2], notice)) + "\n"
    result = clean(text)
    assert notice not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [s.category for s in result.removed if notice in s.text] == ["legal"]


def test_prose_naming_the_copyright_sign_stays() -> None:
    sentence = (
        "The label added a © sign and the year to every sleeve in 1972, long before the court "
        "case over the band's early recordings began, the archivist said."
    )
    text = "\n\n".join((PARAGRAPHS[0], sentence, PARAGRAPHS[1])) + "\n"
    assert clean(text).body.strip() == text.strip()
