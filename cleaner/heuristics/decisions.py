"""The heuristic decisions, in order, registered in one plain table.

Each decision reads a ``LinePage`` (the lines of one document in the labeler's
scope, with what the lexicons and the line classifier said of them) and labels
lines nobody has labelled yet. Adding a decision is adding a function and a row
to ``DECISIONS``; the labeler runs the rows in order and never changes a label
an outlet rule or the html stage set.

A line is *kept* while it is usable (no earlier stage labelled it) and no
decision has labelled it: the later decisions (repeats, terminators, edges,
title, opening phrases, article lines) look only at kept lines. The last two run
only inside an article's text (not on raw dumps), where the article-line model
scored the lines.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate, compress, islice, repeat
from math import ceil, inf
from operator import and_, gt, is_not, mul, ne, not_, or_
from types import ModuleType
from typing import Any

from cleaner import native
from cleaner.categories import CATEGORIES
from cleaner.heuristics.article_guards import joined_to_kept_line, protected_lines
from cleaner.heuristics.bylines import is_byline
from cleaner.heuristics.caption_credits import (
    CAPTION_MAX_WORDS,
    CAPTION_MIN_WORDS,
    CREDIT_MARKS,
    credit_head_open,
    credit_openings_of,
    ends_with_credit,
)
from cleaner.heuristics.comment_threads import THREAD_CATEGORY, page_openers, thread_start
from cleaner.heuristics.contact_lines import (
    CONTACT_LINE_MAX_CHARS,
    CONTACT_LINE_MAX_WORDS,
    contact_candidates,
    contact_lines_among,
    opener_pairs,
)
from cleaner.heuristics.edges import edge_lines, shows_chrome
from cleaner.heuristics.features import OTHER_SPACES
from cleaner.heuristics.lexicon import Lexicon
from cleaner.heuristics.line_marks import edge_marked_lines, kept_lines, marked_lines
from cleaner.heuristics.meta_lines import SEPARATOR_MARKS, kept_meta_lines, meta_lines
from cleaner.heuristics.navigation_lines import is_navigation_line
from cleaner.heuristics.own_address import address_forms, bare_address
from cleaner.heuristics.own_name import first_describing, names_site, opens_with_name, site_name
from cleaner.heuristics.scores import PageScores
from cleaner.heuristics.share_bars import BAR_MARKS, is_share_bar
from cleaner.heuristics.signup_boxes import PROMPT_FAMILY, signup_boxes
from cleaner.heuristics.stacked_phrases import STACK_MAX_WORDS, STACK_MIN_WORDS, stack_of
from cleaner.heuristics.teaser_tags import TAG_BRACKETS, TEASER_MAX_WORDS, TEASER_MIN_WORDS, is_tagged_teaser
from cleaner.heuristics.title import find_title
from cleaner.heuristics.zones import appeal_zones
from cleaner.result import Label

TERMINATOR_CATEGORIES = ("comments", "related", "share", "newsletter")  # lines that end an article
# ... but a sign-up box or a share bar is a box of its own lines: prose below it is the article
# going on, on a raw dump too (where teasers below a related heading read like prose)
BOXED_TERMINATORS = frozenset({"share", "newsletter"})
TERMINATOR_MIN_BODY_SHARE = (
    0.5  # ... once this share of its kept text lies above them (not a share bar on top)
)
PROSE_PARAGRAPH_WORDS = 25  # a kept line this long is a paragraph ...
PROSE_RUN_AFTER_TERMINATOR = 3  # ... and this many in a row after a terminator: the article goes on
EXTRACTED_TAIL_MAX_WORDS = (
    15  # in an extractor's text, a teaser list after a terminator has no line this long
)

APPEAL = Label("donation_appeal", "heuristic:appeal-zone")
TITLE = Label("title", "heuristic:title")
BYLINE = Label("credit", "heuristic:byline")
CLASSIFIER = Label("other", "heuristic:classifier")
SHORT_HEAD = Label("navigation", "heuristic:short-head")
REPEAT = Label("related", "heuristic:repeat")
SHORT_TAIL = Label("other", "heuristic:short-tail")
MACHINE_LINE = Label("other", "heuristic:machine-line")
OWN_ADDRESS = Label("other", "heuristic:own-address")
COMMENT_THREAD = Label("comments", "heuristic:comment-thread")
SHARE_BAR = Label("share", "heuristic:share-bar")
SHARE_BAR_MAX_CHARS = 120  # a longer line is no bar of buttons (its test splits only shorter lines)
OPENED_LINE_MAX_WORDS = 14  # longer lines opened by such a phrase are left to the model ...
# ... but a lead-in before a headline (no sentence end) goes up to this length: Spanish and
# Portuguese teaser headlines run long ("VEA TAMBIÉN: <17 words>"), prose ends like a sentence
LEAD_IN_LINE_MAX_WORDS = 30
# Families whose phrases, opening a short line, mark it as boilerplate in any article
# (a related lead-in needs its separator: that is lead_in's test).
OPENING_FAMILIES = frozenset(
    {"newsletter", "subscription", "donation_appeal", "credit", "legal", "share", "comments"}
)
COPYRIGHT_SIGN = "©"
COPYRIGHT_OPENERS = (COPYRIGHT_SIGN, "copyright ", "(c) ")  # the same in every language
COPYRIGHT_INITIALS = "".join(sorted({opener[0] for opener in COPYRIGHT_OPENERS}))
# A line opened by the copyright sign is the outlet's notice at any length ("© 2024 X. This
# article is the property of X. Written permission must be obtained ..."): prose never
# opens with the sign. Up to this many words (a longer line is no single notice).
SIGN_LINE_MAX_WORDS = 80
OPENED_LINE = {category: Label(category, "heuristic:opening-phrase") for category in CATEGORIES}
CONTACT_LINE = Label("share", "heuristic:contact-line")
# A sign-off ends the article: a contact line counts only once this share of the page's
# kept words or of its kept lines lies above it (a "Follow us" bar on top is the share
# family's; long notices after a sign-off can hold half the words).
CONTACT_MIN_BODY_SHARE = 0.5
CAPTION_CREDIT = Label("credit", "heuristic:caption-credit")
SIGNUP_BOX = Label("newsletter", "heuristic:signup-box")
OWN_NAME = Label("other", "heuristic:own-name")
META_LINE = Label("other", "heuristic:meta-line")
# The site's paragraph about itself closes the page: it is looked for among this many last
# kept lines (a press release's "About" block: one to three paragraphs, then a contact line).
OWN_NAME_TAIL_LINES = 4
# More of a line's cased words capitalised than this: a headline (German prose capitalises its nouns)
TITLE_CASE_SHARE = 0.75
# Between the article's sentences, a stacked line goes only when its phrases cover this
# share of its characters (a form's "Sorry, an error has occurred: please try again later."): made of them
STACK_MID_COVER = 0.5
STACKED_LINE = {category: Label(category, "heuristic:stacked-phrases") for category in CATEGORIES}
TEASER_TAG = Label("related", "heuristic:teaser-tag")
ARTICLE_RULE = "heuristic:article-line"
SENTENCE_WORDS = 10  # a line this long that ends like a sentence reads as article prose ...
SENTENCE_END = frozenset(".!?…\"”»'’")  # ... when it ends with one of these
ARTICLE_LINE = {category: Label(category, ARTICLE_RULE) for category in CATEGORIES}
# A line that is only a timestamp in machine form (ISO 8601 with its time) or only the
# address of an image or other asset file: page metadata (JSON-LD, og: tags) a scraper
# spilled into the text; article prose in any language writes neither alone on a line.
MACHINE_LINE_PATTERN = re.compile(
    r"\s*(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?"
    r"|https?://\S+?\.(?:jpe?g|png|gif|webp|avif|svg|ico|css|js)(?:[?#]\S*)?)\s*",
    re.IGNORECASE,
)
# What such a line opens with, once stripped: a set (a hash per line, not a scan of 12).
MACHINE_LINE_STARTS = frozenset("0123456789hH")
MACHINE_LINE_MAX_CHARS = 600  # longer is not such a line; bounds the pattern's backtracking
MACHINE_OPENING_CHARS = 5  # "2024-", "http:": what such a line opens with, at least
_DIGITS = frozenset("0123456789")
# The first characters of a line whose lstrip() opens with one of MACHINE_LINE_STARTS:
# those, and the white space str.lstrip() takes off (str.isspace: the ASCII six and OTHER_SPACES)
ANY_LENGTH = sys.maxsize  # marked_lines' bound on a line's characters, where there is none
_WHITE_SPACE = " \t\n\r\x0b\x0c" + OTHER_SPACES  # what str.strip() takes off (str.isspace)
_MACHINE_OPENINGS = "".join(sorted(MACHINE_LINE_STARTS)) + _WHITE_SPACE
_MACHINE_STARTS = "".join(sorted(MACHINE_LINE_STARTS))  # the same set as a str (the compiled picker)
_SIGN_OPENINGS = COPYRIGHT_SIGN + _WHITE_SPACE  # a line whose lstrip() may open with the sign
_ADDRESS_OPENINGS = "hw"  # a printed address's first letter: "https://", "http://", "www." (address_forms)

AFTER_TERMINATOR = {
    "comments": Label("comments", "heuristic:after-terminator"),
    "related": Label("related", "heuristic:after-terminator"),
    "share": Label("other", "heuristic:after-terminator"),
    "newsletter": Label("other", "heuristic:after-terminator"),
}


@dataclass
class LinePage:
    """One document's lines as the decisions see them; ``local`` collects their labels."""

    texts: list[str]
    scored: PageScores  # the lexicons and the line models on each line
    usable: list[bool]  # no earlier stage labelled the line
    origin: str  # "text" or "html"
    lexicon: Lexicon
    phrase_labels: dict[str, Label]  # category -> heuristic:lexicon:<category>
    button_labels: dict[str, Label]  # category -> heuristic:button-line
    metadata: dict[str, Any]
    local: list[Label | None] = field(default_factory=list)
    url: str | None = None  # the record's address: its slug tells the headline (title.py)
    # every line usable (a text page without outlet rules, the usual raw dump): kept() then
    # reads ``local`` alone
    every_usable: bool = field(init=False, default=False)

    # the kept lines' indexes and texts when ``survivors`` is first asked (None: not yet)
    _survivors: tuple[list[int], list[str]] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.local:
            self.local = [None] * len(self.texts)
        self.every_usable = all(self.usable)

    def survivors(self) -> tuple[list[int], list[str]]:
        """The indexes and texts of the lines kept when first asked: the decisions only add
        labels (but article-line, last, which gives back its own), so they hold every line
        kept from then on. A raw dump's decisions after the classifier's cut search these
        alone (about a tenth of its lines) and test each line found as before."""
        if self._survivors is None:
            indexes = list(compress(range(len(self.texts)), self.kept()))
            self._survivors = indexes, list(map(self.texts.__getitem__, indexes))
        return self._survivors

    def edge_marked(self, firsts: str, lasts: str) -> Iterable[int]:
        """``edge_marked_lines(texts, None, 0, firsts, lasts)``, on a raw dump among the
        ``survivors`` alone: the caller tests each line found for being kept."""
        if not self.scored.raw:
            return edge_marked_lines(self.texts, None, 0, firsts, lasts)
        indexes, texts = self.survivors()
        return map(indexes.__getitem__, edge_marked_lines(texts, None, 0, firsts, lasts))

    def kept(self) -> list[bool]:
        """Lines still in the body: usable and not labelled by any decision so far (one
        call: ``line_marks.kept_lines``)."""
        return kept_lines(self.local, None if self.every_usable else self.usable)

    def any_phrase(self) -> bool:
        """Whether some line holds a lexicon phrase (a category): most pages of an article's
        text hold none, and the decisions that read phrases stop there. Asked of the scores
        each time (a count of None at C level), not kept: a test may replace them."""
        categories = self.scored.categories
        return categories.count(None) != len(categories)

    def dropped(self, j: int) -> Label:
        """The label of a line dropped by score or shape: its phrase category where it has one."""
        category = self.scored.categories[j]
        return self.phrase_labels[category] if category is not None else CLASSIFIER


