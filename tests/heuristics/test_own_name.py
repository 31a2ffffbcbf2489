"""The site's paragraph about itself at the end of its page goes (``heuristic:own-name``);
the site named in the article's own sentences, another company's description, a page
without an address and a self-description followed by more of the article stay."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.heuristics.own_name import describes_site, names_site, opens_with_name, site_name
from tests.heuristics.article_pages import PARAGRAPHS, article_with

URL = "https://www.northwind-tea.co.uk/news/2024/05/new-blending-plant-opens"
ABOUT = (
    "Northwind Tea is a family-owned importer of loose-leaf teas founded in 1968, supplying "
    "cafes and grocers in nine countries from its warehouses in Leeds and Rotterdam."
)
MORE = "Northwind Tea employs around 240 people and sources from 60 estates on three continents."


@pytest.mark.parametrize(
    "about",
    [
        ABOUT,
        "Northwind Tea ist ein Familienunternehmen, das seit 1968 lose Tees in neun Länder liefert und Cafés beliefert.",
        "Northwind Tea est une entreprise familiale qui importe des thés en vrac depuis 1968 pour les cafés.",
        "Northwind Tea es una empresa familiar que importa tés a granel desde 1968 para cafeterías y tiendas.",
        "Northwind Tea jest rodzinną firmą, która od 1968 roku sprowadza herbatę liściastą dla kawiarni.",
    ],
)
def test_the_sites_paragraph_about_itself_goes(about: str) -> None:
    result = clean(article_with(end=about), url=URL)
    assert about not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [(s.category, s.rule) for s in result.removed if about in s.text] == [
        ("other", "heuristic:own-name")
    ]


def test_the_lines_after_it_that_open_with_the_name_go_too() -> None:
    text = article_with() + "\n" + ABOUT + "\n\n" + MORE + "\n"
    result = clean(text, url=URL)
    assert ABOUT not in result.body and MORE not in result.body
    assert all(p in result.body for p in PARAGRAPHS)


@pytest.mark.parametrize(
    "heading", ["About Northwind Tea", "Über Northwind Tea:", "À propos de Northwind Tea"]
)
def test_its_heading_goes_with_it(heading: str) -> None:
    text = article_with() + "\n" + heading + "\n\n" + ABOUT + "\n"
    result = clean(text, url=URL)
    assert heading not in result.body and ABOUT not in result.body
    assert all(p in result.body for p in PARAGRAPHS)


def test_a_sentence_naming_the_site_above_it_stays() -> None:
    last = "The plant was opened by the mayor, who thanked Northwind Tea."
    text = article_with(end=last) + "\n" + ABOUT + "\n"
    result = clean(text, url=URL)
    assert last in result.body and ABOUT not in result.body


@pytest.mark.parametrize(
    ("end", "url"),
    [
        # the article says what the site did, not what it is
        ("Northwind Tea was unable to confirm the figures before publication on Monday evening.", URL),
        ("Northwind Tea has asked the authority for the drawings of the new stations as well.", URL),
        ("Northwind Tea on Monday said it would hire forty more packers for the new plant.", URL),
        ("Northwind Tea was the first importer in the county to switch to paper packing.", URL),
        # the South Slavic perfect tense: "je" is its auxiliary ("Northwind has learned ...")
        ("Northwind Tea je doznao da će tvornica zaposliti još četrdeset radnika do jeseni.", URL),
        # another company's description
        (ABOUT.replace("Northwind Tea", "Southwind Coffee"), URL),
        # no address to take the name from
        (ABOUT, None),
        (ABOUT, "https://www.example-news.com/2024/05/tea-importer"),
    ],
)
def test_the_articles_own_last_lines_stay(end: str, url: str | None) -> None:
    text = article_with(end=end)
    assert clean(text, url=url).body.strip() == text.strip()


def test_a_self_description_with_the_article_going_on_below_stays() -> None:
    """Past the last lines, the site describing itself is part of the article (a company's
    own history page, a profile)."""
    more = [
        "The new plant will blend forty teas a day and pack them in paper instead of plastic foil.",
        "Its opening was delayed twice by supply problems with the packing machines from Italy.",
        "The company plans a visitor centre beside the plant, with tastings on Saturdays.",
        "Local councillors said the jobs were welcome in a town that lost its mill ten years ago.",
    ]
    text = "\n\n".join([PARAGRAPHS[0], ABOUT, *more]) + "\n"
    assert clean(text, url=URL).body.strip() == text.strip()


def test_site_name_and_opening() -> None:
    assert site_name(URL) == "northwindtea"
    assert site_name("https://news.northwind.com/a") == "northwind"
    assert site_name("https://tv.fm/a") is None and site_name(None) is None and site_name("not a url") is None
    assert site_name("http://192.168.0.1/page") is None
    assert opens_with_name("Northwind Tea employs 240 people.", "northwindtea")
    assert not opens_with_name("Northwind employs 240 people.", "northwindtea")
    assert not opens_with_name("The Northwind Tea shop opened.", "northwindtea")
    assert describes_site("Northwind Tea, is a tea importer.", "northwindtea")
    assert not describes_site("Northwind Tea is importing more tea.", "northwindtea")
    assert names_site("About Northwind Tea", "northwindtea") and names_site("Northwind Tea", "northwindtea")
    assert not names_site("About the new Northwind Tea plant", "northwindtea")
    assert not names_site("We met Northwind Tea.", "northwindtea")
