"""README command 1 works on a fresh machine, in a real terminal: a clean venv with
plain ``pip install .`` (no extras, nothing from this machine's site packages),
then the clean of the shipped example in a pty, where the progress bar shows.

It catches the class of fault where the package imports something it does not
declare (tqdm once crashed command 1 this way while the tests, with every extra
installed, passed).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT

pytestmark = pytest.mark.slow

COPY_IGNORED = shutil.ignore_patterns(
    ".git", "build", "*.egg-info", "__pycache__", ".mypy_cache", ".ruff_cache"
)
INSTALL_TIMEOUT = 900  # seconds: a cold pip cache downloads trafilatura, lxml and friends


def readme_commands() -> tuple[str, str]:
    """The two commands of the README's first code block: install-and-run, and the tests."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert block, "README.md has no sh code block"
    lines = [line.strip() for line in block.group(1).splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    assert len(commands) >= 2, commands
    return commands[0], commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    _, tests = readme_commands()
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = tests.split("&&")[-1].strip()
    assert test_command in run.splitlines(), f"{test_command!r} is not a line of .ci/run"


@pytest.mark.skipif(shutil.which("script") is None, reason="needs script(1) from util-linux for a pty")
def test_command_one_in_a_fresh_venv_and_a_terminal(tmp_path: Path) -> None:
    install, _ = readme_commands()
    assert install.startswith("pip install . && "), install
    run = install.split("&&", 1)[1].strip()
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT, checkout, ignore=COPY_IGNORED)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    installed = subprocess.run(
        ["pip", "install", "--quiet", "."],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
    )
    assert installed.returncode == 0, installed.stderr[-3000:]
    done = subprocess.run(
        ["script", "-qec", run, "/dev/null"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert "Traceback" not in output
    example = run.split()[-1]
    gold = (checkout / example).with_suffix(".body.txt").read_text(encoding="utf-8")
    assert gold.splitlines()[0].strip() in output  # the article is printed ...
    assert "Remind me later" not in output  # ... and the appeal is not
