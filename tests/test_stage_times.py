"""bench/stage_times.py: its timers change no result and count every call of a stage."""

from __future__ import annotations

import sys
import types

import pytest

from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import stage_times  # noqa: E402 (a bench script, found on its folder)


class _Page:
    def words(self, text: str) -> int:
        return len(text.split())


def _lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.fixture
def module(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    fake = types.ModuleType("fake_stages")
    fake._Page = _Page  # type: ignore[attr-defined]
    fake.lines = _lines  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_stages", fake)
    monkeypatch.setattr(_Page, "words", _Page.words)  # restored after the test
    return fake


def test_timed_stages_give_the_same_results_and_count_each_call(module: types.ModuleType) -> None:
    spent: dict[str, float] = {}
    assert stage_times.wrap("fake_stages:lines", spent)
    assert stage_times.wrap("fake_stages:_Page.words", spent)
    assert module.lines("a\nb") == ["a", "b"]
    assert module._Page().words("one two three") == 3
    assert set(spent) == {"fake_stages:lines", "fake_stages:_Page.words"}
    assert all(seconds >= 0.0 for seconds in spent.values())


def test_a_stage_a_checkout_lacks_is_left_out(module: types.ModuleType) -> None:
    spent: dict[str, float] = {}
    assert not stage_times.wrap("fake_stages:missing", spent)
    assert not stage_times.wrap("fake_stages:_Nowhere.words", spent)
    assert not stage_times.wrap("no_such_module_here:lines", spent)
    rows = stage_times.table({"this": {"total": 2.0, "a": 1.0}, "against": {"total": 3.0}}, ["a"])
    assert rows[2] == "| total | 2.000 | 3.000 | 1.50x |"
    assert rows[3] == "| a | 1.000 |  |  |"


def test_the_html_stages_named_exist() -> None:
    # a stage renamed in the code would silently drop out of the html table
    import importlib

    import html_stage_times

    for spec in html_stage_times.STAGES:
        module_name, _, path = spec.partition(":")
        owner: object = importlib.import_module(module_name)
        for part in path.split("."):
            owner = getattr(owner, part)
        assert callable(owner), spec
