"""The compiled build_segments compares result.Label in C (native/label_runs.c): the
segments must be build_segments_python's for every mix of None, shared labels, equal
labels that are other objects, labels sharing one field, and objects of another type."""

from __future__ import annotations

import random

from cleaner.blocks import split_blocks_python
from cleaner.result import Label, Segment, build_segments, build_segments_python
from tests.test_native import HOSTILE, compiled

SEED = 23
RANDOM_PAGES = 300


class _OddLabel:
    """Not a Label: its != says "equal" to everything, so only Python's answer is right."""

    def __init__(self, category: str, rule: str) -> None:
        self.category = category
        self.rule = rule

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


class _LabelChild(Label):
    """A subclass: its own __eq__ is Python's business, never the C shortcut's."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Label) and other.category == self.category


def _choices() -> list[object]:
    share = Label("share", "share-line")
    return [
        None,
        share,
        share,
        Label("share", "share-line"),  # equal, another object
        Label("share", "menu"),  # the same category, another rule
        Label("navigation", "share-line"),  # another category, the same rule
        Label("navigation", "menu"),
        _OddLabel("odd", "odd"),
        _LabelChild("share", "child"),
    ]


def _check(text: str, labels: list[object]) -> None:
    blocks = split_blocks_python(text)
    labels = labels[: len(blocks)]
    got = build_segments(text, blocks, labels)  # type: ignore[arg-type]
    assert got == build_segments_python(text, blocks, labels)  # type: ignore[arg-type]
    assert all(type(segment) is Segment for segment in got)


def test_labels_compare_as_python_compares_them() -> None:
    if compiled() is None:
        return
    rng = random.Random(SEED)
    choices = _choices()
    texts = [*HOSTILE, "\n".join(f"line {k}" for k in range(200))]
    for _ in range(RANDOM_PAGES):
        text = rng.choice(texts)
        _check(text, [rng.choice(choices) for _ in range(len(split_blocks_python(text)))])
    lines = "\n".join(f"line {k}" for k in range(len(choices) ** 2 * 2))
    pairs = [label for a in choices for b in choices for label in (a, b)]  # every pair, both orders
    _check(lines, pairs)
