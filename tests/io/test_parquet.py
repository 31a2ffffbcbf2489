"""Parquet input and output: every input column kept in order with its type, the added
columns, row-group streaming, bad rows to the errors file, and the refusals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.paths import DATA, require_extra

require_extra("pyarrow", "parquet")

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from cleaner.cli import main  # noqa: E402
from cleaner.io import parquet as parquet_io  # noqa: E402

ARTICLE = (DATA / "io" / "mt_article.txt").read_text(encoding="utf-8")
MT_URL = "https://www.themoscowtimes.com/2024/02/07/kaliningrad-vote"
FAST = ["--no-heuristics"]


def invoke(args: list[str]) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, ["clean", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes, result.stderr


def rows(count: int) -> list[dict[str, object]]:
    return [
        {
            "id": i,
            "fetched": dt.datetime(2024, 2, 7, 12, i % 60),
            "text": ARTICLE if i % 2 == 0 else f"Short item {i}.\n",
            "url": MT_URL,
            "raw": bytes([i % 256, 0]),
            "score": i / 10,
        }
        for i in range(count)
    ]


def write(path: Path, data: list[dict[str, object]], row_group_size: int = 4) -> Path:
    pq.write_table(pa.Table.from_pylist(data), path, row_group_size=row_group_size)
    return path


def test_output_keeps_every_column_in_order_and_adds_the_result(tmp_path: Path) -> None:
    source = write(tmp_path / "in.parquet", rows(10))
    out = tmp_path / "out.parquet"
    code, _, stderr = invoke([str(source), "-o", str(out), *FAST])
    assert code == 0, stderr
    table = pq.read_table(out)
    input_schema = pq.read_schema(source)
    assert table.schema.names == [*input_schema.names, "body", "removed", "outlet", "metadata"]
    for name in input_schema.names:
        assert table.schema.field(name).type == input_schema.field(name).type
        assert table.column(name).to_pylist() == pq.read_table(source).column(name).to_pylist()
    first = table.slice(0, 1).to_pylist()[0]
    assert "Remind me later" not in first["body"] and first["outlet"] == "themoscowtimes.com"
    assert first["removed"][0]["category"] == "donation_appeal"
    assert first["removed"][0]["rule"] == "themoscowtimes.com:donation-appeal"
    assert ARTICLE[first["removed"][0]["start"] : first["removed"][0]["end"]] == first["removed"][0]["text"]


def test_parquet_rows_equal_jsonl_records(tmp_path: Path) -> None:
    """The same records as Parquet and as JSONL give the same bodies and removed spans."""
    data = rows(7)
    source = write(tmp_path / "in.parquet", data)
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        "".join(json.dumps({"id": r["id"], "text": r["text"], "url": r["url"]}) + "\n" for r in data),
        encoding="utf-8",
    )
    _, from_jsonl, _ = invoke([str(jsonl), *FAST])
    _, from_parquet, _ = invoke([str(source), "--keep-fields", "id,text,url", *FAST])
    assert from_parquet == from_jsonl


def test_jsonl_output_of_typed_columns(tmp_path: Path) -> None:
    source = write(tmp_path / "in.parquet", rows(2))
    code, out, _ = invoke([str(source), "--drop-fields", "removed,text", *FAST])
    first = json.loads(out.splitlines()[0])
    assert code == 0
    assert first["fetched"] == "2024-02-07T12:00:00" and first["raw"] == "AAA=" and first["score"] == 0.0


def test_reading_is_streamed_row_group_by_row_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader asks pyarrow for small batches, never the whole table."""
    source = write(tmp_path / "in.parquet", rows(50), row_group_size=10)
    asked: list[int] = []
    real = pq.ParquetFile.iter_batches

    def spy(self: pq.ParquetFile, batch_size: int = 0, **kwargs: object):  # type: ignore[no-untyped-def]
        asked.append(batch_size)
        return real(self, batch_size=batch_size, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", spy)
    monkeypatch.setattr(pq, "read_table", None)  # reading the whole table would fail here
    code, out, _ = invoke([str(source), "-q", *FAST])
    assert code == 0 and len(out.splitlines()) == 50 and asked == [parquet_io.READ_ROWS]


def test_row_groups_are_written_as_they_fill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parquet_io, "ROW_GROUP_ROWS", 256)
    source = write(tmp_path / "in.parquet", rows(600), row_group_size=100)
    out = tmp_path / "out.parquet"
    code, _, _ = invoke([str(source), "-o", str(out), "-q", *FAST])
    meta = pq.ParquetFile(out).metadata
    assert code == 0 and meta.num_rows == 600 and meta.num_row_groups == 3