def label_appeal_zones(page: LinePage) -> None:
    """A header ("A Message from X:", "Dear readers,") up to a call to action ("Remind me later.")."""
    zones = appeal_zones(page.texts, page.scored.norms, page.lexicon, page.scored.categories, page.usable)
    for first, last in zones:
        for j in range(first, last + 1):
            page.local[j] = APPEAL


# Lexicon.derived's key of the compiled whole-line entries' filter (line_entry_filter): most
# lines are longer than any entry or open with a character none does, and need no lookup (a
# fresh line's hash cost ~900 instructions). Made once per lexicon, whose tables are fixed
# once loaded.
BUTTON_FILTER = "button-and-phrase-lines:entries"


def label_button_and_phrase_lines(page: LinePage) -> None:
    """Button-like whole lines ("Once", "Share"), short lines made of a lexicon phrase,
    and, in the noisy regime, lines the classifier scores below the cut. A button line
    takes its button family's label, another line ``dropped``'s (inlined: on a raw dump
    most lines go here, so the compiled twin reads them in one pass)."""
    if native.MODULE is None:
        label_button_and_phrase_lines_python(page)
        return
    scored, lexicon = page.scored, page.lexicon
    if BUTTON_FILTER not in lexicon.derived:  # the entries' lengths and first characters, once
        lexicon.derived[BUTTON_FILTER] = native.MODULE.line_entry_filter(lexicon.line_category)
    native.MODULE.button_phrase_lines(
        scored.norms,
        lexicon.line_category,
        scored.phrase_lines,
        scored.cut,
        scored.scores,
        page.local,
        None if page.every_usable else page.usable,
        scored.categories,
        page.button_labels,
        page.phrase_labels,
        CLASSIFIER,
        lexicon.derived[BUTTON_FILTER],
    )


