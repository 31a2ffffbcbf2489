"""Read one document file (or stdin) for `explain` and `learn`, and tell html from text.

Small on purpose: the streaming readers for dumps live in cleaner/io; these
commands read one file at a time and need only decompression and a guess.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from cleaner.errors import InputError

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SNIFF_CHARS = 1024  # the start of a file is enough to tell html from text
_HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<?xml", "<!--")


def strip_compression(name: str) -> str:
    """The file name without a .gz / .zst suffix."""
    for suffix in (".gz", ".zst"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def read_bytes(path: str) -> bytes:
    """The (decompressed) bytes of a file, or of stdin for ``-``."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    lowered = path.lower()
    try:
        if lowered.endswith(".gz"):
            return gzip.decompress(raw)
        if lowered.endswith(".zst"):
            import zstandard

            return zstandard.ZstdDecompressor().stream_reader(raw).read()
    except Exception as exc:  # corrupt archives raise many types
        raise InputError(f"{path}: cannot decompress: {exc}") from None
    return raw


def read_document(path: str) -> str:
    """One document as text (UTF-8, with a clear error otherwise)."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        name = "<stdin>" if path == "-" else path
        raise InputError(f"{name}: not valid UTF-8 (byte {exc.start})") from None


def looks_like_html(path: str, content: str) -> bool:
    """By extension first, then by how the content starts."""
    name = strip_compression(path).lower()
    if name.endswith(HTML_SUFFIXES):
        return True
    if name.endswith(".txt"):
        return False
    head = content[:SNIFF_CHARS].lstrip().lower()
    return head.startswith(_HTML_STARTS)
