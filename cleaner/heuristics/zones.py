"""Appeal zones: a header opens them, a call to action closes them.

An appeal's middle paragraphs look like prose ("We are facing unprecedented
challenges ..."), so no line classifier can drop them safely one by one. The
frame gives them away: a header ("A Message from ...:", "Dear readers,")
opens the zone and a button line ("Remind me later.", "Support us",
"Donate") closes it, as boilerpipe's terminating blocks close an article.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, repeat
from operator import and_, or_

from cleaner import native
from cleaner.heuristics.lexicon import _HEADER_INITIALS_KEY, Lexicon, _header_initials

MAX_ZONE_LINES = 25  # an appeal longer than this is not taken as one zone
MAX_OPEN_TAIL_LINES = 12  # a header with no closer: zone to the end only if this short
MAX_BACKTRACK_LINES = 15  # a closer with no header: look back this far for appeal lines
DONATION = "donation_appeal"
_CUE_ENTRIES_KEY = "zones.cue_entries"  # _cue_entries' entry in ``Lexicon.derived``
_ZONE_CUES_KEY = "zones.zone_cues"  # _zone_cues' entry in ``Lexicon.derived``


def appeal_zones(
    texts: Sequence[str],
    norm: Sequence[str],
    lexicon: Lexicon,
    categories: Sequence[str | None],
    usable: Sequence[bool],
) -> list[tuple[int, int]]:
    """Inclusive (first, last) line ranges of appeals, in order, not overlapping.

    ``norm`` holds the lines as ``normalise_line`` gives them, ``categories``
    each line's first lexicon category (None without one); only ``usable``
    lines (not yet labelled) may belong to a zone.
    """
    n = len(texts)
    if not has_zone_cues(norm, lexicon):
        return []
    closers = list(map(and_, usable, map(lexicon.cta.__contains__, norm)))
    buttons = list(map(and_, usable, map(lexicon.line_category.__contains__, norm)))
    # what may follow a zone's closer and still be the appeal's: buttons and more calls to
    # action ("Support us" then "Remind me later")
    trailing = list(map(or_, buttons, closers))
    # Lines that may open a zone: a whole-line header, or one opening with a header
    # prefix (the full test, ``is_appeal_header``, runs on these few only).
    zones: list[tuple[int, int]] = []
    free = 0  # the first line not in a zone found so far
    for i in header_lines(norm, lexicon):
        if i < free or not usable[i] or not lexicon.is_appeal_header(texts[i], norm[i]):
            continue
        end = _closed_zone_end(i, n, closers, usable)
        if end is None and n - i <= MAX_OPEN_TAIL_LINES and DONATION in categories[i + 1 :]:
            end = n - 1
        if end is not None:
            end = _extend_over_buttons(end, n, trailing)
            zones.append((i, end))
            free = end + 1
    taken = [False] * n
    for first, last in zones:
        for k in range(first, last + 1):
            taken[k] = True
    for k in compress(range(n), closers):
        if not taken[k]:
            start = _appeal_start(k, categories, usable, taken, buttons)
            if start < k:
                last = _extend_over_buttons(k, n, trailing)
                zones.append((start, last))
                for j in range(start, last + 1):
                    taken[j] = True
    zones.sort()
    return zones


def has_zone_cues(norm: Sequence[str], lexicon: Lexicon) -> bool:
    """``Lexicon.has_zone_cues`` (the reference and the fallback), compiled where the
    extension is built: one pass, a line hashed only where its length and first character
    may be an entry's, and asked only about its first character's prefixes (the tables
    made once per lexicon: ``_zone_cues``)."""
    if native.MODULE is not None:
        cues = lexicon.derived.get(_ZONE_CUES_KEY) or lexicon.derived_from(_ZONE_CUES_KEY, _zone_cues)
        # an empty prefix (its initial "") opens every line, an entry no exact str: the reference answers
        if cues[0] is not None:
            lines = norm if isinstance(norm, list) else list(norm)
            cued: bool = native.MODULE.zone_cued(lines, cues)
            return cued
    return lexicon.has_zone_cues(norm)


def _zone_cues(lexicon: Lexicon) -> tuple[bytes | None, frozenset[str], str, dict[str, tuple[str, ...]]]:
    """``zone_cued``'s tables: the filter of the cue entries and header initials (None where
    the compiled test cannot answer), the entries, the initials and the prefixes by them."""
    initials, by_initial = _header_initials_of(lexicon)
    entries, _ = lexicon.derived_from(_CUE_ENTRIES_KEY, _cue_entries)
    made = (
        None
        if native.MODULE is None or "" in by_initial
        else native.MODULE.zone_cue_filter(entries, initials)
    )
    return made, entries, initials, by_initial


def _cue_entries(lexicon: Lexicon) -> tuple[frozenset[str], int]:
    """The whole lines that are a zone cue (calls to action, headers) in one set, and the
    longest one's length: one lookup a line, none for a longer line (made once per lexicon)."""
    entries = frozenset(lexicon.cta | lexicon.appeal_headers)
    return entries, max(map(len, entries), default=0)


def _header_initials_of(lexicon: Lexicon) -> tuple[str, dict[str, tuple[str, ...]]]:
    """The header prefixes' first characters and the prefixes by them, made once per lexicon
    (the entry ``Lexicon.has_zone_cues`` makes and reads)."""
    return lexicon.derived_from(_HEADER_INITIALS_KEY, _header_initials)


def header_lines(norm: Sequence[str], lexicon: Lexicon) -> list[int]:
    """The lines that may open a zone (``header_lines_python``), compiled where the
    extension is built: a line is asked only about the prefixes of its first character."""
    if native.MODULE is not None:
        initials, by_initial = _header_initials_of(lexicon)
        if "" not in by_initial:  # (has_zone_cues)
            lines = norm if isinstance(norm, list) else list(norm)
            found: list[int] = native.MODULE.header_lines(lines, lexicon.appeal_headers, initials, by_initial)
            return found
    return header_lines_python(norm, lexicon)


def header_lines_python(norm: Sequence[str], lexicon: Lexicon) -> list[int]:
    """The indexes of the lines that are a whole-line appeal header or open with a header
    prefix: C-level maps over every line, each asked about every prefix."""
    opens_like_header = map(str.startswith, norm, repeat(lexicon.appeal_header_prefixes))
    maybe_header = map(or_, map(lexicon.appeal_headers.__contains__, norm), opens_like_header)
    return list(compress(range(len(norm)), maybe_header))


def _closed_zone_end(start: int, n: int, closers: Sequence[bool], usable: Sequence[bool]) -> int | None:
    for k in range(start + 1, min(n, start + MAX_ZONE_LINES + 1)):
        if not usable[k]:
            return None
        if closers[k]:
            return k
    return None


def _extend_over_buttons(end: int, n: int, buttons: Sequence[bool]) -> int:
    while end + 1 < n and buttons[end + 1]:
        end += 1
    return end


def _appeal_start(
    closer: int,
    categories: Sequence[str | None],
    usable: Sequence[bool],
    taken: Sequence[bool],
    buttons: Sequence[bool],
) -> int:
    """Walk back from a closer over lines that read as an appeal (donation cues, buttons)."""
    start = closer
    k = closer - 1
    limit = max(closer - MAX_BACKTRACK_LINES, 0)
    while k >= limit and usable[k] and not taken[k] and (categories[k] == DONATION or buttons[k]):
        start = k
        k -= 1
    has_appeal = any(categories[j] == DONATION for j in range(start, closer))
    return start if has_appeal else closer
