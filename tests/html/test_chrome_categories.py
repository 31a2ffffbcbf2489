"""Categories of the page chrome the html stage removes (cleaner/html/chrome.py).

One page written for these tests holds every kind of chrome the categoriser
names; each removed box must get its own category, the rule must still say
what removed it, and the body must be exactly what it is with the
categoriser switched off.
"""

from __future__ import annotations

from typing import Any

import pytest

import cleaner.html as html_stage
from cleaner import Cleaner
from cleaner.html import chrome, page_document
from cleaner.html.text import parse_html
from cleaner.outlets.rules import DropSelector, HtmlRules
from cleaner.result import Result

URL = "https://www.lakesideledger.example/2024/05/02/library-roof"

ARTICLE = """
<article class="story">
  <header class="story-header">
    <h1>Library roof repairs to start after years of leaks</h1>
  </header>
  <figure>
    <img src="/roof.jpg" alt="">
    <figcaption>Buckets catch rainwater in the reading room. Photo: Ada Lindgren</figcaption>
  </figure>
  <div class="story-body">
    <p>Repairs to the leaking roof of the town library will begin in June, the council said on Thursday, after
    three winters in which staff caught rainwater in buckets between the shelves of the reading room.</p>
    <p>The work is expected to take eleven weeks and will cost about four hundred thousand euros, most of it
    paid from a regional fund for public buildings that the town applied to last autumn.</p>
    <p>Head librarian Mirja Salo said the children's section would move to the ground floor of the town hall
    while the scaffolding is up, and that opening hours would stay the same for the whole summer.</p>
    <p>The roof was last replaced in 1978. An inspection in January found that water had reached the beams
    above the map collection, which has since been moved to the archive in the basement.</p>
    <p>Residents can follow the work on a page the council will update every Friday until the library reopens
    fully in the autumn, when a small ceremony is planned for the first day of the school year.</p>
  </div>
</article>
"""

CHROME_BOXES = {
    "navigation": '<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/town">Town</a></li>'
    '<li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav>',
    "consent": '<div id="cookie-banner"><p>We use cookies to understand how readers use this site.</p>'
    "<button>Accept all</button> <button>Settings</button></div>",
    "newsletter": '<div class="newsletter-box"><h3>The Friday Ledger</h3><p>Town news every Friday morning.</p>'
    '<form><input type="email" name="address"><button>Sign me up</button></form></div>',
    "related": '<aside class="related-stories"><h3>More from the town</h3><ul>'
    '<li><a href="/a">Ferry timetable changes for the summer season</a></li>'
    '<li><a href="/b">School playground reopens after flood damage</a></li></ul></aside>',
    "share": '<div class="share-bar"><a href="#">Facebook</a> <a href="#">Copy the link</a></div>',
    "comments": '<section id="comments"><h3>3 responses</h3>'
    '<div class="comment-body"><p>About time, the smell of damp paper was awful.</p></div>'
    '<div class="comment-body"><p>Will the map collection come back upstairs afterwards?</p></div></section>',
    "advertisement": '<div class="ad-slot"><span>Garden centre spring sale: everything half price</span></div>',
    "legal": '<footer class="site-footer"><p>© 2024 Lakeside Ledger Publishing Ltd.</p></footer>',
}
SITE_HEADER = '<div class="site-header"><span class="tagline">Independent news from the lakeside since 1921</span></div>'
CREDIT = "Buckets catch rainwater in the reading room. Photo: Ada Lindgren"
BOX_TEXT = {
    "navigation": "Culture",
    "consent": "We use cookies to understand how readers use this site.",
    "newsletter": "Town news every Friday morning.",
    "related": "Ferry timetable changes for the summer season",
    "share": "Copy the link",
    "comments": "Will the map collection come back upstairs afterwards?",
    "advertisement": "Garden centre spring sale: everything half price",
    "legal": "© 2024 Lakeside Ledger Publishing Ltd.",
}
BODY_START = "Repairs to the leaking roof of the town library will begin in June"


def page(article: str = ARTICLE) -> str:
    boxes = CHROME_BOXES
    return (
        '<!doctype html><html lang="en"><head><title>Library roof repairs | Lakeside Ledger</title></head><body>'
        f"{SITE_HEADER}{boxes['navigation']}{boxes['consent']}<main>{article}{boxes['share']}"
        f"{boxes['advertisement']}{boxes['newsletter']}{boxes['comments']}</main>{boxes['related']}"
        f"{boxes['legal']}</body></html>"
    )


@pytest.fixture(scope="module")
def plain() -> Cleaner:
    """No outlet rules, no heuristics, trafilatura first: the html stage's own decisions only."""
    return Cleaner(builtin_rules=False, use_env=False, heuristics=False, fallback="always")


def category_of(result: Result, text: str) -> tuple[str | None, str | None]:
    """(category, rule) of the removed segment that holds ``text``."""
    for seg in result.removed:
        if text in seg.text:
            return seg.category, seg.rule
    raise AssertionError(f"{text!r} is not removed")


def without_names(cleaner: Cleaner, html: str, monkeypatch: pytest.MonkeyPatch) -> Result:
    """The same page with the categoriser switched off (every chrome block page_chrome)."""
    with monkeypatch.context() as patch:
        patch.setattr(html_stage, "name_chrome", lambda *_args: None)
        return cleaner.clean(html=html, url=URL)


@pytest.mark.parametrize("category", sorted(BOX_TEXT))
def test_each_box_gets_its_category(plain: Cleaner, category: str) -> None:
    r = plain.clean(html=page(), url=URL)
    assert r.metadata["html"]["extraction"] == "trafilatura"
    assert category_of(r, BOX_TEXT[category]) == (category, "html:trafilatura")


