"""The compiled ``first_literal`` (cleaner/native/first_literal.c) finds the literal the
RE2 program of ``LiteralFinder`` finds (the leftmost start; of those starting there, the
first listed): the shipped fingerprints over the corpus cases, the hostile strings, random
texts of a few pieces, literals of every width, overlapping and holding a line break; -2
for a lone surrogate, TypeError and ValueError for bad arguments."""

from __future__ import annotations

import random

import pytest

from cleaner.outlets.patterns import LiteralFinder
from cleaner.outlets.rules import load_rulebook
from tests.paths import CORPUS
from tests.test_native import HOSTILE, compiled

MODULE = compiled()
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")

SEED = 26
PIECES = ["a", "b", "ab", "é", "中", "\U0001f600", "\xa0", "\u2028", "\n", " ", "\ufeff", "ba"]
LITERALS = ["ab", "b", "aba", "é中", "\U0001f600a", "中", "a\nb", "\xa0b", "bab", "\ufeffa"]
# Literals of three characters or more, for the skipping scan: overlapping, sharing ends,
# of every width, and one whose units collide with others' in the scan's hash (a, A, !, \x81).
LONG_LITERALS = ["abab", "babb", "aba", "ab中a", "\U0001f600ab", "bbbbbbbb", "A!a", "a\x81A", "éaba", "abba"]
LONG_PIECES = ["a", "b", "A", "!", "\x81", "中", "é", "\U0001f600", " ", "ab", "ba"]


def _check(finder: LiteralFinder, text: str) -> None:
    """The compiled scan's literal against the program's (or the same error)."""
    try:
        expected: str | None | type = finder.first_by_program(text)
    except UnicodeEncodeError:
        expected = UnicodeEncodeError
    if expected is UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            finder.first(text)
    else:
        assert finder.first(text) == expected


def _shipped_finder() -> LiteralFinder:
    book = load_rulebook()
    return LiteralFinder(text for rules in book.outlets.values() for text in rules.fingerprints)


