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
- wall time of both runs, one process (-j 1), side by side; the learned run's
  time includes both passes.

    python bench/learn_outlets.py                 # the figures above, seed 1
    python bench/learn_outlets.py --seeds 1 2 3
    python bench/learn_outlets.py --rss           # learning pass peak RSS on 0.1 and 1 GB dumps

``--rss`` generates (once, into bench/out/) dumps of 0.1 GB and 1 GB of 200
outlets (pages per outlet grow with the size) and runs the learning pass alone
(the same functions the command calls) in a child process, sampling its
resident memory; the cleaning pass's memory is bench/scale.py's figure.
"""

from __future__ import annotations

import argparse
import json
import os
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
class Figures:
    seconds: dict[str, float] = field(default_factory=dict)
    big: dict[str, Tally] = field(default_factory=dict)  # outlets with >= THRESHOLD pages
    small_identical: int = 0
    small_records: int = 0


def run_cli(args: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", *args, "--no-progress", "-j", "1"],
        capture_output=True,
        env=env,
        cwd=ROOT,
    )
    seconds = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"cleaner failed: {done.stderr.decode()[-2000:]}")
    return seconds


def measure(seed: int, outlets_count: int, folder: Path) -> Figures:
    outlets = make_outlets(outlets_count, seed)
    pages = list(make_pages(outlets, seed + 1000))
    dump = folder / f"dump-{seed}.jsonl"
    with dump.open("w", encoding="utf-8") as handle:
        for record in dump_records(iter(pages)):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    figures = Figures()
    outputs = {}
    for name, extra in (("plain", []), ("learned", ["--learn-outlets"])):
        out = folder / f"{name}-{seed}.jsonl"
        figures.seconds[name] = run_cli([str(dump), "-o", str(out), *extra])
        outputs[name] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
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


def report(seed: int, outlets: list[Outlet] | None, figures: Figures) -> list[str]:
    plain, learned = figures.big["plain"], figures.big["learned"]
    ratio = figures.seconds["learned"] / figures.seconds["plain"]
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
        f"seed {seed}: time plain {figures.seconds['plain']:.1f} s, learned (both passes) "
        f"{figures.seconds['learned']:.1f} s: {ratio:.2f}x",
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


def learning_pass(path: str) -> None:
    """The child: pass one of the command on one file, nothing else."""
    from cleaner.io.learning import learn_from_items
    from cleaner.io.readers import iter_items
    from cleaner.io.records import FieldMap
    from cleaner.io.sources import expand_inputs

    source = expand_inputs((path,), "auto", None)[0]
    with tempfile.TemporaryDirectory() as folder:
        learn_from_items(iter_items(source), FieldMap(), Path(folder), THRESHOLD)


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
    parser.add_argument("--rss", action="store_true", help="peak RSS of the learning pass, 0.1 and 1 GB")
    parser.add_argument(
        "--sizes", type=float, nargs="+", default=list(RSS_SIZES_GB), help="--rss dump sizes, GB"
    )
    parser.add_argument("--learning-pass", metavar="DUMP", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.learning_pass:
        learning_pass(args.learning_pass)
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
            for line in report(seed, None, measure(seed, args.outlets, Path(tmp))):
                print(line)


if __name__ == "__main__":
    main()
