"""Features of the article-line model: boilerplate left inside an article's text.

An extractor's output (or the article blocks the html stage kept) is mostly
prose; what it still carries sits in telling places and has telling shapes:
"READ MORE: <headline>" lead-ins, a run of title-cased teaser headlines after the
last paragraph, a newsletter prompt, a photo credit, "Follow us on ...", a
copyright line, a byline, and long paragraphs that are not the article's (an
author's bio, an "About X" box of a press release, a pitch in the first person
plural). The page's raw-dump classifier (``features.py``) is tuned for whole
pages full of menus and would cut list items and subheadings here, so this
model has its own columns, chosen to carry across languages: the line's shape,
its place relative to the article's long paragraphs, its neighbours up to two
lines away, repetition inside the page, the page's own shape, and the phrase
families and lead-ins of the lexicons.

``article_matrix`` computes every column for the whole page at once (one row per
line, columns in ``ARTICLE_FEATURES`` order). The fit script
(``bench/fit_article.py``) calls this same function, so training and run time
see the same numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection
from functools import cache, cached_property
from itertools import accumulate, chain, compress, groupby, repeat
from operator import is_not
from types import ModuleType
from typing import Any, NamedTuple

import numpy as np
import re2

from cleaner import native
from cleaner.heuristics.features import OTHER_SPACES, line_starts
from cleaner.heuristics.lazy_regex import lazy_compile
from cleaner.heuristics.lexicon import Lexicon
from cleaner.heuristics.line_letters import letter_counts_of_pages
from cleaner.heuristics.scores import PageLines

PARAGRAPH_WORDS = 25  # a line this long is an article paragraph; the body's core runs between them
SHORT_WORDS = 8  # a line shorter than this is headline-, button- or caption-sized
TINY_WORDS = 4
FAR_LINES = 20  # distances in lines are clipped here: past it, "far" is all that matters
_SENTENCE_END = frozenset(".!?…\"”»'’)")
_BULLETS = frozenset("-•*·►▶›»>–—■□●○◦")
_QUOTES = frozenset("\"“”„«»‘’'‹›「『")
# First person plural and second person: an outlet's pitch ("we rely on readers like
# you") rather than a report. Lower-cased words from the languages the lexicons cover
# (my own lists).
_WE = frozenset(
    "we us our ours wir uns unser unsere unseren unserer unserem nous notre nos nosotros nosotras "
    "nuestro nuestra nuestros nuestras noi nostro nostra nostri nostre nós nosso nossa nossos nossas "
    "wij ons onze vi oss vår vårt våre vores my nas nasz nasza nasze naszych мы нас наш наша наше наши".split()
)
_YOU = frozenset(
    "you your yours du dich dein deine ihr euch euer vous votre vos tu tú usted ustedes tus "
    "voi vostro vostra você vocês jij jouw uw ni din ditt dina ty wy twój ты вы ваш ваша ваше ваши твой".split()
)
_PRONOUNS = _WE | _YOU
_PLAIN_RE2 = re2.Options()  # RE2's defaults, errors raised rather than logged
_PLAIN_RE2.log_errors = False
_UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED


def _byte_program(pattern: bytes) -> Any:
    """``pattern`` compiled as RE2's own program (what ``re2.compile`` wraps): its
    ``Match(anchor, data, pos, end)`` gives the span of one match, ``(-1, -1)`` when there
    is none. A scan with many hits calls it in a loop: the wrapper's ``finditer`` costs
    a generator step and a match object per hit, several times RE2's own work."""
    program = re2._re2.RE2(pattern, _PLAIN_RE2)
    if not program.ok():
        raise re2.error(program.error())
    return program


# A line holding a pronoun as a whole word (between white space as ``str.split`` cuts at
# it), in the lower-cased page's UTF-8: one RE2 scan finds those lines, and only they
# are split into words (most lines hold none; splitting every line cost more than all
# the rest of a line's columns). A match ends with its pronoun (and the space after it),
# and the scan goes on from the next line, so it stops once per line that holds one, not
# once per pronoun. (A match run on to its line's end made RE2 read that stretch forwards
# and back to the match's start: the dev batches' scans took 0.017 s so, 0.0125 s now.)
_WORD_SPACES = {c.encode() for c in " \t\n\r\x0b\x0c" + OTHER_SPACES}
_PRONOUN_LINE = _byte_program(
    b"(?m)(?:^|"
    + b"|".join(map(re2.escape, sorted(_WORD_SPACES)))
    + b")(?:"
    + b"|".join(map(re2.escape, sorted({w.encode() for w in _PRONOUNS}, key=len, reverse=True)))
    + b")(?:"
    + b"|".join(map(re2.escape, sorted(_WORD_SPACES - {b"\n"})))
    + b"|$)"
)
# Marks inside a line, each searched only in the lines that hold its cheap cue
# (a digit, "@", "http"/"www."), so most lines cost one substring test.
_DATE = lazy_compile(r"\d{1,4}(?:[-./:]\d{1,4})+|\b(?:19|20)\d\d\b")  # "2024-03-12", "10:22", "2024"
_PHONE = lazy_compile(r"\+?\d[\d ()/-]{7,}\d")
# Whether a line holds a phone number or a link is all the columns ask, so they search for
# the shortest text that makes a match: a phone's optional "+" and a link's run past its
# first character change no answer, and a pattern opening with a digit lets the regex
# engine skip to the next digit (half the time of _PHONE on the dev batches' lines).
_PHONE_FOUND = lazy_compile(r"\d[\d ()/-]{7,}\d")
_PHONE_MIN_DIGITS = 8
DATE_LINE_MAX_WORDS = 20  # "date_only" needs words <= 2 * dates + 3: past this no line has that many
_URL = lazy_compile(r"https?://\S+|www\.\S+\.\S+")
_URL_FOUND = lazy_compile(r"https?://\S|www\.\S+\.\S")  # _URL, as _PHONE_FOUND is _PHONE
_EMAIL = lazy_compile(r"[\w.+-]+@[\w-]+\.\w")
_HANDLE = lazy_compile(r"(?<![\w.])@\w{2,}")
# Openings of a line, matched at its start only:
# "[VIDEO]" / "(PHOTOS)" tags; interview turns ("Q:", "A:"); bylines ("By Jane Doe",
# "Von ...", "Par ...", "Por ...", "Di ...", "Door ...", "Av ...", "Przez ...", "Автор ...":
# the word that introduces an author, then a capital); "About X" boxes; and
# "<Name> is a reporter ..." bios (one to four capitalised words, then a copula).
_NAME_IS_OPENING = (
    r"(?:[A-ZÀ-ÞĀ-ŽА-Я][\w.'’-]*[ \t]){1,4}"
    r"(?:is|was|ist|war|est|es|è|é|är|er|jest|je|является|работает|has been)[ \t]"
)
_OPENINGS = lazy_compile(
    r"[ \t]*(?:"
    r"(?P<bracket>[\[(【][ \t]*[^\W\d_][^\])】\n]{0,24}[\])】])"
    r"|(?P<interview>(?i:[QAFRPВО])[ \t]?[:.][ \t])"
    r"|(?P<byline>(?i:by|von|par|por|di|door|av|af|przez|autor|автор|από|tekst|text|texto|testo|written by)"
    r"[: \t]+[A-ZÀ-ÞĀ-ŽА-ЯΑ-Ω])"
    r"|(?P<about>(?i:about|über|uber|à propos d|a propos d|acerca de|sobre|informazioni su|chi è|over|om|о|об)"
    r"[ \t]+\S)"
    r"|(?P<name_is>" + _NAME_IS_OPENING + ")"
    r")",
)
# The last kind alone: a line it opens is a "name_is" line unless an earlier kind opens
# it. Only that kind's column is read by the shipped trees, and a line that no capital
# opens fails it at once, so this one pattern costs a fraction of all five.
_NAME_IS = lazy_compile(r"[ \t]*" + _NAME_IS_OPENING)
# From this many lines (many pages scored together) the column passes that cost a few numpy
# or RE2 calls whatever the lines beat a plain Python pass over them; a page alone has fewer.
MANY_LINES = 200
TITLE_OVERLAP_MAX_WORDS = 30  # longer lines are prose, never a repeat of the headline

