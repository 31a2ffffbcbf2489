"""A paragraph in which the site describes itself, at the end of its own page.

A company's press release, a foundation's post, a newsroom's own article closes with the
publisher's boilerplate about itself ("Northwind is a leading provider of ... It employs
1,200 people in 14 countries."): the same paragraph under every page of the site, which
an extractor keeps because it reads like prose. What tells it from the article is its
subject: the site's own name (the registered domain's label: "northwind" for
``https://www.northwind.com/news/...``) opening the line, then "is a" in the site's language.
An article that names the outlet in its last lines says what it did ("Northwind was unable
to confirm ...", "Northwind has asked ..."), not what it is, so the copula must be
followed by an article (or, in the languages that have none, stand alone).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cleaner import native
from cleaner.heuristics.combining import accent_folded
from cleaner.heuristics.lazy_regex import lazy_compile

# Labels of second-level public suffixes: "example.co.uk" is named by "example", not "co".
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "gob", "nic"})
SITE_NAME_MIN_CHARS = 3  # a shorter label ("tv", "fm") is a word of any sentence
SITE_NAME_MAX_WORDS = 4  # the name as the line writes it: "Northwind", "The Daily Northwind"
# A heading over the paragraph: the name after at most this many words ("About Northwind",
# "Über Northwind Tea:", "À propos de Northwind", "Acerca de Northwind"), in any language.
HEADING_LEAD_MAX_WORDS = 3
_SENTENCE_END = frozenset(".!?…")
_WORD = lazy_compile(r"\S+")
_LETTERS = lazy_compile(r"[^a-z0-9]+")
_OPENING_MARKS = " \t|\"'“”‘’«»„-–—•*·([>"  # set before a line's first word; no letters of a name
# After the name: a copula and an indefinite or definite article ("is a", "ist ein", "est
# une", "es el", "è un", "é uma", "is een", "är ett", "er en", "este o"), or in the languages
# without articles the copula alone ("jest", "является", "є", "είναι",
# "adalah", "merupakan", "là"). My own table of each language's forms. Not the Finnish "on":
# English writes it after a name ("Northwind on Monday said ..."); nor "was": "Northwind was
# the first to report ..." tells what the site did; nor the South Slavic "je" and Bulgarian
# "е", which also make the perfect tense ("Northwind je doznao ...": "Northwind has learned").
_SELF_DESCRIPTION = lazy_compile(
    r"[ \t]*,?[ \t]*(?:"
    r"is[ \t]+(?:a|an|the|one)\b"  # en
    r"|ist[ \t]+(?:ein|eine|einer|eines|der|die|das)\b"  # de
    r"|est[ \t]+(?:un|une|le|la|l['’]|leader)"  # fr
    r"|(?:es|és)[ \t]+(?:un|una|uno|el|la)\b"  # es, ca
    r"|è[ \t]+(?:un|una|uno|il|lo|la|l['’])"  # it
    r"|é[ \t]+(?:um|uma|o|a)\b"  # pt
    r"|is[ \t]+(?:een|de|het)\b"  # nl
    r"|är[ \t]+(?:en|ett|den|det)\b"  # sv
    r"|er[ \t]+(?:en|et|ei|den|det)\b"  # da, nb
    r"|este[ \t]+(?:un|o|cel|cea)\b"  # ro
    r"|(?:jest|является|є|είναι|adalah|merupakan|là)[ \t]"  # no articles
    r")",
    re.IGNORECASE,
)


def _fold(text: str) -> str:
    """Lower case, accents and everything but letters and digits left out: how a domain
    label writes a name ("Nordwind Zeitung" -> "nordwindzeitung")."""
    return _LETTERS.sub("", accent_folded(text))


def site_name(url: str | None) -> str | None:
    """The registered domain's label of ``url``, folded ("northwind"), or None: compiled
    for an ASCII address (decision_picks.c site_label, which answers False where it cannot
    tell), ``site_name_python`` the reference and the fallback."""
    if native.MODULE is not None and url:
        found: str | None | bool = native.MODULE.site_label(url)
        if found is not False:
            return found  # type: ignore[return-value]
    return site_name_python(url)


def site_name_python(url: str | None) -> str | None:
    """``site_name`` in Python: no scheme and host, an IP address, a label shorter than
    SITE_NAME_MIN_CHARS give None. The host is cut out by hand: ``urlsplit`` cost half of
    the decision's time per page."""
    if not url:
        return None
    _, scheme, rest = url.strip().partition("://")
    if not scheme:
        return None
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rpartition("@")[2]
    if host.startswith("["):  # an IPv6 address
        return None
    labels = list(filter(None, host.partition(":")[0].lower().split(".")))  # the empty ones left out
    if len(labels) < 2 or labels[-1].isdigit():
        return None
    name = labels[-2]
    if name in _SECOND_LEVEL and len(labels) >= 3:
        name = labels[-3]
    if not (name.isascii() and name.isalnum()):  # letters and digits in lower case: folded already
        name = _fold(name)  # a host is ASCII (IDNA) but for a typed address ("straße.de")
    return name if len(name) >= SITE_NAME_MIN_CHARS else None


