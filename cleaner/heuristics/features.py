"""Per-line features of one page, computed column by column as numpy arrays.

Why columns: a page is a few hundred lines, and the classifier is a linear
model, so each feature is one array over the page's lines and the model one
matrix product; Python touches a line only through C-level string methods
(``map(str.istitle, texts)``), never with bytecode of its own. Context features
(lengths nearby, share of long lines nearby, where the page's text mass sits)
come from prefix sums, so each window costs the same whatever its size.

Every column holds the very numbers the per-line Python version computed
(same operations in the same order: sums run left to right, integer ratios are
one correctly rounded division), so the fitted weights keep their meaning.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, compress, count
from math import log1p
from operator import itemgetter
from typing import Any, NamedTuple, cast

import numpy as np
import re2

from cleaner import native
from cleaner.heuristics.layout import LAYOUT, layout_columns
from cleaner.heuristics.lazy_regex import lazy_compile
from cleaner.heuristics.scores import PageLines
from cleaner.heuristics.terminators import TERMINATOR, terminator_columns
from cleaner.heuristics.windows import padded_prefix, window_mean

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
    *LAYOUT,
    *TERMINATOR,
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
    # where the line sits in the page's layout (layout.py): together they lifted the
    # cross-validated figures when stage two reads them again (bench/fit_heuristics.py --cv 5)
    "block_in",
    "block_before",
    "block_after",
    "short_in_block",
    "phrase_above",
    "phrase_below",
    "run_lines",
    "same_shape",
    "run_title",
    "run_terminal",
    "run_marker",
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
# The means over the lines around each line (``_context_means``)
CONTEXT: tuple[str, ...] = ("near_len", "far_len", "far_long", "far_terminal")
RUN_GAP = 2  # boilerplate lines a run of kept lines may bridge
RUN_KEEP = 0.5  # stage-one probability that counts a line as kept


def _context_means(
    len_log: np.ndarray, long_: np.ndarray, terminal: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``window_mean`` of ``len_log`` within NEAR lines, and of the three columns within
    FAR lines, the three run as the rows of one array: one prefix sum for all. (A
    running sum along a row adds the same numbers in the same order as it does on the
    row alone.)"""
    values = np.array((len_log, long_, terminal))
    padded = padded_prefix(values, FAR)
    near_len = window_mean(padded[0], values[0], NEAR, FAR)
    far_len, far_long, far_terminal = window_mean(padded, values, FAR, FAR)
    return near_len, far_len, far_long, far_terminal


Columns = dict[str, Any]  # name -> an array of one float per line, or a float for the whole page
_URL_MARKS = ("http", "www.", "@")
_SEPARATOR_MARKS = ("|", "•", "·", "›")  # menus and breadcrumbs ("News | Sport", "Home › World")


