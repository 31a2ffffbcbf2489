"""The two-stage line classifier of raw dumps: weights from weights.json, run with numpy.

Stage one scores each line from its own and its context's features; stage two
re-reads the neighbours' stage-one scores (jusText's second pass, learned).
The weights are fitted by bench/fit_heuristics.py on the dev pages. A stage is
either linear (one matrix product over the page's feature columns) or boosted
trees over the same named columns (``trees.py``), as the weights file says.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from itertools import chain, compress, repeat
from math import inf, log
from operator import not_
from pathlib import Path
from typing import Any

import numpy as np

from cleaner import native
from cleaner.errors import RuleFileError
from cleaner.heuristics.features import STAGE1, STAGE2_EXTRA
from cleaner.heuristics.trees import TreeEnsemble, ensemble_from_dict

WEIGHTS_PATH = Path(__file__).resolve().parent / "weights.json"
# What each stage is given at run time (features.stage1_columns, stage2_columns)
STAGE1_COLUMNS = frozenset(STAGE1)
STAGE2_COLUMNS = frozenset(STAGE1 + STAGE2_EXTRA)
_LOGIT_CLIP = 30.0


@dataclass(frozen=True)
class LinearStage:
    """bias + sum(weight * column), squashed to a probability of "body"."""

    bias: float
    weights: tuple[tuple[str, float], ...]

    def probabilities(self, cols: dict[str, Any], n: int) -> np.ndarray:
        """Probability per line (of body for the raw-dump classifier, of boilerplate for the
        article-line model): the logistic of the log-odds, clipped below at -_LOGIT_CLIP
        (so exp() cannot overflow)."""
        return 1.0 / (1.0 + np.exp(-np.maximum(self.logits(cols, n), -_LOGIT_CLIP)))

    def logits(self, cols: dict[str, Any], n: int) -> np.ndarray:
        """Log-odds per line: one matrix product over the per-line columns; float columns
        are page constants, folded into the bias first (in weight order)."""
        names, weights, vector = self._prepared
        if n and _stack_columns is not None:
            found = self._stacked_logits(cols, n)
            if found is not None:
                return found
        values = list(map(cols.__getitem__, names))
        if not n:
            return np.zeros(0)
        is_constant = list(map(isinstance, values, repeat(float)))  # C-level: no bytecode per column
        constants = tuple(compress(range(len(values)), is_constant))
        if not constants:
            return vector @ _matrix(values, n) + self.bias
        bias = self.bias
        for i in constants:
            bias += weights[i] * values[i]
        if len(constants) == len(values):
            return np.full(n, bias)
        columns = list(compress(values, map(not_, is_constant)))
        return self._line_weights(constants) @ _matrix(columns, n) + bias

    def _stacked_logits(self, cols: dict[str, Any], n: int) -> np.ndarray | None:
        """``logits`` with the matrix filled by the compiled ``stack_columns`` (the lookups,
        the constants' test and the copy in one call, into an array made as numpy's own):
        the same matrix, the same product, the same floats. None where a column is no
        float64 array (a list, another dtype): ``logits``' numpy path reads it."""
        assert _stack_columns is not None
        names, weights, vector = self._prepared
        out = np.empty((len(names), n))
        found = _stack_columns(cols, names, n, out)
        if found is None:
            return None
        constants, values = found
        if not constants:
            return vector @ out + self.bias
        bias = self.bias
        for i, value in zip(constants, values):
            bias += weights[i] * value
        if len(constants) == len(names):
            return np.full(n, bias)
        return self._line_weights(constants) @ out[: len(names) - len(constants)] + bias

    def _line_weights(self, constants: tuple[int, ...]) -> np.ndarray:
        """The weights of the per-line columns when ``constants`` are page constants
        (remembered: a model sees the same few patterns on every page)."""
        found = self._weights_without.get(constants)
        if found is None:
            found = np.delete(self._vector, constants)
            self._weights_without[constants] = found
        return found

    @functools.cached_property
    def _weights_without(self) -> dict[tuple[int, ...], np.ndarray]:
        return {}

    @property
    def _names(self) -> tuple[str, ...]:
        return self._prepared[0]

    @property
    def _weights(self) -> tuple[float, ...]:
        return self._prepared[1]

    @property
    def _vector(self) -> np.ndarray:
        return self._prepared[2]

    @functools.cached_property
    def _prepared(self) -> tuple[tuple[str, ...], tuple[float, ...], np.ndarray]:
        """The features with a non-zero weight, their weights, and the weights as a vector."""
        kept = [(name, weight) for name, weight in self.weights if weight]
        names = tuple(name for name, _ in kept)
        weights = tuple(weight for _, weight in kept)
        return names, weights, np.array(weights, dtype=np.float64)


