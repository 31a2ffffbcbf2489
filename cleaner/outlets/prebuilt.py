"""Prebuilt data of the shipped files, so a start does not parse some fifty YAML files.

``prebuilt.json`` (beside this module, shipped in the package) maps a key to a value
built once from source files: the located data of a rule file, the merged lexicon.
A key is a digest of everything the value was built from, the source bytes and the
code that builds it, so an edited file (or loader) simply finds no entry and is read
from its source as before: the store can make a start slower, never wrong.

``bench/prebuild.py`` writes the file from the entries its owners build
(``rules.prebuilt_rule_entries``, ``lexicon.prebuilt_lexicon_entry``); the tests fail
when it is not exactly what they build now.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import Any

PREBUILT_PATH = Path(__file__).resolve().parent / "prebuilt.json"
# Bumped when the file's layout changes; an old file then counts as empty.
PREBUILT_FORMAT = 1

_entries: dict[str, Any] | None = None
_entries_lock = threading.Lock()


def digest(*parts: bytes) -> str:
    """A key over ``parts`` in order (each length-prefixed, so parts cannot run together)."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


def code_of(module_file: str) -> bytes:
    """The source of a module (its ``__file__``), part of the keys of what it builds;
    empty where the source is not installed (then its keys match no entry)."""
    try:
        return Path(module_file).read_bytes()
    except OSError:
        return b""


def prebuilt(key: str) -> Any | None:
    """The value stored under ``key``, or None (absent, or no readable store)."""
    return _store().get(key)


def _store() -> dict[str, Any]:
    global _entries
    with _entries_lock:
        if _entries is None:
            _entries = read_store(PREBUILT_PATH)
        return _entries


def read_store(path: Path) -> dict[str, Any]:
    """The entries of a store file; an unreadable, damaged or older one holds none (the
    sources are read instead, as without it)."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != PREBUILT_FORMAT:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def store_text(entries: dict[str, Any]) -> str:
    """The file ``bench/prebuild.py`` writes: entries sorted by key, one per line."""
    lines = [f"{json.dumps(key)}: {json.dumps(entries[key], ensure_ascii=False)}" for key in sorted(entries)]
    body = ",\n".join(lines)
    return f'{{"format": {PREBUILT_FORMAT}, "entries": {{\n{body}\n}}}}\n'


__all__ = ["PREBUILT_PATH", "code_of", "digest", "prebuilt", "read_store", "store_text"]
