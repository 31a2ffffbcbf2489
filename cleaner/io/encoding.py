"""``--encoding auto|NAME``: the bytes of a text document to str.

``auto`` trusts a byte-order mark first (UTF-8, UTF-16 and UTF-32 files from
Windows tools carry one), then strict UTF-8 (most of the web), and only then
asks charset-normalizer, a maintained detector, for legacy files such as
cp1252 or KOI8-R. A named encoding is used as it is, strictly.
"""

from __future__ import annotations

import codecs

AUTO = "auto"
# longest marks first: the UTF-32-LE mark starts with the UTF-16-LE one
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class EncodingProblem(ValueError):
    """The bytes do not decode; the message says where or why, ``line`` where known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def check_encoding_name(name: str) -> str:
    """``auto`` or a codec Python knows; ValueError names the unknown one."""
    if name == AUTO:
        return name
    from cleaner.html.decode import text_codec  # the html stage's list of document charsets

    codec = text_codec(name)
    if codec is None:
        raise ValueError(
            f"--encoding {name!r}: not a known text encoding (try utf-8, cp1252, utf-16 or auto)"
        )
    return codec


def is_wide(encoding: str) -> bool:
    """UTF-16 and UTF-32 text is full of NUL bytes; other encodings' text has none."""
    return encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32"))


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the mark's length, or None."""
    for mark, name in _BOMS:
        if data.startswith(mark):
            return name, len(mark)
    return None


def decode_bytes(data: bytes, encoding: str = AUTO) -> tuple[str, str]:
    """``(text, encoding used)``; EncodingProblem when nothing decodes the bytes."""
    if encoding != AUTO:
        return _strict(data, encoding), encoding
    found = bom_encoding(data)
    if found is not None:
        name, skip = found
        return _strict(data[skip:], name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_problem, _ = _position(data, exc)
    guessed = _detect(data)
    if guessed is None:
        raise EncodingProblem(f"not UTF-8 ({utf8_problem}) and no encoding detected; give --encoding NAME")
    return _strict(data, guessed), guessed


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # lazy: only legacy files need it

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    return str(best.encoding)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        where, line = _position(data, exc)
        shown = encoding.upper() if encoding.lower().startswith("utf") else encoding
        raise EncodingProblem(f"invalid {shown} ({where})", line) from None


def _position(data: bytes, exc: UnicodeDecodeError) -> tuple[str, int]:
    """Where a decoding failed, in words, and its line (lines of a single-byte view: exact
    for UTF-8 and the legacy charsets)."""
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    return f"byte 0x{data[exc.start]:02x} at line {line}, column {column}", line
