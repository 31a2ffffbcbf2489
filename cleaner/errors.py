"""Errors the package raises on purpose, each with a one-line message."""

from __future__ import annotations

import importlib


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


class MissingExtraError(CleanerError, ImportError):
    """An optional extra is not installed. Also an ImportError, so code that guards an
    optional import keeps working; the message is the pip line that fixes it."""

    def __init__(self, extra: str, purpose: str) -> None:
        self.extra = extra
        super().__init__(f'{purpose} needs the {extra} extra: pip install "cleaner[{extra}]"')


def require_extra(module: str, extra: str, purpose: str) -> None:
    """Import ``module`` now, or raise MissingExtraError before any output is written."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(extra, purpose) from None
