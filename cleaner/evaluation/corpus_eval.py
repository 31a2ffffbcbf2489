"""Score a corpus: cleaner (and optionally trafilatura) against the gold bodies.

Figures are those of cleaner.evaluation.metrics: body P/R/F1 on 4-token shingles per outlet and overall; keep/leak/acc only over cases whose
metadata lists must_keep / must_drop strings. The command line only formats
what this module computes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from cleaner.engine import Cleaner
from cleaner.errors import CleanerError
from cleaner.evaluation.corpus import Case
from cleaner.evaluation.metrics import KeepLeakScore, ShingleScore

OVERALL = "(overall)"
COMPARE_TOOLS = ("trafilatura",)


@dataclass
class ToolScore:
    """One tool's figures over a set of cases."""

    shingles: ShingleScore = field(default_factory=ShingleScore)
    keep_leak: KeepLeakScore = field(default_factory=KeepLeakScore)
    keep_leak_cases: int = 0

    def add(self, case: Case, predicted: str) -> None:
        self.shingles.add(predicted, case.gold_body)
        if case.must_keep or case.must_drop:
            self.keep_leak_cases += 1
            self.keep_leak.add(predicted, case.must_keep, case.must_drop)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "cases": self.shingles.pages,
            "precision": round(self.shingles.precision, 4),
            "recall": round(self.shingles.recall, 4),
            "f1": round(self.shingles.f1, 4),
        }
        if self.keep_leak_cases:
            out.update(
                keep_leak_cases=self.keep_leak_cases,
                keep=round(self.keep_leak.keep, 4),
                leak=round(self.keep_leak.leak, 4),
                acc=round(self.keep_leak.acc, 4),
            )
        return out


@dataclass
class GroupScore:
    """Figures of one outlet (or of all cases): cleaner on every case, and
    cleaner and the compared tool on the html cases alone, so the two are
    compared on the same pages."""

    cleaner: ToolScore = field(default_factory=ToolScore)
    cleaner_html: ToolScore = field(default_factory=ToolScore)
    compared: ToolScore = field(default_factory=ToolScore)
    text_cases: int = 0
    html_cases: int = 0

    def to_dict(self, compare: str | None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "cases": self.text_cases + self.html_cases,
            "text_cases": self.text_cases,
            "html_cases": self.html_cases,
            "cleaner": self.cleaner.to_dict(),
        }
        if compare:
            out["html_only"] = {"cleaner": self.cleaner_html.to_dict(), compare: self.compared.to_dict()}
        return out


@dataclass
class CaseError:
    path: str
    message: str


@dataclass
class CaseScore:
    """One case's own figures, to find the cases that pull an outlet down."""

    outlet: str
    name: str
    path: str
    precision: float | None
    recall: float | None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "name": self.name,
            "path": self.path,
            "precision": self.precision,
            "recall": self.recall,
            "f1": round(self.f1, 4),
        }


@dataclass
class EvalReport:
    """Per-outlet and overall figures, plus the cases that could not be run."""

    compare: str | None
    groups: dict[str, GroupScore] = field(default_factory=dict)
    errors: list[CaseError] = field(default_factory=list)
    cases: list[CaseScore] = field(default_factory=list)

    def group(self, name: str) -> GroupScore:
        return self.groups.setdefault(name, GroupScore())

    @property
    def overall(self) -> GroupScore:
        return self.group(OVERALL)

    def outlets(self) -> list[str]:
        return sorted(name for name in self.groups if name != OVERALL)

    def below(self, min_f1: float) -> list[str]:
        """Outlets (and "(overall)") whose cleaner F1 is under ``min_f1``."""
        names = self.outlets() + [OVERALL]
        return [
            n
            for n in names
            if self.groups[n].cleaner.shingles.pages and self.groups[n].cleaner.shingles.f1 < min_f1
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "compare": self.compare,
            "outlets": {name: self.groups[name].to_dict(self.compare) for name in self.outlets()},
            "overall": self.overall.to_dict(self.compare),
            "errors": [{"path": e.path, "message": e.message} for e in self.errors],
            "cases": [c.to_dict() for c in self.cases],
        }


def trafilatura_extract(html: str) -> str:
    """trafilatura's text for a page, as the eval README's baseline runs it."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def run_eval(
    cases: Iterable[Case],
    cleaner: Cleaner,
    compare: str | None = None,
    extractor: Callable[[str], str] = trafilatura_extract,
) -> EvalReport:
    """Clean every case and score it; a case that fails is recorded, not fatal."""
    report = EvalReport(compare=compare)
    report.group(OVERALL)  # the overall row exists even for an empty corpus
    for case in cases:
        try:
            predicted = _clean_case(cleaner, case)
        except ImportError as exc:
            report.errors.append(CaseError(str(case.path), f"the html stage cannot be loaded ({exc})"))
            continue
        except CleanerError as exc:
            report.errors.append(CaseError(str(case.path), str(exc)))
            continue
        baseline = None
        if compare and case.is_html:
            try:
                baseline = extractor(case.content)
            except Exception as exc:  # a third-party tool may fail in its own ways
                report.errors.append(CaseError(str(case.path), f"{compare} failed: {exc}"))
        own = ShingleScore()
        precision, recall = own.add(predicted, case.gold_body)
        report.cases.append(CaseScore(case.outlet, case.name, str(case.path), precision, recall))
        for group in (report.group(case.outlet), report.overall):
            group.cleaner.add(case, predicted)
            if case.is_html:
                group.html_cases += 1
            else:
                group.text_cases += 1
            if baseline is not None:
                group.cleaner_html.add(case, predicted)
                group.compared.add(case, baseline)
    return report


def _clean_case(cleaner: Cleaner, case: Case) -> str:
    """The body cleaner gives for a case, called as a user would call it.

    With a URL in the metadata the outlet is resolved from it (and from the
    text), as for any record; without one, the folder name is the outlet.
    """
    date = case.meta.get("date")
    outlet = None if case.url else case.outlet
    if case.is_html:
        result = cleaner.clean(html=case.content, url=case.url, outlet=outlet, date=date)
    else:
        result = cleaner.clean(case.content, url=case.url, outlet=outlet, date=date)
    return result.body
