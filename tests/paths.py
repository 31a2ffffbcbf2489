"""Where the tests find their data, the checkout and the shared seed (one place, so a
test can move between folders without path arithmetic)."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
CORPUS = ROOT / "corpus"
SEED = ROOT.parent / "shared" / "seeds" / "000_becbab7297780291.txt"
