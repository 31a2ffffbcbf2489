"""Throughput and peak memory of `cleaner clean` at -j 1 and -j 2 on a big dump.

Generates (once, cached in bench/out/) a JSONL.gz dump of at least
--size-gb gigabytes of JSON (uncompressed) of news-like text records with
appeals, newsletter boxes, share lines and teaser lists, some from
themoscowtimes.com, then runs the real command line on it at each -j,
sampling the resident memory of the whole process tree every 200 ms, and
checks that every run's output is byte-identical.

    python bench/scale.py                      # 1 GB dump, -j 1 and -j 2
    python bench/scale.py --size-gb 0.1 --jobs 1 2

Only synthetic text written here is used; nothing from ../shared/eval.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SAMPLE_SECONDS = 0.2
PAGE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SEED = 20261125

SUBJECTS = [
    "The city council",
    "A regional governor",
    "The central bank",
    "Local farmers",
    "The transport ministry",
    "A group of scientists",
    "The opposition party",
    "Hospital workers",
    "The football club",
    "Residents of the district",
]
VERBS = [
    "announced on Tuesday that",
    "said in a statement that",
    "warned on Monday that",
    "confirmed late on Friday that",
    "told reporters that",
    "argued in a letter that",
    "insisted during the hearing that",
]
CLAUSES = [
    "the new budget would cut spending on roads by a fifth",
    "the river crossings would stay closed until the spring",
    "the harvest was the smallest in a decade because of the drought",
    "inflation had slowed for the third month in a row",
    "the election would be held in the autumn as planned",
    "talks with the unions had broken down over pensions",
    "the new stadium would open two years later than promised",
    "a court had suspended the sale of the port to a private buyer",
    "the number of tourists had doubled since the airport reopened",
    "the water supply in the northern suburbs was safe to drink again",
]
TAILS = [
    "Officials did not say how much the work would cost.",
    "Critics called the decision rushed and poorly explained.",
    "The figures will be published in full next week.",
    "It was not clear whether the plan had the votes to pass.",
    "Several residents said they had not been consulted.",
]
BOILERPLATE = [
    ["Share this article", "Facebook", "Twitter", "Email"],
    [
        "Sign up for our free weekly newsletter",
        "Our weekly email newsletter with the best stories.",
        "Subscribe",
    ],
    [
        "Read more",
        "Prices rise again in the capital",
        "4 Min read",
        "A new bridge for the old town",
        "3 Min read",
    ],
    ["We use cookies to improve your experience. By continuing you accept our cookie policy.", "Accept"],
    ["Support The Moscow Times!", "Contribute today"],
]
APPEAL = [
    "A Message from The Moscow Times:",
    "Dear readers,",
    "Independent reporting costs money, and we rely on readers to keep going.",
    "If you can, please consider a small monthly contribution.",
    "Once",
    "Monthly",
    "Annual",
    "Continue",
    "Not ready to support today?",
    "Remind me later.",
]
OUTLETS = [
    "https://www.themoscowtimes.com/2024/03/0{d}/story-{n}",
    "https://news.example.org/{n}",
    "https://daily.example.net/a/{n}",
]


def make_record(rng: random.Random, number: int) -> dict[str, object]:
    """One news-like record: paragraphs, with boilerplate around them."""
    paragraphs = []
    for _ in range(rng.randint(6, 14)):
        sentences = [
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAUSES)}."
            for _ in range(rng.randint(1, 3))
        ]
        sentences.append(rng.choice(TAILS))
        paragraphs.append(" ".join(sentences))
    lines = list(rng.choice(BOILERPLATE)) if rng.random() < 0.5 else []
    lines += paragraphs
    lines += rng.choice(BOILERPLATE)
    url = rng.choice(OUTLETS).format(d=rng.randint(1, 9), n=number)
    if "themoscowtimes" in url:
        lines += APPEAL
    return {"id": number, "url": url, "date": "2024-03-05", "text": "\n".join(lines)}


def generate(path: Path, size_bytes: int) -> tuple[int, int]:
    """Write the dump unless a big enough one exists; returns (records, json bytes)."""
    meta = path.with_suffix(".meta.json")
    if path.exists() and meta.exists():
        info = json.loads(meta.read_text())
        if info["json_bytes"] >= size_bytes:
            return int(info["records"]), int(info["json_bytes"])
    rng = random.Random(SEED)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = records = 0
    with gzip.open(path, "wb", compresslevel=1) as handle:
        while written < size_bytes:
            chunk = []
            for _ in range(1000):
                line = json.dumps(make_record(rng, records), ensure_ascii=False) + "\n"
                chunk.append(line)
                records += 1
            data = "".join(chunk).encode("utf-8")
            handle.write(data)
            written += len(data)
    meta.write_text(json.dumps({"records": records, "json_bytes": written}))
    return records, written


@dataclass
class Sample:
    rss: int = 0
    pss: int = 0
    parent_cpu: float = 0.0  # CPU seconds of the cleaner parent process alone (last sample)


def tree_pids(root: int) -> list[int]:
    """The process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of one process so far (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def tree_memory(root: int) -> Sample:
    """Summed RSS (counts shared pages once per process) and PSS (shares them out)."""
    sample = Sample()
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/statm") as handle:
                sample.rss += int(handle.read().split()[1]) * PAGE
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        sample.pss += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return sample


@dataclass
class Run:
    jobs: int
    seconds: float
    cpu_seconds: float
    peak: Sample
    sha256: str
    summary: list[str]
    command: str


def run_watched(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, Sample, int, str]:
    """Run ``cmd`` from the checkout while sampling its process tree's memory and the
    parent's CPU; (wall seconds, peak sample, exit code, stderr)."""
    peak = Sample()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True, env=env)
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            now = tree_memory(proc.pid)
            peak.rss, peak.pss = max(peak.rss, now.rss), max(peak.pss, now.pss)
            peak.parent_cpu = max(peak.parent_cpu, process_cpu(proc.pid))
            time.sleep(SAMPLE_SECONDS)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, stderr = proc.communicate()
    seconds = time.monotonic() - start
    done.set()
    watcher.join()
    return seconds, peak, proc.returncode, stderr


