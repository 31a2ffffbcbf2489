"""Stage two's context columns for a group of raw dumps at once, each page's the same as alone.

A raw dump's columns are its own page's context, so ``features.stage2_columns`` reads one
page at a time; on pages of a few hundred lines numpy's cost per call outweighs the
work. Here the pages of a group lie one after the other in one array and every column
is made by a few calls over all of them, with nothing crossing a page's edge: shifts
are cut at each page's first and last line, runs of kept lines break between pages,
and a float window mean reads its own page's running sum (one row per page of a padded
array: a running sum along a row adds the same numbers in the same order as on the page
alone, where one sum over the group, less each page's offset, would round differently).
Every value is computed by the very operations of the one-page functions, so the
columns are bit for bit theirs (tests/heuristics/test_page_groups.py).
"""

from __future__ import annotations

import numpy as np

from cleaner.heuristics.features import FAR, NEAR, RUN_GAP, RUN_KEEP
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
