"""Propose outlet rule files from many pages of one outlet (``cleaner learn``).

``propose`` finds the recurring lines and turns them into rules; ``mask``,
``templates`` and ``category`` are its parts; ``pages`` reads the pages
through the same input layer as ``cleaner clean`` (``cleaner.io.documents``).
"""

from cleaner.learn.propose import compile_learned, learn

__all__ = ["learn", "compile_learned"]
