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

from cleaner.heuristics.lexicon import Lexicon, shipped_lexicon

TEASER_MAX_WORDS = 20  # the headline and its tag: a longer line is prose
TEASER_MIN_WORDS = 3  # a tag alone, or with a word, is a button (the button rules')
# A tag opens with one of these brackets: a line holding neither is no tagged teaser.
TAG_BRACKETS = ("[", "【")
_PATTERN_KEY = "teaser_tags.tags"  # this module's entry in ``Lexicon.derived``


@dataclass(frozen=True)
class _Tags:
    """The lexicon's tags as patterns: a tag closing the line, and one opening it."""

    at_end: re.Pattern[str]
    at_start: re.Pattern[str]


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
    )


def is_tagged_teaser(text: str, words: int, lexicon: Lexicon | None = None) -> bool:
    """Whether ``text`` (``words`` words) is a headline with a media or teaser tag (the
    ``teaser_tags`` of ``lexicon``, the shipped lexicons' by default) before or after it."""
    if not TEASER_MIN_WORDS <= words <= TEASER_MAX_WORDS or not any(map(text.__contains__, TAG_BRACKETS)):
        return False
    tags = _tags(lexicon or shipped_lexicon())
    return bool(tags.at_end.search(text) or tags.at_start.match(text))
