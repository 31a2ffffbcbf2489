"""Boilerplate left inside extracted article text: how much cleaner removes, and at what cost.

The "leftovers" measure of ../shared/eval/README.md, over ../shared/eval/dev:

- extracted mode: the input is trafilatura's article text (``extracted_text``);
  leaving it unchanged removes 0% and loses 0%, so every point here is cleaner's.
- html mode: the input is the page text cleaner lays out (``Result.source``);
  removal counts what the html stage drops (outside the article) too, and the
  last columns give what is left in the body and what the text rules remove
  of what the html stage kept.

Lines of the input are labelled boilerplate / body against ``gold_body``
(seb-dev, wceb-dev); removal and loss are micro-averages over tokens. On traf
they are shares of the ``must_drop`` / ``must_keep`` strings present in the input.

    python bench/leftovers.py --modes extracted
    python bench/leftovers.py --limit 50 --json /tmp/leftovers.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner, Result  # noqa: E402
from cleaner.evaluation.leftovers import (  # noqa: E402
    GoldIndex,
    LineCounts,
    StringCounts,
    line_counts,
    string_counts,
)

EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
GOLD_SETS = ("seb-dev", "wceb-dev")
STRING_SETS = ("traf",)
DATASETS = ("seb-dev", "traf", "wceb-dev")
MODES = ("extracted", "html")
HEADLINE = "title"  # the gold bodies keep or drop the headline by their own conventions
HTML_STAGE = "html:"  # rule names of the html stage (outside the article, link lines, title)


@dataclass
class ModeFigures:
    """Everything one mode measured: token counts, string counts, wceb-dev's sets, failures."""

    lines: dict[str, LineCounts] = field(default_factory=dict)
    strings: dict[str, StringCounts] = field(default_factory=dict)
    subsets: dict[str, LineCounts] = field(default_factory=dict)
    failures: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def load(directory: Path, name: str, limit: int | None) -> Iterator[dict[str, Any]]:
    """The records of one eval file, streamed (html pages are large)."""
    with gzip.open(directory / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
        for count, line in enumerate(handle, 1):
            yield json.loads(line)
            if limit and count >= limit:
                return


def url_of(record: dict[str, Any]) -> str | None:
    """The record's url, None where unknown (null, empty, or the string "None")."""
    url = record.get("url")
    return url if url and url != "None" else None


def cleaner_for(mode: str, cleaner: Cleaner) -> Callable[[dict[str, Any]], Result | None]:
    """The clean call of a mode; None for a record with nothing to clean."""

    def extracted(record: dict[str, Any]) -> Result | None:
        text = record.get("extracted_text") or ""
        return cleaner.clean(text, url=url_of(record)) if text.strip() else None

    def html(record: dict[str, Any]) -> Result | None:
        return cleaner.clean(html=record["html"], url=url_of(record)) if record.get("html") else None

    return extracted if mode == "extracted" else html


def measure(mode: str, directory: Path, limit: int | None, cleaner: Cleaner) -> ModeFigures:
    """Clean every page of every dataset in one mode and sum the counts."""
    run = cleaner_for(mode, cleaner)
    figures = ModeFigures()
    started = time.perf_counter()
    for name in DATASETS:
        lines, strings = LineCounts(), StringCounts()
        for record in load(directory, name, limit):
            try:
                result = run(record)
            except Exception as exc:  # a page that fails is reported, not scored
                figures.failures[name] += 1
                print(f"  {mode}/{name} failed on {record.get('id')}: {exc}", file=sys.stderr)
                continue
            if result is None:
                continue
            if name in STRING_SETS:
                strings += string_counts(
                    result.source, result.body, record["must_keep"] or [], record["must_drop"] or []
                )
                continue
            page = line_counts(result, GoldIndex(record.get("gold_body") or ""))
            lines += page
            if record.get("dataset"):
                subset = figures.subsets.setdefault(f"{name}/{record['dataset']}", LineCounts())
                subset += page
        if name in STRING_SETS:
            figures.strings[name] = strings
        else:
            figures.lines[name] = lines
        elapsed = time.perf_counter() - started
        print(f"  {mode}: {name} done ({elapsed:.0f}s)", file=sys.stderr, flush=True)
    figures.seconds = time.perf_counter() - started
    return figures


def table(head: list[str], rows: list[list[str]]) -> str:
    """A markdown table, the way bench/quality.py prints its figures."""
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out)


def gold_row(name: str, counts: LineCounts, mode: str) -> list[str]:
    row = [
        name,
        f"{counts.pages:,}",
        f"{counts.boilerplate_tokens:,}",
        f"{counts.removal:.1%}",
        f"{counts.removal_without(HEADLINE):.1%}",
        f"{counts.body_tokens:,}",
        f"{counts.loss:.1%}",
        f"{counts.loss_without(HEADLINE):.1%}",
    ]
    if mode == "html":
        row += [f"{1 - counts.removal:.1%}", f"{counts.removal_after(HTML_STAGE):.1%}"]
    return row


