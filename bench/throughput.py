"""Throughput of clean() on text, and what starting costs; one core, all shipped rules loaded.

Workloads (each document cleaned in turn, best of --repeats passes):
- dev raw dumps        ../shared/eval/dev noisy_text (seb-dev, traf): a page's whole text
- dev extracted        ../shared/eval/dev extracted_text: trafilatura's output for the same pages
- each also rules only (heuristics off), and a plain per-page ``splitlines()`` as the floor
- each also batched: the documents cleaned together in batches cut as the dump runner cuts
  them (``Cleaner._clean_batch``, what ``cleaner clean`` on a JSONL dump runs; a checkout
  without it cleans them one by one, so the speed-up column is against page by page)
- corpus               corpus/ text cases, repeated to --megabytes
- trafilatura          trafilatura.extract on the html of the first --trafilatura-pages dev
                       pages: what producing the extracted text costs, for scale
Start: the CPU of ``Cleaner()`` in a fresh process, and of a whole ``python -m cleaner
clean`` of a one-line text file (beside ``python -c pass``, the interpreter's own start, and
``import numpy``, which the first clean needs), with compiled bytecode kept as an installed
package keeps it (in a temporary folder, also where PYTHONDONTWRITEBYTECODE is set), and
the figures scaled to a quiet laptop by the calibration loop. ``--start-only``: just these.

With --against CHECKOUT (e.g. ../main) every workload also runs on that checkout, in a
second worker process, the two taking turns workload by workload in the same run, so a
busy machine slows both alike; the table gives both and their ratio.

    python bench/throughput.py --against ../main
    python bench/throughput.py --megabytes 10 --repeats 1
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
EVAL_SETS = ("seb-dev", "traf")
TINY_TEXT = "The council approved the budget on Tuesday.\n"
CALIBRATION_LOOP = 10**6  # sum(range(...)): how fast this machine runs Python right now
QUIET_CALIBRATION_SECONDS = 0.015  # the calibration loop's CPU on a quiet laptop

Docs = list[tuple[str, str | None]]


def corpus_documents() -> Docs:
    """(text, url) for every text case in corpus/."""
    import yaml

    docs = []
    for path in sorted((ROOT / "corpus").rglob("*.txt")):
        if path.name.endswith(".body.txt"):
            continue
        meta_path = path.with_name(path.stem + ".meta.yaml")
        url = None
        if meta_path.exists():
            url = (yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}).get("url")
        docs.append((path.read_text(encoding="utf-8"), url))
    return docs


def eval_documents(field: str) -> Docs:
    docs: Docs = []
    for name in EVAL_SETS:
        with gzip.open(EVAL_DIR / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                url = row.get("url") if row.get("url") not in (None, "None") else None
                if (row.get(field) or "").strip():
                    docs.append((row[field], url))
    return docs


def repeat_to(docs: Docs, megabytes: float) -> Docs:
    target = megabytes * 1_000_000
    out: Docs = []
    size = 0
    while size < target and docs:
        for doc in docs:
            out.append(doc)
            size += len(doc[0].encode("utf-8"))
            if size >= target:
                break
    return out


def runner_batches(docs: Docs) -> list[Docs]:
    """The documents cut into batches as the dump runner cuts its records (``io/runner.py``:
    BATCH_RECORDS records or BATCH_BYTES bytes, whichever comes first)."""
    try:
        from cleaner.io.runner import BATCH_BYTES, BATCH_RECORDS
    except ImportError:
        BATCH_RECORDS, BATCH_BYTES = 256, 4 << 20  # noqa: N806 (the runner's figures)
    out: list[Docs] = [[]]
    size = 0
    for doc in docs:
        out[-1].append(doc)
        size += len(doc[0].encode("utf-8"))
        if len(out[-1]) >= BATCH_RECORDS or size >= BATCH_BYTES:
            out.append([])
            size = 0
    return [batch for batch in out if batch]


class Worker:
    """Runs workloads in this process on whatever ``cleaner`` PYTHONPATH gives it."""

    def __init__(self, megabytes: float) -> None:
        from cleaner import Cleaner

        self.megabytes = megabytes
        self.cleaners = {"default": Cleaner(), "rules only": Cleaner(heuristics=False)}
        self.docs: dict[str, Docs] = {}

    def documents(self, source: str) -> Docs:
        if source not in self.docs:
            if source == "corpus":
                self.docs[source] = repeat_to(corpus_documents(), self.megabytes)
            else:
                self.docs[source] = eval_documents(source)
        return self.docs[source]

    def run(self, source: str, mode: str) -> dict[str, float]:
        docs = self.documents(source)
        size = sum(len(text.encode("utf-8")) for text, _ in docs) / 1e6
        started, cpu = time.perf_counter(), time.process_time()
        if mode == "splitlines":
            for text, _ in docs:
                text.splitlines()
        elif mode == "batched":
            cleaner = self.cleaners["default"]
            clean_batch = getattr(cleaner, "_clean_batch", None)  # a checkout without it: one by one
            for batch in runner_batches(docs):
                if clean_batch is not None:
                    clean_batch([{"text": text, "url": url} for text, url in batch])
                else:
                    for text, url in batch:
                        cleaner.clean(text, url=url)
        else:
            clean = self.cleaners[mode].clean
            for text, url in docs:
                clean(text, url=url)
        return {
            "docs": len(docs),
            "mb": size,
            "seconds": time.perf_counter() - started,
            "cpu": time.process_time() - cpu,
        }


def text_path() -> str:
    """Which text path the imported checkout runs: "native" (the compiled accelerator,
    cleaner.native) or "pure" (Python: CLEANER_PURE=1, not built, or a checkout without it)."""
    try:
        from cleaner.native import path_name
    except ImportError:
        return "pure"
    return path_name()


def worker_main(megabytes: float) -> int:
    """Answer one JSON command a line on stdin with one JSON result a line on stdout."""
    import cleaner

    worker = Worker(megabytes)
    print(json.dumps({"ready": f"{cleaner.__file__} ({text_path()} text path)"}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        print(json.dumps(worker.run(command["source"], command["mode"])), flush=True)
    return 0


class Side:
    """A worker process on one checkout."""

    def __init__(self, checkout: Path, megabytes: float) -> None:
        env = {**os.environ, "PYTHONPATH": str(checkout)}
        command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--megabytes", str(megabytes)]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )
        self.source = str(self.ask(None)["ready"])  # the cleaner this worker imported

    def ask(self, command: dict[str, str] | None) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        if command is not None:
            self.process.stdin.write(json.dumps(command) + "\n")
            self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise SystemExit("a worker died; its error is above")
        return json.loads(answer)  # type: ignore[no-any-return]

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def child_cpu(command: list[str], env: dict[str, str], cwd: str) -> float:
    """CPU seconds (user + system) a command takes, measured from this process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# import cleaner, Cleaner(), then its first clean of one line (where a Cleaner that loads its
