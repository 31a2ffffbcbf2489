"""Parquet against JSONL at scale: the same records, about 1 GB of each, cleaned by the
real command line; wall time, records/s and the peak memory of the process tree.

The records are those of bench/scale.py (news-like text with appeals, newsletter
boxes, share lines and teasers) plus an ``html`` column holding a page-sized HTML
version of each (scripts, styles and markup around the text), as crawl datasets
carry it: about 60 KB a record, so 1 GB is ~17,000 records. The text column is
cleaned (``--field html=``: the html column is kept, not parsed) and the output keeps
every column: JSONL in -> JSONL out, Parquet in -> Parquet out. The two outputs are
checked to hold the same bodies.

    python bench/parquet_scale.py                  # 1 GB each, -j 1
    python bench/parquet_scale.py --size-gb 0.2 --jobs 1 2

Needs the parquet extra. Files go to bench/out/ (ignored by git).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from scale import SEED, Sample, make_record, run_watched  # noqa: E402

OUT = ROOT / "bench" / "out"
PAGE_PADDING_BYTES = 56_000  # scripts, styles and menus of a typical news page around its text
ROWS_PER_GROUP = 1_000  # Parquet row groups of the input file (~60 MB each)
FIELDS = ["--field", "html=", "--no-progress"]  # clean the text column; keep html as data


def page_html(rng: random.Random, text: str) -> str:
    """A page around the text: head with styles and an inline script bundle (data that
    compresses about as little as minified code), a menu, the article, a footer."""
    bundle = base64.b64encode(rng.randbytes(PAGE_PADDING_BYTES * 3 // 4 // 2)).decode("ascii")
    head = "<head><style>" + ".x{color:#333}" * 40 + f"</style><script>window.__s='{bundle}';</script></head>"
    menu = "<nav>" + "".join(f"<a href='/s/{i}'>Section {i}</a>" for i in range(60)) + "</nav>"
    body = "".join(f"<p>{line}</p>" for line in text.splitlines())
    footer = "<footer>" + "<div class='f'>More from the paper</div>" * 200 + "</footer>"
    return f"<html>{head}<body>{menu}<article>{body}</article>{footer}</body></html>"


def generate(size_bytes: int) -> tuple[Path, Path, int]:
    """The JSONL and Parquet inputs holding the same records (made once, then reused)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    jsonl = OUT / f"pq-{size_bytes // 10**6}mb.jsonl"
    parquet = jsonl.with_suffix(".parquet")
    meta = jsonl.with_suffix(".meta.json")
    if jsonl.exists() and parquet.exists() and meta.exists():
        return jsonl, parquet, int(json.loads(meta.read_text())["records"])
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    written = records = 0
    writer = None
    with open(jsonl, "w", encoding="utf-8") as handle:
        while written < size_bytes:
            rows = []
            for _ in range(ROWS_PER_GROUP):
                record = make_record(rng, records)
                record["html"] = page_html(rng, str(record["text"]))
                rows.append(record)
                line = json.dumps(record, ensure_ascii=False) + "\n"
                handle.write(line)
                written += len(line.encode("utf-8"))
                records += 1
            table = pa.Table.from_pylist(rows)
            if writer is None:
                writer = pq.ParquetWriter(parquet, table.schema)
            writer.write_table(table)
    if writer is not None:
        writer.close()
    meta.write_text(json.dumps({"records": records, "json_bytes": written}))
    return jsonl, parquet, records


@dataclass
class Run:
    label: str
    jobs: int
    seconds: float
    peak: Sample
    command: str
    summary: list[str]


def run_clean(label: str, source: Path, out: Path, jobs: int) -> Run:
    cmd = [sys.executable, "-m", "cleaner", "clean", str(source), "-o", str(out), "-j", str(jobs), *FIELDS]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    seconds, peak, returncode, stderr = run_watched(cmd, env)
    if returncode != 0:
        raise SystemExit(f"{label} failed (exit {returncode}):\n{stderr}")
    return Run(label, jobs, seconds, peak, " ".join(cmd[1:]), stderr.strip().splitlines()[-2:])


def same_bodies(jsonl_out: Path, parquet_out: Path) -> bool:
    """The Parquet output's body column equals the JSONL output's bodies, in order."""
    import pyarrow.parquet as pq

    reader = pq.ParquetFile(parquet_out)
    with open(jsonl_out, encoding="utf-8") as handle:
        for batch in reader.iter_batches(batch_size=1000, columns=["body"]):
            for body in batch.column(0).to_pylist():
                if json.loads(handle.readline())["body"] != body:
                    return False
        return handle.readline() == ""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-gb", type=float, default=1.0, help="JSONL size of the records")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1])
    args = parser.parse_args()
    started = time.monotonic()
    jsonl, parquet, records = generate(int(args.size_gb * 1e9))
    print(
        f"inputs: {jsonl} ({jsonl.stat().st_size / 1e9:.2f} GB), {parquet} ({parquet.stat().st_size / 1e9:.2f} GB), "
        f"{records:,} records; ready in {time.monotonic() - started:.0f} s"
    )
    load_before = os.getloadavg()[0]
    runs: list[Run] = []
    for jobs in args.jobs:
        # alternate the formats so a change in machine load hits both alike
        runs.append(run_clean("JSONL", jsonl, OUT / f"pq-out-j{jobs}.jsonl", jobs))
        runs.append(run_clean("Parquet", parquet, OUT / f"pq-out-j{jobs}.parquet", jobs))
    print(
        f"load average (1 min): {load_before:.2f} before, {os.getloadavg()[0]:.2f} after; {os.cpu_count()} cores"
    )
    print(
        "| input -> output | -j | seconds | records/s | Parquet / JSONL records/s | peak RSS tree | peak PSS tree |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for jsonl_run, parquet_run in zip(runs[::2], runs[1::2]):
        for run in (jsonl_run, parquet_run):
            ratio = (jsonl_run.seconds / run.seconds) if run is parquet_run else 1.0
            print(
                f"| {run.label} -> {run.label} | {run.jobs} | {run.seconds:.1f} | {records / run.seconds:,.0f} | "
                f"{ratio:.2f} | {run.peak.rss / 2**20:.0f} MiB | {run.peak.pss / 2**20:.0f} MiB |"
            )
    for jobs in args.jobs:
        print(
            f"-j {jobs}: same bodies in both outputs: {same_bodies(OUT / f'pq-out-j{jobs}.jsonl', OUT / f'pq-out-j{jobs}.parquet')}"
        )
    for run in runs:
        print(f"{run.label} -j {run.jobs}: python {run.command}")
        for line in run.summary:
            print(f"    {line}")


if __name__ == "__main__":
    main()
