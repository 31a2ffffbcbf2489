"""Instructions the text path spends a page, counted by callgrind: speed figures a busy host cannot blur.

Seconds on a shared machine move by a fifth from one run to the next; the instructions a
workload executes move by a few parts in a thousand. This runs the workload under
valgrind's callgrind with counting switched on only around the cleaning loop (after a
warm-up pass, so lazy compiles and tables are not counted) and prints the instructions
a page, for this checkout and, with --against, another one. Instructions are not time
(a cache miss costs more than an add), so throughput.py stays the measure of speed; this
one says whether a change did less work, and where (``--top``: the C functions that
executed most, Python's interpreter among them, from ``callgrind_annotate``).

Workloads are throughput.py's: the dev pages' extracted text or raw dumps (``--source``),
batched as the dump runner batches them or cleaned page by page (``--mode``), the first
``--pages`` of them. Needs valgrind (``apt install valgrind``); runs ~15 s a checkout.

    python bench/instructions.py --against ../main
    python bench/instructions.py --source noisy_text --mode pages --top 25
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("extracted_text", "noisy_text")
MODES = ("batched", "pages")
CHILD_FLAG = "CLEANER_INSTRUCTIONS_CHILD"  # set in the process valgrind runs: do the workload
TOTALS = re.compile(r"^(?:summary|totals): (\d+)")


def run_workload(source: str, mode: str, pages: int) -> None:
    """The counted process: warm up, then clean with callgrind's counting switched on."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from throughput import eval_documents, runner_batches

    from cleaner import Cleaner

    docs = eval_documents(source)[:pages]
    cleaner = Cleaner()
    batches = [[{"text": text, "url": url} for text, url in batch] for batch in runner_batches(docs)]
    for batch in batches:  # warm-up: what a long run pays once (lazy compiles, tries, tables)
        cleaner._clean_batch(batch)
    for text, url in docs:
        cleaner.clean(text, url=url)
    _count(True)
    if mode == "batched":
        for batch in batches:
            cleaner._clean_batch(batch)
    else:
        for text, url in docs:
            cleaner.clean(text, url=url)
    _count(False)


def _count(on: bool) -> None:
    """Switch callgrind's counting for this process (callgrind_control talks to it)."""
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], capture_output=True)


def count(checkout: Path, source: str, mode: str, pages: int, top: int) -> tuple[int, str]:
    """Instructions of the workload run on ``checkout``, and the top functions' report."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        env = dict(os.environ, PYTHONPATH=str(checkout), OPENBLAS_NUM_THREADS="1")
        env[CHILD_FLAG] = "1"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={out}",
            os.path.realpath(sys.executable),
            str(Path(__file__).resolve()),
            "--source",
            source,
            "--mode",
            mode,
            "--pages",
            str(pages),
        ]
        done = subprocess.run(command, env=env, cwd=checkout, capture_output=True, text=True)
        if done.returncode != 0 or not out.exists():
            sys.exit(f"instructions: the workload failed on {checkout}:\n{done.stderr[-2000:]}")
        total = 0
        for line in out.read_text().splitlines():
            found = TOTALS.match(line)
            if found:
                total = int(found.group(1))
        report = ""
        if top:
            annotated = subprocess.run(
                ["callgrind_annotate", str(out)], capture_output=True, text=True
            ).stdout
            rows = [row for row in annotated.splitlines() if re.match(r"^\s*[\d,]+ \(", row)]
            report = "\n".join(row[:160] for row in rows[1 : top + 1])  # the first row is the total
        return total, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--against", type=Path, help="another checkout to count the same workload on")
    parser.add_argument("--source", choices=SOURCES, default="extracted_text")
    parser.add_argument("--mode", choices=MODES, default="batched")
    parser.add_argument("--pages", type=int, default=300, help="the first N dev pages (default 300)")
    parser.add_argument("--top", type=int, default=0, help="also list the N costliest C functions")
    args = parser.parse_args(argv)
    if os.environ.get(CHILD_FLAG):
        run_workload(args.source, args.mode, args.pages)
        return 0
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        sys.exit("instructions: needs valgrind's callgrind (e.g. apt install valgrind)")
    if args.pages < 1:
        sys.exit("instructions: --pages must be at least 1")
    checkouts = {"this": ROOT}
    if args.against is not None:
        if not (args.against / "cleaner").is_dir():
            sys.exit(f"instructions: {args.against} holds no cleaner package")
        checkouts["against"] = args.against.resolve()
    print(f"{args.source}, {args.mode}, first {args.pages} dev pages; instructions counted by callgrind")
    print("| checkout | M instructions | K a page |")
    print("|---|---|---|")
    totals: dict[str, int] = {}
    reports: dict[str, str] = {}
    for name, checkout in checkouts.items():
        totals[name], reports[name] = count(checkout, args.source, args.mode, args.pages, args.top)
        print(f"| {name} ({checkout}) | {totals[name] / 1e6:.1f} | {totals[name] / args.pages / 1e3:.0f} |")
    if "against" in totals and totals["this"]:
        print(f"\nthis does {totals['against'] / totals['this']:.2f}x less work than against")
    for name, report in reports.items():
        if report:
            print(f"\n{name}: the costliest functions (self instructions)\n{report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
