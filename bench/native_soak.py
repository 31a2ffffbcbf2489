"""Soak the compiled path against the pure one on mangled real pages.

The identity tests compare the compiled twins with their Python originals on the
corpus, hostile strings and random texts; ``compare_outputs.py`` does on the dev
pages as they are. This soak mangles the dev pages first (lines cut, shuffled,
repeated and spliced from other pages; hostile characters put in their words;
capitals; on html, class names, deep nesting and cut tags) and cleans each mangled
page three ways, each in its own process: compiled page by page, compiled in the dump
runner's batches (text only), and with ``CLEANER_PURE=1``. Every result must be the
same three ways, rebuild its source exactly, and no page may raise anything but
``InputError``.

    python bench/native_soak.py                      # 10 seeds, 300 texts and 60 pages each
    python bench/native_soak.py --seeds 50 --first 100
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
DATASETS = ("seb-dev", "traf", "wceb-dev")
BATCH = 64  # documents per _clean_batch call in the batched worker
# Characters that have broken text code before: astral, lone surrogate, NEL, line and
# paragraph separators, NBSP, zero-width, BOM, a combining mark, dotted I, final sigma,
# a full-width letter, CR, form feed, a file separator, ideographic space, Thai, Hebrew.
HOSTILE = (
    "\U0001f600", "\ud800", "\x85", "\u2028", "\u2029", "\u00a0", "\u200b", "\ufeff", "\u0301",
    "\u0130", "\u03a3", "\uff21", "\r", "\r\n", "\x0c", "\x1c", "\u3000", "\u0e01\u0e32\u0e23",
    "\u05d0\u05d1", "\u00a9", "|", "\u2022", ":", "@", "http://x.example/a",
)  # fmt: skip
CLASS_NAMES = ("related", "newsletter-box", "PROMO", "share_bar", "comment-list", "nav-main", "x" * 300)


def _rows(field: str) -> list[tuple[str, str | None]]:
    out = []
    for name in DATASETS:
        with gzip.open(EVAL_DIR / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if row.get(field):
                    out.append((row[field], row.get("url") if row.get("url") not in (None, "None") else None))
    return out


def mangle_text(rng: random.Random, pages: list[tuple[str, str | None]]) -> tuple[str, str | None]:
    """One dev text, mangled one way (see the module)."""
    text, url = rng.choice(pages)
    lines = text.split("\n")
    how = rng.randrange(7)
    if how == 0:
        other = rng.choice(pages)[0].split("\n")
        lines = lines[: rng.randrange(len(lines) + 1)] + other[rng.randrange(len(other) + 1) :]
    elif how == 1:
        for _ in range(rng.randrange(1, 20)):
            j = rng.randrange(len(lines))
            at = rng.randrange(len(lines[j]) + 1)
            lines[j] = lines[j][:at] + rng.choice(HOSTILE) + lines[j][at:]
    elif how == 2:
        rng.shuffle(lines)
    elif how == 3:
        lines = [line.upper() if rng.random() < 0.3 else line for line in lines]
    elif how == 4:
        lines = [line[: rng.randrange(len(line) + 1)] for line in lines]
    elif how == 5:
        j = rng.randrange(len(lines))
        lines[j] *= rng.randrange(2, 200)
    else:
        lines += [rng.choice(lines) for _ in range(rng.randrange(30))]
    return "\n".join(lines), None if rng.random() < 0.3 else url


def mangle_html(rng: random.Random, pages: list[tuple[str, str | None]]) -> tuple[str, str | None]:
    """One dev html page, mangled one way (see the module)."""
    html, url = rng.choice(pages)
    how = rng.randrange(5)
    if how == 0:
        html = html[: rng.randrange(len(html) + 1)]
    elif how == 1:
        for _ in range(rng.randrange(1, 40)):
            at = rng.randrange(len(html) + 1)
            html = html[:at] + rng.choice(HOSTILE) + html[at:]
    elif how == 2:
        html = html.replace('class="', f'class="{rng.choice(CLASS_NAMES)} ', rng.randrange(1, 50))
    elif how == 3:
        at = rng.randrange(len(html) + 1)
        html = html[:at] + "<div>" * rng.randrange(1, 400) + "text " + html[at:]
    else:
        html = html.upper() if rng.random() < 0.5 else html.lower()
    return html, None if rng.random() < 0.3 else url


def digest(result: object) -> str:
    """The result's segments in a few characters, and whether they rebuild the source."""
    segments = result.segments  # type: ignore[attr-defined]
    parts = "|".join(f"{s.start}:{s.end}:{s.kind}:{s.category}:{s.rule}" for s in segments)
    lossless = "".join(s.text for s in segments) == result.source  # type: ignore[attr-defined]
    return hashlib.sha1(parts.encode()).hexdigest()[:12] + ("" if lossless else " LOSSY")


