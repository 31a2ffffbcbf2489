"""The fast YAML path (libyaml's events) gives exactly what the pure-Python composer gives,
lines included, and leaves every problem to the slow path, so errors read as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cleaner.outlets import rules as rules_module
from cleaner.outlets import yamlsource
from cleaner.outlets.rules import builtin_rules_dir, load_rule_file
from cleaner.outlets.yamlsource import LocatedDict, LocatedList, YamlProblem, load_yaml, load_yaml_slowly

ROOT = Path(__file__).resolve().parents[2]
YAML_FILES = sorted(
    [*builtin_rules_dir().glob("*.yaml"), *(builtin_rules_dir() / "lexicons").glob("*.yaml")]
    + list((ROOT / "corpus").rglob("*.yaml"))
)

pytestmark = pytest.mark.skipif(not yamlsource._FAST, reason="PyYAML built without libyaml")


def same(a: Any, b: Any) -> bool:
    """Equal data, equal types and equal lines all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, LocatedDict):
        return (a.line, a.key_lines, list(a)) == (b.line, b.key_lines, list(b)) and all(
            same(a[k], b[k]) for k in a
        )
    if isinstance(a, LocatedList):
        return (a.line, a.item_lines, len(a)) == (b.line, b.item_lines, len(b)) and all(map(same, a, b))
    return bool(a == b)


def test_every_shipped_yaml_file_loads_the_same_on_both_paths() -> None:
    assert len(YAML_FILES) > 50
    for path in YAML_FILES:
        text = path.read_text(encoding="utf-8")
        assert same(yamlsource._load_from_events(text), load_yaml_slowly(text)), path


def test_the_fast_path_is_the_one_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> Any:
        raise AssertionError("slow path used for a valid file")

    monkeypatch.setattr(yamlsource, "load_yaml_slowly", refuse)
    for path in YAML_FILES[:5]:
        assert isinstance(load_yaml(path.read_text(encoding="utf-8")), LocatedDict)


SCALARS = """\
name: plain
count: 3
ratio: 0.5
flag: yes
nothing: ~
when: 2024-01-31
quoted: '3'
items:
  - one
  - [a, {b: 2}]
  - ? complex
    : key
? [x, y]
: list key
empty_list: []
empty_map: {}
"""

HOSTILE = {
    "alias": "a: &x [1]\nb: *x\n",
    "merge": "base: &b {x: 1}\nother:\n  <<: *b\n",
    "merge-plain": "other:\n  <<: {x: 1}\n",
    "duplicate": "a: 1\nb: 2\na: 3\n",
    "python-tag": "a: !!python/object/apply:os.system ['echo']\n",
    "tagged-map": "a: !!python/object {x: 1}\n",
    "unknown-scalar-tag": "a: !custom 5\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "syntax": "a: [1, 2\nb: 3\n",
    "tab": "a:\n\t- x\n",
    "deep-flow": "a: " + "[" * 40 + "]" * 40 + "\n",
    "deep-flow-huge": "a: " + "[" * 200_000 + "]" * 200_000 + "\n",
    "deep-block": "a:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(40)),
    "bad-timestamp": "a: 2024-13-45\n",
}


def outcome(load: Any, text: str) -> tuple[str, Any]:
    try:
        data = load(text)
    except YamlProblem as exc:
        return "error", (str(exc), exc.line)
    return "data", data


def test_plain_values_match_the_slow_path() -> None:
    assert same(yamlsource._load_from_events(SCALARS), load_yaml_slowly(SCALARS))
    assert load_yaml("") is None and load_yaml_slowly("") is None


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_problems_read_as_the_slow_path_says_them(name: str) -> None:
    text = HOSTILE[name]
    fast, slow = outcome(load_yaml, text), outcome(load_yaml_slowly, text)
    assert fast[0] == slow[0]
    if fast[0] == "error":
        assert fast == slow
    else:
        assert same(fast[1], slow[1])


def test_a_rule_file_is_compiled_once_per_process(tmp_path: Path) -> None:
    rule_file = builtin_rules_dir() / "apnews.com.yaml"
    copy = tmp_path / rule_file.name
    copy.write_text(rule_file.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_rule_file(copy)
    assert load_rule_file(copy) is first
    copy.write_text(rule_file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert load_rule_file(copy) is not first
    assert rules_module.RULE_FILE_CACHE_SIZE >= 100


def test_an_impossible_date_is_a_rule_file_error_with_its_line(tmp_path: Path) -> None:
    text = (builtin_rules_dir() / "apnews.com.yaml").read_text(encoding="utf-8")
    path = tmp_path / "apnews.com.yaml"
    path.write_text(text + "updated: 2024-13-45\n", encoding="utf-8")
    with pytest.raises(rules_module.RuleFileError) as info:
        load_rule_file(path)
    assert info.value.line == text.count("\n") + 1
    assert "2024-13-45" in str(info.value)
