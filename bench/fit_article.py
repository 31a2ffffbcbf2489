"""Fit the article-line model (cleaner/heuristics/article_weights.json) and measure it.

The model scores the lines of an article's text (an extractor's output, or the
article blocks of a page) for the boilerplate still inside it. It is fitted on
the extracted text of the evaluation pages, ../shared/eval/dev (not part of the
project; point --eval-dir at a copy), with line labels from the gold answers as
the leftovers measure defines them (cleaner/evaluation/leftovers.py):

- seb-dev, wceb-dev: a line is boilerplate when at most 20% of its 4-token
  shingles are in the gold body, body when at least 80% are (short lines: their
  token run in the gold body or not);
- traf: a line holding a must_drop string is boilerplate, one holding a
  must_keep string is body (lines holding both, or neither, are left out).

The older pages of wceb-dev call tables and navigation-like lines boilerplate,
the opposite of modern articles, so they weigh less (--wceb-weight). The
threshold is chosen on out-of-fold predictions (folds grouped by domain) as the
lowest that keeps each set's body loss within its budget.

    python bench/fit_article.py              # fit on all pages, write the weights
    python bench/fit_article.py --cv 5       # cross-validated figures, end to end

Fitting needs scikit-learn and numpy (dev time only); at run time the model is
a dot product per line in pure Python.
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
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.blocks import split_blocks  # noqa: E402
from cleaner.evaluation.leftovers import (  # noqa: E402
    TOKEN,
    GoldIndex,
    LineCounts,
    StringCounts,
    label_line,
    line_counts,
    string_counts,
)
from cleaner.evaluation.metrics import KeepLeakScore, ShingleScore, fold_space  # noqa: E402
from cleaner.heuristics import HeuristicLabeler  # noqa: E402
from cleaner.heuristics.article_lines import stage2_columns as article_stage2_columns  # noqa: E402
from cleaner.heuristics.model import ARTICLE_WEIGHTS_PATH, ArticleModel, LinearStage  # noqa: E402

SETS = ("seb-dev", "traf", "wceb-dev")
SET_WEIGHTS = {"seb-dev": 3.0, "traf": 1.0}  # seb-dev has few pages; each is worth more
# Body-loss budgets for choosing the threshold on out-of-fold predictions: seb-dev
# and wceb-dev in shares of body tokens, traf in share of body lines (~ must_keep strings).
BUDGETS = {"seb-dev": 0.003, "traf": 0.004, "wceb-dev": 0.003}
REGULARISATION = 1.0  # inverse strength (sklearn's C) on standardised features


@dataclass
class Page:
    dataset: str
    host: str
    record: dict[str, Any]
    texts: list[str]
    labels: list[bool | None]  # True: boilerplate, False: body, None: left out
    tokens: list[int]


def url_of(record: dict[str, Any]) -> str | None:
    url = record.get("url")
    return url if url and url != "None" else None


def load_pages(eval_dir: Path, limit: int | None) -> list[Page]:
    pages: list[Page] = []
    for name in SETS:
        path = eval_dir / f"{name}.jsonl.gz"
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                if limit is not None and number >= limit:
                    break
                record = json.loads(line)
                text = record.get("extracted_text") or ""
                if not text.strip():
                    continue
                texts = [block.text for block in split_blocks(text)]
                url = url_of(record)
                host = (urlparse(url).hostname or "") if url else ""
                host = host.removeprefix("www.") or f"{name}:{record['id']}"
                pages.append(
                    Page(name, host, record, texts, line_labels(name, record, texts), token_counts(texts))
                )
    return pages


def token_counts(texts: list[str]) -> list[int]:
    return [len(TOKEN.findall(t)) for t in texts]


def line_labels(name: str, record: dict[str, Any], texts: list[str]) -> list[bool | None]:
    if name == "traf":
        drops = [fold_space(s) for s in record.get("must_drop") or [] if fold_space(s)]
        keeps = [fold_space(s) for s in record.get("must_keep") or [] if fold_space(s)]
        labels: list[bool | None] = []
        for text in texts:
            folded = fold_space(text)
            drop = any(s in folded for s in drops)
            keep = any(s in folded for s in keeps)
            labels.append(None if drop == keep else drop)
        return labels
    gold = GoldIndex(record["gold_body"])
    out: list[bool | None] = []
    for text in texts:
        label = label_line(TOKEN.findall(text), gold)
        out.append(None if label is None else label == "boilerplate")
    return out


def design(pages: list[Page], labeler: HeuristicLabeler) -> tuple[list[str], np.ndarray, list[int]]:
    """Feature matrix over every line of every page, and each line's page index."""
    names: list[str] | None = None
    rows: list[np.ndarray] = []
    owners: list[int] = []
    for index, page in enumerate(pages):
        cols = labeler.article_features(page.texts)
        if names is None:
            names = list(cols)
        n = len(page.texts)
        block = np.empty((n, len(names)))
        for k, name in enumerate(names):
            value = cols[name]
            block[:, k] = value if isinstance(value, float) else np.asarray(value, dtype=float)
        rows.append(block)
        owners.extend([index] * n)
    assert names is not None
    return names, np.vstack(rows), owners


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, np.ndarray]:
    """Logistic regression on standardised columns, returned in raw-column terms."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=REGULARISATION, max_iter=5000)
    model.fit((x - mean) / scale, y, sample_weight=w)
    weights = model.coef_[0] / scale
    bias = float(model.intercept_[0] - np.sum(model.coef_[0] * mean / scale))
    return bias, weights


@dataclass
class Rows:
    """Every line of a set of pages, flattened; ``labelled`` marks those with a label."""

    x: np.ndarray
    y: np.ndarray
    labelled: np.ndarray
    weight: np.ndarray
    group: np.ndarray
    dataset: np.ndarray
    tokens: np.ndarray
    page: np.ndarray  # index of the line's page (for the neighbours of stage two)

    def subset(self, mask: np.ndarray) -> Rows:
        return Rows(*(getattr(self, f)[mask] for f in Rows.__dataclass_fields__))


def all_rows(pages: list[Page], x: np.ndarray, owners: list[int], wceb_weight: float) -> Rows:
    labels: list[bool | None] = [label for page in pages for label in page.labels]
    return Rows(
        x,
        np.array([bool(label) for label in labels]),
        np.array([label is not None for label in labels]),
        np.array(
            [wceb_weight if pages[i].dataset == "wceb-dev" else SET_WEIGHTS[pages[i].dataset] for i in owners]
        ),
        np.array([pages[i].host for i in owners]),
        np.array([pages[i].dataset for i in owners]),
        np.array([t for page in pages for t in page.tokens], dtype=float),
        np.array(owners),
    )


def stage2_design(rows: Rows, names: list[str], s1_logits: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Stage-two columns from stage-one scores, page by page, with the run-time function."""
    probabilities = 1.0 / (1.0 + np.exp(-np.clip(s1_logits, -30, 30)))
    starts = [0, *list(np.flatnonzero(np.diff(rows.page)) + 1), len(rows.page)]  # rows come page by page
    out_names: list[str] = []
    parts = []
    for begin, end in zip(starts, starts[1:]):
        cols = {name: list(rows.x[begin:end, k]) for k, name in enumerate(names)}
        cols2 = article_stage2_columns(cols, list(probabilities[begin:end]))  # type: ignore[arg-type]
        out_names = list(cols2)
        parts.append(np.column_stack([np.asarray(cols2[n], dtype=float) for n in out_names]))
    return out_names, np.vstack(parts)


