"""Learning outlet rules from a dump: grouping, the bounded sample, the precision guards,
the library function, and learned files on top of other rules."""

from __future__ import annotations

import random
import tracemalloc
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.errors import RuleFileError
from cleaner.learn import learn_outlets
from cleaner.learn.outlet_key import outlet_key
from cleaner.learn.outlets import LEARN_MIN_COUNT, LEARN_SHARE, OutletLearner, learn_outlet
from cleaner.learn.propose import compile_learned, page_lines, removed_lines
from cleaner.learn.sample import SAMPLE_PAGES, OutletSample
from cleaner.outlets import rules as rules_module
from cleaner.outlets.patterns import MAX_PATTERN_LENGTH
from cleaner.outlets.rules import RuleBook, parse_rules, rules_from_data
from cleaner.outlets.textrules import HELD_BACK_KEY
from tests.learn.outlet_dump import LANGUAGES, headline, moscow_times_pages, paragraph

EN = LANGUAGES[0]
FOOTER = "© 2024 The Lakeside Post. All rights reserved."


def lakeside_pages(count: int, seed: int = 5, extra: dict[int, str] | None = None) -> list[list[str]]:
    """Pages of one outlet: varied bodies, the same footer; ``extra`` adds a body line by page."""
    rng = random.Random(seed)
    pages = []
    for n in range(count):
        lines = [headline(rng, EN)] + [paragraph(rng, EN) for _ in range(5)]
        if extra and n in extra:
            lines.insert(2, extra[n])
        pages.append([*lines, FOOTER])
    return pages


def learned_lines(pages: list[list[str]]) -> set[str]:
    learned, _why = learn_outlet(pages, "lakeside.example", "lakeside.example", len(pages))
    if learned is None:
        return set()
    rules = compile_learned(learned)
    return {line for page in pages for line, rule in zip(page, removed_lines(rules, page)) if rule}


@pytest.mark.parametrize(
    ("outlet", "url", "key"),
    [
        (None, "https://www.themoscowtimes.com/2024/01/02/x", "themoscowtimes.com"),
        (None, "https://news.bbc.co.uk/1/hi/world", "bbc.co.uk"),  # the public suffix list, offline
        (None, "https://www.north-post.example/a", "north-post.example"),  # a suffix the list lacks
        ("The Moscow Times", "https://elsewhere.org/x", "the-moscow-times.outlet"),  # explicit wins
        ("bbc.co.uk", None, "bbc.co.uk"),
        (None, "http://192.168.1.4/page", None),
        (None, "http://[2001:db8::1]/page", None),
        (None, "https://www.city.kawasaki.jp/news", "city.kawasaki.jp"),  # the list's exception rule
        (None, "https://my-notes.blogspot.com/2024/x", "blogspot.com"),  # private section not counted
        (None, "https://news..lakeside.example/a", "lakeside.example"),  # an empty label is ignored
        (None, "https://co.uk/", None),  # a bare public suffix is no outlet
        (None, "https://news.xn--e1afmkfd.xn--p1ai/a", "xn--e1afmkfd.xn--p1ai"),  # punycode stays
        (None, "https://news.example.xn--55qx5d.cn/a", "example.xn--55qx5d.cn"),  # 公司.cn: a suffix
        (None, "https://news.example.公司.cn/a", "example.公司.cn"),
        (None, None, None),
        ("  ", "", None),
    ],
)
def test_outlet_key(outlet: str | None, url: str | None, key: str | None) -> None:
    assert outlet_key(outlet, url) == key


def test_a_line_on_a_third_of_the_pages_is_learned_a_repeated_quote_is_not() -> None:
    quote = "\u201cWe will not give up the harbour,\u201d the mayor told the crowd."
    series = "This article is part of our series on the river towns. Read the other parts on our site."
    pages_count = 40
    # the quote on 2 pages (one repetition), the series paragraph on 4 (a short series),
    # a box on 19 pages (47%, above the 30% share)
    extra = {3: quote, 17: quote, 5: series, 9: series, 21: series, 30: series}
    box = "Listen to this story on our podcast app, free for all readers"
    extra.update({n: box for n in range(0, pages_count, 2) if n not in extra})
    pages = lakeside_pages(pages_count, extra=extra)
    taken = learned_lines(pages)
    assert FOOTER in taken and box in taken
    assert quote not in taken and series not in taken
    assert LEARN_SHARE == 0.3 and LEARN_MIN_COUNT == 5


def test_minimum_count_keeps_a_line_on_four_of_ten_pages() -> None:
    line = "This story was updated with new figures from the ministry."
    pages = lakeside_pages(10, extra={1: line, 4: line, 6: line, 8: line})  # 40% but only 4 pages
    taken = learned_lines(pages)
    assert FOOTER in taken and line not in taken


