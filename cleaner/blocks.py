"""Split text into blocks (non-blank lines) with character offsets.

Every later stage works on these blocks and never re-splits the text, so the
offsets into the original stay the single source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Block:
    """One non-blank line; ``text`` is ``source[start:end]`` without outer spaces."""

    index: int
    start: int
    end: int
    text: str


_STRIP = " \t\r\f\v\u00a0\u200b\ufeff"


def split_blocks(source: str) -> list[Block]:
    """Return the non-blank lines of ``source`` as blocks, in order."""
    blocks: list[Block] = []
    pos = 0
    length = len(source)
    find = source.find
    while pos < length:
        nl = find("\n", pos)
        line_end = length if nl < 0 else nl
        line = source[pos:line_end]
        stripped = line.strip(_STRIP)
        if stripped:
            lead = len(line) - len(line.lstrip(_STRIP))
            start = pos + lead
            blocks.append(Block(len(blocks), start, start + len(stripped), stripped))
        pos = line_end + 1
    return blocks
