"""Read the pages of a dump for `cleaner learn`: JSONL records or document files.

A dump is a file or a folder (read recursively, in name order): JSONL files
(``.jsonl``/``.ndjson``, optionally ``.gz``/``.zst``) give one page per
record, from the text field or else the html field; ``.txt`` and ``.html``
files give one page each (gold ``.body.txt`` files of a corpus are skipped).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cleaner.docinput import read_bytes, strip_compression
from cleaner.errors import InputError
from cleaner.io.compression import open_input
from cleaner.io.jsonrecord import parse_json_object

JSONL_SUFFIXES = (".jsonl", ".ndjson")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
SKIP_SUFFIXES = (".body.txt",)


@dataclass(frozen=True)
class Page:
    """One page of the dump; exactly one of ``text`` and ``html`` is set."""

    where: str
    text: str | None = None
    html: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Fields:
    """Which JSONL fields hold the text, the html and the URL."""

    text: str = "text"
    html: str = "html"
    url: str = "url"


def dump_files(root: Path) -> list[Path]:
    """The readable files of a dump path, in a stable order."""
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise InputError(f"{root}: no such file or folder")
    return sorted(p for p in root.rglob("*") if p.is_file() and _kind(p) is not None)


def _kind(path: Path) -> str | None:
    name = strip_compression(path.name.lower())
    if name.endswith(SKIP_SUFFIXES) or name.startswith("."):
        return None
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    return None


def read_pages(root: str | Path, fields: Fields | None = None, limit: int | None = None) -> Iterator[Page]:
    """Yield the dump's pages, at most ``limit`` of them."""
    fields = fields or Fields()
    count = 0
    for path in dump_files(Path(root)):
        kind = _kind(path) or "text"
        pages = _jsonl_pages(path, fields) if kind == "jsonl" else iter([_file_page(path, kind)])
        for page in pages:
            yield page
            count += 1
            if limit is not None and count >= limit:
                return


def _decode(path: Path) -> str:
    try:
        return read_bytes(str(path)).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start})") from None


def _file_page(path: Path, kind: str) -> Page:
    content = _decode(path)
    if kind == "html":
        return Page(str(path), html=content)
    return Page(str(path), text=content)


def _jsonl_pages(path: Path, fields: Fields) -> Iterator[Page]:
    """Stream the records: a dump may be far larger than memory."""
    try:
        handle = open_input(str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    with handle:
        for number, raw in enumerate(handle, 1):
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"{where}: not valid UTF-8 (byte {exc.start})") from None
            if line.strip():
                yield _record_page(line, where, fields)


def _record_page(line: str, where: str, fields: Fields) -> Page:
    try:
        record = parse_json_object(line)
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    url = record.get(fields.url)
    url = url if isinstance(url, str) and url else None
    text, html = record.get(fields.text), record.get(fields.html)
    if isinstance(text, str):
        return Page(where, text=text, url=url)
    if isinstance(html, str):
        return Page(where, html=html, url=url)
    raise InputError(f"{where}: no string field '{fields.text}' or '{fields.html}'")
