"""Decisions inside the article that only the DOM can make.

Trafilatura keeps "Read more: <link>" lines and teaser links inside the
article container. In plain text they look like any short line, but in the
page they are almost all link text, which body paragraphs never are.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from cleaner.heuristics.features import word_counts
from cleaner.heuristics.lexicon import shipped_lexicon
from cleaner.heuristics.share_bars import is_share_bar
from cleaner.html.text import Attributes, PageText, node_attributes
from cleaner.result import Label

LINK_SHARE = 0.6  # a block whose text is at least this much link text is a link line
LINK_MAX_CHARS = 300  # longer blocks with many links are body text that cites sources
LINK_TAGS = frozenset({"p", "div", "h2", "h3", "h4", "h5", "h6", "strong", "span", "section", "blockquote"})
LINK_LINE = Label("related", "html:link-line")
# ... but a share bar is links too ("שתפו Facebook X", its label a link as well): its category is share
SHARE_LINK_LINE = Label("share", "html:link-line")
_URL_START = ("http://", "https://", "www.")
_NOTE_MARK = re.compile(r"(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)])\s*")  # "[1] ", "(2) ", "3. "


def _cited(text: str) -> bool:
    """A bare URL is a source the article cites (gold bodies keep them), not a teaser; so is
    one behind a footnote's number ("[1] http://...")."""
    mark = _NOTE_MARK.match(text)
    return text[mark.end() if mark else 0 :].startswith(_URL_START)


def link_lines(page: PageText, in_article: list[bool], labels: list[Label | None]) -> None:
    """Label article blocks that are mostly link text (read-more lines, teasers)."""
    for i, block in enumerate(page.blocks):
        if not in_article[i] or labels[i] is not None:
            continue
        size = len(block.text)
        if size > LINK_MAX_CHARS or page.tags[i] not in LINK_TAGS:
            continue
        if page.link_chars[i] >= LINK_SHARE * size and not _cited(block.text):
            labels[i] = SHARE_LINK_LINE if is_share_bar(block.text, shipped_lexicon()) else LINK_LINE


MAIN_SHARE = 0.85  # the main container holds at least this share of the article's text
OUTSIDE_MAX_CHARS = 100  # longer blocks outside it are often real text (a lead, a second column)
OUTSIDE = Label("page_chrome", "html:outside-main")


def main_container(page: PageText, in_article: list[bool]) -> Any | None:
    """The deepest element that holds MAIN_SHARE of the article's characters.

    Read off the walk's numbering (each element after its parent), not by climbing the
    tree from every block: each element's characters are its own blocks' plus its
    children's, summed children first. Two elements of one depth are disjoint, so at
    most one holds MAIN_SHARE (over half): the deepest is one element.
    """
    parents = page.node_parents
    weight = [0] * len(parents)
    total = 0
    for node, inside, block in zip(page.block_nodes, in_article, page.blocks):
        if inside and node >= 0:
            weight[node] += len(block.text)
            total += len(block.text)
    if total == 0:
        return None
    for node in range(len(parents) - 1, -1, -1):  # children before their parents
        if weight[node] and parents[node] >= 0:
            weight[parents[node]] += weight[node]
    depth = [0] * len(parents)
    best, best_depth = -1, -1
    for node, parent in enumerate(parents):
        if parent >= 0:
            depth[node] = depth[parent] + 1
        if weight[node] >= MAIN_SHARE * total and depth[node] > best_depth:
            best, best_depth = node, depth[node]
    return page.nodes[best] if best >= 0 else None


def outside_main(
    page: PageText, in_article: list[bool], labels: list[Label | None], main: Any | None
) -> None:
    """Short article blocks trafilatura took from outside the main container are chrome.

    Bylines, teaser headlines and "popular now" lists sit beside the element
    that holds most of the article; long paragraphs there are kept because
    leads and second columns live there too.
    """
    if main is None:
        return
    inside_main = set(main.iter())
    for i, inside in enumerate(in_article):
        if inside and labels[i] is None and page.elements[i] not in inside_main:
            if len(page.blocks[i].text) < OUTSIDE_MAX_CHARS:
                labels[i] = OUTSIDE