# The phrase families that get a column of their own (others count in "phrase").
FAMILY_COLUMNS = (
    "related",
    "newsletter",
    "subscription",
    "donation_appeal",
    "share",
    "credit",
    "legal",
    "comments",
    "advertisement",
    "navigation",
    "consent",
)

ARTICLE_FEATURES: tuple[str, ...] = (
    # the line's shape
    "log_words",
    "log_chars",
    "short",
    "tiny",
    "long",
    "sentence_end",
    "colon_end",
    "question_end",
    "bullet",
    "pipe",
    "upper",
    "title_share",
    "digit_share",
    "date_like",
    "date_only",
    "url_line",
    "link_mark",
    "email",
    "handle",
    "phone",
    "bracket_tag",
    "copyright",
    "quote_start",
    "interview",
    "byline",
    "about_lead",
    "name_is",
    "we_share",
    "you_share",
    # its place
    "first",
    "last",
    "position",
    "lines_from_end",
    "tail",
    "head",
    "after_last_par",
    "words_since_par",
    "lines_from_prev_par",
    "lines_to_next_par",
    "long_after",
    "short_run",
    # its neighbours
    "prev_words",
    "next_words",
    "prev2_words",
    "next2_words",
    "prev_end",
    "next_end",
    "prev_colon",
    "next_title_share",
    "prev_title_share",
    # repetition
    "repeated",
    "title_overlap",
    # the lexicons
    "lead_in",
    "after_lead_in",
    "phrase",
    "phrase_start",
    "phrase_share",
    "button",
    *(f"family_{family}" for family in FAMILY_COLUMNS),
    # the page
    "page_lines",
    "page_words",
    "page_long_share",
    "page_short_share",
)
_INDEX = {name: k for k, name in enumerate(ARTICLE_FEATURES)}


def _shift(values: np.ndarray, by: int, fill: float = 0.0) -> np.ndarray:
    """``values`` moved ``by`` lines down (positive: each line sees the one above)."""
    out = np.full(len(values), fill)
    if by > 0:
        out[by:] = values[:-by]
    elif by < 0:
        out[:by] = values[-by:]
    else:
        out[:] = values
    return out


def _shifted(values: list[Any], by: int, fill: Any = 0.0) -> list[Any]:
    """``_shift`` for a plain list: ``values`` moved ``by`` lines down (``by`` is 1 or 2, or -1 or -2)."""
    if by > 0:
        return ([fill] * by + values)[: len(values)]
    return (values + [fill] * -by)[-by:]


_OPENING_GROUPS = ("bracket", "interview", "byline", "about", "name_is")
# The column each kind of opening fills
_OPENING_COLUMNS = {
    "bracket_tag": "bracket",
    "interview": "interview",
    "byline": "byline",
    "about_lead": "about",
    "name_is": "name_is",
}


def _opening_columns(
    stripped: list[str], columns: Collection[str] | None, name_lines: list[int] | None = None
) -> dict[str, list[bool]]:
    """For each kind of opening (``_OPENINGS``' groups), whether it opens each line; when
    ``columns`` (the columns wanted) need only "name_is", the others are left all False.
    ``name_lines``: the lines ``_NAME_IS`` can match (the compiled pre-test
    ``mark_candidates``), the only ones it is run on; None: all."""
    wanted = {group for name, group in _OPENING_COLUMNS.items() if columns is None or name in columns}
    if wanted <= {"name_is"}:
        name_is = _name_is_lines(stripped, name_lines) if wanted else [False] * len(stripped)
        return {**dict.fromkeys(_OPENING_GROUPS, [False] * len(stripped)), "name_is": name_is}
    kinds = [hit.lastgroup if hit is not None else None for hit in map(_OPENINGS.match, stripped)]
    return {group: [kind == group for kind in kinds] for group in _OPENING_GROUPS}


def _name_is_lines(stripped: list[str], name_lines: list[int] | None) -> list[bool]:
    """Whether the "name is" opening opens each line and no earlier kind of ``_OPENINGS``
    does, tried on ``name_lines`` only (None: all)."""
    name_is = [False] * len(stripped)
    for j in range(len(stripped)) if name_lines is None else name_lines:
        if _NAME_IS.match(stripped[j]):
            name_is[j] = _OPENINGS.match(stripped[j]).lastgroup == "name_is"  # type: ignore[union-attr]
    return name_is


def _found(cue: list[bool], pattern: re.Pattern[str], texts: list[str]) -> list[bool]:
    """Whether ``pattern`` occurs in each line, searched only in the lines with a ``cue``."""
    found = [False] * len(texts)
    for j in compress(range(len(texts)), cue):
        found[j] = pattern.search(texts[j]) is not None
    return found


def _found_in(lines: list[int], pattern: re.Pattern[str], texts: list[str]) -> list[bool]:
    """Whether ``pattern`` occurs in each line, searched only in ``lines`` (line numbers)."""
    found = [False] * len(texts)
    for j in lines:
        found[j] = pattern.search(texts[j]) is not None
    return found


def _counts(cue: list[bool], pattern: re.Pattern[str], texts: list[str]) -> list[int]:
    """Matches of ``pattern`` in each line, searched only in the lines with a ``cue``."""
    counts = [0] * len(texts)
    for j in compress(range(len(texts)), cue):
        counts[j] = len(pattern.findall(texts[j]))
    return counts


def _date_counts(lows: list[str], words: list[int], digits: list[int]) -> list[int]:
    """Dates (``_DATE``) in each line holding a digit: a date-only line has at most
    DATE_LINE_MAX_WORDS words, so longer lines need no count (0)."""
    return _counts([d > 0 and w <= DATE_LINE_MAX_WORDS for d, w in zip(digits, words)], _DATE, lows)


def _phone_lines(lows: list[str], digits: list[int]) -> list[bool]:
    """Whether each line holds a phone number, searched in the lines with enough digits."""
    return _found([d >= _PHONE_MIN_DIGITS for d in digits], _PHONE_FOUND, lows)


def _url_lines(page: _LowerPage) -> list[bool]:
    """Whether each line holds a link, searched in the lines holding "http" or "www."."""
    return _found(page.holding(("http", "www.")), _URL_FOUND, page.lows)


def _run_lengths(flags: list[bool], starts: list[int]) -> list[int]:
    """For each line, the length of the run of equal flags it sits in (a run ends with its page)."""
    out: list[int] = []
    for a, b in zip(starts, starts[1:]):
        for _, run in groupby(flags[a:b]):
            size = len(list(run))
            out += [size] * size
    return out


def _distances(marks: list[bool], starts: list[int]) -> tuple[list[int], list[int]]:
    """Lines from each line back to the last marked line of its page at or above it, and
    on to the next one at or below it (FAR_LINES where there is none, clipped there)."""
    n = len(marks)
    if n < MANY_LINES:
        return _distances_by_line(marks, starts)
    index = np.arange(n)
    marked = np.array(marks, dtype=bool)
    sizes = np.diff(starts)
    first = np.repeat(starts[:-1], sizes)  # each line's page: its first line, and one past its last
    end = np.repeat(starts[1:], sizes)
    last_mark = np.maximum.accumulate(np.where(marked, index, -1))
    next_mark = np.minimum.accumulate(np.where(marked, index, n)[::-1])[::-1]
    back = np.where(last_mark >= first, np.minimum(index - last_mark, FAR_LINES), FAR_LINES)
    ahead = np.where(next_mark < end, np.minimum(next_mark - index, FAR_LINES), FAR_LINES)
    return back.tolist(), ahead.tolist()


