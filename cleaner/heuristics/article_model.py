"""The article-line model: boosted trees over ``article_lines`` columns, in two stages.

Stage one scores each line from its own columns; stage two re-reads them beside
its neighbours' stage-one probabilities. Both are tree ensembles fitted by
``bench/fit_article.py`` (cross-validated, folds grouped by domain) and run by
``trees.py`` with numpy. The threshold is chosen there on out-of-fold scores for a
body-loss budget, so it is high: inside an article almost every line is body.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cached_property
from math import log
from pathlib import Path
from typing import Any

import numpy as np

from cleaner.errors import RuleFileError
from cleaner.heuristics.article_lines import (
    ARTICLE_FEATURES,
    STAGE2_FEATURES,
    article_matrix,
    stage2_matrix,
)
from cleaner.heuristics.lexicon import Lexicon
from cleaner.heuristics.scores import PageLines
from cleaner.heuristics.trees import TreeEnsemble, ensemble_from_dict

ARTICLE_WEIGHTS_PATH = Path(__file__).resolve().parent / "article_weights.json"


@dataclass(frozen=True)
class ArticleModel:
    """Boilerplate log-odds of each line of an article's text, and the cut above which a line goes."""

    stage1: TreeEnsemble
    stage2: TreeEnsemble | None
    cut: float

    def logits(
        self,
        texts: list[str],
        lines: PageLines,
        leads: list[str | None],
        lexicon: Lexicon,
        sizes: list[int] | None = None,
    ) -> np.ndarray:
        """Log-odds of each line; ``sizes``: the lines of each page when ``texts`` holds
        many pages one after the other (``article_matrix``), which the trees then score
        in one pass (stage two, which reads across lines, takes one page at a time)."""
        own = article_matrix(texts, lines, leads, lexicon, self.columns, sizes)
        if self.stage2 is None:  # (what logits_of does, a call less a page)
            return self.stage1.logits(own)
        if sizes is None or len(sizes) == 1:  # (logits_of, folded in: once a page)
            return self.stage2.logits(stage2_matrix(own, self.stage1.probabilities(own)))
        starts = np.cumsum([0, *sizes])
        return np.concatenate([self.logits_of(own[a:b]) for a, b in zip(starts[:-1], starts[1:])])

    @cached_property
    def columns(self) -> frozenset[str]:
        """The ``article_matrix`` columns the trees read; the others need not be computed
        (a tree never looks at them, so they change no score)."""
        read = set(self.stage1.read_features())
        if self.stage2 is not None:
            read |= self.stage2.read_features()
        return frozenset(read.intersection(ARTICLE_FEATURES))

    def logits_of(self, own: np.ndarray) -> np.ndarray:
        """Log-odds from a page's stage-one columns (``article_matrix``)."""
        if self.stage2 is None:
            return self.stage1.logits(own)
        return self.stage2.logits(stage2_matrix(own, self.stage1.probabilities(own)))


def _bound(ensemble: TreeEnsemble, names: tuple[str, ...], path: str, key: str) -> TreeEnsemble:
    """The ensemble with its feature indices pointing at the run-time columns ``names``,
    so a file fitted on another column order (or a subset) reads the right ones."""
    where = {name: k for k, name in enumerate(names)}
    missing = [name for name in ensemble.features if name not in where]
    if missing:
        raise RuleFileError(path, None, key, f"unknown feature columns {missing}: refit the model")
    remap = np.array([where[name] for name in ensemble.features], dtype=np.intp)
    feature = remap[ensemble.feature] if len(remap) else ensemble.feature
    return replace(ensemble, features=names, feature=feature)


def article_model_from_dict(data: Any, path: str = "<article weights>") -> ArticleModel:
    """Build the model from the JSON structure bench/fit_article.py writes."""
    if not isinstance(data, dict):
        raise RuleFileError(path, None, None, "weights file must hold a JSON object")
    try:
        threshold = float(data["threshold"])
    except (KeyError, TypeError, ValueError):
        raise RuleFileError(path, None, "threshold", "must be a number between 0 and 1") from None
    if not 0.0 < threshold < 1.0:
        raise RuleFileError(path, None, "threshold", "must be a number between 0 and 1")
    if "stage1" not in data:
        raise RuleFileError(path, None, "stage1", "missing")
    stage1 = _bound(ensemble_from_dict(data["stage1"], path, "stage1"), ARTICLE_FEATURES, path, "stage1")
    stage2 = None
    if data.get("stage2") is not None:
        stage2 = _bound(ensemble_from_dict(data["stage2"], path, "stage2"), STAGE2_FEATURES, path, "stage2")
    return ArticleModel(stage1, stage2, log(threshold / (1.0 - threshold)))


def load_article_model(path: Path = ARTICLE_WEIGHTS_PATH) -> ArticleModel | None:
    """The shipped article-line model, or None where no weights file exists (before the first fit)."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuleFileError(str(path), None, None, f"cannot read weights: {exc}") from None
    return article_model_from_dict(data, str(path))
