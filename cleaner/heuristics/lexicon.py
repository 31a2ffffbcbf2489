"""Phrase lexicons per category and language, loaded from rules/lexicons/*.yaml.

The phrases are data, not code, so a new language is a new file. All files are
merged into one matcher: most pages do not say their language, and a phrase of
one language rarely occurs by chance in another. Phrases run as one RE2 scan
over the whole document (matches mapped to lines afterwards), whole-line lists
are set lookups, so the cost per line stays a few dictionary probes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter, methodcaller
from pathlib import Path
from typing import Any

import re2

from cleaner.categories import CATEGORY_SET
from cleaner.errors import RuleFileError
from cleaner.outlets.rules import builtin_rules_dir
from cleaner.outlets.yamlsource import LocatedDict, LocatedList, YamlProblem, load_yaml

LEXICON_DIR_NAME = "lexicons"
_TOP_KEYS = {
    "language",
    "phrases",
    "lines",
    "appeal_headers",
    "appeal_header_prefixes",
    "cta",
    "chrome_lines",
}
_LINE_END = " .:!?,;…"  # ignored at the end of whole-line entries
_INITIAL = itemgetter(slice(0, 1))  # a line's first character ("" for an empty line)

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False
_OPTIONS.never_nl = True
# The merged phrase alternation (hundreds of phrases) needs more than RE2's default
# 8 MiB for its DFA cache: with the default the cache keeps filling and RE2 drops to
# its NFA, which made the phrase scan ~4x slower. Matches are the same either way.
_OPTIONS.max_mem = 32 << 20


def normalise_line(text: str) -> str:
    """The form whole-line entries are compared in: lower case, no end punctuation."""
    return text.lower().rstrip(_LINE_END)


def normalise_lower(lowered: str) -> str:
    """``normalise_line`` for a text already lower-cased."""
    return lowered.rstrip(_LINE_END)


@dataclass
class Lexicon:
    """Everything the heuristics look up, merged over all languages."""

    phrase_category: dict[str, str] = field(default_factory=dict)
    line_category: dict[str, str] = field(default_factory=dict)
    appeal_headers: set[str] = field(default_factory=set)
    appeal_header_prefixes: tuple[str, ...] = ()
    cta: set[str] = field(default_factory=set)
    chrome_lines: set[str] = field(default_factory=set)
    languages: list[str] = field(default_factory=list)
    _matcher: Any = None
    _phrase_bytes: dict[bytes, tuple[str, int]] = field(default_factory=dict)

    def compile(self) -> None:
        """Build the one-pass phrase matcher (longest phrases first).

        The matcher works on UTF-8 bytes: the RE2 wrapper's str interface maps
        every match's offsets back to characters in Python, which cost more
        than the scan itself. ``_phrase_bytes`` maps a matched phrase to its
        category and its length in characters.
        """
        phrases = sorted(self.phrase_category, key=len, reverse=True)
        self._phrase_bytes = {p.encode(): (self.phrase_category[p], len(p)) for p in phrases}
        if phrases:
            self._matcher = re2.compile(b"|".join(re2.escape(p.encode()) for p in phrases), _OPTIONS)

    def phrase_hits(self, joined: str) -> Iterable[tuple[int, int, str]]:
        """(start, end, category) of every phrase in ``joined``: lower-cased lines joined by newlines.

        The caller lower-cases once (it needs the lower-cased lines anyway), so
        the scan runs case-sensitively, which RE2 does faster.
        """
        if self._matcher is None:
            return
        data = joined.encode()
        phrases = self._phrase_bytes
        # span() and a slice: the wrapper's group() costs microseconds per match
        if len(data) == len(joined):  # ASCII: byte offsets are character offsets
            for match in self._matcher.finditer(data):
                start, end = match.span()
                yield start, end, phrases[data[start:end]][0]
            return
        byte_pos = char_pos = 0  # last match start, in bytes and in characters
        for match in self._matcher.finditer(data):
            start, end = match.span()
            category, length = phrases[data[start:end]]
            char_pos += len(data[byte_pos:start].decode())  # matches start on character boundaries
            byte_pos = start
            yield char_pos, char_pos + length, category

    def shows_chrome(self, norms: Sequence[str]) -> bool:
        """Whether a line is a site's navigation or footer entry ("Home", "Impressum", "Login").

        ``norms``: normalised lines. Separators and bullets around the entry
        ("| Kontakt |", "• Home") are ignored. Button-like lines of the
        ``lines`` lists count too.
        """
        chrome, buttons = self.chrome_lines, self.line_category
        for norm in norms:
            if len(norm) <= CHROME_MAX_CHARS:
                bare = norm.strip(_CHROME_STRIP)
                if bare in chrome or bare in buttons:
                    return True
        return False

    def has_zone_cues(self, norm: Sequence[str]) -> bool:
        """Whether any line can open or close an appeal zone (a cheap page-level test)."""
        if not (self.cta.isdisjoint(norm) and self.appeal_headers.isdisjoint(norm)):
            return True
        prefixes = self.appeal_header_prefixes
        if "" in prefixes:
            return bool(norm)
        # Only lines opening with a prefix's first character can start with a prefix:
        # two C-level maps rule out most lines before the costlier startswith(tuple).
        initials = {prefix[:1] for prefix in prefixes}
        candidates = compress(norm, map(initials.__contains__, map(_INITIAL, norm)))
        return any(map(methodcaller("startswith", prefixes), candidates))

    def is_appeal_header(self, text: str, norm: str) -> bool:
        """A line that opens an appeal: "Dear readers," or "A Message from X:" (``norm``: normalised)."""
        if norm in self.appeal_headers:
            return True
        return (
            len(norm) <= MAX_HEADER_CHARS
            and norm.startswith(self.appeal_header_prefixes)
            and (text.rstrip().endswith(":") or len(norm.split()) <= MAX_HEADER_WORDS)
        )


MAX_HEADER_CHARS = 80
CHROME_MAX_CHARS = 40  # longer lines are never a menu entry; skip the lookup
_CHROME_STRIP = " |•·›»>-–*/:"
MAX_HEADER_WORDS = 7


def lexicon_dir() -> Path:
    return builtin_rules_dir() / LEXICON_DIR_NAME


def load_lexicon(folder: Path | None = None) -> Lexicon:
    """Load and merge every ``*.yaml`` lexicon of ``folder`` (default: the shipped ones)."""
    folder = folder or lexicon_dir()
    lexicon = Lexicon()
    prefixes: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        _merge_file(path, lexicon, prefixes)
    lexicon.appeal_header_prefixes = tuple(prefixes)
    lexicon.compile()
    return lexicon


def _merge_file(path: Path, lexicon: Lexicon, prefixes: list[str]) -> None:
    name = str(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except YamlProblem as exc:
        raise RuleFileError(name, exc.line, None, str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(name, None, None, f"cannot read lexicon: {exc}") from None
    if not isinstance(data, LocatedDict):
        raise RuleFileError(name, 1, None, "a lexicon file is a mapping")
    for key in data:
        if key not in _TOP_KEYS:
            raise RuleFileError(
                name, data.key_lines[key], key, f"unknown key (expected one of {sorted(_TOP_KEYS)})"
            )
    language = data.get("language")
    if not isinstance(language, str) or not language:
        raise RuleFileError(name, data.line, "language", "language code is required")
    lexicon.languages.append(language)
    for category, items in _category_lists(name, data, "phrases"):
        for phrase in items:
            lexicon.phrase_category.setdefault(phrase.lower(), category)
    for category, items in _category_lists(name, data, "lines"):
        for text in items:
            lexicon.line_category.setdefault(normalise_line(text), category)
    lexicon.appeal_headers.update(normalise_line(t) for t in _strings(name, data, "appeal_headers"))
    prefixes.extend(t.lower() for t in _strings(name, data, "appeal_header_prefixes"))
    lexicon.cta.update(normalise_line(t) for t in _strings(name, data, "cta"))
    lexicon.chrome_lines.update(normalise_line(t) for t in _strings(name, data, "chrome_lines"))


def _category_lists(name: str, data: LocatedDict, key: str) -> Iterable[tuple[str, list[str]]]:
    section = data.get(key)
    if section is None:
        return
    if not isinstance(section, LocatedDict):
        raise RuleFileError(name, data.key_lines[key], key, "expected a mapping of category to phrases")
    for category, items in section.items():
        line = section.key_lines[category]
        if category not in CATEGORY_SET:
            raise RuleFileError(name, line, f"{key}.{category}", "unknown category")
        yield category, _checked_strings(name, items, line, f"{key}.{category}")


def _strings(name: str, data: LocatedDict, key: str) -> list[str]:
    if key not in data:
        return []
    return _checked_strings(name, data[key], data.key_lines[key], key)


def _checked_strings(name: str, items: Any, line: int, key: str) -> list[str]:
    if not isinstance(items, LocatedList):
        raise RuleFileError(name, line, key, "expected a list of strings")
    out = []
    for item, item_line in zip(items, items.item_lines):
        if not isinstance(item, str) or not item.strip():
            raise RuleFileError(name, item_line, key, "every entry must be a non-empty string")
        out.append(item.strip())
    return out
