"""Categories of the chrome the html stage removes, on the eval pages.

Before cleaner/html/chrome.py almost every removed character of an html page
was ``page_chrome``; this prints, per set of ../shared/eval/dev, the share
of removed characters per category and the share left ``page_chrome``, and
proves the categoriser changes categories only: every page is cleaned twice,
once with it switched off (``cleaner.html.name_chrome`` replaced by a no-op),
and the bodies and the removed spans must be identical. Random samples of
the blocks that got a specific category are printed for a read-through.

    python bench/html_categories.py                 # all pages of the three sets
    python bench/html_categories.py --limit 100     # the first 100 pages of each set
    python bench/html_categories.py --category share --samples 50
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import sys
import time
import warnings
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleaner.html as html_stage  # noqa: E402
from cleaner import Cleaner, InputError  # noqa: E402
from cleaner.html.chrome import chrome_lexicon  # noqa: E402
from cleaner.result import Result  # noqa: E402

EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
SETS = ("seb-dev", "traf", "wceb-dev")
CHROME = "page_chrome"
TARGET_CHROME_SHARE = 0.40  # the target: at most this share of removed characters left generic
SAMPLE_CHARS = 80


@dataclass
class Tally:
    """Removed characters per category over one set, and what the check found."""

    pages: int = 0
    failed: int = 0
    removed: Counter[str] = field(default_factory=Counter)
    before: Counter[str] = field(default_factory=Counter)  # the same pages with the categoriser off
    changed_bodies: list[str] = field(default_factory=list)
    seconds: float = 0.0  # time spent inside the categoriser
    clean_seconds: float = 0.0  # time of the whole clean() calls it ran in
    samples: list[tuple[str, str, str]] = field(default_factory=list)  # (category, rule, text)

    def chrome_share(self, before: bool = False) -> float:
        counts = self.before if before else self.removed
        total = sum(counts.values())
        return counts[CHROME] / total if total else 0.0


def rows(name: str, limit: int | None) -> Iterator[dict[str, Any]]:
    with gzip.open(EVAL_DIR / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
        for count, line in enumerate(handle):
            if limit is not None and count >= limit:
                return
            yield json.loads(line)


def removed_spans(result: Result) -> list[tuple[int, int]]:
    """The removed character ranges, neighbours merged (segments split where categories differ)."""
    spans: list[tuple[int, int]] = []
    for seg in result.removed:
        if spans and spans[-1][1] == seg.start:
            spans[-1] = (spans[-1][0], seg.end)
        else:
            spans.append((seg.start, seg.end))
    return spans


class Switch:
    """Turns the categoriser off and on, and times it while on."""

    def __init__(self) -> None:
        self.real: Callable[..., None] = html_stage.name_chrome
        self.seconds = 0.0

    def timed(self, *args: Any) -> None:
        start = time.perf_counter()
        self.real(*args)
        self.seconds += time.perf_counter() - start

    def off(self) -> None:
        setattr(html_stage, "name_chrome", _no_names)  # noqa: B010 - the stage looks it up per page

    def on(self) -> None:
        setattr(html_stage, "name_chrome", self.timed)  # noqa: B010


def _no_names(*_args: Any) -> None:
    """The html stage as it was before: every chrome block stays page_chrome."""


def run_set(name: str, cleaner: Cleaner, switch: Switch, limit: int | None) -> Tally:
    tally = Tally()
    before = switch.seconds
    for row in rows(name, limit):
        html, url = row.get("html"), row.get("url")
        if not html:
            continue
        url = None if url in (None, "None") else url
        try:
            switch.off()
            base = cleaner.clean(html=html, url=url)
            switch.on()
            start = time.perf_counter()
            named = cleaner.clean(html=html, url=url)
            tally.clean_seconds += time.perf_counter() - start
        except InputError:
            tally.failed += 1
            continue
        tally.pages += 1
        if base.body != named.body or removed_spans(base) != removed_spans(named):
            tally.changed_bodies.append(str(row.get("id") or url))
        tally.removed.update(named.removed_chars_by_category())
        tally.before.update(base.removed_chars_by_category())
        generic = [s for s in base.removed if s.category == CHROME]
        starts = [s.start for s in generic]
        for seg in named.removed:
            k = bisect_right(starts, seg.start) - 1
            if seg.category != CHROME and k >= 0 and seg.start < generic[k].end:
                tally.samples.append((seg.category or "other", seg.rule or "?", seg.text))
    tally.seconds = switch.seconds - before
    return tally


def show(name: str, tally: Tally) -> None:
    total = sum(tally.removed.values())
    print(f"\n{name}: {tally.pages} pages ({tally.failed} refused), {total:,} removed characters")
    for category, chars in tally.removed.most_common():
        print(f"  {category:<16} {chars / total:7.1%}  {chars:>12,}")
    print(f"  page_chrome only: {tally.chrome_share():.1%} (categoriser off: {tally.chrome_share(True):.1%})")
    per_page = 1000 * tally.seconds / tally.pages if tally.pages else 0.0
    share = tally.seconds / tally.clean_seconds if tally.clean_seconds else 0.0
    print(f"  categoriser: {per_page:.2f} ms/page, {share:.1%} of the clean() time")
    if tally.changed_bodies:
        print(
            f"  CHANGED bodies or removed spans on {len(tally.changed_bodies)} pages: {tally.changed_bodies[:5]}"
        )
    else:
        print("  bodies and removed spans identical with the categoriser off: yes")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="pages per set (default: all)")
    parser.add_argument("--samples", type=int, default=30, help="random named blocks to print")
    parser.add_argument("--category", default=None, help="sample only this category")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    missing = [name for name in SETS if not (EVAL_DIR / f"{name}.jsonl.gz").is_file()]
    if missing:
        print(f"eval pages not found: {', '.join(missing)} in {EVAL_DIR}", file=sys.stderr)
        return 2
    logging.disable(logging.WARNING)  # trafilatura's per-page chatter
    warnings.simplefilter("ignore")
    cleaner = Cleaner(use_env=False)
    start = time.perf_counter()
    chrome_lexicon()  # once per process, like the heuristics' own: not a per-page cost
    print(f"lexicon loaded in {1000 * (time.perf_counter() - start):.0f} ms (once per process)")
    switch = Switch()
    overall = Tally()
    for name in SETS:
        tally = run_set(name, cleaner, switch, args.limit)
        show(name, tally)
        overall.pages += tally.pages
        overall.failed += tally.failed
        overall.removed.update(tally.removed)
        overall.before.update(tally.before)
        overall.clean_seconds += tally.clean_seconds
        overall.changed_bodies += tally.changed_bodies
        overall.seconds += tally.seconds
        overall.samples += tally.samples
    show("all sets", overall)
    target = "met" if overall.chrome_share() <= TARGET_CHROME_SHARE else "NOT met"
    print(f"  target: page_chrome only <= {TARGET_CHROME_SHARE:.0%}: {target}")
    pool = [s for s in overall.samples if args.category in (None, s[0])]
    print(f"\n{min(args.samples, len(pool))} random named blocks of {len(pool):,}:")
    for category, rule, text in random.Random(args.seed).sample(pool, min(args.samples, len(pool))):
        print(f"  {category:<16} {rule[:20]:<20} {text.strip()[:SAMPLE_CHARS].replace(chr(10), ' / ')}")
    return 1 if overall.changed_bodies else 0


if __name__ == "__main__":
    sys.exit(main())
