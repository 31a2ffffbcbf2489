"""The html classifier's features and context columns as they were computed before the
per-page trims (feat26), kept verbatim as the reference: the trimmed code must give the same
floats, bit for bit (tests/html/test_feature_identity.py)."""

from __future__ import annotations

from collections import Counter
from itertools import repeat
from typing import Any

import numpy as np

from cleaner.html.blockfeatures import (
    _ARTICLE_FAR,
    _ARTICLE_NEAR,
    _CLASSED,
    _COMMENT,
    _FLAG_COLUMN_BITS,
    _FURNITURE_FAR,
    _FURNITURE_NEAR,
    _PLACE_MASK,
    _TAG_GROUP,
    _TAG_GROUP_IDS,
    BLOCK_TEXT,
    FEATURE_NAMES,
    NEIGHBOUR_WINDOW,
    PROSE_MAX_LINK_SHARE,
    PROSE_MIN_WORDS,
    PageLayout,
    _character_counts,
    _log,
    _main_element,
    _word_columns,
    grouped_mean,
)
from cleaner.html.classifier import CONTEXT_WINDOW, STAGE2_EXTRA, BlockClassifier
from cleaner.html.text import PageText, node_attributes


def reference_block_features(
    page: PageText,
    title: str | None = None,
    description: str | None = None,
    layout: PageLayout | None = None,
) -> Any:
    """block_features as it was before the per-page trims of feat26: the identity reference."""
    n = len(page.blocks)
    # map() over C functions where a generator or comprehension ran a Python step per block
    texts = list(map(BLOCK_TEXT, page.blocks))
    chars = np.fromiter(map(len, texts), dtype=np.float64, count=n)
    digits, commas, sentence_end = _character_counts(page)
    links = np.minimum(np.asarray(page.link_chars, dtype=np.float64), chars)
    words, title_overlap, description_overlap = _word_columns(texts, title, description)
    safe_chars = np.maximum(chars, 1.0)
    link_share = links / safe_chars

    # containers: every ancestor's text and link characters, summed over the blocks inside it
    layout = layout if layout is not None else PageLayout(page)
    prose = (words >= PROSE_MIN_WORDS) & (link_share <= PROSE_MAX_LINK_SHARE)
    ones = np.ones(n)
    sums = layout.subtree_sums(np.vstack((chars, links, ones, np.where(prose, chars, 0.0))))
    total_chars = max(float(chars.sum()), 1.0)
    main = _main_element(sums[3], layout.depths)
    in_main = layout.within(main).astype(np.float64) if main is not None else np.zeros(n)
    element = layout.blocks
    has = element >= 0
    level1, level2, level3 = layout.above(1), layout.above(2), layout.above(3)
    container = np.zeros((n, 2, 3))  # (parent, grandparent) x (chars, links, blocks)
    for k, level in enumerate((level1, level2)):
        ok = level >= 0
        container[ok, k] = sums[:3, level[ok]].T

    def bits_at(ids: Any, table: Any) -> Any:
        return np.where(ids >= 0, table[np.maximum(ids, 0)], 0)

    own_bits, parent_bits = bits_at(element, layout.own), bits_at(level1, layout.own)  # each read twice
    near = own_bits | parent_bits | bits_at(level2, layout.own)
    far = bits_at(level3, layout.inherited)
    flags = bits_at(element, layout.inherited) & (_PLACE_MASK | _COMMENT)
    flags |= near & (_FURNITURE_NEAR | _ARTICLE_NEAR)
    flags |= np.where(far & _FURNITURE_NEAR, _FURNITURE_FAR, 0) | np.where(
        far & _ARTICLE_NEAR, _ARTICLE_FAR, 0
    )

    # teaser cards: many distinct elements with the same tag and class (the block's or its parent's)
    classed = own_bits & _CLASSED
    owner = np.where(classed > 0, element, np.where(parent_bits & _CLASSED, level1, -1))
    owner[~has] = -1
    distinct = np.unique(owner[owner >= 0]).tolist()
    attributes = node_attributes(page)  # read for PageLayout: no second read of the elements
    signatures = [(attributes[node][0], attributes[node][1] or "") for node in distinct]
    twins = Counter(signatures)
    twins_of = np.zeros(max(len(layout.nodes), 1))
    twins_of[distinct] = [twins[signature] for signature in signatures]
    parent_twins = np.where(owner >= 0, twins_of[np.maximum(owner, 0)], 0.0)

    shown = Counter(texts)
    repeated = (np.fromiter(map(shown.__getitem__, texts), dtype=np.int64, count=n) > 1).astype(np.float64)

    window_chars = _window_sum(chars, NEIGHBOUR_WINDOW) - chars
    window_links = _window_sum(links, NEIGHBOUR_WINDOW) - links
    prev_share = np.concatenate(([0.0], link_share[:-1])) if n else link_share
    next_share = np.concatenate((link_share[1:], [0.0])) if n else link_share
    prev_chars = np.concatenate(([0.0], chars[:-1])) if n else chars
    next_chars = np.concatenate((chars[1:], [0.0])) if n else chars

    tag_groups = np.fromiter(map(_TAG_GROUP.get, page.tags, repeat(-1)), dtype=np.int64, count=n)
    columns = [
        _log(chars),
        _log(words),
        link_share,
        sentence_end,
        commas / np.maximum(words, 1.0),
        digits / safe_chars,
        np.arange(n) / max(n - 1, 1),
        prev_share,
        next_share,
        window_links / np.maximum(window_chars, 1.0),
        _log(prev_chars),
        _log(next_chars),
        container[:, 0, 1] / np.maximum(container[:, 0, 0], 1.0),
        container[:, 1, 1] / np.maximum(container[:, 1, 0], 1.0),
        container[:, 0, 0] / total_chars,
        container[:, 1, 0] / total_chars,
        _log(container[:, 0, 2]),
        in_main,
        np.full(n, 1.0 if main is not None else 0.0),
        # the flag and tag-group columns as two 2-D blocks: one numpy call each, not one a column
        ((flags[:, None] & _FLAG_COLUMN_BITS) > 0).astype(np.float64),
        (tag_groups[:, None] == _TAG_GROUP_IDS).astype(np.float64),
        repeated,
        _log(parent_twins),
        title_overlap,
        description_overlap,
        np.full(n, np.log1p(n)),
    ]
    return np.column_stack(columns) if n else np.zeros((0, len(FEATURE_NAMES)))


