"""Name the category of a block the html stage removed as page chrome.

Trafilatura (or an outlet's body selector) only says "not the article"; a
reader of the result wants to know whether that was the menu, the footer, a
cookie banner or the comment section. The page says so in two places:

- the DOM: the class and id words of the block's element and its ancestors
  (``site-nav``, ``cookieBanner``, ``related_posts``), their ARIA role and
  their tag (``nav``, ``footer``, ``aside``, ``figcaption``);
- the text: the heuristics' phrase lexicon ("we use cookies", "sign up for
  our newsletter"), a few whole-line button words ("Share", "Tweet",
  "Donate") and the copyright sign.

Only the category changes: the rule still names what removed the block, and
no block moves between body and boilerplate. ``page_chrome`` stays when
nothing more specific is known.

Boxes and places. Most signals name a box: a cookie banner, a share bar, a
comment section, a caption. Some only name a place on the page: a menu, a
header or footer (``navigation``), a sidebar; places hold boxes of every
kind, and a footer's address line is no menu entry. So:

1. the nearest box up the tree decides (a share bar in a footer is
   ``share``; a ``<footer>`` inside a comment is ``comments``);
2. else the block's own text, when it names a category (a newsletter
   sign-up line in a sidebar); in a place, a link line keeps the place's
   category unless it is a short legal one ("Terms of use" in a footer);
3. else the place: menus, headers and footers name their link lines and
   short lines ``navigation``; a sidebar names headline-length link lines
   ``related`` (teasers) and short ones ``navigation`` (archives, tags);
4. else ``page_chrome``.

On one element, class and id words beat the ARIA role, which beats the tag
(``<aside class=ad>`` is an advertisement). Between the words of one element
``PRIORITY`` decides: the narrower box first. Comments come first because a
comment form carries "cookies-consent" and "subscription" checkboxes; the
rest follow the order of a box inside another (a newsletter form inside a
subscription promo, a share bar inside a related list).

Elements that hold article text say nothing: a wrapper around the article and
its sidebar is no sidebar, and ``<html>``/``<body>`` classes describe page
state (``has-ads``, ``cookie-set``). Each element is resolved once per page
(memoised top-down), so the cost is linear in the chrome's ancestors.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from cleaner import native
from cleaner.heuristics.lexicon import LINE_END, Lexicon, lower_text, shipped_lexicon
from cleaner.heuristics.navigation_lines import is_tag_list
from cleaner.heuristics.share_bars import is_share_bar
from cleaner.html.text import PageText, node_attributes
from cleaner.result import Label

CHROME = "page_chrome"
TITLE = "title"
NAVIGATION = "navigation"
RELATED = "related"
SHARE = "share"
SIDEBAR = "sidebar"  # a place only: its link lines are related or navigation (see decide)

PRIORITY: tuple[str, ...] = (
    "comments",
    "consent",
    "newsletter",
    "donation_appeal",
    "subscription",
    "share",
    "related",
    "advertisement",
    "credit",
    "legal",
    "navigation",
)
_RANK = {category: rank for rank, category in enumerate(PRIORITY)}
_LAST = len(PRIORITY)

# Class and id word parts (lower case; split on space, -, _ and camelCase).
# Whole parts only, so "ad" never matches "header", "load" or "shadow".
CLASS_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("comment", "comments", "commentlist", "disqus", "respond", "replies", "discussion"), "comments"
    ),
    **dict.fromkeys(
        ("cookie", "cookies", "cookiebar", "cookiebot", "consent", "gdpr", "ccpa", "cmp", "onetrust"),
        "consent",
    ),
    **dict.fromkeys(("newsletter", "newsletters", "mailchimp", "mailpoet"), "newsletter"),
    **dict.fromkeys(("donate", "donation", "donations", "donor", "fundraising"), "donation_appeal"),
    **dict.fromkeys(
        ("paywall", "regwall", "signwall", "subscribe", "subscription", "subscriptions", "subscriber"),
        "subscription",
    ),
    **dict.fromkeys(
        ("share", "sharing", "social", "sharedaddy", "addthis", "sharethis", "shariff", "sharebar"), "share"
    ),
    **dict.fromkeys(
        (
            "related",
            "relatedposts",
            "teaser",
            "teasers",
            "recommend",
            "recommended",
            "recommendations",
            "recirc",
            "recirculation",
            "popular",
            "mostread",
            "trending",
            "readmore",
            "relates",
            "recent",
            "latest",
        ),
        "related",
    ),
    **dict.fromkeys(
        (
            "ad",
            "ads",
            "advert",
            "adverts",
            "advertisement",
            "advertising",
            "adsense",
            "adslot",
            "adunit",
            "dfp",
            "sponsor",
            "sponsored",
            "outbrain",
            "taboola",
        ),
        "advertisement",
    ),
    # a byline credits the author as a caption's credit does the photographer
    **dict.fromkeys(
        ("caption", "credit", "credits", "figcaption", "byline", "bylines", "dateline"), "credit"
    ),
    **dict.fromkeys(
        ("copyright", "legal", "imprint", "impressum", "disclaimer", "disclosure", "disclosures"), "legal"
    ),
    **dict.fromkeys(
        (
            "nav",
            "navbar",
            "navigation",
            "menu",
            "menubar",
            "breadcrumb",
            "breadcrumbs",
            "footer",
            "pagination",
            "pager",
            "masthead",
            "topbar",
            "sitemap",
        ),
        NAVIGATION,
    ),
    SIDEBAR: SIDEBAR,
}
PLACES = frozenset({NAVIGATION, SIDEBAR})  # categories that name a place, not a box
# An element named both a menu and an ad ("navAd-navbar", "main-menu header-ads-desktop") is
# a menu whose layout has an ad slot: ad words appear in layout flags, menu words do not.
MENU_WORDS = frozenset({"nav", "navbar", "navigation", "menu", "menubar"})
# A class token whose first part is one of these states what the page does, not what the box is
# ("has-comments", "no-ads", "is-sticky"): the token says nothing.
STATE_WORDS = frozenset({"has", "is", "no", "not", "non", "with", "without", "show", "hide"})
# Taxonomy values WordPress and others write into the class of every post teaser
# ("category-ads", "tag-comments"): the token says nothing about the box.
TAXONOMY_PREFIXES = ("category-", "tag-", "tags-", "cat-", "topic-", "author-", "format-", "post-")
# Words that void one category inside the same class token: an embedded tweet is
# content ("social-embed"), a carousel's caption is a teaser title ("carousel-caption").
VOIDS: dict[str, frozenset[str]] = {
    "share": frozenset({"embed", "embedded"}),
    "credit": frozenset({"carousel", "slider", "slide", "slideshow"}),
}
# A subscription box that asks for an e-mail address is a newsletter ("subscribe-email",
# Jetpack's "blog_subscription" follow-by-mail widget).
MAIL_WORDS = frozenset({"email", "mail", "blog"})
HASH_MIN_CHARS = 8  # a token this long with a digit in it is a generated hash, not a word
HASH_MAX_PART = 3.0  # ... and so is a camelCase run of this short parts on average (CSS modules)
HASH_MIN_PARTS = 5

ROLE_CATEGORY: dict[str, str] = {
    "navigation": NAVIGATION,
    "menubar": NAVIGATION,
    "menu": NAVIGATION,
    "contentinfo": NAVIGATION,
    "banner": NAVIGATION,
    "search": NAVIGATION,
    "complementary": SIDEBAR,
}
TAG_CATEGORY: dict[str, str] = {
    "nav": NAVIGATION,
    "menu": NAVIGATION,
    "footer": NAVIGATION,
    "aside": SIDEBAR,
    "figcaption": "credit",
}
# <header> is the site's header (a place) except inside an article or main element,
# where it holds the headline, byline and date (no category of ours).
HEADER_TAG = "header"
ARTICLE_TAGS = frozenset({"article", "main"})
ARTICLE_ROLES = frozenset({"main", "article"})
PAGE_TAGS = frozenset({"html", "body"})  # their classes describe page state, never a box
# the tags that change an element's Context without a class, id or role
_TAG_SIGNALS = frozenset(TAG_CATEGORY) | {HEADER_TAG} | ARTICLE_TAGS

# Whole lines that are a button or a link of one widget.
BUTTON_LINES: dict[str, str] = {
    **dict.fromkeys(
        (
            "share",
            "share this",
            "share this article",
            "tweet",
            "facebook",
            "twitter",
            "linkedin",
            "whatsapp",
            "pinterest",
            "reddit",
            "telegram",
            "flipboard",
            "instagram",
            "youtube",
            "tiktok",
            "email",
            "e-mail",
            "copy link",
        ),
        "share",
    ),
    **dict.fromkeys(("accept", "accept all", "reject all", "i agree", "i accept"), "consent"),
    **dict.fromkeys(("subscribe", "subscribe now"), "subscription"),
    **dict.fromkeys(("donate", "donate now"), "donation_appeal"),
    **dict.fromkeys(("comments", "reply", "leave a reply", "post comment"), "comments"),
}
_COPYRIGHT = re.compile(r"©|\(c\) (?:19|20)\d\d")  # a copyright line, in any language
# The lexicon's navigation phrases are UI text ("skip to content", "published:"): a line is
# UI text when they make up this share of it, not when a teaser says "click here" in passing.
UI_LINE_SHARE = 0.5
TEXT_MAX_WORDS = 40  # longer blocks are prose that may name a phrase in passing
LINK_LINE_SHARE = 0.5  # a block at least this much link text is a menu entry or a teaser link
SHORT_MAX_WORDS = 4  # a place's non-link line this short is a heading or a button ("Follow us")
HEADLINE_MIN_WORDS = 5  # a sidebar link this long is a teaser headline, shorter ones are archives and tags
SPACED_SCRIPTS_END = 0x2E80  # scripts below CJK separate words with spaces: phrases must not glue on

_SPLIT = re.compile(r"[-_:./]+")
_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")  # camelCase and ACRONYMCase parts, no digits
_DIGIT = re.compile(r"\d")
_COUNTED = re.compile(r"\(\d+\)$")
CLASS_CACHE = 16384  # distinct class/id strings kept; the pages of one site repeat theirs
# Elements' contexts kept, by (parent's context, tag, class, id, role, silent): a page's cards and
# list items repeat theirs, and a hit is one tuple hash where the signal cost two calls and a lookup
CONTEXT_CACHE = 16384


_VOCABULARY = frozenset(CLASS_WORDS)
_NONE: frozenset[str] = frozenset()


class Signal(NamedTuple):
    """What one element says about itself: a category and whether it names a box (not a place)."""

    category: str | None
    box: bool


NO_SIGNAL = Signal(None, False)


class Context(NamedTuple):
    """What an element inherits: the nearest box, the nearest place, whether an article holds it."""

    box: str | None
    place: str | None
    in_article: bool


ROOT = Context(None, None, False)


def chrome_lexicon() -> Lexicon:
    """The heuristics' phrase lexicon, shared with every Cleaner of the process."""
    return shipped_lexicon()