def test_identical_pages_learn_nothing() -> None:
    page = lakeside_pages(1)[0]
    learned, why = learn_outlet([page] * 30, "same.example", "same.example", 30)
    assert learned is None and "nearly identical" in why


HELD_BACK_FILE = """
outlet: lakeside.example
domains: [lakeside.example]
learned: true
text:
  - id: everything
    category: other
    line: '^.+$'
examples:
  - input: "Some text\\n"
    body: ""
"""


def test_learned_rules_never_empty_a_page(tmp_path: Path) -> None:
    (tmp_path / "lakeside.example.yaml").write_text(HELD_BACK_FILE, encoding="utf-8")
    cleaner = Cleaner(rules_paths=[tmp_path], builtin_rules=False, heuristics=False, use_env=False)
    result = cleaner.clean("First paragraph.\nSecond paragraph.\n", url="https://lakeside.example/a")
    assert result.body == "First paragraph.\nSecond paragraph."
    assert result.metadata[HELD_BACK_KEY] is True
    assert not result.removed


def test_learned_file_adds_to_the_shipped_rules_of_its_outlet() -> None:
    shipped = parse_rules(
        "outlet: X\ndomains: [x.example]\ntext:\n  - id: footer\n    category: legal\n    line: '^Footer$'\n"
        'examples:\n  - input: "a\\nFooter\\n"\n    body: "a\\n"\n'
    )
    learned = parse_rules(
        "outlet: x.example\ndomains: [x.example]\nlearned: true\ntext:\n  - id: box\n    category: newsletter\n"
        '    line: \'^Sign up$\'\nexamples:\n  - input: "a\\nSign up\\n"\n    body: "a\\n"\n'
    )
    book = RuleBook()
    book.add(shipped)
    book.add(learned)
    merged = book.by_domain["x.example"]
    assert [r.id for r in merged.text] == ["footer", "box"]
    assert merged.text[1].origin == "learned:x.example"
    with pytest.raises(Exception, match="learned"):
        parse_rules(
            "outlet: y\ndomains: [y.example]\nlearned: maybe\nexamples:\n  - input: a\n    body: a\n",
            "y.yaml",
        )


def test_learn_outlets_library_folder_works_with_cleaner(tmp_path: Path) -> None:
    pages = moscow_times_pages(25)
    records = [{"url": p.url, "text": p.text} for p in pages] + [{"text": "no url at all"}]
    folder = learn_outlets(records, min_pages=20, folder=tmp_path / "learned")
    assert [p.name for p in folder.glob("*.yaml")] == ["themoscowtimes.com.yaml"]
    cleaner = Cleaner(rules_paths=[folder], builtin_rules=False, heuristics=False, use_env=False)
    result = cleaner.clean(pages[3].text, url=pages[3].url)
    assert "A Message from The Moscow Times" not in result.body
    assert {(s.rule or "").split(":")[0] for s in result.removed} == {"learned"}
    assert learn_outlets(records, min_pages=26, folder=tmp_path / "none").is_dir()
    assert not list((tmp_path / "none").glob("*.yaml"))


def test_sample_is_bounded_and_order_free(tmp_path: Path) -> None:
    pages = [f"page {n} of a big outlet\nsame footer" for n in range(3000)]
    first = OutletSample(str(tmp_path / "a.sqlite"))
    second = OutletSample(str(tmp_path / "b.sqlite"))
    for text in pages:
        first.add("big.example", "big.example", "text", text)
    for text in reversed(pages):
        second.add("big.example", "big.example", "text", text)
    assert first.counts() == second.counts() == {"big.example": 3000}
    assert list(first.pages_of("big.example")) == list(second.pages_of("big.example"))
    assert len(list(first.pages_of("big.example"))) == SAMPLE_PAGES
    assert first.stored() == SAMPLE_PAGES  # pages pushed out of the sample are let go
    # the same sample once it has moved to disk, whenever that happens
    spilled = OutletSample(str(tmp_path / "c.sqlite"), memory_chars=2_000)
    for text in pages:
        spilled.add("big.example", "big.example", "text", text)
    assert spilled.on_disk and not first.on_disk
    assert list(spilled.pages_of("big.example")) == list(first.pages_of("big.example"))
    assert spilled.stored() == SAMPLE_PAGES  # pages pushed out of the sample leave the file
    for sample in (first, second, spilled):
        sample.close()


