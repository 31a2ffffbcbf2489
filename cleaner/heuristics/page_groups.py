"""The raw-dump classifier's page-context columns for a group of raw dumps at once, each
page's the same as alone.

A raw dump's columns are its own page's context (its main block, runs, windows,
terminators, stage one's scores around each line), so ``features`` and ``layout`` read
one page at a time; on pages of a few hundred lines numpy's cost per call outweighs the
work. Here the pages of a group lie one after the other in one array and every column
is made by a few calls over all of them, with nothing crossing a page's edge: shifts
are cut at each page's first and last line, runs break between pages, a sum of whole
numbers (characters, gains, counts of 0/1 lines) comes from one running sum over the
group less the page's offset (exact in any order), and a float window mean reads its
own page's running sum (one row per page of a padded array: a running sum along a row
adds the same numbers in the same order as on the page alone, where one sum over the
group, less each page's offset, would round differently). Every value is computed by
the very operations of the one-page functions, so the columns are bit for bit theirs
(tests/heuristics/test_page_groups.py); the model's products stay one per page.
"""

from __future__ import annotations

import numpy as np

from cleaner.heuristics.features import FAR, NEAR, RUN_GAP, RUN_KEEP, LayoutInputs
from cleaner.heuristics.layout import (
    DATE_DIGIT_SHARE,
    DATE_MAX_WORDS,
    MARK_RADIUS,
    REPEAT_LINE_COST,
    REPEAT_MIN,
    SHAPE_RADIUS,
    SHORT_LINE_COST,
    TITLE_HEAD_LINES,
    TITLE_MIN_WORDS,
    _around,
    list_markers,
    main_block,
    shape_buckets,
)
from cleaner.heuristics.terminators import TERMINATOR, TERMINATOR_FAMILIES, TERMINATOR_MAX_WORDS
from cleaner.heuristics.windows import padded_prefix

RAMP_SCALE = 4  # features._run_columns: the before/after ramps reach 1.0 a quarter of the page away


class Group:
    """Where each page of a group lies in the group's lines: ``starts``, one more entry
    past the last page; the per-line page index and position within the page."""

    def __init__(self, sizes: list[int]) -> None:
        self.sizes = np.array(sizes, dtype=np.int64)
        self.starts = np.zeros(len(sizes) + 1, dtype=np.int64)
        np.cumsum(self.sizes, out=self.starts[1:])
        self.total = int(self.starts[-1])
        self.page_of = np.repeat(np.arange(len(sizes)), self.sizes)  # each line's page
        self.local = np.arange(self.total) - self.starts[:-1][self.page_of]  # its line number on its page
        self.n_of = self.sizes[self.page_of]  # its page's line count
        self.widest = int(self.sizes.max()) if len(sizes) else 0
        # the group's lines as cells of a grid of one row per page (row-major order)
        self.in_grid = np.arange(self.widest) < self.sizes[:, None]

    def pages(self, columns: dict[str, np.ndarray]) -> list[dict[str, np.ndarray]]:
        """Each page's slice of the group's ``columns``, in page order (views, no copies)."""
        starts = self.starts.tolist()
        return [{name: values[a:b] for name, values in columns.items()} for a, b in zip(starts, starts[1:])]

    def grid(self, values: np.ndarray) -> np.ndarray:
        """The lines' ``values`` as one row per page, padded with zeros to the longest page."""
        out = np.zeros((len(self.sizes), self.widest))
        out[self.in_grid] = values
        return out


def window_means(group: Group, values: np.ndarray, radii: tuple[int, ...], pad: int) -> list[np.ndarray]:
    """``windows.window_mean`` of ``values`` within each of ``radii`` lines (all at most
    ``pad``), page by page: 0.0 on pages of fewer than two lines."""
    grid = group.grid(values)
    padded = padded_prefix(grid, pad)  # the zeros past a page's end keep its total as is
    width = group.widest
    out = []
    for radius in radii:
        upper = padded[:, pad + radius + 1 : pad + radius + 1 + width]
        lower = padded[:, pad - radius : pad - radius + width]
        sums = (upper - lower - grid)[group.in_grid]
        sizes = np.minimum(group.local, radius) + np.minimum(group.n_of - 1 - group.local, radius)
        means = np.zeros(group.total)
        counted = sizes > 0  # a page of one line has no other line: 0.0, as window_mean gives
        means[counted] = sums[counted] / sizes[counted]
        out.append(means)
    return out


