"""host_of reads the plain http(s) URL itself and gives what urlsplit gives on every URL."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from cleaner.outlets.resolver import host_by_urlsplit, host_of

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "cleaner-hypothesis")


PIECES = st.sampled_from(
    ["http:", "https:", "HTTPS:", "ftp:", "//", "/", ":", "@", "?", "#", "[", "]", ".", "-", "\t", " ",
     "\x01", "80", "www", "Example", "com", "ünï", "user:pw", "::1", "%2F", "\\", ""]
)  # fmt: skip
URLS = st.lists(PIECES, max_size=10).map("".join)


@settings(max_examples=500, database=None, deadline=None)
@given(URLS)
def test_host_of_agrees_with_urlsplit(url: str) -> None:
    assert host_of(url) == host_by_urlsplit(url)


def test_plain_urls() -> None:
    assert host_of("https://WWW.Example.com:8080/a?b#c") == "www.example.com"
    assert host_of("http://example.com.") == "example.com"
    assert host_of("http:///path") is None
    assert host_of("example.com/story") == "example.com"
    assert host_of("http://user@example.com/") == "example.com"
    assert host_of("http://[::1]:80/") == "::1"
