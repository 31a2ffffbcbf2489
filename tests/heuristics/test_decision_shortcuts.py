"""The decisions that look only at the kept lines, or start where a share of the page lies
above, label exactly what a plain walk over every line labels: the contact line's
start found by bisection, the last prose run split from the end up, the caption and
teaser tests put only to kept lines holding their marks, and the edges found walking in
from the page's ends."""

from __future__ import annotations

from math import inf
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.heuristics import HeuristicLabeler, decisions, teaser_tags
from cleaner.heuristics.article_guards import (
    _INTERVIEW,
    _LIST_ITEM,
    HEADING_MAX_WORDS,
    HEADING_REACH,
    PARAGRAPH_WORDS,
    _table_row,
    joined_to_kept_line,
    protected_lines,
)
from cleaner.heuristics.caption_credits import ends_with_credit
from cleaner.heuristics.contact_lines import is_contact_line
from cleaner.heuristics.decisions import (
    ARTICLE_LINE,
    CAPTION_CREDIT,
    CONTACT_LINE,
    CONTACT_MIN_BODY_SHARE,
    MACHINE_LINE,
    MACHINE_LINE_MAX_CHARS,
    MACHINE_LINE_PATTERN,
    MACHINE_LINE_STARTS,
    OWN_ADDRESS,
    PROSE_PARAGRAPH_WORDS,
    PROSE_RUN_AFTER_TERMINATOR,
    SENTENCE_END,
    SENTENCE_WORDS,
    SHORT_HEAD,
    SHORT_TAIL,
    TEASER_TAG,
    LinePage,
    _last_prose_run,
    label_article_lines,
    label_caption_credits,
    label_contact_lines,
    label_edges,
    label_lead_in_and_family_lines,
    label_machine_lines,
    label_own_address,
    label_tagged_teasers,
)
from cleaner.heuristics.edges import (
    CORE_MIN_WORDS,
    HEAD_MIN_FEW_SHARE,
    HEAD_MIN_LINES,
    TAIL_MAX_WORDS,
    TAIL_MIN_LINES,
)
from cleaner.heuristics.features import FEW_WORDS
from cleaner.heuristics.own_address import address_forms, bare_address
from cleaner.heuristics.own_name import describes_site, first_describing
from cleaner.heuristics.scores import PageScores
from cleaner.heuristics.teaser_tags import is_tagged_teaser
from cleaner.heuristics.title import _letter_count, address_path
from cleaner.result import Label

LEXICON = HeuristicLabeler().lexicon
TAKEN = Label("other", "heuristic:classifier")
# Lines modelled on an article's tail: paragraphs, sign-offs, captions, tagged teasers,
# machine timestamps, short chrome.
LINES = [
    "The council voted on Tuesday to approve the budget after a long debate over parking "
    "charges in the old town and the cost of the new tram line to the station district.",
    "Write to Ann Lee at ann.lee@example-news.com",
    "Follow the Daily Example's transport desk on Facebook, Instagram and YouTube.",
    "The mayor at the opening of the new bridge on Monday (Photo: Ann Lee/Agency).",
    "Ski star at the start of the race. © AFP / Ann Lee",
    "Minister resigns after the vote in parliament [VIDEO]",
    "2024-03-12T14:05:00+01:00",
    "https://cdn.example-news.com/images/bridge.jpg",
    "Share",
    "Read more",
    "She said the plan (which the council backed) would take years.",
]


def page_of(picks: list[int], kept: list[bool], usable: list[bool]) -> LinePage:
    texts = [LINES[k] for k in picks]
    words = [len(text.split()) for text in texts]
    n = len(texts)
    scored = PageScores(
        [0.0] * n,
        -inf,
        [t.lower() for t in texts],
        [None] * n,
        words,
        [False] * n,
        True,
        at_start=[False] * n,
    )
    local: list[Label | None] = [None if keep else TAKEN for keep in kept]
    phrase_labels = {"share": Label("share", "heuristic:lexicon:share")}
    return LinePage(texts, scored, usable, "text", LEXICON, phrase_labels, {}, {}, local)


pages = st.integers(0, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, len(LINES) - 1), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n),
    )
)