def stage2_extra(group: Group, s1: np.ndarray, len_log: np.ndarray) -> dict[str, np.ndarray]:
    """The STAGE2_EXTRA columns of the group's lines (``s1``: stage one's probabilities,
    ``len_log``: the lines' ``len_log`` column), each page's as ``stage2_columns`` makes them."""
    s1 = np.asarray(s1, dtype=np.float64)
    first = group.starts[:-1][group.sizes > 0]
    last = group.starts[1:][group.sizes > 0] - 1
    prev = np.zeros(group.total)
    prev[1:] = s1[:-1]
    prev[first] = 0.0
    following = np.zeros(group.total)
    following[:-1] = s1[1:]
    following[last] = 0.0
    # at a page's edges its only neighbour stands in twice (a page of one line: itself)
    before = prev.copy()
    after = following.copy()
    several = group.sizes[group.sizes > 0] > 1
    before[first] = np.where(several, s1[np.minimum(first + 1, last)], s1[first])
    after[last] = np.where(several, s1[np.maximum(last - 1, first)], s1[last])
    near, far = window_means(group, s1, (NEAR, FAR), FAR)
    out = {
        "s1": s1,
        "s1_prev": prev,
        "s1_next": following,
        "s1_near": near,
        "s1_far": far,
        "s1_max_near": np.maximum(before, after),
        "s1_min_near": np.minimum(before, after),
    }
    out.update(run_columns(group, s1, len_log))
    return out


def run_columns(group: Group, s1: np.ndarray, len_log: np.ndarray) -> dict[str, np.ndarray]:
    """``features._run_columns`` of each page of the group: runs of kept lines (bridging
    RUN_GAP lines, never a page's edge), each run's share of its page's largest, and
    the ramps before and after that largest run."""
    total = group.total
    kept_flags = s1 >= RUN_KEEP
    kept = np.flatnonzero(kept_flags)
    spread = np.zeros(total)
    main_first = group.starts[:-1].copy()  # pages without a kept line: no main run, no ramp
    main_last = group.starts[:-1] - 1
    if len(kept):
        owner = group.page_of[kept]
        breaks = np.flatnonzero((np.diff(kept) > RUN_GAP + 1) | (np.diff(owner) != 0)) + 1
        bounds = [0, *breaks.tolist(), len(kept)]
        kept_sizes = len_log[kept].tolist()
        sizes = [sum(kept_sizes[a:b]) for a, b in zip(bounds, bounds[1:])]  # left to right, as per page
        kept_list = kept.tolist()
        run_page = owner[bounds[:-1]].tolist()
        biggest: dict[int, int] = {}  # page -> its largest run (the first of equal ones)
        for run, page in enumerate(run_page):
            best = biggest.get(page)
            if best is None or sizes[run] > sizes[best]:
                biggest[page] = run
        for run, page in enumerate(run_page):
            top = sizes[biggest[page]]
            spread[kept_list[bounds[run]] : kept_list[bounds[run + 1] - 1] + 1] = sizes[run] / top
        for page, run in biggest.items():
            main_first[page] = kept_list[bounds[run]]
            main_last[page] = kept_list[bounds[run + 1] - 1]
    line = np.arange(total)
    first_of = main_first[group.page_of]
    last_of = main_last[group.page_of]
    inv = 1.0 / group.n_of
    to_main = first_of - line
    from_main = line - last_of
    return {
        "run_share": spread * kept_flags,  # 0.0 on the bridged lines
        "in_main": ((line >= first_of) & (line <= last_of)).astype(np.float64),
        "before_main": np.where(to_main > 0, np.minimum(to_main * inv * RAMP_SCALE, 1.0), 0.0),
        "after_main": np.where(
            (from_main > 0) & (last_of >= first_of), np.minimum(from_main * inv * RAMP_SCALE, 1.0), 0.0
        ),
    }


