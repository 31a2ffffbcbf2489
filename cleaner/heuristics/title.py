"""The headline: the short, unpunctuated line just before the article body.

It is metadata, not body (gold bodies leave it out), and trafilatura's text
starts with it on many pages, so finding it is most of what can be gained on
already-extracted text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, islice, repeat
from math import inf
from operator import and_, is_
from urllib.parse import unquote, urlsplit

from cleaner import native
from cleaner.heuristics.combining import accent_folded
from cleaner.heuristics.features import CJK_CHARS_PER_WORD, cjk_characters, unspaced_words
from cleaner.result import Label

TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 18
TITLE_MAX_CHARS = 220
# A Chinese or Japanese headline states a whole event ("市政府公布新的公共交通计划", 13
# characters); a line of a few characters is a section label or a name ("基本信息").
CJK_TITLE_MIN_CHARS = 8
TITLE_LOOKBACK = 6  # lines before the first body line searched for the headline
# a sentence's or a lead-in's end, in the Latin and the full-width (CJK) forms: "。" ends
# a Chinese or Japanese sentence, "相关阅读：" is a lead-in
_NOT_TITLE_END = frozenset(".:,;。：，；")
_NOT_TITLE_START = ("http", "©", "|", "•", "- ", "* ", "– ")  # links, credits, separators, list items
_RELABEL = frozenset({"heuristic:classifier", "heuristic:short-head"})  # guesses the title may overrule
_CLOSING_QUOTES = "\"'”’»)"  # a sentence may end inside quotes: ...relationships."
# A word ending a sentence in four lower-case letters or more and a capital opening the
# next: two sentences ("... and its advertiser. All opinions are mine", German "... die
# Stadtbibliothek. Was hat sich verändert?", whose nouns open with a capital), which a headline
# never is; the four letters pass "Dr. Who", "vs. Nets", "Corp. Buys".
_SENTENCE_BREAK = re.compile(r"[a-z]{4,}\. [A-Z]")
_SENTENCE_BREAK_MARK = ". "  # what every such break holds: a line without it is not searched
# The address's slug ("/2019/11/19/new-suvs-highlight-la-auto-show.html") names the article:
# a first line none of whose words is in it is a kicker, a section label or the body's own
# opening heading, not the headline. A path segment of fewer words is an id or a section
# ("news", "a-6533123", "uber-uns"); a line of fewer Latin words cannot be compared (a
# slug is Latin letters, a Cyrillic or Han headline is transliterated or encoded in it).
SLUG_MIN_WORDS = 3
SLUG_LINE_MIN_WORDS = 3
# Only words of this many letters count as shared: the shorter ones of the Latin-script
# languages are articles, prepositions and conjunctions ("und", "der", "the", "of", "les",
# "por") that a kicker shares with any slug ("Anna Berger und ihr Leben für die alten Obstsorten"
# under ".../eine-private-obstwiese-und-die-sortenvielfalt/").
SLUG_SHARED_MIN_LETTERS = 4
_SLUG_SPLIT = re.compile(r"[^a-z0-9]+")
_FILE_END = re.compile(r"\.[a-z]{2,5}$")
_LATIN_WORD = re.compile(r"[a-z]{2,}")
_PLAIN_SCHEMES = ("https://", "http://")  # address_path cuts these addresses by hand
_HOST_ENDS = "/?#"  # the host runs to the first of these (urlsplit's netloc) ...
_PATH_ENDS = "?#"  # ... and the path from there to the first of these
# the ASCII bytes that are no letter (str.isalpha: A-Z, a-z), deleted to count the letters
_ASCII_NON_LETTERS = bytes(code for code in range(128) if not chr(code).isalpha())


def looks_like_title(text: str) -> bool:
    """``looks_like_title_python``: compiled for an ASCII line (title_names.c, None for
    another), which page by page ran in Python once a page, cold."""
    if native.MODULE is not None:
        shaped: bool | None = native.MODULE.title_shape(text)
        if shaped is not None:
            return shaped
    return looks_like_title_python(text)


def looks_like_title_python(text: str) -> bool:
    """Headline shape: a few words, no sentence-final period or colon, some letters.

    Not a headline: a line in capitals only (a dateline "BAAR, SWITZERLAND", a kicker,
    "CLICK FOR FULL RESULTS"; headlines are written in mixed case, what a page shows in
    capitals its style sheet makes so), a line with a link, two sentences. Chinese and
    Japanese write no spaces: there every CJK_CHARS_PER_WORD of their characters count as a word
    (as the line features count them; Thai and its neighbours every UNSPACED_CHARS_PER_WORD), so a headline of a dozen characters is a few words."""
    # the cheap tests first: most lines asked are sentences, and fail on their end
    if (
        len(text) > TITLE_MAX_CHARS
        or text.rstrip(_CLOSING_QUOTES)[-1:] in _NOT_TITLE_END
        or text.startswith(_NOT_TITLE_START)
        or text.isupper()
    ):
        return False
    if text.isascii():  # no CJK or unspaced script, and its letters counted in one C call
        cjk, words = 0, len(text.split())
    else:
        cjk = cjk_characters(text)
        words = max(len(text.split()), -(-cjk // CJK_CHARS_PER_WORD), unspaced_words(text))
    lowered = text.lower()
    return (
        TITLE_MIN_WORDS <= words <= TITLE_MAX_WORDS
        and (cjk == 0 or cjk >= CJK_TITLE_MIN_CHARS)
        and "www." not in lowered
        and "http" not in lowered
        and _letter_count(text) >= len(text) / 2
        and (_SENTENCE_BREAK_MARK not in text or _SENTENCE_BREAK.search(text) is None)
    )


def _letter_count(text: str) -> int:
    """``sum(map(str.isalpha, text))``; an ASCII line's (whose letters are A-Z and a-z) by
    deleting its other bytes in one ``bytes.translate``, not a call per character."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_NON_LETTERS))
    return sum(map(str.isalpha, text))


