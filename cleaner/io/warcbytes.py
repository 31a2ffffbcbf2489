"""The bytes under the WARC parser: a plain stream or gzip members, with file offsets.

A ``.warc.gz`` is read member by member with zlib, so every record's offset is
the offset of its gzip member in the file (as CDX indexes give it), and a
damaged or cut member is reported with that offset instead of ending the read:
``resync`` finds the next member that starts a WARC record, so the records
after the damage are still read.
"""

from __future__ import annotations

import zlib
from collections import deque
from typing import BinaryIO

GZIP_MEMBER_MAGIC = b"\x1f\x8b\x08"  # gzip magic + deflate, the only method in use
GZIP_WBITS = 31  # zlib: expect a gzip header
RAW_CHUNK = 256 << 10  # compressed bytes read from the file per step
# compressed bytes fed to zlib per step: what is left over at a member's end is copied
# back, so small steps keep that copy small for the usual member of a few KB
FEED_CHUNK = 16 << 10
OUT_CHUNK = 1 << 20  # decompressed bytes handed out per step: bounds memory per step
# Raw bytes kept from the start of the current member so a damaged one can be rescanned
# from its start; members are one record each in practice, and records are capped at
# 64 MiB, so a member larger than this is a whole-file member with nothing to rescan.
MAX_KEPT_RAW = 72 << 20
WARC_MAGIC = b"WARC/"


class Damage(Exception):
    """The bytes at ``offset`` cannot be read as the format says (cut or corrupt)."""

    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(reason)
        self.offset = offset
        self.reason = reason


class PlainBytes:
    """An uncompressed stream: decompressed positions are file offsets."""

    def __init__(self, stream: BinaryIO, first: bytes) -> None:
        self._stream = stream
        self._first = first

    def next_chunk(self) -> bytes:
        if self._first:
            chunk, self._first = self._first, b""
            return chunk
        return self._stream.read(RAW_CHUNK) or b""

    def file_offset(self, position: int) -> int:
        return position

    def resync(self, offset: int) -> bool:
        """Plain streams are rescanned by the parser in its own buffer."""
        return False


class GzipMembers:
    """Concatenated gzip members, decompressed in bounded steps.

    ``next_chunk`` raises ``Damage`` (with the member's file offset) for a member
    that zlib refuses, for bytes between members that are not a member, and for a
    file that ends inside a member; ``resync`` then skips to the next member that
    decompresses to a WARC record header.
    """

    def __init__(self, stream: BinaryIO, first: bytes) -> None:
        self._stream = stream
        self._raw = bytearray(first)
        self._raw_start = 0  # file offset of self._raw[0]
        self._pos = 0  # file offset of the next byte to feed zlib
        self._eof = False
        self._inflate: zlib._Decompress | None = None
        self._member = 0  # file offset of the current member
        self._out = 0  # decompressed bytes handed out so far
        self._starts: deque[tuple[int, int]] = deque()  # (decompressed position, member offset)

    def next_chunk(self) -> bytes:
        while True:
            if self._inflate is None and not self._start_member():
                return b""
            assert self._inflate is not None
            data = self._take(FEED_CHUNK)
            if not data:
                raise Damage(self._member, "the file ends inside a gzip member (cut?)")
            try:
                out = self._inflate.decompress(data, OUT_CHUNK)
            except zlib.error as exc:
                raise Damage(self._member, f"damaged gzip member ({exc})") from None
            back = self._inflate.unused_data if self._inflate.eof else self._inflate.unconsumed_tail
            self._pos -= len(back)
            if self._inflate.eof:
                self._inflate = None
            if out:
                self._out += len(out)
                return out

    def file_offset(self, position: int) -> int:
        """The file offset of the member holding decompressed ``position``."""
        starts = self._starts
        while len(starts) > 1 and starts[1][0] <= position:
            starts.popleft()
        return starts[0][1] if starts else 0

    def resync(self, offset: int) -> bool:
        """Continue at the first gzip member after ``offset`` that starts a WARC record."""
        self._inflate = None
        self._pos = max(offset + 1, self._raw_start)
        while True:
            self._fill(len(GZIP_MEMBER_MAGIC))
            index = self._raw.find(GZIP_MEMBER_MAGIC, self._pos - self._raw_start)
            if index < 0:
                if self._eof:
                    self._pos = self._raw_start + len(self._raw)
                    return False
                self._pos = max(self._pos, self._raw_start + len(self._raw) - len(GZIP_MEMBER_MAGIC) + 1)
                self._trim(self._pos)
                self._fill(len(self._raw) - (self._pos - self._raw_start) + RAW_CHUNK)
                continue
            candidate = self._raw_start + index
            if self._opens_warc_record(candidate):
                self._pos = candidate
                return True
            self._pos = candidate + 1

    def _start_member(self) -> bool:
        """Begin the member at the read position; False at a clean end of file."""
        self._skip_zero_padding()
        self._fill(len(GZIP_MEMBER_MAGIC))
        available = self._raw_start + len(self._raw) - self._pos
        if available == 0:
            return False
        self._member = self._pos
        self._trim(self._pos)
        head = bytes(self._raw[: len(GZIP_MEMBER_MAGIC)])
        if head != GZIP_MEMBER_MAGIC:
            if available < len(GZIP_MEMBER_MAGIC) and GZIP_MEMBER_MAGIC.startswith(head):
                raise Damage(self._pos, f"the file ends {available} byte(s) into a gzip member (cut?)")
            raise Damage(self._pos, "bytes that are not a gzip member")
        self._inflate = zlib.decompressobj(GZIP_WBITS)
        self._starts.append((self._out, self._member))
        return True

    def _opens_warc_record(self, offset: int) -> bool:
        self._fill(offset - self._raw_start + RAW_CHUNK)
        sample = bytes(self._raw[offset - self._raw_start : offset - self._raw_start + RAW_CHUNK])
        try:
            head = zlib.decompressobj(GZIP_WBITS).decompress(sample, len(WARC_MAGIC))
        except zlib.error:
            return False
        return head == WARC_MAGIC

    def _skip_zero_padding(self) -> None:
        while True:
            self._fill(self._pos - self._raw_start + 1)
            index = self._pos - self._raw_start
            if index >= len(self._raw) or self._raw[index] != 0:
                return
            self._pos += 1

    def _take(self, size: int) -> bytes:
        self._fill(self._pos - self._raw_start + size)
        index = self._pos - self._raw_start
        data = bytes(self._raw[index : index + size])
        self._pos += len(data)
        if self._pos - self._raw_start > MAX_KEPT_RAW:
            self._trim(self._pos)  # a whole-file member: memory stays bounded
        return data

    def _fill(self, size: int) -> None:
        """Read until ``self._raw`` holds ``size`` bytes or the file ends."""
        while len(self._raw) < size and not self._eof:
            chunk = self._stream.read(RAW_CHUNK)
            if not chunk:
                self._eof = True
                return
            self._raw += chunk

    def _trim(self, offset: int) -> None:
        """Forget raw bytes before ``offset`` (a member start, or past rescanning)."""
        drop = offset - self._raw_start
        if drop > 0:
            del self._raw[:drop]
            self._raw_start = offset
