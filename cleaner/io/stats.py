"""Run counters: records in, cleaned, failed, skipped, bytes removed per category and rule;
and the ``--stats`` JSON document built from the same counters as the stderr summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATS_SCHEMA = "cleaner-stats/1"  # docs/stats.schema.json describes this document
VERSIONED_PACKAGES = ("cleaner", "trafilatura", "lxml", "pyarrow", "fsspec")  # what decides the output


@dataclass
class Stats:
    """Counters that add up across batches (and across a resumed run)."""

    records: int = 0
    cleaned: int = 0
    failed: int = 0
    skipped: int = 0
    bytes_in: int = 0
    removed: dict[str, int] = field(default_factory=dict)  # bytes by category
    removed_by_rule: dict[str, int] = field(default_factory=dict)  # bytes by rule name
    learned_held_back: int = 0  # pages whose learned outlet rules would have emptied them

    def count_removed(self, category: str, rule: str, size: int) -> None:
        """One removed span of ``size`` UTF-8 bytes."""
        self.removed[category] = self.removed.get(category, 0) + size
        self.removed_by_rule[rule] = self.removed_by_rule.get(rule, 0) + size

    def add(self, other: Stats) -> None:
        self.records += other.records
        self.cleaned += other.cleaned
        self.failed += other.failed
        self.skipped += other.skipped
        self.bytes_in += other.bytes_in
        self.learned_held_back += other.learned_held_back
        for key, value in other.removed.items():
            self.removed[key] = self.removed.get(key, 0) + value
        for key, value in other.removed_by_rule.items():
            self.removed_by_rule[key] = self.removed_by_rule.get(key, 0) + value

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "cleaned": self.cleaned,
            "failed": self.failed,
            "skipped": self.skipped,
            "bytes_in": self.bytes_in,
            "removed": dict(self.removed),
            "removed_by_rule": dict(self.removed_by_rule),
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
            # a state saved before rules were counted has none
            {str(k): int(v) for k, v in dict(data.get("removed_by_rule", {})).items()},
            int(data.get("learned_held_back", 0)),
        )


def rates(stats: Stats, seconds: float) -> tuple[float, float]:
    """Records per second and megabytes (10^6 bytes) in per second."""
    if seconds <= 0:
        return 0.0, 0.0
    return stats.records / seconds, stats.bytes_in / 1e6 / seconds


def format_summary(stats: Stats, seconds: float, errors_to: str | None) -> list[str]:
    """The end-of-run lines for stderr."""
    rate, mb_rate = rates(stats, seconds)
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


def stats_document(
    stats: Stats, seconds: float, errors_to: str | None, options: dict[str, Any]
) -> dict[str, Any]:
    """The ``--stats`` JSON: the summary's numbers, by category and by rule, with the
    options and versions that produced them (schema: docs/stats.schema.json)."""
    rate, mb_rate = rates(stats, seconds)
    return {
        "schema": STATS_SCHEMA,
        "records": {
            "in": stats.records,
            "cleaned": stats.cleaned,
            "failed": stats.failed,
            "skipped": stats.skipped,
            # only --learn-outlets holds pages back: the key is there when it did
            **({"learned_held_back": stats.learned_held_back} if stats.learned_held_back else {}),
        },
        "bytes": {
            "in": stats.bytes_in,
            "removed": sum(stats.removed.values()),
            "removed_by_category": dict(sorted(stats.removed.items())),
            "removed_by_rule": dict(sorted(stats.removed_by_rule.items())),
        },
        "seconds": round(seconds, 3),
        "throughput": {"records_per_second": round(rate, 3), "megabytes_per_second": round(mb_rate, 3)},
        "errors_file": errors_to if stats.failed else None,
        "options": options,
        "versions": versions(),
    }


def versions() -> dict[str, str]:
    """Python's and each installed package's version (absent packages left out)."""
    import importlib.metadata  # here: only --stats needs it, and it costs a start ~30 ms CPU
    import platform

    found = {"python": platform.python_version()}
    for name in VERSIONED_PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return found
