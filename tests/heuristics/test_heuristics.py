"""Generic heuristics: appeal zones, hard negatives, labels, lexicon and weight files."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.blocks import split_blocks
from cleaner.categories import CATEGORY_SET
from cleaner.document import Document
from cleaner.errors import RuleFileError
from cleaner.evaluation.corpus import iter_cases
from cleaner.heuristics import HeuristicLabeler
from cleaner.heuristics.lexicon import lexicon_dir, load_lexicon
from cleaner.heuristics.model import WEIGHTS_PATH, load_model
from cleaner.result import Label
from tests.paths import CORPUS

NEGATIVES = [c for c in iter_cases(CORPUS) if c.outlet == "generic-negatives"]
GENERIC = [
    c for c in iter_cases(CORPUS) if c.outlet.startswith("generic-") and c.outlet != "generic-negatives"
]
LANGUAGES = {"en", "de", "fr", "es", "it", "pt", "ru", "uk"}

ARTICLE = [
    "The city's water utility said on Thursday that it would replace four kilometres of lead pipes under the old town by the end of next year.",
    "Engineers found the pipes during a survey of the network that began after residents complained about discoloured water last spring.",
    "“We cannot say how long they have been there, only that they must go,” the utility's chief engineer told a council committee.",
    "About 1,300 households are connected to the affected mains, most of them in buildings put up before the First World War.",
    "The utility will send test kits to every household on the list and publish the results street by street on its website.",
    "Residents will not pay for the work on the public network, but owners will have to replace pipes inside their buildings.",
    "The council has set aside a fund to help owners on low incomes, with grants covering up to half of the cost.",
    "Opposition councillors said the fund was too small and asked for the first results to be presented in public.",
    "Work will begin in the streets around the cathedral, where tests found the highest levels.",
    "Traffic will be diverted around each section for about two weeks.",
    "He did not say when the survey of the southern districts would be finished.",
]
APPEAL = [
    "A Message from The Harbour Gazette:",
    "Dear readers,",
    "We are a small newsroom and we depend on you. Our reporting on the city costs more every year, and advertising no longer pays for it.",
    "We refuse to put our work behind a paywall. But to keep it open to everyone, we need your help.",
    "If you can, please support us monthly starting from just $2. It takes a minute, and every contribution makes a difference.",
    "Thank you for standing with us.",
    "Remind me later.",
]


def _seed_like(appeal: list[str]) -> str:
    return "\n".join(ARTICLE + appeal) + "\n"


@pytest.fixture(scope="module")
def plain() -> Cleaner:
    return Cleaner(builtin_rules=False, use_env=False)


@pytest.mark.parametrize(
    "appeal",
    [
        APPEAL,
        [line.replace("The Harbour Gazette", "Nordic Daily Review") for line in APPEAL],
        APPEAL[1:],  # the header line missing: the appeal starts at "Dear readers,"
    ],
    ids=["with-header", "other-outlet-name", "no-header"],
)
def test_appeal_zone_removed_and_article_kept(plain: Cleaner, appeal: list[str]) -> None:
    result = plain.clean(_seed_like(appeal))
    assert result.body == "\n".join(ARTICLE)
    removed = result.removed
    assert len(removed) == 1
    assert removed[0].rule == "heuristic:appeal-zone" and removed[0].category == "donation_appeal"
    assert removed[0].text.strip() == "\n".join(appeal)


def test_appeal_zone_in_other_languages(plain: Cleaner) -> None:
    appeal = [
        "Liebe Leserinnen und Leser,",
        "unsere Redaktion ist unabhängig und finanziert sich vor allem durch Ihre Beiträge.",
        "Bitte helfen Sie uns, diese Arbeit auch im nächsten Jahr fortzusetzen.",
        "Jetzt unterstützen",
    ]
    result = plain.clean(_seed_like(appeal))
    assert result.body == "\n".join(ARTICLE)
    assert {s.rule for s in result.removed} == {"heuristic:appeal-zone"}


def test_heuristics_switch_off_keeps_everything() -> None:
    result = Cleaner(builtin_rules=False, heuristics=False, use_env=False).clean(_seed_like(APPEAL))
    assert result.removed == []


def test_eight_languages_have_generic_cases() -> None:
    assert {c.meta.get("language") for c in GENERIC} >= LANGUAGES
    assert all(c.gold_body.strip() != c.content.strip() for c in GENERIC)


def test_enough_hard_negatives() -> None:
    assert len(NEGATIVES) >= 10


@pytest.mark.parametrize("case", NEGATIVES, ids=[c.name for c in NEGATIVES])
@pytest.mark.parametrize("builtin", [True, False], ids=["rules", "no-rules"])
def test_hard_negative_stays_whole(case, builtin: bool) -> None:  # type: ignore[no-untyped-def]
    cleaner = Cleaner(builtin_rules=builtin, use_env=False)
    result = cleaner.clean(case.content, url=case.url)
    assert case.gold_body.strip() == case.content.strip(), "a hard negative's gold is the whole text"
    assert result.body == case.content.strip()
    assert result.removed == []


@pytest.mark.parametrize("case", GENERIC, ids=[f"{c.outlet}/{c.name}" for c in GENERIC])
def test_generic_case_names_every_decision(plain: Cleaner, case) -> None:  # type: ignore[no-untyped-def]
    result = plain.clean(case.content, url=case.url)
    assert "".join(s.text for s in result.segments) == result.source
    assert result.body == case.gold_body.strip()
    for seg in result.removed:
        assert seg.category in CATEGORY_SET
        assert seg.rule is not None and seg.rule.startswith("heuristic:")
    titles = [s for s in result.removed if s.category == "title"]
    assert len(titles) == 1 and titles[0].rule == "heuristic:title"
    assert result.metadata["title"] == titles[0].text.strip()


def test_existing_labels_are_never_changed() -> None:
    labeler = HeuristicLabeler()
    text = _seed_like(APPEAL)
    blocks = split_blocks(text)
    preset = Label("advertisement", "outlet:test")
    labels: list[Label | None] = [None] * len(blocks)
    labels[0] = preset  # an article line an outlet rule (wrongly) removed
    labels[-1] = preset
    new = labeler.label(Document(source=text, blocks=blocks, labels=labels))
    assert new[0] == preset and new[-1] == preset
    assert all(new[i] is None for i in range(1, len(ARTICLE)))
    assert all(new[i] is not None for i in range(len(ARTICLE), len(blocks)))


def test_html_documents_only_label_article_blocks() -> None:
    labeler = HeuristicLabeler()
    chrome = ["Home", "Sport", "Weather"]
    text = "\n".join(chrome + ARTICLE + APPEAL) + "\n"
    blocks = split_blocks(text)
    inside = [i >= len(chrome) for i in range(len(blocks))]
    page_chrome = Label("page_chrome", "html:outside-article")
    labels: list[Label | None] = [None if ok else page_chrome for ok in inside]
    doc = Document(source=text, blocks=blocks, labels=labels, origin="html", in_article=inside)
    new = labeler.label(doc)
    assert new[: len(chrome)] == [page_chrome] * len(chrome)
    assert all(label is None for label in new[len(chrome) : len(chrome) + len(ARTICLE)])
    assert all(label is not None and label.rule == "heuristic:appeal-zone" for label in new[-len(APPEAL) :])


def test_headline_goes_to_metadata(plain: Cleaner) -> None:
    headline = "Water utility to replace lead pipes under the old town"
    result = plain.clean(headline + "\n" + "\n".join(ARTICLE) + "\n")
    assert result.metadata["title"] == headline
    assert result.body == "\n".join(ARTICLE)
    assert result.removed[0].category == "title" and result.removed[0].rule == "heuristic:title"


def test_button_lines_and_menu_are_named(plain: Cleaner) -> None:
    text = (
        "\n".join(["Skip to content", "Home", "World", "Business", "Log in"] + ARTICLE + ["Share", "Print"])
        + "\n"
    )
    result = plain.clean(text)
    assert result.body == "\n".join(ARTICLE)
    rules = {s.text.strip().splitlines()[0]: s.rule for s in result.removed}
    assert rules["Share"] == "heuristic:button-line"
    assert all(rule is not None and rule.startswith("heuristic:") for rule in rules.values())


def test_one_labeler_serves_many_threads(plain: Cleaner) -> None:
    texts = [c.content for c in GENERIC + NEGATIVES] * 3
    expected = [plain.clean(t).body for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: plain.clean(t).body, texts))
    assert got == expected


def test_shipped_lexicons_cover_eight_languages() -> None:
    lexicon = load_lexicon()
    assert set(lexicon.languages) >= LANGUAGES
    assert lexicon_dir().name == "lexicons"
    assert all(c in CATEGORY_SET for c in lexicon.phrase_category.values())


def test_bad_lexicon_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "xx.yaml").write_text(
        "language: xx\nphrases:\n  newsletter:\n    - sign up\n  weather:\n    - rain\n"
    )
    with pytest.raises(RuleFileError) as info:
        load_lexicon(tmp_path)
    assert f"{tmp_path / 'xx.yaml'}:5" in str(info.value) and "unknown category" in str(info.value)
    (tmp_path / "xx.yaml").write_text("language: xx\nphrases:\n  newsletter:\n    - photo: by\n")
    with pytest.raises(RuleFileError, match=r"xx\.yaml:4"):
        load_lexicon(tmp_path)
    (tmp_path / "xx.yaml").write_text("language: xx\nwords: [a]\n")
    with pytest.raises(RuleFileError, match=r"xx\.yaml:2: \[words\] unknown key"):
        load_lexicon(tmp_path)


def test_bad_weights_are_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "weights.json"
    bad.write_text("{not json")
    with pytest.raises(RuleFileError, match="cannot read weights"):
        load_model(bad)
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    del data["clean"]
    bad.write_text(json.dumps(data))
    with pytest.raises(RuleFileError, match="missing regime"):
        load_model(bad)


@pytest.mark.parametrize("header_first", [False, True])
def test_raw_dump_drops_later_copies_of_article_lines(plain: Cleaner, header_first: bool) -> None:
    menu = [f"Section {k}" for k in range(30)]
    teaser = ARTICLE[0]
    after = ["Most read", teaser] if header_first else [teaser, "Most read"]
    text = "\n".join(menu + ARTICLE + after + [f"Topic {k}" for k in range(12)]) + "\n"
    result = plain.clean(text)
    assert result.body == "\n".join(ARTICLE)
    assert "".join(s.text for s in result.segments) == text
    if header_first:  # below a "Most read" header the line classifier drops the copy itself
        return
    # right after the article the classifier keeps the copy: the repeat rule drops it
    repeats = [s for s in result.removed if s.rule == "heuristic:repeat"]
    assert [s.text.strip() for s in repeats] == [teaser]


@pytest.mark.parametrize("text", ["", "\n\n", "Hello", "Dear readers,\nRemind me later.", "Share\nShare\n"])
def test_tiny_documents(plain: Cleaner, text: str) -> None:
    result = plain.clean(text)
    assert "".join(s.text for s in result.segments) == text


RECIPE = (
    [
        "This lemon cake keeps for a week in a tin and tastes better on the second day, when the syrup has soaked through the crumb.",
        "Ingredients:",
    ]
    + [
        f"{k * 25} g {item}"
        for k, item in enumerate(["flour", "sugar", "butter", "almonds", "lemon zest", "yoghurt"], 1)
    ]
    + ["3 eggs", "1 pinch of salt", "2 lemons", "icing sugar"]
    + [f"Step {k}" for k in range(1, 21)]
    + [
        "Beat the butter and sugar until pale, then add the eggs one by one and fold in the flour with the almonds.",
        "Bake for forty minutes, pour the warm syrup over the cake and leave it to cool completely in the tin.",
    ]
    + [f"Variation {k}" for k in range(1, 21)]
)


def test_extractor_output_full_of_lists_keeps_every_line(plain: Cleaner) -> None:
    """Many short lines but no site chrome: an extractor's article, not a raw dump."""
    text = "\n".join(RECIPE) + "\n"
    assert len(RECIPE) >= 50
    assert plain.heuristics is not None
    assert not plain.heuristics.page_scores(RECIPE).raw
    assert plain.clean(text).body == text.strip()


