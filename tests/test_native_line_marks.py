"""The decisions' compiled line pre-tests (cleaner/native/_line_marks.c) give what their Python
originals give, on every corpus case and on hostile strings (empty lines, 200,000-character
lines, lone surrogates, astral characters, NEL and U+2028, NBSP, zero-width space, BOM),
and the contact lines' pre-test passes every line whose address the full test would find.

Where the extension is not built, the tests check that the pure path is the live one.
"""

from __future__ import annotations

import random
import re
import sys
from types import ModuleType

import pytest

from cleaner import native
from cleaner.heuristics.comment_threads import NOISY_END, NOISY_START, OPENER_MAX_WORDS
from cleaner.heuristics.contact_lines import (
    _EMAIL,
    _HANDLE,
    _NETWORK,
    _PROFILE_URL,
    CONTACT_LINE_MAX_CHARS,
    CONTACT_LINE_MAX_WORDS,
    FOLDED_LETTERS,
    MIN_NETWORKS,
    NETWORK_NAMES,
    _holds_address_mark,
    address_marked_python,
)
from cleaner.heuristics.decisions import _MACHINE_OPENINGS, ANY_LENGTH
from cleaner.heuristics.lexicon import _LEAD_STRIP, normalise_line, shipped_lexicon
from cleaner.heuristics.line_marks import edge_marked_lines_python, kept_lines_python, marked_lines_python
from cleaner.heuristics.share_bars import BAR_MARKS
from cleaner.result import Label
from tests.paths import CORPUS
from tests.test_native import HOSTILE

# Lines that sit on the pre-tests' edges: marks at the ends, names in odd cases and with the
# letters a case-blind pattern folds, every kind of line break and white space.
EDGES = [
    "",
    " ",
    "@",
    "/",
    "a/b",
    "Follow us on FACEBOOK and InStAgRaM",
    "follow us on \u0130nstagram and Twitter",  # dotted capital I
    "\u0131nstagram",  # dotless i
    "lin\u212aedin",  # Kelvin sign
    "\u017fnapchat",  # long s
    "faceboo",
    "facebookfacebook",
    "t",
    "tw",
    "thread",
    "threads",
    "Write to ann@example.com",
    "x.com/ann",
    "\u00a0(12) Comments",
    "Comments (12)",
    "| READER COMMENTS |",
    "\u2028Facebook WhatsApp Telegram\u2029",
    "\x85hatsApp\x85",
    "\ufeffelegram",
    "\u200bacebook",
    "2024-05-01T10:00:00Z",
    "\thttps://example.com/a.jpg",
    "\U0001f600 [VIDEO] \U0001f600",
    "【视频】 新闻",
    "Caption text (Photo: Ann Lee)",
    "© AFP",
    "lone \ud800 surrogate )",
    "\udfff",
    "x" * 200_000,
    "@" + "x" * 200_000,
    "x" * 200_000 + "facebook",
    ("word " * 50_000).strip(),
]


def compiled() -> ModuleType | None:
    """The compiled module, or None where it is not built (then the pure path is live)."""
    return native.MODULE


