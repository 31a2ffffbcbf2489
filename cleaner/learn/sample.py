"""A bounded, order-free sample of each outlet's pages, kept on disk.

Every page gets a hash of its content; an outlet keeps the ``size`` pages with
the smallest hashes (a bottom-k sample). The choice depends only on the pages,
never on their order, so ``-j``, a resumed run and the Spark job pick the same
pages and learn the same rules. Memory holds, per outlet, a page count and at
most ``size`` hashes; the pages themselves sit in a SQLite file, and a page
pushed out of the sample is deleted from it.
"""

from __future__ import annotations

import hashlib
import heapq
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field

SAMPLE_PAGES = 80  # pages learned from per outlet: shares above 0.3 are read to within ~0.1
MAX_OUTLETS = 500_000  # outlets tracked; a dump with more keeps counting the ones it has
HASH_BYTES = 8


def page_hash(content: str) -> int:
    """A stable 63-bit hash of a page's content (the same in every process)."""
    digest = hashlib.blake2b(content.encode("utf-8", "surrogatepass"), digest_size=HASH_BYTES).digest()
    return int.from_bytes(digest, "big") >> 1


@dataclass
class _Outlet:
    pages: int = 0
    name: str = ""
    kept: list[int] = field(default_factory=list)  # max-heap of kept hashes, negated


class OutletSample:
    """Page counts per outlet and a bottom-k sample of their pages in a SQLite file."""

    def __init__(self, path: str, size: int = SAMPLE_PAGES) -> None:
        self.size = size
        self.outlets: dict[str, _Outlet] = {}
        self.untracked = 0  # pages of outlets beyond MAX_OUTLETS
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS pages (outlet TEXT, hash INTEGER, kind TEXT, content TEXT)"
        )
        self._db.execute("CREATE INDEX IF NOT EXISTS by_outlet ON pages (outlet, hash)")

    def add(self, key: str, name: str, kind: str, content: str) -> None:
        """Count one page of outlet ``key``; keep it if it is among the smallest hashes."""
        outlet = self.outlets.get(key)
        if outlet is None:
            if len(self.outlets) >= MAX_OUTLETS:
                self.untracked += 1
                return
            outlet = self.outlets[key] = _Outlet(name=name)
        elif name < outlet.name:
            outlet.name = name  # the smallest spelling: the same whatever the page order
        outlet.pages += 1
        h = page_hash(content)
        if len(outlet.kept) < self.size:
            heapq.heappush(outlet.kept, -h)
        elif h < -outlet.kept[0]:
            evicted = -heapq.heapreplace(outlet.kept, -h)
            self._db.execute(
                "DELETE FROM pages WHERE rowid = (SELECT rowid FROM pages WHERE outlet = ? AND hash = ? LIMIT 1)",
                (key, evicted),
            )
        else:
            return
        self._db.execute("INSERT INTO pages VALUES (?, ?, ?, ?)", (key, h, kind, content))

    def counts(self) -> dict[str, int]:
        return {key: outlet.pages for key, outlet in self.outlets.items()}

    def name_of(self, key: str) -> str:
        return self.outlets[key].name

    def pages_of(self, key: str) -> Iterator[tuple[str, str]]:
        """(kind, content) of the outlet's sampled pages, smallest hash first."""
        rows = self._db.execute(
            "SELECT kind, content FROM pages WHERE outlet = ? ORDER BY hash, content LIMIT ?",
            (key, self.size),
        )
        yield from rows

    def close(self) -> None:
        self._db.close()
