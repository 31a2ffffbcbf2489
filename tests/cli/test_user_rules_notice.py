"""User rule folders change the output for their domains, so a run says on stderr, once, which
are active: those of --rules and of CLEANER_RULES_PATH. Without any, nothing is said."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.outlets.rules import RULES_ENV
from tests.paths import DATA

RULES = DATA / "rules"  # a made-up outlet's rule file
NOTICE = "cleaner: user rules:"
TEXT = "The council approved the budget on Tuesday.\nLawmakers argued for six hours.\n"


def env_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "env-rules"
    folder.mkdir()
    for rule_file in RULES.glob("*.yaml"):
        (folder / rule_file.name).write_bytes(rule_file.read_bytes())
    return folder


def notices(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(NOTICE)]


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_both_kinds_of_user_folders_are_named_once(tmp_path: Path, command: str) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    env = env_folder(tmp_path)
    args = [command, str(doc), "--rules", str(RULES), "--no-heuristics"]
    result = CliRunner().invoke(main, args, env={RULES_ENV: str(env)})
    assert result.exit_code == 0, result.stderr
    [line] = notices(result.stderr)
    assert f"{env} ({RULES_ENV})" in line
    assert f"{RULES} (--rules)" in line


def test_clean_with_several_jobs_says_it_once(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text("".join(f'{{"text": "Record {i}. {TEXT[:40]}"}}\n' for i in range(600)), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["clean", str(dump), "-o", str(tmp_path / "o.jsonl"), "-j", "2", "--no-heuristics"],
        env={RULES_ENV: str(env_folder(tmp_path))},
    )
    assert result.exit_code == 0, result.stderr
    assert len(notices(result.stderr)) == 1


def test_no_user_folders_no_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RULES_ENV, raising=False)
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(doc), "--no-heuristics"])
    assert result.exit_code == 0, result.stderr
    assert notices(result.stderr) == []


def test_eval_names_the_user_folders_once(tmp_path: Path) -> None:
    args = ["eval", str(DATA / "corpus"), "--no-heuristics", "--no-builtin-rules", "--rules", str(RULES)]
    result = CliRunner().invoke(main, args, env={RULES_ENV: str(env_folder(tmp_path))})
    assert result.exit_code == 0, result.stderr
    [line] = notices(result.stderr)
    assert f"{RULES} (--rules)" in line and RULES_ENV in line
