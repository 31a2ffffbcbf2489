"""Hostile rule files fail fast with a RuleFileError naming file and line: YAML nested deeper than
any rule file needs, more text rules than a file may hold, and patterns too big to compile together.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleaner.errors import RuleFileError
from cleaner.outlets.patterns import PatternError, compile_pattern_set
from cleaner.outlets.rules import MAX_TEXT_RULES, load_rule_file
from cleaner.outlets.yamlsource import MAX_NESTING_DEPTH

HEAD = "outlet: Hostile Herald\ndomains: [hostile-herald.test]\n"
EXAMPLE = "examples:\n  - input: 'Body.'\n    body: 'Body.'\n"
DEEP = 500
MANY_RULES = 1500
TIME_LIMIT_SECONDS = 5.0  # what loading any one rule file may take, however it is built
# A pattern that compiles alone but is large (case folding times counted repeats): a few of
# them together are more than one RE2 set can hold.
HEAVY = r"(?i)^\w{1,50} \pL{3,40} number N .{0,200}$"


def load_error(path: Path, text: str) -> RuleFileError:
    path.write_text(text, encoding="utf-8")
    started = time.process_time()
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    assert time.process_time() - started < TIME_LIMIT_SECONDS
    message = str(info.value)
    assert message.startswith(f"{path}:"), message
    assert info.value.line is not None, message
    assert "\n" not in message
    return info.value


def line_rules(count: int, pattern: str) -> str:
    rules = "".join(
        f"  - id: r{i}\n    category: other\n    line: '{pattern.replace('N', str(i))}'\n"
        for i in range(count)
    )
    return "text:\n" + rules


@pytest.mark.parametrize(
    "nested",
    [
        "notes: " + "[" * DEEP + "]" * DEEP + "\n",
        "notes: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n",
        "notes:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(DEEP)),
        "notes:\n" + "".join("  " * (i + 1) + "-\n" for i in range(DEEP)),
    ],
    ids=["flow-lists", "flow-maps", "block-maps", "block-lists"],
)
def test_deep_nesting_is_a_rule_file_error(tmp_path: Path, nested: str) -> None:
    error = load_error(tmp_path / "deep.yaml", HEAD + nested + EXAMPLE)
    assert "nested" in error.detail and str(MAX_NESTING_DEPTH) in error.detail


def test_nesting_up_to_the_limit_loads(tmp_path: Path) -> None:
    levels = MAX_NESTING_DEPTH - 1  # the top-level mapping is one level
    path = tmp_path / "ok.yaml"
    path.write_text(HEAD + "notes: " + "[" * levels + "]" * levels + "\n" + EXAMPLE, encoding="utf-8")
    assert load_rule_file(path).key == "hostile-herald.test"


def test_too_many_text_rules_is_a_rule_file_error(tmp_path: Path) -> None:
    text = HEAD + line_rules(MANY_RULES, "^Rule number N of the outlet (alpha|beta|gamma) .*$") + EXAMPLE
    error = load_error(tmp_path / "many.yaml", text)
    assert error.key == "text" and error.line == 3
    assert str(MAX_TEXT_RULES) in error.detail


def test_rules_up_to_the_limit_load(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(HEAD + line_rules(MAX_TEXT_RULES, "^Rule number N$") + EXAMPLE, encoding="utf-8")
    assert len(load_rule_file(path).text) == MAX_TEXT_RULES


@pytest.mark.parametrize("count", [10, 300, MANY_RULES])
def test_patterns_too_big_together_are_a_rule_file_error(tmp_path: Path, count: int) -> None:
    error = load_error(tmp_path / "heavy.yaml", HEAD + line_rules(count, HEAVY) + EXAMPLE)
    assert "simplify" in error.detail or str(MAX_TEXT_RULES) in error.detail


def test_a_set_too_big_for_re2_is_a_pattern_error() -> None:
    with pytest.raises(PatternError, match="too large to compile together"):
        compile_pattern_set([HEAVY.replace("N", str(i)) for i in range(10)])
