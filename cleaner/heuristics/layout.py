"""Where a line sits in its page's layout: the main block of prose, runs of like lines.

A raw page dump keeps the page's reading order, so the article is one dense
stretch of long prose lines with short lines set into it (subheadings,
ingredient lists, a ranking's entries), and the chrome is runs of short lines
around it (menus, related headlines, footers). These columns say, in any
language, which side of that picture a line is on: its distance to the main
block (in lines and in characters), the run of like lines it belongs to (how
long, how much of it ends like a sentence, is Title Case or opens with a list
marker), how many lines around it share its shape, and whether it is the first
of lines the page repeats or repeats the page's title (the first line of a few
words near the top that comes again further down: the headline). A comment thread
or a run of teasers often joins the main block (its entries are prose too), so
a few columns mark what sets such entries apart in any language: short lines the
page repeats ("Reply", "Share") and date lines nearby, the line's place along the
block, and a core block that those repeated lines cut short.

Each column is one numpy array over the page's lines (runs from ``np.bincount``,
windows from prefix sums), so the cost is linear in the page and needs no
Python per line.
"""

from __future__ import annotations

import numpy as np

from cleaner import native
from cleaner.heuristics.windows import mean_within, window_sizes

# A line outside the long prose lines costs the main block this many characters: a
# subheading or a short paragraph (one line) does not split the article, a menu or a
# run of related headlines (ten lines and more) between two stretches of prose does.
SHORT_LINE_COST = 50
SHAPE_RADIUS = 5  # lines either side that vote on whether a line's shape is the usual one here
# Word-count bounds of the shape buckets (1, 2-3, 4-7, 8-11, 12-24, 25+ words), each split
# by whether the line ends like a sentence.
SHAPE_WORD_BOUNDS = np.array([2, 4, 8, 12, 25])
_DIGIT_ZERO, _DIGIT_NINE = ord("0"), ord("9")
_LIST_CLOSERS = frozenset(".)")  # "1." and "2)" open a ranking's or a recipe's steps

LAYOUT: tuple[str, ...] = (
    "block_in",
    "block_before",
    "block_after",
    "block_chars_before",
    "block_chars_after",
    "run_lines",
    "run_terminal",
    "run_title",
    "run_marker",
    "run_marker_in_block",
    "short_in_block",
    "same_shape",
    "repeat_first",
    "title_repeat",
    "phrase_above",
    "phrase_below",
    "long_outside_block",
    "repeat_near",
    "date_near",
    "block_pos",
    "core_in",
)
TITLE_HEAD_LINES = 15  # the page's title is looked for among its first lines ...
TITLE_MIN_WORDS = 3  # ... as the first of them this long that the page repeats
# A comment thread or a teaser list sets its entries apart with short lines the page
# repeats ("Reply", "Antworten", "Share", a section name): a short line seen this often ...
REPEAT_MIN = 3
MARK_RADIUS = 2  # ... or a date line, within this many lines of a line, marks its neighbourhood
DATE_DIGIT_SHARE = 0.15  # a short line with this share of digits: a date, a time, a count
DATE_MAX_WORDS = 7  # "12 March 2024, 14:05", "3 replies", "vor 2 Stunden"
# In the core block a repeated short line costs this many characters, more than most
# readers' comments and teaser summaries are long: a thread or a teaser run whose entries
# are split by "Reply" / "Share" lines falls away from the article above it, while two
# paragraphs of more than this length on either side of one such line stay joined.
# (Cross-validated, costs from 120 to 400 all beat the plain block on both sets: docs/heuristics.md.)
REPEAT_LINE_COST = 300


def main_block(
    lengths: np.ndarray, long_: np.ndarray, cost: int = SHORT_LINE_COST, extra: np.ndarray | None = None
) -> tuple[int, int]:
    """First and last line of the page's densest stretch of long prose: the stretch whose
    long lines' characters, less ``cost`` for each other line in it, sum highest
    (the maximum-sum subarray, from the running minimum of the prefix sums); ``extra``:
    what each line costs on top (a line that marks a thread's entries). (n, -1)
    when the page has no long line."""
    n = len(lengths)
    if not n or not long_.any():
        return n, -1
    gain = np.where(long_ > 0, lengths, -cost)
    if extra is not None:
        gain = gain - extra
    prefix = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(gain, out=prefix[1:])
    lowest = np.minimum.accumulate(prefix[:-1])
    last = int(np.argmax(prefix[1:] - lowest))
    head = prefix[: last + 1]
    first = last - int(np.argmin(head[::-1]))  # the latest start at the lowest sum: a long line
    return first, last


