"""line_counts.c's letter_counts and line_shares against their Python originals on random
texts of every string width: the table pass of letter_counts and its slow pass (initials
the table does not know yet, odd ones) on the same lines, and line_shares' word matching
in C (a line's words against pronouns and title words held in strs of another width)."""

from __future__ import annotations

import random
from itertools import accumulate

from cleaner import native
from cleaner.heuristics.article_lines import _WE, _YOU, TITLE_OVERLAP_MAX_WORDS, title_overlaps_python
from cleaner.heuristics.line_letters import _letter_counts_by_numpy, letter_counts_of_pages

# pieces of words of each width, spaces of both splits (SPACE_CHARS and str.split()'s)
_PIECES = ["a", "B", "z", "É", "ß", "é", "ǅ", "Σ", "σ", "ﬁ", "я", "Я", "中", "𝐀", "😀", "7", "x", "\ud800"]
_SPACES = [
    " ",
    "\t",
    "\u00a0",
    "\u3000",
    "\u2009",
    "\u202f",
    "\x1c",
    "\x85",
    "\u2028",
    "\n",
    "\u200b",
    "\ufeff",
]
_WORDS = ["we", "our", "you", "your", "мы", "ваш", "nós", "vår", "du", "title", "ab", "ba", "wé"]


def _random_lines(seed: int, count: int) -> list[str]:
    """Random lines: words of pieces and known words between spaces of both kinds, some of
    one byte a character only, some wide, some empty or all space."""
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        pieces = _PIECES[:3] + ["x", "7"] if rng.random() < 0.4 else _PIECES
        words = [
            rng.choice(_WORDS)
            if rng.random() < 0.4
            else "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 6)))
            for _ in range(rng.randrange(0, 12))
        ]
        lines.append("".join(word + rng.choice(_SPACES) * rng.randrange(1, 3) for word in words))
    return lines


def test_letter_counts_give_the_numpy_counts_on_random_lines() -> None:
    if native.MODULE is None:
        assert not native.AVAILABLE
        return
    for seed in range(6):
        lines = _random_lines(seed, 300)
        # twice: the first call may meet initials the table lacks, the second reads them there
        for _ in range(2):
            assert native.MODULE.letter_counts(lines) == _letter_counts_by_numpy(lines), seed
    long_lines = ["A" + " b" * 100_000, "É" * 200_000, "\u3000" * 200_000, "ß " * 100_000]
    assert native.MODULE.letter_counts(long_lines) == _letter_counts_by_numpy(long_lines)


def _shares_python(lows: list[str], words: list[int], starts: list[int]) -> tuple[list[float], ...]:
    """pronoun_shares_python's numbers by sets (every line split), and title_overlaps_python."""
    pronouns = _WE | _YOU
    we, you = [0.0] * len(lows), [0.0] * len(lows)
    for j, low in enumerate(lows):
        found = pronouns.intersection(low.split())
        if found:
            we[j] = len(_WE.intersection(found)) / words[j]
            you[j] = len(_YOU.intersection(found)) / words[j]
    return we, you, title_overlaps_python(lows, words, starts)


def test_line_shares_are_the_python_shares_on_random_lines() -> None:
    if native.MODULE is None:
        assert not native.AVAILABLE
        return
    for seed in range(6):
        lows = [line.lower() for line in _random_lines(100 + seed, 400)]
        words = [max(len(low.split()), 1) for low in lows]
        rng = random.Random(seed)
        sizes = [rng.randrange(1, 40) for _ in range(30)]
        starts = [0, *(s for s in accumulate(sizes) if s < len(lows)), len(lows)]
        got = native.MODULE.line_shares(lows, words, starts, _WE, _YOU, TITLE_OVERLAP_MAX_WORDS)
        expected = _shares_python(lows, words, starts)
        assert [[x.hex() for x in s] for s in got] == [[x.hex() for x in s] for s in expected], seed
    # a title and lines of other widths, a 200,000-character line
    lows = ["we ab 中 😀", "ab we", "中 ab", "😀 ab ab", "a" * 200_000, "we " * 60_000]
    words = [len(low.split()) for low in lows]
    got = native.MODULE.line_shares(lows, words, [0, len(lows)], _WE, _YOU, TITLE_OVERLAP_MAX_WORDS)
    assert list(got) == list(_shares_python(lows, words, [0, len(lows)]))
    # words past the 64 lengths the match's first filter tells apart, and opening with
    # code points of the same low byte (ţ is U+0163, c 0x63; т is U+0442, B 0x42)
    long_word = "t" + "x" * 70
    lows = [f"{long_word} ţe b", f"t{'x' * 6} {long_word} ce ţe", "тy ты b ty", f"{long_word}x ţx"]
    for starts in ([0, len(lows)], [0, 2, len(lows)]):
        words = [len(low.split()) for low in lows]
        got = native.MODULE.line_shares(lows, words, starts, _WE, _YOU, TITLE_OVERLAP_MAX_WORDS)
        assert list(got) == list(_shares_python(lows, words, starts))
    # sets of other items and of wide words
    got = native.MODULE.line_shares(["a 😀 b", "😀"], [3, 1], [0, 2], frozenset({1, "", "😀"}), {"b"}, 30)
    assert got == ([1 / 3, 1.0], [1 / 3, 0.0], [0.0, 1.0])


