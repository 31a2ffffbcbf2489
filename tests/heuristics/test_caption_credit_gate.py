"""caption_credits.ends_with_credit's gate (a bracket opening no credit phrase is not
scanned) against the scan it skips, on captions, hostile strings and random texts."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from cleaner.heuristics.caption_credits import (
    CAPTION_MAX_WORDS,
    CAPTION_MIN_WORDS,
    CREDIT_CATEGORY,
    CREDIT_MAX_WORDS,
    credit_openings,
    ends_with_credit,
)
from cleaner.heuristics.lexicon import Lexicon, load_lexicon, lower_text

_LEXICON = load_lexicon()
_CASES = [
    "The minister at the congress on Monday (Photo: Ann Lee/Agency).",
    "Lawine kam noch innerhalb des Hangs zum Stillstand (Foto: T. Lainé, 16.01.2022).",
    "in Olympia, Washington. (AP Photo/Elaine Thompson)",
    "Der Minister am Montag in Berlin (FOTO: dpa)",
    "Министр на съезде в понедельник (Фото: Анна Ли)",
    "Ο υπουργός στο συνέδριο (ΦΩΤΟ: ΑΠΕ)",
    "Ο υπουργός στο συνέδριο (ΣΑ φωτο)",
    "İlgili haber burada görülüyor (İHA fotoğraf)",
    "a b c ()",
    "a b c (",
    "a b c (\u0307foto: x)",
    "a b c (\ufefffoto: x)",
    "a b c (\u2028foto: x)",
    "a b c (\U0001f600 photo: x)",
    "a b c (\ud800 photo)",
    "a b c (\u00a0foto: x)",
    "a b c ( photo: x)",
    "a b c (photo" + "x" * 200_000 + ")",
    "Ski star at the start. © AFP / Ann Lee",
    "",
    ")",
]


def _scanned(text: str, words: int, lexicon: Lexicon) -> bool:
    """``ends_with_credit`` without the gate: every bracket's words split and scanned."""
    if words > CAPTION_MAX_WORDS:
        return False
    line = text.rstrip(" \t.;")
    if not line.endswith(")"):
        return ends_with_credit(text, words, lexicon)
    opening = line.rfind("(")
    if opening < 0 or len(line[:opening].split()) < CAPTION_MIN_WORDS:
        return False
    inner = lower_text(line[opening:])
    if len(inner.split()) > CREDIT_MAX_WORDS + 2:
        return False
    hits = lexicon.phrase_byte_hits(inner.encode())
    return any(start <= 1 and category == CREDIT_CATEGORY for start, category, _ in hits)


def _outcome(test: Callable[[str, int, Lexicon], bool], text: str) -> object:
    """The answer of ``test`` on ``text``, or the type of what it raised (a lone surrogate
    cannot be encoded: the gate must raise where the scan did)."""
    try:
        return test(text, len(text.split()), _LEXICON)
    except UnicodeEncodeError as error:
        return type(error)


@pytest.mark.parametrize("text", _CASES)
def test_gate_agrees_with_the_scan(text: str) -> None:
    assert _outcome(ends_with_credit, text) == _outcome(_scanned, text)


def test_gate_agrees_on_every_credit_phrase_and_random_brackets() -> None:
    phrases = [phrase for phrase, category in _LEXICON.phrase_category.items() if category == CREDIT_CATEGORY]
    assert phrases and all(phrase.encode()[:2] in credit_openings(_LEXICON) for phrase in phrases)
    rng = random.Random(33)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ :/()©.İΣσςфФ\u0307\u00a0"
    texts = [f"one two three ({phrase.upper()} Ann Lee)" for phrase in phrases]
    texts += [f"one two three ({phrase} Ann Lee)" for phrase in phrases]
    texts += ["one two three (" + "".join(rng.choices(alphabet, k=rng.randint(0, 30))) for _ in range(3000)]
    texts = [text if text.endswith(")") else text + ")" for text in texts]
    for text in texts:
        words = len(text.split())
        assert ends_with_credit(text, words, _LEXICON) == _scanned(text, words, _LEXICON), text
