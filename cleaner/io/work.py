"""The worker side: decode, parse, clean and serialise one batch of items.

Everything costly happens here, in the worker processes, so the parent only
reads bytes and writes bytes. The Cleaner is built once per process.
"""

from __future__ import annotations

import base64
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

from cleaner.engine import Cleaner
from cleaner.errors import CleanerError, InputError
from cleaner.io.compression import chunk_compressor
from cleaner.io.items import BAD, HTML, JSONL, SKIP, TEXT, WARC, Item
from cleaner.io.jsonrecord import parse_json_object
from cleaner.io.stats import Stats
from cleaner.result import Result

OUTPUT_JSONL = "jsonl"
OUTPUT_TEXT = "text"
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
class WorkConfig:
    """Everything a worker needs; small and picklable."""

    rules_paths: tuple[str, ...] = ()
    builtin_rules: bool = True
    heuristics: bool = True
    fallback: bool = True
    fields: FieldMap = FieldMap()
    output: str = OUTPUT_JSONL
    compression: str | None = None

    def build_cleaner(self) -> Cleaner:
        return Cleaner(
            rules_paths=list(self.rules_paths),
            builtin_rules=self.builtin_rules,
            heuristics=self.heuristics,
            fallback=self.fallback,
        )


@dataclass
class BatchResult:
    """What one batch produced: output bytes (or bodies), errors and counters."""

    chunk: bytes = b""
    bodies: list[tuple[str | None, str]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)


class _WorkerState:
    def __init__(self, config: WorkConfig, cleaner: Cleaner | None) -> None:
        self.config = config
        self.cleaner = cleaner if cleaner is not None else config.build_cleaner()
        self.compress = chunk_compressor(config.compression if config.output == OUTPUT_JSONL else None)


_state: _WorkerState | None = None


def init_worker(config: WorkConfig, cleaner: Cleaner | None = None) -> None:
    """Build the Cleaner once per process (a forked worker inherits the parent's)."""
    global _state
    if _state is None or _state.config != config:
        _state = _WorkerState(config, cleaner)


def process_batch(batch: list[Item]) -> BatchResult:
    """Clean every item of a batch; a bad record becomes an error, never an exception."""
    state = _state
    if state is None:
        raise RuntimeError("init_worker was not called")
    out = BatchResult()
    lines: list[str] = []
    for item in batch:
        out.stats.records += 1
        out.stats.bytes_in += len(item.data)
        if item.kind == SKIP:
            out.stats.skipped += 1
            continue
        try:
            if item.kind == BAD:
                raise RecordError(str((item.info or {}).get("reason", "bad record")))
            record, result = _clean_item(state, item)
        except RecordError as exc:
            _fail(out, item, str(exc), exc.line)
            continue
        except CleanerError as exc:
            _fail(out, item, str(exc), None)
            continue
        except ImportError as exc:
            _fail(out, item, f"HTML cleaning is not available: {exc}", None)
            continue
        except Exception as exc:  # one odd document must not stop a dump of millions
            _fail(out, item, f"internal error: {type(exc).__name__}: {exc}", None)
            continue
        out.stats.cleaned += 1
        for seg in result.removed:
            key = seg.category or "other"
            out.stats.removed[key] = out.stats.removed.get(key, 0) + len(seg.text.encode("utf-8"))
        if state.config.output == OUTPUT_JSONL:
            record.update(result.output_fields())
            lines.append(json.dumps(record, ensure_ascii=False))
            lines.append("\n")
        else:
            out.bodies.append((body_name(item), result.body))
    if lines:
        out.chunk = state.compress("".join(lines).encode("utf-8"))
    return out


def body_name(item: Item) -> str:
    """Where a body goes with ``-o DIR``: the document's relative path, or
    ``<dump name>/<line>`` (``/<offset>`` for WARC) for a record."""
    rel = (item.info or {}).get("rel")
    if rel:
        return str(rel)
    stem = os.path.basename(item.source)
    while "." in stem.strip("."):
        stem = stem.rsplit(".", 1)[0]
    return f"{stem}/{item.line if item.line is not None else item.offset}"


