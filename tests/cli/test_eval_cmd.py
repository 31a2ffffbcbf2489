"""`cleaner eval` and the corpus reader, on a small corpus written for the tests."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import trafilatura
from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.evaluation.corpus import CorpusError, iter_cases
from cleaner.evaluation.metrics import ShingleScore
from tests.paths import DATA

CORPUS = DATA / "corpus"
RULES = DATA / "rules"
OPTIONS = ["--no-heuristics", "--no-builtin-rules", "--rules", str(RULES)]
TEXT_OUTLET = "harbour-daily.example"
HTML_OUTLET = "riverside-herald.example"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["eval", *args])
    return result.exit_code, result.stdout, result.stderr


def test_iter_cases_reads_documents_gold_and_meta() -> None:
    cases = list(iter_cases(CORPUS))
    assert [(c.outlet, c.name, c.is_html) for c in cases] == [
        (TEXT_OUTLET, "bridge-repairs", False),
        (TEXT_OUTLET, "governor-resigns", False),
        (HTML_OUTLET, "library-opens", True),
    ]
    first = cases[0]
    assert first.url == "https://harbour-daily.example/2026/03/04/bridges-to-close"
    assert first.must_keep[0] == "close three river crossings for repairs"
    assert first.gold_body.startswith("The city council voted")
    assert cases[1].meta == {} and cases[1].must_drop == []


def test_corpus_errors_name_the_file(tmp_path: Path) -> None:
    outlet = tmp_path / "corpus" / "some.example"
    outlet.mkdir(parents=True)
    (outlet / "a.txt").write_text("Body.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"a\.txt: no gold body \(expected a\.body\.txt\)"):
        list(iter_cases(tmp_path / "corpus"))
    (outlet / "a.body.txt").write_text("Body.\n", encoding="utf-8")
    (outlet / "a.meta.yaml").write_text("url: x\nmust_keep: just a string\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"a\.meta\.yaml:2: 'must_keep' must be a list of strings"):
        list(iter_cases(tmp_path / "corpus"))
    code, out, err = run(str(tmp_path / "corpus"), *OPTIONS)
    assert code == 2 and out == ""
    assert err.strip().startswith("cleaner: error: ") and "a.meta.yaml:2:" in err
    assert "Traceback" not in err


def _expected(outlet: str) -> ShingleScore:
    cleaner = Cleaner(rules_paths=[RULES], builtin_rules=False, heuristics=False)
    score = ShingleScore()
    for case in iter_cases(CORPUS):
        if case.outlet == outlet:
            explicit = None if case.url else case.outlet
            if case.is_html:
                body = cleaner.clean(html=case.content, url=case.url, outlet=explicit).body
            else:
                body = cleaner.clean(case.content, url=case.url, outlet=explicit).body
            score.add(body, case.gold_body)
    return score


def test_table_has_each_outlet_and_overall() -> None:
    code, out, err = run(str(CORPUS), *OPTIONS)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["outlet", "cases", "P", "R", "F1", "keep", "leak", "acc"]
    rows = {line.split()[0]: line.split() for line in lines[2:] if not line.startswith("-")}
    assert rows[TEXT_OUTLET] == [TEXT_OUTLET, "2", "1.000", "1.000", "1.000", "100.0%", "0.0%", "1.000"]
    html_f1 = _expected(HTML_OUTLET).f1
    assert rows[HTML_OUTLET][4] == f"{html_f1:.3f}" and rows[HTML_OUTLET][5:] == ["-", "-", "-"]
    assert rows["(overall)"][1] == "3"


def test_compare_trafilatura_scores_html_cases_only() -> None:
    code, out, err = run(str(CORPUS), "--compare", "trafilatura", *OPTIONS)
    assert code == 0, err
    header = re.split(r"\s{2,}", out.splitlines()[0])
    assert header[-5:] == ["html", "cleaner F1", "trafilatura P", "trafilatura R", "trafilatura F1"]
    rows = {line.split()[0]: line.split() for line in out.splitlines()[2:] if not line.startswith("-")}
    assert rows[TEXT_OUTLET][-5:] == ["0", "n/a", "n/a", "n/a", "n/a"]
    case = next(c for c in iter_cases(CORPUS) if c.is_html)
    reference = ShingleScore()
    reference.add(trafilatura.extract(case.content, include_comments=False) or "", case.gold_body)
    assert rows[HTML_OUTLET][-5:] == [
        "1",
        f"{_expected(HTML_OUTLET).f1:.3f}",
        f"{reference.precision:.3f}",
        f"{reference.recall:.3f}",
        f"{reference.f1:.3f}",
    ]


def test_json_output_and_min_f1_gate() -> None:
    code, out, _ = run(str(CORPUS), "--json", "--compare", "trafilatura", *OPTIONS)
    assert code == 0
    data = json.loads(out)
    assert set(data["outlets"]) == {TEXT_OUTLET, HTML_OUTLET}
    text = data["outlets"][TEXT_OUTLET]
    assert text["cleaner"]["f1"] == 1.0 and text["cleaner"]["keep_leak_cases"] == 1
    assert text["html_only"]["trafilatura"]["cases"] == 0
    assert data["overall"]["cases"] == 3 and data["errors"] == []
    html_f1 = _expected(HTML_OUTLET).f1
    assert data["outlets"][HTML_OUTLET]["cleaner"]["f1"] == round(html_f1, 4)

    threshold = f"{(html_f1 + 1) / 2:.4f}"  # between the html outlet's F1 and the text outlet's 1.0
    code, out, err = run(str(CORPUS), "--min-f1", threshold, *OPTIONS)
    assert code == 1
    assert f"F1 below {float(threshold)}: {HTML_OUTLET}" in err
    code, _, _ = run(str(CORPUS), "--min-f1", f"{html_f1 - 0.01:.4f}", *OPTIONS)
    assert code == 0


def test_leak_is_counted_when_rules_are_missing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS / TEXT_OUTLET, corpus / TEXT_OUTLET)
    code, out, _ = run(str(corpus), "--json", "--no-heuristics", "--no-builtin-rules")
    assert code == 0
    figures = json.loads(out)["outlets"][TEXT_OUTLET]["cleaner"]
    assert figures["leak"] == 1.0 and figures["keep"] == 1.0 and figures["acc"] == 0.5
    assert figures["precision"] < 1.0 and figures["recall"] == 1.0


def test_cases_listing_puts_the_worst_case_first() -> None:
    code, out, _ = run(str(CORPUS), "--cases", *OPTIONS)
    assert code == 0
    listing = out.split("\n\n", 1)[1].splitlines()
    assert listing[0].split() == ["case", "P", "R", "F1"]
    assert listing[1].split()[0] == f"{HTML_OUTLET}/library-opens"
    assert listing[1].split()[3] == f"{_expected(HTML_OUTLET).f1:.3f}"
    assert [row.split()[3] for row in listing[2:]] == ["1.000", "1.000"]
    data = json.loads(run(str(CORPUS), "--json", *OPTIONS)[1])
    assert {c["name"] for c in data["cases"]} == {"bridge-repairs", "governor-resigns", "library-opens"}