def kept_of(page: LinePage) -> list[bool]:
    return [u and label is None for u, label in zip(page.usable, page.local)]


@settings(max_examples=300, database=None, deadline=None)
@given(pages, st.booleans())
def test_contact_lines_match_the_walk_over_every_line(
    case: tuple[list[int], list[bool], list[bool]], all_usable: bool
) -> None:
    picks, kept, usable = case
    page = page_of(picks, kept, [True] * len(picks) if all_usable else usable)
    expected = list(page.local)
    words, flags = page.scored.words, kept_of(page)
    total, lines = sum(w for w, k in zip(words, flags) if k), sum(flags)
    above = above_lines = 0
    for j, text in enumerate(page.texts):
        if not flags[j]:
            continue
        past = above >= CONTACT_MIN_BODY_SHARE * total or above_lines >= CONTACT_MIN_BODY_SHARE * lines
        if past and is_contact_line(text, words[j], LEXICON):
            expected[j] = CONTACT_LINE
        above += words[j]
        above_lines += 1
    label_contact_lines(page)
    assert page.local == expected


@settings(max_examples=300, database=None, deadline=None)
@given(pages)
def test_last_prose_run_matches_the_walk_over_every_line(
    case: tuple[list[int], list[bool], list[bool]],
) -> None:
    picks, kept, _ = case
    texts = [LINES[k] for k in picks]
    indexes = [j for j in range(len(texts)) if kept[j]]
    expected, run = -1, 0
    for j in reversed(indexes):
        run = run + 1 if len(texts[j].split()) >= PROSE_PARAGRAPH_WORDS else 0
        if run >= PROSE_RUN_AFTER_TERMINATOR:
            expected = j
            break
    assert _last_prose_run(texts, kept) == expected


@settings(max_examples=300, database=None, deadline=None)
@given(pages)
def test_kept_line_tests_match_the_walk_over_every_line(
    case: tuple[list[int], list[bool], list[bool]],
) -> None:
    picks, kept, usable = case
    for decide, test, label in (
        (label_caption_credits, ends_with_credit, CAPTION_CREDIT),
        (label_tagged_teasers, is_tagged_teaser, TEASER_TAG),
        (label_machine_lines, None, MACHINE_LINE),
    ):
        page = page_of(picks, kept, usable)
        flags = kept_of(page)
        expected = list(page.local)
        for j, text in enumerate(page.texts):
            if not flags[j]:
                continue
            if test is None:
                opens = text.lstrip()[:1] in MACHINE_LINE_STARTS and len(text) <= MACHINE_LINE_MAX_CHARS
                hit = opens and MACHINE_LINE_PATTERN.fullmatch(text) is not None
            else:
                hit = test(text, page.scored.words[j], LEXICON)
            if hit:
                expected[j] = label
        decide(page)
        assert page.local == expected


def _edges_over_every_line(page: LinePage) -> tuple[list[int], list[int]]:
    """The head and tail of ``edges.edge_lines`` as first written: every column built
    for every line before the core's ends are looked for, the chrome cue asked line by line."""
    texts, words, usable, raw = page.texts, page.scored.words, page.usable, page.scored.raw
    kept = kept_of(page)
    phrases = [c is not None for c in page.scored.categories]
    # on a raw dump a site's navigation or footer entry ("Share" alone) is a cue too
    chrome = [raw and LEXICON.shows_chrome([norm]) for norm in page.scored.norms]
    cues = [
        p or (label is not None and u) or c for p, label, u, c in zip(phrases, page.local, usable, chrome)
    ]
    core = [j for j in range(len(texts)) if kept[j] and words[j] >= CORE_MIN_WORDS]
    if not core:
        return [], []
    first, last = core[0], core[-1]
    head: list[int] = []
    region = [j for j in range(first) if usable[j]]
    if raw and len(region) >= HEAD_MIN_LINES and any(cues[:first]):
        if sum(words[j] <= FEW_WORDS for j in region) >= HEAD_MIN_FEW_SHARE * len(region):
            head = [j for j in region if kept[j]]
    region = [j for j in range(last + 1, len(texts)) if usable[j]]
    candidates = [j for j in region if kept[j] and words[j] <= TAIL_MAX_WORDS]
    tail = [
        j
        for j in candidates
        if texts[j][-1] not in ".!?…\"”»'’)" or (phrases[j] and texts[j][-1] not in "\"”»'’")
    ]
    if not raw:
        tail = [j for j in tail if phrases[j]]
    short = len(tail) + sum(not kept[j] for j in region)
    if short < TAIL_MIN_LINES or not any(cues[last + 1 :]):
        tail = []
    return head, tail


