"""Ctrl-C during ``cleaner clean``: the first press stops the run, later ones are ignored.

The first SIGINT raises KeyboardInterrupt, as Python's own handler does; the run then
closes its output, saves its resume state and shuts its worker pool down. A second
press during that must not break it: with Python's handler it raised a traceback in
the middle of the cleanup, or, once the interpreter had put SIGINT back to its
default at exit, killed the process by the signal instead of exiting with 130.
"""

from __future__ import annotations

import contextlib
import faulthandler
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType


@contextlib.contextmanager
def first_interrupt_stops() -> Iterator[None]:
    """Inside: the first SIGINT raises KeyboardInterrupt and ignores every later one for
    the rest of the process (it is stopping); without a SIGINT the handler before comes
    back. A process that ignores SIGINT already (started in the background) keeps doing so;
    Python sets handlers in the main thread only, so elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.SIG_IGN:
        yield
        return
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        if not stopping:
            signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def stacks_on_sigusr1() -> Iterator[None]:
    """Inside: SIGUSR1 prints every thread's stack to the process's stderr and the run goes
    on (``kill -USR1 <pid>``, for a run that seems stuck; forked workers inherit it). Only
    where SIGUSR1 exists and stderr is a real file: an in-process call whose stderr is
    captured gets nothing."""
    usr1 = getattr(signal, "SIGUSR1", None)
    stderr = sys.__stderr__
    try:
        if usr1 is None or stderr is None or threading.current_thread() is not threading.main_thread():
            raise ValueError("no SIGUSR1 or no stderr here")
        faulthandler.register(usr1, file=stderr, all_threads=True)
    except (ValueError, OSError, RuntimeError, AttributeError):
        yield
        return
    try:
        yield
    finally:
        faulthandler.unregister(usr1)
