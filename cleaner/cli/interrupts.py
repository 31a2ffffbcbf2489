"""Ctrl-C during ``cleaner clean``: the first press stops the run, later ones are ignored.

The first SIGINT raises KeyboardInterrupt, as Python's own handler does; the run then
closes its output, saves its resume state and shuts its worker pool down. A second
press during that must not break it: with Python's handler it raised a traceback in
the middle of the cleanup, or, once the interpreter had put SIGINT back to its
default at exit, killed the process by the signal instead of exiting with 130.
"""

from __future__ import annotations

import contextlib
import signal
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
