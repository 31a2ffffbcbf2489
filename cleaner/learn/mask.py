"""Masking for `cleaner learn`: make lines that differ only in numbers or dates equal.

A line becomes a tuple of words in which digit runs, month names and weekday
names are replaced by placeholders. Lines with the same masked words are one
recurring line; a word tuple with a hole (a template) covers lines that also
vary in one short stretch, such as the reader's country. Both turn into
linear-time regexes that match the whole stripped line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import re2

NUM = "\x00N"
MONTH = "\x00M"
WEEKDAY = "\x00D"

MONTHS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": tuple(
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec".split()
    ),
    "de": tuple(
        "januar februar märz april mai juni juli august september oktober november dezember "
        "jan feb mär apr jun jul aug sep sept okt nov dez".split()
    ),
    "fr": tuple(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
    ),
    "es": tuple(
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
    ),
    "it": tuple(
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split()
    ),
    "pt": tuple(
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split()
    ),
}
WEEKDAYS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": tuple(
        "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun".split()
    ),
    "de": tuple("montag dienstag mittwoch donnerstag freitag samstag sonntag".split()),
    "fr": tuple("lundi mardi mercredi jeudi vendredi samedi dimanche".split()),
    "es": tuple("lunes martes miércoles jueves viernes sábado domingo".split()),
    "it": tuple("lunedì martedì mercoledì giovedì venerdì sabato domenica".split()),
    "pt": tuple("segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo".split()),
}
_MONTHS = [w for words in MONTHS_BY_LANGUAGE.values() for w in words]
_WEEKDAYS = [w for words in WEEKDAYS_BY_LANGUAGE.values() for w in words]


def _alternation(words: list[str]) -> str:
    ordered = sorted(dict.fromkeys(words), key=lambda w: (-len(w), w))
    return "|".join(ordered)


# Digits: ASCII only, so the learned pattern ([0-9]) means the same in RE2.
_DIGITS = re.compile(r"[0-9](?:[0-9.,:]*[0-9])?")
_NAMES = re.compile(
    rf"\b(?P<month>(?i:{_alternation(_MONTHS)}))\b\.?"
    rf"|\b(?P<day>(?i:{_alternation(_WEEKDAYS)}))\b\.?"
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_NAME_SET = frozenset(_MONTHS) | frozenset(_WEEKDAYS)
_NAME_PARTS = frozenset(part for name in _NAME_SET for part in name.split("-"))
# Any name or part of a hyphenated name as a whole word, case-insensitive, in RE2 (one
# linear scan; several times faster than splitting every line into words).
_NAME_PART_SCAN = re2.compile(
    r"(?i)(?:^|[^\pL])(?:" + "|".join(sorted(_NAME_PARTS, key=len, reverse=True)) + r")(?:$|[^\pL])"
)

LINE_GAP = "\n\n"  # between lines in mask_lines' one scan (see there)
NAME_PATTERNS = 4096  # narrowed name patterns kept: one per set of names met in a line
NUM_REGEX = "[0-9][0-9.,:]*"
PLACEHOLDER_CHARS = 16  # a masked number or date name stands for at most this many characters
LINE_SLACK_CHARS = 20  # spaces wider than one around the words and the hole
SPACE_REGEX = r"[\s\xa0]+"
_META = set("\\.^$*+?{}[]|()")


@lru_cache(maxsize=NAME_PATTERNS)
def _names_pattern(found: frozenset[str]) -> re.Pattern[str]:
    """_NAMES narrowed to the names found in a line: the same matches, far faster."""
    months = [w for w in _MONTHS if w in found]
    days = [w for w in _WEEKDAYS if w in found]
    parts = []
    if months:
        parts.append(rf"\b(?P<month>(?i:{_alternation(months)}))\b\.?")
    if days:
        parts.append(rf"\b(?P<day>(?i:{_alternation(days)}))\b\.?")
    return re.compile("|".join(parts))


def date_names_in(line: str) -> set[str]:
    """Month and weekday names in a line (lower case): a cheap test before masking."""
    if _NAME_PART_SCAN.search(line) is None:
        return set()  # no token is a name, nor the part of a hyphenated one
    return _names_in(line)


def _names_in(line: str) -> set[str]:
    """The month and weekday names among the line's words (no pre-scan)."""
    words = _WORD.findall(line.lower())
    parts = [part for word in words if "-" in word for part in word.split("-")]
    return set(_NAME_SET.intersection(words + parts))


def mask_words(line: str) -> tuple[str, ...]:
    """The line's words with numbers, months and weekdays masked."""
    text = _DIGITS.sub(NUM, line)
    return _masked(text, date_names_in(text))


def mask_lines(lines: Sequence[str]) -> list[tuple[str, ...]]:
    """``mask_words`` of each line, done on all of them joined: one digit substitution
    and one name scan over the whole batch, then each line split into words. A learner
    masks thousands of distinct lines, and per-line regex calls cost more than the
    masking itself."""
    if not lines:
        return []
    # "\n\n" between lines: no digit run crosses it, a name match's trailing non-letter
    # may take one and the next line's leading one is still there, as ^ and $ are for a
    # line scanned alone
    joined = _DIGITS.sub(NUM, LINE_GAP.join(lines))
    texts = joined.split(LINE_GAP)
    if len(texts) != len(lines):  # a line holds a blank line itself: one at a time
        return [mask_words(line) for line in lines]
    masked = [tuple(text.split()) for text in texts]
    if _NAME_PART_SCAN.search(joined) is None:
        return masked
    starts = [0, *accumulate(len(text) + len(LINE_GAP) for text in texts)]
    named: set[int] = set()
    for match in _NAME_PART_SCAN.finditer(joined):
        at = match.start()
        if not joined[at].isalpha():
            at += 1  # the match opened on the character before the name
        named.add(bisect_right(starts, at) - 1)
    for i in named:
        found = _names_in(texts[i])
        if found:
            masked[i] = _masked(texts[i], found)
    return masked


