"""Fit the heuristics' line classifier on ../shared/eval/dev and report honest figures.

Line labels come from the gold answers: on seb-dev a line is body when most of
its 4-token shingles are in the gold body; on traf a line holding a must_keep
string is body, one holding a must_drop string is boilerplate, and other lines
get a weak label (inside trafilatura's output or not) at a lower weight.

Both text fields of every page are used (noisy_text and extracted_text), so
one model serves raw dumps and extractor output; the page-level features tell
the two apart.

    python bench/fit_heuristics.py --cv 5      # cross-validated figures, folds by domain
    python bench/fit_heuristics.py --write     # fit on all pages, write weights.json
    python bench/fit_heuristics.py --cv 5 --without same_shape   # what a column adds
    python bench/fit_heuristics.py --cv 5 --stage2-with block_chars_after   # ... in stage two
    python bench/raw_line_errors.py --cv 5     # the raw model's line errors, by kind

Fitting needs scikit-learn and numpy (dev time only); the shipped model is a
JSON file read by pure Python.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.blocks import split_blocks  # noqa: E402
from cleaner.evaluation.metrics import KeepLeakScore, ShingleScore, fold_space, shingles  # noqa: E402
from cleaner.heuristics import HeuristicLabeler  # noqa: E402
from cleaner.heuristics.features import STAGE1, STAGE2_EXTRA, STAGE2_OWN, stage2_columns  # noqa: E402
from cleaner.heuristics.model import (  # noqa: E402
    STAGE1_COLUMNS,
    WEIGHTS_PATH,
    model_from_dict,
    stage_from_dict,
)
from cleaner.heuristics.trees import tree_ensemble_to_dict  # noqa: E402

EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
FIELDS = ("noisy_text", "extracted_text")
WEAK_WEIGHT = 0.03  # traf lines with no gold string: label from trafilatura's output
BODY_SHARE = 0.5  # share of a line's shingles found in the gold body to call it body
SEB_WEIGHT = 1.0  # a seb-dev page's weight against a traf page's (--seb-weight)
PAGE_WEIGHT_POWER = 1.0  # each page weighs n_lines ** (1 - power): long pages count less per line
C_REG = 10.0
INNER_FOLDS = 3
NOISY_MIN_LINES = 50  # pages of this many lines or more ...
NOISY_MIN_FEW_SHARE = 0.35  # ... with this share of menu-like lines (1-3 words) use the noisy regime
NOISY_THRESHOLD = 0.5
CLEAN_THRESHOLD = 0.0  # the clean regime keeps every line the classifier would drop: measured best
# Boosted trees for the noisy regime (--trees): each tree costs one gather per level
# per line at run time, so few shallow trees; leaves big enough that no page's quirk
# makes a rule of its own.
TREES = 100
DEPTH = 5
LEARNING_RATE = 0.1
MIN_LEAF = 80
L2 = 1.0
# The columns each stage is fitted on (--without leaves some out, to measure what they add).
STAGE1_FIT: tuple[str, ...] = STAGE1
STAGE2_FIT: tuple[str, ...] = STAGE2_OWN + STAGE2_EXTRA


@dataclass
class PageData:
    page: int
    field: str
    texts: list[str]
    cols: dict[str, Any]  # per-line columns (lists) and page constants (floats)
    y: np.ndarray
    w: np.ndarray
    raw: bool  # the labeler takes it for a raw page dump (site chrome seen)


def load_rows() -> list[dict]:
    rows = []
    for name in ("seb-dev", "traf"):
        with gzip.open(EVAL_DIR / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                row["dataset"] = name
                rows.append(row)
    return rows


def group_of(row: dict) -> str:
    """The web domain (archived pages: the original's), else the page id."""
    url = row.get("url") or ""
    if "web.archive.org" in url:
        rest = url.split("web.archive.org/web/", 1)[-1]
        url = rest.split("/", 1)[-1] if "/" in rest else rest
    host = urlparse(url if "//" in url else "http://" + url).netloc.lower() if url and url != "None" else ""
    host = host.removeprefix("www.")
    return host or f"page:{row['id']}"


def seb_labels(texts: list[str], gold: str) -> tuple[list[float], list[float]]:
    gold_sh = shingles(gold)
    gold_lines = {fold_space(x) for x in gold.splitlines() if x.strip()}
    ys = []
    for t in texts:
        sh = shingles(t)
        total = sum(sh.values())
        if total == 1 and len(next(iter(sh))) < 4:
            ys.append(1.0 if fold_space(t) in gold_lines else 0.0)
        else:
            found = sum((sh & gold_sh).values())
            ys.append(1.0 if total and found / total >= BODY_SHARE else 0.0)
    return ys, [1.0] * len(texts)


def traf_labels(
    texts: list[str], keep: list[str], drop: list[str], extracted: str
) -> tuple[list[float], list[float]]:
    keep_f = [fold_space(k) for k in keep if k.strip()]
    drop_f = [fold_space(d) for d in drop if d.strip()]
    extracted_f = fold_space(extracted)
    ys, ws = [], []
    for t in texts:
        ft = fold_space(t)
        if any(k in ft or (len(ft) >= 20 and ft in k) for k in keep_f):
            ys.append(1.0)
            ws.append(1.0)
        elif any(d in ft or (len(ft) >= 10 and ft in d) for d in drop_f):
            ys.append(0.0)
            ws.append(1.0)
        else:
            ys.append(1.0 if ft in extracted_f else 0.0)
            ws.append(WEAK_WEIGHT)
    return ys, ws


def build_pages(rows: list[dict], labeler: HeuristicLabeler) -> list[PageData]:
    pages = []
    for p, row in enumerate(rows):
        for field in FIELDS:
            text = row.get(field) or ""
            texts = [b.text for b in split_blocks(text)]
            if not texts:
                continue
            cols, raw = labeler.features(texts)
            if row["dataset"] == "seb-dev":
                ys, ws = seb_labels(texts, row["gold_body"])
            else:
                ys, ws = traf_labels(
                    texts, row["must_keep"], row["must_drop"], row.get("extracted_text") or ""
                )
            scale = len(texts) ** -PAGE_WEIGHT_POWER * (SEB_WEIGHT if row["dataset"] == "seb-dev" else 1.0)
            pages.append(PageData(p, field, texts, cols, np.array(ys), np.array(ws) * scale, raw))
    return pages


def matrix(cols: dict, names: tuple[str, ...]) -> np.ndarray:
    """Lines x columns; a page constant (a float) stands in for every line."""
    n = max(np.size(v) for v in cols.values())
    return np.array([np.broadcast_to(np.asarray(cols[k], dtype=float), n) for k in names]).T


def fit_stage(pages: list[PageData], names: tuple[str, ...], cols_of) -> dict:
    X = np.vstack([matrix(cols_of(pg), names) for pg in pages])
    y = np.concatenate([pg.y for pg in pages])
    w = np.concatenate([pg.w for pg in pages])
    mean, std = X.mean(axis=0), X.std(axis=0)
    std[std == 0] = 1.0
    model = LogisticRegression(C=C_REG, max_iter=2000)
    model.fit((X - mean) / std, y, sample_weight=w)
    coef = model.coef_[0] / std
    bias = float(model.intercept_[0] - (coef * mean).sum())
    return {"bias": bias, "weights": {name: round(float(c), 6) for name, c in zip(names, coef)}}


def fit_tree_stage(pages: list[PageData], names: tuple[str, ...], cols_of) -> dict:
    """Boosted trees over the same columns; written as the run time reads them."""
    X = np.vstack([matrix(cols_of(pg), names) for pg in pages])
    y = np.concatenate([pg.y for pg in pages])
    w = np.concatenate([pg.w for pg in pages])
    model = HistGradientBoostingClassifier(
        max_iter=TREES,
        max_depth=DEPTH,
        max_leaf_nodes=2**DEPTH,
        learning_rate=LEARNING_RATE,
        min_samples_leaf=MIN_LEAF,
        l2_regularization=L2,
        early_stopping=False,
        random_state=0,
    )
    model.fit(X, y, sample_weight=w)
    return {"trees": tree_ensemble_to_dict(model, list(names))}


def stage1_probs(stage: dict, pg: PageData) -> list[float]:
    run = stage_from_dict({"stage1": stage}, "<fitted>", "stage1", STAGE1_COLUMNS)
    return run.probabilities(pg.cols, len(pg.texts)).tolist()  # type: ignore[no-any-return]


def is_clean(pg: PageData) -> bool:
    """The pages the labeler sends to the clean regime (see HeuristicLabeler.page_scores)."""
    return not pg.raw or len(pg.texts) < NOISY_MIN_LINES or pg.cols["page_few_share"] < NOISY_MIN_FEW_SHARE


def fit_model(pages: list[PageData], trees: str = "") -> dict:
    """One two-stage regime for mostly-short-line pages, one for prose-heavy or short pages.
    ``trees``: which stages of the noisy regime are boosted trees ("", "1", "12")."""
    noisy = [pg for pg in pages if not is_clean(pg)]
    clean = [pg for pg in pages if is_clean(pg)]
    return {
        "noisy_min_lines": NOISY_MIN_LINES,
        "noisy_min_few_share": NOISY_MIN_FEW_SHARE,
        "noisy": fit_regime(noisy, NOISY_THRESHOLD, trees),
        "clean": fit_regime(clean, CLEAN_THRESHOLD),
    }


def fit_regime(pages: list[PageData], threshold: float, trees: str = "") -> dict:
    """Stage one on all lines; stage two on stage one's out-of-fold scores."""
    fit1 = fit_tree_stage if "1" in trees else fit_stage
    fit2 = fit_tree_stage if "2" in trees else fit_stage
    stage1 = fit1(pages, STAGE1_FIT, lambda pg: pg.cols)
    groups = np.array([pg.page for pg in pages])
    s1_of: dict[int, list[float]] = {}
    for train_idx, test_idx in GroupKFold(INNER_FOLDS).split(np.zeros(len(pages)), groups=groups):
        inner = fit1([pages[i] for i in train_idx], STAGE1_FIT, lambda pg: pg.cols)
        for i in test_idx:
            s1_of[i] = stage1_probs(inner, pages[i])
    index = {id(pg): i for i, pg in enumerate(pages)}
    names = STAGE2_FIT
    stage2 = fit2(pages, names, lambda pg: stage2_columns(pg.cols, s1_of[index[id(pg)]]))
    return {"stage1": stage1, "stage2": stage2, "threshold": threshold}


def evaluate(rows: list[dict], weights: dict, scores: dict, by_page: list[dict] | None = None) -> None:
    """Clean every row's text fields with ``weights`` and add them to ``scores``;
    ``by_page`` gathers each page's own text-mode figures (``--pages``, ``--page-scores``)."""
    cleaner = Cleaner(heuristics=False)
    cleaner.heuristics = HeuristicLabeler(model=model_from_dict(weights))
    for row in rows:
        url = row.get("url") if row.get("url") not in (None, "None") else None
        for field, mode in (("noisy_text", "text"), ("extracted_text", "extracted")):
            text = row.get(field) or ""
            body = cleaner.clean(text, url=url).body if text.strip() else ""
            seb, traf = scores[mode]
            own: dict[str, Any] = {"set": row["dataset"], "page": str(row.get("url") or row["id"])}
            if row["dataset"] == "seb-dev":
                own["p"], own["r"] = seb.add(body, row["gold_body"])
            else:
                traf.add(body, row["must_keep"], row["must_drop"])
                alone = KeepLeakScore()
                alone.add(body, row["must_keep"], row["must_drop"])
                own.update(lost=alone.keep_total - alone.kept, leaked=alone.leaked)
                own.update(keep=alone.keep_total, drop=alone.drop_total)
            if by_page is not None and mode == "text":
                by_page.append(own)


def report_pages(by_page: list[dict], shown: int) -> None:
    """The traf pages whose text mode misses most strings, out of fold: the keep side
    (must_keep strings lost) and the leak side (must_drop strings left) apart."""
    traf = sorted((o for o in by_page if o["set"] == "traf"), key=lambda o: -(o["lost"] + o["leaked"]))
    print(f"traf pages losing most strings in text mode (of {len(traf)}):")
    print("| page | keep lost | leaked | strings |")
    print("|---|---|---|---|")
    for o in traf[:shown]:
        print(
            f"| {o['page'][:90]} | {o['lost']}/{o['keep']} | {o['leaked']}/{o['drop']} | {o['keep'] + o['drop']} |"
        )
    top = traf[:shown]
    print(
        f"all pages: {sum(o['lost'] for o in traf)} keep strings lost, {sum(o['leaked'] for o in traf)} "
        f"leaked; the {len(top)} above: {sum(o['lost'] for o in top)} lost, {sum(o['leaked'] for o in top)} leaked"
    )


def report(scores: dict) -> None:
    print("| mode | seb-dev P / R / F1 | traf keep / leak / acc |")
    print("|---|---|---|")
    for mode, (seb, traf) in scores.items():
        print(
            f"| {mode} | {seb.precision:.3f} / {seb.recall:.3f} / {seb.f1:.3f} "
            f"| {traf.keep:.1%} / {traf.leak:.1%} / {traf.acc:.3f} |"
        )
        print(f"{mode}: seb F1 {seb.f1:.5f}, traf acc {traf.acc:.5f}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cv", type=int, default=0, help="cross-validate with this many folds (by domain)")
    parser.add_argument(
        "--write", action="store_true", help=f"fit on all pages and write {WEIGHTS_PATH.name}"
    )
    parser.add_argument(
        "--clean-threshold", type=float, default=None, help="override the clean regime's threshold"
    )
    parser.add_argument(
        "--noisy-threshold", type=float, default=None, help="override the noisy regime's threshold"
    )
    parser.add_argument("--noisy-min-few-share", type=float, default=None, help="override the regime split")
    parser.add_argument(
        "--trees",
        choices=("", "1", "12"),
        default="",
        help="boosted trees for the noisy regime's stage one (1) or both stages (12); default linear",
    )
    parser.add_argument(
        "--without", default="", help="comma list of columns left out of both stages (to measure them)"
    )
    parser.add_argument(
        "--stage2-with",
        default="",
        help="comma list of stage-one columns stage two also reads (to measure them)",
    )
    parser.add_argument("--seb-weight", type=float, default=None, help="override a seb-dev page's weight")
    parser.add_argument(
        "--pages", type=int, default=0, help="with --cv: list the traf pages losing most strings in text mode"
    )
    parser.add_argument(
        "--page-scores", default="", help="with --cv: write each page's text-mode figures (JSONL)"
    )
    args = parser.parse_args(argv)
    global CLEAN_THRESHOLD, NOISY_THRESHOLD, NOISY_MIN_FEW_SHARE, STAGE1_FIT, STAGE2_FIT, SEB_WEIGHT
    if args.seb_weight is not None:
        SEB_WEIGHT = args.seb_weight
    left_out = set(filter(None, args.without.split(",")))
    unknown = left_out - set(STAGE1 + STAGE2_OWN + STAGE2_EXTRA)
    if unknown:
        parser.error(f"unknown columns {sorted(unknown)}")
    STAGE1_FIT = tuple(name for name in STAGE1_FIT if name not in left_out)
    STAGE2_FIT = tuple(name for name in STAGE2_FIT if name not in left_out)
    added = tuple(filter(None, args.stage2_with.split(",")))
    if set(added) - set(STAGE1):
        parser.error(f"unknown columns {sorted(set(added) - set(STAGE1))}")
    STAGE2_FIT = tuple(name for name in added if name not in STAGE2_FIT) + STAGE2_FIT
    if args.noisy_min_few_share is not None:
        NOISY_MIN_FEW_SHARE = args.noisy_min_few_share
    CLEAN_THRESHOLD = args.clean_threshold if args.clean_threshold is not None else CLEAN_THRESHOLD
    NOISY_THRESHOLD = args.noisy_threshold if args.noisy_threshold is not None else NOISY_THRESHOLD
    if not EVAL_DIR.is_dir():
        print(f"eval pages not found at {EVAL_DIR}: nothing to fit", file=sys.stderr)
        return 2
    started = time.perf_counter()
    rows = load_rows()
    empty = {"stage1": {"bias": 0, "weights": {}}, "stage2": {"bias": 0, "weights": {}}}
    labeler = HeuristicLabeler(model=model_from_dict({"noisy": empty, "clean": empty}))
    pages = build_pages(rows, labeler)
    print(
        f"{len(rows)} pages, {sum(len(p.texts) for p in pages)} lines, {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    if args.cv:
        groups = [group_of(rows[pg.page]) for pg in pages]
        row_groups = [group_of(r) for r in rows]
        scores = {m: (ShingleScore(), KeepLeakScore()) for m in ("text", "extracted")}
        splitter = GroupKFold(args.cv)
        by_page: list[dict] | None = [] if args.pages or args.page_scores else None
        for fold, (_, test_rows) in enumerate(splitter.split(np.zeros(len(rows)), groups=row_groups)):
            held = {row_groups[i] for i in test_rows}
            train = [pg for pg, g in zip(pages, groups) if g not in held]
            weights = fit_model(train, args.trees)
            evaluate([rows[i] for i in test_rows], weights, scores, by_page)
            print(f"fold {fold + 1}/{args.cv} done, {time.perf_counter() - started:.0f}s", file=sys.stderr)
        print(f"cross-validated ({args.cv} folds by domain), cleaner with heuristics, builtin rules on:")
        report(scores)
        if by_page is not None and args.pages:
            report_pages(by_page, args.pages)
        if by_page is not None and args.page_scores:
            Path(args.page_scores).write_text(
                "".join(json.dumps(o) + "\n" for o in by_page), encoding="utf-8"
            )
    if args.write:
        weights = fit_model(pages, args.trees)
        weights["fitted_on"] = "../shared/eval/dev (seb-dev + traf), noisy_text and extracted_text"
        WEIGHTS_PATH.write_text(json.dumps(weights, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
