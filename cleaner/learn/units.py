"""From recurring lines to rules: runs of recurring lines on each page become units, units
seen on enough pages become block or after rules, single lines line rules grouped by
category, each alternation kept under the pattern length limit."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cleaner.learn.category import FALLBACK_CATEGORY
from cleaner.learn.proposal import Learned, LearnedRule
from cleaner.outlets.patterns import MAX_PATTERN_LENGTH

AFTER_SHARE = 0.95  # a unit that reaches the page end this often becomes an `after` rule
BLOCK_SLACK_LINES = 3  # block max_lines = longest unit seen + this
LINE_GROUP_CHARS = MAX_PATTERN_LENGTH - 200  # room left in one alternation pattern
WEAK_CATEGORIES = frozenset({"navigation", "other"})  # these never split a box in two


@dataclass
class Unit:
    """A run of recurring lines on one page: its first and last template, its length."""

    start: int
    end: int
    length: int
    page: int
    reaches_end: bool
    category: str
    members: tuple[int, ...] = ()


def units_of(page_ids: Sequence[Sequence[int | None]], votes: Sequence[Counter[str]]) -> list[Unit]:
    """Runs of recurring lines on each page (its lines' template ids), split where the
    category changes."""
    units: list[Unit] = []
    pieces: dict[tuple[int, ...], list[tuple[int, int, str]]] = {}  # a box recurs: split it once
    for page, ids in enumerate(page_ids):
        i = 0
        while i < len(ids):
            if ids[i] is None:
                i += 1
                continue
            j = i
            while j < len(ids) and ids[j] is not None:
                j += 1
            run = tuple(t for t in ids[i:j] if t is not None)
            split = pieces.get(run)
            if split is None:
                split = pieces[run] = split_by_category(run, votes)
            for offset, length, category in split:
                members = tuple(run[offset : offset + length])
                reaches_end = i + offset + length == len(ids)
                units.append(Unit(members[0], members[-1], length, page, reaches_end, category, members))
            i = j
    return units


def top_category(votes: Counter[str]) -> str | None:
    return min(votes, key=lambda c: (-votes[c], c)) if votes else None


def split_by_category(run: Sequence[int], votes: Sequence[Counter[str]]) -> list[tuple[int, int, str]]:
    """(offset, length, category) pieces of a run of recurring lines.

    Only a change between strong categories splits a run: buttons and
    unexplained lines (navigation, other, none) belong to the box around
    them, and a tie keeps the category of the line before.
    """
    cats: list[str | None] = []
    current: str | None = None
    for t in run:
        strong = Counter({c: n for c, n in votes[t].items() if c not in WEAK_CATEGORIES})
        if strong:
            best = max(strong.values())
            tied = {c for c, n in strong.items() if n == best}
            current = current if current in tied else top_category(strong)
        cats.append(current)
    first = next((c for c in cats if c is not None), None)
    if first is None:
        weak = Counter(c for t in run for c in votes[t])
        return [(0, len(run), top_category(weak) or FALLBACK_CATEGORY)]
    filled = [c if c is not None else first for c in cats]
    pieces: list[tuple[int, int, str]] = []
    start = 0
    for k in range(1, len(filled) + 1):
        if k == len(filled) or filled[k] != filled[start]:
            pieces.append((start, k - start, filled[start]))
            start = k
    return pieces


def unit_rules(
    units: Sequence[Unit], categories: Sequence[str | None], support: int, count: int
) -> list[LearnedRule]:
    """Block / after rules for units seen on enough pages, line rules for the rest."""
    by_key: dict[tuple[int, int], list[Unit]] = defaultdict(list)
    for unit in units:
        by_key[(unit.start, unit.end)].append(unit)
    ranked = sorted(by_key.items(), key=lambda kv: (-len({u.page for u in kv[1]}), kv[0]))
    rules: list[LearnedRule] = []
    used_starts: set[int] = set()
    covered: set[int] = set()
    for (start, end), seen in ranked:
        longest = max(u.length for u in seen)
        if len({u.page for u in seen}) < support or start in used_starts or longest == 1:
            continue
        used_starts.add(start)
        covered.update(t for u in seen for t in u.members)
        category = Counter(u.category for u in seen).most_common(1)[0][0]
        at_end = sum(u.reaches_end for u in seen) / len(seen)
        if at_end >= AFTER_SHARE:
            rule = LearnedRule("", category, "after", [start])
        else:
            rule = LearnedRule("", category, "block", [start], end, longest + BLOCK_SLACK_LINES)
        rule.members = sorted({t for u in seen for t in u.members})
        rules.append(rule)
    singles = [t for t in range(count) if t not in covered]
    rules.extend(line_rules(singles, categories))
    name_rules(rules)
    return rules


def line_rules(template_ids: Iterable[int], categories: Sequence[str | None]) -> list[LearnedRule]:
    """One line rule per category (split when the alternation grows long)."""
    by_category: dict[str, list[int]] = defaultdict(list)
    for t in template_ids:
        by_category[categories[t] or FALLBACK_CATEGORY].append(t)
    return [LearnedRule("", category, "line", ids) for category, ids in sorted(by_category.items())]


def name_rules(rules: list[LearnedRule]) -> None:
    used: Counter[str] = Counter()
    for rule in rules:
        base = rule.category.replace("_", "-") + ("-lines" if rule.kind == "line" else f"-{rule.kind}")
        used[base] += 1
        rule.id = base if used[base] == 1 else f"{base}-{used[base]}"


def split_long_line_rules(learned: Learned) -> None:
    """Keep every alternation under the pattern length limit. A line whose own pattern is
    longer than the limit (a legal notice of a thousand characters in one paragraph)
    cannot be a rule: it is left to the other stages, and so is a block that starts or
    ends with one."""
    lengths = [len(template.regex(learned.names)) for template in learned.templates]
    out: list[LearnedRule] = []
    for rule in learned.rules:
        if rule.kind != "line":
            ends = [*rule.templates, *([] if rule.end is None else [rule.end])]
            if all(lengths[t] <= MAX_PATTERN_LENGTH for t in ends):
                out.append(rule)
            continue
        chunk: list[int] = []
        size = 0
        for t in rule.templates:
            length = lengths[t] + 1
            if length > MAX_PATTERN_LENGTH:
                continue
            if chunk and size + length > LINE_GROUP_CHARS:
                out.append(LearnedRule("", rule.category, "line", chunk))
                chunk, size = [], 0
            chunk.append(t)
            size += length
        if chunk:
            out.append(LearnedRule("", rule.category, "line", chunk))
    learned.rules = out
    name_rules(learned.rules)


def open_holes(learned: Learned) -> None:
    """Holed lines get line rules of their own whose holes are open (``.+``) and whose
    ``max_chars`` bounds the line, and so do block and after rules that start at one: a
    counted repeat such as ``.{1,240}`` was most of a learned outlet's compile time and
    of its matching in the cleaning pass; a length test per matched line costs nothing."""
    templates = learned.templates
    out: list[LearnedRule] = []
    for rule in learned.rules:
        if rule.kind != "line":
            start = templates[rule.templates[0]]
            if start.has_hole:
                rule.max_chars = start.line_chars()
            out.append(rule)
            continue
        exact = [t for t in rule.templates if not templates[t].has_hole]
        holed = [t for t in rule.templates if templates[t].has_hole]
        if exact:
            out.append(LearnedRule("", rule.category, "line", exact))
        if holed:
            bound = max(templates[t].line_chars() for t in holed)
            out.append(LearnedRule("", rule.category, "line", holed, max_chars=bound))
    learned.rules = out
    name_rules(learned.rules)
