"""Boxes set into the article (cleaner/html/boxes.py): a newsletter sign-up, a
paywall prompt, a share bar or a disclosure or copyright notice inside the article's
container goes with its category; the article's paragraphs, and boxes of other names, stay."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

PARAGRAPHS = [
    "The harbour authority will dredge the northern channel this autumn, its director said on Monday, "
    "after two cargo ships ran aground there within a month during the lowest tides of the year.",
    "The work is due to take six weeks and will be paid from the port's own reserves, which grew last "
    "year as the number of ferry passengers rose for the third year in a row.",
    "Fishermen who moor in the inner basin will be moved to the southern quay while the dredgers work, "
    "and the authority has promised that no boat will have to leave the harbour altogether.",
    "The channel was last dredged in 2009. Since then silt from the river has raised its bed by almost a "
    "metre in places, according to a survey the authority published in the spring.",
    "Residents of the harbour front asked for the work to stop at night, and the director said the "
    "contract would limit the noisiest machines to the hours between seven and seven.",
]

BOXES = {
    "newsletter": '<div class="wp-block-newsletter"><h3>Join our newsletter</h3>'
    "<p>The week on the coast, every Friday morning, straight to your inbox.</p>"
    '<form><input type="email"><button>Sign me up</button></form></div>',
    "subscription": '<div class="paywall-prompt"><p>You have read three free stories this month.</p>'
    "<p>Become a subscriber for full access to everything we publish.</p></div>",
    "share": '<div class="share-buttons"><a href="#">Facebook</a> <a href="#">Email this story</a></div>',
    # an affiliate disclosure, and an agency's copyright notice set inside the story's container
    "legal": '<section class="editorial-disclosure"><p>Some links on this page earn us a commission '
    "when you buy through them, at no cost to you.</p></section>"
    '<p class="copyright">Copyright 2024 Coast Wire. All rights reserved.</p>',
}


def _page(box: str) -> str:
    paragraphs = [f"<p>{text}</p>" for text in PARAGRAPHS]
    inner = "\n".join(paragraphs[:3] + [box] + paragraphs[3:])
    return (
        "<html><head><title>Harbour channel to be dredged</title></head><body>"
        '<nav class="site-nav"><a href="/">Home</a> <a href="/coast">Coast</a></nav>'
        '<main><article class="story"><h1>Harbour channel to be dredged</h1>'
        f'<div class="story-body">{inner}</div></article></main>'
        "<footer>Coast Courier</footer></body></html>"
    )


@pytest.mark.parametrize("category", sorted(BOXES))
def test_a_box_inside_the_article_goes_whole_with_its_category(category: str) -> None:
    result = Cleaner(fallback="never").clean(html=_page(BOXES[category]))
    for paragraph in PARAGRAPHS:
        assert paragraph in result.body
    # the box decision names it, unless the classifier left it out of the article already
    # (a bare share bar: the block classifier's own answer, with the same category)
    boxed = [
        seg
        for seg in result.segments
        if seg.rule in ("html:box", "html:classifier") and seg.category == category
    ]
    assert boxed, result.segments
    assert any(seg.rule == "html:box" for seg in boxed) or category == "share"
    for seg in result.segments:
        if seg.kind == "body":
            assert (
                "Sign me up" not in seg.text
                and "subscriber" not in seg.text
                and "Facebook" not in seg.text
                and "commission" not in seg.text
                and "All rights reserved" not in seg.text
            )
    rebuilt = "".join(seg.text for seg in result.segments)
    assert rebuilt == result.source


@pytest.mark.parametrize("wrapper", ["share-wrapper", "legal-news"])
def test_a_box_named_like_chrome_that_holds_the_story_is_the_story(wrapper: str) -> None:
    """A wrapper whose class says "share" (or "legal": a court reporter's story) but holds
    the article's paragraphs is no box."""
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    page = (
        "<html><body><article><h1>Harbour channel to be dredged</h1>"
        f'<div class="{wrapper}">{paragraphs}</div></article></body></html>'
    )
    result = Cleaner(fallback="never").clean(html=page)
    for paragraph in PARAGRAPHS:
        assert paragraph in result.body
    assert not [seg for seg in result.segments if seg.rule == "html:box"]


def test_related_and_comment_classes_are_left_to_the_text_rules() -> None:
    """Live tickers and long reads set article text in "comment" and "related" wrappers."""
    ticker = '<div class="comment-entry"><p>The last ship left the channel at noon, two hours late.</p></div>'
    result = Cleaner(fallback="never").clean(html=_page(ticker))
    assert "The last ship left the channel at noon" in result.body
