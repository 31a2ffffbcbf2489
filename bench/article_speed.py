"""What the article-line model costs per page: its columns, lead-ins and trees.

Times ``HeuristicLabeler.page_scores`` over the extracted text of the evaluation
pages with and without the article-line model, alternating the two in rounds so
a noisy machine hits both alike; the difference is the model's cost. The same
script runs against another checkout (``PYTHONPATH=/path/to/other``), so two
versions compare in one sitting:

    python bench/article_speed.py
    PYTHONPATH=/work/main python bench/article_speed.py --checkout-from-path
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
ROUNDS = 5  # alternations of with / without the model; the fastest round of each counts


def page_texts(eval_dir: Path, name: str, limit: int) -> list[list[str]]:
    from cleaner.blocks import split_blocks

    pages: list[list[str]] = []
    with gzip.open(eval_dir / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("extracted_text") or ""
            if text.strip():
                pages.append([block.text for block in split_blocks(text)])
            if len(pages) >= limit:
                break
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    parser.add_argument("--set", default="seb-dev")
    parser.add_argument("--limit", type=int, default=200, help="pages")
    parser.add_argument(
        "--checkout-from-path", action="store_true", help="import cleaner from PYTHONPATH, not this checkout"
    )
    args = parser.parse_args()
    if not args.checkout_from_path:
        sys.path.insert(0, str(ROOT))
    from cleaner.heuristics import HeuristicLabeler

    labeler = HeuristicLabeler()
    pages = page_texts(args.eval_dir, args.set, args.limit)
    best = {True: float("inf"), False: float("inf")}
    for _ in range(ROUNDS):
        for with_model in (True, False):
            started = time.perf_counter()
            for texts in pages:
                labeler.page_scores(texts, with_article_model=with_model)
            best[with_model] = min(best[with_model], time.perf_counter() - started)
    lines = sum(map(len, pages)) / len(pages)
    per_page = {k: v / len(pages) * 1000 for k, v in best.items()}
    print(
        f"{labeler.__module__} from {sys.modules['cleaner'].__file__}: {len(pages)} {args.set} pages, "
        f"{lines:.0f} lines a page; page_scores {per_page[False]:.3f} ms a page without the article "
        f"model, {per_page[True]:.3f} ms with it: the model costs {per_page[True] - per_page[False]:.3f} ms a page"
    )


if __name__ == "__main__":
    main()