def class_tables() -> tuple[Any, ...]:
    """What the compiled class_category reads, in its order (cleaner/native/chrome_names.c)."""
    return (
        CLASS_WORDS,
        _VOCABULARY,
        _RANK,
        PLACES,
        VOIDS,
        STATE_WORDS,
        TAXONOMY_PREFIXES,
        ("subscription", MAIL_WORDS, "newsletter"),
        ("advertisement", MENU_WORDS, NAVIGATION),
        HASH_MIN_CHARS,
        HASH_MAX_PART,
        HASH_MIN_PARTS,
        _NONE,
    )


# The compiled reading of ASCII class/id strings (cleaner/native/chrome_names.c), None on the pure path.
_native_class_category = native.MODULE.class_category if native.MODULE is not None else None
# node_contexts' loop and _own_context compiled (cleaner/native/chrome_contexts.c), None on the pure path.
_native_chrome_contexts = native.MODULE.chrome_contexts if native.MODULE is not None else None
_CLASS_TABLES = class_tables()


@lru_cache(maxsize=CLASS_CACHE)
def class_category(names: str) -> str | None:
    """The category a class/id string names: the compiled reading for an ASCII string where
    built (the regex original was most of a cold page's chrome naming), else class_category_python."""
    if _native_class_category is not None and names.isascii():
        found: str | None = _native_class_category(names, _CLASS_TABLES)
        return found
    return class_category_python(names)


