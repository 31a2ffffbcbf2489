"""Output sinks: one stream (file or stdout, compressed by extension), a folder
of one text file per input, and the errors file.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, BinaryIO

from cleaner.io.compression import strip_compression

TEXT_SUFFIX = ".txt"


class StreamSink:
    """Appends bytes to a file or stdout; ``size`` is what is safely written."""

    def __init__(self, path: str | None, resume_at: int | None = None) -> None:
        self.path = path
        self._handle: BinaryIO
        if path is None:
            self._handle = sys.stdout.buffer
            self._own = False
            self.size = 0
            return
        self._own = True
        if resume_at is None:
            self._handle = open(path, "wb")  # noqa: SIM115 - closed in close()
            self.size = 0
        else:
            self._handle = open(path, "r+b" if os.path.exists(path) else "w+b")  # noqa: SIM115
            self._handle.truncate(resume_at)
            self._handle.seek(resume_at)
            self.size = resume_at

    def write(self, data: bytes) -> None:
        if data:
            self._handle.write(data)
            self.size += len(data)

    def flush(self) -> None:
        self._handle.flush()

    def close(self) -> None:
        self.flush()
        if self._own:
            self._handle.close()


class DirSink:
    """One body file per input document under a folder, mirroring input names."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._used: set[str] = set()
        os.makedirs(folder, exist_ok=True)

    def write_body(self, rel: str | None, body: str) -> None:
        target = os.path.join(self.folder, self._unique_name(rel or "stdin"))
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(body + "\n")

    def _unique_name(self, rel: str) -> str:
        """``a.html`` and ``a.txt`` in one folder must not both become ``a.txt``."""
        name = body_file_name(rel)
        if name in self._used:
            name = strip_compression(rel) + TEXT_SUFFIX
            number = 2
            while name in self._used:
                name = f"{strip_compression(rel)}.{number}{TEXT_SUFFIX}"
                number += 1
        self._used.add(name)
        return name


def body_file_name(rel: str) -> str:
    """``news/a.html.gz`` -> ``news/a.txt``: compression and format suffix replaced."""
    base = strip_compression(rel)
    stem, ext = os.path.splitext(base)
    return (stem if ext else base) + TEXT_SUFFIX


class ErrorSink:
    """Bad records, one JSON object a line; the file is created on the first error."""

    def __init__(self, path: str | None, resume_at: int | None = None) -> None:
        self.path = path
        self._handle: BinaryIO | None = None
        self._append = resume_at is not None
        self.size = resume_at or 0
        if path is None or not os.path.exists(path):
            return
        if resume_at is None:
            os.remove(path)  # a fresh run must not leave the errors of an older one
        else:
            with open(path, "r+b") as handle:
                handle.truncate(resume_at)  # drop what a killed batch may have left

    def write(self, entries: list[dict[str, Any]]) -> None:
        if not entries or self.path is None:
            return
        if self._handle is None:
            self._handle = self._open(self.path)
        data = b"".join(_entry_line(e) for e in entries)
        self._handle.write(data)
        self.size += len(data)

    def _open(self, path: str) -> BinaryIO:
        """The file, opened on the first error (a run without errors leaves none)."""
        return open(path, "ab" if self._append else "wb")  # noqa: SIM115 - closed by close()

    def flush(self) -> None:
        if self._handle is not None:
            self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


def _entry_line(entry: dict[str, Any]) -> bytes:
    """One errors-file line; text UTF-8 cannot hold (a lone surrogate) is kept as a JSON
    escape, so the entry still carries the record whole."""
    try:
        return (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(entry, ensure_ascii=True) + "\n").encode("ascii")