def layout_group(group: Group, inputs: LayoutInputs) -> tuple[dict[str, np.ndarray], list[int], list[int]]:
    """``layout.layout_columns`` of each page of the group (``inputs``: the pages' inputs one
    after the other, ``first_seen`` numbered within each page), and each page's main block
    (first and last line within the page; (n, -1) for none). The main blocks are found
    page by page (a maximum-sum stretch per page); runs, windows and distances break at
    the pages' edges, and every sum across lines is of whole numbers (exact in any order)."""
    (
        texts,
        lengths,
        words,
        long_,
        terminal,
        title_case,
        bullet,
        first_seen,
        counts,
        phrase_line,
        points,
        digits,
    ) = inputs
    sizes = group.sizes.tolist()
    starts = group.starts.tolist()
    total_lines = group.total
    page_of, local, n_of = group.page_of, group.local, group.n_of
    firsts, lasts = main_blocks(group, lengths, long_)
    has_block = np.array([last >= 0 for last in lasts], dtype=bool)
    first_of = np.array(firsts, dtype=np.int64)[page_of]
    last_of = np.array(lasts, dtype=np.int64)[page_of]
    block_here = has_block[page_of]
    block_in = ((local >= first_of) & (local <= last_of)).astype(np.float64)
    before = np.where(block_here, np.maximum(first_of - local, 0), 0)
    after = np.where(block_here, np.maximum(local - last_of, 0), 0)
    # characters up to each line's end, within its page (whole numbers: one sum for the group)
    ends_all = np.cumsum(lengths)
    offsets = np.zeros(len(sizes), dtype=np.int64)
    offsets[1:] = ends_all[group.starts[1:-1] - 1]
    ends = ends_all - offsets[page_of]
    nonempty = group.sizes > 0
    page_total = np.zeros(len(sizes))
    page_total[nonempty] = ends[group.starts[1:][nonempty] - 1]
    page_total[page_total == 0] = 1.0  # float(ends[-1]) or 1.0
    total = page_total[page_of]
    safe_first = np.where(has_block, np.array(firsts), 0) + group.starts[:-1]
    safe_last = np.where(has_block, np.array(lasts), 0) + group.starts[:-1]
    safe_first = np.minimum(safe_first, max(total_lines - 1, 0))
    safe_last = np.minimum(safe_last, max(total_lines - 1, 0))
    block_start = (ends[safe_first] - lengths[safe_first]).astype(np.float64)[page_of]
    block_end = ends[safe_last].astype(np.float64)[page_of]
    chars_before = np.where(block_here, np.maximum(block_start - ends, 0) / total, 0.0)
    chars_after = np.where(block_here, np.maximum(ends - lengths - block_end, 0) / total, 0.0)
    markers = np.maximum(list_markers(texts, points), bullet)
    # runs of like lines, broken at each page's first line
    change = np.zeros(total_lines, dtype=bool)
    change[1:] = long_[1:] != long_[:-1]
    change[group.starts[1:-1][group.starts[1:-1] < total_lines]] = True
    change[0] = False
    run_id = np.cumsum(change)
    run_sizes = np.bincount(run_id)
    run_terminal = (np.bincount(run_id, weights=terminal) / run_sizes)[run_id]
    run_title = (np.bincount(run_id, weights=title_case) / run_sizes)[run_id]
    run_marker = (np.bincount(run_id, weights=markers) / run_sizes)[run_id]
    shapes = shape_buckets(words, terminal)
    same = np.zeros(total_lines)
    for step in range(1, SHAPE_RADIUS + 1):
        pairs = (shapes[step:] == shapes[:-step]) & (page_of[step:] == page_of[:-step])
        same[step:] += pairs
        same[:-step] += pairs
    shape_sizes = np.minimum(local, SHAPE_RADIUS) + np.minimum(n_of - 1 - local, SHAPE_RADIUS)
    same_shape = same / np.maximum(shape_sizes, 1)  # a page of one line: 0.0, no other line
    short = 1.0 - long_
    repeated = counts > 1
    heads = np.flatnonzero(repeated & (local < TITLE_HEAD_LINES) & (words >= TITLE_MIN_WORDS))
    title_seen = np.full(len(sizes), -1, dtype=np.int64)  # per page, its title's first_seen
    if len(heads):
        head_pages, first_head = np.unique(page_of[heads], return_index=True)
        title_seen[head_pages] = first_seen[heads[first_head]]
    title_repeat = (first_seen == title_seen[page_of]).astype(np.float64)
    above, below = _phrase_distances(group, phrase_line)
    marks_repeat = ((counts >= REPEAT_MIN) & (long_ == 0)).astype(np.float64)
    dated = ((digits >= DATE_DIGIT_SHARE) & (words <= DATE_MAX_WORDS)).astype(np.float64)
    block_pos = np.zeros(total_lines)
    inside = block_in > 0
    block_pos[inside] = (ends[inside] - block_start[inside]) / (block_end[inside] - block_start[inside])
    core_in = block_in.copy()
    marked = np.bincount(page_of, weights=marks_repeat * block_in, minlength=len(sizes)) > 0
    for k in np.flatnonzero(marked).tolist():
        a, b = starts[k], starts[k + 1]
        core_first, core_last = main_block(
            lengths[a:b], long_[a:b], SHORT_LINE_COST, marks_repeat[a:b] * REPEAT_LINE_COST
        )
        core_in[a:b] = _around(core_first, core_last, local[a:b])[0]
    repeat_near, date_near = counted_means(group, np.array((marks_repeat, dated)), MARK_RADIUS)
    columns = {
        "block_in": block_in,
        "block_before": np.log1p(before),
        "block_after": np.log1p(after),
        "block_chars_before": chars_before,
        "block_chars_after": chars_after,
        "run_lines": np.log1p(run_sizes[run_id]) * short,
        "run_terminal": run_terminal,
        "run_title": run_title,
        "run_marker": run_marker,
        "run_marker_in_block": run_marker * block_in * short,
        "short_in_block": short * block_in,
        "same_shape": same_shape,
        "repeat_first": (repeated & (first_seen == local)).astype(np.float64),
        "title_repeat": title_repeat,
        "phrase_above": 1.0 / (1.0 + above),
        "phrase_below": 1.0 / (1.0 + below),
        "long_outside_block": long_ * (1.0 - block_in),
        "repeat_near": repeat_near,
        "date_near": date_near,
        "block_pos": block_pos,
        "core_in": core_in,
    }
    return columns, firsts, lasts