def _masked(text: str, found: set[str]) -> tuple[str, ...]:
    if found:  # most lines have none; the others get a pattern of only the names they hold
        text = _names_pattern(frozenset(found)).sub(
            lambda m: MONTH if m.lastgroup == "month" else WEEKDAY, text
        )
    return tuple(text.split())


def escape(text: str) -> str:
    """Escape regex metacharacters only, so patterns stay readable."""
    return "".join("\\" + c if c in _META else c for c in text)


@dataclass(frozen=True)
class DateNames:
    """The month and weekday names a learned pattern accepts.

    A dump is usually in one language: patterns list the names of the
    languages whose names occur in it, not every language's.
    """

    months: tuple[str, ...] = tuple(_MONTHS)
    weekdays: tuple[str, ...] = tuple(_WEEKDAYS)

    @classmethod
    def seen_in(cls, lines: Iterable[str]) -> DateNames:
        """Names of every language with a month or weekday name in ``lines``."""
        found: set[str] = set()
        for line in lines:
            found |= date_names_in(line)
        months = _cover(found, MONTHS_BY_LANGUAGE)
        weekdays = _cover(found, WEEKDAYS_BY_LANGUAGE)
        return cls(tuple(months) or tuple(_MONTHS), tuple(weekdays) or tuple(_WEEKDAYS))

    def month_regex(self) -> str:
        return f"(?i:{_alternation(list(self.months))})\\.?"

    def weekday_regex(self) -> str:
        return f"(?i:{_alternation(list(self.weekdays))})\\.?"


ALL_DATE_NAMES = DateNames()


def _cover(found: set[str], by_language: dict[str, tuple[str, ...]]) -> list[str]:
    """Names of the fewest languages that explain the names found (greedy)."""
    left = {w for words in by_language.values() for w in words} & found
    chosen: list[str] = []
    while left:
        language = max(by_language, key=lambda lang: len(left & set(by_language[lang])))
        chosen.extend(by_language[language])
        left -= set(by_language[language])
    return chosen


def word_regex(word: str, names: DateNames = ALL_DATE_NAMES) -> str:
    """A masked word as a regex: literals escaped, placeholders as classes."""
    parts = re.split(f"({NUM}|{MONTH}|{WEEKDAY})", word)
    out = []
    for part in parts:
        if part == NUM:
            out.append(NUM_REGEX)
        elif part == MONTH:
            out.append(names.month_regex())
        elif part == WEEKDAY:
            out.append(names.weekday_regex())
        elif part:
            out.append(escape(part))
    return "".join(out)


def words_regex(words: tuple[str, ...], names: DateNames = ALL_DATE_NAMES) -> str:
    return SPACE_REGEX.join(word_regex(w, names) for w in words)


def unmask(words: tuple[str, ...]) -> str:
    """A readable form of masked words (for reports): 0 for numbers and so on."""
    text = " ".join(words)
    return text.replace(NUM, "0").replace(MONTH, "<month>").replace(WEEKDAY, "<day>")


@dataclass(frozen=True)
class Template:
    """Masked words before and after an optional hole of a few words.

    ``hole_chars`` bounds the hole's length; 0 means no hole (an exact
    recurring line after masking).
    """

    prefix: tuple[str, ...]
    suffix: tuple[str, ...] = ()
    hole_chars: int = 0
    hole_words: int = 0  # the most words the hole may hold; 0: the learner's default

    @property
    def has_hole(self) -> bool:
        return self.hole_chars > 0

    @property
    def fixed_chars(self) -> int:
        return sum(len(w) for w in self.prefix + self.suffix)

    def regex(self, names: DateNames = ALL_DATE_NAMES, open_hole: bool = False) -> str:
        """Anchored regex for the whole stripped line. ``open_hole``: the hole as ``.+``,
        for a rule whose ``max_chars`` bounds the line instead (a counted repeat costs
        RE2 program and DFA states in proportion to its bound)."""
        if not self.has_hole:
            return f"^{words_regex(self.prefix, names)}$"
        parts = []
        if self.prefix:
            parts.append(words_regex(self.prefix, names) + SPACE_REGEX)
        parts.append(".+" if open_hole else f".{{1,{self.hole_chars}}}")
        if self.suffix:
            parts.append(SPACE_REGEX + words_regex(self.suffix, names))
        return "^" + "".join(parts) + "$"

    def line_chars(self) -> int:
        """The longest line this template explains, as a rule's ``max_chars``: its fixed
        words (a number, a month or a weekday counted at PLACEHOLDER_CHARS), the hole's
        bound and LINE_SLACK_CHARS for wider spaces."""
        words = self.prefix + self.suffix
        placeholders = sum(w.count(NUM) + w.count(MONTH) + w.count(WEEKDAY) for w in words)
        fixed = len(" ".join(words)) + placeholders * PLACEHOLDER_CHARS
        return fixed + self.hole_chars + LINE_SLACK_CHARS

    def describe(self) -> str:
        if not self.has_hole:
            return unmask(self.prefix)
        return " ".join(p for p in (unmask(self.prefix), "…", unmask(self.suffix)) if p)
