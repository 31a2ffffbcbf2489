"""The raw-dump columns' compiled twins (cleaner/native/raw_layout.c) give, float for float,
what their Python originals give: ``layout.layout_columns`` against ``layout_columns_python``,
``features.stage1_line_columns`` with ``raw_lines``, ``window_means`` and ``stop_shares``, and
``stage2_columns`` with ``raw_stage2`` against themselves without them, on every
page the labeler reads as a raw dump from the corpus cases, the hostile strings and random
texts, and the layout on random arrays (pages without a long line, of one and two lines,
with repeats and phrase lines).
"""

from __future__ import annotations

import random
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from cleaner import native
from cleaner.engine import Cleaner
from cleaner.heuristics import features, labeler, layout
from tests.paths import CORPUS
from tests.test_native import HOSTILE, compiled

needs_twin = pytest.mark.skipif(native.MODULE is None, reason="the compiled twins are not live")

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


def _texts() -> list[str]:
    """The corpus cases, the hostile strings and random texts."""
    rng = random.Random(SEED)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))] + HOSTILE
    return texts + [_random_text(rng) for _ in range(RANDOM_PAGES)]


def _recorded(
    name: str, monkeypatch: pytest.MonkeyPatch, module: ModuleType = features
) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    """The arguments ``<module>.<name>`` is called with while the cleaner cleans ``_texts``."""
    seen: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    original = getattr(module, name)

    def record(*args: Any, **kwargs: Any) -> Any:
        seen.append((args, kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, record)
    cleaner = Cleaner()
    for text in _texts():
        cleaner.clean(text)
    monkeypatch.undo()
    return seen


def _hexes(values: Any) -> list[str] | str:
    """``values`` (a column or a page constant) as float.hex, for an exact comparison."""
    if isinstance(values, float):
        return values.hex()
    return [float(v).hex() for v in np.asarray(values, dtype=np.float64)]


def _assert_same(inputs: tuple[Any, ...]) -> None:
    twin = layout.layout_columns(*inputs)
    reference = layout.layout_columns_python(*inputs)
    assert list(twin) == list(reference) == list(layout.LAYOUT)
    for name in layout.LAYOUT:
        assert _hexes(twin[name]) == _hexes(reference[name]), name


@needs_twin
def test_the_twin_gives_the_python_columns_on_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _recorded("layout_columns", monkeypatch)
    assert len(seen) >= 20  # the pages read as raw dumps (the others take another path)
    for inputs, _ in seen:
        _assert_same(inputs)


@needs_twin
@pytest.mark.parametrize("context", [True, False])
def test_raw_lines_give_the_python_line_columns(monkeypatch: pytest.MonkeyPatch, context: bool) -> None:
    seen = _recorded("stage1_line_columns", monkeypatch)
    assert len(seen) >= 20
    for args, kwargs in seen:
        kwargs = {**kwargs, "context": context}
        twin, twin_inputs = features.stage1_line_columns(*args, **kwargs)
        monkeypatch.setattr(features, "_native_raw_lines", None)
        monkeypatch.setattr(features, "_native_stop_shares", None)
        reference, inputs = features.stage1_line_columns(*args, **kwargs)
        monkeypatch.undo()
        assert list(twin) == list(reference)
        for name in reference:
            assert _hexes(twin[name]) == _hexes(reference[name]), name
        for name, got, want in zip(inputs._fields[1:], twin_inputs[1:], inputs[1:]):
            assert np.asarray(got).dtype == np.asarray(want).dtype, name
            assert np.array_equal(got, want), name


def _random_inputs(rng: np.random.Generator, n: int) -> tuple[Any, ...]:
    """Arrays as ``stage1_line_columns`` makes them, drawn at random."""
    shapes = ["1. x", "2) y", "12.z", "ab", "9", "• q", "1\u0663.", "4\U0001d7d8)", "7a.", "٣.", ""]
    texts = [shapes[k] for k in rng.integers(0, len(shapes), n)]
    lengths = rng.integers(1, 400, n)
    words = rng.integers(0, 40, n)
    long_ = (words >= features.LONG_WORDS).astype(np.float64) * (rng.random() < 0.8)
    first_seen = np.minimum(np.arange(n), rng.integers(0, n, n) if rng.random() < 0.5 else np.arange(n))
    first_seen = features.first_occurrences(first_seen.tolist())
    counts = np.bincount(first_seen, minlength=n)[first_seen]
    flags = [(rng.random(n) < p).astype(np.float64) for p in (0.3, 0.4, 0.1, 0.05)]
    first_points = np.array([ord(t[0]) if t else 0 for t in texts], dtype=np.uint32)
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


@needs_twin
def test_the_twin_gives_the_python_columns_on_random_arrays() -> None:
    rng = np.random.default_rng(SEED)
    for n in [1, 2, 3, 5, 16, 17, 200] * 20:
        _assert_same(_random_inputs(rng, n))


@needs_twin
def test_the_twin_refuses_bad_arguments() -> None:
    module = compiled()
    assert module is not None
    one = np.zeros(1)
    ints = np.zeros(1, dtype=np.int64)
    good = [ints, ints, one, one, one, one, ints, ints, one, None, ["1."]]
    assert len(module.raw_layout(*good)) == len(layout.LAYOUT) * 8
    with pytest.raises(TypeError):
        module.raw_layout(*good[:-1])
    with pytest.raises(TypeError):
        module.raw_layout(*good[:-1], [b"1."])
    with pytest.raises(TypeError):
        module.raw_layout(*good[:-1], ["1.", "2."])  # a text per line
    with pytest.raises(TypeError):
        module.raw_layout(*good[:-1], ("1.",))
    with pytest.raises(TypeError):
        module.raw_layout(one, *good[1:])  # float64 lengths
    with pytest.raises(TypeError):
        module.raw_layout(ints, ints, np.zeros(2), *good[3:])  # a column of another length
    with pytest.raises(TypeError):
        module.raw_layout("text", *good[1:])
    with pytest.raises(ValueError):
        module.raw_layout(np.zeros(0, dtype=np.int64), *good[1:])


@needs_twin
def test_raw_lines_refuse_bad_arguments() -> None:
    module = compiled()
    assert module is not None
    ints = np.ones(1, dtype=np.int64)
    points = np.full(1, 0x1F600, dtype=np.uint32)  # astral: in neither set
    good = [ints, ints, points, points, np.ones(1, dtype=bool), ints, ".", "•"]
    rows, longs, few = module.raw_lines(*good)
    assert len(rows) == len(features._RAW_LINE_ROWS) * 8 and (longs, few) == (0, 1)
    with pytest.raises(TypeError):
        module.raw_lines(*good[:-1])
    with pytest.raises(TypeError):
        module.raw_lines(*good[:6], ".", b"*")
    with pytest.raises(TypeError):
        module.raw_lines(*good[:6], "x" * 65, "*")
    with pytest.raises(TypeError):
        module.raw_lines(ints, np.ones(2, dtype=np.int64), *good[2:])
    with pytest.raises(TypeError):
        module.raw_lines(ints, ints, ints, *good[3:])  # int64 code points
    with pytest.raises(ValueError):
        module.raw_lines(np.zeros(0, dtype=np.int64), *good[1:])


def _assert_same_stage2(cols: dict[str, Any], s1: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    twin = features.stage2_columns(cols, s1)
    monkeypatch.setattr(features, "_native_raw_stage2", None)
    reference = features.stage2_columns(cols, s1)
    monkeypatch.undo()
    assert list(twin) == list(reference)
    for name in reference:
        assert _hexes(twin[name]) == _hexes(reference[name]), name


@needs_twin
def test_raw_stage2_gives_the_python_stage_two_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _recorded("stage2_columns", monkeypatch, labeler)
    assert len(seen) >= 20
    for (cols, s1), _ in seen:
        _assert_same_stage2(cols, s1, monkeypatch)
    rng = np.random.default_rng(SEED)
    for trial in range(600):  # runs of kept lines split and bridged, none kept, all at 0.5
        n = int(rng.integers(1, 80))
        s1 = rng.random(n) ** float(rng.choice([0.3, 1.0, 3.0]))
        if trial % 7 == 0:
            s1[:] = features.RUN_KEEP
        elif trial % 11 == 0:
            s1[:] = 0.0
        _assert_same_stage2({"len_log": np.log1p(rng.integers(1, 300, n))}, s1, monkeypatch)


@needs_twin
def test_window_means_and_raw_stage2_refuse_bad_arguments() -> None:
    module = compiled()
    assert module is not None
    values = np.arange(4.0)
    assert len(module.window_means(((values, 2), (values, 0)))) == 2 * 4 * 8
    for bad in [(), [(values, 2)], ((values,),), ((values, 2.0),), ((values, 2), (np.arange(3.0), 2))]:
        with pytest.raises(TypeError):
            module.window_means(bad)
    with pytest.raises(TypeError):
        module.window_means(((np.arange(4), 2),))  # int64 values
    with pytest.raises(ValueError):
        module.window_means(((values, -1),))
    with pytest.raises(ValueError):
        module.window_means(((np.zeros(0), 1),))
    assert len(module.raw_stage2(values, values)) == len(features._STAGE2_ROWS) * 4 * 8
    with pytest.raises(TypeError):
        module.raw_stage2(values)
    with pytest.raises(TypeError):
        module.raw_stage2(values, np.arange(3.0))
    with pytest.raises(TypeError):
        module.raw_stage2(values.astype(np.float32), values)
    with pytest.raises(ValueError):
        module.raw_stage2(np.zeros(0), np.zeros(0))


# Short words of one to four characters in one to four UTF-8 bytes each: the stop-word test
# counts characters, the compiled one from the words' bytes.
STOP_WORDS = ["a", "é", "ça", "née", "über", "日本", "\U0001f600", "straße", "x" * 5, "ab\u00e9cd"]


def _stop_pages() -> list[list[str]]:
    """Lower-cased pages: the corpus cases and hostile strings, and random short-word pages."""
    rng = random.Random(SEED)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))] + HOSTILE
    for _ in range(RANDOM_PAGES):
        lines = [" ".join(rng.choice(STOP_WORDS) for _ in range(rng.randint(1, 12))) for _ in range(40)]
        texts.append("\n".join(lines))
    return [text.lower().split("\n") for text in texts]


