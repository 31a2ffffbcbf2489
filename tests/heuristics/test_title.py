"""The headline finder: what a headline looks like, and lines that only look like one
(datelines, kickers and calls to action in capitals, lines with a link, two sentences)."""

from __future__ import annotations

import random
from urllib.parse import urlsplit

import pytest

from cleaner import clean
from cleaner.heuristics.title import address_path, looks_like_title, slug_words

PARAGRAPH = (
    "The regional transport authority presented its plan for the northern rail line on Monday, "
    "promising trains every fifteen minutes from next spring and new stations in three towns."
)


def _under(first_line: str) -> str:
    """An extracted article text: ``first_line``, then two paragraphs of the story."""
    return first_line + "\n" + PARAGRAPH + "\n" + PARAGRAPH.replace("Monday", "Tuesday") + "\n"


@pytest.mark.parametrize(
    "line",
    [
        "Rail line plan promises trains every fifteen minutes",
        "Dr. Who returns to the screen after two years",
        "Lakers vs. Nets: NBA makes final decision on game",
        "Acme Corp. Buys Rival for $2 Billion",
        "CHINA sends troops to Hong Kong as protests go on",
        "Неделя в Москве: что изменится с понедельника",
        "Prof. Müller wird Rektor der Universität",
    ],
)
def test_headlines(line: str) -> None:
    assert looks_like_title(line)


@pytest.mark.parametrize(
    "line",
    [
        "BAAR, SWITZERLAND",
        "CLICK FOR FULL STATE SWIM RESULTS",
        "Tested by Jane Doe - More info at www.example.org",
        "Full results on https://example.org/results",
        "This shop has been compensated by its sponsor. All opinions are my own",
        "The council met on Tuesday.",
        # an interview's first question: two sentences, the first ending in a capitalised noun
        "Frau Berger, Sie leiten seit zwanzig Jahren die Stadtbibliothek. Was hat sich verändert?",
    ],
)
def test_lines_that_only_look_like_headlines(line: str) -> None:
    assert not looks_like_title(line)


def test_a_dateline_opening_the_text_is_no_headline() -> None:
    text = "ZURICH, SWITZERLAND\n" + PARAGRAPH + "\n" + PARAGRAPH.replace("Monday", "Tuesday") + "\n"
    result = clean(text)
    assert "title" not in result.metadata
    assert all(s.category != "title" for s in result.removed)


def test_a_headline_opening_the_text_goes_as_title() -> None:
    headline = "Rail line plan promises trains every fifteen minutes"
    text = _under(headline)
    result = clean(text)
    assert headline not in result.body and result.metadata.get("title") == headline


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (
            "https://example.org/2024/05/12/rail-line-plan-promises-trains.html",
            {"rail", "line", "plan", "promises", "trains"},
        ),
        (
            "https://example.de/politik/b%C3%BCrger-w%C3%A4hlen-neuen-rat",
            {"burger", "wahlen", "neuen", "rat"},
        ),
        ("https://example.com/news/a-6533123", None),  # an id, not a slug
        ("https://example.com/about-us/", None),  # too few words to name an article
        (None, None),
        ("http://[bad", None),
    ],
)
def test_slug_words(url: str | None, words: set[str] | None) -> None:
    assert slug_words(url) == (frozenset(words) if words is not None else None)


def test_a_first_line_sharing_no_word_with_the_slug_is_no_headline() -> None:
    # a kicker or the article's own opening heading that the extractor put first: the
    # address names the article, and this line is not its headline
    line = "Good news for commuters at last"
    text = _under(line)
    url = "https://example.org/2024/05/12/rail-line-plan-promises-trains.html"
    result = clean(text, url=url)
    assert line in result.body and "title" not in result.metadata
    assert line not in clean(text).body  # without an address it is taken for the headline


