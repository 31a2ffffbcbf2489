"""Guess the category of learned boilerplate from its words.

Uses the generic lexicons (rules/lexicons/*.yaml, through
cleaner.heuristics.lexicon) when they load; otherwise a minimal English
keyword table kept here, so `cleaner learn` still names the obvious cases.
A guess is only a proposal: the author reads the file before shipping it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

FALLBACK_CATEGORY = "other"
_TOKEN = re.compile(r"[^\W_]+")  # a run of letters and digits
LINE_END = " .:!?,;…"  # ignored at the end of whole-line entries, as the lexicons say
MAX_HEADER_CHARS = 80  # "A message from ..." longer than this is a sentence, not a header

# Used only when the lexicons cannot be loaded.
FALLBACK_KEYWORDS: dict[str, tuple[str, ...]] = {
    "donation_appeal": (
        "donate",
        "donation",
        "contribution",
        "support us",
        "support our",
        "independent journalism",
        "dear reader",
    ),
    "newsletter": ("newsletter", "inbox", "email address", "sign up"),
    "subscription": ("subscribe", "subscriber", "paywall", "free trial", "register"),
    "consent": ("cookie", "privacy settings", "consent"),
    "share": ("share this", "follow us", "facebook", "twitter"),
    "related": ("read more", "related", "recommended", "most read", "more from"),
    "advertisement": ("advertisement", "sponsored"),
    "credit": ("photo:", "photo by", "image:", "getty images"),
    "legal": (
        "all rights reserved",
        "copyright",
        "©",
        "terms of use",
        "terms and conditions",
        "privacy policy",
    ),
    "comments": ("comment",),
    "navigation": ("remind me later", "maybe later", "back to top", "skip to content"),
}


class CategoryGuesser:
    """Scores texts against lexicon phrases and whole-line entries."""

    def __init__(self, lexicon: Any | None = None, use_lexicons: bool = True) -> None:
        self.lexicon = lexicon if lexicon is not None else (_load_lexicon() if use_lexicons else None)
        self._by_first: dict[str, list[tuple[str, str]]] | None = None
        self._unanchored: list[tuple[str, str]] = []

    @property
    def source(self) -> str:
        return "rules/lexicons" if self.lexicon is not None else "built-in keyword fallback"

    def votes(self, line: str) -> Counter[str]:
        """Category votes of one line (a whole-line entry counts twice).

        Reads only the lexicon's data (phrase and line tables, appeal
        headers, button lines), so it does not depend on the heuristics'
        matching code.
        """
        lowered = line.lower()
        found: Counter[str] = Counter()
        if self.lexicon is None:
            for category, words in FALLBACK_KEYWORDS.items():
                found[category] += sum(1 for w in words if contains_phrase(lowered, w))
            return +found
        lex = self.lexicon
        norm = lowered.strip().rstrip(LINE_END)
        whole = getattr(lex, "line_category", {}).get(norm)
        if whole is not None:
            found[whole] += 2
        prefixes = tuple(getattr(lex, "appeal_header_prefixes", ()))
        if norm in getattr(lex, "appeal_headers", set()) or (
            prefixes and lowered.startswith(prefixes) and len(norm) <= MAX_HEADER_CHARS
        ):
            found["donation_appeal"] += 2
        if norm in getattr(lex, "cta", set()):
            found["navigation"] += 1
        tokens = set(_TOKEN.findall(lowered))
        for phrase, category in self._phrases_for(tokens):
            if contains_phrase(lowered, phrase):
                found[category] += 1
        return found

    def _phrases_for(self, tokens: set[str]) -> list[tuple[str, str]]:
        """The lexicon phrases that can be in a line with these tokens: a whole-word phrase
        starts with a whole token, so only phrases whose first token is there are tried."""
        if self._by_first is None:
            self._by_first, self._unanchored = {}, []
            for phrase, category in getattr(self.lexicon, "phrase_category", {}).items():
                first = _TOKEN.match(phrase)
                if first is None:
                    self._unanchored.append((phrase, category))
                else:
                    self._by_first.setdefault(first.group(0), []).append((phrase, category))
        found = list(self._unanchored)
        for token in tokens:
            found.extend(self._by_first.get(token, ()))
        return found

    def line_category(self, line: str) -> str | None:
        """The best category for one line, or None when nothing points anywhere."""
        votes = self.votes(line)
        return _best(votes)

    def guess(self, lines: Iterable[str]) -> str:
        """The best category for a group of lines (a rule's examples)."""
        total: Counter[str] = Counter()
        for line in lines:
            total.update(self.votes(line))
        return _best(total) or FALLBACK_CATEGORY


def contains_phrase(lowered: str, phrase: str) -> bool:
    """``phrase`` in ``lowered`` as whole words ("more" is not in "moreover")."""
    start = lowered.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before_ok = start == 0 or not (phrase[0].isalnum() and lowered[start - 1].isalnum())
        after_ok = end == len(lowered) or not (phrase[-1].isalnum() and lowered[end].isalnum())
        if before_ok and after_ok:
            return True
        start = lowered.find(phrase, start + 1)
    return False


def _best(votes: Counter[str]) -> str | None:
    if not votes:
        return None
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _load_lexicon() -> Any | None:
    """The shipped lexicons, or None if they are missing or do not load."""
    try:
        from cleaner.heuristics.lexicon import shipped_lexicon

        return shipped_lexicon()  # the heuristics' own copy: loaded once per process
    except Exception:  # missing module, or a lexicon file being edited
        return None