@needs_twin
def test_stop_shares_give_the_python_column(monkeypatch: pytest.MonkeyPatch) -> None:
    for lines in _stop_pages():
        page = "\n".join(lines)
        tokens = features.token_counts(lines)
        words = np.array([max(count, 1) for count in tokens], dtype=np.int64)
        data = page.encode("utf-8", "surrogatepass")
        spaced: list[bytes | None] = [None]
        if "\ud800" not in page and "\udfff" not in page and features.ascii_spaced(data):
            spaced.append(data)
        for form in spaced:
            twin = features._stop_shares(page, tokens, words, form)
            monkeypatch.setattr(features, "_native_stop_shares", None)
            reference = features._stop_shares(page, tokens, words, form)
            monkeypatch.undo()
            assert _hexes(twin) == _hexes(reference)


@needs_twin
def test_stop_shares_refuse_bad_arguments() -> None:
    module = compiled()
    assert module is not None
    first = np.array([0, 1, 0], dtype=np.int64)
    words = np.array([2, 1], dtype=np.int64)
    column = np.frombuffer(module.stop_shares(first, [0, 1], [1, 9], [2, 1], words), np.float64)
    assert column.tolist() == [0.5, 1.0]  # the 9-character token is no stop word
    bounds = np.array([0, 1, 2, 9], dtype=np.int64)
    assert (
        len(module.stop_shares(first[:2], [1], (b"a " + "ééé".encode() + b"a", bounds), [1, 1], words)) == 16
    )
    with pytest.raises(ValueError):
        module.stop_shares(first, [0], [1], [2, 2], words)  # more tokens per line than tokens
    with pytest.raises(ValueError):
        module.stop_shares(first, [0], [1], [1, 1], words)  # fewer
    with pytest.raises(ValueError):
        module.stop_shares(first, [3], [1], [2, 1], words)  # a ranked position past the tokens
    with pytest.raises(ValueError):
        module.stop_shares(np.array([0, 5, 0], dtype=np.int64), [0], [1], [2, 1], words)
    with pytest.raises(ValueError):
        module.stop_shares(first[:2], [1], (b"a", bounds), [1, 1], words)  # bounds past the data
    with pytest.raises(TypeError):
        module.stop_shares(first, [0], [1, 2], [2, 1], words)  # a length per ranked token
    with pytest.raises(TypeError):
        module.stop_shares(first, (0,), [1], [2, 1], words)
    with pytest.raises(TypeError):
        module.stop_shares(first.astype(np.float64), [0], [1], [2, 1], words)
    with pytest.raises(TypeError):
        module.stop_shares(first, [0], ("a", bounds), [2, 1], words)


def test_the_pure_path_runs_the_python_originals() -> None:
    """Where the extension is off (CLEANER_PURE=1, or not built) no twin is wired in."""
    if native.MODULE is not None:
        assert layout.layout_columns is not layout.layout_columns_python
        return
    assert layout.layout_columns is layout.layout_columns_python
    twins = ("_native_raw_lines", "_native_window_means", "_native_raw_stage2", "_native_stop_shares")
    assert all(getattr(features, name) is None for name in twins)