def test_site_chrome_marks_a_raw_dump(plain: Cleaner) -> None:
    lines = ["Startseite", "Politik", "Impressum"] + RECIPE
    assert plain.heuristics is not None
    assert plain.heuristics.page_scores(lines).raw
    menu_only = [f"Section {k}" for k in range(12)] + ARTICLE  # no chrome word, but a head of menu lines
    assert plain.heuristics.page_scores(menu_only).raw


COMMENTS = [
    "Leave a comment",
    "I live on one of these streets and nobody has sent us a letter about the pipes, so I am not sure the list is complete at all.",
    "Good news, but it should have happened ten years ago when the first reports about the water came out in the local papers.",
]


def test_comment_thread_after_terminating_line_goes(plain: Cleaner) -> None:
    menu = ["Home", "News", "Sport", "Login"] + [f"Section {k}" for k in range(40)]
    text = "\n".join(menu + ARTICLE + COMMENTS) + "\n"
    result = plain.clean(text)
    assert result.body == "\n".join(ARTICLE)
    rules = {s.text.strip(): s.rule for s in result.removed}
    assert rules[COMMENTS[0]] == "heuristic:lexicon:comments"
    assert rules["\n".join(COMMENTS[1:])] == "heuristic:after-terminator"


def test_terminating_line_early_in_the_article_ends_nothing(plain: Cleaner) -> None:
    menu = ["Home", "News", "Sport", "Login"] + [f"Section {k}" for k in range(40)]
    article = ARTICLE[:2] + ["Share this article"] + ARTICLE[2:]
    result = plain.clean("\n".join(menu + article) + "\n")
    assert all(line in result.body for line in ARTICLE)
    assert not [s for s in result.removed if s.rule == "heuristic:after-terminator"]