# Blocks trafilatura left out of the article that are article prose: the
# standfirst above the first paragraph, and paragraphs it skipped between two
# paragraphs of the same container. A block is prose when it is a sentence-
# length run of plain text (not link text) outside page furniture and captions.
PROSE_MIN_WORDS = 8  # shorter blocks are bylines, datelines, kickers, labels, buttons
PROSE_LINK_SHARE = 0.1  # prose is plain text; teaser cards are mostly a headline link
PROSE_TAGS = frozenset(
    {"p", "div", "h2", "h3", "span", "strong", "section", "article", "em", "b", "blockquote"}
)
# Never prose of the article, whatever the text: page furniture, captions,
# and <header> (the summary line there is a description; gold bodies of news
# pages leave it out). Ancestors count up to the article element only, so
# pages that wrap everything in a <form>, <table> or <header> still qualify.
FURNITURE_TAGS = frozenset(
    {"figure", "figcaption", "nav", "footer", "aside", "form", "li", "table", "header", "noscript"}
)
SCOPE_TAGS = frozenset({"article", "main", "body"})
CLASS_DEPTH = 3  # class/id names count on the block's element and its two closest wrappers
# Class/id words of captions, photo credits and byline boxes (generic CMS vocabulary).
_NOT_PROSE_CLASS = re.compile(
    r"caption|legend|credit|image|img|picture|photo|meta|byline|author|copyright|comment|related|newsletter|subscri|promo|share",
    re.IGNORECASE,
)
IMAGE_TAGS = frozenset({"img", "picture", "figure"})

LEAD_LOOKBACK = (
    8  # the standfirst sits this close above the first paragraph (byline, date, share buttons, photo between)
)
# The class/id words CMSs give the standfirst: English CMS vocabulary that
# sites in every language use ("lead", "intro", "teaser-text", "chapo", ...).
_LEAD_CLASS = re.compile(
    r"lead|intro|teaser|excerpt|chapo|standfirst|summary|abstract|kicker|short-info|description|preface",
    re.IGNORECASE,
)
_CUT = ("...", "\u2026")  # a cut-off text is a teaser card's excerpt of another page


def _prose(page: PageText, i: int) -> bool:
    text = page.blocks[i].text
    return (
        page.tags[i] in PROSE_TAGS
        and page.link_chars[i] <= PROSE_LINK_SHARE * len(text)
        and len(text.split(None, PROSE_MIN_WORDS - 1)) >= PROSE_MIN_WORDS  # counts up to the minimum
        and not _furniture(page.elements[i])
    )


def _furniture(el: Any) -> bool:
    """In page furniture or a caption box, up to the article element."""
    if el is None:
        return True
    depth = 0
    while el is not None:
        if el.tag in FURNITURE_TAGS:
            return True
        if depth < CLASS_DEPTH and _NOT_PROSE_CLASS.search(_names(el)):
            return True
        if el.tag in SCOPE_TAGS:
            return False
        el = el.getparent()
        depth += 1
    return False


def _caption(el: Any) -> bool:
    """A text box right after an image is its caption ("Photo: ...", credit lines)."""
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):  # comments
        prev = prev.getprevious()
    if prev is None:
        return False
    if prev.tag in IMAGE_TAGS:
        return True
    return not "".join(prev.itertext()).strip() and any(True for _ in prev.iter("img", "picture"))


def _names(el: Any) -> str:
    return (el.get("class") or "") + " " + (el.get("id") or "")


def _node_names(attributes: Attributes) -> str:
    """_names of a numbered element, from its node_attributes row (tag, class, id, role)."""
    return (attributes[1] or "") + " " + (attributes[2] or "")


def _lead_box(el: Any) -> Any | None:
    """The element (the block's own or a close wrapper) whose class names it the lead."""
    for _ in range(CLASS_DEPTH):
        if el is None:
            return None
        if _LEAD_CLASS.search(_names(el)):
            return el
        if el.tag in SCOPE_TAGS:
            return None
        el = el.getparent()
    return None


def _repeated(el: Any) -> bool:
    """Teaser cards repeat their markup; the article's lead box is there once."""
    cls = el.get("class")
    if not cls:
        return False
    return sum(1 for other in el.getroottree().iter(el.tag) if other.get("class") == cls) > 1


