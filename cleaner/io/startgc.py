"""The cyclic garbage collector paused while a command starts.

A start makes tens of thousands of objects that live as long as the process (modules,
classes, compiled patterns, the lexicons' tables, the models): the collector's passes
over them while they are made free nothing and cost ~10 ms of a one-line
``cleaner clean``. The command pauses it from its start until the Cleaner and its
heuristics are loaded (``io.work``), before any record is read and before a -j N run
forks its workers, which so inherit a running collector; the command's end resumes it
in any case. A collector the embedding program disabled stays disabled.
"""

from __future__ import annotations

import gc

_paused = False  # whether pause_collector disabled it (and resume_collector should enable it)


def pause_collector(disabled_by_caller: bool = False) -> None:
    """Disable the collector for the start, unless it is already off; ``disabled_by_caller``:
    the caller (``python -m cleaner``, before importing this package) disabled it itself,
    and resume_collector should enable it."""
    global _paused
    if disabled_by_caller or gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """Enable the collector again if pause_collector disabled it (else leave it as it is)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
