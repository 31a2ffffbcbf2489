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
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
) -> dict[str, float]:
    """Seconds per tool over all pages, tools interleaved page by page.

    Interleaving puts every tool under the same machine load (other jobs
    come and go); each tool runs once on the first page before timing.
    """
    totals = dict.fromkeys(tools, 0.0)
    for fn in tools.values():
        fn(rows[0])
    after_warmup()
    clock = time.perf_counter
    for row in rows:
        for name, fn in tools.items():
            started = clock()
            fn(row)
            totals[name] += clock() - started
    for name, seconds in totals.items():
        print(f"{name:46s} {len(rows) / seconds:8.1f} pages/s  {1000 * seconds / len(rows):7.2f} ms/page")
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="pages per eval set")
    parser.add_argument("--all", action="store_true", help="also time outlet selectors and BeautifulSoup")
    args = parser.parse_args(argv)
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

    def by_default(row: dict) -> object:
        result = cleaner.clean(html=row["html"], url=url(row))
        paths[result.metadata.get("html", {}).get("extraction", "none")] += 1
        return result

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
    if args.all:
        tools["cleaner, outlet selectors (generic list)"] = with_selectors
        tools["selector lookup: lxml parse + cssselect"] = lxml_select
        tools["selector lookup: BeautifulSoup(lxml) + select"] = soup_select
    t = timed(tools, rows, paths.clear)
    traf = t["trafilatura.extract (include_comments=False)"]
    for name, seconds in t.items():
        print(f"{name:54s} {traf / seconds:6.2f}x trafilatura's pages/s")
    total = sum(paths.values())
    shares = ", ".join(f"{path} {count / total:.1%}" for path, count in paths.most_common())
    print(f"default's path per page ({total} pages): {shares}")
    if args.all:
        lx, bs = (
            t["selector lookup: lxml parse + cssselect"],
            t["selector lookup: BeautifulSoup(lxml) + select"],
        )
        print(f"BeautifulSoup / lxml selector lookup: {bs / lx:.1f}x slower")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