def run_clean(dump: Path, jobs: int, extra: list[str]) -> Run:
    out = OUT / f"scale-j{jobs}.jsonl.gz"
    cmd = [
        sys.executable,
        "-m",
        "cleaner",
        "clean",
        str(dump),
        "-o",
        str(out),
        "-j",
        str(jobs),
        "--no-progress",
        *extra,
    ]
    cpu_before = _children_cpu()
    seconds, peak, returncode, stderr = run_watched(cmd)
    if returncode not in (0, 1):
        raise SystemExit(f"cleaner failed (exit {returncode}):\n{stderr}")
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    return Run(
        jobs,
        seconds,
        _children_cpu() - cpu_before,
        peak,
        digest,
        stderr.strip().splitlines()[-2:],
        " ".join(cmd),
    )


def write_warc(path: Path, records: int) -> None:
    """A WARC.gz of request/response pairs with news-like HTML pages (one gzip member each)."""
    rng = random.Random(SEED)
    with open(path, "wb") as handle:
        for n in range(records):
            text = make_record(rng, n)["text"]
            page = (
                "<html><body><article>"
                + "".join(f"<p>{line}</p>" for line in str(text).splitlines())
                + "</article></body></html>"
            )
            body = page.encode()
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
            request = b"GET /%d HTTP/1.1\r\nHost: news.example.org\r\n\r\n" % n
            for rtype, block in (("request", request), ("response", http)):
                head = (
                    f"WARC/1.1\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: <urn:uuid:{n:08d}-0000-0000-0000-{rtype[:4]}00000000>\r\n"
                    f"WARC-Target-URI: https://news.example.org/{n}\r\nContent-Length: {len(block)}\r\n\r\n"
                )
                handle.write(gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6))


