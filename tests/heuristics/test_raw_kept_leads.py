"""On a raw page dump the lead-ins ("Read more: ...", "Lesen Sie auch: ...") are looked up
only on the lines the classifier keeps (``HeuristicLabeler._kept_leads``): the decisions
read a lead-in only on a line still kept, and every line scored below the cut is gone
by then. Looking them up on every line gives the very same results: on the corpus's
text cases and on raw dumps with lead-in lines that the classifier keeps and drops."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from cleaner import Cleaner
from cleaner.heuristics import HeuristicLabeler
from cleaner.heuristics.article_lines import lead_in_categories
from cleaner.heuristics.model import LineModel, load_model
from tests.heuristics.test_batched import CASES, described
from tests.heuristics.test_raw_kept_lines import FOOTER, MENU, PARAGRAPHS

LEAD_LINES = [
    "Read more: Council split over new parking charges in the old town",
    "Lesen Sie auch: Stadtrat streitet über neue Parkgebühren",
    "LEA TAMBIÉN: El ayuntamiento aprueba el presupuesto",
    "Related: Five things to know about the new tram line",
]
THRESHOLDS = (None, 1e-9, 0.2)  # the fitted cut; one that keeps every line; one that keeps more


class EveryLineLeads(HeuristicLabeler):
    """The labeler as it was: lead-ins looked up on every line of a raw dump."""

    def _kept_leads(
        self, texts: list[str], norms: list[str], scores: np.ndarray, cut: float
    ) -> list[str | None]:
        return lead_in_categories(texts, norms, self.lexicon)


def _model(threshold: float | None) -> LineModel:
    model = load_model()
    return model if threshold is None else replace(model, noisy=replace(model.noisy, threshold=threshold))


def _cleaner(labeler: type[HeuristicLabeler], threshold: float | None) -> Cleaner:
    cleaner = Cleaner(use_env=False)
    cleaner.heuristics = labeler(model=_model(threshold))
    return cleaner


def _pages() -> list[str]:
    body = [PARAGRAPHS[0], LEAD_LINES[0], PARAGRAPHS[1], LEAD_LINES[1], PARAGRAPHS[2]]
    body += [LEAD_LINES[2], PARAGRAPHS[3], LEAD_LINES[3]]
    raw = "\n".join(MENU + body + FOOTER) + "\n"
    leads_in_menu = "\n".join(MENU[:5] + LEAD_LINES + MENU[5:] + body + FOOTER) + "\n"
    return [raw, leads_in_menu, *(path.read_text(encoding="utf-8") for path in CASES)]


def test_kept_leads_give_what_every_line_leads_give() -> None:
    opened = 0
    for threshold in THRESHOLDS:
        kept, every = _cleaner(HeuristicLabeler, threshold), _cleaner(EveryLineLeads, threshold)
        for page in _pages():
            result = kept.clean(page)
            assert described(result) == described(every.clean(page))
            opened += sum(s.rule == "heuristic:opening-phrase" for s in result.removed)
    assert opened  # lead-in lines the classifier kept went, so the lead-ins were read
