"""Speed of the html stage on the eval pages, against trafilatura.

Times, per page, on the pages of ../shared/eval/dev (seb-dev and traf):
- trafilatura.extract (the benchmark baseline's settings),
- cleaner by default (no outlet rules): the page's block classifier, and
  trafilatura on the pages the classifier is unsure of (the share of pages
  per path is printed),
- cleaner with ``fallback="always"``: trafilatura on every page,
- cleaner with ``fallback="never"``: the classifier alone (what the
  default costs on the pages it keeps),
- a plain lxml parse of the page (etree.HTMLParser), the floor,
and with ``--all`` also:
- cleaner through outlet selectors. The eval pages have no outlet rule
  files, so every page gets the same generic selector list
  (``article``, ``main``, ``[role=main]``, ``body``: the first that matches
  is the article), which costs what an outlet's own selectors cost,
- the selector lookup alone, lxml + cssselect against BeautifulSoup (lxml
  parser) + soupsieve, to justify the choice made in cleaner/html/select.py.

    python bench/html_speed.py              # all pages
    python bench/html_speed.py --limit 200
    python bench/html_speed.py --all        # also the selector rows
    python bench/html_speed.py --against ../main   # also the other checkout's three cleaner rows

With ``--against`` the other checkout's cleaner runs in a child process (its own
PYTHONPATH) that times each page itself; the pages still take turns with this
process's tools, so both checkouts run under the same machine load.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "--serve" not in sys.argv:  # the child of --against imports the other checkout (its PYTHONPATH)
    sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402
from cleaner.html.select import compiled  # noqa: E402
from cleaner.html.text import parse_html  # noqa: E402

EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
GENERIC_BODY = ("article", "main", "[role=main]", "body")
GENERIC_RULES = """\
outlet: Generic selectors (speed bench only)
domains: [generic.example]
html:
  body: ["article", "main", "[role=main]", "body"]
examples:
  - input: |
      One plain sentence of body text.
    body: |
      One plain sentence of body text.
"""


def load(limit: int | None) -> list[dict]:
    rows: list[dict] = []
    for name in ("seb-dev", "traf"):
        with gzip.open(EVAL_DIR / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
            for count, line in enumerate(handle):
                if limit and count >= limit:
                    break
                rows.append(json.loads(line))
    return rows


def timed(
    tools: dict[str, Callable[[dict], object]],
    rows: list[dict],
    after_warmup: Callable[[], None] = lambda: None,
    per_page: dict[str, list[float]] | None = None,
) -> dict[str, float]:
    """Seconds per tool over all pages, tools interleaved page by page.

    Interleaving puts every tool under the same machine load (other jobs
    come and go); each tool runs once on the first page before timing.
    ``per_page``, when given, receives each tool's seconds page by page.
    """
    totals = dict.fromkeys(tools, 0.0)
    pages: dict[str, list[float]] = per_page if per_page is not None else {}
    for name in tools:
        pages[name] = []
    for fn in tools.values():
        fn(rows[0])
    after_warmup()
    clock = time.perf_counter
    for row in rows:
        for name, fn in tools.items():
            started = clock()
            answer = fn(row)
            seconds = answer.seconds if isinstance(answer, Measured) else clock() - started
            totals[name] += seconds
            pages[name].append(seconds)
    for name, seconds in totals.items():
        print(f"{name:46s} {len(rows) / seconds:8.1f} pages/s  {1000 * seconds / len(rows):7.2f} ms/page")
    return totals


CLEANER_MODES = {"default": "auto", "always": "always", "never": "never"}


def serve(limit: int | None) -> int:
    """The child of ``--against``: read "MODE INDEX" lines, clean that page, answer the seconds."""
    logging.disable(logging.CRITICAL)
    rows = load(limit)
    cleaners = {name: Cleaner(fallback=mode) for name, mode in CLEANER_MODES.items()}
    clock = time.perf_counter
    for line in sys.stdin:
        name, index = line.split()
        row = rows[int(index)]
        started = clock()
        cleaners[name].clean(html=row["html"], url=row.get("url") or None)
        print(clock() - started, flush=True)
    return 0


@dataclass(frozen=True, slots=True)
class Measured:
    """A tool's answer that carries its own time (measured where it ran)."""

    seconds: float


