"""`cleaner clean` end to end: documents, stdin, JSONL, bad input, exit codes, -j, DIR output."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import zstandard
from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import main
from tests.paths import DATA as TEST_DATA
from tests.paths import ROOT, SEED

DATA = TEST_DATA / "io"
ARTICLE = DATA / "mt_article.txt"
MT_URL = "https://www.themoscowtimes.com/2024/02/07/kaliningrad-vote"
APPEAL_WORDS = ("Message from", "Dear readers", "newsroom keeps", "rouble", "Remind me later")
FAST = ["--no-heuristics"]  # mechanics tests: outlet rules only, independent of the classifier


def run_cli(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real command in a fresh process, as a user runs it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def invoke(args: list[str], stdin: bytes | None = None) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, ["clean", *args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes, result.stderr


def article_paragraphs() -> list[str]:
    return ARTICLE.read_text(encoding="utf-8").splitlines()[:11]


def assert_clean_article(body: str) -> None:
    assert body.splitlines() == article_paragraphs()
    for word in APPEAL_WORDS:
        assert word not in body


def test_document_file_prints_the_eleven_paragraphs() -> None:
    done = run_cli([str(ARTICLE)])
    assert done.returncode == 0, done.stderr
    assert_clean_article(done.stdout.decode("utf-8"))
    assert b"Traceback" not in done.stderr
    assert b"1 records in: 1 cleaned, 0 failed, 0 skipped" in done.stderr
    assert b"donation_appeal" in done.stderr


def test_same_document_via_stdin() -> None:
    done = run_cli(["-"], stdin=ARTICLE.read_bytes())
    assert done.returncode == 0, done.stderr
    assert_clean_article(done.stdout.decode("utf-8"))


def test_same_document_as_jsonl_record_with_url(tmp_path: Path) -> None:
    text = ARTICLE.read_text(encoding="utf-8").replace("A Message from The Moscow Times:\n", "")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": 7, "url": MT_URL, "text": text}) + "\n", encoding="utf-8")
    done = run_cli([str(path)])
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["id"] == 7 and record["url"] == MT_URL
    assert record["outlet"] == "themoscowtimes.com"
    assert_clean_article(record["body"])
    assert {r["category"] for r in record["removed"]} == {"donation_appeal"}
    first = record["removed"][0]
    assert text[first["start"] : first["end"]] == first["text"]


def test_seed_prints_eleven_paragraphs_and_no_appeal() -> None:
    """The shared seed when this machine has it, else our own seed-like article."""
    seed = SEED if SEED.exists() else ARTICLE
    done = run_cli([str(seed)])
    assert done.returncode == 0, done.stderr
    body = done.stdout.decode("utf-8")
    assert len(body.splitlines()) == 11
    for word in ("Message from", "Dear readers", "Remind me later", "support"):
        assert word not in body


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"Good first line\nsecond line \xff\xfe broken\n", "invalid UTF-8 (byte 0xff at line 2, column 13)"),
        (b"", "empty document"),
        (b"  \n\n \t\n", "empty document"),
        (bytes(range(256)) * 8, "binary data, not text"),
    ],
    ids=["invalid-utf8", "empty", "blank", "binary"],
)
def test_bad_documents_give_one_line_errors(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    # named: with --encoding auto, bytes that are not UTF-8 go to the charset detector
    done = run_cli([str(path), "--encoding", "utf-8"])
    assert done.returncode == 1
    assert done.stdout == b""
    errors = [
        line
        for line in done.stderr.decode().splitlines()
        if not line.startswith("cleaner: ") or str(path) in line
    ]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith(f"cleaner: {path}")
    assert reason in errors[0]
    assert b"Traceback" not in done.stderr
    if reason.startswith("invalid UTF-8"):
        assert errors[0].startswith(f"cleaner: {path}:2: ")


def test_jsonl_with_a_broken_line(tmp_path: Path) -> None:
    good = [{"id": i, "text": f"Paragraph number {i} of a short story.\nAnother line."} for i in range(5)]
    lines = [json.dumps(r) for r in good]
    broken = '{"id": 99, "text": "never closed'
    lines.insert(2, broken)
    lines.insert(4, "")  # a blank line is not a record
    src = tmp_path / "dump.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = tmp_path / "bad.jsonl"
    out = tmp_path / "out.jsonl"
    done = run_cli([str(src), "-o", str(out), "--errors", str(errors), *FAST])
    assert done.returncode == 1
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [0, 1, 2, 3, 4]
    (entry,) = [json.loads(line) for line in errors.read_text().splitlines()]
    assert entry["record"] == broken
    assert entry["input"] == str(src) and entry["line"] == 3
    assert entry["reason"].startswith("broken JSON")
    assert f"cleaner: {src}:3: broken JSON".encode() in done.stderr
    assert b"6 records in: 5 cleaned, 1 failed" in done.stderr
    assert b"Traceback" not in done.stderr


def test_bad_records_of_every_kind_go_whole_to_default_errors_file(tmp_path: Path) -> None:
    src = tmp_path / "mixed.jsonl"
    rows = [
        json.dumps({"text": "Fine line one.\nFine line two."}).encode(),
        b'{"text": "bad \xff byte"}',
        json.dumps({"text": ""}).encode(),
        json.dumps({"text": "\x01\x02\x03\x04\x05\x06 junk"}).encode(),
        json.dumps({"body": "no text field"}).encode(),
        json.dumps(["not", "an", "object"]).encode(),
        json.dumps({"text": "x" * 5_000_001}).encode(),
        json.dumps({"text": "Last good record.", "date": "yesterday"}).encode(),
        json.dumps({"text": "Really the last good record."}).encode(),
    ]
    src.write_bytes(b"\n".join(rows) + b"\n")
    out = tmp_path / "out.jsonl.gz"
    code, _, stderr = invoke([str(src), "-o", str(out), *FAST])
    assert code == 1
    kept = [json.loads(line)["body"] for line in gzip.decompress(out.read_bytes()).splitlines()]
    assert kept == ["Fine line one.\nFine line two.", "Really the last good record."]
    entries = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert [e["line"] for e in entries] == [2, 3, 4, 5, 6, 7, 8]
    reasons = [e["reason"] for e in entries]
    assert reasons[0].startswith("invalid UTF-8")
    assert reasons[1] == "empty document"
    assert reasons[2].startswith("binary data")
    assert "has no 'text' or 'html' field" in reasons[3]
    assert "must be an object" in reasons[4]
    assert "too large" in reasons[5]
    assert "not an ISO date" in reasons[6]
    import base64

    assert base64.b64decode(entries[0]["record_base64"]) == rows[1]
    assert entries[5]["record"].encode() == rows[6]  # the huge record is kept whole
    assert "see " + str(tmp_path / "out.errors.jsonl") in stderr


def test_parallel_output_is_identical_and_ordered(tmp_path: Path) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    src = tmp_path / "many.jsonl.zst"
    rows = []
    for i in range(900):
        rec = {
            "id": i,
            "text": f"Story {i}: the council met again.\n" + text
            if i % 3
            else f"Note {i}.\nSupport The Moscow Times!",
        }
        if i % 2:
            rec["url"] = MT_URL
        rows.append(json.dumps(rec))
    src.write_bytes(zstandard.ZstdCompressor().compress(("\n".join(rows) + "\n").encode()))
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-j{jobs}.jsonl.zst"
        code, _, stderr = invoke([str(src), "-o", str(out), "-j", jobs, *FAST])
        assert code == 0, stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    reader = zstandard.ZstdDecompressor().stream_reader(outs[0], read_across_frames=True)
    records = [json.loads(line) for line in reader.read().splitlines()]
    assert [r["id"] for r in records] == list(range(900))
    cleaner = Cleaner(heuristics=False)
    for rec, row in zip(records[:60], rows[:60]):
        src_rec = json.loads(row)
        assert rec["body"] == cleaner.clean(src_rec["text"], url=src_rec.get("url")).body


def test_stdin_jsonl_gz_to_stdout_pipeline() -> None:
    rows = [
        json.dumps(
            {"n": i, "text": f"Line {i} of the body.\nRemind me later.", "outlet": "themoscowtimes.com"}
        )
        for i in range(300)
    ]
    data = gzip.compress(("\n".join(rows) + "\n").encode())
    done = run_cli(["-", "-j", "2", *FAST], stdin=data)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["n"] for r in records] == list(range(300))
    assert all(r["body"] == f"Line {r['n']} of the body." for r in records)
    assert done.stderr.count(b"\n") == 2  # piped stderr: no progress bar, just the summary


def test_field_mapping_and_usage_errors(tmp_path: Path) -> None:
    src = tmp_path / "custom.jsonl"
    src.write_text(
        json.dumps({"content": "Body line.\nRemind me later.", "link": MT_URL}) + "\n", encoding="utf-8"
    )
    code, out, _ = invoke([str(src), "--field", "text=content,url=link", *FAST])
    assert code == 0
    assert json.loads(out)["body"] == "Body line."
    assert json.loads(out)["outlet"] == "themoscowtimes.com"
    code, _, stderr = invoke([str(src), "--field", "txt=content"])
    assert code == 2 and "expected KEY=NAME" in stderr
    code, _, stderr = invoke([str(tmp_path / "missing.jsonl")])
    assert code == 2 and "no such file" in stderr
    code, _, stderr = invoke([str(src), "--resume"])
    assert code == 2 and "--resume needs -o" in stderr
    code, _, stderr = invoke([str(src), "-j", "0"])
    assert code == 2


def test_folder_to_dir_one_body_file_each(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(ARTICLE.read_bytes())
    (folder / "sub" / "b.txt.gz").write_bytes(gzip.compress(b"Only line of b.\n"))
    (folder / ".hidden").write_text("ignored")
    out = tmp_path / "bodies"
    code, stdout, stderr = invoke([str(folder), "-o", str(out), *FAST])
    assert code == 0, stderr
    assert stdout == b""
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "a.txt",
        "sub/b.txt",
    ]
    assert_clean_article((out / "a.txt").read_text(encoding="utf-8"))
    assert (out / "sub" / "b.txt").read_text(encoding="utf-8") == "Only line of b.\n"


def test_dir_output_never_overwrites_a_body(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(
        "<html><body><p>Body of the page, long enough to keep.</p></body></html>", encoding="utf-8"
    )
    (folder / "a.txt").write_text("Body of the text file.\n", encoding="utf-8")
    out = tmp_path / "bodies"
    code, _, stderr = invoke([str(folder), "-o", str(out), *FAST])
    assert code == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "a.txt.txt"]
    assert (out / "a.txt.txt").read_text(encoding="utf-8") == "Body of the text file.\n"
    assert "Body of the page" in (out / "a.txt").read_text(encoding="utf-8")


def test_several_documents_to_stdout_and_to_jsonl(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text("First document.\n", encoding="utf-8")
    two.write_text("Second document.\n", encoding="utf-8")
    code, out, _ = invoke([str(one), str(two), *FAST])
    # several bodies on one stream: each after a header line naming its file
    assert code == 0 and out == b"==> one.txt <==\nFirst document.\n\n==> two.txt <==\nSecond document.\n"
    code, out, _ = invoke([str(one), str(two), "--output-format", "jsonl", *FAST])
    assert [json.loads(line)["input"] for line in out.splitlines()] == [str(one), str(two)]


def test_progress_bar_when_asked(tmp_path: Path) -> None:
    src = tmp_path / "p.jsonl"
    src.write_text("".join(json.dumps({"text": f"Line {i}."}) + "\n" for i in range(20)), encoding="utf-8")
    code, out, stderr = invoke([str(src), "--progress", *FAST])
    assert code == 0
    assert "20 rec" in stderr
    assert len(out.splitlines()) == 20


def test_records_to_dir_and_output_that_is_an_input(tmp_path: Path) -> None:
    src = tmp_path / "dump.jsonl.gz"
    src.write_bytes(gzip.compress(b'{"text": "First record."}\n{"text": "Second record."}\n'))
    out = tmp_path / "bodies"
    code, _, stderr = invoke([str(src), "--output-format", "text", "-o", f"{out}/", *FAST])
    assert code == 0, stderr
    assert (out / "dump" / "1.txt").read_text(encoding="utf-8") == "First record.\n"
    assert (out / "dump" / "2.txt").read_text(encoding="utf-8") == "Second record.\n"
    code, _, stderr = invoke([str(src), "-o", str(src), *FAST])
    assert code == 2 and "is also an input" in stderr
    assert gzip.decompress(src.read_bytes()).count(b"\n") == 2  # the input was not touched


def test_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    src = tmp_path / "many.jsonl"
    src.write_text(
        "".join(json.dumps({"text": f"Record {i}."}) + "\n" for i in range(20000)), encoding="utf-8"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "clean", str(src), *FAST],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read()
    proc.wait(timeout=60)
    assert json.loads(first)["body"] == "Record 0."
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr


def test_html_by_content_on_stdin_and_a_pdf_named_html(tmp_path: Path) -> None:
    page = (DATA / "site" / "news" / "ferry.html").read_bytes()
    done = run_cli(["-"], stdin=page)
    assert done.returncode == 0, done.stderr
    body = done.stdout.decode("utf-8")
    assert body.startswith("The harbour authority said on Monday") and "Accept all" not in body
    fake = tmp_path / "report.html"
    fake.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    code, out, stderr = invoke([str(fake)])
    assert code == 1 and out == b""
    assert f"cleaner: {fake}: " in stderr and "PDF" in stderr


def test_jsonl_record_with_html_field_is_cleaned_as_html(tmp_path: Path) -> None:
    page = (DATA / "site" / "news" / "ferry.html").read_text(encoding="utf-8")
    src = tmp_path / "pages.jsonl"
    rows = [
        {
            "id": "p1",
            "url": "https://news.example.org/ferry",
            "html": page,
            "text": "ignored when html is there",
        },
        {
            "id": "p2",
            "html": None,
            "text": "A text record.\nRemind me later.",
            "outlet": "themoscowtimes.com",
        },
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, out, stderr = invoke([str(src)])
    assert code == 0, stderr
    first, second = (json.loads(line) for line in out.splitlines())
    assert (
        first["body"].startswith("The harbour authority said on Monday") and "Accept all" not in first["body"]
    )
    assert any(r["rule"].startswith("html:") for r in first["removed"])  # the html stage ran
    assert first["text"] == "ignored when html is there"  # input fields are kept as they were
    assert first["metadata"]["title"]
    assert second["body"] == "A text record."
    code, out, _ = invoke([str(src), "--field", "html=", *FAST])  # text mode on a dump that has html too
    assert code == 0
    assert json.loads(out.splitlines()[0])["body"] == "ignored when html is there"


@pytest.mark.parametrize(
    ("options", "extraction"),
    [
        (["--fallback", "always"], "trafilatura"),
        (["--fallback", "never"], "classifier"),
        (["--no-fallback"], "classifier"),
    ],
)
def test_fallback_option_picks_the_html_path(tmp_path: Path, options: list[str], extraction: str) -> None:
    """--fallback always keeps trafilatura first on every page (the behaviour before the block
    classifier); never (or the older --no-fallback) runs the classifier alone."""
    page = (TEST_DATA / "html" / "harbour_gazette.html").read_text(encoding="utf-8")
    src = tmp_path / "pages.jsonl"
    src.write_text(
        json.dumps({"url": "https://harbour-gazette.example/a", "html": page}) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    code, _, err = invoke([str(src), "-o", str(out), *options])
    assert code == 0, err
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["metadata"]["html"]["extraction"] == extraction
    assert record["body"]
