"""The compiled phrase scan (cleaner/native/_phrase_scan.c) finds what RE2's program and
``Lexicon._small_scan`` find, and its per-line results are ``scan_phrases``' Python ones,
on every corpus case, on hostile strings and on random texts made of phrases and odd
characters; it refuses bad arguments.

Where the extension is not built, the tests check that the pure path is the live one.
"""

from __future__ import annotations

import random
from types import ModuleType

import pytest

from cleaner import native
from cleaner.blocks import split_blocks
from cleaner.heuristics import HeuristicLabeler
from cleaner.heuristics import lexicon as lexicon_module
from cleaner.heuristics.labeler import PHRASE_START_SLACK
from cleaner.heuristics.lexicon import lower_text
from cleaner.heuristics.scores import PhraseScan
from tests.paths import CORPUS
from tests.test_native import HOSTILE

LABELER = HeuristicLabeler()
LEXICON = LABELER.lexicon
PHRASES = sorted(LEXICON.phrase_category)
RANDOM_TEXTS = 300
RANDOM_PIECES = 40
# Pieces of random texts: phrase parts, line breaks, characters of one to four bytes,
# the odd spaces and breaks of HOSTILE.
ODD_PIECES = [
    " ",
    "\n",
    "\n\n",
    "é",
    "中",
    "𝄞",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\x85",
    "\u2028",
    "- ",
    "» ",
    "x",
]


def compiled() -> ModuleType | None:
    """The compiled module, or None where it is not built (then the pure path is live)."""
    return native.MODULE


def _random_texts(seed: int = 16) -> list[str]:
    """Texts of whole phrases, cut phrases and odd pieces side by side."""
    rng = random.Random(seed)
    texts = []
    for _ in range(RANDOM_TEXTS):
        pieces = []
        for _ in range(rng.randrange(RANDOM_PIECES)):
            phrase = rng.choice(PHRASES)
            roll = rng.random()
            if roll < 0.4:
                pieces.append(phrase)
            elif roll < 0.6:
                pieces.append(phrase[: rng.randrange(1, len(phrase) + 1)])
            else:
                pieces.append(rng.choice(ODD_PIECES))
        texts.append("".join(pieces))
    return texts


def _texts() -> list[str]:
    """Corpus cases, hostile strings (surrogates made replacement characters: a page's text
    is encoded strictly) and random texts, lower-cased as the labeler reads them."""
    corpus = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    texts = corpus + HOSTILE + _random_texts() + ["x" * 200_000 + "read more", "read more" * 20_000]
    return [lower_text(text.encode("utf-8", "replace").decode()) for text in texts]


def _program_hits(data: bytes) -> list[tuple[int, str, int]]:
    """The phrases RE2's program finds in ``data``, as ``phrase_byte_hits`` gives them."""
    match, pos = LEXICON._phrase_matcher().Match, 0
    hits: list[tuple[int, str, int]] = []
    while True:
        start, pos = match(lexicon_module._UNANCHORED, data, pos, len(data))[0]
        if start < 0:
            return hits
        category, length = LEXICON._phrase_bytes[data[start:pos]]
        hits.append((start, category, length))


def test_compiled_hits_are_the_programs_and_the_python_scans() -> None:
    if compiled() is None:
        assert not native.AVAILABLE
        return
    found = 0
    datas = [text.encode() for text in _texts()] + [text.encode("utf-8", "surrogatepass") for text in HOSTILE]
    for data in datas + [bytes(range(256)), "read more".encode("utf-16")]:  # and bytes no UTF-8 holds
        hits = list(LEXICON.phrase_byte_hits(data))
        assert hits == _program_hits(data)
        if len(data) < 20_000:  # the Python scan is slow on the long ones
            assert hits == list(LEXICON._small_scan(data))
        found += len(hits)
    assert found > 1000


def _python_scan(lows: list[str], monkeypatch: pytest.MonkeyPatch) -> PhraseScan:
    """``scan_phrases`` on the pure path (RE2's program, hits put on lines in Python)."""
    with monkeypatch.context() as patch:
        patch.setattr(lexicon_module, "_NATIVE", None)
        return LABELER.scan_phrases(lows)


