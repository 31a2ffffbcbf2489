"""The html block classifier (cleaner/html/classifier.py) and the fallback modes.

The pages are the test pages of tests/data/html (written for these tests);
the model is the shipped html_weights.json.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from cleaner import Cleaner
from cleaner.engine import fallback_mode as engine_fallback_mode
from cleaner.html import fallback_mode, page_document
from cleaner.html.blockfeatures import FEATURE_NAMES, PageLayout, block_features, grouped_mean
from cleaner.html.classifier import (
    LOST_BODY_CHARS,
    WEIGHTS_PATH,
    BlockClassifier,
    FallbackRule,
    shipped_classifier,
)
from cleaner.html.text import page_text, parse_html
from cleaner.outlets.rules import HtmlRules
from tests.html.test_html import (
    HARBOUR_BODY,
    HARBOUR_CHROME,
    VALLEY_BODY,
    VALLEY_CHROME,
    assert_lossless,
    page,
    removed_rules,
)

PAGES = {
    "harbour_gazette.html": (HARBOUR_BODY, HARBOUR_CHROME),
    "valley_courier.html": (VALLEY_BODY, VALLEY_CHROME),
}


@pytest.fixture(scope="module")
def classifier_only() -> Cleaner:
    """No outlet rules, no heuristics, no trafilatura: the classifier and the DOM decisions."""
    return Cleaner(builtin_rules=False, use_env=False, heuristics=False, fallback="never")


# --- the fallback modes ------------------------------------------------------


def test_fallback_values() -> None:
    assert fallback_mode(True) == "auto"
    assert fallback_mode(False) == "never"
    assert [fallback_mode(v) for v in ("auto", "always", "never")] == ["auto", "always", "never"]
    with pytest.raises(ValueError, match="fallback must be one of auto, always, never"):
        Cleaner(builtin_rules=False, use_env=False, fallback="sometimes")
    # the engine reads the same values without importing the html stage
    for value in (True, False, "auto", "always", "never"):
        assert engine_fallback_mode(value) == fallback_mode(value)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_classifier_finds_the_article(classifier_only: Cleaner, name: str) -> None:
    body, chrome = PAGES[name]
    r = classifier_only.clean(html=page(name))
    assert_lossless(r)
    assert r.metadata["html"]["extraction"] == "classifier"
    for sentence in body:
        assert sentence in r.body
    rules = removed_rules(r)
    for text in chrome:
        line = next(k for k in rules if k.startswith(text))
        assert rules[line] in {"html:classifier", "html:link-line", "html:outside-main"}
    assert "html:trafilatura" not in rules.values()


def test_unsure_page_goes_to_trafilatura() -> None:
    never_sure = dataclasses.replace(shipped_classifier(), fallback=FallbackRule(0.2, 0.0, 10**9))
    doc = page_document(page("valley_courier.html"), url=None, fallback="auto", classifier=never_sure)
    assert doc.metadata["html"]["extraction"] == "trafilatura"
    assert doc.metadata["html"]["classifier"]["unsure"] is True
    # "never" keeps the classifier's answer however unsure it is
    doc = page_document(page("valley_courier.html"), url=None, fallback="never", classifier=never_sure)
    assert doc.metadata["html"]["extraction"] == "classifier"


def test_a_page_past_max_blocks_keeps_the_classifiers_answer() -> None:
    # trafilatura's time grows with the page: past the rule's block limit the classifier's
    # answer stands however unsure it is (the limit is chosen by bench/fit_html.py)
    capped = dataclasses.replace(shipped_classifier(), fallback=FallbackRule(0.2, 0.0, 10**9, max_blocks=3))
    doc = page_document(page("valley_courier.html"), url=None, fallback="auto", classifier=capped)
    assert len(doc.blocks) > 3
    assert doc.metadata["html"]["extraction"] == "classifier"
    assert doc.metadata["html"]["classifier"]["unsure"] is True  # unsure, but not sent
    roomy = dataclasses.replace(capped, fallback=FallbackRule(0.2, 0.0, 10**9, max_blocks=len(doc.blocks)))
    doc = page_document(page("valley_courier.html"), url=None, fallback="auto", classifier=roomy)
    assert doc.metadata["html"]["extraction"] == "trafilatura"


def test_a_page_past_max_elements_keeps_the_classifiers_answer() -> None:
    # trafilatura walks every element: past the rule's element limit (the walk's count)
    # the classifier's answer stands however unsure it is
    capped = dataclasses.replace(shipped_classifier(), fallback=FallbackRule(0.2, 0.0, 10**9, max_elements=3))
    doc = page_document(page("valley_courier.html"), url=None, fallback="auto", classifier=capped)
    assert doc.metadata["html"]["extraction"] == "classifier"
    assert doc.metadata["html"]["classifier"]["unsure"] is True  # unsure, but not sent
    roomy = dataclasses.replace(capped, fallback=FallbackRule(0.2, 0.0, 10**9, max_elements=10**6))
    doc = page_document(page("valley_courier.html"), url=None, fallback="auto", classifier=roomy)
    assert doc.metadata["html"]["extraction"] == "trafilatura"


def test_the_element_limit_is_read_and_written_with_the_rule() -> None:
    chars = np.array([1000.0, 500.0, 800.0])  # 800 confident characters: the caps apply
    probabilities = np.array([0.5, 0.55, 0.9])
    assert FallbackRule(0.2, 0.1, 0, max_elements=40).goes(probabilities, chars, 40)
    assert not FallbackRule(0.2, 0.1, 0, max_elements=40).goes(probabilities, chars, 41)
    rule = FallbackRule(0.35, 0.72, 0, None, 3000)
    assert FallbackRule.from_json(rule.to_json()) == rule
    shipped = shipped_classifier().fallback
    assert FallbackRule.from_json(shipped.to_json()) == shipped
    # whatever the rule weighs, a page of a few confident characters has no article to keep
    assert shipped.goes(np.array([0.95, 0.1, 0.05]), np.array([40.0, 900.0, 700.0]), 10**6)


def test_a_page_with_no_confident_article_goes_whatever_its_size() -> None:
    # every block unsure or low: the classifier has no answer worth keeping, so the size
    # caps (a trade of quality for time) do not hold the page back from trafilatura
    chars = np.array([3000.0, 2000.0, 900.0])
    probabilities = np.array([0.5, 0.4, 0.1])
    lost = FallbackRule(0.2, 0.1, 0, max_blocks=2, max_elements=40)
    assert lost.unsure(probabilities, chars)[2] < LOST_BODY_CHARS
    assert lost.goes(probabilities, chars, 10**6)
    sure_of_some = np.array([0.5, 0.4, 0.9])  # 900 confident characters: the caps hold
    assert not lost.goes(sure_of_some, chars, 10**6)


def test_the_block_limit_is_read_and_written_with_the_rule() -> None:
    chars = np.array([1000.0, 500.0, 800.0])
    probabilities = np.array([0.5, 0.55, 0.9])
    assert FallbackRule(0.2, 0.1, 0, max_blocks=3).goes(probabilities, chars)
    assert not FallbackRule(0.2, 0.1, 0, max_blocks=2).goes(probabilities, chars)
    assert FallbackRule(0.2, 0.1, 0, max_blocks=2).unsure(probabilities, chars)[0]  # unsure all the same
    for rule in (FallbackRule(0.35, 0.72, 0, 1000), FallbackRule(0.2, 0.5, 100)):
        assert FallbackRule.from_json(rule.to_json()) == rule
    older = {"band": 0.35, "max_unsure_share": 0.7, "min_body_chars": 0}  # written before the limit
    assert FallbackRule.from_json(older) == FallbackRule(0.35, 0.7, 0, None)
    shipped = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert BlockClassifier.from_json(shipped).to_json()["fallback"] == shipped["fallback"]


def test_unsure_page_gets_what_trafilatura_first_gives() -> None:
    # "auto" walks a plain etree tree and parses the page again, with lxml.html's elements,
    # for trafilatura; "always" parses once for both: the same page, article and labels
    never_sure = dataclasses.replace(shipped_classifier(), fallback=FallbackRule(0.2, 0.0, 10**9))
    for name in sorted(PAGES):
        auto = page_document(page(name), url=None, fallback="auto", classifier=never_sure)
        first = page_document(page(name), url=None, fallback="always")
        assert auto.metadata["html"]["extraction"] == first.metadata["html"]["extraction"], name
        assert (auto.source, auto.in_article, auto.labels) == (
            first.source,
            first.in_article,
            first.labels,
        ), name


def test_sure_page_stays_with_the_classifier() -> None:
    always_sure = dataclasses.replace(shipped_classifier(), fallback=FallbackRule(0.0, 1.01, 0))
    doc = page_document(page("harbour_gazette.html"), url=None, fallback="auto", classifier=always_sure)
    assert doc.metadata["html"]["extraction"] == "classifier"
    assert doc.metadata["html"]["classifier"]["unsure"] is False
    # the same answer as "never" (both walk the plain etree tree)
    never = page_document(page("harbour_gazette.html"), url=None, fallback="never", classifier=always_sure)
    assert (never.source, never.in_article, never.labels) == (doc.source, doc.in_article, doc.labels)


def test_unmatched_body_selector_reason_survives_the_classifier() -> None:
    rules = HtmlRules(body=(".nothing-like-this",), drop=())
    doc = page_document(page("valley_courier.html"), url=None, html_rules=rules, fallback="never")
    assert doc.metadata["html"]["extraction"] == "classifier"
    assert doc.metadata["html"]["reason"] == "no body selector matched"


def test_every_mode_is_lossless_with_heuristics() -> None:
    for mode in ("auto", "always", "never"):
        cleaner = Cleaner(builtin_rules=False, use_env=False, fallback=mode)
        for name in PAGES:
            assert_lossless(cleaner.clean(html=page(name)))


def test_classifier_that_finds_nothing_gives_the_whole_page() -> None:
    model = shipped_classifier()
    nothing = dataclasses.replace(model, threshold=2.0)  # no probability reaches it
    doc = page_document(page("valley_courier.html"), url=None, fallback="never", classifier=nothing)
    assert doc.metadata["html"]["extraction"] == "whole-page"
    assert all(doc.in_article or [])


# --- the features ------------------------------------------------------------


FEATURE_PAGE = (
    "<html><head><title>Storm closes the coast road</title></head><body>"
    "<nav class='site-menu'><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul></nav>"
    "<div class='article-body'><h1>Storm closes the coast road</h1>"
    "<p>Rangers closed the coast road on Sunday after waves, tall as houses, broke over the wall.</p>"
    "<p>The road will open again when the sea calms, the county said, perhaps by Tuesday.</p></div>"
    "<div class='related'><div class='card'><a href='/a'>Harbour gets new crane</a></div>"
    "<div class='card'><a href='/b'>Lighthouse keeper retires</a></div></div>"
    "<footer>Home</footer></body></html>"
)


def _features() -> tuple[list[str], np.ndarray]:
    root = parse_html(FEATURE_PAGE, for_trafilatura=False)
    page_walk = page_text(root)
    texts = [b.text for b in page_walk.blocks]
    return texts, block_features(page_walk, "Storm closes the coast road", None)


def test_block_features_describe_each_block() -> None:
    texts, x = _features()
    assert x.shape == (len(texts), len(FEATURE_NAMES))
    assert np.isfinite(x).all()
    col = {name: x[:, k] for k, name in enumerate(FEATURE_NAMES)}
    home, news = texts.index("Home"), texts.index("News")
    first = next(i for i, t in enumerate(texts) if t.startswith("Rangers"))
    card = texts.index("Harbour gets new crane")
    headline = texts.index("Storm closes the coast road")
    assert col["link_share"][home] == 1.0 and col["link_share"][first] == 0.0
    assert col["in_nav"][news] == 1.0 and col["in_nav"][first] == 0.0
    assert col["furniture_near"][news] == 1.0 and col["furniture_near"][first] == 0.0
    assert col["article_near"][first] == 1.0
    assert col["repeated_text"][home] == 1.0 and col["repeated_text"][first] == 0.0
    assert col["log_parent_twins"][card] == pytest.approx(np.log1p(2))  # two cards with one class
    assert col["title_overlap"][headline] == 1.0
    assert col["tag_p"][first] == 1.0 and col["tag_h1"][headline] == 1.0
    # the paragraphs' container holds most of the prose: the main element
    assert col["in_main"][first] == 1.0 and col["in_main"][card] == 0.0
    assert col["link_parent"][first] == 0.0 and col["link_parent"][card] == 1.0


def test_grouped_mean_weighs_by_characters() -> None:
    root = parse_html(FEATURE_PAGE, for_trafilatura=False)
    walk = page_text(root)
    groups = PageLayout(walk).groups(1)
    chars = np.array([len(b.text) for b in walk.blocks], dtype=float)
    scores = np.linspace(0.0, 1.0, len(chars))
    means = grouped_mean(groups, chars, scores)
    for g in set(groups.tolist()):
        members = groups == g
        expected = (chars[members] * scores[members]).sum() / chars[members].sum()
        assert np.allclose(means[members], expected)


def test_weights_fitted_on_other_features_are_refused() -> None:
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="refit with bench/fit_html.py"):
        BlockClassifier.from_json(data)


def test_byline_box_inside_the_classifiers_article_is_removed(classifier_only: Cleaner) -> None:
    html = (
        "<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><article>"
        "<h1>Island ferry to run twice a day</h1><p class='byline'>By a staff reporter</p>"
        "<p>The harbour authority said on Monday that the ferry would run twice a day from June, "
        "ending years of complaints from residents about a single morning crossing.</p>"
        "<p>A second boat, bought from a company in the north, passed its safety inspection last "
        "week after a winter of repairs, a spokeswoman for the authority said.</p>"
        "</article><footer>© 2024 Harbour Gazette</footer></body></html>"
    )
    r = classifier_only.clean(html=html)
    assert r.metadata["html"]["extraction"] == "classifier"
    assert r.body.startswith("The harbour authority said on Monday")
    assert removed_rules(r)["By a staff reporter"] == "html:byline"
    assert [s.category for s in r.removed if s.text.strip() == "By a staff reporter"] == ["credit"]


# --- the head of the article and captions in the classifier's article ---------

HEAD_PAGE = (
    "<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><main><article>"
    "<div class='section-label'>Islands</div>"
    "<h1>Island ferry to run twice a day</h1>"
    "<div data-part='standfirst'><p>Residents who waited years for a second crossing will get it in June, "
    "the harbour authority says</p></div>"
    "<figure><img src='ferry.jpg'><figcaption>The ferry at the mainland pier in May.</figcaption></figure>"
    "<address>Ada Moss <span>Mon 3 Jun 2024 07.00 BST</span></address>"
    "<div class='article-body'>"
    "<p>The harbour authority said on Monday that the ferry would run twice a day from June, "
    "ending years of complaints from residents about a single morning crossing.</p>"
    "<p>A second boat, bought from a company in the north, passed its safety inspection last "
    "week after a winter of repairs, a spokeswoman for the authority said.</p>"
    "<p>Fishermen on the outer islands said the afternoon crossing would let them sell their "
    "catch on the mainland on the day it is landed.</p>"
    "</div></article></main><footer>© 2024 Harbour Gazette</footer></body></html>"
)


def test_head_above_the_named_body_box_is_not_body(classifier_only: Cleaner) -> None:
    r = classifier_only.clean(html=HEAD_PAGE)
    assert r.metadata["html"]["extraction"] == "classifier"
    assert r.body.startswith("The harbour authority said on Monday")
    rules = removed_rules(r)
    assert rules["Ada Moss Mon 3 Jun 2024 07.00 BST"] == "html:head"
    assert (
        rules[
            "Residents who waited years for a second crossing will get it in June, the harbour authority says"
        ]
        == "html:head"
    )
    assert rules["Island ferry to run twice a day"] == "html:title"  # the headline keeps its name
    assert_lossless(r)


def test_a_lead_paragraph_above_the_body_box_stays(classifier_only: Cleaner) -> None:
    """A standfirst written as prose (a sentence of 15 words or more) opens the article; the
    kicker and the byline above the body box still go."""
    lead = (
        "Residents who waited years for a second crossing will get it in June, after the harbour "
        "authority found a boat it could afford."
    )
    html = HEAD_PAGE.replace(
        "<p>Residents who waited years for a second crossing will get it in June, "
        "the harbour authority says</p>",
        f"<p>{lead}</p>",
    )
    r = classifier_only.clean(html=html)
    assert r.body.startswith(lead)
    rules = removed_rules(r)
    assert rules["Ada Moss Mon 3 Jun 2024 07.00 BST"] == "html:head"
    assert "Islands" not in r.body
    assert_lossless(r)


JAPANESE_HEAD_PAGE = (
    "<html lang='ja'><body><nav><a href='/'>ホーム</a> <a href='/n'>ニュース</a></nav><main><article>"
    "<div class='section-label'>離島</div>"
    "<h1>離島フェリー、六月から一日二便に</h1>"
    "<div data-part='standfirst'><p>LEAD</p></div>"
    "<address>山田花子 <span>2024年6月3日 7時00分</span></address>"
    "<div class='article-body'>"
    "<p>港湾当局は月曜日、フェリーを六月から一日二便で運航すると発表した。朝の一便しかないことに"
    "住民から長年不満の声が上がっていた。</p>"
    "<p>北部の会社から購入した二隻目の船は、冬の間の修理を終えて先週安全検査に合格したと、"
    "当局の広報担当者が明らかにした。</p>"
    "<p>外側の島々の漁業者は、午後の便ができれば水揚げしたその日のうちに本土で魚を売れるようになると"
    "話している。</p>"
    "</div></article></main><footer>© 2024 港新聞</footer></body></html>"
)


def test_a_japanese_lead_paragraph_above_the_body_box_stays(classifier_only: Cleaner) -> None:
    """Words of an unspaced script are counted as the heuristics count them, two characters
    to a word: a Japanese lead paragraph is prose too, the byline above the body still goes."""
    lead = (
        "島の住民が長年求めてきた二便目のフェリーが、六月から毎日運航されることになった。港湾当局が発表した。"
    )
    r = classifier_only.clean(html=JAPANESE_HEAD_PAGE.replace("LEAD", lead))
    assert r.metadata["html"]["extraction"] == "classifier"
    assert r.body.startswith(lead)
    assert removed_rules(r)["山田花子 2024年6月3日 7時00分"] == "html:head"
    assert_lossless(r)


def test_head_rule_keeps_a_text_split_over_several_body_boxes(classifier_only: Cleaner) -> None:
    html = HEAD_PAGE.replace(
        "<div class='article-body'>",
        "<div class='article-body'><p>Islanders have asked for a second daily crossing since the old "
        "boat was sold, and the authority promised one at every public meeting for a decade.</p></div>"
        "<div class='article-body'>",
    ).replace("<p>Fishermen", "<p>Islanders cheered. Fishermen")
    r = classifier_only.clean(html=html)
    assert "Islanders have asked for a second daily crossing" in r.body


GALLERY_SLIDE = (
    "<li class='gallery-item'><img src='p{n}.jpg'>"
    "<div class='caption'>Passengers board the ferry at the mainland pier, photo {n}.</div></li>"
)


def test_gallery_captions_in_the_classifiers_article_are_credit(classifier_only: Cleaner) -> None:
    paragraphs = "".join(
        f"<p>{text}</p>"
        for text in (
            "The harbour authority said on Monday that the ferry would run twice a day from June, "
            "ending years of complaints from residents about a single morning crossing.",
            "A second boat, bought from a company in the north, passed its safety inspection last "
            "week after a winter of repairs, a spokeswoman for the authority said.",
            "Fishermen on the outer islands said the afternoon crossing would let them sell their "
            "catch on the mainland on the day it is landed, and shops would get fresh bread.",
            "The council will pay for the extra fuel for two years; after that the authority hopes "
            "that more passengers will cover the cost of the second crossing themselves.",
        )
    )
    html = (
        "<html><body><article><h1>Island ferry to run twice a day</h1><div class='story'>"
        f"<ul class='slides'>{GALLERY_SLIDE.format(n=1)}</ul>{paragraphs}"
        "</div></article><footer>© 2024 Harbour Gazette</footer></body></html>"
    )
    r = classifier_only.clean(html=html)
    assert r.metadata["html"]["extraction"] == "classifier"
    assert "Passengers board" not in r.body
    assert removed_rules(r)["Passengers board the ferry at the mainland pier, photo 1."] == "html:caption"
    assert "Fishermen on the outer islands" in r.body
    assert_lossless(r)


def test_a_photo_essay_keeps_its_captions() -> None:
    """The caption rule alone: where captions are most of the article, they are its content."""
    from cleaner.html.article import captions

    slides = "".join(
        f"<figure><img src='p{n}.jpg'><figcaption>{text}</figcaption></figure>"
        for n, text in enumerate(
            (
                "Dawn on the outer islands: the first boat of the day leaves the pier while the "
                "fishermen sort the night's catch on the quay.",
                "Mid-morning the ferry reaches the mainland, where a queue of cars and bicycles has "
                "waited since six for the only crossing back.",
                "By noon the harbour is quiet again; the ferry's crew eat lunch on deck and check the "
                "weather for the afternoon's return.",
            )
        )
    )
    html = (
        "<html><body><article><h1>A day on the island ferry</h1>"
        "<p>Our photographer spent a day on the only boat that links the islands to the mainland.</p>"
        f"{slides}</article></body></html>"
    )
    layout = page_text(parse_html(html, for_trafilatura=False))
    in_article = [True] * len(layout.blocks)
    labels: list = [None] * len(layout.blocks)
    captions(layout, in_article, labels)
    assert labels == [None] * len(layout.blocks)


def test_blocks_below_the_named_body_box_are_not_body(classifier_only: Cleaner) -> None:
    html = HEAD_PAGE.replace(
        "</div></article>",
        "</div><div class='about'><p>The Harbour Gazette is an independent weekly paper owned by "
        "its readers and published on the islands since 1921.</p></div></article>",
    )
    r = classifier_only.clean(html=html)
    assert r.body.rstrip().endswith("on the day it is landed.")
    assert (
        removed_rules(r)[
            "The Harbour Gazette is an independent weekly paper owned by its readers and published "
            "on the islands since 1921."
        ]
        == "html:tail"
    )
    assert_lossless(r)


def test_a_gallery_repeating_its_captions_counts_each_caption_once() -> None:
    from cleaner.html.article import captions

    caption = (
        "The harbour authority's new ferry at the mainland pier on Monday morning, the day its "
        "second daily crossing was announced to residents of the outer islands."
    )
    slides = "".join(
        f"<li class='slide'><img src='p.jpg'><div class='caption'>{caption}</div></li>" for _ in range(4)
    )
    html = (
        f"<html><body><article><ul class='gallery'>{slides}</ul><div class='story'>"
        "<p>The harbour authority said on Monday that the ferry would run twice a day from June, "
        "ending years of complaints from residents about a single morning crossing.</p>"
        "<p>A second boat, bought from a company in the north, passed its safety inspection last "
        "week after a winter of repairs, a spokeswoman for the authority said.</p>"
        "</div></article></body></html>"
    )
    layout = page_text(parse_html(html, for_trafilatura=False))
    in_article = [True] * len(layout.blocks)
    labels: list = [None] * len(layout.blocks)
    captions(layout, in_article, labels)
    assert [label.rule if label else None for label in labels] == ["html:caption"] * 4 + [None, None]


def test_a_post_wrapper_whose_class_says_publish_is_no_byline_box(classifier_only: Cleaner) -> None:
    """WordPress puts "status-publish" on every post's wrapper: its short lines are body."""
    html = (
        "<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
        "<div class='post post-12 type-post status-publish format-standard'>"
        "<h1>Island ferry to run twice a day</h1>"
        "<p>The harbour authority said on Monday that the ferry would run twice a day from June, "
        "ending years of complaints from residents about a single morning crossing.</p>"
        "<p>What the islanders asked for:</p>"
        "<p>A second boat, bought from a company in the north, passed its safety inspection last "
        "week after a winter of repairs, a spokeswoman for the authority said.</p>"
        "</div><footer>© 2024 Harbour Gazette</footer></body></html>"
    )
    r = classifier_only.clean(html=html)
    assert r.metadata["html"]["extraction"] == "classifier"
    assert "What the islanders asked for:" in r.body


