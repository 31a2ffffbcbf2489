"""Rule patterns run in linear time; dangerous constructs are refused at load."""

from __future__ import annotations

import time

import pytest

from cleaner.outlets.patterns import PatternError, check_pattern, compile_pattern


@pytest.mark.parametrize(
    "pattern, reason",
    [
        (r"(a+)+$", "nested unbounded"),
        (r"(\w+\s?)*$", "nested unbounded"),
        (r"(?:x*)*y", "nested unbounded"),
        (r"(a)\1", "backreferences"),
        (r"foo(?=bar)", "lookaround"),
        (r"(?<!x)foo", "lookaround"),
        (r"[unclosed", "invalid regex"),
        ("", "non-empty"),
        ("a" * 3000, "longer than"),
    ],
)
def test_refused_patterns(pattern: str, reason: str) -> None:
    with pytest.raises(PatternError, match=reason):
        check_pattern(pattern)


@pytest.mark.parametrize(
    "pattern",
    [r"^Read more about:", r"^(?i)remind me later\.?$", r"\p{Lu}\w+ Min read", r"(?:ab){1,3}c", r"(a|b)*c"],
)
def test_accepted_patterns(pattern: str) -> None:
    compile_pattern(pattern)


def test_matching_is_linear_on_adversarial_input() -> None:
    # (a|aa)*b backtracks exponentially in a backtracking engine on a run of a's.
    regex = compile_pattern(r"^(a|aa)*b$")
    text = "a" * 200_000
    started = time.process_time()
    assert regex.search(text) is None
    assert time.process_time() - started < 2.0


def test_matches_never_cross_lines() -> None:
    regex = compile_pattern(r"foo\sbar")
    assert regex.search("foo\nbar") is None
    assert regex.search("foo bar") is not None
