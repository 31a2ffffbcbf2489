"""`cleaner learn`: masking, templates, and rules learned from a made-up outlet's dump."""

from __future__ import annotations

import gzip
import html
import json
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.learn import propose
from cleaner.learn.byids import removed_by_ids
from cleaner.learn.category import CategoryGuesser, contains_phrase
from cleaner.learn.mask import MONTH, NUM, WEEKDAY, DateNames, Template, mask_lines, mask_words
from cleaner.learn.outlets import LEARN_MIN_COUNT, LEARN_SHARE
from cleaner.learn.propose import learn, page_lines, removed_lines, support_for
from cleaner.learn.templates import (
    TemplateIndex,
    candidate_masks,
    exact_templates,
    hole_templates,
    lead_in_templates,
    merge_templates,
)
from cleaner.outlets.patterns import check_pattern, compile_pattern
from cleaner.outlets.rules import load_rule_file, parse_rules
from tests.learn.dump_gen import DOMAIN, GeneratedPage, make_dump
from tests.learn.outlet_dump import LANGUAGES, make_outlets, make_pages, moscow_times_pages, paragraph

TRAIN_PAGES = 200
TEST_PAGES = 100
MIN_BOILERPLATE_REMOVED = 0.95
MAX_BODY_REMOVED = 0.01


