"""The phrase scan alone (``phrase_lines``, cleaner/native/_phrase_scan.c) timed over the
dev pages' real inputs, captured page by page, in this checkout and optionally another.

    python bench/phrase_scan_time.py --capture /tmp/phrase_inputs.pickle
    python bench/phrase_scan_time.py --inputs /tmp/phrase_inputs.pickle [--against ../main]

Capture runs the dev pages (extracted text and raw dumps) through ``Cleaner.clean`` and
keeps every ``Lexicon.phrase_lines`` call's arguments; the timing replays them alone,
so the figure is the kernel's, not the pipeline's. With --against, the other checkout
replays the same inputs in its own process (PYTHONPATH set to it) and the outputs are
compared as well.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("extracted_text", "noisy_text")
ROUNDS = 5


def capture(path: Path) -> None:
    """Every phrase_lines call's (source, data, lines, slack) over the dev pages, pickled."""
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    from throughput import eval_documents

    from cleaner import Cleaner
    from cleaner.heuristics.lexicon import Lexicon

    calls: list[tuple[str, bytes, int, int]] = []
    source = ""
    original = Lexicon.phrase_lines

    def recording(self: Lexicon, data: bytes, lines: int, slack: int) -> Any:
        calls.append((source, data, lines, slack))
        return original(self, data, lines, slack)

    Lexicon.phrase_lines = recording  # type: ignore[method-assign]
    cleaner = Cleaner()
    for source in SOURCES:
        for text, url in eval_documents(source):
            cleaner.clean(text, url=url)
    path.write_bytes(pickle.dumps(calls))
    print(f"{len(calls)} calls, {sum(len(c[1]) for c in calls) / 1e6:.1f} MB")


def replay(path: Path) -> dict[str, Any]:
    """The fastest of ROUNDS replays per source, in seconds, and a digest of the outputs."""
    sys.path.insert(0, str(Path.cwd()))
    from cleaner import native
    from cleaner.heuristics.lexicon import Lexicon

    assert native.MODULE is not None, "the compiled extension is needed"
    calls = pickle.loads(path.read_bytes())
    from cleaner import Cleaner

    cleaner = Cleaner()
    cleaner.clean("One line to load the heuristics.\n")
    labeler = cleaner.heuristics
    assert labeler is not None
    lexicon: Lexicon = labeler.lexicon
    scan = lexicon.phrase_lines
    scan(b"warm up", 1, 3)
    best: dict[str, float] = {}
    digest = hashlib.sha256()
    for _source, data, lines, slack in calls:
        digest.update(repr(scan(data, lines, slack)).encode())
    for _ in range(ROUNDS):
        spent = dict.fromkeys(SOURCES, 0.0)
        for source, data, lines, slack in calls:
            started = time.perf_counter()
            scan(data, lines, slack)
            spent[source] += time.perf_counter() - started
        for source, seconds in spent.items():
            best[source] = min(best.get(source, seconds), seconds)
    return {"best": best, "digest": digest.hexdigest()}


def main(argv: list[str] | None = None) -> int:
    """Capture, or replay here and in --against."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--capture", type=Path)
    parser.add_argument("--inputs", type=Path)
    parser.add_argument("--against", type=Path)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.capture is not None:
        capture(args.capture)
        return 0
    if args.json:
        print(json.dumps(replay(args.inputs)))
        return 0
    sides = {"this": ROOT}
    if args.against is not None:
        sides["against"] = args.against.resolve()
    results = {}
    for name, root in sides.items():
        env = dict(os.environ, PYTHONPATH=str(root))
        out = subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "phrase_scan_time.py"),
                "--inputs",
                str(args.inputs),
                "--json",
            ],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
    for name, result in results.items():
        row = "  ".join(f"{source} {seconds * 1000:7.1f} ms" for source, seconds in result["best"].items())
        print(f"{name:8} {row}  outputs {result['digest'][:12]}")
    if len(results) == 2:
        same = results["this"]["digest"] == results["against"]["digest"]
        print("outputs identical" if same else "OUTPUTS DIFFER")
    return 0


if __name__ == "__main__":
    sys.exit(main())
