"""The article-line columns computed the plain way, column by column with numpy: the
form ``article_lines.article_matrix`` replaced (one pass of plain lists per page,
letters counted from the page's bytes) and must equal number for number, since the
shipped trees were fitted on these numbers."""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress
from typing import Any

import numpy as np

from cleaner.heuristics.article_lines import (
    _BULLETS,
    _DATE,
    _EMAIL,
    _HANDLE,
    _INDEX,
    _OPENINGS,
    _PHONE,
    _PHONE_MIN_DIGITS,
    _QUOTES,
    _SENTENCE_END,
    _URL,
    _WE,
    _YOU,
    ARTICLE_FEATURES,
    DATE_LINE_MAX_WORDS,
    FAMILY_COLUMNS,
    FAR_LINES,
    PARAGRAPH_WORDS,
    SHORT_WORDS,
    TINY_WORDS,
    TITLE_OVERLAP_MAX_WORDS,
    _shift,
)
from cleaner.heuristics.lexicon import Lexicon
from cleaner.heuristics.line_letters import SPACE_CHARS
from cleaner.heuristics.scores import PageLines

_FAMILY_SET = frozenset(FAMILY_COLUMNS)
_DIGITS = (ord("0"), ord("9"))
_SPACE_TABLE = np.zeros(ord("\u3000") + 2, dtype=bool)  # code point -> white space; the last entry: any above
_SPACE_TABLE[[ord(c) for c in SPACE_CHARS]] = True


_OPENING_GROUPS = ("bracket", "interview", "byline", "about", "name_is")


def _openings(stripped: list[str]) -> dict[str, np.ndarray]:
    """For each kind of opening (``_OPENINGS``' groups), 1.0 on the lines it opens."""
    found = {group: np.zeros(len(stripped)) for group in _OPENING_GROUPS}
    match = _OPENINGS.match
    for j, text in enumerate(stripped):
        hit = match(text)
        if hit is not None and hit.lastgroup is not None:
            found[hit.lastgroup][j] = 1.0
    return found


def _where(cue: list[bool], pattern: re.Pattern[str], texts: list[str]) -> np.ndarray:
    """Matches of ``pattern`` in each line, searched only in the lines with a ``cue``."""
    counts = np.zeros(len(texts))
    for j in compress(range(len(texts)), cue):
        counts[j] = len(pattern.findall(texts[j]))
    return counts