def list_markers(texts: list[str], first_points: np.ndarray | None = None) -> np.ndarray:
    """1.0 for each line that opens with a number followed by "." or ")" ("1.", "12)"):
    a ranking's or a recipe's steps (bullet signs are the ``bullet`` column's).
    ``first_points``: the code point of each line's first character, when at hand; only
    the few lines that open with a digit are looked at further."""
    if first_points is None:
        first_points = np.array([ord(text[0]) if text else 0 for text in texts], dtype=np.uint32)
    numbered = np.zeros(len(texts))
    opens = (first_points >= _DIGIT_ZERO) & (first_points <= _DIGIT_NINE)
    for j in np.flatnonzero(opens).tolist():
        head = texts[j][1:3]
        if head[:1] in _LIST_CLOSERS or (head[:1].isdigit() and head[1:2] in _LIST_CLOSERS):
            numbered[j] = 1.0
    return numbered


def like_runs(long_: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each line's run (the longest stretch of lines all long, or all not), numbered from
    0 down the page, and each run's size in lines."""
    run_id = np.zeros(len(long_), dtype=np.int64)
    np.cumsum(long_[1:] != long_[:-1], out=run_id[1:])
    return run_id, np.bincount(run_id)


def same_shape_share(shapes: np.ndarray, radius: int = SHAPE_RADIUS) -> np.ndarray:
    """Per line, the share of the other lines within ``radius`` (cut at the page's edges)
    whose shape bucket is the line's own: one comparison per distance, each counted for
    both lines of the pair."""
    n = len(shapes)
    if n < 2:
        return np.zeros(n)
    same = np.zeros(n)
    for step in range(1, min(radius, n - 1) + 1):
        pairs = shapes[step:] == shapes[:-step]
        same[step:] += pairs
        same[:-step] += pairs
    return same / window_sizes(n, radius)  # type: ignore[no-any-return]


def shape_buckets(words: np.ndarray, terminal: np.ndarray) -> np.ndarray:
    """Each line's shape: its word-count bucket, and whether it ends like a sentence."""
    return np.searchsorted(SHAPE_WORD_BOUNDS, words, side="right") * 2 + (terminal > 0)  # type: ignore[no-any-return]


def layout_columns_python(
    texts: list[str],
    lengths: np.ndarray,
    words: np.ndarray,
    long_: np.ndarray,
    terminal: np.ndarray,
    title_case: np.ndarray,
    bullet: np.ndarray,
    first_seen: np.ndarray,
    counts: np.ndarray,
    phrase_line: np.ndarray,
    first_points: np.ndarray | None = None,
    digits: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """The LAYOUT columns of a page's lines (``bullet``: the line opens with a bullet sign;
    ``first_seen``: where each line's text first occurs on the page, ``counts``: how often
    it does, ``features.first_occurrences`` and its bincount per line; ``phrase_line``:
    a lexicon phrase fills the line, such as "Related articles" or "Comments";
    ``first_points``: each line's first character as a code point, when at hand;
    ``digits``: each line's share of digits, when at hand). The reference and fallback of
    ``layout_columns``."""
    n = len(texts)
    if not n:
        return {name: np.zeros(0) for name in LAYOUT}
    first, last = main_block(lengths, long_)
    index = np.arange(n)
    block_in, before, after = _around(first, last, index)
    ends = np.cumsum(lengths)  # characters up to each line's end
    total = float(ends[-1]) or 1.0
    if last >= 0:
        block_start = float(ends[first] - lengths[first])
        chars_before = np.maximum(block_start - ends, 0) / total
        chars_after = np.maximum(ends - lengths - float(ends[last]), 0) / total
    else:
        chars_before = chars_after = np.zeros(n)
    markers = np.maximum(list_markers(texts, first_points), bullet)
    run_id, sizes = like_runs(long_)
    run_terminal = (np.bincount(run_id, weights=terminal) / sizes)[run_id]
    run_title = (np.bincount(run_id, weights=title_case) / sizes)[run_id]
    run_marker = (np.bincount(run_id, weights=markers) / sizes)[run_id]
    shapes = shape_buckets(words, terminal)
    same_shape = same_shape_share(shapes)
    short = 1.0 - long_
    repeated = counts > 1
    head = np.flatnonzero(repeated[:TITLE_HEAD_LINES] & (words[:TITLE_HEAD_LINES] >= TITLE_MIN_WORDS))
    if len(head):
        title_repeat = (first_seen == first_seen[head[0]]).astype(np.float64)
    else:
        title_repeat = np.zeros(n)
    above, below = phrase_distances(phrase_line)
    marks_repeat = ((counts >= REPEAT_MIN) & (long_ == 0)).astype(np.float64)
    if digits is None:
        dated = np.zeros(n)
    else:
        dated = ((digits >= DATE_DIGIT_SHARE) & (words <= DATE_MAX_WORDS)).astype(np.float64)
    block_pos = np.zeros(n)
    if last >= 0:  # characters from the block's start to the line's end, over the block's
        block_start = float(ends[first] - lengths[first])
        block_pos[first : last + 1] = (ends[first : last + 1] - block_start) / (
            float(ends[last]) - block_start
        )
    if last >= 0 and marks_repeat[first : last + 1].any():
        core_first, core_last = main_block(lengths, long_, SHORT_LINE_COST, marks_repeat * REPEAT_LINE_COST)
        core_in = _around(core_first, core_last, index)[0]
    else:  # the extra costs only lower the other stretches' sums: the block stays the best
        core_in = block_in
    repeat_near, date_near = mean_within(np.array((marks_repeat, dated)), MARK_RADIUS)

    return {
        "block_in": block_in,
        "block_before": np.log1p(before),
        "block_after": np.log1p(after),
        "block_chars_before": chars_before,
        "block_chars_after": chars_after,
        "run_lines": np.log1p(sizes[run_id]) * short,
        "run_terminal": run_terminal,
        "run_title": run_title,
        "run_marker": run_marker,
        "run_marker_in_block": run_marker * block_in * short,
        "short_in_block": short * block_in,
        "same_shape": same_shape,
        "repeat_first": (repeated & (first_seen == index)).astype(np.float64),
        "title_repeat": title_repeat,
        "phrase_above": 1.0 / (1.0 + above),
        "phrase_below": 1.0 / (1.0 + below),
        "long_outside_block": long_ * (1.0 - block_in),  # comments, bios, other stories' summaries
        "repeat_near": repeat_near,
        "date_near": date_near,
        "block_pos": block_pos,
        "core_in": core_in,
    }


# The rows the compiled twin leaves as counts, whose log1p numpy takes (as fitted: numpy's
# SIMD log1p differs from the C library's in the last bit).
_BEFORE_AFTER = slice(LAYOUT.index("block_before"), LAYOUT.index("block_after") + 1)
_RUN_LINES = LAYOUT.index("run_lines")
assert _BEFORE_AFTER.stop - _BEFORE_AFTER.start == 2

if native.MODULE is not None:
    _native_raw_layout = native.MODULE.raw_layout

    def layout_columns(
        texts: list[str],
        lengths: np.ndarray,
        words: np.ndarray,
        long_: np.ndarray,
        terminal: np.ndarray,
        title_case: np.ndarray,
        bullet: np.ndarray,
        first_seen: np.ndarray,
        counts: np.ndarray,
        phrase_line: np.ndarray,
        first_points: np.ndarray | None = None,
        digits: np.ndarray | None = None,
    ) -> dict[str, np.ndarray]:
        """The LAYOUT columns of a page's lines: the compiled twin of ``layout_columns_python``
        (one call for what takes numpy some sixty, the list markers read there from the
        text), the count rows' log1p taken by numpy."""
        n = len(texts)
        if not n:
            return layout_columns_python(
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
                first_points,
                digits,
            )
        as_float = np.ascontiguousarray
        found = _native_raw_layout(
            as_float(lengths, np.int64),
            as_float(words, np.int64),
            as_float(long_, np.float64),
            as_float(terminal, np.float64),
            as_float(title_case, np.float64),
            as_float(bullet, np.float64),
            as_float(first_seen, np.int64),
            as_float(counts, np.int64),
            as_float(phrase_line, np.float64),
            None if digits is None else as_float(digits, np.float64),
            texts if type(texts) is list else list(texts),
        )
        rows = np.frombuffer(found, np.float64).reshape(len(LAYOUT), n)
        np.log1p(rows[_BEFORE_AFTER], out=rows[_BEFORE_AFTER])
        np.log1p(rows[_RUN_LINES], out=rows[_RUN_LINES])
        return dict(zip(LAYOUT, rows))

else:
    layout_columns = layout_columns_python


def _around(first: int, last: int, index: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per line: inside lines ``first`` to ``last`` (1.0), lines before ``first``, lines
    after ``last`` (all 0 when ``last < first``: no block)."""
    inside = ((index >= first) & (index <= last)).astype(np.float64)
    if last < 0:
        return inside, np.zeros(len(index), dtype=np.int64), np.zeros(len(index), dtype=np.int64)
    return inside, np.maximum(first - index, 0), np.maximum(index - last, 0)


def phrase_distances(phrase_line: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lines from each line up to the nearest phrase line above it, and down to the nearest
    below it (the line itself left out; infinity where there is none): a header such as
    "Related articles" or "Comments" opens a run of chrome, and the article tends to
    end before one."""
    n = len(phrase_line)
    index = np.arange(n)
    marked = np.where(phrase_line > 0, index, -1)
    last = np.full(n, -1)
    last[1:] = np.maximum.accumulate(marked)[:-1]
    above = np.where(last >= 0, index - last, np.inf)
    marked_below = np.where(phrase_line > 0, index, n)
    following = np.full(n, n)
    following[:-1] = np.minimum.accumulate(marked_below[::-1])[::-1][1:]
    below = np.where(following < n, following - index, np.inf)
    return above, below
