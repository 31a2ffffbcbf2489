"""Do two checkouts give the same html output? Byte for byte, on the dev pages.

Each checkout runs in its own process (PYTHONPATH set to it) and writes, for
every page of ../shared/eval/dev (seb-dev and traf, ``--limit`` pages of each;
``--wceb`` adds wceb-dev) and for each fallback mode (``never``: the classifier
alone; ``auto``: the default), one JSON line: the page text's hash, the
segments (offsets, kind, category, rule), the outlet and the metadata. Then
the two lists are compared line by line. A speed-up of the html stage must
leave every line as it was.

    python bench/compare_html.py --reference ../main
    python bench/compare_html.py --reference ../main --limit 50 --modes never
    python bench/compare_html.py --reference ../main --cache /tmp/main_html.jsonl  # reuse main's dump
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from compare_outputs import report_differences  # the same table, beside it in bench/

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
DATASETS = ("seb-dev", "traf")
DEFAULT_LIMIT = 200  # per set: all 102 seb-dev pages and the first 200 traf pages, 302 in all
MODES = ("never", "auto")


def pages(limit: int | None, wceb: bool) -> Iterator[tuple[str, str, str | None]]:
    """(key, html, url) of every page compared, in a fixed order."""
    for name in DATASETS + (("wceb-dev",) if wceb else ()):
        with gzip.open(EVAL_DIR / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                if limit is not None and number >= limit:
                    break
                row = json.loads(line)
                url = row.get("url") if row.get("url") not in (None, "None") else None
                yield f"{name}/{row.get('id', number)}", row["html"], url


def dump(out: Path, limit: int | None, wceb: bool, modes: list[str]) -> None:
    """One JSON line per page and mode with what this process's cleaner gives."""
    from cleaner import Cleaner

    cleaners = {mode: Cleaner(fallback=mode) for mode in modes}
    with out.open("w", encoding="utf-8") as handle:
        for key, html, url in pages(limit, wceb):
            for mode, cleaner in cleaners.items():
                result = cleaner.clean(html=html, url=url)
                record = {
                    "key": f"{mode}/{key}",
                    "source": hashlib.sha256(result.source.encode("utf-8")).hexdigest(),
                    "outlet": result.outlet,
                    "segments": [[s.start, s.end, s.kind, s.category, s.rule] for s in result.segments],
                    "metadata": result.metadata,
                }
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True, default=str) + "\n")


def run_side(checkout: Path, out: Path, args: argparse.Namespace) -> None:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [sys.executable, str(Path(__file__).resolve()), "--dump", str(out)]
    command += ["--limit", str(args.limit), "--modes", args.modes]
    if args.wceb:
        command.append("--wceb")
    subprocess.run(command, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reference", type=Path, help="the other checkout (e.g. ../main)")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="pages per dev file")
    parser.add_argument("--wceb", action="store_true", help="also the wceb-dev pages")
    parser.add_argument("--modes", default=",".join(MODES), help="fallback modes, comma-separated")
    parser.add_argument("--cache", type=Path, help="the reference's dump: read if present, else written")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.dump is not None:
        dump(args.dump, args.limit, args.wceb, args.modes.split(","))
        return 0
    if args.reference is None and (args.cache is None or not args.cache.exists()):
        parser.error("--reference is required (or an existing --cache)")
    if not EVAL_DIR.is_dir():
        print(f"eval pages not found at {EVAL_DIR}: nothing to compare", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        mine = Path(folder) / "mine.jsonl"
        theirs = args.cache if args.cache is not None else Path(folder) / "reference.jsonl"
        run_side(ROOT, mine, args)
        if not theirs.exists():
            run_side(args.reference.resolve(), theirs, args)
        with mine.open(encoding="utf-8") as a, theirs.open(encoding="utf-8") as b:
            pairs = list(zip(a, b, strict=True))
    heading = f"this checkout ({ROOT}) against {args.reference or args.cache}"
    return report_differences(pairs, heading, "outputs", "mode/pages")


if __name__ == "__main__":
    raise SystemExit(main())
