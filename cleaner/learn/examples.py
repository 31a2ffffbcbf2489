"""What a proposal shows its reader: fingerprints (recurring lines that name the outlet)
and short examples cut from real pages, with the body the rules give them, so the file
passes ``cleaner rules test`` as written."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleaner.learn.proposal import Learned, compile_learned, removed_lines, yaml_safe
from cleaner.outlets.rules import OutletRules

EXAMPLES = 2
EXAMPLE_BODY_LINES = 2  # body lines kept at the top of an example
EXAMPLE_LINE_CHARS = 300  # longer body lines are left out of examples
DUMP_EXAMPLE_LINE_CHARS = 80  # learned in a dump: body lines cut to their opening words
DUMP_EXAMPLE_BODY_SHARE = 0.3  # of an example's text, so it reads as a page with an article
FINGERPRINT_SHARE = 0.5
MAX_FINGERPRINTS = 2


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def fingerprints_for(learned: Learned, domain: str) -> list[str]:
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


def examples_from(
    learned: Learned,
    pages: Sequence[Sequence[str]],
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
    for page, lines in enumerate(pages):
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
            example = _cut_dump_example(pages[page], removed)
        else:
            example = _cut_example(pages[page], removed)
        if example is None:
            continue
        text = "\n".join(example) + "\n"
        body = "".join(_body_of(rules, example))
        if not body.strip() or not yaml_safe(text):
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