def slug_words(url: str | None) -> frozenset[str] | None:
    """The words of the address's longest path segment of SLUG_MIN_WORDS words or more
    (the article's slug), or None when it has none or the address cannot be read."""
    if not url:
        return None
    try:
        path = address_path(url)
    except ValueError:
        return None
    best = slug_path_words(path)
    return frozenset(best) if best else None


def slug_path_words(path: str) -> list[str]:
    """The words of the longest segment of SLUG_MIN_WORDS words or more of the address's
    ``path`` (the first of the longest), or none: compiled for a printable ASCII path
    without escapes (decision_picks.c, False for another); ``slug_path_words_python`` the
    reference and the fallback."""
    if native.MODULE is not None:
        found: list[str] | bool = native.MODULE.slug_path_words(path)
        if found is not False:
            return found  # type: ignore[return-value]
    return slug_path_words_python(path)


def slug_path_words_python(path: str) -> list[str]:
    """``slug_path_words`` in Python: each segment unquoted, folded and split."""
    path = unquote(path)
    best: list[str] = []
    for segment in path.split("/"):
        if segment.isascii() and segment.isalnum():  # one word at most ("2019", "news"): no slug
            continue
        words = list(filter(str.isalpha, _SLUG_SPLIT.split(_FILE_END.sub("", accent_folded(segment)))))
        if len(words) >= SLUG_MIN_WORDS and len(words) > len(best):
            best = words
    return best


def address_path(url: str) -> str:
    """``urlsplit(url).path``; the common address (ASCII, printable, no space, "http://" or
    "https://", no brackets in its host) cut by hand, where ``urlsplit`` cost a third of
    ``slug_words``' time; any other by ``urlsplit`` (which may raise ValueError)."""
    if url.isascii() and url.isprintable() and " " not in url and url.startswith(_PLAIN_SCHEMES):
        rest = url[url.index("//") + 2 :]
        host_end = _first_of(rest, _HOST_ENDS)
        if "[" not in rest[:host_end] and "]" not in rest[:host_end]:
            path = rest[host_end:]
            return path[: _first_of(path, _PATH_ENDS)]
    return urlsplit(url).path


