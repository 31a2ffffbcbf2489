"""Scrapy item pipeline: clean one item field (text or HTML) as items come in.

    # settings.py
    ITEM_PIPELINES = {"cleaner.scrapy.CleanerPipeline": 300}
    CLEANER_FIELD = "html"        # the item field to clean
    CLEANER_INPUT = "html"        # "text" or "html": what that field holds
    CLEANER_URL_FIELD = "url"     # the item field with the response URL (picks outlet rules)

The pipeline adds the output fields of ``Result.output_fields``: ``body``, ``removed``
(list of {start, end, category, rule, text}), ``outlet`` and, where found, ``metadata``
to each item (with ``CLEANER_OUTPUT_PREFIX`` in front
of the names if set; ``clean_error`` keeps its name). An item that cannot be cleaned keeps its fields and
gets ``clean_error``, or is dropped with ``CLEANER_DROP_FAILED = True``.
Needs the ``scrapy`` extra: ``pip install cleaner[scrapy]``.

This module is named like the scrapy package: it imports only absolute
names, so ``import scrapy`` below is always the real Scrapy.
"""

from __future__ import annotations

from typing import Any

from cleaner.engine import Cleaner
from cleaner.errors import CleanerError, MissingExtraError

try:
    from itemadapter import ItemAdapter
    from scrapy.exceptions import DropItem, NotConfigured
except ImportError:
    raise MissingExtraError("scrapy", "cleaner.scrapy") from None

TEXT_INPUT = "text"
HTML_INPUT = "html"
ERROR_FIELD = "clean_error"  # never prefixed: one name to look for


class CleanerPipeline:
    """Cleans ``field`` of every item with one Cleaner built when the crawl starts."""

    def __init__(
        self,
        field: str = "text",
        input_kind: str = TEXT_INPUT,
        url_field: str | None = "url",
        output_prefix: str = "",
        rules_paths: list[str] | None = None,
        builtin_rules: bool = True,
        heuristics: bool = True,
        fallback: str | bool = "auto",
        drop_failed: bool = False,
    ) -> None:
        if input_kind not in (TEXT_INPUT, HTML_INPUT):
            raise NotConfigured(f"CLEANER_INPUT must be 'text' or 'html', not {input_kind!r}")
        self.field = field
        self.input_kind = input_kind
        self.url_field = url_field or None
        self.prefix = output_prefix
        self.drop_failed = drop_failed
        self.cleaner = Cleaner(
            rules_paths=list(rules_paths or ()),
            builtin_rules=builtin_rules,
            heuristics=heuristics,
            fallback=fallback,
        )
        self.cleaned = 0
        self.failed = 0

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        """Read the CLEANER_* settings; a bad rule folder stops the crawl with its message."""
        settings = crawler.settings
        try:
            return cls(
                field=settings.get("CLEANER_FIELD", "text"),
                input_kind=settings.get("CLEANER_INPUT", TEXT_INPUT),
                url_field=settings.get("CLEANER_URL_FIELD", "url"),
                output_prefix=settings.get("CLEANER_OUTPUT_PREFIX", ""),
                rules_paths=settings.getlist("CLEANER_RULES"),
                builtin_rules=settings.getbool("CLEANER_BUILTIN_RULES", True),
                heuristics=settings.getbool("CLEANER_HEURISTICS", True),
                fallback=settings.getbool("CLEANER_FALLBACK", True),
                drop_failed=settings.getbool("CLEANER_DROP_FAILED", False),
            )
        except CleanerError as exc:
            raise NotConfigured(str(exc)) from None

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Add the output fields (body, removed, outlet, metadata when found), or clean_error, and pass the item on."""
        adapter = ItemAdapter(item)
        value = adapter.get(self.field)
        url = adapter.get(self.url_field) if self.url_field else None
        try:
            if value is None:
                raise CleanerError(f"item has no {self.field!r} field")
            if self.input_kind == HTML_INPUT:
                result = self.cleaner.clean(html=value, url=url)
            else:
                result = self.cleaner.clean(value, url=url)
        except (CleanerError, ImportError) as exc:
            self.failed += 1
            if self.drop_failed:
                raise DropItem(f"cleaner: {exc}") from None
            self._set(adapter, ERROR_FIELD, str(exc), prefixed=False)
            return item
        self.cleaned += 1
        for name, value in result.output_fields().items():
            self._set(adapter, name, value)
        return item

    def _set(self, adapter: ItemAdapter, name: str, value: Any, prefixed: bool = True) -> None:
        key = self.prefix + name if prefixed else name
        try:
            adapter[key] = value
        except KeyError:
            raise KeyError(f"the item class has no field {key!r}: declare it, or use dict items") from None


__all__ = ["CleanerPipeline"]
