"""Parse HTML and lay the page's visible text out as blocks, one per line.

Every later decision (article or chrome, dropped or kept) is made per block,
so the walk also records, for each block, which marked element it sits in
(an article container, a drop selector's element) and how much of its text
is link text. Marked elements always start and end a block, so a dropped
inline element never shares a line with text that stays.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from lxml import etree
from lxml import html as lxml_html

from cleaner import native
from cleaner.blocks import Block, newline_lines

# Never visible as text (or UI widgets whose text is not content). <noscript> is
# not here: the HTML parser sometimes nests the rest of a page inside an
# unclosed one, and its text is what a reader without scripts sees anyway.
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "select",
        "datalist",
        "textarea",
        "map",
        "rt",
        "rp",  # ruby pronunciation hints: not part of the sentence
    }
)
# Elements that start and end a line in a browser (or in a text dump).
BLOCK_TAGS = frozenset(
    {
        "html",
        "body",
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hgroup",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "legend",
        "address",
        "hr",
        "br",
        "center",
        "details",
        "summary",
        "dialog",
        "menu",
        "option",
        "button",
    }
)

# A long start tag keeps this many attributes (real pages use a few dozen at most);
# see bounded_attributes for why there is a limit.
MAX_ATTRIBUTES = 1000
# Tags longer than this are looked at. A shorter one holds at most ~4,000 attributes,
# which libxml2 parses in about 25 ms; the cost grows with the square of the count.
LONG_TAG_CHARS = 8192
_LONG_TAG = re.compile(r"<([a-zA-Z][\w:-]*)(\s[^<>]{" + str(LONG_TAG_CHARS - 1) + ",})>")
# One attribute as HTML tokenises it: a name, then optionally = and a quoted or bare value.
_ATTRIBUTE = re.compile(r"""\s*[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]*))?""")
_TAG = re.compile(r"</?([a-zA-Z][\w:-]*)[^>]*>")
_BREAK_RUN = re.compile(r"<br>(?:\s*<br>)+")
# Tags a flattened page keeps as they are: the page frame.
_FLAT_KEEP = frozenset({"html", "body"})
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_INVALID_XML_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])  # its ASCII part
_LT, _GT = ord("<"), ord(">")
_ASCII_CASE_BIT, _LOWER_A, _LOWER_Z = 0x20, ord("a"), ord("z")
# The compiled byte scan of _scan (cleaner/native/page_scan.c), None on the pure path.
_native_page_scan = native.MODULE.page_scan if native.MODULE is not None else None
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDING_ATTRIBUTES = etree.XPath("descendant-or-self::*/@hidden | descendant-or-self::*/@style")
_STRIP = " \t\r\f\v\u00a0\u200b\ufeff"  # as cleaner.blocks strips lines
# Invisible characters that split words for every tokenizer downstream
# (soft hyphens, zero-width spaces, word joiners, stray BOMs); ZWJ/ZWNJ stay,
# scripts need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_HAS_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")  # a C scan: most lines have none to remove

# Parsers configured as trafilatura configures its own, so a tree handed to
# trafilatura is the tree it would have built. trafilatura needs HtmlElement
# objects. lxml.html's own parser makes them through a class lookup written in
# Python, called for every element object trafilatura, readability and jusText
# touch (~5,600 calls, ~4.7 ms, on a page sent there); the lookup below is
# libxml2-side and makes the same HtmlElement for every tag. It leaves out only
# lxml.html's form-field classes (form, input, select, textarea, label), whose
# extra methods none of them call. The plain etree parser is used when trafilatura
# will not see the tree. One departure: ``huge_tree`` lifts
# libxml2's nesting limit (256 levels), past which it stops reading and the
# rest of the page silently vanished; the walk is iterative, so depth is safe.
_OPTIONS: dict[str, Any] = {
    "collect_ids": False,
    "default_doctype": False,
    "encoding": "utf-8",
    "huge_tree": True,
    "remove_comments": True,
    "remove_pis": True,
}
_HTML_PARSER = etree.HTMLParser(**_OPTIONS)
_HTML_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
)
_FAST_PARSER = etree.HTMLParser(**_OPTIONS)


def parse_html(text: str, for_trafilatura: bool = True, utf8: bytes | None = None) -> Any | None:
    """Parse page text into an lxml tree; None when there is no markup at all.

    ``utf8``: the text's UTF-8 bytes, when the caller has them (the scan reads them).
    """
    data = _utf8(text, utf8)
    invalid, long_run = _scan(text, data)
    given = text
    if invalid:
        text = _INVALID_XML.sub("", text)
    if long_run:
        text = bounded_attributes(text)  # the text itself where no tag is long
    if not text.strip():
        return None
    if text is not given and data is not None:
        data = _utf8(text, None)
    parser = _HTML_PARSER if for_trafilatura else _FAST_PARSER
    if data is not None:
        # the page's UTF-8 bytes: libxml2 reads UTF-8 a fifth faster than the str's own form
        # (Latin-1, UCS-2 or UCS-4, which it converts), and the parser's encoding option
        # holds over a page's meta charset as it does for the bytes of _parse_bytes
        tree = _parse_encoded(data, parser)
    else:
        tree = _parse_text(text, parser)
    if tree is not None and _too_deep(parser):
        tree = _parse_bytes(_flattened(text), parser)
    if tree is None:
        return None
    return tree.getroottree().getroot()


def _utf8(text: str, utf8: bytes | None) -> bytes | None:
    """The text's UTF-8 bytes (``utf8`` where the caller has them); None for a text with a
    lone surrogate, which has none (it is parsed as the str it is)."""
    if utf8 is not None:
        return utf8
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def _parse_text(text: str, parser: Any) -> Any | None:
    """The page parsed from its str; from its bytes where lxml refuses the str."""
    try:
        return etree.fromstring(text, parser=parser)
    except ValueError:
        # "Unicode strings with encoding declaration are not supported."
        return _parse_bytes(text, parser)
    except etree.XMLSyntaxError:
        return _parse_bytes(text, parser)


def _parse_encoded(data: bytes, parser: Any) -> Any | None:
    """The page parsed from its UTF-8 bytes (as _parse_bytes does); None where libxml2 finds nothing."""
    try:
        return etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _scan(text: str, utf8: bytes | None = None) -> tuple[bool, bool]:
    """_scan_python's answers; its byte scan compiled where built (page_scan.c: one pass,
    where translate copied the page and numpy built three page-sized arrays)."""
    if _native_page_scan is None:
        return _scan_python(text, utf8)
    data = utf8 if utf8 is not None else text.encode("utf-8", "surrogatepass")
    invalid, long_run = _native_page_scan(data, LONG_TAG_CHARS)
    return invalid or "\ufffe" in text or "\uffff" in text, long_run


def _scan_python(text: str, utf8: bytes | None = None) -> tuple[bool, bool]:
    """(whether the page holds characters XML forbids, whether it may hold a start tag of
    LONG_TAG_CHARS): two questions for two regex scans, answered instead over the page's
    UTF-8 bytes at numpy speed (a fifth of the scans' time). The reference and the fallback
    of page_scan.

    In UTF-8 a control character is its own byte, and a character is one byte or
    more, so a run of characters is at least as long in bytes. _LONG_TAG matches a "<",
    an ASCII letter, and at least LONG_TAG_CHARS more characters without "<" or ">" before
    a ">": a page with no "<" + letter whose next bracket is a ">" at least LONG_TAG_CHARS
    bytes further has no long tag (a long tag-free run outside a tag, a script's or a
    paragraph's, is no reason to run the regex: it ran on one page in four, found a tag on
    one in 27). Either answer may be yes where the regex then finds nothing.
    ``utf8`` is the text's UTF-8 encoding where the caller has it already.
    """
    data = utf8 if utf8 is not None else text.encode("utf-8", "surrogatepass")
    invalid = len(data.translate(None, _INVALID_XML_BYTES)) != len(data)
    # the two non-characters are looked for in the str: one character each, a seventh of
    # the time of three-byte searches in the bytes (which find them and nothing else)
    invalid = invalid or "\ufffe" in text or "\uffff" in text
    if len(data) < LONG_TAG_CHARS:
        return invalid, False
    codes = np.frombuffer(data, dtype=np.uint8)
    brackets = np.flatnonzero((codes == _LT) | (codes == _GT))
    opens, closes = brackets[:-1], brackets[1:]  # each bracket and the next one
    folded = codes[opens + 1] | _ASCII_CASE_BIT  # the byte after each: an ASCII letter folds into a-z
    tags = (codes[opens] == _LT) & (codes[closes] == _GT) & (folded >= _LOWER_A) & (folded <= _LOWER_Z)
    longest = int((closes - opens - 1)[tags].max(initial=0))
    return invalid, longest >= LONG_TAG_CHARS


def bounded_attributes(text: str) -> str:
    """The page with every start tag cut to its first MAX_ATTRIBUTES attributes.

    libxml2 checks each new attribute against the element's others, so one tag
    with 40,000 attributes took a minute to parse (80,000: 90 s), and trafilatura
    and jusText pay again per attribute. Attributes hold no page text, so the cut
    loses none. Only pages with a tag longer than LONG_TAG_CHARS are rewritten.
    """
    if _LONG_TAG.search(text) is None:  # ~1 ms for a 128 KB page, under 1% of its cleaning
        return text
    return _LONG_TAG.sub(_cut_tag, text)


def _cut_tag(match: re.Match[str]) -> str:
    inside = match.group(2)
    kept: list[str] = []
    pos = 0
    for _ in range(MAX_ATTRIBUTES):
        attribute = _ATTRIBUTE.match(inside, pos)
        if attribute is None or attribute.end() == pos:
            return match.group(0)  # fewer attributes than the limit: the tag stays as it is
        kept.append(attribute.group(0))
        pos = attribute.end()
    if _ATTRIBUTE.match(inside, pos) is None:
        return match.group(0)
    closing = "/" if inside.rstrip().endswith("/") else ""
    return f"<{match.group(1)}{''.join(kept)}{closing}>"


def _too_deep(parser: Any) -> bool:
    """Whether libxml2 stopped reading at its nesting limit (2048 with huge_tree)."""
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def _flattened(text: str) -> str:
    """The page without its nesting, so that no text past the limit is lost.

    Only for pages nested past libxml2's limit: block tags become line
    breaks, inline tags go, and the tags whose content is never text
    (script, style, head...) stay so their content is still skipped.
    """

    def tag(match: re.Match[str]) -> str:
        name = match.group(1).lower()
        if name in SKIP_TAGS or name in _FLAT_KEEP:
            return match.group(0)
        return "<br>" if name in BLOCK_TAGS else ""

    # a run of block tags is one line break: 90,000 nested divs became 180,000 <br>
    # elements, which trafilatura then walked for 40 s
    return _BREAK_RUN.sub("<br>", _TAG.sub(tag, text))


def _parse_bytes(text: str, parser: Any) -> Any | None:
    try:
        return etree.fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class Mark:
    """A marked element: the article container, or a drop selector's element."""

    kind: str  # "body" or "drop"
    label: Any = None  # for drops: the Label its blocks get


Attributes = tuple[str, "str | None", "str | None", "str | None"]  # tag, class, id, role


@dataclass(slots=True)
class PageText:
    """The page text, its blocks, and what the walk saw around each block."""

    source: str
    blocks: list[Block]
    tags: list[str]  # the innermost block-level tag around each block
    link_chars: list[int]  # characters of each block that are link text
    in_body: list[bool]  # inside a "body" mark (always True when no body mark exists)
    drops: list[Any]  # the drop Label of the innermost drop mark, or None
    elements: list[Any]  # the innermost block-level element around each block
    # The elements around the blocks, numbered as the walk first needed them (each after its
    # parent): the element, its parent's number (-1 for the root), and each block's element's
    # number (-1 for none). The features read ancestors from these, not from the tree.
    nodes: list[Any] = field(default_factory=list)
    node_parents: list[int] = field(default_factory=list)
    block_nodes: list[int] = field(default_factory=list)
    # characters of text times the elements around them: what trafilatura's per-element
    # subtree measures cost, summed over the page
    text_depth: int = 0
    element_count: int = 0  # elements walked (skipped subtrees count as one)
    # (tag, class, id, role) of each numbered element, read on first use (node_attributes)
    attributes: list[Attributes] | None = None


# The walk's compiled loop (cleaner/native/page_walk.c), None on the pure path.
_native_page_walk = native.MODULE.page_walk if native.MODULE is not None else None
_native_page_blocks = native.MODULE.page_blocks if native.MODULE is not None else None
# The walk over libxml2's nodes (page_walk.c's page_walk_nodes), None on the pure path, and
# lxml's C function that hands out an element's proxy (lxml's public C API, a capsule).
_native_page_walk_nodes = native.MODULE.page_walk_nodes if native.MODULE is not None else None
_ELEMENT_FACTORY = getattr(etree, "__pyx_capi__", {}).get("elementFactory")
# A page of what the walk meets (white space, links, <pre>, hidden and skipped elements, marks,
# attributes, astral text): page_walk_nodes is used only where it walks it as page_walk does.
_PROBE_PAGE = (
    "<html><head><title>t</title></head><body><div id=a class='b c' role=main>lead <a href=x> link </a>"
    "<p>one<b>two</b>three</p>\n<pre>l1\r\nl2\u2028l3</pre><p hidden>no</p><p style='display:none'>no</p>"
    "<p style='color:red'>\u00a0shown\u200b \U0001f600</p><script>no</script><ul><li>i<li>j</ul>"
    "<table><tr><td>c<td>d</table><br>tail &amp; more</div></body></html>"
)
_direct_walk: list[bool] = []  # the probe's answer, once known


class _Walker:
    """Collects inline text into lines while walking the tree once.

    ``walk`` is the hot loop of the html stage (one iteration per element
    start and end), so its state lives in local variables.
    """

    def __init__(self, marks: dict[Any, Mark]) -> None:
        self.marks = marks
        self.texts: list[str] = []
        self.tags: list[str] = []
        self.link_chars: list[int] = []
        self.in_body: list[bool] = []
        self.drops: list[Any] = []
        self.elements: list[Any] = []
        self.nodes: list[Any] = []
        self.node_parents: list[int] = []
        self.block_nodes: list[int] = []
        self.text_depth = 0
        self.element_count = 0
        # node_attributes' rows, where the compiled walk read them as it numbered the elements
        self.attributes: list[Attributes] | None = None

    def walk(self, root: Any) -> None:
        """Walk the tree once: the compiled loop where it is built, else walk_python.

        The compiled loop reads libxml2's nodes directly where it can (page_walk_nodes: no
        proxy object or event per element), else drives lxml's iterwalk (page_walk)."""
        if _native_page_walk is None:
            self.walk_python(root)
            return
        marks = self.marks
        any_body = any(m.kind == "body" for m in marks.values())
        self.attributes = []
        out = (
            self.texts,
            self.tags,
            self.link_chars,
            self.in_body,
            self.drops,
            self.elements,
            self.nodes,
            self.node_parents,
            self.block_nodes,
            self.attributes,  # one call into lxml per attribute, not a list comprehension's loop too
        )
        rest = (
            marks,
            _HIDDEN_STYLE.search,
            SKIP_TAGS,
            BLOCK_TAGS,
            newline_lines,
            _INVISIBLE,
            _STRIP,
            any_body,
            out,
        )
        if _native_page_walk_nodes is not None and _direct_walk_works():
            counts = _native_page_walk_nodes(root, etree._Element, _ELEMENT_FACTORY, *rest)
            if counts is not None:
                self.text_depth, self.element_count = counts
                return
            for found in out:  # a tree only lxml's own walk reads (an entity reference): start again
                found.clear()
        # the compiled walk asks each element it enters whether it is hidden (hidden_elements'
        # test: a hidden attribute, or a style _HIDDEN_STYLE finds) instead of an XPath query
        events = etree.iterwalk(root, events=("start", "end"))
        self.text_depth, self.element_count = _native_page_walk(events, *rest)

    def walk_python(self, root: Any) -> None:  # noqa: C901 - one loop on purpose, see class docstring
        """The walk's Python form: the reference and the fallback of the compiled page_walk."""
        marks = self.marks
        any_body = any(m.kind == "body" for m in marks.values())
        texts, tags, elements = self.texts, self.tags, self.elements
        link_chars, in_body, drops = self.link_chars, self.in_body, self.drops
        parts: list[str] = []
        part_links = 0
        block_tags: list[str] = ["html"]
        block_els: list[Any] = [None]
        # the open elements from the root down, each one's node number (-1: not numbered
        # yet), how many at the bottom are numbered, and where each block element sits
        path: list[Any] = []
        path_nodes: list[int] = []
        numbered = 0
        block_at: list[int] = [-1]
        nodes, node_parents, block_nodes = self.nodes, self.node_parents, self.block_nodes
        drop_stack: list[Any] = []
        body_depth = link_depth = pre_depth = 0
        depth = text_depth = element_count = 0
        invisible, has_invisible = _INVISIBLE, _HAS_INVISIBLE.search
        skip_tags, block_set = SKIP_TAGS, BLOCK_TAGS
        hidden = hidden_elements(root)

        def flush() -> None:
            nonlocal part_links, numbered
            text = "".join(parts)
            if not text.isascii() and has_invisible(text):  # isascii: a flag, no scan
                text = text.translate(invisible)
            # str.split() breaks at exactly the characters \s matches (both ask
            # Py_UNICODE_ISSPACE), so this is _SPACE.sub(" ", text).strip(_STRIP), faster
            text = " ".join(text.split()).strip(_STRIP)
            if text:
                texts.append(text)
                tags.append(block_tags[-1])
                elements.append(block_els[-1])
                at = block_at[-1]
                if at >= numbered:  # number the block's element and its unnumbered ancestors
                    for k in range(numbered, at + 1):
                        path_nodes[k] = len(nodes)
                        nodes.append(path[k])
                        node_parents.append(path_nodes[k - 1] if k else -1)
                    numbered = at + 1
                block_nodes.append(path_nodes[at] if at >= 0 else -1)
                link_chars.append(min(part_links, len(text)))
                in_body.append(body_depth > 0 or not any_body)
                drops.append(drop_stack[-1] if drop_stack else None)
            parts.clear()
            part_links = 0

        walker = etree.iterwalk(root, events=("start", "end"))
        skipping = None
        for event, el in walker:
            tag = el.tag
            if event == "start":
                if tag.__class__ is not str:
                    continue
                depth += 1
                element_count += 1
                if tag in skip_tags or (hidden and el in hidden):
                    walker.skip_subtree()
                    skipping = el
                    continue
                mark = marks.get(el) if marks else None
                if tag in block_set:
                    if parts:
                        flush()
                    elif part_links:
                        part_links = 0  # what a flush of white space alone would leave
                    block_tags.append(tag)
                    block_els.append(el)
                    block_at.append(len(path))
                elif mark is not None and (parts or part_links):
                    flush()
                path.append(el)
                path_nodes.append(-1)
                if mark is not None:
                    if mark.kind == "body":
                        body_depth += 1
                    else:
                        drop_stack.append(mark.label)
                if tag == "a":
                    link_depth += 1
                elif tag == "pre":
                    pre_depth += 1
                text = el.text
            else:
                if skipping is el:
                    skipping = None
                    depth -= 1
                elif tag.__class__ is str:
                    depth -= 1
                    mark = marks.get(el) if marks else None
                    if tag in block_set:
                        if parts:
                            flush()
                        elif part_links:
                            part_links = 0
                        if len(block_tags) > 1:
                            block_tags.pop()
                            block_els.pop()
                            block_at.pop()
                    elif mark is not None and (parts or part_links):
                        flush()
                    path.pop()
                    path_nodes.pop()
                    if numbered > len(path):
                        numbered = len(path)
                    if mark is not None:
                        if mark.kind == "body":
                            body_depth -= 1
                        elif drop_stack:
                            drop_stack.pop()
                    if tag == "a":
                        link_depth = max(0, link_depth - 1)
                    elif tag == "pre":
                        pre_depth = max(0, pre_depth - 1)
                text = el.tail
            if not text:
                continue
            text_depth += len(text) * depth
            if not parts and not pre_depth and text.isspace():
                # white space opening a line is stripped by flush: not kept, only its
                # link characters are counted, as if it were (see the flushes above)
                if link_depth:
                    part_links += len(text)
                continue
            if pre_depth:
                text = newline_lines(text)  # CR, NEL, U+2028 break a <pre> as LF does
            if pre_depth and "\n" in text:
                lines = text.split("\n")
                for line in lines[:-1]:
                    parts.append(line)
                    if link_depth:
                        part_links += len(line)
                    flush()
                text = lines[-1]
            parts.append(text)
            if link_depth:
                part_links += len(text)
        if parts:
            flush()
        self.text_depth = text_depth
        self.element_count = element_count


def _direct_walk_works() -> bool:
    """Whether page_walk_nodes reads this lxml's trees: its capsule exists and the probe page
    walked directly gives what lxml's iterwalk gives (the layouts of _lxml_nodes.h hold)."""
    if not _direct_walk:
        _direct_walk.append(
            _native_page_walk_nodes is not None and _ELEMENT_FACTORY is not None and _probe_agrees()
        )
    return _direct_walk[0]


def _probe_agrees() -> bool:
    """The probe page walked by page_walk_nodes and by page_walk gives the same outputs (the
    same proxies, counts and rows): a guard against an lxml whose element or node layout is
    not the one _lxml_nodes.h declares, checked once before the first direct walk."""
    root = parse_html(_PROBE_PAGE, for_trafilatura=False)
    if root is None or _native_page_walk_nodes is None or _native_page_walk is None:
        return False
    body = root.find("body")
    marks = {body: Mark("body"), root.find(".//ul"): Mark("drop", "probe")} if body is not None else {}
    rest = (marks, _HIDDEN_STYLE.search, SKIP_TAGS, BLOCK_TAGS, newline_lines, _INVISIBLE, _STRIP, True)
    walked = []
    for direct in (True, False):
        out: tuple[list[Any], ...] = tuple([] for _ in range(10))
        try:
            if direct:
                counts = _native_page_walk_nodes(root, etree._Element, _ELEMENT_FACTORY, *rest, out)
            else:
                counts = _native_page_walk(etree.iterwalk(root, events=("start", "end")), *rest, out)
        except (TypeError, ValueError):
            return False
        walked.append((counts, out))
    return walked[0] == walked[1] and bool(walked[0][1][0])


def node_attributes(page: PageText) -> list[Attributes]:
    """(tag, class, id, role) of every element the walk numbered, read from the tree once per
    page: the block features and the chrome names both ask, and each read is a call into lxml."""
    if page.attributes is None:
        page.attributes = [(el.tag, el.get("class"), el.get("id"), el.get("role")) for el in page.nodes]
    return page.attributes


def hidden_elements(root: Any) -> set[Any]:
    """The elements a browser hides (a ``hidden`` attribute, or a style that hides them).

    One XPath query finds the few candidates, where asking every element of the walk
    for two attributes cost a tenth of the walk; the set holds them, so lxml hands the
    walk the very same element objects. The query asks for the attributes themselves
    (each knows its name and its element): a predicate on every element,
    ``*[@hidden or @style]``, took two fifths longer for the same elements.
    """
    found = set()
    for value in _HIDING_ATTRIBUTES(root):
        if value.attrname == "hidden" or _HIDDEN_STYLE.search(value):
            found.add(value.getparent())
    return found


def composed(text: str) -> str:
    """Text in composed form (NFC), as the web's text is meant to be compared.

    A page written in decomposed form ("u" + combining diaeresis) would
    otherwise split words for every tokenizer downstream, and miss every
    string typed the usual way.
    """
    return unicodedata.normalize("NFC", text)


def page_blocks_python(texts: list[str]) -> list[Block]:
    """The blocks of the lines ``texts`` joined by line breaks: the reference and the fallback
    of the compiled page_blocks (which skips the named tuple's Python ``__new__`` per block)."""
    blocks: list[Block] = []
    pos = 0
    for index, text in enumerate(texts):
        blocks.append(Block(index, pos, pos + len(text), text))
        pos += len(text) + 1
    return blocks


def page_blocks(texts: list[str]) -> list[Block]:
    """The blocks of the lines ``texts`` joined by line breaks (compiled where built)."""
    if _native_page_blocks is None:
        return page_blocks_python(texts)
    return _native_page_blocks(texts, Block)


def page_text(root: Any, marks: dict[Any, Mark] | None = None) -> PageText:
    """Walk the tree once and return its visible text as newline-joined blocks."""
    walker = _Walker(marks or {})
    if root is not None:
        walker.walk(root)
    source = "\n".join(walker.texts)
    if not unicodedata.is_normalized("NFC", source):
        walker.texts = [composed(text) for text in walker.texts]
        walker.link_chars = [min(links, len(text)) for links, text in zip(walker.link_chars, walker.texts)]
        source = "\n".join(walker.texts)
    blocks = page_blocks(walker.texts)
    return PageText(
        source=source,
        blocks=blocks,
        tags=walker.tags,
        link_chars=walker.link_chars,
        in_body=walker.in_body,
        drops=walker.drops,
        elements=walker.elements,
        nodes=walker.nodes,
        node_parents=walker.node_parents,
        block_nodes=walker.block_nodes,
        text_depth=walker.text_depth,
        element_count=walker.element_count,
        attributes=walker.attributes,
    )
