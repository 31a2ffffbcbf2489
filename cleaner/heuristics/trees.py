"""Boosted trees at run time: a fitted ensemble packed into flat numpy arrays.

The article-line model is a gradient-boosted ensemble (fitted at dev time with
scikit-learn's HistGradientBoostingClassifier by ``bench/fit_article.py``, which
writes it as JSON). Walking each tree per line in Python would cost a call per
node; instead every node of every tree lives in one set of arrays, leaves point
to themselves, and all lines of a page descend all trees together: one gather
and one compare per depth level, whatever the number of trees.

The JSON form of one ensemble (``tree_ensemble_to_dict`` writes it):
``{"features": [names], "baseline": log-odds, "depth": levels,
"trees": [{"feature": [...], "threshold": [...], "left": [...], "right": [...],
"value": [...]}, ...]}``; a node whose ``left`` is -1 is a leaf holding ``value``;
an inner node sends a line left when its feature is at most ``threshold``
(scikit-learn's rule). Columns never hold NaN, so missing values need no rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from cleaner.errors import RuleFileError

LEAF = -1  # ``left`` of a leaf in the JSON form (as in scikit-learn's node arrays)


@dataclass(frozen=True)
class TreeEnsemble:
    """Every node of every tree in flat arrays; a line's score is the baseline plus the
    value of the leaf it reaches in each tree (log-odds of boilerplate)."""

    features: tuple[str, ...]  # the column each feature index names
    baseline: float
    depth: int  # the deepest leaf's depth: this many steps bring every line to its leaf
    roots: np.ndarray  # (trees,) node index of each tree's root
    feature: np.ndarray  # (nodes,) column index read at a node (0 at leaves, never used)
    threshold: np.ndarray  # (nodes,) go left when the column is at most this (+inf at leaves)
    left: np.ndarray  # (nodes,) next node index; a leaf points to itself
    right: np.ndarray
    value: np.ndarray  # (nodes,) leaf values (0 at inner nodes)

    def logits(self, x: np.ndarray) -> np.ndarray:
        """Log-odds per row of ``x`` (lines x features, in ``features`` order)."""
        n = x.shape[0]
        if not n:
            return np.zeros(0)
        flat = np.ascontiguousarray(x, dtype=np.float64).ravel()
        row_base = (np.arange(n) * x.shape[1])[:, None]
        node = np.broadcast_to(self.roots, (n, len(self.roots)))
        for _ in range(self.depth):
            go_left = flat[row_base + self.feature[node]] <= self.threshold[node]
            node = np.where(go_left, self.left[node], self.right[node])
        return self.value[node].sum(axis=1) + self.baseline

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Probability of boilerplate per row."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.logits(x), -30.0, 30.0)))


def ensemble_from_dict(data: Any, path: str, key: str) -> TreeEnsemble:
    """Pack the JSON form into arrays; a malformed file is a RuleFileError naming ``key``."""
    try:
        features = tuple(str(name) for name in data["features"])
        baseline = float(data["baseline"])
        trees = data["trees"]
        roots: list[int] = []
        feature: list[int] = []
        threshold: list[float] = []
        left: list[int] = []
        right: list[int] = []
        value: list[float] = []
        depth = 0
        for tree in trees:
            offset = len(feature)
            roots.append(offset)
            lefts, rights = tree["left"], tree["right"]
            for k, (lo, hi) in enumerate(zip(lefts, rights, strict=True)):
                if lo == LEAF:
                    feature.append(0)
                    threshold.append(np.inf)
                    left.append(offset + k)
                    right.append(offset + k)
                    value.append(float(tree["value"][k]))
                else:
                    column = int(tree["feature"][k])
                    if not 0 <= column < len(features):
                        raise ValueError(f"feature index {column} out of range")
                    feature.append(column)
                    threshold.append(float(tree["threshold"][k]))
                    left.append(offset + int(lo))
                    right.append(offset + int(hi))
                    value.append(0.0)
            depth = max(depth, _depth(lefts, rights))
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise RuleFileError(path, None, key, f"bad tree ensemble: {exc}") from None
    return TreeEnsemble(
        features,
        baseline,
        depth,
        np.array(roots, dtype=np.intp),
        np.array(feature, dtype=np.intp),
        np.array(threshold, dtype=np.float64),
        np.array(left, dtype=np.intp),
        np.array(right, dtype=np.intp),
        np.array(value, dtype=np.float64),
    )


def _depth(lefts: list[int], rights: list[int]) -> int:
    """Steps from the root to the deepest leaf (a lone leaf: 0); children must come
    after their parent, so a cycle cannot make the walk endless."""
    levels = [0] * len(lefts)
    for k, (lo, hi) in enumerate(zip(lefts, rights)):
        if lo != LEAF:
            if not (k < lo < len(lefts) and k < hi < len(lefts)):
                raise ValueError(f"node {k}: children must follow their parent")
            levels[lo] = levels[hi] = levels[k] + 1
    return max(levels, default=0)


def tree_ensemble_to_dict(estimator: Any, features: list[str]) -> dict[str, Any]:
    """The JSON form of a fitted binary HistGradientBoostingClassifier (dev time only:
    read from its fitted predictors, so the run time needs no scikit-learn)."""
    baseline = float(np.asarray(estimator._baseline_prediction).ravel()[0])
    trees: list[dict[str, list[Any]]] = []
    for (predictor,) in estimator._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            {
                "feature": [0 if f else int(c) for f, c in zip(leaf, nodes["feature_idx"])],
                "threshold": [0.0 if f else float(t) for f, t in zip(leaf, nodes["num_threshold"])],
                "left": [LEAF if f else int(c) for f, c in zip(leaf, nodes["left"])],
                "right": [LEAF if f else int(c) for f, c in zip(leaf, nodes["right"])],
                "value": [float(v) if f else 0.0 for f, v in zip(leaf, nodes["value"])],
            }
        )
    depth = max((_depth(t["left"], t["right"]) for t in trees), default=0)
    return {"features": list(features), "baseline": baseline, "depth": depth, "trees": trees}
