"""Run counters: records in, cleaned, failed, skipped, bytes removed per category."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Stats:
    """Counters that add up across batches (and across a resumed run)."""

    records: int = 0
    cleaned: int = 0
    failed: int = 0
    skipped: int = 0
    bytes_in: int = 0
    removed: dict[str, int] = field(default_factory=dict)
    learned_held_back: int = 0  # pages whose learned outlet rules would have emptied them

    def add(self, other: Stats) -> None:
        self.records += other.records
        self.cleaned += other.cleaned
        self.failed += other.failed
        self.skipped += other.skipped
        self.bytes_in += other.bytes_in
        self.learned_held_back += other.learned_held_back
        for key, value in other.removed.items():
            self.removed[key] = self.removed.get(key, 0) + value

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "cleaned": self.cleaned,
            "failed": self.failed,
            "skipped": self.skipped,
            "bytes_in": self.bytes_in,
            "removed": dict(self.removed),
            "learned_held_back": self.learned_held_back,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stats:
        return cls(
            int(data["records"]),
            int(data["cleaned"]),
            int(data["failed"]),
            int(data["skipped"]),
            int(data["bytes_in"]),
            {str(k): int(v) for k, v in dict(data["removed"]).items()},
            int(data.get("learned_held_back", 0)),
        )


def format_summary(stats: Stats, seconds: float, errors_to: str | None) -> list[str]:
    """The end-of-run lines for stderr."""
    rate = stats.records / seconds if seconds > 0 else 0.0
    mb_rate = stats.bytes_in / 1e6 / seconds if seconds > 0 else 0.0
    failed = f"{stats.failed:,} failed"
    if stats.failed and errors_to:
        failed += f" (see {errors_to})"
    lines = [
        f"cleaner: {stats.records:,} records in: {stats.cleaned:,} cleaned, {failed}, "
        f"{stats.skipped:,} skipped; {seconds:.1f} s, {rate:,.1f} records/s, {mb_rate:,.2f} MB/s in"
    ]
    if stats.removed:
        parts = ", ".join(f"{k} {v:,}" for k, v in sorted(stats.removed.items(), key=lambda kv: -kv[1]))
        lines.append(f"cleaner: bytes removed by category: {parts}")
    else:
        lines.append("cleaner: bytes removed by category: none")
    if stats.learned_held_back:
        lines.append(
            f"cleaner: {stats.learned_held_back:,} pages kept their body: the learned outlet rules "
            "would have removed nearly all of it (output field metadata.learned_rules_held_back)"
        )
    return lines
