"""Cleaner: runs the flow of docs/design.md section 1, and nothing else.

resolve outlet -> (html stage) -> blocks -> outlet text rules -> heuristics -> Result
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from cleaner import native
from cleaner.blocks import more_blocks_than, split_blocks
from cleaner.dates import read_date
from cleaner.document import Document
from cleaner.errors import InputError
from cleaner.outlets.resolver import OutletResolver
from cleaner.outlets.rules import OutletRules, RuleBook, load_rule_file, load_rulebook, rule_files
from cleaner.outlets.textrules import HELD_BACK_KEY, apply_text_rules, hold_back_learned
from cleaner.result import Result, Segment, build_segments

if TYPE_CHECKING:
    from cleaner.heuristics import HeuristicLabeler

MAX_TEXT_CHARS = 5_000_000  # larger documents are refused, not cleaned slowly
MAX_HTML_BYTES = 50_000_000
# Each line costs the heuristics about 1 KB of working state whatever its length, so a
# document of very many tiny lines would peak at hundreds of times its size. Real pages
# have at most a few thousand lines (6,570 blocks on the largest of 2,501 eval pages);
# this cap bounds a call's peak near 100 MB and refuses the rest.
MAX_BLOCKS = 100_000
# Lines of many documents whose heuristics run together in a batch (``_clean_batch``), at
# about 1 KB of working state each. A thousand lines (some 35 extracted pages) already pay
# the calls a page of a few dozen lines costs alone, and keep the working state in the
# processor's caches: on the dev pages' extracted text, batched as the dump runner batches,
# 19.4 MB/s against 16.9 with 20,000 lines a run (raw dumps 7.9 against 7.3; 500 and 250
# lines measured no better).
BATCH_MAX_LINES = 1_000
# A lone surrogate (a str built from a JSON escape such as "\ud800") is not Unicode: RE2 and
# the phrase scan need UTF-8 and lxml stops reading at one. The stages see this stand-in
# instead, one code point for one, so every offset stays valid for the original text.
SURROGATE_STAND_IN = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


class Cleaner:
    """Compiles rules once; ``clean`` is then cheap and safe from many threads.

    Nothing in ``clean`` writes to shared state: the rule book, the resolver
    and the heuristics are read-only once built (the heuristics on the first
    ``clean``, once, under a lock: see ``_Heuristics``).
    """

    def __init__(
        self,
        rules_paths: Sequence[str | os.PathLike[str]] | None = None,
        builtin_rules: bool = True,
        heuristics: bool = True,
        fallback: str | bool = "auto",
        use_env: bool = True,
    ) -> None:
        """``fallback`` is for html without outlet selectors: "auto" (or True) lets the
        page's block classifier find the article and trafilatura where it is unsure,
        "always" runs trafilatura on every such page (the behaviour before the
        classifier; slower), "never" (or False) the classifier alone."""
        self.rulebook: RuleBook = load_rulebook(rules_paths, builtin_rules, use_env)
        self.resolver = OutletResolver(self.rulebook)
        self._heuristics = _Heuristics(heuristics)
        self.fallback = fallback_mode(fallback)
        # None: the shipped html block classifier; bench/fit_html.py puts a fold's model here
        self.html_classifier: Any = None

    @property
    def heuristics(self) -> HeuristicLabeler | None:
        """The generic heuristics, None when built with ``heuristics=False``; loaded when
        first needed (see ``_Heuristics``)."""
        return self._heuristics.labeler()

    @heuristics.setter
    def heuristics(self, labeler: HeuristicLabeler | None) -> None:
        self._heuristics = _Heuristics(labeler is not None, labeler)

    def with_rules(self, rules_paths: Sequence[str | os.PathLike[str]]) -> Cleaner:
        """This Cleaner with more rule folders loaded after its own (learned outlet rules),
        sharing the compiled rules and heuristics it already has: the same as building it
        with those folders appended to ``rules_paths``, without compiling everything again."""
        return self.with_outlets([load_rule_file(path) for path in rule_files(Path(p) for p in rules_paths)])

    def with_outlets(self, outlets: Sequence[OutletRules]) -> Cleaner:
        """This Cleaner with more compiled outlets added after its own rules."""
        book = RuleBook(dict(self.rulebook.outlets), dict(self.rulebook.by_domain))
        for rules in outlets:
            book.add(rules)
        extended = copy.copy(self)
        extended.rulebook = book
        extended.resolver = OutletResolver(book)
        return extended

    def clean(
        self,
        text: str | None = None,
        *,
        html: str | bytes | None = None,
        url: str | None = None,
        outlet: str | None = None,
        date: dt.date | str | None = None,
    ) -> Result:
        """Split one document into body and boilerplate segments.

        A lone surrogate in ``text`` stays in the result (the stages read U+FFFD in its
        place), so the result is lossless for any str; in an html str it becomes U+FFFD.
        """
        if (text is None) == (html is None):
            raise InputError("give exactly one of text or html")
        record_date = None if date is None else parse_date(date)  # most calls give none
        if html is not None:
            return self._clean_html(html, url, outlet, record_date)
        assert text is not None
        doc, rules = self._text_document(text, url, outlet, record_date)
        # built already on every call but the first (``_Heuristics``): no call to ask for it
        heuristics = self._heuristics.built or self._heuristics.labeler()
        if heuristics is not None:
            doc.labels = heuristics.label(doc)
        return _result(doc, rules, url, text)

    def _clean_batch(self, documents: Sequence[Mapping[str, Any]]) -> list[Result | Exception]:
        """``clean(**arguments)`` of each of ``documents``, in order: its Result, or the
        exception it raised (one document's error never stops the others).

        The same results as one ``clean`` call after another, faster: the heuristics
        score the lines of many text documents at once (``HeuristicLabeler.label_many``),
        where a page of a few dozen lines cost more in calls than in work. Html pages are
        cleaned one by one. Documents are taken BATCH_MAX_LINES lines at a time (a larger
        one alone), so the working state stays bounded whatever the batch holds."""
        out: list[Result | Exception | None] = [None] * len(documents)
        ruled: list[tuple[int, _Ruled]] = []
        lines = 0
        for k, arguments in enumerate(documents):
            try:
                if arguments.get("html") is not None or not isinstance(arguments.get("text"), str):
                    out[k] = self.clean(**arguments)  # html, or what clean() refuses with its message
                    continue
                date = parse_date(arguments.get("date"))
                text = arguments["text"]
                url = arguments.get("url")
                document = _Ruled(*self._text_document(text, url, arguments.get("outlet"), date), url, text)
            except Exception as exc:  # handed back: the caller says what failed
                out[k] = exc
                continue
            if ruled and lines + len(document.doc.blocks) > BATCH_MAX_LINES:
                self._finish_batch(ruled, out)
                ruled, lines = [], 0
            ruled.append((k, document))
            lines += len(document.doc.blocks)
        self._finish_batch(ruled, out)
        return out  # type: ignore[return-value]

    def _finish_batch(self, ruled: list[tuple[int, _Ruled]], out: list[Result | Exception | None]) -> None:
        """The heuristics over ``ruled`` documents together, then each one's result (or
        error) into ``out`` at its index."""
        heuristics = self._heuristics.labeler()
        if heuristics is not None and ruled:
            try:
                labels = heuristics.label_many([r.doc for _, r in ruled])
            except Exception:  # a document the batch cannot take: each alone, so only it fails
                labels = None
            for j, (k, r) in enumerate(ruled):
                try:
                    r.doc.labels = labels[j] if labels is not None else heuristics.label(r.doc)
                except Exception as exc:
                    out[k] = exc
        for k, r in ruled:
            if out[k] is None:
                try:
                    out[k] = r.result()
                except Exception as exc:
                    out[k] = exc

    def _text_document(
        self, text: str, url: str | None, outlet: str | None, date: dt.date | None
    ) -> tuple[Document, OutletRules | None]:
        """A text document split into blocks, its outlet's rules applied (what the
        heuristics take), and those rules."""
        if not isinstance(text, str):
            raise InputError(f"text must be str, not {type(text).__name__}")
        size = len(text)
        if size > MAX_TEXT_CHARS:
            raise InputError(f"document too large ({size} characters, limit {MAX_TEXT_CHARS})")
        # ``_text_without_surrogates``, folded in: compiled, the text is only checked
        if _has_lone_surrogate is None:
            work, data = encoded_without_surrogates(text)
        else:
            work = _SURROGATE.sub(SURROGATE_STAND_IN, text) if _has_lone_surrogate(text) else text
            data = None
        # a non-blank line holds a character: a text no longer than the limit has no more lines
        if size > MAX_BLOCKS and more_blocks_than(work, MAX_BLOCKS):
            raise InputError(_too_many_lines(MAX_BLOCKS))
        rules = self.resolver.resolve(outlet, url, work, data, surrogate_free=True)  # ``work`` has none
        blocks = split_blocks(work)
        doc = Document(source=work, blocks=blocks, labels=[None] * len(blocks), url=url)
        if rules is not None:
            _apply_rules(doc, rules, date)
        return doc, rules

    def _clean_html(
        self, html: str | bytes, url: str | None, outlet: str | None, date: dt.date | None
    ) -> Result:
        from cleaner.html import page_document  # lazy: text users never pay for lxml

        if len(html) > MAX_HTML_BYTES:
            raise InputError(f"page too large ({len(html)} bytes, limit {MAX_HTML_BYTES})")
        utf8 = None
        if isinstance(html, str):  # the page text is derived, as from undecodable bytes
            html, utf8 = encoded_without_surrogates(html)
        rules = self.resolver.resolve(outlet, url, "")
        html_rules = rules.html if rules is not None else None
        doc = page_document(
            html,
            url=url,
            html_rules=html_rules,
            fallback=self.fallback,
            classifier=self.html_classifier,
            utf8=utf8,
        )
        if len(doc.blocks) > MAX_BLOCKS:  # text was counted before its blocks were built
            raise InputError(_too_many_lines(MAX_BLOCKS))
        if rules is None:
            rules = self.resolver.by_text(doc.source)
        return self._finish(doc, rules, url, date)

    def _finish(
        self, doc: Document, rules: OutletRules | None, url: str | None, date: dt.date | None
    ) -> Result:
        _apply_rules(doc, rules, date)
        heuristics = self._heuristics.labeler()
        if heuristics is not None:
            doc.labels = heuristics.label(doc)
        return _result(doc, rules, url, doc.source)


def _apply_rules(doc: Document, rules: OutletRules | None, date: dt.date | None) -> None:
    """The outlet's text rules (learned ones held back where they would empty the page)."""
    if rules is not None:
        doc.outlet = rules.key
        labelled = apply_text_rules(rules, doc.blocks, doc.labels, doc.in_article, date)
        doc.labels, held_back = hold_back_learned(doc.blocks, doc.labels, labelled)
        if held_back:
            doc.metadata[HELD_BACK_KEY] = True
        if doc.language is None and rules.languages:
            doc.language = rules.languages[0]