def _distances_by_line(marks: list[bool], starts: list[int]) -> tuple[list[int], list[int]]:
    """``_distances`` in plain Python: on a page's few lines cheaper than numpy's calls."""
    n = len(marks)
    back, ahead = [FAR_LINES] * n, [FAR_LINES] * n
    for a, b in zip(starts, starts[1:]):
        last = -1
        for j in range(a, b):
            if marks[j]:
                last = j
            if last >= 0:
                back[j] = j - last if j - last < FAR_LINES else FAR_LINES
        last = -1
        for j in range(b - 1, a - 1, -1):
            if marks[j]:
                last = j
            if last >= 0:
                ahead[j] = last - j if last - j < FAR_LINES else FAR_LINES
    return back, ahead


class _LowerPage:
    """The lower-cased lines (``lows``) joined by newlines (``text``), with where each starts
    in it and, once asked for, its UTF-8: what the searches of the whole page read."""

    def __init__(self, lows: list[str], page: str) -> None:
        self.lows = lows
        self.starts = line_starts(lows)
        # the labeler's joined page; a caller's lines without it are joined here
        self.text = page if len(page) == self.starts[-1] - 1 else "\n".join(lows)

    @cached_property
    def data(self) -> bytes:
        return self.text.encode("utf-8", "surrogatepass")

    @cached_property
    def line_to_line(self) -> bool:
        """Whether the page's line breaks are the lines' (no line holds a break of its own)."""
        return self.text.count("\n") == len(self.lows) - 1

    def holding(self, marks: tuple[str, ...]) -> list[bool]:
        """Whether each line holds any of ``marks``: a search of the page per mark, skipping
        to the next line after a hit, instead of a test per line per mark (few lines
        hold one)."""
        found = [False] * len(self.lows)
        starts, find = self.starts, self.text.find
        for mark in marks:
            at = find(mark)
            while at >= 0:
                line = bisect_right(starts, at) - 1
                found[line] = True
                at = find(mark, starts[line + 1])
        return found

    def matching(self, program: Any) -> list[int]:
        """The lines where ``program`` (RE2's own, whose matches end in the line they
        belong to, at its line break at the latest) matches."""
        data = self.data
        hits = []  # where each match ends: in its line, or at its end (a line break or the page's end)
        match, pos, size, find = program.Match, 0, len(data), data.find
        while pos <= size:
            end = match(_UNANCHORED, data, pos, size)[0][1]
            if end < 0:
                break
            hits.append(end)
            pos = find(b"\n", end) + 1  # past the line break: the next line's match opens at its start
            if not pos:  # the page's last line
                break
        if not hits:
            return []
        if self.line_to_line:  # the breaks before a hit's end: its line (one hit a line, in order)
            lines, line, counted, count = [], 0, 0, data.count
            for end in hits:
                line += count(b"\n", counted, end)
                counted = end
                lines.append(line)
            return lines
        starts = list(
            accumulate((len(low.encode("utf-8", "surrogatepass")) + 1 for low in self.lows), initial=0)
        )
        return sorted({bisect_right(starts, hit) - 1 for hit in hits})


def _pronoun_lines(page: _LowerPage) -> list[int]:
    """The lines holding a word of _PRONOUNS, perhaps among others: no line holding one is
    missed. Scanned on any page: since the scan stops at each line's first pronoun, even a
    page of a few lines costs less so than split line by line (the dev pages one by one,
    this column: 0.049 s against 0.068)."""
    return page.matching(_PRONOUN_LINE)


def pronoun_shares_python(page: _LowerPage, words: list[int]) -> tuple[list[float], list[float]]:
    """Per line of ``page``, the shares of its words (``words``: its word count) that are
    distinct first-person-plural and second-person pronouns ("we_share", "you_share"); 0.0
    where it holds none. Only the lines an RE2 scan finds holding one are split
    (``_pronoun_lines``). The compiled twin, ``pronoun_shares``, splits every line in C,
    making a str only of words whose length and outer letters a pronoun has."""
    lows = page.lows
    we, you = [0.0] * len(lows), [0.0] * len(lows)
    for j in _pronoun_lines(page):
        pronouns = _PRONOUNS.intersection(lows[j].split())
        if pronouns:
            we[j] = len(_WE.intersection(pronouns)) / words[j]
            you[j] = len(_YOU.intersection(pronouns)) / words[j]
    return we, you


def title_overlaps_python(lows: list[str], words: list[int], starts: list[int]) -> list[float]:
    """Per line, the share of its words (with repeats) that are words of its page's first
    line, which stands for the title ("title_overlap"): lines of at most
    TITLE_OVERLAP_MAX_WORDS words, 0.0 elsewhere and where none is. The compiled twin,
    ``title_overlaps``, reads the words in C."""
    overlap = [0.0] * len(lows)
    short_enough = list(map(TITLE_OVERLAP_MAX_WORDS.__ge__, words))
    for a, b in zip(starts, starts[1:]):
        in_title = set(lows[a].split()).__contains__
        for j in compress(range(a + 1, b), short_enough[a + 1 : b]):
            line_words = lows[j].split()
            shared = sum(map(in_title, line_words))
            if shared:  # else 0.0, as set (a line of no words shares none)
                overlap[j] = shared / len(line_words)
    return overlap


def _shifted_in_pages(
    values: list[Any], by: int, fill: Any, firsts: list[int], lasts: list[int]
) -> list[Any]:
    """``_shifted`` by one line (``by`` 1 or -1) inside each page: the first line of a page
    (``firsts``) sees ``fill`` above it, the last (``lasts``) below it."""
    out = _shifted(values, by, fill)
    for j in firsts if by > 0 else lasts:
        out[j] = fill
    return out


def _per_line(values: list[Any], sizes: list[int]) -> list[Any]:
    """Each page's value repeated for each of its lines."""
    return list(chain.from_iterable(map(repeat, values, sizes)))


def _candidate_marks(
    compiled: ModuleType, stripped: list[str], lows: list[str], digits: list[int], asked: tuple[bool, ...]
) -> _Marks:
    """``_line_marks`` where its plan asks for no mark but those searched for on the lines
    ``mark_candidates`` finds (``_Plan.candidates_only``): the same marks, the others None,
    without the tests of the marks not asked for (about 50 bytecodes a page)."""
    name_lines, phone_lines, link_lines = compiled.mark_candidates(stripped, lows, digits, _PHONE_MIN_DIGITS)
    return (
        *_BEFORE_PHONE_MARKS,
        _found_in(phone_lines, _PHONE_FOUND, lows) if phone_lines and asked[_PHONE_MARK] else None,
        _found_in(link_lines, _URL_FOUND, lows) if link_lines and asked[_LINK_MARK] else None,
        *_BEFORE_NAME_IS_MARKS,
        _name_is_lines(stripped, name_lines) if name_lines and asked[_NAME_IS_MARK] else None,
        *_AFTER_NAME_IS_MARKS,
    )


def article_matrix(
    texts: list[str],
    lines: PageLines,
    leads: list[str | None],
    lexicon: Lexicon,
    columns: Collection[str] | None = None,
    sizes: list[int] | None = None,
) -> np.ndarray:
    """The model's columns for one page's lines, or for the lines of many pages one
    after the other: a (lines x ARTICLE_FEATURES) array (see ``article_matrix_python``).
    Where the compiled accelerator is built, its twin ``article_columns`` computes the
    whole matrix in one call (``_article_matrix_compiled``): the Python form's lists,
    arrays and neighbour copies cost more than their arithmetic on a page's few lines."""
    if texts and _COMPILED_COLUMNS and native.MODULE is not None:
        return _article_matrix_compiled(native.MODULE, texts, lines, leads, lexicon, columns, sizes)
    return article_matrix_python(texts, lines, leads, lexicon, columns, sizes)


