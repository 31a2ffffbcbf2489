"""`cleaner clean --learn-outlets`: two passes, learned rule files, guards, resume, -j, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import cleaner.io.pipeline as pipeline
from cleaner.cli import main
from tests.learn.outlet_dump import dump_records, make_outlets, make_pages, moscow_times_pages

FAST = ["--no-heuristics", "--no-progress"]  # the learned rules alone decide what goes


def invoke(args: list[str], stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, args, input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """12 made-up outlets in six languages, 5 to 40 pages each, pages interleaved."""
    outlets = make_outlets(12, seed=3, max_pages=40)
    folder = tmp_path_factory.mktemp("dump")
    return write_jsonl(folder / "dump.jsonl", list(dump_records(make_pages(outlets, seed=4))))


def test_seed_outlet_appeal_is_learned_and_removed_as_one_span(tmp_path: Path) -> None:
    pages = moscow_times_pages(25)
    dump = write_jsonl(tmp_path / "mt.jsonl", list(dump_records(iter(pages))))
    out = tmp_path / "out.jsonl"
    code, err = invoke(["clean", str(dump), "-o", str(out), "--learn-outlets", "--no-builtin-rules"])
    assert code == 0, err
    records = read_jsonl(out)
    assert len(records) == 25
    for record in records:
        appeal = [s for s in record["removed"] if "A Message from The Moscow Times:" in s["text"]]
        assert len(appeal) == 1, record["removed"]
        span = appeal[0]
        assert span["rule"].startswith("learned:themoscowtimes.com:")
        assert span["category"] == "donation_appeal"
        assert span["text"].rstrip().endswith("Remind me later.")
        assert "Dear readers," in span["text"]
        assert "Remind me later" not in record["body"] and "Dear readers" not in record["body"]


def test_learned_files_validate_and_reproduce_the_bodies_with_rules(dump: Path, tmp_path: Path) -> None:
    learned = tmp_path / "learned"
    first = tmp_path / "first.jsonl"
    code, err = invoke(
        ["clean", str(dump), "-o", str(first), *FAST, "--learn-outlets", "--learned-rules", str(learned)]
    )
    assert code == 0, err
    files = sorted(learned.glob("*.yaml"))
    assert len(files) >= 5
    text = files[0].read_text(encoding="utf-8")
    assert "\nlearned: true\n" in text and "examples:" in text
    code, err = invoke(["rules", "validate", str(learned), "--no-builtin-rules"])
    assert code == 0, err
    code, err = invoke(["rules", "test", str(learned), "--no-builtin-rules"])
    assert code == 0, err
    again = tmp_path / "again.jsonl"
    code, err = invoke(["clean", str(dump), "-o", str(again), *FAST, "--rules", str(learned)])
    assert code == 0, err
    assert [r["body"] for r in read_jsonl(again)] == [r["body"] for r in read_jsonl(first)]
    assert not (tmp_path / "first.jsonl.learned").exists()  # --learned-rules DIR holds them instead


def test_small_outlets_and_records_without_url_are_cleaned_as_without_learning(
    dump: Path, tmp_path: Path
) -> None:
    records = read_jsonl(dump)
    records += [{"text": records[0]["text"]}, {"text": records[1]["text"], "url": ""}]
    data = write_jsonl(tmp_path / "mixed.jsonl", records)
    plain, learned = tmp_path / "plain.jsonl", tmp_path / "learned.jsonl"
    assert invoke(["clean", str(data), "-o", str(plain), "--no-progress"])[0] == 0
    code, err = invoke(["clean", str(data), "-o", str(learned), "--no-progress", "--learn-outlets"])
    assert code == 0, err
    assert "2 records had no outlet or URL" in err
    counts: dict[str, int] = {}
    for record in records:
        host = record.get("url", "").split("/")[2] if record.get("url") else ""
        counts[host] = counts.get(host, 0) + 1
    small = {host for host, n in counts.items() if n < 20}
    assert small and len(small) < len(counts)
    changed = 0
    for before, after, source in zip(read_jsonl(plain), read_jsonl(learned), records):
        host = source.get("url", "").split("/")[2] if source.get("url") else ""
        if host in small:  # below the threshold, or no URL: byte for byte the plain result
            assert after == before
        else:
            changed += after != before
    assert changed > 0


def test_stdin_gets_a_clear_error(dump: Path) -> None:
    code, err = invoke(["clean", "-", "--learn-outlets", "--format", "jsonl"], stdin=dump.read_bytes())
    assert code == 2
    assert "reads the input twice" in err and "save it to a file" in err
    assert len(err.strip().splitlines()) == 1


def test_learned_rules_needs_learn_outlets(dump: Path, tmp_path: Path) -> None:
    code, err = invoke(["clean", str(dump), "--learned-rules", str(tmp_path / "x")])
    assert code == 2 and "--learned-rules needs --learn-outlets" in err


def test_jobs_give_the_same_output(dump: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert invoke(["clean", str(dump), "-o", str(one), *FAST, "--learn-outlets"])[0] == 0
    assert invoke(["clean", str(dump), "-o", str(two), *FAST, "--learn-outlets", "-j", "2"])[0] == 0
    assert one.read_bytes() == two.read_bytes()
    assert not (tmp_path / "one.jsonl.learned").exists()  # OUT.learned lives only until the run ends


def test_killed_run_resumes_with_the_rules_it_learned(
    dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = tmp_path / "whole.jsonl"
    assert invoke(["clean", str(dump), "-o", str(whole), *FAST, "--learn-outlets"])[0] == 0
    out = tmp_path / "out.jsonl"
    real_write = pipeline._Outputs.write
    calls = {"n": 0}

    def write_then_die(self: Any, result: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        real_write(self, result)

    monkeypatch.setattr(pipeline._Outputs, "write", write_then_die)
    code, _ = invoke(["clean", str(dump), "-o", str(out), *FAST, "--learn-outlets"])
    assert code == 130
    assert (tmp_path / "out.jsonl.learned" / ".complete").is_file()
    monkeypatch.setattr(pipeline._Outputs, "write", real_write)

    def no_learning(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a resumed run must reuse the rules learned before")

    import cleaner.io.learning

    monkeypatch.setattr(cleaner.io.learning, "learn_from_items", no_learning)
    code, err = invoke(["clean", str(dump), "-o", str(out), *FAST, "--learn-outlets", "--resume"])
    assert code == 0, err
    assert "resuming with the outlet rules learned before" in err
    assert out.read_bytes() == whole.read_bytes()
    assert not (tmp_path / "out.jsonl.learned").exists()


def test_every_page_identical_learns_nothing_and_keeps_bodies(tmp_path: Path) -> None:
    page = moscow_times_pages(1)[0]
    data = write_jsonl(tmp_path / "same.jsonl", [{"url": page.url, "text": page.text}] * 30)
    learned, out = tmp_path / "learned", tmp_path / "out.jsonl"
    code, err = invoke(
        ["clean", str(data), "-o", str(out), *FAST, "--learn-outlets", "--learned-rules", str(learned)]
    )
    assert code == 0, err
    assert not list(learned.glob("*.yaml"))
    assert "learned rules for 0 of 1 outlets" in err
    assert all(r["body"].strip() for r in read_jsonl(out))
