"""Split text into blocks (non-blank lines) with character offsets.

Every later stage works on these blocks and never re-splits the text, so the
offsets into the original stay the single source of truth.
"""

from __future__ import annotations

from typing import NamedTuple


class Block(NamedTuple):
    """One non-blank line; ``text`` is ``source[start:end]`` without outer spaces.

    A named tuple rather than a dataclass: documents have hundreds of blocks
    and tuples are several times cheaper to build.
    """

    index: int  # type: ignore[assignment]  # shadows tuple.index on purpose: the block number
    start: int
    end: int
    text: str


_new_tuple = tuple.__new__
_STRIP = " \t\r\f\v\u00a0\u200b\ufeff"


def split_blocks(source: str) -> list[Block]:
    """Return the non-blank lines of ``source`` as blocks, in order.

    Blocks are built with ``tuple.__new__``: the named tuple's own constructor
    is a Python function, and this loop runs once per line of every document.
    """
    blocks: list[Block] = []
    append = blocks.append
    pos = 0
    index = 0
    for line in source.split("\n"):
        size = len(line)
        stripped = line.strip(_STRIP)
        if stripped:
            start = pos if len(stripped) == size else pos + size - len(line.lstrip(_STRIP))
            append(_new_tuple(Block, (index, start, start + len(stripped), stripped)))
            index += 1
        pos += size + 1
    return blocks
