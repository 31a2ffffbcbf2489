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
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from cleaner.blocks import split_blocks
from cleaner.errors import RuleFileError
from cleaner.learn.byids import first_span, removed_by_ids
from cleaner.learn.category import FALLBACK_CATEGORY, CategoryGuesser
from cleaner.learn.lists import list_rules
from cleaner.learn.mask import ALL_DATE_NAMES, DateNames, Template
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
from cleaner.outlets.patterns import MAX_PATTERN_LENGTH
from cleaner.outlets.rules import OutletRules, parse_rules, rules_from_data
from cleaner.outlets.textrules import apply_text_rules

DEFAULT_MIN_SHARE = 0.1  # a line must recur on this share of the pages ...
DEFAULT_MIN_PAGES = 3  # ... and on at least this many
AFTER_SHARE = 0.95  # a unit that reaches the page end this often becomes an `after` rule
MAX_UNEXPLAINED_SHARE = 0.02  # of a rule's pages where it may remove non-recurring lines
BLOCK_SLACK_LINES = 3  # block max_lines = longest unit seen + this
LINE_GROUP_CHARS = MAX_PATTERN_LENGTH - 200  # room left in one alternation pattern
MAX_REFINE_ROUNDS = 4
EXAMPLES = 2
EXAMPLE_BODY_LINES = 2  # body lines kept at the top of an example
EXAMPLE_LINE_CHARS = 300  # longer body lines are left out of examples
DUMP_EXAMPLE_LINE_CHARS = 80  # learned in a dump: body lines cut to their opening words
DUMP_EXAMPLE_BODY_SHARE = 0.3  # of an example's text, so it reads as a page with an article
FINGERPRINT_SHARE = 0.5
MAX_FINGERPRINTS = 2
SAMPLES = 3
NEARLY_EMPTY_SHARE = 0.9  # a page the rules remove this share of is "nearly emptied"
LIST_CATEGORY = "related"  # a header over changing titles is a teaser list unless its words say otherwise
WEAK_CATEGORIES = frozenset({"navigation", "other"})  # these never split a box in two


@dataclass
class LearnedRule:
    """One proposed text rule and what it did on the training pages."""

    id: str
    category: str
    kind: str
    templates: list[int]
    end: int | None = None
    max_lines: int | None = None
    pages: int = 0
    lines: int = 0
    chars: int = 0
    unexplained_pages: int = 0
    members: list[int] = field(default_factory=list)
    max_chars: int | None = None  # set: the start pattern's holes are open, this bounds the line

    def to_yaml(self, templates: Sequence[Template], names: DateNames) -> dict[str, Any]:
        rule: dict[str, Any] = {"id": self.id, "category": self.category}
        open_holes = self.max_chars is not None
        start = _alternation([templates[i] for i in self.templates], names, open_holes)
        if open_holes:
            rule["max_chars"] = self.max_chars
        if self.kind == "block":
            block: dict[str, Any] = {"start": _Quoted(start)}
            if self.end is not None:
                block["end"] = _Quoted(templates[self.end].regex(names))
            block["max_lines"] = self.max_lines
            rule["block"] = block
        else:
            rule[self.kind] = _Quoted(start)
        return rule


