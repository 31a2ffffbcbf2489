"""tree_walk.c's compact walk against the numpy walk of the same heaps (trees.py): random
ensembles with leaves at every depth, rows holding NaN and infinities, every block size."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from cleaner import native
from cleaner.heuristics.trees import TreeEnsemble, ensemble_from_dict

pytestmark = pytest.mark.skipif(native.MODULE is None, reason="no compiled module")

COLUMNS = 5


def random_tree(rng: Any, depth: int, leaves: int) -> dict[str, list[Any]]:
    """A tree of the JSON form: leaves split at random until ``leaves`` or ``depth`` stops it."""
    tree: dict[str, list[Any]] = {
        "feature": [0],
        "threshold": [0.0],
        "left": [-1],
        "right": [-1],
        "value": [0.0],
    }
    level = [0]
    open_leaves = [0]
    while len(open_leaves) < leaves:
        splittable = [k for k in open_leaves if level[k] < depth]
        if not splittable:
            break
        k = splittable[int(rng.integers(len(splittable)))]
        open_leaves.remove(k)
        tree["feature"][k] = int(rng.integers(COLUMNS))
        tree["threshold"][k] = float(rng.choice([rng.normal(), np.inf, -np.inf, 0.0]))
        for side in ("left", "right"):
            tree[side][k] = len(level)
            open_leaves.append(len(level))
            level.append(level[k] + 1)
            for name, empty in (("feature", 0), ("threshold", 0.0), ("left", -1), ("right", -1)):
                tree[name].append(empty)
            tree["value"].append(float(rng.normal() * 10.0 ** rng.integers(-6, 6)))
    return tree


def ensemble(rng: Any, trees: int, depth: int) -> TreeEnsemble:
    data = {
        "features": [f"c{k}" for k in range(COLUMNS)],
        "baseline": float(rng.normal()),
        "trees": [random_tree(rng, depth, int(rng.integers(1, 40))) for _ in range(trees)],
    }
    return ensemble_from_dict(data, "test", "trees")


@pytest.mark.parametrize("seed", range(12))
def test_compact_walk_gives_the_heap_walk_bits(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(seed)
    found = ensemble(rng, int(rng.integers(1, 140)), int(rng.integers(1, 9)))
    if not found.depth:
        return
    for rows in (1, 3, 8, 9, 17, 64, 301):
        x = rng.normal(size=(rows, COLUMNS + 2))
        x[rng.random(x.shape) < 0.05] = np.nan
        x[rng.random(x.shape) < 0.03] = np.inf
        x[rng.random(x.shape) < 0.03] = -np.inf
        x[rng.random(x.shape) < 0.1] = 0.0
        live = found.logits(x)
        monkeypatch.setattr(native, "MODULE", None)
        reference = found.logits(x)
        monkeypatch.undo()
        assert live.tobytes() == reference.tobytes(), (seed, rows)


def test_empty_and_lone_leaf_ensembles_walk() -> None:
    module = native.MODULE
    assert module is not None
    # depth 0: a lone leaf per tree; no rows; no trees
    walker = module.tree_walker(
        np.zeros(2, np.intp),
        np.full(2, np.inf),
        np.zeros(2, np.intp),
        np.arange(2, dtype=np.intp),
        np.array([1.5, 2.0]),
        0,
        0,
    )
    assert np.frombuffer(module.tree_logits(np.zeros((3, 0)), walker, 0.25)).tolist() == [3.75] * 3
    assert module.tree_logits(np.zeros((0, 4)), walker, 0.0) == bytearray()
    none = module.tree_walker(*(np.zeros(0, t) for t in (np.intp, float, np.intp, np.intp, float)), 3, 2)
    assert np.frombuffer(module.tree_logits(np.ones((2, 2)), none, 1.0)).tolist() == [1.0, 1.0]


@pytest.mark.parametrize("trees", [1, 2, 7, 8, 9, 15, 16, 17, 120, 127, 128, 129])
def test_shallow_walk_sums_as_numpy_sums(trees: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shallow walk sums the leaves while it walks: numpy's pairwise order (eight sums
    side by side from 8 trees, the rest one by one) on either side of every boundary, with
    signed zeros among the leaves, rows in column-major layout (a page's article_matrix),
    strided, and holding NaN."""
    rng = np.random.default_rng(trees)
    for depth in (1, 3, 5, 6):
        found = ensemble(rng, trees, depth)
        value = found.value.copy()
        value[rng.random(value.shape) < 0.2] = -0.0
        value[rng.random(value.shape) < 0.1] = 0.0
        value[rng.random(value.shape) < 0.1] *= 1e16
        found = TreeEnsemble(
            found.features, found.baseline, found.depth, found.feature, found.threshold, value
        )
        for rows in (1, 4, 5, 63, 64, 65, 130):
            wide = rng.normal(size=(COLUMNS + 2, 2 * rows))
            wide[rng.random(wide.shape) < 0.1] = 0.0
            layouts = [wide.T[:rows], wide.T[::2], np.ascontiguousarray(wide.T[:rows])]
            nan = wide.T[:rows].copy()
            nan[rng.random(nan.shape) < 0.05] = np.nan
            for x in [*layouts, nan]:
                live = found.logits(x)
                monkeypatch.setattr(native, "MODULE", None)
                reference = found.logits(x)
                monkeypatch.undo()
                assert live.tobytes() == reference.tobytes(), (trees, depth, rows)
