"""The article-line columns of the one-pass form (``article_lines.article_matrix``) equal
the plain numpy form's (``article_columns_reference``) number for number: on every
corpus text case, and on generated pages mixing the characters each shortcut treats
apart (non-ASCII initials, letters whose case changes length, the white space the
model's words are split at and the white space they are not, digits, line breaks
inside a line)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from cleaner.blocks import split_blocks
from cleaner.heuristics import HeuristicLabeler, article_lines, line_letters
from cleaner.heuristics.article_lines import ARTICLE_FEATURES, article_matrix, lead_in_categories
from tests.heuristics import article_columns_reference as reference
from tests.paths import ROOT

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "cleaner-hypothesis")
LABELER = HeuristicLabeler()
CASES = sorted(p for p in (ROOT / "corpus").glob("*/*.txt") if not p.name.endswith(".body.txt"))


def both_forms(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    lines = LABELER.read_lines(texts)
    leads = lead_in_categories(texts, lines.norms, LABELER.lexicon)
    return (
        article_matrix(texts, lines, leads, LABELER.lexicon),
        reference.article_matrix(texts, lines, leads, LABELER.lexicon),
    )


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_corpus_case_columns_equal_the_plain_form(case: Path) -> None:
    texts = [block.text for block in split_blocks(case.read_text(encoding="utf-8"))]
    fast, plain = both_forms(texts)
    assert fast.shape == plain.shape
    np.testing.assert_array_equal(fast, plain)


# Characters each shortcut treats apart: ASCII letters and digits; accented, Greek and
# Cyrillic initials; "ß" and "İ" (their case has another length); titlecase "ǅ";
# "µ" (its upper case is Greek); curly quotes and dashes opening words; the spaces
# the words split at (" ", tab, no-break, thin, ideographic) and those they do not
# (em space, information separator); "@", "|", ":", "?", "©", bullets; "+", "/" and
# brackets around digits (phone numbers: the columns search a shorter pattern for them).
ALPHABET = (
    "aAbBzZ09 5 7 +/ éÉüÜ Σσ ПпЖж ß İ ǅ µ “„—«– \t\xa0\u2009\u3000\u2003\x1c @|:?©•-.() "
    "Read more READ MORE we you our Photo Copyright http://x.co www.a.b"
)
LINE = st.text(alphabet=ALPHABET, min_size=1, max_size=80).filter(str.strip)


@settings(max_examples=400, database=None, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=10))
def test_generated_page_columns_equal_the_plain_form(texts: list[str]) -> None:
    fast, plain = both_forms(texts)
    np.testing.assert_array_equal(fast, plain)


@settings(max_examples=300, database=None, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=10), st.sampled_from([0, 1_000_000]), st.sampled_from([0, 1_000]))
def test_letters_count_alike_by_bytes_and_by_numpy(texts: list[str], most_lines: int, few_wide: int) -> None:
    # every page through one way of counting letters, then the other; by numpy, the
    # non-ASCII initials' code points read by numpy or one by one
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(line_letters, "BYTES_LETTERS_MAX_LINES", most_lines)
        patch.setattr(line_letters, "FEW_WIDE_INITIALS", few_wide)
        fast, plain = both_forms(texts)
    np.testing.assert_array_equal(fast, plain)


def test_line_break_inside_a_line_counts_as_a_space() -> None:
    texts = ["First Line\nSecond Line here", "Another Line of the page with more words"]
    for most_lines in (0, 1_000_000):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(line_letters, "BYTES_LETTERS_MAX_LINES", most_lines)
            fast, plain = both_forms(texts)
        np.testing.assert_array_equal(fast, plain)


def test_shipped_model_scores_alike_from_the_columns_its_trees_read() -> None:
    model = LABELER.article_model
    assert model is not None and 0 < len(model.columns) < len(ARTICLE_FEATURES)
    for case in CASES:
        texts = [block.text for block in split_blocks(case.read_text(encoding="utf-8"))]
        lines = LABELER.read_lines(texts)
        leads = lead_in_categories(texts, lines.norms, LABELER.lexicon)
        every_column = article_matrix(texts, lines, leads, LABELER.lexicon)
        np.testing.assert_array_equal(
            model.logits(texts, lines, leads, LABELER.lexicon), model.logits_of(every_column)
        )


# Words for the pronoun scan: pronouns of several languages, words that open with one
# ("west", "usage", "ourselves"), pronouns with a mark stuck to them ("we,", "(you"), and the
# white space they are cut at or not cut at (a no-break space is white space to str.split,
# an em space too, a hyphen is none).
PRONOUN_WORDS = st.sampled_from(
    "we you our us nós наши wir vous west usage ourselves we, (you Nous said the x".split(" ")
)
SEPARATORS = st.sampled_from([" ", "  ", "\t", "\xa0", "\u2003", "-", " \u3000"])
PRONOUN_LINE = st.lists(st.tuples(PRONOUN_WORDS, SEPARATORS), min_size=1, max_size=8).map(
    lambda pairs: "".join(word + space for word, space in pairs).strip() or "x"
)


@settings(max_examples=200, database=None, deadline=None)
@given(st.lists(PRONOUN_LINE, min_size=1, max_size=12))
def test_pronoun_lines_found_by_the_scan_are_those_split_finds(texts: list[str]) -> None:
    # the pronoun lines come from one scan of the page; MANY_LINES 0: the other passes of
    # many lines too
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(article_lines, "MANY_LINES", 0)
        fast, plain = both_forms(texts)
    np.testing.assert_array_equal(fast, plain)
