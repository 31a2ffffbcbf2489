"""Teaser lists: a recurring header followed by lines that change on every page.

"More from The Courier" and three headlines that differ on every page: the
header recurs and is learned as a line, the headlines never recur. When, on
enough pages, a recurring line is followed by a short run of short lines that
recur nowhere, up to the next recurring line or the page end, the header and
its list become one block (or ``after``) rule.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

MIN_ITEMS = 2  # one changing line after a header is a lead-in, not a list
MAX_ITEMS = 12  # teaser lists are short; longer runs are article text
MAX_ITEM_WORDS = 16  # a title, not a paragraph
ITEM_ENDINGS = (".", "!", "?", "。")  # a line ending like a sentence is prose, not a title
LIST_SHARE = 0.8  # of the header's pages on which a list follows it
SLACK_LINES = 2


@dataclass(frozen=True)
class ListRule:
    """A header template, the template that closes the list (None: the page end), its length."""

    start: int
    end: int | None
    max_lines: int


def is_item(line: str) -> bool:
    return len(line.split()) <= MAX_ITEM_WORDS and not line.rstrip().endswith(ITEM_ENDINGS)


def list_rules(
    lines: Sequence[Sequence[str]], ids: Sequence[Sequence[int | None]], support: int
) -> list[ListRule]:
    """Headers that are followed by a list of changing short lines on enough pages."""
    header_pages: dict[int, set[int]] = defaultdict(set)
    closers: dict[int, Counter[int | None]] = defaultdict(Counter)
    longest: Counter[int] = Counter()
    for page, (page_lines, page_ids) in enumerate(zip(lines, ids)):
        for i, tid in enumerate(page_ids):
            if tid is None:
                continue
            header_pages[tid].add(page)
            if i + 1 == len(page_ids) or page_ids[i + 1] is not None:
                continue
            j = i + 1
            while j < len(page_ids) and page_ids[j] is None and is_item(page_lines[j]) and j - i <= MAX_ITEMS:
                j += 1
            items = j - i - 1
            closed = j == len(page_ids) or page_ids[j] is not None
            if items >= MIN_ITEMS and closed:
                closers[tid][page_ids[j] if j < len(page_ids) else None] += 1
                longest[tid] = max(longest[tid], items + 2)
    found = []
    for tid, counts in closers.items():
        uses = sum(counts.values())
        if uses < support or uses < LIST_SHARE * len(header_pages[tid]):
            continue
        # A block closed by the most common closing line also runs to the page end when no
        # closing line follows (the footer shown on some pages only): one rule for both.
        ends = Counter({end: n for end, n in counts.items() if end is not None})
        end = ends.most_common(1)[0][0] if ends else None
        found.append(ListRule(tid, end, longest[tid] + SLACK_LINES))
    return sorted(found, key=lambda r: r.start)