def test_compiled_line_results_are_scan_phrases_python_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    if compiled() is None:
        assert not native.AVAILABLE
        return
    pages = [text.split("\n") for text in _texts()]
    pages += [[block.text.lower() for block in split_blocks(text)] for text in _texts()[:50]]
    pages.append(["related\nread more", "x\n read more", "» read more"])  # breaks inside lines (html)
    pages.append([])
    opened = 0
    for lows in pages:
        expected = _python_scan(lows, monkeypatch)
        assert LABELER.scan_phrases(lows) == expected
        opened += sum(expected.at_start)
    assert opened > 200


def test_the_pure_path_has_no_compiled_line_results(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_module, "_NATIVE", None)
    assert LEXICON.phrase_lines(b"read more", 1, PHRASE_START_SLACK) is None


def test_compiled_scan_refuses_bad_arguments() -> None:
    module = compiled()
    if module is None:
        assert not native.AVAILABLE
        return
    trie = module.phrase_trie([b"ab", b"a"], [0, 1], [2, 1])
    assert module.phrase_hits(trie, b"xaba") == [1, 0, 2, 3, 1, 1]
    assert module.phrase_lines(trie, b"ab\n a", 2, ("c", "d"), 3) == (["c", "d"], [2, 1], [True, True])
    assert module.phrase_lines(trie, b"", 1, ("c", "d"), 3) == ([None], [0], [False])
    bad_tries = [
        ([b""], [0], [0]),
        ([b"a\nb"], [0], [3]),
        ([b"a"], [-1], [1]),
        ([b"a"], [0], [-1]),
        ([b"a"], [0], [2**70]),
        ([b"a", b"b"], [0], [1]),
    ]
    for phrases, categories, lengths in bad_tries:
        with pytest.raises(ValueError):
            module.phrase_trie(phrases, categories, lengths)
    for args in (("a",), [0], [1]), ((b"a",), [0], [1]), ([b"a"], [0.0], [1]), ([b"a"], [0], None):
        with pytest.raises(TypeError):
            module.phrase_trie(*args)
    with pytest.raises(TypeError):
        module.phrase_hits(object(), b"a")
    with pytest.raises(TypeError):
        module.phrase_hits(trie, "a")
    with pytest.raises(TypeError):
        module.phrase_lines(trie, b"a", 1, ["c", "d"], 3)
    for data, lines, names, slack in (
        (b"a\nb", 1, ("c", "d"), 3),
        (b"a", 2, ("c", "d"), 3),
        (b"a", 0, ("c", "d"), 3),
    ):
        with pytest.raises(ValueError):
            module.phrase_lines(trie, data, lines, names, slack)
    with pytest.raises(ValueError):
        module.phrase_lines(trie, b"a", 1, ("c",), 3)  # the trie names category 1
    with pytest.raises(ValueError):
        module.phrase_lines(trie, b"a", 1, ("c", "d"), -1)


def test_compiled_hits_with_short_phrases_are_the_python_ones() -> None:
    """Phrases of one to three bytes take the walk from the root (no jump table): random
    phrases and texts over a few letters, so they overlap and nest."""
    if compiled() is None:
        assert not native.AVAILABLE
        return
    rng = random.Random(7)
    letters = "abé中 \n"
    for _ in range(40):
        words = {"".join(rng.choice(letters[:-1]) for _ in range(rng.randrange(1, 7))) for _ in range(30)}
        phrases = {word: rng.choice(("related", "share")) for word in words}
        lexicon = lexicon_module.Lexicon(phrase_category=phrases)
        lexicon.compile()
        for _ in range(20):
            data = "".join(rng.choice(letters) for _ in range(rng.randrange(60))).encode()
            hits = list(lexicon.phrase_byte_hits(data))
            assert hits == list(lexicon._small_scan(data))
            match, pos, expected = lexicon._phrase_matcher().Match, 0, []
            while (found := match(lexicon_module._UNANCHORED, data, pos, len(data))[0])[0] >= 0:
                start, pos = found
                category, length = lexicon._phrase_bytes[data[start:pos]]
                expected.append((start, category, length))
            assert hits == expected


def test_the_compiled_scan_never_compiles_the_re2_program() -> None:
    if compiled() is None:
        assert not native.AVAILABLE
        return
    lexicon = lexicon_module.load_lexicon()
    text = b"read more: the council approved the budget. share this article" * 50
    assert len(list(lexicon.phrase_byte_hits(text))) >= 100
    assert lexicon._matcher is None and lexicon._trie is not None


