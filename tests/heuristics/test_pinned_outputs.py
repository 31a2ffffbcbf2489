"""Every corpus text case gives exactly the segments it gave before the heuristics ran on
numpy: offsets, kind, category and rule of every segment, the outlet and the title.

The pins (data/corpus_outputs.json) were written by the per-line Python heuristics. When a
change is meant to alter an output, rewrite them and review the diff:

    PYTHONPATH=. python tests/heuristics/test_pinned_outputs.py --write
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
PINS = Path(__file__).resolve().parent / "data" / "corpus_outputs.json"


def cases() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.txt") if not p.name.endswith(".body.txt"))


def output(cleaner: Cleaner, path: Path) -> dict[str, Any]:
    meta = path.with_name(path.stem + ".meta.yaml")
    url = (yaml.safe_load(meta.read_text(encoding="utf-8")) or {}).get("url") if meta.exists() else None
    result = cleaner.clean(path.read_text(encoding="utf-8"), url=url)
    return {
        "outlet": result.outlet,
        "segments": [[s.start, s.end, s.kind, s.category, s.rule] for s in result.segments],
        "title": result.metadata.get("title"),
    }


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(use_env=False)


def test_every_corpus_case_is_pinned() -> None:
    pinned = json.loads(PINS.read_text(encoding="utf-8"))
    assert sorted(pinned) == [str(p.relative_to(CORPUS)) for p in cases()]


@pytest.mark.parametrize("path", cases(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_case_output_is_unchanged(cleaner: Cleaner, path: Path) -> None:
    pinned = json.loads(PINS.read_text(encoding="utf-8"))[str(path.relative_to(CORPUS))]
    assert output(cleaner, path) == pinned


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    fresh = Cleaner(use_env=False)
    pins = {str(p.relative_to(CORPUS)): output(fresh, p) for p in cases()}
    PINS.write_text(json.dumps(pins, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
