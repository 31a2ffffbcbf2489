"""Read a corpus folder: gold cases for `cleaner eval`, rule tests and benches.

Layout (docs/design.md section 5)::

    corpus/<outlet>/<name>.txt | <name>.html   the document
    corpus/<outlet>/<name>.body.txt            its gold body (required)
    corpus/<outlet>/<name>.meta.yaml           optional: url, language, date, notes,
                                               must_keep / must_drop (string lists)

The outlet is the folder name (usually a registered domain). Files directly
under the root, and folders below an outlet folder, are ignored. Every
problem is a CorpusError naming the file (and line, for YAML).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.errors import CleanerError
from cleaner.outlets.yamlsource import LocatedDict, YamlProblem, load_yaml

GOLD_SUFFIX = ".body.txt"
META_SUFFIX = ".meta.yaml"
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm")
META_STRING_KEYS = ("url", "language", "date", "notes")
META_LIST_KEYS = ("must_keep", "must_drop")


class CorpusError(CleanerError):
    """A corpus folder or case is malformed; the message names the file."""


@dataclass(frozen=True)
class Case:
    """One document of the corpus with its gold answer."""

    outlet: str
    name: str
    path: Path
    content: str
    is_html: bool
    gold_body: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str | None:
        value = self.meta.get("url")
        return value if isinstance(value, str) and value else None

    @property
    def must_keep(self) -> list[str]:
        return list(self.meta.get("must_keep") or [])

    @property
    def must_drop(self) -> list[str]:
        return list(self.meta.get("must_drop") or [])


def iter_cases(root: str | Path) -> Iterator[Case]:
    """Yield every case under ``root``, sorted by outlet then name."""
    base = Path(root)
    if not base.is_dir():
        raise CorpusError(f"{base}: not a corpus folder")
    for outlet_dir in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for path in sorted(outlet_dir.iterdir()):
            if is_document(path):
                yield read_case(outlet_dir.name, path)


def is_document(path: Path) -> bool:
    """A case's document file (not its gold body or metadata)."""
    name = path.name
    return (
        path.is_file()
        and not name.startswith(".")
        and name.endswith(DOCUMENT_SUFFIXES)
        and not name.endswith(GOLD_SUFFIX)
    )


def read_case(outlet: str, path: Path) -> Case:
    """Read one document, its gold body and its metadata."""
    stem = path.name[: -len(path.suffix)]
    gold_path = path.with_name(stem + GOLD_SUFFIX)
    if not gold_path.is_file():
        raise CorpusError(f"{path}: no gold body (expected {gold_path.name})")
    meta_path = path.with_name(stem + META_SUFFIX)
    meta = read_meta(meta_path) if meta_path.is_file() else {}
    return Case(
        outlet=outlet,
        name=stem,
        path=path,
        content=read_text(path),
        is_html=path.suffix.lower() in (".html", ".htm"),
        gold_body=read_text(gold_path),
        meta=meta,
    )


def read_text(path: Path) -> str:
    """UTF-8 text of a corpus file, with a one-line error otherwise."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror}") from None


def read_meta(path: Path) -> dict[str, Any]:
    """The metadata mapping, with known keys checked for type."""
    try:
        data = load_yaml(read_text(path))
    except YamlProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise CorpusError(f"{where}: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, LocatedDict):
        raise CorpusError(f"{path}:1: metadata must be a YAML mapping")
    meta: dict[str, Any] = {}
    for key, value in data.items():
        line = data.key_lines.get(key, data.line)
        if key in META_STRING_KEYS and value is not None:
            value = str(value)
        elif key in META_LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise CorpusError(f"{path}:{line}: '{key}' must be a list of strings")
            value = list(value)
        meta[key] = value
    return meta


__all__ = ["Case", "CorpusError", "iter_cases", "read_case", "is_document"]
