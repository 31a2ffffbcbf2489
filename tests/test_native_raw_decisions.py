"""The raw dump's compiled decision twins (cleaner/native/raw_decisions.c) give what their
Python originals give: button-and-phrase-lines' labels, ``lexicon_features``' columns,
``Lexicon.has_zone_cues`` and ``Lexicon.shows_chrome``, after-terminator's
``_last_prose_run`` and ``kept_chars``, and repeat's ``repeat_lines``, on every page the
cleaner reads from the corpus cases, the hostile strings and random texts, and on random
lines and flags; and they refuse bad arguments with TypeError.
"""

from __future__ import annotations

import dataclasses
import random
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from cleaner import native
from cleaner.engine import Cleaner
from cleaner.heuristics import contact_lines, decisions, edges, labeler, line_marks, terminators, zones
from cleaner.heuristics.caption_credits import CREDIT_MARKS
from cleaner.heuristics.lexicon import normalise_line, shipped_lexicon
from cleaner.heuristics.share_bars import BAR_MARKS
from cleaner.heuristics.teaser_tags import TAG_BRACKETS
from tests.paths import CORPUS
from tests.test_native import HOSTILE
from tests.test_native_line_marks import EDGES

needs_twin = pytest.mark.skipif(native.MODULE is None, reason="the compiled twins are not live")

SEED = 19
RANDOM_PAGES = 40
WORDS = ["the", "council", "Home", "News", "Share", "Comments", "Donate", "Dear readers,", "said.", "•"]  # fmt: skip


def _module() -> ModuleType:
    assert native.MODULE is not None
    return native.MODULE


def _random_text(rng: random.Random) -> str:
    """A page of short and long lines, some repeated, some menu or button entries."""
    lines: list[str] = []
    for _ in range(rng.randint(1, 120)):
        if lines and rng.random() < 0.2:
            lines.append(rng.choice(lines))
            continue
        size = rng.choice([1, 2, 3, 5, 9, 14, 30])
        lines.append(" ".join(rng.choice(WORDS) for _ in range(size)))
    return "\n".join(lines)


def _texts() -> list[str]:
    rng = random.Random(SEED)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))] + HOSTILE
    return texts + [_random_text(rng) for _ in range(RANDOM_PAGES)]


def _line_lists() -> list[list[str]]:
    """Every text cut into lines, EDGES, and lines of every width (surrogates too)."""
    pages = [text.split("\n") for text in _texts()] + [EDGES]
    pages.append([chr(c) for c in range(0, 0x110000, 97)])
    return pages


@needs_twin
def test_button_and_phrase_lines_label_as_the_python_original(monkeypatch: pytest.MonkeyPatch) -> None:
    checked = 0

    def both(page: decisions.LinePage) -> None:
        nonlocal checked
        reference = dataclasses.replace(page, local=list(page.local))
        reference.every_usable = page.every_usable
        decisions.label_button_and_phrase_lines_python(reference)
        decisions.label_button_and_phrase_lines(page)
        assert page.local == reference.local
        assert [a is b for a, b in zip(page.local, reference.local)] == [True] * len(page.local)
        checked += 1

    table = tuple(
        (name, both if name == "button-and-phrase-lines" else decision)
        for name, decision in labeler.DECISIONS
    )
    monkeypatch.setattr(labeler, "DECISIONS", table)
    cleaner = Cleaner()
    for text in _texts():
        cleaner.clean(text)
    assert checked


class _Folded(str):
    """A str equal to any other of its lower case, whatever its length: the entries' filter
    must not skip the lookup of a str that is no exact str."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and self.lower().strip() == other.lower().strip()

    def __hash__(self) -> int:
        return hash(self.lower().strip())


def _buttons(norms: list[str], table: dict[Any, str]) -> list[Any]:
    """button_phrase_lines' labels of `norms` (no phrase line, no cut) with the filter of `table`
    (line_entry_filter): each line's entry or None."""
    local: list[Any] = [None] * len(norms)
    n = len(norms)
    labels = {category: f"label:{category}" for category in set(table.values())}
    entries = _module().line_entry_filter(table)
    _module().button_phrase_lines(
        norms,
        table,
        [False] * n,
        float("-inf"),
        [0.0] * n,
        local,
        None,
        [None] * n,
        labels,
        {},
        "classifier",
        entries,
    )
    return local


