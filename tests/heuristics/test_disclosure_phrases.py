"""Affiliate disclosures, "was this helpful?" prompts, app and channel pitches and
reprint notices, in eight languages: a short line made of one goes with its
category, while article sentences that use the same words stay.

The articles are written for this test, modelled on an extractor's output of a
news page: a few paragraphs, the outlet's line between or after them.
"""

from __future__ import annotations

import pytest

from cleaner import clean

PARAGRAPHS = (
    "The regional transport authority presented its plan for the northern rail line on Monday, "
    "promising trains every fifteen minutes from next spring and new stations in three towns.",
    "Commuters' groups welcomed the timetable but warned that the promised buses to the outer "
    "villages were still missing from the plan, and asked the authority to publish the costs.",
    "The authority said it would answer the questions at a public meeting in the town hall next "
    "week, where residents can also see the drawings of the new stations.",
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
    text = "\n\n".join((PARAGRAPHS[0], PARAGRAPHS[1], line, PARAGRAPHS[2])) + "\n"
    result = clean(text)
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    removed = [s for s in result.removed if line in s.text]
    assert removed and removed[0].category == category


ARTICLE_SENTENCES = [
    "Users can download the app from Monday, the ministry said, and the old website will close in June.",
    "The court ruled that the photographs had been printed without written permission from the family.",
    "Die Stadtwerke teilten mit, Kunden könnten die neue App ab Montag herunterladen.",
    "El ministerio explicó que los vecinos podrán seguir la obra en el canal de WhatsApp del ayuntamiento.",
    "Le tribunal a jugé que la photo avait été publiée sans autorisation écrite du fotographe.",
]


@pytest.mark.parametrize("sentence", ARTICLE_SENTENCES)
def test_article_sentence_with_the_same_words_stays(sentence: str) -> None:
    text = "\n\n".join((PARAGRAPHS[0], sentence, PARAGRAPHS[1])) + "\n"
    assert clean(text).body.strip() == text.strip()
