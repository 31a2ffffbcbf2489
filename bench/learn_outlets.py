"""`cleaner clean --learn-outlets` on made-up multi-outlet dumps: quality, time, memory.

The dump (tests/learn/outlet_dump.py): 36 made-up outlets in six languages, 5 to 60
pages each, varied bodies, each outlet's own boilerplate (appeal box, newsletter
box, "read more" lead-in before a changing headline, tag line, date line, teaser
list with changing titles, footer), each box on a share of the pages; a quoted
sentence and a series paragraph recur in the bodies. Every line is tagged, so:

- boilerplate lines removed on outlets with >= 20 pages (learned run, and plain);
- body lines lost, plain and learned (the learned run may lose 0.2 pp more at most;
  headlines are titles, counted in neither);
- records of outlets below the threshold identical to the plain run;
- time of both runs, one process (-j 1), side by side: wall and CPU (user + system
  of the command), the best of ``--repeat`` runs each (a shared machine is noisy,
  and CPU time is what the learning costs); the learned run includes both passes;
- the learning pass's own CPU seconds (pass one alone, in a child process).

    python bench/learn_outlets.py                 # the figures above, seed 1
    python bench/learn_outlets.py --seeds 1 2 3 4 5 6 --repeat 3
    python bench/learn_outlets.py --seeds 1 2 --against ../main   # another checkout beside this one
    python bench/learn_outlets.py --rss           # learning pass peak RSS on 0.1 and 1 GB dumps

``--against DIR`` runs the same dumps with the code of another checkout (its own
``cleaner`` package) in the same run, so the time figures compare on equal terms.

``--rss`` generates (once, into bench/out/) dumps of 0.1 GB and 1 GB of 200
outlets (pages per outlet grow with the size) and runs the learning pass alone
(the same functions the command calls) in a child process, sampling its
resident memory; the cleaning pass's memory is bench/scale.py's figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.learn.outlet_dump import (  # noqa: E402
    BODY,
    BOILER,
    Outlet,
    Page,
    dump_records,
    make_outlets,
    make_pages,
)

OUT = ROOT / "bench" / "out"
THRESHOLD = 20  # --min-outlet-pages default
SAMPLE_SECONDS = 0.05
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
RSS_SIZES_GB = (0.1, 1.0)
RSS_OUTLETS = 200


@dataclass
class Tally:
    boiler: int = 0
    boiler_removed: int = 0
    body: int = 0
    body_lost: int = 0

    def add(self, page: Page, removed: list[dict[str, Any]]) -> None:
        text = page.text
        spans = sorted((s["start"], s["end"]) for s in removed)
        position = 0
        for line, kind in page.lines:
            start = text.index(line, position)
            end = start + len(line)
            position = end
            gone = any(s <= start and end <= e for s, e in spans)
            if kind == BOILER:
                self.boiler += 1
                self.boiler_removed += gone
            elif kind == BODY:
                self.body += 1
                self.body_lost += gone


@dataclass
class Timing:
    """Best wall and CPU seconds of each run, and the learning pass's own CPU seconds."""

    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    pass_cpu: float = 0.0

    def keep_best(self, name: str, wall: float, cpu: float) -> None:
        self.wall[name] = min(wall, self.wall.get(name, wall))
        self.cpu[name] = min(cpu, self.cpu.get(name, cpu))


@dataclass
class Figures:
    timing: Timing = field(default_factory=Timing)
    big: dict[str, Tally] = field(default_factory=dict)  # outlets with >= THRESHOLD pages
    small_identical: int = 0
    small_records: int = 0


