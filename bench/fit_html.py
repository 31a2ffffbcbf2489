"""Fit the html main-content classifier (cleaner/html/html_weights.json) and measure it.

The classifier labels the blocks of a page's walk (cleaner/html/text.py) as
article or not, from the features of cleaner/html/blockfeatures.py, in two
logistic stages (cleaner/html/classifier.py). It is fitted on the pages of
../shared/eval/dev (not part of the project; point --eval-dir at a copy):

- seb-dev, wceb-dev: a block is article when at least half of its 4-token
  shingles are in the gold body (blocks of fewer than 4 tokens: when their
  tokens run in the gold body; these weigh BLOCK_SHORT_WEIGHT, as the test
  is loose);
- traf: a block holding a must_keep string (or held in one) is article, one
  holding a must_drop string is not; the other blocks take trafilatura's
  answer (the record's extracted_text aligned with the blocks) at
  WEAK_WEIGHT. trafilatura's answer is a training label only, never a
  feature.

The second stage is trained on out-of-fold first-stage scores, so it learns
how far to trust them. ``--cv K`` measures the whole html stage end to end
with folds grouped by domain: each held-out page is cleaned with its fold's
model (``fallback="never"``) and with trafilatura first (``"always"``), and
the fallback rule (when a page goes to trafilatura) is chosen on those
out-of-fold results as the one that sends trafilatura the least work (the
share of all elements, as the walk counts them, on the pages it sends: its time
grows with the tree it walks, so a rule may keep the classifier's answer on
pages past ``max_elements``) while no set's figure falls below its bar
(floors, --tolerance).

The floors are measured here with the shipped article-line model, which
remembers these pages; bench/fit_article.py --cv 5 --html refits it in each
fold. With the logistic stages that gave 0.009 less seb-dev F1 and 0.004 less
traf acc, so their rules were chosen at floors raised by that gap; with the
trees the gap is gone (see below). Results saved before they held element
counts get them from a second walk of the pages (attach_elements).

The shipped weights are boosted trees in both stages (session 17). Session 17
chose their rule at --floors 0.974,0.949 (7.5% of pages and 10.6% of elements
to trafilatura out of fold, seb-dev F1 0.975, traf acc 0.950, wceb-dev F1
0.920). Session 18 chose it at issue 14's bar with a point or two to spare,
--floors 0.967,0.942: a page goes when the classifier is sure of under 100
characters of article, 1.2% of pages and 1.1% of elements, for 0.969 / 0.944 /
0.917 out of fold and, end to end with the article-line model refitted in each
fold, 0.9789 / 0.9491 / 0.9297:

    python bench/fit_html.py --cv 5 --save R.pkl          # cross-validated figures (trees)
    python bench/fit_html.py --cv 5 --results R.pkl --floors 0.967,0.942 --write --rule-only
    python bench/fit_html.py --cv 5 --trees 0 ...         # the logistic stages instead

Fitting needs scikit-learn (dev time only); at run time the model is numpy.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import logging
import pickle
import sys
import time
from dataclasses import dataclass, field
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
from cleaner.evaluation.leftovers import TOKEN, GoldIndex  # noqa: E402
from cleaner.evaluation.metrics import KeepLeakScore, ShingleScore, fold_space  # noqa: E402
from cleaner.heuristics.trees import tree_ensemble_to_dict  # noqa: E402
from cleaner.html.blockfeatures import FEATURE_NAMES, PageLayout, block_features  # noqa: E402
from cleaner.html.classifier import (  # noqa: E402
    STAGE2_EXTRA,
    WEIGHTS_PATH,
    BlockClassifier,
    FallbackRule,
    LogisticStage,
    PageContext,
    Stage,
    TreeStage,
    context_columns,
)
from cleaner.html.fallback import align  # noqa: E402
from cleaner.html.meta import page_metadata  # noqa: E402
from cleaner.html.text import composed, page_text, parse_html  # noqa: E402

EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
SETS = ("seb-dev", "traf", "wceb-dev")
SET_WEIGHTS = {"seb-dev": 3.0, "traf": 1.0, "wceb-dev": 1.0}  # seb-dev has few pages; each is worth more
GOLD_BODY_SHARE = 0.5  # a block with at least this share of its shingles in the gold body is article
BLOCK_SHORT_WEIGHT = 0.5
WEAK_WEIGHT = 0.5  # blocks labelled by trafilatura's output (the brief of issue 14)
KEEP_INSIDE_MIN_CHARS = 20  # a block this long held inside a must_keep string is article
REGULARISATION = 1.0  # inverse strength (sklearn's C) on standardised features
INNER_FOLDS = 3  # for the out-of-fold first-stage scores the second stage learns from
THRESHOLD = 0.5
# --trees: boosted-tree stages (0: logistic). Each tree costs one step per level per block at
# run time (~1 ms a page for 100 trees of 31 leaves in both stages). The shipped stages are 100
# trees of 31 leaves: out of fold they send trafilatura half the elements the logistic stages did
# at the same quality (session 17); 40 trees of 15 leaves at rate 0.25 scored traf acc 0.937
# alone and needed 38% of pages sent for the same floors.
TREES = 100
TREE_LEAVES = 31
TREE_DEPTH = 10  # the run-time walk stores each tree complete (trees.HEAP_MAX_DEPTH)
TREE_LEARNING_RATE = 0.1
TREE_MIN_LEAF = 40
TREE_SAMPLE_ROWS = 200_000
# The grid the fallback rule is chosen from.
BANDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35)
UNSURE_SHARES = (
    0.02,
    0.05,
    0.1,
    0.15,
    0.2,
    0.3,
    0.4,
    0.5,
    0.6,
    0.65,
    0.7,
    0.72,
    0.74,
    0.76,
    0.78,
    0.8,
    0.85,
    0.9,
    1.01,
)
MIN_BODY_CHARS = (0, 100, 200, 400, 800)
# Caps on the elements of a page sent (the walk's PageText.element_count; dev pages have
# 599 at the median): trafilatura walks every element, so its time follows them.
MAX_ELEMENTS = (None, 30000, 20000, 15000, 12000, 10000, 8000, 6000, 5000, 4000, 3000)


@dataclass
class Page:
    dataset: str
    host: str
    id: str
    features: Any  # float32 (blocks x features)
    labels: Any  # 1 article, 0 not, nan unknown
    weights: Any
    context: PageContext
    elements: int  # the walk's element count: the fallback rule's cost measure


def url_of(record: dict[str, Any]) -> str | None:
    url = record.get("url")
    return url if url and url != "None" else None


def host_of(name: str, record: dict[str, Any]) -> str:
    url = url_of(record)
    host = (urlparse(url).hostname or "") if url else ""
    return host.removeprefix("www.") or f"{name}:{record['id']}"


def records(eval_dir: Path, limit: int | None) -> Any:
    for name in SETS:
        with gzip.open(eval_dir / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                if limit is not None and number >= limit:
                    break
                yield name, json.loads(line)


def block_labels(name: str, record: dict[str, Any], texts: list[str]) -> tuple[Any, Any]:
    """Labels (1 article, 0 not, nan unknown) and their weights, as the module docstring says."""
    n = len(texts)
    labels = np.full(n, np.nan)
    weights = np.zeros(n)
    if name in ("seb-dev", "wceb-dev"):
        gold = GoldIndex(record.get("gold_body") or "")
        for i, text in enumerate(texts):
            words = TOKEN.findall(text)
            if not words:
                continue
            if len(words) < 4:
                labels[i], weights[i] = float(gold.has_run(words)), BLOCK_SHORT_WEIGHT
            else:
                labels[i], weights[i] = float(gold.shingle_share(words) >= GOLD_BODY_SHARE), 1.0
        return labels, weights
    keeps = [fold_space(s) for s in record.get("must_keep") or [] if fold_space(s)]
    drops = [fold_space(s) for s in record.get("must_drop") or [] if fold_space(s)]
    extracted = record.get("extracted_text") or ""
    weak = align(texts, composed(extracted)) if extracted.strip() else [False] * n
    for i, text in enumerate(texts):
        folded = fold_space(text)
        keep = any(s in folded for s in keeps) or (
            len(folded) >= KEEP_INSIDE_MIN_CHARS and any(folded in s for s in keeps)
        )
        drop = any(s in folded for s in drops)
        if keep != drop:
            labels[i], weights[i] = float(keep), 1.0
        elif TOKEN.search(text):
            labels[i], weights[i] = float(weak[i]), WEAK_WEIGHT
    return labels, weights


def load_pages(eval_dir: Path, limit: int | None) -> list[Page]:
    pages: list[Page] = []
    for name, record in records(eval_dir, limit):
        html = record.get("html") or ""
        root = parse_html(html, for_trafilatura=False) if html.strip() else None
        if root is None:
            continue
        page = page_text(root)
        if not page.blocks:
            continue
        meta = page_metadata(root, url_of(record))
        layout = PageLayout(page)
        features = block_features(page, meta.get("title"), meta.get("description"), layout)
        texts = [b.text for b in page.blocks]
        labels, weights = block_labels(name, record, texts)
        tokens = np.fromiter((len(TOKEN.findall(t)) for t in texts), dtype=np.float64, count=len(texts))
        weights = weights * np.sqrt(1.0 + tokens)
        total = weights.sum()
        if total > 0:  # every page weighs the same within its set, as the metrics average pages
            weights = weights * SET_WEIGHTS[name] * 100.0 / total
        pages.append(
            Page(
                name,
                host_of(name, record),
                str(record["id"]),
                features.astype(np.float32),
                labels,
                weights,
                PageContext.of(page, layout),
                page.element_count,
            )
        )
    return pages


def _stack(pages: list[Page]) -> tuple[Any, Any, Any]:
    x = np.vstack([p.features for p in pages]).astype(np.float64)
    y = np.concatenate([p.labels for p in pages])
    w = np.concatenate([p.weights for p in pages])
    known = ~np.isnan(y) & (w > 0)
    return x, y, w * known


def fit_stage(x: Any, y: Any, w: Any) -> Stage:
    known = w > 0
    x, y, w = x[known], y[known], w[known]
    if TREES:
        return fit_tree_stage(x, y, w)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    model = LogisticRegression(C=REGULARISATION, solver="newton-cholesky", max_iter=100)
    model.fit((x - mean) / scale, y.astype(int), sample_weight=w)
    return LogisticStage(mean, scale, model.coef_[0].copy(), float(model.intercept_[0]))


def fit_tree_stage(x: Any, y: Any, w: Any) -> TreeStage:
    """Boosted trees on a fixed random sample of the labelled blocks (a million blocks
    take 12 minutes a fit on one core; the sample's trees score the same to 0.001)."""
    if len(x) > TREE_SAMPLE_ROWS:
        keep = np.random.default_rng(0).choice(len(x), TREE_SAMPLE_ROWS, replace=False)
        x, y, w = x[keep], y[keep], w[keep]
    model = HistGradientBoostingClassifier(
        max_iter=TREES,
        max_leaf_nodes=TREE_LEAVES,
        max_depth=TREE_DEPTH,
        learning_rate=TREE_LEARNING_RATE,
        min_samples_leaf=TREE_MIN_LEAF,
        early_stopping=False,
        random_state=0,
    )
    model.fit(x, y.astype(int), sample_weight=w)
    names = list(FEATURE_NAMES) + (list(STAGE2_EXTRA) if x.shape[1] > len(FEATURE_NAMES) else [])
    return TreeStage.from_json({"trees": tree_ensemble_to_dict(model, names)}, "fitted")


def second_features(pages: list[Page], firsts: list[Any]) -> Any:
    return np.vstack(
        [
            np.column_stack((p.features.astype(np.float64), context_columns(p.context, f)))
            for p, f in zip(pages, firsts)
        ]
    )


def fit(pages: list[Page], rule: FallbackRule) -> BlockClassifier:
    """Both stages on these pages; the second on out-of-fold first-stage scores."""
    x, y, w = _stack(pages)
    first = fit_stage(x, y, w)
    groups = [p.host for p in pages]
    oof: list[Any] = [None] * len(pages)
    folds = min(INNER_FOLDS, len(set(groups)))
    for train, test in GroupKFold(n_splits=folds).split(pages, groups=groups):
        inner = fit_stage(*_stack([pages[i] for i in train]))
        for i in test:
            oof[i] = inner.probabilities(pages[i].features.astype(np.float64))
    second = fit_stage(second_features(pages, oof), y, w)
    return BlockClassifier(first, second, THRESHOLD, rule)


@dataclass
class PageResult:
    """One page's figures for both paths, so any mix of paths can be scored."""

    dataset: str
    classifier: tuple[Any, ...]
    trafilatura: tuple[Any, ...]
    probabilities: Any
    chars: Any
    elements: int = 0  # the walk's element count (older pickles: see attach_elements)


def page_figures(dataset: str, record: dict[str, Any], body: str) -> tuple[Any, ...]:
    if dataset == "traf":
        score = KeepLeakScore()
        score.add(body, record["must_keep"], record["must_drop"])
        return (score.kept, score.keep_total, score.leaked, score.drop_total)
    return ShingleScore().add(body, record["gold_body"])


@dataclass
class Mix:
    seb: ShingleScore = field(default_factory=ShingleScore)
    wceb: ShingleScore = field(default_factory=ShingleScore)
    traf: KeepLeakScore = field(default_factory=KeepLeakScore)

    def add(self, dataset: str, figures: tuple[Any, ...]) -> None:
        if dataset == "traf":
            kept, keep_total, leaked, drop_total = figures
            self.traf.kept += kept
            self.traf.keep_total += keep_total
            self.traf.leaked += leaked
            self.traf.drop_total += drop_total
            return
        score = self.seb if dataset == "seb-dev" else self.wceb
        p, r = figures
        if p is not None:
            score.precisions.append(p)
        if r is not None:
            score.recalls.append(r)

    def figures(self) -> tuple[float, float, float]:
        return self.seb.f1, self.traf.acc, self.wceb.f1

    def line(self) -> str:
        return (
            f"seb-dev P/R/F1 {self.seb.precision:.3f}/{self.seb.recall:.3f}/{self.seb.f1:.3f}  "
            f"traf keep/leak/acc {self.traf.keep:.1%}/{self.traf.leak:.1%}/{self.traf.acc:.3f}  "
            f"wceb-dev P/R/F1 {self.wceb.precision:.3f}/{self.wceb.recall:.3f}/{self.wceb.f1:.3f}"
        )


def mix(results: list[PageResult], use_fallback: list[bool]) -> Mix:
    out = Mix()
    for result, fallback in zip(results, use_fallback):
        out.add(result.dataset, result.trafilatura if fallback else result.classifier)
    return out


def choose_rule(
    results: list[PageResult], tolerance: float, floors: tuple[float, float]
) -> tuple[FallbackRule, Mix, float]:
    """The rule sending trafilatura the least work that loses no quality.

    Work: the share of all pages' elements sent, as trafilatura's time grows with the
    page (so a rule may keep the classifier's answer on the biggest pages,
    ``max_elements``). No quality loss: seb-dev F1 and traf acc at least ``floors`` (the
    figures of the html stage before the classifier, the bar of issue 14), or at least
    trafilatura-first's in this run less ``tolerance`` where that is lower; wceb-dev F1 at
    least trafilatura-first's less ``tolerance``. Returns the rule, its figures and the
    share of pages it sends.
    """
    always = mix(results, [True] * len(results)).figures()
    bars = (
        min(floors[0], always[0] - tolerance),
        min(floors[1], always[1] - tolerance),
        always[2] - tolerance,
    )
    elements = np.array([r.elements for r in results])
    total_elements = max(int(elements.sum()), 1)
    best: tuple[float, float, FallbackRule, Mix, float] | None = None
    for band in BANDS:
        measured = [FallbackRule(band, 0.0, 0).unsure(r.probabilities, r.chars) for r in results]
        shares = np.array([m[1] for m in measured])
        bodies = np.array([m[2] for m in measured])
        for share, minimum, most in itertools.product(UNSURE_SHARES, MIN_BODY_CHARS, MAX_ELEMENTS):
            sent = (shares > share) | (bodies < minimum)
            if most is not None:
                sent &= elements <= most
            mixed = mix(results, sent.tolist())
            figures = mixed.figures()
            if any(f < bar for f, bar in zip(figures, bars)):
                continue
            work = float(elements[sent].sum()) / total_elements
            quality = sum(figures)
            if best is None or (work, -quality) < (best[0], -best[1]):
                rule = FallbackRule(band, share, minimum, max_elements=most)
                best = (work, quality, rule, mixed, float(sent.mean()))
    if best is None:  # nothing qualifies: every page to trafilatura
        rule = FallbackRule(0.5, 0.0, 10**9)
        return rule, mix(results, [True] * len(results)), 1.0
    return best[2], best[3], best[4]


def sent_share(results: list[PageResult], rule: FallbackRule) -> tuple[float, float]:
    """The shares of all pages' blocks and elements that ``rule`` sends to trafilatura."""
    blocks = np.array([len(r.chars) for r in results])
    elements = np.array([r.elements for r in results])
    sent = np.array([rule.goes(r.probabilities, r.chars, r.elements) for r in results])
    return (
        float(blocks[sent].sum()) / max(int(blocks.sum()), 1),
        float(elements[sent].sum()) / max(int(elements.sum()), 1),
    )


def attach_elements(results: list[PageResult], eval_dir: Path, limit: int | None) -> None:
    """Give results saved before they held element counts the walk's count of each page.

    The results are in the order of ``load_pages`` (pages with visible text, set by set),
    so the pages are walked again in that order; the block counts must agree.
    """
    if all(r.elements for r in results):
        return
    counts: list[tuple[str, int, int]] = []
    for name, record in records(eval_dir, limit):
        html = record.get("html") or ""
        root = parse_html(html, for_trafilatura=False) if html.strip() else None
        page = page_text(root) if root is not None else None
        if page is not None and page.blocks:
            counts.append((name, len(page.blocks), page.element_count))
    if len(counts) != len(results) or any(
        (r.dataset, len(r.chars)) != (name, blocks) for r, (name, blocks, _) in zip(results, counts)
    ):
        raise SystemExit("the saved results are not of these pages: run --cv again")
    for result, (_, _, elements) in zip(results, counts):
        result.elements = elements


def cross_validate(pages: list[Page], eval_dir: Path, limit: int | None, folds: int) -> list[PageResult]:
    """Out-of-fold probabilities and end-to-end bodies of both paths, per page."""
    groups = [p.host for p in pages]
    models: dict[str, BlockClassifier] = {}
    probabilities: dict[str, Any] = {}
    placeholder = FallbackRule(0.2, 1.01, 0)
    for number, (train, test) in enumerate(GroupKFold(n_splits=folds).split(pages, groups=groups)):
        started = time.perf_counter()
        model = fit([pages[i] for i in train], placeholder)
        for i in test:
            key = f"{pages[i].dataset}/{pages[i].id}"
            models[key] = model
            probabilities[key] = model.scores(pages[i].features.astype(np.float64), pages[i].context)
        print(f"  fold {number + 1}/{folds} fitted in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    classifier_cleaner = Cleaner(fallback="never")
    always_cleaner = Cleaner(fallback="always")
    contexts = {f"{p.dataset}/{p.id}": p.context for p in pages}
    elements = {f"{p.dataset}/{p.id}": p.elements for p in pages}
    results: list[PageResult] = []
    started = time.perf_counter()
    for name, record in records(eval_dir, limit):
        key = f"{name}/{record['id']}"
        if key not in models:
            continue
        url = url_of(record)
        classifier_cleaner.html_classifier = models[key]
        by_model = classifier_cleaner.clean(html=record["html"], url=url).body
        by_trafilatura = always_cleaner.clean(html=record["html"], url=url).body
        results.append(
            PageResult(
                name,
                page_figures(name, record, by_model),
                page_figures(name, record, by_trafilatura),
                probabilities[key],
                contexts[key].chars,
                elements[key],
            )
        )
        if len(results) % 250 == 0:
            print(f"  {len(results)} pages cleaned, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return results


def block_accuracy(pages: list[Page], results: list[PageResult]) -> float:
    """Out-of-fold share of labelled block weight the classifier gets right."""
    right = total = 0.0
    for p, result in zip(pages, results):
        known = ~np.isnan(p.labels)
        predicted = result.probabilities[known] >= THRESHOLD
        right += float((p.weights[known] * (predicted == (p.labels[known] > 0.5))).sum())
        total += float(p.weights[known].sum())
    return right / total if total else 0.0


def main(argv: list[str] | None = None) -> int:
    global TREES, TREE_LEAVES, TREE_LEARNING_RATE
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    parser.add_argument("--limit", type=int, default=None, help="pages per set (quick runs)")
    parser.add_argument("--cv", type=int, default=0, help="folds for the end-to-end cross-validation")
    parser.add_argument("--tolerance", type=float, default=0.0, help="figure loss allowed against 'always'")
    parser.add_argument(
        "--floors",
        default="0.966,0.940",
        help="seb-dev F1 and traf acc the default must keep (issue 14: today's html figures)",
    )
    parser.add_argument("--results", type=Path, help="reuse the per-page results of an earlier --cv --save")
    parser.add_argument(
        "--rule-only", action="store_true", help="with --write: keep the model, write only the fallback rule"
    )
    parser.add_argument("--write", action="store_true", help="fit on all pages and write html_weights.json")
    parser.add_argument(
        "--trees", type=int, default=TREES, help="boosted-tree stages of this many trees (0: logistic)"
    )
    parser.add_argument("--tree-leaves", type=int, default=TREE_LEAVES, help="leaves per tree (with --trees)")
    parser.add_argument(
        "--tree-learning-rate", type=float, default=TREE_LEARNING_RATE, help="shrinkage (with --trees)"
    )
    parser.add_argument("--save", type=Path, help="keep the out-of-fold per-page results here (pickle)")
    args = parser.parse_args(argv)
    TREES, TREE_LEAVES, TREE_LEARNING_RATE = args.trees, args.tree_leaves, args.tree_learning_rate
    if not args.eval_dir.is_dir():
        print(f"eval pages not found at {args.eval_dir}: nothing to fit", file=sys.stderr)
        return 2
    logging.disable(logging.CRITICAL)
    started = time.perf_counter()
    needs_pages = (args.cv and not args.results) or (args.write and not args.rule_only)
    pages = load_pages(args.eval_dir, args.limit) if needs_pages else []
    blocks = sum(len(p.labels) for p in pages)
    if pages:
        print(f"{len(pages)} pages, {blocks:,} blocks, features in {time.perf_counter() - started:.0f} s")
    rule = FallbackRule(0.2, 0.2, 200)
    floors = tuple(float(v) for v in args.floors.split(","))
    results: list[PageResult] = []
    if args.results:
        results = pickle.loads(args.results.read_bytes())
        attach_elements(results, args.eval_dir, args.limit)
    elif args.cv:
        results = cross_validate(pages, args.eval_dir, args.limit, args.cv)
        if args.save:
            args.save.write_bytes(pickle.dumps(results))
    if results:
        n = len(results)
        print(f"cross-validated, {args.cv} folds grouped by domain, {n} pages:")
        if pages:
            print(f"  block accuracy (weighted, labelled blocks): {block_accuracy(pages, results):.3f}")
        print(f"  trafilatura first (always): {mix(results, [True] * n).line()}")
        print(f"  classifier only (never):    {mix(results, [False] * n).line()}")
        rule, mixed, rate = choose_rule(results, args.tolerance, (floors[0], floors[1]))
        print(
            f"  fallback rule: band {rule.band}, unsure share > {rule.max_unsure_share}, "
            f"body < {rule.min_body_chars} chars, at most {rule.max_elements} elements"
        )
        block_share, element_share = sent_share(results, rule)
        print(
            f"  auto ({rate:.1%} of pages, {block_share:.1%} of blocks, {element_share:.1%} of elements"
            f" to trafilatura): "
            f"{mixed.line()}"
        )
        for dataset in SETS:
            part = [r for r in results if r.dataset == dataset]
            flags = [rule.goes(r.probabilities, r.chars, r.elements) for r in part]
            print(f"    {dataset}: {sum(flags) / max(len(flags), 1):.1%} of {len(part)} pages to trafilatura")
    if args.write and args.rule_only:
        data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
        data["fallback"] = rule.to_json()
        data["fitted"]["floors"] = list(floors)
        data["fitted"]["tolerance"] = args.tolerance
        WEIGHTS_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote the fallback rule into {WEIGHTS_PATH.relative_to(ROOT)}")
    elif args.write:
        model = fit(pages, rule)
        data = model.to_json()
        data["fitted"] = {
            "pages": len(pages),
            "blocks": blocks,
            "cv_folds": args.cv,
            "tolerance": args.tolerance,
            "floors": list(floors),
        }
        WEIGHTS_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_PATH.relative_to(ROOT)} ({len(FEATURE_NAMES)} + {len(STAGE2_EXTRA)} features)")
    if not args.cv and not args.write:
        print("nothing asked: give --cv K and/or --write")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
