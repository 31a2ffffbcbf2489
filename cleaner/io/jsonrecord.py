"""One JSON line to one record object, with a reason a person can act on."""

from __future__ import annotations

import json
from typing import Any


def parse_json_object(line: str) -> dict[str, Any]:
    """Parse a JSON line that must hold an object; ValueError says what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"broken JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(record, dict):
        raise ValueError(f"a JSON line must be an object, not {type(record).__name__}")
    return record
