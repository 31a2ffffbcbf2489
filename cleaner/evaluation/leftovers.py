"""How much boilerplate a clean removes from text that still carries it, and at what cost.

The "leftovers" measure (defined with the evaluation pages): the input (an
extractor's article text, or the page text in html mode) is cut into lines,
each line is labelled boilerplate, body or uncounted against the gold body,
and the clean's segments tell which of the line tokens it removed.

- removal = share of boilerplate-line tokens inside removed segments;
- loss = share of body-line tokens inside removed segments.

On string-list pages (traf) the same two shares are taken over the
``must_drop`` / ``must_keep`` strings present in the input. Every function
here is pure; counts are returned so a bench can sum them over pages (a
micro-average over tokens or strings).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cleaner.evaluation.metrics import SHINGLE, fold_space, shingles
from cleaner.result import BOILERPLATE, Result, Segment

# The ``\w+`` token of the README (metrics.py uses the same pattern); finditer
# here, because removal is decided by each token's character span.
TOKEN = re.compile(r"\w+")
# Non-blank lines as str.splitlines() cuts them, so a line here is a line to a reader.
LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")

# A line whose shingles are at most this share in the gold body is boilerplate,
# at least BODY_SHARE is body; in between it is a mix (a caption fused with a
# sentence, a re-wrapped line) that neither figure should be judged on.
BOILERPLATE_SHARE = 0.2
BODY_SHARE = 0.8

LABEL_BOILERPLATE = "boilerplate"
LABEL_BODY = "body"
UNCATEGORISED = "other"  # a boilerplate segment without a category still removed its tokens
UNNAMED_RULE = ""  # nor does a missing rule name make its tokens less removed

Span = tuple[int, int]


class GoldIndex:
    """The gold body, indexed once so each line is judged in time linear in its length.

    Long lines look up their 4-token shingles in the gold shingle set; short
    lines (fewer than ``SHINGLE`` tokens) look up their whole token run in the
    set of gold n-grams of that length, so the contiguous-run test never scans
    the gold sequence.
    """

    def __init__(self, gold: str) -> None:
        self.shingles = shingles(gold)
        tokens = TOKEN.findall(gold or "")
        self.short_runs: set[tuple[str, ...]] = {
            tuple(tokens[i : i + size]) for size in range(1, SHINGLE) for i in range(len(tokens) - size + 1)
        }

    def shingle_share(self, tokens: Sequence[str]) -> float:
        """Share of a long line's 4-token shingles that occur in the gold body."""
        runs = [tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
        return sum(run in self.shingles for run in runs) / len(runs)

    def has_run(self, tokens: Sequence[str]) -> bool:
        """Whether a short line's tokens occur as a contiguous run of the gold body."""
        return tuple(tokens) in self.short_runs


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank input line: its span, its token spans and its label (None: uncounted)."""

    start: int
    end: int
    tokens: tuple[Span, ...]
    label: str | None


def label_line(words: Sequence[str], gold: GoldIndex) -> str | None:
    """Boilerplate, body or None (a mixed line, or one without tokens)."""
    if not words:
        return None
    if len(words) < SHINGLE:
        return LABEL_BODY if gold.has_run(words) else LABEL_BOILERPLATE
    share = gold.shingle_share(words)
    if share <= BOILERPLATE_SHARE:
        return LABEL_BOILERPLATE
    if share >= BODY_SHARE:
        return LABEL_BODY
    return None


def label_lines(text: str, gold: GoldIndex) -> list[Line]:
    """Every non-blank line of ``text`` with its token spans and label."""
    lines = []
    for match in LINE.finditer(text):
        if not match.group().strip():
            continue
        found = list(TOKEN.finditer(text, match.start(), match.end()))
        label = label_line([m.group() for m in found], gold)
        lines.append(Line(match.start(), match.end(), tuple(m.span() for m in found), label))
    return lines


class RemovedSpans:
    """Answers "which boilerplate segment, if any, holds this span" by bisection."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        self.segments = list(segments)
        self.starts = [s.start for s in self.segments]

    def segment(self, start: int, end: int) -> Segment | None:
        """The boilerplate segment holding all of ``[start, end)``, else None."""
        at = bisect_right(self.starts, start) - 1
        if at < 0:
            return None
        seg = self.segments[at]
        if seg.kind != BOILERPLATE or end > seg.end:
            return None
        return seg

    def category(self, start: int, end: int) -> str | None:
        """The category of the boilerplate segment holding ``[start, end)``, else None."""
        seg = self.segment(start, end)
        return None if seg is None else seg.category or UNCATEGORISED


@dataclass
class LineCounts:
    """Token counts of one page or of many (add them up with ``+=``)."""

    pages: int = 0
    boilerplate_tokens: int = 0
    boilerplate_removed: int = 0
    body_tokens: int = 0
    body_removed: int = 0
    removed_by_category: Counter[str] = field(default_factory=Counter)  # boilerplate tokens
    lost_by_category: Counter[str] = field(default_factory=Counter)  # body tokens
    removed_by_rule: Counter[str] = field(default_factory=Counter)  # boilerplate tokens
    lost_by_rule: Counter[str] = field(default_factory=Counter)  # body tokens

    def __iadd__(self, other: LineCounts) -> LineCounts:
        self.pages += other.pages
        self.boilerplate_tokens += other.boilerplate_tokens
        self.boilerplate_removed += other.boilerplate_removed
        self.body_tokens += other.body_tokens
        self.body_removed += other.body_removed
        self.removed_by_category.update(other.removed_by_category)
        self.lost_by_category.update(other.lost_by_category)
        self.removed_by_rule.update(other.removed_by_rule)
        self.lost_by_rule.update(other.lost_by_rule)
        return self

    @property
    def removal(self) -> float:
        """Share of boilerplate tokens removed (0 when there were none)."""
        return _share(self.boilerplate_removed, self.boilerplate_tokens)

    @property
    def loss(self) -> float:
        """Share of body tokens removed (0 when there were none)."""
        return _share(self.body_removed, self.body_tokens)

    def removal_without(self, category: str) -> float:
        """Removal with the tokens that ``category`` removed left out of both counts.

        With ``title`` this is what is removed besides the headline, which the
        gold bodies leave out or keep by their own conventions.
        """
        taken = self.removed_by_category[category]
        return _share(self.boilerplate_removed - taken, self.boilerplate_tokens - taken)

    def loss_without(self, category: str) -> float:
        """Loss with the body tokens that ``category`` removed left out of both counts."""
        taken = self.lost_by_category[category]
        return _share(self.body_removed - taken, self.body_tokens - taken)

    def removal_after(self, rule_prefix: str) -> float:
        """Removal among the tokens that rules named ``rule_prefix...`` left in.

        With ``html:`` this is what the text rules and heuristics remove of the
        boilerplate the html stage kept as article (whatever category it gave).
        """
        taken = sum(n for rule, n in self.removed_by_rule.items() if rule.startswith(rule_prefix))
        return _share(self.boilerplate_removed - taken, self.boilerplate_tokens - taken)


def line_counts(result: Result, gold: GoldIndex | str) -> LineCounts:
    """Label the lines of ``result.source`` against the gold body and count removed tokens.

    A token counts as removed when its whole span lies inside one boilerplate
    segment; segments are cut at block boundaries, so a token never straddles two.
    """
    index = gold if isinstance(gold, GoldIndex) else GoldIndex(gold)
    removed = RemovedSpans(result.segments)
    counts = LineCounts(pages=1)
    for line in label_lines(result.source, index):
        if line.label is None:
            continue
        for start, end in line.tokens:
            seg = removed.segment(start, end)
            if line.label == LABEL_BOILERPLATE:
                counts.boilerplate_tokens += 1
                if seg is not None:
                    counts.boilerplate_removed += 1
                    counts.removed_by_category[seg.category or UNCATEGORISED] += 1
                    counts.removed_by_rule[seg.rule or UNNAMED_RULE] += 1
            else:
                counts.body_tokens += 1
                if seg is not None:
                    counts.body_removed += 1
                    counts.lost_by_category[seg.category or UNCATEGORISED] += 1
                    counts.lost_by_rule[seg.rule or UNNAMED_RULE] += 1
    return counts


@dataclass
class StringCounts:
    """Counts of the traf string lists present in the input, and of those gone from the body."""

    pages: int = 0
    drop_present: int = 0
    drop_gone: int = 0
    keep_present: int = 0
    keep_gone: int = 0

    def __iadd__(self, other: StringCounts) -> StringCounts:
        self.pages += other.pages
        self.drop_present += other.drop_present
        self.drop_gone += other.drop_gone
        self.keep_present += other.keep_present
        self.keep_gone += other.keep_gone
        return self

    @property
    def removal(self) -> float:
        """Share of the must_drop strings present in the input that the body lacks."""
        return _share(self.drop_gone, self.drop_present)

    @property
    def loss(self) -> float:
        """Share of the must_keep strings present in the input that the body lacks."""
        return _share(self.keep_gone, self.keep_present)


def string_counts(source: str, body: str, must_keep: Iterable[str], must_drop: Iterable[str]) -> StringCounts:
    """Which strings present in ``source`` are gone from ``body``, white space folded.

    Strings that fold to nothing are skipped: they are "in" every text and
    would only dilute the shares.
    """
    folded_source, folded_body = fold_space(source), fold_space(body)
    present_drop, gone_drop = _present_and_gone(folded_source, folded_body, must_drop)
    present_keep, gone_keep = _present_and_gone(folded_source, folded_body, must_keep)
    return StringCounts(1, present_drop, gone_drop, present_keep, gone_keep)


def _present_and_gone(source: str, body: str, strings: Iterable[str]) -> tuple[int, int]:
    present = gone = 0
    for text in strings:
        folded = fold_space(text)
        if folded and folded in source:
            present += 1
            gone += folded not in body
    return present, gone


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
