"""Tag lines and date lines opened by a navigation label go from an article's text in any
language; a sentence opened by the same label stays (navigation_lines.py)."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.heuristics.navigation_lines import is_date_line, is_tag_list
from tests.heuristics.tram_story import PARAGRAPH


def _article(language: str, line: str) -> str:
    """Three paragraphs of a story with ``line`` between the second and the third."""
    para = PARAGRAPH[language]
    return f"{para}\n{para}\n{line}\n{para}\n"


@pytest.mark.parametrize(
    ("language", "line", "category"),
    [
        ("es", "Etiquetas: movilidad, urbanismo, bicicleta", "navigation"),
        ("fr", "Mots-clés : mobilité, urbanisme, vélo", "navigation"),
        ("it", "Aggiornato il 12/03/2025 alle 14:35", "navigation"),
        ("pt", "Atualizado em 12/03/2025 às 14h35", "navigation"),
    ],
)
def test_tag_and_date_lines_go_from_the_middle_of_an_article(language: str, line: str, category: str) -> None:
    result = clean(_article(language, line))
    removed = [s for s in result.removed if s.text.strip() == line]
    assert [s.category for s in removed] == [category]
    assert result.body.count(PARAGRAPH[language]) == 3


@pytest.mark.parametrize(
    ("language", "line"),
    [
        # the label opening a sentence of the article: kept whole
        (
            "es",
            "Etiquetas: así llaman los comerciantes a los precios nuevos, que según ellos confunden a los clientes.",
        ),
        (
            "it",
            "Aggiornato il regolamento: dal 12/03/2025 le nuove regole valgono per tutti i comuni della provincia.",
        ),
    ],
)
def test_a_sentence_opened_by_the_label_stays(language: str, line: str) -> None:
    text = _article(language, line)
    assert clean(text).body == text.strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tags: transport, city council", True),
        ("Tags: #transport #citycouncil", True),
        ("Tags: transport", False),  # one item: could be a heading
        ("Tags: the council's new plan, which drivers criticised, goes to a vote", False),
        ("Tags: transport, council.", False),
        ("Tags: Windows 10, Microsoft, security", True),
        ("Published: July 23, 2012", False),  # a date, not a list
    ],
)
def test_tag_list_shape(text: str, expected: bool) -> None:
    assert is_tag_list(text) is expected


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Updated 2025-03-12 14:35", 3, True),
        ("Aktualisiert am 12.03.2025, 14:35 Uhr", 5, True),
        ("Updated guidance takes effect on 12/03/2025 for every school in the region", 13, False),
        ("Updated: what changes on 12/03?", 5, False),  # no date, a question
    ],
)
def test_date_line_shape(text: str, words: int, expected: bool) -> None:
    assert is_date_line(text, words) is expected
