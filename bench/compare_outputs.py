"""Do two checkouts of cleaner give the same output? Byte for byte, on the dev pages and the corpus.

Each checkout runs in its own process (PYTHONPATH set to it) and writes every
result it gives: the text cases of corpus/ (url from their meta), and the dev
pages of ../shared/eval/dev in text mode (noisy_text) and extracted mode
(extracted_text). Then the two lists are compared record by record: segments
(offsets, kind, category, rule), outlet and metadata.

    python bench/compare_outputs.py --reference ../main            # this checkout against main
    python bench/compare_outputs.py --reference ../main --limit 200
    python bench/compare_outputs.py --reference ../main --batch 256  # this checkout batched
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
DATASETS = ("seb-dev", "traf", "wceb-dev")
FIELDS = {"text": "noisy_text", "extracted": "extracted_text"}
SHOWN_DIFFERENCES = 10


def documents(limit: int | None) -> Iterator[tuple[str, str, str | None]]:
    """(key, text, url) of every document compared, in a fixed order."""
    import yaml

    for path in sorted((ROOT / "corpus").rglob("*.txt")):
        if path.name.endswith(".body.txt"):
            continue
        meta = path.with_name(path.stem + ".meta.yaml")
        url = (yaml.safe_load(meta.read_text(encoding="utf-8")) or {}).get("url") if meta.exists() else None
        yield f"corpus/{path.relative_to(ROOT / 'corpus')}", path.read_text(encoding="utf-8"), url
    if not EVAL_DIR.is_dir():
        return
    for mode, field in FIELDS.items():
        for name in DATASETS:
            with gzip.open(EVAL_DIR / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
                for number, line in enumerate(handle):
                    if limit is not None and number >= limit:
                        break
                    row = json.loads(line)
                    text = row.get(field) or ""
                    if text.strip():
                        url = row.get("url") if row.get("url") not in (None, "None") else None
                        yield f"{mode}/{name}/{row.get('id', number)}", text, url


def dump(out: Path, limit: int | None, batch: int | None = None) -> None:
    """Write one JSON line per document with what this process's cleaner gives (with
    ``batch``: documents cleaned that many at a time by ``Cleaner._clean_batch``, as the
    dump runner cleans them, where the checkout has it)."""
    from itertools import islice

    from cleaner import Cleaner

    cleaner = Cleaner()
    clean_batch = getattr(cleaner, "_clean_batch", None) if batch else None
    docs = documents(limit)
    with out.open("w", encoding="utf-8") as handle:
        while chunk := list(islice(docs, batch or 1)):
            if clean_batch is not None:
                results = clean_batch([{"text": text, "url": url} for _, text, url in chunk])
            else:
                results = [cleaner.clean(text, url=url) for _, text, url in chunk]
            for (key, _, _), result in zip(chunk, results):
                if isinstance(result, Exception):
                    raise result
                record = {
                    "key": key,
                    "outlet": result.outlet,
                    "segments": [[s.start, s.end, s.kind, s.category, s.rule] for s in result.segments],
                    "metadata": result.metadata,
                }
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True, default=str) + "\n")


def run_side(checkout: Path, out: Path, limit: int | None, batch: int | None = None) -> None:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [sys.executable, str(Path(__file__).resolve()), "--dump", str(out)]
    if limit is not None:
        command += ["--limit", str(limit)]
    if batch is not None:
        command += ["--batch", str(batch)]
    subprocess.run(command, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reference", type=Path, help="the other checkout (e.g. ../main)")
    parser.add_argument("--limit", type=int, help="pages per dev file")
    parser.add_argument(
        "--batch",
        type=int,
        help="this checkout cleans documents this many at a time, as the dump runner does (256)",
    )
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.dump is not None:
        dump(args.dump, args.limit, args.batch)
        return 0
    if args.reference is None:
        parser.error("--reference is required")
    with tempfile.TemporaryDirectory() as folder:
        mine, theirs = Path(folder) / "mine.jsonl", Path(folder) / "reference.jsonl"
        run_side(ROOT, mine, args.limit, args.batch)
        run_side(args.reference.resolve(), theirs, args.limit)
        with mine.open(encoding="utf-8") as a, theirs.open(encoding="utf-8") as b:
            pairs = list(zip(a, b, strict=True))
    return report_differences(pairs, f"this checkout ({ROOT}) against {args.reference}", "documents")


def report_differences(
    pairs: list[tuple[str, str]], heading: str, unit: str, column: str | None = None
) -> int:
    """Print how many of ``pairs`` (this checkout's output line, the reference's) differ, per
    group of their keys (the corpus as one group, else the first two parts of the key), and
    name the first SHOWN_DIFFERENCES; 1 when any differ. compare_html.py prints its table
    with this too."""
    counts: dict[str, list[int]] = {}
    shown = 0
    for line_mine, line_ref in pairs:
        key = json.loads(line_mine)["key"]
        group = key.split("/")[0] if key.startswith("corpus/") else "/".join(key.split("/")[:2])
        tally = counts.setdefault(group, [0, 0])
        tally[0] += 1
        if line_mine != line_ref:
            tally[1] += 1
            if shown < SHOWN_DIFFERENCES:
                shown += 1
                print(f"differs: {key}", file=sys.stderr)
    print(heading)
    print(f"| {column or unit} | compared | identical | differing |")
    print("|---|---|---|---|")
    for group, (total, differing) in counts.items():
        print(f"| {group} | {total:,} | {total - differing:,} | {differing:,} |")
    total_differing = sum(d for _, d in counts.values())
    print(f"{len(pairs):,} {unit}, {total_differing:,} differ")
    return 1 if total_differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
