"""Apache Spark adapter: clean a DataFrame column into body, removed spans and outlet.

    from cleaner.spark import clean_dataframe
    cleaned = clean_dataframe(df, text_col="text", url_col="url")

Built on ``mapInPandas``: each Python worker builds one Cleaner (rules are
compiled once per worker process, which Spark reuses across tasks), then
cleans whole Arrow batches. A row that cannot be cleaned gets null body,
removed and outlet, and its reason in ``clean_error``; the job goes on.
Needs the ``spark`` extra: ``pip install cleaner[spark]``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cleaner.engine import Cleaner
from cleaner.errors import CleanerError
from cleaner.result import OUTPUT_FIELDS

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd
    from pyspark.sql import DataFrame

ERROR_COL = "clean_error"
METADATA_COL = "metadata"  # a JSON object as a string: its values vary by page (html stage details)
NEW_COLUMNS = (*OUTPUT_FIELDS, ERROR_COL)

# One Cleaner per worker process and configuration.
_cleaners: dict[tuple[Any, ...], Cleaner] = {}


def clean_dataframe(
    df: DataFrame,
    text_col: str = "text",
    html_col: str | None = None,
    url_col: str | None = None,
    *,
    outlet_col: str | None = None,
    rules_paths: list[str] | None = None,
    builtin_rules: bool = True,
    heuristics: bool = True,
    fallback: bool = True,
) -> DataFrame:
    """``df`` with the output fields as new columns: body (string), removed (array of
    structs start/end/category/rule/text), outlet (string), metadata (a JSON object as
    a string, null when nothing was found), then clean_error (string).

    A row is cleaned as HTML when ``html_col`` is given and its value is not
    null, else as text from ``text_col``. ``url_col`` and ``outlet_col``
    help to pick the outlet rules. The rule folders in ``rules_paths`` must
    exist on every executor (or ship them with ``--files``).
    """
    from pyspark.sql.types import StructField, StructType

    names = set(df.columns)
    for col in (text_col, html_col, url_col, outlet_col):
        if col is not None and col not in names and not (col == text_col and html_col is not None):
            raise ValueError(f"column {col!r} is not in the DataFrame (columns: {', '.join(df.columns)})")
    clash = names.intersection(NEW_COLUMNS)
    if clash:
        raise ValueError(f"the DataFrame already has column(s) {', '.join(sorted(clash))}; rename them first")
    schema = StructType(list(df.schema.fields) + [StructField(n, t, True) for n, t in _new_types()])
    config = (tuple(rules_paths or ()), builtin_rules, heuristics, fallback)
    columns = (text_col if text_col in names else None, html_col, url_col, outlet_col)

    def clean_batches(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        cleaner = executor_cleaner(config)
        for frame in frames:
            yield clean_frame(cleaner, frame, *columns)

    return df.mapInPandas(clean_batches, schema)


def executor_cleaner(config: tuple[Any, ...]) -> Cleaner:
    """The worker process's Cleaner for this configuration, built on first use."""
    cleaner = _cleaners.get(config)
    if cleaner is None:
        rules_paths, builtin_rules, heuristics, fallback = config
        cleaner = Cleaner(
            list(rules_paths), builtin_rules=builtin_rules, heuristics=heuristics, fallback=fallback
        )
        _cleaners[config] = cleaner
    return cleaner


def clean_frame(
    cleaner: Cleaner,
    frame: pd.DataFrame,
    text_col: str | None,
    html_col: str | None,
    url_col: str | None,
    outlet_col: str | None,
) -> pd.DataFrame:
    """Clean one pandas batch; returns it with the new columns (NEW_COLUMNS)."""
    rows = len(frame)
    texts = _column(frame, text_col, rows)
    htmls = _column(frame, html_col, rows)
    urls = _column(frame, url_col, rows)
    outlets = _column(frame, outlet_col, rows)
    columns: dict[str, list[Any]] = {name: [] for name in NEW_COLUMNS}
    for text, html, url, outlet in zip(texts, htmls, urls, outlets):
        try:
            if html is not None:
                result = cleaner.clean(html=html, url=url, outlet=outlet)
            elif text is not None:
                result = cleaner.clean(text, url=url, outlet=outlet)
            else:
                raise CleanerError("no text and no html in this row")
        except (CleanerError, ImportError) as exc:
            row: dict[str, Any] = {ERROR_COL: str(exc)}
        else:
            row = result.output_fields()
            if METADATA_COL in row:
                row[METADATA_COL] = json.dumps(row[METADATA_COL], ensure_ascii=False)
        for name, values in columns.items():
            values.append(row.get(name))
    return frame.assign(**columns)


def _column(frame: pd.DataFrame, name: str | None, rows: int) -> list[Any]:
    if name is None:
        return [None] * rows
    return [None if _is_null(v) else v for v in frame[name].tolist()]


def _is_null(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # NaN from pandas


def _new_types() -> list[tuple[str, Any]]:
    from pyspark.sql.types import ArrayType, IntegerType, StringType, StructField, StructType

    span = StructType(
        [
            StructField("start", IntegerType(), False),
            StructField("end", IntegerType(), False),
            StructField("category", StringType(), True),
            StructField("rule", StringType(), True),
            StructField("text", StringType(), False),
        ]
    )
    types = {"body": StringType(), "removed": ArrayType(span, False), "outlet": StringType()}
    return [(name, types.get(name, StringType())) for name in NEW_COLUMNS]


__all__ = ["clean_dataframe", "clean_frame", "executor_cleaner"]