CJK_CHARS_PER_WORD = 2  # Chinese and Japanese words average about two characters
_CJK = lazy_compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Thai, Lao, Burmese and Khmer also run their words together (spaces end phrases and
# sentences): a Thai paragraph of 120 characters held two spaces and read as a three-word
# menu entry. Their words average about five code points, the vowel and tone marks
# (written in the same blocks) counted, as a Thai news sentence of 23 words and 122 code
# points written here measured.
UNSPACED_CHARS_PER_WORD = 5
_UNSPACED = lazy_compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
# Their characters in UTF-8, found by one RE2 search of a page's bytes (or a batch's: a
# search for each of their nine first-two-byte forms cost 10 ms over the dev batches).
_UNSPACED_BYTES = re2.compile(_UNSPACED.pattern.encode())._regexp
_UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED


# The first bytes of the UTF-8 forms of every character _CJK finds (U+3040..U+9FFF: E3..E9,
# U+F900..U+FAFF: EF). A page with none of them has no CJK character, and a byte
# search (memchr) costs a fraction of a character-class search through the text.
_CJK_LEAD_BYTES = tuple(bytes([lead]) for lead in (*range(0xE3, 0xEA), 0xEF))


def cjk_characters(text: str) -> int:
    """How many Chinese and Japanese characters ``text`` holds (none: one failed search)."""
    return len(_CJK.findall(text)) if _CJK.search(text) is not None else 0


def unspaced_words(text: str) -> int:
    """``text``'s words counted in its Thai, Lao, Burmese and Khmer characters,
    UNSPACED_CHARS_PER_WORD a word (rounded up; 0 for a text without them). The Chinese
    and Japanese count is the callers' own (``word_counts`` has made it already)."""
    return -(-len(_UNSPACED.findall(text)) // UNSPACED_CHARS_PER_WORD)


def may_hold_cjk(data: bytes) -> bool:
    """Whether the UTF-8 ``data`` may hold a CJK character (False: it holds none)."""
    return any(map(data.__contains__, _CJK_LEAD_BYTES))


def may_hold_unspaced(data: bytes) -> bool:
    """Whether the UTF-8 ``data`` may hold a Thai, Lao, Burmese or Khmer character."""
    if b"\xe0" not in data and b"\xe1" not in data:  # one byte search each (memchr) on most pages
        return False
    return _UNSPACED_BYTES.Match(_UNANCHORED, data, 0, len(data))[0][0] >= 0


def word_counts(
    lines: list[str],
    texts: list[str],
    page: str | None = None,
    tokens: list[int] | None = None,
    data: bytes | None = None,
) -> list[int]:
    """Words per line (at least one: a line is never empty); ``lines``: the lines ``texts``
    or their lower-cased forms, ``page``: those joined by newlines, ``tokens``: each
    line's ``len(str.split())`` (``token_counts``), and ``data``: ``page`` in UTF-8, when at hand.

    Chinese and Japanese are written without spaces, so a whole sentence
    would count as one word and read as a menu entry: their characters count
    as words, two to a word, on pages that hold any; Thai, Lao, Burmese and Khmer
    ones UNSPACED_CHARS_PER_WORD to a word.
    """
    words = _spaced_and_cjk_words(lines, texts, page, tokens, data)
    if data is None:
        data = ("\n".join(lines) if page is None else page).encode()
    if not may_hold_unspaced(data):
        return words
    search = _UNSPACED.search
    return [max(w, unspaced_words(text)) if search(text) else w for w, text in zip(words, texts)]


def _spaced_and_cjk_words(
    lines: list[str],
    texts: list[str],
    page: str | None,
    tokens: list[int] | None,
    data: bytes | None,
) -> list[int]:
    """``word_counts`` but for the scripts of _UNSPACED."""
    words = token_counts(lines) if tokens is None else tokens
    if data is not None and data.count(b"\n") == len(lines) - 1:
        # the page's UTF-8, a line to a line: one RE2 scan finds the lines holding one,
        # on a page whose bytes may hold one (the byte searches cost a fraction of the scan)
        return _with_cjk_words(words, texts, _lines_with_cjk(data) if may_hold_cjk(data) else [])
    if page is None:
        page = "\n".join(lines)
    found = _CJK.search(page) if data is None or may_hold_cjk(data) else None
    if found is not None:
        # only the lines holding a CJK character change (found by searching the page on
        # from each one's end): a page, or a batch of many, may hold few
        findall = _CJK.findall
        half = CJK_CHARS_PER_WORD - 1
        words = list(words)
        starts = line_starts(lines)
        search = _CJK.search
        while found is not None:
            j = bisect_right(starts, found.start()) - 1
            words[j] = max(words[j], (len(findall(texts[j])) + half) // CJK_CHARS_PER_WORD)
            found = search(page, starts[j + 1])
    if 0 in words:  # white space the block splitter keeps (an em space) splits into no words
        words = [w or 1 for w in words]
    return words


# A line holding a character of _CJK, in UTF-8 (the same code points), running on to the
# line's end: one match per such line
_CJK_LINE = re2.compile(("(?:" + _CJK.pattern + ")[^\n]*").encode())._regexp


def _lines_with_cjk(data: bytes) -> list[int]:
    """The lines of the UTF-8 page ``data`` (lines joined by newlines) holding a CJK character."""
    ends = []
    match, pos, size = _CJK_LINE.Match, 0, len(data)
    while pos <= size:
        end = match(_UNANCHORED, data, pos, size)[0][1]
        if end < 0:
            break
        ends.append(end)
        pos = end + 1  # past the line break
    if not ends:
        return []
    breaks = np.flatnonzero(np.frombuffer(data, np.uint8) == ord("\n"))
    return np.searchsorted(breaks, ends).tolist()  # type: ignore[no-any-return]


def _with_cjk_words(words: list[int], texts: list[str], cjk_lines: list[int]) -> list[int]:
    """``words`` with each line of ``cjk_lines`` counted as word_counts counts CJK text."""
    if cjk_lines:
        words = list(words)
        half = CJK_CHARS_PER_WORD - 1
        for j in cjk_lines:
            words[j] = max(words[j], (len(_CJK.findall(texts[j])) + half) // CJK_CHARS_PER_WORD)
    if 0 in words:  # white space the block splitter keeps (an em space) splits into no words
        words = [w or 1 for w in words]
    return words


# White space str.split() cuts at besides the six ASCII characters bytes.split() knows
# (" \t\n\v\f\r"), and those six as a byte table.
OTHER_SPACES = (
    "\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
# One RE2 scan for any of them: ~10x cheaper than a bytes search per character.
_OTHER_SPACE_BYTES = re2.compile(b"|".join(re2.escape(space.encode()) for space in OTHER_SPACES))
# The no-break space (UTF-8 C2 A0), the one of them that pages use often (a batch of the
# dev pages' extracted text holds over a thousand), is marked by numpy: one RE2 call and
# a slice per hit cost more than the rest of the word count. The scan finds the others.
_NBSP = (0xC2, 0xA0)
_RARE_SPACE_BYTES = re2.compile(
    b"|".join(re2.escape(space.encode()) for space in OTHER_SPACES if space != "\xa0")
)._regexp
_TAB = 9  # "\t", "\n", "\v", "\f", "\r": the five ASCII white space bytes in a row from here
_ASCII_CONTROL_SPACES = 5


def ascii_spaced(data: bytes) -> bool:
    """Whether every white space character in the UTF-8 ``data`` is ASCII: then its bytes
    split into words exactly where its text does (``str.split``), and UTF-8 never
    uses an ASCII byte inside a longer character. Most pages are; a no-break space
    inside a line is the usual exception."""
    return _OTHER_SPACE_BYTES.search(data) is None


def byte_token_counts(data: bytes, n: int) -> list[int] | None:
    """``token_counts`` of the ``n`` lines whose UTF-8 form, joined by newlines, is
    ``data``: word starts (a byte that is no white space after one that is) counted
    per line, in numpy, without a string per word. None when a line is empty (the
    block splitter never makes one).

    The white space is what ``str.split`` cuts at: the ASCII bytes, and every byte of
    each OTHER_SPACES character (found by one RE2 scan; a batch holds a few hundred at
    most, a no-break space inside a line the usual one). UTF-8 never uses an ASCII
    byte inside a longer character, so the bytes split where the text does. The
    table lookup and copies of the text with those spaces replaced that this did
    before cost twice as much (ASCII white space is compared for, no gather)."""
    if not data:
        return None
    points = np.frombuffer(data, dtype=np.uint8)
    breaks = np.flatnonzero(points == 10)
    if len(breaks) != n - 1:  # a line holding a line break of its own
        return None
    # an empty line: a break first or last, or two breaks in a row (numpy over the breaks
    # where a search of the bytes for two of them cost more than the breaks themselves)
    if len(breaks) and (breaks[0] == 0 or breaks[-1] == len(data) - 1 or (np.diff(breaks) == 1).any()):
        return None
    space = points - _TAB < _ASCII_CONTROL_SPACES  # tab to carriage return (uint8: below wraps)
    space |= points == 32
    leads = np.flatnonzero(points[:-1] == _NBSP[0])  # C2 opens a character: never inside one
    if len(leads):
        nbsp = leads[points[leads + 1] == _NBSP[1]]
        space[nbsp] = True
        space[nbsp + 1] = True
    match = _RARE_SPACE_BYTES.Match  # RE2's own search: no match object per hit
    at, size = 0, len(data)
    while True:
        at, end = match(_UNANCHORED, data, at, size)[0]
        if at < 0:
            break
        space[at:end] = True
        at = end
    opens = ~space
    opens[1:] &= space[:-1]
    words = np.flatnonzero(opens)
    # words before each line's end (its line break: white space, where no word opens)
    ends = np.empty(n + 1, dtype=np.int64)
    ends[0] = 0
    ends[1:n] = np.searchsorted(words, breaks)
    ends[n] = len(words)
    return np.diff(ends).tolist()  # type: ignore[no-any-return]


def token_counts(lines: list[str]) -> list[int]:
    """``len(line.split())`` per line: ``token_counts_python``, or its compiled twin
    ``token_counts``, which counts the words' starts without a list of them."""
    if native.MODULE is not None:
        return native.MODULE.token_counts(lines)  # type: ignore[no-any-return]
    return token_counts_python(lines)


def token_counts_python(lines: list[str]) -> list[int]:
    """``len(line.split())`` per line. The split lists live one at a time: freed at once,
    their memory is reused hot for the next line."""
    return list(map(len, map(str.split, lines)))


def few_share(words: list[int]) -> float:
    """Share of menu-like lines (at most FEW_WORDS words) on the page."""
    return sum(map(FEW_WORDS.__ge__, words)) / len(words) if words else 0.0


def few_share_of(word_array: np.ndarray) -> float:
    """``few_share`` of the word counts as an int64 array: one numpy count, where the
    columns read the same array after (the same float: an int over an int, rounded once)."""
    n = len(word_array)
    return int(np.count_nonzero(word_array <= FEW_WORDS)) / n if n else 0.0


def lines_containing(joined: str, starts: list[int], marks: tuple[str, ...]) -> np.ndarray:
    """1.0 for each line holding any of ``marks`` (``joined``: the lines joined by
    newlines, line ``i`` starting at ``starts[i]``; one more entry ends the last line).

    About one line in a hundred holds a mark, so one search of the whole page
    per mark, skipping to the next line after a hit, beats a test per line.
    """
    found = np.zeros(len(starts) - 1)
    find = joined.find
    for mark in marks:
        pos = find(mark)
        while pos >= 0:
            line = bisect_right(starts, pos) - 1
            found[line] = 1.0
            pos = find(mark, starts[line + 1])
    return found


def length_starts(lengths: np.ndarray) -> list[int]:
    """``line_starts`` from the lines' lengths (int64), summed in numpy: the raw-dump
    columns have the lengths at hand (``line_shapes``); a quarter of the Python sums' time.
    A list: a mark's line is found by ``bisect`` (numpy's per-call cost is ten times it)."""
    starts = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths + 1, out=starts[1:])
    return starts.tolist()  # type: ignore[no-any-return]


def line_starts(texts: list[str]) -> list[int]:
    """Where each line starts in ``"\\n".join(texts)``, and one more entry past the end."""
    return list(accumulate(map(_ONE_MORE, map(len, texts)), initial=0))


_ONE_MORE = (1).__add__  # a line's length and its line break


def _ramp(steps: np.ndarray, step: float, scale: int = 1) -> np.ndarray:
    """``min(k * step * scale, 1.0)`` for each k of ``steps`` (the product left to right)."""
    return np.minimum(steps * step * scale, 1.0)


def _span_flags(n: int, first: int, last: int) -> np.ndarray:
    """1.0 for lines ``first`` to ``last`` (all 0.0 when ``last < first``)."""
    flags = np.zeros(n)
    if last >= first:
        flags[first : last + 1] = 1.0
    return flags


def _before(n: int, first: int, step: float, scale: int = 1) -> np.ndarray:
    """A ramp down to the line ``first``: ``min((first - i) * step * scale, 1.0)`` before it, 0.0 from it."""
    out = np.zeros(n)
    if first > 0:
        out[:first] = _ramp(np.arange(first, 0, -1), step, scale)
    return out


def _shifted(values: np.ndarray, by: int) -> np.ndarray:
    """``values`` moved ``by`` lines down (up when negative), 0.0 where nothing moves in."""
    out = np.zeros(len(values))
    if by > 0:
        out[by:] = values[:-by]
    elif by < 0:
        out[:by] = values[-by:]
    return out


def code_points(chars: str) -> np.ndarray:
    """The code points of ``chars`` (lone surrogates included), one uint32 each."""
    return np.frombuffer(chars.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


_TABLE_SIZE = 0x10000  # code points past the Basic Multilingual Plane look up its last entry


def char_table(chars: frozenset[str] | str) -> np.ndarray:
    """A lookup table that is True at the code points of ``chars`` (all in the BMP, none
    the non-character U+FFFF that stands in for every code point above it)."""
    table = np.zeros(_TABLE_SIZE, dtype=bool)
    table[[ord(c) for c in chars]] = True
    assert not table[-1]
    return table


def in_table(table: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Whether each code point is one of the table's characters (a cheaper ``np.isin``)."""
    return table[np.minimum(points, _TABLE_SIZE - 1)]  # type: ignore[no-any-return]


_TERMINAL_TABLE = char_table(_TERMINAL)
_BULLET_TABLE = char_table(_BULLETS)
_LAST = itemgetter(-1)
_FIRST = itemgetter(0)


def edge_chars(texts: list[str], which: itemgetter) -> np.ndarray:  # type: ignore[type-arg]
    """The first or last character of each (non-empty) line, as code points."""
    return code_points("".join(map(which, texts)))


def line_shapes_python(
    texts: list[str], joined: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per line its length, whether it is Title Case (``str.istitle``), its first and last
    characters' code points and its ``digit_shares`` (``joined``: the lines joined by
    newlines): what the raw-dump columns read of every line (the reference and fallback
    of ``line_shapes``)."""
    n = len(texts)
    lengths = np.fromiter(map(len, texts), np.int64, n)
    titles = np.fromiter(map(str.istitle, texts), bool, n)
    return lengths, titles, edge_chars(texts, _FIRST), edge_chars(texts, _LAST), digit_shares(joined, n)


if native.MODULE is not None:
    _native_line_shapes = native.MODULE.line_shapes

    def line_shapes(
        texts: list[str], joined: str
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per line its length, ``str.istitle``, its first and last code points and its
        share of ASCII digits: the compiled twin of ``line_shapes_python``, one pass over
        the lines (``joined`` is not needed)."""
        lengths, titles, firsts, lasts, digits = _native_line_shapes(texts)
        return (
            np.frombuffer(lengths, np.int64),
            np.frombuffer(titles, np.bool_),
            np.frombuffer(firsts, np.uint32),
            np.frombuffer(lasts, np.uint32),
            np.frombuffer(digits, np.float64),
        )

else:
    line_shapes = line_shapes_python


def digit_shares(joined: str, n: int) -> np.ndarray:
    """Share of ASCII digits among each line's UTF-8 bytes (``joined``: the n lines joined
    by newlines, none of which holds a newline of its own)."""
    data = np.frombuffer(joined.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    ends = np.empty(n, dtype=np.int64)
    ends[:-1] = np.flatnonzero(data == 10)
    ends[-1] = len(data)
    begins = np.empty(n, dtype=np.int64)
    begins[0] = 0
    begins[1:] = ends[:-1] + 1
    # each line's bytes and the newline after it (no digit); lines are never empty
    digits = np.add.reduceat((data - 48) < 10, begins, dtype=np.int64)  # uint8 wraps below "0"
    return digits / (ends - begins)  # type: ignore[no-any-return]


def first_occurrences_python(tokens: Sequence[str | bytes]) -> np.ndarray:
    """For each token, the position of its first occurrence in ``tokens`` (the reference
    and fallback of ``first_occurrences``, whose compiled twin runs the same dict lookups).

    ``dict.setdefault`` hands back the position stored when the token was first
    seen, so one C-level pass names every distinct token by a number, in
    first-seen order (the order a Counter keeps), and later counts, ranks and set
    tests run on those numbers in numpy rather than on strings in Python.
    """
    first_seen: dict[str | bytes, int] = {}
    return np.fromiter(map(first_seen.setdefault, tokens, count()), np.int64, len(tokens))


if native.MODULE is not None:
    _native_first_occurrences = native.MODULE.first_occurrences

    def first_occurrences(tokens: Sequence[str | bytes]) -> np.ndarray:
        """For each token, the position of its first occurrence in ``tokens``: the compiled
        twin of ``first_occurrences_python`` (its int64 bytes, wrapped without a copy)."""
        return np.frombuffer(_native_first_occurrences(tokens), np.int64)

else:
    first_occurrences = first_occurrences_python


def byte_word_occurrences_python(spaced: bytes) -> tuple[np.ndarray, Sequence[bytes]]:
    """The words of ``spaced`` (``bytes.split``) and ``first_occurrences`` of them: the
    reference and fallback of ``byte_word_occurrences``."""
    words = spaced.split()
    return first_occurrences(words), words


class _ByteWords(Sequence[bytes]):
    """The words of a page's bytes, sliced out only when asked for (the compiled
    ``byte_word_occurrences`` finds them without a bytes object each): ``bounds`` holds
    each word's start and end."""

    def __init__(self, data: bytes, bounds: bytearray) -> None:
        self._data = data
        self._bounds = memoryview(bounds).cast("q")

    def __len__(self) -> int:
        return len(self._bounds) // 2

    def data_and_bounds(self) -> tuple[bytes, memoryview]:
        """The page's bytes and each word's start and end (int64), for the compiled
        ``stop_shares`` to read the words' lengths from."""
        return self._data, self._bounds

    def __getitem__(self, k: Any) -> Any:
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        # word k's start and end sit at 2k and 2k + 1, from either end (k = -1: -2, -1);
        # past the words the memoryview raises the IndexError
        bounds = self._bounds
        return self._data[bounds[2 * k] : bounds[2 * k + 1]]


if native.MODULE is not None:
    _native_byte_word_occurrences = native.MODULE.byte_word_occurrences

    def byte_word_occurrences(spaced: bytes) -> tuple[np.ndarray, Sequence[bytes]]:
        """The words of ``spaced`` (``bytes.split``) and ``first_occurrences`` of them, by
        one compiled pass over the bytes (``byte_word_occurrences_python`` where its hash
        table meets too many collisions)."""
        found = _native_byte_word_occurrences(spaced)
        if found is None:
            return byte_word_occurrences_python(spaced)
        first, bounds = found
        return np.frombuffer(first, np.int64), _ByteWords(spaced, bounds)

else:
    byte_word_occurrences = byte_word_occurrences_python


def most_common_positions_python(first: np.ndarray, k: int) -> list[int]:
    """The first positions (``first_occurrences``) of the ``k`` most frequent tokens, ties
    in first-seen order: the head of ``sorted(Counter(tokens), key=..., reverse=True)``,
    whose stable sort a stable argsort of the negated counts reproduces (the reference and
    fallback of ``most_common_positions``)."""
    counts = np.bincount(first, minlength=len(first))
    seen = np.flatnonzero(counts)
    return seen[np.argsort(-counts[seen], kind="stable")[:k]].tolist()  # type: ignore[no-any-return]


if native.MODULE is not None:
    _native_most_common_positions = native.MODULE.most_common_positions

    def most_common_positions(first: np.ndarray, k: int) -> list[int]:
        """The first positions of the ``k`` most frequent tokens, ties in first-seen order:
        the compiled twin of ``most_common_positions_python`` (counts and one sort in C)."""
        if k < 0:
            return most_common_positions_python(first, k)
        found = _native_most_common_positions(np.ascontiguousarray(first, dtype=np.int64), k)
        return most_common_positions_python(first, k) if found is None else found

else:
    most_common_positions = most_common_positions_python


def _stop_shares(
    page: str, tokens_per_line: list[int], words: np.ndarray, spaced: bytes | None = None
) -> np.ndarray:
    """Share of each line's words that are among the page's most frequent short tokens.

    ``page``: the lower-cased lines joined by newlines; ``tokens_per_line``: their
    ``token_counts``; ``words``: the page's word counts (``word_counts``), the
    denominators; ``spaced``: ``page`` in UTF-8 when it is ``ascii_spaced`` (or any page
    by the compiled ``respaced_utf8``, its white space written as ASCII spaces), whose
    ``bytes.split()`` gives the same tokens, encoded, for less than ``str.split()``
    (a str per word must find its widest character).
    """
    tokens: Sequence[str | bytes]
    if spaced is not None and _native_page_stop_column is not None:
        column = _native_page_stop_column(spaced, tokens_per_line, words)
        if column is not None:  # None: its word hashes collided too often
            return np.frombuffer(column, np.float64)
    if spaced is None:
        tokens = page.split()
        first = first_occurrences(tokens)
    else:
        first, tokens = byte_word_occurrences(spaced)
    ranked = most_common_positions(first, STOPWORDS_PER_PAGE * 3)
    if _native_stop_shares is not None:
        return _native_stop_column(first, ranked, tokens, tokens_per_line, words, spaced)
    ranked_tokens: Sequence[str | bytes] = list(map(tokens.__getitem__, ranked))
    if spaced is not None:  # their lengths in characters: decoded in one call, split back at the spaces
        ranked_tokens = b" ".join(cast(Sequence[bytes], ranked_tokens)).decode().split(" ")
    short = map(STOPWORD_MAX_CHARS.__ge__, map(len, ranked_tokens))
    stop = list(compress(ranked, short))[:STOPWORDS_PER_PAGE]
    is_stop = np.zeros(len(tokens), dtype=bool)
    is_stop[stop] = True
    n = len(words)
    owner = np.repeat(np.arange(n), tokens_per_line)
    return np.bincount(owner[is_stop[first]], minlength=n) / words


_native_stop_shares = None if native.MODULE is None else native.MODULE.stop_shares
# the same column from the spaced bytes in one call (the words hashed, ranked and counted)
_native_page_stop_column = None if native.MODULE is None else native.MODULE.page_stop_column


def _native_stop_column(
    first: np.ndarray,
    ranked: list[int],
    tokens: Sequence[str | bytes],
    tokens_per_line: list[int],
    words: np.ndarray,
    spaced: bytes | None,
) -> np.ndarray:
    """``_stop_shares``' last steps by the compiled ``stop_shares`` (the stop words among
    the ranked tokens, each line's count of them over its words) in one call; the ranked
    tokens' lengths in characters are read here, or by it from the words' UTF-8 bytes."""
    assert _native_stop_shares is not None
    lengths: list[int] | tuple[bytes, Any]
    if isinstance(tokens, _ByteWords):
        lengths = tokens.data_and_bounds()
    elif spaced is None:
        lengths = list(map(len, map(tokens.__getitem__, ranked)))
    else:  # the words as bytes: their lengths decoded, as _stop_shares reads them
        ranked_bytes = cast(list[bytes], list(map(tokens.__getitem__, ranked)))
        lengths = list(map(len, b" ".join(ranked_bytes).decode().split(" "))) if ranked_bytes else []
    column = _native_stop_shares(
        np.ascontiguousarray(first, np.int64), ranked, lengths, tokens_per_line, words
    )
    return np.frombuffer(column, np.float64)


class LayoutInputs(NamedTuple):
    """What ``layout.layout_columns`` reads of a page, in its order."""

    texts: list[str]
    lengths: np.ndarray
    words: np.ndarray
    long: np.ndarray
    terminal: np.ndarray
    title_case: np.ndarray
    bullet: np.ndarray
    first_seen: np.ndarray
    counts: np.ndarray
    phrase_line: np.ndarray
    first_points: np.ndarray
    digits: np.ndarray


def stage1_columns(
    texts: list[str],
    lines: PageLines,
    lex_any: Any,
    lex_line: Any,
    tokens: list[int] | None = None,
    spaced: bytes | None = None,
    joined: str | None = None,
    low_starts: list[int] | None = None,
    *,
    families: Sequence[str | None],
    word_array: np.ndarray | None = None,
) -> Columns:
    """All first-stage feature columns for the lines ``texts`` (``lines``: the page's lines
    as the labeler read them: lower-cased, joined, word counts; ``tokens``: the lower-cased
    lines' ``token_counts``, ``spaced``: their page in UTF-8 if ``ascii_spaced``, and
    ``joined``: ``texts`` joined by newlines, and ``low_starts``: the ``line_starts`` of
    ``lines.lows``, when the caller has them; ``families``: each line's lexicon family,
    a whole-line entry's included: ``HeuristicLabeler.lexicon_features``; ``word_array``:
    ``lines.words`` as int64, when the caller made it already)."""
    cols, inputs = stage1_line_columns(
        texts, lines, lex_any, lex_line, tokens, spaced, joined, low_starts, word_array=word_array
    )
    cols.update(layout_columns(*inputs))
    block = np.flatnonzero(cols["block_in"])
    n = len(texts)
    cols.update(
        terminator_columns(
            inputs.lengths,
            inputs.words,
            cols["lex_line"],
            families,
            int(block[0]) if len(block) else n,
            int(block[-1]) if len(block) else -1,
        )
    )
    return cols


def stage1_line_columns(
    texts: list[str],
    lines: PageLines,
    lex_any: Any,
    lex_line: Any,
    tokens: list[int] | None = None,
    spaced: bytes | None = None,
    joined: str | None = None,
    low_starts: list[int] | None = None,
    context: bool = True,
    word_array: np.ndarray | None = None,
) -> tuple[Columns, LayoutInputs]:
    """``stage1_columns`` but the LAYOUT and TERMINATOR ones, and what ``layout_columns``
    reads (``LayoutInputs``): for a caller that makes those for many pages at once
    (``page_groups.layout_group``); ``context`` false: without the CONTEXT columns
    either (``page_groups.context_means``)."""
    words = lines.words
    n = len(texts)
    if word_array is None:  # the labeler made it for the regime's few_share (few_share_of)
        word_array = np.array(words, dtype=np.int64)
    if n and _native_raw_lines is not None:
        # compiled: the shapes and the marks (a line break inside a line among them) are read
        # line by line, so the lines need no join, nor their starts a sum
        shapes = line_shapes(texts, "" if joined is None else joined)
        if joined is not None and len(joined) != int(shapes[0].sum()) + n - 1:
            raise ValueError("a line of the page holds a line break")
        return _native_line_columns(
            texts, lines, lex_any, lex_line, tokens, spaced, context, word_array, shapes
        )
    if joined is None:
        joined = "\n".join(texts)
    lengths, titles, first_chars, last_chars, digits = line_shapes(texts, joined)
    # lower() never shortens a line, so lines of the same total length have the same starts
    if low_starts is None or len(lines.page) != len(joined):
        starts = length_starts(lengths)
    else:
        starts = low_starts
    if len(joined) != starts[-1] - 1 or joined.count("\n") != n - 1:
        raise ValueError("a line of the page holds a line break")
    longest = int(lengths.max()) if n else 1
    len_log = np.log1p(lengths)
    long_ = (word_array >= LONG_WORDS).astype(np.float64)
    few = (word_array <= FEW_WORDS).astype(np.float64)
    terminal = in_table(_TERMINAL_TABLE, last_chars).astype(np.float64)
    first_text = first_occurrences(texts)  # nearly every raw dump repeats a line
    text_counts = np.bincount(first_text, minlength=n)[first_text]
    dup = (text_counts > 1).astype(np.float64)

    # where the page's prose sits: long lines, weighted by length (whole numbers, so every
    # sum below is exact and matches the line-by-line sums)
    long_idx = np.flatnonzero(word_array >= LONG_WORDS)
    mass = lengths * long_
    total_mass = float(mass.sum()) or 1
    if len(long_idx):
        first, last = int(long_idx[0]), int(long_idx[-1])
        centre = int((long_idx * lengths[long_idx]).sum()) / total_mass
    else:
        first, last, centre = n, -1, n / 2
    span = max(last - first, 1)
    mass_pos = (np.cumsum(mass) - mass / 2) / total_mass
    if tokens is None:
        tokens = token_counts(lines.lows)

    if context:
        near_len, far_len, far_long, far_terminal = _context_means(len_log, long_, terminal)
    inv_n = 1.0 / n
    tail = min(n, 3)
    first_line = np.zeros(n)
    first_line[0] = 1.0
    last_lines = np.zeros(n)
    last_lines[n - tail :] = 1.0
    before_span = _before(n, first, inv_n)
    cols: Columns = {
        "len_log": len_log,
        "len_rel": lengths / longest,
        "words_log": np.log1p(word_array),
        "terminal": terminal,
        "colon": (last_chars == 58).astype(np.float64),  # ":"
        "few_words": few,
        "long": long_,
        "digits": digits,
        "upper": titles.astype(np.float64),  # Title Case: menus
        "stop": _stop_shares(lines.page, tokens, word_array, spaced),
        "url": lines_containing(joined, starts, _URL_MARKS),
        "separators": lines_containing(joined, starts, _SEPARATOR_MARKS),
        "dup": dup,
        "bullet": in_table(_BULLET_TABLE, first_chars).astype(np.float64),
        "lex": np.asarray(lex_any, dtype=np.float64),
        "lex_line": np.asarray(lex_line, dtype=np.float64),
        "prev_long": _shifted(long_, 1),
        "next_long": _shifted(long_, -1),
        "centre_dist": np.abs(np.arange(n) - centre) / span,
        "inside_span": _span_flags(n, first, last),
        "before_span": before_span,
        "mass_pos": mass_pos,
        "mass_edge": np.where(1 - mass_pos < mass_pos, 1 - mass_pos, mass_pos),  # min(m, 1 - m)
        "page_lines": log1p(n),  # page constants are floats: the model adds them to its bias
        "page_long_share": len(long_idx) * inv_n,
        "page_few_share": float(few.sum()) / n,  # few_share(words), from the column at hand
        "first_line": first_line,
        "last_lines": last_lines,
    }
    if context:
        cols.update(near_len=near_len, far_len=far_len, far_long=far_long, far_terminal=far_terminal)
    inputs = LayoutInputs(
        texts,
        lengths,
        word_array,
        long_,
        terminal,
        cols["upper"],
        cols["bullet"],
        first_text,
        text_counts,
        cols["lex_line"],
        first_chars,
        cols["digits"],
    )
    return cols, inputs


# The rows of the compiled ``raw_lines``, in its order; the first two hold counts, whose
# log1p numpy takes (as fitted: numpy's SIMD log1p differs from the C library's).
_RAW_LINE_ROWS = (
    "len_log",
    "words_log",
    "len_rel",
    "terminal",
    "colon",
    "few_words",
    "long",
    "upper",
    "dup",
    "bullet",
    "prev_long",
    "next_long",
    "centre_dist",
    "inside_span",
    "before_span",
    "mass_pos",
    "mass_edge",
    "first_line",
    "last_lines",
)
_RAW_LINE_COUNTS = 2
_TERMINAL_CHARS = "".join(sorted(_TERMINAL))
_BULLET_CHARS = "".join(sorted(_BULLETS))
_native_raw_lines = None if native.MODULE is None else native.MODULE.raw_lines
_native_window_means = None if native.MODULE is None else native.MODULE.window_means
_native_raw_stage2 = None if native.MODULE is None else native.MODULE.raw_stage2
_native_lines_holding = None if native.MODULE is None else native.MODULE.lines_holding
_native_line_repeats = None if native.MODULE is None else native.MODULE.line_repeats
# the page's words as bytes even where its white space is not ASCII's (``_stop_shares``)
_native_respaced = None if native.MODULE is None else native.MODULE.respaced_utf8
# the rows of ``lines_holding``: "url", "separators", and the lines holding a line break
# (which no line may: the Python columns read the lines joined by newlines)
_MARK_GROUPS = (_URL_MARKS, _SEPARATOR_MARKS, ("\n",))
_LINE_BREAK_ROW = 2
# The rows of the compiled ``raw_stage2``, in its order: ``STAGE2_EXTRA`` after "s1".
_STAGE2_ROWS = STAGE2_EXTRA[1:]


def _native_context_means(len_log: np.ndarray, long_: np.ndarray, terminal: np.ndarray) -> np.ndarray:
    """``_context_means`` by the compiled ``window_means``: the same running sums, made
    left to right as ``np.cumsum`` makes them, in one call for the four columns."""
    assert _native_window_means is not None
    pairs = ((len_log, NEAR), (len_log, FAR), (long_, FAR), (terminal, FAR))
    return np.frombuffer(_native_window_means(pairs), np.float64).reshape(len(pairs), len(len_log))


def _line_repeats(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each line's ``first_occurrences`` and how many lines hold its text, by the compiled
    ``line_repeats`` in one pass (its own hash of the lines: no dict, no SipHash), or
    numpy's bincount where it answers None."""
    found = None if _native_line_repeats is None else _native_line_repeats(texts)
    if found is None:
        first = first_occurrences(texts)
        return first, np.bincount(first, minlength=len(texts))[first]
    return np.frombuffer(found[0], np.int64), np.frombuffer(found[1], np.int64)


def _native_line_columns(
    texts: list[str],
    lines: PageLines,
    lex_any: Any,
    lex_line: Any,
    tokens: list[int] | None,
    spaced: bytes | None,
    context: bool,
    word_array: np.ndarray,
    shapes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray],
) -> tuple[Columns, LayoutInputs]:
    """``stage1_line_columns`` of a page of at least one line with the compiled ``raw_lines``
    making the columns that are arithmetic on the lines' shapes in one call (numpy took some
    thirty), and the compiled ``lines_holding`` the two mark columns in one pass over the
    lines; the stop words are read from the page's bytes, ``respaced_utf8``'s where its white
    space is not ASCII's (no str per word). The same floats bit for bit."""
    lengths, titles, first_chars, last_chars, digits = shapes
    n = len(texts)
    first_text, text_counts = _line_repeats(texts)  # nearly every raw dump repeats a line
    assert _native_raw_lines is not None
    found, long_count, few_count = _native_raw_lines(
        lengths, word_array, first_chars, last_chars, titles, text_counts, _TERMINAL_CHARS, _BULLET_CHARS
    )
    rows = np.frombuffer(found, np.float64).reshape(len(_RAW_LINE_ROWS), n)
    rows[:_RAW_LINE_COUNTS] = np.log1p(rows[:_RAW_LINE_COUNTS])
    row = dict(zip(_RAW_LINE_ROWS, rows))
    if tokens is None:
        tokens = token_counts(lines.lows)
    assert _native_lines_holding is not None and _native_respaced is not None
    marked = np.frombuffer(_native_lines_holding(texts, _MARK_GROUPS), np.float64).reshape(
        len(_MARK_GROUPS), n
    )
    if marked[_LINE_BREAK_ROW].any():
        raise ValueError("a line of the page holds a line break")
    inv_n = 1.0 / n
    cols: Columns = {
        "len_log": row["len_log"],
        "len_rel": row["len_rel"],
        "words_log": row["words_log"],
        "terminal": row["terminal"],
        "colon": row["colon"],
        "few_words": row["few_words"],
        "long": row["long"],
        "digits": digits,
        "upper": row["upper"],
        "stop": _stop_shares(
            lines.page, tokens, word_array, _native_respaced(lines.page) if spaced is None else spaced
        ),
        "url": marked[0],
        "separators": marked[1],
        "dup": row["dup"],
        "bullet": row["bullet"],
        "lex": np.asarray(lex_any, dtype=np.float64),
        "lex_line": np.asarray(lex_line, dtype=np.float64),
        "prev_long": row["prev_long"],
        "next_long": row["next_long"],
        "centre_dist": row["centre_dist"],
        "inside_span": row["inside_span"],
        "before_span": row["before_span"],
        "mass_pos": row["mass_pos"],
        "mass_edge": row["mass_edge"],
        "page_lines": log1p(n),
        "page_long_share": long_count * inv_n,
        "page_few_share": float(few_count) / n,
        "first_line": row["first_line"],
        "last_lines": row["last_lines"],
    }
    if context:
        near_len, far_len, far_long, far_terminal = _native_context_means(
            row["len_log"], row["long"], row["terminal"]
        )
        cols.update(near_len=near_len, far_len=far_len, far_long=far_long, far_terminal=far_terminal)
    inputs = LayoutInputs(
        texts,
        lengths,
        word_array,
        row["long"],
        row["terminal"],
        row["upper"],
        row["bullet"],
        first_text,
        text_counts,
        cols["lex_line"],
        first_chars,
        digits,
    )
    return cols, inputs


def stage2_columns(cols: Columns, s1: Any) -> Columns:
    """Second stage: the first stage's scores of the neighbours, beside the line's own
    (by the compiled ``raw_stage2`` in one call where it is built: the same floats)."""
    s1 = np.asarray(s1, dtype=np.float64)
    n = len(s1)
    if n and _native_raw_stage2 is not None:
        rows = _native_raw_stage2(np.ascontiguousarray(s1), np.ascontiguousarray(cols["len_log"], np.float64))
        found = dict(cols)
        found["s1"] = s1
        found.update(zip(_STAGE2_ROWS, np.frombuffer(rows, np.float64).reshape(len(_STAGE2_ROWS), n)))
        return found
    if n > 1:
        before = np.empty(n)  # at the page edges the only neighbour stands in twice
        before[0] = s1[1]
        before[1:] = s1[:-1]
        after = np.empty(n)
        after[:-1] = s1[1:]
        after[-1] = s1[-2]
    else:
        before = after = s1
    out = dict(cols)
    out["s1"] = s1
    out["s1_prev"] = _shifted(s1, 1)
    out["s1_next"] = _shifted(s1, -1)
    padded = padded_prefix(s1, FAR)
    out["s1_near"] = window_mean(padded, s1, NEAR, FAR)
    out["s1_far"] = window_mean(padded, s1, FAR, FAR)
    out["s1_max_near"] = np.maximum(before, after)
    out["s1_min_near"] = np.minimum(before, after)
    out.update(_run_columns(s1, cols["len_log"]))
    return out


def _run_columns(s1: np.ndarray, len_log: np.ndarray) -> dict[str, np.ndarray]:
    """Where each line sits relative to the page's main run of kept lines.

    A learned form of boilerpipe's "largest block": runs of lines stage one
    keeps (bridging short gaps), their size against the largest, and whether
    a line lies before or after the largest run (comments, teasers).
    """
    n = len(s1)
    kept_flags = s1 >= RUN_KEEP
    kept = np.flatnonzero(kept_flags)
    if not len(kept):
        zeros = np.zeros(n)
        return {"run_share": zeros, "in_main": zeros, "before_main": zeros, "after_main": zeros}
    # a run breaks where more than RUN_GAP lines separate two kept lines
    breaks = (np.flatnonzero(np.diff(kept) > RUN_GAP + 1) + 1).tolist()
    bounds = [0, *breaks, len(kept)]
    kept_sizes = len_log[kept].tolist()
    sizes = [sum(kept_sizes[a:b]) for a, b in zip(bounds, bounds[1:])]  # left to right, as before
    biggest = max(range(len(sizes)), key=sizes.__getitem__)
    top = sizes[biggest]
    spread = np.zeros(n)  # each run's share over its whole span, gaps included
    for a, b, size in zip(bounds, bounds[1:], sizes):
        spread[kept[a] : kept[b - 1] + 1] = size / top
    first, last = int(kept[bounds[biggest]]), int(kept[bounds[biggest + 1] - 1])
    inv = 1.0 / n
    after_main = np.zeros(n)
    after_main[last + 1 :] = _ramp(np.arange(1, n - last), inv, 4)
    return {
        "run_share": spread * kept_flags,  # 0.0 on the bridged lines
        "in_main": _span_flags(n, first, last),
        "before_main": _before(n, first, inv, 4),
        "after_main": after_main,
    }
