"""Fault injection: a run killed (SIGKILL or SIGTERM) at random points, with -j 1 and
-j 2, and resumed, ends with the very bytes of an uninterrupted run: the output
(plain, .gz, .zst) and the errors file.

Kill points come from a fixed seed and are placed by the resume state (after k
finished batches, plus a random few milliseconds), so they land inside the
run rather than in the interpreter's start-up; the runs that finish the job
run in this process, to keep the test to a few seconds.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.io.resume import state_path
from cleaner.io.runner import BATCH_RECORDS
from tests.paths import DATA, ROOT

SEED = 20261201
BATCHES = 4
RECORDS = BATCHES * BATCH_RECORDS - 100  # the last batch is a short one
FAIL_EVERY = 97  # records without text: they go to the errors file
ARTICLE = (DATA / "io" / "mt_article.txt").read_text(encoding="utf-8")
POLL_SECONDS = 0.002
# (signal, jobs, output suffix, kills): every signal with every -j, every compression;
# one scenario is killed twice (killed, resumed and killed again), then each is finished
SCENARIOS = [
    (signal.SIGKILL, 1, ".jsonl.gz", 2),
    (signal.SIGTERM, 2, ".jsonl.zst", 1),
    (signal.SIGKILL, 2, ".jsonl", 1),
    (signal.SIGTERM, 1, ".jsonl.gz", 1),
]
SUFFIXES = sorted({suffix for _, _, suffix, _ in SCENARIOS})


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fault") / "dump.jsonl"
    lines = []
    for i in range(RECORDS):
        record: dict[str, object] = (
            {"id": i} if i % FAIL_EVERY == 3 else {"id": i, "text": f"No. {i}.\n{ARTICLE}"}
        )
        lines.append(json.dumps(record) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def args(src: Path, out: Path, jobs: int, *extra: str) -> list[str]:
    return ["clean", str(src), "-o", str(out), "-j", str(jobs), *extra]


@pytest.fixture(scope="module")
def references(dump: Path) -> dict[str, tuple[bytes, bytes]]:
    """Output and errors bytes of an uninterrupted run, per output suffix."""
    found = {}
    for suffix in SUFFIXES:
        folder = dump.parent / f"reference{suffix}"
        folder.mkdir()
        out = folder / f"out{suffix}"
        result = CliRunner().invoke(main, args(dump, out, 1))
        assert result.exit_code == 1, result.stderr  # 1: the records without text failed
        found[suffix] = (out.read_bytes(), (folder / "out.errors.jsonl").read_bytes())
    return found


def batches_done(out: Path) -> int:
    try:
        with open(state_path(str(out)), encoding="utf-8") as handle:
            return int(json.load(handle)["batches"])
    except (OSError, ValueError, KeyError):
        return 0


MISSED_KILL_RETRIES = 3  # fresh runs killed at their first batch when every seeded kill came too late


def killed_run(command: list[str], out: Path, after_batches: int, extra_ms: int, sig: int) -> int:
    """Start the CLI, kill it once the state says ``after_batches`` are done (plus a few ms);
    returns the batches the state held at the kill (-1: the run ended first)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", *command], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while proc.poll() is None and batches_done(out) < after_batches and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
    time.sleep(extra_ms / 1000)
    if proc.poll() is not None:
        return -1
    done = batches_done(out)
    proc.send_signal(sig)  # the CLI only: its workers must notice on their own
    proc.wait(timeout=60)
    return done


@pytest.mark.parametrize(
    ("sig", "jobs", "suffix", "times"), SCENARIOS, ids=lambda v: str(getattr(v, "name", v))
)
def test_killed_and_resumed_run_equals_an_uninterrupted_one(
    dump: Path,
    references: dict[str, tuple[bytes, bytes]],
    tmp_path: Path,
    sig: int,
    jobs: int,
    suffix: str,
    times: int,
) -> None:
    want_out, want_errors = references[suffix]
    rng = random.Random(f"{SEED}-{sig}-{jobs}-{suffix}")
    folder = tmp_path / "killed"
    folder.mkdir()
    out = folder / f"out{suffix}"
    kills = []
    for attempt in range(times):
        resume = ("--resume",) if attempt else ()
        point = rng.randrange(0, BATCHES - 1)
        kills.append(killed_run(args(dump, out, jobs, *resume), out, point, rng.randrange(0, 20), sig))
    for _ in range(MISSED_KILL_RETRIES):
        if any(0 <= k < BATCHES for k in kills):
            break
        # on a busy machine the run can end before the kill lands: start over, kill at once
        shutil.rmtree(folder)
        folder.mkdir()
        kills.append(killed_run(args(dump, out, jobs), out, 0, 0, sig))
    assert any(0 <= k < BATCHES for k in kills), f"no kill landed inside the run: {kills}"
    result = CliRunner().invoke(main, args(dump, out, jobs, "--resume"))
    assert result.exit_code == 1, result.stderr
    assert f"{RECORDS:,} records in" in result.stderr
    assert out.read_bytes() == want_out, f"output differs after kills at {kills}"
    assert (folder / "out.errors.jsonl").read_bytes() == want_errors, f"errors differ after kills at {kills}"
    assert not os.path.exists(state_path(str(out)))
    assert not (folder / f"out{suffix}.lock").exists()
