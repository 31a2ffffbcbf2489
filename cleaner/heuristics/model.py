"""The two-stage linear line classifier: weights from weights.json, pure Python.

Stage one scores each line from its own and its context's features; stage two
re-reads the neighbours' stage-one scores (jusText's second pass, learned).
The weights are fitted by bench/fit_heuristics.py on the dev pages; at run
time this is a few multiply-adds per feature column, no numpy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from math import exp
from pathlib import Path
from typing import Any

from cleaner.errors import RuleFileError

WEIGHTS_PATH = Path(__file__).resolve().parent / "weights.json"
_LOGIT_CLIP = 30.0


@dataclass(frozen=True)
class LinearStage:
    """bias + sum(weight * column), squashed to a probability of "body"."""

    bias: float
    weights: tuple[tuple[str, float], ...]

    def probabilities(self, cols: dict[str, list[float]], n: int) -> list[float]:
        score = [self.bias] * n
        for name, weight in self.weights:
            if weight:
                score = [s + weight * x for s, x in zip(score, cols[name])]
        return [1.0 / (1.0 + exp(-max(min(s, _LOGIT_CLIP), -_LOGIT_CLIP))) for s in score]


@dataclass(frozen=True)
class LineModel:
    stage1: LinearStage
    stage2: LinearStage
    threshold: float


def _stage(data: Any, path: str, key: str) -> LinearStage:
    try:
        weights = tuple((str(k), float(v)) for k, v in data[key]["weights"].items())
        return LinearStage(float(data[key]["bias"]), weights)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RuleFileError(path, None, key, f"bad weights: {exc}") from None


def model_from_dict(data: Any, path: str = "<weights>") -> LineModel:
    """Build a model from the JSON structure bench/fit_heuristics.py writes."""
    if not isinstance(data, dict):
        raise RuleFileError(path, None, None, "weights file must hold a JSON object")
    try:
        threshold = float(data.get("threshold", 0.5))
    except (TypeError, ValueError):
        raise RuleFileError(path, None, "threshold", "must be a number") from None
    return LineModel(_stage(data, path, "stage1"), _stage(data, path, "stage2"), threshold)


def load_model(path: Path = WEIGHTS_PATH) -> LineModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuleFileError(str(path), None, None, f"cannot read weights: {exc}") from None
    return model_from_dict(data, str(path))
