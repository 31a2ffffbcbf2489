"""Readers, formats, compression, batching, the ordered runner and the writers, unit by unit."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import zstandard

from cleaner.io import readers
from cleaner.io.compression import chunk_compressor, compression_by_magic, open_input, strip_compression
from cleaner.io.formats import detect_format, looks_like_html
from cleaner.io.items import BAD, HTML, JSONL, TEXT, WARC, Item
from cleaner.io.records import FieldMap, parse_fields
from cleaner.io.runner import batches, run_ordered
from cleaner.io.sources import SourceError, expand_inputs
from cleaner.io.stats import Stats, format_summary
from cleaner.io.work import WorkConfig, error_line, error_record, init_worker, process_batch
from cleaner.io.writers import ErrorSink, body_file_name


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.jsonl", b"", JSONL),
        ("a.jsonl.gz", b"", JSONL),
        ("crawl.warc.gz", b"", WARC),
        ("page.html", b"plain words", HTML),
        ("page.txt", b"<!DOCTYPE html><html><body>x</body></html>", HTML),
        ("page.txt", b"  <html lang='en'><head>", HTML),
        ("noext", b"<div class='a'><p>one</p><span>two</span></div>", HTML),
        ("noext", b'{"text": "x"}\n', JSONL),
        ("noext", b"WARC/1.1\r\nWARC-Type: warcinfo", WARC),
        ("notes.txt", b'{"looks": "like json"}', TEXT),
        ("notes.txt", b"Use the <p> tag for paragraphs.", TEXT),
        ("story", b"The council met on Tuesday.", TEXT),
    ],
)
def test_detect_format(name: str, head: bytes, expected: str) -> None:
    assert detect_format(name, head) == expected


def test_html_sniff_needs_real_markup() -> None:
    assert not looks_like_html(b"Prices < 5 euros and > 3 euros")
    assert looks_like_html(b"<!-- saved page --><!doctype html>")


def test_compression_helpers(tmp_path: Path) -> None:
    assert strip_compression("a.jsonl.zst") == "a.jsonl" and strip_compression("a.txt") == "a.txt"
    assert compression_by_magic(gzip.compress(b"x")) == "gzip"
    assert compression_by_magic(zstandard.ZstdCompressor().compress(b"x")) == "zstd"
    for name, method in (("x.gz", "gzip"), ("x.zst", "zstd"), ("x.txt", None)):
        compress = chunk_compressor(method)
        path = tmp_path / name
        path.write_bytes(compress(b"line one\n") + compress(b"line two\n"))  # two members / frames
        with open_input(str(path)) as stream:
            assert stream.readlines() == [b"line one\n", b"line two\n"]
    assert chunk_compressor("gzip")(b"same") == chunk_compressor("gzip")(b"same")  # no timestamp


def test_expand_inputs_walks_folders_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ("b/2.txt", "b/1.jsonl", "a.html", ".git/config", ".hidden.txt"):
        (tmp_path / rel).write_text('{"text": "x"}' if rel.endswith("jsonl") else "words", encoding="utf-8")
    sources = expand_inputs((str(tmp_path),), "auto")
    assert [(s.rel, s.fmt) for s in sources] == [("a.html", HTML), ("b/1.jsonl", JSONL), ("b/2.txt", TEXT)]
    assert [s.fmt for s in expand_inputs((str(tmp_path / "a.html"),), "text")] == [TEXT]
    with pytest.raises(SourceError, match="no such file"):
        expand_inputs((str(tmp_path / "nope"),), "auto")
    packed = tmp_path / "packed"
    packed.write_bytes(gzip.compress(b"hidden text"))
    (source,) = expand_inputs((str(packed),), "auto")
    (item,) = readers.iter_items(source)
    assert item.kind == BAD and item.info == {
        "reason": "compressed data without a .gz/.zst extension; rename the file"
    }


def test_stdin_source_sniffs_compression_and_format() -> None:
    data = gzip.compress(b'{"text": "a"}\n{"text": "b"}\n')
    (source,) = expand_inputs(("-",), "auto", stdin=io.BytesIO(data))
    assert source.fmt == JSONL and source.name == "<stdin>"
    items = list(readers.iter_items(source))
    assert [(i.line, i.offset, i.data) for i in items] == [
        (1, 0, b'{"text": "a"}\n'),
        (2, 14, b'{"text": "b"}\n'),
    ]


def test_giant_json_line_is_refused_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 64)
    monkeypatch.setattr(readers, "KEPT_PREFIX_BYTES", 16)
    path = tmp_path / "big.jsonl"
    path.write_text(
        '{"text": "short"}\n' + '{"text": "' + "x" * 500 + '"}\n' + '{"text": "after"}\n', encoding="utf-8"
    )
    (source,) = expand_inputs((str(path),), "auto")
    items = list(readers.iter_items(source))
    assert [i.kind for i in items] == [JSONL, BAD, JSONL]
    assert items[1].line == 2 and items[1].data == b'{"text": "xxxxxx'
    assert items[2].line == 3 and items[2].data == b'{"text": "after"}\n'


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(b"".join(b'{"text": "line %d"}\n' % i for i in range(2000)))
    path.write_bytes(data[: len(data) // 2])
    (source,) = expand_inputs((str(path),), "auto")
    items = list(readers.iter_items(source))
    assert items[-1].kind == BAD and "ended in the middle of a gzip member" in str(items[-1].info)
    assert len(items) > 10 and all(i.kind == JSONL for i in items[:-1])
    assert items[-1].line == len(items)  # the line where reading stopped


def test_batches_are_cut_by_records_and_bytes() -> None:
    items = [Item(TEXT, "s", None, None, b"x" * size) for size in (5, 5, 5, 20, 1, 1)]
    assert [len(b) for b in batches(items, max_records=2, max_bytes=100)] == [2, 2, 2]
    assert [len(b) for b in batches(items, max_records=10, max_bytes=15)] == [3, 1, 2]


def test_run_ordered_keeps_order_in_parallel() -> None:
    config = WorkConfig(heuristics=False, builtin_rules=False)
    items = [
        Item(JSONL, "m", i + 1, None, json.dumps({"n": i, "text": f"Text {i}."}).encode()) for i in range(200)
    ]
    tasks = list(batches(items, max_records=7, max_bytes=1 << 20))
    serial = list(run_ordered(process_batch, tasks, 1, init_worker, (config,)))
    parallel = list(run_ordered(process_batch, tasks, 2, init_worker, (config,)))
    assert [r.chunk for r in serial] == [r.chunk for r in parallel]
    numbers = [json.loads(line)["n"] for r in parallel for line in r.chunk.splitlines()]
    assert numbers == list(range(200))


def test_process_batch_counts_and_errors() -> None:
    init_worker(WorkConfig(heuristics=False, fields=FieldMap(text="t")))
    batch = [
        Item(JSONL, "d", 1, 0, b'{"t": "Body line.\\nRemind me later.", "outlet": "themoscowtimes.com"}\n'),
        Item(JSONL, "d", 2, 60, b'{"t": 5}\n'),
        Item(BAD, "d", None, 99, b"raw", {"reason": "truncated WARC record: 3 of 9 bytes"}),
        Item("skip", "d", None, 120, b"", {"reason": "WARC request record"}),
    ]
    result = process_batch(batch)
    assert (result.stats.records, result.stats.cleaned, result.stats.failed, result.stats.skipped) == (
        4,
        1,
        2,
        1,
    )
    assert result.stats.removed == {"navigation": len("Remind me later.")}
    assert json.loads(result.chunk)["body"] == "Body line."
    assert [e["reason"] for e in result.errors] == [
        "field 't' must be a string, not int",
        "truncated WARC record: 3 of 9 bytes",
    ]
    assert error_line(result.errors[0]) == "d:2: field 't' must be a string, not int"
    assert error_line(result.errors[1]) == "d@99: truncated WARC record: 3 of 9 bytes"


def test_jsonl_with_bom_and_crlf() -> None:
    init_worker(WorkConfig(heuristics=False))
    result = process_batch([Item(JSONL, "w.jsonl", 1, 0, b'\xef\xbb\xbf{"text": "Windows line."}\r\n')])
    assert result.stats.cleaned == 1 and json.loads(result.chunk)["body"] == "Windows line."


def test_error_record_keeps_bytes_that_are_not_utf8() -> None:
    entry = error_record(Item(TEXT, "f.txt", None, None, b"ok \xff"), "invalid UTF-8", 1)
    assert entry["record_base64"] == "b2sg/w==" and entry["line"] == 1


def test_parse_fields() -> None:
    assert parse_fields(("text=content,url=link", "date=published")) == FieldMap(
        text="content", url="link", date="published"
    )
    assert parse_fields(("html=",)).html is None
    with pytest.raises(ValueError, match="expected KEY=NAME"):
        parse_fields(("body",))
    with pytest.raises(ValueError, match="expected KEY=NAME"):
        parse_fields(("text=",))


def test_body_file_names() -> None:
    assert body_file_name("news/a.html.gz") == "news/a.txt"
    assert body_file_name("a.txt") == "a.txt"
    assert body_file_name("README") == "README.txt"


def test_error_sink_truncates_on_resume_and_removes_stale_file(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    path.write_text('{"a": 1}\n{"half', encoding="utf-8")
    sink = ErrorSink(str(path), resume_at=9)
    sink.write([{"b": 2}])
    sink.close()
    assert path.read_text() == '{"a": 1}\n{"b": 2}\n'
    ErrorSink(str(path)).close()
    assert not path.exists()


def test_summary_lines() -> None:
    stats = Stats(10, 7, 2, 1, 5_000_000, {"navigation": 30, "donation_appeal": 900})
    first, second = format_summary(stats, 2.0, "e.jsonl")
    assert first.startswith(
        "cleaner: 10 records in: 7 cleaned, 2 failed (see e.jsonl), 1 skipped; 2.0 s, 5.0 records/s"
    )
    assert "2.50 MB/s" in first
    assert second == "cleaner: bytes removed by category: donation_appeal 900, navigation 30"


def test_run_ordered_reads_ahead_only_a_bounded_number_of_batches() -> None:
    from cleaner.io.runner import INFLIGHT_PER_WORKER

    pulled = 0

    def endless() -> Iterator[list[Item]]:
        nonlocal pulled
        number = 0
        while True:
            pulled += 1
            number += 1
            yield [Item(JSONL, "endless", number, None, json.dumps({"text": f"Line {number}."}).encode())]

    config = WorkConfig(heuristics=False, builtin_rules=False)
    results = run_ordered(process_batch, endless(), 2, init_worker, (config,))
    for _ in range(10):
        next(results)
    results.close()  # shuts the pool down
    assert pulled <= 10 + INFLIGHT_PER_WORKER * 2