def oof_logits(rows: Rows, x: np.ndarray, folds: int) -> np.ndarray:
    """Out-of-fold log-odds for every line (labelled or not), folds grouped by domain."""
    scores = np.zeros(len(rows.y))
    for train, test in GroupKFold(n_splits=folds).split(x, rows.y, rows.group):
        train = train[rows.labelled[train]]
        bias, weights = fit(x[train], rows.y[train], rows.weight[train])
        scores[test] = bias + x[test] @ weights
    return scores


@dataclass
class Fitted:
    names1: list[str]
    bias1: float
    weights1: np.ndarray
    names2: list[str]
    bias2: float
    weights2: np.ndarray
    cut: float

    def model(self) -> ArticleModel:
        return ArticleModel(
            LinearStage(self.bias1, tuple((n, float(w)) for n, w in zip(self.names1, self.weights1))),
            LinearStage(self.bias2, tuple((n, float(w)) for n, w in zip(self.names2, self.weights2))),
            self.cut,
        )


def fit_two_stages(rows: Rows, names: list[str], folds: int) -> Fitted:
    """Stage one on the lines; stage two on stage one's out-of-fold scores (stacking);
    the cut from stage two's out-of-fold scores."""
    s1 = oof_logits(rows, rows.x, folds)
    names2, x2 = stage2_design(rows, names, s1)
    s2 = oof_logits(rows, x2, folds)
    cut = choose_cut(rows, s2)
    lab = rows.labelled
    bias1, weights1 = fit(rows.x[lab], rows.y[lab], rows.weight[lab])
    bias2, weights2 = fit(x2[lab], rows.y[lab], rows.weight[lab])
    return Fitted(names, bias1, weights1, names2, bias2, weights2, cut)


def choose_cut(rows: Rows, scores: np.ndarray) -> float:
    """The lowest log-odds cut that keeps every set's out-of-fold body loss within budget."""
    cut = -np.inf
    for name, budget in BUDGETS.items():
        body = rows.labelled & (rows.dataset == name) & ~rows.y
        if not body.any():
            continue
        size = rows.tokens[body] if name != "traf" else np.ones(int(body.sum()))
        order = np.argsort(-scores[body])
        lost = np.cumsum(size[order]) / max(size.sum(), 1.0)
        over = np.nonzero(lost > budget)[0]
        # the cut sits at the score of the first body line that would overspend the budget
        limit = scores[body][order][over[0]] if len(over) else -np.inf
        cut = max(cut, float(limit))
    return cut


