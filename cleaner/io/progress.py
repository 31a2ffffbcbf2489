"""Progress on stderr for ``cleaner clean``: records done, and with the stored size of
the inputs known (local files), bytes read against the total with an ETA.

Bytes are counted where the reader is, in the stored (compressed) file, so the
total is exact for ``.gz`` and ``.zst`` dumps too. Sources are read in order,
so a cursor keeps each update cheap however many files a folder holds.
"""

from __future__ import annotations

import sys
from typing import Any

from cleaner.io.sources import Source


class Progress:
    """A tqdm bar, or nothing when progress is off."""

    def __init__(self, sources: list[Source], show: bool, initial_records: int = 0) -> None:
        self._sources = sources
        self._done_before = 0  # bytes of the sources before the cursor, all read
        self._cursor = 0
        self.records = initial_records
        self.bar: Any = None
        if not show:
            return
        import tqdm

        tqdm.tqdm.monitor_interval = 0  # no monitor thread: workers are forked later
        sizes = [s.size for s in sources]
        self.total = None if any(size is None for size in sizes) else sum(s or 0 for s in sizes)
        if self.total is None:
            self.bar = tqdm.tqdm(
                total=None, initial=initial_records, unit=" rec", file=sys.stderr, dynamic_ncols=True
            )
        else:
            self.bar = tqdm.tqdm(
                total=self.total,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                file=sys.stderr,
                dynamic_ncols=True,
            )

    def bytes_read(self) -> int:
        """Stored bytes read so far over all sources."""
        # sources are read in order: once the next one has begun, the current one is done
        while self._cursor < len(self._sources) - 1 and self._sources[self._cursor + 1].started:
            self._done_before += self._sources[self._cursor].size or 0
            self._cursor += 1
        if not self._sources:
            return 0
        return self._done_before + self._sources[self._cursor].position()

    def update(self, records: int) -> None:
        self.records += records
        if self.bar is None:
            return
        if self.total is None:
            self.bar.update(records)
            return
        self.bar.n = min(self.bytes_read(), self.total)
        self.bar.set_postfix_str(f"{self.records:,} rec", refresh=False)
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
