"""The main-content classifier: which blocks of a page are the article.

Two stages over the features of cleaner/html/blockfeatures.py: the first
scores each block from its own features; the second re-reads those scores in
the block's parent and grandparent containers and its neighbours (an article
paragraph sits among article paragraphs). A stage is boosted trees
(``TreeStage``, walked by cleaner/heuristics/trees.py) or logistic; the weights
file says which (the shipped stages are trees: at the same quality out of fold
their surer scores send trafilatura half the pages the logistic stages sent).
Weights and the fallback thresholds ship in html_weights.json, fitted by
bench/fit_html.py with folds grouped by domain. At run time it is numpy
arithmetic and a compiled tree walk per page.

A page the classifier is unsure of goes to trafilatura (cleaner/html/__init__.py):
too much of its likely article text scored close to 0.5, or too little text
scored confidently as article; unless it has more elements than the rule's
``max_elements`` (or blocks than ``max_blocks``), where trafilatura would cost more
than its answer is worth. The shipped rule (session 18, chosen at issue 14's quality bar)
asks only the second: a page goes when fewer than 100 characters scored 0.6 or more.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from cleaner.heuristics.trees import TreeEnsemble, ensemble_from_dict
from cleaner.html.blockfeatures import (
    BLOCK_TEXT,
    FEATURE_NAMES,
    PageLayout,
    block_features_and_chars,
    grouped_mean,
)
from cleaner.html.text import PageText

WEIGHTS_PATH = Path(__file__).resolve().parent / "html_weights.json"
CONTEXT_WINDOW = 3  # blocks each side whose mean score the second stage reads

STAGE2_EXTRA: tuple[str, ...] = (
    "score",
    "score_parent",
    "score_grandparent",
    "score_prev",
    "score_next",
    "score_window",
    "score_page",
)


@dataclass(frozen=True, slots=True)
class LogisticStage:
    """Standardise, dot product, logistic: the fitted stage of bench/fit_html.py."""

    mean: Any
    scale: Any
    coef: Any
    intercept: float

    def probabilities(self, features: Any) -> Any:
        # row-major and dense as the stacked columns were: the product sums in the same order
        features = np.ascontiguousarray(features, dtype=np.float64)
        z = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))

    def to_json(self) -> dict[str, Any]:
        return {
            "mean": [float(v) for v in self.mean],
            "scale": [float(v) for v in self.scale],
            "coef": [float(v) for v in self.coef],
            "intercept": float(self.intercept),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LogisticStage:
        return cls(
            np.asarray(data["mean"], dtype=np.float64),
            np.asarray(data["scale"], dtype=np.float64),
            np.asarray(data["coef"], dtype=np.float64),
            float(data["intercept"]),
        )


@dataclass(frozen=True, slots=True)
class TreeStage:
    """Boosted trees over the same columns: a block's features interact (a short
    block is chrome in a link list and article in a caption run), which one
    weighted sum cannot say; the surer scores send fewer pages to trafilatura."""

    ensemble: TreeEnsemble
    source: dict[str, Any]  # the JSON form it was read from, written back as it is

    def probabilities(self, features: Any) -> Any:
        return self.ensemble.probabilities(np.asarray(features, dtype=np.float64))

    def to_json(self) -> dict[str, Any]:
        return {"trees": self.source}

    @classmethod
    def from_json(cls, data: dict[str, Any], key: str) -> TreeStage:
        return cls(ensemble_from_dict(data["trees"], str(WEIGHTS_PATH), key), data["trees"])


Stage = LogisticStage | TreeStage


def stage_from_json(data: dict[str, Any], key: str) -> Stage:
    """A stage from its JSON form: ``{"trees": ...}`` or the logistic fields."""
    if "trees" in data:
        return TreeStage.from_json(data, key)
    return LogisticStage.from_json(data)


# Confident article text (characters) below which the classifier has no answer on a page:
# about two sentences. Such a page goes to trafilatura whatever its size (FallbackRule.sends).
LOST_BODY_CHARS = 200


@dataclass(frozen=True, slots=True)
class FallbackRule:
    """When a page goes to trafilatura instead (see the module docstring).

    A page of more than ``max_elements`` elements (as the walk counts them,
    PageText.element_count) or ``max_blocks`` blocks keeps the classifier's answer
    however unsure it is: trafilatura's time grows with the page (a page it is sent
    costs about twice its mean page), and bench/fit_html.py chooses the rule that sends
    the fewest elements, not pages, at the same quality. Elements, not blocks: trafilatura
    walks every element, and at the same quality a cap on elements sends 18.4% of them
    where the best cap on blocks sent 20.4% (out of fold, 2 December).
    """

    band: float  # scores within this distance of 0.5 count as unsure
    max_unsure_share: float  # of the likely article characters (score above 0.5 - band)
    min_body_chars: int  # confident article characters a page needs
    max_blocks: int | None = None  # pages with more blocks are never sent (None: no limit)
    max_elements: int | None = None  # pages with more elements are never sent (None: no limit)

    def unsure(self, probabilities: Any, chars: Any) -> tuple[bool, float, int]:
        """(the classifier is unsure, unsure share, confident article characters)."""
        likely = probabilities > 0.5 - self.band
        near = likely & (probabilities < 0.5 + self.band)
        likely_chars = float(chars[likely].sum())
        share = float(chars[near].sum()) / likely_chars if likely_chars else 1.0
        body = int(chars[probabilities >= 0.5 + self.band].sum())
        return share > self.max_unsure_share or body < self.min_body_chars, share, body

    def sends(self, unsure: bool, blocks: int, elements: int = 0, body_chars: int | None = None) -> bool:
        """Whether a page this unsure, of this many blocks and elements, goes to trafilatura.

        The size caps trade a large page's quality for time only where the classifier
        has an answer: a page on which it is sure of less than LOST_BODY_CHARS of article
        text (``body_chars``) goes whatever its size, as its answer there is next to nothing
        (old forum and comment pages: slashdot's story pages scored 0.09 precision kept)."""
        if not unsure:
            return False
        if body_chars is not None and body_chars < LOST_BODY_CHARS:
            return True
        small = self.max_blocks is None or blocks <= self.max_blocks
        return small and (self.max_elements is None or elements <= self.max_elements)

    def goes(self, probabilities: Any, chars: Any, elements: int = 0) -> bool:
        """Whether the page of these block scores and sizes (and elements) goes to trafilatura."""
        unsure, _, body = self.unsure(probabilities, chars)
        return self.sends(unsure, len(chars), elements, body)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FallbackRule:
        most, elements = data.get("max_blocks"), data.get("max_elements")
        return cls(
            float(data["band"]),
            float(data["max_unsure_share"]),
            int(data["min_body_chars"]),
            int(most) if most is not None else None,
            int(elements) if elements is not None else None,
        )


@dataclass(frozen=True, slots=True)
class PageDecision:
    in_article: list[bool]
    probabilities: Any
    unsure: bool
    unsure_share: float
    body_chars: int
    fallback: bool  # unsure, and not too big to be worth trafilatura's time (FallbackRule.sends)


@dataclass(frozen=True, slots=True)
class BlockClassifier:
    first: Stage
    second: Stage
    threshold: float
    fallback: FallbackRule

    def scores(self, features: Any, context: PageContext) -> Any:
        """Second-stage probabilities for a page's feature matrix."""
        first = self.first.probabilities(features)
        return self.second.probabilities(np.column_stack((features, context_columns(context, first))))

    def decide(self, page: PageText, title: str | None, description: str | None) -> PageDecision:
        probabilities, chars = self.page_scores(page, title, description)
        unsure, share, body = self.fallback.unsure(probabilities, chars)
        inside = (probabilities >= self.threshold).tolist()
        fallback = self.fallback.sends(unsure, len(chars), page.element_count, body)
        return PageDecision(inside, probabilities, unsure, share, body, fallback)

    def page_scores(self, page: PageText, title: str | None, description: str | None) -> tuple[Any, Any]:
        """(second-stage probabilities, block characters) of a page: scores' numbers, with the
        features and the context columns written into one matrix (no stacks, no second count)."""
        layout = PageLayout(page)
        width = len(FEATURE_NAMES)
        matrix, chars = block_features_and_chars(page, title, description, layout, len(STAGE2_EXTRA))
        first = self.first.probabilities(matrix[:, :width])
        context = PageContext.of(page, layout, chars)
        context_columns(context, first, matrix[:, width:])
        return self.second.probabilities(matrix), chars

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURE_NAMES),
            "stage2_extra": list(STAGE2_EXTRA),
            "first": self.first.to_json(),
            "second": self.second.to_json(),
            "threshold": self.threshold,
            "fallback": self.fallback.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BlockClassifier:
        if list(data["features"]) != list(FEATURE_NAMES) or list(data["stage2_extra"]) != list(STAGE2_EXTRA):
            raise ValueError("html_weights.json was fitted on other features: refit with bench/fit_html.py")
        return cls(
            stage_from_json(data["first"], "first"),
            stage_from_json(data["second"], "second"),
            float(data["threshold"]),
            FallbackRule.from_json(data["fallback"]),
        )


