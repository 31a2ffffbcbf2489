"""Contact-the-author and follow-us lines at an article's end.

News sites end many articles with a line that tells the reader how to reach the
reporter or follow the outlet: "Write to Ann Lee at ann.lee@example.com", "Email
the reporter at ...", "Follow Ann on Twitter @annlee", "Follow us on Facebook,
Instagram and YouTube". An extractor keeps them, and the article-line model sees
too few of them to learn them. Two things together tell them from prose that
mentions such things: the line *opens* with an imperative to follow, write or
contact, and it holds an address to do so (an e-mail address, an @handle, a
social profile's URL, or two or more social networks named). A sentence such as
"Follow the rules, the mayor wrote on Twitter" names one network and no address;
"fans can follow him on Twitter" does not open with the verb.

The openers are lexicon data (``contact_openers`` in rules/lexicons/*.yaml, every
language merged, as the other lexicon lists); the marks (addresses, network names)
are the same in every language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cleaner import native
from cleaner.heuristics.lexicon import Lexicon, shipped_lexicon

CONTACT_LINE_MAX_WORDS = 40  # a longer line is a paragraph, not a sign-off
# ... and in characters: the address patterns below backtrack over a run of word
# characters, so a line of one 20,000-character "word" cost 0.3 s; a sign-off of
# 40 words with its addresses stays far below this.
CONTACT_LINE_MAX_CHARS = 600
# The imperatives that open such a line come from the lexicons' ``contact_openers``,
# matched case-blind at the line's start (after bullets and brackets).
_PATTERN_KEY = "contact_lines.openers"  # this module's entry in ``Lexicon.derived``
# Scripts whose words run on without a space (Han, kana) or take their endings without
# one (Hangul "팔로우하세요"): an opener ending in one of their letters needs no word boundary.
_UNSPACED_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w")
_HANDLE = re.compile(r"(?<![\w.])@\w{2,}")
_PROFILE_URL = re.compile(
    r"\b(?:twitter|x|facebook|instagram|linkedin|tiktok|youtube|threads|bsky)\.(?:com|net|app)/\w|\bt\.me/\w",
    re.IGNORECASE,
)
# The networks a follow-us line names (the compiled pre-test, _line_marks.c, lists them too)
NETWORK_NAMES = (
    "twitter", "facebook", "instagram", "linkedin", "tiktok", "youtube",
    "whatsapp", "telegram", "bluesky", "threads", "mastodon", "snapchat",
)  # fmt: skip
_NETWORK = re.compile(r"\b(?:" + "|".join(NETWORK_NAMES) + r")\b", re.IGNORECASE)
MIN_NETWORKS = 2  # networks named without an address: "Follow us on Facebook and Instagram"
# The letters outside ASCII that a case-blind pattern takes for ASCII ones: dotted and
# dotless I, the long s, the Kelvin sign (re.IGNORECASE; tests/test_native.py checks them).
FOLDED_LETTERS = ("\u0130", "\u0131", "\u017f", "\u212a")


_PAIR_TABLE_BYTES = 128 * 128 // 8  # a bit for each pair of ASCII characters
# The folded letters as the ASCII letter a case-blind pattern matches them to
_ASCII_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})

_LEADING = " \t-–—•*·>»|[(\"“'‘"
_LEADING_SET = frozenset(_LEADING)


@dataclass(frozen=True)
class _Openers:
    """The lexicon's openers made ready for matching: one pattern for each first letter
    (upper and lower case), holding the openers that start with it, and one of them all
    for a line opened by a sign outside ``_LEADING``. With ~200 openers in 31 languages
    most lines open with some opener's letter, and one pattern of them all, tried there,
    doubled the decision's time on the dev pages' extracted text (stage_times.py: 0.034 s
    against main's 0.015 s; by first letter 0.016 s against 0.014 s)."""

    by_initial: dict[str, re.Pattern[str]]
    every: re.Pattern[str]
    pairs: bytes  # the openers' first two characters in ASCII (``_opener_pairs``)


def _openers(lexicon: Lexicon) -> _Openers:
    """The openers of ``lexicon``, built on the first call and kept on the lexicon."""
    return lexicon.derived_from(_PATTERN_KEY, lambda lex: _build(lex.contact_openers))


def _build(openers: tuple[str, ...]) -> _Openers:
    """The patterns of ``openers`` (see ``_Openers``)."""
    groups: dict[str, list[str]] = {}
    for opener in openers:
        for initial in dict.fromkeys((opener[0], opener[0].upper())):
            groups.setdefault(initial, []).append(opener)
    return _Openers(
        {initial: _pattern(group) for initial, group in groups.items()},
        _pattern(openers),
        _opener_pairs(openers),
    )


def _opener_pairs(openers: Sequence[str]) -> bytes:
    """The pairs of ASCII characters (lower case) an opener's first two match case-blind, as
    bits (a * 128 + b): a FOLDED letter matches its ASCII letter, no other character outside
    ASCII matches an ASCII one. ``_may_open`` reads them."""
    table = bytearray(_PAIR_TABLE_BYTES)
    for opener in openers:
        pair = opener[:2].translate(_ASCII_FOLDS).lower()
        if len(pair) == 2 and pair.isascii():
            bit = ord(pair[0]) * 128 + ord(pair[1])
            table[bit >> 3] |= 1 << (bit & 7)
    return bytes(table)


def _may_open(text: str, pairs: bytes) -> bool:
    """Whether an opener may open ``text``: every opener starts with a word character and
    has two or more, and the pattern skips only signs before it, so it starts at the line's
    first word character; where that and the next are ASCII they must be one of ``pairs``
    (any other character is left to the pattern). The compiled ``contact_marked`` tests it
    before searching a line for an address's mark."""
    start = next((k for k, char in enumerate(text) if char.isalnum()), len(text))
    if start + 1 >= len(text):
        return False
    pair = text[start : start + 2]
    if not pair.isascii():
        return True
    bit = ord(pair[0].lower()) * 128 + ord(pair[1].lower())
    return bool(pairs[bit >> 3] >> (bit & 7) & 1)


def opener_pairs(lexicon: Lexicon) -> bytes:
    """The opener pairs of ``lexicon`` (``_opener_pairs``), the compiled ``contact_marked``'s table."""
    return _openers(lexicon).pairs


def contact_marked_python(
    texts: list[str],
    words: list[int],
    local: Sequence[object | None],
    usable: list[bool] | None,
    first: int,
    max_words: int,
    max_chars: int,
    pairs: bytes,
) -> list[int]:
    """The compiled ``contact_marked``'s reference: the kept lines (``local`` None, ``usable``
    unless None) from ``first`` on of at most ``max_words`` words and ``max_chars`` characters
    that may open with an opener (``_may_open``) and hold an address's mark."""
    return [
        j
        for j in range(first, len(texts))
        if local[j] is None
        and (usable is None or usable[j])
        and len(texts[j]) <= max_chars
        and words[j] <= max_words
        and _may_open(texts[j], pairs)
        and _holds_address_mark(texts[j])
    ]


def _pattern(openers: Sequence[str]) -> re.Pattern[str]:
    """``openers`` as one pattern, case-blind, after any signs: a word boundary after an
    opener ending in a letter of a script written with spaces ("follow" is not
    "followers"); none after a Han, kana or Hangul letter, which the next word follows
    without a space ("关注我们微博", "팔로우하세요")."""
    spaced = [re.escape(o) for o in openers if not _unspaced(o[-1])]
    unspaced = [re.escape(o) for o in openers if _unspaced(o[-1])]
    parts = []
    if spaced:
        parts.append(r"(?:" + "|".join(spaced) + r")\b")
    if unspaced:
        parts.append(r"(?:" + "|".join(unspaced) + r")")
    body = "|".join(parts) or r"(?!)"  # no openers: nothing opens a contact line
    return re.compile(r"[\s\W_]*(?:" + body + r")", re.IGNORECASE)


def _unspaced(char: str) -> bool:
    """Whether ``char`` is a letter of a script whose words need no space after them
    (Han, kana, Hangul): a word boundary cannot be asked after it."""
    return unicodedata.name(char, "").startswith(_UNSPACED_SCRIPTS)


def is_contact_line(text: str, words: int, lexicon: Lexicon | None = None) -> bool:
    """Whether ``text`` (``words`` words) opens with an imperative to follow or contact
    (the ``contact_openers`` of ``lexicon``, the shipped lexicons' by default) and holds
    an address to do so (see the module)."""
    if words > CONTACT_LINE_MAX_WORDS or len(text) > CONTACT_LINE_MAX_CHARS:
        return False
    return _opens_and_holds(text, _openers(lexicon or shipped_lexicon()))


def contact_lines(texts: list[str], words: list[int], lexicon: Lexicon) -> list[int]:
    """The indices of ``texts`` (``words`` words each) that are contact lines
    (``is_contact_line``): the openers looked up once for all of them."""
    return contact_lines_among(texts, contact_candidates(texts, words), lexicon)


def contact_candidates(texts: list[str], words: list[int]) -> list[int]:
    """The indices of the lines that may be contact lines: short enough, and (compiled) holding
    an address's mark (``address_marked``). In Python the mark's test would cost more than
    the openers' patterns it spares, so there only the lines' sizes are read."""
    if native.MODULE is not None:
        found: list[int] = native.MODULE.address_marked(
            texts, words, CONTACT_LINE_MAX_WORDS, CONTACT_LINE_MAX_CHARS
        )
        return found
    return [
        j
        for j, (text, count) in enumerate(zip(texts, words))
        if count <= CONTACT_LINE_MAX_WORDS and len(text) <= CONTACT_LINE_MAX_CHARS
    ]


def contact_lines_among(texts: Sequence[str], candidates: Iterable[int], lexicon: Lexicon) -> list[int]:
    """Those of the lines ``candidates`` (``contact_candidates``) that are contact lines.
    The openers' patterns (~25 ms to build) are made at the first candidate: a short
    document often has none, and a one-line ``cleaner clean`` paid them all the same."""
    found: list[int] = []
    openers: _Openers | None = None
    for j in candidates:
        if openers is None:
            openers = _openers(lexicon)
        if _opens_and_holds(texts[j], openers):
            found.append(j)
    return found


def address_marked_python(texts: list[str], words: list[int], max_words: int, max_chars: int) -> list[int]:
    """The compiled ``address_marked``'s reference: the lines of at most ``max_words`` words
    and ``max_chars`` characters that hold an address's mark (``_holds_address_mark``)."""
    return [
        j
        for j, (text, count) in enumerate(zip(texts, words))
        if count <= max_words and len(text) <= max_chars and _holds_address_mark(text)
    ]


def _holds_address_mark(text: str) -> bool:
    """Whether ``text`` holds what a contact line's address needs at least: "@" (an e-mail
    address, a handle), "/" (a profile's URL) or a network's name in any case (a case-blind
    pattern matches ASCII letters to their other case and to FOLDED_LETTERS, which, with
    them, are the only characters whose ``lower()`` holds an ASCII letter)."""
    if "@" in text or "/" in text or any(map(text.__contains__, FOLDED_LETTERS)):
        return True
    low = text.lower()
    return any(map(low.__contains__, NETWORK_NAMES))


def _opens_and_holds(text: str, openers: _Openers) -> bool:
    """``is_contact_line`` past its size test."""
    first = text[:1]
    if first in _LEADING_SET:  # (most lines open with a letter: the strip's set is not made)
        first = text.lstrip(_LEADING)[:1]
    pattern = openers.by_initial.get(first)
    if pattern is None:
        if first.isalnum():  # no opener starts with this letter
            return False
        pattern = openers.every  # opened by another sign, which the pattern skips
    if not pattern.match(text):
        return False
    if _EMAIL.search(text) or _HANDLE.search(text) or _PROFILE_URL.search(text):
        return True
    return len({m.lower() for m in _NETWORK.findall(text)}) >= MIN_NETWORKS
