"""A missing optional extra is one line naming the pip command, never a traceback.

The extra is made missing by a folder first on PYTHONPATH whose package raises
ImportError on import, as an uninstalled package would.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

EXIT_USAGE = 2
WARCINFO = b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"


def hide_packages(folder: Path, *names: str) -> str:
    """A PYTHONPATH on which ``names`` cannot be imported, then the checkout."""
    for name in names:
        package = folder / name
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(f'raise ImportError("No module named {name!r}")\n')
    return os.pathsep.join([str(folder), str(ROOT)])


def run_python(args: list[str], pythonpath: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=pythonpath)
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def test_warc_input_needs_no_extra(tmp_path: Path) -> None:
    """WARC is framed by cleaner itself (so damage is never silent): with fastwarc
    unimportable a WARC dump is still read."""
    dump = tmp_path / "x.warc.gz"
    dump.write_bytes(gzip.compress(WARCINFO))
    out = tmp_path / "w.jsonl"
    path = hide_packages(tmp_path / "hidden", "fastwarc")
    done = run_python(["-m", "cleaner", "clean", str(dump), "-o", str(out)], path, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 records in: 0 cleaned, 0 failed, 1 skipped" in done.stderr


def test_import_scrapy_adapter_without_scrapy_names_the_extra(tmp_path: Path) -> None:
    path = hide_packages(tmp_path / "hidden", "scrapy", "itemadapter")
    probe = (
        "from cleaner.errors import CleanerError\n"
        "try:\n"
        "    import cleaner.scrapy\n"
        "except ImportError as exc:\n"
        "    print(isinstance(exc, CleanerError), exc)\n"
    )
    done = run_python(["-c", probe], path, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("True "), done.stdout
    assert 'pip install "cleaner[scrapy]"' in done.stdout