def article_matrix_python(
    texts: list[str],
    lines: PageLines,
    leads: list[str | None],
    lexicon: Lexicon,
    columns: Collection[str] | None = None,
    sizes: list[int] | None = None,
) -> np.ndarray:
    """The model's columns for one page's lines, or for the lines of many pages one
    after the other: a (lines x ARTICLE_FEATURES) array. The reference of the compiled
    twin (``_article_matrix_compiled``) and the fallback where it is not built.

    ``lines``: the lines as the labeler read them (lower-cased, normalised, the phrase
    scan, word counts); ``leads``: each line's lead-in category; ``columns``: the
    columns to fill (all when None), the others left 0: a fitted model passes the ones
    its trees read, and fitting needs them all; ``sizes``: the lines of each page, in
    order (None: one page), none of them 0. A line's row is the same whichever pages
    come with it: what depends on the page (positions, distances to paragraphs,
    neighbours, repeats, the title, the page's totals) stops at its edges.

    A page has a few dozen lines, so numpy's cost per call outweighs its work: each
    column is a plain list built in one pass over all the lines, and the matrix one
    array at the end; many pages at once (the dump runner's batch) share those passes.
    """
    lows, norms, scan, _, words = lines
    categories, covered, phrase_at_start = scan
    n = len(texts)
    if not n:
        return np.zeros((0, len(ARTICLE_FEATURES)))
    if sizes is None:
        sizes = [n]
    pages = len(sizes)
    starts = list(accumulate(sizes, initial=0))
    lasts = [b - 1 for b in starts[1:]]
    col: dict[str, Any] = {}

    def wanted(name: str) -> bool:
        return columns is None or name in columns

    def put(name: str, make: Callable[[], Any]) -> None:
        if wanted(name):
            col[name] = make()

    stripped = list(map(str.strip, texts))
    chars = list(map(len, stripped))
    upper_initials, cased_initials, digits = letter_counts_of_pages(texts, starts)
    opening = _opening_columns(stripped, columns)
    if wanted("date_like") or wanted("date_only"):
        dates = _date_counts(lows, words, digits)
    low_page = _LowerPage(lows, lines.page)
    phones = _phone_lines(lows, digits)
    urls = _url_lines(low_page)
    # Words before each line since its page's last paragraph at or above it, from running
    # sums over all the lines: the sums only grow, so each page's running maximum starts
    # at the sum before the page (its ``base``), and differences inside a page are the
    # page's own (whole numbers: exact).
    long = [w >= PARAGRAPH_WORDS for w in words]
    # log1p of every count at once, by numpy as the model was fitted: words, chars, words
    # since a paragraph, and each page's lines and words
    logs = np.log1p(
        (_counts_of_many if n >= MANY_LINES else _counts_of_few)(words, chars, long, sizes, starts)
    )

    col["log_words"] = logs[:n]
    col["log_chars"] = logs[n : 2 * n]
    col["words_since_par"] = logs[2 * n : 3 * n]
    flags = (_line_columns_of_many if n >= MANY_LINES else _line_columns_of_few)(
        _LineFacts(
            stripped, words, chars, upper_initials, cased_initials, digits, covered, categories, leads
        ),
        sizes,
        wanted,
    )
    col.update(flags)
    put("upper", lambda: [w >= 2 and s.isupper() for s, w in zip(stripped, words)])
    put("date_like", lambda: [w < SHORT_WORDS and d > 0 for w, d in zip(words, dates)])
    put("date_only", lambda: [d > 0 and w <= 2 * d + 3 for d, w in zip(dates, words)])
    put("url_line", lambda: [u and w <= 2 for u, w in zip(urls, words)])
    put("link_mark", lambda: urls)
    if wanted("email") or wanted("handle"):  # the shipped trees read neither
        at_signs = low_page.holding(("@",))
        put("email", lambda: _found(at_signs, _EMAIL, lows))
        put("handle", lambda: _found(at_signs, _HANDLE, lows))
    put("phone", lambda: phones)
    put("copyright", lambda: low_page.holding(_COPYRIGHT_MARKS))
    put("pipe", lambda: low_page.holding(("|",)))
    for name, kind in _OPENING_COLUMNS.items():
        if name != "byline":
            put(name, lambda: opening[kind])  # noqa: B023 (called at once)
    put("byline", lambda: [w < SHORT_WORDS and b for w, b in zip(words, opening["byline"])])
    compiled = native.MODULE
    if compiled is not None:
        col["we_share"], col["you_share"] = compiled.pronoun_shares(lows, words, _WE, _YOU)
    else:
        col["we_share"], col["you_share"] = pronoun_shares_python(low_page, words)
    put("repeated", lambda: _repeated(stripped, starts))
    col["title_overlap"] = (
        compiled.title_overlaps(lows, words, starts, TITLE_OVERLAP_MAX_WORDS)
        if compiled is not None
        else title_overlaps_python(lows, words, starts)
    )

    put("phrase_start", lambda: phrase_at_start)
    buttons = lexicon.line_category
    put("button", lambda: [norm in buttons for norm in norms])
    for family, name in zip(FAMILY_COLUMNS, _FAMILY_NAMES):
        put(name, lambda: [c == family for c in categories])  # noqa: B023 (called at once)

    out = _assemble(col, n)
    if pages > 1:
        index = np.arange(n)
        from_start = index - np.repeat(starts[:-1], sizes)  # lines before each line in its page
        rest = np.repeat(lasts, sizes) - index  # lines after it
    for target, source, by in _SHIFTED:  # a neighbour's number, 0 past the page's ends
        if columns is None or target in columns:
            row = out[_INDEX[target]]
            if by > 0:
                row[by:] = out[_INDEX[source], :-by]
            else:
                row[:by] = out[_INDEX[source], -by:]
            if pages > 1:
                row[(from_start < by) if by > 0 else (rest < -by)] = 0.0
    page_lines = logs[3 * n : 3 * n + pages]
    page_words = logs[3 * n + pages :]
    long_shares = [sum(long[a:b]) / (b - a) for a, b in zip(starts, starts[1:])]
    short_shares = [sum(map(SHORT_WORDS.__gt__, words[a:b])) / (b - a) for a, b in zip(starts, starts[1:])]
    if pages == 1:
        out[_INDEX["page_lines"]] = page_lines[0]
        out[_INDEX["page_words"]] = page_words[0]
        out[_INDEX["page_long_share"]] = long_shares[0]
        out[_INDEX["page_short_share"]] = short_shares[0]
    else:
        out[_INDEX["page_lines"]] = np.repeat(page_lines, sizes)
        out[_INDEX["page_words"]] = np.repeat(page_words, sizes)
        out[_INDEX["page_long_share"]] = np.repeat(long_shares, sizes)
        out[_INDEX["page_short_share"]] = np.repeat(short_shares, sizes)
    return out.T


def _counts_of_few(
    words: list[int], chars: list[int], long: list[bool], sizes: list[int], starts: list[int]
) -> np.ndarray:
    """The counts ``article_matrix`` takes the log of, one after the other: each line's
    words, its characters and the words since its page's last paragraph at or above it,
    then each page's lines and words (float64, all whole numbers: exact)."""
    cum_words = list(accumulate(words))
    bases = [cum_words[a - 1] if a else 0 for a in starts[:-1]]
    base = _per_line(bases, sizes)
    par_cum = list(accumulate((c if is_long else b for c, b, is_long in zip(cum_words, base, long)), max))
    since = [0 if is_long else c - w - p for c, w, p, is_long in zip(cum_words, words, par_cum, long)]
    totals = [cum_words[b - 1] - a_base for b, a_base in zip(starts[1:], bases)]
    return np.array([*words, *chars, *since, *sizes, *totals], dtype=np.float64)


