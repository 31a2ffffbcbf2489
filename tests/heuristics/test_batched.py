"""Many documents cleaned at once (``Cleaner._clean_batch``, what the dump runner calls) give
the very results of ``clean()`` called on each in turn: on every corpus text case in one
batch, on generated batches (empty and one-line documents, pages with no line the
article-line model reads, raw dumps, pages of an outlet with rules, html pages, calls
that fail), and the article-line columns of a batch equal the frozen reference's,
page by page."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from cleaner import Cleaner, Result, engine
from cleaner.blocks import split_blocks
from cleaner.heuristics import HeuristicLabeler, article_lines, labeler
from cleaner.heuristics.article_lines import article_matrix, lead_in_categories
from cleaner.heuristics.features import OTHER_SPACES, byte_token_counts, token_counts
from cleaner.heuristics.labeler import PageRequest
from tests.heuristics import article_columns_reference as reference
from tests.paths import ROOT

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "cleaner-hypothesis")
LABELER = HeuristicLabeler()
CLEANER = Cleaner()
CLEANER.heuristics = LABELER
CASES = sorted(p for p in (ROOT / "corpus").glob("*/*.txt") if not p.name.endswith(".body.txt"))


def corpus_calls() -> list[dict[str, Any]]:
    calls = []
    for path in CASES:
        meta = path.with_name(path.stem + ".meta.yaml")
        url = (yaml.safe_load(meta.read_text(encoding="utf-8")) or {}).get("url") if meta.exists() else None
        calls.append({"text": path.read_text(encoding="utf-8"), "url": url})
    return calls


def outcome(call: dict[str, Any]) -> Any:
    """What ``clean(**call)`` gives: the result's every field, or the error's type and message."""
    try:
        return described(CLEANER.clean(**call))
    except Exception as exc:
        return type(exc), str(exc)


def described(result: Result | Exception) -> Any:
    if isinstance(result, Exception):
        return type(result), str(result)
    return (
        result.source,
        [(s.start, s.end, s.kind, s.category, s.rule, s.text) for s in result.segments],
        result.outlet,
        result.url,
        result.metadata,
    )


def assert_batch_is_page_by_page(calls: list[dict[str, Any]]) -> None:
    batched = CLEANER._clean_batch(calls)
    assert len(batched) == len(calls)
    for call, result in zip(calls, batched):
        assert described(result) == outcome(call), call


def test_every_corpus_case_in_one_batch_as_alone() -> None:
    calls = corpus_calls()
    assert any(call["url"] for call in calls)  # outlets with rules among them
    assert_batch_is_page_by_page(calls)


def test_corpus_cases_without_urls_in_small_batches() -> None:
    calls = [{"text": call["text"]} for call in corpus_calls()]
    for start in range(0, len(calls), 3):
        assert_batch_is_page_by_page(calls[start : start + 3])


# Lines of the kinds the regimes and models treat apart: prose, teaser lead-ins, a
# newsletter prompt, menu entries (a raw dump's chrome), a credit, a copyright line,
# repeats, CJK, a letter whose case changes length, spaces str.split cuts at and others.
LINES = (
    "The council approved the new budget on Tuesday after a long debate about the parking charges in the centre.",
    "READ MORE: Council split over new parking charges",
    "Related: Five things to know about the new budget",
    "Sign up for our free weekly newsletter",
    "Home",
    "News",
    "Sport",
    "Contact",
    "Photo: Jane Doe/Reuters",
    "Copyright 2024 The Associated Press. All rights reserved.",
    "We rely on readers like you to keep our journalism free.",
    "Straße und Übergänge in İstanbul, ß am Anfang",
    "市议会周二批准了新的预算，停车费引发争议。",
    "Q: What happens next?",
    "By Jane Doe",
    "Call +1 (555) 123-4567 or write to news@example.com, @newsdesk",
    "2024-03-12 10:22",
    "— end —",
    "a\xa0b\u2003c\u3000d",
)
DOCUMENT = st.lists(st.sampled_from(LINES), max_size=40).map("\n".join)
CALL = st.one_of(
    DOCUMENT.map(lambda text: {"text": text}),
    DOCUMENT.map(lambda text: {"text": text, "url": "https://www.themoscowtimes.com/2021/12/21/a"}),
    st.sampled_from(["", " ", "\n\n", "One line only."]).map(lambda text: {"text": text}),
    st.sampled_from(LINES).map(
        lambda line: {"html": f"<html><body><article><p>{line}</p></article></body></html>"}
    ),
    st.just({"text": None}),  # neither text nor html: clean() refuses it
    st.just({"text": "Some text.", "date": "not a date"}),
)


@settings(max_examples=60, database=None, deadline=None)
@given(st.lists(CALL, min_size=1, max_size=12))
def test_generated_batches_as_alone(calls: list[dict[str, Any]]) -> None:
    assert_batch_is_page_by_page(calls)


def test_raw_dump_among_extracted_pages() -> None:
    menu = "\n".join(
        ["Home", "News", "Sport", "Weather", "Contact", "Login", "Search", "Menu", "About", "Jobs"]
    )
    prose = LINES[0]
    calls = [
        {"text": prose + "\n" + LINES[1]},
        {"text": menu + "\n" + prose + "\n" + prose + "\n" + LINES[3] + "\nImpressum"},
        {"text": prose},
    ]
    assert LABELER.page_scores(calls[1]["text"].split("\n")).raw
    assert_batch_is_page_by_page(calls)


def test_pages_scores_of_many_equal_each_alone() -> None:
    pages = [[b.text for b in split_blocks(call["text"])] for call in corpus_calls()]
    requests = [
        PageRequest(texts, extracted=k % 3 == 0, with_article_model=k % 4 != 1)
        for k, texts in enumerate(pages)
    ]
    requests.append(PageRequest([]))
    together = LABELER.pages_scores(requests)
    for request, scores in zip(requests, together):
        assert scores == LABELER.pages_scores([request])[0]


def long_raw_dump(seed: int, odd_space: bool = False) -> list[str]:
    """A raw dump of more than BYTE_WORDS_MIN_LINES lines (menus, prose, phrases, repeats);
    ``odd_space``: one line holds a no-break space (not ascii_spaced)."""
    menu = ["Home", "News", "Sport", "Weather", "Contact", "Login", "Search", "Menu"]
    lines = menu + [LINES[(seed * 7 + k) % 12] + f" {k % 9}" for k in range(labeler.BYTE_WORDS_MIN_LINES)]
    if odd_space:
        lines[len(lines) // 2] = "a\xa0b and more words after the space"
    return lines + ["Impressum"]


@pytest.mark.parametrize("odd_space", [False, True])
def test_long_raw_dumps_batched_as_alone(odd_space: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many long raw dumps scored together: each page's scores as alone, whether every page
    is ascii_spaced (each page's own bytes then handed on, ``_page_text``) or not."""
    pages = [long_raw_dump(seed, odd_space and seed == 1) for seed in range(3)]
    made: list[bool] = []
    page_text = labeler._page_text

    def watched(*args: Any) -> Any:
        found = page_text(*args)
        made.append(found.spaced is not None)
        return found

    monkeypatch.setattr(labeler, "_page_text", watched)
    together = LABELER.pages_scores([PageRequest(page) for page in pages])
    assert all(scores.raw for scores in together)
    if labeler.COMPILED_PAGE_COLUMNS:  # the batch's white space checked once: all its pages or none
        assert made == [not odd_space] * len(pages)
    else:  # each page's bytes checked alone
        assert made == [not (odd_space and k == 1) for k in range(len(pages))]
    for page, scores in zip(pages, together):
        assert scores == LABELER.pages_scores([PageRequest(page)])[0]
    assert_batch_is_page_by_page([{"text": "\n".join(page)} for page in pages])