def rescue_lead(page: PageText, in_article: list[bool], labels: list[Label | None]) -> None:
    """Put the standfirst trafilatura dropped back in front of the article.

    Trafilatura often starts the article at the first body paragraph and
    leaves out the lead paragraph above it. A prose block a few blocks above
    the first paragraph, in an element whose class names it the lead (and
    whose markup the page does not repeat, as it would for teaser cards), is
    that lead.
    """
    # the first block that stays body: trafilatura's first block is often the headline
    first = next((i for i, inside in enumerate(in_article) if inside and labels[i] is None), None)
    if first is None:
        return
    shown: Counter[str] | None = None  # counted for the first block that is prose: most pages have none
    for i in range(max(0, first - LEAD_LOOKBACK), first):
        text = page.blocks[i].text
        if in_article[i] or text.endswith(_CUT) or not _prose(page, i):
            continue
        if shown is None:
            shown = Counter(block.text for block in page.blocks)
        if shown[text] > 1:  # a summary the page shows twice (header dek and abstract box) is a description
            continue
        box = _lead_box(page.elements[i])
        if box is not None and not _repeated(box):
            in_article[i] = True
            labels[i] = page.drops[i]


def rescue_gaps(page: PageText, in_article: list[bool], labels: list[Label | None]) -> None:
    """Prose trafilatura skipped between two article paragraphs, in the same container as one of them."""
    body = [i for i, inside in enumerate(in_article) if inside and labels[i] is None]
    for left, right in zip(body, body[1:]):
        if right - left < 2:
            continue
        # the containers of article paragraphs (not of a short label the article took in)
        parents = {page.elements[j].getparent() for j in (left, right) if _long(page, j)} - {None}
        if not parents:
            continue
        for i in range(left + 1, right):
            el = page.elements[i]
            if in_article[i] or el is None or el.getparent() not in parents:
                continue
            # an unclassed caption box follows its image (a lead may follow the top image)
            if _prose(page, i) and not _caption(el):
                in_article[i] = True
                labels[i] = page.drops[i]


def _long(page: PageText, i: int) -> bool:
    words = page.blocks[i].text.split(None, PROSE_MIN_WORDS - 1)  # counts up to the minimum
    return page.elements[i] is not None and len(words) >= PROSE_MIN_WORDS


TITLE_LOOKAHEAD = 3  # the headline is among the first article blocks
TITLE_MIN_SHARE = 0.6  # a block covering this much of the page title is the headline
TITLE = Label("title", "html:title")
_WORD = re.compile(r"\w+")


def headline(page: PageText, in_article: list[bool], labels: list[Label | None], title: str | None) -> None:
    """Label the headline at the top of the article (metadata, not body).

    The page title (og:title, JSON-LD headline, <title>) usually carries a
    " | Site" tail, so a block whose words start the title and cover most of
    it counts, as does an <h1> among the first article blocks.
    """
    title_words = _WORD.findall(title.lower()) if title else []
    seen = 0
    for i, inside in enumerate(in_article):
        if not inside:
            continue
        seen += 1
        if seen > TITLE_LOOKAHEAD:
            return
        outside = labels[i] is OUTSIDE  # removed already, as chrome above the main container
        if labels[i] is not None and not outside:
            continue
        words = _WORD.findall(page.blocks[i].text.lower())
        if not words:
            continue
        if page.tags[i] == "h1" or (
            title_words
            and title_words[: len(words)] == words
            and len(words) >= TITLE_MIN_SHARE * len(title_words)
        ):
            labels[i] = TITLE
            if not outside:
                return
            # only its name changed: the search goes on as if it were not there


BYLINE_MAX_WORDS = 12  # "By Jane Doe and John Roe, Staff Reporters | 12 May 2024" fits; a paragraph does not
# Class/id words CMSs give the byline and dateline box (generic, English markup vocabulary).
_BYLINE_CLASS = re.compile(
    r"byline|by-line|author|dateline|posted-?on|post-?meta|article-?meta|entry-?meta|timestamp|publish",
    re.IGNORECASE,
)
BYLINE = Label("credit", "html:byline")  # the author and date credited: a credit, as a photo's is
# A byline box holds a name, a date, a role: an element named so that holds more text is a
# wrapper whose class only mentions it (WordPress's "status-publish" on every post,
# "author-guidelines" pages), and its short paragraphs are body.
BYLINE_BOX_MAX_CHARS = 250


