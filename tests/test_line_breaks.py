"""Issue 12 item 11: every line break convention cleans as ``\\n`` does, offsets unchanged.

Old Mac text breaks lines with a lone CR; Windows text with CR LF; some
converters write U+2028 or NEL. The result must be the same segmentation as
for the ``\\n`` text, over the original characters.
"""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.blocks import split_blocks
from tests.paths import CORPUS, SEED

BREAKS = ["\r", "\r\n", "\u2028", "\u2029", "\x85"]
DOCUMENTS = [
    CORPUS / "themoscowtimes.com" / "full-layout.txt",
    CORPUS / "themoscowtimes.com" / "appeal-mid-article.txt",
]
if SEED.exists():
    DOCUMENTS.append(SEED)


@pytest.mark.parametrize("brk", BREAKS, ids=["cr", "crlf", "u2028", "u2029", "nel"])
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_other_line_breaks_clean_as_newline(path: object, brk: str) -> None:
    text = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    text = text.replace("\r\n", "\n")
    url = "https://www.themoscowtimes.com/2021/12/21/a"
    want = clean(text, url=url)
    assert want.removed, "the document must have boilerplate for this test to mean anything"
    other = text.replace("\n", brk)
    got = clean(other, url=url)
    assert "".join(s.text for s in got.segments) == other
    assert [(s.kind, s.category, s.rule) for s in got.segments] == [
        (s.kind, s.category, s.rule) for s in want.segments
    ]
    if len(brk) == 1:  # one character for one: the very same offsets
        assert [(s.start, s.end) for s in got.segments] == [(s.start, s.end) for s in want.segments]
    assert got.body.replace(brk, "\n") == want.body


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_text_with_cr_loses_its_appeal_as_with_newline(path: object) -> None:
    """The project's own appeal pages always; the shared seed too where it sits beside the checkout."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")  # type: ignore[attr-defined]
    want = clean(text)
    got = clean(text.replace("\n", "\r"))
    assert want.removed
    assert [s.text.replace("\r", "\n") for s in got.removed] == [s.text for s in want.removed]


def test_blocks_split_at_every_line_break_with_offsets_into_the_original() -> None:
    text = "one\rtwo\r\nthree\u2028four\x85five\u2029six\nseven \r"
    blocks = split_blocks(text)
    assert [b.text for b in blocks] == ["one", "two", "three", "four", "five", "six", "seven"]
    for block in blocks:
        assert text[block.start : block.end] == block.text


def test_html_pre_with_lone_cr_keeps_its_lines() -> None:
    page = "<html><body><pre>first line of code\rsecond line of code\u2028third line</pre></body></html>"
    got = clean(html=page, url="https://example.org/a")
    assert got.source.split("\n") == ["first line of code", "second line of code", "third line"]
