"""The page walk over libxml2's nodes (page_walk.c's page_walk_nodes) gives what walk_python and
the iterwalk walk (page_walk) give: the same texts, tags, links, marks, the very same element
objects, numbering, attribute rows and counts, on every test page and on hostile trees (deep
nesting, comments and processing instructions kept by the parser, CDATA, runs of text nodes,
entities, invalid bytes, huge attributes, <template>, svg/math, namespaced tags). Where it cannot
read a tree (an XML document, an entity reference node) the walk falls back to page_walk.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from lxml import etree
from lxml import html as lxml_html

from cleaner import native
from cleaner.blocks import newline_lines
from cleaner.html import text as html_text
from cleaner.html.text import BLOCK_TAGS, SKIP_TAGS, Mark, _Walker, parse_html
from tests.test_native_page_walk import HOSTILE_PAGES, _pages, _random_marks, _same

needs_native = pytest.mark.skipif(native.MODULE is None, reason="the compiled extension is not built")

HOSTILE_TREES = [
    "<div>" * 450 + "deep <a href=x>link</a>" + "</div>" * 450 + "after",
    "<!-- c0 --><p>a<!-- c1 -->b<?pi one?>c<b>d<!--c2-->e</b>f<!-- c3 --></p><!-- c4 -->g<?pi two?>h",
    "<p>CDATA <![CDATA[inside]]> after</p><pre><![CDATA[x\ny]]></pre>",
    "<p>&amp; &lt;tag&gt; &nbsp;nbsp &#x1F600; &unknown; &#0; &#xD800;</p>",
    "<p>bytes \x00\x01\x7f \ufffd \ud800 lone</p>",
    "",
    "   ",
    "<div " + " ".join(f"a{k}='{k}'" for k in range(3000)) + " class=big>many attributes</div>",
    "<p style='"
    + "color: red; " * 20_000
    + "display:none'>huge style</p><p class='"
    + "c " * 50_000
    + "'>ok</p>",
    "<template><p>inert</p></template><p>after template</p>",
    "<svg xmlns='http://www.w3.org/2000/svg'><text>svg</text></svg><math><mi>x</mi></math>tail",
    "<svg:rect>prefixed</svg:rect><o:p>office</o:p><x-custom-tag>custom</x-custom-tag>",
    "<p hidden=''>a</p><p hidden=hidden>b</p><p style=''>c</p><div style='DISPLAY:NONE'>d</div>e",
    "<pre>a\r\nb<a href=x>c\u2028d</a>\x85e</pre><pre>\n</pre>",
    "<ruby>漢<rt>kan</rt><rp>(</rp></ruby><p>\U0001f600\u200b\u00ad\u2060\ufeff</p>",
]


def _parsers() -> list[Any]:
    """parse_html's tree, and lxml's default HTML parser's (it keeps comments and PIs)."""
    return [
        lambda page: parse_html(page, for_trafilatura=False),
        lambda page: parse_html(page, for_trafilatura=True),
        lambda page: etree.fromstring(page, etree.HTMLParser()) if page.strip() else None,
    ]


def _walk(root: Any, marks: dict[Any, Mark], how: str) -> _Walker:
    """The walker after one of the three walks: "python", "events" (page_walk), "nodes" (the
    direct walk, which must not have fallen back)."""
    walker = _Walker(marks)
    if how == "python":
        walker.walk_python(root)
        return walker
    direct = html_text._direct_walk
    saved = list(direct)
    direct[:] = [how == "nodes"]
    try:
        walker.walk(root)
    finally:
        direct[:] = saved
    return walker


def _direct_counts(root: Any) -> tuple[int, int] | None:
    """page_walk_nodes' answer for the tree without marks: None where it leaves it to page_walk."""
    assert native.MODULE is not None
    out: tuple[list[Any], ...] = tuple([] for _ in range(10))
    walk = native.MODULE.page_walk_nodes
    return walk(
        root,
        etree._Element,
        html_text._ELEMENT_FACTORY,
        {},
        str,
        SKIP_TAGS,
        BLOCK_TAGS,
        newline_lines,
        {},
        " ",
        False,
        out,
    )


def _same_attributes(one: _Walker, other: _Walker) -> bool:
    return one.attributes == other.attributes


@needs_native
def test_the_probe_page_agrees() -> None:
    assert html_text._direct_walk_works()


@needs_native
@pytest.mark.parametrize("with_marks", [False, True])
def test_nodes_walk_matches_python_and_events(with_marks: bool) -> None:
    rng = random.Random(25)
    pages = [*_pages(), *HOSTILE_TREES]
    for parse in _parsers():
        for page in pages:
            try:
                root = parse(page)
            except (etree.XMLSyntaxError, ValueError):
                continue
            if root is None:
                continue
            marks = _random_marks(root, rng) if with_marks else {}
            nodes = _walk(root, marks, "nodes")
            assert _same(nodes, _walk(root, marks, "python")), page[:200]
            events = _walk(root, marks, "events")
            assert _same(nodes, events), page[:200]
            assert _same_attributes(nodes, events), page[:200]