def render(mode: str, figures: ModeFigures) -> str:
    """The tables of one mode: gold-body sets (with wceb-dev's sets), traf, categories."""
    head = [
        "dataset",
        "pages",
        "boilerplate tokens",
        "removal",
        "removal excl. title",
        "body tokens",
        "loss",
        "loss excl. title",
    ]
    if mode == "html":
        head += ["left in body", "text-stage removal"]
    rows = []
    for name, counts in figures.lines.items():
        rows.append(gold_row(name, counts, mode))
        rows += [
            gold_row(key, sub, mode)
            for key, sub in sorted(figures.subsets.items())
            if key.startswith(f"{name}/")
        ]
    parts = [f"## mode: {mode} ({figures.seconds:.0f}s)", table(head, rows)]
    parts.append(
        "excl. title: tokens removed by `title` segments left out of both counts; "
        "wceb-dev rows are micro-averages over tokens, not over its six sets."
    )
    if mode == "html":
        parts.append(
            "left in body: share of the page's boilerplate tokens the body keeps; "
            f"text-stage removal: of the boilerplate tokens the html stage (rules `{HTML_STAGE}*`) "
            "left in, the share the text rules and heuristics removed."
        )
    else:
        parts.append("unchanged (trafilatura's text as it is) removes 0.0% and loses 0.0%.")
    traf_rows = [
        [
            name,
            f"{c.pages:,}",
            f"{c.drop_present:,}",
            f"{c.removal:.1%}",
            f"{c.keep_present:,}",
            f"{c.loss:.1%}",
        ]
        for name, c in figures.strings.items()
    ]
    parts.append(
        table(["dataset", "pages", "must_drop present", "removal", "must_keep present", "loss"], traf_rows)
    )
    parts.append(category_table(figures))
    if figures.failures:
        parts.append("failures: " + ", ".join(f"{k} {v}" for k, v in sorted(figures.failures.items())))
    return "\n\n".join(parts)


def category_table(figures: ModeFigures) -> str:
    """Removed boilerplate tokens (and lost body tokens) per category, per gold-body set."""
    categories: Counter[str] = Counter()
    for counts in figures.lines.values():
        categories.update(counts.removed_by_category)
        categories.update(counts.lost_by_category)
    head = ["category"]
    for name in figures.lines:
        head += [f"{name} removed", "share", f"{name} body lost"]
    rows = []
    for category, _ in categories.most_common():
        row = [category]
        for counts in figures.lines.values():
            removed = counts.removed_by_category[category]
            share = removed / counts.boilerplate_removed if counts.boilerplate_removed else 0.0
            row += [f"{removed:,}", f"{share:.1%}", f"{counts.lost_by_category[category]:,}"]
        rows.append(row)
    return table(head, rows)


def as_json(figures: dict[str, ModeFigures]) -> dict[str, Any]:
    """The counts behind every table, so other figures can be derived later."""
    out: dict[str, Any] = {}
    for mode, fig in figures.items():
        gold = {**fig.lines, **fig.subsets}
        out[mode] = {
            "seconds": fig.seconds,
            "failures": dict(fig.failures),
            "lines": {
                name: {
                    "pages": c.pages,
                    "boilerplate_tokens": c.boilerplate_tokens,
                    "boilerplate_removed": c.boilerplate_removed,
                    "body_tokens": c.body_tokens,
                    "body_removed": c.body_removed,
                    "removal": c.removal,
                    "removal_excl_title": c.removal_without(HEADLINE),
                    "text_stage_removal": c.removal_after(HTML_STAGE),
                    "loss": c.loss,
                    "removed_by_category": dict(c.removed_by_category),
                    "lost_by_category": dict(c.lost_by_category),
                    "removed_by_rule": dict(c.removed_by_rule),
                    "lost_by_rule": dict(c.lost_by_rule),
                }
                for name, c in gold.items()
            },
            "strings": {
                name: {
                    "pages": c.pages,
                    "drop_present": c.drop_present,
                    "drop_gone": c.drop_gone,
                    "keep_present": c.keep_present,
                    "keep_gone": c.keep_gone,
                    "removal": c.removal,
                    "loss": c.loss,
                }
                for name, c in fig.strings.items()
            },
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help=f"default: {EVAL_DIR}")
    parser.add_argument("--modes", default=",".join(MODES), help="comma list of extracted,html")
    parser.add_argument("--limit", type=int, default=None, help="pages per dataset (default: all)")
    parser.add_argument("--json", type=Path, help="also write the counts here")
    args = parser.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"eval pages not found at {args.eval_dir}: nothing to measure", file=sys.stderr)
        return 2
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        parser.error(f"unknown mode(s) {', '.join(unknown)}; choose from {', '.join(MODES)}")
    cleaner = Cleaner(use_env=False)
    figures: dict[str, ModeFigures] = {}
    for mode in modes:
        figures[mode] = measure(mode, args.eval_dir, args.limit, cleaner)
        print(render(mode, figures[mode]), end="\n\n", flush=True)
    if args.json:
        args.json.write_text(json.dumps(as_json(figures), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