def _pages() -> list[list[str]]:
    """The corpus cases and the hostile strings, cut into lines as a page is, and EDGES."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))] + HOSTILE
    pages = [text.split("\n") for text in texts]
    pages += [text.splitlines() for text in HOSTILE]  # NEL, U+2028 and the rest as breaks
    pages.append(EDGES)
    pages.append(
        [chr(c) for c in range(0, 0x110000, 97)] + list(FOLDED_LETTERS)
    )  # every width, surrogates too
    return pages


def _words(lines: list[str]) -> list[int]:
    return [len(line.split()) for line in lines]


def test_marked_lines_are_the_python_ones() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    marks_sets = [(")", "©"), ("[", "【"), BAR_MARKS, ("",), ("\U0001f600",), ("\ud800",), ("a b",), ()]
    for page in _pages():
        for marks in marks_sets:
            for max_chars in (ANY_LENGTH, 120, 0, 1):
                assert module.marked_lines(page, marks, max_chars) == marked_lines_python(
                    page, marks, max_chars
                )
    with pytest.raises(TypeError):
        module.marked_lines(["a", None], (")",), 5)
    with pytest.raises(TypeError):
        module.marked_lines(["a"], [")"], 5)
    with pytest.raises(TypeError):
        module.marked_lines(["a"], (b")",), 5)


def test_edge_marked_lines_are_the_python_ones() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    char_sets = [
        (NOISY_START, NOISY_END),
        (_MACHINE_OPENINGS, ""),
        ("", ""),
        ("\U0001f600\ud800\x85\u2028", "\udfff\ufeff\u200b"),
        ("".join(map(chr, range(0x80))), "a"),
    ]
    for page in _pages():
        words = _words(page)
        for firsts, lasts in char_sets:
            for counts, most in ((None, 0), (words, OPENER_MAX_WORDS), (words, 0), (words, -1)):
                live = module.edge_marked_lines(page, counts, most, firsts, lasts)
                assert live == edge_marked_lines_python(page, counts, most, firsts, lasts)
    huge = [10**30, -(10**30), 3]
    assert module.edge_marked_lines(["1", "1", "1"], huge, 5, "1", "") == [1, 2]
    assert edge_marked_lines_python(["1", "1", "1"], huge, 5, "1", "") == [1, 2]
    with pytest.raises(TypeError):
        module.edge_marked_lines(["a", 5], None, 0, "a", "")
    with pytest.raises(TypeError):
        module.edge_marked_lines(["a"], [1, 2], 0, "a", "")
    with pytest.raises(TypeError):
        module.edge_marked_lines(["a"], ["one"], 0, "a", "")


def test_address_marks_are_the_python_ones() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    for page in _pages():
        words = _words(page)
        for most_words, most_chars in ((CONTACT_LINE_MAX_WORDS, CONTACT_LINE_MAX_CHARS), (10**6, ANY_LENGTH)):
            live = module.address_marked(page, words, most_words, most_chars)
            assert live == address_marked_python(page, words, most_words, most_chars)
    rng = random.Random(5)
    alphabet = list("facebookinstagramtwitterlINKEDsnapchat@/ .-") + list(FOLDED_LETTERS) + ["\U0001f600"]
    made = ["".join(rng.choices(alphabet, k=rng.randrange(0, 14))) for _ in range(20_000)]
    made_words = [1] * len(made)
    assert module.address_marked(made, made_words, 1, 100) == address_marked_python(made, made_words, 1, 100)
    with pytest.raises(TypeError):
        module.address_marked(["a"], [1, 2], 40, 600)
    with pytest.raises(TypeError):
        module.address_marked([b"a"], [1], 40, 600)


def _name_pieces(rng: random.Random, widths: list[str]) -> str:
    """A line made of network names' heads and tails in random case, with a character of
    each string width between them: what the four-letter prefix scan must not misread."""
    pieces: list[str] = []
    for _ in range(rng.randrange(0, 6)):
        name = rng.choice(NETWORK_NAMES)
        cut = rng.randrange(0, len(name) + 1)
        piece = name[:cut] if rng.random() < 0.5 else name[cut:]
        pieces.append("".join(ch.upper() if rng.random() < 0.3 else ch for ch in piece))
        pieces.append(rng.choice(widths))
    return "".join(pieces)


def test_address_marks_read_name_prefixes_at_every_edge() -> None:
    """The compiled scan tests a name's first four letters from tables: names and their
    heads at each end of a line, in each string width, must give the Python answers."""
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    widths = ["", "a", " ", "\u00e9", "\u00ff", "\u0100", "\u2028", "\ud800", "\U0001f600", "@"]
    lines = [
        pad + name[:cut] + tail
        for name in NETWORK_NAMES
        for cut in range(len(name) + 1)
        for pad in ("", "x", "\u0101", "\U0001f600")
        for tail in ("", "\u0101", "\U0001f600", name[cut:].upper())
    ]
    rng = random.Random(23)
    lines += [_name_pieces(rng, widths) for _ in range(20_000)]
    words = [1] * len(lines)
    assert module.address_marked(lines, words, 1, 10**6) == address_marked_python(lines, words, 1, 10**6)


def test_kept_lines_are_the_python_ones() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    rng = random.Random(3)
    label = Label("other", "heuristic:test")
    for n in (0, 1, 7, 300):
        local = [rng.choice([None, label]) for _ in range(n)]
        usable = [rng.random() < 0.7 for _ in range(n)]
        assert module.kept_lines(local, usable) == kept_lines_python(local, usable)
        assert module.kept_lines(local, None) == kept_lines_python(local, None)
    with pytest.raises(TypeError):
        module.kept_lines([None], [1])
    with pytest.raises(TypeError):
        module.kept_lines([None], [True, True])
    with pytest.raises(TypeError):
        module.kept_lines((None,), None)


def test_the_folded_letters_are_all_a_case_blind_pattern_folds() -> None:
    """Outside ASCII, the characters re.IGNORECASE matches to an ASCII letter, and those
    whose lower() holds one, are FOLDED_LETTERS: the contact pre-test reads only them."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    folded = {
        chr(c)
        for c in range(0x80, sys.maxunicode + 1)
        if letter.fullmatch(chr(c)) or any(ch.isascii() and ch.isalpha() for ch in chr(c).lower())
    }
    assert folded == set(FOLDED_LETTERS)