def bylines(page: PageText, in_article: list[bool], labels: list[Label | None]) -> None:
    """Short article blocks in a byline or dateline box are not body.

    Trafilatura leaves these out itself; the block classifier sees a short
    plain-text block among the paragraphs, so the box's class names decide.
    """
    sizes: dict[Any, int] = {}
    attributes, parents = node_attributes(page), page.node_parents
    for i, inside in enumerate(in_article):
        if not inside or labels[i] is not None or page.tags[i] == "h1":
            continue
        # at most BYLINE_MAX_WORDS splits: a paragraph is not cut into all its words to say so
        if len(page.blocks[i].text.split(None, BYLINE_MAX_WORDS)) > BYLINE_MAX_WORDS:
            continue
        node = page.block_nodes[i]  # read up the walk's numbering: no call into lxml a level
        for _ in range(CLASS_DEPTH):
            if node < 0 or attributes[node][0] in SCOPE_TAGS:
                break
            if _BYLINE_CLASS.search(_node_names(attributes[node])):
                if _box_chars(page.nodes[node], sizes) <= BYLINE_BOX_MAX_CHARS:
                    labels[i] = BYLINE
                break
            node = parents[node]


def _box_chars(el: Any, sizes: dict[Any, int]) -> int:
    """Characters of text in ``el`` (remembered: one box serves many blocks)."""
    if el not in sizes:
        sizes[el] = sum(len(part.strip()) for part in el.itertext())
    return sizes[el]


# The class/id words CMSs give the element that holds the article's own text
# (generic markup vocabulary, as in "article-body", "entry-content", "post__text").
_BODY_BOX_CLASS = re.compile(
    r"article[-_]*(body|content|text)|articlebody|story[-_]*(body|content|text)|"
    r"post[-_]*(body|content|text)|entry[-_]*(body|content|text)|body[-_]*(text|copy)|rich[-_]*text",
    re.IGNORECASE,
)
BODY_BOX_SHARE = 0.6  # the body box holds at least this share of the classifier's article text
HEAD = Label("page_chrome", "html:head")


def body_box(page: PageText, in_article: list[bool], main: Any | None) -> frozenset[Any] | None:
    """The elements of the box whose class (or itemprop) names it the article body.

    The box is the outermost such element at or below the article's main container
    that holds BODY_BOX_SHARE of the article's text; None when the markup names none.
    Its elements once, for ``head_above_body`` and ``tail_below_body`` both.
    """
    total = sum(len(page.blocks[i].text) for i, inside in enumerate(in_article) if inside)
    if not total:
        return None
    # per element by the walk's numbering (each block's element, its parents): no call into
    # lxml a level; in the order the climbs first reach them, as ties go to the first
    weight: dict[int, int] = {}
    nodes, parents = page.nodes, page.node_parents
    for i, inside in enumerate(in_article):
        node = page.block_nodes[i]
        if not inside or node < 0:
            continue
        size = len(page.blocks[i].text)
        while node >= 0:
            weight[node] = weight.get(node, 0) + size
            if nodes[node] is main:
                break
            node = parents[node]
    best = -1
    for node, w in weight.items():
        if w < BODY_BOX_SHARE * total or not _body_named(nodes[node]):
            continue
        if best < 0 or w > weight[best]:  # the outermost: it holds the most
            best = node
    return None if best < 0 else frozenset(nodes[best].iter())


def _in_body_box(el: Any) -> bool:
    while el is not None and el.tag not in SCOPE_TAGS:
        if _body_named(el):
            return True
        el = el.getparent()
    return False


def _body_named(el: Any) -> bool:
    return (el.get("itemprop") or "").lower() == "articlebody" or bool(_BODY_BOX_CLASS.search(_names(el)))