def class_category_python(names: str) -> str | None:
    """The category a class/id string names: the highest ``PRIORITY`` of its words (the
    reference and the fallback of the compiled class_category)."""
    if _VOCABULARY.isdisjoint(map(str.lower, _PART.findall(names))):
        return None  # most strings: one scan in C, no word of ours
    best: str | None = None
    place: str | None = None
    words: set[str] = set()
    for token in names.split():
        if token.lower().startswith(TAXONOMY_PREFIXES):
            continue
        parts = _token_words(token)
        if not parts or parts[0] in STATE_WORDS:
            continue
        words.update(parts)
        for word in parts:
            category = CLASS_WORDS.get(word)
            if category is None or not VOIDS.get(category, _NONE).isdisjoint(parts):
                continue
            if category in PLACES:
                place = place or category
            elif best is None or _RANK[category] < _RANK[best]:
                best = category
    if best == "subscription" and not MAIL_WORDS.isdisjoint(words):
        return "newsletter"
    if best == "advertisement" and not MENU_WORDS.isdisjoint(words):
        return NAVIGATION  # "main-menu header-ads-desktop": a menu's layout with an ad slot, not the slot
    return best or place


def _token_words(token: str) -> list[str]:
    """The lower-case words of one class token (camelCase split); none of a generated hash's pieces."""
    if _DIGIT.search(token):
        token = "-".join(
            piece for piece in _SPLIT.split(token) if len(piece) < HASH_MIN_CHARS or not _DIGIT.search(piece)
        )
    parts = _PART.findall(token)
    if len(parts) >= HASH_MIN_PARTS and sum(map(len, parts)) / len(parts) <= HASH_MAX_PART:
        return []
    return [part.lower() for part in parts]


