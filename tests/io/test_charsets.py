"""A declared charset that is not a text encoding (hex, rot13, base64, zlib, undefined, ...) is
treated like an unknown one: the page is decoded another way, never a LookupError/UnicodeError.

Covers the <meta charset> of the html stage and the Content-Type charset of a WARC response.
"""

from __future__ import annotations

import codecs
import encodings.aliases

import pytest

from cleaner import Cleaner
from cleaner.html.decode import declared_charset, decode_html
from cleaner.io.items import WARC, Item
from cleaner.io.records import FieldMap, decode_item

NOT_TEXT = (
    "hex",
    "rot13",
    "rot_13",
    "base64",
    "zlib",
    "bz2",
    "uu",
    "quopri",
    "undefined",
    "idna",
    "punycode",
)
LATIN1_BODY = "<p>Caf\u00e9 au lait, cr\u00e8me br\u00fbl\u00e9e and the council's budget.</p>".encode(
    "cp1252"
)


def all_codec_names() -> list[str]:
    """Every name Python's codec registry answers to, plus the non-text codecs by name."""
    names = set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values()) | set(NOT_TEXT)
    return sorted(names)


def page(charset: str) -> bytes:
    return f'<html><head><meta charset="{charset}"></head><body>'.encode() + LATIN1_BODY + b"</body></html>"


@pytest.mark.parametrize("name", NOT_TEXT)
def test_meta_charset_that_is_not_a_text_encoding_is_ignored(name: str) -> None:
    assert declared_charset(page(name)) is None
    text, used = decode_html(page(name))
    assert "Caf\u00e9" in text
    assert used.startswith("cp1252") or "detected" in used


def test_every_registered_codec_name_decodes_or_falls_back() -> None:
    for name in all_codec_names():
        text, used = decode_html(page(name))  # EBCDIC and friends give garbage, but no error
        assert text, (name, used)
        chosen = used.split(" ")[0]
        assert codecs.lookup(chosen)._is_text_encoding, (name, used)  # type: ignore[attr-defined]


def warc_item(charset: str | None) -> Item:
    return Item(WARC, "x.warc", None, 0, page("utf-8"), {"url": "https://example.com/a", "charset": charset})


@pytest.mark.parametrize("name", NOT_TEXT)
def test_warc_charset_that_is_not_a_text_encoding_is_ignored(name: str) -> None:
    request = decode_item(warc_item(name), FieldMap())
    # left as bytes: the html stage sniffs (the page is not valid in any declared way)
    assert isinstance(request.html, bytes)


def test_warc_every_registered_codec_name_decodes_or_falls_back() -> None:
    for name in all_codec_names():
        request = decode_item(warc_item(name), FieldMap())
        assert request.html is not None, name


@pytest.mark.parametrize("name", NOT_TEXT)
def test_clean_html_with_a_non_text_charset(name: str) -> None:
    result = Cleaner(use_env=False, heuristics=False).clean(html=page(name))
    assert "council" in result.source
