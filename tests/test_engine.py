"""The flow end to end on text: outlets, rule kinds, dates, overrides, threads."""

from __future__ import annotations

import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cleaner import Cleaner, InputError, clean
from tests.conftest import APPEAL, ARTICLE
from tests.paths import ROOT

RULES = """\
outlet: Harbour Gazette
domains: [harbour-gazette.test, harbourgazette.test]
fingerprints: ["Harbour Gazette relies on readers"]
text:
  - id: appeal
    category: donation_appeal
    block: {start: '^Keep the Gazette afloat$', end: '^Maybe later$', max_lines: 6}
  - id: tags
    category: related
    line: '^Tags:'
  - id: footer
    category: legal
    after: '^© Harbour Gazette'
  - id: old-banner
    category: subscription
    line: '^Subscribe for 1 euro$'
    valid_until: 2020-01-01
  - id: new-banner
    category: subscription
    line: '^Subscribe for 2 euros$'
    valid_from: 2020-01-01
examples:
  - input: |
      Body.
      Tags: harbour
    body: |
      Body.
"""


def gazette(folder: Path, text: str = RULES) -> Cleaner:
    (folder / "harbour-gazette.test.yaml").write_text(text, encoding="utf-8")
    return Cleaner(rules_paths=[folder], builtin_rules=False, heuristics=False)


def test_seed_like_appeal_is_one_segment(seed_like_text: str) -> None:
    result = clean(seed_like_text, url="https://www.themoscowtimes.com/2021/12/21/a-story")
    assert result.outlet == "themoscowtimes.com"
    assert len(result.removed) == 1
    removed = result.removed[0]
    assert removed.category == "donation_appeal"
    assert removed.rule == "themoscowtimes.com:donation-appeal"
    assert removed.text.startswith("A Message from The Moscow Times:")
    assert removed.text.endswith("Remind me later.")
    assert result.body == "\n".join(ARTICLE)
    assert "".join(s.text for s in result.segments) == result.source == seed_like_text


@pytest.mark.parametrize(
    "url",
    [
        "https://harbour-gazette.test/a",
        "http://www.harbour-gazette.test/a?b=1",
        "https://amp.harbour-gazette.test/a",
        "https://m.harbourgazette.test/x",
        "harbour-gazette.test/story",
    ],
)
def test_outlet_from_url(rules_dir: Path, url: str) -> None:
    cleaner = gazette(rules_dir)
    assert cleaner.clean("Body.\nTags: x", url=url).outlet == "harbour-gazette.test"


def test_outlet_explicit_fingerprint_and_none(rules_dir: Path) -> None:
    cleaner = gazette(rules_dir)
    assert cleaner.clean("Body.", outlet="Harbour Gazette").outlet == "harbour-gazette.test"
    assert cleaner.clean("Body.", outlet="harbourgazette.test").outlet == "harbour-gazette.test"
    by_text = cleaner.clean("Body.\nHarbour Gazette relies on readers like you.")
    assert by_text.outlet == "harbour-gazette.test"
    assert cleaner.clean("Body.", url="https://other.test/x").outlet is None
    assert cleaner.clean("Body.\nTags: x").body == "Body.\nTags: x"


def test_block_line_and_after_rules(rules_dir: Path) -> None:
    cleaner = gazette(rules_dir)
    text = "\n".join(
        [
            "One.",
            "Keep the Gazette afloat",
            "Every euro counts.",
            "Maybe later",
            "Two.",
            "Tags: boats, weather",
            "Three.",
            "© Harbour Gazette 2024",
            "Contact us",
        ]
    )
    result = cleaner.clean(text, outlet="harbour-gazette.test")
    assert result.body == "One.\nTwo.\nThree."
    assert [(s.category, s.rule) for s in result.removed] == [
        ("donation_appeal", "harbour-gazette.test:appeal"),
        ("related", "harbour-gazette.test:tags"),
        ("legal", "harbour-gazette.test:footer"),
    ]


def test_block_without_end(rules_dir: Path) -> None:
    cleaner = gazette(rules_dir)
    near_end = "One.\nKeep the Gazette afloat\nEvery euro counts.\nThank you."
    assert cleaner.clean(near_end, outlet="harbour-gazette.test").body == "One."
    far_from_end = "One.\nKeep the Gazette afloat\n" + "\n".join(f"Line {i}." for i in range(10))
    body = cleaner.clean(far_from_end, outlet="harbour-gazette.test").body
    assert body.startswith("One.\nLine 0.") and body.endswith("Line 9.")


def test_rule_dates(rules_dir: Path) -> None:
    cleaner = gazette(rules_dir)
    text = "Body.\nSubscribe for 1 euro\nSubscribe for 2 euros"
    assert (
        cleaner.clean(text, outlet="harbour-gazette.test", date="2019-05-01").body
        == "Body.\nSubscribe for 2 euros"
    )
    assert (
        cleaner.clean(text, outlet="harbour-gazette.test", date="2021-05-01T10:00:00Z").body
        == "Body.\nSubscribe for 1 euro"
    )
    assert cleaner.clean(text, outlet="harbour-gazette.test").body == "Body."
    with pytest.raises(InputError, match="ISO date"):
        cleaner.clean(text, date="yesterday")


