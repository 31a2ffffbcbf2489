"""A proposed outlet rule file: its rules, examples and figures, written as YAML and
compiled exactly as a rule file is loaded, and what its rules remove from a page's lines
(the engine's own text-rule code, so a proposal is judged by what it will really do)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from cleaner.blocks import split_blocks
from cleaner.learn.mask import ALL_DATE_NAMES, DateNames, Template
from cleaner.outlets.rules import OutletRules, parse_rules, rules_from_data
from cleaner.outlets.textrules import apply_text_rules


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
    nearly_emptied_pages: int = (
        0  # training pages the rules remove nearly all of (propose.NEARLY_EMPTY_SHARE)
    )
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


_YAML_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def yaml_safe(text: str) -> bool:
    """Literal blocks cannot hold control characters or Unicode line breaks."""
    return not _YAML_UNSAFE.search(text)
