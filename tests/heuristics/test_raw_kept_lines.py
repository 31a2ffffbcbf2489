"""A raw page dump's kept lines are read as an article too: a short line the classifier
kept that a lead-in or a family phrase opens ("Related: <headline>", "© 2024 ...",
"Sign up for our newsletter and ...") goes, as in an extractor's output.

The page is written for this test, modelled on a news site's whole text: a menu, the
article with the outlet's lines inside it, a footer. The classifier is made to keep
every line, so only that reading can take those lines out.
"""

from __future__ import annotations

from dataclasses import replace

from cleaner import Cleaner
from cleaner.heuristics import HeuristicLabeler
from cleaner.heuristics.model import load_model
from tests.heuristics.article_pages import PARAGRAPHS as ARTICLE

KEEP_ALL = 1e-9  # a keep threshold this low: the classifier keeps every line

MENU = [
    "Home", "News", "Politics", "Business", "Sport", "Culture", "Weather", "Contact", "Login", "Search",
    "Local", "World", "Opinion", "Video", "Podcasts", "Jobs", "Events", "Obituaries", "Archive", "Maps",
]  # fmt: skip
PARAGRAPHS = [
    *ARTICLE,
    "Engineers expect the first test trains to run on the upgraded track in the autumn, after the "
    "signalling work on the bridge over the river is finished.",
]
OUTLET_LINES = [
    ("Related: Council split over new parking charges in the old town", "related"),
    ("Sign up for our newsletter and get the week's local stories", "newsletter"),
    ("© 2024 Valley Courier Media. Reprinting this story needs the publisher's consent.", "legal"),
]
FOOTER = [
    "Imprint", "Privacy policy", "Terms of use", "Careers", "Advertise", "Newsletters", "Facebook",
    "Twitter", "Instagram", "Sitemap", "RSS", "Help", "About us", "Corrections", "Ethics policy",
    "Accessibility", "Cookie settings", "Contact us", "Subscribe", "E-paper", "Shop", "Puzzles",
    "Horoscope", "TV guide", "Classifieds", "Back to top",
]  # fmt: skip


def _keep_all_cleaner() -> Cleaner:
    model = load_model()
    cleaner = Cleaner(use_env=False)
    cleaner.heuristics = HeuristicLabeler(
        model=replace(model, noisy=replace(model.noisy, threshold=KEEP_ALL))
    )
    return cleaner


def _page(lines: list[str]) -> str:
    page = MENU + lines + FOOTER
    assert len(page) >= load_model().noisy_min_lines  # a raw dump long enough for the classifier's regime
    return "\n".join(page) + "\n"


def test_outlet_lines_the_classifier_kept_go_as_in_an_article() -> None:
    body = [PARAGRAPHS[0], OUTLET_LINES[0][0], PARAGRAPHS[1], PARAGRAPHS[2], OUTLET_LINES[1][0]]
    body += [PARAGRAPHS[3], OUTLET_LINES[2][0]]
    result = _keep_all_cleaner().clean(_page(body))
    assert all(p in result.body for p in PARAGRAPHS)
    for line, category in OUTLET_LINES:
        assert line not in result.body
        assert [(s.category, s.rule) for s in result.removed if line in s.text] == [
            (category, "heuristic:opening-phrase")
        ]


def test_article_sentences_opening_like_them_stay() -> None:
    sentences = [
        "Related costs rose by three percent, the ministry said.",
        "Sign-up numbers for the summer school doubled this year.",
    ]
    body = [PARAGRAPHS[0], sentences[0], PARAGRAPHS[1], sentences[1], PARAGRAPHS[2]]
    result = _keep_all_cleaner().clean(_page(body))
    assert all(line in result.body for line in body)
