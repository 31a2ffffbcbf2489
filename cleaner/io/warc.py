"""WARC and WARC.gz records -> work items, with fastwarc.

fastwarc was measured faster than warcio here (see docs/io-and-scale.md).
HTTP responses with an HTML payload become items; every other record is
skipped and counted. A record whose block is shorter than its
Content-Length (a cut file) goes to the errors whole, with its offset.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from cleaner.io.items import WARC, Item, bad, skip

HTML_TYPES = (b"text/html", b"application/xhtml+xml")
HEADER_END = b"\r\n\r\n"
MAX_WARC_RECORD_BYTES = 64 << 20  # larger response blocks are refused, not cleaned


class ForwardStream(io.RawIOBase):
    """A forward-only stream (stdin, .warc.zst) that can say where it is.

    fastwarc asks ``tell()`` once to place record offsets; a pipe cannot
    answer that, so this counts the bytes handed out instead.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self._stream.readinto(buffer)  # type: ignore[attr-defined]
        self._position += count or 0
        return count or 0

    def tell(self) -> int:
        return self._position


def warc_items(name: str, stream: BinaryIO) -> Iterator[Item]:
    """One item per WARC record, in file order."""
    if not stream.seekable():
        stream = ForwardStream(stream)  # type: ignore[assignment]
    for record in ArchiveIterator(stream, parse_http=False):
        offset = int(record.stream_pos)
        rtype = record.record_type
        if rtype != WarcRecordType.response:
            yield skip(name, None, offset, f"WARC {_type_name(rtype)} record")
            continue
        headers = record.headers
        declared = _int(headers.get("Content-Length"))
        block = record.reader.read(MAX_WARC_RECORD_BYTES + 1)
        if len(block) > MAX_WARC_RECORD_BYTES:
            record.reader.consume()
            yield bad(
                name, None, offset, block[: 1 << 20], f"WARC record larger than {MAX_WARC_RECORD_BYTES} bytes"
            )
            continue
        if declared is not None and len(block) < declared:
            reason = f"truncated WARC record: {len(block)} of {declared} bytes"
            yield bad(name, None, offset, block, reason)
            continue
        info = {
            "url": headers.get("WARC-Target-URI"),
            "warc_record_id": headers.get("WARC-Record-ID"),
            "warc_date": headers.get("WARC-Date"),
        }
        status, content_type, payload = split_http(block)
        if status is None:
            yield bad(name, None, offset, block, "WARC response without an HTTP header")
            continue
        if not 200 <= status < 300:
            yield skip(name, None, offset, f"HTTP status {status}")
            continue
        if not content_type.lower().startswith(HTML_TYPES):
            yield skip(name, None, offset, f"not HTML ({content_type.decode('latin-1') or 'no type'})")
            continue
        info["charset"] = charset_of(content_type)
        yield Item(WARC, name, None, offset, payload, info)


def split_http(block: bytes) -> tuple[int | None, bytes, bytes]:
    """Status code, Content-Type and payload of an HTTP response block."""
    end = block.find(HEADER_END)
    if end < 0 or not block.startswith(b"HTTP/"):
        return None, b"", b""
    head = block[:end].split(b"\r\n")
    parts = head[0].split(b" ", 2)
    status = _int(parts[1].decode("latin-1")) if len(parts) > 1 else None
    content_type = b""
    for line in head[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == b"content-type":
            content_type = value.strip()
    return status, content_type, block[end + len(HEADER_END) :]


def charset_of(content_type: bytes) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for param in content_type.split(b";")[1:]:
        key, _, value = param.partition(b"=")
        if key.strip().lower() == b"charset":
            return value.strip().strip(b"\"'").decode("latin-1").lower() or None
    return None


def _type_name(rtype: object) -> str:
    return str(getattr(rtype, "name", rtype))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
