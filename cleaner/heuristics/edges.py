"""Head and tail trimming around the article's prose core.

Short pages (a scrape of one article box, an extractor's output) go to the
cautious regime, where the line classifier drops nothing. What they still
carry sits at the edges: a menu before the first sentence of prose, and after
the last one a tail of short unpunctuated lines (newsletter box, buttons,
teaser headlines, footer links). Lines that end like a sentence or a
quotation are never trimmed, so an article ending with a short line or a
quote stays whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress, repeat
from operator import and_, ge

from cleaner import native
from cleaner.heuristics.features import FEW_WORDS
from cleaner.heuristics.lexicon import _CHROME_STRIP, CHROME_MAX_CHARS, IN_ARTICLE_BUTTONS, Lexicon

CORE_MIN_WORDS = 12  # a line this long is prose: the core runs from the first to the last one
HEAD_MIN_LINES = 3  # a shorter head is a headline and a byline, not a menu
HEAD_MIN_FEW_SHARE = 0.5  # share of one-to-three-word lines that marks a head as a menu
TAIL_MAX_WORDS = 10  # longer tail lines are left to the classifier
TAIL_MIN_LINES = 3  # a tail of fewer short or dropped lines is left alone (a signature, a date)
_SENTENCE_END = frozenset(".!?…\"”»'’)")
_QUOTE_END = frozenset("\"”»'’")


# edge_lines' constants, in the order the compiled twin takes them
_LIMITS = (
    CORE_MIN_WORDS,
    HEAD_MIN_LINES,
    HEAD_MIN_FEW_SHARE,
    FEW_WORDS,
    TAIL_MAX_WORDS,
    TAIL_MIN_LINES,
    "".join(sorted(_SENTENCE_END)),
    "".join(sorted(_QUOTE_END)),
)


def shows_chrome(norms: list[str], lexicon: Lexicon) -> bool:
    """``Lexicon.shows_chrome`` (the reference and the fallback), compiled where the
    extension is built: one pass, no stripped str made per line in Python."""
    if native.MODULE is not None and isinstance(norms, list):
        shown: bool = native.MODULE.chrome_entry(
            norms,
            lexicon.chrome_lines,
            lexicon.line_category,
            _CHROME_STRIP,
            CHROME_MAX_CHARS,
            IN_ARTICLE_BUTTONS,
        )
        return shown
    return lexicon.shows_chrome(norms)


def edge_lines(
    texts: Sequence[str],
    words: Sequence[int],
    usable: Sequence[bool],
    kept: Sequence[bool],
    cues: Callable[[int, int], bool],
    phrases: Callable[[int], bool],
    raw: bool,
) -> tuple[list[int], list[int]]:
    """``edge_lines_python`` (see there), compiled where the extension is built and the
    columns are lists: one pass over the page's edges, no iterator made per call."""
    if (  # four type tests, not a generator's frame per page
        native.MODULE is not None
        and type(texts) is list
        and type(words) is list
        and type(usable) is list
        and type(kept) is list
    ):
        found: tuple[list[int], list[int]] = native.MODULE.edge_lines(
            texts, words, usable, kept, cues, phrases, raw, _LIMITS
        )
        return found
    return edge_lines_python(texts, words, usable, kept, cues, phrases, raw)


def edge_lines_python(
    texts: Sequence[str],
    words: Sequence[int],
    usable: Sequence[bool],
    kept: Sequence[bool],
    cues: Callable[[int, int], bool],
    phrases: Callable[[int], bool],
    raw: bool,
) -> tuple[list[int], list[int]]:
    """Indexes of head-menu lines and of short tail lines to drop.

    ``cues(a, b)``: whether lines ``a`` to ``b`` (not included) hold boilerplate evidence
    (a lexicon phrase, a button line, an appeal): an edge is trimmed only when it holds
    one, so a recipe's ingredient list or a song's last lines are not taken for a menu.
    A short tail line with a lexicon phrase (``phrases(j)``) goes even when it ends with
    a period ("(c) 2024 X. All rights reserved."), unless it ends as a quotation. Both
    are asked about the edges only, and the core's ends are found walking in from the
    page's ends, so a page costs what its edges hold, not what its middle does.
    ``raw``: the page is a raw dump with site chrome; on other text (an
    extractor's article) the lines before the prose are its headline, standfirst
    and lists, so the head is never trimmed, and of the tail only lines with a
    lexicon phrase go.
    """
    n = len(texts)
    core = compress(range(n), map(and_, kept, map(ge, words, repeat(CORE_MIN_WORDS))))
    first = next(core, None)
    if first is None:
        return [], []
    from_end = map(and_, reversed(kept), map(ge, reversed(words), repeat(CORE_MIN_WORDS)))
    last = next(compress(range(n - 1, -1, -1), from_end))
    head: list[int] = []
    if raw:
        region = list(compress(range(first), usable))
        if len(region) >= HEAD_MIN_LINES and cues(0, first):
            few = sum(map(FEW_WORDS.__ge__, map(words.__getitem__, region)))
            if few >= HEAD_MIN_FEW_SHARE * len(region):
                head = list(compress(region, map(kept.__getitem__, region)))
    if n - 1 - last < TAIL_MIN_LINES:  # too few lines after the core for a tail (most pages)
        return head, []
    region = list(compress(range(last + 1, n), usable[last + 1 :]))
    region_kept = list(map(kept.__getitem__, region))
    candidates = list(compress(region, region_kept))
    tail = [
        j
        for j in compress(candidates, map(TAIL_MAX_WORDS.__ge__, map(words.__getitem__, candidates)))
        if texts[j][-1] not in _SENTENCE_END or (phrases(j) and texts[j][-1] not in _QUOTE_END)
    ]
    if not raw:  # an article's own last lines (a list, a signature) look as short
        tail = list(filter(phrases, tail))
    short = len(tail) + len(region) - sum(region_kept)
    if short < TAIL_MIN_LINES or not cues(last + 1, n):
        tail = []
    return head, tail
