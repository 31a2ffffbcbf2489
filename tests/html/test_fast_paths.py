"""The html stage's fast paths give what their plain forms give.

Each speed-up of the page walk and the block features replaced a plain form
(a case-blind regex, a regex substitution) with a faster one; these tests hold
the two to the same answers, on written cases and on generated ones.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from cleaner.engine import encoded_without_surrogates, without_surrogates
from cleaner.html.article import MAIN_SHARE, main_container
from cleaner.html.blockfeatures import _CLASSED, _NAME_BITS, _NAME_WORDS, _PLACE_BITS, PageLayout, name_bits
from cleaner.html.chrome import DomContext, node_contexts
from cleaner.html.text import (
    _FAST_PARSER,
    _HIDDEN_STYLE,
    _HTML_PARSER,
    _INVALID_XML,
    _LONG_TAG,
    _STRIP,
    LONG_TAG_CHARS,
    _parse_text,
    _scan,
    bounded_attributes,
    hidden_elements,
    node_attributes,
    page_text,
    parse_html,
)

_SPACE_RUN = re.compile(r"\s+")


def plain_name_bits(names: str) -> int:
    """The case-blind scan the cached, lower-cased one replaced."""
    found = 0
    for match in _NAME_WORDS.finditer(names):
        found |= _NAME_BITS[match.lastgroup or ""]
    return found


NAMES = [
    "article-body main-content",
    "Article-Body MAIN-Content",
    "mainav",  # "main" takes the letters of "nav": article only
    "MAINAV",
    "site-footer Footer__Links",
    "post-comments CommentList",
    "sidebar-widget TRENDING",
    "x ads",
    "x Ads-slot",
    "Kontakt",  # KELVIN SIGN: a capital K to a case-blind regex
    "ſhare",  # long s: an s to a case-blind regex
    "İnhalt navİgation",
    "breadcrumb ſidebar",
    "",
    " ",
]


def test_name_bits_match_the_case_blind_scan() -> None:
    for names in NAMES:
        assert name_bits(names) == plain_name_bits(names), names


name_text = st.text(
    alphabet=st.sampled_from("abcdeilmnoprstuvxyz-_ ABCDEMNOPRST\u212a\u017f\u0130\u00e9"), max_size=40
)


@given(name_text)
def test_name_bits_match_on_generated_names(names: str) -> None:
    assert name_bits(names) == plain_name_bits(names)


SPACES = " \t\n\r\f\v\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000"


@given(st.lists(st.text(alphabet=st.sampled_from(SPACES + "ab\u00e9"), min_size=1), min_size=1, max_size=5))
def test_walk_collapses_white_space_as_the_regex_did(pieces: list[str]) -> None:
    html = "<html><body>" + "".join(f"<p>{piece}<b>{piece}</b> x</p>" for piece in pieces) + "</body></html>"
    root = parse_html(html, for_trafilatura=False)
    assert root is not None
    lines = [b.text for b in page_text(root).blocks]
    expected = [_SPACE_RUN.sub(" ", "".join(p.itertext())).strip(_STRIP) for p in root.iter("p")]
    assert lines == expected


piece = st.one_of(
    st.sampled_from(
        ["<p>", "</p>", "<div", ">", " ", "x", "\u00e9", "\u4e2d", "\x00", "\x0b", "\x1f", "\t", "\n"]
    ),
    st.sampled_from(["\ufffe", "\uffff", "\ufffd", "\ud800"]),
    st.builds(
        lambda n, c: c * n, st.integers(LONG_TAG_CHARS - 4, LONG_TAG_CHARS + 4), st.sampled_from("a \u00e9")
    ),
)


@given(st.lists(piece, max_size=12))
def test_scan_answers_what_the_regexes_find(parts: list[str]) -> None:
    text = "".join(parts)
    invalid, long_run = _scan(text)
    assert invalid == (_INVALID_XML.search(text) is not None)
    if _LONG_TAG.search(text) is not None:
        assert long_run


@given(st.lists(piece, max_size=12))
def test_scan_of_the_callers_bytes_is_the_scan_of_the_text(parts: list[str]) -> None:
    text, utf8 = encoded_without_surrogates("".join(parts))
    assert utf8 == text.encode("utf-8")
    assert _scan(text, utf8) == _scan(text)


def test_a_page_encoded_once_parses_as_before() -> None:
    page = "<html><body><p>caf\u00e9 \ud800 ok</p>\x07<div>\u0436</div></body></html>"
    text, utf8 = encoded_without_surrogates(page)
    assert text == without_surrogates(page)
    given_bytes, encoded_here = parse_html(text, utf8=utf8), parse_html(text)
    assert etree.tostring(given_bytes) == etree.tostring(encoded_here)


PARSED_PAGES = [
    "<html><head><meta charset='windows-1252'></head><body><p>caf\u00e9 \u00fc \u65e5\U0001f600</p></body></html>",
    "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'><p>caf\u00e9 \u2013</p>",
    "<meta charset=shift_jis><p>\u65e5\u672c\u8a9e</p>",
    '<?xml version="1.0" encoding="iso-8859-1"?><p>\u00e9</p>',
    "\ufeff<p>a BOM first</p><p>\ufeffand inside</p>",
    "<p>a\r\nb\rc\x85d\u2028e\u00a0f\u200bg</p><pre>x\r\ny</pre>",
    "<!-- only a comment -->",
    "<p>" + "x" * 200_000 + "</p>",
    "<div>\U00010348 astral</div><p>\U0001d400</p>",
    "</p></div><p>unbalanced<b><i>tags</b></i>",
    "plain text",
]


def _parsed_as_text(text: str, for_trafilatura: bool) -> bytes | None:
    """The tree as parse_html read it from the str (bytes only where lxml refused the str)."""
    tree = _parse_text(text, _HTML_PARSER if for_trafilatura else _FAST_PARSER)
    return None if tree is None else etree.tostring(tree.getroottree().getroot())


def _parsed(text: str, for_trafilatura: bool) -> bytes | None:
    root = parse_html(text, for_trafilatura=for_trafilatura)
    return None if root is None else etree.tostring(root)


def test_a_page_parsed_from_its_bytes_is_the_page_parsed_from_its_str() -> None:
    for page in PARSED_PAGES:
        for for_trafilatura in (False, True):
            assert _parsed(page, for_trafilatura) == _parsed_as_text(page, for_trafilatura), page[:80]


@given(st.lists(piece, max_size=12))
def test_generated_pages_parse_from_bytes_as_from_the_str(parts: list[str]) -> None:
    text = "".join(parts)
    cleaned = bounded_attributes(_INVALID_XML.sub("", text))  # what parse_html parses
    if "\ud800" not in text and cleaned.strip():
        assert _parsed(text, False) == _parsed_as_text(cleaned, False)


def test_scan_sees_a_long_tag_and_no_long_tag() -> None:
    attributes = " ".join(f'a{n}="{n}"' for n in range(2000))
    assert _scan(f"<p><div {attributes}>x</div></p>") == (False, True)
    assert _scan("<p>" + "<b>x</b>" * 3000 + "</p>") == (False, False)
    assert _scan("<p>\x07</p>") == (True, False)


def test_white_space_opening_a_line_still_counts_as_link_text() -> None:
    # the walk keeps no part for white space that opens a line, but counts its link characters
    root = parse_html(
        "<html><body><p><a>\n      Title</a> and the rest</p><div><a>  </a></div><p>x</p></body></html>"
    )
    page = page_text(root)
    assert [b.text for b in page.blocks] == ["Title and the rest", "x"]
    assert page.link_chars == [len("\n      Title"), 0]


def numbered_by_climbing(elements: list) -> tuple[list, list[int], list[int]]:
    """Number each block's element and its ancestors as the features first did: block by
    block, climbing to the first numbered ancestor, then numbering top-down."""
    ids: dict = {}
    nodes: list = []
    parents: list[int] = []
    blocks: list[int] = []
    for el in elements:
        if el is None:
            blocks.append(-1)
            continue
        chain = []
        node = el
        while node is not None and node not in ids:
            chain.append(node)
            node = node.getparent()
        parent = ids[node] if node is not None else -1
        for node in reversed(chain):
            ids[node] = len(nodes)
            nodes.append(node)
            parents.append(parent)
            parent = ids[node]
        blocks.append(ids[el])
    return nodes, parents, blocks


def nested_page(draw: st.DrawFn) -> str:
    """A small page of nested block and inline elements, hidden ones and text among them."""
    tags = ["div", "p", "span", "a", "section", "li", "ul", "b", "script", "pre", "h2", "table", "td"]
    tags += ["nav", "header", "article", "aside", "footer", "figure"]

    def element(depth: int) -> str:
        tag = draw(st.sampled_from(tags))
        hidden = " hidden" if draw(st.integers(0, 9)) == 0 else ""
        inner = "".join(
            draw(st.sampled_from(["word ", " ", "\n", "two words "]))
            if depth > 3 or draw(st.booleans())
            else element(depth + 1)
            for _ in range(draw(st.integers(0, 3)))
        )
        return f"<{tag}{hidden}>{inner}</{tag}>" + draw(st.sampled_from(["", " tail", "\n"]))

    return "<html><body>" + "".join(element(0) for _ in range(draw(st.integers(1, 4)))) + "</body></html>"


@given(st.composite(nested_page)())
def test_the_walk_numbers_elements_as_climbing_did(html: str) -> None:
    root = parse_html(html, for_trafilatura=False)
    assert root is not None
    page = page_text(root)
    nodes, parents, blocks = numbered_by_climbing(page.elements)
    assert [id(n) for n in page.nodes] == [id(n) for n in nodes]
    assert (page.node_parents, page.block_nodes) == (parents, blocks)


@given(st.composite(nested_page)(), st.lists(st.integers(0, 40), max_size=6))
def test_node_contexts_are_what_dom_context_gives(html: str, held: list[int]) -> None:
    html = html.replace("<div>", '<div class="sidebar">', 1).replace("<section>", '<section role="main">', 1)
    root = parse_html(html, for_trafilatura=False)
    assert root is not None
    page = page_text(root)
    holders = [i for i in held if i < len(page.blocks) and page.block_nodes[i] >= 0]
    dom = DomContext(page.elements[i] for i in holders)
    every = node_contexts(page, (page.block_nodes[i] for i in holders))
    for i, el in enumerate(page.elements):
        if el is not None:
            assert every[page.block_nodes[i]] == dom.of(el)


@given(st.composite(nested_page)())
def test_attributes_read_once_are_the_elements_and_their_bits(html: str) -> None:
    html = html.replace("<div>", '<div class="post-comments" id="x" role="main">', 1)
    root = parse_html(html, for_trafilatura=False)
    assert root is not None
    page = page_text(root)
    read = [(el.tag, el.get("class"), el.get("id"), el.get("role")) for el in page.nodes]
    assert node_attributes(page) == read
    layout = PageLayout(page)
    for k, el in enumerate(page.nodes):  # what _own_bits read off the element itself
        names = (el.get("class") or "") + " " + (el.get("id") or "")
        bits = _PLACE_BITS.get(el.tag, 0) | (name_bits(names) if len(names) > 1 else 0)
        assert int(layout.own[k]) & ~_CLASSED == bits
        assert bool(int(layout.own[k]) & _CLASSED) == bool(el.get("class"))


def plain_hidden_elements(root: Any) -> set[Any]:
    """The predicate query hidden_elements replaced."""
    return {
        el
        for el in root.xpath("descendant-or-self::*[@hidden or @style]")
        if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or "")
    }


HIDING = [
    "",
    " hidden",
    " HIDDEN=x",
    " style='display:none'",
    " style='color: red'",
    " Style='Visibility : Hidden'",
]


@given(
    st.lists(
        st.tuples(st.sampled_from(HIDING), st.sampled_from(HIDING), st.booleans()), min_size=1, max_size=8
    )
)
def test_hidden_elements_are_the_predicate_querys(attributes: list[tuple[str, str, bool]]) -> None:
    html = "".join(
        f"<div{a}><span{b}>x</span></div>" if nested else f"<p{a}>y</p><b{b}>z</b>"
        for a, b, nested in attributes
    )
    root = parse_html(f"<html><body{attributes[0][1]}>{html}</body></html>", for_trafilatura=False)
    assert root is not None
    assert hidden_elements(root) == plain_hidden_elements(root)


def climbed_main_container(page: Any, in_article: list[bool]) -> Any:
    """The climb from every article block that main_container replaced."""
    weight: dict[Any, int] = {}
    depth: dict[Any, int] = {}
    total = 0
    for i, inside in enumerate(in_article):
        el = page.elements[i]
        if not inside or el is None:
            continue
        total += len(page.blocks[i].text)
        chain = []
        while el is not None:
            chain.append(el)
            weight[el] = weight.get(el, 0) + len(page.blocks[i].text)
            el = el.getparent()
        for d, node in enumerate(reversed(chain)):
            depth.setdefault(node, d)
    best, best_depth = None, -1
    for node, w in weight.items():
        if w >= MAIN_SHARE * total and depth[node] > best_depth:
            best, best_depth = node, depth[node]
    return best


@given(st.composite(nested_page)(), st.lists(st.booleans(), max_size=40))
def test_main_container_is_the_climbs(html: str, inside: list[bool]) -> None:
    root = parse_html(html, for_trafilatura=False)
    assert root is not None
    page = page_text(root)
    in_article = [inside[i] if i < len(inside) else True for i in range(len(page.blocks))]
    assert main_container(page, in_article) is climbed_main_container(page, in_article)


@given(
    st.text(alphabet=st.sampled_from(["a", "b", " ", "\u00a0", "\t", "\n", "\u3000", "é"])),
    st.integers(1, 14),
)
def test_a_split_bounded_at_k_counts_the_words_up_to_k_plus_one(text: str, k: int) -> None:
    """article.py asks ``len(text.split(None, k))`` whether a block has more than k words
    (bylines) or at least k + 1 (prose): it is the word count, capped at k + 1."""
    assert len(text.split(None, k)) == min(len(text.split()), k + 1)


@given(st.composite(nested_page)(), st.integers(1, 4))
def test_up_is_the_masked_climb(html: str, steps: int) -> None:
    root = parse_html(html, for_trafilatura=False)
    assert root is not None
    layout = PageLayout(page_text(root))
    ids = np.arange(-1, len(layout.nodes), dtype=np.int64)
    expected = ids
    for _ in range(steps if len(layout.nodes) else 0):  # the masked form PageLayout.up replaced
        expected = np.where(expected >= 0, layout.parents[np.maximum(expected, 0)], -1)
    assert layout.up(ids, steps).tolist() == expected.tolist()