def work(kind: str, seed: int, count: int, batched: bool) -> None:
    """Clean the seed's mangled documents in this process; one line per document on stdout."""
    sys.path.insert(0, str(ROOT))
    from cleaner import Cleaner
    from cleaner.errors import InputError

    rng = random.Random(seed)
    field, mangle = ("html", mangle_html) if kind == "html" else ("text", mangle_text)
    pages = _rows("html") if kind == "html" else _rows("extracted_text") + _rows("noisy_text")
    made = [mangle(rng, pages) for _ in range(count)]
    cleaner = Cleaner(fallback="never")  # trafilatura's own code is not what is soaked

    def one(outcome: object) -> str:
        if isinstance(outcome, InputError):
            return "refused"
        if isinstance(outcome, Exception):
            return f"CRASH {type(outcome).__name__}: {outcome}"[:200]
        return digest(outcome)

    if batched:
        for start in range(0, len(made), BATCH):
            chunk = [{field: doc, "url": url} for doc, url in made[start : start + BATCH]]
            print("\n".join(one(outcome) for outcome in cleaner._clean_batch(chunk)))
        return
    for doc, url in made:
        try:
            outcome: object = (
                cleaner.clean(html=doc, url=url) if kind == "html" else cleaner.clean(doc, url=url)
            )
        except Exception as error:  # noqa: BLE001 (a crash is what is counted)
            outcome = error
        print(one(outcome))


def run(kind: str, seed: int, count: int, batched: bool, pure: bool) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("CLEANER_PURE", None)
    if pure:
        env["CLEANER_PURE"] = "1"
    command = [sys.executable, __file__, "--worker", kind, str(seed), str(count), str(int(batched))]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return [f"CRASH worker exited {done.returncode}: {done.stderr[-300:]}"]
    return done.stdout.splitlines()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--first", type=int, default=1, help="the first seed")
    parser.add_argument("--texts", type=int, default=300, help="mangled texts per seed")
    parser.add_argument("--pages", type=int, default=60, help="mangled html pages per seed")
    parser.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        kind, seed, count, batched = args.worker
        work(kind, int(seed), int(count), batched == "1")
        return 0
    if not EVAL_DIR.is_dir():
        print(f"eval pages not found at {EVAL_DIR}: nothing to soak", file=sys.stderr)
        return 2
    failed = 0
    for seed in range(args.first, args.first + args.seeds):
        for kind, count in (("text", args.texts), ("html", args.pages)):
            ways = {"compiled": (False, False), "pure": (False, True)}
            if kind == "text":
                ways["batched"] = (True, False)
            outputs = {name: run(kind, seed, count, batched, pure) for name, (batched, pure) in ways.items()}
            base = outputs["compiled"]
            differ = {
                name: sum(a != b for a, b in zip(base, out)) + abs(len(base) - len(out))
                for name, out in outputs.items()
            }
            bad = sum(
                line.startswith("CRASH") or line.endswith("LOSSY") for out in outputs.values() for line in out
            )
            refused = base.count("refused")
            print(
                f"seed {seed} {kind}: {len(base)} documents, {refused} refused, "
                + ", ".join(f"{name} differ {n}" for name, n in differ.items() if name != "compiled")
                + f", crashes or losses {bad}",
                flush=True,
            )
            failed += bad + sum(differ.values())
    print("all the same, lossless, no crash" if not failed else f"{failed} problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
