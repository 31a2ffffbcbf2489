"""The numpy tree walk gives scikit-learn's own probabilities, on real feature rows.

The rows are the article-line columns of the corpus cases (texts written for the
project, modelled on real layouts), labelled by their gold bodies; a small
ensemble is fitted on them with scikit-learn, written to the JSON form, read
back and walked level by level.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from cleaner.blocks import split_blocks
from cleaner.errors import RuleFileError
from cleaner.heuristics import HeuristicLabeler, trees
from cleaner.heuristics.article_lines import ARTICLE_FEATURES
from cleaner.heuristics.article_model import article_model_from_dict, load_article_model
from cleaner.heuristics.trees import HEAP_MAX_DEPTH, LEAF, ensemble_from_dict, tree_ensemble_to_dict
from tests.paths import ROOT

CORPUS = ROOT / "corpus"


def corpus_rows() -> tuple[np.ndarray, np.ndarray]:
    """Article-line columns of every text corpus case; a line is boilerplate when its
    text is not in the case's gold body."""
    labeler = HeuristicLabeler()
    blocks: list[np.ndarray] = []
    labels: list[bool] = []
    for case in sorted(CORPUS.glob("*/*.txt")):
        if case.name.endswith(".body.txt"):
            continue
        gold = Path(str(case)[: -len(".txt")] + ".body.txt")
        if not gold.exists():
            continue
        body = gold.read_text(encoding="utf-8")
        texts = [block.text for block in split_blocks(case.read_text(encoding="utf-8"))]
        blocks.append(labeler.article_features(texts))
        labels.extend(text.strip() not in body for text in texts)
    return np.vstack(blocks), np.array(labels)


@pytest.fixture(scope="module")
def rows() -> tuple[np.ndarray, np.ndarray]:
    return corpus_rows()


@pytest.mark.parametrize("depth", [1, 3, 5])
def test_numpy_walk_equals_sklearn_predict_proba(rows: tuple[np.ndarray, np.ndarray], depth: int) -> None:
    x, y = rows
    assert x.shape == (len(y), len(ARTICLE_FEATURES)) and 0 < y.sum() < len(y)
    fitted = HistGradientBoostingClassifier(
        max_iter=25, max_depth=depth, min_samples_leaf=3, random_state=0, early_stopping=False
    ).fit(x, y)
    data = json.loads(json.dumps(tree_ensemble_to_dict(fitted, list(ARTICLE_FEATURES))))
    ensemble = ensemble_from_dict(data, "<test>", "stage1")
    assert ensemble.depth == depth
    expected = fitted.predict_proba(x)[:, 1]
    np.testing.assert_allclose(ensemble.probabilities(x), expected, rtol=1e-12, atol=1e-15)
    # the decisions differ between lines: the walk really descends the trees
    assert len(np.unique(np.round(expected, 9))) > 5


@pytest.mark.parametrize("cells", [1, 1000, 1 << 15, 1 << 30])
def test_walk_in_slices_gives_every_line_the_score_of_one_whole_walk(
    rows: tuple[np.ndarray, np.ndarray], cells: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch is walked WALK_CELLS cells at a time (for the cache): the slice size never
    changes a score, bit for bit, from a line per slice to the whole batch at once."""
    model = load_article_model()
    assert model is not None
    x = np.vstack([rows[0]] * 3)  # more lines than one slice of the shipped size holds
    whole = model.stage1.logits(x)
    monkeypatch.setattr(trees, "WALK_CELLS", cells)
    assert np.array_equal(model.stage1.logits(x), whole)


def test_model_reads_columns_by_name_whatever_order_it_was_fitted_in(
    rows: tuple[np.ndarray, np.ndarray],
) -> None:
    x, y = rows
    order = list(reversed(range(len(ARTICLE_FEATURES))))
    fitted = HistGradientBoostingClassifier(max_iter=10, max_depth=3, min_samples_leaf=3).fit(x[:, order], y)
    data = {
        "stage1": tree_ensemble_to_dict(fitted, [ARTICLE_FEATURES[k] for k in order]),
        "stage2": None,
        "threshold": 0.5,
    }
    model = article_model_from_dict(json.loads(json.dumps(data)))
    np.testing.assert_allclose(model.logits_of(x), fitted.decision_function(x[:, order]), rtol=1e-12)


def test_shipped_weights_load_and_score_every_line(rows: tuple[np.ndarray, np.ndarray]) -> None:
    model = load_article_model()
    assert model is not None
    scores = model.logits_of(rows[0])
    assert scores.shape == (len(rows[1]),) and np.isfinite(scores).all()


@pytest.mark.parametrize(
    ("tree", "message"),
    [
        ({"feature": [0], "threshold": [0.0], "left": [5], "right": [6], "value": [0.0]}, "follow"),
        ({"feature": [0, 0, 0], "threshold": [0.0] * 3, "left": [1, -1, -1], "right": [2, -1, -1]}, "value"),
        (
            {
                "feature": [99, 0, 0],
                "threshold": [0.0] * 3,
                "left": [1, -1, -1],
                "right": [2, -1, -1],
                "value": [0.0] * 3,
            },
            "out of range",
        ),
    ],
)
def test_malformed_ensemble_is_a_clear_error(tree: dict[str, list[float]], message: str) -> None:
    data = {"features": ["a"], "baseline": 0.0, "trees": [tree]}
    with pytest.raises(RuleFileError, match=message):
        ensemble_from_dict(data, "weights.json", "stage1")


def test_tree_deeper_than_the_heap_allows_is_a_clear_error() -> None:
    # a chain: inner node 2k sends left to inner node 2k + 2, right to leaf 2k + 1; the last node is a leaf
    levels = HEAP_MAX_DEPTH + 1
    size = 2 * levels + 1
    inner = [k % 2 == 0 and k < size - 1 for k in range(size)]
    tree = {
        "feature": [0] * size,
        "threshold": [0.5] * size,
        "left": [k + 2 if inner[k] else LEAF for k in range(size)],
        "right": [k + 1 if inner[k] else LEAF for k in range(size)],
        "value": [0.0] * size,
    }
    data = {"features": ["a"], "baseline": 0.0, "trees": [tree]}
    with pytest.raises(RuleFileError, match="levels deep"):
        ensemble_from_dict(data, "weights.json", "stage1")


def test_leaf_above_the_last_level_scores_every_line_that_reaches_it() -> None:
    # root splits on column 0; its left child is a leaf, its right child splits again
    tree = {
        "feature": [0, 0, 1, 0, 0],
        "threshold": [0.5, 0.0, 0.5, 0.0, 0.0],
        "left": [1, LEAF, 3, LEAF, LEAF],
        "right": [2, LEAF, 4, LEAF, LEAF],
        "value": [0.0, 1.0, 0.0, 2.0, 3.0],
    }
    ensemble = ensemble_from_dict({"features": ["a", "b"], "baseline": 0.5, "trees": [tree]}, "<test>", "s")
    x = np.array([[0.0, 0.0], [0.0, 9.0], [1.0, 0.0], [1.0, 9.0]])
    assert ensemble.logits(x).tolist() == [1.5, 1.5, 2.5, 3.5]