def _window_sum(values: Any, half: int) -> Any:
    """Sum over i-half..i+half for every i (clipped at the page's ends)."""
    n = len(values)
    if n == 0:
        return values
    cumulative = np.concatenate(([0.0], np.cumsum(values)))
    idx = np.arange(n)
    return cumulative[np.minimum(idx + half + 1, n)] - cumulative[np.maximum(idx - half, 0)]


def reference_context_columns(chars: Any, parents: Any, grandparents: Any, first: Any) -> Any:
    """context_columns as it was: the second stage's columns from the first stage's scores."""
    n = len(first)
    if n == 0:
        return np.zeros((0, len(STAGE2_EXTRA)))
    prev = np.concatenate(([first[0]], first[:-1]))
    nxt = np.concatenate((first[1:], [first[-1]]))
    cumulative = np.concatenate(([0.0], np.cumsum(first)))
    idx = np.arange(n)
    lo, hi = np.maximum(idx - CONTEXT_WINDOW, 0), np.minimum(idx + CONTEXT_WINDOW + 1, n)
    window = (cumulative[hi] - cumulative[lo]) / (hi - lo)
    page_mean = float((first * chars).sum() / max(chars.sum(), 1.0))
    return np.column_stack(
        (
            first,
            grouped_mean(parents, chars, first),
            grouped_mean(grandparents, chars, first),
            prev,
            nxt,
            window,
            np.full(n, page_mean),
        )
    )


def reference_scores(
    model: BlockClassifier, page: PageText, title: str | None, description: str | None
) -> tuple[Any, Any, Any]:
    """(features, first-stage and second-stage probabilities) as decide computed them."""
    layout = PageLayout(page)
    features = reference_block_features(page, title, description, layout)
    chars = np.fromiter(map(len, map(BLOCK_TEXT, page.blocks)), dtype=np.float64, count=len(page.blocks))
    first = model.first.probabilities(features)
    context = reference_context_columns(chars, layout.groups(1), layout.groups(2), first)
    return features, first, model.second.probabilities(np.column_stack((features, context)))