@needs_twin
def test_button_entries_filter_lets_every_key_through() -> None:
    """The keys' length and first-character filter drops only lines no key equals: short, long
    (past the length bits), wide and astral keys all found; a table with a key that is no exact
    str gets no filter (None: every line looked up)."""
    table: dict[Any, str] = {"share": "share", "x" * 70: "long", "ок": "wide", "\U0001f600": "astral"}
    norms = ["share", "shar", "sharex", "x" * 70, "x" * 71, "ок", "оk", "", "\U0001f600", "reply", "x" * 64]
    assert _buttons(norms, table) == [None if table.get(n) is None else f"label:{table[n]}" for n in norms]
    assert _buttons(["a" * 30, "a" * 29], {"a" * 30: "long"}) == ["label:long", None]
    assert _buttons([_Folded(" SHARE ")], {"share": "share"}) == ["label:share"]
    folded: dict[Any, str] = {_Folded("share"): "share"}
    assert _module().line_entry_filter(folded) is None
    assert _buttons(["share"], folded) == ["label:share"]
    assert _module().line_entry_filter({"": "empty"}) is None
    with pytest.raises(TypeError):
        _module().line_entry_filter(["share"])
    with pytest.raises(TypeError):  # not line_entry_filter's bytes
        _module().button_phrase_lines(
            ["a"], {}, [False], 0.0, [0.0], [None], None, [None], {}, {}, "c", b"xx"
        )


@needs_twin
def test_lexicon_features_are_the_python_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[Any, ...]] = []
    original = labeler.HeuristicLabeler.lexicon_features

    def record(self: labeler.HeuristicLabeler, lows: list[str], norms: list[str], scan: Any = None) -> Any:
        found = original(self, lows, norms, scan)
        categories, covered, _ = scan if scan is not None else self.scan_phrases(lows)
        seen.append((found, lows, norms, categories, covered, self.lexicon.line_category))
        return found

    monkeypatch.setattr(labeler.HeuristicLabeler, "lexicon_features", record)
    cleaner = Cleaner()
    for text in _texts():
        cleaner.clean(text)
    assert seen
    for (families, lex_any, lex_line), lows, norms, categories, covered, line_category in seen:
        want = labeler.lexicon_features_python(lows, norms, categories, covered, line_category)
        assert families == want[0]
        assert np.array_equal(lex_any, want[1]) and lex_any.dtype == want[1].dtype
        assert np.array_equal(lex_line, want[2]) and lex_line.dtype == want[2].dtype


@needs_twin
def test_lexicon_columns_on_random_lines() -> None:
    lexicon = shipped_lexicon()
    entries = sorted(lexicon.line_category)[:50]
    rng = random.Random(SEED)
    for lines in _line_lists():
        lines = lines + rng.sample(entries, 5)
        norms = [normalise_line(line) for line in lines]
        categories = [rng.choice([None, None, "share", "comments"]) for _ in lines]
        covered = [rng.randrange(0, 2 * len(line) + 2) for line in lines]
        families, any_bytes, line_bytes = _module().lexicon_line_columns(
            categories, covered, lines, norms, lexicon.line_category, labeler.LEX_LINE_COVER
        )
        want = labeler.lexicon_features_python(lines, norms, categories, covered, lexicon.line_category)
        assert families == want[0]
        assert np.array_equal(np.frombuffer(any_bytes), want[1])
        assert np.array_equal(np.frombuffer(line_bytes), want[2])
    with pytest.raises(TypeError):
        _module().lexicon_line_columns([None], [1], ["a", "b"], ["a"], {}, 0.5)
    with pytest.raises(TypeError):
        _module().lexicon_line_columns([None], ["1"], ["a"], ["a"], {}, 0.5)
    with pytest.raises(TypeError):
        _module().lexicon_line_columns([None], [1], [b"a"], ["a"], {}, 0.5)