def test_list_item_is_not_a_headline(plain: Cleaner) -> None:
    items = [
        "- The Garden, a film by a painter (1990)",
        "- A nearly wordless story told in two parts, shot on a beach in Kent over one summer.",
    ]
    result = plain.clean("\n".join(items) + "\n")
    assert "title" not in result.metadata
    assert result.body == "\n".join(items)


def test_newsletter_box_inside_the_article_does_not_end_it(plain: Cleaner) -> None:
    menu = ["Home", "News", "Sport", "Login"] + [f"Section {k}" for k in range(40)]
    rest = [
        "A second survey, planned for the spring, will cover the districts south of the river, where most of the housing was built between the two world wars and records of the original pipework are incomplete.",
        "The utility said it would publish a map of every street on the list before the work starts, so that residents and shop owners can plan for the closures and the interruptions to their supply.",
        "Council officials expect the whole programme to cost about forty million euros over five years, a sum they hope to recover in part from a national fund set up for lead pipe replacement last year.",
    ]
    lines = menu + ARTICLE[:8] + ["Sign up for our newsletter"] + rest
    result = plain.clean("\n".join(lines) + "\n")
    assert all(line in result.body for line in ARTICLE[:8] + rest)
    assert not [s for s in result.removed if s.rule == "heuristic:after-terminator"]


def _word_counts(lines: list[str]) -> list[int]:
    from cleaner.heuristics.features import word_counts

    return word_counts(lines, lines)


def test_chinese_and_japanese_lines_count_characters_as_words() -> None:
    lines = ["市政府周四宣布将在明年年底前更换老城区地下四公里长的铅制水管。", "首页", "Home page"]
    words = _word_counts(lines)
    assert words[0] >= 12  # a sentence, not a one-word menu entry
    assert words[1:] == [1, 2]
    english = ["Home page", "Skip to content"]
    assert _word_counts(english) == [2, 3]


def test_words_are_counted_as_str_split_counts_them() -> None:
    lines = [" a  b ", "\u3000x\u2003y\tz", "one", "x\u200by", "\x1cq\x85r\u2028s", "\U0001f600 ok"]
    assert _word_counts(lines) == [len(line.split()) for line in lines]
    assert _word_counts(["\u00a0", "\u2003"]) == [1, 1]  # a line of white space alone counts one word
