"""WARC and WARC.gz records -> work items.

HTTP responses with an HTML payload become items; every other record is
skipped and counted. Records are framed here (header lines, Content-Length,
the CR LF CR LF after the block) so that damage is never silent: a record cut
by the end of the file, a block that does not end where its Content-Length
says, bytes that are no record and a damaged gzip member each go to the
errors as a bad item with their file offset, and reading goes on at the next
record that can be found (``warcbytes`` for gzip members, a scan for the next
``WARC/1.`` header line in plain WARC).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from cleaner.io.items import WARC, Item, bad, skip
from cleaner.io.warcbytes import GZIP_MEMBER_MAGIC, WARC_MAGIC, Damage, GzipMembers, PlainBytes

HTML_TYPES = (b"text/html", b"application/xhtml+xml")
HEADER_END = b"\r\n\r\n"
MAX_WARC_RECORD_BYTES = 64 << 20  # larger response blocks are refused, not cleaned
MAX_HEADER_BYTES = 1 << 20  # a WARC header longer than this is damage, not a header
KEPT_BAD_BYTES = 1 << 20  # of a damaged record, this much goes to the errors file
# what a rescan looks for: a version line; not only after a line break, since a record
# that follows a cut one is glued to its last byte
RECORD_START = b"WARC/1."
_SKIP_STEP = 1 << 20
CLOSING_LINE_BREAKS = 2  # a block ends with CR LF CR LF


class _Buffer:
    """Decompressed bytes with their absolute positions; holds everything from the
    current record's start, so a record found damaged can be rescanned."""

    def __init__(self, source: PlainBytes | GzipMembers) -> None:
        self.source = source
        self.data = bytearray()
        self.start = 0  # decompressed position of data[0]
        self.pos = 0  # decompressed position of the next byte to parse
        self.eof = False
        # damage met while reading ahead: the bytes before it are parsed first, so a
        # whole record before a damaged gzip member is not lost with it
        self.damage: Damage | None = None

    def fill(self, size: int) -> bool:
        """At least ``size`` unparsed bytes, or False at the end."""
        while self.start + len(self.data) - self.pos < size:
            if self.eof:
                return False
            try:
                chunk = self.source.next_chunk()
            except Damage as damage:
                self.damage, self.eof = damage, True
                return False
            if not chunk:
                self.eof = True
                return False
            self.data += chunk
        return True

    def readline(self, limit: int) -> bytes:
        while True:
            index = self.data.find(b"\n", self.pos - self.start)
            if index >= 0 and index - (self.pos - self.start) < limit:
                return self.read(index + 1 - (self.pos - self.start))
            if self.start + len(self.data) - self.pos >= limit or not self.fill(
                self.start + len(self.data) - self.pos + 1
            ):
                return self.read(min(limit, self.start + len(self.data) - self.pos))

    def read(self, size: int) -> bytes:
        self.fill(size)
        index = self.pos - self.start
        data = bytes(self.data[index : index + size])
        self.pos += len(data)
        return data

    def skip(self, size: int) -> int:
        """Pass over ``size`` bytes without keeping them; returns how many there were."""
        done = 0
        while done < size:
            step = min(_SKIP_STEP, size - done)
            got = len(self.read(step))
            self.forget()
            done += got
            if got < step:
                break
        return done

    def peek(self, size: int) -> bytes:
        self.fill(size)
        index = self.pos - self.start
        return bytes(self.data[index : index + size])

    def forget(self) -> None:
        """Drop the parsed bytes: the next record starts at ``pos``."""
        del self.data[: self.pos - self.start]
        self.start = self.pos

    def rescan(self, after: int) -> bool:
        """Move to the next ``WARC/1.`` header line after position ``after``."""
        self.pos = max(after + 1, self.start)
        while True:
            index = self.data.find(RECORD_START, self.pos - self.start)
            if index >= 0:
                self.pos = self.start + index
                self.forget()
                return True
            keep = len(RECORD_START) - 1
            self.pos = max(self.pos, self.start + len(self.data) - keep)
            self.forget()
            if not self.fill(len(self.data) + 1):
                self.pos = self.start + len(self.data)
                self.forget()
                return False

    def reset(self) -> None:
        """After the source skipped damaged bytes: nothing buffered is valid."""
        self.data.clear()
        self.start = self.pos
        self.eof = False
        self.damage = None

    def ended(self) -> None:
        """The data ran out: damage met reading ahead is raised now."""
        if self.damage is not None:
            raise self.damage


def warc_items(name: str, stream: BinaryIO) -> Iterator[Item]:
    """One item per WARC record, in file order; damage becomes bad items, never silence."""
    first = stream.read(len(GZIP_MEMBER_MAGIC)) or b""
    source: PlainBytes | GzipMembers
    if first.startswith(GZIP_MEMBER_MAGIC[:2]):
        source = GzipMembers(stream, first)
    else:
        source = PlainBytes(stream, first)
    buffer = _Buffer(source)
    while True:
        record_start = buffer.pos
        try:
            item, resync_after = _next_record(name, buffer)
        except Damage as damage:
            # damaged gzip: the record in progress (if any) goes to the errors with its bytes
            kept = bytes(buffer.data[record_start - buffer.start :][:KEPT_BAD_BYTES])
            yield bad(name, None, damage.offset, kept, damage.reason)
            buffer.reset()
            if not source.resync(damage.offset):
                return
            continue
        if item is None:
            return
        yield item
        if resync_after is not None:
            if not buffer.rescan(resync_after):
                return
        else:
            buffer.forget()