def _signal(tag: str, names: str | None, ident: str | None, role: str | None, in_article: bool) -> Signal:
    """Class/id words first, else the ARIA role, else the tag."""
    if ident:
        names = f"{names} {ident}" if names else ident
    if names:
        category = class_category(names)
        if category is not None:
            return Signal(category, category not in PLACES)
    if role:
        category = ROLE_CATEGORY.get(role.strip().lower())
        if category is not None:
            return Signal(category, False)
    if tag == HEADER_TAG:
        return NO_SIGNAL if in_article else Signal(NAVIGATION, False)
    category = TAG_CATEGORY.get(tag)
    if category is None:
        return NO_SIGNAL
    return Signal(category, category not in PLACES)


class DomContext:
    """The inherited Context of elements, memoised per element for one page.

    ``holders`` are the elements of the article's blocks: they and their
    ancestors give no signal (a wrapper of the article and its sidebar says
    nothing about the sidebar), but still pass on whether an article
    element holds what is below.
    """

    def __init__(self, holders: Iterable[Any]) -> None:
        self.memo: dict[Any, Context] = {}
        self.silent: set[Any] = set()
        for el in holders:
            while el is not None and el not in self.silent:
                self.silent.add(el)
                el = el.getparent()

    def of(self, el: Any) -> Context:
        """The Context of ``el``, its own signal included."""
        memo = self.memo
        chain: list[Any] = []
        context = ROOT
        while el is not None:
            known = memo.get(el)
            if known is not None:
                context = known
                break
            chain.append(el)
            el = el.getparent()
        silent = self.silent
        for node in reversed(chain):  # top-down: each element's own signal over what it inherits
            context = memo[node] = _inherited(context, node, node in silent)
        return context


def _inherited(context: Context, node: Any, silent: bool) -> Context:
    """The Context of ``node`` given its parent's: its own signal over what it inherits."""
    tag = node.tag
    if tag.__class__ is not str:  # a comment or processing instruction
        return Context(*context)
    get = node.get
    return _own_context(context, tag, get("class"), get("id"), get("role"), silent)


@lru_cache(maxsize=CONTEXT_CACHE)
def _own_context(
    context: Context, tag: str, names: str | None, ident: str | None, role: str | None, silent: bool
) -> Context:
    """The Context of an element (its tag, class, id and role) given its parent's."""
    box, place, in_article = context
    if tag in ARTICLE_TAGS or role in ARTICLE_ROLES:
        in_article = True
    if silent:
        box = place = None
    elif tag not in PAGE_TAGS:
        category, is_box = _signal(tag, names, ident, role, in_article)
        if category is None:
            pass
        elif is_box:
            box = category
        else:
            place = category
    return Context(box, place, in_article)


@lru_cache(maxsize=1)
def context_tables() -> tuple[Any, ...]:
    """What the compiled chrome_contexts reads, in its order (cleaner/native/chrome_contexts.c):
    _own_context's and _signal's tables, class_category, Context, and _own_context for the rest."""
    return (
        ARTICLE_TAGS,
        ARTICLE_ROLES,
        PAGE_TAGS,
        PLACES,
        ROLE_CATEGORY,
        TAG_CATEGORY,
        HEADER_TAG,
        NAVIGATION,
        _TAG_SIGNALS,
        class_category,
        Context,
        _own_context,
    )


def holding_elements(page: PageText, nodes: Iterable[int]) -> list[bool]:
    """Per element the page walk numbered: whether it is one of ``nodes`` or holds one (walked
    up its parents, each element once: parents come first in the numbering)."""
    parents = page.node_parents
    holding = [False] * len(page.nodes)
    for node in nodes:
        while node >= 0 and not holding[node]:
            holding[node] = True
            node = parents[node]
    return holding