def _result(doc: Document, rules: OutletRules | None, url: str | None, text: str) -> Result:
    """The Result of a labelled document, its segments over ``text``, the text as given
    (``doc.source`` stands U+FFFD in for its lone surrogates: the same length)."""
    source = doc.source
    segments = build_segments(source, doc.blocks, doc.labels)
    result = Result(source, segments, rules.key if rules is not None else None, url, doc.metadata)
    return result if source is text else _on_source(result, text)


class _Ruled(NamedTuple):
    """A text document after its outlet rules, before the heuristics."""

    doc: Document
    rules: OutletRules | None
    url: str | None
    text: str  # as given: ``doc.source`` stands U+FFFD in for its lone surrogates

    def result(self) -> Result:
        return _result(self.doc, self.rules, self.url, self.text)


class _Heuristics:
    """A Cleaner's heuristic labeler, built on first use, once, whichever thread asks first.

    Its imports (numpy) and files (lexicons, line models) cost ten to twenty times all the
    rest of a Cleaner: built on first use, a Cleaner that never cleans (``cleaner rules
    list``, an adapter set up on a driver, a check of options) never pays for them. Copies
    of a Cleaner (``with_outlets``) share one. The dump runner builds it before it forks its
    workers (io/work.py), so they inherit it.
    """

    def __init__(self, wanted: bool, labeler: HeuristicLabeler | None = None) -> None:
        self.wanted = wanted
        self.built = labeler  # None until built (or never, ``wanted`` false)
        self._lock = threading.Lock()

    def labeler(self) -> HeuristicLabeler | None:
        if self.built is None and self.wanted:
            with self._lock:
                if self.built is None:
                    from cleaner.heuristics import HeuristicLabeler  # lazy: numpy, lexicons, weights

                    self.built = HeuristicLabeler()
        return self.built


