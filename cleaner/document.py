"""The working state that flows through the stages of one clean() call.

Stages read the blocks and return new labels; none of them edits the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cleaner.blocks import Block
from cleaner.result import Label


@dataclass(slots=True, kw_only=True)
class Document:
    """A source text split into blocks, with one label slot per block.

    ``labels[i] is None`` means block ``i`` is body so far. ``origin`` is
    ``"text"`` or ``"html"``; for html, ``in_article[i]`` tells whether the
    block lies inside the article the html stage found (chrome blocks are
    already labelled ``page_chrome``).
    """

    source: str
    blocks: list[Block]
    labels: list[Label | None]
    origin: str = "text"
    in_article: list[bool] | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    language: str | None = None
    outlet: str | None = None  # the outlet whose rule file cleaned the text, if any
    url: str | None = None  # the record's address, when given (the headline finder reads its slug)
