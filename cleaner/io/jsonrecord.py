"""One JSON line to one record object, with a reason a person can act on."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any


def parse_json_object(line: str) -> dict[str, Any]:
    """Parse a JSON line that must hold an object; ValueError says what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        # some of json's messages end in "at" themselves ("Invalid control character at")
        reason = exc.msg.removesuffix(" at")
        raise ValueError(f"broken JSON: {reason} at column {exc.colno}") from None
    if not isinstance(record, dict):
        raise ValueError(f"a JSON line must be an object, not {type(record).__name__}")
    return record


def json_default(value: Any) -> Any:
    """JSON for the typed values of a Parquet row: dates and times as ISO text, bytes as
    base64, decimals and anything else as its text. A TypeError would fail the record."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return str(value)


def row_json(row: dict[str, Any]) -> bytes:
    """A typed record (a Parquet row) as one JSON line, bytes as base64 and dates ISO:
    how the errors file keeps it whole."""
    return json.dumps(row, ensure_ascii=False, default=json_default).encode("utf-8", "surrogatepass")