def test_bad_rows_go_whole_to_the_errors_file(tmp_path: Path) -> None:
    data = rows(4)
    data[1]["text"] = None
    data[2]["text"] = "   "
    source = write(tmp_path / "in.parquet", data)
    out = tmp_path / "out.parquet"
    code, _, stderr = invoke([str(source), "-o", str(out), *FAST])
    assert code == 1
    errors = [
        json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [(e["line"], e["reason"]) for e in errors] == [
        (2, "record has no 'text' or 'html' field"),
        (3, "empty document"),
    ]
    assert json.loads(errors[0]["record"])["id"] == 1
    assert pq.read_table(out).column("id").to_pylist() == [0, 3]
    assert f"{source}:2: record has no 'text' or 'html' field" in stderr


def test_jsonl_to_parquet_fixes_columns_from_the_first_records(tmp_path: Path) -> None:
    jsonl = tmp_path / "in.jsonl"
    records = [{"id": 1, "text": "One."}, {"id": 2, "text": "Two.", "tag": "x"}]
    records += [{"id": i, "text": f"Filler {i}."} for i in range(3, 300)]  # past the first batch
    records.append({"id": 300, "text": "Late.", "extra": 1})
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.parquet"
    code, _, stderr = invoke([str(jsonl), "-o", str(out), *FAST])
    table = pq.read_table(out)
    assert code == 1 and table.column("tag").to_pylist()[:3] == [None, "x", None]
    assert table.num_rows == 299
    assert "field 'extra' is not one of the Parquet output's columns" in stderr
    assert table.schema.names == ["id", "text", "tag", "body", "removed", "outlet", "metadata"]


def test_html_rows_keep_metadata_as_json(tmp_path: Path) -> None:
    page = (DATA / "io" / "site").glob("*.html")
    html = next(iter(sorted(page))).read_text(encoding="utf-8")
    source = write(tmp_path / "in.parquet", [{"html": html, "url": "https://example.com/a"}])
    out = tmp_path / "out.parquet"
    code, _, stderr = invoke([str(source), "-o", str(out), "--no-fallback"])
    assert code == 0, stderr
    metadata = pq.read_table(out).column("metadata").to_pylist()[0]
    assert metadata is None or isinstance(json.loads(metadata), dict)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Parquet output needs -o FILE.parquet"),
        (["-o", "{tmp}/o.parquet", "--resume"], "--resume cannot be used with Parquet output"),
    ],
)
def test_refusals(tmp_path: Path, args: list[str], message: str) -> None:
    source = write(tmp_path / "in.parquet", rows(2))
    args = [a.format(tmp=tmp_path) for a in args]
    code, _, stderr = invoke([str(source), "--output-format", "parquet", *args, *FAST])
    assert code == 2 and message in stderr


def test_inputs_with_different_columns_are_refused(tmp_path: Path) -> None:
    one = write(tmp_path / "a.parquet", rows(2))
    two = write(tmp_path / "b.parquet", [{"text": "Other."}])
    code, _, stderr = invoke([str(one), str(two), "-o", str(tmp_path / "o.parquet"), *FAST])
    assert code == 2 and "its columns differ from the first Parquet input's" in stderr


def test_not_parquet_and_stdin(tmp_path: Path) -> None:
    fake = tmp_path / "fake.parquet"
    fake.write_bytes(b"PAR1 this is not a parquet file")
    code, _, stderr = invoke([str(fake), *FAST])
    assert code == 1 and "not a readable Parquet file" in stderr
    source = write(tmp_path / "in.parquet", rows(1))
    result = CliRunner().invoke(main, ["clean", "-", *FAST], input=source.read_bytes())
    assert result.exit_code == 1 and "Parquet input must be a file, not a stream" in result.stderr


def test_parallel_parquet_output_is_identical(tmp_path: Path) -> None:
    source = write(tmp_path / "in.parquet", rows(600), row_group_size=50)
    one, two = tmp_path / "j1.parquet", tmp_path / "j2.parquet"
    assert invoke([str(source), "-o", str(one), "-q", *FAST])[0] == 0
    assert invoke([str(source), "-o", str(two), "-q", "-j", "2", *FAST])[0] == 0
    assert pq.read_table(one).equals(pq.read_table(two))
