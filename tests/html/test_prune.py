"""trafilatura reads less on the pages it is sent: chrome landmarks the classifier is sure of are cut.

The pages are laid out as news sites lay theirs out: a site header with the
menu, the article (its own header with the headline), a sidebar, a footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pytest
from lxml import etree

import cleaner.html as html_stage
from cleaner.html import page_document
from cleaner.html.classifier import BlockClassifier, FallbackRule, PageDecision
from cleaner.html.prune import counterparts, cut, outside_landmarks
from cleaner.html.text import PageText, page_text, parse_html

PARAGRAPH = "The council voted on Tuesday to keep the library open on Sundays after a long debate. "
PAGE = f"""<html><head><title>Library stays open</title></head><body>
<header class="site-header"><a href="/">Town Gazette</a>
  <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
</header>
<div class="wrap">
  <article>
    <header><h1>Library stays open on Sundays</h1></header>
    <p>{PARAGRAPH * 3}</p>
    <p>{PARAGRAPH * 2}</p>
    <footer class="byline">By A. Writer</footer>
  </article>
  <aside><h3>Most read</h3><ul><li><a href="/a">Bridge closes for repairs</a></li></ul></aside>
  <div role="navigation"><a href="/tags">Tags</a></div>
</div>
<footer class="site-footer"><p>Contact us</p><form><label>Email</label></form></footer>
Closing words after the footer.
</body></html>"""

ARTICLE_WORDS = ("Library stays open", "The council", "By A. Writer")


def scores_for(page: PageText) -> Any:
    """Article blocks sure, the rest far below the fallback band."""
    return np.array([0.95 if b.text.startswith(ARTICLE_WORDS) else 0.02 for b in page.blocks])


def walked() -> tuple[Any, PageText]:
    root = parse_html(PAGE, for_trafilatura=False)
    return root, page_text(root)


def test_outermost_chrome_landmarks_are_chosen() -> None:
    root, page = walked()
    chosen = outside_landmarks(page, scores_for(page), 0.15)
    described = [(el.tag, el.get("class"), el.get("role")) for el in chosen]
    # the site header (not its nav again, it is inside), the sidebar, the role=navigation
    # box and the site footer (with its form); the article's own header and footer hold
    # blocks scored as article, and are kept
    assert described == [
        ("header", "site-header", None),
        ("aside", None, None),
        ("div", None, "navigation"),
        ("footer", "site-footer", None),
    ]


def test_a_landmark_with_an_unsure_block_is_kept() -> None:
    root, page = walked()
    scores = scores_for(page)
    scores[[i for i, b in enumerate(page.blocks) if b.text == "Most read"]] = 0.3  # in the band
    chosen = outside_landmarks(page, scores, 0.15)
    assert "aside" not in [el.tag for el in chosen]


def test_counterparts_follow_document_order_into_a_second_parse() -> None:
    root, page = walked()
    chosen = outside_landmarks(page, scores_for(page), 0.15)
    tree = parse_html(PAGE, for_trafilatura=True)
    assert tree is not None
    found = counterparts(root, tree, chosen)
    assert found is not None
    assert [etree.tostring(a) for a in chosen] == [etree.tostring(b) for b in found]
    assert all(b.getroottree().getroot() is tree for b in found)


def test_no_counterparts_in_a_tree_of_other_markup() -> None:
    root, page = walked()
    chosen = outside_landmarks(page, scores_for(page), 0.15)
    other = parse_html(PAGE.replace('<div class="wrap">', '<section class="wrap">'), for_trafilatura=True)
    assert counterparts(root, other, chosen) is None


def test_cut_keeps_the_text_after_the_element() -> None:
    tree = parse_html(PAGE, for_trafilatura=True)
    assert tree is not None
    footer = tree.find(".//footer[@class='site-footer']")
    cut([footer])
    text = " ".join(tree.find("body").itertext())
    assert "Closing words after the footer." in text
    assert "Contact us" not in text


@dataclass(frozen=True)
class UnsureClassifier:
    """Scores as ``scores_for`` does and always sends the page to trafilatura."""

    fallback: FallbackRule = FallbackRule(band=0.35, max_unsure_share=0.5, min_body_chars=0)
    threshold: float = 0.5
    lost: bool = False  # scores every block low: the classifier found no article

    def decide(self, page: PageText, title: str | None, description: str | None) -> PageDecision:
        scores = np.full(len(page.blocks), 0.02) if self.lost else scores_for(page)
        sure = sum(len(b.text) for b, score in zip(page.blocks, scores) if score >= 0.85)
        return PageDecision((scores >= 0.5).tolist(), scores, True, 1.0, sure, True)


def read_by_trafilatura(
    monkeypatch: pytest.MonkeyPatch, fallback: str, lost: bool = False
) -> tuple[Any, Any]:
    """(the tree trafilatura was given, the document) for PAGE."""
    given: list[Any] = []

    def extract(tree: Any, url: str | None) -> str:
        given.append(tree)
        return "\n".join(" ".join(p.itertext()) for p in tree.iter("h1", "p"))

    monkeypatch.setattr(html_stage, "extract_text", extract)
    doc = page_document(
        PAGE, fallback=fallback, classifier=cast(BlockClassifier, UnsureClassifier(lost=lost))
    )
    assert len(given) == 1
    return given[0], doc


def test_trafilatura_is_not_given_the_chrome_landmarks(monkeypatch: pytest.MonkeyPatch) -> None:
    tree, doc = read_by_trafilatura(monkeypatch, "auto")
    assert doc.metadata["html"]["extraction"] == "trafilatura"
    assert tree.find(".//nav") is None and tree.find(".//aside") is None
    assert tree.find(".//form") is None
    assert [h.get("class") for h in tree.iter("header", "footer")] == [None, "byline"]
    assert "Closing words after the footer." in " ".join(tree.find("body").itertext())
    # the page text is the whole page still, and the cut blocks are outside the article
    assert "Most read" in doc.source
    inside = {b.text for b, keep in zip(doc.blocks, doc.in_article) if keep}
    assert "Most read" not in inside and "Contact us" not in inside
    assert any(t.startswith("The council") for t in inside)


def test_fallback_always_gives_trafilatura_the_whole_page(monkeypatch: pytest.MonkeyPatch) -> None:
    tree, _ = read_by_trafilatura(monkeypatch, "always")
    assert tree.find(".//nav") is not None and tree.find(".//aside") is not None


def test_a_page_the_classifier_found_no_article_in_goes_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    # every block low: the scores say little of what is chrome (a short post's page lost
    # its text to the cut), so trafilatura reads the whole page
    tree, doc = read_by_trafilatura(monkeypatch, "auto", lost=True)
    assert doc.metadata["html"]["extraction"] == "trafilatura"
    assert tree.find(".//nav") is not None and tree.find(".//aside") is not None


def test_a_form_wrapping_the_whole_page_is_no_chrome() -> None:
    # ASP.NET pages put the whole body in one <form>; where the classifier found no
    # article, every block scores low, and cutting that form would leave trafilatura nothing
    wrapped = PAGE.replace("<body>", "<body><form id='aspnetForm'>").replace("</body>", "</form></body>")
    root = parse_html(wrapped, for_trafilatura=False)
    page = page_text(root)
    lost = np.full(len(page.blocks), 0.02)
    chosen = outside_landmarks(page, lost, 0.15)
    assert all(el.get("id") != "aspnetForm" for el in chosen)
    assert {el.tag for el in chosen} <= {"header", "nav", "aside", "div", "footer", "form"}
    assert chosen  # the site's own chrome inside the wrapper is still cut
