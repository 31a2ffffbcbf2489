"""Which outlet a dump record belongs to when outlets are learned.

The explicit ``outlet`` field wins; else the URL's registered domain
(``www.bbc.co.uk`` and ``news.bbc.co.uk`` are one outlet, ``bbc.co.uk``), read
with tldextract from the public-suffix snapshot bundled with it: no network,
so a run on a cluster node without internet gives the same keys. A record
with neither is not grouped (it is cleaned as usual).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from cleaner.outlets.resolver import host_of

# Explicit outlet names become file names and rule-file domains: lower case, these
# characters only, so a name such as "The Moscow Times" maps to a stable key.
_NAME_CHARS = re.compile(r"[^a-z0-9.-]+")
_DOMAIN_SHAPE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")
EXPLICIT_SUFFIX = ".outlet"  # an explicit name that is not a domain becomes <name>.outlet
HOST_CACHE = 65_536  # hosts remembered: a dump repeats the same few thousand


@lru_cache(maxsize=1)
def _extractor() -> Any:
    import tldextract

    # suffix_list_urls=() and no cache dir: only the snapshot inside the package is read
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=HOST_CACHE)
def registered_domain(host: str) -> str | None:
    """``news.bbc.co.uk`` -> ``bbc.co.uk``; None for an IP address or a bare suffix."""
    parts = _extractor()(host)
    if parts.ipv4 or parts.ipv6:
        return None
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}".lower()
    # A suffix the public list does not know (a private or test name such as .example,
    # .internal): its last two labels stand for the site.
    labels = [label for label in host.split(".") if label]
    return ".".join(labels[-2:]).lower() if len(labels) >= 2 else None


def outlet_key(outlet: str | None, url: str | None) -> str | None:
    """The grouping key of a record: explicit outlet, else the URL's registered domain."""
    if outlet and outlet.strip():
        name = _NAME_CHARS.sub("-", outlet.strip().lower()).strip("-.")
        if not name:
            return None
        return name if _DOMAIN_SHAPE.match(name) else name.replace(".", "-") + EXPLICIT_SUFFIX
    if url:
        host = host_of(url)
        if host:
            return registered_domain(host)
    return None