def _clean_item(state: _WorkerState, item: Item) -> tuple[dict[str, Any], Result]:
    cleaner = state.cleaner
    if item.kind == JSONL:
        return _clean_jsonl(cleaner, state.config.fields, item)
    if item.kind == TEXT:
        text = decode_text(item.data)
        return {"input": item.source}, cleaner.clean(text)
    if item.kind == HTML:
        if not item.data.strip():
            raise RecordError("empty document")
        return {"input": item.source}, cleaner.clean(html=item.data)
    if item.kind == WARC:
        info = dict(item.info or {})
        if not item.data.strip():
            raise RecordError("empty HTTP payload")
        html = _decode_declared(item.data, info.pop("charset", None))
        return info, cleaner.clean(html=html, url=info.get("url"))
    raise RecordError(f"unknown item kind {item.kind!r}")


def _clean_jsonl(cleaner: Cleaner, fields: FieldMap, item: Item) -> tuple[dict[str, Any], Result]:
    line = _decode_utf8(item.data).lstrip("\ufeff")  # a byte-order mark before the first record
    try:
        record = parse_json_object(line)
    except ValueError as exc:
        raise RecordError(str(exc)) from None
    url = _optional_str(record, fields.url)
    outlet = _optional_str(record, fields.outlet)
    date = _optional_str(record, fields.date)
    html = _optional_str(record, fields.html) if fields.html is not None else None
    if html is not None:
        if not html.strip():
            raise RecordError(f"empty document in field {fields.html!r}")
        return record, cleaner.clean(html=html, url=url, outlet=outlet, date=date)
    text = _optional_str(record, fields.text)
    if text is None:
        wanted = (
            f"{fields.text!r} or {fields.html!r} field"
            if fields.html is not None
            else f"{fields.text!r} field"
        )
        raise RecordError(f"record has no {wanted}")
    check_text(text)
    return record, cleaner.clean(text, url=url, outlet=outlet, date=date)


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise RecordError(f"field {key!r} must be a string, not {type(value).__name__}")


def decode_text(data: bytes) -> str:
    """A text document's bytes as str, refusing binary, invalid UTF-8 and empty input."""
    head = data[:BINARY_SNIFF]
    if b"\x00" in head:
        raise RecordError("binary data, not text (NUL bytes)")
    text = _decode_utf8(data, bom=True)
    check_text(text)
    return text


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
    """Use the HTTP header's charset when it decodes cleanly; else let the html stage sniff."""
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return data


def _fail(out: BatchResult, item: Item, reason: str, inner_line: int | None) -> None:
    out.stats.failed += 1
    out.errors.append(error_record(item, reason, inner_line))


def error_record(item: Item, reason: str, inner_line: int | None = None) -> dict[str, Any]:
    """The errors-file entry: position, reason and the whole raw record."""
    entry: dict[str, Any] = {"input": item.source}
    if item.line is not None:
        entry["line"] = item.line
    elif inner_line is not None:
        entry["line"] = inner_line
    if item.offset is not None:
        entry["offset"] = item.offset
    entry["reason"] = reason
    raw = item.data[:-1] if item.kind == JSONL and item.data.endswith(b"\n") else item.data
    try:
        entry["record"] = raw.decode("utf-8")
    except UnicodeDecodeError:
        entry["record_base64"] = base64.b64encode(raw).decode("ascii")
    return entry


def error_line(entry: dict[str, Any]) -> str:
    """One line for stderr: ``file:line: reason`` (or ``file@offset``)."""
    where = entry["input"]
    if "line" in entry:
        where += f":{entry['line']}"
    elif "offset" in entry:
        where += f"@{entry['offset']}"
    return f"{where}: {entry['reason']}"


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


__all__ = ["TEXT", "HTML", "WorkConfig", "FieldMap", "BatchResult", "init_worker", "process_batch"]