def name_length(text: str, name: str) -> int:
    """``name_length_python``: compiled where the words it reads are ASCII (title_names.c,
    False past ASCII), not a word folded by accents in Python."""
    if native.MODULE is not None and name.isascii() and name:
        found: int | bool = native.MODULE.name_length(text, name, _OPENING_MARKS)
        if found is not False:
            return found  # type: ignore[return-value]
    return name_length_python(text, name)


def name_length_python(text: str, name: str) -> int:
    """Where the site's ``name`` ends in ``text`` when the line opens with it (its first one
    to SITE_NAME_MAX_WORDS words, folded and joined, are the name), else 0."""
    first = text.lstrip(_OPENING_MARKS)[:1].lower()
    if first.isascii() and first != name[:1]:  # most lines: another first letter
        return 0
    joined = ""
    for count, match in enumerate(_WORD.finditer(text), 1):
        joined += _fold(match.group())
        if joined == name:
            return match.end()
        if count >= SITE_NAME_MAX_WORDS or not name.startswith(joined):
            return 0
    return 0


def opens_with_name(text: str, name: str) -> bool:
    """Whether ``text`` opens with the site's ``name`` (``name_length``)."""
    return name_length(text, name) > 0


def describes_site(text: str, name: str) -> bool:
    """Whether ``text`` opens with the site's ``name`` and says what it is (a copula and
    an article: ``_SELF_DESCRIPTION``)."""
    end = name_length(text, name)
    return end > 0 and _SELF_DESCRIPTION.match(text, end) is not None


def first_describing(texts: Sequence[str], lines: Iterable[int], name: str) -> int | None:
    """The position among ``lines`` of the first line of ``texts`` that ``describes_site``,
    or None. A line opening with another ASCII letter than the name's (``name_length``'s
    first test) is passed over here, without the two calls per line (``name_openers``)."""
    picked = lines if isinstance(lines, list) else list(lines)
    for at in name_openers(texts, picked, name):
        if describes_site(texts[picked[at]], name):
            return at
    return None


def name_openers(texts: Sequence[str], lines: list[int], name: str) -> list[int]:
    """The positions among ``lines`` of the lines whose first character past the opening
    marks is past ASCII or the name's initial: compiled where the columns are lists and the
    initial ASCII (decision_picks.c), ``name_openers_python`` the reference and the fallback."""
    initial = name[:1]
    if (
        native.MODULE is not None
        and type(texts) is list
        and type(lines) is list
        and initial.isascii()
        and initial
    ):
        found: list[int] = native.MODULE.name_openers(texts, lines, _OPENING_MARKS, initial)
        return found
    return name_openers_python(texts, lines, name)


def name_openers_python(texts: Sequence[str], lines: list[int], name: str) -> list[int]:
    """``name_openers`` in Python: each line's first character lower-cased."""
    initial = name[:1]
    found = []
    for at, j in enumerate(lines):
        first = texts[j].lstrip(_OPENING_MARKS)[:1].lower()
        if not first.isascii() or first == initial:
            found.append(at)
    return found


def names_site(text: str, name: str) -> bool:
    """Whether ``text`` is a heading that ends with the site's ``name`` after at most
    HEADING_LEAD_MAX_WORDS words ("About Northwind Tea", "Über Northwind Tea:"), not a
    sentence ("We met Northwind Tea.")."""
    if text.rstrip()[-1:] in _SENTENCE_END:
        return False
    words = text.split()
    for lead in range(min(HEADING_LEAD_MAX_WORDS, len(words) - 1) + 1):
        rest = words[lead:]
        if len(rest) <= SITE_NAME_MAX_WORDS and "".join(map(_fold, rest)) == name:
            return True
    return False
