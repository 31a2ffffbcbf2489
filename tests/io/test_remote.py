"""Remote inputs and outputs through fsspec, on its in-memory file system: a remote
dump, a remote folder, JSONL, Parquet, errors and --stats written remotely."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator

import pytest

from tests.paths import DATA, require_extra

require_extra("fsspec", "remote")

import fsspec  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from cleaner.cli import main  # noqa: E402
from cleaner.io.remote import is_url  # noqa: E402

ARTICLE = (DATA / "io" / "mt_article.txt").read_text(encoding="utf-8")
FAST = ["--no-heuristics"]


@pytest.fixture
def memory() -> Iterator[fsspec.AbstractFileSystem]:
    fs = fsspec.filesystem("memory")
    fs.store.clear()
    fs.pseudo_dirs.clear()
    fs.pseudo_dirs.append("")
    yield fs
    fs.store.clear()


def invoke(args: list[str]) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, ["clean", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes, result.stderr


def put(fs: fsspec.AbstractFileSystem, path: str, data: bytes) -> None:
    with fs.open(path, "wb") as handle:
        handle.write(data)


def test_is_url() -> None:
    assert is_url("s3://bucket/key") and is_url("memory://x") and is_url("hf://datasets/a/b")
    assert not is_url("/tmp/a.jsonl") and not is_url("file:///tmp/a") and not is_url("C:\\data\\a.txt")


def test_remote_dump_to_remote_jsonl_with_errors_and_stats(memory: fsspec.AbstractFileSystem) -> None:
    lines = [json.dumps({"id": 1, "text": ARTICLE}), "{broken", json.dumps({"id": 3, "text": "Short."})]
    put(memory, "/in/dump.jsonl.gz", gzip.compress(("\n".join(lines) + "\n").encode()))
    code, _, stderr = invoke(
        [
            "memory://in/dump.jsonl.gz",
            "-o",
            "memory://out/clean.jsonl",
            "--stats",
            "memory://out/stats.json",
            *FAST,
        ]
    )
    assert code == 1, stderr
    records = [json.loads(line) for line in memory.cat("/out/clean.jsonl").splitlines()]
    assert [r["id"] for r in records] == [1, 3]
    assert "Remind me later" not in records[0]["body"]
    errors = [json.loads(line) for line in memory.cat("/out/clean.errors.jsonl").splitlines()]
    assert errors[0]["line"] == 2 and errors[0]["record"] == "{broken"
    stats = json.loads(memory.cat("/out/stats.json"))
    assert stats["records"] == {"in": 3, "cleaned": 2, "failed": 1, "skipped": 0}


def test_remote_folder_reads_known_files_in_order(memory: fsspec.AbstractFileSystem) -> None:
    put(memory, "/docs/b.txt", b"Second document.\n")
    put(memory, "/docs/a/one.txt", b"First document.\n")
    put(memory, "/docs/notes.csv", b"x,y\n")
    code, out, stderr = invoke(["memory://docs", *FAST])
    assert code == 0, stderr
    assert out == b"==> a/one.txt <==\nFirst document.\n\n==> b.txt <==\nSecond document.\n"
    assert "skipped 1 files of unknown type" in stderr and "notes.csv" in stderr


def test_remote_parquet_in_and_out(memory: fsspec.AbstractFileSystem) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    with memory.open("/in/t.parquet", "wb") as handle:
        pq.write_table(pa.table({"id": [1, 2], "text": [ARTICLE, "Short."]}), handle)
    code, _, stderr = invoke(["memory://in/t.parquet", "-o", "memory://out/t.parquet", *FAST])
    assert code == 0, stderr
    with memory.open("/out/t.parquet", "rb") as handle:
        table = pq.read_table(handle)
    assert table.column("id").to_pylist() == [1, 2] and "body" in table.schema.names


def test_missing_remote_input_and_resume_refused(memory: fsspec.AbstractFileSystem) -> None:
    code, _, stderr = invoke(["memory://nowhere/x.jsonl"])
    assert code == 2 and "memory://nowhere/x.jsonl: no such file or folder" in stderr
    put(memory, "/in/d.jsonl", b'{"text": "One."}\n')
    code, _, stderr = invoke(["memory://in/d.jsonl", "-o", "memory://out/o.jsonl", "--resume"])
    assert code == 2 and "--resume cannot be used with a remote output" in stderr


def test_unknown_protocol_is_one_line(memory: fsspec.AbstractFileSystem) -> None:
    code, _, stderr = invoke(["nosuchproto://bucket/x.jsonl"])
    assert code == 2 and stderr.startswith("cleaner: error: nosuchproto://bucket/x.jsonl:")
    assert "Traceback" not in stderr