def test_user_rules_override_shipped(
    tmp_path: Path, seed_like_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    override = textwrap.dedent(
        """\
        outlet: The Moscow Times (local)
        domains: [themoscowtimes.com]
        text:
          - id: only-tags
            category: related
            line: '^Read more about:'
        examples:
          - input: "Body.\\nRead more about: x"
            body: "Body."
        """
    )
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "themoscowtimes.com.yaml").write_text(override, encoding="utf-8")
    url = "https://www.themoscowtimes.com/x"
    assert Cleaner(heuristics=False, rules_paths=[folder]).clean(seed_like_text, url=url).removed == []
    monkeypatch.setenv("CLEANER_RULES_PATH", str(folder))
    assert Cleaner(heuristics=False).clean(seed_like_text, url=url).removed == []
    assert Cleaner(heuristics=False, use_env=False).clean(seed_like_text, url=url).removed != []


def test_no_builtin_rules(seed_like_text: str) -> None:
    cleaner = Cleaner(builtin_rules=False, heuristics=False)
    assert cleaner.rulebook.outlets == {}
    assert cleaner.clean(seed_like_text, url="https://themoscowtimes.com/x").outlet is None


def test_thread_safe_shared_cleaner(seed_like_text: str) -> None:
    cleaner = Cleaner()
    docs = [seed_like_text.replace("Wednesday", f"day {i}") for i in range(200)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda d: cleaner.clean(d, outlet="themoscowtimes.com"), docs))
    for doc, result in zip(docs, results):
        assert result.source == doc
        assert result.removed[0].text.startswith(APPEAL[0])


def test_bad_arguments() -> None:
    with pytest.raises(InputError):
        clean()
    with pytest.raises(InputError):
        clean("text", html="<p>x</p>")
    with pytest.raises(InputError, match="must be str"):
        clean(b"bytes")  # type: ignore[arg-type]


def test_to_dict_is_json_ready(seed_like_text: str) -> None:
    import json

    data = clean(seed_like_text, outlet="themoscowtimes.com").to_dict()
    assert json.loads(json.dumps(data))["removed"][0]["category"] == "donation_appeal"
    assert data["outlet"] == "themoscowtimes.com"


def test_lone_surrogate_in_text_is_kept_losslessly(seed_like_text: str) -> None:
    """A str with a lone surrogate (from a JSON escape such as \\ud800) is cleaned as if the
    surrogate were U+FFFD, and the result keeps the surrogate itself: same offsets, lossless."""
    cleaner = Cleaner(use_env=False)
    plain = cleaner.clean(seed_like_text.replace("narrow", "narrow\ufffd"))
    text = seed_like_text.replace("narrow", "narrow\ud800")
    result = cleaner.clean(text)
    assert result.source is text
    assert "".join(s.text for s in result.segments) == text
    assert all(text[s.start : s.end] == s.text for s in result.segments)
    assert [(s.start, s.end, s.kind, s.rule) for s in result.segments] == [
        (s.start, s.end, s.kind, s.rule) for s in plain.segments
    ]
    assert "narrow\ud800" in result.body
    for lone in ("a\ud800", "\udfff", "\ud800\n\udc00 x\n"):
        again = cleaner.clean(lone)
        assert "".join(s.text for s in again.segments) == lone


def test_lone_surrogate_in_html_str_does_not_cut_the_page() -> None:
    """lxml stops at a lone surrogate: the page would lose the text after it."""
    result = Cleaner(use_env=False).clean(html="<p>First part \ud800 and the rest.</p><p>Second.</p>")
    assert "and the rest." in result.source
    assert "Second." in result.source


def test_plain_text_given_as_html_is_one_paragraph_as_the_readme_says() -> None:
    """Not an InputError: text without markup is a page whose one paragraph is that text, its
    line breaks collapsed as a browser collapses them. The README must say so, not promise an error."""
    result = Cleaner(use_env=False, heuristics=False).clean(html="not html at all\nsecond line\n\nthird")
    assert result.source == "not html at all second line third"
    assert [s.kind for s in result.segments] == ["body"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    errors = readme[readme.index("Errors are `cleaner.CleanerError`") :].split("\n\n")[0]
    assert "not HTML)" not in errors and "one paragraph" in errors
    with pytest.raises(InputError, match="not HTML"):
        clean(html=b"%PDF-1.7 binary")  # what "not HTML" does mean: another format


def test_a_document_of_too_many_lines_is_refused_not_cleaned_at_any_memory_cost() -> None:
    """Issue 12 item 8: 5 MB of short lines peaked at 3.5 GB; past MAX_BLOCKS lines the
    call says so (the CLI then keeps the record whole in the errors file)."""
    from cleaner.engine import MAX_BLOCKS

    many = "Home\n" * (MAX_BLOCKS + 1)
    with pytest.raises(InputError, match="too many lines"):
        Cleaner(use_env=False).clean(many)
    with pytest.raises(InputError, match="too many lines"):
        Cleaner(use_env=False).clean(
            html="<html><body>" + "<p>Home</p>" * (MAX_BLOCKS + 1) + "</body></html>"
        )
    fewer = "Home\n" * 1000
    assert Cleaner(use_env=False).clean(fewer).source == fewer