def run_child(args: list[str], tree: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds (user + system) of one child process, and its stdout."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run([sys.executable, *args], capture_output=True, env=env, cwd=tree)
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{args[0]} failed: {done.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, done.stdout.decode()


def write_dump(seed: int, outlets_count: int, folder: Path) -> tuple[list[Page], Path]:
    outlets = make_outlets(outlets_count, seed)
    pages = list(make_pages(outlets, seed + 1000))
    dump = folder / f"dump-{seed}.jsonl"
    with dump.open("w", encoding="utf-8") as handle:
        for record in dump_records(iter(pages)):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return pages, dump


def time_runs(dump: Path, folder: Path, tree: Path, repeat: int) -> Timing:
    """Plain and learned runs of the command, alternating, best of ``repeat`` each; then
    the learning pass alone."""
    timing = Timing()
    for _ in range(repeat):
        for name, extra in (("plain", []), ("learned", ["--learn-outlets"])):
            out = folder / f"{name}.jsonl"
            args = ["-m", "cleaner", "clean", str(dump), "-o", str(out), "--no-progress", "-j", "1", *extra]
            wall, cpu, _ = run_child(args, tree)
            timing.keep_best(name, wall, cpu)
    passes = [
        run_child([str(Path(__file__).resolve()), "--learning-pass", str(dump), "--as-the-command"], tree)[2]
        for _ in range(repeat)
    ]
    timing.pass_cpu = min(float(json.loads(out)["cpu_seconds"]) for out in passes)
    return timing


def measure(seed: int, outlets_count: int, folder: Path, repeat: int) -> Figures:
    pages, dump = write_dump(seed, outlets_count, folder)
    figures = Figures(timing=time_runs(dump, folder, ROOT, repeat))
    outputs = {
        name: [
            json.loads(line) for line in (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        for name in ("plain", "learned")
    }
    for name in outputs:
        figures.big[name] = Tally()
    for index, page in enumerate(pages):
        if page.outlet.pages >= THRESHOLD:
            for name, records in outputs.items():
                figures.big[name].add(page, records[index]["removed"])
        else:
            figures.small_records += 1
            figures.small_identical += outputs["plain"][index] == outputs["learned"][index]
    return figures


def time_line(label: str, timing: Timing) -> str:
    wall, cpu = timing.wall, timing.cpu
    return (
        f"{label}: time plain {wall['plain']:.2f} s, learned (both passes) {wall['learned']:.2f} s: "
        f"{wall['learned'] / wall['plain']:.2f}x wall; CPU plain {cpu['plain']:.2f} s, learned "
        f"{cpu['learned']:.2f} s: {cpu['learned'] / cpu['plain']:.2f}x; learning pass alone "
        f"{timing.pass_cpu:.2f} s CPU"
    )


def report(seed: int, outlets: list[Outlet] | None, figures: Figures) -> list[str]:
    plain, learned = figures.big["plain"], figures.big["learned"]
    lost_plain = 100 * plain.body_lost / max(plain.body, 1)
    lost_learned = 100 * learned.body_lost / max(learned.body, 1)
    return [
        f"seed {seed}: outlets with >= {THRESHOLD} pages: boilerplate lines removed "
        f"{100 * learned.boiler_removed / learned.boiler:.1f}% learned vs "
        f"{100 * plain.boiler_removed / plain.boiler:.1f}% plain ({learned.boiler:,} lines)",
        f"seed {seed}: body lines lost {lost_learned:.2f}% learned vs {lost_plain:.2f}% plain "
        f"({lost_learned - lost_plain:+.2f} pp; {learned.body:,} lines)",
        f"seed {seed}: outlets below {THRESHOLD} pages: {figures.small_identical}/{figures.small_records} "
        "records identical to the plain run",
        time_line(f"seed {seed}", figures.timing),
    ]


# --- peak RSS of the learning pass -------------------------------------------


def big_dump(size_gb: float) -> Path:
    """A dump of ``size_gb`` GB of JSONL: RSS_OUTLETS outlets, pages spread over them."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"learn-outlets-{size_gb:g}gb.jsonl"
    if path.exists():
        return path
    outlets = make_outlets(RSS_OUTLETS, seed=77)  # page counts unused: pages cycle over the outlets
    target = int(size_gb * 1e9)
    tmp = path.with_suffix(".tmp")
    written = 0
    with tmp.open("w", encoding="utf-8") as handle:
        for page in _endless_pages(outlets):
            line = json.dumps({"url": page.url, "text": page.text}, ensure_ascii=False) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
            if written >= target:
                break
    tmp.rename(path)
    return path


def _endless_pages(outlets: list[Outlet]) -> Iterator[Page]:
    import random

    from tests.learn.outlet_dump import make_page

    rng = random.Random(5)
    index = 0
    while True:
        for outlet in outlets:
            yield make_page(rng, outlet, index)
        index += 1


def learning_pass(path: str, as_the_command: bool) -> None:
    """The child: pass one of the command on one file, nothing else; prints its CPU
    seconds. ``as_the_command``: what `cleaner clean` has loaded and built before pass
    one (its Cleaner: rules, lexicons, models) is there before the clock starts; the
    peak RSS child leaves it out."""
    tree = os.environ.get("PYTHONPATH", "").split(os.pathsep)[0]
    if tree and Path(tree).resolve() != ROOT:  # --against: that checkout's cleaner, not ours
        sys.path.remove(str(ROOT))
    import cleaner.io.pipeline  # noqa: F401  - what `cleaner clean` has loaded by then

    if as_the_command:
        from cleaner.engine import Cleaner

        Cleaner()
    from cleaner.io.learning import learn_from_items
    from cleaner.io.readers import iter_items
    from cleaner.io.records import FieldMap
    from cleaner.io.sources import expand_inputs

    source = expand_inputs((path,), "auto", None)[0]
    with tempfile.TemporaryDirectory() as folder:
        started = time.process_time()
        learn_from_items(iter_items(source), FieldMap(), Path(folder), THRESHOLD)
        print(json.dumps({"cpu_seconds": time.process_time() - started}))


def peak_rss(args: list[str]) -> tuple[float, int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.monotonic()
    child = subprocess.Popen([sys.executable, *args], env=env, cwd=ROOT, stderr=subprocess.PIPE)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while child.poll() is None:
            try:
                with open(f"/proc/{child.pid}/statm") as handle:
                    peak = max(peak, int(handle.read().split()[1]) * PAGE_SIZE)
            except OSError:
                return
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = child.communicate()
    sampler.join()
    if child.returncode != 0:
        sys.exit(f"learning pass failed: {err.decode()[-2000:]}")
    sys.stderr.write(err.decode())
    return time.monotonic() - started, peak


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--outlets", type=int, default=36)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command; the best counts")
    parser.add_argument(
        "--against", type=Path, metavar="DIR", help="another checkout to time on the same dumps"
    )
    parser.add_argument("--rss", action="store_true", help="peak RSS of the learning pass, 0.1 and 1 GB")
    parser.add_argument(
        "--sizes", type=float, nargs="+", default=list(RSS_SIZES_GB), help="--rss dump sizes, GB"
    )
    parser.add_argument("--learning-pass", metavar="DUMP", help=argparse.SUPPRESS)
    parser.add_argument("--as-the-command", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.learning_pass:
        learning_pass(args.learning_pass, args.as_the_command)
        return
    if args.rss:
        for size in args.sizes:
            dump = big_dump(size)
            seconds, peak = peak_rss([str(Path(__file__)), "--learning-pass", str(dump)])
            print(
                f"learning pass on {dump.stat().st_size / 1e9:.2f} GB ({RSS_OUTLETS} outlets): "
                f"{seconds:.0f} s, peak RSS {peak / 1e6:.0f} MB"
            )
        return
    with tempfile.TemporaryDirectory() as tmp:
        for seed in args.seeds:
            folder = Path(tmp) / str(seed)
            folder.mkdir()
            for line in report(seed, None, measure(seed, args.outlets, folder, args.repeat)):
                print(line, flush=True)
            if args.against is not None:
                other = time_runs(folder / f"dump-{seed}.jsonl", folder, args.against.resolve(), args.repeat)
                print(time_line(f"seed {seed} ({args.against})", other), flush=True)


if __name__ == "__main__":
    main()
