"""``--keep-fields`` / ``--drop-fields``: which fields a record output keeps.

Dumps often carry a huge ``html`` field that nobody needs once the body is
out; these options shape the output record without a second pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cleaner.result import OUTPUT_FIELDS


@dataclass(frozen=True)
class FieldSelection:
    """``keep``: the input fields to keep (None: all), the added output fields always
    stay; ``drop``: fields to remove from the output record, added ones included."""

    keep: tuple[str, ...] | None = None
    drop: tuple[str, ...] = ()

    @property
    def is_identity(self) -> bool:
        return self.keep is None and not self.drop

    def apply(self, record: dict[str, Any]) -> dict[str, Any]:
        """The record with the selection applied; input order is kept."""
        if self.is_identity:
            return record
        keep = None if self.keep is None else set(self.keep) | set(OUTPUT_FIELDS)
        drop = set(self.drop)
        return {k: v for k, v in record.items() if (keep is None or k in keep) and k not in drop}


def parse_field_list(value: str | None) -> tuple[str, ...] | None:
    """``"a, b,c"`` -> ``("a", "b", "c")``; None or empty -> None."""
    if not value:
        return None
    names = tuple(part.strip() for part in value.split(",") if part.strip())
    return names or None