def test_figcaption_is_a_credit(plain: Cleaner) -> None:
    r = plain.clean(html=page(), url=URL)
    assert category_of(r, CREDIT) == ("credit", "html:trafilatura")


def test_a_site_header_is_no_advertisement(plain: Cleaner) -> None:
    r = plain.clean(html=page(), url=URL)
    category, _ = category_of(r, "Independent news from the lakeside since 1921")
    assert category != "advertisement"
    assert category == "page_chrome"  # a tagline: not a menu entry, and nothing else is known


def test_body_and_removed_spans_do_not_change(plain: Cleaner, monkeypatch: pytest.MonkeyPatch) -> None:
    html = page()
    named = plain.clean(html=html, url=URL)
    base = without_names(plain, html, monkeypatch)
    assert named.body == base.body
    assert named.body.startswith(BODY_START)
    assert [(s.start, s.end, s.kind) for s in _merged(named)] == [
        (s.start, s.end, s.kind) for s in _merged(base)
    ]
    assert {s.category for s in base.removed} <= {"page_chrome", "title"}
    assert "".join(s.text for s in named.segments) == named.source


def test_with_heuristics_the_body_does_not_change(monkeypatch: pytest.MonkeyPatch) -> None:
    full = Cleaner(use_env=False)
    html = page()
    assert full.clean(html=html, url=URL).body == without_names(full, html, monkeypatch).body


def _merged(result: Result) -> list[Any]:
    """Segments with neighbours of the same kind merged (categories split removed runs)."""
    out: list[Any] = []
    for seg in result.segments:
        if out and out[-1].kind == seg.kind and out[-1].end == seg.start:
            out[-1] = type(seg)(out[-1].start, seg.end, seg.kind, None, None, "")
        else:
            out.append(type(seg)(seg.start, seg.end, seg.kind, None, None, ""))
    return out


def test_selector_chrome_keeps_its_rule() -> None:
    doc = page_document(page(), url=URL, html_rules=HtmlRules(body=(".story-body",), drop=()))
    assert doc.metadata["html"]["extraction"] == "selectors"
    found = {
        doc.blocks[i].text: label
        for i, label in enumerate(doc.labels)
        if label is not None and label.rule == "html:body:.story-body"
    }
    assert found[BOX_TEXT["consent"]].category == "consent"
    assert found[BOX_TEXT["comments"]].category == "comments"
    assert found["Culture"].category == "navigation"


def test_a_drop_selector_keeps_its_own_category() -> None:
    rules = HtmlRules(
        body=("main",), drop=(DropSelector(".share-bar", "page_chrome"), DropSelector(".ad-slot", "other"))
    )
    doc = page_document(page(), url=URL, html_rules=rules)
    labels = {doc.blocks[i].text: label for i, label in enumerate(doc.labels) if label is not None}
    share = labels["Facebook Copy the link"]
    assert (share.category, share.rule) == ("share", "html:drop:.share-bar")  # named, same rule
    assert labels[BOX_TEXT["advertisement"]].category == "other"  # an outlet's own category stays


# --- class and id words -------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "category"),
    [
        ("ad-slot", "advertisement"),
        ("adSlot", "advertisement"),
        ("headerAd", "advertisement"),
        ("site-header", None),
        ("loadMore", None),
        ("shadow-box", None),
        ("breadcrumb", "navigation"),
        ("footer-newsletter", "newsletter"),
        ("cookieConsent", "consent"),
        ("comment-form-cookies-consent", "comments"),
        ("widget_blog_subscription", "newsletter"),
        ("paywall-inner", "subscription"),
        ("social-share", "share"),
        ("social-media-embed", None),
        ("carousel-caption", None),
        ("wp-caption-text", "credit"),
        ("article-byline", "credit"),
        ("post-123 category-ads tag-comments", None),
        ("no-ads", None),
        ("has-comments", None),
        ("ajax_afef79778ad1f76c9209da68d60a1682", None),
    ],
)
def test_class_words(names: str, category: str | None) -> None:
    assert chrome.class_category(names) == category


def test_header_inside_an_article_is_no_menu() -> None:
    html = (
        "<html><body><header><p>Site name</p></header><article><header><p>By Ada</p></header>"
        "<p>Body text of the story.</p></article></body></html>"
    )
    root = parse_html(html)
    assert root is not None
    site, byline = root.iter("header")
    dom = chrome.DomContext([])
    assert dom.of(site).place == "navigation"
    assert dom.of(byline).place is None


def test_deep_pages_resolve_each_element_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A staircase of nested boxes: each block's walk up stops at the first resolved element."""
    depth = 200
    html = "<html><body>" + "".join(f'<div class="lvl{i}"><p>line {i}</p>' for i in range(depth))
    html += "</div>" * depth + "</body></html>"
    root = parse_html(html)
    assert root is not None
    calls = 0
    real = chrome._signal

    def counted(*args: Any) -> chrome.Signal:
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(chrome, "_signal", counted)
    dom = chrome.DomContext([])
    for p in root.iter("p"):
        dom.of(p)
    assert calls <= 2 * depth + 2  # every div and p once, not once per block below it


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Etiquetas: tranvía, movilidad, urbanismo", "navigation"),  # a label and its keywords
        ("Schlagwörter: Radverkehr, Stadtplanung", "navigation"),
        ("Etiquetas: así llaman los comerciantes a los precios nuevos.", None),  # a sentence
    ],
)
def test_a_tag_line_block_is_navigation(text: str, category: str | None) -> None:
    assert chrome.text_categories([text]) == [category]
