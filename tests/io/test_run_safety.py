"""Issue 12 item 12: a run never leaves orphans, never shares its output, reports a full
disk as such, and counts right after a resume."""

from __future__ import annotations

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
from cleaner.cli.clean_cmd import EXIT_DISK_FULL, EXIT_OUTPUT_BUSY
from cleaner.io import pipeline
from cleaner.io.outlock import OutputLock
from cleaner.io.runner import BATCH_RECORDS
from cleaner.io.work import BatchResult
from tests.io.test_resume import start_run_until
from tests.paths import ROOT

EXIT_USAGE = 2

ORPHAN_WAIT_SECONDS = 10.0  # workers check their parent every 0.5 s


def children_of(pid: int) -> set[int]:
    """The pids whose parent is ``pid``, from /proc."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc to find the workers")
def test_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    _, _, _, proc = start_run_until(tmp_path, 1)
    assert proc.poll() is None, "the run ended before it could be killed"
    workers = children_of(proc.pid)
    assert len(workers) >= 2, workers
    os.kill(proc.pid, signal.SIGKILL)  # the parent only, as the OOM killer would
    proc.wait()
    assert proc.stderr is not None
    proc.stderr.close()
    deadline = time.monotonic() + ORPHAN_WAIT_SECONDS
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if alive(w)]
    for pid in left:  # do not leave them behind for the rest of the suite
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers still running after the parent died: {left}"


def _dump(path: Path, records: int = 3) -> Path:
    path.write_text(
        "".join(
            json.dumps({"n": i, "text": f"Line {i} of the dump.\nMore text."}) + "\n" for i in range(records)
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full, whose writes fail with ENOSPC")
def test_disk_full_has_its_own_exit_code_and_says_so(tmp_path: Path) -> None:
    src = _dump(tmp_path / "in.jsonl")
    out = tmp_path / "out.jsonl"
    out.symlink_to("/dev/full")  # every write to it fails with ENOSPC, as a full disk does
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(out), "--no-heuristics"])
    assert result.exit_code == EXIT_DISK_FULL != EXIT_USAGE, result.stderr
    assert "disk full (No space left on device)" in result.stderr
    assert "--resume" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_second_run_on_the_same_output_is_refused(tmp_path: Path) -> None:
    src = _dump(tmp_path / "in.jsonl")
    out = tmp_path / "out.jsonl"
    out.write_text("the first run's output\n", encoding="utf-8")
    with OutputLock(str(out)):  # the first run, still writing
        result = CliRunner().invoke(main, ["clean", str(src), "-o", str(out), "--no-heuristics"])
        assert result.exit_code == EXIT_OUTPUT_BUSY, result.stderr
        assert "another cleaner run is writing this output" in result.stderr
        assert out.read_text(encoding="utf-8") == "the first run's output\n"  # not truncated
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(out), "--no-heuristics"])
    assert result.exit_code == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert not (tmp_path / "out.jsonl.lock").exists()


def test_two_processes_on_one_output_never_interleave(tmp_path: Path) -> None:
    src = _dump(tmp_path / "in.jsonl", 3000)
    out = tmp_path / "out.jsonl"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    args = [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), "--no-heuristics"]
    runs = [subprocess.Popen(args, env=env, stderr=subprocess.PIPE) for _ in range(2)]
    codes = sorted(p.wait(timeout=120) for p in runs)
    for proc in runs:
        assert proc.stderr is not None
        proc.stderr.close()
    assert codes in ([0, 0], [0, EXIT_OUTPUT_BUSY]), codes
    numbers = [json.loads(line)["n"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert numbers == list(range(3000))


def test_failed_count_after_a_resume_counts_this_runs_unshown_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batch 1 has 5 failures (shown by the killed run), batch 2 has 30: the resumed run
    shows 20 and says 10 more are not shown, and 5 are from before the resume."""
    src = tmp_path / "in.jsonl"
    lines = []
    for i in range(2 * BATCH_RECORDS):
        failing = i < 5 or BATCH_RECORDS <= i < BATCH_RECORDS + 30
        lines.append(json.dumps({"n": i} if failing else {"n": i, "text": f"Line {i}.\nMore."}) + "\n")
    src.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["clean", str(src), "-o", str(out), "--no-heuristics"]
    real_write = pipeline._Outputs.write
    calls = []

    def write_then_die(self: pipeline._Outputs, result: BatchResult) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed during the second batch
        real_write(self, result)

    monkeypatch.setattr(pipeline._Outputs, "write", write_then_die)
    assert CliRunner().invoke(main, args).exit_code == 130
    monkeypatch.setattr(pipeline._Outputs, "write", real_write)
    result = CliRunner().invoke(main, [*args, "--resume"])
    assert result.exit_code == 1, result.stderr
    assert "cleaner: 10 more failed records not shown" in result.stderr, result.stderr
    assert "cleaner: 5 failed records from before the resume" in result.stderr
    assert "35 failed" in result.stderr
    errors = (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(errors) == 35
