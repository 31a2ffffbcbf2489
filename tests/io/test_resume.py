"""--resume: a killed run, restarted with the same command, ends with every record exactly once."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import main
from cleaner.io.resume import state_path
from tests.paths import DATA, ROOT

ARTICLE = (DATA / "io" / "mt_article.txt").read_text(encoding="utf-8")
RECORDS = 6000
KILL_AFTER_BATCHES = 3
POLL_SECONDS = 0.01


def write_dump(path: Path) -> None:
    lines = []
    for i in range(RECORDS):
        record: dict[str, object] = {"id": i, "text": f"Record {i}.\n{ARTICLE}"}
        if i % 500 == 7:
            record = {"id": i}  # no text: goes to the errors file, also exactly once
        lines.append(json.dumps(record))
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), compresslevel=1))


def command(src: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "cleaner",
        "clean",
        str(src),
        "-o",
        str(out),
        "-j",
        "2",
        "--no-heuristics",
        *extra,
    ]


def read_state(path: str) -> dict[str, object] | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def start_run_until(
    tmp_path: Path, batches: int
) -> tuple[Path, Path, dict[str, str], subprocess.Popen[bytes]]:
    """Start a run on a fresh dump and return once its state has ``batches`` done (or it ended)."""
    src = tmp_path / "dump.jsonl.gz"
    out = tmp_path / "clean.jsonl.gz"
    write_dump(src)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        command(src, out), cwd=ROOT, env=env, stderr=subprocess.PIPE, start_new_session=True
    )
    state_file = state_path(str(out))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        state = read_state(state_file)
        if state is not None and int(state["batches"]) >= batches:  # type: ignore[call-overload]
            break
        time.sleep(POLL_SECONDS)
    return src, out, env, proc


def test_killed_run_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    src, out, env, proc = start_run_until(tmp_path, KILL_AFTER_BATCHES)
    state_file = state_path(str(out))
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, as a crash would
    proc.wait()
    assert proc.stderr is not None
    proc.stderr.close()
    state = read_state(state_file)
    assert state is not None and 0 < int(state["batches"]) * 256 < RECORDS  # type: ignore[call-overload]
    with open(out, "ab") as handle:
        handle.write(b"\x1f\x8b half a batch written when the kill came")

    resumed = subprocess.run(
        command(src, out, "--resume"), cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert resumed.returncode == 1, resumed.stderr  # 1: the records without text failed
    assert b"resuming after" in resumed.stderr
    assert f"{RECORDS:,} records in".encode() in resumed.stderr
    ids = [json.loads(line)["id"] for line in gzip.decompress(out.read_bytes()).splitlines()]
    failed_ids = [i for i in range(RECORDS) if i % 500 == 7]
    assert ids == [i for i in range(RECORDS) if i not in failed_ids]
    errors = [json.loads(line) for line in (tmp_path / "clean.errors.jsonl").read_text().splitlines()]
    assert [json.loads(e["record"])["id"] for e in errors] == failed_ids
    assert not os.path.exists(state_file)


def test_ctrl_c_stops_cleanly_and_resume_finishes(tmp_path: Path) -> None:
    src, out, env, proc = start_run_until(tmp_path, 1)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert b"interrupted; rerun with --resume" in stderr and b"Traceback" not in stderr
    resumed = subprocess.run(
        command(src, out, "--resume"), cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert resumed.returncode == 1 and b"Traceback" not in resumed.stderr
    ids = [json.loads(line)["id"] for line in gzip.decompress(out.read_bytes()).splitlines()]
    assert ids == [i for i in range(RECORDS) if i % 500 != 7]


def test_resume_refuses_state_of_another_input(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    out = tmp_path / "out.jsonl"
    src.write_text(json.dumps({"text": "One line."}) + "\n", encoding="utf-8")
    Path(state_path(str(out))).write_text(
        json.dumps(
            {
                "version": 1,
                "fingerprint": "0" * 64,
                "batches": 1,
                "output_bytes": 0,
                "errors_bytes": 0,
                "stats": {
                    "records": 1,
                    "cleaned": 1,
                    "failed": 0,
                    "skipped": 0,
                    "bytes_in": 1,
                    "removed": {},
                },
            }
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(out), "--resume"])
    assert result.exit_code == 2
    assert "saved by a run with other inputs or options" in result.stderr
    Path(state_path(str(out))).write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(out), "--resume"])
    assert result.exit_code == 2 and "unreadable resume state" in result.stderr


def test_resume_without_state_runs_from_the_start(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    out = tmp_path / "out.jsonl"
    src.write_text(
        "".join(json.dumps({"n": i, "text": f"Line {i}."}) + "\n" for i in range(3)), encoding="utf-8"
    )
    out.write_text("stale output of an older run\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(out), "--resume", "--no-heuristics"])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["n"] for line in out.read_text().splitlines()] == [0, 1, 2]
    assert not os.path.exists(state_path(str(out)))