def compare_warc_readers(records: int) -> None:
    """Read every response of one WARC.gz with cleaner's own reader (``io/warc.py``) and,
    where installed, with fastwarc and warcio; print CPU seconds and responses/s."""
    from cleaner.io.items import WARC
    from cleaner.io.warc import warc_items

    path = OUT / f"readers-{records}.warc.gz"
    OUT.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        write_warc(path, records)
    print(f"WARC: {path} ({records:,} responses + {records:,} requests, {path.stat().st_size / 1e6:.1f} MB)")
    readers: dict[str, Callable[[BinaryIO], int]] = {
        "cleaner": lambda handle: sum(1 for item in warc_items(str(path), handle) if item.kind == WARC)
    }
    try:
        from fastwarc.warc import ArchiveIterator as FastIterator
        from fastwarc.warc import WarcRecordType

        readers["fastwarc"] = lambda handle: sum(
            len(rec.reader.read()) > 0
            for rec in FastIterator(handle, parse_http=False)
            if rec.record_type == WarcRecordType.response
        )
    except ImportError:
        print("fastwarc not installed: left out")
    try:
        from warcio.archiveiterator import ArchiveIterator as WarcioIterator

        readers["warcio"] = lambda handle: sum(
            len(rec.content_stream().read()) > 0
            for rec in WarcioIterator(handle)
            if rec.rec_type == "response"
        )
    except ImportError:
        print("warcio not installed: left out")
    for name in [*readers, *readers]:  # each reader twice, taking turns
        start = time.process_time()
        with open(path, "rb") as handle:
            read = readers[name](handle)
        seconds = time.process_time() - start
        print(f"{name:9s} {seconds:6.2f} CPU s  {read / seconds:9,.0f} responses/s")


def _children_cpu() -> float:
    """User + system CPU of every finished child process tree (workers included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-gb", type=float, default=1.0, help="uncompressed JSON size of the dump")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--warc-libs",
        type=int,
        metavar="N",
        help="only compare WARC readers (cleaner, fastwarc, warcio) on N responses",
    )
    parser.add_argument(
        "--extra", nargs=argparse.REMAINDER, default=[], help="more options for cleaner clean"
    )
    args = parser.parse_args()
    if args.warc_libs:
        compare_warc_readers(args.warc_libs)
        return
    dump = OUT / f"dump-{args.size_gb:g}gb.jsonl.gz"
    started = time.monotonic()
    records, json_bytes = generate(dump, int(args.size_gb * 1e9))
    print(
        f"dump: {dump} ({records:,} records, {json_bytes / 1e9:.2f} GB JSON, "
        f"{dump.stat().st_size / 1e9:.2f} GB gzip; ready in {time.monotonic() - started:.0f} s)"
    )
    load_before = os.getloadavg()[0]
    results = [run_clean(dump, jobs, args.extra) for jobs in args.jobs]
    base = results[0]
    print(
        f"load average (1 min): {load_before:.2f} before the runs, {os.getloadavg()[0]:.2f} after; {os.cpu_count()} cores"
    )
    print(
        "| -j | seconds | CPU s (all) | CPU s (parent) | records/s | MB/s (JSON in) | speed-up | peak RSS tree | peak PSS tree |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(
            f"| {r.jobs} | {r.seconds:.1f} | {r.cpu_seconds:.1f} | {r.peak.parent_cpu:.1f} | {records / r.seconds:,.0f} | {json_bytes / 1e6 / r.seconds:.1f} | "
            f"{base.seconds / r.seconds:.2f}x | {r.peak.rss / 2**20:.0f} MiB | {r.peak.pss / 2**20:.0f} MiB |"
        )
    identical = len({r.sha256 for r in results}) == 1
    print(f"outputs byte-identical across -j: {identical}")
    for r in results:
        print(f"-j {r.jobs}: {r.command}")
        for line in r.summary:
            print(f"    {line}")
    if not identical:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
