"""The datatrove step: a JsonlReader -> CleanerStep -> JsonlWriter pipeline with two
tasks on the local executor gives every document the body ``clean()`` gives it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.paths import DATA, require_extra

require_extra("datatrove", "datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.datatrove import BATCH_DOCUMENTS, CleanerStep  # noqa: E402
from cleaner.engine import MAX_TEXT_CHARS  # noqa: E402

ARTICLE = (DATA / "io" / "mt_article.txt").read_text(encoding="utf-8")
MT_URL = "https://www.themoscowtimes.com/2024/02/07/kaliningrad-vote"
RECORDS_PER_FILE = 6


def records(part: int) -> list[dict[str, str | None]]:
    found: list[dict[str, str | None]] = []
    for i in range(RECORDS_PER_FILE):
        number = part * RECORDS_PER_FILE + i
        text = ARTICLE if i % 2 == 0 else f"Item {number}: the council met today.\nShare this article\n"
        found.append({"id": f"doc-{number}", "text": text, "url": MT_URL if i % 4 == 0 else None})
    return found


def test_two_task_pipeline_gives_the_bodies_of_clean(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for part in range(2):
        lines = "".join(json.dumps(r) + "\n" for r in records(part))
        (source / f"part{part}.jsonl").write_text(lines, encoding="utf-8")
    out = tmp_path / "out"
    pipeline = [
        JsonlReader(str(source)),
        CleanerStep(heuristics=False),
        JsonlWriter(str(out), output_filename="${rank}.jsonl.gz"),
    ]
    LocalPipelineExecutor(pipeline, tasks=2, workers=2, logging_dir=str(tmp_path / "logs")).run()

    written = {}
    for path in sorted(out.glob("*.jsonl.gz")):
        for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
            document = json.loads(line)
            written[document["id"]] = document
    assert len(written) == 2 * RECORDS_PER_FILE
    cleaner = Cleaner(heuristics=False)
    for part in range(2):
        for record in records(part):
            expected = cleaner.clean(str(record["text"]), url=record["url"])  # type: ignore[arg-type]
            document = written[record["id"]]
            assert document["text"] == expected.body
            assert document["metadata"]["outlet"] == expected.outlet
            assert document["metadata"]["removed"] == expected.to_dict()["removed"]
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    step = next(s for s in stats if "cleaner" in s["name"])
    assert total(step["stats"]["cleaned"]) == 2 * RECORDS_PER_FILE
    assert total(step["stats"]["removed_bytes/donation_appeal"]) > 0


def total(stat: int | dict[str, float]) -> float:
    """datatrove writes a counter as a number, a measured value as a dict with its total."""
    return stat if isinstance(stat, int) else stat["total"]


def test_failed_document_passes_with_its_error_or_is_dropped() -> None:
    binary = "\x00\x01\x02\x03 not a page"
    documents = [Document(text=binary, id="bad"), Document(text="<p>A line of news.</p>", id="ok")]
    kept = list(CleanerStep(input_kind="html").run(iter(documents)))
    assert [d.id for d in kept] == ["bad", "ok"]
    assert kept[0].metadata["clean_error"] == "input is binary data, not HTML" and kept[0].text == binary
    dropping = CleanerStep(input_kind="html", drop_failed=True)
    dropped = list(
        dropping.run(iter([Document(text=binary, id="bad"), Document(text="<p>News.</p>", id="ok")]))
    )
    assert [d.id for d in dropped] == ["ok"]
    assert dropping.stats["failed"].total == 1 and dropping.stats["cleaned"].total == 1


def test_html_documents() -> None:
    page = "<html><body><nav>Home | World</nav><article><p>The council voted today on the plan.</p></article></body></html>"
    step = CleanerStep(input_kind="html")
    (document,) = list(
        step.run(iter([Document(text=page, id="p", metadata={"url": "https://example.com/a"})]))
    )
    expected = Cleaner().clean(html=page, url="https://example.com/a")
    assert document.text == expected.body and "The council voted today" in document.text
    assert (
        document.metadata["metadata"] == expected.metadata
        and document.metadata["url"] == "https://example.com/a"
    )


def test_bad_input_kind() -> None:
    with pytest.raises(ValueError, match="input_kind"):
        CleanerStep(input_kind="pdf")


def test_documents_cleaned_in_batches_keep_their_order_and_results() -> None:
    """More documents than one batch (BATCH_DOCUMENTS), with the heuristics on and bad
    documents among them: each gets the result of its own ``clean()``, in order."""
    texts = [
        ARTICLE
        if k % 3 == 0
        else f"Item {k}: the council met today.\nREAD MORE: Council split\nShare this article\n"
        for k in range(BATCH_DOCUMENTS + 7)
    ]
    texts[5] = "x" * (MAX_TEXT_CHARS + 1)  # refused: too large
    documents = [Document(text=text, id=str(k), metadata={"url": MT_URL}) for k, text in enumerate(texts)]
    step = CleanerStep()
    kept = list(step.run(iter(documents)))
    assert [d.id for d in kept] == [str(k) for k in range(len(texts))]
    cleaner = Cleaner()
    for k, document in enumerate(kept):
        if k == 5:
            assert "too large" in document.metadata["clean_error"] and document.text == texts[5]
            continue
        expected = cleaner.clean(texts[k], url=MT_URL)
        assert document.text == expected.body
        assert document.metadata["removed"] == expected.to_dict()["removed"]
    assert step.stats["failed"].total == 1 and step.stats["cleaned"].total == len(texts) - 1