@settings(max_examples=300, database=None, deadline=None)
@given(pages, st.booleans(), st.lists(st.booleans(), min_size=40, max_size=40))
def test_edges_match_the_columns_over_every_line(
    case: tuple[list[int], list[bool], list[bool]], raw: bool, phrased: list[bool]
) -> None:
    picks, kept, usable = case
    page = page_of(picks, kept, usable)
    categories = ["share" if flag else None for flag in phrased[: len(picks)]]
    page.scored = page.scored._replace(categories=categories, raw=raw)
    head, tail = _edges_over_every_line(page)
    expected = list(page.local)
    for j in head:
        expected[j] = SHORT_HEAD
    for j in tail:
        category = categories[j]
        expected[j] = page.phrase_labels[category] if category is not None else SHORT_TAIL
    label_edges(page)
    assert page.local == expected


OPENED_LINES = [
    *LINES,
    "© 2024 Example News. All rights reserved.",
    "\u00a0© Example News: this article may not be reprinted without the publisher's written permission, "
    "which it gives to schools and libraries on request, as its terms say in full.",
    "Copyright 2024 Example News",
    "(c) Example News",
    "READ MORE: Council approves the budget",
    "Sign up for our newsletter",
    "",
]


@settings(max_examples=300, database=None, deadline=None)
@given(
    st.lists(st.integers(0, len(OPENED_LINES) - 1), max_size=40),
    st.lists(
        st.tuples(st.booleans(), st.booleans(), st.sampled_from([None, "related", "credit"])), min_size=40
    ),
    st.booleans(),
)
def test_opening_phrases_match_the_walk_over_every_line(
    picks: list[int], flags: list[tuple[bool, bool, str | None]], raw: bool
) -> None:
    """``_maybe_opened`` leaves out only lines the opening-phrase decision would not label."""
    texts = [OPENED_LINES[k] for k in picks]
    n = len(texts)
    kept, at_start, leads = [f[0] for f in flags[:n]], [f[1] for f in flags[:n]], [f[2] for f in flags[:n]]
    pages = []
    for _ in range(2):
        page = page_of([0] * n, kept, [True] * n)
        page.texts = texts
        page.scored = page.scored._replace(
            norms=[text.lower().rstrip(" .:!?,;…") for text in texts],
            words=[len(text.split()) for text in texts],
            categories=leads,
            at_start=at_start,
            leads=leads,
            raw=raw,
        )
        pages.append(page)
    every_line = decisions._maybe_opened
    try:
        decisions._maybe_opened = lambda page: range(len(page.texts))  # type: ignore[assignment]
        label_lead_in_and_family_lines(pages[0])
    finally:
        decisions._maybe_opened = every_line
    label_lead_in_and_family_lines(pages[1])
    assert pages[1].local == pages[0].local


ADDRESS = "https://www.example-news.com/city/budget-vote-12345/"
ADDRESS_LINES = [
    *LINES,
    ADDRESS,
    "example-news.com/city/budget-vote-12345",
    "\u00a0http://example-news.com/city/budget-vote-12345/\u2028",
    "  www.example-news.com/city/budget-vote-12345 ",
    "Read it at https://www.example-news.com/city/budget-vote-12345/",
    "https://www.example-news.com/city/budget-vote-12345/more",
    "HTTPS://www.example-news.com/city/budget-vote-12345/",
]


