"""boilerpipe's terminating lines in an extractor's article text: what an extractor leaves
after "Leave a comment", "Related articles" or "Share" (a comment form, a teaser list, a share
bar) goes; a related-reading subheading followed by more of the article ends nothing."""

from __future__ import annotations

from cleaner import clean
from tests.heuristics.article_pages import PARAGRAPHS

MORE = (
    "Engineers will start with the viaduct south of the river, which needs new bearings "
    "before heavier trains can cross it, and expect that work to take most of the winter.",
    "The first of the new stations should open in the autumn of next year, the authority "
    "said, with the other two following once the land for their car parks has been bought.",
)
ARTICLE = PARAGRAPHS + MORE


def _removed_rules(text: str, lines: list[str]) -> dict[str, str | None]:
    result = clean(text)
    return {line: s.rule for s in result.removed for line in lines if line in s.text}


def test_comment_form_after_a_comments_line_goes() -> None:
    tail = ["Leave a comment", "Limit: 800 characters", "Name", "Email", "Post comment"]
    text = "\n\n".join(ARTICLE + tuple(tail)) + "\n"
    result = clean(text)
    assert result.body.strip() == "\n\n".join(ARTICLE)
    assert "heuristic:after-terminator" in _removed_rules(text, tail[1:]).values()


def test_prose_after_a_comments_line_stays() -> None:
    """In an extractor's text a paragraph after a log-in prompt may be the article's own."""
    lines = (*ARTICLE[:4], "You are not logged in.", ARTICLE[4])
    result = clean("\n\n".join(lines) + "\n")
    assert all(p in result.body for p in ARTICLE)


def test_teaser_list_after_a_related_line_goes() -> None:
    tail = [
        "Related articles",
        "Night buses return to the harbour route",
        "Fares frozen for a second year",
        "What the new timetable means for commuters",
    ]
    text = "\n".join(ARTICLE + tuple(tail)) + "\n"
    result = clean(text)
    assert all(p in result.body for p in ARTICLE)
    assert all(line not in result.body for line in tail)
    removed = [s for s in result.removed if "Fares frozen" in s.text]
    assert removed and removed[0].category == "related"


def test_share_bar_after_the_article_goes() -> None:
    tail = ["Share this article", "Facebook", "Email", "Copy link"]
    text = "\n".join(ARTICLE + tuple(tail)) + "\n"
    result = clean(text)
    assert result.body.strip() == "\n".join(ARTICLE)


def test_related_subheading_followed_by_the_article_ends_nothing() -> None:
    closing = (
        "Asked about the missing buses, the authority's director said a second plan for the "
        "villages would follow in the summer, after talks with the two bus companies."
    )
    lines = ARTICLE + ("Related reading", "The timetable in numbers", closing)
    result = clean("\n".join(lines) + "\n")
    assert all(p in result.body for p in ARTICLE + (closing, "The timetable in numbers"))
    assert not [s for s in result.removed if s.rule == "heuristic:after-terminator"]
