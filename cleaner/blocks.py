"""Split text into blocks (non-blank lines) with character offsets.

Every later stage works on these blocks and never re-splits the text, so the
offsets into the original stay the single source of truth. A line ends at
LF, CR LF, a lone CR (old Mac text), NEL, U+2028 or U+2029: text written with
any of them is cleaned as its LF twin would be.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from cleaner import native


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
# Line breaks other than "\n", as one-for-one replacements, so offsets into the
# normalised copy are offsets into the original. Form feed and vertical tab stay
# in-line white space, as before; the information separators (U+001C..1E) that
# str.splitlines also breaks at are not line breaks in any text people write.
OTHER_LINE_BREAKS = "\r\x85\u2028\u2029"


def newline_lines(source: str) -> str:
    """``source`` with every line break written as LF, same length: CR LF becomes
    space + LF (the space is trailing white space of its line, stripped from the block)."""
    if not any(brk in source for brk in OTHER_LINE_BREAKS):
        return source  # the common case costs four scans in C, no copy
    source = source.replace("\r\n", " \n")
    for brk in OTHER_LINE_BREAKS:  # str.replace is several times faster than translate
        source = source.replace(brk, "\n")
    return source


def split_blocks_python(source: str) -> list[Block]:
    """Return the non-blank lines of ``source`` as blocks, in order (``split_blocks``'s
    pure-Python form: the reference and the fallback of the compiled one).

    A block's text is ``source[start:end]`` of the original: the line breaks that
    ``newline_lines`` rewrites never fall inside a stripped line.
    Blocks are built with ``tuple.__new__``: the named tuple's own constructor
    is a Python function, and this loop runs once per line of every document.
    """
    blocks: list[Block] = []
    append = blocks.append
    pos = 0
    index = 0
    for line in newline_lines(source).split("\n"):
        size = len(line)
        stripped = line.strip(_STRIP)
        if stripped:
            start = pos if len(stripped) == size else pos + size - len(line.lstrip(_STRIP))
            append(_new_tuple(Block, (index, start, start + len(stripped), stripped)))
            index += 1
        pos += size + 1
    return blocks


# The non-blank lines of a source as blocks, in order: compiled, the twin of
# ``split_blocks_python`` (one C loop over the characters, the same blocks), bound to the
# Block type once, so a page's call runs no Python frame to forward it
split_blocks: Callable[[str], list[Block]] = (
    partial(native.MODULE.split_blocks, Block) if native.MODULE is not None else split_blocks_python
)


_LINE = re.compile(r"[^\n]+")


def more_blocks_than(source: str, limit: int) -> bool:
    """Whether ``source`` has more than ``limit`` non-blank lines, without building them:
    a document of a million tiny lines is refused before it costs a million blocks."""
    normalised = newline_lines(source)
    if normalised.count("\n") < limit:
        return False
    count = 0
    for match in _LINE.finditer(normalised):
        if match.group().strip(_STRIP):
            count += 1
            if count > limit:
                return True
    return False
