"""The html stage on pages written for these tests (tests/data/html/).

Every path: outlet selectors (body + drop), the trafilatura fallback (with
and without outlet text rules), --no-fallback, and bad input of every kind
the issue names: truncated markup, no text, a 20 MB page, a wrong charset,
a PDF or an image handed over as HTML.
"""

from __future__ import annotations

import time

import pytest

from cleaner import Cleaner, InputError
from cleaner.blocks import split_blocks
from cleaner.html import page_document
from cleaner.html.decode import decode_html
from cleaner.html.fallback import align
from cleaner.outlets.rules import DropSelector, HtmlRules
from tests.paths import DATA

PAGES = DATA / "html"
RULES = DATA / "html_rules"
HARBOUR_URL = "https://www.harbourgazette.example/2024/02/14/ferry-service-cut"
VALLEY_URL = "https://valleycourier.example/2023/09/03/apples"

HARBOUR_BODY = [
    "The ferry that links the mainland with the four outer islands will sail only on Tuesdays",
    "Council leader Petra Aalto said fuel prices had risen by a third",
    "“We looked at every other option first, and none of them kept the boat running all winter,”",
    "Fishermen on the outer islands fear that the cut will make it harder",
    "Parents have also asked how pupils who board on the mainland",
    "The council will review the decision in June",
]
HARBOUR_CHROME = [
    "We use cookies",
    "Skip to content",
    "Most read",
    "Harbour wall repairs",
    "© 2024 The Harbour Gazette",
]
VALLEY_BODY = [
    "Apple growers across the valley are preparing for the largest harvest",
    "The growers' cooperative expects members to pick more than forty thousand tonnes",
    "“The trees have never looked this heavy,” said Dolores Whitfield",
    "Storage is the main worry",
    "Picking begins next week on the lower orchards",
]
VALLEY_CHROME = [
    "News Farm Events Obituaries",
    "Great news for the valley",
    "Leave a reply",
    "County fair draws",
    "Copyright ©",
]


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def removed_rules(result) -> dict[str, str]:
    """Removed text (each line) -> the rule that removed it."""
    found: dict[str, str] = {}
    for seg in result.removed:
        for line in seg.text.splitlines():
            if line.strip():
                found[line.strip()] = seg.rule
    return found


def assert_lossless(result) -> None:
    assert "".join(s.text for s in result.segments) == result.source


@pytest.fixture(scope="module")
def with_rules() -> Cleaner:
    return Cleaner(rules_paths=[RULES], builtin_rules=False, use_env=False)


@pytest.fixture(scope="module")
def plain() -> Cleaner:
    """No outlet rules, no heuristics, trafilatura first: the html stage's own decisions only."""
    return Cleaner(builtin_rules=False, use_env=False, heuristics=False, fallback="always")


# --- outlet selectors -------------------------------------------------------


def test_selectors_pick_the_article_and_drop_boxes_inside_it(with_rules: Cleaner) -> None:
    r = with_rules.clean(html=page("harbour_gazette.html"), url=HARBOUR_URL)
    assert r.outlet == "harbourgazette.example"
    assert_lossless(r)
    for sentence in HARBOUR_BODY:
        assert sentence in r.body
    rules = removed_rules(r)
    # the first body selector matches nothing, so the second one is the article
    assert r.metadata["html"]["selector"] == "article.story .story-body"
    for text in HARBOUR_CHROME:
        line = next(k for k in rules if k.startswith(text))
        assert rules[line] == "html:body:article.story .story-body"
    assert rules["Support local journalism"] == "html:drop:.support-box"
    assert rules["Donate now"] == "html:drop:.support-box"
    assert rules["Read more: Fuel prices blow a hole in the island budget"] == "html:drop:.read-also"
    categories = {s.category for s in r.removed}
    assert {"page_chrome", "donation_appeal", "related"} <= categories


