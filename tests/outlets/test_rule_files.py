"""Malformed or dangerous rule files get one-line errors naming file, line and key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.errors import RuleFileError
from cleaner.outlets.rules import load_rule_file

GOOD = """\
outlet: Example Daily
domains: [example-daily.com]
fingerprints: ["Thank you for reading Example Daily"]
text:
  - id: appeal
    category: donation_appeal
    block: {start: '^Support Example Daily$', end: '^Donate now$'}
examples:
  - input: |
      Story line.
      Support Example Daily
      We need you.
      Donate now
    body: |
      Story line.
"""


def _write(folder: Path, text: str, name: str = "example-daily.com.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _error(path: Path) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    message = str(info.value)
    assert "\n" not in message, "errors are one line"
    assert str(path) in message
    return info.value


def test_good_file_loads(rules_dir: Path) -> None:
    rules = load_rule_file(_write(rules_dir, GOOD))
    assert rules.key == "example-daily.com"
    assert [r.id for r in rules.text] == ["appeal"]


def test_bad_regex_names_line_and_key(rules_dir: Path) -> None:
    error = _error(_write(rules_dir, GOOD.replace("'^Donate now$'", "'^Donate (now$'")))
    assert error.line == 7 and error.key == "end"
    assert "invalid regex" in str(error)


def test_unknown_key(rules_dir: Path) -> None:
    error = _error(
        _write(
            rules_dir,
            GOOD.replace(
                "    category: donation_appeal\n", "    category: donation_appeal\n    colour: red\n"
            ),
        )
    )
    assert error.key == "colour" and error.line == 7
    assert "unknown key" in str(error)


def test_catastrophic_pattern_refused(rules_dir: Path) -> None:
    error = _error(_write(rules_dir, GOOD.replace("'^Donate now$'", "'^(a+)+$'")))
    assert error.key == "end"
    assert "nested unbounded repetition" in str(error)


def test_unknown_category_and_missing_id(rules_dir: Path) -> None:
    error = _error(_write(rules_dir, GOOD.replace("category: donation_appeal", "category: gossip")))
    assert "unknown category 'gossip'" in str(error)
    error = _error(_write(rules_dir, GOOD.replace("  - id: appeal\n    category", "  - category")))
    assert "id" in str(error)


def test_python_object_tag_is_refused(rules_dir: Path) -> None:
    error = _error(_write(rules_dir, GOOD + "notes: !!python/object/apply:os.system ['echo pwned']\n"))
    assert "unsafe or unknown YAML tag" in str(error)
    assert error.line == 16


def test_alias_bomb_is_refused(rules_dir: Path) -> None:
    bomb = GOOD + "notes:\n  a: &a [x, x, x]\n  b: &b [*a, *a, *a]\n  c: [*b, *b, *b]\n"
    error = _error(_write(rules_dir, bomb))
    assert "aliases" in str(error)


def test_duplicate_key_and_broken_yaml(rules_dir: Path) -> None:
    error = _error(_write(rules_dir, GOOD + "outlet: Again\n"))
    assert "duplicate key 'outlet'" in str(error) and error.line == 16
    error = _error(_write(rules_dir, "outlet: [unclosed\n"))
    assert "invalid YAML" in str(error)


def test_missing_examples_and_bad_date(rules_dir: Path) -> None:
    no_examples = GOOD.split("examples:")[0]
    assert "at least one example" in str(_error(_write(rules_dir, no_examples)))
    dated = GOOD.replace(
        "    category: donation_appeal\n", "    category: donation_appeal\n    valid_until: soon\n"
    )
    assert "valid_until" in str(_error(_write(rules_dir, dated)))


def test_invalid_utf8_rule_file(rules_dir: Path) -> None:
    path = rules_dir / "bad.yaml"
    path.write_bytes(b"outlet: \xff\xfe\n")
    assert "not valid UTF-8" in str(_error(path))


def test_cleaner_refuses_bad_folder(rules_dir: Path) -> None:
    _write(rules_dir, GOOD.replace("'^Donate now$'", "'(x)\\1'"))
    with pytest.raises(RuleFileError, match="backreferences"):
        Cleaner(rules_paths=[rules_dir])


def test_bad_css_selector(rules_dir: Path) -> None:
    html = GOOD + "html:\n  body: ['div[[']\n"
    assert "bad CSS selector" in str(_error(_write(rules_dir, html)))
