"""Learning outlet rules from pages of a dump.

``cleaner learn`` proposes a rule file from many pages of one outlet
(``propose`` runs the flow with its parts ``mask``, ``templates``, ``lists``, ``category``,
``units``, ``proposal`` and ``examples``;
``pages`` reads the pages through the same input layer as ``cleaner clean``).
``cleaner clean --learn-outlets`` learns every outlet of a dump at once
(``outlets``: grouping by ``outlet_key``, a bounded ``sample`` per outlet), and
``learn_outlets(records)`` does the same for library users.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# An outlet needs this many pages in a dump before its boilerplate is learned: a line
# must recur on a good share of them, and fewer pages make recurrence weak evidence.
DEFAULT_MIN_OUTLET_PAGES = 20

# The functions load on first use: `cleaner clean` imports this package for the
# constant above, and only a run with --learn-outlets needs the learner itself.
_LAZY = {"learn": "propose", "compile_learned": "proposal", "learn_outlets": "outlets"}

__all__ = ["learn", "compile_learned", "learn_outlets", "DEFAULT_MIN_OUTLET_PAGES"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cleaner.learn' has no attribute {name!r}")
    return getattr(import_module(f"cleaner.learn.{module}"), name)