@pytest.mark.slow
def test_one_outlet_with_100000_pages_stays_small(tmp_path: Path) -> None:
    learner = OutletLearner(tmp_path / "learned", min_pages=20)
    rng = random.Random(1)
    tracemalloc.start()
    for n in range(100_000):
        body = f"{headline(rng, EN)} {n}\n{headline(rng, EN)} {rng.randint(0, 10**9)}"
        learner.add(
            text=f"{body}\nSubscribe to the Lakeside Post for 1 euro\n{FOOTER}\n",
            url=f"https://lakeside.example/{n}",
        )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20_000_000  # a count and SAMPLE_PAGES hashes, not 100,000 pages
    report = learner.finish()
    assert [(o.key, o.pages) for o in report.outlets] == [("lakeside.example", 100_000)]
    text = (tmp_path / "learned" / "lakeside.example.yaml").read_text(encoding="utf-8")
    assert "All[\\s\\xa0]+rights" in text and "Subscribe" in text
    assert f"a sample of {SAMPLE_PAGES} of the 100000 pages" in text


def test_page_lines_are_what_the_rules_see() -> None:
    assert page_lines("  a  \n\n b\n") == ["a", "b"]


def test_with_rules_equals_a_cleaner_built_with_the_folder(tmp_path: Path) -> None:
    pages = moscow_times_pages(25)
    folder = learn_outlets([{"url": p.url, "text": p.text} for p in pages], folder=tmp_path / "learned")
    built = Cleaner(rules_paths=[folder], heuristics=False, use_env=False)
    base = Cleaner(heuristics=False, use_env=False)
    extended = base.with_rules([folder])
    for page in pages[:5]:
        want = built.clean(page.text, url=page.url)
        assert extended.clean(page.text, url=page.url) == want
    # the shipped Moscow Times rules stay, the learned ones come after them
    rules = extended.rulebook.by_domain["themoscowtimes.com"].text
    assert rules[0].origin == "" and rules[-1].origin == "learned:themoscowtimes.com"


def test_html_pages_are_learned_from_their_article_text(tmp_path: Path) -> None:
    rng = random.Random(3)
    records = []
    for n in range(22):
        paragraphs = "".join(f"<p>{paragraph(rng, EN)}</p>" for _ in range(5))
        html = (
            f"<html><head><title>{headline(rng, EN)}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{headline(rng, EN)}</h1>{paragraphs}"
            "<p>Listen to this story on our podcast app, free for all readers</p></article>"
            f"<footer>{FOOTER}</footer></body></html>"
        )
        records.append({"url": f"https://lakeside.example/{n}", "html": html})
    folder = learn_outlets(records, folder=tmp_path / "learned")
    text = (folder / "lakeside.example.yaml").read_text(encoding="utf-8")
    assert "podcast" in text
    cleaner = Cleaner(rules_paths=[folder], builtin_rules=False, use_env=False)
    result = cleaner.clean(html=records[0]["html"], url=records[0]["url"])
    assert "podcast" not in result.body and result.body.strip()
    assert any((s.rule or "").startswith("learned:lakeside.example:") for s in result.removed)


def test_date_lines_keep_every_month_of_the_outlets_language() -> None:
    """The first date lines name months English shares with German; März must still match."""
    months = ["September", "November", "September", "November"] + ["März", "Januar", "Mai"] * 8
    extra = {
        n: f"Veröffentlicht am {n % 27 + 1} {month} 2024, 10:{n % 50 + 10}" for n, month in enumerate(months)
    }
    pages = lakeside_pages(len(months), extra=extra)
    taken = learned_lines(pages)
    assert {line for line in extra.values() if "März" in line} <= taken


def test_teaser_list_is_taken_whether_a_footer_closes_it_or_the_page_ends() -> None:
    rng = random.Random(9)
    pages = []
    for n in range(30):
        lines = [headline(rng, EN)] + [paragraph(rng, EN) for _ in range(5)]
        lines += ["More from The Lakeside Post"] + [headline(rng, EN) for _ in range(3)]
        if n % 2:  # the footer on half of the pages only
            lines.append(FOOTER)
        pages.append(lines)
    taken = learned_lines(pages)
    teasers = {line for page in pages for line in page[page.index("More from The Lakeside Post") :]}
    assert teasers <= taken
    assert not any(line in taken for page in pages for line in page[:6])