def _counts_of_many(
    words: list[int], chars: list[int], long: list[bool], sizes: list[int], starts: list[int]
) -> np.ndarray:
    """``_counts_of_few`` by numpy over many pages' lines: the same whole numbers in the
    same places (the words since a paragraph from running sums over all the lines: the
    sums only grow, so each page's running maximum starts at the sum before the page,
    its base, and differences inside a page are the page's own)."""
    counted = np.array(words, dtype=np.int64)
    cum_words = np.cumsum(counted)
    firsts = np.array(starts[:-1], dtype=np.intp)
    bases = np.where(firsts > 0, cum_words[firsts - 1], 0)
    is_long = np.array(long, dtype=bool)
    par_cum = np.maximum.accumulate(np.where(is_long, cum_words, np.repeat(bases, sizes)))
    since = np.where(is_long, 0, cum_words - counted - par_cum)
    totals = cum_words[np.array(starts[1:], dtype=np.intp) - 1] - bases
    return np.concatenate((counted, np.array(chars, dtype=np.int64), since, np.array(sizes), totals)).astype(
        np.float64
    )


class _LineFacts(NamedTuple):
    """What the flag and place columns of ``article_matrix`` are made from, per line."""

    stripped: list[str]  # the line without outer white space (``str.strip``)
    words: list[int]
    chars: list[int]  # characters of ``stripped``
    upper_initials: list[int]  # words opening with an upper-case letter
    cased_initials: list[int]  # words opening with a letter that has a case
    digits: list[int]
    covered: list[int]  # characters the lexicon's phrases cover
    categories: list[str | None]  # the first phrase's category
    leads: list[str | None]  # the lead-in's category


def _line_columns_of_few(
    facts: _LineFacts, sizes: list[int], wanted: Callable[[str], bool]
) -> dict[str, list[Any]]:
    """The flag, share and place columns of ``article_matrix`` (those ``wanted``) as plain
    lists: on a page's few dozen lines numpy's cost per call outweighs its work."""
    stripped, words, chars, upper_initials, cased_initials, digits, covered, categories, leads = facts
    starts = list(accumulate(sizes, initial=0))
    firsts, lasts = starts[:-1], [b - 1 for b in starts[1:]]
    col: dict[str, list[Any]] = {}

    def put(name: str, make: Callable[[], list[Any]]) -> None:
        if wanted(name):
            col[name] = make()

    last_chars = [s[-1:] for s in stripped]
    first_chars = [s[:1] for s in stripped]
    long = [w >= PARAGRAPH_WORDS for w in words]
    short = [w < SHORT_WORDS for w in words]
    end = [c in _SENTENCE_END for c in last_chars]
    colon = [c == ":" for c in last_chars]
    col["short"] = short
    put("tiny", lambda: [w < TINY_WORDS for w in words])
    col["long"] = long
    col["sentence_end"] = end
    col["colon_end"] = colon
    put("question_end", lambda: [c == "?" for c in last_chars])
    put("bullet", lambda: [c in _BULLETS for c in first_chars])
    col["title_share"] = [u / (c if c > 1 else 1.0) for u, c in zip(upper_initials, cased_initials)]
    put("digit_share", lambda: [d / (c if c > 1 else 1.0) for d, c in zip(digits, chars)])
    put("quote_start", lambda: [c in _QUOTES for c in first_chars])

    # each line's place in its page: its index there, the page's size, and the page's
    # first and last paragraphs (-1 and the size where it has none)
    local = list(chain.from_iterable(map(range, sizes)))
    size_of = _per_line(sizes, sizes)
    first_pars, last_pars = [], []
    for a, b in zip(starts, starts[1:]):
        page_long = long[a:b]
        first_pars.append(page_long.index(True) if True in page_long else b - a)
        last_pars.append(b - a - 1 - page_long[::-1].index(True) if True in page_long else -1)
    last_par = _per_line(last_pars, sizes)
    from_prev, to_next = _distances(long, starts)
    put("first", lambda: [j == 0 for j in local])
    put("last", lambda: [j == m - 1 for j, m in zip(local, size_of)])
    put("position", lambda: [j / m for j, m in zip(local, size_of)])
    # (each clip "d if d < FAR_LINES else FAR_LINES" is min(d, FAR_LINES) without a call per line)
    put(
        "lines_from_end",
        lambda: [d if (d := m - 1 - j) < FAR_LINES else FAR_LINES for j, m in zip(local, size_of)],
    )
    put("tail", lambda: [j > p for j, p in zip(local, last_par)])
    put("head", lambda: [j < p for j, p in zip(local, _per_line(first_pars, sizes))])
    put(
        "after_last_par",
        lambda: [
            (0 if j <= p else d if (d := j - p) < FAR_LINES else FAR_LINES) if p >= 0 else FAR_LINES
            for j, p in zip(local, last_par)
        ],
    )
    put("lines_from_prev_par", lambda: [0 if is_long else d for d, is_long in zip(from_prev, long)])
    put("lines_to_next_par", lambda: [0 if is_long else d for d, is_long in zip(to_next, long)])
    long_after = list(
        chain.from_iterable(list(accumulate(reversed(long[a:b])))[::-1] for a, b in zip(starts, starts[1:]))
    )
    put(
        "long_after",
        lambda: [
            d if (d := after - is_long) < FAR_LINES else FAR_LINES for after, is_long in zip(long_after, long)
        ],
    )
    put(
        "short_run",
        lambda: [
            (run if run < FAR_LINES else FAR_LINES) if s else 0
            for run, s in zip(_run_lengths(short, starts), short)
        ],
    )
    put("prev_end", lambda: _shifted_in_pages(end, 1, True, firsts, lasts))
    put("next_end", lambda: _shifted_in_pages(end, -1, True, firsts, lasts))
    put("prev_colon", lambda: _shifted_in_pages(colon, 1, False, firsts, lasts))

    lead = [c is not None for c in leads]
    col["lead_in"] = lead
    put("after_lead_in", lambda: _shifted_in_pages(lead, 1, False, firsts, lasts))
    put("phrase", lambda: [c is not None for c in categories])
    put(
        "phrase_share",  # min(share, 1.0): the same number (at 1.0 both are 1.0)
        lambda: [v if (v := c / (k if k > 1 else 1.0)) < 1.0 else 1.0 for c, k in zip(covered, chars)],
    )
    return col


