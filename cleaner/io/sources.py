"""Inputs as the user named them -> a flat, ordered list of sources.

Folders are walked recursively in sorted order (hidden files skipped), so the
output order is the same on every run and ``--resume`` can rely on it.
"""

from __future__ import annotations

import io
import os
import stat
import sys
import zlib
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import zstandard

from cleaner.errors import CleanerError, require_extra
from cleaner.io.compression import (
    READ_BUFFER,
    compression_by_magic,
    compression_of,
    decompressing_reader,
    sniff_head,
    strip_compression,
)
from cleaner.io.formats import SNIFF_BYTES, detect_format, format_by_name
from cleaner.io.items import PARQUET, RECORD_FORMATS, TEXT, WARC
from cleaner.io.remote import file_identity, is_url, list_files, open_read

STDIN = "-"
MAGIC_BYTES = 4  # enough for the gzip and zstd magic numbers
SNIFF_ERRORS = (OSError, EOFError, zlib.error, zstandard.ZstdError)
TEXT_SUFFIXES = (".txt", ".text")  # plain-text documents (other formats: formats.format_by_name)
GOLD_SUFFIXES = (".body.txt",)  # a labelled corpus's gold bodies sit beside its documents


class SourceError(CleanerError):
    """An input cannot be opened (missing, unreadable): a usage problem."""


@dataclass
class Source:
    """One input file (or stdin) and the format it is read as."""

    name: str  # as shown in errors: the path, or "<stdin>"
    path: str | None  # None for stdin
    rel: str  # name relative to the folder given, for one-file-per-input output
    fmt: str
    problem: str | None = None  # why it cannot be read: reported as one failed record
    _stream: BinaryIO | None = field(default=None, repr=False)
    once: bool = False  # stdin, a pipe or a FIFO: its bytes can be read once only
    _opened: bool = field(default=False, repr=False)
    remote: bool = False  # an fsspec URL (extra ``remote``)
    _raw: Any = field(default=None, repr=False)  # the file under any decompression: progress

    @property
    def size(self) -> int | None:
        """The bytes of the file as stored (compressed), when known: the progress total."""
        if self.path is None or self.once or self.remote:
            return None
        try:
            return os.path.getsize(self.path)
        except OSError:
            return None

    def position(self) -> int:
        """How many stored bytes have been read so far (all of them once it is closed)."""
        raw = self._raw
        if raw is None:
            return 0
        try:
            return int(raw.tell())
        except (OSError, ValueError):  # closed: read to the end
            return self.size or 0

    @property
    def started(self) -> bool:
        """Reading has begun (or the source fails without being read)."""
        return self._raw is not None or self._opened or self.problem is not None

    def open_raw(self, track: bool = True) -> BinaryIO:
        """The stored bytes, seekable (Parquet reads a file from its end); ``track``: this
        is the read that progress follows (not a look at a file's schema)."""
        if self.path is None or self.once:
            raise SourceError(f"{self.name}: a stream can be read only once")
        raw = open_read(self.path) if self.remote else open(self.path, "rb", buffering=READ_BUFFER)  # noqa: SIM115
        if track:
            self._raw = raw
        return raw

    @property
    def is_records(self) -> bool:
        return self.fmt in RECORD_FORMATS

    def open(self) -> BinaryIO:
        """The decompressed byte stream (stdin, a pipe or a FIFO can be opened once only)."""
        if self._stream is not None:
            stream, self._stream = self._stream, None
            self._opened = True
            return stream
        if self.path is None or (self.once and self._opened):
            raise SourceError(f"{self.name}: a stream can be read only once")
        if self.once:
            self._opened = True
            stream, _ = open_stream(open(self.path, "rb", buffering=0), self.path, self.fmt)  # noqa: SIM115
            return stream
        raw = self.open_raw()
        if self.fmt == WARC and compression_of(self.path) == "gzip":
            # the WARC reader undoes the gzip members itself, so record offsets
            # are offsets in the .warc.gz file, as CDX indexes give them
            return raw
        return decompressing_reader(raw, compression_of(self.path))

    def identity(self) -> list[object]:
        """What --resume compares to know the input has not changed."""
        if self.path is None:
            return [STDIN]
        if self.remote:
            return [*file_identity(self.path), self.fmt]
        try:
            st = os.stat(self.path)
        except OSError:
            return [os.path.abspath(self.path), None, None, self.fmt]
        return [os.path.abspath(self.path), st.st_size, st.st_mtime_ns, self.fmt]


def expand_inputs(
    inputs: tuple[str, ...],
    forced_format: str,
    stdin: BinaryIO | None = None,
    only_known: bool = False,
    skipped: list[str] | None = None,
) -> list[Source]:
    """Resolve every input to sources; ``forced_format`` "auto" means detect.

    ``only_known``: in folders, read only files whose name says they are documents or
    records (``.txt``, ``.html``, ``.jsonl``, ``.parquet``, ``.warc`` ..., compressed or
    not), and not the gold ``.body.txt`` files of a corpus; named files are always read.
    The paths left out are appended to ``skipped``.
    """
    sources: list[Source] = []
    for given in inputs or (STDIN,):
        if given == STDIN:
            sources.append(_stdin_source(forced_format, stdin))
        elif is_url(given):
            sources.extend(_remote_sources(given, forced_format, only_known, skipped))
        elif os.path.isdir(given):
            for path, rel in _walk(given):
                if only_known and not is_known_document(path):
                    if skipped is not None:
                        skipped.append(path)
                    continue
                if not is_regular_file(path):
                    # a FIFO nobody writes to would block the whole run; named, it is read
                    reason = "not a regular file (a FIFO, socket or device); name it to read it"
                    sources.append(Source(path, path, rel, format_by_name(path) or TEXT, reason))
                    continue
                sources.append(_file_source(path, rel, forced_format))
        elif os.path.exists(given) and not is_regular_file(given):
            sources.append(_pipe_source(given, forced_format))
        elif os.path.exists(given):
            sources.append(_file_source(given, os.path.basename(given), forced_format))
        else:
            raise SourceError(f"{given}: no such file or folder")
    if any(s.fmt == PARQUET and s.problem is None for s in sources):
        require_extra("pyarrow.parquet", "parquet", "reading Parquet input")
    return sources