@dataclass
class Learned:
    """The proposal: rules, examples, and the figures behind them."""

    domain: str
    name: str
    pages: int
    support: int
    templates: list[Template]
    template_pages: list[int]
    samples: list[list[str]]
    rules: list[LearnedRule]
    fingerprints: list[str] = field(default_factory=list)
    examples: list[tuple[str, str]] = field(default_factory=list)
    category_source: str = ""
    removed_chars: int = 0
    unexplained_chars_removed: int = 0
    total_chars: int = 0
    names: DateNames = ALL_DATE_NAMES
    from_dump: bool = False  # learned inside `cleaner clean --learn-outlets`: written as `learned: true`
    total_pages: int = 0  # the outlet's pages in the dump (``pages`` is the sample learned from)
    nearly_emptied_pages: int = 0  # training pages the rules remove NEARLY_EMPTY_SHARE of
    measured_pages: int = 0  # pages the figures were measured on (0: all of them)
    compiled: OutletRules | None = None  # dump learning: the rules as compiled from the file's data
    problem: str = ""  # dump learning: why the rules could not be compiled (then there are none)

    def data(self) -> dict[str, Any]:
        """The rule file as plain data, in the order of docs/design.md section 4."""
        out: dict[str, Any] = {"outlet": self.name, "domains": _Flow([self.domain])}
        if self.from_dump:
            out["learned"] = True
        if self.fingerprints:
            out["fingerprints"] = self.fingerprints
        out["text"] = [rule.to_yaml(self.templates, self.names) for rule in self.rules]
        out["examples"] = [
            {"name": f"learned example {i}", "input": _Block(text), "body": _Block(body)}
            for i, (text, body) in enumerate(self.examples, 1)
        ]
        return out

    def sample_of(self, rule: Any) -> str:
        """One line of the dump that the rule's first template matched ("" when none)."""
        found = self.samples[rule.templates[0]]
        return found[0] if found else ""

    def to_yaml(self) -> str:
        source = (
            f"# Learned by `cleaner clean --learn-outlets` from a sample of {self.pages} of the "
            f"{self.total_pages} pages of {self.domain}."
            if self.from_dump
            else f"# Proposed by `cleaner learn` from {self.pages} pages of {self.domain}."
        )
        header = [
            source,
            f"# A line counted as recurring when found on at least {self.support} pages; categories",
            f"# were guessed with the {self.category_source}. Read every rule before shipping it.",
        ]
        for rule in self.rules:
            sample = self.sample_of(rule)
            header.append(
                f"#   {rule.id}: {rule.kind}, fired on {rule.pages}/{self.measured_pages or self.pages} pages, "
                f"{rule.lines} lines; e.g. {_short(sample)}"
            )
        dumper = _FastDumper if self.from_dump else _Dumper
        body = yaml.dump(self.data(), Dumper=dumper, sort_keys=False, allow_unicode=True, width=4096)
        return "\n".join(header) + "\n" + body

    def report(self) -> str:
        """What was found and how often, for the person reading the proposal."""
        lines = [
            f"{self.pages} pages, {len(self.templates)} recurring line templates "
            f"(found on >= {self.support} pages), {len(self.rules)} rules; categories from the {self.category_source}",
            f"{'rule':<28} {'kind':<6} {'category':<16} {'pages':>7} {'lines':>7} {'chars':>8}  example",
        ]
        for rule in self.rules:
            sample = self.sample_of(rule)
            lines.append(
                f"{rule.id:<28} {rule.kind:<6} {rule.category:<16} {rule.pages:>7} {rule.lines:>7} {rule.chars:>8}  {_short(sample)}"
            )
        share = self.removed_chars / self.total_chars if self.total_chars else 0.0
        lines.append(
            f"removed {self.removed_chars} of {self.total_chars} characters on the training pages ({share:.1%}); "
            f"{self.unexplained_chars_removed} of them in lines that do not recur"
        )
        return "\n".join(lines)