def without_surrogates(text: str) -> str:
    """``text`` itself when it holds no lone surrogate, else a copy with each one replaced
    by SURROGATE_STAND_IN."""
    return encoded_without_surrogates(text)[0]


def encoded_without_surrogates(text: str) -> tuple[str, bytes]:
    """``without_surrogates(text)`` and its UTF-8 bytes, from one encoding: the html stage
    scans a page's bytes before parsing it, and encoding a page twice cost ~2% of its time."""
    try:
        return text, text.encode("utf-8")  # in C and fast; only a lone surrogate makes it fail
    except UnicodeEncodeError:
        clean = _SURROGATE.sub(SURROGATE_STAND_IN, text)
        return clean, clean.encode("utf-8")


# The compiled check for a lone surrogate (cleaner/native/first_literal.c), None on the pure path:
# compiled, the outlet fingerprint scan reads the str, so a text is only checked, not encoded
# (the encoding cost more than the compiled scan).
_has_lone_surrogate = native.MODULE.has_lone_surrogate if native.MODULE is not None else None


def _on_source(result: Result, source: str) -> Result:
    """The same segments over the original text (same length, so the same offsets)."""
    segments = [
        Segment(s.start, s.end, s.kind, s.category, s.rule, source[s.start : s.end]) for s in result.segments
    ]
    return Result(source, segments, result.outlet, result.url, result.metadata)