@needs_twin
def test_zone_cues_and_chrome_are_the_python_ones() -> None:
    lexicon = shipped_lexicon()
    rng = random.Random(SEED)
    headers = sorted(lexicon.appeal_headers)[:5] + [p + " x" for p in lexicon.appeal_header_prefixes[:5]]
    chrome = sorted(lexicon.chrome_lines)[:5] + ["| " + c + " |" for c in sorted(lexicon.chrome_lines)[:3]]
    for lines in _line_lists():
        norms = [normalise_line(line) for line in lines]
        for page in (norms, norms[:1], norms[-3:], []):
            assert zones.has_zone_cues(page, lexicon) == lexicon.has_zone_cues(page)
            assert edges.shows_chrome(page, lexicon) == lexicon.shows_chrome(page)
            assert zones.header_lines(page, lexicon) == zones.header_lines_python(page, lexicon)
        with_headers = norms + headers
        rng.shuffle(with_headers)
        assert zones.header_lines(with_headers, lexicon) == zones.header_lines_python(with_headers, lexicon)
        for extra in (headers, chrome, sorted(lexicon.cta)[:3]):
            page = norms + [rng.choice(extra)]
            rng.shuffle(page)
            assert zones.has_zone_cues(page, lexicon) == lexicon.has_zone_cues(page)
            assert edges.shows_chrome(page, lexicon) == lexicon.shows_chrome(page)
    with pytest.raises(TypeError):
        _module().zone_cues([1], set(), 5, "", {})
    with pytest.raises(TypeError):
        _module().zone_cues(["a"], [], 5, "", {})
    with pytest.raises(TypeError):
        _module().zone_cues(["a"], set(), "5", "", {})
    with pytest.raises(TypeError):
        _module().header_lines([1], set(), "", {})
    with pytest.raises(TypeError):
        _module().header_lines(["ab"], set(), "a", {"a": ["ab"]})
    with pytest.raises(TypeError):
        _module().chrome_entry([None], set(), {}, "", 40, frozenset())
    with pytest.raises(TypeError):
        _module().chrome_entry(["a"], set(), {}, "", "40", frozenset())


@needs_twin
def test_kept_line_walks_are_the_python_ones() -> None:
    rng = random.Random(SEED)
    for lines in _line_lists():
        for share in (0.0, 0.5, 1.0):
            kept = [rng.random() < share for _ in lines]
            assert decisions.kept_chars(lines, kept) == decisions.kept_chars_python(lines, kept)
            assert decisions.repeat_lines(lines, kept) == decisions.repeat_lines_python(lines, kept)
            assert decisions._last_prose_run(lines, kept) == decisions._last_prose_run_python(lines, kept)
            for most, run in ((0, 1), (1, 1), (3, 2), (-1, 3)):
                want = _last_run_python(lines, kept, most, run)
                assert _module().last_prose_run(lines, kept, most, run) == want
    prose = ["word " * 30] * 4 + ["a\u2028b\x85c\u00a0d\u200be " * 10]
    assert decisions._last_prose_run(prose, [True] * 5) == decisions._last_prose_run_python(prose, [True] * 5)
    for bad in ((["a"], [1]), (["a"], [True, True]), ([None], [True]), (("a",), [True])):
        for name in ("kept_chars", "repeat_lines"):
            with pytest.raises(TypeError):
                getattr(_module(), name)(*bad)
        with pytest.raises(TypeError):
            _module().last_prose_run(*bad, 25, 3)


def _last_run_python(texts: list[str], kept: list[bool], most: int, run: int) -> int:
    """``_last_prose_run_python`` with its two constants as arguments."""
    count = 0
    for j in range(len(texts) - 1, -1, -1):
        if kept[j]:
            count = count + 1 if len(texts[j].split()) >= most else 0
            if count >= run:
                return j
    return -1


def test_the_pure_path_wires_in_no_twin() -> None:
    if native.MODULE is None:
        assert not native.AVAILABLE
        lexicon = shipped_lexicon()
        assert zones.has_zone_cues(["dear readers,"], lexicon) == lexicon.has_zone_cues(["dear readers,"])


