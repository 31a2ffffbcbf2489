"""The data a rule or lexicon file is read into: mappings and lists that know their lines.

Kept apart from the YAML reader (yamlsource.py), which imports PyYAML: a start that finds
every shipped file prebuilt (prebuilt.py) needs these types, never the reader.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


class YamlProblem(ValueError):
    """A YAML file cannot be read; ``line`` is 1-based where known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class LocatedDict(dict):  # type: ignore[type-arg]
    """A mapping that also knows the 1-based line of itself and each key."""

    line: int
    key_lines: dict[str, int]


class LocatedList(list):  # type: ignore[type-arg]
    """A sequence that knows the 1-based line of itself and each item."""

    line: int
    item_lines: list[int]


# ``load_yaml``'s result as JSON data and back (outlets/prebuilt.py keeps shipped files'
# data so): a mapping or a list becomes a list opening with its tag and lines, a date a
# tagged list too; strings, numbers, booleans and null stay themselves.
_MAPPING, _SEQUENCE, _DATE, _DATETIME = "map", "seq", "date", "datetime"


def to_plain(value: Any) -> Any:
    """``value`` (from ``load_yaml``) as JSON-ready data that ``from_plain`` turns back."""
    if isinstance(value, LocatedDict):
        flat: list[Any] = []
        for key, item in value.items():
            flat += [key, value.key_lines[key], to_plain(item)]
        return [_MAPPING, value.line, flat]
    if isinstance(value, LocatedList):
        return [_SEQUENCE, value.line, list(value.item_lines), [to_plain(item) for item in value]]
    if isinstance(value, dt.datetime):
        return [_DATETIME, value.isoformat()]
    if isinstance(value, dt.date):
        return [_DATE, value.isoformat()]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"no plain form for a YAML value of type {type(value).__name__}")


def from_plain(value: Any) -> Any:
    """The located data ``to_plain`` was given."""
    if type(value) is not list:
        return value
    tag = value[0]
    if tag == _MAPPING:
        result = LocatedDict()
        result.line = value[1]
        result.key_lines = key_lines = {}
        flat = value[2]
        for at in range(0, len(flat), 3):
            key = flat[at]
            key_lines[key] = flat[at + 1]
            result[key] = from_plain(flat[at + 2])
        return result
    if tag == _SEQUENCE:
        items = LocatedList(map(from_plain, value[3]))
        items.line = value[1]
        items.item_lines = list(value[2])  # its own: the stored value serves every later load
        return items
    if tag == _DATETIME:
        return dt.datetime.fromisoformat(value[1])
    if tag == _DATE:
        return dt.date.fromisoformat(value[1])
    raise ValueError(f"unknown plain YAML tag {tag!r}")
