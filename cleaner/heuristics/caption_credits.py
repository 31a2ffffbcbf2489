"""Photo captions that end with their credit.

A picture's caption that an extractor keeps inside the article usually carries its
credit at the end: "The minister at the congress on Monday (Photo: Ann Lee/Agency).",
"Ski star at the start. © AFP / Ann Lee". Article prose rarely closes a line so. The
credit is read by the lexicons' ``credit`` family, so it works in every language
they cover ("(Foto: ...)", "(Фото: ...)"); the copyright sign is the same everywhere.
"""

from __future__ import annotations

from cleaner.heuristics.lexicon import Lexicon, lower_text

CAPTION_MAX_WORDS = 40  # a longer line is a paragraph that happens to credit a picture
CAPTION_MIN_WORDS = 3  # words before the credit: a credit line alone is the phrase rules'
CREDIT_MAX_WORDS = 10  # after the sign: an agency and a name or two, not a sentence
_CLOSERS = ".;) \t"
# A caption's credit closes a bracket or follows the copyright sign: a line holding
# neither is no such caption (``ends_with_credit`` is never asked about it).
CREDIT_MARKS = (")", "©")
CREDIT_CATEGORY = "credit"

_OPENINGS_KEY = "caption-credit-openings"
_OPENING_BYTES = 2  # how much of each credit phrase's UTF-8 form the gate keeps


def credit_openings(lexicon: Lexicon) -> frozenset[bytes]:
    """The first two bytes of each ``credit`` phrase (the whole of a one-byte phrase): a
    credit hit at byte s of a text requires its bytes from s to be one of these, so a
    bracket whose first two places open none needs no phrase scan (made once a lexicon)."""
    return frozenset(
        phrase.encode()[:_OPENING_BYTES]
        for phrase, category in lexicon.phrase_category.items()
        if category == CREDIT_CATEGORY
    )


def _may_open_credit(data: bytes, openings: frozenset[bytes]) -> bool:
    """Whether a credit phrase may start at byte 0 or 1 of ``data`` (``credit_openings``:
    its first two bytes, or the whole of a one-byte phrase, stand there)."""
    return data[:2] in openings or data[1:3] in openings or data[:1] in openings or data[1:2] in openings


def credit_openings_of(lexicon: Lexicon) -> frozenset[bytes]:
    """``credit_openings(lexicon)``, made once a lexicon and kept on it."""
    return lexicon.derived_from(_OPENINGS_KEY, credit_openings)


def credit_head_open(line: str, opening: int, openings: frozenset[bytes]) -> bool:
    """``ends_with_credit``'s gate on the bracket at ``opening`` of ``line`` (the text, its
    trail stripped): False when its head, the bracket and two characters, is ASCII and no
    credit phrase may open at its byte 0 or 1; the compiled ``credit_candidates`` asks it too."""
    head = line[opening : opening + _OPENING_BYTES + 1]  # ASCII: its lower case is the bytes'
    return not head.isascii() or _may_open_credit(head.lower().encode(), openings)


def ends_with_credit(text: str, words: int, lexicon: Lexicon) -> bool:
    """Whether ``text`` (``words`` words) is a caption ending with its picture credit."""
    if words > CAPTION_MAX_WORDS:
        return False
    line = text.rstrip(" \t.;")
    if line.endswith(")"):
        opening = line.rfind("(")
        if opening < 0:
            return False
        openings = credit_openings_of(lexicon)
        if not credit_head_open(line, opening, openings):
            return False  # (most brackets: the test before the words are split and lowered)
        if len(line[:opening].split()) < CAPTION_MIN_WORDS:
            return False
        inner = lower_text(line[opening:])
        if len(inner.split()) > CREDIT_MAX_WORDS + 2:  # a remark in brackets, not a credit: no scan
            return False
        # the bytes' hits, not phrase_hits' characters: ``inner`` opens with the one-byte
        # "(", so a hit starts at character 0 or 1 exactly where it starts at byte 0 or 1
        data = inner.encode()
        if not _may_open_credit(data, openings):
            return False  # no credit phrase can start at byte 0 or 1: the scan would find none there
        hits = lexicon.phrase_byte_hits(data)
        return any(start <= 1 and category == CREDIT_CATEGORY for start, category, _ in hits)
    sign = line.rfind("©")
    if sign <= 0:
        return False
    before, after = line[:sign], line[sign + 1 :]
    return len(before.split()) >= CAPTION_MIN_WORDS and 0 < len(after.split()) <= CREDIT_MAX_WORDS