class Against:
    """The other checkout's cleaner in a child process, one page at a time."""

    def __init__(self, checkout: Path, limit: int | None) -> None:
        command = [sys.executable, str(Path(__file__).resolve()), "--serve"]
        if limit:
            command += ["--limit", str(limit)]
        env = {**os.environ, "PYTHONPATH": str(checkout.resolve())}
        self.child = subprocess.Popen(
            command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def tool(self, mode: str, rows: list[dict]) -> Callable[[dict], object]:
        """Clean a page in the child; its time is what the child measured (not the pipe's round trip)."""
        where = {id(row): n for n, row in enumerate(rows)}

        def run(row: dict) -> object:
            assert self.child.stdin is not None and self.child.stdout is not None
            self.child.stdin.write(f"{mode} {where[id(row)]}\n")
            self.child.stdin.flush()
            return Measured(float(self.child.stdout.readline()))

        return run

    def close(self) -> None:
        if self.child.stdin is not None:
            self.child.stdin.close()
        self.child.wait()


DEFAULT_ROW = "cleaner, default (classifier, trafilatura if unsure)"
TRAFILATURA_ROW = "trafilatura.extract (include_comments=False)"


def print_fallback_share(
    per_page: dict[str, list[float]], page_paths: list[str], against: Path | None
) -> None:
    """Where the default's time goes: its pages sent to trafilatura, against the rest.

    Those pages cost the walk, a second parse and trafilatura's whole run, on pages
    larger than the mean; the lines say which share of each tool's time they take.
    """
    sent = [path == "trafilatura" for path in page_paths]
    if not sent or len(sent) != len(per_page.get(DEFAULT_ROW, [])):
        return
    rows = [DEFAULT_ROW, TRAFILATURA_ROW]
    if against is not None:
        rows.append(f"{against}: cleaner, default")
    for name in rows:
        seconds = per_page.get(name, [])
        total = sum(seconds)
        on_sent = sum(s for s, there in zip(seconds, sent) if there)
        if total > 0:
            print(
                f"{name:54s} {on_sent / total:6.1%} of its time on the {sum(sent)} pages"
                f" this checkout's default sends to trafilatura ({1000 * on_sent / max(sum(sent), 1):.2f} ms/page)"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="pages per eval set")
    parser.add_argument("--all", action="store_true", help="also time outlet selectors and BeautifulSoup")
    parser.add_argument("--against", type=Path, help="another checkout whose cleaner rows are timed too")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args.limit)
    if not EVAL_DIR.is_dir():
        print(f"eval pages not found at {EVAL_DIR}: nothing to measure", file=sys.stderr)
        return 2
    import trafilatura
    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)  # feeds and XHTML in the set
    rows = load(args.limit)
    url = lambda r: r.get("url") or None  # noqa: E731
    cleaner = Cleaner()
    always = Cleaner(fallback="always")
    never = Cleaner(fallback="never")
    paths: Counter[str] = Counter()
    page_paths: list[str] = []  # the default's path on each timed page, in order

    def by_default(row: dict) -> object:
        result = cleaner.clean(html=row["html"], url=url(row))
        path = result.metadata.get("html", {}).get("extraction", "none")
        paths[path] += 1
        page_paths.append(path)
        return result

    def after_warmup() -> None:
        paths.clear()
        page_paths.clear()

    def lxml_parse(row: dict) -> object:
        return parse_html(row["html"], for_trafilatura=False)

    folder = Path(tempfile.mkdtemp(prefix="html_speed_"))
    (folder / "generic.example.yaml").write_text(GENERIC_RULES, encoding="utf-8")
    selector_cleaner = Cleaner(rules_paths=[folder])

    def with_selectors(row: dict) -> object:
        return selector_cleaner.clean(html=row["html"], url=url(row), outlet="generic.example")

    def lxml_select(row: dict) -> object:
        root = parse_html(row["html"])
        return [compiled(s)(root) for s in GENERIC_BODY] if root is not None else None

    def soup_select(row: dict) -> object:
        soup = BeautifulSoup(row["html"], "lxml")
        return [soup.select(s) for s in GENERIC_BODY]

    print(f"{len(rows)} pages from {EVAL_DIR}")
    tools: dict[str, Callable[[dict], object]] = {
        "trafilatura.extract (include_comments=False)": lambda r: trafilatura.extract(
            r["html"], url=url(r), include_comments=False
        ),
        "cleaner, default (classifier, trafilatura if unsure)": by_default,
        'cleaner, fallback="always" (trafilatura first)': lambda r: always.clean(html=r["html"], url=url(r)),
        'cleaner, fallback="never" (classifier alone)': lambda r: never.clean(html=r["html"], url=url(r)),
        "plain lxml parse (etree.HTMLParser)": lxml_parse,
    }
    against = Against(args.against, args.limit) if args.against is not None else None
    if against is not None:
        for mode in CLEANER_MODES:
            tools[f"{args.against}: cleaner, {mode}"] = against.tool(mode, rows)
    if args.all:
        tools["cleaner, outlet selectors (generic list)"] = with_selectors
        tools["selector lookup: lxml parse + cssselect"] = lxml_select
        tools["selector lookup: BeautifulSoup(lxml) + select"] = soup_select
    per_page: dict[str, list[float]] = {}
    t = timed(tools, rows, after_warmup, per_page)
    if against is not None:
        against.close()
    traf = t["trafilatura.extract (include_comments=False)"]
    for name, seconds in t.items():
        print(f"{name:54s} {traf / seconds:6.2f}x trafilatura's pages/s")
    total = sum(paths.values())
    shares = ", ".join(f"{path} {count / total:.1%}" for path, count in paths.most_common())
    print(f"default's path per page ({total} pages): {shares}")
    print_fallback_share(per_page, page_paths, args.against)
    if args.all:
        lx, bs = (
            t["selector lookup: lxml parse + cssselect"],
            t["selector lookup: BeautifulSoup(lxml) + select"],
        )
        print(f"BeautifulSoup / lxml selector lookup: {bs / lx:.1f}x slower")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
