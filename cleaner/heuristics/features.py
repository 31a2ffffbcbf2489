"""Per-line features of one page, computed column by column.

Why columns: a page is a few hundred lines, and the classifier is a linear
model, so each feature is one list built by a comprehension and one
multiply-add pass; no per-line objects, no per-line regex. Context features
(lengths nearby, share of long lines nearby, where the page's text mass sits)
come from prefix sums, so each window costs the same whatever its size.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate, chain, compress, count, repeat
from math import ceil, log1p
from operator import add, ge, gt, mul, sub
from typing import Any

LONG_WORDS = 12  # a line of this many words is "long" (sentence-like prose)
FEW_WORDS = 3  # a line of at most this many words is button- or menu-like
STOPWORDS_PER_PAGE = 15  # the page's most frequent short tokens act as stopwords
STOPWORD_MAX_CHARS = 4
NEAR = 2
FAR = 5
_TERMINAL = frozenset(".!?…\"”»'’)")
_BULLETS = frozenset("•·-–—*►▶›»|>")
_DIGIT_BYTES = b"0123456789"

# The order the fitted weights refer to; the fitting script reads it from here.
STAGE1: tuple[str, ...] = (
    "len_log",
    "len_rel",
    "words_log",
    "terminal",
    "colon",
    "few_words",
    "long",
    "digits",
    "upper",
    "stop",
    "url",
    "separators",
    "dup",
    "bullet",
    "lex",
    "lex_line",
    "near_len",
    "far_len",
    "far_long",
    "far_terminal",
    "prev_long",
    "next_long",
    "centre_dist",
    "inside_span",
    "before_span",
    "mass_pos",
    "mass_edge",
    "page_lines",
    "page_long_share",
    "page_few_share",
    "first_line",
    "last_lines",
)

# Stage two re-reads these of the line's own features beside its neighbours' scores;
# the rest add nothing measurable there and cost time on every line.
STAGE2_OWN: tuple[str, ...] = (
    "len_rel",
    "words_log",
    "terminal",
    "colon",
    "few_words",
    "digits",
    "url",
    "bullet",
    "lex",
    "lex_line",
    "far_long",
    "first_line",
    "page_long_share",
)

STAGE2_EXTRA: tuple[str, ...] = (
    "s1",
    "s1_prev",
    "s1_next",
    "s1_near",
    "s1_far",
    "s1_max_near",
    "s1_min_near",
    "run_share",
    "in_main",
    "before_main",
    "after_main",
)
RUN_GAP = 2  # boilerplate lines a run of kept lines may bridge
RUN_KEEP = 0.5  # stage-one probability that counts a line as kept


def _window_mean(prefix: list[float], values: list[float], radius: int) -> list[float]:
    """Mean of the values within ``radius`` of each line, the line itself left out.

    Built from shifted prefix sums, so each window costs the same whatever its
    size. One comprehension over zipped columns: in CPython 3.11 that beats a
    chain of three ``map`` calls (fewer intermediate floats and iterators).
    """
    n = len(values)
    if n < 2:
        return [0.0] * n
    last = prefix[n]
    if radius + 1 <= n:
        upper = prefix[radius + 1 :] + [last] * radius
    else:
        upper = [last] * n
    lower = [0.0] * radius + prefix[: n - radius] if radius < n else [0.0] * n
    return [
        (up - low - value) / c for up, low, value, c in zip(upper, lower, values, _window_counts(n, radius))
    ]


@lru_cache(maxsize=4096)
def _window_counts(n: int, radius: int) -> tuple[int, ...]:
    """How many other lines each line's window holds (page edges hold fewer)."""
    return tuple(min(i + radius + 1, n) - max(i - radius, 0) - 1 for i in range(n))


def _prefix(values: list[float]) -> list[float]:
    out = [0.0]
    out.extend(accumulate(values))
    return out


Columns = dict[str, Any]  # name -> list[float] per line, or a float for the whole page
_URL_MARKS = ("http", "www.", "@")
_SEPARATOR_MARKS = ("|", "•", "·", "›")  # menus and breadcrumbs ("News | Sport", "Home › World")


