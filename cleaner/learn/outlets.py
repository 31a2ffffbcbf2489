"""Learn every outlet's repeated boilerplate from a dump (``--learn-outlets``).

Records are grouped by outlet (cleaner.learn.outlet_key); each outlet keeps a
bounded sample of its pages (cleaner.learn.sample). Outlets with at least
``min_pages`` pages then get their recurring lines and blocks learned
(cleaner.learn.propose) and written as ordinary rule files marked
``learned: true``, which a Cleaner loads on top of the shipped and user rules.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.errors import CleanerError
from cleaner.learn import DEFAULT_MIN_OUTLET_PAGES
from cleaner.learn.category import CategoryGuesser
from cleaner.learn.outlet_key import outlet_key
from cleaner.learn.proposal import Learned
from cleaner.learn.propose import learn, page_lines
from cleaner.learn.sample import SAMPLE_PAGES, OutletSample
from cleaner.outlets.rules import OutletRules

# A line is learned when it stands on 30% of an outlet's (sampled) pages and on at least
# 5 of them. An outlet's own boilerplate stands on most pages (an appeal or a footer on
# nearly all, a box shown to some readers on a third or more); a sentence that several
# articles quote, or the stock paragraph of a story series, stands on a few pages of one
# story. Five pages keep one repetition or a short series out even in a small outlet.
LEARN_SHARE = 0.3
LEARN_MIN_COUNT = 5
# When the rules would remove nearly all (propose.NEARLY_EMPTY_SHARE) of most sampled
# pages, the pages are one template (a dump of identical pages): nothing is learned.
MAX_EMPTIED_PAGES = 0.5
KIND_TEXT = "text"
KIND_HTML = "html"


@dataclass
class OutletOutcome:
    """What learning did for one outlet: a rule file, or why not."""

    key: str
    pages: int
    rules: int = 0
    path: str | None = None
    skipped: str = ""
    compiled: OutletRules | None = None  # the written file's rules, compiled from the same data


@dataclass
class LearnReport:
    """The outcome of one learning pass, for the run's summary."""

    folder: Path
    outlets: list[OutletOutcome] = field(default_factory=list)
    ungrouped: int = 0  # records with neither outlet nor URL
    untracked: int = 0

    @property
    def learned(self) -> list[OutletOutcome]:
        return [o for o in self.outlets if o.path is not None]

    def compiled_rules(self) -> list[OutletRules]:
        """The learned outlets' rules, ready for ``Cleaner.with_outlets`` (no re-reading)."""
        return [o.compiled for o in self.learned if o.compiled is not None]

    def summary(self) -> str:
        grouped = len(self.outlets)
        return (
            f"learned rules for {len(self.learned):,} of {grouped:,} outlets "
            f"({sum(o.rules for o in self.learned):,} rules) in {self.folder}; "
            f"{self.ungrouped:,} records had no outlet or URL"
        )


class OutletLearner:
    """Pass one of a learning run: feed pages, then ``finish`` writes the rule files."""

    def __init__(self, folder: str | os.PathLike[str], min_pages: int = DEFAULT_MIN_OUTLET_PAGES) -> None:
        if min_pages < 1:
            raise CleanerError("--min-outlet-pages must be at least 1")
        self.folder = Path(folder)
        self.min_pages = min_pages
        self._spill = tempfile.TemporaryDirectory(prefix="cleaner-learn-")
        self.sample = OutletSample(os.path.join(self._spill.name, "pages.sqlite"), SAMPLE_PAGES)
        self.ungrouped = 0

    def add(
        self,
        text: str | None = None,
        html: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
    ) -> None:
        """Count one record; records with neither outlet nor URL are not grouped, and an
        empty page does not count."""
        if not text and not html:
            return
        key = outlet_key(outlet, url)
        if key is None:
            self.ungrouped += 1
            return
        if text:
            self.sample.add(key, outlet or key, KIND_TEXT, text)
        elif html:
            self.sample.add(key, outlet or key, KIND_HTML, html)

    def finish(self) -> LearnReport:
        """Learn every outlet with enough pages and write its rule file."""
        self.folder.mkdir(parents=True, exist_ok=True)
        report = LearnReport(self.folder, ungrouped=self.ungrouped, untracked=self.sample.untracked)
        lines_of = PageLines()
        guesser = CategoryGuesser()  # the lexicons load once for all outlets
        try:
            for key, pages in sorted(self.sample.counts().items()):
                outcome = OutletOutcome(key, pages)
                report.outlets.append(outcome)
                if pages < self.min_pages:
                    outcome.skipped = f"{pages} pages, fewer than {self.min_pages}"
                    continue
                learned, why = _learn_sampled(
                    key, self.sample.name_of(key), pages, self.sample.pages_of(key), guesser, lines_of
                )
                if learned is None:
                    outcome.skipped = why
                    continue
                path = self.folder / rule_file_name(key)
                _write_atomic(path, learned.to_yaml())
                outcome.path, outcome.rules, outcome.compiled = (
                    str(path),
                    len(learned.rules),
                    learned.compiled,
                )
        finally:
            self.close()
        return report

    def close(self) -> None:
        self.sample.close()
        self._spill.cleanup()