@settings(max_examples=300, database=None, deadline=None)
@given(st.lists(st.integers(0, len(ADDRESS_LINES) - 1), max_size=40), st.lists(st.booleans(), min_size=40))
def test_own_address_matches_the_walk_over_every_line(picks: list[int], kept: list[bool]) -> None:
    texts = [ADDRESS_LINES[k] for k in picks]
    page = page_of([0] * len(texts), kept[: len(texts)], [True] * len(texts))
    page.texts, page.url = texts, ADDRESS
    bare = bare_address(ADDRESS)
    assert bare is not None
    forms = address_forms(bare)
    expected = [
        OWN_ADDRESS if label is None and text.strip() in forms else label
        for text, label in zip(texts, page.local)
    ]
    label_own_address(page)
    assert page.local == expected


def _article_lines_over_every_line(page: LinePage) -> list[Label | None]:
    """``label_article_lines`` as first written: every line walked from the end."""
    scored, local = page.scored, list(page.local)
    assert scored.article is not None
    leads = scored.leads or [None] * len(page.texts)
    candidates = [score > scored.article_cut for score in scored.article]
    guarded = protected_lines(page.texts, scored.words, leads)
    body_after, removed = False, []
    for j in range(len(page.texts) - 1, -1, -1):
        if not page.usable[j] or local[j] is not None:
            continue
        sure = candidates[j] and not guarded[j]
        if sure and scored.words[j] >= SENTENCE_WORDS and page.texts[j].rstrip()[-1:] in SENTENCE_END:
            sure = not body_after or leads[j] is not None
        if not sure:
            body_after = True
            continue
        local[j] = ARTICLE_LINE[leads[j] or scored.categories[j] or "other"]
        removed.append(j)
    kept = [u and label is None for u, label in zip(page.usable, local)]
    for j in removed:
        if leads[j] is None and joined_to_kept_line(page.texts, kept, j):
            local[j] = None
    return local


@settings(max_examples=300, database=None, deadline=None)
@given(pages, st.lists(st.tuples(st.floats(-3, 3), st.sampled_from([None, "related"])), min_size=40))
def test_article_lines_match_the_walk_over_every_line(
    case: tuple[list[int], list[bool], list[bool]], scores: list[tuple[float, str | None]]
) -> None:
    picks, kept, usable = case
    page = page_of(picks, kept, usable)
    n = len(picks)
    page.scored = page.scored._replace(
        article=[score for score, _ in scores[:n]], article_cut=0.0, leads=[lead for _, lead in scores[:n]]
    )
    expected = _article_lines_over_every_line(page)
    label_article_lines(page)
    assert page.local == expected


@settings(max_examples=300, database=None, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=127))))
def test_title_letter_count_is_isalpha_per_character(text: str) -> None:
    """``title._letter_count`` (bytes.translate on an ASCII line) counts what str.isalpha does."""
    assert _letter_count(text) == sum(map(str.isalpha, text))


OWN_NAME_LINES = [
    *LINES,
    "Northwind is a leading maker of tea, with 1,200 people in 14 countries.",
    "  «North Wind is a family business founded in 1950.",
    "Nordwind Zeitung ist eine Zeitung aus Hamburg.",
    "Straße ist ein Verlag.",
    "Ärzte sind eine Gruppe.",
    "Northwind employs 1,200 people.",
    "",
    "  ",
]


@settings(max_examples=300, database=None, deadline=None)
@given(
    st.lists(st.integers(0, len(OWN_NAME_LINES) - 1), max_size=6),
    st.sampled_from(["northwind", "nordwindzeitung", "strasse", "arzte", "xyz"]),
)
def test_first_describing_matches_describes_site_per_line(picks: list[int], name: str) -> None:
    """``own_name.first_describing`` finds the line a walk asking ``describes_site`` of each finds."""
    texts = [OWN_NAME_LINES[k] for k in picks]
    lines = list(range(len(texts)))
    walk = next((at for at, j in enumerate(lines) if describes_site(texts[j], name)), None)
    assert first_describing(texts, lines, name) == walk