@needs_native
def test_nodes_walk_on_edited_trees() -> None:
    """Trees Python edited: runs of adjacent text nodes (comments stripped, their tails left),
    CDATA text, namespaced tags, a subtree's root (its tail is walked too), marks on elements."""
    page = "<div><p>a<!--x-->b<!--y-->c<i>i</i>d</p><span>s</span>tail</div>"
    root = etree.fromstring(page, etree.HTMLParser())
    etree.strip_elements(root, etree.Comment, with_tail=False)
    span = root.find(".//span")
    span.text = etree.CDATA("cdata text")
    span.tag = "{http://example.com/ns}span"
    root.find(".//i").set("role", "note")
    marks = {root.find(".//p"): Mark("drop", "x"), span: Mark("body")}
    for start in (root, root.find(".//p"), span):
        python = _walk(start, marks, "python")
        assert _same(_walk(start, marks, "nodes"), python)
        assert python.texts  # the runs were read
    assert "abc" in " ".join(_walk(root, {}, "nodes").texts)


@needs_native
def test_nodes_walk_falls_back_where_it_cannot_read() -> None:
    """An XML document, an entity reference node, a comment as the root: page_walk_nodes gives
    None and the walk is page_walk's (the same outputs as walk_python; for the comment, the
    same refusal: lxml's iterwalk takes no comment)."""
    assert native.MODULE is not None
    xml = etree.fromstring("<root><p>one<b>two</b></p>tail<p>three</p></root>")
    html = parse_html("<div><p>one</p><p>two</p></div>", for_trafilatura=False)
    assert html is not None
    html.find(".//p").append(etree.Entity("amp"))
    comment = etree.fromstring("<div><!--c-->t</div>", etree.HTMLParser()).find(".//div")[0]
    for root in (xml, html, comment):
        assert _direct_counts(root) is None
        if root is comment:
            for how in ("nodes", "python"):
                with pytest.raises(ValueError):
                    _walk(root, {}, how)
        else:
            assert _same(_walk(root, {}, "nodes"), _walk(root, {}, "python"))


@needs_native
def test_nodes_walk_refuses_bad_arguments() -> None:
    assert native.MODULE is not None
    walk = native.MODULE.page_walk_nodes
    root = parse_html("<p>one</p>", for_trafilatura=False)
    out: tuple[list[Any], ...] = tuple([] for _ in range(10))
    good: list[Any] = [
        root,
        etree._Element,
        html_text._ELEMENT_FACTORY,
        {},
        lambda style: False,
        SKIP_TAGS,
        BLOCK_TAGS,
        newline_lines,
        {0xAD: None},
        " ",
        False,
        out,
    ]
    assert walk(*good) == (9, 3)  # "one" at depth 3 (html, body, p)
    capsule = etree.__pyx_capi__["textOf"]  # type: ignore[attr-defined]
    for at, bad in [
        (0, "<p>one</p>"),
        (0, None),
        (1, object),
        (1, lxml_html.HtmlElement),
        (2, None),
        (2, capsule),
        (3, []),
        (4, None),
        (5, ["p"]),
        (7, 3),
        (8, {0xAD: "x"}),
        (9, 1),
        (11, ()),
    ]:
        args = list(good)
        args[at] = bad
        with pytest.raises((TypeError, ValueError)):
            walk(*args)
    with pytest.raises(TypeError):
        walk(root)


@needs_native
def test_marks_on_other_objects_are_ignored() -> None:
    """Marks keyed by what is not an element of the tree (another tree's element, a str) mark
    nothing, as marks.get(el) finds nothing for them."""
    root = parse_html("<div><p>one</p><p>two</p></div>", for_trafilatura=False)
    other = parse_html("<div><p>x</p></div>", for_trafilatura=False)
    assert root is not None and other is not None
    marks: dict[Any, Mark] = {"p": Mark("body"), other.find(".//p"): Mark("drop", "x"), 3: Mark("body")}
    marks[root.find(".//p")] = Mark("drop", "here")
    assert _same(_walk(root, marks, "nodes"), _walk(root, marks, "python"))


@needs_native
def test_hostile_pages_walk_directly() -> None:
    """The hostile pages of the page_walk tests: the direct walk reads them (no fallback)."""
    assert native.MODULE is not None
    for page in [*HOSTILE_PAGES, *HOSTILE_TREES]:
        root = parse_html(page, for_trafilatura=False)
        if root is None:
            continue
        assert _direct_counts(root) is not None, page[:100]