def test_the_address_mark_passes_every_line_with_an_address() -> None:
    """``_holds_address_mark`` never turns away a line (of the size the contact test reads)
    that the contact test's address patterns accept, so the pre-test leaves the decision's
    lines as they were."""
    # (the longer lines never meet the test: its patterns backtrack over a long run of letters)
    lines = [line for page in _pages() for line in page if len(line) <= CONTACT_LINE_MAX_CHARS]
    lines += [
        f"Follow us on {a} and {b}" for a in NETWORK_NAMES for b in ("X", "T\u0130KTOK", "\u017fnapchat")
    ]
    lines += ["Follow me: tik\u212aok and INSTAGRAM", "Follow us on \u0131nstagram, Threads"]
    for line in lines:
        holds = (
            _EMAIL.search(line) is not None
            or _HANDLE.search(line) is not None
            or _PROFILE_URL.search(line) is not None
            or len({m.lower() for m in _NETWORK.findall(line)}) >= MIN_NETWORKS
        )
        assert not holds or _holds_address_mark(line), line


LEAD_LINES = [
    "read more: council split over parking",
    "» read more – council split",
    "  ›› lesen sie auch: die stadt",
    "read more about it in the report",
    "le puede interesar: el pleno",
    "related",
    "»»»",
    "-",
    "ये भी पढ़ें: मेट्रो",
    "อ่านเพิ่มเติม: ข่าว",
    "\u00a0read more: a",
    "[read more] a",
    "【相关阅读】 新闻",
]


def _lead_lines() -> list[str]:
    """The pre-tests' pages (``_pages``) and the lead-in edges, normalised as the labeler reads them."""
    return [normalise_line(text) for text in [*LEAD_LINES, *(line for page in _pages() for line in page)]]


def test_lead_in_candidates_hold_every_lead_in() -> None:
    """The compiled pre-test passes every line whose lead_in is not None, and only lines
    that open (after the strip characters) with a lead-in's text: lead_ins_of gives what
    lead_in gives line by line."""
    lexicon = shipped_lexicon()
    norms = _lead_lines()
    texts = norms
    expected = [lexicon.lead_in(norm, text) for norm, text in zip(norms, texts)]
    assert any(expected)  # the edges hold real lead-ins
    assert lexicon.lead_ins_of(norms, texts) == expected
    if native.MODULE is None:  # the pure path reads every line
        assert not native.AVAILABLE
        return
    candidates = native.MODULE.lead_in_candidates(norms, _LEAD_STRIP, lexicon._lead_index)
    assert candidates == sorted(set(candidates))
    assert {j for j, found in enumerate(expected) if found is not None} <= set(candidates)
    for j in candidates:
        line = norms[j].lstrip(_LEAD_STRIP)
        assert line.startswith(lexicon._lead_index[line[:1]][0])
    for j in set(range(len(norms))) - set(candidates):
        line = norms[j].lstrip(_LEAD_STRIP)
        entry = lexicon._lead_index.get(line[:1])
        assert entry is None or not line.startswith(entry[0])


