"""Cut each source into work items, streaming: never the whole file in memory.

JSON lines are read with a length limit, so one giant line cannot exhaust
memory; documents are read whole up to a limit; WARC goes to ``warc.py``.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

import zstandard

from cleaner.io.items import HTML, JSONL, PARQUET, TEXT, WARC, Item, bad
from cleaner.io.sources import Source

MAX_LINE_BYTES = 64 << 20  # a JSON line longer than this is refused (its head kept)
MAX_DOCUMENT_BYTES = 64 << 20  # a text/HTML file larger than this is refused
KEPT_PREFIX_BYTES = 1 << 20  # of a refused giant record, this much goes to the errors file
_SKIP_CHUNK = 1 << 20
READ_ERRORS = (OSError, EOFError, zlib.error, zstandard.ZstdError)


def iter_items(source: Source) -> Iterator[Item]:
    """All items of one source, in order."""
    if source.problem is not None:
        yield bad(source.name, None, None, b"", source.problem)
        return
    if source.fmt == PARQUET:
        from cleaner.io.parquet import parquet_items  # lazy: pyarrow only for Parquet input

        yield from parquet_items(source)
        return
    try:
        stream = source.open()
    except OSError as exc:
        yield bad(source.name, None, None, b"", f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        try:
            if source.fmt == JSONL:
                yield from _jsonl_items(source.name, stream)
            elif source.fmt == WARC:
                from cleaner.io.warc import warc_items  # lazy: only WARC input needs it

                yield from warc_items(source.name, stream)
            else:
                yield _document_item(source, stream)
        except READ_ERRORS as exc:
            # a corrupt or truncated compressed file: what was read is kept
            yield bad(source.name, None, None, b"", f"cannot read further: {exc}")


def _jsonl_items(name: str, stream: BinaryIO) -> Iterator[Item]:
    offset = 0
    number = 0
    readline = stream.readline
    while True:
        try:
            line = readline(MAX_LINE_BYTES)
        except READ_ERRORS as exc:
            # a cut or corrupt compressed file: the lines before it are kept
            yield bad(name, number + 1, offset, b"", f"cannot read further: {exc}")
            return
        if not line:
            return
        number += 1
        start = offset
        offset += len(line)
        if len(line) >= MAX_LINE_BYTES and not line.endswith(b"\n"):
            offset += _skip_rest_of_line(stream)
            reason = f"line longer than {MAX_LINE_BYTES} bytes; first {KEPT_PREFIX_BYTES} bytes kept"
            yield bad(name, number, start, line[:KEPT_PREFIX_BYTES], reason)
            continue
        if line.isspace():
            continue
        yield Item(JSONL, name, number, start, line)


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _document_item(source: Source, stream: BinaryIO) -> Item:
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        reason = f"document larger than {MAX_DOCUMENT_BYTES} bytes; first {KEPT_PREFIX_BYTES} bytes kept"
        return bad(source.name, None, None, data[:KEPT_PREFIX_BYTES], reason)
    kind = HTML if source.fmt == HTML else TEXT
    return Item(kind, source.name, None, None, data, {"rel": source.rel})


__all__ = ["iter_items", "MAX_LINE_BYTES", "MAX_DOCUMENT_BYTES", "TEXT", "HTML"]
