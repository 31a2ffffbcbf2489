"""A line that is the record's own address.

A print or share widget, or a "copy link" box, leaves the page's address in the text an
extractor keeps ("https://www.example.com/news/2024/05/city-budget-vote-12345"). No
article prints its own address as a line of its own; a cited source is another page's
(and stays, as bare addresses do). Compared with the scheme, "www." and a trailing
slash set aside, as the record's address and the printed one often differ in them.
"""

from __future__ import annotations

_SCHEMES = ("https://", "http://", "")
_HOST_PREFIXES = ("www.", "")


def bare_address(url: str) -> str | None:
    """``url`` without its scheme, "www." and trailing slash; None when it has no path (a
    host alone is a brand's name, which bylines and credits print)."""
    bare = url.strip()
    for scheme in _SCHEMES[:2]:
        if bare[: len(scheme)].lower() == scheme:
            bare = bare[len(scheme) :]
            break
    if bare[:4].lower() == "www.":
        bare = bare[4:]
    bare = bare.rstrip("/")
    return bare if "/" in bare and " " not in bare else None


def address_forms(bare: str) -> frozenset[str]:
    """The ways a page may print the address ``bare`` (``bare_address``) as a line: with or
    without its scheme, "www." and a trailing slash (case kept: a path is case-sensitive)."""
    forms = {f"{scheme}{prefix}{bare}" for scheme in _SCHEMES for prefix in _HOST_PREFIXES}
    return frozenset(forms | {f"{form}/" for form in forms})
