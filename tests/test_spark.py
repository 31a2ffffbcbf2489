"""cleaner.spark in Spark local mode: 1,200 rows, equal to clean() row by row."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator

import pytest

from tests.paths import DATA, require_extra

require_extra("pyspark", "spark")

from pyspark.sql import SparkSession  # noqa: E402

from cleaner import clean  # noqa: E402
from cleaner.engine import MAX_TEXT_CHARS  # noqa: E402
from cleaner.spark import clean_dataframe, clean_frame, executor_cleaner  # noqa: E402

ARTICLE = (DATA / "io" / "mt_article.txt").read_text(encoding="utf-8")
MT_URL = "https://www.themoscowtimes.com/2024/02/07/story-{n}"
ROWS = 1200
HTML_PAGE = (
    "<html><body><nav>Home | World</nav><article>"
    "<p>The harbour authority said on Monday that the ferry to the island would run twice a day from June.</p>"
    "<p>Tickets will cost the same as last year, a spokeswoman said.</p>"
    "</article><footer>Copyright 2024</footer></body></html>"
)


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("cleaner-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "200")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def make_rows() -> list[tuple[int, str | None, str | None, str | None]]:
    rows: list[tuple[int, str | None, str | None, str | None]] = []
    for n in range(ROWS):
        if n % 100 == 5:
            rows.append((n, None, None, None))  # nothing to clean: an error row
        elif n % 10 == 3:
            rows.append((n, None, HTML_PAGE, "https://news.example.org/ferry"))
        elif n % 2:
            rows.append((n, f"Story {n}.\n{ARTICLE}", None, MT_URL.format(n=n)))
        else:
            rows.append(
                (n, f"Item {n}: the market opened late.\nShare this article\nRemind me later.", None, None)
            )
    return rows


def test_clean_dataframe_equals_clean(spark: SparkSession) -> None:
    rows = make_rows()
    df = spark.createDataFrame(rows, "id long, text string, html string, url string").repartition(4)
    cleaned = clean_dataframe(df, text_col="text", html_col="html", url_col="url")
    new = ["body", "removed", "outlet", "metadata", "clean_error"]
    assert cleaned.columns == ["id", "text", "html", "url", *new]
    got = {r["id"]: r for r in cleaned.collect()}
    assert len(got) == ROWS
    for n, text, html, url in rows:
        row = got[n]
        if text is None and html is None:
            assert row["body"] is None and row["removed"] is None and row["clean_error"]
            continue
        expected = clean(html=html, url=url) if html is not None else clean(text, url=url)
        assert row["clean_error"] is None
        assert row["body"] == expected.body
        assert row["outlet"] == expected.outlet
        assert [s.asDict() for s in row["removed"]] == expected.to_dict()["removed"]
        metadata = expected.output_fields().get("metadata")
        assert (json.loads(row["metadata"]) if row["metadata"] else None) == metadata
        if html is not None:
            assert metadata and metadata["html"]["extraction"]  # the html stage's details reach Spark too
    assert got[1]["outlet"] == "themoscowtimes.com"
    assert any(s["category"] == "donation_appeal" for s in got[1]["removed"])
    assert "Remind me later" not in got[1]["body"]


def test_a_pandas_batch_is_cleaned_together_row_for_row() -> None:
    """``clean_frame`` cleans a batch's rows together: each row still gets its own
    ``clean()`` result, in order; refused rows and rows with nothing get their reason."""
    import pandas as pd

    texts: list[str | None] = [
        f"Item {n}: the market opened late.\nREAD MORE: Prices rise again\nShare this article\n"
        for n in range(300)
    ]
    texts[7], texts[8] = None, "x" * (MAX_TEXT_CHARS + 1)
    frame = pd.DataFrame({"text": texts, "url": ["https://example.com/a"] * len(texts)})
    cleaner = executor_cleaner(((), True, True, True))
    out = clean_frame(cleaner, frame, "text", None, "url", None)
    assert len(out) == len(texts)
    for n, text in enumerate(texts):
        if n == 7:
            assert out["clean_error"][n] == "no text and no html in this row"
        elif n == 8:
            assert "too large" in out["clean_error"][n] and pd.isna(out["body"][n])
        else:
            assert text is not None
            expected = cleaner.clean(text, url="https://example.com/a")
            assert out["body"][n] == expected.body and pd.isna(out["clean_error"][n])
            assert list(out["removed"][n]) == expected.to_dict()["removed"]


def test_one_cleaner_per_worker_process() -> None:
    config = ((), True, False, True)
    assert executor_cleaner(config) is executor_cleaner(config)
    assert executor_cleaner(((), True, True, True)) is not executor_cleaner(config)


def test_clean_dataframe_checks_columns(spark: SparkSession) -> None:
    df = spark.createDataFrame([(1, "x")], "id long, content string")
    with pytest.raises(ValueError, match="column 'text' is not in the DataFrame"):
        clean_dataframe(df)
    clash = spark.createDataFrame([(1, "x", "y")], "id long, text string, body string")
    with pytest.raises(ValueError, match="already has column"):
        clean_dataframe(clash)


def test_learned_outlets_two_stage_job_equals_the_command_line(
    spark: SparkSession, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from click.testing import CliRunner

    from cleaner.cli import main
    from cleaner.spark import learn_and_clean_dataframe
    from tests.learn.outlet_dump import dump_records, make_outlets, make_pages

    records = list(dump_records(make_pages(make_outlets(8, seed=11, max_pages=35), seed=12)))
    folder = tmp_path_factory.mktemp("spark-learn")
    dump = folder / "dump.jsonl"
    dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out, learned_dir = folder / "out.jsonl", folder / "learned"
    args = ["clean", str(dump), "-o", str(out), "--no-heuristics", "--no-progress"]
    result = CliRunner().invoke(main, [*args, "--learn-outlets", "--learned-rules", str(learned_dir)])
    assert result.exit_code == 0, result.stderr
    expected = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    rows = [(n, r["text"], r["url"]) for n, r in enumerate(records)]
    df = spark.createDataFrame(rows, "id long, text string, url string").repartition(3)
    cleaned, files = learn_and_clean_dataframe(df, text_col="text", url_col="url", heuristics=False)
    assert files == {p.name: p.read_text(encoding="utf-8") for p in learned_dir.glob("*.yaml")}
    assert len(files) >= 4
    got = {r["id"]: r for r in cleaned.collect()}
    assert len(got) == len(records)
    learned_spans = 0
    for n, want in enumerate(expected):
        row = got[n]
        assert row["body"] == want["body"]
        assert [s.asDict() for s in row["removed"]] == want["removed"]
        learned_spans += sum(s["rule"].startswith("learned:") for s in want["removed"])
    assert learned_spans > 100
