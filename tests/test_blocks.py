import pytest

from cleaner.blocks import more_blocks_than, split_blocks


def test_blocks_are_stripped_lines_with_offsets() -> None:
    text = "\ufeff  Hello world \r\n\n\t second\u00a0\nthird"
    blocks = split_blocks(text)
    assert [b.text for b in blocks] == ["Hello world", "second", "third"]
    for block in blocks:
        assert text[block.start : block.end] == block.text
    assert [b.index for b in blocks] == [0, 1, 2]


def test_no_blocks_in_blank_text() -> None:
    assert split_blocks("") == []
    assert split_blocks(" \n\n \t ") == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a\n\n b \n",
        "one\r\ntwo\rthree\u2028four\n\u00a0\n",
        "x\n" * 50,
        " \n" * 50 + "y",
        "a\u0085b\u2029c",
    ],
)
@pytest.mark.parametrize("limit", [0, 1, 2, 3, 49, 50, 51])
def test_more_blocks_than_agrees_with_split_blocks(text: str, limit: int) -> None:
    assert more_blocks_than(text, limit) == (len(split_blocks(text)) > limit)
