"""What the raw-dump line classifier gets wrong, by kind of line (out-of-fold, folds by domain).

For every raw page dump of ../shared/eval/dev (seb-dev and traf, field
noisy_text) the two-stage model of bench/fit_heuristics.py is fitted on the
other folds' domains, and each held-out line's prediction is set beside its gold
label (labelled as fit_heuristics labels them; traf's weakly labelled lines, with
no must_keep or must_drop string, are left out). The errors are sorted into kinds
by the line's shape, its lexicon family and where it sits against the page's
main block of prose (``cleaner.heuristics.layout.main_block``), and counted (lines and characters):

    python bench/raw_line_errors.py --cv 5
    python bench/raw_line_errors.py --cv 5 --examples 5   # a few lines of each kind

The kinds are a reading aid: rules of thumb over shape and place, not gold.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from fit_heuristics import (  # noqa: E402
    EVAL_DIR,
    WEAK_WEIGHT,
    PageData,
    build_pages,
    fit_model,
    group_of,
    is_clean,
    load_rows,
)
from sklearn.model_selection import GroupKFold  # noqa: E402

from cleaner.heuristics import HeuristicLabeler  # noqa: E402
from cleaner.heuristics.features import LONG_WORDS, stage2_columns  # noqa: E402
from cleaner.heuristics.model import STAGE1_COLUMNS, STAGE2_COLUMNS, model_from_dict, stage_from_dict  # noqa: E402

QUOTES = frozenset("\"“„«'‘‹")
MARKERS = frozenset("•·-–—*►▶›»")
HEADLINE_MAX_WORDS = 15  # a line this short with no end punctuation reads as a headline
DATE_DIGIT_SHARE = 0.15  # this share of digits: a date, a time, a score line


def _position(cols: dict, j: int) -> str:
    """Before, inside or after the page's main block of prose (``layout.main_block``)."""
    if cols["block_in"][j]:
        return "in block"
    return "before block" if cols["block_before"][j] else "after block"


def _words(cols: dict, j: int) -> int:
    """The line's words as the model counts them (CJK characters two to a word)."""
    return round(float(np.expm1(cols["words_log"][j])))


def _marker(text: str) -> bool:
    head = text.lstrip()[:4]
    return bool(head) and (head[0] in MARKERS or (head[0].isdigit() and any(c in head for c in ".)")))


def lost_kind(text: str, cols: dict, j: int) -> str:
    """The kind of a body line the model drops."""
    words = _words(cols, j)
    if text.lstrip()[:1] in QUOTES:
        return "quote"
    if _marker(text):
        return "list item (marker)"
    if words >= LONG_WORDS:
        return "long prose"
    if text.rstrip().endswith(":"):
        return "label ending in ':'"
    if cols["terminal"][j]:
        return "short paragraph / list sentence"
    if cols["digits"][j] >= DATE_DIGIT_SHARE:
        return "date / figures line"
    if words <= 3:
        return "1-3 words (ingredient, label, name)"
    return "subheading / title-like"


def kept_kind(text: str, cols: dict, j: int, category: str | None) -> str:
    """The kind of a boilerplate line the model keeps."""
    words = _words(cols, j)
    if category is not None:
        return f"lexicon phrase: {category}"
    if cols["dup"][j]:
        return "repeated line (headline, teaser)"
    if cols["digits"][j] >= DATE_DIGIT_SHARE:
        return "date / byline / figures"
    if words <= 3:
        return "menu / nav (1-3 words)"
    if words >= LONG_WORDS:
        return "long prose (comments, bios, teasers)"
    if not cols["terminal"][j] and words <= HEADLINE_MAX_WORDS:
        return "headline-like (related, nav)"
    return "short sentence"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cv", type=int, default=5, help="folds, grouped by domain")
    parser.add_argument("--examples", type=int, default=0, help="lines shown per kind")
    args = parser.parse_args(argv)
    if not EVAL_DIR.is_dir():
        print(f"eval pages not found at {EVAL_DIR}: nothing to measure", file=sys.stderr)
        return 2
    rows = load_rows()
    empty = {"stage1": {"bias": 0, "weights": {}}, "stage2": {"bias": 0, "weights": {}}}
    labeler = HeuristicLabeler(model=model_from_dict({"noisy": empty, "clean": empty}))
    pages = build_pages(rows, labeler)
    groups = [group_of(rows[pg.page]) for pg in pages]
    row_groups = [group_of(r) for r in rows]
    errors: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    totals: Counter[str] = Counter()
    for _, test_rows in GroupKFold(args.cv).split(np.zeros(len(rows)), groups=row_groups):
        held = {row_groups[i] for i in test_rows}
        train = [pg for pg, g in zip(pages, groups) if g not in held]
        weights = fit_model(train)["noisy"]
        stage1 = stage_from_dict(weights, "<fitted>", "stage1", STAGE1_COLUMNS)
        stage2 = stage_from_dict(weights, "<fitted>", "stage2", STAGE2_COLUMNS)
        for pg, g in zip(pages, groups):
            if g in held and pg.field == "noisy_text":
                _count(pg, rows, labeler, stage1, stage2, weights["threshold"], errors, examples, totals)
    _print(errors, examples, totals, args.examples)
    return 0


def _count(pg: PageData, rows, labeler, stage1, stage2, threshold, errors, examples, totals) -> None:
    dataset = rows[pg.page]["dataset"]
    n = len(pg.texts)
    strong = pg.w * n > WEAK_WEIGHT * 2  # the weights were scaled by 1 / n lines
    if is_clean(pg):
        kept = np.ones(n, dtype=bool)  # the cautious regime: nothing goes by score
        regime = "cautious regime"
    else:
        s1 = stage1.probabilities(pg.cols, n)
        p = 1.0 / (1.0 + np.exp(-stage2.logits(stage2_columns(pg.cols, s1), n)))
        kept = p >= threshold
        regime = "raw regime"
    categories = labeler.read_lines(pg.texts).scan.categories
    for j in np.flatnonzero(strong).tolist():
        text = pg.texts[j]
        body = pg.y[j] == 1.0
        totals[f"{dataset} {'body' if body else 'boilerplate'} lines"] += 1
        if body and not kept[j]:
            key = (dataset, "lost body", f"{lost_kind(text, pg.cols, j)} [{_position(pg.cols, j)}]")
        elif not body and kept[j]:
            kind = kept_kind(text, pg.cols, j, categories[j])
            key = (dataset, f"kept boilerplate ({regime})", f"{kind} [{_position(pg.cols, j)}]")
        else:
            continue
        errors[key]["lines"] += 1
        errors[key]["chars"] += len(text)
        examples[key].append(text[:100])


def _print(errors, examples, totals, shown: int) -> None:
    print("| set | error | kind [place against the main block of prose] | lines | chars |")
    print("|---|---|---|---|---|")
    for key in sorted(errors, key=lambda k: (k[0], k[1], -errors[k]["chars"])):
        dataset, error, kind = key
        print(f"| {dataset} | {error} | {kind} | {errors[key]['lines']} | {errors[key]['chars']} |")
        if shown:
            step = max(1, len(examples[key]) // shown)
            for text in examples[key][::step][:shown]:
                print(f"|  |  | `{text}` |  |  |")
    print()
    for name, value in sorted(totals.items()):
        print(f"{name}: {value}")


if __name__ == "__main__":
    raise SystemExit(main())
