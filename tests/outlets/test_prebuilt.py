"""The prebuilt store (cleaner/outlets/prebuilt.json): current with the shipped files, the
same data the YAML gives, and never used for a file it was not built from."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cleaner.errors import RuleFileError
from cleaner.outlets import prebuilt as prebuilt_module
from cleaner.outlets import rules as rules_module
from cleaner.outlets.located import LocatedDict, LocatedList, from_plain, to_plain
from cleaner.outlets.prebuilt import PREBUILT_FORMAT, PREBUILT_PATH, read_store
from cleaner.outlets.rules import builtin_rules_dir, located_yaml, parse_rules, rule_files
from cleaner.outlets.yamlsource import load_yaml
from tests.outlets.test_yaml_fast_path import same

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = rule_files([builtin_rules_dir()])


def prebuild_script() -> Any:
    spec = importlib.util.spec_from_file_location("prebuild", ROOT / "bench" / "prebuild.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_packaged_store_is_what_the_sources_build_now() -> None:
    expected = prebuild_script().prebuilt_text()
    assert PREBUILT_PATH.read_text(encoding="utf-8") == expected, (
        "cleaner/outlets/prebuilt.json is stale (a rule file, a lexicon or their loader changed): "
        "run python bench/prebuild.py"
    )


def test_every_shipped_rule_file_comes_from_the_store_as_its_yaml_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert SHIPPED
    for path in SHIPPED:
        text = path.read_text(encoding="utf-8")
        stored = prebuilt_module.prebuilt(rules_module._yaml_key(text))
        assert stored is not None, path
        assert same(located_yaml(text), load_yaml(text)), path


def test_shipped_outlets_are_the_same_with_and_without_the_store(monkeypatch: pytest.MonkeyPatch) -> None:
    with_store = [parse_rules(p.read_text(encoding="utf-8"), str(p), checked=False) for p in SHIPPED]
    monkeypatch.setattr(rules_module, "prebuilt", lambda key: None)
    without = [parse_rules(p.read_text(encoding="utf-8"), str(p), checked=False) for p in SHIPPED]
    assert with_store == without


def test_an_edited_rule_file_is_read_from_its_yaml(tmp_path: Path) -> None:
    shipped = builtin_rules_dir() / "apnews.com.yaml"
    edited = shipped.read_text(encoding="utf-8").replace("outlet: ", "outlet: Edited ", 1)
    assert prebuilt_module.prebuilt(rules_module._yaml_key(edited)) is None
    path = tmp_path / shipped.name
    path.write_text(edited, encoding="utf-8")
    assert rules_module.load_rule_file(path).name.startswith("Edited ")


def test_a_broken_copy_of_a_shipped_file_still_names_file_and_line(tmp_path: Path) -> None:
    shipped = builtin_rules_dir() / "apnews.com.yaml"
    lines = shipped.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(1, "colour: blue\n")
    path = tmp_path / shipped.name
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        rules_module.load_rule_file(path, checked=False)
    assert f"{path}:2:" in str(caught.value) and "colour" in str(caught.value)


def test_plain_form_round_trips_every_kind_of_value() -> None:
    text = (
        "name: plain\ncount: 3\nratio: 0.5\nflag: yes\nnothing: ~\nwhen: 2024-01-31\n"
        "stamp: 2024-01-31 10:20:30+02:00\nquoted: '3'\nitems:\n  - one\n  - [a, {b: 2}]\n"
        "empty_list: []\nempty_map: {}\n"
    )
    data = load_yaml(text)
    back = from_plain(json.loads(json.dumps(to_plain(data))))
    assert same(back, data)
    assert back["when"] == dt.date(2024, 1, 31) and isinstance(back["stamp"], dt.datetime)
    assert isinstance(back["items"], LocatedList) and isinstance(back["items"][1][1], LocatedDict)
    with pytest.raises(TypeError):
        to_plain(b"bytes")


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"[1, 2]", json.dumps({"format": PREBUILT_FORMAT + 1, "entries": {"k": 1}}).encode()],
)
def test_a_damaged_or_other_format_store_holds_nothing(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "prebuilt.json"
    path.write_bytes(content)
    assert read_store(path) == {}
    assert read_store(tmp_path / "missing.json") == {}


def test_a_cleaner_with_the_shipped_rules_never_imports_pyyaml() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = "import sys\nfrom cleaner import Cleaner\nCleaner(use_env=False)\nprint('yaml' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    assert done.stdout.strip() == "False"
