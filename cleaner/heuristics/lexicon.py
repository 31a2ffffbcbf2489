"""Phrase lexicons per category and language, loaded from rules/lexicons/*.yaml.

The phrases are data, not code, so a new language is a new file. All files are
merged into one matcher: most pages do not say their language, and a phrase of
one language rarely occurs by chance in another. Phrases run as one scan over the
whole document (the compiled trie of cleaner/native/_phrase_scan.c, or one RE2
program on the pure path; matches mapped to lines afterwards), whole-line lists
are set lookups, so the cost per line stays a few dictionary probes.

Every phrase, whole line and lead-in is also registered in its unaccented form
(``fold``): pages typed without accents ("a lire aussi") then match too, while
the text itself stays as it is, so match offsets need no mapping.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import re2

from cleaner import native
from cleaner.categories import CATEGORY_SET
from cleaner.errors import RuleFileError
from cleaner.heuristics.line_marks import edge_marked_lines
from cleaner.outlets.located import LocatedDict, LocatedList, YamlProblem
from cleaner.outlets.prebuilt import code_of, digest, prebuilt
from cleaner.outlets.rules import builtin_rules_dir, yaml_reader_code

LEXICON_DIR_NAME = "lexicons"
_TOP_KEYS = {
    "language",
    "phrases",
    "lines",
    "appeal_headers",
    "appeal_header_prefixes",
    "cta",
    "chrome_lines",
    "lead_ins",
    "contact_openers",
    "teaser_tags",
}
LINE_END = " .:!?,;…"  # ignored at the end of whole-line entries

# Lead-ins ("Read more: ...", "LESEN SIE AUCH ...") open a line: bullets and brackets
# before them are skipped, and one of these marks (or the end of the line) must follow,
# so a sentence that merely starts with the words ("Read more about it ...") is no lead-in.
_LEAD_STRIP = " \t•·›»>▶►■→*|[【(-–—"
_LEAD_SEPARATORS = frozenset(":|»>›】]：")
_LEAD_STRIP_SET = frozenset(_LEAD_STRIP)
_LEAD_DASHES = frozenset("-–—")  # separators only when a space follows ("Related-party" is a word)
# the two as str, for the compiled lead_in_found
_LEAD_SEPARATOR_CHARS = "".join(sorted(_LEAD_SEPARATORS))
_LEAD_DASH_CHARS = "".join(sorted(_LEAD_DASHES))

# Folding for unaccented variants: marks are dropped after letters of these scripts,
# where they are accents that people often leave out; elsewhere a mark makes another
# letter (Cyrillic й, ї; kana voicing), so it stays. Cyrillic ё is written е often
# enough to fold on its own. Letters with a stroke have no decomposition, hence a table.
_FOLDED_SCRIPTS = ("LATIN", "GREEK", "ARABIC", "HEBREW")
_UNSTROKED = str.maketrans({"ł": "l", "đ": "d", "ı": "i", "ø": "o", "ß": "ss", "ё": "е"})
# Romanian has two spellings of ș and ț (comma below, and the older cedilla).
_CEDILLA = str.maketrans({"ș": "ş", "ț": "ţ"})
# A folded variant this short, and of one word, is too often a word of its own
# ("réagir" -> Portuguese "reagir", Vietnamese "ảnh:" -> "anh:"), so it is not registered.
FOLD_MIN_CHARS = 8

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False
_OPTIONS.never_nl = True
# The merged phrase alternation (thousands of phrases) needs a large budget for its DFA
# cache: with RE2's default 8 MiB the cache kept filling and RE2 dropped to its NFA (~4x
# slower); at 32 MiB it still emptied its cache every few pages, and the scan of the dev
# dumps ran at ~20 MB/s against ~100 MB/s once the cache holds the states real text
# visits. The budget is a cap, not an allocation: scanning every dev page grew the
# process by ~14 MB at any budget from 32 to 256 MiB. Matches are the same either way.
_OPTIONS.max_mem = 256 << 20
# Leftmost-longest: at the first position where phrases match, the longest one wins,
# whatever the order of the alternation. That lets the alternation be sorted, so
# phrases sharing a prefix sit side by side and RE2 factors them into a trie; in
# length order nothing was factored and every DFA state carried the first byte of
# every phrase, which with 3,000 phrases cost ~2 s of DFA building on the dev pages
# (sorted: 0.3 s) for the same matches.
_OPTIONS.longest_match = True


_UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED
_Derived = TypeVar("_Derived")
# Texts of at most this many UTF-8 bytes are scanned for phrases in Python while the RE2
# program is not compiled, at most SMALL_SCANS of them: a one-line file is cleaned without
# compiling it (RE2 takes ~20 ms for the shipped phrases), and a process cleaning many
# short texts compiles it after a few. In Python a scan of 64 bytes took 0.12 ms, of
# 512 bytes 1.3 ms: the scans before the compile cost at most half of it.
SMALL_SCAN_BYTES = 512
SMALL_SCANS = 8
_COMPILE_LOCK = threading.Lock()


def _program(pattern: bytes) -> Any:
    """``pattern`` compiled as RE2's own program (what ``re2.compile`` wraps): its
    ``Match(anchor, data, pos, end)`` returns the spans of one match, ``(-1, -1)``
    first when there is none."""
    program = re2._re2.RE2(pattern, _OPTIONS)
    if not program.ok():
        raise re2.error(program.error())
    return program


_NATIVE = native.MODULE  # the compiled twins, or None (cleaner.native)
_HEADER_INITIALS_KEY = "lexicon.appeal_header_initials"  # has_zone_cues' entry in ``Lexicon.derived``

# str.lower() writes Turkish dotted capital I ("İlgili") as "i" plus a combining dot, which
# no lexicon entry holds; Turkish and Azeri write it as plain "i" in lower case.
_DOTTED_I_LOWER = "i\u0307"


def _header_initials(lexicon: Lexicon) -> tuple[str, dict[str, tuple[str, ...]]]:
    """The first characters of the lexicon's appeal header prefixes, each once, and the
    prefixes by their first character (``has_zone_cues``)."""
    by_initial: dict[str, list[str]] = {}
    for prefix in lexicon.appeal_header_prefixes:
        by_initial.setdefault(prefix[:1], []).append(prefix)
    return "".join(sorted(by_initial)), {initial: tuple(group) for initial, group in by_initial.items()}


def lower_text(text: str) -> str:
    """``text`` lower-cased as the lexicons are written (``lower_text_python``); the
    compiled twin, ``lower_text``, maps character by character in the text's own width
    (str.lower builds a buffer of 4 bytes a character, 3 times the text's length), the
    capital sigma by its place in the word as str.lower does; what it cannot read (the
    sigma on Python 3.13, whose case properties are internal there) goes to Python."""
    if _NATIVE is not None and not text.isascii():  # (str.lower's ASCII path is a table already)
        low: str | None = _NATIVE.lower_text(text)
        if low is not None:
            return low
    return lower_text_python(text)


def lower_text_python(text: str) -> str:
    """``text`` lower-cased as the lexicons are written: ``str.lower``, with a dotted
    capital I as plain "i" (one character, as the original), so "İLGİLİ HABER" reads
    as the entry "ilgili haber". The check is one scan in C; the copy is rare."""
    low = text.lower()
    if "\u0307" in low:
        low = low.replace(_DOTTED_I_LOWER, "i")
    return low


def normalise_line(text: str) -> str:
    """The form whole-line entries are compared in: lower case, no end punctuation."""
    return lower_text(text).rstrip(LINE_END)


def normalise_lower(lowered: str) -> str:
    """``normalise_line`` for a text already lower-cased."""
    return lowered.rstrip(LINE_END)


def fold(text: str) -> str:
    """``text`` without the accents people leave out when typing ("à lire" -> "a lire")."""
    out: list[str] = []
    fold_marks = False
    for char in unicodedata.normalize("NFD", text.translate(_UNSTROKED)):
        if _is_mark(char):
            if fold_marks:
                continue
        else:
            fold_marks = _in_folded_script(char)
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


# Per character, remembered: the lexicons hold a few hundred distinct characters and
# thousands of entries, and a Unicode name lookup costs more than the rest of the fold.
_is_mark = cache(unicodedata.combining)


@cache
def _in_folded_script(char: str) -> bool:
    """Whether the marks after ``char`` are accents to drop (see ``_FOLDED_SCRIPTS``)."""
    return unicodedata.name(char, "").startswith(_FOLDED_SCRIPTS)


def spelling_variants(text: str) -> list[str]:
    """Other spellings of a lexicon entry worth matching: unaccented, Romanian cedilla.

    Only variants that differ from ``text``, and never a short one-word fold (see
    ``FOLD_MIN_CHARS``).
    """
    if text.isascii():  # nothing to fold: most entries, and fold() costs a Unicode lookup a character
        return []
    variants = []
    folded = fold(text)
    if folded != text and (len(folded) >= FOLD_MIN_CHARS or " " in folded.strip()):
        variants.append(folded)
    cedilla = text.translate(_CEDILLA)
    if cedilla != text:
        variants.append(cedilla)
    return variants


@dataclass
class Lexicon:
    """Everything the heuristics look up, merged over all languages."""

    phrase_category: dict[str, str] = field(default_factory=dict)
    line_category: dict[str, str] = field(default_factory=dict)
    appeal_headers: set[str] = field(default_factory=set)
    appeal_header_prefixes: tuple[str, ...] = ()
    cta: set[str] = field(default_factory=set)
    chrome_lines: set[str] = field(default_factory=set)
    lead_ins: dict[str, str] = field(default_factory=dict)  # lead-in -> category
    # The imperatives opening a sign-off ("follow", "write to": ``contact_lines``) and the
    # bracket tags of a teaser ("video", "fotos": ``teaser_tags``), lower case, in file order.
    contact_openers: tuple[str, ...] = ()
    teaser_tags: tuple[str, ...] = ()
    languages: list[str] = field(default_factory=list)
    # What a decision builds from the tables once per lexicon (a compiled pattern), by the
    # decision's name: a decision that reads the lexicon per line must not compile per line.
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    _matcher: Any = None  # the RE2 program, compiled on first use (``_phrase_matcher``)
    _phrase_bytes: dict[bytes, tuple[str, int]] = field(default_factory=dict)
    # first byte -> the lengths of the phrases opening with it, longest first (``_small_scan``)
    _phrase_lengths: dict[int, tuple[int, ...]] = field(default_factory=dict)
    _small_scans: int = 0  # texts scanned without the program while it was not compiled
    # The compiled scan's trie of the phrases (``_phrase_trie``), built on first use, and the
    # categories its hits name by index.
    _trie: Any = field(default=None, compare=False, repr=False)
    _categories: tuple[str, ...] = ()
    # first character -> (its lead-ins, for one C-level startswith test; (lead-in, category) pairs)
    _lead_index: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = field(default_factory=dict)
    # The compiled lead-in lines' prefix filter of ``_lead_index`` (``_lead_in_filter``), built
    # on first use
    _lead_filter: Any = field(default=None, compare=False, repr=False)

    def compile(self) -> None:
        """Build the one-pass phrase matcher (sorted, leftmost-longest; see ``_OPTIONS``).

        The matcher works on UTF-8 bytes: the RE2 wrapper's str interface maps
        every match's offsets back to characters in Python, which cost more
        than the scan itself. ``_phrase_bytes`` maps a matched phrase to its
        category and its length in characters. The scan calls the program's
        ``Match`` itself, below the wrapper: the wrapper's ``finditer`` builds a
        generator and a match object per hit, which on a short article cost
        more than RE2's scan of it.
        """
        self._phrase_bytes = {p.encode(): (c, len(p)) for p, c in self.phrase_category.items()}
        self._matcher = self._trie = None
        self._categories = tuple(sorted(set(self.phrase_category.values())))
        lengths: dict[int, set[int]] = {}
        for phrase in self._phrase_bytes:
            lengths.setdefault(phrase[0], set()).add(len(phrase))
        self._phrase_lengths = {first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()}
        by_initial: dict[str, list[tuple[str, str]]] = {}
        for lead in sorted(self.lead_ins, key=len, reverse=True):  # "read more" before "read"
            by_initial.setdefault(lead[0], []).append((lead, self.lead_ins[lead]))
        self._lead_index = {
            initial: (tuple(lead for lead, _ in leads), tuple(leads)) for initial, leads in by_initial.items()
        }
        self._lead_filter = None

    def derived_from(self, key: str, build: Callable[[Lexicon], _Derived]) -> _Derived:
        """``build(self)``, made on the first call for ``key`` and kept in ``derived`` (two
        threads may both build it; the first one kept wins, and both are the same)."""
        found = self.derived.get(key)
        if found is None:
            found = self.derived.setdefault(key, build(self))
        return found  # type: ignore[no-any-return]  # (no cast: a Python call on every lookup)

    def lead_in(self, norm: str, text: str | None = None) -> str | None:
        """The category of the lead-in opening a line ("Read more: ...", "Lesen Sie auch: ..."), or None.

        ``norm``: the lower-cased line (``normalise_line``); ``text``: the line as written,
        for the upper-case form. The lead-in must be followed by the end of the line or
        a separator (":", "|", "»", ">", "-", "–", "—", ...), or be written in upper case
        before a headline that starts with a capital ("READ MORE Council split ...").
        "Read more about it in the report" and "Related to the case, ..." are no lead-ins.
        """
        # (most lines open with a letter: the strip's character set is made only for the others)
        line = norm.lstrip(_LEAD_STRIP) if norm[:1] in _LEAD_STRIP_SET else norm
        entry = self._lead_index.get(line[:1])
        if entry is None or not line.startswith(entry[0]):  # most lines: two C calls
            return None
        for lead, category in entry[1]:
            if not line.startswith(lead):
                continue
            rest = line[len(lead) :]
            after = rest.lstrip()
            if not after or after[0] in _LEAD_SEPARATORS:
                return category
            if after[0] in _LEAD_DASHES and after[1:2] in ("", " "):
                return category
            if text is not None and rest[:1].isspace() and _upper_lead(text, lead):
                return category
        return None

    def lead_ins_of(self, norms: list[str], texts: list[str]) -> list[str | None]:
        """``lead_in`` of each line (``norms``: the lines normalised, ``texts``: as written).
        Most lines open with no lead-in's first word: where the compiled accelerator is
        built, one call picks the lines that do (``lead_in_lines``: the two tests ``lead_in``
        makes first, after a filter of the lead-ins' first characters that rejects most
        lines in a few lookups) and reads them as ``lead_in`` does (``lead_in_found``); only
        a line where a lead-in is followed by white space, whose upper-case test reads the
        line as written, is read in Python. Every other line's lead_in is None."""
        if _NATIVE is None:
            out: list[str | None] = [None] * len(norms)
            candidates: Iterable[int] = range(len(norms))
        else:  # the lines' lead-ins found in C but where the upper-case test must read the line
            out, candidates = _NATIVE.lead_in_found(
                self._lead_filter or self._lead_in_filter(),  # built: no call to look it up
                norms,
                _LEAD_STRIP,
                self._lead_index,
                _LEAD_SEPARATOR_CHARS,
                _LEAD_DASH_CHARS,
            )
        for j in candidates:
            out[j] = self.lead_in(norms[j], texts[j])
        return out

    def _lead_in_filter(self) -> Any:
        """The compiled prefix filter of ``_lead_index`` (``lead_in_filter``), built on first use
        (two threads may both build it: the same tables)."""
        found = self._lead_filter
        if found is None:
            assert _NATIVE is not None
            found = self._lead_filter = _NATIVE.lead_in_filter(self._lead_index)
        return found

    def phrase_hits(self, joined: str) -> Iterable[tuple[int, int, str]]:
        """(start, end, category) of every phrase in ``joined``: lower-cased lines joined by newlines.

        The caller lower-cases once (it needs the lower-cased lines anyway), so
        the scan runs case-sensitively, which RE2 does faster. ``phrase_byte_hits``
        with its byte offsets made character offsets.
        """
        data = joined.encode()
        trie = self._trie
        if trie is not None and _NATIVE is not None:  # built: the compiled scan's flat hits, in one call
            flat = _NATIVE.phrase_hits(trie, data)  # (phrase_byte_hits' own, without its generator)
            if not flat:  # (most texts: a line or a label with no phrase)
                return ()
            hits: Iterable[tuple[int, str, int]] = zip(
                flat[0::3], map(self._categories.__getitem__, flat[1::3]), flat[2::3]
            )
        else:
            hits = self.phrase_byte_hits(data)
        return self._character_hits(joined, data, hits)

    @staticmethod
    def _character_hits(
        joined: str, data: bytes, hits: Iterable[tuple[int, str, int]]
    ) -> Iterator[tuple[int, int, str]]:
        """``phrase_hits``' (start, end, category) from the byte hits (start in bytes,
        category, length in characters) of ``joined``, whose UTF-8 form is ``data``."""
        if len(data) == len(joined):  # byte offsets are character offsets
            for start, category, length in hits:
                yield start, start + length, category
            return
        byte_pos = char_pos = 0  # last match start, in bytes and in characters
        for start, category, length in hits:
            char_pos += len(data[byte_pos:start].decode())  # matches start on character boundaries
            byte_pos = start
            yield char_pos, char_pos + length, category

    def phrase_byte_hits(self, data: bytes) -> Iterator[tuple[int, str, int]]:
        """(start, category, length in characters) of every phrase in the UTF-8 ``data``
        (lower-cased lines joined by newlines, as ``phrase_hits`` reads them), ``start``
        in bytes: for a caller that finds each hit's line in the bytes itself, where
        ``phrase_hits`` decodes the text up to every hit to give characters.

        Until the program is compiled (RE2 takes some 20 ms for the thousands of
        phrases, a tenth of ``cleaner clean`` of a one-line file), the first few short
        texts are scanned in Python instead (``_small_scan``), with the same hits."""
        if not self._phrase_bytes:
            return
        if _NATIVE is not None:
            if self._small_scan_first(data, self._trie):
                yield from self._small_scan(data)
                return
            hits = iter(_NATIVE.phrase_hits(self._phrase_trie(), data))  # flat: start, category, length
            categories = self._categories
            for start, category, length in zip(hits, hits, hits):
                yield start, categories[category], length
            return
        if self._small_scan_first(data, self._matcher):
            yield from self._small_scan(data)
            return
        phrases = self._phrase_bytes
        match = self._phrase_matcher().Match
        size = len(data)
        pos = 0  # where the next search starts
        while True:
            start, pos = match(_UNANCHORED, data, pos, size)[0]  # a phrase is never empty: it moves on
            if start < 0:
                return
            category, length = phrases[data[start:pos]]
            yield start, category, length

    def _phrase_matcher(self) -> Any:
        """The phrases' RE2 program (see ``compile``), compiled on its first use, once
        (under a lock: the lexicon is shared by threads); None without phrases."""
        if self._matcher is None and self._phrase_bytes:
            with _COMPILE_LOCK:
                if self._matcher is None:
                    self._matcher = _program(b"|".join(map(re2.escape, sorted(self._phrase_bytes))))
        return self._matcher

    def phrase_lines(
        self, data: bytes, lines: int, slack: int
    ) -> tuple[list[str | None], list[int], list[bool]] | None:
        """Per line of ``data`` (``lines`` lower-cased lines joined by newlines, in UTF-8):
        its first phrase's category, the characters inside phrases, and whether a phrase
        opens it within ``slack`` characters, in one compiled call (``scan_phrases``'
        lists); None without the compiled scan (or without phrases), where the caller
        puts ``phrase_byte_hits`` on the lines itself."""
        if _NATIVE is None or not self._phrase_bytes:
            return None
        trie = self._trie  # built (every call but the first few): no call to look it up
        if trie is None:
            if self._small_scan_first(data, None):
                return None
            trie = self._phrase_trie()
        return _NATIVE.phrase_lines(trie, data, lines, self._categories, slack)

    def _small_scan_first(self, data: bytes, scanner: Any) -> bool:
        """Whether ``data`` is scanned in Python (``_small_scan``) while ``scanner``, the
        compiled scan's trie or RE2's program, is not built (None): a one-line file is
        cleaned without building either (~7 ms for the trie, ~20 for the program), with
        the same hits; at most SMALL_SCANS texts of SMALL_SCAN_BYTES."""
        if scanner is None and len(data) <= SMALL_SCAN_BYTES and self._small_scans < SMALL_SCANS:
            self._small_scans += 1  # a count, not a lock: a thread's scan more or less changes no hit
            return True
        return False

    def _phrase_trie(self) -> Any:
        """The compiled scan's trie of the phrases, built on its first use, once (a few ms).
        A phrase holding a line break is left out, as RE2 (``never_nl``) never matches it."""
        if self._trie is None:
            with _COMPILE_LOCK:
                if self._trie is None and _NATIVE is not None:
                    index = {category: k for k, category in enumerate(self._categories)}
                    kept = [(p, c) for p, c in self._phrase_bytes.items() if p and b"\n" not in p]
                    self._trie = _NATIVE.phrase_trie(
                        [p for p, _ in kept], [index[c] for _, (c, _) in kept], [n for _, (_, n) in kept]
                    )
        return self._trie

    def _small_scan(self, data: bytes) -> Iterator[tuple[int, str, int]]:
        """``phrase_byte_hits`` without RE2, for a short text: at each byte, the longest
        phrase opening there, and on after it; the program's leftmost-longest hits (a
        phrase opens on a character's first byte, which no UTF-8 byte inside a
        character equals, so bytes and characters find the same)."""
        phrases, lengths = self._phrase_bytes, self._phrase_lengths
        pos, size = 0, len(data)
        while pos < size:
            for length in lengths.get(data[pos], ()):
                found = phrases.get(data[pos : pos + length]) if pos + length <= size else None
                if found is not None:
                    yield pos, found[0], found[1]
                    pos += length
                    break
            else:
                pos += 1

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
                if bare in chrome:
                    return True
                button = buttons.get(bare)
                if button is not None and button not in IN_ARTICLE_BUTTONS:
                    return True
        return False

    def has_zone_cues(self, norm: Sequence[str]) -> bool:
        """Whether any line can open or close an appeal zone (a cheap page-level test)."""
        if not (self.cta.isdisjoint(norm) and self.appeal_headers.isdisjoint(norm)):
            return True
        prefixes = self.appeal_header_prefixes
        if "" in prefixes:
            return bool(norm)
        # Only lines opening with a prefix's first character can start with a prefix: one
        # call (line_marks) rules out most lines, and each of the others is asked about the
        # prefixes with its first character alone. (The initials are made once per
        # lexicon: made per page they cost as much as the test.)
        initials, by_initial = self.derived_from(_HEADER_INITIALS_KEY, _header_initials)
        lines = norm if isinstance(norm, list) else list(norm)
        for j in edge_marked_lines(lines, None, 0, initials, ""):
            line = lines[j]
            if line.startswith(by_initial[line[0]]):
                return True
        return False

    def is_appeal_header(self, text: str, norm: str) -> bool:
        """A line that opens an appeal: "Dear readers," or "A Message from X:" (``norm``: normalised)."""
        if norm in self.appeal_headers:
            return True
        return (
            len(norm) <= MAX_HEADER_CHARS
            and norm.startswith(self.appeal_header_prefixes)
            and (text.rstrip().endswith(":") or len(norm.split()) <= MAX_HEADER_WORDS)
        )


def _upper_lead(text: str, lead: str) -> bool:
    """Whether ``text`` opens with ``lead`` in upper case and a headline in mixed case follows."""
    line = text.lstrip(_LEAD_STRIP)
    head, rest = line[: len(lead)], line[len(lead) :].lstrip()
    return (
        head.isupper()
        and lower_text(head) == lead
        and rest[:1].isupper()
        and not rest.isupper()  # an all-caps line is a headline, not a label before one
    )


MAX_HEADER_CHARS = 80
CHROME_MAX_CHARS = 40  # longer lines are never a menu entry; skip the lookup
_CHROME_STRIP = " |•·›»>-–*/:"
MAX_HEADER_WORDS = 7


def lexicon_dir() -> Path:
    return builtin_rules_dir() / LEXICON_DIR_NAME


def shipped_lexicon() -> Lexicon:
    """The shipped lexicons, loaded once per process: a Lexicon is read-only once
    compiled, so every Cleaner and the html stage share one (loading costs ~0.5 s)."""
    global _shipped
    with _shipped_lock:
        if _shipped is None:
            _shipped = load_lexicon()
        return _shipped


_shipped: Lexicon | None = None
_shipped_lock = threading.Lock()


def load_lexicon(folder: Path | None = None) -> Lexicon:
    """Load and merge every ``*.yaml`` lexicon of ``folder`` (default: the shipped ones).

    The merged tables come from the prebuilt store when it holds them for exactly these
    files and this code (the shipped lexicons, unless edited since: outlets/prebuilt.py);
    otherwise the files are read and merged here, and any problem reported."""
    paths = sorted((folder or lexicon_dir()).glob("*.yaml"))
    key = _lexicon_key(paths)
    stored = prebuilt(key) if key is not None else None
    lexicon = lexicon_from_plain(stored) if stored is not None else _merged(paths)
    lexicon.compile()
    return lexicon


def _merged(paths: list[Path]) -> Lexicon:
    """The lexicon files merged in order: the first entry of a text wins, and spelling
    variants come after every written entry."""
    lexicon = Lexicon()
    prefixes: list[str] = []
    variants = Lexicon()
    for path in paths:
        _merge_file(path, lexicon, prefixes, variants)
    # Written entries only, no spelling variants: the openers and tags are short words
    # whose unaccented forms are other words, and the pattern matches case-blind anyway.
    lexicon.contact_openers = tuple(dict.fromkeys(lexicon.contact_openers))
    lexicon.teaser_tags = tuple(dict.fromkeys(lexicon.teaser_tags))
    for table, extra in (
        (lexicon.phrase_category, variants.phrase_category),
        (lexicon.line_category, variants.line_category),
        (lexicon.lead_ins, variants.lead_ins),
    ):
        for text, category in extra.items():
            table.setdefault(text, category)
    lexicon.appeal_header_prefixes = tuple(prefixes)
    return lexicon


def _lexicon_key(paths: list[Path]) -> str | None:
    """The prebuilt store's key of these files merged by this code; None when one cannot
    be read (the merge then reports it)."""
    parts = [b"merged lexicon", _loader_code()]
    try:
        for path in paths:
            parts += [path.name.encode("utf-8", "surrogateescape"), path.read_bytes()]
    except OSError:
        return None
    return digest(*parts)


@cache
def _loader_code() -> bytes:
    """The code a merged lexicon depends on: this module (folding, normalising, merging)
    and the YAML reader."""
    return code_of(__file__) + yaml_reader_code()


# Button lines an extractor leaves inside an article's own text: an ad slot's marker
# ("Advertisement", "Anzeige", "Реклама") says nothing of a whole page's chrome.
IN_ARTICLE_BUTTONS = frozenset({"advertisement"})
_PLAIN_TABLES = ("phrase_category", "line_category", "lead_ins")  # text -> category, in order
_PLAIN_SETS = ("appeal_headers", "cta", "chrome_lines")
_PLAIN_TUPLES = ("appeal_header_prefixes", "contact_openers", "teaser_tags")  # in order


def lexicon_to_plain(lexicon: Lexicon) -> dict[str, Any]:
    """A merged lexicon's tables as JSON data (for the prebuilt store)."""
    plain: dict[str, Any] = {name: dict(getattr(lexicon, name)) for name in _PLAIN_TABLES}
    plain.update({name: sorted(getattr(lexicon, name)) for name in _PLAIN_SETS})
    plain.update({name: list(getattr(lexicon, name)) for name in _PLAIN_TUPLES})
    plain["languages"] = list(lexicon.languages)
    return plain


def lexicon_from_plain(plain: dict[str, Any]) -> Lexicon:
    """The merged lexicon ``lexicon_to_plain`` was given, not yet compiled (its own tables:
    the store's stay as they are for the next folder with the same files)."""
    tables: dict[str, Any] = {name: dict(plain[name]) for name in _PLAIN_TABLES}
    lexicon = Lexicon(**tables)
    for name in _PLAIN_SETS:
        setattr(lexicon, name, set(plain[name]))
    for name in _PLAIN_TUPLES:
        setattr(lexicon, name, tuple(plain[name]))
    lexicon.languages = list(plain["languages"])
    return lexicon


def prebuilt_lexicon_entry() -> tuple[str, dict[str, Any]]:
    """The prebuilt store's entry for the shipped lexicons (bench/prebuild.py)."""
    paths = sorted(lexicon_dir().glob("*.yaml"))
    key = _lexicon_key(paths)
    if key is None:
        raise RuleFileError(str(lexicon_dir()), None, None, "cannot read the shipped lexicons")
    return key, lexicon_to_plain(_merged(paths))


def _merge_file(path: Path, lexicon: Lexicon, prefixes: list[str], variants: Lexicon) -> None:
    from cleaner.outlets.yamlsource import load_yaml  # PyYAML: only when no prebuilt lexicon fits

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
            _register(phrase.lower(), category, lexicon.phrase_category, variants.phrase_category)
    for category, items in _category_lists(name, data, "lines"):
        for text in items:
            _register(normalise_line(text), category, lexicon.line_category, variants.line_category)
    for category, items in _category_lists(name, data, "lead_ins"):
        for text in items:
            lead = normalise_line(text).rstrip(_LEAD_STRIP)
            if not lead:
                raise RuleFileError(name, data.key_lines["lead_ins"], "lead_ins", f"empty lead-in {text!r}")
            _register(lead, category, lexicon.lead_ins, variants.lead_ins)
    lexicon.appeal_headers.update(normalise_line(t) for t in _strings(name, data, "appeal_headers"))
    prefixes.extend(t.lower() for t in _strings(name, data, "appeal_header_prefixes"))
    lexicon.cta.update(normalise_line(t) for t in _strings(name, data, "cta"))
    lexicon.chrome_lines.update(normalise_line(t) for t in _strings(name, data, "chrome_lines"))
    # in file order; ``_merged`` drops the repeats once all files are read
    lexicon.contact_openers += tuple(_word_entries(name, data, "contact_openers"))
    lexicon.teaser_tags += tuple(_word_entries(name, data, "teaser_tags"))


def _word_entries(name: str, data: LocatedDict, key: str) -> list[str]:
    """The entries of a list of words matched at a line's start or in brackets (contact
    openers, teaser tags): lower case, no end punctuation, spaces inside kept as written."""
    texts = _strings(name, data, key)  # checked: a list of non-empty strings
    out = []
    for text, line in zip(texts, data[key].item_lines if texts else ()):
        word = normalise_line(text).strip()
        if not word:
            raise RuleFileError(name, line, key, f"entry {text!r} has no word")
        out.append(word)
    return out


def _register(text: str, category: str, table: dict[str, str], variants: dict[str, str]) -> None:
    """Enter ``text`` (first file wins) and keep its spelling variants for later."""
    table.setdefault(text, category)
    for variant in spelling_variants(text):
        variants.setdefault(variant, category)


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