def rule_file_name(key: str) -> str:
    return f"{key}.yaml"


def outlet_rule_file(
    key: str,
    name: str,
    total_pages: int,
    sampled: Iterable[tuple[str, str]],
    guesser: CategoryGuesser | None = None,
    lines_of: PageLines | None = None,
) -> tuple[str | None, int, str]:
    """The learned rule file of one outlet from its sampled (kind, content) pages:
    (YAML text, rule count, "") or (None, 0, why not). Spark's group-by calls this."""
    learned, why = _learn_sampled(key, name, total_pages, sampled, guesser, lines_of)
    if learned is None:
        return None, 0, why
    return learned.to_yaml(), len(learned.rules), ""


def _learn_sampled(
    key: str,
    name: str,
    total_pages: int,
    sampled: Iterable[tuple[str, str]],
    guesser: CategoryGuesser | None,
    lines_of: PageLines | None,
) -> tuple[Learned | None, str]:
    lines_of = lines_of or PageLines()
    return learn_outlet(
        [lines_of(kind, content) for kind, content in sampled], key, name, total_pages, guesser
    )


def learn_outlet(
    pages: Sequence[Sequence[str]],
    key: str,
    name: str,
    total_pages: int,
    guesser: CategoryGuesser | None = None,
) -> tuple[Learned | None, str]:
    """Rules for one outlet from its sampled pages (as lines), or None and the reason."""
    pages = [p for p in pages if p]
    if len(pages) < LEARN_MIN_COUNT:
        return None, f"only {len(pages)} non-empty pages"
    learned = learn(
        pages,
        key,
        name=name,
        min_share=LEARN_SHARE,
        min_pages=LEARN_MIN_COUNT,
        guesser=guesser,
        from_dump=True,
    )
    if learned.problem:
        return None, f"its rules do not compile: {learned.problem}"
    if not learned.rules:
        return None, "no line recurs on enough pages"
    if learned.nearly_emptied_pages > MAX_EMPTIED_PAGES * (learned.measured_pages or len(pages)):
        return None, "its pages are nearly identical: learning would empty them"
    if not learned.examples:
        return None, "no sampled page keeps enough body to serve as the rule file's example"
    learned.total_pages = total_pages
    return learned, ""


class PageLines:
    """A sampled page as the lines text rules will see (the html stage for html pages)."""

    def __init__(self) -> None:
        self._cleaner: Any = None

    def __call__(self, kind: str, content: str) -> list[str]:
        if kind == KIND_TEXT:
            return page_lines(content)
        if self._cleaner is None:
            from cleaner.engine import Cleaner

            self._cleaner = Cleaner(builtin_rules=False, heuristics=False, use_env=False)
        try:
            result = self._cleaner.clean(html=content)
        except CleanerError:
            return []
        return [line for seg in result.segments if not seg.is_boilerplate for line in page_lines(seg.text)]


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def learn_outlets(
    records: Iterable[Mapping[str, Any]],
    min_pages: int = DEFAULT_MIN_OUTLET_PAGES,
    folder: str | os.PathLike[str] | None = None,
) -> Path:
    """Learn outlet rules from records (mappings with text or html, and url and/or outlet).

    Returns the folder of learned rule files; ``Cleaner(rules_paths=[folder])``
    cleans with them on top of the shipped rules. Without ``folder`` a new
    temporary folder is made (the caller removes it).
    """
    target = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="cleaner-learned-"))
    learner = OutletLearner(target, min_pages)
    for record in records:
        learner.add(
            text=_str_or_none(record.get("text")),
            html=_str_or_none(record.get("html")),
            url=_str_or_none(record.get("url")),
            outlet=_str_or_none(record.get("outlet")),
        )
    learner.finish()
    return target


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def iter_learned(folder: Path) -> Iterator[Path]:
    """The learned rule files in a folder, sorted."""
    return iter(sorted(folder.glob("*.yaml")))