def _line_columns_of_many(
    facts: _LineFacts, sizes: list[int], wanted: Callable[[str], bool]
) -> dict[str, np.ndarray]:
    """``_line_columns_of_few`` by numpy over all the lines of many pages: a few calls per
    column whatever the lines, where a list costs a step per line. The same numbers:
    flags and whole counts are exact either way, and each fraction is one division of
    the same two whole numbers (IEEE division rounds alike in Python and numpy)."""
    stripped, words_list, chars_list, upper_initials, cased_initials, digits, covered, categories, leads = (
        facts
    )
    n = len(words_list)
    words = np.array(words_list)
    chars = np.array(chars_list)
    starts = np.array(list(accumulate(sizes, initial=0)))
    page_of = np.repeat(np.arange(len(sizes)), sizes)
    index = np.arange(n)
    local = index - starts[page_of]  # each line's index in its page
    size_of = np.repeat(sizes, sizes)
    col: dict[str, np.ndarray] = {}

    def put(name: str, make: Callable[[], np.ndarray]) -> None:
        if wanted(name):
            col[name] = make()

    # each line's first and last character, as code points (0 for an empty line: no mark)
    # (a line break closes each line, so even an empty last line has a place to read)
    # (NUL stands in for an empty line's: no mark is NUL)
    first_points, last_points = _edge_points(stripped)
    long = words >= PARAGRAPH_WORDS
    short = words < SHORT_WORDS
    end = np.isin(last_points, _SENTENCE_END_POINTS)
    colon = last_points == ord(":")
    col["short"] = short
    put("tiny", lambda: words < TINY_WORDS)
    col["long"] = long
    col["sentence_end"] = end
    col["colon_end"] = colon
    put("question_end", lambda: last_points == ord("?"))
    put("bullet", lambda: np.isin(first_points, _BULLET_POINTS))
    col["title_share"] = np.array(upper_initials) / np.maximum(np.array(cased_initials), 1)
    put("digit_share", lambda: np.array(digits) / np.maximum(chars, 1))
    put("quote_start", lambda: np.isin(first_points, _QUOTE_POINTS))

    # each page's first and last paragraphs, as indices in the page (the page's size and
    # -1 where it has none); pages are never empty, so each reduces over its own lines
    first_pars = np.minimum.reduceat(np.where(long, local, size_of), starts[:-1])
    last_par = np.maximum.reduceat(np.where(long, local, -1), starts[:-1])[page_of]
    put("first", lambda: local == 0)
    put("last", lambda: local == size_of - 1)
    put("position", lambda: local / size_of)
    put("lines_from_end", lambda: np.minimum(size_of - 1 - local, FAR_LINES))
    put("tail", lambda: local > last_par)
    put("head", lambda: local < first_pars[page_of])
    put(
        "after_last_par",
        lambda: np.where(last_par >= 0, np.minimum(np.maximum(local - last_par, 0), FAR_LINES), FAR_LINES),
    )
    if wanted("lines_from_prev_par") or wanted("lines_to_next_par"):
        from_prev, to_next = _distances(long.tolist(), starts.tolist())
        put("lines_from_prev_par", lambda: np.where(long, 0, from_prev))
        put("lines_to_next_par", lambda: np.where(long, 0, to_next))
    # long lines from each line to its page's end: a running sum from the batch's end,
    # less the sum past the page's end
    from_end = np.cumsum(long[::-1])[::-1]
    past_page = np.append(from_end, 0)[starts[1:]]
    put("long_after", lambda: np.minimum(from_end - past_page[page_of] - long, FAR_LINES))
    # runs of equal "short" flags: a run opens where the flag changes or a page opens
    opens = np.ones(n, dtype=bool)
    opens[1:] = short[1:] != short[:-1]
    opens[starts[:-1]] = True
    run_of = np.cumsum(opens) - 1
    put("short_run", lambda: np.where(short, np.minimum(np.bincount(run_of)[run_of], FAR_LINES), 0))
    put("prev_end", lambda: _shifted_flags(end, 1, True, local, size_of))
    put("next_end", lambda: _shifted_flags(end, -1, True, local, size_of))
    put("prev_colon", lambda: _shifted_flags(colon, 1, False, local, size_of))

    lead = np.fromiter(map(is_not, leads, repeat(None)), bool, n)
    col["lead_in"] = lead
    put("after_lead_in", lambda: _shifted_flags(lead, 1, False, local, size_of))
    put("phrase", lambda: np.fromiter(map(is_not, categories, repeat(None)), bool, n))
    put("phrase_share", lambda: np.minimum(np.array(covered) / np.maximum(chars, 1), 1.0))
    return col


