"""The compiled html page walk (cleaner/native/page_walk.c) gives what its Python original,
_Walker.walk_python, gives: the same block texts, tags, link characters, marks, elements and
element numbering, on the test pages, on hostile pages (white space of every kind, <pre> line
breaks, invisible characters, astral characters, 200,000-character lines, deep nesting,
hidden and skipped elements) and on random pages with random body and drop marks.

Where the extension is not built, the tests check that the pure path is the live one.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from lxml import etree

from cleaner import native
from cleaner.blocks import Block, newline_lines
from cleaner.html import text as html_text
from cleaner.html.text import (
    BLOCK_TAGS,
    SKIP_TAGS,
    Mark,
    _Walker,
    page_blocks,
    page_blocks_python,
    page_text,
    parse_html,
)
from tests.paths import DATA

needs_native = pytest.mark.skipif(native.MODULE is None, reason="the compiled extension is not built")

HOSTILE_PAGES = [
    "",
    "<p></p>",
    "plain text, no markup",
    "<p> \t\u00a0\u200b\ufeff </p><p>\u200b</p>",
    "<div>one\r\ntwo\rthree\nfour\x85five\u2028six\u2029seven</div>",
    "<pre>one\r\ntwo\rthree\x85four\u2028five\n\n<a href=x>link\nline</a>\ntail</pre>",
    "<pre><pre>nested</pre>\n</pre>after<pre></pre>",
    "<p>\u00a0\u00a0Indented by NBSP\u00a0<br>\u200bzero\u00adwidth\u2060joiner\ufeff BOM</p>",
    "<p>Ελληνικά <b>κείμενα</b></p><p>Русский текст</p><p>日本語の文章。</p><li>한국어",
    "<p>astral \U0001f600 emoji <i>\U00010348 Gothic</i> \U0001d400 bold \U0001f1e9\U0001f1ea</p>",
    "<p>" + "x" * 200_000 + "</p>",
    "<div>" + ("word " * 50_000) + "</div>",
    "<a href=x>  </a><p>after a white link</p><a> lead <b>in</b></a> text",
    "<div hidden>hidden</div><p style='display: none'>gone</p><p style='color:red'>shown</p>",
    "<script>var x = 1;</script><style>p{}</style><p>kept<!-- a comment -->tail<?pi x?></p>",
    "<table><tr><td>cell one<td>cell <a>two</a></table><ul><li>one<li>two</ul>",
    "<div>" * 300 + "deep" + "</div>" * 300,
    "<body><p>one</p>between<p>two</p></body>after body",
    "<p hidden=hidden>a</p><P HIDDEN>b</P><p style='DISPLAY : NONE'>c</p><p style>d</p><p style=''>e</p>",
    "<div style='visibility:hidden'><p>f</p></div><p xml:hidden='1'>g</p><p data-hidden>h</p><br hidden>i",
    "<svg><text>no</text></svg><select><option>no</option></select><button>Yes</button>",
]

_WORDS = ["the", "council", " ", "\u00a0", "\u200b", "news\r\n", "\U0001f600", "é", "\u2028", "\t", "Σ"]
_TAGS = ["p", "div", "a", "b", "pre", "li", "span", "h2", "br", "script", "nav", "td", "figure"]


def _random_page(rng: random.Random) -> str:
    """A page of random nesting, tags, hidden attributes and texts of every kind of white space."""
    out: list[str] = []
    open_tags: list[str] = []
    for _ in range(rng.randint(0, 80)):
        roll = rng.random()
        if roll < 0.35:
            tag = rng.choice(_TAGS)
            hidden = " hidden" if rng.random() < 0.05 else ""
            out.append(f"<{tag}{hidden} class='c{rng.randint(0, 3)}'>")
            open_tags.append(tag)
        elif roll < 0.6 and open_tags:
            out.append(f"</{open_tags.pop()}>")
        else:
            out.append("".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 6))))
    return "".join(out)


def _pages() -> list[str]:
    files = sorted(DATA.rglob("*.html"))
    assert files, "the test pages are missing"
    rng = random.Random(18)
    return (
        [f.read_text(encoding="utf-8") for f in files]
        + HOSTILE_PAGES
        + [_random_page(rng) for _ in range(300)]
    )


def _random_marks(root: Any, rng: random.Random) -> dict[Any, Mark]:
    """Body and drop marks on random elements (the outlet selectors' marks)."""
    marks: dict[Any, Mark] = {}
    for el in root.iter():
        roll = rng.random()
        if roll < 0.05:
            marks[el] = Mark("body")
        elif roll < 0.12:
            marks[el] = Mark("drop", f"label{rng.randint(0, 3)}")
    return marks


def _walked(root: Any, marks: dict[Any, Mark], compiled: bool) -> _Walker:
    walker = _Walker(marks)
    if compiled:
        walker.walk(root)
    else:
        walker.walk_python(root)
    return walker


def _same(one: _Walker, other: _Walker) -> bool:
    """The same outputs; the same element objects (both walkers hold theirs, so lxml hands
    out one proxy per element while both live)."""
    fields = ("texts", "tags", "link_chars", "in_body", "drops", "node_parents", "block_nodes")
    same_elements = all(
        len(getattr(one, name)) == len(getattr(other, name))
        and all(a is b for a, b in zip(getattr(one, name), getattr(other, name)))
        for name in ("elements", "nodes")
    )
    return (
        same_elements
        and all(getattr(one, name) == getattr(other, name) for name in fields)
        and (one.text_depth, one.element_count) == (other.text_depth, other.element_count)
    )


@needs_native
@pytest.mark.parametrize("with_marks", [False, True])
def test_page_walk_matches_python(with_marks: bool) -> None:
    rng = random.Random(7)
    for page in _pages():
        root = parse_html(page, for_trafilatura=False)
        if root is None:
            continue
        marks = _random_marks(root, rng) if with_marks else {}
        assert _same(_walked(root, marks, True), _walked(root, marks, False)), page[:200]


@needs_native
def test_page_walk_reads_the_attributes_node_attributes_reads() -> None:
    """The walk's tenth list: each numbered element's (tag, class, id, role), as node_attributes
    reads them from the elements on the pure path."""
    rng = random.Random(11)
    pages = [*_pages(), "<div class='a b' id=x role=main><p role=''>one</p><p class>two</p></div>"]
    for page in pages:
        root = parse_html(page, for_trafilatura=False)
        if root is None:
            continue
        walker = _walked(root, _random_marks(root, rng), True)
        expected = [(el.tag, el.get("class"), el.get("id"), el.get("role")) for el in walker.nodes]
        assert walker.attributes == expected, page[:200]
        assert _walked(root, {}, False).attributes is None  # the pure walk leaves them to node_attributes


@needs_native
def test_page_walk_takes_nine_or_ten_lists() -> None:
    assert native.MODULE is not None
    root = parse_html("<div class=c><p id=i>one</p></div>", for_trafilatura=False)
    args: list[Any] = [{}, lambda style: False, SKIP_TAGS, BLOCK_TAGS, newline_lines, {}, " ", False]
    for count in (9, 10):
        out: tuple[list[Any], ...] = tuple([] for _ in range(count))
        native.MODULE.page_walk(etree.iterwalk(root, events=("start", "end")), *args, out)
        assert out[0] == ["one"]
        if count == 10:
            assert out[9] == [
                ("html", None, None, None),
                ("body", None, None, None),
                ("div", "c", None, None),
                ("p", None, "i", None),
            ]
    bads: list[tuple[Any, ...]] = [tuple([] for _ in range(11)), (*([] for _ in range(9)), ())]
    for bad in bads:
        with pytest.raises(TypeError):
            native.MODULE.page_walk(etree.iterwalk(root, events=("start", "end")), *args, bad)


@needs_native
def test_page_blocks_are_the_python_blocks() -> None:
    """page_blocks gives page_blocks_python's Blocks: the same values, the same type."""
    rng = random.Random(5)
    alphabet = ["a", " ", "\u00e9", "\u65e5", "\U0001f600", "\ud800", "\u2028", "\x85", "\ufeff", "\u200b"]
    cases = [[], [""], ["x" * 200_000, ""], HOSTILE_PAGES]
    cases += [
        ["".join(rng.choices(alphabet, k=rng.randint(0, 30))) for _ in range(rng.randint(0, 40))]
        for _ in range(200)
    ]
    for texts in cases:
        compiled, python = page_blocks(texts), page_blocks_python(texts)
        assert compiled == python
        assert all(type(block) is Block for block in compiled)
        assert [block.text for block in compiled] == texts


@needs_native
def test_page_blocks_refuses_bad_arguments() -> None:
    assert native.MODULE is not None
    blocks = native.MODULE.page_blocks
    for args in [(["a"],), (("a",), Block), (["a"], list), (["a"], 3), ([b"a"], Block), (["a", None], Block)]:
        with pytest.raises(TypeError):
            blocks(*args)


@needs_native
def test_page_text_uses_the_twin() -> None:
    assert html_text._native_page_walk is not None
    root = parse_html("<p>one <a href=x>two</a></p><pre>a\r\nb</pre>", for_trafilatura=False)
    page = page_text(root)
    assert page.source == "one two\na\nb"
    assert page.link_chars == [3, 0, 0]


@needs_native
def test_page_walk_refuses_bad_arguments() -> None:
    assert native.MODULE is not None
    walk = native.MODULE.page_walk
    root = parse_html("<p>one</p>", for_trafilatura=False)
    out: tuple[list[Any], ...] = tuple([] for _ in range(9))
    good: list[Any] = [
        None,
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

    def events() -> Any:
        return etree.iterwalk(root, events=("start", "end"))

    for at, bad in [
        (1, []),
        (2, None),
        (3, ["p"]),
        (5, 3),
        (6, {0xAD: "x"}),
        (6, {"a": None}),
        (7, 1),
        (9, ()),
    ]:
        args = [events(), *good[1:]]
        args[at] = bad
        with pytest.raises((TypeError, ValueError)):
            walk(*args)
    with pytest.raises(TypeError):
        walk(events())
    for items in ([("start",)], [1], [(1, root)], [("end", root)]):
        with pytest.raises((TypeError, ValueError)):
            walk(_Events(items), *good[1:])
    assert walk(_Events([("start", root)]), *good[1:]) == (0, 1)  # an unclosed element: no error


class _Events:
    """Events of another shape than lxml's, for the refusals."""

    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def __iter__(self) -> Any:
        return iter(self.items)

    def skip_subtree(self) -> None:
        """The iterwalk method the walk calls on a skipped element."""


def test_pure_path_when_not_built() -> None:
    if native.MODULE is None:
        assert html_text._native_page_walk is None
        assert html_text._native_page_blocks is None
