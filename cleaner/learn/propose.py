"""Propose an outlet rule file from many pages of that outlet.

The idea: an outlet's boilerplate recurs from page to page, its articles do
not. So:

1. mask numbers, dates, month and weekday names in every line, and find the
   lines (templates, cleaner.learn.templates) that recur on enough pages;
2. on each page, runs of consecutive recurring lines, split where the
   guessed category changes, are boilerplate units; a unit seen on enough
   pages becomes a ``block`` rule (first line to last line) or an ``after``
   rule (when it always runs to the end of the page); single lines become
   ``line`` rules, grouped by category;
3. the rules are applied with the engine's own text-rule code to every
   training page; a rule that removes lines nothing recurring explains is
   replaced by plain line rules, and recurring lines still left get line
   rules;
4. examples are cut from real pages of the dump, with the body the rules
   give, so the file passes ``cleaner rules test`` as written.

This module runs the flow; ``units`` turns recurring lines into rules, ``proposal``
holds the result and writes and compiles it, ``examples`` cuts its examples.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from cleaner.blocks import split_blocks
from cleaner.errors import RuleFileError
from cleaner.learn.byids import first_span, removed_by_ids
from cleaner.learn.category import CategoryGuesser
from cleaner.learn.examples import examples_from, fingerprints_for
from cleaner.learn.lists import list_rules
from cleaner.learn.mask import DateNames, Template
from cleaner.learn.proposal import Learned, LearnedRule, compile_learned, removed_lines
from cleaner.learn.templates import (
    NO_TEMPLATE,
    TemplateIndex,
    Words,
    candidate_masks,
    exact_templates,
    hole_templates,
    lead_in_templates,
    merge_templates,
)
from cleaner.learn.units import (
    line_rules,
    name_rules,
    open_holes,
    split_long_line_rules,
    top_category,
    unit_rules,
    units_of,
)

DEFAULT_MIN_SHARE = 0.1  # a line must recur on this share of the pages ...
DEFAULT_MIN_PAGES = 3  # ... and on at least this many
MAX_UNEXPLAINED_SHARE = 0.02  # of a rule's pages where it may remove non-recurring lines
MAX_REFINE_ROUNDS = 4
SAMPLES = 3
NEARLY_EMPTY_SHARE = 0.9  # a page the rules remove this share of is "nearly emptied"
LIST_CATEGORY = "related"  # a header over changing titles is a teaser list unless its words say otherwise


# --- the pages ---------------------------------------------------------------


@dataclass
class _Corpus:
    """The training pages as lines, masked lines and template ids."""

    lines: list[list[str]]
    masked: list[list[Words]]
    ids: list[list[int | None]] = field(default_factory=list)


def support_for(pages: int, min_share: float, min_pages: int) -> int:
    return max(min_pages, math.ceil(min_share * pages))


def learn(
    pages: Sequence[Sequence[str]],
    domain: str,
    name: str | None = None,
    min_share: float = DEFAULT_MIN_SHARE,
    min_pages: int = DEFAULT_MIN_PAGES,
    guesser: CategoryGuesser | None = None,
    from_dump: bool = False,
) -> Learned:
    """Learn rules from pages given as their lines (stripped, non-blank).

    ``from_dump`` (``cleaner clean --learn-outlets``, no person reads the file first):
    also openings such as "READ MORE:" before a changing rest and teaser lists; every
    recurring line gets a line rule; blocks are checked on the template ids instead of
    by applying the rules round after round (one compile per outlet), and so are the
    figures, the emptied-pages guard and the cutting of examples (cleaner.learn.byids;
    only the examples run through the engine, for their bodies); no fingerprints.
    """
    guesser = guesser or CategoryGuesser()
    support = support_for(len(pages), min_share, min_pages)
    # only lines whose opening or end recurs can be templates: the rest is not masked
    masks = candidate_masks(pages, support)
    corpus = _Corpus([list(p) for p in pages], [[masks.get(line, NO_TEMPLATE) for line in p] for p in pages])
    recurring = [[words for words in page if words] for page in corpus.masked]  # the candidates
    exact = exact_templates(recurring, support)
    holed = hole_templates(recurring, support)
    if from_dump:
        holed += lead_in_templates(recurring, support)
    templates = merge_templates(exact, holed)
    templates, corpus.ids = _assign(corpus, templates, support)
    samples = _samples(corpus, len(templates))
    votes = [guesser.votes(s[0]) if s else Counter() for s in samples]
    categories = [top_category(v) for v in votes]
    units = units_of(corpus.ids, votes)
    rules = unit_rules(units, categories, support, len(templates))
    learned = Learned(
        domain=domain,
        name=name or domain,
        pages=len(pages),
        support=support,
        templates=templates,
        template_pages=_template_pages(corpus, len(templates)),
        samples=samples,
        rules=rules,
        category_source=guesser.source,
        # a dump's outlet: every line of its templates (not only the few samples, whose
        # "September" or "November" would not tell English from German) names its dates
        names=DateNames.seen_in(
            dict.fromkeys(  # each distinct line once: boilerplate repeats on every page
                line
                for page, ids in zip(corpus.lines, corpus.ids)
                for line, t in zip(page, ids)
                if t is not None
            )
            if from_dump
            else dict.fromkeys(line for page in corpus.lines for line in page)
        ),
    )
    if from_dump:
        learned.from_dump = True
        _demote_blocks_by_ids(learned, corpus, categories)
        _add_list_rules(learned, corpus, categories)
        _cover_every_template(learned, corpus, categories)
        if learned.rules:
            try:
                compiled = learned.compiled = compile_learned(learned)
            except RuleFileError as exc:  # e.g. more RE2 program than one file may hold
                learned.rules, learned.problem = [], str(exc)
                return learned
            # the figures, the emptied-pages guard and the examples' cut read what the rules
            # take off the template ids of every sampled page (cleaner.learn.byids); only
            # the examples themselves go through the engine, for their bodies
            outcome = removed_by_ids(learned.rules, corpus.ids)
            _measure(learned, corpus, outcome)
            learned.measured_pages = len(corpus.lines)
            learned.examples = examples_from(learned, corpus.lines, outcome, compiled)
        return learned  # no fingerprints: a dump's records are matched by outlet or URL only
    _refine(learned, corpus, categories)
    learned.fingerprints = fingerprints_for(learned, domain)
    learned.examples = examples_from(learned, corpus.lines)
    return learned


def _demote_blocks_by_ids(learned: Learned, corpus: _Corpus, categories: Sequence[str | None]) -> None:
    """Block and after rules that would take non-recurring lines on more than
    MAX_UNEXPLAINED_SHARE of the pages they fire on become line rules (as _refine does,
    but read from the template ids: no compiling and applying)."""
    kept: list[LearnedRule] = []
    demoted: set[int] = set()
    for rule in learned.rules:
        if rule.kind == "line":
            kept.append(rule)
            continue
        fired = odd = 0
        for ids in corpus.ids:
            span = first_span(rule, ids)
            if span is None:
                continue
            fired += 1
            odd += any(ids[i] is None for i in span)
        if odd > MAX_UNEXPLAINED_SHARE * max(fired, 1):
            demoted.update(rule.members or rule.templates)
        else:
            kept.append(rule)
    learned.rules = kept + (line_rules(sorted(demoted), categories) if demoted else [])
    name_rules(learned.rules)


def _add_list_rules(learned: Learned, corpus: _Corpus, categories: Sequence[str | None]) -> None:
    """Teaser lists (cleaner.learn.lists): a recurring header and the changing lines under it."""
    found = list_rules(corpus.lines, corpus.ids, learned.support)
    if not found:
        return
    for item in found:
        category = categories[item.start] or LIST_CATEGORY
        if item.end is None:
            learned.rules.append(LearnedRule("", category, "after", [item.start]))
        else:
            learned.rules.append(LearnedRule("", category, "block", [item.start], item.end, item.max_lines))
    name_rules(learned.rules)


def _cover_every_template(learned: Learned, corpus: _Corpus, categories: Sequence[str | None]) -> None:
    """Line rules for recurring lines that only a block covers: a block starts at its first
    line, so a box whose optional first line is missing on a page would stay."""
    in_lines = {t for r in learned.rules if r.kind == "line" for t in r.templates}
    missing = sorted(set(range(len(learned.templates))) - in_lines)
    if missing:
        learned.rules.extend(line_rules(missing, categories))
    split_long_line_rules(learned)  # one category's line rule may hold too many lines
    open_holes(learned)


def _assign(
    corpus: _Corpus, templates: list[Template], support: int
) -> tuple[list[Template], list[list[int | None]]]:
    """Give each line its template; keep templates that still recur on enough pages."""
    for _round in range(2):
        index = TemplateIndex(templates)
        ids = [
            [index.find(w, line) if w else None for w, line in zip(ws, ls)]
            for ws, ls in zip(corpus.masked, corpus.lines)
        ]
        pages = Counter(i for page in ids for i in set(page) if i is not None)
        keep = [i for i in range(len(templates)) if pages[i] >= support]
        if len(keep) == len(templates):
            return templates, ids
        templates = [templates[i] for i in keep]
    index = TemplateIndex(templates)
    return templates, [
        [index.find(w, line) if w else None for w, line in zip(ws, ls)]
        for ws, ls in zip(corpus.masked, corpus.lines)
    ]


def _samples(corpus: _Corpus, count: int) -> list[list[str]]:
    """The most frequent real lines of each template."""
    seen: list[Counter[str]] = [Counter() for _ in range(count)]
    for ids, lines in zip(corpus.ids, corpus.lines):
        for tid, line in zip(ids, lines):
            if tid is not None:
                seen[tid][line] += 1
    return [[line for line, _ in c.most_common(SAMPLES)] for c in seen]


def _template_pages(corpus: _Corpus, count: int) -> list[int]:
    pages = Counter(i for page in corpus.ids for i in set(page) if i is not None)
    return [pages[i] for i in range(count)]


def _refine(learned: Learned, corpus: _Corpus, categories: Sequence[str | None]) -> None:
    """Replace rules that remove non-recurring lines; add line rules for what is left."""
    for _round in range(MAX_REFINE_ROUNDS):
        split_long_line_rules(learned)
        if not learned.rules:
            return
        outcome = _apply(learned, corpus)
        _measure(learned, corpus, outcome)
        bad = [
            r
            for r in learned.rules
            if r.kind != "line" and r.unexplained_pages > MAX_UNEXPLAINED_SHARE * max(r.pages, 1)
        ]
        left = _left_over(learned, corpus, outcome)
        if not bad and not left:
            return
        bad_ids = {id(r) for r in bad}
        kept = [r for r in learned.rules if r.kind != "line" and id(r) not in bad_ids]
        line_ids = set(left) | {t for r in learned.rules if r.kind == "line" for t in r.templates}
        line_ids.update(t for r in bad for t in r.members)
        learned.rules = kept + line_rules(sorted(line_ids), categories)
        name_rules(learned.rules)
    split_long_line_rules(learned)
    if learned.rules:
        _measure(learned, corpus, _apply(learned, corpus))


def _apply(learned: Learned, corpus: _Corpus) -> list[list[str | None]]:
    rules = compile_learned(learned)
    return [removed_lines(rules, lines) for lines in corpus.lines]


def _left_over(learned: Learned, corpus: _Corpus, outcome: Sequence[Sequence[str | None]]) -> list[int]:
    """Templates whose lines the rules still miss on enough pages."""
    missed: Counter[int] = Counter()
    for ids, removed in zip(corpus.ids, outcome):
        missed.update({t for t, r in zip(ids, removed) if t is not None and r is None})
    in_line_rules = {t for r in learned.rules if r.kind == "line" for t in r.templates}
    return [t for t, pages in missed.items() if pages >= learned.support and t not in in_line_rules]


def _measure(learned: Learned, corpus: _Corpus, outcome: Sequence[Sequence[str | None]]) -> None:
    stats: dict[str, list[int]] = {r.id: [0, 0, 0, 0] for r in learned.rules}
    total = removed = unexplained = 0
    nearly_emptied = 0
    for lines, ids, rule_ids in zip(corpus.lines, corpus.ids, outcome):
        fired: set[str] = set()
        odd: set[str] = set()
        page_total = page_removed = 0
        for line, tid, rid in zip(lines, ids, rule_ids):
            page_total += len(line)
            if rid is None:
                continue
            page_removed += len(line)
            entry = stats[rid]
            entry[1] += 1
            entry[2] += len(line)
            fired.add(rid)
            if tid is None:
                unexplained += len(line)
                odd.add(rid)
        for rid in fired:
            stats[rid][0] += 1
        for rid in odd:
            stats[rid][3] += 1
        total += page_total
        removed += page_removed
        nearly_emptied += page_removed >= NEARLY_EMPTY_SHARE * page_total
    for rule in learned.rules:
        rule.pages, rule.lines, rule.chars, rule.unexplained_pages = stats[rule.id]
    learned.total_chars, learned.removed_chars, learned.unexplained_chars_removed = (
        total,
        removed,
        unexplained,
    )
    learned.nearly_emptied_pages = nearly_emptied


def page_lines(text: str) -> list[str]:
    """A text page as the stripped, non-blank lines the rules see."""
    return [block.text for block in split_blocks(text)]


__all__ = ["Learned", "LearnedRule", "learn", "page_lines", "compile_learned", "removed_lines", "support_for"]
