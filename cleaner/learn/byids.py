"""What learned rules take from a training page, read from its lines' template ids.

A dump learner knows, for every line of its sampled pages, which recurring
template the line is (or None). A learned rule is made of those templates, so
what it takes from a page can be read off the ids, the way the engine applies
text rules (cleaner.outlets.textrules: rules in file order, a line keeps the
first rule that takes it, a block runs from each start to its next end within
``max_lines``), without compiling and matching: the outlet's figures, the
emptied-pages guard and the choice of example pages cost a few list passes per
page instead of the engine's run. (A template's regex can match a little more
than its masked words, a hole of more words than counted, so this reads a
lower bound of what the engine takes; the examples written to the rule file are
run through the engine itself, and the cleaning pass keeps its own guard.)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol


class RuleShape(Protocol):
    """The parts of a learned rule that say which lines it takes."""

    id: str
    kind: str  # line, block or after
    templates: list[int]
    end: int | None
    max_lines: int | None


def first_span(rule: RuleShape, ids: Sequence[int | None]) -> range | None:
    """The lines a block or after rule takes from its first start line on, or None."""
    start = next((i for i, t in enumerate(ids) if t == rule.templates[0]), None)
    if start is None:
        return None
    if rule.kind == "after" or rule.end is None:
        return range(start, len(ids))
    limit = rule.max_lines or len(ids)
    for i in range(start + 1, min(len(ids), start + limit)):
        if ids[i] == rule.end:
            return range(start, i + 1)
    return range(start, len(ids)) if len(ids) - start <= limit else range(start, start + 1)


def block_lines(rule: RuleShape, ids: Sequence[int | None]) -> list[int]:
    """Every line a block or after rule takes, from each start not inside an earlier span."""
    starts = [i for i, t in enumerate(ids) if t == rule.templates[0]]
    if not starts:
        return []
    total = len(ids)
    if rule.kind == "after":
        return list(range(starts[0], total))
    limit = rule.max_lines or total
    ends = [i for i, t in enumerate(ids) if t == rule.end] if rule.end is not None else []
    covered: list[int] = []
    reach = -1
    for start in starts:
        if start <= reach:
            continue
        position = bisect_right(ends, start)
        if position < len(ends) and ends[position] - start < limit:
            stop = ends[position]
        elif rule.end is None or total - start <= limit:
            stop = total - 1  # no closing line: to the page end when it is near
        else:
            stop = start
        covered.extend(range(start, stop + 1))
        reach = stop
    return covered


def removed_by_ids(
    rules: Sequence[RuleShape], pages_ids: Sequence[Sequence[int | None]]
) -> list[list[str | None]]:
    """For each page, the id of the rule that takes each line (None: the line stays)."""
    taken_by = len(rules)  # "no rule": sorts after every rule's position
    line_rule: dict[int, int] = {}  # template -> position of the first line rule holding it
    for position, rule in enumerate(rules):
        if rule.kind == "line":
            for t in rule.templates:
                line_rule.setdefault(t, position)
    spanning = [(position, rule) for position, rule in enumerate(rules) if rule.kind != "line"]
    ids_of = [rule.id for rule in rules] + [None]
    outcome: list[list[str | None]] = []
    for ids in pages_ids:
        first = [taken_by if t is None else line_rule.get(t, taken_by) for t in ids]
        for position, rule in spanning:
            for i in block_lines(rule, ids):
                if position < first[i]:
                    first[i] = position
        outcome.append([ids_of[position] for position in first])
    return outcome