def counted_means(group: Group, rows: np.ndarray, radius: int) -> np.ndarray:
    """``windows.mean_within`` of each row of ``rows`` (0/1 columns of the group's lines)
    within ``radius`` lines, page by page, from one running sum over the group: its sums
    are whole numbers, exact in any order, so a window's sum (the running sum at the
    window's end less that before its start, both cut at the line's page's edges) is the
    very number the page's own running sum gives. 0.0 on pages of fewer than two lines."""
    total = group.total
    prefix = np.zeros((len(rows), total + 1))
    np.cumsum(rows, axis=-1, out=prefix[:, 1:])
    page_first = group.starts[:-1][group.page_of]
    line = np.arange(total)
    upper = np.minimum(group.local, group.n_of - 1 - radius) + radius + page_first + 1
    lower = np.maximum(line - radius, page_first)
    sums = prefix[:, upper] - prefix[:, lower] - rows
    sizes = np.minimum(group.local, radius) + np.minimum(group.n_of - 1 - group.local, radius)
    # a page of one line has no other line: its sum is 0.0, and so is its mean
    return sums / np.maximum(sizes, 1)  # type: ignore[no-any-return]


def _phrase_distances(group: Group, phrase_line: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``layout.phrase_distances`` of each page: the nearest phrase line above and below
    within the line's own page (infinity where there is none)."""
    total = group.total
    index = np.arange(total)
    page_first = group.starts[:-1][group.page_of]
    page_end = group.starts[1:][group.page_of]
    marked = np.where(phrase_line > 0, index, -1)
    last = np.full(total, -1)
    last[1:] = np.maximum.accumulate(marked)[:-1]
    above = np.where(last >= page_first, index - last, np.inf)
    marked_below = np.where(phrase_line > 0, index, total)
    following = np.full(total, total)
    following[:-1] = np.minimum.accumulate(marked_below[::-1])[::-1][1:]
    below = np.where(following < page_end, following - index, np.inf)
    return above, below


def terminator_group(
    group: Group,
    lengths: np.ndarray,
    words: np.ndarray,
    phrase_line: np.ndarray,
    families: list[str | None],
    firsts: list[int],
    lasts: list[int],
) -> dict[str, np.ndarray]:
    """``terminators.terminator_columns`` of each page of the group (``firsts``, ``lasts``:
    each page's main block, within the page). The block's characters above a terminator
    are whole numbers, so one running sum over the group, less the characters before the
    block, gives the very share the page's own sum gives."""
    total = group.total
    columns = {name: np.zeros(total) for name in TERMINATOR}
    starts = group.starts.tolist()
    block_first = np.array([a + first for a, first in zip(starts, firsts)], dtype=np.int64)
    block_last = np.array([a + last for a, last in zip(starts, lasts)], dtype=np.int64)
    has_block = block_last >= block_first
    line = np.arange(total)
    candidates = (phrase_line > 0) & (words <= TERMINATOR_MAX_WORDS)
    candidates &= has_block[group.page_of] & (line >= block_first[group.page_of])
    found = np.flatnonzero(candidates).tolist()
    if not found:
        return columns
    ends = np.cumsum(lengths).tolist()  # characters up to each line's end, over the group
    page_of = group.page_of.tolist()
    left: dict[int, set[str]] = {}
    for j in found:
        page = page_of[j]
        families_left = left.setdefault(page, set(TERMINATOR_FAMILIES))
        family = families[j]
        if family not in families_left:
            continue
        families_left.discard(family)
        first, last = int(block_first[page]), int(block_last[page])
        before_block = ends[first - 1] if first else 0
        block_total = float(ends[last] - before_block) or 1.0
        above = float(ends[min(j, last)] - before_block) if j > first else 0.0
        columns[f"below_{family}"][j + 1 : last + 1] = above / block_total
    return columns


def main_blocks(group: Group, lengths: np.ndarray, long_: np.ndarray) -> tuple[list[int], list[int]]:
    """``layout.main_block`` of each page of the group, as lines within the page ((n, -1)
    for a page without a long line). The gains are whole numbers, so one running sum
    over the group less each page's offset is each page's own; the running minimum
    restarts at each page's first line because every page's sums are pushed below all
    the earlier pages' ones (by more than the group's whole range of sums)."""
    sizes = group.sizes.tolist()
    starts = group.starts.tolist()
    if not all(sizes):  # reduceat needs every page to hold a line
        blocks = [main_block(lengths[a:b], long_[a:b]) for a, b in zip(starts, starts[1:])]
        return [first for first, _ in blocks], [last for _, last in blocks]
    page_of = group.page_of
    heads = group.starts[:-1]
    gain = np.where(long_ > 0, lengths, -SHORT_LINE_COST)
    running = np.cumsum(gain)
    offsets = running[heads] - gain[heads]  # the group's sum before each page
    upto = running - offsets[page_of]  # the page's prefix sum past each line (prefix[1:])
    before = upto - gain  # ... and before it (prefix[:-1])
    reach = 2 * int(np.abs(gain).sum()) + 1
    pushed = page_of * reach
    lowest = np.minimum.accumulate(before - pushed) + pushed
    score = upto - lowest
    line = np.arange(group.total)
    best = np.maximum.reduceat(score, heads)
    last = np.minimum.reduceat(np.where(score == best[page_of], line, group.total), heads)
    at_lowest = (before == lowest[last][page_of]) & (line <= last[page_of])
    first = np.maximum.reduceat(np.where(at_lowest, line, -1), heads)  # the latest start at the lowest sum
    has_long = np.bincount(page_of, weights=long_, minlength=len(sizes)) > 0
    firsts = np.where(has_long, first - heads, group.sizes).tolist()
    lasts = np.where(has_long, last - heads, -1).tolist()
    return firsts, lasts


def context_means(
    group: Group, len_log: np.ndarray, long_: np.ndarray, terminal: np.ndarray
) -> dict[str, np.ndarray]:
    """``features._context_means`` of each page of the group, by name (CONTEXT): the float
    ``len_log`` from its own page's running sum (``window_means``), the 0/1 columns from
    one over the group (``counted_means``)."""
    near_len, far_len = window_means(group, len_log, (NEAR, FAR), FAR)
    far_long, far_terminal = counted_means(group, np.array((long_, terminal)), FAR)
    return {"near_len": near_len, "far_len": far_len, "far_long": far_long, "far_terminal": far_terminal}