def test_selector_page_metadata(with_rules: Cleaner) -> None:
    r = with_rules.clean(html=page("harbour_gazette.html"), url=HARBOUR_URL)
    meta = r.metadata
    assert meta["title"] == "Ferry service to the outer islands cut to twice a week"
    assert meta["author"] == "Mara Lindqvist"
    assert meta["date"] == "2024-02-14"
    assert meta["language"] == "en"
    assert meta["url"] == HARBOUR_URL
    assert meta["sources"]["url"] == "link[rel=canonical]"
    assert meta["sources"]["date"] == "meta[article:published_time]"
    assert r.to_dict()["metadata"]["title"] == meta["title"]


def test_no_body_selector_matches_falls_back_to_trafilatura(plain: Cleaner) -> None:
    rules = HtmlRules(body=(".nothing-like-this",), drop=(DropSelector(".support-box", "donation_appeal"),))
    doc = page_document(page("harbour_gazette.html"), url=None, html_rules=rules, fallback="always")
    assert doc.metadata["html"]["extraction"] == "trafilatura"
    assert doc.metadata["html"]["reason"] == "no body selector matched"
    # the drop selector still applies inside the article trafilatura found
    dropped = {
        doc.blocks[i].text
        for i, label in enumerate(doc.labels)
        if label and label.rule == "html:drop:.support-box"
    }
    assert "Support local journalism" in dropped


# --- trafilatura fallback ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body", "chrome"),
    [
        ("harbour_gazette.html", HARBOUR_BODY, HARBOUR_CHROME),
        ("valley_courier.html", VALLEY_BODY, VALLEY_CHROME),
    ],
)
def test_fallback_labels_the_whole_page(
    plain: Cleaner, name: str, body: list[str], chrome: list[str]
) -> None:
    r = plain.clean(html=page(name))
    assert_lossless(r)
    assert r.metadata["html"]["extraction"] == "trafilatura"
    for sentence in body:
        assert sentence in r.body
    rules = removed_rules(r)
    for text in chrome:
        line = next(k for k in rules if k.startswith(text))
        assert rules[line] == "html:trafilatura"
    # the chrome gets the category its markup shows (cleaner/html/chrome.py); the rule stays
    assert {"navigation", "legal"} <= {s.category for s in r.removed if s.rule == "html:trafilatura"}


def test_fallback_keeps_table_cells_in_order(plain: Cleaner) -> None:
    r = plain.clean(html=page("valley_courier.html"))
    for cell in ("Variety", "Gala", "15,100", "Honeycrisp", "12,900"):
        assert cell + "\n" in r.body + "\n"


def test_fallback_read_more_link_line_is_removed(plain: Cleaner) -> None:
    r = plain.clean(html=page("harbour_gazette.html"))
    rules = removed_rules(r)
    assert rules["Read more: Fuel prices blow a hole in the island budget"] == "html:link-line"


def test_outlet_text_rules_run_on_the_article_trafilatura_found(with_rules: Cleaner) -> None:
    # the newsletter box sits inside the article container and trafilatura keeps it
    r = with_rules.clean(html=page("valley_courier.html"), url=VALLEY_URL)
    assert r.outlet == "valleycourier.example"
    assert r.metadata["html"]["extraction"] in {"trafilatura", "classifier"}
    rules = removed_rules(r)
    box = next(k for k in rules if k.startswith("Get the Farm Report in your inbox."))
    assert rules[box] == "valleycourier.example:farm-report-box"
    assert "Farm Report" not in r.body
    for sentence in VALLEY_BODY:
        assert sentence in r.body


def test_default_cleaner_with_heuristics_keeps_the_article() -> None:
    r = Cleaner(builtin_rules=False, use_env=False).clean(html=page("valley_courier.html"))
    assert_lossless(r)
    for sentence in VALLEY_BODY:
        assert sentence in r.body
    assert "Leave a reply" not in r.body


def test_json_ld_metadata_with_several_authors(plain: Cleaner) -> None:
    meta = plain.clean(html=page("valley_courier.html"), url=VALLEY_URL).metadata
    assert meta["authors"] == ["Tomas Reyes", "Ines Okafor"]
    assert meta["author"] == "Tomas Reyes"
    assert meta["date"] == "2023-09-03"
    assert meta["title"] == "Orchard growers expect a record apple harvest"
    assert meta["sources"]["title"] == "json-ld:headline"
    assert meta["url"] == VALLEY_URL  # no canonical link: the record's URL


