"""The shipped lexicons come merged from the prebuilt store, exactly as merging their YAML
gives them; a folder that differs in any file is merged from its YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cleaner.errors import RuleFileError
from cleaner.heuristics import lexicon as lexicon_module
from cleaner.heuristics.lexicon import Lexicon, lexicon_dir, lexicon_to_plain, load_lexicon


def tables(lexicon: Lexicon) -> dict[str, object]:
    """Everything a merged lexicon holds, dict order included (it decides ties)."""
    plain = lexicon_to_plain(lexicon)
    return {key: list(value.items()) if isinstance(value, dict) else value for key, value in plain.items()}


def merge_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_module, "prebuilt", lambda key: None)


def refuse_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(paths: list[Path]) -> Lexicon:
        raise AssertionError("merged from YAML although the store holds these files")

    monkeypatch.setattr(lexicon_module, "_merged", refuse)


def test_the_stored_lexicon_is_the_merged_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        refuse_merge(patch)
        stored = load_lexicon()
    merge_only(monkeypatch)
    merged = load_lexicon()
    assert tables(stored) == tables(merged)
    assert list(stored.phrase_hits("read more: share this article")) == list(
        merged.phrase_hits("read more: share this article")
    )


def test_an_identical_copy_of_the_folder_uses_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "lexicons"
    shutil.copytree(lexicon_dir(), copy)
    refuse_merge(monkeypatch)
    assert load_lexicon(copy).languages


def test_an_edited_lexicon_is_merged_from_its_yaml(tmp_path: Path) -> None:
    copy = tmp_path / "lexicons"
    shutil.copytree(lexicon_dir(), copy)
    english = copy / "en.yaml"
    text = english.read_text(encoding="utf-8")
    assert "\ncta:\n" in text
    english.write_text(text.replace("\ncta:\n", "\ncta:\n  - Press the purple button\n", 1), encoding="utf-8")
    assert "press the purple button" in load_lexicon(copy).cta
    assert "press the purple button" not in load_lexicon().cta


def test_an_added_file_is_merged_from_yaml(tmp_path: Path) -> None:
    copy = tmp_path / "lexicons"
    shutil.copytree(lexicon_dir(), copy)
    (copy / "zz.yaml").write_text("language: zz\ncta:\n  - Zork the zap\n", encoding="utf-8")
    lexicon = load_lexicon(copy)
    assert "zz" in lexicon.languages and "zork the zap" in lexicon.cta


def test_a_broken_lexicon_still_names_file_and_line(tmp_path: Path) -> None:
    copy = tmp_path / "lexicons"
    shutil.copytree(lexicon_dir(), copy)
    (copy / "zz.yaml").write_text("language: zz\ncta:\n  - fine\n  - 3\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_lexicon(copy)
    assert f"{copy / 'zz.yaml'}:4:" in str(caught.value)


def test_lexicons_from_the_store_do_not_share_tables(tmp_path: Path) -> None:
    copy = tmp_path / "lexicons"
    shutil.copytree(lexicon_dir(), copy)
    first, second = load_lexicon(copy), load_lexicon(copy)
    first.line_category["only in the first"] = "navigation"
    assert "only in the first" not in second.line_category
