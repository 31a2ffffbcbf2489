"""Generic heuristics: label boilerplate blocks on outlets with no rule.

Placeholder interface until the block classifier lands: it keeps every label
it is given and adds none.
"""

from __future__ import annotations

from cleaner.document import Document
from cleaner.result import Label


class HeuristicLabeler:
    """Adds labels to unlabelled blocks; never changes a label already set."""

    def label(self, doc: Document) -> list[Label | None]:
        return list(doc.labels)
