"""One input record to one document request: the layer every command reads through.

Readers cut inputs into raw items (``items.py``); this module decodes an item
(UTF-8 checks, JSON parsing, the field map, a WARC payload's charset) into a
``DocumentRequest``: what ``Cleaner.clean`` takes, plus the record it came
from. ``clean`` runs it in its workers; ``explain`` and ``learn`` run it in
process (``documents.py``), so all three read files, folders, JSONL and WARC
the same way.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from cleaner.errors import InputError
from cleaner.io.encoding import AUTO, EncodingProblem, bom_encoding, decode_bytes, is_wide
from cleaner.io.items import HTML, JSONL, PARQUET, TEXT, WARC, Item
from cleaner.io.jsonrecord import parse_json_object

BINARY_SNIFF = 4096
BINARY_CONTROL_SHARE = 0.05  # more control characters than this: binary junk, not text
_CONTROL_CHARS = re.compile("[\x00-\x07\x0e-\x1a\x1c-\x1f]")  # not \t \n \r \f \v \b ESC
FIELD_KEYS = ("text", "html", "url", "outlet", "date")


class RecordError(InputError):
    """A bad record; ``line`` points inside a document when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class FieldMap:
    """Which JSONL fields hold the text, html, url, outlet and date."""

    text: str = "text"
    html: str | None = "html"  # None: never read HTML (``--field html=``), even if present
    url: str = "url"
    outlet: str = "outlet"
    date: str = "date"


@dataclass(frozen=True)
class DocumentRequest:
    """What one record asks ``Cleaner.clean`` to do: exactly one of ``text`` and
    ``html``, with the record's url, outlet and date; ``record`` holds the fields the
    output keeps (the JSON object, WARC headers, or the input file's name)."""

    text: str | None = None
    html: str | bytes | None = None
    url: str | None = None
    outlet: str | None = None
    date: str | None = None
    record: dict[str, Any] = field(default_factory=dict)

    @property
    def is_html(self) -> bool:
        return self.html is not None

    def clean_args(self) -> dict[str, Any]:
        """Keyword arguments for ``Cleaner.clean``."""
        return {"html": self.html, "url": self.url, "outlet": self.outlet, "date": self.date}


@dataclass(frozen=True)
class GivenValues:
    """``--url``, ``--outlet`` and ``--date`` given to a command: they win over what a
    record says, as they do in ``explain``."""

    url: str | None = None
    outlet: str | None = None
    date: str | None = None

    def apply(self, request: DocumentRequest) -> DocumentRequest:
        if self.url is None and self.outlet is None and self.date is None:
            return request
        return dataclasses.replace(
            request,
            url=self.url if self.url is not None else request.url,
            outlet=self.outlet if self.outlet is not None else request.outlet,
            date=self.date if self.date is not None else request.date,
        )


def decode_item(item: Item, fields: FieldMap, encoding: str = AUTO) -> DocumentRequest:
    """Decode one raw item; a bad record raises RecordError with a reason a person can act on.
    ``encoding`` (``auto`` or a codec name) applies to text documents, and to html files
    when named (auto leaves html to the html stage's own charset sniffing)."""
    if item.kind == JSONL:
        return _jsonl_request(fields, item)
    if item.kind == PARQUET:
        return _record_request(fields, dict((item.info or {})["row"]))
    if item.kind == TEXT:
        return DocumentRequest(text=decode_text(item.data, encoding), record={"input": item.source})
    if item.kind == HTML:
        if not item.data.strip():
            raise RecordError("empty document")
        html: str | bytes = item.data
        if encoding != AUTO:
            html = _decode_named(item.data, encoding)
        return DocumentRequest(html=html, record={"input": item.source})
    if item.kind == WARC:
        info = dict(item.info or {})
        if not item.data.strip():
            raise RecordError("empty HTTP payload")
        html = _decode_declared(item.data, info.pop("charset", None))
        return DocumentRequest(html=html, url=info.get("url"), record=info)
    raise RecordError(f"unknown item kind {item.kind!r}")


