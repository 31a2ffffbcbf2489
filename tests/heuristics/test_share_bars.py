"""A share bar flattened into one line goes in any language ("Κοινοποίηση Facebook X");
the article's lines that name networks stay. Examples written for these tests."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.heuristics.lexicon import shipped_lexicon
from cleaner.heuristics.share_bars import is_share_bar
from tests.heuristics.article_pages import PARAGRAPHS

BARS = [
    "Share Facebook X",
    "Share on: Facebook | Twitter | WhatsApp",
    "Κοινοποίηση Facebook X",
    "Distribuie Facebook X",
    "Поділитися Facebook X",
    "Podijeli na: Facebook X",
    "Chia sẻ Facebook X",
    "Facebook · Telegram · Viber",
]
NOT_BARS = [
    "Facebook, Instagram",  # a list of platforms, with commas
    "Meta owns Facebook WhatsApp",  # a headline's clause before two names
    "We use Facebook X",
    "Facebook",  # one name: a button line's business, not this decision's
    "The ministry posted the notice on Facebook and Telegram.",
]


@pytest.mark.parametrize("line", BARS)
def test_share_bar_lines(line: str) -> None:
    assert is_share_bar(line, shipped_lexicon())


@pytest.mark.parametrize("line", NOT_BARS)
def test_not_share_bar_lines(line: str) -> None:
    assert not is_share_bar(line, shipped_lexicon())


@pytest.mark.parametrize("line", BARS)
def test_share_bar_goes_between_paragraphs(line: str) -> None:
    lines = (*PARAGRAPHS[:3], line, *PARAGRAPHS[3:])
    result = clean("\n".join(lines) + "\n")
    assert all(p in result.body for p in PARAGRAPHS)
    hits = [s for s in result.removed if line in s.text]
    assert hits and hits[0].category == "share"


def test_html_share_bar_without_class_words_goes() -> None:
    """On html the bar's links sit side by side in one block whose class says nothing."""
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    bar = '<div class="x12"><span>Κοινοποίηση</span> <a href="https://facebook.com/s">Facebook</a> <a href="https://x.com/s">X</a></div>'
    page = f'<html lang="el"><body><article><h1>Νέα γραμμή τραμ</h1>{paragraphs}{bar}</article></body></html>'
    result = clean(html=page)
    assert all(p in result.body for p in PARAGRAPHS)
    assert "Facebook" not in result.body


def test_article_naming_networks_stays() -> None:
    lines = (
        *PARAGRAPHS[:2],
        "Facebook, Instagram",
        "The ministry posted the notice on Facebook and Telegram.",
        *PARAGRAPHS[2:],
    )
    result = clean("\n".join(lines) + "\n")
    assert not [s for s in result.removed if "Facebook" in s.text]


@pytest.mark.parametrize("mark", [" ", " · ", " • ", " | "])
def test_html_share_bar_of_links_is_named_share(mark: str) -> None:
    """A bar whose label is a link too reads as a line of links: it goes as share, not related,
    whichever of the bar's marks stands between the names."""
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    bar = (
        f'<div class="x7"><a href="/share">שתפו</a>{mark}<a href="https://facebook.com/s">Facebook</a>{mark}'
        '<a href="https://x.com/s">X</a></div>'
    )
    page = f'<html lang="he"><body><article><h1>קו רכבת קלה חדש</h1>{paragraphs}{bar}</article></body></html>'
    result = clean(html=page)
    assert all(p in result.body for p in PARAGRAPHS)
    bars = [s for s in result.removed if "Facebook" in s.text]
    assert bars and bars[0].category == "share"