# --- no fallback -------------------------------------------------------------


def test_no_fallback_never_runs_trafilatura() -> None:
    cleaner = Cleaner(builtin_rules=False, use_env=False, heuristics=False, fallback=False)
    r = cleaner.clean(html=page("valley_courier.html"))
    assert_lossless(r)
    assert r.metadata["html"]["extraction"] == "classifier"  # the page's own block classifier
    assert "html:trafilatura" not in {s.rule for s in r.removed}
    assert "Picking begins next week" in r.body


def test_no_fallback_with_selectors_still_uses_them() -> None:
    cleaner = Cleaner(
        rules_paths=[RULES], builtin_rules=False, use_env=False, heuristics=False, fallback=False
    )
    r = cleaner.clean(html=page("harbour_gazette.html"), url=HARBOUR_URL)
    assert r.metadata["html"]["extraction"] == "selectors"
    assert "Most read" not in r.body


# --- the page text itself ----------------------------------------------------


@pytest.mark.parametrize("name", ["harbour_gazette.html", "valley_courier.html"])
def test_page_text_blocks_are_lines_with_true_offsets(name: str) -> None:
    doc = page_document(page(name), url=None, html_rules=None, fallback=True)
    assert doc.origin == "html"
    assert [(b.start, b.end, b.text) for b in doc.blocks] == [
        (b.start, b.end, b.text) for b in split_blocks(doc.source)
    ]
    assert all("\n" not in b.text and doc.source[b.start : b.end] == b.text for b in doc.blocks)
    assert len(doc.labels) == len(doc.blocks) == len(doc.in_article or [])
    # scripts, styles, head text and form widgets never reach the page text
    for hidden in ("dataLayer", "border: 1px", "Write your comment here", "@context"):
        assert hidden not in doc.source


def test_decomposed_characters_are_composed() -> None:
    decomposed = "Gru\u0308ne Ba\u0308ume am Flussufer"
    doc = page_document(f"<html><body><p>{decomposed}</p></body></html>", url=None, fallback=False)
    assert doc.blocks[0].text == "Grüne Bäume am Flussufer"


def test_hidden_elements_and_pre_lines() -> None:
    html = (
        "<html><body><div hidden>Secret promo</div><p style='display: none'>Invisible</p>"
        "<p>Visible paragraph with <b>bold</b> and <a href='#'>a link</a>.</p>"
        "<pre>line one\n  line two</pre></body></html>"
    )
    doc = page_document(html, url=None, html_rules=None, fallback=False)
    assert doc.source == "Visible paragraph with bold and a link.\nline one\nline two"


# --- alignment of trafilatura's text with the page blocks --------------------


def test_align_ignores_a_teaser_that_repeats_the_lead() -> None:
    lead = "The council voted on Tuesday to close three river crossings for repairs"
    blocks = [
        lead,
        "Home",
        "Bridge works close three crossings",
        lead,
        "Work lasts until spring, officials said.",
        "Share",
    ]
    extracted = f"Bridge works close three crossings\n{lead}\nWork lasts until spring, officials said."
    assert align(blocks, extracted) == [False, False, True, True, True, False]


def test_align_places_short_blocks_only_where_they_fit() -> None:
    blocks = [
        "DE",
        "A long paragraph of body text that trafilatura kept whole.",
        "Gala",
        "12,400",
        "EN",
        "Another body paragraph comes after the table.",
    ]
    extracted = "A long paragraph of body text that trafilatura kept whole.\n| Gala | 12,400 |\nAnother body paragraph comes after the table. de"
    assert align(blocks, extracted) == [False, True, True, True, False, True]


def test_align_nothing_extracted() -> None:
    assert align(["One block", "Two blocks"], "") == [False, False]


# --- bad input ---------------------------------------------------------------


