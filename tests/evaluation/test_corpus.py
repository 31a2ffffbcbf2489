"""Every corpus case through the default Cleaner: body equals the gold body.

This runs all of corpus/**, the outlet cases and the generic ones alike, with
the full flow (outlet rules and heuristics), as a user's clean() call would.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from cleaner import Cleaner
from cleaner.blocks import split_blocks
from cleaner.evaluation.corpus import Case, iter_cases
from cleaner.result import Result
from tests.paths import CORPUS

GENERIC_PREFIX = "generic-"  # folders of cases for outlets without rules
MIN_OUTLET_CASES = 20
MIN_OUTLETS = 10
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 8, 20  # news-length articles

CASES: list[Case] = list(iter_cases(CORPUS))
OUTLET_CASES = [c for c in CASES if not c.outlet.startswith(GENERIC_PREFIX)]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(use_env=False)


def _clean(cleaner: Cleaner, case: Case) -> Result:
    date = case.meta.get("date")
    if case.is_html:
        return cleaner.clean(html=case.content, url=case.url, date=date)
    return cleaner.clean(case.content, url=case.url, date=date)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.outlet}/{c.name}" for c in CASES])
def test_case_body_matches_gold(cleaner: Cleaner, case: Case) -> None:
    result = _clean(cleaner, case)
    assert "".join(s.text for s in result.segments) == result.source
    assert result.body.strip() == case.gold_body.strip()


def test_corpus_covers_enough_outlets() -> None:
    outlets = {c.outlet for c in OUTLET_CASES}
    assert len(OUTLET_CASES) >= MIN_OUTLET_CASES
    assert len(outlets) >= MIN_OUTLETS


@pytest.mark.parametrize("case", OUTLET_CASES, ids=[f"{c.outlet}/{c.name}" for c in OUTLET_CASES])
def test_outlet_case_is_well_formed(cleaner: Cleaner, case: Case) -> None:
    """Metadata on the outlet's own domain, a language, notes, news length."""
    url = case.url
    assert url is not None, f"{case.path}: no url in metadata"
    host = (urlsplit(url).hostname or "").lower()
    outlet = cleaner.rulebook.outlets.get(case.outlet)
    domains = outlet.domains if outlet is not None else (case.outlet,)
    assert any(host == d or host.endswith("." + d) for d in domains), (host, domains)
    assert case.meta.get("language"), f"{case.path}: no language"
    assert case.meta.get("notes"), f"{case.path}: no notes"
    paragraphs = len(split_blocks(case.gold_body))
    assert MIN_PARAGRAPHS <= paragraphs <= MAX_PARAGRAPHS, (case.path, paragraphs)
    # Outlet cases are there to exercise that outlet's rules.
    result = _clean(cleaner, case)
    assert result.outlet == case.outlet


def test_hard_cases_are_present() -> None:
    """Issue 2's hard cases: an outlet's own fundraising story kept whole, an
    appeal in the middle of an article, an appeal without its closing line."""
    names = {f"{c.outlet}/{c.name}" for c in OUTLET_CASES}
    assert "themoscowtimes.com/own-fundraising" in names
    assert "themoscowtimes.com/appeal-mid-article" in names
    assert "themoscowtimes.com/appeal-no-closing" in names
    whole = [c for c in OUTLET_CASES if c.name.startswith("own-")]
    assert whole
    for case in whole:
        own_story = case.content.strip()
        gold = case.gold_body.strip()
        assert own_story.startswith(gold), f"{case.path}: the own-funding story must stay whole"
