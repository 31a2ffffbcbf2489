"""The compiled ``split_blocks`` (its line-break search in cleaner/native/line_breaks.c,
sixteen bytes at a time where SSE2 is there) gives ``split_blocks_python``'s blocks: on
the corpus cases, the hostile strings, and random texts of every string width whose
breaks (a CR LF split across two vectors among them) fall at every offset of a vector.
Its block texts and ``build_segments``' segment texts are cut by cleaner_substring (the
narrowest str, as str slicing makes): random labels over the same texts check those."""

from __future__ import annotations

import random

import pytest

from cleaner.blocks import Block, split_blocks_python
from cleaner.result import Label, build_segments, build_segments_python
from tests.paths import CORPUS
from tests.test_native import HOSTILE, compiled

MODULE = compiled()
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")

SEED = 28
BREAKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\n\r", "\r\r\n"]
FILLERS = [
    "a",
    " ",
    "\t",
    "\xa0",
    "\u200b",
    "\ufeff",
    "é",
    "\x84",
    "\x86",
    "\u2027",
    "\u202a",
    "中",
    "\U0001f600",
]
WIDTHS = ["", "é", "中", "\U0001f600"]  # a character that makes the text 1, 1, 2 or 4 bytes a unit


def _check(text: str) -> None:
    assert MODULE is not None
    got = MODULE.split_blocks(Block, text)
    assert got == split_blocks_python(text)
    assert all(type(block) is Block and block.text == text[block.start : block.end] for block in got)


@needs_build
def test_corpus_and_hostile_texts() -> None:
    for path in sorted(CORPUS.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        _check(text)
        _check(text.replace("\n", "\r\n"))
        _check(text.replace("\n", "\u2028") + "中")
    for text in HOSTILE:
        _check(text)


@needs_build
def test_breaks_at_every_offset() -> None:
    for width in WIDTHS:
        for brk in BREAKS:
            for offset in range(40):
                _check(width + "x" * offset + brk + "y" * 20 + brk + "z" * (40 - offset))
                _check("x" * offset + brk)


@needs_build
def test_random_texts() -> None:
    rng = random.Random(SEED)
    for _ in range(2000):
        pieces = [rng.choice(FILLERS) * rng.randint(1, 20) if rng.random() < 0.7 else rng.choice(BREAKS)]
        pieces += [rng.choice(FILLERS + BREAKS) for _ in range(rng.randint(0, 60))]
        _check(rng.choice(WIDTHS) + "".join(pieces))


@needs_build
def test_segment_texts() -> None:
    rng = random.Random(SEED + 1)
    labels = [None, None, Label("share", "a"), Label("nav", "b")]
    for _ in range(500):
        pieces = [rng.choice(FILLERS + BREAKS) * rng.randint(1, 9) for _ in range(rng.randint(1, 40))]
        text = rng.choice(WIDTHS) + "".join(pieces)
        blocks = split_blocks_python(text)
        if blocks:
            chosen = [rng.choice(labels) for _ in blocks]
            got = build_segments(text, blocks, chosen)
            assert got == build_segments_python(text, blocks, chosen)
            assert "".join(segment.text for segment in got) == text


@needs_build
def test_two_byte_lines_narrowed_or_kept() -> None:
    """Lines of a two-byte page whose one wide (or Latin-1) character falls at every offset
    of the eight-unit OR steps and the 64-unit chunks: each block's str of the right width."""
    for wide in ("é", "\xff", "’", "\u0100"):
        for offset in range(0, 150, 3):
            _check("中\n" + "x" * offset + wide + "y" * (150 - offset) + "\n" + "z" * offset)
