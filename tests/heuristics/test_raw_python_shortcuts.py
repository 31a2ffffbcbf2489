"""The raw-dump path's Python shortcuts give what they replace, bit for bit: the regime's
few-word share counted on the word-count array (``features.few_share_of``), and the
lines a raw dump keeps found by one numpy test on its logits (``_kept_leads``)."""

from __future__ import annotations

import random

import numpy as np

from cleaner.heuristics.features import FEW_WORDS, few_share, few_share_of

SEEDS = range(40)
MAX_LINES = 3000


def test_few_share_of_the_array_is_few_share_of_the_list() -> None:
    assert few_share_of(np.zeros(0, dtype=np.int64)) == few_share([]) == 0.0
    for seed in SEEDS:
        rng = random.Random(seed)
        words = [
            rng.choice((0, 1, FEW_WORDS, FEW_WORDS + 1, rng.randrange(200)))
            for _ in range(rng.randrange(1, MAX_LINES))
        ]
        assert few_share_of(np.array(words, dtype=np.int64)) == few_share(words)


def test_kept_lines_by_numpy_are_the_button_line_test() -> None:
    special = [float("nan"), float("inf"), -float("inf"), 0.0, -0.0, 1e-300, -30.0]
    for seed in SEEDS:
        rng = random.Random(seed)
        cut = rng.choice([0.0, -1.5, 2.25, -float("inf"), float("inf"), float("nan")])
        scores = [rng.choice([*special, cut, rng.uniform(-40, 40)]) for _ in range(rng.randrange(0, 500))]
        expected = [j for j, score in enumerate(scores) if not cut > score]
        assert np.flatnonzero(~(cut > np.array(scores, dtype=np.float64))).tolist() == expected