# Phrases of four bytes and more only (the jump table's tries, their 64-position masks and
# second filter): short (4 .. 7 bytes) and long ones, sharing their first four and eight
# bytes, in each string width and with astral characters.
LONG_PHRASES = {
    "abcd": "related",
    "abcdefgh": "share",
    "abcdefghij": "related",
    "abcdxyz": "share",
    "é中ab": "related",
    "𝄞 read": "share",
    "read more": "related",
    "read more on": "share",
    "中文中文中": "related",
    "- see": "share",
}
EDGE_PIECES = [
    *LONG_PHRASES,
    "abc",
    "abcdefg",
    "𝄞",
    "中",
    "é",
    " ",
    "\n",
    ".",
    "»",
    ":",
    "x" * 57,
    "y" * 63,
    "\ufeff",
]


def _edge_lexicon() -> lexicon_module.Lexicon:
    """A lexicon of LONG_PHRASES alone, compiled."""
    lexicon = lexicon_module.Lexicon(phrase_category=dict(LONG_PHRASES))
    lexicon.compile()
    return lexicon


def _edge_texts(seed: int = 24) -> list[str]:
    """Phrases at line starts and ends, after punctuation, at and across the masks' 64-byte
    borders (runs of 57 and 63 letters shift them), at the data's last bytes, and dense."""
    rng = random.Random(seed)
    texts = [f"{'x' * pad}{phrase}" for phrase in LONG_PHRASES for pad in range(60, 70)]
    texts += [f"{phrase}\n{phrase}.\n»{phrase}" for phrase in LONG_PHRASES]
    texts += ["abcd" * 100, "abcdefgh" * 40 + "abcdefg", "read more on" * 30, "", "abc", "abcd", "𝄞 rea"]
    texts += ["".join(rng.choice(EDGE_PIECES) for _ in range(rng.randrange(60))) for _ in range(400)]
    return texts


def test_compiled_hits_at_the_fast_paths_edges_are_the_python_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    if compiled() is None:
        assert not native.AVAILABLE
        return
    lexicon = _edge_lexicon()
    labeler = HeuristicLabeler()
    monkeypatch.setattr(labeler, "lexicon", lexicon)
    found = 0
    for text in _edge_texts() + [lower_text(t.encode("utf-8", "replace").decode()) for t in HOSTILE]:
        data = text.encode()
        hits = list(lexicon.phrase_byte_hits(data))
        match, pos, expected = lexicon._phrase_matcher().Match, 0, []
        while (span := match(lexicon_module._UNANCHORED, data, pos, len(data))[0])[0] >= 0:
            start, pos = span
            category, length = lexicon._phrase_bytes[data[start:pos]]
            expected.append((start, category, length))
        assert hits == expected
        found += len(hits)
        lows = text.split("\n")
        with monkeypatch.context() as patch:
            patch.setattr(lexicon_module, "_NATIVE", None)
            python = labeler.scan_phrases(lows)
        assert labeler.scan_phrases(lows) == python
    assert found > 1000


def test_compiled_hits_of_four_and_five_byte_phrases_at_every_parity() -> None:
    """The first filter looks at every other position, answering for it and the one before
    (a four-byte phrase there by its last three bytes and any next one): random phrases of
    four and five bytes over a few letters, in texts of several 64-position blocks, so
    phrases open at both parities of every block's lookups, and overlap."""
    if compiled() is None:
        assert not native.AVAILABLE
        return
    rng = random.Random(11)
    letters = "abcé "
    for _ in range(30):
        words = {"".join(rng.choice(letters) for _ in range(rng.choice((4, 4, 5)))) for _ in range(12)}
        words = {word for word in words if len(word.encode()) >= 4}
        lexicon = lexicon_module.Lexicon(phrase_category={word: "share" for word in words})
        lexicon.compile()
        lexicon._phrase_trie()  # built now: no text is left to the small scan in Python
        for _ in range(15):
            data = "".join(rng.choice(letters + "\n") for _ in range(rng.randrange(300))).encode()
            hits = list(lexicon.phrase_byte_hits(data))
            match, pos, expected = lexicon._phrase_matcher().Match, 0, []
            while (span := match(lexicon_module._UNANCHORED, data, pos, len(data))[0])[0] >= 0:
                start, pos = span
                category, length = lexicon._phrase_bytes[data[start:pos]]
                expected.append((start, category, length))
            assert hits == expected
