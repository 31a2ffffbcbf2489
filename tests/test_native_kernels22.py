"""The compiled kernels' character tables (cleaner/native: str.split's spaces below 256 in
token_counts and the word bounds of line_shares, Latin-1's lower cases in lower_text, the
lead-in pre-test's initials filter, tree_logits' packed nodes) give what their Python
originals give: every Latin-1 character in each place of a line, the hostile strings,
random texts mixing widths.

Where the extension is not built, the tests check that the pure path is the live one.
"""

from __future__ import annotations

import random

from cleaner import native
from cleaner.heuristics.features import token_counts_python
from cleaner.heuristics.lexicon import lower_text_python
from tests.test_native import HOSTILE

LATIN1 = [chr(c) for c in range(256)]
WIDE = [
    "\u0130",
    "\u0307",
    "\u03a3",
    "\u2009",
    "\u2028",
    "\u3000",
    "\u0430",
    "\U0001f600",
    "\ud800",
    "\u1680",
]


def _texts() -> list[str]:
    """Every Latin-1 character alone and inside ASCII and wide words, the hostile strings and
    random lines of Latin-1 and wider characters."""
    texts = list(LATIN1)
    texts += [f"Ab{c}Cd {c}x {c}" for c in LATIN1]
    texts += [f"\u0430{c}\u0431 {c}" for c in LATIN1]
    texts += HOSTILE
    rng = random.Random(22)
    alphabet = LATIN1 + WIDE
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(3000)]
    ascii_only = [chr(c) for c in range(128)]
    texts += ["".join(rng.choice(ascii_only) for _ in range(rng.randrange(40))) for _ in range(3000)]
    return texts


def test_token_counts_read_the_space_table_as_split_does() -> None:
    if native.MODULE is None:
        assert not native.AVAILABLE
        return
    texts = _texts()
    assert native.MODULE.token_counts(texts) == token_counts_python(texts)
    assert native.MODULE.token_counts(texts) == [len(text.split()) for text in texts]


def test_lower_text_of_latin1_is_str_lower() -> None:
    """The Latin-1 table's result equals the Python one, and is canonical (an ASCII result
    only from an ASCII text: a non-canonical str would compare unequal)."""
    if native.MODULE is None:
        assert not native.AVAILABLE
        return
    for text in _texts():
        low = native.MODULE.lower_text(text)
        if low is not None:
            assert low == lower_text_python(text), text
            assert low.isascii() == lower_text_python(text).isascii()


def test_line_shares_word_bounds_split_as_str_split() -> None:
    """Pronouns and title words found between the spaces str.split() cuts at, every
    Latin-1 and wide space among them."""
    if native.MODULE is None:
        assert not native.AVAILABLE
        return
    spaces = [c for c in LATIN1 + WIDE if c.isspace()]
    rng = random.Random(7)
    words = ["we", "our", "you", "your", "title", "x", "\u0430"]
    lows = [
        "".join(
            rng.choice(words) + rng.choice(spaces) * rng.randrange(1, 3) for _ in range(rng.randrange(1, 9))
        )
        for _ in range(400)
    ]
    counts = [len(low.split()) for low in lows]
    starts = [0, 200, 400]
    we, you = frozenset({"we", "our"}), frozenset({"you", "your"})
    got = native.MODULE.line_shares(lows, counts, starts, we, you, 30)
    expected_we = [len({w for w in low.split() if w in we}) / len(low.split()) for low in lows]
    expected_you = [len({w for w in low.split() if w in you}) / len(low.split()) for low in lows]
    assert list(got[0]) == expected_we
    assert list(got[1]) == expected_you
    for j, low in enumerate(lows):
        page_start = 0 if j < 200 else 200
        title = set(lows[page_start].split())
        shared = sum(word in title for word in low.split())
        expected = 0.0 if j == page_start or counts[j] > 30 else shared / len(low.split())
        assert got[2][j] == expected, j
