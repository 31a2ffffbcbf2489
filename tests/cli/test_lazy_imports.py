"""`cleaner clean` imports what a run needs: no process pool for -j 1 (and a dead worker of
a -j 2 run is still one line), no package metadata without --stats (the resume fingerprint
takes the code's own version); BLAS on one thread (its idle threads cost every start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.engine import Cleaner
from cleaner.io import pipeline, work
from tests.paths import ROOT

EXIT_WORKER_DIED = 3
# the process pool (-j 2+), PyYAML (files not prebuilt), importlib.metadata (--stats)
NOT_FOR_A_PLAIN_RUN = ("multiprocessing", "concurrent.futures.process", "yaml", "importlib.metadata")


def die(batch: Any) -> Any:
    """A batch function whose worker dies at once (pickled by name into the pool)."""
    os._exit(EXIT_WORKER_DIED)


def test_a_dead_worker_is_one_line_that_names_resume(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "dump.jsonl"
    source.write_text(
        "".join(json.dumps({"text": f"Line {n} of a story.\n"}) + "\n" for n in range(4)), encoding="utf-8"
    )
    monkeypatch.setattr(pipeline, "process_batch", die)
    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(tmp_path / "out.jsonl"), "-j", "2"])
    assert result.exit_code == 1
    assert "cleaner: error: a worker process died" in result.output and "--resume" in result.output
    assert "Traceback" not in result.output


def test_a_one_process_run_never_imports_the_process_pool(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    source.write_text("The council approved the budget on Tuesday.\n", encoding="utf-8")
    code = (
        "import sys\nfrom cleaner.cli import main\n"
        f"try:\n    main(['clean', {str(source)!r}, '-o', {str(tmp_path / 'out.txt')!r}, '-q'])\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print(sorted(m for m in {NOT_FOR_A_PLAIN_RUN!r} if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_resume_fingerprint_covers_the_version_the_command_gives(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    source.write_text("The council approved the budget on Tuesday.\n", encoding="utf-8")
    plan = pipeline.make_plan(pipeline.RunOptions((str(source),), str(tmp_path / "out.txt")))
    assert pipeline.run_fingerprint(plan, None, "1.0") != pipeline.run_fingerprint(plan, None, "1.1")


def test_a_runs_cleaner_has_its_heuristics_before_workers_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(work, "_state", None)
    cleaner = Cleaner(use_env=False)
    assert cleaner._heuristics.built is None  # a Cleaner alone loads them on first clean
    work.init_worker(work.WorkConfig(), cleaner)
    assert cleaner._heuristics.built is not None  # built in the parent: forked workers share it


def blas_threads_seen(env_value: str | None) -> str:
    """OPENBLAS_NUM_THREADS and the BLAS threads numpy then runs, after the command loads."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if env_value is not None:
        env["OPENBLAS_NUM_THREADS"] = env_value
    env["PYTHONPATH"] = str(ROOT)
    code = (
        "import os\nimport cleaner.cli\nimport numpy\nfrom threadpoolctl import threadpool_info\n"
        "blas = [p['num_threads'] for p in threadpool_info() if p['internal_api'] == 'openblas']\n"
        "print(os.environ['OPENBLAS_NUM_THREADS'], blas)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    return done.stdout.strip()


def test_the_command_runs_blas_on_one_thread_unless_told_otherwise() -> None:
    pytest.importorskip("threadpoolctl")
    seen, threads = blas_threads_seen(None).split(" ", 1)
    assert seen == "1" and threads in ("[1]", "[]")
    assert blas_threads_seen("2").startswith("2 ")
