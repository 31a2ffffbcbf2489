"""The html stage: a page in, a Document of labelled page-text blocks out.

decode -> parse -> (outlet selectors | block classifier | trafilatura | whole page) -> blocks.
Without outlet selectors the page's own block classifier (cleaner/html/classifier.py)
decides what the article is; pages it is unsure of go to trafilatura, as do all
pages with ``fallback="always"``.
Every visible block of the page is kept in ``Document.source`` so the result
stays lossless over the page text; blocks outside the article are labelled
``page_chrome`` here (or the more specific category their markup and text
show, cleaner/html/chrome.py), and the article blocks go on to the text rules and the
heuristics.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from lxml import etree

from cleaner.document import Document
from cleaner.errors import InputError
from cleaner.html.article import (
    body_box,
    bylines,
    captions,
    head_above_body,
    headline,
    link_lines,
    main_container,
    outside_main,
    rescue_gaps,
    rescue_lead,
    tail_below_body,
)
from cleaner.html.boxes import boxes_inside_article
from cleaner.html.chrome import name_chrome, name_headed_sections
from cleaner.html.classifier import LOST_BODY_CHARS, BlockClassifier, shipped_classifier
from cleaner.html.decode import check_text, decode_html
from cleaner.html.fallback import align, extract_text
from cleaner.html.meta import page_metadata
from cleaner.html.prune import counterparts, cut, outside_landmarks
from cleaner.html.select import body_rule, select_marks
from cleaner.html.text import Mark, PageText, composed, page_text, parse_html
from cleaner.outlets.rules import HtmlRules
from cleaner.result import Label

MAX_PAGE_CHARS = 16_000_000  # bigger pages are data dumps; refusing beats a minute of parsing
FALLBACK_MAX_CHARS = 6_000_000  # trafilatura gets slow on huge trees; beyond this, whole page
# Trafilatura's copies of the tree cost ~2 KB a text block (200 MB for 100,000 short lines);
# news pages have 128 blocks (median) to 6,570 (the most of 2,501 eval pages), so past
# this many the page is a listing or a dump and the whole page is used instead.
FALLBACK_MAX_BLOCKS = 20_000
# Trafilatura measures each element's subtree text (link density, text length), so its time
# grows with the page's text times its depth (PageText.text_depth): a fuzzed page at 7.6e7
# took 4 s, at 3.1e8 25 s. The 2,501 eval pages reach 7.7e6 at most (median 1.0e5), so
# past this the page is nested like no article and the whole page is used.
FALLBACK_MAX_TEXT_DEPTH = 20_000_000
# Eval pages have 599 elements (median) to 10,476; trafilatura walks every element several
# times, so a page of more is a dump of markup and the whole page is used.
FALLBACK_MAX_ELEMENTS = 50_000
CHROME = "page_chrome"
TRAFILATURA_RULE = "html:trafilatura"
CLASSIFIER_RULE = "html:classifier"

TRAFILATURA_DISCARDS = ("style", "svg")  # same output without them (checked on the eval pages)

STAGE_SELECTORS = "selectors"
STAGE_TRAFILATURA = "trafilatura"
STAGE_CLASSIFIER = "classifier"

# What ``fallback`` may be (Cleaner(fallback=...)): trafilatura where the classifier is
# unsure, trafilatura on every page (the behaviour before the classifier), or never.
FALLBACK_AUTO = "auto"
FALLBACK_ALWAYS = "always"
FALLBACK_NEVER = "never"
FALLBACK_MODES = (FALLBACK_AUTO, FALLBACK_ALWAYS, FALLBACK_NEVER)


def fallback_mode(value: str | bool) -> str:
    """``True`` is "auto", ``False`` is "never"; anything else must be one of FALLBACK_MODES."""
    if value is True:
        return FALLBACK_AUTO
    if value is False:
        return FALLBACK_NEVER
    if value not in FALLBACK_MODES:
        raise ValueError(
            f"fallback must be one of {', '.join(FALLBACK_MODES)} (or True/False), not {value!r}"
        )
    return str(value)


STAGE_WHOLE_PAGE = "whole-page"


def page_document(
    html: str | bytes,
    *,
    url: str | None = None,
    html_rules: HtmlRules | None = None,
    fallback: str | bool = FALLBACK_AUTO,
    classifier: BlockClassifier | None = None,
    utf8: bytes | None = None,
) -> Document:
    """Lay out a page's visible text as blocks and mark its article.

    ``utf8``: a str page's UTF-8 bytes where the caller has them already (the parse scans
    them first), so the page is not encoded twice.

    Raises InputError for input that is not HTML (a PDF, an image, binary
    data) or too large; a page without visible text gives an empty Document
    whose ``metadata["html"]["reason"]`` says so.
    """
    text, encoding = _as_text(html)
    if len(text) > MAX_PAGE_CHARS:
        raise InputError(
            f"page too large for the html stage ({len(text):,} characters, limit {MAX_PAGE_CHARS:,})"
        )
    mode = fallback_mode(fallback)
    has_body_rules = html_rules is not None and bool(html_rules.body)
    # trafilatura needs lxml.html's elements, which cost a Python call each time the walk
    # and the features meet one (about a fifth of the classifier path); so only "always"
    # parses for trafilatura at once, and "auto" parses again for the pages it sends there
    if not isinstance(html, str):
        utf8 = None  # the bytes given are not the decoded text's
    root = parse_html(text, for_trafilatura=mode == FALLBACK_ALWAYS and not has_body_rules, utf8=utf8)
    stage: dict[str, Any] = {"encoding": encoding}
    if root is None:
        stage.update(extraction=STAGE_WHOLE_PAGE, reason="no markup or text in the input")
        return Document(
            source="", blocks=[], labels=[], origin="html", in_article=[], metadata={"html": stage}
        )

    marks: dict[Any, Mark] = {}
    chosen: str | None = None
    if html_rules is not None and (html_rules.body or html_rules.drop):
        marks, chosen = select_marks(root, html_rules)
    page = page_text(root, marks)
    metadata = page_metadata(root, url)
    metadata["html"] = stage

    if not page.blocks:
        stage.update(extraction=STAGE_WHOLE_PAGE, reason="the page has no visible text")
        return Document(
            source="",
            blocks=[],
            labels=[],
            origin="html",
            in_article=[],
            metadata=metadata,
            language=metadata.get("language"),
        )

    if chosen is not None:
        in_article = list(page.in_body)
        chrome_rule = body_rule(chosen)
        stage.update(extraction=STAGE_SELECTORS, selector=chosen)
    else:
        if html_rules is not None and html_rules.body:
            stage["reason"] = "no body selector matched"
        if mode == FALLBACK_ALWAYS:
            # trafilatura needs lxml.html elements: a tree parsed for selectors is re-read from text
            source = text if has_body_rules else root
            in_article, chrome_rule = _trafilatura(source, page, url, len(text), stage)
        else:
            model = classifier if classifier is not None else shipped_classifier()
            # as above: a tree parsed for selectors is re-read from text
            source = text if has_body_rules else TreeForTrafilatura(text, root, utf8)
            in_article, chrome_rule = _classified(model, mode, source, len(text), page, url, metadata, stage)

    labels: list[Label | None] = [None] * len(page.blocks)
    chrome = Label(CHROME, chrome_rule)
    for i, inside in enumerate(in_article):
        if not inside:
            labels[i] = chrome
        elif page.drops[i] is not None:
            labels[i] = page.drops[i]
    extracted = stage["extraction"] in (STAGE_TRAFILATURA, STAGE_CLASSIFIER)
    main = main_container(page, in_article) if extracted else None  # in_article is settled
    if extracted:
        boxes_inside_article(page, in_article, labels, main)  # before link lines: a share bar is links too
    if stage["extraction"] != STAGE_WHOLE_PAGE:
        link_lines(page, in_article, labels)
        # written for trafilatura's misses, and they help on the classifier's article too
        if stage["extraction"] == STAGE_CLASSIFIER:
            box = body_box(page, in_article, main)
            head_above_body(page, in_article, labels, box)
            tail_below_body(page, in_article, labels, box)
            captions(page, in_article, labels)
        if extracted:
            outside_main(page, in_article, labels, main)
            rescue_lead(page, in_article, labels)
            rescue_gaps(page, in_article, labels)
        if stage["extraction"] == STAGE_CLASSIFIER:
            bylines(page, in_article, labels)
        headline(page, in_article, labels, metadata.get("title"))
    name_chrome(page, in_article, labels)  # the category only: which blocks are removed is settled
    name_headed_sections(page, in_article, labels)  # ... and the posts below a comments heading
    stage["article_blocks"] = sum(in_article)
    stage["blocks"] = len(page.blocks)
    return Document(
        source=page.source,
        blocks=page.blocks,
        labels=labels,
        origin="html",
        in_article=in_article,
        metadata=metadata,
        language=metadata.get("language"),
    )


@dataclass(frozen=True, slots=True)
class TreeForTrafilatura:
    """The page for trafilatura when the walk's tree was parsed without lxml.html's elements."""

    text: str
    walked: Any  # the walk's tree: stripped as trafilatura's is, so later decisions see what they saw
    utf8: bytes | None = None  # the text's UTF-8 bytes, where known
    outside: tuple[Any, ...] = ()  # elements of the walk's tree trafilatura need not read

    def tree(self) -> Any:
        """trafilatura's tree: the page parsed again, without the discarded tags and ``outside``."""
        etree.strip_elements(self.walked, *TRAFILATURA_DISCARDS, with_tail=False)
        tree = parse_html(self.text, for_trafilatura=True, utf8=self.utf8)
        if tree is not None:
            etree.strip_elements(tree, *TRAFILATURA_DISCARDS, with_tail=False)
            if self.outside:
                cut(counterparts(self.walked, tree, self.outside) or [])
        return tree


