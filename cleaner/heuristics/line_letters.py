"""Per line: words opening with an upper-case letter, words opening with a letter that has
a case, and ASCII digits; one of the article-line model's column groups (``article_lines``).

Counted over a page's UTF-8 bytes where it can be: each byte mapped to a shape letter, so
a few ``bytes.count`` calls over the lines count every ASCII word, and only words opening
with a non-ASCII character are decoded; numpy takes over on long pages and batches, and a
page whose letters change length with their case is counted line by line, as the model
was fitted. Where the compiled accelerator is built (``cleaner.native``) one C pass over
the lines' characters counts every page (``_letter_counts_of_lines``), the same counts as
the byte and numpy ways here, which stay its reference and fallback.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, compress, repeat
from operator import add

import numpy as np

from cleaner import native

SPACE_CHARS = " \t\n\r\x0b\x0c\xa0\u2009\u202f\u3000"  # words are split at these only, as fitted
_NON_ASCII_OPENING = re.compile(b" x")  # a space shape, then a byte of a non-ASCII character
# Bytes of a UTF-8 character by its first byte (only lead bytes are ever looked up)
_UTF8_LENGTH = bytes(1 if b < 0xE0 - 0x20 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4 for b in range(256))
CASE_MEMORY = 4096  # non-ASCII initials whose case is remembered: the alphabets of a few dozen languages
_INITIAL_CASES: dict[bytes, tuple[int, int] | None] = {}
_UNKNOWN = (-1, -1)  # not in _INITIAL_CASES yet
# Words opening with a non-ASCII letter up to which their code points are read one by one
# (``_code_points_of``) rather than by numpy: a long page holds a few dozen, a batch
# thousands (the dev pages of more than 30 lines one by one: numpy took ~100 us a page).
FEW_WIDE_INITIALS = 128
BYTES_LETTERS_MAX_LINES = 30  # past this many lines numpy over the page counts faster (dev pages, measured)
_WIDE_SPACES = tuple(c for c in SPACE_CHARS if not c.isascii())
_SPACE_BYTES = np.zeros(256, dtype=bool)  # byte -> an ASCII space of SPACE_CHARS
_SPACE_BYTES[[ord(c) for c in SPACE_CHARS if c.isascii()]] = True
_SPACE_FLAGS = bytes(_SPACE_BYTES)  # the same as a byte table: ``bytes.translate`` reads it
_NEWLINE = ord("\n")
_UTF8_LEAD = 0xC0  # a byte from here up opens a character of two to four bytes


def _shape_table() -> bytes:
    """Byte -> shape: "\\n" stays; other ASCII spaces of SPACE_CHARS -> " "; A-Z -> "U";
    a-z -> "l"; 0-9 -> "0"; a byte of a non-ASCII character -> "x"; anything else -> "."."""
    table = bytearray(b"." * 128 + b"x" * 128)
    for c in SPACE_CHARS:
        if ord(c) < 0x80:
            table[ord(c)] = ord(" ")
    table[ord("\n")] = ord("\n")
    for a, z, mark in (("A", "Z", "U"), ("a", "z", "l"), ("0", "9", "0")):
        table[ord(a) : ord(z) + 1] = mark.encode("ascii") * (ord(z) - ord(a) + 1)
    return bytes(table)


_SHAPE = _shape_table()


def _letter_counts(texts: list[str]) -> tuple[list[int], list[int], list[int]]:
    """Per line: words opening with an upper-case letter, words opening with a letter
    that has a case (a letter whose lower or upper case is another letter), and ASCII
    digits; words are split at ``SPACE_CHARS`` only.

    Read from the page's UTF-8 bytes mapped to one shape letter each (``_SHAPE``): an
    ASCII letter opening a word is a space shape before an upper- or lower-case shape,
    so a few ``bytes.count`` calls over the page's lines count them all; only the words
    opening with a non-ASCII character ("Élysée", "“Quote", Cyrillic) are decoded one
    by one. A page with a letter whose case has another length ("ß") is counted by
    ``_letter_counts_by_line``, as the model was fitted. A long page (more than
    BYTES_LETTERS_MAX_LINES lines) goes to ``_letter_counts_of_page``."""
    if len(texts) > BYTES_LETTERS_MAX_LINES or native.MODULE is not None:  # the compiled count: any page
        return _letter_counts_of_page(texts)
    raw = _spaced_page(texts).encode("utf-8", "surrogatepass")
    # A space shape opens each line's shape (one inserted after each line break and one
    # before the page), so a line's first word counts like any other.
    shapes = b" " + raw.translate(_SHAPE).replace(b"\n", b"\n ")
    lines = shapes.split(b"\n")
    upper = list(map(bytes.count, lines, repeat(b" U")))
    cased = list(map(add, upper, map(bytes.count, lines, repeat(b" l"))))
    digits = list(map(bytes.count, lines, repeat(b"0")))
    if b" x" in shapes:
        # raw offset of each line's first byte: its shape is one byte longer, its line break one more
        line_starts = list(accumulate(map(len, lines), initial=0))
        for j in compress(range(len(lines)), map(bytes.count, lines, repeat(b" x"))):
            start = line_starts[j]
            for hit in _NON_ASCII_OPENING.finditer(lines[j]):
                # the opening character in ``raw``: one byte after the space matched, one
                # byte before its place in the shape (which has a space inserted at its start)
                at = start + hit.start()
                initial = raw[at : at + _UTF8_LENGTH[raw[at]]]
                case = _INITIAL_CASES.get(initial, _UNKNOWN)
                if case is _UNKNOWN:
                    case = _initial_case(initial)
                if case is None:
                    return _letter_counts_by_line(texts)
                upper[j] += case[0]
                cased[j] += case[1]
    return upper, cased, digits


def _spaced_page(texts: list[str]) -> str:
    """The lines joined by line breaks, one line of the page per text: a line break inside
    a line and the non-ASCII spaces of SPACE_CHARS made plain spaces, so words split at
    the same places and a page line is a line."""
    page = "\n".join(texts)
    if page.count("\n") != len(texts) - 1:  # a line holding a line break: a space like any other
        page = "\n".join(text.replace("\n", " ") for text in texts)
    for space in _WIDE_SPACES:
        if space in page:
            page = page.replace(space, " ")
    return page


def _letter_counts_of_page(texts: list[str]) -> tuple[list[int], list[int], list[int]]:
    """``_letter_counts`` by numpy over the page's code points: a few calls per page
    whatever its lines, so on a long page cheaper than a few calls per line."""
    upper, cased, digits, odd = _letter_counts_of_lines(texts)
    return (upper, cased, digits) if not odd else _letter_counts_by_line(texts)


def letter_counts_of_pages(
    texts: list[str],
    starts: list[int],
    counted: tuple[list[int], list[int], list[int], list[int]] | None = None,
) -> tuple[list[int], list[int], list[int]]:
    """``_letter_counts`` of each page of a batch (page k: lines ``starts[k]`` to
    ``starts[k + 1]`` of ``texts``), the pages' lines counted together by numpy: a
    line's counts do not depend on its page, except on the rare page with a word
    opening with a letter whose case has another length, which is counted apart
    (``_letter_counts``: by line, as the model was fitted). ``counted``: the lines'
    ``_letter_counts_of_lines`` where the caller has them (changed in place), so they
    are not counted twice."""
    if len(starts) == 2:
        return _letter_counts(texts)
    upper, cased, digits, odd = _letter_counts_of_lines(texts) if counted is None else counted
    for k in sorted({bisect_right(starts, j) - 1 for j in odd}):
        a, b = starts[k], starts[k + 1]
        upper[a:b], cased[a:b], digits[a:b] = _letter_counts(texts[a:b])
    return upper, cased, digits


def _letter_counts_by_numpy(texts: list[str]) -> tuple[list[int], list[int], list[int], list[int]]:
    """The counts of ``_letter_counts_of_page`` by numpy over the lines' UTF-8 bytes, and
    the lines with a word opening with a letter whose case has another length ("ß";
    their counts here are not the model's). A word opens at a byte that is no space
    after one that is (the non-ASCII spaces of SPACE_CHARS made " " first); an ASCII
    initial's case is its byte's, only the other initials are decoded (their code
    points put together from their bytes) and compared with their lower and upper case."""
    raw = _spaced_page(texts).encode("utf-8", "surrogatepass")
    data = np.frombuffer(raw, np.uint8)
    space = np.frombuffer(raw.translate(_SPACE_FLAGS), np.bool_)
    opens = ~space
    opens[1:] &= space[:-1]
    at = np.flatnonzero(opens)  # where each word opens; only these letters' case matters
    breaks = np.flatnonzero(data == _NEWLINE)
    first = data[at]
    is_upper = (first >= ord("A")) & (first <= ord("Z"))
    cased = is_upper | ((first >= ord("a")) & (first <= ord("z")))
    odd: list[int] = []
    wide = np.flatnonzero(first >= _UTF8_LEAD)
    if len(wide):
        points = (
            _code_points_at(data, at[wide])
            if len(wide) > FEW_WIDE_INITIALS
            else _code_points_of(raw, at[wide])
        )
        initials = points.tobytes().decode("utf-32-le", "surrogatepass")
        lower, upper = initials.lower(), initials.upper()
        if not (len(lower) == len(upper) == len(initials)):  # a letter whose case has another length
            odd_letters = [ord(c) for c in set(initials) if len(c.lower()) != 1 or len(c.upper()) != 1]
            is_odd = np.isin(points, odd_letters)
            odd = np.searchsorted(breaks, at[wide[is_odd]]).tolist()  # the breaks before: the line
            points = np.where(is_odd, np.uint32(ord(" ")), points)  # no case: those lines are counted again
            initials = points.tobytes().decode("utf-32-le", "surrogatepass")
            lower, upper = initials.lower(), initials.upper()
        wide_upper = points != np.frombuffer(lower.encode("utf-32-le", "surrogatepass"), np.uint32)
        is_upper[wide] = wide_upper
        cased[wide] = wide_upper | (
            points != np.frombuffer(upper.encode("utf-32-le", "surrogatepass"), np.uint32)
        )
    digit_at = np.flatnonzero((data - np.uint8(ord("0"))) < 10)  # bytes below "0" wrap around
    # counted per line from where each line's words end among the words (one search per
    # line break, where placing each word on its line was one per word)
    ends = _line_ends(at, breaks)
    return (
        _per_line_counts(is_upper, ends),
        _per_line_counts(cased, ends),
        np.diff(_line_ends(digit_at, breaks)).tolist(),
        odd,
    )


if native.MODULE is not None:
    _native_letter_counts = native.MODULE.letter_counts

    def _letter_counts_of_lines(texts: list[str]) -> tuple[list[int], list[int], list[int], list[int]]:
        """``_letter_counts_by_numpy``'s counts and odd lines by one compiled pass over the
        lines' characters (each non-ASCII initial's case asked once per process)."""
        return _native_letter_counts(texts)

else:
    _letter_counts_of_lines = _letter_counts_by_numpy


def _line_ends(marks: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """How many of ``marks`` (sorted byte offsets) lie before each line's end: 0, then one
    entry per line break (``breaks``, sorted), then all of them."""
    ends = np.empty(len(breaks) + 2, dtype=np.intp)
    ends[0] = 0
    ends[1:-1] = np.searchsorted(marks, breaks)
    ends[-1] = len(marks)
    return ends


def _per_line_counts(flags: np.ndarray, ends: np.ndarray) -> list[int]:
    """The flags set among each line's marks (``ends``: ``_line_ends`` of the marks)."""
    running = np.zeros(len(flags) + 1, dtype=np.intp)
    np.cumsum(flags, out=running[1:])
    return np.diff(running[ends]).tolist()  # type: ignore[no-any-return]


