"""Re-fuzz at growing sizes: no traceback, no silent loss, no hang, and time linear in size.

Every class of input the reliability issue (#12) fuzzed is generated at sizes
that double, from a fixed seed, and run through the entry point that reads it:

    text, short-lines, long-lines, huge-words, html, charsets, nesting, attributes   clean() here
    jsonl, jsonl.gz, jsonl.zst, warc.gz                              `cleaner clean` (click, in process)
    pipe                                                             `cleaner clean -` in a subprocess
    rules                                                            Cleaner(rules_paths=[a rule folder])

Checks per case: a library call returns a Result or raises a CleanerError; the
result is lossless (segments join to the source, offsets slice it); a CLI run
exits 0 or 1 (2 only where the class expects a refusal) with no "Traceback",
and every input record is in the output or the errors file (in == out + errors
+ skipped); no case passes HANG_SECONDS. Per class it prints the seconds at each
size, the exponent of a least-squares fit of log(time) on log(size) (1.0 is
linear) and the worst case in seconds per MB.

    PYTHONPATH=$PWD python3 bench/fuzz_scaling.py                 # 4 sizes from 0.125 MB
    PYTHONPATH=$PWD python3 bench/fuzz_scaling.py --steps 5 --start-mb 0.25 --only html,jsonl

Not part of the test suite: it runs for minutes.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import json
import math
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import zstandard
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402
from cleaner.cli import main  # noqa: E402
from cleaner.errors import CleanerError  # noqa: E402

SEED = 12
HANG_SECONDS = 120  # a case slower than this counts as a hang
BASELINE_BYTES = 1000  # the size whose time is taken as a class's fixed cost
# Size multipliers per class: a CLI run starts in seconds, so its dumps are larger for the
# variable cost to show; rule files are kept under the rule count limit (300 per file).
CLASS_SCALE = {"jsonl": 8.0, "jsonl.gz": 8.0, "jsonl.zst": 8.0, "warc.gz": 2.0, "pipe": 8.0, "rules": 1 / 8}
FIT_ABOVE_FIXED = 2.0  # sizes whose time is below this many fixed costs are left out of the fit
MB = 1_000_000
WORDS = (
    "the council approved budget after long debate about schools roads harbour minister said "
    "on tuesday police reported residents were told to leave their homes before the storm"
).split()
BOILERPLATE = [
    "Subscribe to our newsletter",
    "Read more:",
    "Share this article",
    "Photo: Reuters",
    "Support independent journalism. Donate now",
    "© 2024 Example News. All rights reserved.",
    "We use cookies to improve your experience.",
]
HOSTILE = [
    "\x00",
    "\x1b[2J",
    "\ufeff",
    "\u202e",
    "\ud800",
    "\r",
    "\u2028",
    "\x85",
    "\t",
    "\u00a0",
    "\U0001f600",
]
CHARSETS = [
    "utf-8",
    "windows-1251",
    "latin-1",
    "shift_jis",
    "hex",
    "rot13",
    "base64",
    "zlib",
    "undefined",
    "x",
]
TAGS = ["div", "p", "span", "a", "li", "ul", "section", "article", "nav", "footer", "b", "td", "tr", "table"]


@dataclass
class Outcome:
    seconds: float
    problems: list[str] = field(default_factory=list)


@dataclass
class Row:
    name: str
    baseline: float = 0.0
    sizes: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


# --- generators -----------------------------------------------------------------------


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def hostile_text(rng: random.Random, size: int, line_words: tuple[int, int] = (3, 40)) -> str:
    parts: list[str] = []
    total = 0
    while total < size:
        roll = rng.random()
        if roll < 0.1:
            line = rng.choice(BOILERPLATE)
        elif roll < 0.15:
            line = words(rng, 5) + rng.choice(HOSTILE) + words(rng, 3)
        else:
            line = words(rng, rng.randint(*line_words)) + "."
        parts.append(line + rng.choice(["\n", "\n", "\n\n", "\r\n", "\r"]))
        total += len(line) + 1
    return "".join(parts)


# Openers of the line decisions (lead-ins, sign-offs, credits, tags, notices), each put
# before one huge "word": a pattern that backtracks over a run of word characters shows
# here as time growing with the square of the line.
WORD_OPENERS = ["Follow ", "Email ", "Read more: ", "Photo: ", "[VIDEO] ", "© ", "Comments ", "@", "(Foto: "]


def huge_words(rng: random.Random, size: int) -> str:
    """An article whose last lines are openers each followed by one word of ``size`` / 10
    characters (letters, dots or digits), the place where the article decisions look."""
    body = "\n".join(words(rng, 30) + "." for _ in range(8))
    length = max(size // 10, 1)
    tails = [rng.choice(WORD_OPENERS) + rng.choice("a.1") * length for _ in range(5)]
    return body + "\n" + "\n".join(tails) + "\n"


def tag_soup(rng: random.Random, size: int) -> str:
    parts = ["<html><head><title>", words(rng, 5), "</title></head><body>"]
    total = 0
    open_tags: list[str] = []
    while total < size:
        roll = rng.random()
        if roll < 0.35:
            tag = rng.choice(TAGS)
            attrs = f' class="{rng.choice(WORDS)}"' if rng.random() < 0.5 else ""
            chunk = f"<{tag}{attrs}>"
            open_tags.append(tag)
        elif roll < 0.6 and open_tags:
            chunk = f"</{open_tags.pop()}>" if rng.random() < 0.9 else "</bogus>"
        elif roll < 0.65:
            chunk = rng.choice(
                ["<!-- c -->", "<script>var x = '<p>';</script>", "<br>", "&amp;", "&#0;", "<"]
            )
        elif roll < 0.72:
            chunk = rng.choice(BOILERPLATE)
        else:
            chunk = words(rng, rng.randint(1, 30)) + ". "
        parts.append(chunk)
        total += len(chunk)
    parts.append("</body></html>")
    return "".join(parts)


def charset_page(rng: random.Random, size: int) -> bytes:
    charset = rng.choice(CHARSETS)
    body = tag_soup(rng, size).replace("council", "совет").replace("harbour", "Hafen")
    head = f'<meta charset="{charset}">'
    try:
        codecs.lookup(charset)
        data = body.encode(charset, "replace")
    except (LookupError, UnicodeError):
        data = body.encode("utf-8")
    noise = bytes(rng.randrange(256) for _ in range(64))
    return head.encode() + data + noise


def nested(rng: random.Random, size: int) -> str:
    depth = max(1, size // 11)
    return "<p>Intro.</p>" + "<div>" * depth + "DEEP" + "</div>" * depth + "<p>Outro.</p>"


def attributes(rng: random.Random, size: int) -> str:
    count = max(1, size // 20)
    attrs = " ".join(f'data-a{i}="v{i}"' for i in range(count))
    return f"<html><body><div {attrs}><p>{words(rng, 40)}.</p></div></body></html>"


def jsonl_dump(rng: random.Random, size: int) -> tuple[bytes, int]:
    """Hostile JSONL: good records, broken JSON, non-objects, no text, NaN, lone surrogates."""
    lines: list[str] = []
    total = 0
    while total < size:
        roll = rng.random()
        text = hostile_text(rng, rng.randint(200, 3000)).replace("\ud800", "")
        if roll < 0.05:
            line = '{"text": "cut'
        elif roll < 0.08:
            line = "[1, 2, 3]"
        elif roll < 0.11:
            line = json.dumps({"id": len(lines)})
        elif roll < 0.13:
            line = '{"text": "Budget vote.", "score": NaN}'
        elif roll < 0.15:
            line = '{"text": "Budget vote.", "x": "\\ud800"}'
        else:
            line = json.dumps({"id": len(lines), "text": text}, ensure_ascii=rng.random() < 0.5)
        lines.append(line)
        total += len(line) + 1
    return ("\n".join(lines) + "\n").encode("utf-8"), len(lines)


def warc_dump(rng: random.Random, size: int) -> tuple[bytes, int]:
    """gzip members of request + response records, some cut in the middle."""
    parts: list[bytes] = []
    total = 0
    records = 0
    while total < size:
        page = tag_soup(rng, rng.randint(2000, 20000)).encode("utf-8")
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
        for rtype, block in (("request", b"GET / HTTP/1.1\r\n\r\n"), ("response", http)):
            head = (
                f"WARC/1.1\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: <urn:uuid:{records}>\r\n"
                f"WARC-Target-URI: https://news.example.org/{records}\r\nContent-Length: {len(block)}\r\n\r\n"
            ).encode()
            member = gzip.compress(head + block + b"\r\n\r\n", mtime=0)
            if rng.random() < 0.03:
                member = member[: len(member) // 2]  # damaged: must show up as an error
            parts.append(member)
            total += len(member)
            records += 1
    return b"".join(parts), records


def rule_folder(rng: random.Random, size: int, folder: Path) -> None:
    count = max(1, size // 60)
    rules = "".join(
        f"  - id: r{i}\n    category: other\n    line: '^{words(rng, 3)} {i}$'\n" for i in range(count)
    )
    (folder / "fuzz.example.yaml").write_text(
        "outlet: Fuzz\ndomains: [fuzz.example]\ntext:\n" + rules, encoding="utf-8"
    )


# --- checks ---------------------------------------------------------------------------


def check_result(result: Any, problems: list[str]) -> None:
    source = result.source
    if "".join(s.text for s in result.segments) != source:
        problems.append("segments do not join to the source")
    for seg in result.segments:
        if source[seg.start : seg.end] != seg.text:
            problems.append(f"segment {seg.start}:{seg.end} does not slice the source")
            return


def library_case(call: Callable[[], Any]) -> Outcome:
    problems: list[str] = []
    started = time.perf_counter()
    try:
        check_result(call(), problems)
    except CleanerError:
        pass  # a clear refusal (e.g. past a documented limit)
    except Hang:
        problems.append(f"hang (over {HANG_SECONDS} s)")
    except Exception as exc:  # the traceback this bench hunts
        problems.append(f"traceback: {type(exc).__name__}: {exc}"[:200])
    return Outcome(time.perf_counter() - started, problems)


def counted(stderr: str) -> tuple[int, int, int, int] | None:
    """(records in, cleaned, failed, skipped) from the run summary."""
    for line in stderr.splitlines():
        if " records in: " in line:
            head = line.split("cleaner: ", 1)[1]
            numbers = [
                int(w.replace(",", ""))
                for w in head.replace(";", " ").split()
                if w.replace(",", "").isdigit()
            ]
            return numbers[0], numbers[1], numbers[2], numbers[3]
    return None


def cli_case(args: list[str], records: int | None, folder: Path, output: Path) -> Outcome:
    problems: list[str] = []
    started = time.perf_counter()
    try:
        result = CliRunner().invoke(main, args)
    except Hang:
        return Outcome(time.perf_counter() - started, [f"hang (over {HANG_SECONDS} s)"])
    seconds = time.perf_counter() - started
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        problems.append(f"traceback: {type(result.exception).__name__}: {result.exception}"[:200])
    if "Traceback" in result.stderr:
        problems.append("traceback on stderr")
    if result.exit_code not in (0, 1):
        problems.append(f"exit {result.exit_code}: {result.stderr.strip()[-200:]}")
    problems += loss_problems(result.stderr, records, output, folder)
    return Outcome(seconds, problems)


def loss_problems(stderr: str, records: int | None, output: Path, folder: Path) -> list[str]:
    counts = counted(stderr)
    if counts is None:
        return ["no run summary"]
    total, cleaned, failed, skipped = counts
    problems = []
    if records is not None and total != records:
        problems.append(f"{records} records in the input, {total} read")
    out_lines = 0
    if output.exists():
        data = output.read_bytes()
        if output.suffix == ".gz":
            data = gzip.decompress(data)
        out_lines = data.count(b"\n")
    errors_file = folder / (output.name.split(".")[0] + ".errors.jsonl")
    err_lines = errors_file.read_bytes().count(b"\n") if errors_file.exists() else 0
    if out_lines != cleaned or err_lines != failed:
        problems.append(
            f"silent loss: {cleaned} cleaned / {out_lines} written, {failed} failed / {err_lines} kept"
        )
    if cleaned + failed + skipped != total:
        problems.append(f"counts do not add up: {counts}")
    return problems


def pipe_case(data: bytes, records: int, folder: Path) -> Outcome:
    output = folder / "pipe.jsonl"
    args = [sys.executable, "-m", "cleaner", "clean", "-", "-o", str(output), "--no-heuristics"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    try:
        done = subprocess.run(args, input=data, capture_output=True, env=env, timeout=HANG_SECONDS)
    except subprocess.TimeoutExpired:
        return Outcome(time.perf_counter() - started, [f"hang (over {HANG_SECONDS} s)"])
    seconds = time.perf_counter() - started
    stderr = done.stderr.decode("utf-8", "replace")
    problems = [] if done.returncode in (0, 1) else [f"exit {done.returncode}: {stderr.strip()[-200:]}"]
    if "Traceback" in stderr:
        problems.append("traceback on stderr")
    problems += loss_problems(stderr, records, output, folder)
    return Outcome(seconds, problems)


# --- the classes ----------------------------------------------------------------------


def run_class(name: str, size: int, rng: random.Random, cleaner: Cleaner, folder: Path) -> Outcome:
    if name == "text":
        text = hostile_text(rng, size)
        return library_case(lambda: cleaner.clean(text))
    if name == "short-lines":
        text = hostile_text(rng, size, (1, 2))
        return library_case(lambda: cleaner.clean(text))
    if name == "huge-words":
        text = huge_words(rng, size)
        return library_case(lambda: cleaner.clean(text))
    if name == "html":
        page = tag_soup(rng, size)
        return library_case(lambda: cleaner.clean(html=page, url="https://news.example.org/a"))
    if name == "charsets":
        data = charset_page(rng, size)
        return library_case(lambda: cleaner.clean(html=data))
    if name == "nesting":
        page = nested(rng, size)
        return library_case(lambda: cleaner.clean(html=page))
    if name == "attributes":
        page = attributes(rng, size)
        return library_case(lambda: cleaner.clean(html=page))
    if name == "long-lines":
        text = "\n\n".join(words(rng, 2000) + "." for _ in range(size // 12000 + 1))
        return library_case(lambda: cleaner.clean(text))
    if name in ("jsonl", "jsonl.gz", "jsonl.zst"):
        data, records = jsonl_dump(rng, size)
        source = folder / f"dump.{name}"
        if name == "jsonl.gz":
            data = gzip.compress(data, mtime=0)
        elif name == "jsonl.zst":
            data = zstandard.ZstdCompressor().compress(data)
        source.write_bytes(data)
        output = folder / "out.jsonl"
        return cli_case(["clean", str(source), "-o", str(output)], records, folder, output)
    if name == "warc.gz":
        data, records = warc_dump(rng, size)
        source = folder / "dump.warc.gz"
        source.write_bytes(data)
        output = folder / "out.jsonl"
        # records cut in the middle may hide the ones after them in the same damage: the
        # summary's own sums are checked, and every damaged member must be an error
        return cli_case(["clean", str(source), "-o", str(output)], None, folder, output)
    if name == "pipe":
        data, records = jsonl_dump(rng, size)
        return pipe_case(data, records, folder)
    if name == "rules":
        rules = folder / "rules"
        rules.mkdir()
        rule_folder(rng, size, rules)
        return library_case(lambda: Cleaner(rules_paths=[str(rules)], use_env=False).clean("a b c 1"))
    raise ValueError(name)


CLASSES = [
    "text",
    "short-lines",
    "html",
    "charsets",
    "nesting",
    "attributes",
    "long-lines",
    "huge-words",
    "jsonl",
    "jsonl.gz",
    "jsonl.zst",
    "warc.gz",
    "pipe",
    "rules",
]


def exponent(sizes: list[float], seconds: list[float]) -> float:
    """Slope of the least-squares line through (log size, log seconds)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-4)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else float("nan")