def _classified(
    model: BlockClassifier,
    mode: str,
    source: Any,
    size: int,
    page: PageText,
    url: str | None,
    metadata: dict[str, Any],
    stage: dict[str, Any],
) -> tuple[list[bool], str]:
    """The classifier picks the article; trafilatura does where it is unsure (mode "auto")."""
    decision = model.decide(page, metadata.get("title"), metadata.get("description"))
    stage["classifier"] = {
        "unsure": decision.unsure,
        "unsure_share": round(decision.unsure_share, 3),
        "body_chars": decision.body_chars,
    }
    reason = stage.get("reason")
    if decision.fallback and mode == FALLBACK_AUTO and not too_big_for_trafilatura(page, size):
        if isinstance(source, TreeForTrafilatura) and decision.body_chars >= LOST_BODY_CHARS:
            # where the classifier is sure of no article, its low scores say little of what
            # is chrome: trafilatura gets the whole page (a page of a short post lost it all)
            lower_edge = 0.5 - model.fallback.band  # no block in or near the article
            source = replace(
                source, outside=tuple(outside_landmarks(page, decision.probabilities, lower_edge))
            )
        in_article, rule = _trafilatura(source, page, url, size, stage)
        if stage["extraction"] == STAGE_TRAFILATURA:
            return in_article, rule
        stage["reason"] = reason  # trafilatura found nothing: the classifier's answer stands
    if not any(decision.in_article):
        stage.update(
            extraction=STAGE_WHOLE_PAGE, reason="the classifier found no main content; whole page used"
        )
        return [True] * len(page.blocks), CLASSIFIER_RULE
    if stage.get("reason") is None:
        stage.pop("reason", None)
    stage["extraction"] = STAGE_CLASSIFIER
    return decision.in_article, CLASSIFIER_RULE


