"""A byline: "By Jane Doe and John Roe", "Von Max Mustermann", "Por María López".

An extractor's text often opens with the byline where a headline would stand; it is
headline-shaped (a few words, no sentence end) and goes with the headline, but it names
the author, not the story: its category is a credit, and it is no ``metadata["title"]``.
A byline is its lead word and then names only: every other word capitalised, one of the
few words that join names ("and", "und", "y", "et") or a name's particle ("de", "van",
"von der"), with a comma or a bar at most before an agency or a date; no colon after the
lead word ("By Design: How ..." is a headline in title case).
"""

from __future__ import annotations

import re

BYLINE_MAX_WORDS = 9  # the lead word and two or three names with their joins
# The word that opens a byline, per language (own knowledge): en, de, es/pt, fr, it, nl,
# sv/da/nb, pl, cs/sk, and the labels "Author:" in several languages.
_LEAD = re.compile(
    r"(?:by|von|por|par|di|door|av|af|przez|autor:|autorka:|author:|auteur:|автор:|авторы:)\s+",
    re.IGNORECASE,
)
_JOINS = frozenset({"and", "und", "y", "e", "et", "en", "och", "og", "i", "a", "&", "и", "та"})
# Lower-case particles inside names ("Pieter de Vries", "Ursula von der Leyen", "Ana dos Santos")
_PARTICLES = frozenset(
    {"de", "van", "der", "den", "von", "da", "di", "du", "le", "la", "del", "dos", "das", "ter", "ten"}
)
_AFTER = re.compile(r"\s*[,|·•–—-]\s*")  # ", Reuters" / "| 12 May 2024" close a byline


def is_byline(text: str) -> bool:
    """Whether ``text`` is a byline (see the module docstring)."""
    lead = _LEAD.match(text)
    if lead is None:
        return False
    names = _AFTER.split(text[lead.end() :], maxsplit=1)[0].split()
    if not names or len(names) + 1 > BYLINE_MAX_WORDS or not names[0][:1].isupper():
        return False
    if any(word.endswith(":") for word in names):  # "By Design: How ...": a headline's lead
        return False
    return all(word[:1].isupper() or word.lower() in _JOINS or word in _PARTICLES for word in names)
