"""Issue 12 item 12: a run never leaves orphans, never shares its output, reports a full
disk as such, and counts right after a resume."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.io.test_resume import start_run_until

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
