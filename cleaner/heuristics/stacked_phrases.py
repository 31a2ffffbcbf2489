"""Lines that stack boilerplate phrases: notices and promos written as prose.

An outlet's notice or promo above or below an article often runs as prose: "This article
is for your personal, non-commercial use only and may not be reprinted without the
publisher's written permission.", "Get the Weekend Gazette delivered to your inbox every
Saturday: sign up for our free newsletter with the week's best reads." Its length keeps it from the short-line decisions, and its sentences from the
article-line model's cut (a sentence goes there only in the trailing run). What marks it
in any language the lexicons cover is density: it holds two or more distinct phrases of
the boilerplate families, where an article's sentence that mentions a licence, a
newsletter or an app names one, in a paragraph of its own words. The caller also asks
that it sit at an edge of the article (``decisions.label_stacked_phrases``).

The ``credit`` family does not count: "The Associated Press and Reuters contributed to
this report." and "(Writing by ...; Editing by ...)" name the article's authors, and
news keeps them as its own (``opening-phrase`` keeps such a sentence too).
"""

from __future__ import annotations

from cleaner.categories import CATEGORIES
from cleaner.heuristics.lexicon import Lexicon

STACK_FAMILIES = frozenset(CATEGORIES) - {"credit"}
STACK_MIN_PHRASES = 2  # distinct phrases in one line: two notices stacked, or one spelled out
# Fewer words hold no two phrases and a line of its own ("All rights reserved. Terms of use"
# is 6; shorter lines made of a phrase are the phrase-line decision's)
STACK_MIN_WORDS = 4
STACK_MAX_WORDS = 80  # a longer line is a paragraph (or a flattened table) that quotes one
# Words per distinct phrase at most: a notice is dense with them; a paragraph about
# licences ("Durch eine Lizenz nach Creative Commons kann der Urheber ...") names two in 50 words.
STACK_WORDS_PER_PHRASE = 20


def stacked_phrases(text: str, lexicon: Lexicon) -> int:
    """How many distinct phrases of the counted families ``text`` holds."""
    return len(_phrases(text, lexicon))


def _phrases(text: str, lexicon: Lexicon) -> set[str]:
    low = text.lower()
    return {low[start:end] for start, end, category in lexicon.phrase_hits(low) if category in STACK_FAMILIES}


def stack_of(text: str, words: int, lexicon: Lexicon) -> float | None:
    """None when ``text`` (``words`` words) does not stack boilerplate phrases as a notice
    or a promo does (STACK_MIN_PHRASES or more, at most STACK_WORDS_PER_PHRASE words each;
    never a question: a reader's question about a newsletter or a licence is the
    article's), else the share of its characters the phrases cover."""
    if words > STACK_MAX_WORDS or text.rstrip().endswith("?"):
        return None
    found = _phrases(text, lexicon)
    if len(found) < STACK_MIN_PHRASES or words > STACK_WORDS_PER_PHRASE * len(found):
        return None
    return min(1.0, sum(map(len, found)) / max(1, len(text.strip())))


def is_stacked(text: str, words: int, lexicon: Lexicon) -> bool:
    """Whether ``text`` (``words`` words) stacks boilerplate phrases (``stack_of``)."""
    return stack_of(text, words, lexicon) is not None
