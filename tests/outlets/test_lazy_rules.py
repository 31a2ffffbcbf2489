"""The shipped rule files load without compiling their patterns (each outlet compiles on
first use), and pass every check a rule file from anyone else gets."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.errors import RuleFileError
from cleaner.outlets import rules as rules_module
from cleaner.outlets.rules import builtin_rules_dir, load_rule_file, rule_files

SHIPPED = rule_files([builtin_rules_dir()])


def _compiled(pattern: object) -> bool:
    return "lines" in vars(pattern)


def test_every_shipped_rule_file_passes_the_full_checks() -> None:
    assert SHIPPED
    for path in SHIPPED:
        checked = load_rule_file(path)
        lazy = load_rule_file(path, checked=False)
        assert lazy == checked, path
        assert all(_compiled(rule.pattern) for rule in checked.text), path


def test_a_cleaner_compiles_an_outlet_only_when_it_meets_the_outlet() -> None:
    rules_module._parse_once.cache_clear()  # rule files already used by other tests are compiled
    cleaner = Cleaner(use_env=False)
    outlets = list(cleaner.rulebook.outlets.values())
    assert not any(_compiled(rule.pattern) for outlet in outlets for rule in outlet.text)
    outlet = next(o for o in outlets if o.text)
    example = next(e for e in outlet.examples if not e.is_html)
    result = cleaner.clean(example.input, url=example.url or f"https://{outlet.key}/story")
    assert result.outlet == outlet.key
    assert result.body.strip() == example.body.strip()
    assert "start_set" in vars(outlet)  # which of its rules can fire ...
    assert any(_compiled(rule.pattern) for rule in outlet.text)  # ... and those that did
    others = [o for o in outlets if o is not outlet]
    assert not any("start_set" in vars(other) for other in others)
    assert not any(_compiled(rule.pattern) for other in others for rule in other.text)


def test_a_user_rule_file_is_still_checked_when_the_cleaner_is_built(tmp_path: Path) -> None:
    bad = """\
    outlet: Example Daily
    domains: [example-daily.com]
    text:
      - id: nested
        category: other
        line: '^(a+)+$'
    examples:
      - input: "Story.\\n"
        body: "Story.\\n"
    """
    (tmp_path / "example-daily.com.yaml").write_text(textwrap.dedent(bad), encoding="utf-8")
    with pytest.raises(RuleFileError, match="nested unbounded repetition") as info:
        Cleaner(rules_paths=[tmp_path], use_env=False)
    assert info.value.path.endswith("example-daily.com.yaml") and info.value.line == 6
