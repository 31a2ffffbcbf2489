"""Work items: one raw input record with its position, not yet decoded.

Readers only cut the input into items; decoding, JSON parsing and cleaning
happen in the workers, so the reading process stays light and ``-j N``
scales.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

JSONL = "jsonl"  # data: one JSON line
TEXT = "text"  # data: a whole text document
HTML = "html"  # data: a whole HTML document
PARQUET = "parquet"  # data: empty; info: row (the typed values), size (its bytes, about)
WARC = "warc"  # data: the HTTP payload of a WARC response; info: url, record id, date
BAD = "bad"  # data: the raw record the reader could not cut out cleanly; info: reason
SKIP = "skip"  # nothing to clean (e.g. a WARC request record); info: reason

RECORD_FORMATS = (JSONL, WARC, PARQUET)
DOCUMENT_FORMATS = (TEXT, HTML)


@dataclass(slots=True)
class Item:
    """One input record and where it came from (file and line, or byte offset)."""

    kind: str
    source: str
    line: int | None
    offset: int | None
    data: bytes
    info: dict[str, Any] | None = None

    @property
    def size(self) -> int:
        """The record's bytes: what batches are cut by and ``bytes in`` counts. A Parquet
        row has no bytes of its own (its columns are decoded values): the sum of its
        text and binary values stands in, without encoding the row."""
        if self.kind == PARQUET and self.info is not None:
            return int(self.info["size"])
        return len(self.data)

    def where(self) -> str:
        """``file:line`` for line-based inputs, ``file@offset`` for WARC records."""
        if self.line is not None:
            return f"{self.source}:{self.line}"
        if self.offset is not None:
            return f"{self.source}@{self.offset}"
        return self.source


def bad(source: str, line: int | None, offset: int | None, data: bytes, reason: str) -> Item:
    return Item(BAD, source, line, offset, data, {"reason": reason})


def skip(source: str, line: int | None, offset: int | None, reason: str) -> Item:
    return Item(SKIP, source, line, offset, b"", {"reason": reason})
