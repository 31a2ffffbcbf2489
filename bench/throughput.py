"""Throughput of clean() on text, one process, all shipped rules loaded.

Workloads, each timed in the same run:
- corpus, rules only      corpus text cases (repeated to --megabytes), url given, heuristics off
- corpus, default         the same documents, rules + heuristics (the default Cleaner)
- dev noisy_text          ../shared/eval/dev raw page-text dumps, rules only and default
- dev extracted_text      ../shared/eval/dev trafilatura output (news-sized articles),
                          rules only and default; and rules only with every page
                          cleaned as one of the shipped outlets in turn, so each
                          news-sized page gets a full pass of an outlet's rules

    python bench/throughput.py                 # 50 MB of corpus text per corpus workload
    python bench/throughput.py --megabytes 10
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402

EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"


def corpus_documents() -> list[tuple[str, str | None]]:
    """(text, url) for every text case in corpus/."""
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


def eval_documents(field: str) -> list[tuple[str, str | None]]:
    docs = []
    for name in ("seb-dev", "traf"):
        with gzip.open(EVAL_DIR / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                url = row.get("url") if row.get("url") not in (None, "None") else None
                if (row.get(field) or "").strip():
                    docs.append((row[field], url))
    return docs


def repeat_to(docs: list[tuple[str, str | None]], megabytes: float) -> list[tuple[str, str | None]]:
    target = megabytes * 1_000_000
    out: list[tuple[str, str | None]] = []
    size = 0
    while size < target and docs:
        for doc in docs:
            out.append(doc)
            size += len(doc[0].encode("utf-8"))
            if size >= target:
                break
    return out


def measure(
    cleaner: Cleaner, docs: list[tuple[str, str | None]], rounds: int = 1, outlets: list[str] | None = None
) -> tuple[int, float, float]:
    """(documents, megabytes, seconds) for cleaning every document ``rounds`` times.

    With ``outlets``, document i is cleaned as outlet ``outlets[i % len(outlets)]``:
    every document then gets a full pass of one outlet's rules.
    """
    total_bytes = sum(len(text.encode("utf-8")) for text, _ in docs) * rounds
    forced = [outlets[i % len(outlets)] for i in range(len(docs))] if outlets else [None] * len(docs)
    started = time.perf_counter()
    for _ in range(rounds):
        for (text, url), outlet in zip(docs, forced):
            cleaner.clean(text, url=url, outlet=outlet)
    seconds = time.perf_counter() - started
    return len(docs) * rounds, total_bytes / 1e6, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--megabytes", type=float, default=50.0, help="corpus text per corpus workload")
    parser.add_argument("--eval-rounds", type=int, default=3, help="passes over the dev pages")
    args = parser.parse_args(argv)

    rules_only = Cleaner(heuristics=False)
    default = Cleaner()
    corpus = corpus_documents()
    rows = []
    if corpus:
        docs = repeat_to(corpus, args.megabytes)
        sizes = sorted(len(t.encode("utf-8")) for t, _ in corpus)
        print(f"corpus: {len(corpus)} cases, median {sizes[len(sizes) // 2] / 1000:.1f} KB", file=sys.stderr)
        rows.append(("corpus text, rules only", *measure(rules_only, docs)))
        rows.append(("corpus text, default (rules + heuristics)", *measure(default, docs)))
    else:
        print("corpus/ has no text cases: corpus workloads skipped", file=sys.stderr)
    if EVAL_DIR.is_dir():
        for field in ("noisy_text", "extracted_text"):
            pages = eval_documents(field)
            sizes = sorted(len(t.encode("utf-8")) for t, _ in pages)
            print(
                f"dev {field}: {len(pages)} pages, median {sizes[len(sizes) // 2] / 1000:.1f} KB",
                file=sys.stderr,
            )
            rows.append((f"dev {field}, rules only", *measure(rules_only, pages, args.eval_rounds)))
            if field == "extracted_text":
                every_outlet = sorted(rules_only.rulebook.outlets)
                rows.append(
                    (
                        f"dev {field}, rules only, each page as one of the {len(every_outlet)} outlets",
                        *measure(rules_only, pages, args.eval_rounds, every_outlet),
                    )
                )
            rows.append((f"dev {field}, default", *measure(default, pages, args.eval_rounds)))
    else:
        print(f"{EVAL_DIR} not found: eval workloads skipped", file=sys.stderr)

    print(f"{len(rules_only.rulebook.outlets)} outlet rule files loaded; one process, one core")
    print("| workload | docs | MB | seconds | docs/s | MB/s |")
    print("|---|---|---|---|---|---|")
    for name, count, megabytes, seconds in rows:
        print(
            f"| {name} | {count:,} | {megabytes:.1f} | {seconds:.2f} | {count / seconds:,.0f} | {megabytes / seconds:.1f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
