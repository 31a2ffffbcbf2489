"""A run_ordered generator closed early (Ctrl-C, a failed write) stops its workers at once
instead of waiting for the batches they hold, and leaves no process behind."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from cleaner.io.items import Item
from cleaner.io.runner import WORKER_STOP_SECONDS, run_ordered
from tests.paths import ROOT

SLOW_BATCH_SECONDS = 120.0  # far longer than the test may wait: a graceful shutdown would show
FIRST = b"fast"
HANDOVER_SECONDS = 1.0  # ample for the pool to hand a batch to an idle worker  # the first batch returns at once, so the pool is running when it is closed


def _work(batch: list[Item]) -> int:
    """Sleeps through every batch but the first one: a worker that is never let finish."""
    if batch[0].data != FIRST:
        time.sleep(SLOW_BATCH_SECONDS)
    return os.getpid()


def _init() -> None:
    """The runner wants an initializer; these workers need nothing."""


def _batch(data: bytes, line: int) -> list[Item]:
    return [Item(kind="jsonl", source="test", line=line, offset=None, data=data)]


def _batches(count: int) -> list[list[Item]]:
    return [_batch(FIRST if n == 0 else b"slow", n + 1) for n in range(count)]


@pytest.mark.skipif(os.name != "posix", reason="the workers are forked")
def test_closing_the_results_stops_busy_workers_at_once() -> None:
    results = run_ordered(_work, _batches(6), 2, _init, ())
    worker = next(results)
    started = time.monotonic()
    results.close()
    assert time.monotonic() - started < WORKER_STOP_SECONDS + 10
    assert worker not in {child.pid for child in multiprocessing.active_children()}
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(os.name != "posix", reason="the workers are forked")
def test_an_interrupt_inside_the_run_stops_the_workers_and_propagates() -> None:
    def interrupted() -> Iterator[list[Item]]:
        yield _batch(FIRST, 1)
        yield _batch(b"slow", 2)
        time.sleep(HANDOVER_SECONDS)  # a worker has taken the slow batch when the interrupt comes
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        for _ in run_ordered(_work, interrupted(), 2, _init, ()):
            pass
    assert time.monotonic() - started < WORKER_STOP_SECONDS + 10
    assert multiprocessing.active_children() == []


# Workers that answer at once with a large result: the pool's manager thread is nearly always
# in the middle of reading one when the run is stopped, and a worker stopped mid-send left it
# waiting for the rest of the result forever (the close hung, and so did the interpreter's exit).
MID_SEND_SCRIPT = """
import time
from cleaner.io.items import Item
from cleaner.io.runner import run_ordered

def work(batch):
    return b"x" * (16 << 20)

def init():
    pass

def tasks():
    line = 0
    while True:
        line += 1
        yield [Item(kind="jsonl", source="t", line=line, offset=None, data=b"a")]

for trial in range(TRIALS):
    results = run_ordered(work, tasks(), 2, init, ())
    next(results)
    time.sleep(0.003 * trial)
    results.close()
print("closed", TRIALS)
"""
MID_SEND_TRIALS = 8
MID_SEND_SECONDS = 120  # eight closes take about a second; a hang never ends


@pytest.mark.skipif(os.name != "posix", reason="the workers are forked")
def test_workers_stopped_while_sending_a_result_leave_nothing_waiting() -> None:
    script = MID_SEND_SCRIPT.replace("TRIALS", str(MID_SEND_TRIALS))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, timeout=MID_SEND_SECONDS
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stdout.decode().strip() == f"closed {MID_SEND_TRIALS}"
    assert b"Traceback" not in done.stderr
