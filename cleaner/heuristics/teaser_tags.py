"""Teaser headlines tagged with the kind of story they lead to.

Outlets mark the links to their other stories with a bracketed tag: "Minister
resigns after vote [VIDEO]", "Ten things to know [PICTURES]", "[GALERIE] Die
schönsten Bilder vom Fest". Inside an extractor's article text such a line is a
teaser, not the article's own sentence. The tag must name a kind of media or
teaser (a source in brackets, "[Reuters]", "[TMZ]", is how some articles cite);
the words are lexicon data (``teaser_tags`` in rules/lexicons/*.yaml, every
language merged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.heuristics.features import OTHER_SPACES
from cleaner.heuristics.lexicon import Lexicon, shipped_lexicon

TEASER_MAX_WORDS = 20  # the headline and its tag: a longer line is prose
TEASER_MIN_WORDS = 3  # a tag alone, or with a word, is a button (the button rules')
# A tag opens with one of these brackets: a line holding neither is no tagged teaser.
TAG_BRACKETS = ("[", "【")
_PATTERN_KEY = "teaser_tags.tags"  # this module's entry in ``Lexicon.derived``
_CLOSING = "]】"
# What may follow a closing tag (the pattern's ``[\s|:.,;-]*$``): str.isspace's characters,
# which are re's ``\s``, and the signs
_TAIL = " \t\n\r\x0b\x0c" + OTHER_SPACES + "|:.,;-"
_WORD_CHAR = re.compile(r"\w")
# The letters outside ASCII that a case-blind pattern matches to ASCII ones (dotted and
# dotless I, the long s, the Kelvin sign), as the ASCII letter they fold to
_ASCII_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


@dataclass(frozen=True)
class _Tags:
    """The lexicon's tags as patterns: a tag closing the line, and one opening it; and
    ``ascii``, the lower case of the tags that an ASCII word matches case-blind (a tag of
    ASCII letters and FOLDED letters, folded): a tag's word in ASCII is looked up there,
    not tried against the alternation of every tag; ``first``, a tag's first character
    case-blind: a word in another script whose first character no tag opens with (a
    Chinese citation's "[引用日期2019-01-01]") is not tried against the alternation."""

    at_end: re.Pattern[str]
    at_start: re.Pattern[str]
    ascii: frozenset[str]
    first: re.Pattern[str]


def _tags(lexicon: Lexicon) -> _Tags:
    """The tag patterns of ``lexicon``, built on the first call and kept on the lexicon."""
    return lexicon.derived_from(_PATTERN_KEY, lambda lex: _build(lex.teaser_tags))


def _build(words: tuple[str, ...]) -> _Tags:
    """The bracketed tag ("[VIDEO]", "【视频】") of any of ``words``, case-blind."""
    alternatives = "|".join(re.escape(word) for word in words) or r"(?!)"  # no tags: no teaser
    tag = r"[\[【]\s*(?:" + alternatives + r")\s*[\]】]"
    return _Tags(
        re.compile(tag + r"[\s|:.,;-]*$", re.IGNORECASE),
        re.compile(r"[\s\W]*?" + tag, re.IGNORECASE),
        frozenset(f.lower() for f in (word.translate(_ASCII_FOLDS) for word in words) if f.isascii()),
        re.compile(
            "[" + "".join(sorted({re.escape(word[0]) for word in words if word})) + "]" if words else r"(?!)",
            re.IGNORECASE,
        ),
    )


def is_tagged_teaser(text: str, words: int, lexicon: Lexicon | None = None) -> bool:
    """Whether ``text`` (``words`` words) is a headline with a media or teaser tag (the
    ``teaser_tags`` of ``lexicon``, the shipped lexicons' by default) before or after it."""
    if not TEASER_MIN_WORDS <= words <= TEASER_MAX_WORDS or not any(map(text.__contains__, TAG_BRACKETS)):
        return False
    tags = _tags(lexicon or shipped_lexicon())
    return _closes_with_tag(text, tags) or _opens_with_tag(text, tags)


def _closes_with_tag(text: str, tags: _Tags) -> bool:
    """``tags.at_end.search(text)``: the closing bracket is the last character before the
    tail's signs, its tag runs from the last opening bracket before it (no tag holds a
    bracket); a tag in ASCII is looked up in ``tags.ascii``, any other left to the pattern."""
    body = text.rstrip(_TAIL)
    if not body or body[-1] not in _CLOSING:
        return False
    close = len(body) - 1
    opening = _last_opening(body, close)
    if opening < 0:
        return False
    word = body[opening + 1 : close].strip()
    if word.isascii():
        return word.lower() in tags.ascii
    # the tag opens at the bracket ``opening`` (see above), with the word's first character
    return tags.first.match(word) is not None and tags.at_end.match(text, opening) is not None


def _opens_with_tag(text: str, tags: _Tags) -> bool:
    """``tags.at_start.match(text)``: every tag opens with a word character, and the pattern
    skips no word character before it, so the tag starts at the line's first word
    character, after the last opening bracket before it and white space alone; it runs to
    the first closing bracket (no tag holds a bracket). A tag in ASCII is looked up in
    ``tags.ascii``, any other left to the pattern."""
    first = _WORD_CHAR.search(text)
    if first is None:
        return False
    start = first.start()
    opening = _last_opening(text, start)
    if opening < 0 or text[opening + 1 : start].strip():
        return False
    closings = [at for at in (text.find("]", start), text.find("】", start)) if at >= 0]
    if not closings:
        return False
    word = text[start : min(closings)]
    if "[" in word or "【" in word:
        return False
    word = word.rstrip()
    if word.isascii():
        return word.lower() in tags.ascii
    return tags.first.match(word) is not None and tags.at_start.match(text) is not None


def _last_opening(text: str, end: int) -> int:
    """Where the last tag bracket (TAG_BRACKETS) before ``end`` stands; -1 when none."""
    return max(text.rfind(bracket, 0, end) for bracket in TAG_BRACKETS)