def label_button_and_phrase_lines_python(page: LinePage) -> None:
    """``label_button_and_phrase_lines`` in Python (the reference and the fallback)."""
    scored, n = page.scored, len(page.texts)
    buttons = list(map(page.lexicon.line_category.get, scored.norms))
    if scored.cut == -inf and True not in scored.phrase_lines and buttons.count(None) == n:
        return  # most pages of an article's text: no such line (C-level searches)
    marked = map(or_, map(is_not, buttons, repeat(None)), scored.phrase_lines)  # plain bools
    if scored.cut != -inf:
        marked = map(or_, marked, map(scored.cut.__gt__, scored.scores))  # a score below the cut
    local, categories = page.local, scored.categories
    button_labels, phrase_labels = page.button_labels, page.phrase_labels
    for j in compress(range(n), map(and_, marked, page.kept())):
        button = buttons[j]
        if button is not None:
            local[j] = button_labels[button]
        else:
            category = categories[j]
            local[j] = phrase_labels[category] if category is not None else CLASSIFIER


def label_machine_lines(page: LinePage) -> None:
    """A line that is only a machine timestamp or an asset's address (MACHINE_LINE_PATTERN).
    Only the kept lines opening like one (``machine_candidates``) are matched."""
    local, texts = page.local, page.texts
    if native.MODULE is not None:  # only the lines opening like a date or "http" are matched
        found: list[int] = native.MODULE.machine_opened(
            texts, local, None if page.every_usable else page.usable, MACHINE_LINE_MAX_CHARS
        )
    else:
        found = machine_candidates(page)
    for j in found:
        if MACHINE_LINE_PATTERN.fullmatch(texts[j]):
            local[j] = MACHINE_LINE


def machine_opened_python(page: LinePage) -> list[int]:
    """The compiled ``machine_opened``'s reference: the ``machine_candidates`` that open as
    MACHINE_LINE_PATTERN may match them (``_machine_opening``)."""
    return [j for j in machine_candidates_python(page) if _machine_opening(page.texts[j])]


def _machine_opening(text: str) -> bool:
    """Whether ``text``, past its white space, opens with an ASCII digit, three decimal
    digits and "-" (the pattern's ``\\d{4}-``), or with "h" and "ttp" in either case (its
    ``https?://``; no letter outside ASCII matches these case-blind)."""
    line = text.lstrip()
    if len(line) < MACHINE_OPENING_CHARS:
        return False
    if line[0] in _DIGITS:
        return line[1:4].isdecimal() and line[4] == "-"
    return line[0] in "hH" and line[1:4].lower() == "ttp"


def machine_candidates(page: LinePage) -> list[int]:
    """The kept lines of at most MACHINE_LINE_MAX_CHARS characters whose ``lstrip()`` opens
    with one of MACHINE_LINE_STARTS, in order: compiled, one pass over the lines
    (decision_picks.c; ``machine_candidates_python`` the reference and the fallback)."""
    if native.MODULE is not None:
        found: list[int] = native.MODULE.machine_candidates(
            page.texts,
            page.local,
            None if page.every_usable else page.usable,
            MACHINE_LINE_MAX_CHARS,
            _MACHINE_STARTS,
        )
        return found
    return machine_candidates_python(page)


def machine_candidates_python(page: LinePage) -> list[int]:
    """``machine_candidates`` in Python. A line opening with such a character, or with white
    space that lstrip() takes off, is picked in one call (line_marks); on a raw dump among
    the kept lines alone (the classifier has dropped most lines by now)."""
    local, usable, texts = page.local, page.usable, page.texts
    return [
        j
        for j in page.edge_marked(_MACHINE_OPENINGS, "")
        if local[j] is None
        and usable[j]
        and len(texts[j]) <= MACHINE_LINE_MAX_CHARS
        and texts[j].lstrip()[:1] in MACHINE_LINE_STARTS
    ]


def label_own_address(page: LinePage) -> None:
    """A kept line that is the record's own address (``own_address``): a print or share
    widget's, never the article's (``address_lines``). Compiled, for an ASCII address, the
    address is made bare and the lines compared in one call (page_gates.c), each line's
    last character first: the Python ``bare_address`` per page cost more than the pass."""
    url = page.url
    if url is None:
        return
    if native.MODULE is not None:
        usable = None if page.every_usable else page.usable
        found: list[int] | None = native.MODULE.own_address_lines(page.texts, page.local, usable, url)
        if found is not None:
            for j in found:
                page.local[j] = OWN_ADDRESS
            return
    bare = bare_address(url)
    if bare is None:
        return
    for j in address_lines(page, bare):
        page.local[j] = OWN_ADDRESS


def address_lines(page: LinePage, bare: str) -> list[int]:
    """The kept lines whose ``strip()`` is one of ``address_forms(bare)``, in order:
    compiled, one pass that compares each line with the forms in place (decision_picks.c;
    ``address_lines_python`` the reference and the fallback)."""
    if native.MODULE is not None:
        found: list[int] = native.MODULE.address_lines(
            page.texts, page.local, None if page.every_usable else page.usable, bare
        )
        return found
    return address_lines_python(page, bare)


def address_lines_python(page: LinePage, bare: str) -> list[int]:
    """``address_lines`` in Python. Only the lines whose ends can be a printed address's
    are read: a form opens with its scheme, "www." or the address and closes with it or a
    slash (white space around it), picked in one call (line_marks)."""
    texts, local = page.texts, page.local
    forms: frozenset[str] | None = None  # made for a page that may print the address
    opening, closing = _ADDRESS_OPENINGS + bare[0] + _WHITE_SPACE, bare[-1] + "/" + _WHITE_SPACE
    found = []
    for j in page.edge_marked(opening, closing):
        text = texts[j]
        if bare not in text:  # every form holds the address (most such lines end like it, no more)
            continue
        if forms is None:
            forms = address_forms(bare)
        if text.strip() in forms and local[j] is None and page.usable[j]:
            found.append(j)
    return found


def label_repeats(page: LinePage) -> None:
    """Raw dumps: keep the first of identical kept lines; later copies are teasers or widgets."""
    if page.scored.cut == -inf:
        return
    for j in repeat_lines(page.texts, page.kept()):
        page.local[j] = REPEAT


def repeat_lines(texts: list[str], kept: list[bool]) -> list[int]:
    """The kept lines, in order, whose text an earlier kept line has (compiled twin:
    raw_decisions.c, one pass; ``repeat_lines_python`` the reference and the fallback)."""
    if native.MODULE is not None:
        found: list[int] = native.MODULE.repeat_lines(texts, kept)
        return found
    return repeat_lines_python(texts, kept)


def repeat_lines_python(texts: list[str], kept: list[bool]) -> list[int]:
    """``repeat_lines`` in Python: C-level maps over the kept lines."""
    indexes = list(compress(range(len(texts)), kept))
    kept_texts = list(map(texts.__getitem__, indexes))
    first_seen = dict(zip(reversed(kept_texts), reversed(indexes)))  # each text's first kept line
    return list(compress(indexes, map(ne, map(first_seen.__getitem__, kept_texts), indexes)))