def _jsonl_request(fields: FieldMap, item: Item) -> DocumentRequest:
    line = _decode_utf8(item.data).lstrip("\ufeff")  # a byte-order mark before the first record
    try:
        record = parse_json_object(line)
    except ValueError as exc:
        raise RecordError(str(exc)) from None
    return _record_request(fields, record)


def _record_request(fields: FieldMap, record: dict[str, Any]) -> DocumentRequest:
    """A record object (a JSON line, a Parquet row) -> its request, by the field map."""
    url = _optional_str(record, fields.url)
    outlet = _optional_str(record, fields.outlet)
    date = _optional_str(record, fields.date)
    html = _optional_str(record, fields.html) if fields.html is not None else None
    if html is not None:
        if not html.strip():
            raise RecordError(f"empty document in field {fields.html!r}")
        return DocumentRequest(html=html, url=url, outlet=outlet, date=date, record=record)
    text = _optional_str(record, fields.text)
    if text is None:
        wanted = (
            f"{fields.text!r} or {fields.html!r} field"
            if fields.html is not None
            else f"{fields.text!r} field"
        )
        raise RecordError(f"record has no {wanted}")
    check_text(text)
    return DocumentRequest(text=text, url=url, outlet=outlet, date=date, record=record)


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise RecordError(f"field {key!r} must be a string, not {type(value).__name__}")


def decode_text(data: bytes, encoding: str = AUTO) -> str:
    """A text document's bytes as str (``encoding``: see ``encoding.py``), refusing
    binary data, bytes that do not decode, and empty input."""
    head = data[:BINARY_SNIFF]
    # UTF-16 and UTF-32 are full of NUL bytes: only a text without a mark or a name is binary
    if not is_wide(encoding) and bom_encoding(head) is None and b"\x00" in head:
        raise RecordError("binary data, not text (NUL bytes); give --encoding NAME if it is UTF-16")
    text = _decode_named(data, encoding)
    check_text(text)
    return text


def _decode_named(data: bytes, encoding: str) -> str:
    try:
        return decode_bytes(data, encoding)[0]
    except EncodingProblem as exc:
        raise RecordError(str(exc), exc.line) from None
    except LookupError:
        raise RecordError(f"unknown encoding {encoding!r}") from None


def check_text(text: str) -> None:
    """Refuse empty text and text that is mostly control characters."""
    if not text.strip():
        raise RecordError("empty document")
    head = text[:BINARY_SNIFF]
    controls = len(_CONTROL_CHARS.findall(head))
    if "\x00" in head or controls > BINARY_CONTROL_SHARE * len(head):
        raise RecordError("binary data, not text (control characters)")


def _decode_utf8(data: bytes, bom: bool = False) -> str:
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RecordError(
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, column {column})", line
        ) from None


def _decode_declared(data: bytes, charset: str | None) -> str | bytes:
    """Use the HTTP header's charset when it is a character set and decodes cleanly; else
    (unknown, hex, base64, zlib, undefined, ...) let the html stage sniff."""
    if charset:
        from cleaner.html.decode import DECODE_ERRORS, text_codec  # lazy: a WARC payload is html anyway

        codec = text_codec(charset)
        if codec is not None:
            try:
                return data.decode(codec)
            except DECODE_ERRORS:
                pass
    return data


def parse_fields(specs: tuple[str, ...]) -> FieldMap:
    """``--field text=content,url=link`` (repeatable) -> FieldMap."""
    chosen: dict[str, str | None] = {}
    for spec in specs:
        for part in spec.split(","):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            key, value = key.strip(), value.strip()
            if not sep or key not in FIELD_KEYS or (not value and key != "html"):
                raise ValueError(
                    f"--field {part!r}: expected KEY=NAME with KEY one of {', '.join(FIELD_KEYS)}"
                )
            chosen[key] = value or None  # html= (empty): clean the text field even where html exists
    return FieldMap(**chosen)  # type: ignore[arg-type]
