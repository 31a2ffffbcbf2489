"""The compiled ``lead_in_lines`` (cleaner/native/lead_ins.c) picks the lines
``lead_in_candidates`` picks, and so ``lead_in_candidates``' definition: its filter of the
lead-ins' first characters only skips lines no lead-in opens. On the corpus cases' lines,
the hostile strings, random lines over a small alphabet (lead-ins of one to five
characters, wide, astral and surrogate ones, an empty one), and the shipped lexicon's
lead-ins themselves, cut short and run on; it refuses bad arguments."""

from __future__ import annotations

import random
from typing import Any

import pytest

from cleaner import native
from cleaner.heuristics.lexicon import _LEAD_STRIP, normalise_line, shipped_lexicon
from tests.test_native_line_marks import LEAD_LINES, _lead_in_candidates_by_definition, _pages

MODULE = native.MODULE
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")

SEED = 28
RANDOM_LINES = 4000
Index = dict[str, tuple[tuple[str, ...]]]  # (the compiled test reads an entry's first item alone)


def _index(leads: list[str]) -> Index:
    """A lead-in index as Lexicon.compile makes it: by first character, longest first."""
    by_initial: dict[str, list[str]] = {}
    for lead in sorted(leads, key=len, reverse=True):
        by_initial.setdefault(lead[:1], []).append(lead)
    return {initial: (tuple(found),) for initial, found in by_initial.items()}


def _check(norms: list[str], strip: str, index: dict[str, Any]) -> None:
    assert MODULE is not None
    found = MODULE.lead_in_lines(MODULE.lead_in_filter(index), norms, strip, index)
    assert found == MODULE.lead_in_candidates(norms, strip, index)
    assert found == _lead_in_candidates_by_definition(norms, strip, index)


@needs_build
def test_shipped_lexicon_on_corpus_and_hostile_lines() -> None:
    lexicon = shipped_lexicon()
    leads = list(lexicon.lead_ins)
    norms = [normalise_line(line) for page in _pages() for line in page] + LEAD_LINES
    norms += [lead[:cut] for lead in leads for cut in (1, 2, 3, 4, 5)]
    norms += [f"» {lead}: x" for lead in leads] + [lead.upper() for lead in leads]
    _check(norms, _LEAD_STRIP, lexicon._lead_index)
    texts = [line for page in _pages() for line in page]
    lows = [normalise_line(text) for text in texts]
    assert lexicon.lead_ins_of(lows, texts) == [lexicon.lead_in(n, t) for n, t in zip(lows, texts)]


@needs_build
def test_random_lines_and_indexes() -> None:
    rng = random.Random(SEED)
    alphabet = "ab c0\u0430\u0431\u0830\u0c30\U0001f600\ud800\u2028\xa0 \u2022:"
    leads = ["a", "ab", "a c", "abca", "ab:ab", "\u0430\u0431", "\U0001f600x", "\ud800", "0", "c0c0c"]
    norms = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(8))) for _ in range(RANDOM_LINES)]
    for strip in (_LEAD_STRIP, "", " \u2022\u0830"):
        for chosen in (leads, leads[1:], [lead for lead in leads if len(lead) > 2], ["abca"], []):
            _check(norms, strip, _index(chosen))
        # an empty lead-in (no Lexicon index holds one): every line goes to the exact test
        _check(norms, strip, {"a": (("ab", ""),), "": (("",),)})


FOLLOWERS = [
    "",
    ":",
    ": x",
    " – x",
    " —",
    " -x",
    "-party",
    " - x",
    " about it",
    " Council split",
    "\u00a0: x",
    "\u2003» x",
    "  |",
    " ]",
    "\t:",
    "x",
    "\u2028: x",
    " \u2013",
    "\U0001f600",
]


@needs_build
def test_lead_in_found_reads_lines_as_lead_in() -> None:
    """``lead_ins_of`` with the compiled ``lead_in_found`` gives ``lead_in`` line by line: every
    shipped lead-in followed by the end, separators, dashes, words, other white space, as
    written in lower and upper case (the upper-case test's lines), after strip characters."""
    lexicon = shipped_lexicon()
    texts = [line for page in _pages() for line in page] + LEAD_LINES
    for lead in lexicon.lead_ins:
        for follower in FOLLOWERS:
            texts += [lead + follower, "» " + lead.upper() + follower, lead.upper() + follower.upper()]
    norms = [normalise_line(text) for text in texts]
    found = lexicon.lead_ins_of(norms, texts)
    assert found == [lexicon.lead_in(norm, text) for norm, text in zip(norms, texts)]
    assert sum(lead is not None for lead in found) > len(lexicon.lead_ins)
    assert MODULE is not None
    _, undecided = MODULE.lead_in_found(
        lexicon._lead_in_filter(), norms, _LEAD_STRIP, lexicon._lead_index, ":", "-"
    )
    assert undecided  # the upper-case test's lines go to Python


@needs_build
def test_refuses_bad_arguments() -> None:
    assert MODULE is not None
    index = _index(["ab"])
    found = MODULE.lead_in_filter(index)
    with pytest.raises(TypeError):
        MODULE.lead_in_filter(["ab"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        MODULE.lead_in_filter({"a": ("ab",)})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        MODULE.lead_in_filter({"a": ((1,),)})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        MODULE.lead_in_lines(index, ["ab"], " ", index)
    with pytest.raises(TypeError):
        MODULE.lead_in_lines(found, ("ab",), " ", index)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        MODULE.lead_in_lines(found, ["ab", 1], " ", index)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        MODULE.lead_in_lines(found, ["ab"], " ")  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        MODULE.lead_in_lines(found, ["ab"], " " * 65, index)
    assert MODULE.lead_in_lines(found, [], " ", index) == []
    assert MODULE.lead_in_lines(found, ["", " ", "ab", "a"], " ", index) == [2]
    pairs = {"a": (("ab",), (("ab", "related"),))}
    with pytest.raises(TypeError):
        MODULE.lead_in_found(found, ["ab"], " ", pairs, ":")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        MODULE.lead_in_found(found, ["ab"], " ", pairs, ":", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        MODULE.lead_in_found(found, ["ab"], " ", index, ":", "-")  # no pairs
    with pytest.raises(TypeError):
        MODULE.lead_in_found(found, ["ab"], " ", {"a": (("ab",), ("ab",))}, ":", "-")
    assert MODULE.lead_in_found(found, [], " ", pairs, ":", "-") == ([], [])
    assert MODULE.lead_in_found(found, ["ab", "ab: x", "ab x", "b"], " ", pairs, ":", "-") == (
        ["related", "related", None, None],
        [2],
    )