def _article_nodes(page: PageText, in_article: list[bool], labels: list[Label | None]) -> Iterator[int]:
    """The elements of the article blocks the html stage keeps (-1: a block with none)."""
    at = page.block_nodes
    return (at[i] for i, inside in enumerate(in_article) if inside and _kept(labels[i]))


def node_contexts(page: PageText, holders: Iterable[int]) -> list[Context]:
    """The Context of every element the page walk numbered (DomContext's answers, read off the
    walk's numbering: parents come first, so no climbing and no element lookups)."""
    parents = page.node_parents
    silent = holding_elements(page, holders)
    if _native_chrome_contexts is not None:
        found: list[Context] = _native_chrome_contexts(
            node_attributes(page), parents, silent, ROOT, context_tables()
        )
        return found
    return node_contexts_python(page, silent)


def node_contexts_python(page: PageText, silent: list[bool]) -> list[Context]:
    """node_contexts' loop in Python: the reference and the fallback of the compiled one."""
    parents = page.node_parents
    contexts: list[Context] = []
    append = contexts.append
    for (tag, names, ident, role), parent, quiet in zip(node_attributes(page), parents, silent):
        context = contexts[parent] if parent >= 0 else ROOT
        if names is None and ident is None and role is None and not quiet and tag not in _TAG_SIGNALS:
            append(context)  # nothing of its own to say (most elements): what it inherits
        else:
            append(_own_context(context, tag, names, ident, role, quiet))
    return contexts


def text_categories(texts: list[str]) -> list[str | None]:
    """Per block: the category its text names (a button line, a lexicon phrase, a copyright mark)."""
    lexicon = chrome_lexicon()
    joined, lows = _lowered_lines(texts)
    found: list[str | None] = [None] * len(texts)
    ui_chars = [0] * len(texts)  # characters covered by navigation (UI) phrases
    starts: list[int] = []
    pos = 0
    for low in lows:
        starts.append(pos)
        pos += len(low) + 1
    for start, end, category in lexicon.phrase_hits(joined):
        if _glued(joined, start - 1, start) or _glued(joined, end - 1, end):
            continue  # inside a word: German "anzeigen" (show) is no "Anzeige" (advertisement)
        j = bisect_right(starts, start) - 1
        if category == NAVIGATION:
            ui_chars[j] += end - start
            continue
        current = found[j]
        if current is None or _RANK.get(category, _LAST) < _RANK.get(current, _LAST):
            found[j] = category
    # the copyright marks of all lines in one scan (the pattern never spans a newline)
    copyrights = {bisect_right(starts, hit.start()) - 1 for hit in _COPYRIGHT.finditer(joined)}
    for j, low in enumerate(lows):
        button = BUTTON_LINES.get(low.rstrip(LINE_END).strip())  # normalise_lower(low).strip()
        if button is not None:
            found[j] = button
        elif found[j] is None and not ui_chars[j] and j not in copyrights:
            continue  # most lines: nothing below can name them
        elif low.count(" ") >= TEXT_MAX_WORDS:
            found[j] = None
        elif found[j] != "credit" and j in copyrights:
            found[j] = "legal"  # "© 2024 ...", but "Photo: © Agency" stays a credit
        elif (
            found[j] is None and ui_chars[j] and (ui_chars[j] >= UI_LINE_SHARE * len(low) or is_tag_list(low))
        ):
            found[j] = NAVIGATION  # menu words, or a label and its keywords ("Etiquetas: tranvía, movilidad")
    return found


def _lowered_lines(texts: list[str]) -> tuple[str, list[str]]:
    """The lower-cased texts joined by newlines, and each one: lowered in one call where no
    text holds a newline (str.lower reads no context across one: a newline is neither cased
    nor case-ignorable, and lower_text's "i" and combining dot are one line's), else each."""
    joined = "\n".join(texts)
    if texts and joined.count("\n") == len(texts) - 1:
        low = lower_text(joined)
        return low, low.split("\n")
    lows = [lower_text(text) for text in texts]
    return "\n".join(lows), lows


def _glued(text: str, left: int, right: int) -> bool:
    """Whether text[left] and text[right] are letters of one word in a script that spaces its words."""
    if left < 0 or right >= len(text):
        return False
    a, b = text[left], text[right]
    return a.isalnum() and b.isalnum() and ord(a) < SPACED_SCRIPTS_END and ord(b) < SPACED_SCRIPTS_END