def both_forms(pages: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """The batch's columns, and the reference's of each page stacked."""
    texts = [text for page in pages for text in page]
    lines = LABELER.read_lines(texts)
    leads = lead_in_categories(texts, lines.norms, LABELER.lexicon)
    batched = article_matrix(texts, lines, leads, LABELER.lexicon, sizes=[len(page) for page in pages])
    alone = []
    for page in pages:
        page_lines = LABELER.read_lines(page)
        page_leads = lead_in_categories(page, page_lines.norms, LABELER.lexicon)
        alone.append(reference.article_matrix(page, page_lines, page_leads, LABELER.lexicon))
    return batched, np.vstack(alone)


def test_corpus_columns_of_one_batch_equal_the_reference() -> None:
    pages = [[b.text for b in split_blocks(call["text"])] for call in corpus_calls()]
    batched, alone = both_forms([page for page in pages if page])
    np.testing.assert_array_equal(batched, alone)


PAGE = st.lists(st.sampled_from(LINES), min_size=1, max_size=12)


@settings(max_examples=150, database=None, deadline=None)
@given(st.lists(PAGE, min_size=1, max_size=8))
def test_generated_batch_columns_equal_the_reference(pages: list[list[str]]) -> None:
    batched, alone = both_forms(pages)
    np.testing.assert_array_equal(batched, alone)


@pytest.mark.parametrize("sizes", [[1], [1, 1, 1], [2, 1, 3], [5]])
def test_one_line_pages_see_no_neighbour_across_their_edges(sizes: list[int]) -> None:
    pages = [[LINES[(k + j) % 4] for j in range(size)] for k, size in enumerate(sizes)]
    batched, alone = both_forms(pages)
    np.testing.assert_array_equal(batched, alone)


def test_words_of_many_lines_split_alike_at_every_white_space() -> None:
    # a batch's lines are counted from bytes, every byte of a non-ASCII white space a space
    lines = [f"one{space}two three{space}" for space in OTHER_SPACES] + ["plain line", "x"]
    lines += [f"{space}{space}é{space}ß中 ’{space}" for space in OTHER_SPACES]
    assert byte_token_counts("\n".join(lines).encode(), len(lines)) == token_counts(lines)


def test_a_batch_scored_in_several_passes_as_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # a batch of many lines is scored MAX_LINES_PER_PASS lines at a time (memory stays bounded)
    monkeypatch.setattr(labeler, "MAX_LINES_PER_PASS", 5)
    calls = [{"text": "\n".join(LINES[k : k + 3 + k % 4])} for k in range(8)]
    calls.append({"text": "\n".join(LINES)})  # more lines than a pass: alone
    assert_batch_is_page_by_page(calls)


def test_a_batch_taken_in_runs_of_documents_as_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # the engine takes a batch's documents BATCH_MAX_LINES lines at a time (memory stays bounded)
    monkeypatch.setattr(engine, "BATCH_MAX_LINES", 7)
    calls: list[dict[str, Any]] = [{"text": "\n".join(LINES[k : k + 2 + k % 5])} for k in range(10)]
    calls.insert(4, {"text": None})  # a call that fails between runs
    calls.append({"text": "\n".join(LINES)})  # more lines than a run: alone
    assert_batch_is_page_by_page(calls)


@settings(max_examples=60, database=None, deadline=None)
@given(st.lists(PAGE, min_size=1, max_size=6), st.sampled_from([0, 1_000_000]))
def test_columns_alike_by_plain_python_and_by_numpy(pages: list[list[str]], many: int) -> None:
    # every batch through one way of computing the distances and pronoun lines, then the
    # other (the Python form's ways: the compiled twin has one, tests/test_native.py)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(article_lines, "_COMPILED_COLUMNS", False)
        patch.setattr(article_lines, "MANY_LINES", many)
        batched, alone = both_forms(pages)
    np.testing.assert_array_equal(batched, alone)
