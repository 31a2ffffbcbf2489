"""Pages at the html stage's limits: deep nesting and very many blocks (issue 12, items 6 and 7).

Both used to fail silently or slowly: a page nested past libxml2's depth
limit lost everything after the limit, and aligning trafilatura's output
with a page of many blocks scanned the whole output once per block.
"""

from __future__ import annotations

import time

import pytest

from cleaner import Cleaner
from cleaner.html import FALLBACK_MAX_BLOCKS
from cleaner.html.fallback import align
from cleaner.html.text import MAX_ATTRIBUTES, bounded_attributes, page_text, parse_html

# Blocks in the alignment test: the old quadratic scan took ~15 s on this
# many, the indexed one takes about a second.
MANY_BLOCKS = 30_000
# Generous bound for a slow or busy machine, still far below the old cost.
ALIGN_SECONDS = 5.0
# Nesting depths: libxml2's default limit (256), and past its huge_tree limit (2048).
DEPTHS = [255, 5_000]

ARTICLE = "The council approved the budget after a long debate about schools and roads. " * 8


def _nested(depth: int, open_tags: str = "<div>", close_tags: str = "</div>") -> str:
    return "<p>Intro.</p>" + open_tags * depth + "DEEP" + close_tags * depth + "<p>Outro.</p>"


@pytest.mark.parametrize("depth", DEPTHS)
def test_deep_nesting_keeps_the_rest_of_the_page(depth: int) -> None:
    """Text after a deep subtree is read, not silently dropped."""
    r = Cleaner(use_env=False).clean(html=_nested(depth))
    assert "DEEP" in r.source
    assert "Outro." in r.source
    assert "".join(s.text for s in r.segments) == r.source


def test_deep_inline_nesting_keeps_text_and_skips_scripts() -> None:
    """The flattened reparse still skips script content and keeps every word."""
    page = (
        '<html><head><title>T</title><script>var a = "<div>hidden</div>";</script></head><body>'
        + _nested(3_000, "<span><b>", "</b></span>")
        + "</body></html>"
    )
    r = Cleaner(use_env=False).clean(html=page)
    assert r.source.split() == ["Intro.", "DEEP", "Outro."]


def test_unknown_element_in_head_keeps_the_article() -> None:
    """A stray unknown element in <head> does not empty the body (regression guard)."""
    page = (
        "<html><head><title>T</title><mbox>x</mbox></head>"
        f"<body><article><p>{ARTICLE}</p></article></body></html>"
    )
    r = Cleaner(use_env=False).clean(html=page)
    assert r.body.strip() == ARTICLE.strip()


def test_align_is_linear_in_the_number_of_blocks() -> None:
    """Many link items align in about a second, not in minutes."""
    blocks = [f"Item number {i} of the long list here" for i in range(MANY_BLOCKS)]
    started = time.process_time()
    inside = align(blocks, "\n".join(blocks))
    assert time.process_time() - started < ALIGN_SECONDS
    assert all(inside)


def test_align_finds_a_block_after_many_repeats_of_its_prefix() -> None:
    """A repeated phrase before the block still lets the block be found in order."""
    blocks = ["read more here", "read more here about the vote"]
    extracted = "read more here " * 50 + "read more here about the vote"
    assert align(blocks, extracted) == [True, True]


# --- item 8: attributes and very many blocks ----------------------------------------------

# One tag with this many attributes took 54 s (libxml2 compares each new attribute with
# the others); cut to MAX_ATTRIBUTES it takes well under a second.
MANY_ATTRIBUTES = 40_000
ATTRIBUTES_SECONDS = 5.0  # generous for a slow or busy machine
MANY_LINES = 30_000  # past FALLBACK_MAX_BLOCKS: trafilatura is skipped
LINES_SECONDS = 20.0  # with trafilatura this page took ~9 s and 5x the memory


def _attributes(count: int, with_values: bool = True) -> str:
    return " ".join(f'data-a{i}="v{i}"' if with_values else f"flag{i}" for i in range(count))


@pytest.mark.parametrize("with_values", [True, False], ids=["valued", "bare"])
def test_a_tag_with_many_attributes_parses_in_bounded_time(with_values: bool) -> None:
    page = (
        f"<html><body><div {_attributes(MANY_ATTRIBUTES, with_values)}><p>{ARTICLE}</p></div></body></html>"
    )
    started = time.process_time()
    r = Cleaner(use_env=False).clean(html=page)
    assert time.process_time() - started < ATTRIBUTES_SECONDS
    assert r.body.strip() == ARTICLE.strip()


