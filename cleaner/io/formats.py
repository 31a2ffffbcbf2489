"""Which format an input is in: by its extension first, then by its content."""

from __future__ import annotations

import re

from cleaner.io.compression import strip_compression
from cleaner.io.items import HTML, JSONL, PARQUET, TEXT, WARC

FORMATS = ("auto", TEXT, HTML, JSONL, PARQUET, WARC)
PARQUET_MAGIC = b"PAR1"
SNIFF_BYTES = 4096

_EXTENSIONS = {
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".parquet": PARQUET,
    ".pq": PARQUET,
    ".warc": WARC,
    ".arc": WARC,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
}
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|\?xml)", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(body|div|p|article|section|span|table|meta|title)[\s>/]", re.I)
_HTML_MIN_TAGS = 3  # a text that merely mentions a tag is not a page


def format_by_name(name: str) -> str | None:
    """The format a file name promises, or None when it promises nothing."""
    base = strip_compression(name).lower()
    for ext, fmt in _EXTENSIONS.items():
        if base.endswith(ext):
            return fmt
    return None


def format_by_content(head: bytes) -> str:
    """Sniff the first bytes: WARC, JSON lines, HTML, else text."""
    body = head.lstrip(b"\xef\xbb\xbf")
    if body.startswith(b"WARC/"):
        return WARC
    if head.startswith(PARQUET_MAGIC):
        return PARQUET
    if body.lstrip().startswith(b"{"):
        return JSONL
    if looks_like_html(body):
        return HTML
    return TEXT


def looks_like_html(head: bytes) -> bool:
    """True for markup: a doctype/html/head start, or several common tags early on."""
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith(b"<") and len(_HTML_TAGS.findall(head)) >= _HTML_MIN_TAGS


def detect_format(name: str, head: bytes) -> str:
    """Auto format: a ``.html`` or ``.txt`` file holding a page counts as HTML."""
    by_name = format_by_name(name)
    if by_name in (JSONL, WARC, PARQUET):
        return by_name
    by_content = format_by_content(head)
    if by_name == HTML:
        return HTML
    if by_content in (JSONL, WARC, PARQUET) and strip_compression(name).lower().endswith(".txt"):
        return TEXT  # a .txt file is a document even if it starts with "{"
    return by_content