def weights_json(fitted: Fitted, info: dict[str, Any]) -> dict:
    threshold = float(1.0 / (1.0 + np.exp(-fitted.cut)))
    return {
        "stage1": {
            "bias": fitted.bias1,
            "weights": {n: float(w) for n, w in zip(fitted.names1, fitted.weights1)},
        },
        "stage2": {
            "bias": fitted.bias2,
            "weights": {n: float(w) for n, w in zip(fitted.names2, fitted.weights2)},
        },
        "threshold": threshold,
        **info,
    }


def evaluate(pages: list[Page], cleaner: Cleaner, indices: list[int], figures: dict[str, Any]) -> None:
    """Clean held-out pages end to end (extracted mode) and add up the figures."""
    for index in indices:
        page = pages[index]
        text = page.record["extracted_text"]
        result = cleaner.clean(text, url=url_of(page.record))
        keep, drop = page.record.get("must_keep") or [], page.record.get("must_drop") or []
        if page.dataset == "traf":
            figures["traf_keep_leak"].add(result.body, keep, drop)
            figures["traf_left"] += string_counts(text, result.body, keep, drop)
        else:
            figures["f1"].setdefault(page.dataset, ShingleScore()).add(result.body, page.record["gold_body"])
            figures[f"{page.dataset}_left"] += line_counts(result, GoldIndex(page.record["gold_body"]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    parser.add_argument("--cv", type=int, default=0, help="cross-validate end to end with this many folds")
    parser.add_argument(
        "--folds", type=int, default=5, help="folds for stacking and the out-of-fold threshold"
    )
    parser.add_argument("--wceb-weight", type=float, default=0.2)
    parser.add_argument("--limit", type=int, default=None, help="pages per set (quick runs)")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the weights")
    args = parser.parse_args()
    if not args.eval_dir.is_dir():
        sys.exit(
            f"fit_article: {args.eval_dir} not found: the evaluation pages are not part of the project; "
            "point --eval-dir at a copy of shared/eval/dev"
        )
    started = time.time()
    labeler = HeuristicLabeler()
    pages = load_pages(args.eval_dir, args.limit)
    names, x, owners = design(pages, labeler)
    rows = all_rows(pages, x, owners, args.wceb_weight)
    print(
        f"{len(pages)} pages, {int(rows.labelled.sum())} labelled lines "
        f"({int((rows.y & rows.labelled).sum())} boilerplate), {len(names)} features, {time.time() - started:.0f} s",
        file=sys.stderr,
    )
    if args.cv:
        cross_validate(pages, rows, names, args)
        return
    fitted = fit_two_stages(rows, names, args.folds)
    info = {
        "fitted_on": "shared/eval/dev extracted_text (seb-dev, traf, wceb-dev)",
        "wceb_weight": args.wceb_weight,
        "budgets": BUDGETS,
    }
    data = weights_json(fitted, info)
    print(f"cut (log-odds) {fitted.cut:.3f}, threshold {data['threshold']:.4f}", file=sys.stderr)
    if not args.dry_run:
        ARTICLE_WEIGHTS_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {ARTICLE_WEIGHTS_PATH}", file=sys.stderr)


def cross_validate(pages: list[Page], rows: Rows, names: list[str], args: argparse.Namespace) -> None:
    """Outer folds by domain: fit both stages (inner folds for stacking and the cut) on
    the rest, clean the held-out pages end to end, add up the figures."""
    hosts = np.array([page.host for page in pages])
    figures: dict[str, Any] = {
        "f1": {},
        "traf_keep_leak": KeepLeakScore(),
        "seb-dev_left": LineCounts(),
        "wceb-dev_left": LineCounts(),
        "traf_left": StringCounts(),
    }
    page_index = np.arange(len(pages))
    for fold, (_, test_pages) in enumerate(GroupKFold(n_splits=args.cv).split(page_index, groups=hosts)):
        held = list(set(hosts[test_pages]))
        fitted = fit_two_stages(rows.subset(~np.isin(rows.group, held)), names, args.folds)
        cleaner = Cleaner(use_env=False)
        cleaner.heuristics = HeuristicLabeler(article_model=fitted.model())
        evaluate(pages, cleaner, list(test_pages), figures)
        print(f"fold {fold + 1}/{args.cv} done", file=sys.stderr)
    print_figures(figures)


def print_figures(figures: dict[str, Any]) -> None:
    traf = figures["traf_keep_leak"]
    print("| set | F1 or keep/leak/acc | leftovers removal | loss |")
    print("|---|---|---|---|")
    for name in ("seb-dev", "wceb-dev"):
        f1 = figures["f1"][name].f1 if name in figures["f1"] else 0.0
        left = figures[f"{name}_left"]
        print(f"| {name} | F1 {f1:.3f} | {left.removal:.1%} | {left.loss:.2%} |")
    left = figures["traf_left"]
    print(
        f"| traf | {traf.keep:.1%} / {traf.leak:.1%} / {traf.acc:.3f} | {left.removal:.1%} | {left.loss:.2%} |"
    )


if __name__ == "__main__":
    main()