FALLBACK_MODES = ("auto", "always", "never")  # as cleaner/html takes them (not imported: lxml, numpy)


def fallback_mode(value: str | bool) -> str:
    """``True`` is "auto", ``False`` is "never"; anything else must be one of FALLBACK_MODES."""
    if value is True or value is False:
        return "auto" if value else "never"
    if value not in FALLBACK_MODES:
        raise ValueError(
            f"fallback must be one of {', '.join(FALLBACK_MODES)} (or True/False), not {value!r}"
        )
    return str(value)


def _too_many_lines(limit: int) -> str:
    return f"document has too many lines (more than {limit:,} non-blank): split it"


def parse_date(value: dt.date | str | None) -> dt.date | None:
    """Accept a date, a datetime or an ISO string (only its date part counts)."""
    try:
        return read_date(value)
    except ValueError:
        raise InputError(f"date {value!r} is not an ISO date like 2024-01-31") from None
    except TypeError:
        raise InputError(f"date must be a date or ISO string, not {type(value).__name__}") from None


_default: Cleaner | None = None
_default_lock = threading.Lock()


def default_cleaner() -> Cleaner:
    """The shared instance behind ``clean()``, built on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Cleaner()
    return _default


def clean(
    text: str | None = None,
    *,
    html: str | bytes | None = None,
    url: str | None = None,
    outlet: str | None = None,
    date: dt.date | str | None = None,
) -> Result:
    """Clean one document with the shared default Cleaner."""
    return default_cleaner().clean(text, html=html, url=url, outlet=outlet, date=date)


__all__ = ["Cleaner", "clean", "default_cleaner"]