def label_comment_thread(page: LinePage) -> None:
    """A reader-comment thread below the article (``comment_threads``): a comments line
    ("Comments", "12 Comments", "Kommentare") with signed posts below it ("Posted by: Ann
    at September 10, 2012 11:40 AM"); every kept line below the opener goes, the opener too.
    Unlike after-terminator it needs no share of the article above it: a blog post's
    thread is often longer than the post, and its posts are long prose lines."""
    scored = page.scored
    exact = page.button_labels.get(THREAD_CATEGORY)  # button-line's own lookup
    lexicon = None if scored.raw else page.lexicon
    openers = page_openers(scored.norms, scored.words, scored.categories, page.local, exact, lexicon)
    if not openers:
        return
    kept = page.kept()
    start = thread_start(page.texts, scored.words, kept, openers)
    if start is None:
        return
    for k in compress(range(start, len(page.texts)), kept[start:]):
        page.local[k] = COMMENT_THREAD


def label_after_terminator(page: LinePage) -> None:
    """boilerpipe's terminating block: past the middle of the article's kept text,
    a "Comments", "Related articles", "Share" or newsletter line ends the article,
    and every kept line after it goes (comment threads and teasers read like prose),
    unless paragraphs of the article follow it.

    An extractor's output mostly ends where the article does; what it leaves after a
    terminator is a comment form, a teaser list or a share bar. There a terminator ends
    the article only when no line after it is as long as a sentence of prose
    (EXTRACTED_TAIL_MAX_WORDS): a subheading that names related reading, or a log-in
    prompt set into the text, is followed by the article's next paragraph.
    """
    texts, categories = page.texts, page.scored.categories
    if not any(page.scored.phrase_lines):  # most pages of an article's text (C level: a bool's truth
        return  # is read at once, where ``True in`` compares each False with True)
    phrased = [
        j
        for j in compress(range(len(texts)), page.scored.phrase_lines)
        if categories[j] in TERMINATOR_CATEGORIES
    ]
    if not phrased:
        return
    kept = page.kept()
    terminators = [j for j in phrased if not kept[j]]
    if not terminators:
        return
    before = kept_chars(texts, kept)  # kept characters above each line
    total = before[-1]
    prose_until: int | None = None
    last_long: int | None = None
    last_sentence: int | None = None
    for j in terminators:
        if before[j] < total * TERMINATOR_MIN_BODY_SHARE:
            continue
        category = categories[j]
        assert category is not None  # a terminator line has a phrase category
        if not page.scored.raw or category in BOXED_TERMINATORS:
            if last_long is None:
                last_long = _last_long_line(page.scored.words, kept)
            if j < last_long:  # a line of prose follows the terminator
                continue
        if category in BOXED_TERMINATORS and not page.scored.raw:
            if last_sentence is None:
                last_sentence = _last_sentence_line(texts, page.scored.words, kept)
            if j < last_sentence:  # the article's short closing sentence follows a share bar
                continue
        if category != "comments":
            if prose_until is None:
                prose_until = _last_prose_run(texts, kept)
            if j < prose_until:
                continue
        label = AFTER_TERMINATOR[category]
        for k in compress(range(j + 1, len(texts)), kept[j + 1 :]):
            page.local[k] = label
        return


def kept_chars(texts: list[str], kept: list[bool]) -> list[int]:
    """The kept lines' characters above each line, the page's total last (compiled twin:
    raw_decisions.c; ``kept_chars_python`` the reference and the fallback)."""
    if native.MODULE is not None:
        found: list[int] = native.MODULE.kept_chars(texts, kept)
        return found
    return kept_chars_python(texts, kept)


def kept_chars_python(texts: list[str], kept: list[bool]) -> list[int]:
    """``kept_chars`` in Python: one C-level accumulate."""
    return list(accumulate(map(mul, map(len, texts), kept), initial=0))


def _last_long_line(words: list[int], kept: list[bool]) -> int:
    """The last kept line of EXTRACTED_TAIL_MAX_WORDS words or more, or -1: prose follows a
    line exactly when it lies above it. One pass serves every terminator of the page."""
    for j in range(len(words) - 1, -1, -1):
        if kept[j] and words[j] >= EXTRACTED_TAIL_MAX_WORDS:
            return j
    return -1


def _last_sentence_line(texts: list[str], words: list[int], kept: list[bool]) -> int:
    """The last kept line of SENTENCE_WORDS words or more that ends like a sentence, or -1.

    An article often closes on one short paragraph below a share bar or a sign-up line set
    into it ("Experts say keeping buses running is a challenge shared by small towns."):
    too short for EXTRACTED_TAIL_MAX_WORDS, but a sentence, where a share bar's own lines
    ("Facebook", "Copy link") and the teaser headlines below it end on no full stop."""
    for j in range(len(words) - 1, -1, -1):
        if kept[j] and words[j] >= SENTENCE_WORDS and texts[j].rstrip()[-1:] in SENTENCE_END:
            return j
    return -1


def label_edges(page: LinePage) -> None:
    """A menu before the prose, short lines after it. Text input only: on html the
    page structure already placed the article's edges."""
    if page.origin == "html":
        return
    local, usable, categories = page.local, page.usable, page.scored.categories
    # an extractor's text trims no head and only tail lines holding a phrase: a page with no
    # phrase (most) has no edge, and its edges are not walked nor its callbacks made
    if not page.scored.raw and not page.any_phrase():
        return

    def cues(a: int, b: int) -> bool:
        """Whether lines ``a`` to ``b`` hold a phrase, a label a decision set before, or a
        site's navigation or footer entry ("Ana Sayfa", "Impressum": the chrome lines)."""
        if any(map(is_not, categories[a:b], repeat(None))):
            return True
        if any(map(and_, map(is_not, local[a:b], repeat(None)), usable[a:b])):
            return True
        return page.scored.raw and shows_chrome(page.scored.norms[a:b], page.lexicon)

    def has_phrase(j: int) -> bool:
        return categories[j] is not None

    head, tail = edge_lines(
        page.texts,
        page.scored.words,
        usable,
        page.kept(),
        cues,
        has_phrase,
        page.scored.raw,
    )
    for j in head:
        local[j] = SHORT_HEAD
    for j in tail:
        category = categories[j]
        local[j] = page.phrase_labels[category] if category is not None else SHORT_TAIL


def label_title(page: LinePage) -> None:
    """The headline just before the body (and ``metadata["title"]``). Text input only:
    on html the html stage's ``html:title`` decided it, and the text finder would only
    take a lead sentence for it."""
    if page.origin == "html":
        return
    title_at = find_title(page.texts, page.local, page.usable, page.scored.scores, page.scored.cut, page.url)
    if title_at is None:
        return
    if is_byline(page.texts[title_at]):  # where the headline would stand, the author's name
        page.local[title_at] = BYLINE
        return
    page.local[title_at] = TITLE
    page.metadata.setdefault("title", page.texts[title_at])


