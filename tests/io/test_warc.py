"""WARC input: HTML responses cleaned, other records skipped and counted, cut records refused."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import main
from cleaner.io.items import BAD, SKIP, WARC
from cleaner.io.warc import charset_of, split_http, warc_items

PAGE = (
    "<html><head><title>Bridges close</title></head><body>"
    "<nav>Home | World | Sport</nav><article><h1>Bridges close for repairs</h1>"
    "<p>The city council voted on Tuesday to close three river bridges for repairs during the summer.</p>"
    "<p>Officials said the work would last until the spring and cost about four million euros.</p>"
    "<p>Drivers were told to use the ring road while the bridges are closed.</p>"
    "</article><footer>Copyright 2024 Example News</footer></body></html>"
)


def warc_record(
    rtype: str, uri: str | None, block: bytes, record_id: str, declared: int | None = None
) -> bytes:
    """One WARC/1.1 record written by hand (no WARC writer needed in the tests)."""
    headers = [
        "WARC/1.1",
        f"WARC-Type: {rtype}",
        f"WARC-Record-ID: <urn:uuid:{record_id}>",
        "WARC-Date: 2024-03-05T10:00:00Z",
    ]
    if uri:
        headers.append(f"WARC-Target-URI: {uri}")
    content_type = "application/http; msgtype=response" if rtype == "response" else "application/warc-fields"
    headers += [
        f"Content-Type: {content_type}",
        f"Content-Length: {declared if declared is not None else len(block)}",
    ]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(
    body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"
) -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


def sample_records() -> list[bytes]:
    return [
        warc_record("warcinfo", None, b"software: handmade\r\n", "00000000-0000-0000-0000-000000000001"),
        warc_record(
            "request",
            "https://news.example.org/bridges",
            b"GET /bridges HTTP/1.1\r\nHost: news.example.org\r\n\r\n",
            "00000000-0000-0000-0000-000000000002",
        ),
        warc_record(
            "response",
            "https://news.example.org/bridges",
            http_response(PAGE.encode()),
            "00000000-0000-0000-0000-000000000003",
        ),
        warc_record(
            "response",
            "https://news.example.org/logo.png",
            http_response(b"\x89PNG....", "image/png"),
            "00000000-0000-0000-0000-000000000004",
        ),
        warc_record(
            "response",
            "https://news.example.org/gone",
            http_response(b"<html>gone</html>", status="404 Not Found"),
            "00000000-0000-0000-0000-000000000005",
        ),
        warc_record(
            "response",
            "https://news.example.org/windows-1251",
            http_response(
                "<html><body><article><p>Совет города проголосовал во вторник за закрытие трёх мостов на ремонт летом.</p>"
                "<p>Чиновники сказали, что работы продлятся до весны.</p></article></body></html>".encode(
                    "cp1251"
                ),
                "text/html; charset=windows-1251",
            ),
            "00000000-0000-0000-0000-000000000006",
        ),
    ]


def cut_record() -> bytes:
    """A response whose file ends in the middle of its block."""
    full = warc_record(
        "response",
        "https://news.example.org/cut",
        http_response(PAGE.encode()),
        "00000000-0000-0000-0000-000000000007",
    )
    return full[: len(full) - 120]


def test_split_http_and_charset() -> None:
    status, ctype, payload = split_http(http_response(b"<p>x</p>", 'text/html; charset="ISO-8859-1"'))
    assert status == 200 and payload == b"<p>x</p>"
    assert charset_of(ctype) == "iso-8859-1"
    assert split_http(b"not http")[0] is None


def test_items_plain_warc() -> None:
    data = b"".join(sample_records()) + cut_record()
    items = list(warc_items("t.warc", io.BytesIO(data)))
    kinds = [item.kind for item in items]
    assert kinds == [SKIP, SKIP, WARC, SKIP, SKIP, WARC, BAD]
    page = items[2]
    assert page.info is not None and page.info["url"] == "https://news.example.org/bridges"
    assert page.info["warc_record_id"] == "<urn:uuid:00000000-0000-0000-0000-000000000003>"
    assert page.data == PAGE.encode()
    assert items[3].info == {"reason": "not HTML (image/png)"}
    assert items[4].info == {"reason": "HTTP status 404"}
    bad = items[6]
    assert bad.offset == len(b"".join(sample_records()))
    assert bad.info is not None and bad.info["reason"].startswith("truncated WARC record")


def test_cli_on_warc_gz_with_a_truncated_record(tmp_path: Path) -> None:
    members = [gzip.compress(r) for r in sample_records()]
    cut = gzip.compress(cut_record())
    src = tmp_path / "crawl.warc.gz"
    src.write_bytes(b"".join(members) + cut)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(out), "-j", "2"])
    assert result.exit_code == 1, result.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["url"] for r in records] == [
        "https://news.example.org/bridges",
        "https://news.example.org/windows-1251",
    ]
    first = records[0]
    assert first["warc_record_id"] == "<urn:uuid:00000000-0000-0000-0000-000000000003>"
    assert first["warc_date"] == "2024-03-05T10:00:00Z"
    assert "close three river bridges" in first["body"]
    assert "Home | World" not in first["body"] and "Copyright" not in first["body"]
    assert any(r["category"] == "page_chrome" for r in first["removed"])
    assert "проголосовал" in records[1]["body"]
    (entry,) = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert entry["offset"] == sum(len(m) for m in members)
    assert entry["reason"].startswith("truncated WARC record")
    assert entry["record"].startswith("HTTP/1.1 200 OK")
    assert "7 records in: 2 cleaned, 1 failed" in result.stderr and "4 skipped" in result.stderr


def test_warc_gz_on_stdin() -> None:
    data = b"".join(gzip.compress(r) for r in sample_records())
    result = CliRunner().invoke(main, ["clean", "-", "--no-heuristics"], input=data)
    assert result.exit_code == 0, result.stderr
    urls = [json.loads(line)["url"] for line in result.stdout.splitlines()]
    assert urls == ["https://news.example.org/bridges", "https://news.example.org/windows-1251"]
    assert "6 records in: 2 cleaned, 0 failed, 4 skipped" in result.stderr


# --- damage: issue 12 item 12 -------------------------------------------------------------

URLS = ["https://news.example.org/bridges", "https://news.example.org/windows-1251"]


def _kinds(data: bytes) -> list[tuple[str, int | None]]:
    return [(item.kind, item.offset) for item in warc_items("t.warc", io.BytesIO(data))]


def _bad_reasons(data: bytes) -> list[str]:
    return [str((i.info or {})["reason"]) for i in warc_items("t.warc", io.BytesIO(data)) if i.kind == BAD]


def test_gzip_cut_one_byte_past_a_member_boundary_is_reported() -> None:
    members = [gzip.compress(r) for r in sample_records()]
    boundary = sum(len(m) for m in members[:3])
    data = b"".join(members)[: boundary + 1]
    assert _kinds(data) == [
        (SKIP, 0),
        (SKIP, len(members[0])),
        (WARC, len(members[0]) + len(members[1])),
        (BAD, boundary),
    ]
    assert _bad_reasons(data) == ["the file ends 1 byte(s) into a gzip member (cut?)"]


def test_gzip_member_cut_in_the_middle_keeps_the_records_before_and_after() -> None:
    members = [gzip.compress(r) for r in sample_records()]
    cut = members[2][: len(members[2]) // 2]
    data = b"".join(members[:2]) + cut + b"".join(members[3:])
    items = list(warc_items("t.warc.gz", io.BytesIO(data)))
    starts = [0, len(members[0]), len(members[0]) + len(members[1])]
    after = starts[2] + len(cut)
    assert [(i.kind, i.offset) for i in items] == [
        (SKIP, starts[0]),
        (SKIP, starts[1]),
        (BAD, starts[2]),
        (SKIP, after),
        (SKIP, after + len(members[3])),
        (WARC, after + len(members[3]) + len(members[4])),
    ]
    assert "damaged gzip member" in str((items[2].info or {})["reason"])


def test_plain_warc_cut_in_the_middle_keeps_the_records_after() -> None:
    records = sample_records()
    cut = records[2][: len(records[2]) // 2]
    data = b"".join(records[:2]) + cut + b"".join(records[3:])
    items = list(warc_items("t.warc", io.BytesIO(data)))
    assert [i.kind for i in items] == [SKIP, SKIP, BAD, SKIP, SKIP, WARC]
    assert items[2].offset == len(records[0]) + len(records[1])
    assert "does not end where its Content-Length says" in str((items[2].info or {})["reason"])
    assert items[-1].info is not None and items[-1].info["url"] == URLS[1]


def test_bytes_between_records_are_reported_and_skipped() -> None:
    records = sample_records()
    data = b"".join(records[:3]) + b"stray bytes\r\n" + b"".join(records[3:])
    assert [k for k, _ in _kinds(data)] == [SKIP, SKIP, WARC, BAD, SKIP, SKIP, WARC]
    members = [gzip.compress(r) for r in records]
    data = b"".join(members[:3]) + b"stray bytes" + b"".join(members[3:])
    assert [k for k, _ in _kinds(data)] == [SKIP, SKIP, WARC, BAD, SKIP, SKIP, WARC]


def test_plain_warc_cut_in_a_header_is_reported() -> None:
    records = sample_records()
    data = b"".join(records[:3]) + records[3][:20]
    assert [k for k, _ in _kinds(data)] == [SKIP, SKIP, WARC, BAD]
    assert _bad_reasons(data) == ["truncated WARC record header (the file ends in it)"]


def test_whole_file_gzip_is_read_too() -> None:
    data = gzip.compress(b"".join(sample_records()))
    assert [k for k, _ in _kinds(data)] == [SKIP, SKIP, WARC, SKIP, SKIP, WARC]


def test_cli_warc_gz_cut_past_a_member_boundary_does_not_exit_0(tmp_path: Path) -> None:
    members = [gzip.compress(r) for r in sample_records()]
    src = tmp_path / "crawl.warc.gz"
    src.write_bytes(b"".join(members[:3]) + members[3][:1])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 1, result.stderr
    assert [json.loads(line)["url"] for line in out.read_text().splitlines()] == URLS[:1]
    (entry,) = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert entry["offset"] == sum(len(m) for m in members[:3])
    assert "gzip member" in entry["reason"]
