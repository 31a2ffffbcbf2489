"""The compiled split_blocks and build_segments hand back blocks and segments the cycle
collector does not track (their fields are ints, str and None: no cycle can hold them),
equal to the Python ones."""

from __future__ import annotations

import gc

import pytest

from cleaner import Cleaner
from cleaner.blocks import Block, split_blocks_python
from tests.test_native import HOSTILE, compiled

MODULE = compiled()
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")

PAGE = "Home | News\nA long sentence of the article, about the world and more of it.\n\nCopyright 2024\n"


@needs_build
def test_blocks_are_untracked_and_equal() -> None:
    assert MODULE is not None
    for text in [PAGE, *HOSTILE]:
        blocks = MODULE.split_blocks(Block, text)
        assert blocks == split_blocks_python(text)
        assert not any(map(gc.is_tracked, blocks))


@needs_build
def test_segments_are_untracked() -> None:
    result = Cleaner().clean(PAGE, url="https://example.com/a")
    assert result.segments
    assert not any(map(gc.is_tracked, result.segments))
    assert "".join(segment.text for segment in result.segments) == PAGE