def _remote_sources(
    url: str, forced_format: str, only_known: bool, skipped: list[str] | None
) -> list[Source]:
    """A remote file, or the files of a remote folder. The format comes from the name
    (or ``--format``): sniffing a remote file would cost a request per file."""
    listed = list_files(url)
    if listed is None:
        listed, only_known = [(url, url.rstrip("/").rsplit("/", 1)[-1])], False
    sources = []
    for name, rel in listed:
        if only_known and not is_known_document(name):
            if skipped is not None:
                skipped.append(name)
            continue
        fmt = forced_format if forced_format != "auto" else format_by_name(name) or TEXT
        sources.append(Source(name, name, rel, fmt, remote=True))
    return sources


def is_known_document(path: str) -> bool:
    """Whether a file name says it holds documents or records (gold bodies do not count)."""
    name = strip_compression(os.path.basename(path)).lower()
    if name.endswith(GOLD_SUFFIXES):
        return False
    return name.endswith(TEXT_SUFFIXES) or format_by_name(name) is not None


def is_regular_file(path: str) -> bool:
    """False for a pipe, FIFO, socket or device: what cannot be read twice or may block."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # the read that follows reports why it cannot be read


def _walk(folder: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            found.append((path, os.path.relpath(path, folder)))
    return found


def _file_source(path: str, rel: str, forced_format: str) -> Source:
    if forced_format != "auto":
        return Source(path, path, rel, forced_format)
    # One unreadable file in a folder of thousands fails as one record, not the whole run.
    fallback = format_by_name(path) or TEXT
    try:
        head = sniff_head(path, SNIFF_BYTES)
    except OSError as exc:
        return Source(path, path, rel, fallback, f"cannot read: {exc.strerror or exc}")
    if compression_of(path) is None and compression_by_magic(head):
        return Source(
            path, path, rel, fallback, "compressed data without a .gz/.zst extension; rename the file"
        )
    return Source(path, path, rel, detect_format(path, head))


def _pipe_source(path: str, forced_format: str) -> Source:
    """A pipe or FIFO (``<(cmd)`` gives ``/dev/fd/N``) is opened once. When its name or
    ``--format`` tells the format, it is opened only when read (several FIFOs fed in turn by
    one writer must not all be opened first); else it is opened and sniffed here, and the
    sniffed bytes are handed out again, so not a byte is lost."""
    rel = os.path.basename(path)
    fmt = forced_format if forced_format != "auto" else format_by_name(path)
    if fmt is not None:
        return Source(path, path, rel, fmt, once=True)
    try:
        raw = open(path, "rb", buffering=0)  # noqa: SIM115 - the reader closes it
    except OSError as exc:
        return Source(path, path, rel, TEXT, f"cannot read: {exc.strerror or exc}")
    try:
        stream, fmt = open_stream(raw, path, "auto")
    except SNIFF_ERRORS as exc:
        raw.close()
        return Source(path, path, rel, TEXT, f"cannot decompress ({exc})")
    return Source(path, path, rel, fmt, _stream=stream, once=True)


def _stdin_source(forced_format: str, stdin: BinaryIO | None) -> Source:
    raw = stdin if stdin is not None else sys.stdin.buffer
    try:
        stream, fmt = open_stream(raw, "", forced_format)
    except SNIFF_ERRORS as exc:
        raise SourceError(f"<stdin>: cannot decompress ({exc})") from None
    return Source("<stdin>", None, "stdin", fmt, _stream=stream, once=True)


def open_stream(raw: BinaryIO, name: str, fmt: str) -> tuple[io.BufferedReader, str]:
    """A forward-only stream, decompressed by its name or its magic number, and its format
    (sniffed when ``fmt`` is "auto"). Sniffing reads until it has enough bytes or the end
    (a pipe hands out what its writer wrote so far), then replays them."""
    magic = read_head(raw, MAGIC_BYTES)
    method = compression_of(name) or compression_by_magic(magic)
    stream = decompressing_reader(Replay(magic, raw), method)  # type: ignore[arg-type]
    if fmt == "auto":
        head = read_head(stream, SNIFF_BYTES)
        fmt = detect_format(name, head)
        stream = io.BufferedReader(Replay(head, stream), READ_BUFFER)
    return stream, fmt


def read_head(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes: fewer only at the end of the stream."""
    parts: list[bytes] = []
    missing = size
    while missing > 0:
        chunk = stream.read(missing)
        if not chunk:
            break
        parts.append(chunk)
        missing -= len(chunk)
    return b"".join(parts)


class Replay(io.RawIOBase):
    """Hands out ``head`` (bytes already read from ``stream``), then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._stream.close()
        super().close()
