"""The dump runner cleans a batch's documents together (``Cleaner._clean_batch``): each output
record is what ``clean()`` gives that record alone, in input order, and a record that
fails (bad JSON, no text, a date that is no date, a value JSON cannot hold) goes to the
errors file alone, in its place, while the others of its batch are written."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cleaner import clean
from cleaner.cli import main

PROSE = (
    "The council approved the new budget on Tuesday after a long debate about the parking "
    "charges in the centre of the town and the cost of the new bus lanes."
)
TEXTS = [
    f"{PROSE}\nREAD MORE: Council split over new parking charges\n{PROSE}",
    "One line only.",
    f"Home\nNews\nSport\nWeather\nContact\nLogin\nSearch\nMenu\nAbout\nJobs\n{PROSE}\n{PROSE}\nImpressum",
    f"{PROSE}\nSign up for our free weekly newsletter\nPhoto: Jane Doe/Reuters",
]


def run(
    tmp_path: Path, lines: list[str], *extra: str
) -> tuple[int, list[dict[str, object]], list[dict[str, object]]]:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = CliRunner().invoke(
        main, ["clean", str(src), "-o", str(out), "--errors", str(errors), "-q", *extra]
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    read = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    failed = (
        [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
        if errors.exists()
        else []
    )
    return result.exit_code, read, failed


def test_batch_output_is_each_record_cleaned_alone(tmp_path: Path) -> None:
    lines = [json.dumps({"id": k, "text": text}) for k, text in enumerate(TEXTS * 5)]
    code, written, failed = run(tmp_path, lines)
    assert code == 0 and not failed
    assert [record["id"] for record in written] == list(range(len(lines)))
    for record in written:
        alone = clean(str(record["text"]))
        assert record["body"] == alone.body
        assert record["removed"] == [
            {"start": s.start, "end": s.end, "category": s.category, "rule": s.rule, "text": s.text}
            for s in alone.removed
        ]


def test_failed_records_go_alone_in_their_place(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 0, "text": TEXTS[0]}),
        "{not json",
        json.dumps({"id": 2, "text": TEXTS[1], "date": "not a date"}),
        json.dumps({"id": 3, "title": "no text field"}),
        json.dumps({"id": 4, "html": f"<html><body><article><p>{PROSE}</p></article></body></html>"}),
        json.dumps({"id": 5, "text": TEXTS[3]}),
    ]
    code, written, failed = run(tmp_path, lines)
    assert code == 1
    assert [record["id"] for record in written] == [0, 4, 5]
    assert [entry["line"] for entry in failed] == [2, 3, 4]
    assert "date" in str(failed[1]["reason"])
    assert written[0]["body"] == clean(TEXTS[0]).body
    assert written[2]["body"] == clean(TEXTS[3]).body