def _protected_by_long_lines(texts: list[str], words: list[int], leads: list[str | None]) -> list[bool]:
    """``protected_lines``' tests with every line's length made into a list first (as it read them)."""
    n = len(texts)
    long = [count >= PARAGRAPH_WORDS for count in words]
    last_paragraph = n - 1 - long[::-1].index(True) if True in long else -1
    out = [False] * n
    for j, text in enumerate(texts):
        if leads[j] is not None or long[j]:
            continue
        inside = j < last_paragraph
        row = _table_row(text) and (
            (j and _table_row(texts[j - 1])) or (j + 1 < n and _table_row(texts[j + 1]))
        )
        out[j] = bool(
            _INTERVIEW.match(text)
            or row
            or (inside and _LIST_ITEM.match(text))
            or (inside and text.rstrip().endswith("?"))
            or (
                inside
                and words[j] <= HEADING_MAX_WORDS
                and j + 1 < n
                and long[j + 1]
                and any(long[max(0, j - HEADING_REACH) : j])
            )
        )
    return out


GUARD_LINES = [*LINES, "Q: What now?", "- an item", "a | b | c", "x\ty", "Is it so?", "Short heading"]


@settings(max_examples=400, database=None, deadline=None)
@given(
    st.lists(st.sampled_from(GUARD_LINES), min_size=1, max_size=12),
    st.lists(st.integers(0, 40), min_size=12, max_size=12),
    st.lists(st.sampled_from([None, "related"]), min_size=12, max_size=12),
)
def test_protected_lines_match_the_list_of_long_lines(
    texts: list[str], counts: list[int], lead_picks: list[str | None]
) -> None:
    """``protected_lines`` reading each line's length where it is asked gives what a list
    of every line's length gave."""
    n = len(texts)
    words, leads = counts[:n], lead_picks[:n]
    assert protected_lines(texts, words, leads) == _protected_by_long_lines(texts, words, leads)


@given(
    st.sampled_from(["https://example.com/a/b?c#d", "http://x.org", "https://x.org#f/g", "https://h.io?q/r"])
)
def test_address_path_cuts_at_the_first_end(url: str) -> None:
    """``title.address_path`` cuts the host and the path where ``urlsplit`` does."""
    assert address_path(url) == urlsplit(url).path


_TAG_PIECES = [
    "[", "]", "【", "】", "VIDEO", "video", "Foto", "CANLI", "canlı", "CANLİ", "vidéo", "ВИДЕО",
    "视频", "en vivo", " ", "\u00a0", "\u2028", "|", ":", "-", ".", "_", "\u212a", "\u017f",
    "word", "Minister resigns", "(", "!", "\U0001f600", "\ud800", "\n", "x",
    "引用日期2019-01-01", "ΒΊΝΤΕΟ", "Φωτο", "ΦΩΤΟΓΡΑΦΊΕΣ", "İ", "ı", "Видео", "\ufeff", "\u200b",
]  # fmt: skip


def _tagged_by_patterns(text: str, words: int) -> bool:
    """``is_tagged_teaser`` as the patterns alone answer it (the reference)."""
    tags = teaser_tags._tags(LEXICON)
    if not 3 <= words <= 20 or "[" not in text and "【" not in text:
        return False
    return bool(tags.at_end.search(text) or tags.at_start.match(text))


@settings(max_examples=600)
@given(st.lists(st.sampled_from(_TAG_PIECES), max_size=12), st.text(max_size=8))
def test_teaser_tag_lookup_matches_the_patterns(pieces: list[str], extra: str) -> None:
    """The tag's word looked up in the lower-cased set (ASCII words) gives what the
    alternation of every tag gives, on bracket soups, folded letters and odd spaces."""
    for text in ("".join(pieces) + extra, extra + "".join(pieces), "Headline here " + "".join(pieces)):
        assert is_tagged_teaser(text, 5, LEXICON) == _tagged_by_patterns(text, 5)


def test_teaser_tag_lookup_matches_the_patterns_on_every_tag() -> None:
    """Every shipped tag, in its own case, upper and lower case, closing and opening a line."""
    for tag in LEXICON.teaser_tags:
        for word in (tag, tag.upper(), tag.lower(), f" {tag.title()}\u00a0"):
            for text in (
                f"A headline of words [{word}]",
                f"A headline of words 【{word}】 |",
                f"» [{word}] A headline of words",
                f"[ {word} ] A headline",
                f"_[{word}] A headline",
                f"[[{word}]] A headline",
                f"[x [{word}] A headline",
                f"【{word}]】 A headline",
            ):
                assert is_tagged_teaser(text, 5, LEXICON) == _tagged_by_patterns(text, 5), text
