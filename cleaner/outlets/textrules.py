"""Apply one outlet's text rules (line, block, after) to a document's blocks.

The eligible block texts are joined by newlines and encoded once. An RE2 set
then tells in one pass which rules can fire at all, and only those rules
scan the text (matches never cross a line). This keeps the cost per document
to a few RE2 calls however many rules an outlet has.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from cleaner.blocks import Block
from cleaner.outlets.rules import LEARNED_PREFIX, OutletRules, TextRule
from cleaner.result import Label


class _Lines:
    """Eligible block texts as newline-joined UTF-8, with each line's byte offset."""

    def __init__(self, blocks: Sequence[Block], eligible: Sequence[bool]) -> None:
        encoded = [b.text.encode("utf-8") if ok else b"" for b, ok in zip(blocks, eligible)]
        self.joined = b"\n".join(encoded)
        self.starts: list[int] = []
        pos = 0
        for text in encoded:
            self.starts.append(pos)
            pos += len(text) + 1

    def matching(self, pattern: Any) -> list[int]:
        """Indexes of the lines where the pattern matches, in order."""
        found: list[int] = []
        last = -1
        starts = self.starts
        for match in pattern.finditer(self.joined):
            index = bisect_right(starts, match.start()) - 1
            if index != last:
                found.append(index)
                last = index
        return found


def apply_text_rules(
    outlet: OutletRules,
    blocks: Sequence[Block],
    labels: list[Label | None],
    eligible: Sequence[bool] | None = None,
    date: dt.date | None = None,
) -> list[Label | None]:
    """Return new labels with this outlet's text rules applied, in file order.

    Blocks already labelled (or not eligible, e.g. html page chrome) are
    neither matched nor relabelled.
    """
    new = list(labels)
    if not blocks or not outlet.text:
        return new
    in_text = [True] * len(blocks) if eligible is None else list(eligible)
    usable = [labels[i] is None and in_text[i] for i in range(len(blocks))]
    lines = _Lines(blocks, usable)
    # A block's end line may carry an earlier stage's label (the html stage labels a
    # "Remind me later." link before the text rules run); it still closes the block.
    closing = _Lines(blocks, in_text) if any(u != t for u, t in zip(usable, in_text)) else lines
    # Set.Match gives the indexes of the rules that match somewhere, or None.
    firing = sorted(outlet.start_set.Match(lines.joined) or ()) if outlet.start_set is not None else []
    for rule_index in firing:
        rule = outlet.text[rule_index]
        if not rule.applies_on(date):
            continue
        label = Label(rule.category, f"{rule.origin or outlet.key}:{rule.id}")
        for index in _rule_span_indexes(rule, lines, closing, blocks, usable):
            if new[index] is None and usable[index]:
                new[index] = label
    return new


def _rule_span_indexes(
    rule: TextRule, lines: _Lines, closing: _Lines, blocks: Sequence[Block], usable: Sequence[bool]
) -> list[int]:
    hits = [i for i in lines.matching(rule.pattern.lines) if usable[i]]
    if rule.max_chars is not None:
        hits = [i for i in hits if len(blocks[i].text) <= rule.max_chars]
    if not hits:
        return []
    total = len(blocks)
    if rule.kind == "line":
        return hits
    if rule.kind == "after":
        return list(range(hits[0], total))
    return _block_spans(rule, closing, hits, total)


def _block_spans(rule: TextRule, closing: _Lines, starts: list[int], total: int) -> list[int]:
    """From each start line through its end line (or document end); ``closing``: the lines
    an end may be on, labelled ones included."""
    ends = closing.matching(rule.end.lines) if rule.end is not None else []
    covered: list[int] = []
    reach = -1
    for start in starts:
        if start <= reach:
            continue
        found = _first_end_after(ends, start, rule.max_lines) if rule.end is not None else None
        if found is not None:
            stop = found
        elif rule.end is None or total - start <= rule.max_lines:
            # No end pattern, or no closing line: run to the end when it is near.
            stop = total - 1
        else:
            stop = start
        covered.extend(range(start, stop + 1))
        reach = stop
    return covered


def _first_end_after(ends: list[int], start: int, max_lines: int) -> int | None:
    position = bisect_right(ends, start)
    if position < len(ends) and ends[position] - start < max_lines:
        return ends[position]
    return None


# A page whose learned rules would leave less than this share of the text the other
# rules left is one the learning misread (a dump of near-identical pages, a page that is
# all template): its body is kept and the run reports the page.
MIN_BODY_SHARE_AFTER_LEARNED = 0.1
HELD_BACK_KEY = "learned_rules_held_back"  # metadata key that reports such a page


def hold_back_learned(
    blocks: Sequence[Block], before: Sequence[Label | None], after: list[Label | None]
) -> tuple[list[Label | None], bool]:
    """Undo the learned rules' labels when they would empty the page; True when undone."""
    learned = [
        i
        for i, label in enumerate(after)
        if label is not None and before[i] is None and label.rule.startswith(LEARNED_PREFIX + ":")
    ]
    if not learned:
        return after, False
    left_before = sum(len(blocks[i].text) for i, label in enumerate(before) if label is None)
    taken = sum(len(blocks[i].text) for i in learned)
    if left_before - taken >= MIN_BODY_SHARE_AFTER_LEARNED * left_before:
        return after, False
    undone = list(after)
    for i in learned:
        undone[i] = None
    return undone, True