def _edge_points(stripped: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each line's first and last code points (0 for an empty line), by the compiled twin
    ``edge_points`` (no one-character str per line) or ``_edge_points_python``."""
    if native.MODULE is not None:
        firsts, lasts = native.MODULE.edge_points(stripped)
        return np.frombuffer(firsts, np.uint32), np.frombuffer(lasts, np.uint32)
    return _edge_points_python(stripped)


def _edge_points_python(stripped: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """``_edge_points``: each line's first and last characters as code points."""
    return _code_points([s[:1] or "\0" for s in stripped]), _code_points([s[-1:] or "\0" for s in stripped])


def _code_points(chars: list[str]) -> np.ndarray:
    """The code point of each one-character string."""
    return np.frombuffer("".join(chars).encode("utf-32-le", "surrogatepass"), np.uint32)


def _shifted_flags(
    flags: np.ndarray, by: int, fill: bool, local: np.ndarray, size_of: np.ndarray
) -> np.ndarray:
    """``_shifted_in_pages`` of a numpy column: each line sees its neighbour ``by`` (1 or -1)
    lines away in its page, ``fill`` past the page's first or last line."""
    out = np.full(len(flags), fill)
    if by > 0:
        out[1:] = flags[:-1]
        out[local == 0] = fill
    else:
        out[:-1] = flags[1:]
        out[local == size_of - 1] = fill
    return out


def _repeated(stripped: list[str], starts: list[int]) -> list[bool]:
    """``_repeated_python``, or its compiled twin ``repeated_lines``, which compares a
    page's few dozen lines pair by pair (lengths first, no hashing)."""
    if native.MODULE is not None:
        return native.MODULE.repeated_lines(stripped, starts)
    return _repeated_python(stripped, starts)


def _repeated_python(stripped: list[str], starts: list[int]) -> list[bool]:
    """Whether each line's text comes again in its page (``starts``: where each page's
    lines start, and one past the last). Most lines are unique in the whole batch;
    only the others are counted by page."""
    if len(starts) == 2:  # one page: its lines counted at once
        seen = Counter(stripped)
        return [seen[text] > 1 for text in stripped]
    out = [False] * len(stripped)
    # only lines of a length some other line has can repeat: most paragraphs' length is
    # their own, and counting lengths spares hashing their text
    lengths = Counter(map(len, stripped))
    alike = [j for j, count in enumerate(map(lengths.__getitem__, map(len, stripped))) if count > 1]
    seen = Counter(map(stripped.__getitem__, alike))
    again = [j for j in alike if seen[stripped[j]] > 1]
    keys = [(bisect_right(starts, j), stripped[j]) for j in again]
    in_page = Counter(keys)
    for j, key in zip(again, keys):
        out[j] = in_page[key] > 1
    return out


# The copyright marks, searched in the lower-cased lines
_COPYRIGHT_MARKS = ("©", "copyright", "(c)")


_SENTENCE_END_POINTS = np.array(sorted(map(ord, _SENTENCE_END)), dtype=np.uint32)
_BULLET_POINTS = np.array(sorted(map(ord, _BULLETS)), dtype=np.uint32)
_QUOTE_POINTS = np.array(sorted(map(ord, _QUOTES)), dtype=np.uint32)


# (column, the column it copies, lines moved down: positive, each line sees the one above)
_SHIFTED = (
    ("prev_words", "log_words", 1),
    ("next_words", "log_words", -1),
    ("prev2_words", "log_words", 2),
    ("next2_words", "log_words", -2),
    ("next_title_share", "title_share", -1),
    ("prev_title_share", "title_share", 1),
)


def _assemble(col: dict[str, Any], n: int) -> np.ndarray:
    """The (ARTICLE_FEATURES x lines) array of the columns in ``col`` (any other row 0).
    Counts and flags (small whole numbers) pass to numpy as bytes, one C call for all
    of them; only the fractional columns go through numpy's slower conversion of
    Python numbers."""
    out = np.zeros((len(ARTICLE_FEATURES), n))
    arrays, small, small_rows, fractions, fraction_rows = _assembly(col)
    for name in arrays:  # numpy columns (many pages' lines) go in as they are
        out[_INDEX[name]] = col[name]
    if small:
        flags = bytes(chain.from_iterable(map(col.__getitem__, small)))
        out[small_rows] = np.frombuffer(flags, np.uint8).reshape(len(small), n)
    if fractions:
        out[fraction_rows] = np.array(list(map(col.__getitem__, fractions)))
    return out


class _Assembly(NamedTuple):
    """How ``_assemble`` puts a set of columns into the array (see ``_assembly``)."""

    arrays: list[str]  # the columns that are numpy arrays already
    small: list[str]  # the list columns of counts and flags, in _SMALL_COLUMNS order ...
    small_rows: np.ndarray  # ... and their rows
    fractions: list[str]  # the list columns of fractions, in _FRACTION_COLUMNS order ...
    fraction_rows: np.ndarray  # ... and their rows


# Assemblies by the columns' names and kinds: every page of a run brings the same few
# (the trees' columns in lists or in numpy arrays), and sorting a page's columns out
# again cost a tenth of ``_assemble`` on a page of a few dozen lines. Bounded: a caller
# choosing its own columns (the fit script) brings a few more at most.
_ASSEMBLIES: dict[tuple[tuple[str, ...], tuple[bool, ...]], _Assembly] = {}
_ASSEMBLIES_MAX = 64


def _assembly(col: dict[str, Any]) -> _Assembly:
    """Which of ``col``'s columns are numpy arrays, counts and flags, or fractions, and
    their rows in the array; remembered by the columns' names and kinds."""
    key = (tuple(col), tuple(map(isinstance, col.values(), repeat(np.ndarray))))
    found = _ASSEMBLIES.get(key)
    if found is not None:
        return found
    arrays = [name for name, values in col.items() if isinstance(values, np.ndarray)]
    listed = set(col).difference(arrays)
    small = [name for name in _SMALL_COLUMNS if name in listed]
    fractions = [name for name in _FRACTION_COLUMNS if name in listed]
    found = _Assembly(
        arrays,
        small,
        np.array([_INDEX[name] for name in small], dtype=np.intp),
        fractions,
        np.array([_INDEX[name] for name in fractions], dtype=np.intp),
    )
    if len(_ASSEMBLIES) < _ASSEMBLIES_MAX:
        _ASSEMBLIES[key] = found
    return found


# Columns that hold fractions, passed to numpy as Python floats.
_FRACTION_COLUMNS = (
    "log_words",
    "log_chars",
    "title_share",
    "digit_share",
    "we_share",
    "you_share",
    "position",
    "words_since_par",
    "title_overlap",
    "phrase_share",
)
# Columns written into the array after it is assembled: neighbours' numbers and the page's.
_FILLED_AFTER = (
    *(target for target, _, _ in _SHIFTED),
    "page_lines",
    "page_words",
    "page_long_share",
    "page_short_share",
)
# Every other column holds a flag or a count of at most FAR_LINES.
_SMALL_COLUMNS = tuple(name for name in ARTICLE_FEATURES if name not in (*_FRACTION_COLUMNS, *_FILLED_AFTER))


_FAMILY_SET = frozenset(FAMILY_COLUMNS)
_FAMILY_NAMES = tuple(f"family_{family}" for family in FAMILY_COLUMNS)  # their columns' names


# The columns article_matrix_python fills whatever ``columns`` asks for; it fills the others
# only when asked, and the compiled twin leaves them 0 alike.
_ALWAYS_FILLED = frozenset(
    (
        "log_words",
        "log_chars",
        "words_since_par",
        "short",
        "long",
        "sentence_end",
        "colon_end",
        "title_share",
        "lead_in",
        "we_share",
        "you_share",
        "title_overlap",
        "page_lines",
        "page_words",
        "page_long_share",
        "page_short_share",
    )
)
# The columns that are logs of counts: the compiled twin reads their log1p from numpy's
# (``_log_table``), or leaves the counts for numpy (numpy's SIMD log1p differs from the C
# library's in the last bit for some whole numbers, so C does not take it). As runs of rows.
_LOG_COLUMNS = (
    "log_words",
    "log_chars",
    "words_since_par",
    *(target for target, source, _ in _SHIFTED if source == "log_words"),
    "page_lines",
    "page_words",
)
_LOG_ROWS = tuple(
    (rows[0], rows[0] + len(rows))
    for rows in (
        [row for _, row in run]
        for _, run in groupby(
            enumerate(sorted(_INDEX[name] for name in _LOG_COLUMNS)), lambda at: at[1] - at[0]
        )
    )
)
# Counts below this take their log1p from a table of numpy's (``_log_table``); a page with
# a greater one (a line of more characters) has numpy take its logs
LOG_TABLE_SIZE = 1 << 16
# The characters of _SENTENCE_END, _BULLETS and _QUOTES, for the compiled twin
_EDGE_SETS = tuple("".join(sorted(chars)) for chars in (_SENTENCE_END, _BULLETS, _QUOTES))
# The marks _line_marks takes from Python (the order of article_columns.c's MARK_ enum),
# each with the columns that read it: a mark no column asked for reads is left None.
_MARK_COLUMNS: tuple[tuple[str, ...], ...] = (
    ("date_like", "date_only"),
    ("phone",),
    ("url_line", "link_mark"),
    ("email",),
    ("handle",),
    ("copyright",),
    ("pipe",),
    *((name,) for name in _OPENING_COLUMNS),
    ("button",),
    ("phrase_start",),
)
# The columns read from searches of the lower-cased page (_LowerPage.holding), and the
# texts each searches for: a page holding none of those asked for needs no search (the
# lines holding "http" or "www.", where a link may be, come from mark_candidates)
# where the openings' marks lie in _MARK_COLUMNS: the kinds of _OPENING_COLUMNS, "name is" last
_FIRST_OPENING_MARK = _MARK_COLUMNS.index((next(iter(_OPENING_COLUMNS)),))
_NAME_IS_MARK = _FIRST_OPENING_MARK + len(_OPENING_COLUMNS) - 1
# the marks searched for on mark_candidates' lines alone (phone, link, "name is"), and the
# None of each other mark, in _MARK_COLUMNS' order, where none of those is asked for
_PHONE_MARK, _LINK_MARK = _MARK_COLUMNS.index(("phone",)), _MARK_COLUMNS.index(("url_line", "link_mark"))
assert _LINK_MARK == _PHONE_MARK + 1 < _NAME_IS_MARK
_CANDIDATE_MARKS = (_PHONE_MARK, _LINK_MARK, _NAME_IS_MARK)
_BEFORE_PHONE_MARKS = (None,) * (_PHONE_MARK)
_BEFORE_NAME_IS_MARKS = (None,) * (_NAME_IS_MARK - _LINK_MARK - 1)
_AFTER_NAME_IS_MARKS = (None,) * (len(_MARK_COLUMNS) - _NAME_IS_MARK - 1)
_PAGE_MARKS = (
    (("email", "handle"), ("@",)),
    (("copyright",), _COPYRIGHT_MARKS),
    (("pipe",), ("|",)),
)


class _Plan(NamedTuple):
    """What the compiled twin computes for a set of columns asked for (see ``_plan``)."""

    keep: bytes  # one byte per column, 1 where article_matrix_python fills it
    marks: tuple[bool, ...]  # per mark (_MARK_COLUMNS), whether a column asked for reads it
    page: tuple[str, ...]  # what they search the lower-cased page for (_LowerPage), if anything
    other_openings: bool  # an opening other than "name is" asked for: all of them read
    # no mark asked for but those read on mark_candidates' lines alone (phone, link, "name
    # is": the shipped model's columns), so _line_marks makes no other test
    candidates_only: bool


# Plans by the columns asked for: every page of a run asks for the same ones; bounded as
# _ASSEMBLIES is
_PLANS: dict[frozenset[str] | None, _Plan] = {}


def _plan(columns: Collection[str] | None) -> _Plan:
    """The columns ``article_matrix_python`` fills when asked for ``columns`` and the marks
    they read; remembered by the columns."""
    key = None if columns is None else columns if isinstance(columns, frozenset) else frozenset(columns)
    found = _PLANS.get(key)
    if found is None:
        asked = frozenset(ARTICLE_FEATURES) if key is None else key
        marks = tuple(not asked.isdisjoint(readers) for readers in _MARK_COLUMNS)
        found = _Plan(
            bytes(name in asked or name in _ALWAYS_FILLED for name in ARTICLE_FEATURES),
            marks,
            tuple(
                chain.from_iterable(texts for readers, texts in _PAGE_MARKS if not asked.isdisjoint(readers))
            ),
            any(marks[_FIRST_OPENING_MARK:_NAME_IS_MARK]),
            not any(asked for m, asked in enumerate(marks) if m not in _CANDIDATE_MARKS),
        )
        if len(_PLANS) < _ASSEMBLIES_MAX:
            _PLANS[key] = found
    return found


_Marks = tuple[list[int] | list[bool] | None, ...]


def _line_marks(
    compiled: ModuleType,
    stripped: list[str],
    lines: PageLines,
    digits: list[int],
    lexicon: Lexicon,
    columns: Collection[str] | None,
    plan: _Plan,
) -> _Marks:
    """What the compiled twin takes from Python for the columns asked for, per line (None:
    not asked, all 0): the searches of regular expressions and of the lexicon, the same
    calls as article_matrix_python's, in the order of _MARK_COLUMNS, the "name is" opening,
    the phone and the link patterns run only on the lines the compiled pre-test
    ``mark_candidates`` (``compiled``: the built module) finds they can match (most lines
    cannot). ``plan``: ``_plan(columns)``, which the caller has already."""
    dates, phone, urls, email, handle, copyright_, pipe, *openings, button, at_start = plan.marks
    lows, words = lines.lows, lines.words
    page = None
    if plan.page:  # the text _LowerPage would search: most pages hold none of its marks
        text = lines.page if len(lines.page) == sum(map(len, lows)) + len(lows) - 1 else "\n".join(lows)
        if any(mark in text for mark in plan.page):
            page = _LowerPage(lows, text)
    at_signs = page.holding(("@",)) if page is not None and (email or handle) else None
    name_lines, phone_lines, link_lines = compiled.mark_candidates(stripped, lows, digits, _PHONE_MIN_DIGITS)
    openings_found: list[list[bool] | None]
    if plan.other_openings:  # another opening than "name is" asked for: all of them read
        opening = _opening_columns(stripped, columns, name_lines)
        openings_found = [
            opening[kind] if asked else None for kind, asked in zip(_OPENING_COLUMNS.values(), openings)
        ]
    else:  # (no line the pre-test finds: None, read as all 0, like a column not asked for)
        openings_found = [None] * (len(openings) - 1)
        openings_found.append(_name_is_lines(stripped, name_lines) if openings[-1] and name_lines else None)
    return (
        _date_counts(lows, words, digits) if dates else None,
        _found_in(phone_lines, _PHONE_FOUND, lows) if phone and phone_lines else None,
        _found_in(link_lines, _URL_FOUND, lows) if link_lines and urls else None,
        _found(at_signs, _EMAIL, lows) if at_signs is not None and email else None,
        _found(at_signs, _HANDLE, lows) if at_signs is not None and handle else None,
        page.holding(_COPYRIGHT_MARKS) if page is not None and copyright_ else None,
        page.holding(("|",)) if page is not None and pipe else None,
        *openings_found,
        [norm in lexicon.line_category for norm in lines.norms] if button else None,
        lines.scan.at_start if at_start else None,
    )


@cache
def _log_table() -> np.ndarray:
    """numpy's log1p of 0 to LOG_TABLE_SIZE - 1, which the compiled twin reads a count's log
    from: the numbers numpy gives for those counts anywhere (its log1p is elementwise), and
    no numpy call per page."""
    return np.log1p(np.arange(LOG_TABLE_SIZE, dtype=np.float64))


def _article_matrix_compiled(
    compiled: ModuleType,
    texts: list[str],
    lines: PageLines,
    leads: list[str | None],
    lexicon: Lexicon,
    columns: Collection[str] | None,
    sizes: list[int] | None,
) -> np.ndarray:
    """``article_matrix_python`` by the compiled twin ``article_columns``: Python computes
    what needs a regular expression, the lexicon or a case table (``_line_marks``, the
    letter counts, the pronoun and title shares, by compiled twins: ``line_shares`` reads
    each line's words once for both shares), C the
    rest in one call, reading the logs of its counts from numpy's (``_log_table``).
    ``compiled``: the built module."""
    lows, words = lines.lows, lines.words
    n = len(texts)
    if sizes is None:  # one page (the page path): one size, two bounds
        sizes, starts = [n], [0, n]
    else:
        sizes = list(sizes)
        starts = [0, sizes[0]] if len(sizes) == 1 else list(accumulate(sizes, initial=0))
    stripped = list(map(str.strip, texts))
    counted = compiled.letter_counts(texts)  # line_letters' own count, on any page
    letters = counted[:3] if not counted[3] else letter_counts_of_pages(texts, starts, counted)
    shares = compiled.line_shares(lows, words, starts, _WE, _YOU, TITLE_OVERLAP_MAX_WORDS)
    plan = _plan(columns)  # the columns asked for, and the marks they read
    if plan.candidates_only:  # (the shipped model's columns) only the pre-tested lines searched
        marks = _candidate_marks(compiled, stripped, lines.lows, letters[2], plan.marks)
    else:
        marks = _line_marks(compiled, stripped, lines, letters[2], lexicon, columns, plan)
    lexical = (lines.scan.categories, lines.scan.covered, leads)
    data, logged = compiled.article_columns(
        stripped, words, letters, shares, lexical, marks, sizes, _EDGE_SETS, plan.keep, _log_table()
    )
    out = np.frombuffer(data).reshape(len(ARTICLE_FEATURES), n)
    if not logged:  # a count past the table: the counts are left, numpy takes their logs
        for a, b in _LOG_ROWS:
            np.log1p(out[a:b], out=out[a:b])
    return out.T


def _compiled_columns_fit() -> bool:
    """Whether the built accelerator has ``article_columns`` with this module's columns (an
    extension built from another checkout may lack it or order them otherwise)."""
    names = getattr(native.MODULE, "article_column_names", None)
    return names is not None and names() == ARTICLE_FEATURES


_COMPILED_COLUMNS = _compiled_columns_fit()


def lead_in_categories(texts: list[str], norms: list[str], lexicon: Lexicon) -> list[str | None]:
    """The category of each line's lead-in ("Read more: ..." -> related), or None."""
    return lexicon.lead_ins_of(norms, texts)


STAGE2_EXTRA: tuple[str, ...] = (
    "s1",
    "s1_prev",
    "s1_prev2",
    "s1_next",
    "s1_next2",
    "s1_near_max",
    "s1_near_min",
    "s1_after_mean",
    "s1_page_mean",
)
STAGE2_FEATURES: tuple[str, ...] = (*ARTICLE_FEATURES, *STAGE2_EXTRA)


def stage2_matrix(own: np.ndarray, s1: np.ndarray) -> np.ndarray:
    """Stage two reads its neighbours' stage-one probabilities beside the line's own
    columns: a teaser headline sits in a run of them, a subheading between paragraphs
    (jusText's second pass, learned), and what follows a line says whether the
    article goes on."""
    n = len(s1)
    prev1, prev2 = _shift(s1, 1), _shift(s1, 2)
    next1, next2 = _shift(s1, -1), _shift(s1, -2)
    near = np.stack((prev1, prev2, next1, next2))
    after_sum = np.cumsum(s1[::-1])[::-1] - s1
    after_count = np.maximum(n - 1 - np.arange(n), 1)
    extra = np.column_stack(
        (
            s1,
            prev1,
            prev2,
            next1,
            next2,
            near.max(axis=0),
            np.stack((_shift(s1, 1, 1.0), _shift(s1, -1, 1.0))).min(axis=0),
            after_sum / after_count,
            np.full(n, s1.mean() if n else 0.0),
        )
    )
    return np.hstack((own, extra))