CJK_CHARS_PER_WORD = 2  # Chinese and Japanese words average about two characters
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_counts(lowered: list[list[str]], texts: list[str]) -> list[int]:
    """Words per line (at least one: a line is never empty).

    Chinese and Japanese are written without spaces, so a whole sentence
    would count as one word and read as a menu entry: their characters count
    as words, two to a word, on pages that hold any.
    """
    words = list(map(len, lowered))
    if _CJK.search("".join(texts)):
        findall = _CJK.findall
        half = CJK_CHARS_PER_WORD - 1
        words = [max(w, (len(findall(t)) + half) // CJK_CHARS_PER_WORD) for w, t in zip(words, texts)]
    if 0 in words:  # white space the block splitter keeps (an em space) splits into no words
        words = [w or 1 for w in words]
    return words


def few_share(words: list[int]) -> float:
    """Share of menu-like lines (at most FEW_WORDS words) on the page."""
    return len([w for w in words if w <= FEW_WORDS]) / len(words) if words else 0.0


def lines_containing(joined: str, starts: list[int], marks: tuple[str, ...]) -> list[float]:
    """1.0 for each line holding any of ``marks`` (``joined``: the lines joined by
    newlines, line ``i`` starting at ``starts[i]``; one more entry ends the last line).

    About one line in a hundred holds a mark, so one search of the whole page
    per mark, skipping to the next line after a hit, beats a test per line.
    """
    found = [0.0] * (len(starts) - 1)
    find = joined.find
    for mark in marks:
        pos = find(mark)
        while pos >= 0:
            line = bisect_right(starts, pos) - 1
            found[line] = 1.0
            pos = find(mark, starts[line + 1])
    return found


def _ramp(count: int, step: float, scale: int = 1) -> list[float]:
    """``min(k * step * scale, 1.0)`` for k = 1 .. count, in that order.

    The values rise with k, so only those below the cap are computed: the first
    k past it is estimated, then found exactly by evaluating the same product,
    and the rest are 1.0 (no ``min()`` call per line, no products past the cap).
    """
    k = min(count + 1, max(1, int(1.0 / (step * scale))))
    while k > 1 and (k - 1) * step * scale > 1.0:
        k -= 1
    while k <= count and k * step * scale <= 1.0:
        k += 1
    return [j * step * scale for j in range(1, k)] + [1.0] * (count + 1 - k)


def _distances(n: int, centre: float, span: int) -> list[float]:
    """``abs(i - centre) / span`` for lines i = 0 .. n - 1, without an abs() call per line.

    ``centre - i`` is exactly ``-(i - centre)`` in floating point, so splitting
    the lines at the centre gives the very same values.
    """
    split = min(max(ceil(centre), 0), n)
    return [(centre - i) / span for i in range(split)] + [(i - centre) / span for i in range(split, n)]


def _span_flags(n: int, first: int, last: int) -> list[float]:
    """1.0 for lines ``first`` to ``last`` (all 0.0 when ``last < first``), built by slices."""
    if last < first:
        return [0.0] * n
    return [0.0] * first + [1.0] * (last - first + 1) + [0.0] * (n - last - 1)


def stage1_columns(
    texts: list[str],
    lowered: list[list[str]],
    lex_any: list[float],
    lex_line: list[float],
    words: list[int] | None = None,
) -> Columns:
    """All first-stage feature columns for the lines ``texts`` (``lowered``: their lower-cased
    words; ``words``: their word counts, when the caller has them)."""
    n = len(texts)
    lengths = [len(t) for t in texts]
    if words is None:
        words = word_counts(lowered, texts)
    longest = max(lengths) if lengths else 1
    len_log = [log1p(x) for x in lengths]
    long_ = [1.0 if w >= LONG_WORDS else 0.0 for w in words]
    few = [1.0 if w <= FEW_WORDS else 0.0 for w in words]
    terminal = [1.0 if t[-1] in _TERMINAL else 0.0 for t in texts]

    counts = Counter(chain.from_iterable(lowered))
    # counts.most_common(), spelled as a stable sort: the same order (ties in first-seen
    # order), but without heapq.nlargest's Python loop over every distinct token
    ranked = sorted(counts, key=counts.__getitem__, reverse=True)[: STOPWORDS_PER_PAGE * 3]
    frequent = [tok for tok in ranked if len(tok) <= STOPWORD_MAX_CHARS]
    stop = set(frequent[:STOPWORDS_PER_PAGE])
    contains = stop.__contains__
    stop_share = [sum(map(contains, w)) / c for w, c in zip(lowered, words)]

    text_counts = Counter(texts)

    # where the page's prose sits: long lines, weighted by length
    long_idx = list(compress(range(n), long_))
    mass = list(map(mul, lengths, long_))
    total_mass = sum(mass) or 1
    if long_idx:
        first, last = long_idx[0], long_idx[-1]
        centre = sum(map(mul, long_idx, map(mass.__getitem__, long_idx))) / total_mass
    else:
        first, last, centre = n, -1, n / 2
    span = max(last - first, 1)
    mass_pos = [(cum - m / 2) / total_mass for cum, m in zip(accumulate(mass), mass)]
    joined = "\n".join(texts)
    starts = list(map(add, accumulate(lengths, initial=0), count()))  # line i starts at starts[i]

    p_len = _prefix(len_log)
    p_long = _prefix(long_)
    p_term = _prefix(terminal)
    inv_n = 1.0 / n
    tail = min(n, 3)
    cols: Columns = {
        "len_log": len_log,
        "len_rel": [x / longest for x in lengths],
        "words_log": [log1p(w) for w in words],
        "terminal": terminal,
        "colon": [1.0 if t[-1] == ":" else 0.0 for t in texts],
        "few_words": few,
        "long": long_,
        "digits": [(len(b) - len(b.translate(None, _DIGIT_BYTES))) / len(b) for b in map(str.encode, texts)],
        "upper": [1.0 if t.istitle() else 0.0 for t in texts],  # Title Case Lines: menus, teasers
        "stop": stop_share,
        "url": lines_containing(joined, starts, _URL_MARKS),
        "separators": lines_containing(joined, starts, _SEPARATOR_MARKS),
        "dup": [1.0 if text_counts[t] > 1 else 0.0 for t in texts],
        "bullet": [1.0 if t[0] in _BULLETS else 0.0 for t in texts],
        "lex": lex_any,
        "lex_line": lex_line,
        "near_len": _window_mean(p_len, len_log, NEAR),
        "far_len": _window_mean(p_len, len_log, FAR),
        "far_long": _window_mean(p_long, long_, FAR),
        "far_terminal": _window_mean(p_term, terminal, FAR),
        "prev_long": [0.0] + long_[:-1],
        "next_long": long_[1:] + [0.0],
        "centre_dist": _distances(n, centre, span),
        "inside_span": _span_flags(n, first, last),
        "before_span": _ramp(first, inv_n)[::-1] + [0.0] * (n - first),
        "mass_pos": mass_pos,
        "mass_edge": [1 - m if 1 - m < m else m for m in mass_pos],  # min(m, 1 - m)
        "page_lines": log1p(n),  # page constants are floats: the model adds them to its bias
        "page_long_share": len(long_idx) * inv_n,
        "page_few_share": few_share(words),
        "first_line": [1.0] + [0.0] * (n - 1),
        "last_lines": [0.0] * (n - tail) + [1.0] * tail,
    }
    return cols


def stage2_columns(cols: Columns, s1: list[float]) -> Columns:
    """Second stage: the first stage's scores of the neighbours, beside the line's own."""
    n = len(s1)
    p = _prefix(s1)
    if n > 1:
        before = [s1[1]] + s1[:-1]  # at the page edges the only neighbour stands in twice
        after = s1[1:] + [s1[-2]]
    else:
        before = after = s1
    # max() and min() spelled out: the builtins cost more per call than the comparison
    near_max = [b if b > a else a for a, b in zip(before, after)]
    near_min = [b if b < a else a for a, b in zip(before, after)]
    out = dict(cols)
    out["s1"] = s1
    out["s1_prev"] = [0.0] + s1[:-1]
    out["s1_next"] = s1[1:] + [0.0]
    out["s1_near"] = _window_mean(p, s1, NEAR)
    out["s1_far"] = _window_mean(p, s1, FAR)
    out["s1_max_near"] = near_max
    out["s1_min_near"] = near_min
    out.update(_run_columns(s1, cols["len_log"]))
    return out


def _run_columns(s1: list[float], len_log: list[float]) -> dict[str, list[float]]:
    """Where each line sits relative to the page's main run of kept lines.

    A learned form of boilerpipe's "largest block": runs of lines stage one
    keeps (bridging short gaps), their size against the largest, and whether
    a line lies before or after the largest run (comments, teasers).
    """
    n = len(s1)
    kept_flags = list(map(ge, s1, repeat(RUN_KEEP)))
    kept = list(compress(range(n), kept_flags))
    if not kept:
        zeros = [0.0] * n
        return {"run_share": zeros, "in_main": zeros, "before_main": zeros, "after_main": zeros}
    # a run breaks where more than RUN_GAP lines separate two kept lines
    breaks = compress(count(1), map(gt, map(sub, kept[1:], kept), repeat(RUN_GAP + 1)))
    bounds = [0, *breaks, len(kept)]
    runs = [kept[a:b] for a, b in zip(bounds, bounds[1:])]  # the kept lines of each run
    sizes = [sum(map(len_log.__getitem__, run)) for run in runs]
    biggest = max(range(len(sizes)), key=sizes.__getitem__)
    top = sizes[biggest]
    first, last = runs[biggest][0], runs[biggest][-1]
    spread: list[float] = []  # each run's share over its whole span, gaps included
    for run, size in zip(runs, sizes):
        spread += [0.0] * (run[0] - len(spread))
        spread += [size / top] * (run[-1] - run[0] + 1)
    spread += [0.0] * (n - len(spread))
    inv = 1.0 / n
    return {
        "run_share": list(map(mul, spread, kept_flags)),  # 0.0 on the bridged lines
        "in_main": _span_flags(n, first, last),
        "before_main": _ramp(first, inv, 4)[::-1] + [0.0] * (n - first),
        "after_main": [0.0] * (last + 1) + _ramp(n - last - 1, inv, 4),
    }
