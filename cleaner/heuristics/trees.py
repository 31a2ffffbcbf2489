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
from functools import cached_property
from math import inf
from typing import Any

import numpy as np

from cleaner import native
from cleaner.errors import RuleFileError

LEAF = -1  # ``left`` of a leaf in the JSON form (as in scikit-learn's node arrays)


# Node and flat cell indices: numpy's own index type. ``take`` converts any other to it
# first, a pass more per gather: with 32-bit indices the dev batches' article trees
# walked 1.5x slower (0.087 s against 0.059), pages one by one 1.1x.
_INDEX = np.intp
# Lines x trees walked at once: each index array of the walk then stays in a core's cache
# (a batch of 256 pages walked whole ran at half the speed; measured on the dev pages). At
# 1 << 17 cells a float column is 1 MB and the walk's few live arrays spill a 2 MB L2 (the
# build machine's share of one): the dev batches' article trees walked 2.7x slower than at
# 1 << 15 (0.166 s against 0.060; 1 << 14 the same, 1 << 16 in between).
WALK_CELLS = 1 << 15
HEAP_MAX_DEPTH = 12  # each tree takes 2**(depth + 1) slots; deeper trees (never fitted here) are refused


@dataclass(frozen=True)
class TreeEnsemble:
    """Every tree as a complete binary tree of ``depth`` levels in heap order (node k's
    children at 2k + 1 and 2k + 2), all trees side by side in flat arrays; a leaf
    above the last level fills its whole subtree below it. A line's score is the
    baseline plus the value of the leaf it reaches in each tree (log-odds of
    boilerplate).

    Why complete trees: a line's next node is then arithmetic on its current one
    (2k + 1 or 2k + 2), so each level costs one gather of the column and one of the
    threshold, with no child arrays to look up and no test for leaves.
    """

    features: tuple[str, ...]  # the column each feature index names
    baseline: float
    depth: int  # every leaf sits this many levels below its root
    feature: np.ndarray  # (trees * slots,) column index read at a node (0 at leaves, never used)
    threshold: (
        np.ndarray
    )  # (trees * slots,) go left when the column is at most this (+inf where a leaf fills)
    value: np.ndarray  # (trees * slots,) leaf values (0 at inner nodes)

    @property
    def slots(self) -> int:
        """Heap slots per tree: the nodes of a complete tree of ``depth`` levels."""
        return 2 ** (self.depth + 1) - 1

    def logits(self, x: np.ndarray) -> np.ndarray:
        """Log-odds per row of ``x`` (lines x features, in ``features`` order)."""
        n = x.shape[0]
        if not n:
            return np.zeros(0)
        if native.MODULE is not None and self.depth:
            # the walk and the sums in C, row by row, read through x's strides (no copy, no
            # slices): the same leaves, summed as numpy sums them (tree_logits)
            x = np.asarray(x, dtype=np.float64)
            return np.frombuffer(native.MODULE.tree_logits(x, self._native_walk, self.baseline), np.float64)
        roots, right, feature, root_columns, root_thresholds, root_rights = self._walk
        rows = max(WALK_CELLS // max(len(roots), 1), 1)
        if n > rows:  # many pages' lines: walked a slice at a time, each row alone as before
            return np.concatenate([self.logits(x[at : at + rows]) for at in range(0, n, rows)])
        if not self.depth:  # lone leaves: every line at the roots
            return self.value.take(np.broadcast_to(roots, (n, len(roots)))).sum(axis=1) + self.baseline  # type: ignore[no-any-return]
        x = np.ascontiguousarray(x, dtype=np.float64)
        flat = x.ravel()
        row_base = (np.arange(n, dtype=_INDEX) * x.shape[1])[:, None]
        # Arrays stay (lines x trees) in C order, so the sum over trees adds in one fixed
        # order. Indices are gathered by ``take``, numpy's cheaper form for a flat array. A page of a few
        # dozen lines costs numpy calls more than work: the first level reads its columns
        # (the same for every line) in one call, and a step down is one gather of the
        # right child less the went-left flag.
        node = root_rights - (x.take(root_columns, axis=1) <= root_thresholds)
        for _ in range(self.depth - 1):
            go_left = flat.take(row_base + feature.take(node)) <= self.threshold.take(node)
            node = right.take(node) - go_left
        return self.value.take(node).sum(axis=1) + self.baseline  # type: ignore[no-any-return]

    @cached_property
    def _walk(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each tree's root slot; from slot k of a tree (its root at r) the walk goes to
        2(k - r) + r + 1 or + 2: the right child, ``right[k]`` = 2k + 2 - r, less one when
        the line goes left; the column read at each slot; and the roots' columns,
        thresholds and right children, which every line reads: as numpy's own indices."""
        trees = len(self.value) // self.slots
        roots = (np.arange(trees) * self.slots).astype(_INDEX)
        slots = np.arange(len(self.value), dtype=_INDEX)
        right = 2 * slots + 2 - np.repeat(roots, self.slots)
        right[right >= len(self.value)] = 0  # below a leaf (never taken): any slot in range
        feature = self.feature.astype(_INDEX)
        return roots, right, feature, feature[roots], self.threshold[roots], right[roots]

    @cached_property
    def _native_walk(self) -> Any:
        """The compiled walk of these trees (``tree_walker``: the heap arrays checked and
        packed once, not on each page's walk), for rows of ``features`` columns."""
        assert native.MODULE is not None
        roots, right, feature = (np.ascontiguousarray(a, dtype=_INDEX) for a in self._walk[:3])
        threshold = np.ascontiguousarray(self.threshold, dtype=np.float64)
        value = np.ascontiguousarray(self.value, dtype=np.float64)
        return native.MODULE.tree_walker(
            feature, threshold, right, roots, value, self.depth, len(self.features)
        )

    def read_features(self) -> set[str]:
        """The columns some inner node compares (a slot with an infinite threshold is a
        leaf's filler: every line goes left there, whatever the column holds)."""
        return {self.features[k] for k in set(self.feature[np.isfinite(self.threshold)].tolist())}

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Probability of boilerplate per row."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.logits(x), -30.0, 30.0)))


def ensemble_from_dict(data: Any, path: str, key: str) -> TreeEnsemble:
    """Pack the JSON form into heap arrays; a malformed file is a RuleFileError naming ``key``."""
    try:
        features = tuple(str(name) for name in data["features"])
        baseline = float(data["baseline"])
        trees = data["trees"]
        depth = max((_depth(tree["left"], tree["right"]) for tree in trees), default=0)
        if depth > HEAP_MAX_DEPTH:
            raise ValueError(f"trees {depth} levels deep: at most {HEAP_MAX_DEPTH}, refit with max_depth")
        slots = 2 ** (depth + 1) - 1
        # filled as lists, made arrays once: a numpy item set costs ten times a list's
        feature = [0] * (len(trees) * slots)
        threshold = [inf] * (len(trees) * slots)
        value = [0.0] * (len(trees) * slots)
        for t, tree in enumerate(trees):
            _place(tree, len(features), t * slots, depth, feature, threshold, value)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise RuleFileError(path, None, key, f"bad tree ensemble: {exc}") from None
    return TreeEnsemble(
        features,
        baseline,
        depth,
        np.array(feature, dtype=np.intp),
        np.array(threshold, dtype=np.float64),
        np.array(value, dtype=np.float64),
    )


def _place(
    tree: Any,
    columns: int,
    root: int,
    depth: int,
    feature: list[int],
    threshold: list[float],
    value: list[float],
) -> None:
    """Write one tree of the JSON form into the heap arrays from slot ``root`` on: an
    inner node at its slot, a leaf at every bottom slot of its subtree (the +inf
    thresholds above them send every line left, to the first of them)."""
    lefts, rights = tree["left"], tree["right"]
    stack = [(0, 0, 0)]  # (JSON node, heap slot within the tree, level)
    while stack:
        k, slot, level = stack.pop()
        if lefts[k] == LEAF:
            first = slot
            for _ in range(depth - level):  # the leftmost bottom slot below this one
                first = 2 * first + 1
            value[root + first] = float(tree["value"][k])
            continue
        column = int(tree["feature"][k])
        if not 0 <= column < columns:
            raise ValueError(f"feature index {column} out of range")
        feature[root + slot] = column
        threshold[root + slot] = float(tree["threshold"][k])
        stack.append((int(lefts[k]), 2 * slot + 1, level + 1))
        stack.append((int(rights[k]), 2 * slot + 2, level + 1))


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