def _short(text: str, limit: int = 60) -> str:
    """A one-line preview that is safe inside a YAML comment."""
    text = _YAML_UNSAFE.sub("?", text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class _Quoted(str):
    """A pattern: written in single quotes, so backslashes stay as typed."""


class _Block(str):
    """A multi-line example text: written as a literal block."""


class _Flow(list):  # type: ignore[type-arg]
    """A short list written on one line."""


class _Dumper(yaml.SafeDumper):
    pass


class _FastDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter: files learned in a dump are written by the hundred."""


for _dumper in (_Dumper, _FastDumper):
    _dumper.add_representer(
        _Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="'")
    )
    _dumper.add_representer(
        _Block, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="|")
    )
    _dumper.add_representer(
        _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", list(v), flow_style=True)
    )


def _alternation(templates: Sequence[Template], names: DateNames, open_holes: bool = False) -> str:
    if len(templates) == 1:
        return templates[0].regex(names, open_holes)
    inner = [t.regex(names, open_holes)[1:-1] for t in templates]
    return "^(?:" + "|".join(inner) + ")$"


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
    categories = [_top(v) for v in votes]
    units = _units(corpus, votes)
    rules = _unit_rules(units, categories, support, len(templates))
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
            learned.examples = _examples(learned, corpus, outcome, compiled)
        return learned  # no fingerprints: a dump's records are matched by outlet or URL only
    _refine(learned, corpus, categories)
    learned.fingerprints = _fingerprints(learned, domain)
    learned.examples = _examples(learned, corpus)
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
    learned.rules = kept + (_line_rules(sorted(demoted), categories) if demoted else [])
    _name_rules(learned.rules)


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
    _name_rules(learned.rules)


def _cover_every_template(learned: Learned, corpus: _Corpus, categories: Sequence[str | None]) -> None:
    """Line rules for recurring lines that only a block covers: a block starts at its first
    line, so a box whose optional first line is missing on a page would stay."""
    in_lines = {t for r in learned.rules if r.kind == "line" for t in r.templates}
    missing = sorted(set(range(len(learned.templates))) - in_lines)
    if missing:
        learned.rules.extend(_line_rules(missing, categories))
    _split_long_line_rules(learned)  # one category's line rule may hold too many lines
    _open_holes(learned)


def _open_holes(learned: Learned) -> None:
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
    _name_rules(learned.rules)


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


# --- units and rules -----------------------------------------------------------


@dataclass
class _Unit:
    start: int
    end: int
    length: int
    page: int
    reaches_end: bool
    category: str
    members: tuple[int, ...] = ()


def _units(corpus: _Corpus, votes: Sequence[Counter[str]]) -> list[_Unit]:
    """Runs of recurring lines on each page, split where the category changes."""
    units: list[_Unit] = []
    pieces: dict[tuple[int, ...], list[tuple[int, int, str]]] = {}  # a box recurs: split it once
    for page, ids in enumerate(corpus.ids):
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
                split = pieces[run] = _split_by_category(run, votes)
            for offset, length, category in split:
                members = tuple(run[offset : offset + length])
                reaches_end = i + offset + length == len(ids)
                units.append(_Unit(members[0], members[-1], length, page, reaches_end, category, members))
            i = j
    return units


def _top(votes: Counter[str]) -> str | None:
    return min(votes, key=lambda c: (-votes[c], c)) if votes else None


def _split_by_category(run: Sequence[int], votes: Sequence[Counter[str]]) -> list[tuple[int, int, str]]:
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
            current = current if current in tied else _top(strong)
        cats.append(current)
    first = next((c for c in cats if c is not None), None)
    if first is None:
        weak = Counter(c for t in run for c in votes[t])
        return [(0, len(run), _top(weak) or FALLBACK_CATEGORY)]
    filled = [c if c is not None else first for c in cats]
    pieces: list[tuple[int, int, str]] = []
    start = 0
    for k in range(1, len(filled) + 1):
        if k == len(filled) or filled[k] != filled[start]:
            pieces.append((start, k - start, filled[start]))
            start = k
    return pieces


def _unit_rules(
    units: Sequence[_Unit], categories: Sequence[str | None], support: int, count: int
) -> list[LearnedRule]:
    """Block / after rules for units seen on enough pages, line rules for the rest."""
    by_key: dict[tuple[int, int], list[_Unit]] = defaultdict(list)
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
    rules.extend(_line_rules(singles, categories))
    _name_rules(rules)
    return rules


def _line_rules(template_ids: Iterable[int], categories: Sequence[str | None]) -> list[LearnedRule]:
    """One line rule per category (split when the alternation grows long)."""
    by_category: dict[str, list[int]] = defaultdict(list)
    for t in template_ids:
        by_category[categories[t] or FALLBACK_CATEGORY].append(t)
    return [LearnedRule("", category, "line", ids) for category, ids in sorted(by_category.items())]


def _name_rules(rules: list[LearnedRule]) -> None:
    used: Counter[str] = Counter()
    for rule in rules:
        base = rule.category.replace("_", "-") + ("-lines" if rule.kind == "line" else f"-{rule.kind}")
        used[base] += 1
        rule.id = base if used[base] == 1 else f"{base}-{used[base]}"


def _split_long_line_rules(learned: Learned) -> None:
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
    _name_rules(learned.rules)


# --- checking the rules on the training pages ------------------------------------


def compile_learned(learned: Learned, examples: Sequence[tuple[str, str]] | None = None) -> OutletRules:
    """Validate and compile the proposal exactly as a rule file is loaded."""
    saved = learned.examples
    learned.examples = list(examples) if examples is not None else (saved or [("placeholder", "placeholder")])
    try:
        if learned.from_dump:  # the same checks on the data, without a YAML round trip; the
            # patterns are the learner's own (escaped words, fixed classes, bounded holes)
            return rules_from_data(learned.data(), f"<learned {learned.domain}>", check_patterns=False)
        return parse_rules(learned.to_yaml(), f"<learned {learned.domain}>")
    finally:
        learned.examples = saved


def removed_lines(rules: OutletRules, lines: Sequence[str]) -> list[str | None]:
    """The rule id (without outlet) that removes each line, or None: the engine's own code."""
    text = "\n".join(lines)
    blocks = split_blocks(text)
    labels = apply_text_rules(rules, blocks, [None] * len(blocks))
    return [label.rule.rsplit(":", 1)[1] if label is not None else None for label in labels]


def _refine(learned: Learned, corpus: _Corpus, categories: Sequence[str | None]) -> None:
    """Replace rules that remove non-recurring lines; add line rules for what is left."""
    for _round in range(MAX_REFINE_ROUNDS):
        _split_long_line_rules(learned)
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
        learned.rules = kept + _line_rules(sorted(line_ids), categories)
        _name_rules(learned.rules)
    _split_long_line_rules(learned)
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


# --- fingerprints and examples ---------------------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _fingerprints(learned: Learned, domain: str) -> list[str]:
    """Recurring exact lines that name the outlet: they identify it from text alone."""
    label = _squash(domain.split(".")[0])
    if len(label) < 4:
        return []
    found = []
    for tid, template in enumerate(learned.templates):
        sample = learned.samples[tid][0] if learned.samples[tid] else ""
        exact = not template.has_hole and " ".join(template.prefix) == " ".join(sample.split())
        if (
            exact
            and learned.template_pages[tid] >= FINGERPRINT_SHARE * learned.pages
            and label in _squash(sample)
        ):
            found.append((-learned.template_pages[tid], -len(sample), sample))
    return [sample for _, _, sample in sorted(found)[:MAX_FINGERPRINTS]]


def _examples(
    learned: Learned,
    corpus: _Corpus,
    outcome: Sequence[Sequence[str | None]] | None = None,
    compiled: OutletRules | None = None,
) -> list[tuple[str, str]]:
    """Short inputs cut from real pages, with the body the rules give them.

    ``outcome`` ranks the pages and says which lines to keep whole (a dump learner's is
    read off the template ids); the body of each example is the engine's, so the
    example says what the rules really do."""
    if not learned.rules:
        return []
    rules = compiled or compile_learned(learned)
    scored = []
    for page, lines in enumerate(corpus.lines):
        removed = outcome[page] if outcome is not None else removed_lines(rules, lines)
        fired = {r for r in removed if r is not None}
        scored.append((-len(fired), sum(len(x) for x in lines), page, removed))
    examples: list[tuple[str, str]] = []
    covered: set[str] = set()
    for _fired, _size, page, removed in sorted(scored):
        fired = {r for r in removed if r is not None}
        if examples and fired <= covered:
            continue
        if learned.from_dump:
            example = _cut_dump_example(corpus.lines[page], removed)
        else:
            example = _cut_example(corpus.lines[page], removed)
        if example is None:
            continue
        text = "\n".join(example) + "\n"
        body = "".join(_body_of(rules, example))
        if not body.strip() or not _yaml_safe(text):
            continue
        examples.append((text, body))
        covered |= fired
        if len(examples) >= EXAMPLES:
            break
    return examples


def _cut_dump_example(lines: Sequence[str], removed: Sequence[str | None]) -> list[str] | None:
    """The page's skeleton: its removed lines as they are, each body line cut to a short
    opening. Enough body stays (DUMP_EXAMPLE_BODY_SHARE) that the example reads as a page
    with an article, which learned rules never empty."""
    out: list[str] = []
    body = total = 0
    for line, rule in zip(lines, removed):
        if rule is None:
            line = _opening(line, DUMP_EXAMPLE_LINE_CHARS)
            body += len(line)
        total += len(line)
        out.append(line)
    if body == total or body < DUMP_EXAMPLE_BODY_SHARE * total:
        return None
    return out


def _opening(line: str, limit: int) -> str:
    """The line's first words, at most ``limit`` characters (the line itself when short)."""
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0].rstrip()
    return cut or line[:limit]


