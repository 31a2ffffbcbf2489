from cleaner.blocks import split_blocks


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