def test_truncated_markup_still_cleans(plain: Cleaner) -> None:
    raw = page("harbour_gazette.html")
    cut = raw[: raw.index(b"Fishermen on the outer") + 30]  # ends inside a paragraph, tags left open
    r = plain.clean(html=cut)
    assert_lossless(r)
    assert "Council leader Petra Aalto said fuel prices" in r.body
    cut_in_tag = raw[: raw.index(b"<p>Council leader") + 2]  # ends inside a tag
    r2 = plain.clean(html=cut_in_tag)
    assert_lossless(r2)
    assert "The ferry that links the mainland" in r2.source


@pytest.mark.parametrize(
    "html",
    [
        "",
        b"",
        "   \n  ",
        "<html><head><title>Only a title</title><script>var a = 1;</script></head><body></body></html>",
        "<html><body><style>p{}</style><img src=a.png><br><hr></body></html>",
    ],
)
def test_page_without_text_gives_empty_body_with_reason(plain: Cleaner, html: str | bytes) -> None:
    r = plain.clean(html=html)
    assert r.body == ""
    assert r.segments == []
    assert r.metadata["html"]["reason"]


def test_twenty_megabyte_page_is_refused_quickly(plain: Cleaner) -> None:
    paragraph = b"<p>" + b"A sentence of filler text for a very large page. " * 20 + b"</p>\n"
    huge = b"<html><body>" + paragraph * (20_000_000 // len(paragraph) + 1) + b"</body></html>"
    assert len(huge) > 20_000_000
    started = time.process_time()
    with pytest.raises(InputError, match="too large"):
        plain.clean(html=huge)
    assert time.process_time() - started < 5


def test_large_page_beyond_the_fallback_limit_is_cleaned_as_whole_page() -> None:
    from cleaner import html as html_stage

    paragraph = "<p>" + "Plenty of words in one long paragraph here. " * 10 + "</p>\n"
    big = (
        "<html><body>" + paragraph * (html_stage.FALLBACK_MAX_CHARS // len(paragraph) + 10) + "</body></html>"
    )
    started = time.process_time()
    doc = page_document(big, url=None, html_rules=None, fallback="always")
    assert doc.metadata["html"]["extraction"] == "whole-page"
    assert "too large for trafilatura" in doc.metadata["html"]["reason"]
    assert all(doc.in_article or [])
    assert time.process_time() - started < 20


def test_wrong_declared_charset_is_decoded_honestly() -> None:
    text = "<html><head><meta charset='utf-8'></head><body><p>Café crème in Köln, naïve façade.</p></body></html>"
    as_cp1252 = text.encode("cp1252")  # says utf-8, is not
    with pytest.raises(UnicodeDecodeError):
        as_cp1252.decode("utf-8")
    decoded, encoding = decode_html(as_cp1252)
    assert "Café crème in Köln, naïve façade." in decoded
    assert encoding != "utf-8"
    # declared latin-1 but really UTF-8: valid UTF-8 wins
    lying = text.replace("utf-8", "iso-8859-1").encode("utf-8")
    assert "Café crème" in decode_html(lying)[0]
    # an unknown charset name does not crash
    unknown = text.replace("utf-8", "x-no-such-charset").encode("cp1252")
    doc = page_document(unknown, url=None, html_rules=None, fallback=False)
    assert "Caf" in doc.source


def test_declared_charset_and_bom() -> None:
    text = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'></head><body><p>Привет, мир</p></body></html>"
    decoded, encoding = decode_html(text.encode("cp1251"))
    assert "Привет, мир" in decoded and encoding == "cp1251"
    utf16 = "\ufeff<html><body><p>Grüße aus Wien</p></body></html>".encode("utf-16")
    doc = page_document(utf16, url=None, html_rules=None, fallback=False)
    assert doc.source == "Grüße aus Wien"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_non_html_input_is_refused_with_a_clear_error(plain: Cleaner, data: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=kind):
        plain.clean(html=data)


def test_pdf_read_as_text_is_refused(plain: Cleaner) -> None:
    with pytest.raises(InputError, match="PDF"):
        plain.clean(html="%PDF-1.4\n1 0 obj << >> endobj\n")


def test_wrong_type_is_refused(plain: Cleaner) -> None:
    with pytest.raises(InputError, match="str or bytes"):
        page_document(12345, url=None, html_rules=None, fallback=True)  # type: ignore[arg-type]


def test_deeply_nested_markup_does_not_crash(plain: Cleaner) -> None:
    sentence = "<p>Deep inside the page there is one sentence of text.</p>"
    nested = "<html><body>" + "<div>" * 200 + sentence + "</div>" * 200 + "</body></html>"
    assert "Deep inside the page" in plain.clean(html=nested).body
    # beyond the parser's depth limit: an empty body with a reason, no traceback
    abyss = "<html><body>" + "<div>" * 5000 + sentence + "</div>" * 5000 + "</body></html>"
    r = plain.clean(html=abyss)
    assert_lossless(r)
    assert "Deep inside the page" in r.body or r.metadata["html"]["reason"]


# --- decisions inside the article ---------------------------------------------


def test_headline_at_the_top_of_the_article_is_title() -> None:
    html = (
        "<html><head><meta property='og:title' content='Night trains return to the north | Rail Weekly'></head>"
        "<body><nav>Home</nav><article><p class='kicker'>Transport</p><h2>Night trains return to the north</h2>"
        "<p>The operator will run sleeper services three nights a week from May.</p></article></body></html>"
    )
    rules = HtmlRules(body=("article",))
    doc = page_document(html, url=None, html_rules=rules, fallback=True)
    labels = {b.text: label.rule if label else None for b, label in zip(doc.blocks, doc.labels)}
    assert labels["Night trains return to the north"] == "html:title"
    assert labels["Transport"] is None
    assert labels["The operator will run sleeper services three nights a week from May."] is None


def test_headline_outside_the_main_container_is_removed_too(plain: Cleaner) -> None:
    r = plain.clean(html=page("valley_courier.html"))
    assert "Orchard growers expect a record apple harvest" not in r.body
    assert r.body.startswith("Apple growers across the valley")


def test_short_blocks_outside_the_main_container_are_chrome() -> None:
    from cleaner.html.article import main_container, outside_main
    from cleaner.html.text import page_text, parse_html

    long = "A paragraph of the article that is long enough to weigh in the count. " * 3
    html = (
        "<html><body><div class='top'><p>Popular now</p><p>" + long + "lead</p></div>"
        "<div class='story'>" + "".join(f"<p>{long}{n}</p>" for n in range(8)) + "</div></body></html>"
    )
    page = page_text(parse_html(html, for_trafilatura=False))
    in_article = [True] * len(page.blocks)
    labels: list = [None] * len(page.blocks)
    outside_main(page, in_article, labels, main_container(page, in_article))
    assert [label.rule if label else None for label in labels] == ["html:outside-main"] + [None] * 9


def _marked(html: str, article: set[str]) -> tuple:
    """Page blocks of ``html`` with trafilatura's choice simulated: blocks starting with an ``article`` prefix."""
    from cleaner.html.text import page_text, parse_html

    page = page_text(parse_html(html, for_trafilatura=False))
    in_article = [any(b.text.startswith(prefix) for prefix in article) for b in page.blocks]
    labels: list = [None] * len(page.blocks)
    return page, in_article, labels


def test_lead_above_the_article_is_rescued_but_teaser_cards_are_not() -> None:
    from cleaner.html.article import rescue_lead

    cards = "".join(
        f"<div class='card'><h3><a href='/other'>Another story</a></h3><p class='teaser-text'>{text}</p></div>"
        for text in (
            "Residents of the old mill quarter met the mayor on Monday to talk about parking.",
            "The school on the hill will get a new roof before the winter storms arrive again.",
        )
    )
    html = (
        "<html><body><header><nav><a href='/'>Home</a></nav></header><main>"
        + cards
        + "<article><h1>Ferry timetable cut to one crossing a week</h1>"
        "<div class='article-intro'><p>The island ferry will sail only on Tuesdays from March, the council decided after a long debate.</p></div>"
        "<p class='byline'>By Ada Moss</p>"
        "<div class='author-box'><p class='author-description'>Ada Moss has reported on the islands for ten years.</p></div>"
        "<div class='text'><p>Council leader Petra Aalto said fuel prices had risen by a third since the autumn.</p>"
        "<p>Fishermen on the outer islands fear that the cut will make it harder to sell their catch.</p></div>"
        "</article></main></body></html>"
    )
    page, in_article, labels = _marked(html, {"Council leader", "Fishermen"})
    rescue_lead(page, in_article, labels)
    kept = [b.text for b, inside in zip(page.blocks, in_article) if inside]
    assert kept[0].startswith("The island ferry will sail only on Tuesdays")
    assert not any(
        text.startswith("The school on the hill") for text in kept
    )  # teaser cards repeat their markup
    assert "By Ada Moss" not in kept
    assert not any(text.startswith("Ada Moss has reported") for text in kept)  # an author box, not the lead


def test_lead_rescue_skips_cut_off_excerpts_and_the_page_header() -> None:
    from cleaner.html.article import rescue_lead

    html = (
        "<html><body><article><header><h1>Ferry timetable cut</h1>"
        "<p class='summary'>A description of the story that the page header shows under the headline here.</p></header>"
        "<div class='excerpt'><p>Residents of the old mill quarter met the mayor on Monday to talk about…</p></div>"
        "<p>Council leader Petra Aalto said fuel prices had risen by a third since the autumn.</p>"
        "</article></body></html>"
    )
    page, in_article, labels = _marked(html, {"Council leader"})
    rescue_lead(page, in_article, labels)
    assert sum(in_article) == 1


def test_paragraph_skipped_between_article_paragraphs_is_rescued_but_a_caption_is_not() -> None:
    from cleaner.html.article import rescue_gaps

    html = (
        "<html><body><article><div class='story'>"
        "<p>Council leader Petra Aalto said fuel prices had risen by a third since the autumn.</p>"
        "<p>She added that the council had looked at every other option before it cut the service.</p>"
        "<img src='ferry.jpg'><p>The ferry leaves the mainland harbour on a grey morning in early spring.</p>"
        "<p><a href='/more'>Read more about the ferry and the islands and the council here today</a></p>"
        "<p class='newsletter-promo'>Get the island news in your inbox every morning, free of charge.</p>"
        "<p>Fishermen on the outer islands fear that the cut will make it harder to sell their catch.</p>"
        "</div></article></body></html>"
    )
    page, in_article, labels = _marked(html, {"Council leader", "Fishermen"})
    rescue_gaps(page, in_article, labels)
    kept = [b.text[:20] for b, inside in zip(page.blocks, in_article) if inside]
    assert kept == ["Council leader Petra", "She added that the c", "Fishermen on the out"]


def test_selector_lxml_cannot_run_is_a_clear_error() -> None:
    rules = HtmlRules(body=('section:-soup-contains("Ferry")',))
    with pytest.raises(InputError, match="cannot run on lxml"):
        page_document(page("harbour_gazette.html"), url=None, html_rules=rules, fallback=True)


def test_invisible_characters_leave_the_page_text() -> None:
    html = "<html><body><p>Bundes\u00adverfassungs\u00adgericht</p><p>zero\u200bwidth\u2060joined\ufeff</p><p>plain</p></body></html>"
    doc = page_document(html, url=None, html_rules=None, fallback=False)
    assert [b.text for b in doc.blocks] == ["Bundesverfassungsgericht", "zerowidthjoined", "plain"]


def test_a_headline_above_the_main_container_is_named_title() -> None:
    """The <h1> sits in <article> but above the element holding the paragraphs: it is
    removed as before, now named ``title`` rather than page chrome."""
    paragraphs = "".join(
        f"<p>Paragraph {n} of the story about the new ferry timetable, which the port published on "
        f"Monday after months of talks with the island councils and the shipping company.</p>"
        for n in range(1, 7)
    )
    page = (
        "<html><head><title>Ferry timetable changes for the summer</title></head><body>"
        '<article><h1>Ferry timetable changes for the summer</h1><div class="story-body">'
        f"{paragraphs}</div></article></body></html>"
    )
    result = Cleaner(fallback="never").clean(html=page)
    [headline] = [seg for seg in result.removed if "Ferry timetable changes" in seg.text]
    assert (headline.category, headline.rule) == ("title", "html:title")
    assert "Paragraph 6 of the story" in result.body
