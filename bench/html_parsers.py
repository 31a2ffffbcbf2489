"""Parse plus walk on the eval pages: which HTML parser the html stage should use.

For every page of ../shared/eval/dev (seb-dev and traf), each parser builds
its tree and then walks it once the way the html stage's page walk does:
every element (its tag and class attribute) and every text node (its text).
The parsers take turns page by page, so they share the machine's load.

- lxml etree.HTMLParser (plain elements, what the html stage uses when
  trafilatura does not see the tree),
- lxml.html.HTMLParser (HtmlElement objects via a Python class lookup; what
  trafilatura needs),
- selectolax's Lexbor parser (``pip install selectolax``),
- resiliparse's Lexbor-based HTMLTree (``pip install resiliparse``).

A parser that is not installed is left out and said so.

    python bench/html_parsers.py --limit 200
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
OPTIONS: dict[str, Any] = {"collect_ids": False, "default_doctype": False, "huge_tree": True}


def load(limit: int | None) -> list[str]:
    pages: list[str] = []
    for name in ("seb-dev", "traf"):
        with gzip.open(EVAL_DIR / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
            for count, line in enumerate(handle):
                if limit and count >= limit:
                    break
                pages.append(json.loads(line)["html"])
    return pages


def lxml_walker(html_module: bool) -> Callable[[str], int]:
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(**OPTIONS) if html_module else etree.HTMLParser(**OPTIONS)

    def run(page: str) -> int:
        try:
            root = etree.fromstring(page.encode("utf-8", "surrogatepass"), parser=parser)
        except etree.XMLSyntaxError:
            return 0
        if root is None:
            return 0
        chars = 0
        for event, el in etree.iterwalk(root, events=("start", "end")):
            if event == "start":
                el.get("class")
                text = el.text
            else:
                text = el.tail
            if text:
                chars += len(text)
        return chars

    return run


def selectolax_walker() -> Callable[[str], int]:
    from selectolax.lexbor import LexborHTMLParser

    def run(page: str) -> int:
        tree = LexborHTMLParser(page)
        chars = 0
        root = tree.root
        if root is None:
            return 0
        for node in root.traverse(include_text=True):
            if node.is_text_node:
                chars += len(node.text_content or "")
            else:
                node.attributes.get("class")
        return chars

    return run


def resiliparse_walker() -> Callable[[str], int]:
    from resiliparse.parse.html import HTMLTree, NodeType, traverse_dom

    def run(page: str) -> int:
        tree = HTMLTree.parse(page)
        chars = 0

        def visit(ctx: Any) -> None:
            nonlocal chars
            node = ctx.node
            if node.type == NodeType.TEXT:
                chars += len(node.text)
            elif node.type == NodeType.ELEMENT:
                node.getattr("class")

        if tree.document is not None:
            traverse_dom(tree.document, visit)
        return chars

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="pages per eval set")
    args = parser.parse_args(argv)
    if not EVAL_DIR.is_dir():
        print(f"eval pages not found at {EVAL_DIR}: nothing to measure", file=sys.stderr)
        return 2
    pages = load(args.limit)
    tools: dict[str, Callable[[str], int]] = {
        "lxml etree.HTMLParser": lxml_walker(False),
        "lxml.html.HTMLParser": lxml_walker(True),
    }
    for name, make in (
        ("selectolax (Lexbor)", selectolax_walker),
        ("resiliparse HTMLTree", resiliparse_walker),
    ):
        try:
            tools[name] = make()
        except ImportError:
            print(f"{name}: not installed, left out", file=sys.stderr)
    totals = dict.fromkeys(tools, 0.0)
    for fn in tools.values():
        fn(pages[0])
    clock = time.perf_counter
    for page in pages:
        for name, fn in tools.items():
            started = clock()
            fn(page)
            totals[name] += clock() - started
    print(f"{len(pages)} pages from {EVAL_DIR}, parse + walk (every element's tag and class, every text)")
    print("| parser | pages/s | ms/page |")
    print("|---|---|---|")
    for name, seconds in totals.items():
        print(f"| {name} | {len(pages) / seconds:,.0f} | {1000 * seconds / len(pages):.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
