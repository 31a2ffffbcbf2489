"""No outlet selectors: trafilatura finds the article, then we map it back.

Trafilatura returns text, not elements, so its output is aligned with the
page blocks on word tokens: each block's token run is looked up in the
output, and a heaviest increasing chain of matches (weighted by tokens) picks
one consistent reading. A teaser that repeats the lead paragraph above the
article therefore cannot pull the alignment past the real lead.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

_TOKEN = re.compile(r"\w+")
MAX_CANDIDATES = 16  # occurrences of one anchor block looked at
# Output positions whose first ANCHOR_TOKENS words match one anchor block that
# are compared in full: bounds the work per block (so per page) when a phrase
# repeats thousands of times; real pages repeat a 3-word phrase far less often.
MAX_PROBES = 256
ANCHOR_TOKENS = 3  # blocks this long fix the alignment; shorter ones fill gaps
GAP_WINDOW = 3  # tokens a gap block may start after the previous one
SHINGLE = 4
FUZZY_MIN_TOKENS = 6  # blocks this long may match by shingle overlap when text differs
FUZZY_SHARE = 0.6  # share of a block's shingles found in the output to count as article

# trafilatura settings: those of the benchmark baseline (its defaults, no comments)
TRAFILATURA_OPTIONS: dict[str, Any] = {"include_comments": False}


def extract_text(tree: Any, url: str | None) -> str | None:
    """Trafilatura's main text for a parsed page (it works on its own copy) or page text."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        return trafilatura.extract(tree, url=url, **TRAFILATURA_OPTIONS)
    except (ValueError, TypeError, RecursionError):
        return None


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def align(block_texts: Sequence[str], extracted: str) -> list[bool]:
    """Which blocks trafilatura's output contains, in one consistent order.

    Blocks of ANCHOR_TOKENS words or more are anchors: a heaviest chain of
    their exact matches fixes the alignment. Shorter blocks (table cells,
    list items) and slightly rewritten blocks are then placed in the output
    left between two anchors, in page order.
    """
    out = tokens(extracted)
    n = len(block_texts)
    if not out or not n:
        return [False] * n
    block_tokens = [tokens(t) for t in block_texts]
    candidates = _anchor_starts(block_tokens, out)
    chosen = _heaviest_chain(candidates, [len(t) for t in block_tokens], len(out))
    inside = [c is not None for c in chosen]
    bounds = [(-1, 0)] + [(i, start) for i, start in enumerate(chosen) if start is not None] + [(n, len(out))]
    for (left, left_start), (right, right_start) in zip(bounds, bounds[1:]):
        region_start = left_start + len(block_tokens[left]) if left >= 0 else 0
        if right - left > 1 and right_start > region_start:
            _fill_gap(inside, block_tokens, range(left + 1, right), out[region_start:right_start])
    _fill_punctuation(inside, block_tokens)
    return inside


def _anchor_starts(block_tokens: list[list[str]], out: list[str]) -> list[list[int]]:
    """Token positions in ``out`` where each anchor block's words occur, in order.

    An index of the output's ANCHOR_TOKENS-word prefixes replaces a scan of
    the whole output per block, which made a page of 100,000 links take
    minutes; at most MAX_PROBES positions are compared per block.
    """
    index: dict[tuple[str, ...], list[int]] = {}
    for at in range(len(out) - ANCHOR_TOKENS + 1):
        index.setdefault(tuple(out[at : at + ANCHOR_TOKENS]), []).append(at)
    seen: dict[tuple[str, ...], list[int]] = {}
    candidates: list[list[int]] = []
    for toks in block_tokens:
        if len(toks) < ANCHOR_TOKENS:
            candidates.append([])
            continue
        key = tuple(toks)
        found = seen.get(key)
        if found is None:
            found = []
            size = len(toks)
            for at in index.get(key[:ANCHOR_TOKENS], [])[:MAX_PROBES]:
                if out[at : at + size] == toks:
                    found.append(at)
                    if len(found) == MAX_CANDIDATES:
                        break
            seen[key] = found
        candidates.append(list(found))
    return candidates


def _fill_gap(inside: list[bool], block_tokens: list[list[str]], blocks: range, region: list[str]) -> None:
    """Place the blocks between two anchors in the output between them.

    A block counts when its words come next in the region (within
    GAP_WINDOW tokens: trafilatura may keep a word we do not show), or, for
    a long block, when most of its shingles are still unused in the region.
    """
    cursor = 0
    unused: Counter[tuple[str, ...]] | None = None
    for i in blocks:
        toks = block_tokens[i]
        if not toks:
            continue
        size = len(toks)
        limit = min(len(region) - size, cursor + GAP_WINDOW)
        for at in range(cursor, limit + 1):
            if region[at : at + size] == toks:
                inside[i] = True
                cursor = at + size
                break
        if inside[i] or size < FUZZY_MIN_TOKENS:
            continue
        if unused is None:
            unused = Counter(tuple(region[j : j + SHINGLE]) for j in range(len(region) - SHINGLE + 1))
        grams = [tuple(toks[j : j + SHINGLE]) for j in range(size - SHINGLE + 1)]
        hits = [g for g in grams if unused[g] > 0]
        if len(hits) >= FUZZY_SHARE * len(grams):
            inside[i] = True
            unused.subtract(hits)


def _heaviest_chain(candidates: list[list[int]], weights: list[int], size: int) -> list[int | None]:
    """Pick at most one start per block so spans increase and never overlap.

    Weighted longest-increasing-chain with a Fenwick tree of prefix maxima
    over end positions: O(C log T) for C candidates and T output tokens.
    """
    tree_val = [0] * (size + 2)
    tree_ref = [-1] * (size + 2)
    nodes: list[tuple[int, int, int]] = []  # (block, start, previous node)

    def query(limit: int) -> tuple[int, int]:
        best, ref = 0, -1
        i = limit + 1
        while i > 0:
            if tree_val[i] > best:
                best, ref = tree_val[i], tree_ref[i]
            i -= i & -i
        return best, ref

    def update(position: int, value: int, ref: int) -> None:
        i = position + 1
        while i <= size + 1:
            if value > tree_val[i]:
                tree_val[i], tree_ref[i] = value, ref
            i += i & -i

    best_total, best_node = 0, -1
    for block, starts in enumerate(candidates):
        if not starts:
            continue
        weight = weights[block]
        pending = []
        for start in starts:
            value, ref = query(start)
            nodes.append((block, start, ref))
            pending.append((start + weight, value + weight, len(nodes) - 1))
        for end, value, node in pending:
            update(end, value, node)
            if value > best_total:
                best_total, best_node = value, node
    chosen: list[int | None] = [None] * len(candidates)
    node = best_node
    while node >= 0:
        block, start, previous = nodes[node]
        chosen[block] = start
        node = previous
    return chosen


def _fill_punctuation(inside: list[bool], block_tokens: list[list[str]]) -> None:
    """A block with no words (a dash, a bullet) follows its neighbours."""
    n = len(inside)
    for i, toks in enumerate(block_tokens):
        if toks or inside[i]:
            continue
        before = i > 0 and inside[i - 1]
        after = i + 1 < n and inside[i + 1]
        inside[i] = before and after
