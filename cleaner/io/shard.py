"""``--shard K/N``: a deterministic share of the records, to split a dump across machines.

Record number i (counted over all inputs in their fixed order, bad and skipped
records included) belongs to shard ``i % N``. The order of inputs and of records
in them never changes between runs, so the split is the same on every machine
and under ``--resume``, and the N shards together hold every record exactly once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    index: int  # K, from 0
    count: int  # N

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def select(self, items: Iterable[T]) -> Iterator[T]:
        """The items of this shard, in input order."""
        for number, item in enumerate(items):
            if number % self.count == self.index:
                yield item


def parse_shard(spec: str) -> Shard:
    """``"1/4"`` -> Shard(1, 4); ValueError with the rule when it is not ``K/N``, 0 <= K < N."""
    match = _SPEC.match(spec)
    if match is None:
        raise ValueError(f"--shard {spec!r}: expected K/N, e.g. 0/4 (shards count from 0)")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or index >= count:
        raise ValueError(
            f"--shard {spec!r}: K must be at least 0 and below N (shards 0/{count} to {max(count - 1, 0)}/{count})"
        )
    return Shard(index, count)
