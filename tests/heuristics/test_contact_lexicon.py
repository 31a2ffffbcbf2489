"""The sign-off openers and teaser tags are lexicon data (``contact_openers`` and
``teaser_tags`` in rules/lexicons/*.yaml): a sign-off or a tagged teaser in a language
beyond the first seven goes, an article sentence opened by the same verb without an
address stays, an opener in Chinese needs no space after it, and a bad entry names its
file and line. The lines are written for these tests, modelled on how outlets sign off."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import clean
from cleaner.errors import RuleFileError
from cleaner.heuristics import contact_lines
from cleaner.heuristics.contact_lines import is_contact_line
from cleaner.heuristics.lexicon import Lexicon, lexicon_dir, load_lexicon, shipped_lexicon
from cleaner.heuristics.teaser_tags import is_tagged_teaser
from cleaner.outlets.yamlsource import load_yaml
from tests.heuristics.article_pages import PARAGRAPHS, article_with

# Each kept by the first seven languages' openers (and by every other rule).
SIGN_OFFS = [
    "Пишите автору: ivanova@primer-gazeta.ru",  # ru
    "Napisz do autora: j.kowalska@przyklad-gazeta.pl",  # pl
    "Skriv till reportern: anna.berg@exempel-tidning.se",  # sv
    "Sledujte autora na Twitteru @novak_zpravy",  # cs
    "Kövesse a szerzőt: @kovacs_hirek",  # hu
    "Pratite autora na Twitteru: @primjer_vijesti",  # hr
    "Kirjoita toimittajalle: anna.virtanen@esimerkki-lehti.fi",  # fi
    "Hubungi redaksi melalui redaksi@contoh-berita.id",  # id
    "Theo dõi tác giả trên Twitter @vidu_tintuc",  # vi
    "Слідкуйте за автором у Twitter: @pryklad_news",  # uk
    "Følg forfatteren på Twitter: @eksempel_nyt",  # da
    "כתבו לנו: editor@dugma-news.co.il",  # he
    "联系作者：li.wei@example-news.cn",  # zh: no space after the opener
    "关注我们的微博：@example_news",  # zh
]

SAME_VERB_SENTENCES = [
    "Пишите жалобы в управление, а не в соцсети, советует представитель города.",  # ru
    "Napisz do mnie, poprosił burmistrz, gdy radni odrzucili projekt budżetu na przyszły rok.",  # pl
    "Skriv till kommunen, sa revisorn när hon presenterade granskningen av kommunens bolag.",  # sv
    "Sledujte vývoj cen energií, doporučil ministr poslancům na jednání výboru.",  # cs
    "Kövesse a szabályokat, mondta a polgármester a lakossági fórumon.",  # hu
    "Hubungi dulu pihak sekolah, kata kepala dinas pendidikan kepada para orang tua murid.",  # id
    "联系人表示，新线路将于明年年底前开通，票价不变。",  # zh
]

TAGGED_TEASERS = [
    "Как выглядит новая станция метро на севере города [ФОТО]",  # ru
    "[WIDEO] Otwarcie nowej stacji kolejowej w centrum miasta",  # pl
    "Jak wygląda nowy dworzec po remoncie [ZDJĘCIA]",  # pl
    "[FOTOGALERIE] Nové nádraží po rekonstrukci",  # cs
    "Yeni istasyon törenle açıldı [GALERİ]",  # tr: the dotted capital matches "galeri"
    "【视频】北站新线路今天上午正式开通运营",  # zh
    "【사진】 새 역 개통식 현장 모습",  # ko
]


@pytest.mark.parametrize("line", SIGN_OFFS)
def test_sign_off_in_another_language_goes(line: str) -> None:
    result = clean(article_with(end=line))
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [(s.category, s.rule) for s in result.removed if line in s.text] == [
        ("share", "heuristic:contact-line")
    ]


@pytest.mark.parametrize("sentence", SAME_VERB_SENTENCES)
def test_sentence_opened_by_the_same_verb_stays(sentence: str) -> None:
    for text in (article_with(sentence), article_with(end=sentence)):  # in the middle, and last
        assert not [s for s in clean(text).removed if s.rule == "heuristic:contact-line"]


@pytest.mark.parametrize("line", TAGGED_TEASERS)
def test_tagged_teaser_in_another_language_goes(line: str) -> None:
    result = clean(article_with(end=line))
    assert line not in result.body and all(p in result.body for p in PARAGRAPHS)
    assert [(s.category, s.rule) for s in result.removed if line in s.text] == [
        ("related", "heuristic:teaser-tag")
    ]


def test_an_opener_in_a_script_without_spaces_needs_no_word_boundary() -> None:
    assert is_contact_line("联系作者：li.wei@example-news.cn", 8)
    assert is_contact_line("关注我们的微博和微信：@example_news", 9)
    # a spaced language keeps its boundary: "follow" does not open "Followers ..."
    assert not is_contact_line("Followers can email ann@example-news.com", 5)


def test_the_decisions_read_the_lexicon_they_are_given() -> None:
    dutch_only = Lexicon(contact_openers=("volg ons",), teaser_tags=("fotoserie",))
    assert is_contact_line("Volg ons op Instagram: @voorbeeld_nieuws", 5, dutch_only)
    assert not is_contact_line("Follow us on Instagram: @example_news", 5, dutch_only)
    assert is_contact_line("Follow us on Instagram: @example_news", 5, shipped_lexicon())
    assert is_tagged_teaser("Het nieuwe station in beeld [Fotoserie]", 6, dutch_only)
    assert not is_tagged_teaser("Council approves the timetable [VIDEO]", 5, dutch_only)
    empty = Lexicon()
    assert not is_contact_line("Follow us on Instagram: @example_news", 5, empty)
    assert not is_tagged_teaser("Council approves the timetable [VIDEO]", 5, empty)


def test_the_pattern_is_built_once_per_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[tuple[str, ...]] = []
    build = contact_lines._build

    def counting(openers: tuple[str, ...]) -> object:
        built.append(openers)
        return build(openers)

    monkeypatch.setattr(contact_lines, "_build", counting)
    lexicon = Lexicon(contact_openers=("follow",))
    for _ in range(3):
        assert is_contact_line("Follow us: @example_news", 3, lexicon)
    assert built == [("follow",)]


def _folder(tmp_path: Path, *files: tuple[str, str]) -> Path:
    for name, text in files:
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_entries_merge_lower_cased_in_file_order_without_duplicates(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        ("aa.yaml", "language: aa\ncontact_openers:\n  - Follow Us\n  - write to\nteaser_tags:\n  - VIDEO\n"),
        ("bb.yaml", "language: bb\ncontact_openers:\n  - follow us\n  - volg\nteaser_tags:\n  - 'Fotos:'\n"),
    )
    lexicon = load_lexicon(folder)
    assert lexicon.contact_openers == ("follow us", "write to", "volg")
    assert lexicon.teaser_tags == ("video", "fotos")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("language: xx\ncontact_openers:\n  - follow\n  - 42\n", r"xx\.yaml:4: \[contact_openers\]"),
        ("language: xx\nteaser_tags:\n  - video\n  - '...'\n", r"xx\.yaml:4: \[teaser_tags\]"),
        ("language: xx\nteaser_tags: video\n", r"xx\.yaml:2: \[teaser_tags\] expected a list"),
    ],
)
def test_a_bad_entry_names_its_file_and_line(tmp_path: Path, text: str, where: str) -> None:
    folder = _folder(tmp_path, ("xx.yaml", text))
    with pytest.raises(RuleFileError, match=where):
        load_lexicon(folder)


def test_every_language_has_openers_and_tags() -> None:
    for path in sorted(lexicon_dir().glob("*.yaml")):
        data = load_yaml(path.read_text(encoding="utf-8"))
        assert data.get("contact_openers"), path.name
        assert data.get("teaser_tags"), path.name