def test_line_shares_find_words_at_every_offset() -> None:
    """line_shares reads eight bytes of ASCII at a time: a pronoun and a title word after
    every run length of each str.split() space, in lines of each width, counted as
    str.split() finds them."""
    if native.MODULE is None:
        assert not native.AVAILABLE
        return
    lows = ["we x you"]
    for filler in ("a", "é", "я", "\U0001f600"):
        for space in (" ", "\t", "\x0b", "\x1c", "\x1f", "\x85", "\xa0", "\u2028", "\u3000"):
            for before in range(0, 18):
                lows.append(filler * before + space + "we" + space * (before % 3 + 1) + "x" + space)
                lows.append(space * before + "you" + filler * (before % 5))
    words = [max(len(low.split()), 1) for low in lows]
    got = native.MODULE.line_shares(lows, words, [0, len(lows)], _WE, _YOU, TITLE_OVERLAP_MAX_WORDS)
    assert list(got) == list(_shares_python(lows, words, [0, len(lows)]))


def test_letter_counts_of_pages_take_the_compiled_counts() -> None:
    """A batch with a page holding an odd initial ("ß"): the counts the article matrix
    passes in are recounted for that page alone, as without them."""
    if native.MODULE is None:
        assert not native.AVAILABLE
        return
    texts = ["A b C", "Straße ßig", "D e", "x Y", "ßa B", "Ö ö"]
    starts = [0, 2, 4, 6]
    counted = native.MODULE.letter_counts(texts)
    assert counted[3]
    assert letter_counts_of_pages(texts, starts, counted) == letter_counts_of_pages(texts, starts)


def test_letter_counts_of_mostly_ascii_lines_of_both_widths() -> None:
    """The sixteen-character chunks (ASCII lanes): lines of ASCII with every kind of byte
    around the letters and digits, alone (one byte a character) and with one wide
    character before, inside or after (two bytes a character), at every length around a
    chunk, and past a lane's 255 chunks."""
    if native.MODULE is None:
        assert not native.AVAILABLE
        return
    rng = random.Random(29)
    ascii_pieces = [chr(c) for c in range(1, 128)] + ["word ", "Word ", " ", "  ", "42 "] * 20
    lines = []
    for size in [*range(40), 47, 48, 49, 63, 64, 65, 255 * 16 - 1, 255 * 16, 255 * 16 + 17, 9000]:
        text = "".join(rng.choice(ascii_pieces) for _ in range(size))[:size]
        at = rng.randrange(size + 1)
        lines += [text, "\u2019" + text, text + "\u2019", text[:at] + "\u2019" + text[at:]]
        lines += [text[:at] + "\u00e9" + text[at:], text[:at] + "\u00a0" + text[at:]]
    for _ in range(2):
        assert native.MODULE.letter_counts(lines) == _letter_counts_by_numpy(lines)