def _cut_example(
    lines: Sequence[str], removed: Sequence[str | None], limit: int = EXAMPLE_LINE_CHARS
) -> list[str] | None:
    """The removed lines in page order, the first body lines, and one body line around each unit."""
    keep = set()
    body_seen = 0
    for i, rule in enumerate(removed):
        if rule is not None:
            keep.add(i)
            for j in (i - 1, i + 1):
                if 0 <= j < len(lines) and removed[j] is None and len(lines[j]) <= limit:
                    keep.add(j)
        elif body_seen < EXAMPLE_BODY_LINES and len(lines[i]) <= limit:
            keep.add(i)
            body_seen += 1
    if not any(removed[i] is not None for i in keep):
        return None
    return [lines[i] for i in sorted(keep)]


def _body_of(rules: OutletRules, lines: Sequence[str]) -> list[str]:
    removed = removed_lines(rules, lines)
    return [line + "\n" for line, rule in zip(lines, removed) if rule is None]


_YAML_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _yaml_safe(text: str) -> bool:
    """Literal blocks cannot hold control characters or Unicode line breaks."""
    return not _YAML_UNSAFE.search(text)


def page_lines(text: str) -> list[str]:
    """A text page as the stripped, non-blank lines the rules see."""
    return [block.text for block in split_blocks(text)]


__all__ = ["Learned", "LearnedRule", "learn", "page_lines", "compile_learned", "removed_lines", "support_for"]
