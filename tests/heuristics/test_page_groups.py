"""Columns made for a group of raw dumps at once (``page_groups``) are bit for bit each
page's own (``features.stage2_columns`` on the page alone): pages of one, two and three
lines, pages where stage one keeps no line or every line, runs that would join across
two pages' edge, and pages of a raw dump's usual size."""

from __future__ import annotations

import numpy as np
import pytest

from cleaner.heuristics.features import (
    CONTEXT,
    LONG_WORDS,
    STAGE2_EXTRA,
    LayoutInputs,
    _context_means,
    first_occurrences,
    stage2_columns,
)
from cleaner.heuristics.layout import LAYOUT, layout_columns, main_block
from cleaner.heuristics.page_groups import Group, context_means, layout_group, stage2_extra, terminator_group
from cleaner.heuristics.terminators import TERMINATOR, terminator_columns


def page(n: int, rng: np.random.Generator, kept_share: float = 0.4) -> tuple[np.ndarray, np.ndarray]:
    """Stage one's probabilities and ``len_log`` of a page of ``n`` lines: most lines
    menu-like and dropped, a stretch of prose kept, as on a raw dump."""
    s1 = rng.uniform(0.0, 0.49, n)
    s1[rng.uniform(size=n) < kept_share] = rng.uniform(0.5, 1.0)
    return s1, np.log1p(rng.integers(1, 400, n)).astype(np.float64)


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and a.dtype == b.dtype and bool((a.view(np.int64) == b.view(np.int64)).all())


def check(pages: list[tuple[np.ndarray, np.ndarray]]) -> None:
    group = Group([len(s1) for s1, _ in pages])
    together = stage2_extra(
        group, np.concatenate([s1 for s1, _ in pages]), np.concatenate([ll for _, ll in pages])
    )
    assert sorted(together) == sorted(STAGE2_EXTRA)
    at = 0
    for s1, len_log in pages:
        alone = stage2_columns({"len_log": len_log}, s1)
        for name in STAGE2_EXTRA:
            part = np.ascontiguousarray(together[name][at : at + len(s1)], dtype=np.float64)
            assert same_bits(part, np.asarray(alone[name], dtype=np.float64)), (name, len(s1))
        at += len(s1)


@pytest.mark.parametrize("seed", range(20))
def test_random_groups_match_each_page(seed: int) -> None:
    rng = np.random.default_rng(seed)
    sizes = rng.choice([1, 2, 3, 4, 7, 60, 240, 900], size=rng.integers(1, 12))
    check([page(int(n), rng, float(rng.uniform(0.0, 1.0))) for n in sizes])


def test_tiny_pages_and_pages_without_kept_lines() -> None:
    rng = np.random.default_rng(7)
    nothing_kept = (np.full(5, 0.1), np.log1p(np.arange(1.0, 6.0)))
    all_kept = (np.full(4, 0.9), np.log1p(np.arange(1.0, 5.0)))
    check([page(1, rng), page(2, rng), page(3, rng), nothing_kept, all_kept, page(1, rng, 1.0)])
    check([nothing_kept])
    check([page(1, rng, 0.0)])


def test_runs_do_not_join_across_pages() -> None:
    """The last kept line of one page and the first of the next lie within RUN_GAP lines
    of each other in the group: still two pages' runs, each its page's largest."""
    ends_kept = (np.array([0.1, 0.1, 0.1, 0.9]), np.log1p(np.array([5.0, 5.0, 5.0, 50.0])))
    opens_kept = (np.array([0.9, 0.1, 0.1, 0.1, 0.1]), np.log1p(np.array([9.0, 5.0, 5.0, 5.0, 5.0])))
    check([ends_kept, opens_kept, ends_kept])
    group = Group([4, 5])
    cols = stage2_extra(
        group, np.concatenate([ends_kept[0], opens_kept[0]]), np.concatenate([ends_kept[1], opens_kept[1]])
    )
    assert cols["in_main"].tolist() == [0, 0, 0, 1, 1, 0, 0, 0, 0]


MENU = ["Home", "News", "Sport", "Reply", "Share", "12 March 2024, 14:05", "Reply", "3 replies"]
PROSE = [
    "The council approved the new budget on Tuesday after a long debate about how the money should be spent.",
    "Residents who attended the meeting said they were worried about rising costs and fewer bus services.",
    "1. Preheat the oven and grease a tin with a little butter before you start.",
    "A spokesperson said the plan would be reviewed again next spring, when the figures are in.",
]


