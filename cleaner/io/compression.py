"""Compression by file extension (reading and writing) and by magic bytes (stdin).

Output is compressed chunk by chunk: every chunk becomes one complete gzip
member or zstd frame. Concatenated members/frames are a valid file, so
workers can compress in parallel and a resumed run can cut the file back to
the last whole chunk.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable
from typing import Any, BinaryIO

import zstandard

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
GZIP_LEVEL = 6  # zlib's default: level 9 costs twice the time for ~1% smaller files
ZSTD_LEVEL = 3
READ_BUFFER = 1 << 20
RAW_CHUNK = 256 << 10  # compressed bytes read per step
SNIFF_RAW_BYTES = 64 << 10  # compressed bytes read to sniff a file's format
GZIP_WBITS = 31  # zlib: expect a gzip header

Compressor = Callable[[bytes], bytes]


def compression_of(name: str) -> str | None:
    """``"gzip"``, ``"zstd"`` or None from a file name's last extension."""
    lower = name.lower()
    if lower.endswith(".gz"):
        return "gzip"
    if lower.endswith(".zst") or lower.endswith(".zstd"):
        return "zstd"
    return None


def strip_compression(name: str) -> str:
    """The name without its compression extension: ``a.jsonl.gz`` -> ``a.jsonl``."""
    if compression_of(name) is None:
        return name
    return name.rsplit(".", 1)[0]


def compression_by_magic(head: bytes) -> str | None:
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


class GzipRawReader(io.RawIOBase):
    """Multi-member gzip, decompressed in bounded steps.

    Unlike ``gzip.GzipFile``, every byte before a cut is handed out before
    ``EOFError`` is raised, so a truncated dump loses only its last partial
    record.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._inflate = zlib.decompressobj(GZIP_WBITS)
        self._fed = False  # the current member has received input

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._next(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _next(self, size: int) -> bytes:
        while True:
            inflate = self._inflate
            if inflate.eof:
                rest = inflate.unused_data.lstrip(b"\x00")  # zero padding between members is allowed
                self._inflate, self._fed = zlib.decompressobj(GZIP_WBITS), False
                if rest:
                    self._fed = True
                    out = self._inflate.decompress(rest, size)
                    if out:
                        return out
                continue
            data = inflate.unconsumed_tail or self._raw.read(RAW_CHUNK)
            if not data:
                if self._fed:
                    raise EOFError("compressed file ended in the middle of a gzip member")
                return b""
            self._fed = True
            out = inflate.decompress(data, size)
            if out:
                return out


class ZstdRawReader(io.RawIOBase):
    """Concatenated zstd frames; a cut last frame raises ``EOFError`` after its data."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._dctx = zstandard.ZstdDecompressor()
        self._inflate = self._dctx.decompressobj()
        self._fed = False
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            if not self._step():
                return 0
        data, self._pending = self._pending[: len(buffer)], self._pending[len(buffer) :]
        buffer[: len(data)] = data
        return len(data)

    def _step(self) -> bool:
        if self._inflate.eof:
            rest = self._inflate.unused_data
            self._inflate, self._fed = self._dctx.decompressobj(), False
            if rest:
                self._fed = True
                self._pending = self._inflate.decompress(rest)
            return True
        data = self._raw.read(RAW_CHUNK)
        if not data:
            if self._fed:
                raise EOFError("compressed file ended in the middle of a zstd frame")
            return False
        self._fed = True
        self._pending = self._inflate.decompress(data)
        return True


def decompressing_reader(raw: BinaryIO, method: str | None) -> io.BufferedReader:
    """A buffered, line-readable view of ``raw`` with ``method`` undone."""
    if method == "gzip":
        return io.BufferedReader(GzipRawReader(raw), READ_BUFFER)
    if method == "zstd":
        return io.BufferedReader(ZstdRawReader(raw), READ_BUFFER)
    if isinstance(raw, io.BufferedReader):
        return raw
    return io.BufferedReader(raw, READ_BUFFER)  # type: ignore[arg-type]


def open_input(path: str) -> io.BufferedReader:
    """Open a file for reading, undoing compression chosen by its extension."""
    raw = open(path, "rb", buffering=READ_BUFFER)  # noqa: SIM115 - the caller closes it
    return decompressing_reader(raw, compression_of(path))


def sniff_head(path: str, size: int) -> bytes:
    """Up to ``size`` decompressed bytes from the start of a file.

    Decompresses only a prefix and never fails on a cut file, so a damaged
    dump is still recognised and read up to the damage.
    """
    with open(path, "rb") as raw:
        head = raw.read(SNIFF_RAW_BYTES)
    method = compression_of(path)
    try:
        if method == "gzip":
            return zlib.decompressobj(GZIP_WBITS).decompress(head, size)
        if method == "zstd":
            return zstandard.ZstdDecompressor().decompressobj().decompress(head)[:size]
    except (zlib.error, zstandard.ZstdError):
        return b""
    return head[:size]


def chunk_compressor(method: str | None) -> Compressor:
    """A function turning one output chunk into one gzip member / zstd frame."""
    if method == "gzip":
        return _gzip_chunk
    if method == "zstd":
        return zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress
    return _identity


def _gzip_chunk(data: bytes) -> bytes:
    # mtime=0: the same input gives byte-identical output on every run
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def _identity(data: bytes) -> bytes:
    return data