def _first_of(text: str, ends: str) -> int:
    """Where the first of the characters ``ends`` stands in ``text``, or its length: a loop
    of finds, where ``min`` over a generator made a frame for a handful of characters."""
    first = len(text)
    for end in ends:
        at = text.find(end, 0, first)
        if at >= 0:
            first = at
    return first


def off_slug(text: str, url: str | None) -> bool:
    """The line has SLUG_LINE_MIN_WORDS Latin words or more and none of its words of
    SLUG_SHARED_MIN_LETTERS letters or more is in the slug of ``url`` (``slug_words``),
    which has one. The line's words are read first: a headline in another script has too
    few, and the address is not read."""
    words = slug_line_words(text)
    if words is None:
        return False
    slug = slug_words(url)
    return slug is not None and slug.isdisjoint(words)


def slug_line_words(text: str) -> list[str] | None:
    """The line's Latin words of SLUG_SHARED_MIN_LETTERS letters or more, folded, or None
    where it has fewer than SLUG_LINE_MIN_WORDS: compiled for an ASCII line (title_names.c,
    False for another), ``slug_line_words_python`` the reference and the fallback."""
    if native.MODULE is not None:
        found: list[str] | None | bool = native.MODULE.slug_line_words(text)
        if found is not False:
            return found  # type: ignore[return-value]
    return slug_line_words_python(text)


def slug_line_words_python(text: str) -> list[str] | None:
    """``slug_line_words`` in Python: the line accent-folded, its runs of Latin letters."""
    words = _LATIN_WORD.findall(accent_folded(text))
    if len(words) < SLUG_LINE_MIN_WORDS:
        return None
    return [word for word in words if len(word) >= SLUG_SHARED_MIN_LETTERS]


def head_kept(local: list[Label | None], usable: list[bool], count: int) -> list[int]:
    """The first ``count`` lines that are usable and unlabelled, in order: compiled, a walk
    that stops there (decision_picks.c), ``head_kept_python`` the reference and the fallback."""
    if native.MODULE is not None:
        found: list[int] = native.MODULE.head_kept(local, usable, count)
        return found
    return head_kept_python(local, usable, count)


def head_kept_python(local: list[Label | None], usable: list[bool], count: int) -> list[int]:
    """``head_kept`` in Python: a C-level lazy chain."""
    return list(islice(compress(range(len(local)), map(and_, usable, map(is_, local, repeat(None)))), count))


def find_title(
    texts: Sequence[str],
    local: Sequence[Label | None],
    usable: Sequence[bool],
    scores: Sequence[float],
    cut: float,
    url: str | None = None,
) -> int | None:
    """Index of the headline line, or None.

    The first kept line is the headline when it is headline-shaped, a
    longer kept line follows it and it shares a word with the slug of the
    address ``url`` when there is one (extracted text); otherwise the nearest headline-shaped
    line above the first kept line (a raw page dump).
    """
    n = len(texts)
    # the first two body lines are all it reads: stop looking there
    if cut == -inf and isinstance(usable, list) and isinstance(local, list):
        # every score passes no cut (an article's text): the first two kept lines
        body = head_kept(local, usable, 2)
    else:
        body = list(islice((j for j in range(n) if usable[j] and local[j] is None and scores[j] >= cut), 2))
    if not body:
        return None
    first = body[0]
    if len(body) > 1 and len(texts[body[1]]) > len(texts[first]) and looks_like_title(texts[first]):
        return None if url and off_slug(texts[first], url) else first
    for j in range(first - 1, max(first - TITLE_LOOKBACK, 0) - 1, -1):
        label = local[j]
        if usable[j] and looks_like_title(texts[j]) and (label is None or label.rule in _RELABEL):
            return j
    return None
