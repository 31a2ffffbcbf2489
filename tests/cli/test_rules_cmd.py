"""`cleaner rules list|validate|test` on shipped and user rule files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import main
from tests.outlets.test_rule_files import GOOD


def test_shipped_rules_validate_and_pass() -> None:
    runner = CliRunner()
    validated = runner.invoke(main, ["rules", "validate"])
    assert validated.exit_code == 0, validated.output
    assert "0 invalid" in validated.output
    tested = runner.invoke(main, ["rules", "test"])
    assert tested.exit_code == 0, tested.output
    assert " 0 failed" in tested.output
    listed = runner.invoke(main, ["rules", "list"])
    assert "themoscowtimes.com" in listed.output


def test_validate_reports_bad_file(rules_dir: Path) -> None:
    (rules_dir / "good.yaml").write_text(GOOD, encoding="utf-8")
    (rules_dir / "bad.yaml").write_text(GOOD.replace("'^Donate now$'", "'(a+)+'"), encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "validate", str(rules_dir)])
    assert result.exit_code == 1
    assert "bad.yaml:7: [end] nested unbounded repetition" in result.output
    assert "1 valid, 1 invalid" in result.output
    assert "Traceback" not in result.output


def test_failing_example_is_reported(rules_dir: Path) -> None:
    path = rules_dir / "example-daily.com.yaml"
    path.write_text(
        GOOD.replace(
            "    body: |\n      Story line.\n", "    body: |\n      Story line.\n      We need you.\n"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["rules", "test", str(path)])
    assert result.exit_code == 1
    assert "FAIL" in result.output and "0 passed, 1 failed" in result.output
    assert "-We need you." in result.output
