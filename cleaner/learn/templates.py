"""Find the lines that recur across the pages of one outlet, as templates.

A masked line (see cleaner.learn.mask) that appears on at least ``support`` pages is
an exact template. Lines that still differ in one short stretch (the
reader's country, a currency) are grouped by their first or last words and
grown word by word, as long as enough pages agree, into a template with a
hole of at most a few words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from typing import NamedTuple

from cleaner.learn.mask import NUM, Template, mask_lines

ANCHOR_WORDS = 3  # lines are grouped by their first (or last) three words
MIN_TEMPLATE_WORDS = 4  # shorter lines only recur exactly
MAX_HOLE_WORDS = 6  # a hole is a name or a place, not a sentence
MIN_FIXED_CHARS = 12  # the fixed words of a holed template, at least
MIN_FIXED_SHARE = 0.4  # of the line's length
MIN_DISTINCT_HOLES = 2
KEEP_SHARE = 0.8  # a word joins the fixed part only if this share of the lines have it
MIN_HOLE_BOUND = 20
MAX_HOLE_BOUND = 200

Words = tuple[str, ...]


class Occurrence(NamedTuple):
    """A masked line on a page (a named tuple: thousands are made per outlet)."""

    page: int
    words: Words


def has_literal(words: Words) -> bool:
    """True unless the line is only numbers and dates (a counter, a clock)."""
    text = "".join(words)
    for mark in (NUM, "\x00M", "\x00D"):
        text = text.replace(mark, "")
    return any(c.isalnum() for c in text)


def exact_templates(masked: Sequence[Sequence[Words]], support: int) -> list[Template]:
    """Masked lines found on at least ``support`` pages."""
    pages: Counter[Words] = Counter()
    for lines in masked:
        pages.update(set(lines))
    found = [words for words, count in pages.items() if count >= support and words and has_literal(words)]
    return [Template(words) for words in sorted(found, key=lambda w: (-pages[w], w))]


def hole_templates(masked: Sequence[Sequence[Words]], support: int) -> list[Template]:
    """Templates with a hole, grown from lines that share their first or last words.

    Lines that also recur exactly take part, so that one template can stand
    for several exact variants ("from just $5" and "from just £5").
    """
    where: dict[Words, list[int]] = defaultdict(list)  # each distinct line: its pages
    for page, lines in enumerate(masked):
        for words in set(lines):
            if len(words) >= MIN_TEMPLATE_WORDS:
                where[words].append(page)
    by_prefix: dict[Words, list[Words]] = defaultdict(list)
    by_suffix: dict[Words, list[Words]] = defaultdict(list)
    for words in where:
        by_prefix[words[:ANCHOR_WORDS]].append(words)
        by_suffix[words[-ANCHOR_WORDS:]].append(words)
    found: dict[tuple[Words, Words], Template] = {}
    for groups, reverse in ((by_prefix, False), (by_suffix, True)):
        for lines in groups.values():
            # one distinct line cannot give MIN_DISTINCT_HOLES holes (most groups are
            # one recurring line, which the exact template stands for): skip growing it
            if len(lines) < MIN_DISTINCT_HOLES or len(set().union(*(where[w] for w in lines))) < support:
                continue
            members = [Occurrence(page, words) for words in lines for page in where[words]]
            template = _grow(members, support, reverse)
            if template is not None:
                found.setdefault((template.prefix, template.suffix), template)
    return sorted(found.values(), key=lambda t: (-t.fixed_chars, t.prefix, t.suffix))


def _pages(members: Sequence[Occurrence]) -> int:
    return len({m.page for m in members})


def _grow(members: list[Occurrence], support: int, reverse: bool) -> Template | None:
    """Extend the anchor word by word from its side, then from the other side."""
    seqs = [Occurrence(m.page, m.words[::-1] if reverse else m.words) for m in members]
    head = ANCHOR_WORDS
    while True:
        nxt = _most_supported(seqs, partial(_word_from_start, index=head))
        if nxt is None or nxt[1] < max(support, KEEP_SHARE * _pages(seqs)):
            break
        seqs = [m for m in seqs if len(m.words) > head + 1 and m.words[head] == nxt[0]]
        head += 1
    tail = 0
    while True:
        nxt = _most_supported(seqs, partial(_word_from_end, index=tail, head=head))
        if nxt is None or nxt[1] < max(support, KEEP_SHARE * _pages(seqs)):
            break
        seqs = [m for m in seqs if len(m.words) > head + tail + 1 and m.words[-1 - tail] == nxt[0]]
        tail += 1
    seqs = [m for m in seqs if 1 <= len(m.words) - head - tail <= MAX_HOLE_WORDS]
    if not seqs or _pages(seqs) < support:
        return None
    sample = seqs[0].words
    prefix, suffix = sample[:head], sample[len(sample) - tail :] if tail else ()
    holes = [" ".join(m.words[head : len(m.words) - tail]) for m in seqs]
    if len(set(holes)) < MIN_DISTINCT_HOLES:
        return None  # the lines do not vary: the exact template stands for them
    mean_chars = sum(len(" ".join(m.words)) for m in seqs) / len(seqs)
    fixed = len(" ".join(prefix + suffix))
    if fixed < MIN_FIXED_CHARS or fixed < MIN_FIXED_SHARE * mean_chars:
        return None
    bound = min(MAX_HOLE_BOUND, max(MIN_HOLE_BOUND, 2 * max(len(h) for h in holes) + 10))
    if reverse:
        prefix, suffix = suffix[::-1], prefix[::-1]
    return Template(prefix, suffix, bound)


def _word_from_start(words: Words, index: int) -> str | None:
    """Word ``index``, if at least one word (the hole) follows it."""
    return words[index] if len(words) > index + 1 else None


def _word_from_end(words: Words, index: int, head: int) -> str | None:
    """Word ``index`` from the end, if a hole still separates it from the head."""
    return words[-1 - index] if len(words) > head + index + 1 else None


def _most_supported(
    seqs: Sequence[Occurrence], pick: Callable[[Words], str | None]
) -> tuple[str, int] | None:
    """The word that ``pick`` gives for most pages, with that page count."""
    pages: dict[str, set[int]] = defaultdict(set)
    for m in seqs:
        word = pick(m.words)
        if word is not None:
            pages[word].add(m.page)
    if not pages:
        return None
    word, where = max(pages.items(), key=lambda kv: (len(kv[1]), kv[0]))
    return word, len(where)


# Lead-ins: a fixed opening ended by a separator ("READ MORE:", "Tags:", "Photo |") before
# a part that changes on every page (a headline, a tag list, a name).
LEAD_SEPARATORS = (":", "|", "»", "›", ">", "—", "–", "-", "•")
_SEPARATOR_CHARS = frozenset(LEAD_SEPARATORS)  # each one character: a word's last is tested
MAX_LEAD_WORDS = 4  # words of the fixed opening, separator included
MIN_LEAD_CHARS = 4  # letters before the separator: "Q:" of an interview is not a lead-in
MAX_LEAD_LINE_WORDS = 30  # a headline or a tag list, not a paragraph
LEAD_HOLE_CHARS = 240
LEAD_DISTINCT_SHARE = 0.5  # of the lines: the changing part really changes


def lead_in_templates(masked: Sequence[Sequence[Words]], support: int) -> list[Template]:
    """Templates of a fixed opening that ends with a separator and a changing rest."""
    pages: dict[Words, set[int]] = defaultdict(set)
    rests: dict[Words, set[Words]] = defaultdict(set)
    for page, lines in enumerate(masked):
        for words in set(lines):
            if len(words) > MAX_LEAD_LINE_WORDS:
                continue
            for k in range(1, min(MAX_LEAD_WORDS, len(words) - 1) + 1):
                if words[k - 1][-1] not in _SEPARATOR_CHARS:
                    continue
                prefix = words[:k]
                pages[prefix].add(page)
                rests[prefix].add(words[k:])
                break  # the first separator ends the opening
    found = []
    for prefix, where in pages.items():
        letters = sum(c.isalpha() for c in " ".join(prefix))
        uses = len(where)
        if uses < support or letters < MIN_LEAD_CHARS or not has_literal(prefix):
            continue
        if len(rests[prefix]) < max(MIN_DISTINCT_HOLES, LEAD_DISTINCT_SHARE * uses):
            continue
        found.append(Template(prefix, (), LEAD_HOLE_CHARS, MAX_LEAD_LINE_WORDS))
    return sorted(found, key=lambda t: t.prefix)


def merge_templates(exact: Sequence[Template], holed: Sequence[Template]) -> list[Template]:
    """Exact templates that a holed one also explains give way to it."""
    index = TemplateIndex(holed)
    kept = [t for t in exact if index.find(t.prefix, "") is None]
    return kept + list(holed)


class TemplateIndex:
    """Assigns each masked line the first template that explains it."""

    def __init__(self, templates: Sequence[Template]) -> None:
        self.templates = list(templates)
        self._exact = {t.prefix: i for i, t in enumerate(self.templates) if not t.has_hole}
        self._holed = [(i, t) for i, t in enumerate(self.templates) if t.has_hole]

    def find(self, words: Words, line: str) -> int | None:
        found = self._exact.get(words)
        if found is not None:
            return found
        for index, t in self._holed:
            hole = len(words) - len(t.prefix) - len(t.suffix)
            if not 1 <= hole <= (t.hole_words or MAX_HOLE_WORDS):
                continue
            if words[: len(t.prefix)] != t.prefix or (
                t.suffix and words[len(words) - len(t.suffix) :] != t.suffix
            ):
                continue
            if len(" ".join(words[len(t.prefix) : len(words) - len(t.suffix)])) <= t.hole_chars:
                return index
        return None


# --- which lines can belong to a template at all -------------------------------------

# A holed template leaves at most MAX_HOLE_WORDS words to its hole, so one of its two
# fixed sides holds at least half of the rest of the line: a line of more than
# SHORT_LINE_WORDS words can only match one if its first or its last PROBE_WORDS words
# recur, and every line it shares that side with has more than 2 * PROBE_WORDS words.
# (Article sentences often open or end alike in three words, seldom in five.)
PROBE_WORDS = 5
SHORT_LINE_WORDS = 2 * PROBE_WORDS + MAX_HOLE_WORDS - 1  # up to here a line is masked whole
NO_TEMPLATE: Words = ()  # the masked words of a line no template can explain

Key = tuple[int, Words]
OPENING, ENDING, LEAD_IN = 0, 1, 2


def candidate_masks(pages: Sequence[Sequence[str]], support: int) -> dict[str, Words]:
    """The masked words of the lines a template could explain; the other lines (the
    article text: most of a page) are not masked at all, and stand as NO_TEMPLATE.

    Short lines are masked whole. A long line matches an exact template only if it
    recurs, a holed one only if its first or last PROBE_WORDS words recur, a lead-in
    only if its opening up to a separator recurs. Masking works word by word, so a long
    line's first and last words masked alone are its masked opening and end: those are
    counted first, and only long lines whose opening, end or lead-in recurs on
    ``support`` pages are masked in full. No line a template would match is left out.
    """
    distinct = list(dict.fromkeys(line for page in pages for line in page))
    is_long: list[bool] = []
    probes: list[str] = []
    for line in distinct:
        words = line.split(None, SHORT_LINE_WORDS)
        if len(words) <= SHORT_LINE_WORDS:
            is_long.append(False)
            probes.append(line)  # a short line is its own probe, masked whole
        else:
            is_long.append(True)
            probes.append(" ".join(words[:PROBE_WORDS] + line.rsplit(None, PROBE_WORDS)[1:]))
    masked = mask_lines(probes)
    key_of = {line: _anchor_keys(probe, long) for line, probe, long in zip(distinct, masked, is_long)}
    pages_of: Counter[Key] = Counter()
    for page in pages:
        pages_of.update({key for line in set(page) for key in key_of[line]})
    found = {line: probe for line, probe, long in zip(distinct, masked, is_long) if not long}
    long_lines = [
        line
        for line, long in zip(distinct, is_long)
        if long and any(pages_of[key] >= support for key in key_of[line])
    ]
    found.update(zip(long_lines, mask_lines(long_lines)))
    return found


def _anchor_keys(probe: Words, is_long: bool) -> list[Key]:
    """A line's masked opening and end of PROBE_WORDS words, and its lead-in. A line of
    2 * PROBE_WORDS words or fewer shares no template with a long line but a lead-in
    (the long line's template leaves at most MAX_HOLE_WORDS to its hole): it shows only
    that."""
    keys: list[Key] = []
    if is_long or len(probe) > 2 * PROBE_WORDS:
        keys += [(OPENING, probe[:PROBE_WORDS]), (ENDING, probe[-PROBE_WORDS:])]
    for k in range(1, min(MAX_LEAD_WORDS, len(probe) - 1) + 1):
        if probe[k - 1][-1] in _SEPARATOR_CHARS:
            keys.append((LEAD_IN, probe[:k]))
            break
    return keys
