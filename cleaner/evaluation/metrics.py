"""Quality figures as the published extraction benchmarks define them, so ours compare
with their tables (the README's Quality section gives ours).

- Body F1 on 4-token shingles (``\\w+`` tokens, case kept, multisets): P is
  averaged over pages with a non-empty prediction, R over pages with a
  non-empty gold, F1 is the harmonic mean of the two averages.
- keep / leak / acc on string lists, after folding white space.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
SHINGLE = 4


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of consecutive ``size``-token runs (one run for short texts)."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass
class ShingleScore:
    """Accumulates per-page precision and recall over a set of pages."""

    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)
    pages: int = 0

    def add(self, predicted: str, gold: str) -> tuple[float | None, float | None]:
        """Score one page; returns its (P, R), None where undefined."""
        pred, ref = shingles(predicted), shingles(gold)
        self.pages += 1
        if not pred and not ref:
            self.precisions.append(1.0)
            self.recalls.append(1.0)
            return 1.0, 1.0
        tp = sum((pred & ref).values())
        p = r = None
        if pred:
            p = tp / sum(pred.values())
            self.precisions.append(p)
        if ref:
            r = tp / sum(ref.values())
            self.recalls.append(r)
        return p, r

    @property
    def precision(self) -> float:
        return sum(self.precisions) / len(self.precisions) if self.precisions else 0.0

    @property
    def recall(self) -> float:
        return sum(self.recalls) / len(self.recalls) if self.recalls else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def fold_space(text: str) -> str:
    """Fold every run of white space to one space (and trim)."""
    return _SPACE.sub(" ", text or "").strip()


@dataclass
class KeepLeakScore:
    """Counts must_keep strings found and must_drop strings leaked."""

    keep_total: int = 0
    kept: int = 0
    drop_total: int = 0
    leaked: int = 0

    def add(self, output: str, must_keep: Iterable[str], must_drop: Iterable[str]) -> None:
        folded = fold_space(output)
        for text in must_keep:
            self.keep_total += 1
            self.kept += fold_space(text) in folded
        for text in must_drop:
            self.drop_total += 1
            self.leaked += fold_space(text) in folded

    @property
    def keep(self) -> float:
        return self.kept / self.keep_total if self.keep_total else 1.0

    @property
    def leak(self) -> float:
        return self.leaked / self.drop_total if self.drop_total else 0.0

    @property
    def acc(self) -> float:
        total = self.keep_total + self.drop_total
        return (self.kept + self.drop_total - self.leaked) / total if total else 1.0