def label_lead_in_and_family_lines(page: LinePage) -> None:
    """Inside an article's text (and among the lines the classifier kept in a raw dump): a
    short line opened by a lead-in ("READ MORE: <headline>", "Lesen Sie auch:", "LE PUEDE
    INTERESAR: ...") or by a phrase of a family that never opens article prose ("Sign up
    for our newsletter", "Photo: ...", "Copyright 2024 ..."), and a line of any length up
    to SIGN_LINE_MAX_WORDS opened by the copyright sign."""
    scored = page.scored
    at_start = scored.at_start
    if at_start is None:  # set where the text reads as an article (page_scores), raw dumps too
        return
    maybe = _maybe_opened(page)
    if not maybe:  # no line to read (an article's text: a list; a raw dump's iterator is always walked)
        return
    leads, local, usable = scored.leads or [None] * len(page.texts), page.local, page.usable
    for j in maybe:
        words = scored.words[j]
        if local[j] is not None or not usable[j]:
            continue
        if words > OPENED_LINE_MAX_WORDS:  # left to the model, but for a notice opened by the sign
            if words <= SIGN_LINE_MAX_WORDS and page.texts[j].lstrip().startswith(COPYRIGHT_SIGN):
                local[j] = OPENED_LINE["legal"]
            elif (lead := leads[j]) is not None and words <= LEAD_IN_LINE_MAX_WORDS:
                end = page.texts[j].rstrip()[-1:]
                if end == "?" or end not in SENTENCE_END:  # a headline may ask
                    local[j] = OPENED_LINE[lead]  # "VEA TAMBIÉN: <a long headline>"
            continue
        text = page.texts[j].strip()
        category = leads[j]
        if category is None and at_start[j]:
            family = page.scored.categories[j]
            if (
                family in OPENING_FAMILIES
                or (family == "related" and text.endswith(":"))
                or (family == "navigation" and is_navigation_line(text, words))
            ):
                category = family  # "Sign up for our newsletter", "Lesen Sie auch die folgenden Beiträge:", "Tags: a, b", "Aggiornato il 12/03/2025"
            if family == "credit" and words >= SENTENCE_WORDS and text[-1:] in SENTENCE_END:
                category = None  # "Associated Press writers in Ohio contributed to this report."
        if category is None and page.scored.norms[j].startswith(COPYRIGHT_OPENERS):
            category = "legal"
        # a question opened by a family phrase is the article's ("Sign up for what?"); after
        # a lead-in it is a teaser's headline ("PUEDES VER: ¿Qué es ...?")
        if category is not None and (leads[j] is not None or not text.endswith("?")):
            local[j] = OPENED_LINE[category]


def _maybe_opened(page: LinePage) -> Iterable[int]:
    """The lines ``label_lead_in_and_family_lines`` reads, in order. In an article's text,
    only a line with a lead-in, a phrase at its start, a copyright opener or the sign can
    be one: C-level searches pick them (the lines opening with the sign or white space in
    one call, the norms opening with an opener's first character in another). A raw dump holds many phrases, but the classifier has dropped most of its
    lines: there the kept lines are read."""
    scored, n = page.scored, len(page.texts)
    if scored.raw or scored.at_start is None:
        return compress(range(n), page.kept())
    if native.MODULE is not None:  # one pass over the lines (decision_picks.c)
        found: list[int] = native.MODULE.opened_lines(
            page.texts, scored.norms, scored.at_start, scored.leads, _SIGN_OPENINGS, COPYRIGHT_OPENERS
        )
        return found
    return _maybe_opened_python(page)


def _maybe_opened_python(page: LinePage) -> list[int]:
    """``_maybe_opened`` in an article's text, in Python (the reference and the fallback)."""
    scored, n = page.scored, len(page.texts)
    assert scored.at_start is not None
    opened = set(compress(range(n), scored.at_start))
    if scored.leads is not None:
        opened.update(compress(range(n), map(is_not, scored.leads, repeat(None))))
    # the sign matters only where it opens the line (``lstrip``): a line opening with it or
    # with white space is read (a first-character test, not a search of the whole line)
    opened.update(edge_marked_lines(page.texts, None, 0, _SIGN_OPENINGS, ""))
    norms = scored.norms
    for j in edge_marked_lines(norms, None, 0, COPYRIGHT_INITIALS, ""):
        if norms[j].startswith(COPYRIGHT_OPENERS):
            opened.add(j)
    return sorted(opened)


def label_contact_lines(page: LinePage) -> None:
    """Inside an article's text: a line in its second half that tells the reader how to
    reach the reporter or follow the outlet ("Write to Ann Lee at ann@example.com",
    "Follow us on Facebook and Instagram"; ``contact_lines``)."""
    if page.scored.at_start is None:  # set where the text reads as an article
        return
    texts, words = page.texts, page.scored.words
    if native.MODULE is not None:
        _label_contact_lines_from_start(page, native.MODULE)
        return
    if page.scored.raw:  # most of a raw dump's lines are dropped by now: the kept ones are searched
        candidates = _kept_contact_candidates(page.survivors()[0], texts, words)
        if not candidates:
            return
        kept = page.kept()
    else:
        # the lines holding an address's mark, over the whole page in one call: most pages have
        # none, and then the kept lines and their words are not counted
        candidates = contact_candidates(texts, words)
        if not candidates:
            return
        kept = page.kept()
    indexes = list(compress(range(len(texts)), kept))
    above = list(
        accumulate(compress(words, kept), initial=0)
    )  # kept words above each kept line, and the total
    lines = len(indexes)
    # the first kept line past half of the kept words, or past half of the kept lines
    # (the shares only grow down the page: every kept line from there on is past it)
    start = min(
        bisect_left(above, CONTACT_MIN_BODY_SHARE * above[-1], 0, lines), ceil(CONTACT_MIN_BODY_SHARE * lines)
    )
    if start >= lines:
        return
    # the kept lines from there on are the page's from that line down, less those not kept
    first = indexes[start]
    marked = [j for j in candidates if j >= first and kept[j]]
    for j in contact_lines_among(texts, marked, page.lexicon):
        page.local[j] = CONTACT_LINE


def _label_contact_lines_from_start(page: LinePage, module: ModuleType) -> None:
    """``label_contact_lines`` with the second half's first line found first, in one
    compiled call (``body_share_start``), and its candidates in another (``contact_marked``:
    only the lines from there down that may open with an opener are searched for an
    address's mark), no kept words summed in Python."""
    texts, words, local, usable = page.texts, page.scored.words, page.local, page.usable
    kept_flags = None if page.every_usable else usable
    first = body_share_start(words, local, kept_flags)
    if first < 0:
        return
    # one pass from there: kept, short, opening with an opener's first two characters and
    # holding an address's mark (most lines fail the opening, and are not searched)
    marked: list[int] = module.contact_marked(
        texts,
        words,
        local,
        kept_flags,
        first,
        CONTACT_LINE_MAX_WORDS,
        CONTACT_LINE_MAX_CHARS,
        opener_pairs(page.lexicon),
    )
    for j in contact_lines_among(texts, marked, page.lexicon):
        local[j] = CONTACT_LINE


def body_share_start(words: list[int], local: list[Label | None], usable: list[bool] | None) -> int:
    """The first kept line with CONTACT_MIN_BODY_SHARE of the page's kept words above it, or
    past that share of its kept lines, or -1: compiled where the extension is built
    (``_body_share_start_python`` the reference and the fallback)."""
    if native.MODULE is not None:
        start: int = native.MODULE.body_share_start(words, local, usable, CONTACT_MIN_BODY_SHARE)
        return start
    return _body_share_start_python(words, kept_lines(local, usable))


