"""Per-line features of one page, computed column by column.

Why columns: a page is a few hundred lines, and the classifier is a linear
model, so each feature is one list built by a comprehension and one
multiply-add pass; no per-line objects, no per-line regex. Context features
(lengths nearby, share of long lines nearby, where the page's text mass sits)
come from prefix sums, so each window costs the same whatever its size.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import accumulate, chain
from math import log1p
from operator import sub, truediv
from typing import Any

LONG_WORDS = 12  # a line of this many words is "long" (sentence-like prose)
FEW_WORDS = 3  # a line of at most this many words is button- or menu-like
STOPWORDS_PER_PAGE = 15  # the page's most frequent short tokens act as stopwords
STOPWORD_MAX_CHARS = 4
NEAR = 2
FAR = 5
_TERMINAL = frozenset('.!?…"”»\'’)')
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

    Built from shifted prefix sums with C-level maps: no Python loop per line.
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
    return list(map(truediv, map(sub, map(sub, upper[:n], lower[:n]), values), _window_counts(n, radius)))


@lru_cache(maxsize=4096)
def _window_counts(n: int, radius: int) -> tuple[int, ...]:
    """How many other lines each line's window holds (page edges hold fewer)."""
    return tuple(min(i + radius + 1, n) - max(i - radius, 0) - 1 for i in range(n))


def _prefix(values: list[float]) -> list[float]:
    out = [0.0]
    out.extend(accumulate(values))
    return out


def _separators(text: str) -> float:
    """Menu and breadcrumb separators ("News | Sport", "Home › World")."""
    return 1.0 if ("|" in text or "•" in text or "·" in text or "›" in text) else 0.0


Columns = dict[str, Any]  # name -> list[float] per line, or a float for the whole page


def word_counts(lowered: list[list[str]]) -> list[int]:
    """Words per line (at least one: a line is never empty)."""
    return [len(w) or 1 for w in lowered]


def few_share(words: list[int]) -> float:
    """Share of menu-like lines (at most FEW_WORDS words) on the page."""
    return len([w for w in words if w <= FEW_WORDS]) / len(words) if words else 0.0


def stage1_columns(
    texts: list[str], lowered: list[list[str]], lex_any: list[float], lex_line: list[float]
) -> Columns:
    """All first-stage feature columns for the lines ``texts`` (``lowered``: their lower-cased words)."""
    n = len(texts)
    lengths = [len(t) for t in texts]
    encoded = [t.encode() for t in texts]
    words = word_counts(lowered)
    longest = max(lengths) if lengths else 1
    len_log = [log1p(x) for x in lengths]
    long_ = [1.0 if w >= LONG_WORDS else 0.0 for w in words]
    few = [1.0 if w <= FEW_WORDS else 0.0 for w in words]
    terminal = [1.0 if t[-1] in _TERMINAL else 0.0 for t in texts]

    counts = Counter(chain.from_iterable(lowered))
    frequent = [tok for tok, _ in counts.most_common(STOPWORDS_PER_PAGE * 3) if len(tok) <= STOPWORD_MAX_CHARS]
    stop = set(frequent[:STOPWORDS_PER_PAGE])
    contains = stop.__contains__
    stop_share = [sum(map(contains, w)) / c for w, c in zip(lowered, words)]

    text_counts = Counter(texts)

    # where the page's prose sits: long lines, weighted by length
    long_idx = [i for i in range(n) if long_[i]]
    mass = [lengths[i] * long_[i] for i in range(n)]
    total_mass = sum(mass) or 1
    if long_idx:
        first, last = long_idx[0], long_idx[-1]
        centre = sum(i * mass[i] for i in long_idx) / total_mass
    else:
        first, last, centre = n, -1, n / 2
    span = max(last - first, 1)
    cum = 0.0
    mass_pos = []
    for m in mass:
        cum += m
        mass_pos.append((cum - m / 2) / total_mass)

    p_len = _prefix(len_log)
    p_long = _prefix(long_)
    p_term = _prefix(terminal)
    inv_n = 1.0 / n
    cols: Columns = {
        "len_log": len_log,
        "len_rel": [x / longest for x in lengths],
        "words_log": [log1p(w) for w in words],
        "terminal": terminal,
        "colon": [1.0 if t[-1] == ":" else 0.0 for t in texts],
        "few_words": few,
        "long": long_,
        "digits": [(len(b) - len(b.translate(None, _DIGIT_BYTES))) / len(b) for b in encoded],
        "upper": [1.0 if t.istitle() else 0.0 for t in texts],  # Title Case Lines: menus, teasers
        "stop": stop_share,
        "url": [1.0 if ("http" in t or "www." in t or "@" in t) else 0.0 for t in texts],
        "separators": [_separators(t) for t in texts],
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
        "centre_dist": [abs(i - centre) / span for i in range(n)],
        "inside_span": [1.0 if first <= i <= last else 0.0 for i in range(n)],
        "before_span": [min((first - i) * inv_n, 1.0) if i < first else 0.0 for i in range(n)],
        "mass_pos": mass_pos,
        "mass_edge": [min(m, 1 - m) for m in mass_pos],
        "page_lines": log1p(n),  # page constants are floats: the model adds them to its bias
        "page_long_share": len(long_idx) * inv_n,
        "page_few_share": few_share(words),
        "first_line": [1.0] + [0.0] * (n - 1),
        "last_lines": [1.0 if i >= n - 3 else 0.0 for i in range(n)],
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
    near_max = list(map(max, before, after))
    near_min = list(map(min, before, after))
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
    run_id = [-1] * n
    sizes: list[float] = []
    spans: list[tuple[int, int]] = []
    gap = RUN_GAP + 1
    for i in range(n):
        if s1[i] >= RUN_KEEP:
            if gap > RUN_GAP or not sizes:
                sizes.append(0.0)
                spans.append((i, i))
            sizes[-1] += len_log[i]
            spans[-1] = (spans[-1][0], i)
            run_id[i] = len(sizes) - 1
            gap = 0
        else:
            gap += 1
    if not sizes:
        zeros = [0.0] * n
        return {"run_share": zeros, "in_main": zeros, "before_main": zeros, "after_main": zeros}
    biggest = max(range(len(sizes)), key=sizes.__getitem__)
    top = sizes[biggest]
    first, last = spans[biggest]
    inv = 1.0 / n
    return {
        "run_share": [sizes[r] / top if r >= 0 else 0.0 for r in run_id],
        "in_main": [1.0 if first <= i <= last else 0.0 for i in range(n)],
        "before_main": [min((first - i) * inv * 4, 1.0) if i < first else 0.0 for i in range(n)],
        "after_main": [min((i - last) * inv * 4, 1.0) if i > last else 0.0 for i in range(n)],
    }