def test_a_footnoted_source_stays_where_a_read_more_link_goes(classifier_only: Cleaner) -> None:
    """A link line that is a bare URL, behind a footnote's number or not, is a cited source."""
    note = "[1] https://harbour.example.org/reports/dredging-survey-2024.pdf"
    html = (
        "<html><body><main><article><h1>Harbour channel to be dredged</h1>"
        "<p>The harbour authority will dredge the northern channel this autumn, its director said on "
        "Monday, after two cargo ships ran aground there within a month [1].</p>"
        "<p>The work is due to take six weeks and will be paid from the port's own reserves, which grew "
        "last year as the number of ferry passengers rose for the third year in a row.</p>"
        "<p>Fishermen who moor in the inner basin will be moved to the southern quay while the dredgers "
        "work, and no boat will have to leave the harbour altogether, the authority said.</p>"
        f"<p>[1] <a href='https://harbour.example.org/reports/dredging-survey-2024.pdf'>{note[4:]}</a></p>"
        "<p><a href='/news/ferry'>Read more: Island ferry to run twice a day from June</a></p>"
        "</article></main></body></html>"
    )
    r = classifier_only.clean(html=html)
    assert note in r.body
    # the link-line decision, or the classifier where it left the teaser out already
    assert removed_rules(r)["Read more: Island ferry to run twice a day from June"] in (
        "html:link-line",
        "html:classifier",
    )
    assert_lossless(r)