def _body_share_start_python(words: list[int], kept: list[bool]) -> int:
    """``body_share_start`` over the flags ``kept``: the shares only grow down the page, so
    every kept line from there on is past it."""
    indexes = list(compress(range(len(words)), kept))
    above = list(
        accumulate(compress(words, kept), initial=0)
    )  # kept words above each kept line, and the total
    lines = len(indexes)
    start = min(
        bisect_left(above, CONTACT_MIN_BODY_SHARE * above[-1], 0, lines), ceil(CONTACT_MIN_BODY_SHARE * lines)
    )
    return indexes[start] if start < lines else -1


def _kept_contact_candidates(indexes: list[int], texts: list[str], words: list[int]) -> list[int]:
    """``contact_candidates`` among the lines ``indexes`` only (``LinePage.survivors``: every
    kept line among them): the page's candidates there, in order."""
    found = contact_candidates(list(map(texts.__getitem__, indexes)), list(map(words.__getitem__, indexes)))
    return list(map(indexes.__getitem__, found))


def label_signup_boxes(page: LinePage) -> None:
    """Inside an article's text: a newsletter sign-up box goes whole, its pitch between its
    prompt and its form too (``signup_boxes``)."""
    if page.scored.at_start is None:  # set where the text reads as an article
        return
    # a box opens with a prompt (a phrase): most pages hold no phrase, and the page's
    # categories are then not compared with the prompt's one by one (str with None)
    if not page.any_phrase() or PROMPT_FAMILY not in page.scored.categories:
        return
    for j in signup_boxes(page.texts, page.scored.words, page.scored.categories, page.local, page.usable):
        page.local[j] = SIGNUP_BOX


def label_stacked_phrases(page: LinePage) -> None:
    """Inside an article's text: a notice or promo that stacks boilerplate phrases ("This
    article is for your personal, non-commercial use only and may not be reprinted ...";
    ``stacked_phrases``) at an edge of the article: no
    kept sentence of the article (SENTENCE_WORDS words or more, ending like a sentence, not
    a headline in title case) on another line both above and below it (between them, a line that names a licence and a
    lawsuit, or a cookie banner's buttons, is the article's). Only
    the kept lines holding a phrase are read again; each takes its first phrase's category."""
    if page.scored.at_start is None:  # set where the text reads as an article
        return
    if not page.any_phrase():  # a stacked line holds a phrase
        return
    texts, words, categories, lexicon = page.texts, page.scored.words, page.scored.categories, page.lexicon
    local, usable = page.local, page.usable
    if native.MODULE is not None and len(words) == len(texts):  # stack_of's cheap tests in one call
        holding: Iterable[int] = native.MODULE.stack_candidates(
            texts,
            words,
            categories,
            local,
            None if page.every_usable else usable,
            STACK_MIN_WORDS,
            STACK_MAX_WORDS,
        )
    else:
        holding = compress(range(len(texts)), categories)  # the lines holding a phrase (a category)
    stacked = [
        (j, cover)
        for j in holding
        if local[j] is None
        and usable[j]
        and words[j] >= STACK_MIN_WORDS
        and (cover := stack_of(texts[j], words[j], lexicon)) is not None
    ]
    if not stacked:  # most pages: the article's sentences are not looked for
        return
    kept = page.kept()

    def prose(j: int) -> bool:
        """A kept sentence of the article, not a headline."""
        return (
            kept[j]
            and words[j] >= SENTENCE_WORDS
            and texts[j].rstrip()[-1:] in SENTENCE_END
            and not _title_cased(texts[j])
        )

    for j, cover in stacked:  # each search stops at the first sentence it meets
        if (
            cover >= STACK_MID_COVER
            or not any(map(prose, range(j)))
            or not any(map(prose, range(len(texts) - 1, j, -1)))
        ):
            local[j] = STACKED_LINE[categories[j] or "other"]


def _title_cased(text: str) -> bool:
    """Whether most of the cased words of ``text`` open with a capital, as an English
    headline's do ("Stock Is Falling After Its Earnings Release. Why You Shouldn't Worry.")
    and no sentence of prose does (its names and first word are a few of its words)."""
    cased = [word for word in text.split() if word[:1].isupper() or word[:1].islower()]
    return len(cased) > 0 and sum(word[:1].isupper() for word in cased) > TITLE_CASE_SHARE * len(cased)


def label_own_name(page: LinePage) -> None:
    """Inside an article's text: the site's paragraph about itself at the page's end
    (``own_name``: "Northwind is a leading maker of ..." on northwind.com), among the last
    OWN_NAME_TAIL_LINES kept lines, its heading ("About Northwind") and the kept lines
    after it that open with the site's name too ("Northwind employs 1,200 people ...")."""
    if page.scored.at_start is None or page.url is None:  # set where the text reads as an article
        return
    name = site_name(page.url)
    if name is None:
        return
    texts, local, usable = page.texts, page.local, page.usable
    tail = tail_kept(local, None if page.every_usable else usable, OWN_NAME_TAIL_LINES)
    start = first_describing(texts, tail, name)
    if start is None:
        return
    first = tail[start]
    local[first] = OWN_NAME
    above = next((j for j in range(first - 1, -1, -1) if usable[j] and local[j] is None), None)
    if above is not None and names_site(texts[above], name):
        local[above] = OWN_NAME  # its heading: "About Northwind", "Über Northwind:"
    for j in tail[start + 1 :]:
        if opens_with_name(texts[j], name):
            local[j] = OWN_NAME


def tail_kept(local: list[Label | None], usable: list[bool] | None, count: int) -> list[int]:
    """The last ``count`` kept lines (``LinePage.kept``), in order: compiled, a walk up from
    the page's end that stops there (decision_picks.c; ``tail_kept_python`` the reference)."""
    if native.MODULE is not None:
        found: list[int] = native.MODULE.tail_kept(local, usable, count)
        return found
    return tail_kept_python(local, usable, count)


def tail_kept_python(local: list[Label | None], usable: list[bool] | None, count: int) -> list[int]:
    """``tail_kept`` in Python: a C-level iterator walking up from the end."""
    kept = kept_lines(local, usable)
    tail = list(islice(compress(range(len(kept) - 1, -1, -1), reversed(kept)), count))
    tail.reverse()
    return tail


def label_meta_lines(page: LinePage) -> None:
    """Inside an article's text: a post's metadata line above or below the paragraphs, a
    full date or a time among three or more spaced fields ("12.03.2024 | Ann Lee | Politics";
    ``meta_lines``), not one of a listing's run of such lines."""
    if page.scored.at_start is None:  # set where the text reads as an article
        return
    words = page.scored.words
    if native.MODULE is not None and len(words) == len(page.texts):  # the page's walk in one call
        for j in kept_meta_lines(page.texts, words, page.local, None if page.every_usable else page.usable):
            page.local[j] = META_LINE
        return
    holding_kept = None
    if page.scored.raw:  # a raw dump's kept lines are few: those the decisions kept before (survivors)
        holding_kept, texts = page.survivors()  # are searched, for a separator and the paragraphs' ends
        marked = list(map(holding_kept.__getitem__, marked_lines(texts, SEPARATOR_MARKS, ANY_LENGTH)))
    else:  # the lines outside the paragraphs alone are searched for a separator (meta_lines)
        marked = None
    for j in meta_lines(page.texts, page.scored.words, page.kept(), marked, holding_kept):
        page.local[j] = META_LINE