def _edge_outcome(
    function: Any,
    texts: list[str],
    words: list[int],
    usable: list[bool],
    kept: list[bool],
    raw: bool,
    seed: int,
) -> tuple[Any, list[tuple[int, ...]]]:
    """What ``function`` (edges.edge_lines or its Python original) returns or raises, and its callbacks' calls."""
    calls: list[tuple[int, ...]] = []
    rng = random.Random(seed)
    answers = [rng.random() < 0.5 for _ in range(len(texts) + 1)]

    def cues(a: int, b: int) -> bool:
        calls.append((a, b))
        return answers[a]

    def phrases(j: int) -> bool:
        calls.append((j,))
        return answers[j]

    try:
        found: Any = function(texts, words, usable, kept, cues, phrases, raw)
    except IndexError as error:
        found = type(error)
    return found, calls


@needs_twin
def test_edge_lines_are_the_python_ones() -> None:
    rng = random.Random(SEED)
    for lines in _line_lists():
        words = [len(line.split()) for line in lines]
        for k in range(6):
            usable = [rng.random() < 0.9 for _ in lines]
            kept = [flag and rng.random() < 0.6 for flag in usable]
            counts = words if k % 2 else [rng.choice([0, 1, 3, 4, 10, 11, 12, 40]) for _ in lines]
            for raw in (True, False):
                twin = _edge_outcome(edges.edge_lines, lines, counts, usable, kept, raw, k)
                assert twin == _edge_outcome(edges.edge_lines_python, lines, counts, usable, kept, raw, k)
    with pytest.raises(TypeError):
        _module().edge_lines(["a"], [1], [True], [1], min, min, True, edges._LIMITS)
    with pytest.raises(TypeError):
        _module().edge_lines(["a"], [1], [True], [True], min, min, True, (1, 2))
    with pytest.raises(TypeError):
        _module().edge_lines(["a"], ["1"], [True], [True], min, min, True, edges._LIMITS)


@needs_twin
def test_kept_marked_lines_are_the_python_ones() -> None:
    rng = random.Random(SEED)
    label = decisions.SHARE_BAR
    marks_sets = [BAR_MARKS, ("",), ("\U0001f600",), ("\ud800", "x"), ("a b", "Facebook"), ()]
    for lines in _line_lists() + [["Share: Facebook WhatsApp Telegram"] * 3]:
        for share in (0.0, 0.5, 1.0):
            local = [None if rng.random() < share else label for _ in lines]
            usable = [rng.random() < 0.8 for _ in lines]
            for marks in marks_sets:
                for flags in (usable, None):
                    want = decisions.kept_marked_lines_python(lines, local, flags, marks)
                    assert decisions.kept_marked_lines(lines, local, flags, marks) == want
    # the caption-credit and teaser-tag decisions' search: marks of one character, lines of any length
    for lines in _line_lists() + [["A photo (AP)", "Vote [VIDEO]", "【動画】", "© AFP " * 40_000]]:
        local = [None if rng.random() < 0.5 else label for _ in lines]
        usable = [rng.random() < 0.8 for _ in lines]
        for marks in (CREDIT_MARKS, TAG_BRACKETS, ("©",), ("\U0001f600",), ("\ud800",)):
            for flags in (usable, None):
                kept = line_marks.kept_lines_python(local, flags)
                want = [
                    j for j in line_marks.marked_lines_python(lines, marks, decisions.ANY_LENGTH) if kept[j]
                ]
                assert _module().kept_marked_lines(lines, local, flags, marks, decisions.ANY_LENGTH) == want
    with pytest.raises(TypeError):
        _module().kept_marked_lines(["a"], [None], [1], BAR_MARKS, 120)
    with pytest.raises(TypeError):
        _module().kept_marked_lines(["a"], [None, None], None, BAR_MARKS, 120)
    with pytest.raises(TypeError):
        _module().kept_marked_lines(["a"], [None], None, ["a"], 120)
    with pytest.raises(TypeError):
        _module().kept_marked_lines([b"a"], [None], None, ("a",), 120)