@dataclass(frozen=True)
class TreeStage:
    """Boosted trees over named columns (page constants stand in for every line):
    log-odds of body, like LinearStage's, with the interactions a sum cannot hold
    (a short line is chrome at the page's head and body inside a list)."""

    ensemble: TreeEnsemble

    def probabilities(self, cols: dict[str, Any], n: int) -> np.ndarray:
        return self.ensemble.probabilities(self._rows(cols, n))

    def logits(self, cols: dict[str, Any], n: int) -> np.ndarray:
        return self.ensemble.logits(self._rows(cols, n))

    def _rows(self, cols: dict[str, Any], n: int) -> np.ndarray:
        """Lines x the ensemble's columns, a page constant repeated down its column."""
        x = np.empty((n, len(self.ensemble.features)))
        if not n:
            return x
        for k, name in enumerate(self.ensemble.features):
            x[:, k] = cols[name]
        return x


Stage = LinearStage | TreeStage
# LinearStage's matrix filled in one call (raw_read.c), where numpy gathered the columns
_stack_columns = None if native.MODULE is None else native.MODULE.stack_columns


def _matrix(columns: list[Any], n: int) -> np.ndarray:
    """The columns (arrays, or lists of floats) as the rows of one matrix. Lists are read
    as one flat run of floats, which costs less than numpy discovering their shape."""
    if isinstance(columns[0], list):
        return np.fromiter(chain.from_iterable(columns), np.float64, len(columns) * n).reshape(
            len(columns), n
        )
    return np.array(columns, dtype=np.float64)


@dataclass(frozen=True)
class Regime:
    """One two-stage model and its keep threshold."""

    stage1: Stage
    stage2: Stage
    threshold: float

    @property
    def threshold_logit(self) -> float:
        """The threshold as log-odds, so stage two's output needs no sigmoid."""
        if self.threshold <= 0.0:
            return -inf
        if self.threshold >= 1.0:
            return inf
        return log(self.threshold / (1.0 - self.threshold))


@dataclass(frozen=True)
class LineModel:
    """Two regimes: pages that are mostly short lines (raw dumps) and mostly prose.

    A raw page dump and an extractor's output need different caution: on the
    second almost everything is body, so dropping a line must be surer.
    """

    noisy: Regime
    clean: Regime
    noisy_min_lines: int
    noisy_min_few_share: float

    def regime(self, lines: int, few_share: float) -> Regime:
        """The noisy regime for pages with many short, menu-like lines (a raw dump)."""
        if lines >= self.noisy_min_lines and few_share >= self.noisy_min_few_share:
            return self.noisy
        return self.clean


def stage_from_dict(data: Any, path: str, key: str, columns: frozenset[str]) -> Stage:
    """A stage from its JSON form: ``{"trees": ensemble}`` or ``{"bias", "weights"}``;
    trees may read only ``columns`` (what the stage is given at run time)."""
    part = data.get(key) if isinstance(data, dict) else None
    if isinstance(part, dict) and "trees" in part:
        ensemble = ensemble_from_dict(part["trees"], path, key)
        unknown = sorted(set(ensemble.features) - columns)
        if unknown:
            raise RuleFileError(path, None, key, f"unknown feature columns {unknown}: refit the model")
        return TreeStage(ensemble)
    try:
        weights = tuple((str(k), float(v)) for k, v in data[key]["weights"].items())
        return LinearStage(float(data[key]["bias"]), weights)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RuleFileError(path, None, key, f"bad weights: {exc}") from None


def _regime(data: Any, path: str, key: str) -> Regime:
    part = data.get(key) if isinstance(data, dict) else None
    if not isinstance(part, dict):
        raise RuleFileError(path, None, key, "missing regime")
    try:
        threshold = float(part.get("threshold", 0.5))
    except (TypeError, ValueError):
        raise RuleFileError(path, None, f"{key}.threshold", "must be a number") from None
    stage1 = stage_from_dict(part, path, "stage1", STAGE1_COLUMNS)
    return Regime(stage1, stage_from_dict(part, path, "stage2", STAGE2_COLUMNS), threshold)


def model_from_dict(data: Any, path: str = "<weights>") -> LineModel:
    """Build a model from the JSON structure bench/fit_heuristics.py writes."""
    if not isinstance(data, dict):
        raise RuleFileError(path, None, None, "weights file must hold a JSON object")
    try:
        min_lines = int(data.get("noisy_min_lines", 0))
        few_share = float(data.get("noisy_min_few_share", 0.0))
    except (TypeError, ValueError):
        raise RuleFileError(path, None, "noisy_min_lines", "regime bounds must be numbers") from None
    return LineModel(_regime(data, path, "noisy"), _regime(data, path, "clean"), min_lines, few_share)


def load_model(path: Path = WEIGHTS_PATH) -> LineModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuleFileError(str(path), None, None, f"cannot read weights: {exc}") from None
    return model_from_dict(data, str(path))
