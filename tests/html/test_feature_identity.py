"""The classifier's features and both stages' scores are the same floats, bit for bit, as
those of the code before the per-page trims (kept in tests/html/feature_reference.py): on the
test pages and on generated pages of nested containers, classes, links and repeated cards."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest

from cleaner.html.blockfeatures import PageLayout, block_features
from cleaner.html.classifier import shipped_classifier
from cleaner.html.text import page_text, parse_html
from tests.html.feature_reference import reference_block_features, reference_scores
from tests.html.test_html import page

GENERATED_PAGES = 60
TAGS = ("div", "section", "article", "ul", "li", "p", "nav", "footer", "aside", "table", "td", "figure", "h2")
CLASSES = (None, "card", "nav-menu", "post-body", "comment", "related", "teaser card", "")
WORDS = (
    "storm",
    "harbour",
    "road",
    "the",
    "12",
    "Über",
    "écluse",
    "news,",
    "end.",
    "\u00a0",
    "🌊",
    "read more",
)


def same_bits(a: Any, b: Any) -> bool:
    """Equal arrays of equal shape, compared as their 64-bit patterns (so -0.0 is not 0.0)."""
    a, b = np.ascontiguousarray(a, dtype=np.float64), np.ascontiguousarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.array_equal(a.view(np.uint64), b.view(np.uint64)))


def generated_page(rng: random.Random) -> str:
    """A random page: nested containers with or without classes, text and link blocks."""

    def element(depth: int) -> str:
        tag = rng.choice(TAGS)
        name = rng.choice(CLASSES)
        attribute = f' class="{name}"' if name is not None else ""
        if depth > 5 or rng.random() < 0.3:
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 25)))
            if rng.random() < 0.3:
                text = f'<a href="/x">{text}</a> {rng.choice(WORDS)}'
            return f"<{tag}{attribute}>{text}</{tag}>"
        return (
            f"<{tag}{attribute}>"
            + "".join(element(depth + 1) for _ in range(rng.randrange(1, 5)))
            + f"</{tag}>"
        )

    return "<html><head><title>Storm harbour</title></head><body>" + element(0) + "</body></html>"


def pages() -> list[str]:
    rng = random.Random(26)
    fixed = [page(name).decode("utf-8") for name in ("harbour_gazette.html", "valley_courier.html")]
    small = ["<html><body></body></html>", "<p>one block.</p>", "<div class='card'><p>a</p></div>" * 3]
    return fixed + small + [generated_page(rng) for _ in range(GENERATED_PAGES)]


@pytest.mark.parametrize("number", range(GENERATED_PAGES + 5))
def test_features_and_scores_are_the_references(number: int) -> None:
    html = pages()[number]
    walk = page_text(parse_html(html, for_trafilatura=False))
    model = shipped_classifier()
    for title, description in ((None, None), ("Storm closes the harbour road", "The harbour news, 12 end.")):
        features, first, second = reference_scores(model, walk, title, description)
        assert same_bits(block_features(walk, title, description), features)
        assert same_bits(block_features(walk, title, description, PageLayout(walk)), features)
        assert same_bits(reference_block_features(walk, title, description), features)
        decision = model.decide(walk, title, description)
        assert same_bits(decision.probabilities, second)
        assert len(first) == len(walk.blocks)
