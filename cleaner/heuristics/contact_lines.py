"""Contact-the-author and follow-us lines at an article's end.

News sites end many articles with a line that tells the reader how to reach the
reporter or follow the outlet: "Write to Ann Lee at ann.lee@example.com", "Email
the reporter at ...", "Follow Ann on Twitter @annlee", "Follow us on Facebook,
Instagram and YouTube". An extractor keeps them, and the article-line model sees
too few of them to learn them. Two things together tell them from prose that
mentions such things: the line *opens* with an imperative to follow, write or
contact, and it holds an address to do so (an e-mail address, an @handle, a
social profile's URL, or two or more social networks named). A sentence such as
"Follow the rules, the mayor wrote on Twitter" names one network and no address;
"fans can follow him on Twitter" does not open with the verb.

The openers are written from my own knowledge of English, German, French,
Spanish, Italian, Portuguese and Dutch; the marks (addresses, network names) are
the same in every language.
"""

from __future__ import annotations

import re

CONTACT_LINE_MAX_WORDS = 40  # a longer line is a paragraph, not a sign-off
# ... and in characters: the address patterns below backtrack over a run of word
# characters, so a line of one 20,000-character "word" cost 0.3 s; a sign-off of
# 40 words with its addresses stays far below this.
CONTACT_LINE_MAX_CHARS = 600
# The imperatives that open such a line, lower case, matched at the line's start
# (after bullets and brackets) and followed by a word boundary.
CONTACT_OPENERS = (
    # en
    "follow",
    "email",
    "e-mail",
    "write to",
    "reach",
    "contact",
    "send tips",
    "send your tips",
    "tweet",
    # de
    "folgen sie",
    "folge uns",
    "folgt uns",
    "schreiben sie",
    "schreib uns",
    "kontakt",
    # fr
    "suivez",
    "écrivez",
    "contactez",
    # es
    "síguenos",
    "siguenos",
    "sigue a",
    "siga a",
    "escribe a",
    "escríbenos",
    "escribenos",
    "escríbanos",
    "contacta",
    "contacte",
    # it
    "seguici",
    "segui ",
    "scrivi a",
    "scriveteci",
    "contatta",
    # pt
    "siga",
    "sigam",
    "escreva",
    "contate",
    "fale com",
    # nl
    "volg",
    "mail",
)
_OPENER = re.compile(
    r"[\s\W_]*(?:" + "|".join(re.escape(o.strip()) for o in CONTACT_OPENERS) + r")\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w")
_HANDLE = re.compile(r"(?<![\w.])@\w{2,}")
_PROFILE_URL = re.compile(
    r"\b(?:twitter|x|facebook|instagram|linkedin|tiktok|youtube|threads|bsky)\.(?:com|net|app)/\w|\bt\.me/\w",
    re.IGNORECASE,
)
_NETWORK = re.compile(
    r"\b(?:twitter|facebook|instagram|linkedin|tiktok|youtube|whatsapp|telegram|bluesky|threads|mastodon|snapchat)\b",
    re.IGNORECASE,
)
MIN_NETWORKS = 2  # networks named without an address: "Follow us on Facebook and Instagram"


# The openers' first letters: most lines open with another letter and skip the pattern
# (after the marks of _LEADING; a line opened by another sign goes to the pattern).
_INITIALS = frozenset(opener.strip()[0] for opener in CONTACT_OPENERS) | frozenset(
    opener.strip()[0].upper() for opener in CONTACT_OPENERS
)
_LEADING = " \t-–—•*·>»|[(\"“'‘"


def is_contact_line(text: str, words: int) -> bool:
    """Whether ``text`` (``words`` words) opens with an imperative to follow or contact
    and holds an address to do so (see the module)."""
    if words > CONTACT_LINE_MAX_WORDS or len(text) > CONTACT_LINE_MAX_CHARS:
        return False
    first = text.lstrip(_LEADING)[:1]
    if first.isalnum() and first not in _INITIALS:  # the pattern would fail at this letter
        return False
    if not _OPENER.match(text):
        return False
    if _EMAIL.search(text) or _HANDLE.search(text) or _PROFILE_URL.search(text):
        return True
    return len({m.lower() for m in _NETWORK.findall(text)}) >= MIN_NETWORKS
