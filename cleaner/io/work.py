"""The worker side: decode, parse, clean and serialise one batch of items.

Everything costly happens here, in the worker processes, so the parent only
reads bytes and writes bytes. The Cleaner is built once per process.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field
from typing import Any

from cleaner.engine import Cleaner
from cleaner.errors import CleanerError
from cleaner.io.compression import chunk_compressor
from cleaner.io.fieldselect import FieldSelection
from cleaner.io.items import BAD, HTML, JSONL, PARQUET, SKIP, TEXT, Item
from cleaner.io.jsonrecord import json_default, row_json
from cleaner.io.records import DocumentRequest, FieldMap, GivenValues, RecordError, decode_item
from cleaner.io.startgc import resume_collector
from cleaner.io.stats import Stats
from cleaner.outlets.textrules import HELD_BACK_KEY

OUTPUT_JSONL = "jsonl"
OUTPUT_TEXT = "text"
OUTPUT_PARQUET = "parquet"  # records go back to the parent, which writes Arrow row groups


@dataclass(frozen=True)
class WorkConfig:
    """Everything a worker needs; small and picklable."""

    rules_paths: tuple[str, ...] = ()
    builtin_rules: bool = True
    heuristics: bool = True
    fallback: str = "auto"  # html without outlet selectors: auto, always or never
    fields: FieldMap = FieldMap()
    output: str = OUTPUT_JSONL
    compression: str | None = None
    selection: FieldSelection = FieldSelection()  # --keep-fields / --drop-fields
    given: GivenValues = GivenValues()  # --url / --outlet / --date
    encoding: str = "auto"  # --encoding, for text documents

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
    records: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # Parquet output: (where, record)
    stats: Stats = field(default_factory=Stats)


class _WorkerState:
    def __init__(self, config: WorkConfig, cleaner: Cleaner | None) -> None:
        self.config = config
        self.cleaner = cleaner if cleaner is not None else config.build_cleaner()
        # The heuristics load now, not at the first record (a Cleaner loads them lazily): the
        # parent of a -j N run builds this state before forking, and its workers inherit them.
        self.cleaner.heuristics  # noqa: B018
        resume_collector()  # the start is over: the records' garbage is collected as ever
        self.compress = chunk_compressor(config.compression if config.output == OUTPUT_JSONL else None)


_state: _WorkerState | None = None


def init_worker(config: WorkConfig, cleaner: Cleaner | None = None) -> None:
    """Build the Cleaner once per process (a forked worker inherits the parent's)."""
    global _state
    if _state is None or _state.config != config:
        _state = _WorkerState(config, cleaner)


def process_batch(batch: list[Item]) -> BatchResult:
    """Clean every item of a batch; a bad record becomes an error, never an exception.

    The batch's documents are decoded first and cleaned together
    (``Cleaner._clean_batch``: the heuristics score the lines of all its text documents
    at once, the same results as one by one); then each is written or failed in turn,
    in input order. A batch holds at most ``runner.BATCH_RECORDS`` records or
    ``runner.BATCH_BYTES`` bytes, so memory stays bounded."""
    state = _state
    if state is None:
        raise RuntimeError("init_worker was not called")
    out = BatchResult()
    lines: list[bytes] = []
    config = state.config
    to_jsonl = config.output == OUTPUT_JSONL
    to_records = config.output == OUTPUT_PARQUET
    decoded: list[tuple[Item, DocumentRequest | Exception]] = []
    for item in batch:
        out.stats.records += 1
        out.stats.bytes_in += item.size
        if item.kind == SKIP:
            out.stats.skipped += 1
            continue
        try:
            if item.kind == BAD:
                raise RecordError(str((item.info or {}).get("reason", "bad record")))
            decoded.append((item, config.given.apply(decode_item(item, config.fields, config.encoding))))
        except Exception as exc:  # reported below, in its place among the others
            decoded.append((item, exc))
    requests = [request for _, request in decoded if isinstance(request, DocumentRequest)]
    results = iter(state.cleaner._clean_batch([{"text": r.text, **r.clean_args()} for r in requests]))
    for item, request in decoded:
        try:
            if not isinstance(request, DocumentRequest):
                raise request
            result = next(results)
            if isinstance(result, Exception):
                raise result
            # serialised here, inside the record's own try: a value that cannot be
            # written fails this record, not the batch
            if to_jsonl or to_records:
                record = request.record
                record.update(result.output_fields())
                record = config.selection.apply(record)
                if to_jsonl:
                    line = output_line(record)
            else:
                body = result.body
                writable(body)
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
        if result.metadata.get(HELD_BACK_KEY):
            out.stats.learned_held_back += 1
        for seg in result.removed:
            out.stats.count_removed(
                seg.category or "other", seg.rule or "unknown", len(seg.text.encode("utf-8"))
            )
        if to_jsonl:
            lines.append(line)
        elif to_records:
            out.records.append((item.where(), record))
        else:
            out.bodies.append((body_name(item), body))
    if lines:
        out.chunk = state.compress(b"".join(lines))
    return out


def output_line(record: dict[str, Any]) -> bytes:
    """One JSONL output line as UTF-8; RecordError for what JSON or UTF-8 cannot hold."""
    try:
        return (json.dumps(record, ensure_ascii=False, allow_nan=False, default=json_default) + "\n").encode(
            "utf-8"
        )
    except UnicodeEncodeError as exc:  # before ValueError: it is one
        raise RecordError(_surrogate_reason(exc)) from None
    except ValueError:
        raise RecordError("record holds a NaN or Infinity number, which JSON does not allow") from None


def writable(text: str) -> None:
    """Refuse text that cannot be written as UTF-8 (a lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RecordError(_surrogate_reason(exc)) from None


def _surrogate_reason(exc: UnicodeEncodeError) -> str:
    char = exc.object[exc.start : exc.start + 1]
    return (
        f"record holds a lone surrogate ({ascii(char)}), which is not Unicode and cannot be written as UTF-8"
    )


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
    if item.kind == PARQUET and item.info is not None:
        entry["record"] = row_json(item.info["row"]).decode("utf-8")  # encoded only when it failed
        return entry
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


__all__ = ["TEXT", "HTML", "WorkConfig", "BatchResult", "init_worker", "process_batch"]
