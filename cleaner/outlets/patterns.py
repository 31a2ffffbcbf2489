"""Linear-time patterns: rule regexes are checked, then compiled with RE2.

RE2 guarantees matching in time linear in the text, so a rule file from
anyone cannot hang the engine. On top of that we refuse, at load time, the
constructs that would be catastrophic in a backtracking engine (nested
unbounded repeats, backreferences, lookaround), so authors learn early that
such a pattern is a mistake, and the same rule works if someone ports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import re2

from cleaner import native

try:  # Python 3.11+ keeps the parser here; it only reads the pattern.
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older layouts
    import sre_parse  # type: ignore[no-redef]

MAX_PATTERN_LENGTH = 2000
_UNBOUNDED = 65535  # sre's MAXREPEAT as seen through the parser

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False
_OPTIONS.never_nl = True  # a match never crosses a line: patterns are per line


class PatternError(ValueError):
    """A pattern is not acceptable; the message says why."""


def check_pattern(pattern: str) -> None:
    """Raise PatternError unless ``pattern`` is a safe, one-line regex."""
    if not isinstance(pattern, str) or not pattern:
        raise PatternError("pattern must be a non-empty string")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    try:
        parsed = sre_parse.parse(_for_python_parser(pattern))
    except Exception as exc:  # re.error and friends
        raise PatternError(f"invalid regex: {exc}") from None
    _walk(list(parsed), inside_repeat=False)


# RE2 syntax that Python's parser does not know, replaced by a same-shaped atom.
_RE2_ONLY = re.compile(r"\\[pP]\{\w+\}|\\[pP]\w|\(\?[imsU-]+\)")


def _for_python_parser(pattern: str) -> str:
    """Rewrite RE2-only atoms (Unicode classes, inline flags mid-pattern)."""
    return _RE2_ONLY.sub(lambda m: "" if m.group(0).startswith("(") else "x", pattern)


def _walk(items: Iterable[Any], inside_repeat: bool) -> None:
    for op, arg in items:
        name = str(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            raise PatternError("backreferences are not allowed (not linear-time)")
        if name in ("ASSERT", "ASSERT_NOT"):
            raise PatternError("lookaround is not allowed (not linear-time)")
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = arg
            unbounded = high >= _UNBOUNDED or high > 1000
            if unbounded and inside_repeat and _can_repeat(list(sub)):
                raise PatternError(
                    "nested unbounded repetition such as (a+)+ is not allowed (catastrophic backtracking)"
                )
            _walk(list(sub), inside_repeat or unbounded)
        elif name == "SUBPATTERN":
            _walk(list(arg[-1]), inside_repeat)
        elif name == "BRANCH":
            for branch in arg[1]:
                _walk(list(branch), inside_repeat)
        elif name == "ATOMIC_GROUP":
            _walk(list(arg), inside_repeat)


def _can_repeat(items: list[Any]) -> bool:
    """True when the sub-pattern can match more than a fixed-size string."""
    return bool(items)


def compile_pattern(pattern: str) -> Any:
    """Check and compile one pattern for per-line matching."""
    check_pattern(pattern)
    try:
        return re2.compile(pattern, _OPTIONS)
    except Exception as exc:
        raise PatternError(f"regex not supported by the linear-time engine: {_message(exc)}") from None


def _message(exc: Exception) -> str:
    message = exc.args[0] if exc.args else exc
    if isinstance(message, bytes):
        return message.decode("utf-8", "replace")
    return str(message)


def compile_lines_pattern(pattern: str) -> Any:
    """Compile a checked pattern to scan many lines at once.

    The program works on UTF-8 bytes of the lines joined by newlines: the
    Python wrapper re-encodes a str text on every match, bytes it takes as is.
    """
    return re2.compile(b"(?m)" + pattern.encode("utf-8"), _OPTIONS)


def compile_pattern_set(patterns: Iterable[str]) -> Any | None:
    """One RE2 set that tells, in a single pass, which patterns match anywhere."""
    items = list(patterns)
    if not items:
        return None
    pattern_set = re2.Set.SearchSet(_OPTIONS)
    try:
        for pattern in items:
            pattern_set.Add(b"(?m)" + pattern.encode("utf-8"))
        pattern_set.Compile()
    except Exception as exc:  # re2.Error: past RE2's memory limit for one program
        raise PatternError(f"the patterns are too large to compile together ({_message(exc)})") from None
    return pattern_set


def program_size(compiled: Any) -> int:
    """RE2 instructions of a compiled pattern: what its compile time and memory grow with."""
    return int(compiled.programsize)


# The compiled scan of a str and its skip table (cleaner/native/first_literal.c), None on the pure path.
_native_first_literal = native.MODULE.first_literal if native.MODULE is not None else None
_native_literal_skips = native.MODULE.literal_skips if native.MODULE is not None else None
_LONE_SURROGATE = -2  # first_literal's answer for a text without UTF-8: the program's path raises


class LiteralFinder:
    """Finds the first of a set of literal strings in a text, with one RE2 program.

    The program runs on the text's UTF-8 bytes, called below the wrapper: the
    wrapper's str search maps offsets back to characters in Python on every call,
    which cost more than the scan of a short page. Where the extension is built,
    first_literal reads the str itself instead (same answer), skipping along it: it
    needs no UTF-8, and it reads a small part of the units the program's DFA reads.
    """

    def __init__(self, literals: Iterable[str]) -> None:
        kept = [text for text in literals if text]
        escaped = [re2.escape(text.encode("utf-8")) for text in kept]
        self._program = _program(b"|".join(escaped)) if escaped else None
        # the program never matches across a line (never_nl): nor does a literal holding one
        self._literals = tuple(text for text in kept if "\n" not in text)
        # the compiled scan's skip table, built once rather than on every text
        self._skips = _native_literal_skips(self._literals) if _native_literal_skips is not None else None

    def first(self, text: str, data: bytes | None = None, surrogate_free: bool = False) -> str | None:
        """The literal that starts first in ``text`` (of those starting there, the first
        listed), or None; ``data``: ``text`` in UTF-8, when the caller has it;
        ``surrogate_free``: the caller has checked ``text`` holds no lone surrogate (the
        compiled scan then reads only what it skips to)."""
        if self._program is None:
            return None
        if _native_first_literal is not None:
            found = _native_first_literal(text, self._literals, self._skips, surrogate_free)
            if found != _LONE_SURROGATE:
                return self._literals[found] if found >= 0 else None
        return self.first_by_program(text, data)

    def first_by_program(self, text: str, data: bytes | None = None) -> str | None:
        """``first`` by the RE2 program over UTF-8 bytes: the pure path and the twin's reference."""
        if self._program is None:
            return None
        if data is None:
            data = text.encode("utf-8")
        start, end = self._program.Match(_UNANCHORED, data, 0, len(data))[0]
        return None if start < 0 else data[start:end].decode("utf-8")


_UNANCHORED = re2._re2.RE2.Anchor.UNANCHORED


def _program(pattern: bytes) -> Any:
    """``pattern`` compiled as RE2's own program (what ``re2.compile`` wraps)."""
    program = re2._re2.RE2(pattern, _OPTIONS)
    if not program.ok():
        raise re2.error(program.error())
    return program
