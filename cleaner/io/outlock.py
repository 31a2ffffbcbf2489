"""One run per output: an exclusive lock on a file beside it, held for the whole run.

Two runs writing the same ``-o`` would interleave their batches and their
resume states into one corrupt file; the second one is refused instead,
before it opens (and truncates) anything.
"""

from __future__ import annotations

import os
from types import TracebackType

from cleaner.errors import CleanerError

LOCK_SUFFIX = ".lock"

try:
    import fcntl
except ImportError:  # Windows: no flock; runs are not guarded there
    fcntl = None  # type: ignore[assignment]


class OutputBusyError(CleanerError):
    """Another run holds the output's lock."""


class OutputLock:
    """``with OutputLock(path):`` holds ``path + ".lock"``; removed again on exit."""

    def __init__(self, output: str) -> None:
        self.path = output.rstrip("/\\") + LOCK_SUFFIX
        self._fd: int | None = None

    def __enter__(self) -> OutputLock:
        if fcntl is None:
            return self
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise OutputBusyError(
                    f"{self.path.removesuffix(LOCK_SUFFIX)}: another cleaner run is writing this output "
                    f"(it holds {self.path}); wait for it or choose another -o"
                ) from None
            if _same_file(fd, self.path):
                self._fd = fd
                return self
            os.close(fd)  # the run before removed the file after we opened it: lock the new one

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._fd is None:
            return
        try:
            os.remove(self.path)  # while still holding it, so no one locks a removed file
        except OSError:
            pass
        os.close(self._fd)
        self._fd = None


def _same_file(fd: int, path: str) -> bool:
    try:
        on_disk = os.stat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)
