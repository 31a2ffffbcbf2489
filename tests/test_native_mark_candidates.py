"""The compiled pre-tests of article_lines' "name is" opening, phone and link patterns
(cleaner/native/mark_candidates.c) pass every line the regular expression matches, on the
corpus cases' lines, hostile strings and random lines made of the patterns' own parts,
and refuse bad arguments. Where the extension is not built, nothing calls them.
"""

from __future__ import annotations

import importlib
import random
from types import ModuleType

import pytest

from cleaner.heuristics.article_lines import _NAME_IS, _PHONE_FOUND, _PHONE_MIN_DIGITS
from tests.paths import CORPUS
from tests.test_native import HOSTILE

# The pieces the patterns are made of, and their near misses: capitals of each range's
# edges (and just past them: "×" is in À-Þ, "ß" is not), the copulas and their prefixes,
# blanks, digits (ASCII and others) and a phone number's separators.
PIECES = [
    "A",
    "Z",
    "À",
    "×",
    "Þ",
    "ß",
    "Ā",
    "Ž",
    "ž",
    "А",
    "Я",
    "а",
    "Ё",
    "a",
    "z",
    "É",
    "Ω",
    "is",
    "i",
    "was",
    "ist",
    "war",
    "est",
    "es",
    "è",
    "é",
    "är",
    "er",
    "jest",
    "je",
    "является",
    "работает",
    "has been",
    "has",
    "been",
    "Is",
    " ",
    " ",
    "  ",
    "\t",
    "\u00a0",
    "\n",
    "\u2028",
    ".",
    "'",
    "’",
    "-",
    ",",
    "_",
    "0",
    "1",
    "9",
    "٣",
    "１",
    "²",
    "(",
    ")",
    "/",
    "+",
    "12345",
    "555 0199",
    "http",
    "htt",
    "www.",
    "ww",
    "ｈttp",
    "\U0001f600",
    "\ud800",
]
ROUNDS = 3000
MAX_PIECES = 14


def compiled() -> ModuleType | None:
    """cleaner.native._compiled whatever the switch says, or None where it is not built."""
    try:
        return importlib.import_module("cleaner.native._compiled")
    except ImportError:
        return None


def _lines() -> list[str]:
    """Corpus lines, hostile strings' lines and random lines of PIECES."""
    lines = [line for path in sorted(CORPUS.rglob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    lines += HOSTILE + [line for text in HOSTILE for line in text.split("\n")]
    lines += [
        "Jane Doe is a reporter.",
        "Jane  is",
        "Mary Ann Lee Smith Jones is",
        "Ana é",
        "Ёлка работает ",
        "Tel. +1 (555) 010-0199",
        "1-2-3-4-5",
        "123456789",
        "12345678",
        "١٢٣٤٥٦٧٨٩",
    ]
    rng = random.Random(16)
    for _ in range(ROUNDS):
        lines.append("".join(rng.choice(PIECES) for _ in range(rng.randint(0, MAX_PIECES))))
    return lines


def test_every_line_the_patterns_match_is_a_candidate() -> None:
    module = compiled()
    if module is None:
        return
    lines = _lines()
    lows = [line.lower() for line in lines]
    digits = [sum(c in "0123456789" for c in low) for low in lows]
    names, phones, links = module.mark_candidates(lines, lows, digits, _PHONE_MIN_DIGITS)
    assert links == [j for j, low in enumerate(lows) if "http" in low or "www." in low]
    assert names == sorted(set(names)) and phones == sorted(set(phones))
    assert {j for j, line in enumerate(lines) if _NAME_IS.match(line)} <= set(names)
    wanted = {j for j, low in enumerate(lows) if digits[j] >= _PHONE_MIN_DIGITS and _PHONE_FOUND.search(low)}
    assert wanted <= set(phones)
    assert all(digits[j] >= _PHONE_MIN_DIGITS for j in phones)
    # the shape tests are exact for these patterns' parts: a candidate the regex turns down
    # is one whose words hold a character outside [\w.'’-]
    assert set(phones) == wanted
    # huge and negative digit counts: compared, never misread
    assert module.mark_candidates(["1234567890"] * 2, ["1234567890"] * 2, [2**80, -(2**80)], 8) == (
        [],
        [0],
        [],
    )


def test_mark_candidates_refuse_bad_arguments() -> None:
    module = compiled()
    if module is None:
        return
    assert module.mark_candidates([], [], [], 8) == ([], [], [])
    bad = [
        (["a"], ["a"], [1]),
        (["a"], ["a"], [1], "8"),
        (("a",), ["a"], [1], 8),
        (["a"], ["a", "b"], [1], 8),
        (["a"], [b"a"], [1], 8),
        ([1], ["a"], [1], 8),
        (["a"], ["a"], [1.0], 8),
        (["a"], ["a"], [], 8),
    ]
    for args in bad:
        with pytest.raises(TypeError):
            module.mark_candidates(*args)


def test_link_marks_found_at_every_place_and_width() -> None:
    """holds_link reads sixteen bytes, then eight, at a time: "http" and "www." (and their
    near misses) at every offset across two chunks and the words after, in lines of each
    string width, are found exactly where ``in`` finds them."""
    module = compiled()
    if module is None:
        return
    lows = []
    for filler in ("a", "é", "я", "\U0001f600"):
        for mark in ("http", "www.", "htp", "w.", "tp", "ww.", "httq", "wwv.", "hTtp"):
            for before in range(0, 41):
                for after in (0, 1, 5, 13, 20):
                    lows.append(filler * before + mark + filler * after)
                    lows.append("x" * before + mark + filler * after)
    digits = [0] * len(lows)
    _, _, links = module.mark_candidates(lows, lows, digits, _PHONE_MIN_DIGITS)
    assert links == [j for j, low in enumerate(lows) if "http" in low or "www." in low]


def test_phone_runs_found_across_chunks() -> None:
    """may_hold_phone passes sixteen ASCII characters without a decimal at once: a run of
    separators spanning chunks, a number at every offset around them, letters that end a
    run just before it, in lines of each width, give exactly the lines _PHONE_FOUND finds."""
    module = compiled()
    if module is None:
        return
    lows = []
    for filler in ("a", "x", "é", "я", "٣"):
        for number in ("12 34-56/78", "1234", "1 (2) 3 4 5 6 7 8 9", "12345 678"):
            for before in range(0, 40, 3):
                for gap in (0, 1, 15, 16, 17, 33):
                    lows.append(filler * before + "1" + " " * gap + number + filler)
                    lows.append(filler * before + "1" + filler + " " * gap + number)
                    lows.append(" " * before + number + "-" * gap + "9" + filler * gap)
                    lows.append(" " * before + "1" + filler * gap + "2345678")  # the run ends in the chunk
    digits = [sum(c in "0123456789" for c in low) for low in lows]
    _, phones, _ = module.mark_candidates(lows, lows, digits, _PHONE_MIN_DIGITS)
    assert phones == [
        j for j, low in enumerate(lows) if digits[j] >= _PHONE_MIN_DIGITS and _PHONE_FOUND.search(low)
    ]
