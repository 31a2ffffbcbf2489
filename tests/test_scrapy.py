"""cleaner.scrapy: a real Scrapy crawl of a small local site, items come out cleaned."""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import DATA, ROOT, require_extra

require_extra("scrapy", "scrapy")

SITE = DATA / "io" / "site"

CRAWL_SCRIPT = """
import sys
import scrapy
from scrapy.crawler import CrawlerProcess

class SiteSpider(scrapy.Spider):
    name = "site"

    def __init__(self, start, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [start]

    def parse(self, response):
        for href in response.css("main a::attr(href)").getall():
            yield response.follow(href, self.parse_article)

    def parse_article(self, response):
        yield {"url": response.url, "html": response.text, "title": response.css("title::text").get()}

process = CrawlerProcess(settings={
    "ITEM_PIPELINES": {"cleaner.scrapy.CleanerPipeline": 300},
    "CLEANER_FIELD": "html",
    "CLEANER_INPUT": "html",
    "CLEANER_URL_FIELD": "url",
    "FEEDS": {sys.argv[2]: {"format": "jsonlines"}},
    "ROBOTSTXT_OBEY": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
})
process.crawl(SiteSpider, start=sys.argv[1])
process.start()
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def site_url() -> Iterator[str]:
    """The test site on 127.0.0.1, on a free port chosen by the OS."""
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def test_real_crawl_items_come_out_cleaned(tmp_path: Path, site_url: str) -> None:
    script = tmp_path / "crawl.py"
    script.write_text(CRAWL_SCRIPT, encoding="utf-8")
    feed = tmp_path / "items.jsonl"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, str(script), site_url, str(feed)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    items = {Path(i["url"]).name: i for i in map(json.loads, feed.read_text(encoding="utf-8").splitlines())}
    assert sorted(items) == ["council.html", "ferry.html"]
    ferry = items["ferry.html"]
    assert ferry["body"].startswith("The harbour authority said on Monday")
    assert "stay open later during the summer season." in ferry["body"]
    for chrome in ("Accept all", "Share this article", "All rights reserved", "Weather"):
        assert chrome not in ferry["body"]
    assert ferry["removed"] and all(
        {"start", "end", "category", "rule", "text"} <= set(r) for r in ferry["removed"]
    )
    assert ferry["title"].startswith("Island ferry")  # the item's own fields are kept
    council = items["council.html"]
    assert council["outlet"] == "themoscowtimes.com"  # recognised by its appeal's fingerprint
    assert "Dear readers" not in council["body"] and "Remind me later" not in council["body"]
    assert "four million euros" in council["body"]
    assert "donation_appeal" in {r["category"] for r in council["removed"]}


def test_pipeline_on_text_items_and_failures() -> None:
    import scrapy as real_scrapy
    from scrapy.exceptions import DropItem

    import cleaner.scrapy as adapter

    assert sys.modules["scrapy"] is real_scrapy and hasattr(real_scrapy, "Spider")  # not shadowed
    pipeline = adapter.CleanerPipeline(
        field="content", url_field="link", output_prefix="clean_", heuristics=False
    )
    item = {
        "content": "Body line one.\nRemind me later.",
        "link": "https://www.themoscowtimes.com/2024/01/01/x",
    }
    out = pipeline.process_item(item)
    assert out["clean_body"] == "Body line one."
    assert out["clean_outlet"] == "themoscowtimes.com"
    assert out["clean_removed"][0]["category"] == "navigation"
    broken = pipeline.process_item({"content": None})
    assert broken["clean_error"] == "item has no 'content' field"
    dropping = adapter.CleanerPipeline(field="text", drop_failed=True, heuristics=False)
    with pytest.raises(DropItem, match="cleaner: item has no 'text' field"):
        dropping.process_item({"title": "no text"}, None)

    class Declared(real_scrapy.Item):
        text = real_scrapy.Field()

    with pytest.raises(KeyError, match="has no field 'body'"):
        dropping.process_item(Declared(text="A line."))