def test_bounded_attributes_keeps_the_first_ones_and_every_other_tag() -> None:
    many = _attributes(MAX_ATTRIBUTES + 5)
    page = f'<p class="a">x</p><div {many}>text</div><img src="a.png" {_attributes(3)}/>'
    cut = bounded_attributes(page)
    root = parse_html(cut)
    assert root is not None
    div = root.find(".//div")
    assert len(div.attrib) == MAX_ATTRIBUTES
    assert div.get("data-a0") == "v0" and div.get(f"data-a{MAX_ATTRIBUTES - 1}") == f"v{MAX_ATTRIBUTES - 1}"
    assert div.text == "text"
    assert cut.startswith('<p class="a">x</p>') and cut.endswith('<img src="a.png" ' + _attributes(3) + "/>")
    long_value = f'<img alt="{"word " * 3000}" src="b.png">'  # a long tag with few attributes
    assert bounded_attributes(long_value) == long_value


@pytest.mark.parametrize("fallback", ["always", "auto"])
def test_a_page_of_very_many_lines_skips_trafilatura(fallback: str) -> None:
    page = "<html><body>" + "\n".join(f"line {i} short<br>" for i in range(MANY_LINES)) + "</body></html>"
    assert MANY_LINES > FALLBACK_MAX_BLOCKS
    started = time.process_time()
    r = Cleaner(use_env=False, fallback=fallback).clean(html=page)
    assert time.process_time() - started < LINES_SECONDS
    if fallback == "always":
        assert r.metadata["html"]["extraction"] == "whole-page"
        assert "too large for trafilatura" in r.metadata["html"]["reason"]
    else:  # the block classifier decides, however unsure: trafilatura never sees such a page
        assert r.metadata["html"]["extraction"] in {"classifier", "whole-page"}
    assert len(r.source.split("\n")) == MANY_LINES


@pytest.mark.parametrize("fallback", ["always", "auto"])
def test_a_page_nested_like_no_article_skips_trafilatura(fallback: str) -> None:
    """Unclosed tags nest every line one deeper (1,500 deep: under libxml2's limit, where
    pages are flattened); trafilatura's cost grows with text x depth."""
    lines = [f"<div>Line {i} of a page whose tags are never closed." for i in range(1_500)]
    page = "<html><body>" + "".join(lines) + "</body></html>"
    started = time.process_time()
    r = Cleaner(use_env=False, fallback=fallback).clean(html=page)
    assert time.process_time() - started < LINES_SECONDS
    assert r.metadata["html"]["extraction"] in (
        {"whole-page"} if fallback == "always" else {"classifier", "whole-page"}
    )
    assert len(r.source.split("\n")) == 1_500


def test_text_depth_counts_characters_times_their_nesting() -> None:
    root = parse_html("<html><body><div>abcd<p>xy</p>z</div></body></html>")
    # html 1, body 2, div 3, p 4: "abcd" and the tail "z" sit at 3, "xy" at 4
    assert page_text(root).text_depth == 4 * 3 + 2 * 4 + 1 * 3


def test_a_page_nested_90_000_deep_reads_fast() -> None:
    """Flattened, the nested divs used to become 180,000 <br> that trafilatura walked for 40 s."""
    depth = 90_000
    started = time.process_time()
    r = Cleaner(use_env=False).clean(html=_nested(depth))
    assert time.process_time() - started < ATTRIBUTES_SECONDS
    assert r.source.split() == ["Intro.", "DEEP", "Outro."]


@pytest.mark.parametrize("fallback", ["always", "auto"])
def test_a_page_of_very_many_elements_skips_trafilatura(fallback: str) -> None:
    page = f"<html><body><p>{ARTICLE}</p>" + "<span></span>" * 100_000 + "<p>Outro.</p></body></html>"
    started = time.process_time()
    r = Cleaner(use_env=False, fallback=fallback).clean(html=page)
    assert time.process_time() - started < LINES_SECONDS
    assert r.metadata["html"]["extraction"] in (
        {"whole-page"} if fallback == "always" else {"classifier", "whole-page"}
    )
