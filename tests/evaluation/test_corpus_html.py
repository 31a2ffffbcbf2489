"""The corpus has html cases, so `cleaner eval corpus/ --compare trafilatura` compares
cleaner and trafilatura per outlet on the same pages."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cleaner.cli import main
from cleaner.evaluation.corpus import iter_cases
from tests.paths import CORPUS

MIN_HTML_OUTLETS = 4  # outlets whose whole article pages the corpus holds


def test_corpus_holds_html_pages_of_several_outlets() -> None:
    html = [c for c in iter_cases(CORPUS) if c.is_html]
    outlets = {c.outlet for c in html}
    assert len(outlets) >= MIN_HTML_OUTLETS, outlets
    for case in html:
        assert "<html" in case.content.lower() and "<body" in case.content.lower(), case.path
        assert case.url, f"{case.path}: an html case needs its url"


def test_eval_compare_gives_html_figures_per_outlet() -> None:
    result = CliRunner().invoke(main, ["eval", str(CORPUS), "--compare", "trafilatura", "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    html_outlets = {c.outlet for c in iter_cases(CORPUS) if c.is_html}
    for outlet in html_outlets:
        figures = report["outlets"][outlet]["html_only"]
        assert (
            figures["cleaner"]["cases"] >= 1
            and figures["trafilatura"]["cases"] == figures["cleaner"]["cases"]
        )
        assert 0.0 <= figures["trafilatura"]["f1"] <= 1.0
