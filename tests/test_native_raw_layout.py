"""The raw-dump layout columns' compiled twin (cleaner/native/raw_layout.c) gives, float for
float, what ``layout.layout_columns_python`` gives: on every page the labeler reads as a raw
dump from the corpus cases, the hostile strings and random texts, and on random arrays
(pages without a long line, of one and two lines, with repeats and phrase lines).
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest

from cleaner import native
from cleaner.engine import Cleaner
from cleaner.heuristics import features, layout
from tests.paths import CORPUS
from tests.test_native import HOSTILE, compiled

pytestmark = pytest.mark.skipif(native.MODULE is None, reason="the compiled twin is not live")

SEED = 18
RANDOM_PAGES = 60
WORDS = ["the", "council", "Home", "News", "Reply", "1.", "2)", "12.", "•", "2024", "said.", "end?", "A"]


def _random_text(rng: random.Random) -> str:
    """A page of short and long lines, some repeated, some numbered, some dated."""
    lines: list[str] = []
    for _ in range(rng.randint(1, 120)):
        if lines and rng.random() < 0.2:
            lines.append(rng.choice(lines))
            continue
        size = rng.choice([1, 2, 3, 5, 9, 14, 30])
        lines.append(" ".join(rng.choice(WORDS) for _ in range(size)))
    return "\n".join(lines)


def _recorded_inputs(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """What ``stage1_columns`` hands ``layout_columns`` while the cleaner cleans ``texts``."""
    seen: list[tuple[Any, ...]] = []
    original = features.layout_columns

    def record(*inputs: Any) -> dict[str, np.ndarray]:
        seen.append(inputs)
        return original(*inputs)

    monkeypatch.setattr(features, "layout_columns", record)
    cleaner = Cleaner()
    for text in texts:
        cleaner.clean(text)
    return seen


def _assert_same(inputs: tuple[Any, ...]) -> None:
    twin = layout.layout_columns(*inputs)
    reference = layout.layout_columns_python(*inputs)
    assert list(twin) == list(reference) == list(layout.LAYOUT)
    for name in layout.LAYOUT:
        got = [float(v).hex() for v in twin[name]]
        want = [float(v).hex() for v in np.asarray(reference[name], dtype=np.float64)]
        assert got == want, name


def test_the_twin_gives_the_python_columns_on_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(SEED)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))] + HOSTILE
    texts += [_random_text(rng) for _ in range(RANDOM_PAGES)]
    seen = _recorded_inputs(texts, monkeypatch)
    assert len(seen) >= 20  # the pages read as raw dumps (the others take another path)
    for inputs in seen:
        _assert_same(inputs)


def _random_inputs(rng: np.random.Generator, n: int) -> tuple[Any, ...]:
    """Arrays as ``stage1_line_columns`` makes them, drawn at random."""
    texts = [rng.choice(["1. x", "2) y", "12.z", "ab", "9", "• q"]) for _ in range(n)]
    lengths = rng.integers(1, 400, n)
    words = rng.integers(0, 40, n)
    long_ = (words >= features.LONG_WORDS).astype(np.float64) * (rng.random() < 0.8)
    first_seen = np.minimum(np.arange(n), rng.integers(0, n, n) if rng.random() < 0.5 else np.arange(n))
    first_seen = features.first_occurrences(first_seen.tolist())
    counts = np.bincount(first_seen, minlength=n)[first_seen]
    flags = [(rng.random(n) < p).astype(np.float64) for p in (0.3, 0.4, 0.1, 0.05)]
    first_points = np.array([ord(t[0]) for t in texts], dtype=np.uint32)
    digits = rng.random(n) * 0.3 if rng.random() < 0.8 else None
    terminal, title, bullet, phrase = flags
    return (
        texts,
        lengths,
        words,
        long_,
        terminal,
        title,
        bullet,
        first_seen,
        counts,
        phrase,
        first_points,
        digits,
    )


def test_the_twin_gives_the_python_columns_on_random_arrays() -> None:
    rng = np.random.default_rng(SEED)
    for n in [1, 2, 3, 5, 16, 17, 200] * 20:
        _assert_same(_random_inputs(rng, n))


def test_the_twin_refuses_bad_arguments() -> None:
    module = compiled()
    assert module is not None
    one = np.zeros(1)
    ints = np.zeros(1, dtype=np.int64)
    good = [ints, ints, one, one, one, one, ints, ints, one, None]
    assert len(module.raw_layout(*good)) == len(layout.LAYOUT) * 8
    with pytest.raises(TypeError):
        module.raw_layout(*good[:-1])
    with pytest.raises(TypeError):
        module.raw_layout(one, *good[1:])  # float64 lengths
    with pytest.raises(TypeError):
        module.raw_layout(ints, ints, np.zeros(2), *good[3:])  # a column of another length
    with pytest.raises(TypeError):
        module.raw_layout("text", *good[1:])
    with pytest.raises(ValueError):
        module.raw_layout(np.zeros(0, dtype=np.int64), *good[1:])
