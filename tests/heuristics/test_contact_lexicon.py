"""The sign-off openers and teaser tags are lexicon data (``contact_openers`` and
``teaser_tags`` in rules/lexicons/*.yaml): the decisions read the lexicon they are given,
build their pattern once per lexicon, and a bad entry names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.errors import RuleFileError
from cleaner.heuristics import contact_lines
from cleaner.heuristics.contact_lines import is_contact_line
from cleaner.heuristics.lexicon import Lexicon, load_lexicon, shipped_lexicon
from cleaner.heuristics.teaser_tags import is_tagged_teaser


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
