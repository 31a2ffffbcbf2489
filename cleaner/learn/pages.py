"""Turn the pages of a dump into the lines outlet text rules will see.

Text pages: their stripped, non-blank lines. HTML pages: the article lines
the html stage finds with no outlet rules (page chrome outside the article
is labelled by that stage already, and text rules never see it), so what is
learned is what the text rules will meet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.blocks import split_blocks
from cleaner.errors import CleanerError
from cleaner.io.documents import read_documents
from cleaner.io.records import DocumentRequest, FieldMap
from cleaner.learn.propose import page_lines

if TYPE_CHECKING:
    from cleaner.engine import Cleaner


class PageReader:
    """Reads a dump into per-page line lists; pages that fail are listed, not fatal."""

    def __init__(
        self, fields: FieldMap | None = None, forced_format: str = "auto", encoding: str = "auto"
    ) -> None:
        self.fields = fields or FieldMap()
        self.forced_format = forced_format  # --format, as for `cleaner clean`
        self.encoding = encoding  # --encoding of text files
        self.skipped: list[str] = []
        self._cleaner: Cleaner | None = None

    def read(self, dump: str, limit: int | None = None) -> list[list[str]]:
        pages: list[list[str]] = []
        for where, page in read_documents([dump], self.fields, self.forced_format, limit, self.encoding):
            lines = self.lines(where, page)
            if lines:
                pages.append(lines)
        return pages

    def lines(self, where: str, page: DocumentRequest) -> list[str]:
        if page.text is not None:
            return page_lines(page.text)
        try:
            return self._article_lines(page)
        except ImportError as exc:
            raise CleanerError(
                f"{where}: HTML pages need the html stage, which cannot be loaded ({exc})"
            ) from None
        except CleanerError as exc:
            self.skipped.append(f"{where}: {exc}")
            return []

    def _article_lines(self, page: DocumentRequest) -> list[str]:
        if self._cleaner is None:
            from cleaner.engine import Cleaner

            self._cleaner = Cleaner(builtin_rules=False, heuristics=False, use_env=False)
        result = self._cleaner.clean(html=page.html, url=page.url)
        return [
            block.text
            for seg in result.segments
            if not seg.is_boilerplate
            for block in split_blocks(seg.text)
        ]