@dataclass(frozen=True, slots=True)
class PageContext:
    """What the second stage needs of a page besides the scores: sizes and containers."""

    chars: Any
    parents: Any  # group index of each block's parent element
    grandparents: Any

    @classmethod
    def of(cls, page: PageText, layout: PageLayout, chars: Any = None) -> PageContext:
        """The context of a page; ``chars``, the blocks' lengths, where the caller has them."""
        if chars is None:
            chars = np.fromiter(
                map(len, map(BLOCK_TEXT, page.blocks)), dtype=np.float64, count=len(page.blocks)
            )
        return cls(chars, layout.groups(1), layout.groups(2))


def context_columns(context: PageContext, first: Any, out: Any = None) -> Any:
    """What the second stage reads of the first stage's scores around each block: into ``out``
    (blocks x STAGE2_EXTRA, each column written by one call of exact arithmetic) where given,
    else a new matrix."""
    n = len(first)
    if out is None:
        out = np.zeros((n, len(STAGE2_EXTRA)))
    if n == 0:
        return out
    chars = context.chars
    cumulative = np.zeros(n + 1)
    np.cumsum(first, out=cumulative[1:])
    idx = np.arange(n)
    lo, hi = np.maximum(idx - CONTEXT_WINDOW, 0), np.minimum(idx + CONTEXT_WINDOW + 1, n)
    page_mean = float((first * chars).sum() / max(chars.sum(), 1.0))
    score, parent, grandparent, prev, nxt, window, page = out.T
    score[:] = first
    parent[:] = grouped_mean(context.parents, chars, first)
    grandparent[:] = grouped_mean(context.grandparents, chars, first)
    prev[0], prev[1:] = first[0], first[:-1]  # the first block's own score before it
    nxt[:-1], nxt[-1] = first[1:], first[-1]
    np.divide(cumulative[hi] - cumulative[lo], hi - lo, out=window)
    page[:] = page_mean
    return out


@lru_cache(maxsize=1)
def shipped_classifier() -> BlockClassifier:
    """The classifier fitted by bench/fit_html.py, loaded once per process."""
    return BlockClassifier.from_json(json.loads(WEIGHTS_PATH.read_text(encoding="utf-8")))
