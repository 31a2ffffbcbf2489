"""The options a data engineer reaches for: -q, --stats, progress with a total,
--keep-fields / --drop-fields, --shard, --encoding, folders of mixed files, and the
shared reading options (--field, --url, --outlet, --date) of every command."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.io.pipeline import RunOptions, run
from cleaner.io.shard import Shard, parse_shard
from cleaner.io.work import WorkConfig
from tests.paths import DATA, ROOT

ARTICLE = DATA / "io" / "mt_article.txt"
MT_URL = "https://www.themoscowtimes.com/2024/02/07/kaliningrad-vote"
SCHEMA = json.loads((ROOT / "docs" / "stats.schema.json").read_text(encoding="utf-8"))
FAST = ["--no-heuristics"]  # outlet rules only: these tests are about the plumbing


def invoke(args: list[str], stdin: bytes | None = None) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, args, input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes, result.stderr


def write_dump(path: Path, count: int, broken: tuple[int, ...] = ()) -> Path:
    """``count`` JSONL records, every third the Moscow Times article with its appeal;
    records numbered in ``broken`` are not JSON."""
    article = ARTICLE.read_text(encoding="utf-8")
    lines = []
    for i in range(count):
        if i in broken:
            lines.append("{broken\n")
            continue
        text = article if i % 3 == 0 else f"Record {i} has one line of news.\n"
        lines.append(json.dumps({"id": i, "url": MT_URL, "text": text, "html_raw": "<p>x</p>"}) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def ids(out: bytes) -> list[int]:
    return [json.loads(line)["id"] for line in out.splitlines()]


# -q and --stats


def test_quiet_leaves_only_errors_on_stderr(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "d.jsonl", 6, broken=(4,))
    code, out, stderr = invoke(["clean", str(dump), "-q", "--progress", *FAST])
    assert code == 1 and len(out.splitlines()) == 5
    assert stderr.splitlines() == [
        f"cleaner: {dump}:5: broken JSON: Expecting property name enclosed in double quotes at column 2"
    ]
    code, _, stderr = invoke(["clean", str(dump), "--quiet", "-o", str(tmp_path / "o.jsonl"), *FAST])
    assert code == 1 and "records in" not in stderr and "d.jsonl:5" in stderr


def test_stats_file_validates_and_matches_the_summary(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "d.jsonl", 9, broken=(7,))
    stats_path = tmp_path / "run.stats.json"
    out = tmp_path / "o.jsonl"
    code, _, stderr = invoke(["clean", str(dump), "-o", str(out), "--stats", str(stats_path), *FAST])
    assert code == 1
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    jsonschema.validate(stats, SCHEMA)
    assert stats["records"] == {"in": 9, "cleaned": 8, "failed": 1, "skipped": 0}
    summary = f"cleaner: 9 records in: 8 cleaned, 1 failed (see {stats['errors_file']}), 0 skipped"
    assert summary in stderr
    removed = stats["bytes"]["removed_by_category"]
    assert set(removed) == {"donation_appeal"}
    assert f"donation_appeal {removed['donation_appeal']:,}" in stderr
    assert stats["bytes"]["removed"] == sum(stats["bytes"]["removed_by_rule"].values())
    assert stats["bytes"]["removed_by_rule"] == {
        "themoscowtimes.com:donation-appeal": removed["donation_appeal"]
    }
    assert stats["options"]["inputs"] == [str(dump)] and stats["options"]["heuristics"] is False
    assert stats["versions"]["python"]


def test_stats_of_a_clean_run_name_no_errors_file(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "d.jsonl", 3)
    stats_path = tmp_path / "s.json"
    code, _, _ = invoke(["clean", str(dump), "-q", "--stats", str(stats_path), *FAST])
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    assert code == 0 and stats["errors_file"] is None
    jsonschema.validate(stats, SCHEMA)


def test_progress_counts_bytes_against_the_input_size(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "d.jsonl", 30)
    size = dump.stat().st_size
    code, _, stderr = invoke(["clean", str(dump), "--progress", *FAST])
    assert code == 0
    final = stderr.replace("\r", "\n").splitlines()
    # tqdm's last line: 100%, the total, the records and a rate (its ETA column is the time left)
    done = [line for line in final if "100%" in line]
    assert done, stderr
    assert "30 rec" in done[-1] and f"{size / 1024:.1f}k" in done[-1].lower().replace("kb", "k")


# --keep-fields / --drop-fields


def test_drop_fields_removes_input_and_added_fields(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "d.jsonl", 3)
    code, out, _ = invoke(["clean", str(dump), "--drop-fields", "html_raw, removed", *FAST])
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and list(records[0]) == ["id", "url", "text", "body", "outlet"]


def test_keep_fields_keeps_the_added_fields(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "d.jsonl", 3)
    code, out, _ = invoke(["clean", str(dump), "--keep-fields", "id", *FAST])
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and list(records[0]) == ["id", "body", "removed", "outlet"]
    assert records[0]["removed"][0]["category"] == "donation_appeal"


def test_field_selection_with_text_output_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = invoke(["clean", str(ARTICLE), "--drop-fields", "html", *FAST])
    assert code == 2 and "--keep-fields / --drop-fields shape record output" in stderr


# --shard


def test_shards_together_equal_one_full_run(tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "d.jsonl", 23, broken=(5, 12))
    code, full, _ = invoke(["clean", str(dump), "-q", *FAST])
    assert code == 1
    parts: list[bytes] = []
    errors: list[str] = []
    for k in range(3):
        errs = tmp_path / f"e{k}.jsonl"
        code, out, _ = invoke(["clean", str(dump), "-q", "--shard", f"{k}/3", "--errors", str(errs), *FAST])
        assert code == 1 if k == 2 else code in (0, 1)
        parts.extend(out.splitlines(keepends=True))
        if errs.exists():
            errors += [json.loads(line)["line"] for line in errs.read_text(encoding="utf-8").splitlines()]
    assert sorted(parts, key=lambda line: json.loads(line)["id"]) == full.splitlines(keepends=True)
    assert sorted(errors) == [6, 13]  # each broken line in exactly one shard's errors


def test_shard_is_stable_under_resume(tmp_path: Path) -> None:
    """A shard killed after some batches and resumed writes what one uninterrupted run writes."""
    dump = write_dump(tmp_path / "d.jsonl", 600)
    shard = Shard(1, 2)
    config = WorkConfig(heuristics=False)
    whole = tmp_path / "whole.jsonl"
    run(RunOptions((str(dump),), str(whole), config=config, quiet=True, shard=shard))
    killed = tmp_path / "killed.jsonl"

    class Stop(Exception):
        pass

    import cleaner.io.pipeline as pipeline

    real = pipeline.resume_state.save_state
    calls = {"n": 0}

    def save_then_die(path: str, state: object) -> None:
        real(path, state)  # type: ignore[arg-type]
        calls["n"] += 1
        if calls["n"] == 1:
            raise Stop

    pipeline.resume_state.save_state = save_then_die  # type: ignore[assignment]
    try:
        with pytest.raises(Stop):
            run(RunOptions((str(dump),), str(killed), config=config, quiet=True, shard=shard))
    finally:
        pipeline.resume_state.save_state = real
    run(RunOptions((str(dump),), str(killed), config=config, quiet=True, shard=shard, resume=True))
    assert killed.read_bytes() == whole.read_bytes()
    assert ids(whole.read_bytes()) == list(range(1, 600, 2))


@pytest.mark.parametrize("spec", ["2/2", "1", "-1/2", "a/b", "0/0"])
def test_bad_shard_is_a_usage_error(tmp_path: Path, spec: str) -> None:
    dump = write_dump(tmp_path / "d.jsonl", 2)
    code, _, stderr = invoke(["clean", str(dump), "--shard", spec, *FAST])
    assert code == 2 and stderr.startswith(f"cleaner: error: --shard {spec!r}")
    with pytest.raises(ValueError):
        parse_shard(spec)


# --encoding

LEGACY_TEXT = (
    "Le conseil municipal a voté mercredi un budget révisé pour l'année prochaine.\n"
    "Les élus ont débattu pendant des heures des dépenses prévues pour les écoles, "
    "la voirie et les bibliothèques, avant un vote serré à la majorité.\n"
    "Le maire a déclaré que les économies réalisées seraient réinvesties dans les crèches.\n"
)


def test_cp1252_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes(LEGACY_TEXT.encode("cp1252"))
    code, out, stderr = invoke(["clean", str(path), *FAST])
    assert code == 0, stderr
    assert out.decode("utf-8") == LEGACY_TEXT


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-8-sig"])
def test_file_with_a_byte_order_mark_just_works(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(LEGACY_TEXT.encode(codec))
    code, out, stderr = invoke(["clean", str(path), *FAST])
    assert code == 0, stderr
    assert out.decode("utf-8") == LEGACY_TEXT


def test_named_encoding_is_used_strictly(tmp_path: Path) -> None:
    path = tmp_path / "le.txt"
    path.write_bytes(LEGACY_TEXT.encode("utf-16-le"))  # no mark: only the name says so
    code, out, _ = invoke(["clean", str(path), "--encoding", "utf-16-le", *FAST])
    assert code == 0 and out.decode("utf-8") == LEGACY_TEXT
    path.write_bytes(LEGACY_TEXT.encode("cp1252"))
    code, _, stderr = invoke(["clean", str(path), "--encoding", "ascii", *FAST])
    assert code == 1 and "invalid ascii (byte 0xe9 at line 1" in stderr


@pytest.mark.parametrize("name", ["klingon", "hex"])
def test_unknown_encoding_is_a_usage_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Hello.\n", encoding="utf-8")
    code, _, stderr = invoke(["clean", str(path), "--encoding", name])
    assert code == 2 and f"--encoding '{name}': not a known text encoding" in stderr


# folders


def test_folder_reads_known_types_and_lists_the_rest_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("First document.\n", encoding="utf-8")
    (folder / "sub" / "b.html").write_text(
        "<html><body><p>Second document here.</p></body></html>", encoding="utf-8"
    )
    (folder / "a.meta.yaml").write_text("url: https://example.com/\n", encoding="utf-8")
    (folder / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (folder / "a.body.txt").write_text("gold\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = invoke(["clean", str(folder), "-o", str(out), *FAST])
    assert code == 0, stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == ["a.txt", "sub/b.txt"]
    skipped = [line for line in stderr.splitlines() if "skipped 3 files of unknown type" in line]
    assert len(skipped) == 1
    for name in ("a.meta.yaml", "table.csv", "a.body.txt"):
        assert name in skipped[0]
    assert "2 records in" in stderr


def test_dir_output_stays_a_folder_for_records(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.jsonl").write_text('{"text": "Only record."}\n', encoding="utf-8")
    (folder / "notes.json").write_text('{"text": "not read"}\n', encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = invoke(["clean", str(folder), "-o", str(out), *FAST])
    assert code == 0, stderr
    assert out.is_dir() and (out / "one" / "1.txt").read_text(encoding="utf-8") == "Only record.\n"
    code, _, stderr = invoke(["clean", str(folder), "-o", str(out), "--output-format", "jsonl", *FAST])
    assert code == 2 and "is a folder; jsonl output needs a file name" in stderr


def test_folder_of_nothing_known_says_what_was_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.csv").write_text("a\n", encoding="utf-8")
    code, _, stderr = invoke(["clean", str(folder)])
    assert code == 2 and "no input files found (1 files of unknown type skipped)" in stderr


# one vocabulary across commands


def test_unknown_outlet_names_the_known_ones(tmp_path: Path) -> None:
    for command in (["clean", str(ARTICLE)], ["explain", str(ARTICLE)]):
        code, _, stderr = invoke([*command, "--outlet", "nosuch.example"])
        assert code == 2, stderr
        assert "--outlet nosuch.example: unknown outlet; known: " in stderr and "themoscowtimes.com" in stderr


def test_clean_takes_url_outlet_and_date_for_a_document(tmp_path: Path) -> None:
    text = ARTICLE.read_text(encoding="utf-8").replace("A Message from The Moscow Times:\n", "")
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    _, without, _ = invoke(["clean", str(path), *FAST])
    assert "Remind me later" in without.decode()  # no fingerprint left: no outlet found
    for option in (["--url", MT_URL], ["--outlet", "themoscowtimes.com"]):
        code, out, _ = invoke(["clean", str(path), *option, "--date", "2024-02-07", *FAST])
        assert code == 0 and "Remind me later" not in out.decode()


def test_explain_reads_a_record_with_the_field_option(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"content": ARTICLE.read_text(encoding="utf-8")}) + "\n", encoding="utf-8")
    code, out, stderr = invoke(["explain", str(dump), "--field", "text=content", "--format", "jsonl", *FAST])
    assert code == 0, stderr
    assert "donation_appeal" in out.decode()


def test_learn_takes_field_and_keeps_its_old_names(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(
        "".join(json.dumps({"content": f"Page {i}.\n"}) + "\n" for i in range(3)), encoding="utf-8"
    )
    learn = ["learn", str(dump), "--outlet", "example.com", "--min-pages", "5"]
    for option in (["--field", "text=content"], ["--text-field", "content"]):
        code, _, stderr = invoke([*learn, *option])
        assert code == 2 and "3 pages read; learning needs at least 5" in stderr, stderr
    code, _, stderr = invoke(learn)
    assert code == 2 and "record has no 'text' or 'html' field" in stderr
    help_text = invoke(["learn", "--help"])[1].decode()
    assert "--field" in help_text and "--text-field" not in help_text
