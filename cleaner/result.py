"""Segments and results: spans over the source, lossless by construction.

The engine never edits text. It labels blocks, and this module turns the
labels into contiguous segments whose texts concatenate back to the source.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress, count
from operator import is_not
from typing import Any

from cleaner import native
from cleaner.blocks import Block

BODY = "body"
BOILERPLATE = "boilerplate"

# The fields a cleaned record gains, in this order, in every output (JSONL, Spark,
# Scrapy, ...): each adapter takes them from Result.output_fields, so a new field
# is one change here.
OUTPUT_FIELDS: tuple[str, ...] = ("body", "removed", "outlet", "metadata")


@dataclass(frozen=True, slots=True)
class Label:
    """Why a block is boilerplate: its category and the rule that decided."""

    category: str
    rule: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the source with one decision; offsets index ``Result.source``."""

    start: int
    end: int
    kind: str
    category: str | None
    rule: str | None
    text: str

    @property
    def is_boilerplate(self) -> bool:
        return self.kind == BOILERPLATE

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "category": self.category,
            "rule": self.rule,
            "text": self.text,
        }


@dataclass(slots=True)
class Result:
    """The outcome of cleaning one document."""

    source: str
    segments: list[Segment]
    outlet: str | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def body(self) -> str:
        """The article text: body segments in order, outer white space trimmed."""
        return "".join(s.text for s in self.segments if s.kind == BODY).strip()

    @property
    def removed(self) -> list[Segment]:
        """The boilerplate segments only."""
        return [s for s in self.segments if s.kind == BOILERPLATE]

    def removed_chars_by_category(self) -> dict[str, int]:
        """Characters removed per category, for run summaries and counters."""
        counts: dict[str, int] = {}
        for seg in self.removed:
            key = seg.category or "other"
            counts[key] = counts.get(key, 0) + (seg.end - seg.start)
        return counts

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view: body, removed spans, outlet and metadata."""
        return {
            "body": self.body,
            "removed": [
                {
                    "start": s.start,
                    "end": s.end,
                    "category": s.category,
                    "rule": s.rule,
                    "text": s.text,
                }
                for s in self.removed
            ],
            "outlet": self.outlet,
            "metadata": dict(self.metadata),
        }

    def output_fields(self) -> dict[str, Any]:
        """The fields of OUTPUT_FIELDS that a cleaned record gains; ``metadata`` only
        when something was found, so records of plain text stay small."""
        data = self.to_dict()
        if not data["metadata"]:
            del data["metadata"]
        return data


def build_segments_python(
    source: str, blocks: Sequence[Block], labels: Sequence[Label | None]
) -> list[Segment]:
    """Merge labelled blocks into segments that cover ``source`` exactly (``build_segments``'
    pure-Python form: the reference and the fallback of the compiled one).

    A block owns its own text and the white space after it (the first block
    also owns any leading white space), so removing a block removes its line
    break too and the body keeps the input's own separators. Neighbouring
    blocks with the same decision merge into one segment.
    """
    if len(blocks) != len(labels):
        raise ValueError("one label per block is required")
    if not blocks:
        if not source:
            return []
        return [Segment(0, len(source), BODY, None, None, source)]
    segments: list[Segment] = []
    run_start = 0
    run_label = labels[0]
    for i in _changes(labels):
        label = labels[i]
        if label != run_label:
            cut = blocks[i].start
            segments.append(_make_segment(source, run_start, cut, run_label))
            run_start, run_label = cut, label
    segments.append(_make_segment(source, run_start, len(source), run_label))
    return segments


if native.MODULE is not None:
    _native_build_segments = native.MODULE.build_segments

    def build_segments(source: str, blocks: Sequence[Block], labels: Sequence[Label | None]) -> list[Segment]:
        """Merge labelled blocks into segments that cover ``source`` exactly: the compiled
        twin of ``build_segments_python`` (the same segments, built without a Python call each)."""
        if len(blocks) != len(labels):
            raise ValueError("one label per block is required")
        if not blocks:
            return build_segments_python(source, blocks, labels)
        return _native_build_segments(Segment, source, blocks, labels, BODY, BOILERPLATE)

else:
    build_segments = build_segments_python


def _changes(labels: Sequence[Label | None]) -> Iterator[int]:
    """Indexes whose label is another object than the one before it.

    Labels are mostly shared constants (or None), so an identity test in C
    rules out most blocks before the (Python-level) dataclass ``!=`` runs.
    Equal labels that are distinct objects still reach the caller's test.
    """
    labels = list(labels)
    return compress(count(1), map(is_not, labels[1:], labels))


def _make_segment(source: str, start: int, end: int, label: Label | None) -> Segment:
    if label is None:
        return Segment(start, end, BODY, None, None, source[start:end])
    return Segment(start, end, BOILERPLATE, label.category, label.rule, source[start:end])
