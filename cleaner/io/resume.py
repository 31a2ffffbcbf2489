"""Resume state: how far a run got, so a killed run can finish without duplicates.

After every batch the writer flushes the output and errors files and then
replaces the state file atomically, so the state never claims more than is
on disk. A resumed run cuts both files back to the recorded sizes (dropping
a half-written batch), skips the batches already done and appends the rest.
Compressed output stays valid because every batch is a whole gzip member
or zstd frame.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.errors import CleanerError
from cleaner.io.stats import Stats
from cleaner.outlets.rules import builtin_rules_dir, rule_files

LEXICON_DIR_NAME = "lexicons"  # the heuristics' phrase data, beside the shipped rules

STATE_SUFFIX = ".resume.json"
STATE_VERSION = 1


class ResumeError(CleanerError):
    """The state file does not belong to this command."""


@dataclass
class ResumeState:
    fingerprint: str
    batches: int = 0
    output_bytes: int = 0
    errors_bytes: int = 0
    stats: Stats = field(default_factory=Stats)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "fingerprint": self.fingerprint,
            "batches": self.batches,
            "output_bytes": self.output_bytes,
            "errors_bytes": self.errors_bytes,
            "stats": self.stats.to_dict(),
        }


def state_path(output: str) -> str:
    return output + STATE_SUFFIX


def fingerprint(parts: object) -> str:
    """A digest of what decides the output: the inputs (paths, sizes, mtimes), the options,
    the rule files' contents and the package version (the caller gathers them)."""
    blob = json.dumps(parts, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def rules_digest(folders: Iterable[Path]) -> list[list[str]]:
    """Every rule file the run reads and the SHA-256 of its bytes, the shipped lexicons
    included: a rule edited between a killed run and its resume changes the output."""
    files = rule_files(folders) + sorted((builtin_rules_dir() / LEXICON_DIR_NAME).glob("*.yaml"))
    return [[str(path.resolve()), hashlib.sha256(path.read_bytes()).hexdigest()] for path in files]


def package_version() -> str:
    """The installed version of cleaner ("unknown" when run from a bare checkout)."""
    import importlib.metadata  # here, not at the top: ~30 ms CPU every CLI start paid for it

    try:
        return importlib.metadata.version("cleaner")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def load_state(path: str, expected: str) -> ResumeState | None:
    """The saved state, None when there is none; an error when it is for another run."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ResumeError(f"{path}: unreadable resume state ({exc}); delete it to start over") from None
    try:
        if data.get("version") != STATE_VERSION:
            raise KeyError("version")
        state = ResumeState(
            str(data["fingerprint"]),
            int(data["batches"]),
            int(data["output_bytes"]),
            int(data["errors_bytes"]),
            Stats.from_dict(data["stats"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ResumeError(f"{path}: malformed resume state; delete it to start over") from None
    if state.fingerprint != expected:
        raise ResumeError(
            f"{path}: saved by a run with other inputs, options, rules or cleaner version "
            "(or the input changed); "
            "rerun the same command, or delete it to start over"
        )
    return state


def save_state(path: str, state: ResumeState) -> None:
    """Write atomically: a kill leaves either the old or the new state, never half."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(state.to_dict(), handle)
    os.replace(tmp, path)


def remove_state(path: str) -> None:
    for name in (path, path + ".tmp"):
        try:
            os.remove(name)
        except FileNotFoundError:
            pass