@needs_twin
def test_terminator_columns_are_the_python_ones() -> None:
    rng = random.Random(SEED)
    np_rng = np.random.default_rng(SEED)
    family_choices = [None, "comments", "related", "share", "newsletter"]
    for n in [0, 1, 2, 3, 7, 40, 300] * 8:
        lengths = np_rng.integers(0, 400, n).astype(np.int64)
        words = np_rng.integers(0, 12, n).astype(np.int64)
        phrase_line = (np_rng.random(n) < 0.3).astype(np.float64)
        families = [rng.choice(family_choices) for _ in range(n)]
        for first, last in (
            (0, n - 1),
            (rng.randrange(n + 1), rng.randrange(-1, n + 2)),
            (n, -1),
            (0, n + 5),
        ):
            got = terminators.terminator_columns(lengths, words, phrase_line, families, first, last)
            want = terminators.terminator_columns_python(lengths, words, phrase_line, families, first, last)
            assert list(got) == list(want)
            for name in want:
                assert got[name].dtype == want[name].dtype
                assert [v.hex() for v in got[name].tolist()] == [v.hex() for v in want[name].tolist()]
    zeros = np.zeros(3, np.int64)
    with pytest.raises(TypeError):
        _module().terminator_columns(zeros, zeros, zeros, [None] * 3, 0, 2, ("share",), 6)
    with pytest.raises(TypeError):
        _module().terminator_columns(zeros, zeros[:2], np.zeros(3), [None] * 3, 0, 2, ("share",), 6)
    with pytest.raises(TypeError):
        _module().terminator_columns(zeros, zeros, np.zeros(3), [None] * 2, 0, 2, ("share",), 6)
    with pytest.raises(ValueError):
        _module().terminator_columns(zeros, zeros, np.zeros(3), [None] * 3, -1, 2, ("share",), 6)


def test_kept_contact_candidates_are_the_kept_ones_of_the_page() -> None:
    """A raw dump's contact-line candidates, searched among its kept lines only, are the
    page's candidates that are kept (compiled or not)."""
    rng = random.Random(SEED)
    for lines in _line_lists() + [["Follow us on Facebook and Twitter", "Write to ann@example.com"] * 4]:
        words = [len(line.split()) or 1 for line in lines]
        for share in (0.0, 0.3, 1.0):
            kept = [rng.random() < share for _ in lines]
            indexes = [j for j, flag in enumerate(kept) if flag]
            want = [j for j in contact_lines.contact_candidates(lines, words) if kept[j]]
            assert decisions._kept_contact_candidates(indexes, lines, words) == want


def test_edge_marked_on_raw_dumps_is_the_pages_search() -> None:
    """``LinePage.edge_marked`` of a raw dump (searched among its ``survivors``) finds the
    kept lines the page's ``edge_marked_lines`` finds, and every line it finds was kept."""
    rng = random.Random(SEED)
    label = decisions.CLASSIFIER
    scorer = labeler.HeuristicLabeler()
    for lines in _line_lists():
        if not lines or not "\n".join(lines).encode("utf-8", "surrogatepass").decode(
            "utf-8", "ignore"
        ) == "\n".join(lines):
            continue  # the engine gives the labeler no empty page and no lone surrogate
        for raw in (False, True):
            scored = scorer.page_scores(lines)._replace(raw=raw)
            page = decisions.LinePage(
                lines, scored, [True] * len(lines), "text", shipped_lexicon(), {}, {}, {}
            )
            page.local[:] = [None if rng.random() < 0.3 else label for _ in lines]
            kept = page.kept()
            for firsts, lasts in ((decisions._MACHINE_OPENINGS, ""), ("hw" + "e", "e/")):
                every = line_marks.edge_marked_lines(lines, None, 0, firsts, lasts)
                found = list(page.edge_marked(firsts, lasts))
                assert [j for j in found if kept[j]] == [j for j in every if kept[j]]
                assert set(found) <= set(every)