def main_bench() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--start-mb", type=float, default=0.125)
    parser.add_argument("--steps", type=int, default=4, help="sizes: start, 2x start, 4x start ...")
    parser.add_argument("--only", default="", help="comma-separated classes")
    args = parser.parse_args()
    chosen = [c for c in CLASSES if not args.only or c in args.only.split(",")]
    cleaner = Cleaner()
    cleaner.clean(html="<html><body><p>Warm up: lxml and trafilatura load once.</p></body></html>")
    signal.signal(signal.SIGALRM, _alarm)
    rows = []
    for name in chosen:
        row = Row(name)
        with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
            row.baseline = run_class(name, BASELINE_BYTES, random.Random(SEED), cleaner, Path(tmp)).seconds
        for step in range(args.steps):
            size = int(args.start_mb * MB * 2**step * CLASS_SCALE.get(name, 1.0))
            rng = random.Random(f"{SEED}-{name}-{step}")
            with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
                signal.alarm(HANG_SECONDS)
                try:
                    outcome = run_class(name, size, rng, cleaner, Path(tmp))
                finally:
                    signal.alarm(0)
            row.sizes.append(size / MB)
            row.seconds.append(outcome.seconds)
            row.problems += [f"{size / MB:g} MB: {p}" for p in outcome.problems]
            print(
                f"  {name} {size / MB:g} MB: {outcome.seconds:.2f} s {outcome.problems or ''}",
                file=sys.stderr,
            )
        rows.append(row)
    print_table(rows)
    return 1 if any(r.problems for r in rows) else 0


def print_table(rows: list[Row]) -> None:
    steps = len(rows[0].sizes) if rows else 0
    head = ["class", "fixed s"] + [f"size {i + 1}: MB, s" for i in range(steps)]
    head += ["exponent", "worst s/MB", "problems"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        cells = [row.name, f"{row.baseline:.2f}"]
        cells += [f"{s:g}: {t:.2f}" for s, t in zip(row.sizes, row.seconds)]
        fit = [
            (s, t - row.baseline)
            for s, t in zip(row.sizes, row.seconds)
            if t >= FIT_ABOVE_FIXED * row.baseline
        ]
        if len(fit) >= 2:
            cells.append(f"{exponent([s for s, _ in fit], [t for _, t in fit]):.2f}")
        else:
            cells.append("n/a (fixed cost)")
        cells.append(f"{max(t / s for t, s in zip(row.seconds, row.sizes)):.2f}")
        cells.append(str(len(row.problems)))
        print("| " + " | ".join(cells) + " |")
    for row in rows:
        for problem in row.problems:
            print(f"{row.name}: {problem}")


if __name__ == "__main__":
    sys.exit(main_bench())
