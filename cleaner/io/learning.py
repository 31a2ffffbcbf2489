"""The first pass of ``cleaner clean --learn-outlets``: read the dump, learn outlet rules.

Every record is decoded as the cleaning pass will decode it and handed to
cleaner.learn.outlets.OutletLearner (grouped by outlet, a bounded sample per
outlet). The learned rule files go to a folder; the cleaning pass loads that
folder after the user's rule folders. A marker file says the folder is
complete, so ``--resume`` reuses the rules of the killed run instead of
learning again.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from cleaner.errors import CleanerError
from cleaner.io.items import BAD, SKIP, Item
from cleaner.io.records import FieldMap, decode_item
from cleaner.learn.outlets import LearnReport, OutletLearner

COMPLETE_MARKER = ".complete"  # written last: the folder holds every learned file of the run
LEARNED_MARK = "\nlearned: true\n"  # how a learned rule file is told from a hand-written one


class LearnInputError(CleanerError):
    """Input that the learning pass cannot read twice."""


def learned_folder_complete(folder: Path) -> bool:
    return (folder / COMPLETE_MARKER).is_file()


def clear_learned(folder: Path) -> None:
    """Remove the learned files of an earlier run (hand-written files are left alone)."""
    (folder / COMPLETE_MARKER).unlink(missing_ok=True)
    for path in folder.glob("*.yaml"):
        try:
            if LEARNED_MARK in path.read_text(encoding="utf-8"):
                path.unlink()
        except (OSError, UnicodeDecodeError):
            continue


def _page_text(html: bytes) -> str:
    """A page's bytes decoded as the html stage decodes them (BOM, UTF-8, declared
    charset, detection), so learning reads the text the cleaning pass will clean."""
    from cleaner.html.decode import decode_html  # lazy: only html input needs the html stage

    return decode_html(html)[0]


def learn_from_items(items: Iterable[Item], fields: FieldMap, folder: Path, min_pages: int) -> LearnReport:
    """Pass one over the items: learn and write the rule files, then the marker."""
    folder.mkdir(parents=True, exist_ok=True)
    clear_learned(folder)
    learner = OutletLearner(folder, min_pages)
    try:
        for item in items:
            if item.kind in (SKIP, BAD):
                continue
            try:
                request = decode_item(item, fields)
            except CleanerError:
                continue  # the cleaning pass reports this record in the errors file
            html = request.html
            if isinstance(html, bytes):
                try:
                    html = _page_text(html)
                except CleanerError:
                    continue  # not a page (binary): the cleaning pass reports it
            learner.add(text=request.text, html=html, url=request.url, outlet=request.outlet)
    except BaseException:
        learner.close()
        raise
    report = learner.finish()
    (folder / COMPLETE_MARKER).write_text("", encoding="utf-8")
    print(f"cleaner: {report.summary()}", file=sys.stderr)
    return report
