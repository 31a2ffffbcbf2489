"""A record whose output cannot be written (a lone surrogate, NaN) fails alone: it goes to the
errors file with its content, the other records are written, and every output line is JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from cleaner.cli import main

EXIT_SOME_FAILED = 1
GOOD = "The council approved the budget."


def strict_json(line: str) -> Any:
    """json.loads that refuses NaN and Infinity, which are not JSON."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(line, parse_constant=refuse)


def run_clean(tmp_path: Path, lines: list[str], *extra: str) -> tuple[int, str, Path, Path]:
    src = tmp_path / "s.jsonl"
    src.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(out), "--no-heuristics", *extra])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr, out, tmp_path / "o.errors.jsonl"


def test_lone_surrogate_in_another_field_fails_that_record_only(tmp_path: Path) -> None:
    bad = '{"text":"The council approved the budget.","x":"\\ud800"}'
    good = json.dumps({"id": 2, "text": GOOD})
    code, stderr, out, errors = run_clean(tmp_path, [good, bad, good])
    assert code == EXIT_SOME_FAILED, stderr
    assert "Traceback" not in stderr
    written = [strict_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["body"] for r in written] == [GOOD, GOOD]
    entries = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert len(entries) == 1
    assert entries[0]["line"] == 2
    assert entries[0]["record"] == bad
    assert "surrogate" in entries[0]["reason"]


def test_lone_surrogate_in_the_text_fails_the_record_with_its_content(tmp_path: Path) -> None:
    bad = '{"text":"The council approved \\udc80 the budget."}'
    code, _stderr, out, errors = run_clean(tmp_path, [bad])
    assert code == EXIT_SOME_FAILED
    assert out.read_bytes() == b""
    entry = json.loads(errors.read_text(encoding="utf-8"))
    assert entry["record"] == bad


def test_lone_surrogate_in_text_output_fails_the_record(tmp_path: Path) -> None:
    bad = '{"text":"The council approved \\ud800 the budget."}'
    good = json.dumps({"text": GOOD})
    code, _stderr, out, errors = run_clean(tmp_path, [bad, good], "--output-format", "text")
    assert code == EXIT_SOME_FAILED
    assert out.read_text(encoding="utf-8") == GOOD + "\n"
    assert json.loads(errors.read_text(encoding="utf-8"))["record"] == bad


def test_nan_never_reaches_the_output(tmp_path: Path) -> None:
    lines = [
        '{"text":"The council approved the budget.","score":NaN}',
        '{"text":"The council approved the budget.","score":-Infinity}',
        json.dumps({"text": GOOD, "score": 1.5}),
    ]
    code, _stderr, out, errors = run_clean(tmp_path, lines)
    assert code == EXIT_SOME_FAILED
    written = [strict_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["score"] for r in written] == [1.5]
    entries = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [e["record"] for e in entries] == lines[:2]
    assert all("NaN" in e["reason"] for e in entries)


def test_explain_shows_a_lone_surrogate_as_a_replacement_character(tmp_path: Path) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text('{"text":"The council approved the budget.\\ud800 More."}\n', encoding="utf-8")
    report = tmp_path / "r.html"
    for extra in ([], ["--html", str(report)]):
        result = CliRunner().invoke(main, ["explain", str(src), "--no-color", *extra])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == 0, result.output
    assert "budget.\ufffd More." in report.read_text(encoding="utf-8")