def layout_page(n: int, rng: np.random.Generator) -> LayoutInputs:
    """A raw dump of ``n`` lines: menu lines, repeated ones, dates, prose, a headline repeated."""
    texts = [str(rng.choice(MENU + PROSE)) for _ in range(n)]
    lengths = np.fromiter(map(len, texts), np.int64, n)
    words = np.array([len(t.split()) for t in texts], dtype=np.int64)
    long_ = (words >= LONG_WORDS).astype(np.float64)
    terminal = np.array([t[-1] in ".!?" for t in texts], dtype=np.float64)
    first_seen = first_occurrences(texts)
    counts = np.bincount(first_seen, minlength=n)[first_seen]
    return LayoutInputs(
        texts,
        lengths,
        words,
        long_,
        terminal,
        np.array([t.istitle() for t in texts], dtype=np.float64),
        (rng.uniform(size=n) < 0.1).astype(np.float64),
        first_seen,
        counts,
        np.array([t in ("Share", "Reply") for t in texts], dtype=np.float64),
        np.array([ord(t[0]) for t in texts], dtype=np.uint32),
        np.array([sum(c.isdigit() for c in t) / len(t) for t in texts]),
    )


def check_layout(pages: list[LayoutInputs]) -> None:
    group = Group([len(p.texts) for p in pages])
    joined = LayoutInputs(
        [t for p in pages for t in p.texts], *(np.concatenate(part) for part in list(zip(*pages))[1:])
    )
    together, firsts, lasts = layout_group(group, joined)
    assert sorted(together) == sorted(LAYOUT)
    at = 0
    for k, inputs in enumerate(pages):
        n = len(inputs.texts)
        alone = layout_columns(*inputs)
        assert (firsts[k], lasts[k]) == main_block(inputs.lengths, inputs.long)
        for name in LAYOUT:
            part = np.ascontiguousarray(together[name][at : at + n], dtype=np.float64)
            assert same_bits(part, np.asarray(alone[name], dtype=np.float64)), (name, n)
        at += n


@pytest.mark.parametrize("seed", range(20))
def test_layout_of_random_groups_matches_each_page(seed: int) -> None:
    rng = np.random.default_rng(seed)
    sizes = rng.choice([1, 2, 3, 5, 16, 80, 300], size=rng.integers(1, 12))
    check_layout([layout_page(int(n), rng) for n in sizes])


def test_layout_of_pages_without_a_long_line() -> None:
    rng = np.random.default_rng(3)
    menu_only = layout_page(6, rng)._replace(long=np.zeros(6))
    check_layout([layout_page(1, rng), menu_only, layout_page(2, rng), layout_page(3, rng), menu_only])
    check_layout([menu_only])


def check_terminators(pages: list[LayoutInputs], families: list[list[str | None]]) -> None:
    group = Group([len(p.texts) for p in pages])
    blocks = [main_block(p.lengths, p.long) for p in pages]
    together = terminator_group(
        group,
        np.concatenate([p.lengths for p in pages]),
        np.concatenate([p.words for p in pages]),
        np.concatenate([p.phrase_line for p in pages]),
        [f for fams in families for f in fams],
        [first for first, _ in blocks],
        [last for _, last in blocks],
    )
    at = 0
    for inputs, fams, (first, last) in zip(pages, families, blocks):
        n = len(inputs.texts)
        alone = terminator_columns(inputs.lengths, inputs.words, inputs.phrase_line, fams, first, last)
        for name in TERMINATOR:
            assert same_bits(np.ascontiguousarray(together[name][at : at + n]), alone[name]), (name, n)
        at += n


@pytest.mark.parametrize("seed", range(20))
def test_terminators_of_random_groups_match_each_page(seed: int) -> None:
    """Phrase lines of each family above, inside and below each page's main block, some
    of several words, some pages without a block."""
    rng = np.random.default_rng(seed)
    pages = []
    families: list[list[str | None]] = []
    for n in rng.choice([1, 2, 3, 5, 16, 80, 300], size=rng.integers(1, 12)):
        inputs = layout_page(int(n), rng)
        phrase = (rng.uniform(size=int(n)) < 0.15).astype(np.float64)
        if rng.uniform() < 0.2:
            inputs = inputs._replace(long=np.zeros(int(n)))
        pages.append(inputs._replace(phrase_line=phrase))
        families.append([str(rng.choice(["comments", "related", "share", "other"])) for _ in range(int(n))])
    check_terminators(pages, families)


@pytest.mark.parametrize("seed", range(10))
def test_context_means_of_random_groups_match_each_page(seed: int) -> None:
    """The float ``len_log`` means and the 0/1 ones, pages of one line to a few hundred."""
    rng = np.random.default_rng(seed)
    pages = [
        layout_page(int(n), rng) for n in rng.choice([1, 2, 3, 6, 11, 90, 400], size=rng.integers(1, 12))
    ]
    len_logs = [np.log1p(p.lengths) for p in pages]
    group = Group([len(p.texts) for p in pages])
    together = context_means(
        group,
        np.concatenate(len_logs),
        np.concatenate([p.long for p in pages]),
        np.concatenate([p.terminal for p in pages]),
    )
    assert sorted(together) == sorted(CONTEXT)
    at = 0
    for inputs, len_log in zip(pages, len_logs):
        n = len(inputs.texts)
        alone = dict(zip(CONTEXT, _context_means(len_log, inputs.long, inputs.terminal)))
        for name in CONTEXT:
            assert same_bits(np.ascontiguousarray(together[name][at : at + n]), alone[name]), (name, n)
        at += n