@needs_build
def test_shipped_fingerprints_on_corpus_and_hostile_texts() -> None:
    finder = _shipped_finder()
    fingerprints = list(finder._literals)
    assert fingerprints
    for path in sorted(CORPUS.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        _check(finder, text)
        for k, fingerprint in enumerate(fingerprints):  # each found, and the earlier one first
            _check(finder, text[: len(text) // 2] + fingerprint + text[len(text) // 2 :])
            _check(finder, fingerprint[:-1] + " " + fingerprints[k - 1] + fingerprint)
    for text in HOSTILE:
        _check(finder, text)
        _check(finder, text + fingerprints[-1])


@needs_build
def test_random_texts_and_literals() -> None:
    rng = random.Random(SEED)
    for _ in range(300):
        literals = rng.sample(LITERALS, rng.randint(1, len(LITERALS)))
        finder = LiteralFinder(literals)
        for _ in range(10):
            _check(finder, "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40))))
    for _ in range(300):  # the skipping scan: every literal three characters or more
        finder = LiteralFinder(rng.sample(LONG_LITERALS, rng.randint(1, len(LONG_LITERALS))))
        for _ in range(10):
            _check(finder, "".join(rng.choice(LONG_PIECES) for _ in range(rng.randint(0, 80))))
    for _ in range(300):  # the scan's two windows (first half, rest): literals put either side
        finder = LiteralFinder(rng.sample(LONG_LITERALS, rng.randint(1, len(LONG_LITERALS))))
        text = "".join(rng.choice(LONG_PIECES) for _ in range(rng.randint(0, 400)))
        for literal in rng.sample(LONG_LITERALS, 2):
            at = rng.randint(0, len(text))
            text = text[:at] + literal + text[at:]
        _check(finder, text)
    _check(LiteralFinder(["a"]), "b\ud800a")  # a lone surrogate: the program's encode raises
    _check(LiteralFinder(["abc"]), "abc\ud800")
    _check(LiteralFinder(["a"]), "a\ud800")


@needs_build
def test_bad_arguments() -> None:
    assert MODULE is not None
    assert MODULE.first_literal("a\udfffb", ("b",)) == -2
    assert MODULE.first_literal("", ()) == -1
    assert MODULE.first_literal("x" * 200_000 + "ab", ("ab",)) == 0
    with pytest.raises(TypeError):
        MODULE.first_literal(b"ab", ("a",))
    with pytest.raises(TypeError):
        MODULE.first_literal("ab", ["a"])
    with pytest.raises(TypeError):
        MODULE.first_literal("ab", (b"a",))
    with pytest.raises(TypeError):
        MODULE.first_literal("ab")
    with pytest.raises(ValueError):
        MODULE.first_literal("ab", ("",))


@needs_build
def test_has_lone_surrogate() -> None:
    """has_lone_surrogate says whether str.encode raises, on every width of str."""
    assert MODULE is not None
    texts = [*HOSTILE, "a" * 1000 + "\ud800", "中" * 300 + "\udfff" + "中", "\U0001f600" * 300 + "\udbff"]
    texts += ["\ud7ff\ue000\uf800", "中" * 513, "\U0001f600\ud800"]
    # a surrogate at every offset of the sixteen-unit steps and the 256-unit chunks, and past them
    texts += ["中" * before + "\udc00" + "中" * 20 for before in range(0, 300, 7)]
    for text in texts:
        try:
            text.encode("utf-8")
            encodes = True
        except UnicodeEncodeError:
            encodes = False
        assert MODULE.has_lone_surrogate(text) is not encodes, text[:40]
    with pytest.raises(TypeError):
        MODULE.has_lone_surrogate(b"ab")


@needs_build
def test_skip_tables() -> None:
    """literal_skips: None where the scan tries every start; its table gives the answer
    first_literal builds for itself; a table of other literals or not bytes is refused."""
    assert MODULE is not None
    assert MODULE.literal_skips(()) is None
    assert MODULE.literal_skips(("abc", "ab")) is None
    literals = ("abc", "bcd中", "\U0001f600xy" * 100)
    skips = MODULE.literal_skips(literals)
    assert isinstance(skips, bytes)
    for text in ["", "ab", "xabcd", "xbcd中abc", "q" * 1000 + "\U0001f600xy" * 100, *HOSTILE]:
        assert MODULE.first_literal(text, literals, skips) == MODULE.first_literal(text, literals)
        if not MODULE.has_lone_surrogate(text):  # told so, the same answer without the check
            assert MODULE.first_literal(text, literals, skips, True) == MODULE.first_literal(text, literals)
    assert MODULE.first_literal("abc\ud800", literals, skips, False) == -2
    assert MODULE.first_literal("abc\ud800", literals, None, True) == 0  # trusted: not read
    with pytest.raises(ValueError):
        MODULE.first_literal("abc", literals[:2], skips)
    with pytest.raises(ValueError):
        MODULE.first_literal("abc", ("abcd", *literals[1:]), skips)  # another window
    with pytest.raises(TypeError):
        MODULE.first_literal("abc", literals, bytearray(skips))
    with pytest.raises(TypeError):
        MODULE.first_literal("abc", ("ab",), skips)
    with pytest.raises(TypeError):
        MODULE.literal_skips(["abc"])
    with pytest.raises(ValueError):
        MODULE.literal_skips(("",))


def _first_listed(text: str, literals: tuple[str, ...]) -> int:
    """The literal at the leftmost start, the first listed of those there, or -1: by hand."""
    for start in range(len(text)):
        for j, literal in enumerate(literals):
            if text.startswith(literal, start):
                return j
    return -1


@needs_build
def test_chained_and_unchained_skip_tables() -> None:
    """A window of shift 0 tries the literals of its end hash by their chain (up to 127
    literals) or by every literal's hash (more): random literals over a few characters, so
    end hashes are shared, against the answer by hand."""
    assert MODULE is not None
    rng = random.Random(9)
    alphabet = "abc中é "
    for count in (1, 3, 10, 40, 127, 128, 200):
        for _ in range(20):
            words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(3, 7))) for _ in range(count)}
            literals = tuple(sorted(words))
            skips = MODULE.literal_skips(literals)
            for _ in range(5):
                text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
                assert MODULE.first_literal(text, literals, skips) == _first_listed(text, literals)
