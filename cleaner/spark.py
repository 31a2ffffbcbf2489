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

import hashlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.engine import Cleaner
from cleaner.errors import CleanerError
from cleaner.learn.outlet_key import outlet_key
from cleaner.learn.outlets import (
    DEFAULT_MIN_OUTLET_PAGES,
    KIND_HTML,
    KIND_TEXT,
    outlet_rule_file,
    rule_file_name,
)
from cleaner.learn.sample import SAMPLE_PAGES, page_hash
from cleaner.result import OUTPUT_FIELDS, Result

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd
    from pyspark.sql import DataFrame

ERROR_COL = "clean_error"
METADATA_COL = "metadata"  # a JSON object as a string: its values vary by page (html stage details)
NEW_COLUMNS = (*OUTPUT_FIELDS, ERROR_COL)
NO_INPUT = "no text and no html in this row"

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
    fallback: str | bool = "auto",
    learned: Any = None,
) -> DataFrame:
    """``df`` with the output fields as new columns: body (string), removed (array of
    structs start/end/category/rule/text), outlet (string), metadata (a JSON object as
    a string, null when nothing was found), then clean_error (string).

    A row is cleaned as HTML when ``html_col`` is given and its value is not
    null, else as text from ``text_col``. ``url_col`` and ``outlet_col``
    help to pick the outlet rules. The rule folders in ``rules_paths`` must
    exist on every executor (or ship them with ``--files``). ``learned`` is a
    broadcast of learned rule files (see ``learn_and_clean_dataframe``).
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
        cleaner = executor_cleaner(config if learned is None else _with_learned(config, learned.value))
        for frame in frames:
            yield clean_frame(cleaner, frame, *columns)

    return df.mapInPandas(clean_batches, schema)


def learn_and_clean_dataframe(
    df: DataFrame,
    text_col: str = "text",
    html_col: str | None = None,
    url_col: str | None = None,
    *,
    outlet_col: str | None = None,
    min_pages: int = DEFAULT_MIN_OUTLET_PAGES,
    rules_paths: list[str] | None = None,
    builtin_rules: bool = True,
    heuristics: bool = True,
    fallback: str | bool = "auto",
) -> tuple[DataFrame, dict[str, str]]:
    """``cleaner clean --learn-outlets`` as a two-stage Spark job.

    Stage one groups the rows by outlet (explicit outlet, else the URL's
    registered domain), keeps each outlet's pages with the smallest content
    hashes (the same bottom-k sample as the command line), and learns one rule
    file per outlet with at least ``min_pages`` rows in a group-by. The files
    (small: a few KB each) come back to the driver and are broadcast; stage two
    cleans every row with them on top of the other rules. Returns the cleaned
    DataFrame and the learned files ({file name: YAML}) to keep if wanted.
    """
    files = learn_outlets_dataframe(
        df, text_col, html_col, url_col, outlet_col=outlet_col, min_pages=min_pages
    )
    learned = df.sparkSession.sparkContext.broadcast(files)
    cleaned = clean_dataframe(
        df,
        text_col,
        html_col,
        url_col,
        outlet_col=outlet_col,
        rules_paths=rules_paths,
        builtin_rules=builtin_rules,
        heuristics=heuristics,
        fallback=fallback,
        learned=learned,
    )
    return cleaned, files


def learn_outlets_dataframe(
    df: DataFrame,
    text_col: str = "text",
    html_col: str | None = None,
    url_col: str | None = None,
    *,
    outlet_col: str | None = None,
    min_pages: int = DEFAULT_MIN_OUTLET_PAGES,
) -> dict[str, str]:
    """Stage one: the learned rule files of every outlet with at least ``min_pages`` rows."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    names = set(df.columns)
    columns = [c if c is not None and c in names else None for c in (text_col, html_col, url_col, outlet_col)]

    def keyed(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in frames:
            yield _page_keys(frame, *columns)

    pages = df.mapInPandas(keyed, "key string, name string, hash long, kind string, content string")
    pages = pages.where(F.col("key").isNotNull())
    by_outlet = Window.partitionBy("key")
    ranked = (
        pages.withColumn("pages", F.count(F.lit(1)).over(by_outlet))
        .withColumn("outlet_name", F.min("name").over(by_outlet))
        .where(F.col("pages") >= min_pages)
        .withColumn("rank", F.row_number().over(by_outlet.orderBy("hash", "content")))
        .where(F.col("rank") <= SAMPLE_PAGES)
    )

    def learn_group(frame: pd.DataFrame) -> pd.DataFrame:
        import pandas as pd

        frame = frame.sort_values(["hash", "content"], kind="stable")
        key = str(frame["key"].iloc[0])
        text, _rules, _why = outlet_rule_file(
            key,
            str(frame["outlet_name"].iloc[0]),
            int(frame["pages"].iloc[0]),
            zip(frame["kind"].tolist(), frame["content"].tolist()),
        )
        return pd.DataFrame({"file": [rule_file_name(key)], "yaml": [text]})

    learned = ranked.groupBy("key").applyInPandas(learn_group, "file string, yaml string")
    return {row["file"]: row["yaml"] for row in learned.collect() if row["yaml"] is not None}


def _page_keys(
    frame: pd.DataFrame,
    text_col: str | None,
    html_col: str | None,
    url_col: str | None,
    outlet_col: str | None,
) -> pd.DataFrame:
    """Each row's outlet key, name, content hash and content (text, else html)."""
    import pandas as pd

    out: dict[str, list[Any]] = {"key": [], "name": [], "hash": [], "kind": [], "content": []}
    for text, html, url, outlet in _rows(frame, text_col, html_col, url_col, outlet_col):
        # the html column first, as the cleaning stage reads it
        kind, content = (KIND_HTML, html) if html is not None else (KIND_TEXT, text)
        key = outlet_key(outlet, url) if isinstance(content, str) and content else None
        out["key"].append(key)
        out["name"].append(outlet or key)
        out["hash"].append(page_hash(content) if key is not None else None)
        out["kind"].append(kind)
        out["content"].append(content if key is not None else None)
    return pd.DataFrame(out)


def _with_learned(config: tuple[Any, ...], files: dict[str, str]) -> tuple[Any, ...]:
    """The config with a folder of the broadcast learned files, written once per executor."""
    digest = hashlib.sha256(json.dumps(files, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"cleaner-learned-{digest}"
    if not (folder / ".complete").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        (folder / ".complete").write_text("", encoding="utf-8")
    rules_paths, *rest = config
    return (tuple(rules_paths) + (str(folder),), *rest)


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
    """Clean one pandas batch; returns it with the new columns (NEW_COLUMNS).

    The rows go through ``Cleaner._clean_batch``, as the command line's do: the text rows'
    heuristics run over many rows' lines at once, with the results of one ``clean`` per row.
    A row the cleaner refuses gets its reason in ``clean_error``; any other error fails the
    task, as a bug should."""
    documents: list[dict[str, Any] | None] = []
    for text, html, url, outlet in _rows(frame, text_col, html_col, url_col, outlet_col):
        if html is not None:
            documents.append({"html": html, "url": url, "outlet": outlet})
        elif text is not None:
            documents.append({"text": text, "url": url, "outlet": outlet})
        else:
            documents.append(None)
    results = iter(cleaner._clean_batch([d for d in documents if d is not None]))
    columns: dict[str, list[Any]] = {name: [] for name in NEW_COLUMNS}
    for document in documents:
        row = _output_row(next(results) if document is not None else CleanerError(NO_INPUT))
        for name, values in columns.items():
            values.append(row.get(name))
    return frame.assign(**columns)


def _output_row(result: Result | Exception) -> dict[str, Any]:
    """A row's new columns: its result's fields, or the reason the cleaner refused it."""
    if isinstance(result, (CleanerError, ImportError)):
        return {ERROR_COL: str(result)}
    if isinstance(result, Exception):
        raise result
    row = result.output_fields()
    if METADATA_COL in row:
        row[METADATA_COL] = json.dumps(row[METADATA_COL], ensure_ascii=False)
    return row


def _rows(frame: pd.DataFrame, *names: str | None) -> Iterator[tuple[Any, ...]]:
    """The named columns of a batch row by row (a column not given, or a null, is None)."""
    rows = len(frame)
    return zip(*(_column(frame, name, rows) for name in names))


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


__all__ = [
    "clean_dataframe",
    "clean_frame",
    "executor_cleaner",
    "learn_and_clean_dataframe",
    "learn_outlets_dataframe",
]