def _letter_counts(
    texts: list[str], page: str, starts: list[int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per line: words opening with an upper-case letter, words opening with a letter
    that has a case, and ASCII digits; from the page's code points, no loop per word."""
    points = np.frombuffer(page.encode("utf-32-le", "surrogatepass"), np.uint32)
    space = _SPACE_TABLE[np.minimum(points, len(_SPACE_TABLE) - 1)]
    opens = ~space
    opens[1:] &= space[:-1]
    at = np.flatnonzero(opens)  # where each word opens; only these letters' case matters
    initials = points[at].tobytes().decode("utf-32-le", "surrogatepass")
    lower, upper = initials.lower(), initials.upper()
    if not (len(lower) == len(upper) == len(initials)):  # a letter whose case has another length ("ß")
        return _letter_counts_by_line(texts)
    first = np.frombuffer(initials.encode("utf-32-le", "surrogatepass"), np.uint32)
    is_upper = first != np.frombuffer(lower.encode("utf-32-le", "surrogatepass"), np.uint32)
    cased = is_upper | (first != np.frombuffer(upper.encode("utf-32-le", "surrogatepass"), np.uint32))
    n = len(starts) - 1
    line_of = np.searchsorted(np.array(starts, dtype=np.intp), at, side="right") - 1
    is_digit = (points >= _DIGITS[0]) & (points <= _DIGITS[1])
    return (
        np.bincount(line_of, weights=is_upper, minlength=n).astype(np.float64),
        np.bincount(line_of, weights=cased, minlength=n).astype(np.float64),
        np.add.reduceat(is_digit.astype(np.float64), np.array(starts[:-1], dtype=np.intp)),
    )


def _letter_counts_by_line(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``_letter_counts`` line by line, for the rare page whose case changes its length."""
    n = len(texts)
    upper_initials, cased_initials, digits = np.zeros(n), np.zeros(n), np.zeros(n)
    for j, text in enumerate(texts):
        initials = [word[0] for word in text.split()]
        upper_initials[j] = sum(map(str.isupper, initials))
        cased_initials[j] = sum(1 for c in initials if c.isupper() or c.islower())
        digits[j] = sum(map(str.isdigit, text))
    return upper_initials, cased_initials, digits


def _run_lengths(flags: np.ndarray) -> np.ndarray:
    """For each line, the length of the run of equal flags it sits in."""
    n = len(flags)
    edges = np.flatnonzero(np.diff(flags.astype(np.int8))) + 1
    bounds = np.concatenate(([0], edges, [n]))
    return np.repeat(np.diff(bounds), np.diff(bounds)).astype(np.float64)


def _distances(n: int, marks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lines from each line back to the last marked line at or above it, and on to the
    next marked line at or below it (FAR_LINES where there is none, clipped there)."""
    index = np.arange(n)
    above = np.where(marks, index, -1)
    np.maximum.accumulate(above, out=above)
    below = np.where(marks, index, n + FAR_LINES)
    below = np.minimum.accumulate(below[::-1])[::-1]
    back = np.where(above >= 0, index - above, FAR_LINES)
    return np.minimum(back, FAR_LINES).astype(np.float64), np.minimum(below - index, FAR_LINES).astype(
        np.float64
    )


def article_matrix(
    texts: list[str], lines: PageLines, leads: list[str | None], lexicon: Lexicon
) -> np.ndarray:
    """The model's columns for one page's lines: a (lines x ARTICLE_FEATURES) array.

    ``lines``: the page's lines as the labeler read them (lower-cased, normalised,
    the phrase scan, word counts); ``leads``: each line's lead-in category.
    """
    lows, norms, scan, _, word_list = lines
    categories, covered, phrase_at_start = scan
    n = len(texts)
    out = np.zeros((n, len(ARTICLE_FEATURES)))
    if not n:
        return out
    col = _INDEX

    def put(name: str, values: Any) -> None:
        out[:, col[name]] = values

    stripped = [t.strip() for t in texts]
    words = np.asarray(word_list, dtype=np.float64)
    chars = np.fromiter(map(len, stripped), np.float64, n)
    last_chars = [s[-1:] for s in stripped]
    long = words >= PARAGRAPH_WORDS
    short = words < SHORT_WORDS
    end = np.fromiter((c in _SENTENCE_END for c in last_chars), bool, n)
    colon = np.fromiter((c == ":" for c in last_chars), bool, n)
    page = "\n".join(texts)
    starts = [0] * (n + 1)  # line j of ``page`` starts at starts[j]; one more entry ends the last
    for j, text in enumerate(texts):
        starts[j + 1] = starts[j] + len(text) + 1
    upper_initials, cased_initials, digits = _letter_counts(texts, page, starts)
    title_share = upper_initials / np.maximum(cased_initials, 1.0)
    openings = _openings(stripped)
    # a date-only line has at most DATE_LINE_MAX_WORDS words; longer lines need no count
    dates = _where(((digits > 0) & (words <= DATE_LINE_MAX_WORDS)).tolist(), _DATE, lows)
    phones = _where((digits >= _PHONE_MIN_DIGITS).tolist(), _PHONE, lows)
    at_signs = ["@" in low for low in lows]
    urls = _where(["http" in low or "www." in low for low in lows], _URL, lows)
    tokens = [low.split() for low in lows]
    index = np.arange(n, dtype=np.float64)

    put("log_words", np.log1p(words))
    put("log_chars", np.log1p(chars))
    put("short", short)
    put("tiny", words < TINY_WORDS)
    put("long", long)
    put("sentence_end", end)
    put("colon_end", colon)
    put("question_end", [c == "?" for c in last_chars])
    put("bullet", [s[:1] in _BULLETS for s in stripped])
    put("pipe", ["|" in s for s in stripped])
    put("upper", [w >= 2 and s.isupper() for s, w in zip(stripped, word_list)])
    put("title_share", title_share)
    put("digit_share", digits / np.maximum(chars, 1.0))
    put("date_like", short & (dates > 0))
    put("date_only", (dates > 0) & (words <= 2 * dates + 3))
    put("url_line", (urls > 0) & (words <= 2))
    put("link_mark", urls > 0)
    put("email", _where(at_signs, _EMAIL, lows) > 0)
    put("handle", _where(at_signs, _HANDLE, lows) > 0)
    put("phone", phones > 0)
    put("bracket_tag", openings["bracket"])
    put("copyright", ["©" in low or "copyright" in low or "(c)" in low for low in lows])
    put("quote_start", [s[:1] in _QUOTES for s in stripped])
    put("interview", openings["interview"])
    put("byline", short & (openings["byline"] > 0))
    put("about_lead", openings["about"])
    put("name_is", openings["name_is"])
    put("we_share", [len(_WE.intersection(t)) / w for t, w in zip(tokens, word_list)])
    put("you_share", [len(_YOU.intersection(t)) / w for t, w in zip(tokens, word_list)])

    paragraphs = np.flatnonzero(long)
    last_par = int(paragraphs[-1]) if len(paragraphs) else -1
    first_par = int(paragraphs[0]) if len(paragraphs) else n
    from_prev, to_next = _distances(n, long)
    cum_words = np.cumsum(words)
    par_cum = np.where(long, cum_words, 0.0)
    np.maximum.accumulate(par_cum, out=par_cum)
    put("first", index == 0)
    put("last", index == n - 1)
    put("position", index / n)
    put("lines_from_end", np.minimum(n - 1 - index, FAR_LINES))
    put("tail", index > last_par)
    put("head", index < first_par)
    put("after_last_par", np.clip(index - last_par, 0, FAR_LINES) if last_par >= 0 else FAR_LINES)
    put("words_since_par", np.log1p(cum_words - words - np.where(long, cum_words - words, par_cum)))
    put("lines_from_prev_par", np.where(long, 0.0, from_prev))
    put("lines_to_next_par", np.where(long, 0.0, to_next))
    long_after: np.ndarray = np.cumsum(long[::-1])[::-1] - long
    put("long_after", np.minimum(long_after, FAR_LINES))
    put("short_run", np.where(short, np.minimum(_run_lengths(short), FAR_LINES), 0.0))

    log_words = out[:, col["log_words"]]
    put("prev_words", _shift(log_words, 1))
    put("next_words", _shift(log_words, -1))
    put("prev2_words", _shift(log_words, 2))
    put("next2_words", _shift(log_words, -2))
    put("prev_end", _shift(end.astype(np.float64), 1, 1.0))
    put("next_end", _shift(end.astype(np.float64), -1, 1.0))
    put("prev_colon", _shift(colon.astype(np.float64), 1))
    put("next_title_share", _shift(title_share, -1))
    put("prev_title_share", _shift(title_share, 1))

    seen = Counter(stripped)
    put("repeated", [seen[s] > 1 for s in stripped])
    title_words = set(tokens[0])
    overlap = out[:, col["title_overlap"]]
    for j in np.flatnonzero(words[1:] <= TITLE_OVERLAP_MAX_WORDS).tolist():
        line_words = tokens[j + 1]
        overlap[j + 1] = sum(map(title_words.__contains__, line_words)) / max(len(line_words), 1)

    lead = np.array([c is not None for c in leads], dtype=np.float64)
    put("lead_in", lead)
    put("after_lead_in", _shift(lead, 1))
    put("phrase", [c is not None for c in categories])
    put("phrase_start", phrase_at_start)
    put("phrase_share", np.minimum(np.asarray(covered, np.float64) / np.maximum(chars, 1.0), 1.0))
    buttons = lexicon.line_category
    put("button", [norm in buttons for norm in norms])
    for j, category in enumerate(categories):
        if category in _FAMILY_SET:
            out[j, col[f"family_{category}"]] = 1.0

    put("page_lines", np.log1p(n))
    put("page_words", np.log1p(cum_words[-1]))
    put("page_long_share", long.mean())
    put("page_short_share", short.mean())
    return out
