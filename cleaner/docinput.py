"""Read one document file (or stdin) for `explain` and `learn`, and tell html from text.

Small on purpose: the streaming readers for dumps live in cleaner/io; these
commands read one file at a time and need only decompression and a guess.
"""

from __future__ import annotations

import sys

from cleaner.errors import InputError
from cleaner.io.compression import open_input, strip_compression
from cleaner.io.formats import HTML, detect_format

SNIFF_CHARS = 1024  # the start of a file is enough to tell html from text

__all__ = ["looks_like_html", "read_bytes", "read_document", "strip_compression"]


def read_bytes(path: str) -> bytes:
    """The (decompressed) bytes of a file, or of stdin for ``-``."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open_input(path) as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except Exception as exc:  # corrupt archives raise many types
        raise InputError(f"{path}: cannot decompress: {exc}") from None


def read_document(path: str) -> str:
    """One document as text (UTF-8, with a clear error otherwise)."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        name = "<stdin>" if path == "-" else path
        raise InputError(f"{name}: not valid UTF-8 (byte {exc.start})") from None


def looks_like_html(path: str, content: str) -> bool:
    """The same decision ``cleaner clean`` makes: by extension, then by content."""
    head = content[:SNIFF_CHARS].encode("utf-8", "replace")
    return detect_format("<stdin>" if path == "-" else path, head) == HTML
