"""Inputs as the user named them -> a flat, ordered list of sources.

Folders are walked recursively in sorted order (hidden files skipped), so the
output order is the same on every run and ``--resume`` can rely on it.
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass, field
from typing import BinaryIO

from cleaner.errors import CleanerError, require_extra
from cleaner.io.compression import (
    READ_BUFFER,
    compression_by_magic,
    compression_of,
    decompressing_reader,
    open_input,
    sniff_head,
    strip_compression,
)
from cleaner.io.formats import SNIFF_BYTES, detect_format, format_by_name
from cleaner.io.items import RECORD_FORMATS, TEXT, WARC

STDIN = "-"
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

    @property
    def is_records(self) -> bool:
        return self.fmt in RECORD_FORMATS

    def open(self) -> BinaryIO:
        """The decompressed byte stream (stdin can be opened once only)."""
        if self._stream is not None:
            stream, self._stream = self._stream, None
            return stream
        if self.path is None:
            raise SourceError("stdin can be read only once")
        if self.fmt == WARC and compression_of(self.path) == "gzip":
            # fastwarc reads the gzip members itself, so record offsets are
            # offsets in the .warc.gz file, as CDX indexes give them
            return open(self.path, "rb", buffering=READ_BUFFER)  # noqa: SIM115 - the caller closes it
        return open_input(self.path)

    def identity(self) -> list[object]:
        """What --resume compares to know the input has not changed."""
        if self.path is None:
            return [STDIN]
        try:
            st = os.stat(self.path)
        except OSError:
            return [os.path.abspath(self.path), None, None, self.fmt]
        return [os.path.abspath(self.path), st.st_size, st.st_mtime_ns, self.fmt]


def expand_inputs(
    inputs: tuple[str, ...], forced_format: str, stdin: BinaryIO | None = None, only_known: bool = False
) -> list[Source]:
    """Resolve every input to sources; ``forced_format`` "auto" means detect.

    ``only_known``: in folders, read only files whose name says they are documents or
    records (``.txt``, ``.html``, ``.jsonl``, ``.warc`` ..., compressed or not), and not the
    gold ``.body.txt`` files of a corpus; named files are always read.
    """
    sources: list[Source] = []
    for given in inputs or (STDIN,):
        if given == STDIN:
            sources.append(_stdin_source(forced_format, stdin))
        elif os.path.isdir(given):
            for path, rel in _walk(given):
                if only_known and not is_known_document(path):
                    continue
                sources.append(_file_source(path, rel, forced_format))
        elif os.path.exists(given):
            sources.append(_file_source(given, os.path.basename(given), forced_format))
        else:
            raise SourceError(f"{given}: no such file or folder")
    if any(s.fmt == WARC and s.problem is None for s in sources):
        # before any output is opened: a missing extra is a usage problem, not a failed record
        require_extra("fastwarc", "warc", "reading WARC input")
    return sources


def is_known_document(path: str) -> bool:
    """Whether a file name says it holds documents or records (gold bodies do not count)."""
    name = strip_compression(os.path.basename(path)).lower()
    if name.endswith(GOLD_SUFFIXES):
        return False
    return name.endswith(TEXT_SUFFIXES) or format_by_name(name) is not None


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


def _stdin_source(forced_format: str, stdin: BinaryIO | None) -> Source:
    raw = stdin if stdin is not None else sys.stdin.buffer
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw, READ_BUFFER)  # type: ignore[arg-type,type-var]
    method = compression_by_magic(buffered.peek(4)[:4])
    stream = decompressing_reader(buffered, method)
    fmt = forced_format
    if fmt == "auto":
        try:
            head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        except Exception as exc:
            raise SourceError(f"<stdin>: cannot decompress ({exc})") from None
        fmt = detect_format("", head)
    return Source("<stdin>", None, "stdin", fmt, _stream=stream)
