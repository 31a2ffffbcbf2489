"""Affiliate disclosures, "was this helpful?" prompts, app and channel pitches and
reprint notices, in eight languages: a short line made of one goes with its
category, while article sentences that use the same words stay.

The articles are written for this test, modelled on an extractor's output of a
news page: a few paragraphs, the outlet's line between or after them.
"""

from __future__ import annotations

import pytest

from tests.heuristics.article_pages import (
    assert_line_between_paragraphs_goes,
    assert_sentence_between_paragraphs_stays,
)

OUTLET_LINES = [
    ("This post contains affiliate links.", "advertisement"),
    ("Was this article helpful?", "navigation"),
    ("Download our app", "share"),
    ("Join our WhatsApp channel", "share"),
    ("Dieser Beitrag enthält Affiliate-Links.", "advertisement"),
    ("War dieser Artikel hilfreich?", "navigation"),
    ("Laden Sie unsere App herunter!", "share"),
    ("Nachdruck verboten.", "legal"),
    ("Évaluer cet article", "navigation"),
    ("Rejoignez notre chaîne WhatsApp", "share"),
    ("Este artículo contiene enlaces de afiliado.", "advertisement"),
    ("¿Te ha resultado útil este artículo?", "navigation"),
    ("Síguenos en WhatsApp", "share"),
    ("Prohibida su reproducción total o parcial.", "legal"),
    ("Questo articolo ti è stato utile?", "navigation"),
    ("Scarica la nostra app", "share"),
    ("Este artigo foi útil?", "navigation"),
    ("Conteúdo patrocinado", "advertisement"),
    ("Was dit artikel nuttig?", "navigation"),
    ("Download onze app", "share"),
    ("Czy ten artykuł był pomocny?", "navigation"),
    ("Materiał sponsorowany", "advertisement"),
]


@pytest.mark.parametrize("line, category", OUTLET_LINES)
def test_outlet_line_between_paragraphs_goes(line: str, category: str) -> None:
    assert_line_between_paragraphs_goes(line, category)


ARTICLE_SENTENCES = [
    "Users can download the app from Monday, the ministry said, and the old website will close in June.",
    "The court ruled that the photographs had been printed without written permission from the family.",
    "Die Stadtwerke teilten mit, Kunden könnten die neue App ab Montag herunterladen.",
    "El ministerio explicó que los vecinos podrán seguir la obra en el canal de WhatsApp del ayuntamiento.",
    "Le tribunal a jugé que la photo avait été publiée sans autorisation écrite du fotographe.",
]


@pytest.mark.parametrize("sentence", ARTICLE_SENTENCES)
def test_article_sentence_with_the_same_words_stays(sentence: str) -> None:
    assert_sentence_between_paragraphs_stays(sentence)
