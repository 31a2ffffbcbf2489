"""The block classifier with boosted-tree stages: read from the weights file's JSON
form, it gives scikit-learn's own probabilities through both stages, and writes
itself back unchanged.

The blocks are those of the test pages written for the project (two outlets'
article pages with their chrome), labelled by their article paragraphs.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from cleaner.heuristics.trees import tree_ensemble_to_dict
from cleaner.html.blockfeatures import FEATURE_NAMES, PageLayout, block_features
from cleaner.html.classifier import (
    STAGE2_EXTRA,
    BlockClassifier,
    PageContext,
    TreeStage,
    context_columns,
    shipped_classifier,
)
from cleaner.html.text import page_text, parse_html
from tests.html.test_html import HARBOUR_BODY, VALLEY_BODY, page

PAGES = (("harbour_gazette.html", HARBOUR_BODY), ("valley_courier.html", VALLEY_BODY))


def page_rows() -> list[tuple[np.ndarray, PageContext, np.ndarray]]:
    """(block features, page context, article or not per block) of each test page."""
    rows = []
    for name, body in PAGES:
        walk = page_text(parse_html(page(name).decode("utf-8"), for_trafilatura=False))
        layout = PageLayout(walk)
        features = block_features(walk, None, None, layout)
        labels = np.array([any(b.text.startswith(line[:40]) for line in body) for b in walk.blocks])
        rows.append((features, PageContext.of(walk, layout), labels))
    return rows


def fitted(x: np.ndarray, y: np.ndarray) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        max_iter=15, max_leaf_nodes=7, min_samples_leaf=2, random_state=0
    ).fit(x, y)


@pytest.fixture(scope="module")
def rows() -> list[tuple[np.ndarray, PageContext, np.ndarray]]:
    return page_rows()


def test_tree_stages_give_sklearns_probabilities(
    rows: list[tuple[np.ndarray, PageContext, np.ndarray]],
) -> None:
    x = np.vstack([features for features, _, _ in rows])
    y = np.concatenate([labels for _, _, labels in rows])
    assert 0 < y.sum() < len(y)
    first = fitted(x, y)
    second_x = [
        np.column_stack((features, context_columns(context, first.predict_proba(features)[:, 1])))
        for features, context, _ in rows
    ]
    second = fitted(np.vstack(second_x), y)
    data = shipped_classifier().to_json()
    data["first"] = {"trees": tree_ensemble_to_dict(first, list(FEATURE_NAMES))}
    data["second"] = {"trees": tree_ensemble_to_dict(second, list(FEATURE_NAMES) + list(STAGE2_EXTRA))}
    model = BlockClassifier.from_json(json.loads(json.dumps(data)))
    assert isinstance(model.first, TreeStage) and isinstance(model.second, TreeStage)
    for (features, context, _), stacked in zip(rows, second_x):
        expected = second.predict_proba(stacked)[:, 1]
        np.testing.assert_allclose(model.scores(features, context), expected, rtol=1e-9, atol=1e-12)
    assert model.to_json()["first"] == data["first"]  # written back as it was read