def test_line_shares_of_mostly_ascii_lines_of_both_widths() -> None:
    """line_shares' sixteen-character chunks: ASCII lines of pronouns, title words and every
    ASCII byte, alone and with a wide character before, inside or after, around a chunk's
    length."""
    if native.MODULE is None:
        assert not native.AVAILABLE
        return
    rng = random.Random(31)
    pieces = [chr(c) for c in range(1, 128)] + ["we ", "you ", "ab ", " ", "\t", "\x1c"] * 20
    lows = ["ab we title"]
    for size in [*range(50), 63, 64, 65, 500, 5000]:
        text = "".join(rng.choice(pieces) for _ in range(size))[:size].lower()
        at = rng.randrange(size + 1)
        lows += [
            text,
            "\u2019" + text,
            text + "\u3000",
            text[:at] + "\u2019" + text[at:],
            text[:at] + "é" + text[at:],
        ]
    words = [max(len(low.split()), 1) for low in lows]
    got = native.MODULE.line_shares(lows, words, [0, len(lows)], _WE, _YOU, TITLE_OVERLAP_MAX_WORDS)
    assert [[x.hex() for x in s] for s in got] == [
        [x.hex() for x in s] for s in _shares_python(lows, words, [0, len(lows)])
    ]


# characters past ASCII a chunk may hold beside ASCII: cased of every width and above
# 0x8000 (packed to 0), odd ones, both kinds of space, digits of other scripts, a surrogate
_MIXED = "éÉßİǅΣσяЯ中ＡＺａ０\ud800\u00a0\u3000\u2009\u202f\u2028\u0085\u1680\u2000\u200b\ufeff\u2019\x80\xff"


def _mixed_lines(seed: int) -> list[str]:
    """ASCII words with one to sixteen characters past ASCII dropped in at random places,
    at lengths around a chunk's and longer."""
    rng = random.Random(seed)
    ascii_pieces = [chr(c) for c in range(1, 128)] + ["word ", "Word ", "we ", "you ", " ", "42 "] * 20
    lines = []
    for size in [*range(1, 40), 47, 48, 49, 64, 65, 300, 4200]:
        chars = list("".join(rng.choice(ascii_pieces) for _ in range(size))[:size])
        for _ in range(rng.randrange(1, 17)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(_MIXED))
        lines.append("".join(chars))
    return lines


def test_letter_counts_and_shares_of_chunks_holding_wide_characters() -> None:
    """Chunks holding characters past ASCII: letter_counts reads their lanes' flags from the
    case table at once, line_shares tests only those lanes for a space; the counts are the
    Python originals' on lines of one and two bytes a character."""
    if native.MODULE is None:
        assert not native.AVAILABLE
        return
    for seed in range(8):
        lines = _mixed_lines(seed)
        for _ in range(2):
            assert native.MODULE.letter_counts(lines) == _letter_counts_by_numpy(lines), seed
        lows = [line.lower() for line in lines]
        words = [max(len(low.split()), 1) for low in lows]
        starts = [0, len(lows) // 2, len(lows)]
        got = native.MODULE.line_shares(lows, words, starts, _WE, _YOU, TITLE_OVERLAP_MAX_WORDS)
        assert [[x.hex() for x in s] for s in got] == [
            [x.hex() for x in s] for s in _shares_python(lows, words, starts)
        ], seed


def test_line_shares_keep_one_pronoun_table_per_pair_of_frozensets() -> None:
    """line_shares keeps the table of the last two frozensets it was given: the same lines
    give the same shares however the calls alternate between pairs of sets (frozen, and a
    plain set, built each call), and a line's repeated pronoun still counts once."""
    if native.MODULE is None:
        return
    lines = (["we we you", "ours and yours", "wir ihr"], [3, 3, 2], [0, 3])
    other = (frozenset({"wir"}), frozenset({"ihr", "you"}))
    ours = native.MODULE.line_shares(*lines, _WE, _YOU, TITLE_OVERLAP_MAX_WORDS)
    theirs = native.MODULE.line_shares(*lines, *other, TITLE_OVERLAP_MAX_WORDS)
    assert ours == _shares_python(*lines)
    assert theirs == ([0.0, 0.0, 0.5], [1 / 3, 0.0, 0.5], [0.0, 0.0, 0.0])
    for _ in range(3):
        assert native.MODULE.line_shares(*lines, _WE, _YOU, TITLE_OVERLAP_MAX_WORDS) == ours
        assert native.MODULE.line_shares(*lines, *other, TITLE_OVERLAP_MAX_WORDS) == theirs
        assert (
            native.MODULE.line_shares(*lines, set(other[0]), set(other[1]), TITLE_OVERLAP_MAX_WORDS) == theirs
        )