def decide(
    context: Context, text: str | None, link_line: bool, words: int, counted: bool = False
) -> str | None:
    """One block's category (None: page_chrome) from its DOM context and its text; see the module docstring.

    ``counted``: the line ends in a count, "Harlem Yu (7)": a tag or archive link, not a teaser.
    """
    if context.box is not None:
        return context.box
    place = context.place
    if text is not None and (
        place is None or not link_line or (text == "legal" and words <= SHORT_MAX_WORDS)
    ):
        return text
    if place == NAVIGATION:
        return NAVIGATION if link_line or words <= SHORT_MAX_WORDS else None
    if place == SIDEBAR and link_line:
        return RELATED if words >= HEADLINE_MIN_WORDS and not counted else NAVIGATION
    return None


def name_chrome(page: PageText, in_article: list[bool], labels: list[Label | None]) -> None:
    """Replace ``page_chrome`` labels with the category the page shows, keeping their rules."""
    todo = [i for i, label in enumerate(labels) if label is not None and label.category == CHROME]
    if not todo:
        return
    at = page.block_nodes
    every = node_contexts(page, _article_nodes(page, in_article, labels))
    contexts = [every[at[i]] if at[i] >= 0 else ROOT for i in todo]
    # the nearest box decides alone: only the other blocks' texts are scanned
    open_blocks = [i for i, context in zip(todo, contexts) if context.box is None]
    texts = dict(zip(open_blocks, text_categories([page.blocks[i].text for i in open_blocks])))
    made: dict[tuple[str, str], Label] = {}  # one Label per (category, rule), as segments merge equal labels
    blocks, link_chars = page.blocks, page.link_chars
    lexicon = shipped_lexicon()
    for i, context in zip(todo, contexts):
        category = context.box
        if category is None:
            text = texts.get(i)
            block = blocks[i].text
            link_line = link_chars[i] >= LINK_LINE_SHARE * len(block)
            # in a place, decide reads no link line's text (but a short legal one's): a share
            # bar is asked for only where its answer can name the block
            if text is None and link_line and context.place is None and is_share_bar(block, lexicon):
                text = SHARE  # as link_lines names the bar it removes from an article
            if text is None and context.place is None:
                continue  # most removed blocks: nothing names them (decide's answer, unasked)
            words = block.count(" ") + 1
            counted = block.endswith(")") and _COUNTED.search(block) is not None
            category = decide(context, text, link_line, words, counted)
            if category is None:
                continue
        rule = labels[i].rule  # type: ignore[union-attr]
        label = made.get((category, rule))
        if label is None:
            label = made[(category, rule)] = Label(category, rule)
        labels[i] = label


# A heading that names a box ("Comments (2)", "Related articles") names the rest of its
# section: the posts below a comments heading, the teasers below a related one, when the
# section's element holds no article text (a wrapper of the article and its comments is no box).
HEADED_BOXES = frozenset({"comments", RELATED})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def name_headed_sections(page: PageText, in_article: list[bool], labels: list[Label | None]) -> None:
    """``page_chrome`` blocks below a heading of HEADED_BOXES, inside the heading's parent
    element, take the heading's category (their rules kept). Only headings are read, and
    each section's blocks once, so a page costs its removed headings' sections."""
    parents, at = page.node_parents, page.block_nodes
    holders = holding_elements(page, _article_nodes(page, in_article, labels))  # hold a kept article block
    made: dict[tuple[str, str], Label] = {}
    n, i = len(labels), 0
    while i < n:
        label = labels[i]
        i += 1
        if label is None or label.category not in HEADED_BOXES or page.tags[i - 1] not in HEADING_TAGS:
            continue
        section = parents[at[i - 1]] if at[i - 1] >= 0 else -1
        if section < 0 or holders[section]:
            continue
        while i < n and _inside(at[i], section, parents):
            below = labels[i]
            if below is not None and below.category == CHROME:
                key = (label.category, below.rule)
                labels[i] = made.get(key) or made.setdefault(key, Label(*key))
            i += 1


def _inside(node: int, section: int, parents: list[int]) -> bool:
    """Whether element ``node`` lies in element ``section``."""
    while node >= 0:
        if node == section:
            return True
        node = parents[node]
    return False


def _kept(label: Label | None) -> bool:
    """An article block the html stage keeps (the headline counts: it sits in the article)."""
    return label is None or label.category == TITLE
