"""Per-line features of one page, computed column by column.

Why columns: a page is a few hundred lines, and the classifier is a linear
model, so each feature is one list built by a comprehension and one
multiply-add pass; no per-line objects, no per-line regex. Context features
(lengths nearby, share of long lines nearby, where the page's text mass sits)
come from prefix sums, so each window costs the same whatever its size.
"""

from __future__ import annotations

from collections import Counter
from math import log1p

LONG_WORDS = 12  # a line of this many words is "long" (sentence-like prose)
STOPWORDS_PER_PAGE = 15  # the page's most frequent short tokens act as stopwords
STOPWORD_MAX_CHARS = 4
NEAR = 2
FAR = 5
_TERMINAL = frozenset('.!?…"”»\'’)')
_BULLETS = frozenset("•·-–—*►▶›»|>")
_DIGITS = str.maketrans("", "", "0123456789")
_SEPARATORS = str.maketrans("", "", "|•·›»/")
_UPPER = str.maketrans(
    "",
    "",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝÞ"
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄҐ",
)

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
    "near_long",
    "far_long",
    "far_terminal",
    "prev_long",
    "next_long",
    "centre_dist",
    "inside_span",
    "before_span",
    "after_span",
    "mass_pos",
    "mass_edge",
    "page_lines",
    "page_long_share",
    "first_line",
    "last_lines",
)

STAGE2_EXTRA: tuple[str, ...] = (
    "s1",
    "s1_prev",
    "s1_next",
    "s1_near",
    "s1_far",
    "s1_max_near",
    "s1_min_near",
)


def _window_mean(prefix: list[float], n: int, radius: int) -> list[float]:
    """Mean of the values within ``radius`` of each line, the line itself left out."""
    out = []
    for i in range(n):
        lo = i - radius if i > radius else 0
        hi = i + radius + 1 if i + radius + 1 < n else n
        count = hi - lo - 1
        out.append((prefix[hi] - prefix[lo] - (prefix[i + 1] - prefix[i])) / count if count else 0.0)
    return out


def _prefix(values: list[float]) -> list[float]:
    out = [0.0]
    total = 0.0
    for v in values:
        total += v
        out.append(total)
    return out


def stage1_columns(texts: list[str], lex_any: list[float], lex_line: list[float]) -> dict[str, list[float]]:
    """All first-stage feature columns for the lines ``texts`` of one page."""
    n = len(texts)
    lengths = [len(t) for t in texts]
    lowered = [t.lower().split() for t in texts]
    words = [len(w) or 1 for w in lowered]
    longest = max(lengths) if lengths else 1
    len_log = [log1p(x) for x in lengths]
    long_ = [1.0 if w >= LONG_WORDS else 0.0 for w in words]
    terminal = [1.0 if t[-1] in _TERMINAL else 0.0 for t in texts]

    counts: Counter[str] = Counter()
    for w in lowered:
        counts.update(w)
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
    cols: dict[str, list[float]] = {
        "len_log": len_log,
        "len_rel": [x / longest for x in lengths],
        "words_log": [log1p(w) for w in words],
        "terminal": terminal,
        "colon": [1.0 if t[-1] == ":" else 0.0 for t in texts],
        "few_words": [1.0 if w < 3 else 0.0 for w in words],
        "long": long_,
        "digits": [(x - len(t.translate(_DIGITS))) / x for t, x in zip(texts, lengths)],
        "upper": [min((x - len(t.translate(_UPPER))) / c, 1.0) for t, x, c in zip(texts, lengths, words)],
        "stop": stop_share,
        "url": [1.0 if ("http" in t or "www." in t or "@" in t) else 0.0 for t in texts],
        "separators": [min(x - len(t.translate(_SEPARATORS)), 3) / 3 for t, x in zip(texts, lengths)],
        "dup": [1.0 if text_counts[t] > 1 else 0.0 for t in texts],
        "bullet": [1.0 if t[0] in _BULLETS else 0.0 for t in texts],
        "lex": lex_any,
        "lex_line": lex_line,
        "near_len": _window_mean(p_len, n, NEAR),
        "far_len": _window_mean(p_len, n, FAR),
        "near_long": _window_mean(p_long, n, NEAR),
        "far_long": _window_mean(p_long, n, FAR),
        "far_terminal": _window_mean(p_term, n, FAR),
        "prev_long": [0.0] + long_[:-1],
        "next_long": long_[1:] + [0.0],
        "centre_dist": [abs(i - centre) / span for i in range(n)],
        "inside_span": [1.0 if first <= i <= last else 0.0 for i in range(n)],
        "before_span": [min((first - i) * inv_n, 1.0) if i < first else 0.0 for i in range(n)],
        "after_span": [min((i - last) * inv_n, 1.0) if i > last else 0.0 for i in range(n)],
        "mass_pos": mass_pos,
        "mass_edge": [min(m, 1 - m) for m in mass_pos],
        "page_lines": [log1p(n)] * n,
        "page_long_share": [len(long_idx) * inv_n] * n,
        "first_line": [1.0] + [0.0] * (n - 1),
        "last_lines": [1.0 if i >= n - 3 else 0.0 for i in range(n)],
    }
    return cols


def stage2_columns(cols: dict[str, list[float]], s1: list[float]) -> dict[str, list[float]]:
    """Second stage: the first stage's scores of the neighbours, beside the line's own."""
    n = len(s1)
    p = _prefix(s1)
    near_max, near_min = [], []
    for i in range(n):
        window = s1[max(i - 1, 0) : i] + s1[i + 1 : i + 2]
        near_max.append(max(window) if window else s1[i])
        near_min.append(min(window) if window else s1[i])
    out = dict(cols)
    out["s1"] = s1
    out["s1_prev"] = [0.0] + s1[:-1]
    out["s1_next"] = s1[1:] + [0.0]
    out["s1_near"] = _window_mean(p, n, NEAR)
    out["s1_far"] = _window_mean(p, n, FAR)
    out["s1_max_near"] = near_max
    out["s1_min_near"] = near_min
    return out
