"""Propose outlet rule files from many pages of one outlet (``cleaner learn``).

``propose`` finds the recurring lines and turns them into rules; ``mask``,
``templates`` and ``category`` are its parts; ``dump`` and ``pages`` read
the pages.
"""

from cleaner.learn.propose import compile_learned, learn

__all__ = ["learn", "compile_learned"]
