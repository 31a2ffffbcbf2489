"""``article_lines._candidate_marks``, the marks of a plan that asks only for those read
on ``mark_candidates``' lines (``_Plan.candidates_only``: the shipped model's), are
``_line_marks``' marks for that plan, on every corpus page, alone and as one batch; a
plan asking for any other mark is not candidates_only."""

from __future__ import annotations

import pytest

from cleaner import native
from cleaner.heuristics import article_lines
from cleaner.heuristics.article_model import load_article_model
from cleaner.heuristics.labeler import HeuristicLabeler
from tests.test_native import LONE_SURROGATE, _article_pages

MODULE = native.MODULE
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")


@needs_build
def test_candidate_marks_are_the_line_marks() -> None:
    assert MODULE is not None
    labeler = HeuristicLabeler()
    model = load_article_model()
    assert model is not None
    plan = article_lines._plan(model.columns)
    assert plan.candidates_only
    pages = _article_pages()
    for texts in [*pages, [text for page in pages for text in page]]:
        lines = labeler.read_lines([LONE_SURROGATE.sub("\ufffd", text) for text in texts])
        stripped = list(map(str.strip, texts))
        digits = MODULE.letter_counts(texts)[2]
        got = article_lines._candidate_marks(MODULE, stripped, lines.lows, digits, plan.marks)
        want = article_lines._line_marks(
            MODULE, stripped, lines, digits, labeler.lexicon, model.columns, plan
        )
        assert got == want


@pytest.mark.parametrize("other", ["email", "button", "date_like", "phrase_start", "copyright", "byline"])
def test_a_plan_asking_for_another_mark_reads_them_all(other: str) -> None:
    assert not article_lines._plan(frozenset(["phone", "url_line", "name_is", other])).candidates_only
    assert article_lines._plan(frozenset(["phone", "upper"])).candidates_only
