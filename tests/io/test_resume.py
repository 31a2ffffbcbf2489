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

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.io import pipeline
from cleaner.io.pipeline import RunOptions, make_plan, run_fingerprint
from cleaner.io.resume import ResumeState, save_state, state_path
from cleaner.io.work import WorkConfig
from cleaner.outlets.rules import RULES_ENV
from tests.paths import DATA, ROOT

ARTICLE = (DATA / "io" / "mt_article.txt").read_text(encoding="utf-8")
RECORDS = 20000  # with the heuristics a run of several seconds: a loaded machine still stops it mid-way
KILL_AFTER_BATCHES = 3
POLL_SECONDS = 0.01
SECOND_PRESS_SECONDS = 0.05  # a user pressing Ctrl-C again while the run stops
STOP_SECONDS = 60  # a run stops within a batch's time; this only bounds a broken run
STACKS_SECONDS = 2  # a hung run's time to print its stacks (SIGUSR1) before it is killed


def write_dump(path: Path) -> None:
    lines = []
    for i in range(RECORDS):
        record: dict[str, object] = {"id": i, "text": f"Record {i}.\n{ARTICLE}"}
        if i % 500 == 7:
            record = {"id": i}  # no text: goes to the errors file, also exactly once
        lines.append(json.dumps(record))
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), compresslevel=1))


def command(src: Path, out: Path, *extra: str) -> list[str]:
    """The run under test, heuristics on: a few seconds, so a busy machine's poll still
    catches it mid-way (without them the batched run ended in about a second)."""
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


def interrupt(proc: subprocess.Popen[bytes], presses: int) -> bytes:
    """Ctrl-C as a terminal sends it (to the whole process group), ``presses`` times in a
    row, then the run's stderr once it has ended."""
    for press in range(presses):
        if press:
            time.sleep(SECOND_PRESS_SECONDS)
        os.killpg(proc.pid, signal.SIGINT)
    hung = False
    try:
        proc.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        hung = True
        os.killpg(proc.pid, signal.SIGUSR1)  # every process's stacks to stderr, for the report below
        time.sleep(STACKS_SECONDS)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert not hung, (
        f"the run did not stop within {STOP_SECONDS} s; its stderr:\n{stderr.decode(errors='replace')}"
    )
    return stderr


def test_ctrl_c_stops_cleanly_and_resume_finishes(tmp_path: Path) -> None:
    src, out, env, proc = start_run_until(tmp_path, 1)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    stderr = interrupt(proc, presses=1)  # one press is enough: the main thread takes it at once
    assert proc.returncode == 130, stderr
    assert b"interrupted; rerun with --resume" in stderr and b"Traceback" not in stderr
    resumed = subprocess.run(
        command(src, out, "--resume"), cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert resumed.returncode == 1 and b"Traceback" not in resumed.stderr
    ids = [json.loads(line)["id"] for line in gzip.decompress(out.read_bytes()).splitlines()]
    assert ids == [i for i in range(RECORDS) if i % 500 != 7]


def test_ctrl_c_pressed_again_while_stopping_stays_quiet(tmp_path: Path) -> None:
    """The run closes its output, saves its state and stops its workers; an impatient
    second Ctrl-C meanwhile must not print a traceback from the shutdown."""
    _, _, _, proc = start_run_until(tmp_path, 1)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    stderr = interrupt(proc, presses=3)
    assert proc.returncode == 130, stderr
    assert b"interrupted; rerun with --resume" in stderr and b"Traceback" not in stderr


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
    assert "saved by a run with other inputs, options" in result.stderr
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


RULE_FILE = """\
outlet: Harbour Gazette
domains: [harbour-gazette.test]
text:
  - id: tags
    category: related
    line: '{pattern}'
examples:
  - input: "Body.\\nTags: harbour\\n"
    body: "Body.\\n"
"""


def killed_run_state(src: Path, out: Path, rules: tuple[str, ...] = ()) -> None:
    """The state a killed run of ``clean src -o out --rules ...`` left after its first batch."""
    options = RunOptions((str(src),), str(out), config=WorkConfig(rules_paths=rules, heuristics=False))
    fingerprint = run_fingerprint(make_plan(options))
    save_state(state_path(str(out)), ResumeState(fingerprint, batches=1))
    out.write_bytes(b"")


def resume_with(src: Path, out: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    args = ["clean", str(src), "-o", str(out), "--resume", "--no-heuristics", *extra]
    result = CliRunner().invoke(main, args, env=env)
    return result.exit_code, result.stderr


def small_dump(tmp_path: Path) -> Path:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"n": i, "text": f"Line {i}.\nTags: x"}) + "\n" for i in range(3)),
        encoding="utf-8",
    )
    return src


def rule_folder(path: Path, pattern: str) -> Path:
    path.mkdir(exist_ok=True)
    (path / "harbour-gazette.test.yaml").write_text(RULE_FILE.format(pattern=pattern), encoding="utf-8")
    return path


def test_resume_refuses_when_a_rules_file_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RULES_ENV, raising=False)
    src, out = small_dump(tmp_path), tmp_path / "out.jsonl"
    rules = rule_folder(tmp_path / "rules", "^Tags:")
    killed_run_state(src, out, (str(rules),))
    rule_folder(rules, "^Tags: x$")  # same file name and options, other content
    code, stderr = resume_with(src, out, "--rules", str(rules))
    assert code == 2, stderr
    assert "saved by a run with other" in stderr and "rules" in stderr


def test_resume_refuses_when_cleaner_rules_path_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = small_dump(tmp_path), tmp_path / "out.jsonl"
    first = rule_folder(tmp_path / "first", "^Tags:")
    second = rule_folder(tmp_path / "second", "^Line 1")
    monkeypatch.setenv(RULES_ENV, str(first))
    killed_run_state(src, out)
    code, stderr = resume_with(src, out, env={RULES_ENV: str(second)})
    assert code == 2, stderr
    assert "saved by a run with other" in stderr
    code, stderr = resume_with(src, out, env={RULES_ENV: str(first)})
    assert code == 0, stderr  # the same folder with the same content resumes


def test_resume_fingerprint_covers_the_package_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan(RunOptions((str(small_dump(tmp_path)),), str(tmp_path / "out.jsonl")))
    before = run_fingerprint(plan)
    monkeypatch.setattr(pipeline, "package_version", lambda: "99.0")
    assert run_fingerprint(plan) != before