def label_caption_credits(page: LinePage) -> None:
    """Inside an article's text: a picture's caption ending with its credit ("... (Photo:
    Ann Lee/Agency).", "... © AFP / Ann Lee"; ``caption_credits``)."""
    openings = credit_openings_of(page.lexicon)
    _label_kept_lines(
        page,
        ends_with_credit,
        CAPTION_CREDIT,
        CREDIT_MARKS,
        lambda texts, words, local, usable: credit_candidates(texts, words, local, usable, openings),
    )


def label_tagged_teasers(page: LinePage) -> None:
    """Inside an article's text: a teaser headline tagged with its kind of story
    ("Minister resigns after vote [VIDEO]"; ``teaser_tags``)."""
    _label_kept_lines(page, is_tagged_teaser, TEASER_TAG, TAG_BRACKETS, teaser_candidates)


def _label_kept_lines(
    page: LinePage,
    test: Callable[[str, int, Lexicon], bool],
    label: Label,
    marks: tuple[str, str],
    candidates: Callable[[list[str], list[int], list[Label | None], list[bool] | None], list[int]],
) -> None:
    """Where the text reads as an article, ``label`` on each kept line that ``test``
    (the line, its words, the lexicon) says is boilerplate. ``test`` passes only lines
    holding one of ``marks``, so only those (picked in one call: ``marked_lines``) are
    looked at in Python; compiled, only the kept lines ``candidates`` gives (one call
    that reads the lines' ends and word counts: a superset of the lines ``test`` passes)."""
    if page.scored.at_start is None:  # set where the text reads as an article
        return
    texts, words, local, usable = page.texts, page.scored.words, page.local, page.usable
    if native.MODULE is not None and len(words) == len(texts):
        found = candidates(texts, words, local, None if page.every_usable else usable)
    else:
        found = marked_lines(texts, marks, ANY_LENGTH)
    for j in found:
        if local[j] is None and usable[j] and test(texts[j], words[j], page.lexicon):
            local[j] = label


def label_share_bars(page: LinePage) -> None:
    """A share bar's buttons flattened into one line ("Κοινοποίηση Facebook X";
    ``share_bars``). A bar names at least one of BAR_MARKS' networks: only the short lines
    holding one (picked in one call: ``marked_lines``), and of those the kept ones, are put
    to the test (a raw dump names Facebook in its footer, and most of its lines are long
    or dropped)."""
    texts, local = page.texts, page.local
    usable = None if page.every_usable else page.usable
    if native.MODULE is not None:  # one pass a line for the marks, a comma and the closing stop
        found: list[int] = native.MODULE.bar_candidates(texts, local, usable, BAR_MARKS, SHARE_BAR_MAX_CHARS)
    else:
        found = kept_marked_lines_python(texts, local, usable, BAR_MARKS)
    for j in found:
        if is_share_bar(texts[j], page.lexicon):
            local[j] = SHARE_BAR


def kept_marked_lines(
    texts: list[str], local: list[Label | None], usable: list[bool] | None, marks: tuple[str, ...]
) -> list[int]:
    """The kept lines (``LinePage.kept``) of at most SHARE_BAR_MAX_CHARS characters holding
    one of ``marks``: compiled, a raw dump's dropped lines are not searched at all
    (``kept_marked_lines_python`` the reference and the fallback)."""
    if native.MODULE is not None:
        found: list[int] = native.MODULE.kept_marked_lines(texts, local, usable, marks, SHARE_BAR_MAX_CHARS)
        return found
    return kept_marked_lines_python(texts, local, usable, marks)


def kept_marked_lines_python(
    texts: list[str], local: list[Label | None], usable: list[bool] | None, marks: tuple[str, ...]
) -> list[int]:
    """``kept_marked_lines`` in Python: the marked lines (one call, ``marked_lines``), then the kept ones."""
    kept = kept_lines(local, usable)
    return [j for j in marked_lines(texts, marks, SHARE_BAR_MAX_CHARS) if kept[j]]


def bar_candidates_python(
    texts: list[str], local: list[Label | None], usable: list[bool] | None, marks: tuple[str, ...]
) -> list[int]:
    """The compiled ``bar_candidates``' reference: ``kept_marked_lines``' lines less those
    ``is_share_bar`` turns down at once (a comma, a closing full stop)."""
    return [
        j
        for j in kept_marked_lines_python(texts, local, usable, marks)
        if "," not in texts[j] and texts[j].rstrip()[-1:] != "."
    ]


def credit_candidates(
    texts: list[str],
    words: list[int],
    local: list[Label | None],
    usable: list[bool] | None,
    openings: frozenset[bytes] | None = None,
) -> list[int]:
    """The kept lines ``ends_with_credit`` may pass: CAPTION_MAX_WORDS words at most, and
    ending with a bracket opened after CAPTION_MIN_WORDS words (with ``openings``, the
    lexicon's ``credit_openings``, one whose head may open a credit phrase:
    ``ends_with_credit``'s gate, in the same call) or holding the copyright sign
    past the line's start (compiled; the reference below)."""
    if native.MODULE is None:
        return credit_candidates_python(texts, words, local, usable, openings)
    found: list[int] = native.MODULE.credit_candidates(
        texts, words, local, usable, CAPTION_MAX_WORDS, CAPTION_MIN_WORDS, openings
    )
    return found


def credit_candidates_python(
    texts: list[str],
    words: list[int],
    local: list[Label | None],
    usable: list[bool] | None,
    openings: frozenset[bytes] | None = None,
) -> list[int]:
    """``credit_candidates`` in Python."""
    kept = kept_lines(local, usable)
    return [
        j
        for j, text in enumerate(texts)
        if kept[j] and words[j] <= CAPTION_MAX_WORDS and _may_credit(text, openings)
    ]


def _may_credit(text: str, openings: frozenset[bytes] | None) -> bool:
    """``ends_with_credit``'s tests before its lexicon scan, but the bracket's own words."""
    line = text.rstrip(" \t.;")
    if line.endswith(")"):
        opening = line.rfind("(")
        return (
            opening >= 0
            and len(line[:opening].split()) >= CAPTION_MIN_WORDS
            and (openings is None or credit_head_open(line, opening, openings))
        )
    return line.rfind("©") > 0


def teaser_candidates(
    texts: list[str], words: list[int], local: list[Label | None], usable: list[bool] | None
) -> list[int]:
    """The kept lines ``is_tagged_teaser`` may pass: TEASER_MIN_WORDS to TEASER_MAX_WORDS
    words, a tag's bracket closing the line (but for its trail) or before its first word
    character (compiled; the reference below)."""
    if native.MODULE is None:
        return teaser_candidates_python(texts, words, local, usable)
    found: list[int] = native.MODULE.teaser_candidates(
        texts, words, local, usable, TEASER_MIN_WORDS, TEASER_MAX_WORDS
    )
    return found


