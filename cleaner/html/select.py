"""Outlet ``html:`` selectors: find the article container and the drop elements.

CSS is translated to XPath once per selector (cssselect) and run by lxml in C;
that is an order of magnitude faster than BeautifulSoup's selector engine on
the same pages (see docs/html.md for the measurement).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from cleaner.errors import InputError
from cleaner.html.text import Mark
from cleaner.outlets.rules import HtmlRules
from cleaner.result import Label

SELECTOR_CACHE = 4096  # compiled selectors kept; rule books rarely hold more


@lru_cache(maxsize=SELECTOR_CACHE)
def compiled(selector: str) -> Any:
    """The lxml XPath for a CSS selector, compiled once per process."""
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    try:
        return CSSSelector(selector, translator="html")
    except SelectorError as exc:
        raise InputError(f"CSS selector {selector!r} cannot run on lxml: {exc}") from None


def drop_label(selector: str, category: str) -> Label:
    """The label of blocks a drop selector removes (docs/design.md section 2: ``html:drop:<selector>``)."""
    return Label(category, f"html:drop:{selector}")


def body_rule(selector: str) -> str:
    return f"html:body:{selector}"


def select_marks(root: Any, rules: HtmlRules) -> tuple[dict[Any, Mark], str | None]:
    """Marks for the walk and the body selector that matched (None: none did).

    The first body selector that matches anything is the article; all of its
    matches count (outlets split long articles over several containers).
    Drop selectors mark elements anywhere; only those inside the article
    matter, because blocks outside it are page chrome already.
    """
    marks: dict[Any, Mark] = {}
    chosen: str | None = None
    for selector in rules.body:
        found = compiled(selector)(root)
        if found:
            chosen = selector
            for el in found:
                marks[el] = Mark("body")
            break
    for drop in rules.drop:
        label = drop_label(drop.selector, drop.category)
        for el in compiled(drop.selector)(root):
            if el not in marks or marks[el].kind != "body":
                marks[el] = Mark("drop", label)
    return marks, chosen
