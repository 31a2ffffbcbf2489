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


_STRIP = " \t\r\f\v\u00a0\u200b\ufeff"


def split_blocks(source: str) -> list[Block]:
    """Return the non-blank lines of ``source`` as blocks, in order."""
    blocks: list[Block] = []
    append = blocks.append
    pos = 0
    for line in source.split("\n"):
        stripped = line.strip(_STRIP)
        if stripped:
            if len(stripped) == len(line):
                start = pos
            else:
                start = pos + len(line) - len(line.lstrip(_STRIP))
            append(Block(len(blocks), start, start + len(stripped), stripped))
        pos += len(line) + 1
    return blocks
