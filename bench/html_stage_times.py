"""Where the html classifier path's time goes, stage by stage (fallback="never").

Timers are put around the named functions where their callers look them up (a function
imported by name is wrapped in the importing module), and the dev pages of
../shared/eval/dev (seb-dev and traf, those with html) are cleaned with
``Cleaner(fallback="never")``; each figure is CPU per page in the fastest of --rounds
passes, and includes the stages it calls. The parse and the page walk are inside
``parse_html`` and ``page_text``; the tree walk is inside ``decide``.

    python bench/html_stage_times.py
    python bench/html_stage_times.py --pages 200 --rounds 3
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path
from typing import Any

from stage_times import wrap  # the text path's bench: its timers

from cleaner import Cleaner

EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
SETS = ("seb-dev", "traf")
WARM_PAGES = 20  # cleaned once before timing: the weights and lexicons load on first use
# module:function or module:Class.method, the stages timed, in the order of the path
STAGES = (
    "cleaner.engine:encoded_without_surrogates",
    "cleaner.html:parse_html",
    "cleaner.html.text:_parse_encoded",
    "cleaner.html:page_text",
    "cleaner.html.text:_Walker.walk",
    "cleaner.html:page_metadata",
    "cleaner.html:_classified",
    "cleaner.html.classifier:BlockClassifier.decide",
    "cleaner.html.classifier:block_features_and_chars",
    "cleaner.heuristics.trees:TreeEnsemble.logits",
    "cleaner.html:main_container",
    "cleaner.html:boxes_inside_article",
    "cleaner.html:link_lines",
    "cleaner.html:body_box",
    "cleaner.html:captions",
    "cleaner.html:outside_main",
    "cleaner.html:rescue_lead",
    "cleaner.html:rescue_gaps",
    "cleaner.html:bylines",
    "cleaner.html:headline",
    "cleaner.html:name_chrome",
    "cleaner.html:name_headed_sections",
    "cleaner.engine:Cleaner._finish",
)


def pages(eval_dir: Path, limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` pages with html of the dev sets, set by set."""
    found: list[dict[str, Any]] = []
    for name in SETS:
        with gzip.open(eval_dir / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record.get("html"):
                    found.append(record)
    return found[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    parser.add_argument("--pages", type=int, default=200, help="dev pages to clean")
    parser.add_argument("--rounds", type=int, default=3, help="passes; the fastest counts")
    args = parser.parse_args()
    totals: dict[str, float] = {}
    missing = [spec for spec in STAGES if not wrap(spec, totals)]
    if missing:
        print("not timed (no such stage in this checkout):", ", ".join(missing))
    records = pages(args.eval_dir, args.pages)
    cleaner = Cleaner(fallback="never")
    for record in records[:WARM_PAGES]:
        cleaner.clean(html=record["html"], url=record.get("url") or None)
    best: tuple[float, dict[str, float]] | None = None
    for _ in range(args.rounds):
        totals.clear()
        start = time.process_time()
        for record in records:
            cleaner.clean(html=record["html"], url=record.get("url") or None)
        total = time.process_time() - start
        if best is None or total < best[0]:
            best = (total, dict(totals))
    assert best is not None
    total, stages = best
    count = max(len(records), 1)
    print(
        f"{len(records)} pages, fallback='never', fastest of {args.rounds}: {total / count * 1e3:.3f} ms/page"
    )
    print("| stage | ms/page | share |")
    print("|---|---|---|")
    for key, seconds in sorted(stages.items(), key=lambda item: -item[1]):
        print(f"| {key} | {seconds / count * 1e3:.3f} | {seconds / total:.1%} |")


if __name__ == "__main__":
    main()
