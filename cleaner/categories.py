"""The closed set of boilerplate categories (docs/design.md section 3).

Kept in one place so rule validation, heuristics and reports agree on names.
"""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "title",
    "donation_appeal",
    "subscription",
    "newsletter",
    "consent",
    "share",
    "related",
    "advertisement",
    "navigation",
    "credit",
    "legal",
    "comments",
    "page_chrome",
    "other",
)

CATEGORY_SET: frozenset[str] = frozenset(CATEGORIES)
