"""Documents read in process, for the commands that handle a few at a time.

``explain`` shows one document and ``learn`` reads the pages of one outlet; both
read through the same sources, readers and record decoding as ``clean``
(``sources.py`` -> ``readers.py`` -> ``records.py``), so a file counts as html,
a JSONL record's fields are found, and a bad record is reported the same way
in every command. Unlike ``clean``, which writes a bad record to its errors
file and goes on, these stop at the first bad record with an ``InputError``
naming it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from cleaner.errors import InputError
from cleaner.io.encoding import AUTO
from cleaner.io.items import BAD, SKIP
from cleaner.io.readers import iter_items
from cleaner.io.records import DocumentRequest, FieldMap, RecordError, decode_item
from cleaner.io.sources import expand_inputs


def read_documents(
    inputs: Sequence[str],
    fields: FieldMap | None = None,
    forced_format: str = "auto",
    limit: int | None = None,
    encoding: str = AUTO,
) -> Iterator[tuple[str, DocumentRequest]]:
    """``(where, request)`` for every document of the inputs, in order, at most ``limit``.

    Folders are read recursively, known document and record files only (not a
    corpus's gold ``.body.txt`` or its ``.meta.yaml``).
    """
    fields = fields or FieldMap()
    count = 0
    for source in expand_inputs(tuple(inputs), forced_format, only_known=True):
        for item in iter_items(source):
            if item.kind == SKIP:
                continue
            where = item.where()
            if item.kind == BAD:
                raise InputError(f"{where}: {(item.info or {}).get('reason', 'bad record')}")
            try:
                request = decode_item(item, fields, encoding)
            except RecordError as exc:
                raise InputError(f"{where}: {exc}") from None
            yield where, request
            count += 1
            if limit is not None and count >= limit:
                return


def read_one_document(
    path: str, forced_format: str = "auto", fields: FieldMap | None = None, encoding: str = AUTO
) -> DocumentRequest:
    """The document of one file (or ``-`` for stdin); of a JSONL, Parquet or WARC file, its
    first record."""
    for _where, request in read_documents([path], fields, forced_format, 1, encoding):
        return request
    name = "<stdin>" if path == "-" else path
    raise InputError(f"{name}: no document in it")