# heuristics lazily pays for them): the CPU of each step
START_CODE = (
    "import time; t = time.process_time(); from cleaner import Cleaner; i = time.process_time(); "
    f"c = Cleaner(); b = time.process_time(); c.clean({TINY_TEXT!r}); "
    "print(i - t, b - i, time.process_time() - b)"
)


def start_env(checkout: Path, pycache: str) -> dict[str, str]:
    """The environment a start is measured in: ``checkout`` first on the path, and compiled
    bytecode kept (in ``pycache``, not in the checkout) as an installed package keeps it,
    also where PYTHONDONTWRITEBYTECODE is set: else every start compiles every module."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(checkout), "PYTHONPYCACHEPREFIX": pycache}


def start_costs(checkouts: dict[str, Path], repeats: int) -> dict[str, dict[str, float]]:
    """Best-of CPU figures of starting, per checkout: import, Cleaner(), a tiny-file CLI run,
    and numpy's import (the heuristics need it: a floor under the first clean). The
    checkouts take turns run by run, so a busy machine slows both alike."""
    best: dict[str, dict[str, float]] = {name: {} for name in checkouts}
    with tempfile.TemporaryDirectory() as folder:
        tiny = Path(folder) / "tiny.txt"
        tiny.write_text(TINY_TEXT, encoding="utf-8")
        envs = {
            name: start_env(path, str(Path(folder) / f"pycache-{name}")) for name, path in checkouts.items()
        }
        for name in checkouts:  # one unmeasured run of each writes the bytecode the measured ones read
            _start_run(envs[name], folder, tiny)
        for _ in range(repeats):
            for name in checkouts:
                for key, seconds in _start_run(envs[name], folder, tiny).items():
                    best[name][key] = min(seconds, best[name].get(key, seconds))
    return best


def _start_run(env: dict[str, str], folder: str, tiny: Path) -> dict[str, float]:
    # run from an empty folder: "-c" and "-m" put the working folder first on sys.path
    done = subprocess.run(
        [sys.executable, "-c", START_CODE], env=env, check=True, capture_output=True, text=True, cwd=folder
    )
    imported, built, first = map(float, done.stdout.split())
    command = [sys.executable, "-m", "cleaner", "clean", str(tiny), "-o", str(Path(folder) / "out.txt")]
    return {
        "import": imported,
        "Cleaner()": built,
        "first clean": first,
        "Cleaner() + first clean": built + first,
        "cli": child_cpu(command, env, folder),
        # numpy as the command loads it (cleaner/cli sets one BLAS thread)
        "numpy": child_cpu(
            [sys.executable, "-c", "import numpy"], {**env, "OPENBLAS_NUM_THREADS": "1"}, folder
        ),
    }


def trafilatura_rate(pages: int) -> dict[str, float] | None:
    """trafilatura.extract on the html of the first dev pages: pages/s and MB of html/s."""
    try:
        import trafilatura
    except ImportError:
        return None
    htmls = []
    for name in EVAL_SETS:
        with gzip.open(EVAL_DIR / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                htmls.append(json.loads(line)["html"])
                if len(htmls) >= pages:
                    break
        if len(htmls) >= pages:
            break
    started, cpu = time.perf_counter(), time.process_time()
    for html in htmls:
        trafilatura.extract(html)
    return {
        "docs": len(htmls),
        "mb": sum(len(h.encode("utf-8")) for h in htmls) / 1e6,
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
    }


WORKLOADS = (
    ("noisy_text", "default", "dev raw dumps, default"),
    ("noisy_text", "rules only", "dev raw dumps, rules only"),
    ("noisy_text", "batched", "dev raw dumps, default, batched as the dump runner batches"),
    ("noisy_text", "splitlines", "dev raw dumps, splitlines() only"),
    ("extracted_text", "default", "dev extracted, default"),
    ("extracted_text", "batched", "dev extracted, default, batched as the dump runner batches"),
    ("extracted_text", "rules only", "dev extracted, rules only"),
    ("extracted_text", "splitlines", "dev extracted, splitlines() only"),
    ("corpus", "default", "corpus text cases, default"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--against", type=Path, help="another checkout to measure in the same run")
    parser.add_argument("--megabytes", type=float, default=10.0, help="corpus text for the corpus workload")
    parser.add_argument("--repeats", type=int, default=3, help="passes per workload; the best counts")
    parser.add_argument("--trafilatura-pages", type=int, default=100, help="0 leaves trafilatura out")
    parser.add_argument("--start-only", action="store_true", help="only the start table")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker_main(args.megabytes)

    checkouts = {"this": ROOT}
    if args.against is not None:
        checkouts["against"] = args.against.resolve()
    workloads = [w for w in WORKLOADS if w[0] == "corpus" or EVAL_DIR.is_dir()]
    if args.start_only:
        workloads = []
    sides = {name: Side(path, args.megabytes) for name, path in checkouts.items() if workloads}
    best: dict[tuple[str, str], dict[str, Any]] = {}
    try:
        for source, mode, label in workloads:
            for _ in range(args.repeats):
                for name, side in sides.items():
                    result = side.ask({"source": source, "mode": mode})
                    if (label, name) not in best or result["cpu"] < best[label, name]["cpu"]:
                        best[label, name] = result
    finally:
        for side in sides.values():
            side.close()
    imported = {name: side.source for name, side in sides.items()}
    wanted = args.trafilatura_pages and EVAL_DIR.is_dir() and not args.start_only
    traf = trafilatura_rate(args.trafilatura_pages) if wanted else None
    starts = start_costs(checkouts, args.repeats)
    floor = min(child_cpu([sys.executable, "-c", "pass"], dict(os.environ), "/") for _ in range(args.repeats))
    calibration = time.process_time()
    sum(range(CALIBRATION_LOOP))
    calibration = time.process_time() - calibration

    print(
        f"one process, one core; best of {args.repeats}; this = {ROOT}"
        + (f", against = {args.against}" if args.against else "")
    )
    if imported:
        print("cleaner imported by the workers: " + ", ".join(f"{k} = {v}" for k, v in imported.items()))
    print(
        f"machine speed now: sum(range(10**6)) takes {calibration * 1000:.0f} ms CPU "
        f"(a quiet laptop: ~{QUIET_CALIBRATION_SECONDS * 1000:.0f} ms)"
    )
    against = "against" in checkouts
    head = "| workload | docs | MB | this MB/s (CPU) | this MB/s (wall) |"
    head += " against MB/s (CPU) | speed-up |" if against else ""
    if workloads:
        print(head)
        print("|---" * (7 if against else 5) + "|")
    for _, _, label in workloads:
        mine = best[label, "this"]
        row = f"| {label} | {mine['docs']:,} | {mine['mb']:.1f} | {mine['mb'] / mine['cpu']:.1f} | {mine['mb'] / mine['seconds']:.1f} |"
        if against:
            theirs = best[label, "against"]
            row += f" {theirs['mb'] / theirs['cpu']:.1f} | {theirs['cpu'] / mine['cpu']:.2f}x |"
        print(row)
    if traf is not None:
        print(
            f"| trafilatura.extract on the html of {traf['docs']} dev pages | {traf['docs']} | {traf['mb']:.1f} (html) |"
            f" {traf['docs'] / traf['cpu']:.0f} pages/s | {traf['docs'] / traf['seconds']:.0f} pages/s |"
            + (" | |" if against else "")
        )
    print()
    # a quiet laptop runs the calibration loop in ~15 ms: figures scaled to it, for scale
    scale = QUIET_CALIBRATION_SECONDS / calibration
    print(
        "| start (CPU seconds, best of runs; bytecode cached) | this |"
        + (" against | speed-up |" if against else "")
        + " this, scaled to a quiet laptop |"
    )
    print("|---|---|" + ("---|---|" if against else "") + "---|")
    print(
        f"| python -c pass (the interpreter alone) | {floor:.3f} |"
        + (f" {floor:.3f} | |" if against else "")
        + f" {floor * scale:.3f} |"
    )
    for key, label in (
        ("import", "import cleaner"),
        ("Cleaner()", "Cleaner() with all shipped rules"),
        ("first clean", "its first clean() of one line (numpy, lexicons, models where loaded lazily)"),
        ("Cleaner() + first clean", "Cleaner() and its first clean() together"),
        ("cli", "python -m cleaner clean tiny.txt -o out.txt (whole process)"),
        ("numpy", "python -c 'import numpy', one BLAS thread (whole process; the heuristics need it)"),
    ):
        this_cpu = starts["this"][key]
        row = f"| {label} | {this_cpu:.3f} |"
        if against:
            other_cpu = starts["against"][key]
            row += (
                f" {other_cpu:.3f} | {other_cpu / this_cpu:.2f}x |"
                if this_cpu > 0
                else f" {other_cpu:.3f} | |"
            )
        print(row + f" {this_cpu * scale:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
