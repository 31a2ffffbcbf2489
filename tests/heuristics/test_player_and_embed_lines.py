"""An audio player's, an embedded post's and an ad slot's lines left inside an article's text
go in every language the lexicons know ("Listen to this article", "View this post on
Instagram", "La suite après cette publicité"); prose that names the same things stays."""

from __future__ import annotations

import pytest

from cleaner import clean
from tests.heuristics.tram_story import PARAGRAPH

LINES = {
    "en": ["Listen to this article", "View this post on Instagram", "Continue reading after the ad"],
    "de": ["Artikel anhören", "Diesen Beitrag auf Instagram ansehen", "Weiterlesen nach der Anzeige"],
    "fr": ["Écouter cet article", "Voir cette publication sur Instagram", "La suite après cette publicité"],
    "pl": ["Posłuchaj artykułu", "Wyświetl ten post na Instagramie", "Dalsza część artykułu pod reklamą"],
    "fi": ["Kuuntele artikkeli", "Näytä tämä julkaisu Instagramissa", "Artikkeli jatkuu mainoksen jälkeen"],
}


@pytest.mark.parametrize("language", sorted(LINES))
def test_player_embed_and_ad_slot_lines_go(language: str) -> None:
    para = PARAGRAPH[language]
    parts: list[str] = []
    for line in LINES[language]:
        parts += [para, line]
    text = "\n".join([*parts, para, para]) + "\n"
    result = clean(text)
    removed = {s.text.strip() for s in result.removed}
    assert set(LINES[language]) <= removed
    assert result.body.count(para) == len(LINES[language]) + 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Readers who would rather listen to this article can find the audio version on our podcast "
        "feed, which the newsroom started last spring after many requests.",
        "Wer den Artikel anhören möchte, findet die Audiofassung seit dem Frühjahr in der App, "
        "sagte die Chefredakteurin bei der Vorstellung der neuen Angebote.",
    ],
)
def test_prose_naming_the_player_stays(sentence: str) -> None:
    para = PARAGRAPH["en"]
    text = f"{para}\n{sentence}\n{para}\n"
    assert clean(text).body == text.strip()


@pytest.mark.parametrize(
    ("language", "marker"), [("en", "Advertisement"), ("de", "Anzeige"), ("fr", "Publicité")]
)
def test_an_ad_marker_is_an_advertisement_and_no_sign_of_a_raw_page(language: str, marker: str) -> None:
    """An extractor leaves an ad slot's marker inside the article: it goes as an
    advertisement, and the text is still read as an article's, so a related-reading line
    with one more paragraph of the story below it does not end the article there."""
    para = PARAGRAPH[language]
    related = {"en": "More on this topic", "de": "Mehr zum Thema", "fr": "Sur le même sujet"}[language]
    text = f"{para}\n{marker}\n{para}\n{para}\n{related}\n{para}\n"
    result = clean(text)
    assert [(s.text.strip(), s.category) for s in result.removed if s.text.strip() == marker] == [
        (marker, "advertisement")
    ]
    assert result.body.count(para) == 4
