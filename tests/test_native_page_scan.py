"""The html parse's compiled byte scan (cleaner/native/page_scan.c) answers as _scan_python
does: whether a page holds characters XML forbids and whether it may hold a start tag of
LONG_TAG_CHARS bytes, on the test pages, hostile texts, tags and runs at the limit and random
pages; and it refuses bad arguments.

Where the extension is not built, the tests check that the pure path is the live one.
"""

from __future__ import annotations

import random

import pytest

from cleaner import native
from cleaner.html import text as html_text
from cleaner.html.text import LONG_TAG_CHARS
from tests.test_native import HOSTILE
from tests.test_native_page_walk import _pages

needs_native = pytest.mark.skipif(native.MODULE is None, reason="the compiled extension is not built")

_PIECES = [
    "<",
    ">",
    "a",
    " ",
    "\t",
    "\n",
    "\r",
    "\x00",
    "\x08",
    "\x0b",
    "\x1f",
    "\x7f",
    "é",
    "\ufffe",
    "\U0001f600",
]


def _at_the_limit() -> list[str]:
    """Tag-free runs just under, at and over LONG_TAG_CHARS bytes, at the start, middle and end."""
    texts = []
    for size in (LONG_TAG_CHARS - 1, LONG_TAG_CHARS, LONG_TAG_CHARS + 1):
        run = "x" * size
        texts += [run, f"<{run}>", f"{run}<b>", f"<b>{run}", f"<i>{run[:-1]}é>", "<>" * size]
        texts += [f"<1{run}>", f"<B {run}>", f"<b {run}<>", f"<b {run}", f"<<b {run}>>", f"<é{run}>"]
    return texts


def _random_pages(rng: random.Random, count: int) -> list[str]:
    pages = []
    for _ in range(count):
        pieces = [rng.choice(_PIECES) * rng.choice((1, 1, 50, 3000)) for _ in range(rng.randint(0, 12))]
        pages.append("".join(pieces))
    return pages


@needs_native
def test_scan_matches_python() -> None:
    rng = random.Random(21)
    for page in [*_pages(), *HOSTILE, *_at_the_limit(), *_random_pages(rng, 400)]:
        utf8 = page.encode("utf-8", "surrogatepass")
        assert html_text._scan(page) == html_text._scan_python(page)
        assert html_text._scan(page, utf8) == html_text._scan_python(page, utf8)


@needs_native
def test_scan_refuses_bad_arguments() -> None:
    assert native.MODULE is not None
    scan = native.MODULE.page_scan
    for args in [("<p>", 8), (bytearray(b"<p>"), 8), (b"<p>", "8"), (b"<p>",), (b"<p>", 8, 1), (b"<p>", 8.0)]:
        with pytest.raises(TypeError):
            scan(*args)
    for run in (0, -1):
        with pytest.raises(ValueError):
            scan(b"<p>", run)
    with pytest.raises(OverflowError):
        scan(b"<p>", 1 << 80)
    assert scan(b"", 1) == (False, False)
    assert scan(b"\x00", 1) == (True, False)
    assert scan(b"<a>", 1) == (False, True)
    assert scan(b"<a>", 2) == (False, False)


def test_pure_path_when_not_built() -> None:
    if native.MODULE is None:
        assert html_text._native_page_scan is None
