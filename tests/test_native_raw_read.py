"""The compiled ``lower_count_lines`` (cleaner/native/raw_read.c) gives what the two passes it
replaces gave: ``lower_lines``' lower-cased lines, their normalised forms and its line-break
flag, then ``token_counts_python`` of the lower-cased lines and ``ascii_spaced`` of them
joined in UTF-8 (``spaced_token_counts``' answers), on the corpus cases' lines, the hostile
strings, every white space and cased character, and random texts; it refuses bad arguments."""

from __future__ import annotations

import random
import sys

import pytest

from cleaner.heuristics import features
from cleaner.heuristics.lexicon import LINE_END, lower_text_python
from tests.paths import CORPUS
from tests.test_native import HOSTILE, compiled

MODULE = compiled()
needs_build = pytest.mark.skipif(MODULE is None, reason="the compiled extension is not built")

SEED = 25
RANDOM_PAGES = 300
SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
CASED = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).lower() != chr(c)]
PIECES = ["a", "A", "Ünï", "ΣΑΣ", "İ", "中文", "\U0001f600", "\u200b", "\ufeff", "\ud800", "x" * 50, "\n"]
PIECES += SPACES


def _check(lines: list[str]) -> None:
    """The fused twin against lower_lines and the Python originals of the word counts."""
    assert MODULE is not None
    lows, norms, has_break, words, spaced = MODULE.lower_count_lines(
        lines, MODULE.lower_text, lower_text_python, LINE_END
    )
    assert (lows, norms, has_break) == MODULE.lower_lines(
        lines, MODULE.lower_text, lower_text_python, LINE_END
    )
    assert all(type(low) is str for low in lows)
    assert words == features.token_counts_python(lows)
    assert spaced == features.ascii_spaced("\n".join(lows).encode("utf-8", "surrogatepass"))


@needs_build
def test_corpus_and_hostile_lines() -> None:
    pages = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.rglob("*.txt"))]
    for text in pages + HOSTILE + ["Word " * 40_000 + "ΣΑΣ.\u3000", "\u2028".join(["A b."] * 100)]:
        _check(text.split("\n"))
        _check(text.splitlines())
        _check([text])


@needs_build
def test_every_white_space_and_cased_character() -> None:
    for space in SPACES:
        _check([f"a{space}b", f"A{space}B", "plain line", space])
    for start in range(0, len(CASED), 64):
        chunk = "".join(CASED[start : start + 64])
        _check([chunk, "a " + chunk + " b.", chunk.lower()])


@needs_build
def test_random_texts() -> None:
    rng = random.Random(SEED)
    for _ in range(RANDOM_PAGES):
        lines = [
            "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(0, 30))
        ]
        _check(lines)


@needs_build
def test_refuses_bad_arguments() -> None:
    assert MODULE is not None
    lower = MODULE.lower_text
    with pytest.raises(TypeError):
        MODULE.lower_count_lines(("a",), lower, lower_text_python, LINE_END)
    with pytest.raises(TypeError):
        MODULE.lower_count_lines(["a", b"b"], lower, lower_text_python, LINE_END)
    with pytest.raises(TypeError):
        MODULE.lower_count_lines(["a"], None, lower_text_python, LINE_END)
    with pytest.raises(TypeError):
        MODULE.lower_count_lines(["é"], lambda text: 1, lower_text_python, LINE_END)
    with pytest.raises(TypeError):
        MODULE.lower_count_lines(["a"], lower, lower_text_python)  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        MODULE.lower_count_lines(["a"], lower, lower_text_python, "." * 33)
    assert MODULE.lower_count_lines([], lower, lower_text_python, LINE_END) == ([], [], False, [], True)
