"""The ordered parallel runner: N worker processes, results in input order.

At most ``INFLIGHT_PER_WORKER * jobs`` batches are out at any time, so memory
stays flat however large the input is (``Pool.imap`` would read the whole
input ahead). ``-j 1`` runs in this process with the same batch function, so
its output is byte-identical to ``-j N``.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from cleaner.io.items import Item
from cleaner.io.outlock import close_inherited_locks

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

BATCH_RECORDS = 256  # records per batch: enough to amortise inter-process costs
BATCH_BYTES = 4 << 20  # ... or this many input bytes, whichever comes first
INFLIGHT_PER_WORKER = 3  # batches queued per worker: keeps workers busy, memory bounded
# How often a worker checks that the parent still lives: a SIGKILLed parent cannot stop
# its pool, and its workers would wait on their queue forever.
PARENT_CHECK_SECONDS = 0.5
EXIT_ORPHANED = 1  # a worker's exit status when it finds its parent gone
# How long a stopped run waits for a worker to end on SIGTERM before it sends SIGKILL.
WORKER_STOP_SECONDS = 5.0

T = TypeVar("T")


def batches(
    items: Iterable[Item], max_records: int = BATCH_RECORDS, max_bytes: int = BATCH_BYTES
) -> Iterator[list[Item]]:
    """Group items into batches; the cut points depend on the input only, never on -j."""
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        size += item.size
        if len(batch) >= max_records or size >= max_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def run_ordered(
    work: Callable[[list[Item]], T],
    tasks: Iterable[list[Item]],
    jobs: int,
    initializer: Callable[..., None],
    initargs: tuple[object, ...],
) -> Generator[T, None, None]:
    """``work`` over ``tasks`` in ``jobs`` processes; results come out in task order."""
    if jobs <= 1:
        initializer(*initargs)
        for task in tasks:
            yield work(task)
        return
    # Only here: the process pool's imports (~50 ms CPU) would cost every -j 1 start.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Forked workers inherit what the parent's initializer call built (the Cleaner).
    initializer(*initargs)
    method = (
        "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" else "spawn"
    )
    context = multiprocessing.get_context(method)
    limit = INFLIGHT_PER_WORKER * jobs
    child_init = functools.partial(_child_init, os.getpid(), initializer, *initargs)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=child_init) as pool:
        pending: deque[Future[T]] = deque()
        try:
            for task in tasks:
                if pending:
                    pending.append(pool.submit(work, task))
                else:
                    with _interrupts_to_this_thread():  # the pool's threads and workers start here
                        pending.append(pool.submit(work, task))
                if len(pending) >= limit:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BaseException:  # Ctrl-C, a failed batch, or the consumer stopping (GeneratorExit)
            _abandon(pool)
            raise


def _abandon(pool: ProcessPoolExecutor) -> None:
    """End a pool whose results will never be read by stopping its workers now. A graceful
    shutdown would let them finish every batch already handed over first, and it hung once
    in CI after a Ctrl-C; a stopped worker sends the pool down its broken-worker path, which
    fails the futures still out and waits on nothing. No future is cancelled first: Python
    3.11's broken path then fails on the cancelled one and leaves its pipes to block exit."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # CPython's own table
    for worker in workers:
        worker.terminate()  # SIGTERM: the workers ignore only SIGINT
    deadline = time.monotonic() + WORKER_STOP_SECONDS
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
        if worker.is_alive():
            worker.kill()
            worker.join()
    # A worker stopped while sending a result leaves half of it in the result pipe, and the
    # pool's manager thread would wait for the rest forever (this process holds the pipe's
    # write end too): closing that end gives the read an end of file, and the manager goes
    # down the broken-worker path.
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        writer.close()
    pool.shutdown(wait=True)


@contextlib.contextmanager
def _interrupts_to_this_thread() -> Iterator[None]:
    """Threads started inside inherit a blocked SIGINT, so the kernel hands Ctrl-C to the
    main thread: a signal that lands on one of the pool's threads only wakes the main
    thread at its next result, and a run near its end finished as if never interrupted."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _child_init(parent: int, initializer: Callable[..., None], *initargs: object) -> None:
    """Workers leave Ctrl-C to the parent, which stops cleanly and keeps the resume state,
    and end themselves when the parent is gone (killed with SIGKILL, say)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    close_inherited_locks()
    threading.Thread(target=_exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()
    initializer(*initargs)


def _exit_with_parent(parent: int) -> None:
    """Poll the parent's pid: an orphan is adopted by another process and its ppid changes.
    Python has no portable PR_SET_PDEATHSIG; this costs one system call a half second."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(EXIT_ORPHANED)
