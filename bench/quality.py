"""Quality and speed of cleaner against baselines on ../shared/eval/dev.

The eval pages are a separate evaluation set, not part of this repository (real
pages are not copied into it). With a copy elsewhere, point at its dev folder
(the one holding seb-dev.jsonl.gz, traf.jsonl.gz, wceb-dev.jsonl.gz) with
--eval-dir DIR or CLEANER_EVAL_DIR.

Runs every mode asked for (html, text, extracted) over the eval pages and
prints P / R / F1 on seb-dev and wceb-dev (every page weighs the same) and
keep / leak / acc on traf, with pages/s,
as ../shared/eval/README.md defines them. Baselines run in the same process:
trafilatura on the html, the text unchanged, and a C4-style line filter.

    python bench/quality.py                    # all modes, all baselines
    python bench/quality.py --modes text --limit 200
    python bench/quality.py --eval-dir /data/cleaner-eval/dev
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402
from cleaner.evaluation.metrics import KeepLeakScore, ShingleScore  # noqa: E402

EVAL_DIR = Path(os.environ.get("CLEANER_EVAL_DIR") or ROOT.parent / "shared" / "eval" / "dev")
DATASETS = ("seb-dev", "traf", "wceb-dev")
MODES = ("html", "text", "extracted")

_TERMINAL = re.compile(r"[.!?\"”’»)]$")
_C4_BAD = re.compile(r"(?i)javascript|cookie|privacy policy|terms of use|lorem ipsum")


def c4_filter(text: str) -> str:
    """C4-style: keep lines of 5+ words ending in punctuation, no policy phrases."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if len(line.split()) >= 5 and _TERMINAL.search(line) and not _C4_BAD.search(line):
            kept.append(line)
    return "\n".join(kept)


def load(name: str, limit: int | None, folder: Path = EVAL_DIR) -> list[dict]:
    path = folder / f"{name}.jsonl.gz"
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows


@dataclass
class Row:
    tool: str
    mode: str
    seb: ShingleScore
    traf: KeepLeakScore
    wceb: ShingleScore
    seconds: float
    pages: int
    failures: int = 0

    def cells(self) -> list[str]:
        rate = self.pages / self.seconds if self.seconds > 0 else float("inf")
        return [
            self.tool,
            self.mode,
            f"{self.seb.precision:.3f} / {self.seb.recall:.3f} / {self.seb.f1:.3f}",
            f"{self.traf.keep:.1%} / {self.traf.leak:.1%} / {self.traf.acc:.3f}",
            f"{self.wceb.precision:.3f} / {self.wceb.recall:.3f} / {self.wceb.f1:.3f}",
            "-" if self.seconds == 0 else f"{rate:,.0f}",
        ]


def run_tool(
    tool: str, mode: str, data: dict[str, list[dict]], fn: Callable[[dict], str], timed: bool = True
) -> Row:
    seb, traf = ShingleScore(), KeepLeakScore()
    wceb = ShingleScore()
    seconds, pages, failures = 0.0, 0, 0
    for name, rows in data.items():
        for row in rows:
            started = time.perf_counter()
            try:
                output = fn(row)
            except Exception as exc:  # a failing page scores as empty output
                failures += 1
                print(f"  {tool}/{mode} failed on {row['id']}: {exc}", file=sys.stderr)
                output = ""
            seconds += time.perf_counter() - started
            pages += 1
            if name == "seb-dev":
                seb.add(output, row["gold_body"])
            elif name == "wceb-dev":
                wceb.add(output, row["gold_body"])
            else:
                traf.add(output, row["must_keep"], row["must_drop"])
    return Row(tool, mode, seb, traf, wceb, seconds if timed else 0.0, pages, failures)


def text_field(mode: str) -> str:
    return "noisy_text" if mode == "text" else "extracted_text"


def url_of(row: dict) -> str | None:
    url = row.get("url")
    return url if url and url != "None" else None


def _cleaner_on(cleaner: Cleaner, field: str) -> Callable[[dict], str]:
    def run(row: dict) -> str:
        text = row[field] or ""
        return cleaner.clean(text, url=url_of(row)).body if text.strip() else ""

    return run


def _unchanged(field: str) -> Callable[[dict], str]:
    return lambda row: row[field] or ""


def _c4_on(field: str) -> Callable[[dict], str]:
    return lambda row: c4_filter(row[field] or "")


def runs(
    modes: Iterable[str], cleaner: Cleaner, baselines: bool
) -> list[tuple[str, str, Callable[[dict], str], bool]]:
    plan: list[tuple[str, str, Callable[[dict], str], bool]] = []
    for mode in modes:
        if mode == "html":
            plan.append(("cleaner", mode, lambda r: cleaner.clean(html=r["html"], url=url_of(r)).body, True))
            if baselines:
                import trafilatura

                plan.append(
                    (
                        "trafilatura",
                        mode,
                        lambda r: trafilatura.extract(r["html"], url=url_of(r), include_comments=False) or "",
                        True,
                    )
                )
        else:
            field = text_field(mode)
            plan.append(("cleaner", mode, _cleaner_on(cleaner, field), True))
            if baselines:
                label = "unchanged" if mode == "text" else "trafilatura (unchanged)"
                plan.append((label, mode, _unchanged(field), False))
                if mode == "text":
                    plan.append(("C4-style filter", mode, _c4_on(field), True))
    return plan


def render(rows: list[Row]) -> str:
    head = ["tool", "mode", "seb-dev P / R / F1", "traf keep / leak / acc", "wceb-dev P / R / F1", "pages/s"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modes", default=",".join(MODES), help="comma list of html,text,extracted")
    parser.add_argument("--limit", type=int, default=None, help="pages per dataset (default: all)")
    parser.add_argument("--no-baselines", action="store_true", help="only run cleaner")
    parser.add_argument("--no-heuristics", action="store_true")
    parser.add_argument("--no-fallback", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--eval-dir",
        type=Path,
        default=EVAL_DIR,
        help=f"folder of the eval pages (a separate set, not in the repository; default {EVAL_DIR}, or CLEANER_EVAL_DIR)",
    )
    args = parser.parse_args(argv)
    missing = [name for name in DATASETS if not (args.eval_dir / f"{name}.jsonl.gz").is_file()]
    if missing:
        print(
            f"eval pages not found in {args.eval_dir} ({', '.join(m + '.jsonl.gz' for m in missing)}): "
            "they are a separate evaluation set; give --eval-dir DIR or CLEANER_EVAL_DIR",
            file=sys.stderr,
        )
        return 2
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    data = {name: load(name, args.limit, args.eval_dir) for name in DATASETS}
    cleaner = Cleaner(heuristics=not args.no_heuristics, fallback=not args.no_fallback)
    rows = []
    for tool, mode, fn, timed in runs(modes, cleaner, not args.no_baselines):
        row = run_tool(tool, mode, data, fn, timed)
        rows.append(row)
        print(render([row]).splitlines()[-1], file=sys.stderr, flush=True)
    print(render(rows))
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "tool": r.tool,
                        "mode": r.mode,
                        "seb_p": r.seb.precision,
                        "seb_r": r.seb.recall,
                        "seb_f1": r.seb.f1,
                        "traf_keep": r.traf.keep,
                        "traf_leak": r.traf.leak,
                        "traf_acc": r.traf.acc,
                        "wceb_f1": r.wceb.f1,
                        "pages_per_s": (r.pages / r.seconds) if r.seconds else None,
                        "failures": r.failures,
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
