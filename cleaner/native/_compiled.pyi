"""Type stub of the compiled accelerator (cleaner/native/_compiled.c); see cleaner/native/__init__.py."""

from collections.abc import Sequence
from typing import Any, TypeVar

_T = TypeVar("_T", bound=tuple[Any, ...])

def split_blocks(block_type: type[_T], source: str, /) -> list[_T]: ...
def first_occurrences(tokens: Sequence[object], /) -> bytearray: ...
def tree_leaves(
    x: Any, columns: int, feature: Any, threshold: Any, right: Any, roots: Any, depth: int, /
) -> bytearray: ...
