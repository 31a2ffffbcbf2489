"""Segments cover the source exactly and the body keeps the input's separators."""

from __future__ import annotations

from cleaner.blocks import split_blocks
from cleaner.result import BODY, BOILERPLATE, Label, build_segments

AD = Label("advertisement", "test:ad")


def _segments(text: str, boiler: set[int]):
    blocks = split_blocks(text)
    labels = [AD if i in boiler else None for i in range(len(blocks))]
    return build_segments(text, blocks, labels)


def test_segments_rebuild_source_with_blank_lines() -> None:
    text = "  First para.\n\nAd line\n\n\nSecond para.\n"
    segments = _segments(text, {1})
    assert "".join(s.text for s in segments) == text
    assert [s.kind for s in segments] == [BODY, BOILERPLATE, BODY]
    assert segments[1].text == "Ad line\n\n\n"


def test_neighbouring_same_labels_merge() -> None:
    text = "a\nb\nc\nd"
    segments = _segments(text, {1, 2})
    assert [s.text for s in segments] == ["a\n", "b\nc\n", "d"]
    assert segments[1].start == 2 and segments[1].end == 6


def test_empty_and_blank_sources() -> None:
    assert build_segments("", [], []) == []
    only_space = build_segments("  \n ", [], [])
    assert len(only_space) == 1 and only_space[0].kind == BODY


def test_removed_block_in_the_middle_leaves_clean_body() -> None:
    from cleaner.result import Result

    text = "p1\nAD\np3"
    result = Result(text, _segments(text, {1}))
    assert result.body == "p1\np3"
    assert [s.text for s in result.removed] == ["AD\n"]
    assert result.removed_chars_by_category() == {"advertisement": 3}
