"""The compiled ``line_shapes`` reads an ASCII line without the character database and
counts digits and UTF-8 bytes in one loop per string width: the same shapes as
``line_shapes_python`` for every short ASCII line of the letters around the cased
ranges, random ASCII lines and lines of each width (Latin-1, BMP, astral, surrogates)."""

from __future__ import annotations

import itertools
import random

import pytest

from cleaner.heuristics import features
from cleaner.heuristics.features import line_shapes_python
from tests.test_native import compiled

needs_build = pytest.mark.skipif(compiled() is None, reason="the compiled extension is not built")

SEED = 22
EDGES = "@AZ[`az{09 '"  # the bytes on either side of A-Z, a-z and 0-9
WIDE = ["é", "ß", "Ā", "ǅ", "中", "Ω", "ω", "\U0001d400", "\U0001f600", "\ud800", "٣", "0"]


def _same(lines: list[str]) -> None:
    """The compiled shapes against the Python ones, byte for byte."""
    joined = "\n".join(lines)
    for got, reference in zip(
        features.line_shapes(lines, joined), line_shapes_python(lines, joined), strict=True
    ):
        assert got.dtype == reference.dtype and got.tobytes() == reference.tobytes()


@needs_build
def test_every_short_ascii_line() -> None:
    for size in (1, 2, 3):
        _same(["".join(chars) for chars in itertools.product(EDGES, repeat=size)])


@needs_build
def test_random_lines_of_each_width() -> None:
    rng = random.Random(SEED)
    printable = [chr(c) for c in range(1, 128) if chr(c) != "\n"]
    for _ in range(200):
        lines = []
        for _ in range(rng.randint(1, 20)):
            pool = printable + (WIDE if rng.random() < 0.5 else [])
            lines.append("".join(rng.choice(pool) for _ in range(rng.randint(1, 40))))
        _same(lines)