def _next_record(name: str, buffer: _Buffer) -> tuple[Item | None, int | None]:
    """The next item, and where to rescan from when the record proved damaged."""
    while buffer.peek(1) in (b"\r", b"\n"):
        buffer.read(1)
    buffer.forget()
    start = buffer.pos
    offset = buffer.source.file_offset(start)
    if not buffer.fill(1):
        buffer.ended()
        return None, None
    headers, problem = _read_headers(buffer)
    if problem is not None:
        buffer.ended()
        kept = bytes(buffer.data[:KEPT_BAD_BYTES])
        return bad(name, None, offset, kept, problem), start
    declared = _int(headers.get(b"content-length"))
    if declared is None or declared < 0:
        kept = bytes(buffer.data[:KEPT_BAD_BYTES])
        return bad(name, None, offset, kept, "WARC record without a valid Content-Length"), start
    rtype = headers.get(b"warc-type", b"").decode("latin-1").strip().lower() or "untyped"
    if declared > MAX_WARC_RECORD_BYTES:
        got = buffer.skip(declared)
        if got < declared:
            buffer.ended()
            return bad(name, None, offset, b"", _cut_reason(got, declared)), None
        if not _ends_cleanly(buffer):
            return bad(name, None, offset, b"", _overrun_reason()), start
        return bad(name, None, offset, b"", f"WARC record larger than {MAX_WARC_RECORD_BYTES} bytes"), None
    block = buffer.read(declared)
    if len(block) < declared:
        buffer.ended()
        return bad(name, None, offset, block, _cut_reason(len(block), declared)), None
    if not _ends_cleanly(buffer):
        return bad(name, None, offset, block[:KEPT_BAD_BYTES], _overrun_reason()), start
    if rtype != "response":
        return skip(name, None, offset, f"WARC {rtype} record"), None
    return _response_item(name, offset, headers, block), None


def _read_headers(buffer: _Buffer) -> tuple[dict[bytes, bytes], str | None]:
    """The header fields (lower-case names), or a reason the bytes are not a header."""
    first = buffer.readline(MAX_HEADER_BYTES)
    if not first.endswith(b"\n") and WARC_MAGIC.startswith(first[: len(WARC_MAGIC)]):
        return {}, "truncated WARC record header (the file ends in it)"
    if not first.startswith(WARC_MAGIC):
        return {}, "bytes that are not a WARC record"
    headers: dict[bytes, bytes] = {}
    size = len(first)
    while True:
        line = buffer.readline(MAX_HEADER_BYTES)
        size += len(line)
        if not line.endswith(b"\n"):
            return headers, "truncated WARC record header (the file ends in it)"
        if size > MAX_HEADER_BYTES:
            return headers, f"WARC header longer than {MAX_HEADER_BYTES} bytes"
        if line in (b"\r\n", b"\n"):
            return headers, None
        key, sep, value = line.partition(b":")
        if sep:
            headers[key.strip().lower()] = value.strip()


def _ends_cleanly(buffer: _Buffer) -> bool:
    """After a block: the record's closing blank line (CR LF CR LF), or the next header or
    the end of the file right away. Anything else means the Content-Length ran into other
    bytes: a cut record with others after it."""
    breaks = 0
    while (char := buffer.peek(1)) in (b"\r", b"\n"):
        breaks += char == b"\n"
        buffer.read(1)
    if breaks >= CLOSING_LINE_BREAKS:
        return True  # what follows, if it is no record, is reported on its own
    return WARC_MAGIC.startswith(buffer.peek(len(WARC_MAGIC)))  # a header, a cut one, or the end


def _cut_reason(got: int, declared: int) -> str:
    return f"truncated WARC record: {got} of {declared} bytes (the file ends in it)"


def _overrun_reason() -> str:
    return "WARC record does not end where its Content-Length says (cut or damaged)"


def _response_item(name: str, offset: int, headers: dict[bytes, bytes], block: bytes) -> Item:
    info: dict[str, str | None] = {
        "url": _text(headers.get(b"warc-target-uri")),
        "warc_record_id": _text(headers.get(b"warc-record-id")),
        "warc_date": _text(headers.get(b"warc-date")),
    }
    status, content_type, payload = split_http(block)
    if status is None:
        return bad(name, None, offset, block, "WARC response without an HTTP header")
    if not 200 <= status < 300:
        return skip(name, None, offset, f"HTTP status {status}")
    if not content_type.lower().startswith(HTML_TYPES):
        return skip(name, None, offset, f"not HTML ({content_type.decode('latin-1') or 'no type'})")
    info["charset"] = charset_of(content_type)
    return Item(WARC, name, None, offset, payload, info)


def _text(value: bytes | None) -> str | None:
    return value.decode("utf-8", "replace") if value is not None else None


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


def _int(value: str | bytes | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
