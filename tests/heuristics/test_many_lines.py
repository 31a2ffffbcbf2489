"""The article-line columns of a batch computed by numpy over all its lines
(``article_lines._line_columns_of_many``, taken from MANY_LINES lines on) equal the frozen
reference's, page by page, also on the lines each numpy shortcut reads apart: a line
that ``str.strip`` empties (an em space alone: the block splitter keeps it), a line
break inside a line, marks searched in the whole page ("|", "@", "©", "http") at a
line's start or end, a character beyond the Basic Multilingual Plane (an emoji widens
a joined str), and pages of one line."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from cleaner.heuristics import HeuristicLabeler, article_lines
from cleaner.heuristics.features import token_counts, word_counts
from tests.heuristics.test_batched import both_forms

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "cleaner-hypothesis")
LABELER = HeuristicLabeler()
ALPHABET = (
    "aAbBzZ09 5 7 éÉ ПпЖж ß İ “„—«– \t\xa0\u2003\u3000 @|:?!.©•-() 😀 "
    "Read more READ MORE we you our Photo Copyright (c) http://x.co www.a.b"
)
LINE = st.one_of(
    st.text(alphabet=ALPHABET, min_size=1, max_size=60).filter(str.strip),
    st.sampled_from(["\u2003", "\u2003 \u2003", "Line one\nline two", "|", "©", "@x", "😀 Emoji line."]),
    st.builds(lambda n: " ".join(["word"] * n) + ".", st.integers(20, 30)),  # paragraphs
)
PAGE = st.lists(LINE, min_size=1, max_size=8)


@pytest.fixture(autouse=True)
def every_batch_by_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    # the Python form (article_matrix_python), whose numpy path this module reads, also
    # where the compiled twin is built (tests/test_native.py compares the two)
    monkeypatch.setattr(article_lines, "_COMPILED_COLUMNS", False)
    monkeypatch.setattr(article_lines, "MANY_LINES", 0)


@settings(max_examples=200, database=None, deadline=None)
@given(st.lists(PAGE, min_size=1, max_size=6))
def test_generated_batches_by_numpy_equal_the_reference(pages: list[list[str]]) -> None:
    batched, alone = both_forms(pages)
    np.testing.assert_array_equal(batched, alone)


@pytest.mark.parametrize(
    "pages",
    [
        [["\u2003"]],  # one page of one line that str.strip empties
        [["Title line", "\u2003", "Body | with a pipe"], ["\u2003"], ["© 2024 Example", "x"]],
        [["A line\nwith its own break", "We ask you to subscribe."], ["http://example.com"]],
        [["😀 An emoji opens: a widened page."], ["Plain ASCII line?"], ["«Quote»", "• bullet"]],
    ],
)
def test_edge_batches_by_numpy_equal_the_reference(pages: list[list[str]]) -> None:
    batched, alone = both_forms(pages)
    np.testing.assert_array_equal(batched, alone)


def test_the_numpy_path_is_the_one_taken() -> None:
    # the fixture routes a batch of three lines through numpy: the test above reads that path
    taken: list[str] = []
    real = article_lines._line_columns_of_many

    def spy(*args: object) -> object:
        taken.append("numpy")
        return real(*args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(article_lines, "_line_columns_of_many", spy)
        both_forms([["One line."], ["Two lines", "here."]])
    assert taken == ["numpy"]


@pytest.mark.parametrize(
    "line",
    [
        "Call +44 20 7946 0958 today",  # ASCII digits
        "Call ٠١٢٣٤٥٦٧٨٩ today",  # Arabic-Indic digits
        "9,27              9,10              8,48              8,89",  # figures, no phone
        "1 2 3 4 5 6 7 8 9 0 ( ) - - - - - - - - - - - - - - - - - - - - x",  # long run, no end digit
    ],
)
def test_phone_and_mark_columns_of_a_batch_equal_the_reference(line: str) -> None:
    pages = [["A title line", line, "Another line of the page with 12345678 digits."]]
    batched, alone = both_forms(pages)
    np.testing.assert_array_equal(batched, alone)


CJK_ALPHABET = "ab Zé 中文字 ひらがな カタカナ 한국 \ufeff\ufffd\uff21 ー・\u3000\t"


@settings(max_examples=200, database=None, deadline=None)
@given(st.lists(st.text(alphabet=CJK_ALPHABET, min_size=1, max_size=30).filter(str.strip), min_size=1))
def test_cjk_words_by_one_byte_scan_equal_the_page_search(lines: list[str]) -> None:
    # word_counts finds the lines holding CJK in the page's UTF-8 when it has it (RE2,
    # one scan), else by searching the page in Python: the counts are the same
    page = "\n".join(lines)
    tokens = token_counts(lines)
    assert word_counts(lines, lines, page, tokens, page.encode()) == word_counts(lines, lines, page, tokens)
