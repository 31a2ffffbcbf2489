"""A raw-dump stage written as boosted trees reads its columns by name, page
constants included, and gives scikit-learn's own probabilities.

The rows are the stage-one columns of the corpus cases (texts written for the
project), labelled by their gold bodies.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from cleaner.blocks import split_blocks
from cleaner.errors import RuleFileError
from cleaner.heuristics import HeuristicLabeler
from cleaner.heuristics.features import STAGE1
from cleaner.heuristics.model import LinearStage, TreeStage, model_from_dict
from cleaner.heuristics.trees import tree_ensemble_to_dict
from tests.paths import ROOT

LINEAR = {"bias": 0.0, "weights": {}}


def corpus_pages() -> list[tuple[dict[str, Any], int, list[bool]]]:
    """(stage-one columns, lines, body or not per line) of every text corpus case."""
    labeler = HeuristicLabeler()
    pages = []
    for case in sorted((ROOT / "corpus").glob("*/*.txt")):
        gold = Path(str(case)[: -len(".txt")] + ".body.txt")
        if case.name.endswith(".body.txt") or not gold.exists():
            continue
        body = gold.read_text(encoding="utf-8")
        texts = [block.text for block in split_blocks(case.read_text(encoding="utf-8"))]
        cols, _ = labeler.features(texts)
        pages.append((cols, len(texts), [text.strip() in body for text in texts]))
    return pages


def as_matrix(cols: dict[str, Any], n: int, names: list[str]) -> np.ndarray:
    return np.array([np.broadcast_to(np.asarray(cols[name], dtype=float), n) for name in names]).T


@pytest.fixture(scope="module")
def pages() -> list[tuple[dict[str, Any], int, list[bool]]]:
    return corpus_pages()


def test_tree_stage_equals_sklearn_on_named_columns(
    pages: list[tuple[dict[str, Any], int, list[bool]]],
) -> None:
    names = list(reversed(STAGE1))  # fitted in another order than the run time's
    x = np.vstack([as_matrix(cols, n, names) for cols, n, _ in pages])
    y = np.concatenate([labels for _, _, labels in pages])
    fitted = HistGradientBoostingClassifier(max_iter=20, max_depth=3, min_samples_leaf=3, random_state=0).fit(
        x, y
    )
    weights = {
        "noisy": {
            "stage1": {"trees": tree_ensemble_to_dict(fitted, names)},
            "stage2": LINEAR,
            "threshold": 0.5,
        },
        "clean": {"stage1": LINEAR, "stage2": LINEAR, "threshold": 0.0},
    }
    model = model_from_dict(json.loads(json.dumps(weights)))
    stage = model.noisy.stage1
    assert isinstance(stage, TreeStage) and isinstance(model.noisy.stage2, LinearStage)
    got = np.concatenate([stage.probabilities(cols, n) for cols, n, _ in pages])
    expected = fitted.predict_proba(x)[:, 1]
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12)
    assert len(np.unique(np.round(expected, 9))) > 5  # the walk really descends the trees
    assert stage.logits(pages[0][0], 0).shape == (0,)


def test_tree_stage_naming_an_unknown_column_is_a_rule_file_error() -> None:
    trees = {
        "features": ["len_log", "no_such_column"],
        "baseline": 0.0,
        "trees": [
            {
                "feature": [1, 0, 0],
                "threshold": [0.5, 0, 0],
                "left": [1, -1, -1],
                "right": [2, -1, -1],
                "value": [0, 1, -1],
            }
        ],
    }
    weights = {
        "noisy": {"stage1": {"trees": trees}, "stage2": LINEAR, "threshold": 0.5},
        "clean": {"stage1": LINEAR, "stage2": LINEAR, "threshold": 0.0},
    }
    with pytest.raises(RuleFileError, match="no_such_column"):
        model_from_dict(weights, "weights.json")