def test_html_bytes_are_learned_in_the_charset_the_cleaning_pass_reads(tmp_path: Path) -> None:
    """WARC payloads arrive as bytes: learning decodes them as the html stage does (here a
    declared windows-1252), so a learned line matches the text the cleaning pass sees."""
    from cleaner.io.items import WARC, Item
    from cleaner.io.learning import learn_from_items
    from cleaner.io.records import FieldMap

    rng = random.Random(5)
    items = []
    for n in range(22):
        paragraphs = "".join(f"<p>{paragraph(rng, EN)}</p>" for _ in range(5))
        page = (
            '<html><head><meta charset="windows-1252"></head><body>'
            f"<article><h1>{headline(rng, EN)}</h1>{paragraphs}"
            "<p>Écoutez « Café crème », le podcast de la rédaction, gratuit</p></article></body></html>"
        )
        data = page.encode("cp1252")
        items.append(Item(WARC, "crawl.warc", None, n, data, {"url": f"https://riverside.example/{n}"}))
    learn_from_items(items, FieldMap(), tmp_path, 20)
    text = (tmp_path / "riverside.example.yaml").read_text(encoding="utf-8")
    assert "Café crème" in text and "\ufffd" not in text


TREES = "alder birch cedar dogwood elm fir ginkgo hazel ivy juniper kapok larch maple nutmeg oak".split()
TREES += "pine quince rowan spruce teak umbrella viburnum willow yew zelkova acacia beech cherry".split()


def test_many_recurring_lines_and_a_very_long_one_fit_the_pattern_limit() -> None:
    """A list of partner links between the paragraphs of every page (one category, more
    lines than one pattern holds) and a legal notice too long to be one pattern: the outlet
    is still learned, every pattern fits, the notice is left to the other stages."""
    rng = random.Random(3)
    links = [f"Partner shop {tree}: fresh goods at the harbour market" for tree in TREES]
    notice = " ".join(f"Clause {n} of our terms binds every reader of this site." for n in range(1, 40))
    pages = []
    for _ in range(30):
        page = []
        for link in links:
            page += [paragraph(rng, EN), link]
        pages.append([notice, *page])
    learned, why = learn_outlet(pages, "harbour.example", "harbour.example", len(pages))
    assert learned is not None, why
    data = parse_rules(learned.to_yaml(), "harbour.example.yaml")  # validates as a file
    sources = [p for rule in data.text for p in (rule.pattern.source, rule.end and rule.end.source) if p]
    assert all(len(source) <= MAX_PATTERN_LENGTH for source in sources)
    rules = compile_learned(learned)
    removed = removed_lines(rules, pages[0])
    assert all(rule is not None for line, rule in zip(pages[0], removed) if line in links)
    assert removed[0] is None  # the notice: no pattern can hold it


def test_rules_that_do_not_compile_skip_their_outlet_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules_module, "MAX_TEXT_RULES_PROGRAM", 10)  # no learned file fits
    learner = OutletLearner(tmp_path, min_pages=20)
    for number, lines in enumerate(lakeside_pages(25)):
        learner.add(text="\n".join(lines), url=f"https://lakeside.example/{number}")
    report = learner.finish()
    assert report.learned == []
    assert report.outlets[0].skipped.startswith("its rules do not compile:")
    assert "RE2 instructions" in report.outlets[0].skipped


def test_learned_data_skips_only_the_backtracking_parse() -> None:
    def data(pattern: str) -> dict[str, object]:
        return {
            "outlet": "Lakeside",
            "domains": ["lakeside.example"],
            "learned": True,
            "text": [{"id": "footer", "category": "legal", "line": pattern}],
            "examples": [{"input": "Body.\n© Lakeside\n", "body": "Body.\n"}],
        }

    rules = rules_from_data(data("^© Lakeside$"), "<learned>", check_patterns=False)
    assert rules.text[0].origin == "learned:lakeside.example"
    for bad in ("^(" + "x" * MAX_PATTERN_LENGTH + ")$", "^(unclosed$"):
        with pytest.raises(RuleFileError):
            rules_from_data(data(bad), "<learned>", check_patterns=False)


def test_a_lead_in_rule_bounds_the_line_not_the_pattern() -> None:
    """A lead-in's changing part is an open ``.+`` under the rule's ``max_chars``: the
    usual "Read more: <headline>" goes, a paragraph that opens like one stays."""
    rng = random.Random(8)
    pages = [
        [*lines[:2], f"Read more: {headline(rng, EN)}", *lines[2:]] for lines in lakeside_pages(30, seed=9)
    ]
    learned, why = learn_outlet(pages, "lakeside.example", "lakeside.example", len(pages))
    assert learned is not None, why
    rules = compile_learned(learned)
    lead = next(rule for rule in rules.text if rule.pattern.source.startswith("^Read"))
    assert lead.max_chars is not None and ".{" not in lead.pattern.source
    long_read = "Read more: " + " ".join(paragraph(rng, EN) for _ in range(4))
    assert len(long_read) > lead.max_chars
    page = [*pages[0][:2], f"Read more: {headline(rng, EN)}", long_read, *pages[0][2:]]
    removed = removed_lines(rules, page)
    assert removed[2] is not None and removed[3] is None