def _write_jsonl(path: Path, pages: list[GeneratedPage]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for number, page in enumerate(pages):
            record = {"url": f"https://{DOMAIN}/news/{number}", "text": page.text}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module")
def dump() -> list[GeneratedPage]:
    return make_dump(TRAIN_PAGES + TEST_PAGES)


@pytest.fixture(scope="module")
def learned_file(dump: list[GeneratedPage], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("learn")
    source = folder / "dump.jsonl"
    _write_jsonl(source, dump[:TRAIN_PAGES])
    target = folder / "rules" / f"{DOMAIN}.yaml"
    result = CliRunner().invoke(
        main, ["learn", str(source), "--outlet", DOMAIN, "--name", "Northgate Courier", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    return target, result.stderr


def test_masking_equates_numbers_dates_and_month_names() -> None:
    a = mask_words("Page generated on Sunday, 25 October 2024 at 09:39")
    b = mask_words("Page generated on friday, 3 March 2021 at 17:02")
    assert a == b == ("Page", "generated", "on", f"{WEEKDAY},", NUM, MONTH, NUM, "at", NUM)
    assert mask_words("Join 23,025 readers.") == mask_words("Join 7 readers.")
    assert mask_words("In May 2024") != mask_words("In Mayfair 2024")
    assert mask_words("Since mid-March") == ("Since", f"mid-{MONTH}")
    assert mask_words("Vendredi 3 mars") == (WEEKDAY, NUM, MONTH)


def test_template_regex_is_linear_time_and_matches_variants() -> None:
    template = Template(("Dear", "reader", "in"), (), 30)
    pattern = template.regex(DateNames.seen_in(["5 March"]))
    check_pattern(pattern)
    compiled = compile_pattern(pattern)
    assert compiled.search("Dear reader in New Zealand,")
    assert compiled.search("Dear reader in Chile,")
    assert not compiled.search("Dear reader in")
    dated = Template(mask_words("Published 5 March 2024, updated 2 hours ago"))
    regex = dated.regex(DateNames.seen_in(["Published 5 March 2024"]))
    assert "janvier" not in regex and "september" in regex
    assert compile_pattern(regex).search("Published 17 September 2019, updated 11 hours ago")


def test_hole_templates_need_varying_lines_on_enough_pages() -> None:
    countries = ["France", "New Zealand", "the Czech Republic", "Chile", "Japan"]
    pages = [
        [mask_words(f"Dear reader in {countries[i % 5]},"), mask_words(f"Body line number {i} of a story.")]
        for i in range(20)
    ]
    holed = hole_templates(pages, support=5)
    assert [(t.prefix, t.suffix) for t in holed] == [(("Dear", "reader", "in"), ())]
    assert exact_templates(pages, support=5) == [Template(mask_words("Body line number 0 of a story."))]
    same = [[mask_words("Sign up for our morning newsletter today")] for _ in range(20)]
    assert hole_templates(same, support=5) == []


def test_category_guess_uses_whole_words() -> None:
    assert contains_phrase("read more about it", "read more")
    assert not contains_phrase("we had more rain", "ore")
    guesser = CategoryGuesser()
    assert guesser.guess(["© 2026 Example Ltd. All rights reserved."]) == "legal"
    assert guesser.guess(["Enter your email address", "Get our newsletter"]) == "newsletter"


def test_keyword_fallback_names_the_same_boxes() -> None:
    guesser = CategoryGuesser(use_lexicons=False)
    assert guesser.source == "built-in keyword fallback"
    pages = make_dump(60, seed=13)
    learned = learn([p.lines for p in pages], DOMAIN, guesser=guesser)
    kinds = {(rule.kind, rule.category) for rule in learned.rules}
    assert {("block", "donation_appeal"), ("block", "newsletter"), ("after", "legal")} <= kinds
    assert "built-in keyword fallback" in learned.to_yaml()


def test_learned_file_passes_validate_and_test(learned_file: tuple[Path, str]) -> None:
    path, _ = learned_file
    rules = load_rule_file(path)
    assert rules.key == DOMAIN and rules.name == "Northgate Courier" and rules.examples
    runner = CliRunner()
    validate = runner.invoke(main, ["rules", "validate", str(path)])
    assert validate.exit_code == 0, validate.output
    tested = runner.invoke(main, ["rules", "test", str(path)])
    assert tested.exit_code == 0, tested.output
    assert "0 failed" in tested.output


def test_learned_rules_cover_each_box_with_its_category(learned_file: tuple[Path, str]) -> None:
    path, report = learned_file
    rules = load_rule_file(path)
    kinds = {(rule.kind, rule.category) for rule in rules.text}
    assert ("block", "donation_appeal") in kinds
    assert ("block", "newsletter") in kinds
    assert ("after", "legal") in kinds
    assert any(kind == "line" for kind, _ in kinds)
    assert "A note from the Northgate Courier" in rules.fingerprints
    assert f"{TRAIN_PAGES} pages" in report and "donation-appeal-block" in report


def test_learned_rules_generalise_to_unseen_pages(
    dump: list[GeneratedPage], learned_file: tuple[Path, str]
) -> None:
    path, _ = learned_file
    cleaner = Cleaner(rules_paths=[path], builtin_rules=False, heuristics=False, use_env=False)
    boilerplate = boilerplate_removed = body = body_removed = 0
    for page in dump[TRAIN_PAGES:]:
        result = cleaner.clean(page.text, url=f"https://www.{DOMAIN}/news/x")
        assert "".join(s.text for s in result.segments) == result.source
        removed = [False] * len(page.text)
        for segment in result.removed:
            removed[segment.start : segment.end] = [True] * (segment.end - segment.start)
        offset = 0
        for line, is_boilerplate in zip(page.lines, page.boilerplate):
            gone = sum(removed[offset : offset + len(line)])
            if is_boilerplate:
                boilerplate += len(line)
                boilerplate_removed += gone
            else:
                body += len(line)
                body_removed += gone
            offset += len(line) + 1
    assert boilerplate_removed / boilerplate >= MIN_BOILERPLATE_REMOVED
    assert body_removed / body <= MAX_BODY_REMOVED


def test_learn_reads_a_folder_of_html_pages(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for number, page in enumerate(make_dump(12, seed=3)):
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in page.lines)
        (folder / f"{number:03d}.html").write_text(
            f"<html><head><title>Story {number}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article>{paragraphs}</article></body></html>",
            encoding="utf-8",
        )
        (folder / f"{number:03d}.body.txt").write_text("gold bodies are ignored\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["learn", str(folder), "--outlet", DOMAIN])
    assert result.exit_code == 0, result.output
    assert "12 pages" in result.stderr
    assert "© 20" in result.stdout and "legal-after" in result.stdout


def test_learn_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": \n', encoding="utf-8")
    result = runner.invoke(main, ["learn", str(bad), "--outlet", DOMAIN])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cleaner: error: {bad}:2: broken JSON")
    assert len(result.stderr.strip().splitlines()) == 1

    unique = tmp_path / "unique.jsonl"
    _write_jsonl(unique, [GeneratedPage([f"{word}{word} {word} zz{word}."], [False]) for word in "abcdefgh"])
    result = runner.invoke(main, ["learn", str(unique), "--outlet", DOMAIN])
    assert result.exit_code == 2 and "nothing to propose" in result.stderr

    result = runner.invoke(main, ["learn", str(unique), "--outlet", "not a domain"])
    assert result.exit_code == 2 and "is not a domain name" in result.stderr

    existing = tmp_path / "out.yaml"
    existing.write_text("keep me\n", encoding="utf-8")
    result = runner.invoke(main, ["learn", str(unique), "--outlet", DOMAIN, "-o", str(existing)])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert existing.read_text(encoding="utf-8") == "keep me\n"


def test_learn_function_reports_training_figures() -> None:
    pages = make_dump(60, seed=11)
    learned = learn([p.lines for p in pages], DOMAIN)
    total = sum(len(line) for p in pages for line in p.lines)
    boilerplate = sum(len(line) for p in pages for line, flag in zip(p.lines, p.boilerplate) if flag)
    assert learned.total_chars == total
    assert learned.unexplained_chars_removed == 0
    assert boilerplate * MIN_BOILERPLATE_REMOVED <= learned.removed_chars <= boilerplate


def test_learn_streams_compressed_jsonl_up_to_the_limit(tmp_path: Path) -> None:
    plain = tmp_path / "dump.jsonl"
    _write_jsonl(plain, make_dump(30, seed=5))
    packed = tmp_path / "dump.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    result = CliRunner().invoke(main, ["learn", str(packed), "--outlet", DOMAIN, "--limit", "20"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("20 pages,")
    assert parse_rules(result.stdout, "<stdout>").key == DOMAIN


def test_learn_takes_the_reading_options_of_clean(tmp_path: Path) -> None:
    """One option vocabulary (issue 15): --format and --encoding as `cleaner clean` has them.
    Pages saved as cp1252 under a name that says nothing of their format."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for number, page in enumerate(make_dump(12, seed=5)):
        text = page.text.replace("'", "’") + "\nCafé de la Presse – Rédaction\n"
        (folder / f"{number:03d}.txt").write_bytes(text.encode("cp1252", errors="replace"))
    done = CliRunner().invoke(
        main, ["learn", str(folder), "--outlet", DOMAIN, "--format", "text", "--encoding", "cp1252"]
    )
    assert done.exit_code == 0, done.output
    assert "12 pages" in done.stderr and "Café de la Presse" in done.stdout
    bad = CliRunner().invoke(main, ["learn", str(folder), "--outlet", DOMAIN, "--encoding", "no-such-codec"])
    assert bad.exit_code == 2 and "no-such-codec" in bad.output


def test_masking_lines_in_one_scan_equals_masking_each_line() -> None:
    lines = [
        "Published 12 March 2024",
        "May",
        "June was warm",
        "Posted on Monday, 3 May",
        "(Dienstag) 4. März 2025",
        "quinta-feira, 5 de maio",
        "Read more: council votes on budget",
        "mayor says no",
        "Maybe tomorrow",
        "Sonntag",
        "1,200 readers",
        "Freitag",
        "lundi-mardi",
    ]
    assert mask_lines(lines) == [mask_words(line) for line in lines]
    assert mask_lines(list(reversed(lines))) == [mask_words(line) for line in reversed(lines)]
    assert mask_lines([]) == []
    # lines that hold line breaks themselves (the batch is joined with blank lines)
    odd = ["Monday\n\n3 May", "ends in a break\n", "\nstarts with one", "", "Tuesday"]
    assert mask_lines(odd) == [mask_words(line) for line in odd]


def _outlets_pages() -> list[list[list[str]]]:
    """Pages (as lines) of made-up outlets in six languages, and of the Moscow-Times-like
    outlet, whose appeal holds a long line with a changing amount in it."""
    outlets = make_outlets(12, seed=3)
    by_outlet: dict[str, list[list[str]]] = {o.domain: [] for o in outlets}
    for page in make_pages(outlets, seed=4):
        by_outlet[page.outlet.domain].append(page_lines(page.text))
    groups = [pages for pages in by_outlet.values() if len(pages) >= LEARN_MIN_COUNT]
    return [*groups, [page_lines(page.text) for page in moscow_times_pages(25)], _greeting_pages()]


def _greeting_pages() -> list[list[str]]:
    """A long closing line whose changing part opens it: only its end recurs."""
    rng = random.Random(5)
    readers = ("Dear reader", "Dear friend of the valley", "Hello again", "Dear neighbour", "Good morning")
    closing = (
        "your support keeps our reporting on the valley towns free for every reader, "
        "every single day of the year, whatever happens."
    )
    return [
        [paragraph(rng, LANGUAGES[0]) for _ in range(4)] + [f"{rng.choice(readers)}, {closing}"]
        for _ in range(30)
    ]


def test_candidate_lines_hold_every_line_a_template_explains() -> None:
    skipped = lines_seen = 0
    for pages in _outlets_pages():
        support = support_for(len(pages), LEARN_SHARE, LEARN_MIN_COUNT)
        distinct = list(dict.fromkeys(line for page in pages for line in page))
        full = dict(zip(distinct, mask_lines(distinct)))
        masked = [[full[line] for line in page] for page in pages]
        templates = merge_templates(
            exact_templates(masked, support),
            hole_templates(masked, support) + lead_in_templates(masked, support),
        )
        index = TemplateIndex(templates)
        candidates = candidate_masks(pages, support)
        for line in distinct:
            if index.find(full[line], line) is not None:
                assert candidates.get(line) == full[line], line
            elif line in candidates:
                assert candidates[line] == full[line], line
        lines_seen += len(distinct)
        skipped += len(distinct) - len(candidates)
    assert skipped > lines_seen / 3  # most article lines are never masked in full


def test_learning_from_candidate_lines_gives_the_rules_of_masking_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def mask_all(pages: list[list[str]], support: int) -> dict[str, tuple[str, ...]]:
        distinct = list(dict.fromkeys(line for page in pages for line in page))
        return dict(zip(distinct, mask_lines(distinct)))

    def learned(pages: list[list[str]]) -> dict[str, Any]:
        found = learn(
            pages, "outlet.example", min_share=LEARN_SHARE, min_pages=LEARN_MIN_COUNT, from_dump=True
        )
        return found.data()

    groups = _outlets_pages()
    filtered = [learned(pages) for pages in groups]
    monkeypatch.setattr(propose, "candidate_masks", mask_all)
    assert [learned(pages) for pages in groups] == filtered
    assert sum(len(data["text"]) for data in filtered) > 3 * len(groups)  # rules were learned


def test_rules_read_off_template_ids_take_what_the_engine_takes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dump learner's figures, emptied-pages guard and example choice read the rules'
    effect off the template ids (cleaner.learn.byids): the same lines the engine takes."""
    seen: list[list[list[int | None]]] = []

    def keep_ids(rules: list[Any], pages_ids: list[list[int | None]]) -> list[list[str | None]]:
        seen.append(pages_ids)
        return removed_by_ids(rules, pages_ids)

    monkeypatch.setattr(propose, "removed_by_ids", keep_ids)
    lines_taken = 0
    for pages in _outlets_pages():
        found = learn(
            pages, "outlet.example", min_share=LEARN_SHARE, min_pages=LEARN_MIN_COUNT, from_dump=True
        )
        assert found.compiled is not None and found.rules
        by_ids = removed_by_ids(found.rules, seen[-1])
        for lines, taken in zip(pages, by_ids):
            assert removed_lines(found.compiled, lines) == taken
            lines_taken += sum(rule is not None for rule in taken)
    assert lines_taken > 1000
