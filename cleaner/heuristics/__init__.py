"""Generic heuristics: label boilerplate blocks on outlets with no rule.

Lexicons (rules/lexicons/*.yaml), appeal zones, button lines, a two-stage
line classifier (weights.json, fitted by bench/fit_heuristics.py) and the
headline finder. See docs/heuristics.md.
"""

from __future__ import annotations

from cleaner.heuristics.labeler import HeuristicLabeler

__all__ = ["HeuristicLabeler"]