def head_above_body(
    page: PageText, in_article: list[bool], labels: list[Label | None], box: frozenset[Any] | None
) -> None:
    """Article blocks above the named body box are the article's head, not its body.

    The block classifier takes in the kicker, standfirst, byline and dateline
    that sit between the headline and the body box; trafilatura starts at the
    box. The headline stays (``headline`` names it) and a standfirst with a
    lead class comes back through ``rescue_lead``, as on trafilatura's path.
    """
    if box is None:
        return
    head = []
    for i, inside in enumerate(in_article):
        if page.elements[i] in box:
            break
        # a page may split its text over several body boxes: those are not head
        if inside and labels[i] is None and page.tags[i] != "h1" and not _in_body_box(page.elements[i]):
            if not _standfirst(page.blocks[i].text):
                head.append(i)
    for i in head:
        in_article[i] = False
        labels[i] = HEAD


STANDFIRST_MIN_WORDS = 15  # a head block this long that ends a sentence is the article's lead
SENTENCE_ENDS = '.!?…"”»。！？」'  # the last character of a sentence, in spaced and CJK scripts


def _standfirst(text: str) -> bool:
    """A paragraph of prose above the body box: the standfirst, which readers (and the
    traf annotators) count as the article's opening, unlike a kicker, byline or date.
    Words are counted as the heuristics count them: Chinese and Japanese characters two
    to a word."""
    text = text.rstrip()
    return text[-1:] in SENTENCE_ENDS and word_counts([text], [text])[0] >= STANDFIRST_MIN_WORDS


TAIL = Label("page_chrome", "html:tail")


def tail_below_body(
    page: PageText, in_article: list[bool], labels: list[Label | None], box: frozenset[Any] | None
) -> None:
    """Article blocks below the named body box are what follows the article, not its text.

    Author notes, "about the company" boxes, appeals and forum prompts sit
    between the body box and the page's related lists; trafilatura ends the
    article with the box.
    """
    if box is None:
        return
    last = max(i for i, el in enumerate(page.elements) if el in box)
    for i in range(last + 1, len(page.blocks)):
        if in_article[i] and labels[i] is None and not _in_body_box(page.elements[i]):
            in_article[i] = False
            labels[i] = TAIL


# Class/id words of picture captions and galleries (generic markup vocabulary).
_CAPTION_CLASS = re.compile(r"caption|gallery|slideshow|carousel|lightbox", re.IGNORECASE)
CAPTION_TAGS = frozenset({"figure", "figcaption"})
CAPTION_MAX_SHARE = 0.25  # more than this and the captions are the content (a photo essay)
CAPTION = Label("credit", "html:caption")


def captions(page: PageText, in_article: list[bool], labels: list[Label | None]) -> None:
    """Picture captions and gallery slides the classifier took into the article.

    Gold bodies and trafilatura leave captions out; a page where they are a
    large part of the article (a photo essay) keeps them.
    """
    found = []
    seen: dict[int, bool] = {}  # per element: blocks of one paragraph ask once
    for i, inside in enumerate(in_article):
        if inside and labels[i] is None and _in_caption(page, page.block_nodes[i], seen):
            found.append(i)
    total = sum(len(page.blocks[i].text) for i, inside in enumerate(in_article) if inside)
    # a gallery shows each caption more than once (slide, thumbnail, full text): once counts
    shown = sum(len(text) for text in {page.blocks[i].text for i in found})
    if not found or shown > CAPTION_MAX_SHARE * total:
        return
    for i in found:
        labels[i] = CAPTION


def _in_caption(page: PageText, node: int, seen: dict[int, bool]) -> bool:
    """Whether element ``node`` (the walk's number, -1 for none) or one of its two closest
    wrappers is a caption, below any SCOPE_TAGS element: read off the walk's numbering
    (node_attributes, node_parents), which names the tree's elements and their parents."""
    known = seen.get(node)
    if known is None:
        known = seen[node] = _caption_above(page, node)
    return known


def _caption_above(page: PageText, node: int) -> bool:
    attributes, parents = node_attributes(page), page.node_parents
    for _ in range(CLASS_DEPTH):
        if node < 0:
            return False
        tag = attributes[node][0]
        if tag in SCOPE_TAGS:
            return False
        if tag in CAPTION_TAGS or _CAPTION_CLASS.search(_node_names(attributes[node])):
            return True
        node = parents[node]
    return False
