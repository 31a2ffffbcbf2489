"""Where the tests find their data, the checkout and the shared seed (one place, so a
test can move between folders without path arithmetic)."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
CORPUS = ROOT / "corpus"
SEED = ROOT.parent / "shared" / "seeds" / "000_becbab7297780291.txt"


def require_extra(module: str, extra: str) -> None:
    """Skip the calling test module when an optional extra is not installed, with the
    install line as the reason; in CI (``CI`` set), where every extra is installed,
    a missing one is a failure, never a skip."""
    import importlib
    import os

    import pytest

    if os.environ.get("CI"):
        importlib.import_module(module)  # ImportError: CI's setup lost an extra
        return
    pytest.importorskip(module, reason=f'needs the {extra} extra: pip install ".[{extra}]"')