_TAG_TRAIL = "|:.,;-"  # what teaser_tags' at_end lets follow the tag, besides white space
_TAG_LEAD = re.compile(r"[^\w\[【]*[\[【]")  # non-word characters, then a tag's bracket


def _tag_closes(text: str) -> bool:
    """Whether a tag's closing bracket ends ``text`` but for at_end's trail."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _TAG_TRAIL):
        end -= 1
    return text[end - 1 : end] in ("]", "】")


def teaser_candidates_python(
    texts: list[str], words: list[int], local: list[Label | None], usable: list[bool] | None
) -> list[int]:
    """``teaser_candidates`` in Python."""
    kept = kept_lines(local, usable)
    return [
        j
        for j, text in enumerate(texts)
        if kept[j]
        and TEASER_MIN_WORDS <= words[j] <= TEASER_MAX_WORDS
        and (_tag_closes(text) or _TAG_LEAD.match(text) is not None)
    ]


def stack_candidates_python(
    texts: list[str],
    words: list[int],
    categories: list[str | None],
    local: list[Label | None],
    usable: list[bool] | None,
) -> list[int]:
    """The compiled ``stack_candidates``' reference: the kept lines holding a phrase (a
    category) of STACK_MIN_WORDS to STACK_MAX_WORDS words, no question (``stack_of``)."""
    kept = kept_lines(local, usable)
    return [
        j
        for j, text in enumerate(texts)
        if categories[j] is not None
        and kept[j]
        and STACK_MIN_WORDS <= words[j] <= STACK_MAX_WORDS
        and not text.rstrip().endswith("?")
    ]


def label_article_lines(page: LinePage) -> None:
    """Inside an article's text (an extractor's output, the article blocks of a page):
    the lines the article-line model is sure are boilerplate ("READ MORE: <headline>",
    a newsletter prompt after the last paragraph, a photo credit), except the body
    that only looks like it (``article_guards``: table rows, interview lines, lists
    and subheadings between paragraphs, questions). Each keeps the category its
    lead-in or phrase names, else ``other``.

    A line that reads as a sentence goes only in the trailing run of boilerplate, with
    no kept line after it: in the middle of an article a sentence about cookies or
    subscriptions is the article's own."""
    scored = page.scored
    if scored.article is None:
        return
    local, words = page.local, scored.words
    picked = article_picks(
        scored.article, scored.article_cut, local, None if page.every_usable else page.usable
    )
    if picked is None:
        return
    chosen, last_plain = picked
    if not chosen:
        return
    leads = scored.leads or [None] * len(page.texts)
    guarded = protected_lines(page.texts, words, leads, chosen)
    body_after = False  # a kept line that stays follows (walking from the end)
    removed = []
    for j in reversed(chosen):
        body_after = body_after or j < last_plain
        sure = not guarded[j]
        if sure and words[j] >= SENTENCE_WORDS and page.texts[j].rstrip()[-1:] in SENTENCE_END:
            sure = not body_after or leads[j] is not None
        if not sure:
            body_after = True
            continue
        category = leads[j] or scored.categories[j] or "other"
        local[j] = ARTICLE_LINE[category]
        removed.append(j)
    if not removed:
        return
    kept = page.kept()  # one pass on what stays: a line given back gives back no other
    for j in removed:
        if leads[j] is None and joined_to_kept_line(page.texts, kept, j):
            local[j] = None


def article_picks(
    article: list[float], cut: float, local: list[Label | None], usable: list[bool] | None
) -> tuple[list[int], int] | None:
    """The kept lines whose article score exceeds ``cut`` (the candidates), in order, and
    the last kept line that is none (-1: none), or None where no line is a candidate: one
    compiled pass (decision_picks.c; ``article_picks_python`` the reference)."""
    if (
        native.MODULE is not None
        and type(article) is list
        and type(cut) is float
        and len(article) == len(local)
    ):
        found: tuple[list[int], int] | None = native.MODULE.article_picks(article, cut, local, usable)
        return found
    return article_picks_python(article, cut, local, usable)


def article_picks_python(
    article: list[float], cut: float, local: list[Label | None], usable: list[bool] | None
) -> tuple[list[int], int] | None:
    """``article_picks`` in Python: C-level maps over the lines. Walking up from the end, a
    kept line that is no candidate is body; the last one is found at C level."""
    candidates = list(map(gt, article, repeat(cut)))
    if True not in candidates:
        return None
    n = len(local)
    kept = kept_lines(local, usable)
    chosen = list(compress(range(n), map(and_, kept, candidates)))  # the kept candidates, in order
    plain = map(and_, reversed(kept), map(not_, reversed(candidates)))
    return chosen, next(compress(range(n - 1, -1, -1), plain), -1)


def _last_prose_run(texts: list[str], kept: list[bool]) -> int:
    """``_last_prose_run_python``, compiled where the extension is built: it counts a kept
    line's words up to PROSE_PARAGRAPH_WORDS without splitting it."""
    if native.MODULE is not None:
        start: int = native.MODULE.last_prose_run(
            texts, kept, PROSE_PARAGRAPH_WORDS, PROSE_RUN_AFTER_TERMINATOR
        )
        return start
    return _last_prose_run_python(texts, kept)


def _last_prose_run_python(texts: list[str], kept: list[bool]) -> int:
    """Where the last run of the article's paragraphs starts (PROSE_RUN_AFTER_TERMINATOR
    kept lines of PROSE_PARAGRAPH_WORDS words in a row, counting kept lines only), or -1:
    paragraphs follow a line exactly when it lies above that start. A newsletter box or
    a "Read also" teaser set into the article is not its end. (Comment threads are
    prose too, so a comments line needs no such test.)

    One pass over the kept lines serves every terminator line, so a page of many costs
    no more than a page of one; it splits the lines into words from the end up, only
    as far as that run.
    """
    run = 0  # long kept lines in a row, counted from the last kept line up
    for j in compress(range(len(texts) - 1, -1, -1), reversed(kept)):
        run = run + 1 if len(texts[j].split()) >= PROSE_PARAGRAPH_WORDS else 0
        if run >= PROSE_RUN_AFTER_TERMINATOR:
            return j
    return -1


Decision = Callable[[LinePage], None]

# (name, decision), run in this order. The name is what docs and tests call it;
# the rule each label carries is set by the decision itself (heuristic:<name>).
DECISIONS: tuple[tuple[str, Decision], ...] = (
    ("appeal-zone", label_appeal_zones),
    ("button-and-phrase-lines", label_button_and_phrase_lines),
    ("machine-line", label_machine_lines),
    ("own-address", label_own_address),
    ("repeat", label_repeats),
    ("comment-thread", label_comment_thread),
    ("after-terminator", label_after_terminator),
    ("edges", label_edges),
    ("title", label_title),
    ("opening-phrase", label_lead_in_and_family_lines),
    ("signup-box", label_signup_boxes),
    ("contact-line", label_contact_lines),
    ("own-name", label_own_name),
    ("meta-line", label_meta_lines),
    ("caption-credit", label_caption_credits),
    ("teaser-tag", label_tagged_teasers),
    ("stacked-phrases", label_stacked_phrases),
    ("share-bar", label_share_bars),
    ("article-line", label_article_lines),
)
