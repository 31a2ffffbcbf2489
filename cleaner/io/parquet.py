"""Parquet input and output (extra ``parquet``, pyarrow), streamed by row groups.

Reading: one row group is decoded at a time and cut into rows, so memory holds
one row group however large the file is. Each row becomes one work item: its
typed values travel in ``info["row"]`` (so the output keeps every column's
type), and its JSON form in ``data`` (sizes, batching, and the whole record in
the errors file).

Writing: the output keeps every input column in input order and adds ``body``,
``removed`` (a list of structs), ``outlet`` and ``metadata`` (a JSON string:
its keys differ from page to page, and a column's type must not). Rows are
buffered up to a row group's worth and written; nothing else is held.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from cleaner.errors import CleanerError, require_extra
from cleaner.io.compression import compression_of
from cleaner.io.fieldselect import FieldSelection
from cleaner.io.items import PARQUET, Item, bad
from cleaner.io.jsonrecord import json_default
from cleaner.io.remote import is_url, open_write
from cleaner.io.sources import Source

READ_ROWS = 256  # rows decoded into Python objects at a time (a row group may hold millions)
ROW_GROUP_ROWS = 8192  # rows written per row group: big enough for good column compression ...
ROW_GROUP_BYTES = 64 << 20  # ... or this many bytes of Arrow data, whichever comes first
METADATA_FIELD = "metadata"


class ParquetError(CleanerError):
    """Parquet inputs or outputs that cannot work together."""


def require_pyarrow(purpose: str) -> None:
    require_extra("pyarrow.parquet", "parquet", purpose)


def parquet_items(source: Source) -> Iterator[Item]:
    """Every row of a Parquet file as an item, row group by row group."""
    import pyarrow.parquet as pq

    if source.once:
        yield bad(
            source.name,
            None,
            None,
            b"",
            "Parquet input must be a file, not a stream (it is read from its end)",
        )
        return
    if source.path is not None and compression_of(source.path) is not None:
        yield bad(
            source.name,
            None,
            None,
            b"",
            "compressed Parquet file; Parquet compresses its own columns, use the .parquet file",
        )
        return
    try:
        raw = source.open_raw()
    except OSError as exc:
        yield bad(source.name, None, None, b"", f"cannot read: {exc.strerror or exc}")
        return
    with raw:
        try:
            # pre_buffer off: with it, pyarrow keeps the ranges it read ahead for the life
            # of the reader, and memory grows with the file (1 GB: +700 MiB)
            reader = pq.ParquetFile(raw, pre_buffer=False)
        except Exception as exc:  # pyarrow raises ArrowInvalid, OSError ... for a file that is not Parquet
            yield bad(source.name, None, None, b"", f"not a readable Parquet file: {exc}")
            return
        number = 0
        try:
            for batch in reader.iter_batches(batch_size=READ_ROWS):
                for row in batch.to_pylist():
                    number += 1
                    yield Item(PARQUET, source.name, number, None, b"", {"row": row, "size": row_size(row)})
        except Exception as exc:  # a damaged row group: the rows before it are kept
            yield bad(source.name, number + 1, None, b"", f"cannot read further: {exc}")


def row_size(row: dict[str, Any]) -> int:
    """About the bytes of a row: its text and binary values (characters count as bytes)."""
    return sum(len(v) for v in row.values() if isinstance(v, str | bytes)) or 1


def input_schema(sources: list[Source]) -> Any:
    """The Arrow schema all Parquet inputs share; None when an input is not Parquet (the
    output's columns then come from the first records)."""
    import pyarrow.parquet as pq

    if not sources or any(s.fmt != PARQUET or s.path is None or s.problem for s in sources):
        return None
    schema = None
    for source in sources:
        try:
            with source.open_raw(track=False) as raw:
                found = pq.read_schema(raw)
        except Exception:  # unreadable: that file fails as a record when it is read
            continue
        found = found.remove_metadata()
        if schema is None:
            schema = found
        elif not found.equals(schema):
            raise ParquetError(
                f"{source.name}: its columns differ from the first Parquet input's; "
                "clean files with different columns in separate runs"
            )
    return schema


def output_schema(base: Any, selection: FieldSelection) -> Any:
    """The input columns (selected) in order, then the added ones; an input column of the
    same name as an added one takes the added type in its own place."""
    import pyarrow as pa

    added = _added_fields()
    fields = []
    for item in base:
        if selection.apply({item.name: None}) == {}:
            continue
        fields.append(added.pop(item.name, item))
    fields += [f for name, f in added.items() if selection.apply({name: None})]
    return pa.schema(fields)


def _added_fields() -> dict[str, Any]:
    import pyarrow as pa

    removed = pa.struct(
        [
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("category", pa.string()),
            ("rule", pa.string()),
            ("text", pa.string()),
        ]
    )
    return {
        "body": pa.field("body", pa.string()),
        "removed": pa.field("removed", pa.list_(removed)),
        "outlet": pa.field("outlet", pa.string()),
        METADATA_FIELD: pa.field(METADATA_FIELD, pa.string()),
    }


def inferred_schema(records: list[dict[str, Any]]) -> Any:
    """The input columns of a non-Parquet input (JSONL, WARC), from its first batch of
    records: keys in first-seen order, each column's type as Arrow infers it; a column
    that is null throughout, or whose values disagree, becomes a string column (records
    whose values then do not fit go to the errors file)."""
    import pyarrow as pa

    added = _added_fields()
    keys = [k for k in dict.fromkeys(k for r in records for k in r) if k not in added]
    fields = []
    for key in keys:
        try:
            kind = pa.array([r.get(key) for r in records]).type
        except (pa.ArrowException, TypeError, ValueError):
            kind = pa.string()
        fields.append(pa.field(key, pa.string() if pa.types.is_null(kind) else kind))
    return pa.schema(fields)


def _for_arrow(record: dict[str, Any]) -> dict[str, Any]:
    metadata = record.get(METADATA_FIELD)
    if isinstance(metadata, dict):
        record = dict(record)
        record[METADATA_FIELD] = json.dumps(metadata, ensure_ascii=False, default=json_default)
    return record


class ParquetSink:
    """Writes output records as row groups of one Parquet file (local or fsspec URL)."""

    def __init__(self, path: str, base_schema: Any, selection: FieldSelection) -> None:
        self.path = path
        self._selection = selection
        self._schema: Any = output_schema(base_schema, selection) if base_schema is not None else None
        self._writer: Any = None
        self._handle: BinaryIO | None = None
        self._pending: list[Any] = []
        self._pending_rows = 0
        self._pending_bytes = 0
        self.size = 0

    def write(self, records: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
        """Queue records; returns error entries for those that do not fit the columns."""
        if not records:
            return []
        import pyarrow as pa

        if self._schema is None:
            self._schema = output_schema(inferred_schema([r for _, r in records]), self._selection)
        rows = [_for_arrow(r) for _, r in records]
        errors: list[dict[str, Any]] = []
        try:
            self._check_keys(rows)
            table = pa.Table.from_pylist(rows, schema=self._schema)
        except (pa.ArrowException, TypeError, ValueError, ParquetError):
            table, errors = self._one_by_one(records, rows)
        if table is not None and table.num_rows:
            self._queue(table)
        return errors

    def _check_keys(self, rows: list[dict[str, Any]]) -> None:
        names = set(self._schema.names)
        for row in rows:
            extra = [k for k in row if k not in names]
            if extra:
                raise ParquetError(
                    f"field {extra[0]!r} is not one of the Parquet output's columns "
                    "(they are fixed by the first records); use --drop-fields or JSONL output"
                )

    def _one_by_one(
        self, records: list[tuple[str, dict[str, Any]]], rows: list[dict[str, Any]]
    ) -> tuple[Any, list[dict[str, Any]]]:
        """The slow path of a batch with a bad record: keep the good ones, report the bad."""
        import pyarrow as pa

        good: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        for (where, record), row in zip(records, rows):
            try:
                self._check_keys([row])
                pa.Table.from_pylist([row], schema=self._schema)
            except (pa.ArrowException, TypeError, ValueError, ParquetError) as exc:
                errors.append(_error_entry(where, record, f"cannot be written to Parquet: {exc}"))
                continue
            good.append(row)
        return (pa.Table.from_pylist(good, schema=self._schema) if good else None), errors

    def _queue(self, table: Any) -> None:
        self._pending.append(table)
        self._pending_rows += table.num_rows
        self._pending_bytes += table.nbytes
        if self._pending_rows >= ROW_GROUP_ROWS or self._pending_bytes >= ROW_GROUP_BYTES:
            self._write_pending()

    def _write_pending(self) -> None:
        if not self._pending:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._writer is None:
            self._handle = open_write(self.path) if is_url(self.path) else open(self.path, "wb")  # noqa: SIM115
            self._writer = pq.ParquetWriter(self._handle, self._schema)
        table = pa.concat_tables(self._pending)
        self._writer.write_table(table, row_group_size=max(table.num_rows, 1))
        self._pending, self._pending_rows, self._pending_bytes = [], 0, 0

    def flush(self) -> None:
        """Row groups are written when full; a half-full one waits for close."""

    def close(self) -> None:
        """Write what is left and the footer. A run with no record still writes a valid
        file, with the input's columns when they are known."""
        import pyarrow.parquet as pq

        self._write_pending()
        if self._writer is None:
            self._handle = open_write(self.path) if is_url(self.path) else open(self.path, "wb")  # noqa: SIM115
            schema = self._schema if self._schema is not None else output_schema([], self._selection)
            self._writer = pq.ParquetWriter(self._handle, schema)
        self._writer.close()
        if self._handle is not None:
            self._handle.close()


def _error_entry(where: str, record: dict[str, Any], reason: str) -> dict[str, Any]:
    source, _, line = where.rpartition(":")
    entry: dict[str, Any] = {"input": source or where}
    if line.isdigit():
        entry["line"] = int(line)
    entry["reason"] = reason
    entry["record"] = json.dumps(record, ensure_ascii=False, default=json_default)
    return entry
