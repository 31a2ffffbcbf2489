"""The switch between the compiled accelerator and the pure-Python code (docs/design.md).

``cleaner.native._compiled`` (_compiled.c and article_columns.c here) holds compiled twins of a few hot loops of the text
path; ``pip install`` builds it where a C compiler and the Python headers exist and skips
it quietly where not. Each twin's Python original stays beside its call site, as the
reference and the fallback, and gives the same output (tests/test_native.py).

``CLEANER_PURE=1`` in the environment, read once at import, forces the Python path.
``AVAILABLE`` says which path is live; ``MODULE`` is the compiled module or None.
"""

from __future__ import annotations

import os
from types import ModuleType

PURE_ENV = "CLEANER_PURE"


def _load() -> ModuleType | None:
    """The compiled module, or None when it is not built or the environment asks for pure Python."""
    if os.environ.get(PURE_ENV, "").strip() not in ("", "0"):
        return None
    try:
        from cleaner.native import _compiled
    except ImportError:  # not built (no compiler at install) or built for another Python
        return None
    return _compiled


MODULE: ModuleType | None = _load()
AVAILABLE: bool = MODULE is not None


def path_name() -> str:
    """ "native" or "pure": which path cleans text in this process (shown by --version, the benches)."""
    return "native" if AVAILABLE else "pure"
