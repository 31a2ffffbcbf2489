"""bench/instructions.py: counting is switched on only around the cleaning loop, and a
machine without valgrind gets a clear message, not a traceback."""

from __future__ import annotations

import shutil
import sys

import pytest

from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import instructions  # noqa: E402 (a bench script, found on its folder)
import throughput  # noqa: E402

PAGES = [
    ("First line of a page.\nRead more: another story", "https://example.org/a"),
    ("Just one line.", None),
]


@pytest.mark.parametrize("mode", instructions.MODES)
def test_counting_brackets_the_cleaning_loop_only(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    events: list[str] = []
    monkeypatch.setattr(throughput, "eval_documents", lambda source: PAGES)
    monkeypatch.setattr(instructions, "_count", lambda on: events.append("on" if on else "off"))
    from cleaner import Cleaner

    cleaned: list[str] = []
    real_clean, real_batch = Cleaner.clean, Cleaner._clean_batch

    def clean(self: Cleaner, text: str, **kwargs: object) -> object:
        cleaned.append("on" if events[-1:] == ["on"] else "warm")
        return real_clean(self, text, **kwargs)  # type: ignore[arg-type]

    def clean_batch(self: Cleaner, records: list[dict[str, object]]) -> object:
        cleaned.extend(["on" if events[-1:] == ["on"] else "warm"] * len(records))
        return real_batch(self, records)  # type: ignore[arg-type]

    monkeypatch.setattr(Cleaner, "clean", clean)
    monkeypatch.setattr(Cleaner, "_clean_batch", clean_batch)
    instructions.run_workload("extracted_text", mode, pages=2)
    assert events == ["on", "off"]
    assert cleaned.count("on") == len(PAGES)  # each page once while counted, after the warm-up
    assert cleaned.count("warm") == 2 * len(PAGES)


def test_without_valgrind_the_message_says_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv(instructions.CHILD_FLAG, raising=False)
    with pytest.raises(SystemExit, match="needs valgrind"):
        instructions.main([])


def test_callgrind_totals_line_is_read() -> None:
    found = instructions.TOTALS.match("summary: 158812345")
    assert found is not None and found.group(1) == "158812345"
