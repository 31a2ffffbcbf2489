"""datatrove pipeline step: clean ``Document.text`` between a reader and a writer.

    from datatrove.executor import LocalPipelineExecutor   # or SlurmPipelineExecutor, RayPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.datatrove import CleanerStep

    LocalPipelineExecutor(
        [JsonlReader("dump/"), CleanerStep(), JsonlWriter("clean/")], tasks=8, logging_dir="logs/"
    ).run()

The document's text becomes the body; ``Document.metadata`` gains the fields of
``Result.output_fields`` other than the body: ``removed`` (list of {start, end,
category, rule, text}), ``outlet`` and, where found, ``metadata``. The url, outlet and
date come from the document's metadata (keys ``url``, ``outlet``, ``date``). With
``input_kind="html"`` the text is a page (e.g. after ``WarcReader``). A document that
cannot be cleaned passes unchanged with ``clean_error`` in its metadata, or is dropped
with ``drop_failed=True``; either way it is counted. The stats count cleaned and failed
documents and the bytes removed per category (``removed_bytes/<category>``).

The Cleaner is built once per task, on the worker, so the step pickles small and
works under every executor. Needs the ``datatrove`` extra: ``pip install cleaner[datatrove]``.

This module is named like the datatrove package: it imports only absolute names, so
``import datatrove`` below is always the real datatrove.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from cleaner.engine import Cleaner
from cleaner.errors import CleanerError, MissingExtraError
from cleaner.result import Result

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
except ImportError:
    raise MissingExtraError("datatrove", "cleaner.datatrove") from None

TEXT_INPUT = "text"
HTML_INPUT = "html"
ERROR_KEY = "clean_error"
BODY_FIELD = "body"  # the output field that replaces Document.text rather than joining metadata
# Documents cleaned together (as the command line's batches): enough that the heuristics'
# cost per call is spread thin, few enough that the step holds little and yields often.
BATCH_DOCUMENTS = 256


class CleanerStep(PipelineStep):  # type: ignore[misc]
    """Replaces each document's text with its cleaned body; see the module docstring."""

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        input_kind: str = TEXT_INPUT,
        rules_paths: list[str] | None = None,
        builtin_rules: bool = True,
        heuristics: bool = True,
        fallback: str | bool = "auto",
        url_key: str = "url",
        outlet_key: str = "outlet",
        date_key: str = "date",
        drop_failed: bool = False,
    ) -> None:
        super().__init__()
        if input_kind not in (TEXT_INPUT, HTML_INPUT):
            raise ValueError(f"input_kind must be 'text' or 'html', not {input_kind!r}")
        self.input_kind = input_kind
        self.rules_paths = list(rules_paths or [])
        self.builtin_rules = builtin_rules
        self.heuristics = heuristics
        self.fallback = fallback
        self.keys = (url_key, outlet_key, date_key)
        self.drop_failed = drop_failed
        self._cleaner: Cleaner | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_cleaner"] = None  # built again where the step runs
        return state

    def cleaner(self) -> Cleaner:
        if self._cleaner is None:
            self._cleaner = Cleaner(
                rules_paths=self.rules_paths,
                builtin_rules=self.builtin_rules,
                heuristics=self.heuristics,
                fallback=self.fallback,
            )
        return self._cleaner

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        cleaner = self.cleaner()
        for batch in _batches(data, BATCH_DOCUMENTS):
            with self.track_time(unit="batch"):
                cleaned = self._clean_batch(cleaner, batch)
            for document, ok in zip(batch, cleaned):
                if ok or not self.drop_failed:
                    yield document

    def _clean_batch(self, cleaner: Cleaner, documents: list[Any]) -> list[bool]:
        """Clean ``documents`` in place, together (``Cleaner._clean_batch``: the heuristics
        read many documents' lines at once, with the results of one ``clean`` each);
        per document, False (and counted) when it cannot be cleaned."""
        field = "html" if self.input_kind == HTML_INPUT else "text"
        arguments = []
        for document in documents:
            url, outlet, date = (_text_or_none(document.metadata.get(key)) for key in self.keys)
            arguments.append({field: document.text, "url": url, "outlet": outlet, "date": date})
        return [
            self._apply(document, result)
            for document, result in zip(documents, cleaner._clean_batch(arguments))
        ]

    def _apply(self, document: Any, result: Result | Exception) -> bool:
        """Put ``result`` into ``document``: its body as the text, the rest into the metadata."""
        meta = document.metadata
        if isinstance(result, CleanerError):
            meta[ERROR_KEY] = str(result)
            self.stat_update("failed")
            return False
        if isinstance(result, Exception):
            raise result
        fields = result.output_fields()
        document.text = fields.pop(BODY_FIELD)
        meta.update(fields)
        self.stat_update("cleaned")
        for segment in result.removed:
            size = len(segment.text.encode("utf-8", "surrogatepass"))
            self.stat_update(f"removed_bytes/{segment.category or 'other'}", value=size)
        return True


def _batches(documents: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``documents`` in lists of at most ``size``, in order."""
    batch: list[Any] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