def _code_points_of(raw: bytes, at: np.ndarray) -> np.ndarray:
    """``_code_points_at`` for a few characters: each decoded from its bytes in ``raw``
    (the same UTF-8 as ``data``), where numpy's two dozen calls cost more than a page's few."""
    chars = "".join([raw[a : a + _UTF8_LENGTH[raw[a]]].decode("utf-8", "surrogatepass") for a in at.tolist()])
    return np.frombuffer(chars.encode("utf-32-le", "surrogatepass"), "<u4")


def _code_points_at(data: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The code points of the UTF-8 characters whose first bytes sit at ``at`` in ``data``
    (each a lead byte of a multi-byte character), as little-endian uint32."""
    last = len(data) - 1
    lead = data[at].astype(np.uint32)
    follow = [data[np.minimum(at + k, last)].astype(np.uint32) & 0x3F for k in (1, 2, 3)]
    two = ((lead & 0x1F) << 6) | follow[0]
    three = ((lead & 0x0F) << 12) | (follow[0] << 6) | follow[1]
    four = ((lead & 0x07) << 18) | (follow[0] << 12) | (follow[1] << 6) | follow[2]
    points = np.where(lead < 0xE0, two, np.where(lead < 0xF0, three, four))
    return points.astype("<u4")


def _initial_case(initial: bytes) -> tuple[int, int] | None:
    """(1 if upper case, 1 if cased) for one character in UTF-8, remembered for the next
    pages; None for a letter whose case has another length."""
    letter = initial.decode("utf-8", "surrogatepass")
    lower, higher = letter.lower(), letter.upper()
    case = None
    if len(lower) == len(higher) == 1:
        case = (int(letter != lower), int(letter != lower or letter != higher))
    if len(_INITIAL_CASES) < CASE_MEMORY:
        _INITIAL_CASES[initial] = case
    return case


def _letter_counts_by_line(texts: list[str]) -> tuple[list[int], list[int], list[int]]:
    """``_letter_counts`` by ``str.split`` and Unicode digits, for the rare page whose
    letters' case changes their length."""
    upper_initials, cased_initials, digits = [], [], []
    for text in texts:
        initials = [word[0] for word in text.split()]
        upper_initials.append(sum(map(str.isupper, initials)))
        cased_initials.append(sum(1 for c in initials if c.isupper() or c.islower()))
        digits.append(sum(map(str.isdigit, text)))
    return upper_initials, cased_initials, digits