def test_a_headline_in_the_slug_goes_and_a_cyrillic_one_is_not_compared() -> None:
    headline = "Rail line plan promises trains every fifteen minutes"
    text = _under(headline)
    result = clean(text, url="https://example.org/2024/05/12/rail-line-plan-promises-trains.html")
    assert result.metadata.get("title") == headline and headline not in result.body
    russian = "Неделя в Москве: что изменится с понедельника"
    text = _under(russian)
    result = clean(text, url="https://example.ru/news/nedelya-v-moskve-chto-izmenitsya")
    assert result.metadata.get("title") == russian


def test_a_kicker_sharing_only_short_words_with_the_slug_is_no_headline() -> None:
    # a portrait's kicker under an address that names the article otherwise: "und" and
    # "die" are in both, but they are no shared topic (nor "the" / "of" in English)
    line = "Anna Berger und ihr Leben für die alten Obstsorten"
    text = _under(line)
    url = "https://example.de/eine-private-obstwiese-und-die-sortenvielfalt/"
    result = clean(text, url=url)
    assert line in result.body and "title" not in result.metadata
    english = "The rise and fall of the corner shop"
    text = _under(english)
    result = clean(text, url="https://example.org/2024/05/12/the-end-of-an-era-for-rail.html")
    assert english in result.body


def test_a_headline_sharing_one_long_word_with_the_slug_still_goes() -> None:
    headline = "Obstwiese am Stadtrand bekommt einen neuen Pächter"
    text = _under(headline)
    result = clean(text, url="https://example.de/eine-private-obstwiese-und-die-sortenvielfalt/")
    assert result.metadata.get("title") == headline and headline not in result.body


@pytest.mark.parametrize(
    "line",
    [
        "市政府公布新的公共交通计划",
        "政府、新たな子育て支援策を発表",
        "台風10号、週末に九州へ接近の恐れ",
    ],
)
def test_chinese_and_japanese_headlines_count_their_characters_as_words(line: str) -> None:
    assert looks_like_title(line)


@pytest.mark.parametrize(
    "line",
    [
        "基本信息",  # a section label: a few characters
        "相关阅读：",  # a lead-in, full-width colon
        "市政府周二公布了一项新的公共交通发展计划。",  # a sentence: full-width full stop
    ],
)
def test_chinese_lines_that_are_no_headline(line: str) -> None:
    assert not looks_like_title(line)


def test_a_chinese_headline_opening_extracted_text_goes_as_title() -> None:
    headline = "市政府公布新的公共交通计划"
    body = (
        "市政府周二公布了一项新的公共交通发展计划，计划在未来五年内新建三条地铁线路，"
        "并增加数百辆新能源公交车，以缓解城市交通拥堵问题。\n"
        "交通部门负责人表示，新线路将优先覆盖人口密集的新城区，同时将对现有公交线路进行优化调整。\n"
    )
    result = clean(headline + "\n" + body)
    assert [s.text.strip() for s in result.removed if s.category == "title"] == [headline]
    assert result.body == body.strip()


def test_address_path_is_urlsplits_path() -> None:
    """The hand-cut path of a plain address is ``urlsplit``'s, and every other address goes
    to ``urlsplit`` (errors and all): random addresses of the characters that steer it."""
    rng = random.Random(1)
    alphabet = list("htps:/?#[]@.-_ aZ%\t\n\x00\x7fé")
    urls = [
        scheme + "".join(rng.choices(alphabet, k=rng.randrange(0, 20)))
        for scheme in ("https://", "http://", "HTTP://", "")
        for _ in range(5000)
    ]
    urls += ["https://a/b?c#d", "https://a#b/c", "https://a?b/c", "http://", "https:///x", "https://[::1]/x"]
    urls += ["https://a]b/c", "https://www.example.com/news/2024/05/city-budget-vote-12345.html?x=1#top"]
    for url in urls:
        try:
            expected = urlsplit(url).path
        except ValueError:
            with pytest.raises(ValueError):
                address_path(url)
            continue
        assert address_path(url) == expected, url
