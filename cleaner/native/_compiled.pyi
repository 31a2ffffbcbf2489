"""Type stub of the compiled accelerator (cleaner/native/_compiled.c); see cleaner/native/__init__.py."""

from collections.abc import Sequence
from typing import Any, TypeVar

_T = TypeVar("_T", bound=tuple[Any, ...])
_S = TypeVar("_S")

def split_blocks(block_type: type[_T], source: str, /) -> list[_T]: ...
def first_occurrences(tokens: Sequence[object], /) -> bytearray: ...
def byte_word_occurrences(data: bytes, /) -> tuple[bytearray, bytearray] | None: ...
def letter_counts(texts: list[str], /) -> tuple[list[int], list[int], list[int], list[int]]: ...
def build_segments(
    segment_type: type[_S],
    source: str,
    blocks: Sequence[Any],
    labels: Sequence[Any],
    body: str,
    boilerplate: str,
    /,
) -> list[_S]: ...
def line_shapes(texts: list[str], /) -> tuple[bytearray, bytearray, bytearray, bytearray, bytearray]: ...
def tree_leaves(
    x: Any, columns: int, feature: Any, threshold: Any, right: Any, roots: Any, depth: int, /
) -> bytearray: ...
