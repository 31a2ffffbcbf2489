"""A post's metadata line (a full date or a time among three or more spaced fields) above
or below the article's paragraphs goes (``heuristic:meta-line``); a listing's run of such
lines, a line between the paragraphs, a heading with a bare year and a sentence stay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.heuristics.meta_lines import _DATE, SEPARATOR_MARKS, has_date, is_meta_shaped, meta_lines
from tests.heuristics.article_pages import PARAGRAPHS

HEADLINE = "Northern rail line to get trains every fifteen minutes"


@pytest.mark.parametrize(
    "meta",
    [
        "12.03.2024 | Ann Lee | Transport | 4 comments",
        "March 12, 2024 at 10:15 | Filed under Transport | 2 comments",
        "12 mars 2024 - Par Anne Leroy - Transports",
        "2024-03-12 · Redaktion · Verkehr · 3 Min.",
    ],
)
@pytest.mark.parametrize("where", ["head", "tail"])
def test_a_metadata_line_outside_the_paragraphs_goes(meta: str, where: str) -> None:
    lines = [HEADLINE, meta, *PARAGRAPHS] if where == "head" else [HEADLINE, *PARAGRAPHS, meta]
    result = clean("\n\n".join(lines) + "\n")
    assert meta not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [(s.category, s.rule) for s in result.removed if meta in s.text] == [
        ("other", "heuristic:meta-line")
    ]


def test_a_listings_run_stays() -> None:
    """A schedule's items share the shape; in a run they are the article's. (The article-line
    model may still take a listing's last item at the page's end: that is its own call.)"""
    listing = [
        "05.11.2024 - The Lanterns - Town Hall",
        "06.11.2024 - Quiet Harbour - Old Mill",
        "08.11.2024 - Anna Berg Trio - Jazz Cellar",
    ]
    for text in (
        "\n\n".join([*PARAGRAPHS, "Concerts this month:", *listing]) + "\n",
        "\n\n".join(["Concerts this month:", *listing, *PARAGRAPHS]) + "\n",
    ):
        result = clean(text)
        assert not [s for s in result.removed if s.rule == "heuristic:meta-line"]
        assert all(item in result.body for item in listing[:2])


@pytest.mark.parametrize(
    "line",
    [
        "12.03.2024 | Ann Lee | Transport | 4 comments",  # between the paragraphs: the article's
    ],
)
def test_a_line_between_the_paragraphs_stays(line: str) -> None:
    text = "\n\n".join([PARAGRAPHS[0], line, PARAGRAPHS[1], PARAGRAPHS[2]]) + "\n"
    assert line in clean(text).body


@pytest.mark.parametrize(
    "line",
    [
        "Festival 2024 - Day one - Photos",  # a bare year: a heading's
        "The meeting on 12.03.2024 at 18:00 was moved to the town hall.",  # a sentence: no fields
        "Tickets - Prices - Opening hours",  # no date
    ],
)
def test_other_lines_are_not_metadata(line: str) -> None:
    assert not is_meta_shaped(line, len(line.split()))
    text = "\n\n".join([*PARAGRAPHS, line]) + "\n"
    assert line in clean(text).body


META_PAGE = (
    ["Home | News | Sport", "12.03.2024 | Ann Lee | Politics"]
    + list(PARAGRAPHS)
    + ["12.03.2024 | Ann Lee | Politics", "Tags: a / b / c", "Short line"]
)


@pytest.mark.parametrize("dropped", [(), (0,), (1, 3), tuple(range(0, len(META_PAGE), 2))])
def test_meta_lines_among_the_survivors_as_among_every_line(dropped: tuple[int, ...]) -> None:
    """A raw dump's meta-line reads its kept lines among LinePage.survivors (a superset of
    the kept ones, their separators too): the same lines as over the whole page."""
    texts = META_PAGE
    words = [len(text.split()) for text in texts]
    kept = [j not in dropped for j in range(len(texts))]
    whole = meta_lines(texts, words, kept)
    survivors = [j for j in range(len(texts)) if kept[j] or j % 3 == 0]  # a line since dropped too
    marked = [j for j in survivors if any(mark in texts[j] for mark in SEPARATOR_MARKS)]
    assert meta_lines(texts, words, kept, marked, survivors) == whole


_DATE_PIECES = [
    "12", "3", "2024", "1999", "20", "19", "05", ".", "/", "-", ":", ",", " ", "\u00a0", "\u2028", "\n",
    "March", "März", "mars", "Ma", "_", "x", "a1", "٣", "١٢", "\u0661\u0669\u0669\u0669", "|", "\ud800",
    "\U0001d7d9", "\u200b", "\ufeff", "İ", "Ⅻ",
]  # fmt: skip


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=14), st.text(max_size=6))
def test_has_date_matches_the_date_pattern(pieces: list[str], extra: str) -> None:
    """``has_date``, its branches split, finds a date where ``_DATE.search`` does: digit
    soups, month words, Unicode digits and spaces, word characters before a digit."""
    for text in ("".join(pieces) + extra, extra + "".join(pieces)):
        assert has_date(text) == (_DATE.search(text) is not None), text


def test_has_date_on_dates_and_prose() -> None:
    """Every shape of date, and lines with none, as the reference pattern reads them."""
    for text in [
        "12.03.2024 | Ann Lee", "2024-03-12 · Redaktion", "at 10:15 |", "12 mars 2024 - Par",
        "March 12, 2024 at", "12. März 2024", "x12.03.2024", "_10:15", "Festival 2024 - Day one",
        "a5March 12, 2024", "March 12, 20245", "Posted by Ann Lee on Tuesday - Politics | 12",
    ]:  # fmt: skip
        assert has_date(text) == (_DATE.search(text) is not None), text
