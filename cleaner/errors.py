"""Errors the package raises on purpose, each with a one-line message."""

from __future__ import annotations


class CleanerError(Exception):
    """Base class: the message is meant for the user as it is."""


class RuleFileError(CleanerError):
    """A rule file is malformed; the message names the file, line and key."""

    def __init__(self, path: str, line: int | None, key: str | None, message: str) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.detail = message
        where = path if line is None else f"{path}:{line}"
        what = f" [{key}]" if key else ""
        super().__init__(f"{where}:{what} {message}")


class InputError(CleanerError):
    """A document cannot be cleaned (not text, empty, too large, ...)."""