def too_big_for_trafilatura(page: PageText, size: int) -> bool:
    """Pages trafilatura would take minutes or gigabytes over (see the limits above)."""
    too_big = size > FALLBACK_MAX_CHARS or len(page.blocks) > FALLBACK_MAX_BLOCKS
    too_big = too_big or page.element_count > FALLBACK_MAX_ELEMENTS
    return too_big or page.text_depth > FALLBACK_MAX_TEXT_DEPTH


def _trafilatura(
    source: Any, page: PageText, url: str | None, size: int, stage: dict[str, Any]
) -> tuple[list[bool], str]:
    """Trafilatura picks the article; when it finds none, the whole page."""
    everything = [True] * len(page.blocks)
    if too_big_for_trafilatura(page, size):
        stage.update(extraction=STAGE_WHOLE_PAGE, reason="page too large for trafilatura; whole page used")
        return everything, TRAFILATURA_RULE
    if isinstance(source, TreeForTrafilatura):
        source = source.tree()  # stripped already
    elif source is not None and not isinstance(source, str):
        # Our walk and metadata are done with these; trafilatura discards them too,
        # but only after copying them (about a tenth of its time on news pages).
        etree.strip_elements(source, *TRAFILATURA_DISCARDS, with_tail=False)
    extracted = extract_text(source, url) if source is not None else None
    if extracted:
        extracted = composed(extracted)  # spelled as the page blocks are
    in_article = align([b.text for b in page.blocks], extracted) if extracted else []
    if not any(in_article):
        stage.update(extraction=STAGE_WHOLE_PAGE, reason="trafilatura found no main content; whole page used")
        return everything, TRAFILATURA_RULE
    stage["extraction"] = STAGE_TRAFILATURA
    return in_article, TRAFILATURA_RULE


def _as_text(html: str | bytes) -> tuple[str, str]:
    if isinstance(html, (bytes, bytearray, memoryview)):
        return decode_html(bytes(html))
    if isinstance(html, str):
        check_text(html)
        return html, "str"
    raise InputError(f"html must be str or bytes, not {type(html).__name__}")


__all__ = ["FALLBACK_MODES", "fallback_mode", "page_document"]
