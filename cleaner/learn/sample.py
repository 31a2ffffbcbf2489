"""A bounded, order-free sample of each outlet's pages, kept on disk.

Every page gets a hash of its content; an outlet keeps the ``size`` pages with
the smallest hashes (a bottom-k sample). The choice depends only on the pages,
never on their order, so ``-j``, a resumed run and the Spark job pick the same
pages and learn the same rules. Memory holds, per outlet, a page count and at
most ``size`` hashes; the kept pages stay in memory up to MEMORY_CHARS of text
(a small dump never touches the disk), then all of them move to a SQLite file,
and a page pushed out of the sample is deleted from where it is.
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
# Characters of kept page text held in memory before the sample moves to disk (one to
# four bytes each, as Python stores the text): the samples of about a hundred outlets of
# ordinary pages; a large dump's learning pass stays flat below it.
MEMORY_CHARS = 16_000_000


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
    """Page counts per outlet and a bottom-k sample of their pages, in memory up to
    ``memory_chars`` of text, then in a SQLite file at ``path``."""

    def __init__(self, path: str, size: int = SAMPLE_PAGES, memory_chars: int = MEMORY_CHARS) -> None:
        self.size = size
        self.path = path
        self.memory_chars = memory_chars
        self.outlets: dict[str, _Outlet] = {}
        self.untracked = 0  # pages of outlets beyond MAX_OUTLETS
        self._memory: dict[str, list[tuple[int, str, str]]] = {}  # outlet -> (hash, kind, content)
        self._memory_size = 0
        self._db: sqlite3.Connection | None = None

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
            self._forget(key, -heapq.heapreplace(outlet.kept, -h))
        else:
            return
        self._keep(key, h, kind, content)

    def _keep(self, key: str, h: int, kind: str, content: str) -> None:
        if self._db is not None:
            self._db.execute("INSERT INTO pages VALUES (?, ?, ?, ?)", (key, h, kind, content))
            return
        self._memory.setdefault(key, []).append((h, kind, content))
        self._memory_size += len(content)
        if self._memory_size > self.memory_chars:
            self._spill()

    def _forget(self, key: str, h: int) -> None:
        """Delete one kept page of the outlet with hash ``h`` (pushed out of the sample)."""
        if self._db is not None:
            self._db.execute(
                "DELETE FROM pages WHERE rowid = (SELECT rowid FROM pages WHERE outlet = ? AND hash = ? LIMIT 1)",
                (key, h),
            )
            return
        kept = self._memory[key]
        at = next(i for i, page in enumerate(kept) if page[0] == h)
        self._memory_size -= len(kept[at][2])
        kept[at] = kept[-1]
        kept.pop()

    def _spill(self) -> None:
        """Move every kept page to the SQLite file; later pages go there too."""
        db = sqlite3.connect(self.path)
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("CREATE TABLE IF NOT EXISTS pages (outlet TEXT, hash INTEGER, kind TEXT, content TEXT)")
        db.execute("CREATE INDEX IF NOT EXISTS by_outlet ON pages (outlet, hash)")
        db.executemany(
            "INSERT INTO pages VALUES (?, ?, ?, ?)",
            ((key, h, kind, content) for key, kept in self._memory.items() for h, kind, content in kept),
        )
        self._db, self._memory, self._memory_size = db, {}, 0

    @property
    def on_disk(self) -> bool:
        return self._db is not None

    def stored(self) -> int:
        """Pages held now, in memory or on disk (at most ``size`` per outlet)."""
        if self._db is not None:
            return int(self._db.execute("SELECT COUNT(*) FROM pages").fetchone()[0])
        return sum(len(kept) for kept in self._memory.values())

    def counts(self) -> dict[str, int]:
        return {key: outlet.pages for key, outlet in self.outlets.items()}

    def name_of(self, key: str) -> str:
        return self.outlets[key].name

    def pages_of(self, key: str) -> Iterator[tuple[str, str]]:
        """(kind, content) of the outlet's sampled pages, smallest hash first."""
        if self._db is None:
            kept = sorted(self._memory.get(key, ()), key=lambda page: (page[0], page[2]))
            yield from ((kind, content) for _h, kind, content in kept[: self.size])
            return
        rows = self._db.execute(
            "SELECT kind, content FROM pages WHERE outlet = ? ORDER BY hash, content LIMIT ?",
            (key, self.size),
        )
        yield from rows

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        self._memory = {}
