"""The leftovers measure on a made-up article: line labels, removal and loss, traf strings.

The article, its gold body and the cleaner's decisions are written here, so
every figure below can be counted by hand from the lines.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.categories import CATEGORY_SET
from cleaner.evaluation.leftovers import (
    LABEL_BODY,
    LABEL_BOILERPLATE,
    GoldIndex,
    LineCounts,
    RemovedSpans,
    label_lines,
    line_counts,
    string_counts,
)
from cleaner.result import BODY, BOILERPLATE, Result, Segment

HEADLINE = "Council split over new parking charges"  # 6 tokens, not in the gold body
SENTENCES = (
    "The council voted on Tuesday to raise parking charges in the town centre.",  # 13 tokens
    "Shop owners said the change would keep visitors away from the high street.",  # 13
    "The new rates start in April and will be reviewed after one year.",  # 13
    "A spokesperson said the money would pay for road repairs.",  # 10
)
GOLD = " ".join(SENTENCES)
READ_MORE = "READ MORE: " + HEADLINE  # 8 tokens
NEWSLETTER = "Sign up for our newsletter"  # 5 tokens, 2 shingles
MIXED = "The new rates start in April. Follow us on social media"  # 3 of 8 shingles in gold
PHOTOS = "Photos"  # 1 token, not in gold
SHORT_RUN = "road repairs"  # 2 tokens, a contiguous run of the gold
SHORT_SCATTERED = "parking Tuesday"  # both in the gold, never next to each other
RULE = "*  *  *"  # a non-blank line without tokens

LINES = (
    HEADLINE,
    "",
    SENTENCES[0],
    SENTENCES[1],
    READ_MORE,
    SENTENCES[2],
    NEWSLETTER,
    MIXED,
    SENTENCES[3],
    PHOTOS,
    SHORT_RUN,
    SHORT_SCATTERED,
    RULE,
)
TEXT = "\n".join(LINES) + "\n"

EXPECTED_LABELS = {
    HEADLINE: LABEL_BOILERPLATE,
    SENTENCES[0]: LABEL_BODY,
    SENTENCES[1]: LABEL_BODY,
    READ_MORE: LABEL_BOILERPLATE,
    SENTENCES[2]: LABEL_BODY,
    NEWSLETTER: LABEL_BOILERPLATE,
    MIXED: None,
    SENTENCES[3]: LABEL_BODY,
    PHOTOS: LABEL_BOILERPLATE,
    SHORT_RUN: LABEL_BODY,
    SHORT_SCATTERED: LABEL_BOILERPLATE,
    RULE: None,
}
BOILERPLATE_TOKENS = 6 + 8 + 5 + 1 + 2
BODY_TOKENS = 13 + 13 + 13 + 10 + 2

# What the made-up cleaner removed, line by line: the headline, the teaser and
# the newsletter line (right), the mixed line (not counted), one sentence (wrong).
REMOVED = {
    HEADLINE: "title",
    READ_MORE: "related",
    NEWSLETTER: "newsletter",
    MIXED: "share",
    SENTENCES[3]: "advertisement",
}


def fake_result(text: str, removed: dict[str, str]) -> Result:
    """One segment per line (with its line break), boilerplate where ``removed`` names the line."""
    segments, at = [], 0
    for line in text.splitlines(keepends=True):
        category = removed.get(line.rstrip("\n"))
        kind = BODY if category is None else BOILERPLATE
        rule = None if category is None else f"test:{category}"
        segments.append(Segment(at, at + len(line), kind, category, rule, line))
        at += len(line)
    return Result(source=text, segments=segments)


def test_lines_are_labelled_by_shingle_share_and_short_runs() -> None:
    lines = label_lines(TEXT, GoldIndex(GOLD))
    assert {TEXT[line.start : line.end]: line.label for line in lines} == EXPECTED_LABELS
    assert len(lines) == len(LINES) - 1  # the blank line is not a line


def test_line_tokens_are_spans_of_word_runs() -> None:
    [first] = label_lines("  Sign-up now\n", GoldIndex(GOLD))
    assert first.tokens == ((2, 6), (7, 9), (10, 13))


def test_short_line_needs_a_contiguous_run_in_order() -> None:
    gold = GoldIndex(GOLD)
    assert gold.has_run(["road", "repairs"])
    assert not gold.has_run(["repairs", "road"])
    assert not gold.has_run(["Road", "repairs"])  # case is kept
    assert gold.has_run(["the", "high", "street"])


def test_long_line_share_bounds_are_inclusive() -> None:
    gold = GoldIndex("a b c d e f g h i j")
    # 5 shingles, 1 in the gold (20%): boilerplate; 4 of 5 (80%): body
    one_of_five = label_lines("a b c d x y z w", gold)
    four_of_five = label_lines("a b c d e f g z", gold)
    assert gold.shingle_share(["a", "b", "c", "d", "x", "y", "z", "w"]) == pytest.approx(0.2)
    assert [line.label for line in one_of_five] == [LABEL_BOILERPLATE]
    assert [line.label for line in four_of_five] == [LABEL_BODY]


def test_gold_shorter_than_a_shingle_makes_long_lines_boilerplate() -> None:
    lines = label_lines(f"{SENTENCES[3]}\n{SHORT_RUN}\n", GoldIndex("road repairs"))
    assert [line.label for line in lines] == [LABEL_BOILERPLATE, LABEL_BODY]


def test_removal_and_loss_count_tokens_in_removed_segments() -> None:
    counts = line_counts(fake_result(TEXT, REMOVED), GOLD)
    assert counts.pages == 1
    assert counts.boilerplate_tokens == BOILERPLATE_TOKENS == 22
    assert counts.boilerplate_removed == 6 + 8 + 5
    assert counts.body_tokens == BODY_TOKENS == 51
    assert counts.body_removed == 10
    assert counts.removal == pytest.approx(19 / 22)
    assert counts.loss == pytest.approx(10 / 51)
    assert counts.removed_by_category == {"title": 6, "related": 8, "newsletter": 5}
    assert counts.lost_by_category == {"advertisement": 10}
    assert counts.removed_by_rule == {"test:title": 6, "test:related": 8, "test:newsletter": 5}
    assert counts.lost_by_rule == {"test:advertisement": 10}


def test_removal_without_the_headline() -> None:
    counts = line_counts(fake_result(TEXT, REMOVED), GOLD)
    assert counts.removal_without("title") == pytest.approx(13 / 16)
    assert counts.loss_without("advertisement") == 0.0
    assert counts.removal_without("comments") == counts.removal


def test_removal_after_a_stage_leaves_its_rules_out() -> None:
    counts = line_counts(fake_result(TEXT, REMOVED), GOLD)
    assert counts.removal_after("test:title") == pytest.approx(13 / 16)
    assert counts.removal_after("test:re") == pytest.approx(11 / 14)  # related only
    assert counts.removal_after("test:") == 0.0  # every removal left out: 0 of the 3 left
    assert counts.removal_after("html:") == counts.removal


def test_nothing_removed_is_zero_removal_and_zero_loss() -> None:
    counts = line_counts(fake_result(TEXT, {}), GOLD)
    assert (counts.boilerplate_tokens, counts.body_tokens) == (22, 51)
    assert (counts.removal, counts.loss) == (0.0, 0.0)


def test_counts_sum_over_pages() -> None:
    total = LineCounts()
    total += line_counts(fake_result(TEXT, REMOVED), GOLD)
    total += line_counts(fake_result(TEXT, {PHOTOS: "other", SENTENCES[0]: "credit"}), GOLD)
    assert total.pages == 2
    assert (total.boilerplate_tokens, total.boilerplate_removed) == (44, 20)
    assert (total.body_tokens, total.body_removed) == (102, 23)
    assert total.removed_by_category == {"title": 6, "related": 8, "newsletter": 5, "other": 1}
    assert total.lost_by_category == {"advertisement": 10, "credit": 13}


def test_a_token_cut_by_a_segment_boundary_is_not_removed() -> None:
    text = "alpha beta"
    segments = [
        Segment(0, 3, BOILERPLATE, "other", "test", "alp"),
        Segment(3, 10, BODY, None, None, "ha beta"),
    ]
    spans = RemovedSpans(segments)
    assert spans.category(0, 3) == "other"
    assert spans.category(0, 5) is None
    assert spans.category(6, 10) is None
    assert text[0:5] == "alpha"


def test_uncategorised_boilerplate_counts_as_other() -> None:
    segments = [Segment(0, 6, BOILERPLATE, None, "test", "Photos")]
    assert RemovedSpans(segments).category(0, 6) == "other"


def test_real_cleaner_counts_stay_within_the_labelled_tokens() -> None:
    result = Cleaner(use_env=False).clean(TEXT)
    counts = line_counts(result, GOLD)
    assert (counts.boilerplate_tokens, counts.body_tokens) == (22, 51)
    assert 0 <= counts.boilerplate_removed <= 22
    assert 0 <= counts.body_removed <= 51
    assert sum(counts.removed_by_category.values()) == counts.boilerplate_removed
    assert set(counts.removed_by_category) <= CATEGORY_SET


def test_traf_strings_present_in_input_and_gone_from_body() -> None:
    result = fake_result(TEXT, REMOVED)
    counts = string_counts(
        result.source,
        result.body,
        must_keep=[
            "The council voted on Tuesday",  # kept
            "A spokesperson said\nthe money",  # present once folded, removed
            SHORT_RUN,  # removed in one line, kept in another: still in the body
            "Not a string of this article",  # absent: not counted
        ],
        must_drop=[
            READ_MORE,  # removed
            "Sign up   for our newsletter",  # present once folded, removed
            PHOTOS,  # left in
            "Cookie settings",  # absent
            "   ",  # folds to nothing: skipped
        ],
    )
    assert (counts.drop_present, counts.drop_gone) == (3, 2)
    assert (counts.keep_present, counts.keep_gone) == (3, 1)
    assert counts.removal == pytest.approx(2 / 3)
    assert counts.loss == pytest.approx(1 / 3)


def test_traf_with_nothing_present_is_zero() -> None:
    counts = string_counts("some text", "some text", ["absent"], ["missing"])
    assert (counts.removal, counts.loss, counts.pages) == (0.0, 0.0, 1)
