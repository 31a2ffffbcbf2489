"""Turn the bytes a crawler saved into HTML text, or refuse them clearly.

Crawled "HTML" is often something else (a PDF, an image, a zip) or carries a
charset declaration that lies. Valid UTF-8 is trusted first because a byte
string that decodes as UTF-8 and is not plain ASCII is almost never another
encoding; then the declared charset; then statistical detection; and as a
last resort UTF-8 with replacement characters, so decoding never fails.
"""

from __future__ import annotations

import codecs
import re

from cleaner.errors import InputError

SNIFF_BYTES = 4096  # charset declarations and magic numbers sit at the start
BINARY_CONTROL_SHARE = 0.05  # more control bytes than this at the start: not text
DETECT_BYTES = 200_000  # statistical detection on a prefix is enough and bounded
LEGACY_DEFAULT = "cp1252"  # what browsers assume for undeclared legacy pages
TIE = 0.01  # coherence difference below which two detections tie

# Magic numbers of formats that crawlers save under an .html name.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or an office document)"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"(\xb5/\xfd", "zstd-compressed data (decompress it first)"),
    (b"BZh", "bzip2-compressed data (decompress it first)"),
    (b"%!PS", "a PostScript document"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"\x7fELF", "an executable"),
)
_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Python counts these as text encodings, but no document is written in them: "undefined"
# always fails, idna and punycode encode host names, the escapes read Python literals.
_NOT_DOCUMENT_CHARSETS = frozenset({"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape"})
# A decoder may raise more than UnicodeDecodeError on bytes it does not expect.
DECODE_ERRORS = (UnicodeError, LookupError, ValueError)

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def sniff_binary(head: bytes) -> str | None:
    """Name the non-HTML format these leading bytes belong to, or None."""
    start = head.lstrip(b" \t\r\n")[:16]
    for magic, kind in _MAGIC:
        if start.startswith(magic):
            return kind
    if start[:4] == b"RIFF" and start[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[start[8:12]]
    if start[4:8] == b"ftyp":
        return "an MP4/HEIF media file"
    sample = head[:SNIFF_BYTES]
    if sample and not _bom_codec(sample):
        controls = len(_CONTROL.findall(sample))
        if controls > BINARY_CONTROL_SHARE * len(sample):
            return "binary data"
    return None


def declared_charset(head: bytes) -> str | None:
    """The charset a <meta> tag declares, if it names a character set Python knows."""
    match = _META_CHARSET.search(head[:SNIFF_BYTES])
    if match is None:
        return None
    return text_codec(match.group(1).decode("ascii", "replace"))


def text_codec(label: str) -> str | None:
    """Python's name for a declared charset, or None when it is unknown or not a character
    set of documents: bytes-to-bytes codecs (hex, base64, zlib, rot13) are refused, since
    ``bytes.decode`` cannot use them and a page never is in them."""
    try:
        info = codecs.lookup(label.strip().lower())
    except (LookupError, ValueError):  # ValueError: a NUL in the label
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_DOCUMENT_CHARSETS:
        return None
    return info.name


def _bom_codec(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def decode_html(data: bytes) -> tuple[str, str]:
    """Return the page text and the encoding used (``"utf-8"``, ``"cp1252 (detected)"`` ...)."""
    kind = sniff_binary(data[:SNIFF_BYTES])
    if kind is not None:
        raise InputError(f"input is {kind}, not HTML")
    bom = _bom_codec(data)
    if bom is not None:
        try:
            return data.decode(bom), bom
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared is not None and declared not in ("utf-8", "utf-16", "utf-32"):
        try:
            return data.decode(declared), declared
        except DECODE_ERRORS:
            pass
    detected = _detect(data)
    if detected is not None and text_codec(detected) is not None:
        try:
            return data.decode(detected), f"{detected} (detected)"
        except DECODE_ERRORS:
            pass
    return data.decode("utf-8", errors="replace"), "utf-8 (with replacements)"


def _detect(data: bytes) -> str | None:
    """Statistical guess with charset_normalizer (a trafilatura dependency).

    Short Latin texts fit several code pages equally well; on a tie the web's
    usual legacy encoding, windows-1252, wins (as browsers decide).
    """
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    matches = list(from_bytes(data[:DETECT_BYTES]))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if (
            match.encoding == LEGACY_DEFAULT
            and match.chaos <= best.chaos
            and match.coherence >= best.coherence - TIE
        ):
            return LEGACY_DEFAULT
    return best.encoding


def check_text(text: str) -> None:
    """Refuse a str that is really a binary file read as text."""
    head = text[:SNIFF_BYTES].encode("utf-8", "surrogatepass")
    kind = sniff_binary(head)
    if kind is not None:
        raise InputError(f"input is {kind}, not HTML")
