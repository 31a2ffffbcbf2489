"""Apply one outlet's text rules (line, block, after) to a document's blocks.

Each rule's pattern runs once over all block texts joined by newlines (RE2,
matches never cross a line), which is far cheaper than one call per line.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence

from cleaner.blocks import Block
from cleaner.result import Label
from cleaner.rules import OutletRules, TextRule


class _Lines:
    """Block texts joined by newlines, with each line's start offset."""

    def __init__(self, blocks: Sequence[Block], eligible: Sequence[bool]) -> None:
        texts = [b.text if ok else "" for b, ok in zip(blocks, eligible)]
        self.joined = "\n".join(texts)
        self.starts: list[int] = []
        pos = 0
        for text in texts:
            self.starts.append(pos)
            pos += len(text) + 1

    def matching(self, rule_pattern: object) -> list[int]:
        """Indexes of the lines where the pattern matches, in order."""
        found: list[int] = []
        last = -1
        for match in rule_pattern.finditer(self.joined):  # type: ignore[attr-defined]
            index = bisect_right(self.starts, match.start()) - 1
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
    """Return new labels with this outlet's text rules applied.

    Blocks already labelled (or not eligible, e.g. html page chrome) are
    neither matched nor relabelled.
    """
    if not blocks or not outlet.text:
        return list(labels)
    usable = [labels[i] is None and (eligible is None or eligible[i]) for i in range(len(blocks))]
    lines = _Lines(blocks, usable)
    new = list(labels)
    for rule in outlet.text:
        if not rule.applies_on(date):
            continue
        label = Label(rule.category, f"{outlet.key}:{rule.id}")
        for index in _rule_span_indexes(rule, lines, blocks, usable):
            if new[index] is None and usable[index]:
                new[index] = label
    return new


def _rule_span_indexes(
    rule: TextRule, lines: _Lines, blocks: Sequence[Block], usable: Sequence[bool]
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
    return _block_spans(rule, lines, hits, total)


def _block_spans(rule: TextRule, lines: _Lines, starts: list[int], total: int) -> list[int]:
    """From each start line through its end line (or document end)."""
    ends = lines.matching(rule.end.lines) if rule.end is not None else []
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