def test_lead_in_candidates_refuse_bad_arguments() -> None:
    if native.MODULE is None:
        assert not native.AVAILABLE
        return
    compiled = native.MODULE
    with pytest.raises(TypeError):
        compiled.lead_in_candidates(["a"], " ")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        compiled.lead_in_candidates([1], " ", {})  # type: ignore[list-item]
    with pytest.raises(TypeError):
        compiled.lead_in_candidates(["a"], " ", {"a": ("a",)})
    assert compiled.lead_in_candidates([], " ", {}) == []


def _lead_in_candidates_by_definition(
    norms: list[str], strip: str, index: dict[str, tuple[tuple[str, ...]]]
) -> list[int]:
    """lead_in_candidates as its docstring defines it, one line at a time."""
    found = []
    for j, norm in enumerate(norms):
        line = norm.lstrip(strip)
        entry = index.get(line[:1]) if line else None
        if entry is not None and line.startswith(entry[0]):
            found.append(j)
    return found


class _Key(str):
    """A str subclass as a key: the initials' filter is then not used."""


def test_lead_in_candidates_filter_by_initial_as_the_dict_does() -> None:
    """The compiled initials' filter (a key's low bits) only skips lines the dict lookup
    would miss: keys past ASCII sharing low bits, astral and surrogate keys, and indexes
    whose keys are not all one-character str (then every initial goes to the dict)."""
    if native.MODULE is None:
        assert not native.AVAILABLE
        return
    Index = dict[str, tuple[tuple[str, ...]]]
    wide: Index = {
        "\u0430": (("\u0430\u0431",),),
        "\u0830": (("\u0830",),),
        "\U0001f600": (("\U0001f600x",),),
    }
    wide["\ud800"] = (("\ud800",),)
    ascii_keys: Index = {"a": (("ab", "a c"),), "0": (("0",),)}
    indexes: list[Index] = [
        wide,
        ascii_keys,
        {**wide, **ascii_keys},
        {**wide, "ab": (("ab",),)},
        {**wide, _Key("b"): (("b",),)},
        {},
    ]
    rng = random.Random(22)
    alphabet = "ab c0\u0430\u0431\u0830\u0c30\U0001f600\ud800\u2028\xa0 \u2022"
    norms = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(6))) for _ in range(3000)]
    norms += _lead_lines()
    for strip in (_LEAD_STRIP, "", " \u2022\u0830"):
        for index in indexes:
            live = native.MODULE.lead_in_candidates(norms, strip, index)
            assert live == _lead_in_candidates_by_definition(norms, strip, index)


# Lines of each str width (ASCII, Latin-1, UCS-2, UCS-4) and marks above and below each
# width: a one-character mark wider than a line is skipped without a search.
WIDTH_LINES = [
    "",
    "plain ascii - line / here",
    "latin \u00e9 \u00b7 \u00a9 line",
    "latin without the marks \u00e9",
    "ucs2 \u2013 \u2014 \u2022 \u3010 line",
    "ucs2 \u2028 only",
    "astral \U0001f600 [x] line",
    "astral \U0001f600 only",
    *HOSTILE,
]
WIDTH_MARKS = [
    ("\u00a9",),
    ("\u2013", "\u00b7"),
    ("[", "\u3010"),
    ("\U0001f600",),
    ("-", "|", "\u00b7", "\u2022", "/", "\u2013", "\u2014"),
    ("acebook", "\u00e9 \u00b7"),
]


@pytest.mark.skipif(native.MODULE is None, reason="extension not built")
@pytest.mark.parametrize("marks", WIDTH_MARKS)
def test_marks_wider_than_a_line_are_skipped_as_the_search_would(marks: tuple[str, ...]) -> None:
    """``marked_lines`` and ``kept_marked_lines`` give their Python originals' lines for
    marks above and below each line's width."""
    assert native.MODULE is not None
    texts = list(WIDTH_LINES)
    expected = marked_lines_python(texts, marks, ANY_LENGTH)
    assert native.MODULE.marked_lines(texts, marks, ANY_LENGTH) == expected
    local = [None] * len(texts)
    assert native.MODULE.kept_marked_lines(texts, local, None, marks, ANY_LENGTH) == expected
    usable = [j % 2 == 0 for j in range(len(texts))]  # every other line dropped
    kept = native.MODULE.kept_marked_lines(texts, local, usable, marks, ANY_LENGTH)
    assert kept == [j for j in expected if usable[j]]
