"""The project's own checks: ruff (lint, import order, formatting) and mypy (types) stay clean
over the package, the tests and the benches."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT

CHECKED = ("cleaner", "tests", "bench")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_ruff_is_clean() -> None:
    done = _run("ruff", "check", *CHECKED)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_clean() -> None:
    done = _run("ruff", "format", "--check", *CHECKED)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean() -> None:
    done = _run("mypy", *CHECKED)
    assert done.returncode == 0, done.stdout + done.stderr
