"""Shipped outlet rule files: every example passes, patterns stay tight, and
the Moscow Times appeal comes out as one segment (the seed requirement).

Examples run with heuristics off, so each one tests its outlet's rules alone.
The seed-like documents here are written for the tests; the real seed in
../shared/seeds is checked as well when it exists, never required.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.outlets.resolver import OutletResolver
from cleaner.outlets.rules import Example, builtin_rules_dir, load_rulebook
from cleaner.result import Result
from tests.paths import SEED

MIN_OUTLET_FILES = 11  # The Moscow Times and at least ten more
MIN_FINGERPRINT_CHARS = 15  # shorter literals are too likely to occur in any article
TMT = "themoscowtimes.com"
TMT_URL = "https://www.themoscowtimes.com/2021/12/21/a-story-a75871"
SEED_PATH = SEED

BOOK = load_rulebook(use_env=False)
CLEANER = Cleaner(heuristics=False, use_env=False)
EXAMPLES: list[tuple[str, Example]] = [
    (outlet.key, example)
    for outlet in sorted(BOOK.outlets.values(), key=lambda o: o.key)
    for example in outlet.examples
]


def _lossless(result: Result) -> bool:
    return "".join(s.text for s in result.segments) == result.source


def _run(key: str, example: Example) -> Result:
    if example.is_html:
        return CLEANER.clean(html=example.input, outlet=key, url=example.url, date=example.date)
    return CLEANER.clean(example.input, outlet=key, url=example.url, date=example.date)


@pytest.mark.parametrize(
    ("key", "example"), EXAMPLES, ids=[f"{key}:{example.name}" for key, example in EXAMPLES]
)
def test_rule_example(key: str, example: Example) -> None:
    result = _run(key, example)
    assert result.body.strip() == example.body.strip()
    assert _lossless(result)
    assert result.outlet == key


def test_every_shipped_file_loads_with_examples() -> None:
    files = sorted(builtin_rules_dir().glob("*.yaml"))
    assert len(files) >= MIN_OUTLET_FILES
    assert len(BOOK.outlets) == len(files)
    for outlet in BOOK.outlets.values():
        assert outlet.examples, outlet.path
        assert outlet.text, outlet.path
        assert any(e.input.strip() != e.body.strip() for e in outlet.examples), (
            f"{outlet.path}: no example shows a removal"
        )


def test_fingerprints_are_distinctive_and_unshadowed() -> None:
    resolver = OutletResolver(BOOK)
    owners: dict[str, str] = {}
    for outlet in BOOK.outlets.values():
        for fingerprint in outlet.fingerprints:
            assert len(fingerprint) >= MIN_FINGERPRINT_CHARS, (outlet.key, fingerprint)
            assert fingerprint not in owners, (
                f"{fingerprint!r} claimed by {owners.get(fingerprint)} and {outlet.key}"
            )
            owners[fingerprint] = outlet.key
            found = resolver.by_text(f"Some article text.\n{fingerprint}\n")
            assert found is not None and found.key == outlet.key, fingerprint
    for outlet in BOOK.outlets.values():
        for example in outlet.examples:
            for fingerprint, owner in owners.items():
                if owner != outlet.key:
                    assert fingerprint not in example.input, (outlet.key, example.name, fingerprint)


# An ordinary article that talks about support, newsletters, photographs,
# sharing and reporting in full sentences: no outlet rule may touch it.
NEUTRAL_ARTICLE = "\n".join(
    [
        "The city's oldest newspaper said on Monday that readers who support it can now give once, monthly or annually.",
        "Its weekly newsletter, which has 40,000 subscribers, was launched in 2019 and will now be sent daily.",
        "“Dear readers, we owe you an apology,” the editor wrote in a note on the front page last spring.",
        "Share prices of the paper's owner fell 3% in early trading after the announcement.",
        "Editors said the photograph on the front page was taken by a reader on Monday morning.",
        "Reporting by the paper's own staff last year showed that the council had overspent on roads.",
        "Recommended stories from the archive were republished on the site over the weekend.",
        "Source material for the series came from court records and interviews with 40 former employees.",
        "We are facing a difficult winter, the mayor said, but the budget will balance.",
        "Remind me later, she told the clerk, and walked out of the office without signing.",
        "The publisher said it would keep the site free to read and would not add a paywall.",
        "Read more about the plan in the council's published minutes, the spokesperson said.",
    ]
)


@pytest.mark.parametrize("key", sorted(BOOK.outlets))
def test_rules_leave_an_ordinary_article_alone(key: str) -> None:
    result = CLEANER.clean(NEUTRAL_ARTICLE, outlet=key)
    assert [(s.rule, s.text) for s in result.removed] == []
    assert result.body == NEUTRAL_ARTICLE


# A seed-like Moscow Times document: eleven article paragraphs, then the
# appeal from its header through "Remind me later." (no trailing newline).
SEED_ARTICLE = [
    "The Kremlin warned on Tuesday that it would respond to new Western sanctions with measures of its own, escalating a dispute over frozen assets.",
    "The European Union last week agreed to use profits from frozen Russian central bank reserves to fund reconstruction in Ukraine.",
    "“Any seizure of Russian property will be met with a proportionate response,” a Kremlin spokesman told reporters in Moscow.",
    "He did not say what measures were being considered.",
    "Russian officials have previously threatened to confiscate assets held in Russia by Western companies that have not left the country.",
    "The central bank said about $300 billion of its reserves had been frozen abroad since February 2022.",
    "Most of those assets are held at a clearing house in Belgium, which has said it will transfer the profits to the EU as required.",
    "Legal experts say seizing the reserves themselves would face far greater legal hurdles than using the interest they earn.",
    "The United States has pushed its allies to go further and confiscate the reserves outright.",
    "Western companies still operating in Russia include several banks and consumer goods makers.",
    "The Russian Finance Ministry said it had prepared a list of assets that could be targeted in retaliation.",
]
SEED_APPEAL = [
    "A Message from The Moscow Times:",
    "Dear readers,",
    'We are facing unprecedented challenges. The authorities have declared our newsroom an "undesirable" organization, criminalizing our work.',
    "We, the journalists of The Moscow Times, refuse to be silenced. But to continue our work, we need your help.",
    "Your support, no matter how small, makes a world of difference. If you can, please support us monthly starting from just $2.",
    "By supporting The Moscow Times, you're defending open, independent journalism in the face of repression. Thank you for standing with us.",
    "Remind me later.",
]
SEED_LIKE = "\n".join(SEED_ARTICLE + SEED_APPEAL)


def _assert_one_appeal_segment(result: Result, article: str) -> None:
    assert result.outlet == TMT
    assert _lossless(result)
    assert len(result.removed) == 1
    appeal = result.removed[0]
    assert appeal.category == "donation_appeal"
    assert appeal.rule == f"{TMT}:donation-appeal"
    assert appeal.text.startswith("A Message from The Moscow Times:")
    assert appeal.text.rstrip().endswith("Remind me later.")
    assert result.body == article.strip()


@pytest.mark.parametrize(
    "how",
    [
        {"outlet": TMT},
        {"url": TMT_URL},
        {"url": "https://themoscowtimes.com/2024/07/01/x"},
        {},  # fingerprint only
        {"url": TMT_URL, "date": "2024-09-02"},  # the dated appeal rule must not split it
    ],
    ids=["outlet", "url", "bare-domain", "fingerprint", "dated"],
)
def test_seed_like_appeal_is_one_segment(how: dict[str, str]) -> None:
    result = CLEANER.clean(SEED_LIKE, **how)
    _assert_one_appeal_segment(result, "\n".join(SEED_ARTICLE))
    assert result.body.split("\n") == SEED_ARTICLE


def test_seed_requirement_on_the_real_seed_when_present() -> None:
    """The real seed is read when the shared folder exists; the fixture always runs."""
    documents = [SEED_LIKE]
    if SEED_PATH.is_file():
        documents.append(SEED_PATH.read_text(encoding="utf-8"))
    for text in documents:
        article = text[: text.index("A Message from The Moscow Times:")]
        for how in ({"url": TMT_URL}, {}):
            result = CLEANER.clean(text, **how)
            _assert_one_appeal_segment(result, article)
            assert len(result.body.split("\n")) == len(SEED_ARTICLE)


def test_seed_like_through_default_clean() -> None:
    """The full default flow (heuristics on) keeps the same eleven paragraphs."""
    from cleaner import clean

    result = clean(SEED_LIKE, url=TMT_URL)
    _assert_one_appeal_segment(result, "\n".join(SEED_ARTICLE))


TMT_FULL_LAYOUT = "\n".join(
    [
        "Support The Moscow Times!",
        "Contribute today",
        "Moscow's courts fined three cinemas on Friday for screening a foreign film without a license.",
        "The cinemas said they would appeal.",
        "Read more about: Culture , Courts",
        "Sign up for our free weekly newsletter",
        "Our weekly email newsletter, delivered every Monday.",
        "Subscribe",
        "Dear readers,",
        "Independent journalism in Russia needs you. Please give what you can.",
        "Once",
        "Monthly",
        "Annual",
        "Continue",
        "Not ready to support today?",
        "Remind me later.",
        "Read more",
        "Theatres Brace for a Quiet Season",
        "3 Min read",
        "A New Ban on Foreign Series",
        "4 Min read",
    ]
)


def test_moscow_times_layout_categories() -> None:
    result = CLEANER.clean(TMT_FULL_LAYOUT, url=TMT_URL)
    assert result.body == (
        "Moscow's courts fined three cinemas on Friday for screening a foreign film without a license.\n"
        "The cinemas said they would appeal."
    )
    assert _lossless(result)
    by_rule = [(s.rule, s.category) for s in result.removed]
    assert by_rule == [
        (f"{TMT}:support-banner", "donation_appeal"),
        (f"{TMT}:read-more-about", "related"),
        (f"{TMT}:newsletter-box", "newsletter"),
        (f"{TMT}:donation-appeal", "donation_appeal"),
        (f"{TMT}:read-more-list", "related"),
    ]
    appeal = result.removed[3].text
    assert appeal.startswith("Dear readers,") and appeal.rstrip().endswith("Remind me later.")


def test_stray_read_more_far_from_the_end_labels_one_line() -> None:
    article = [
        f"Paragraph {i} of a long story about the regional budget and its many items." for i in range(70)
    ]
    text = "\n".join(article[:5] + ["Read more"] + article[5:])
    result = CLEANER.clean(text, url=TMT_URL)
    assert [s.text.strip() for s in result.removed] == ["Read more"]
    assert result.body == "\n".join(article)


def test_dated_rules_follow_the_record_date() -> None:
    text = "Officials met on Friday.\nWe are facing unprecedented challenges. Please support us.\nRemind me later."
    after = CLEANER.clean(text, url=TMT_URL, date="2024-08-01")
    before = CLEANER.clean(text, url=TMT_URL, date="2023-08-01")
    assert after.body == "Officials met on Friday."
    assert [s.rule for s in after.removed] == [f"{TMT}:donation-appeal-undesirable"]
    assert (
        before.body == "Officials met on Friday.\nWe are facing unprecedented challenges. Please support us."
    )
    assert [s.rule for s in before.removed] == [f"{TMT}:donation-widget"]
