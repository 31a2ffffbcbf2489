"""Which outlet a dump record belongs to when outlets are learned.

The explicit ``outlet`` field wins; else the URL's registered domain
(``www.bbc.co.uk`` and ``news.bbc.co.uk`` are one outlet, ``bbc.co.uk``), read
with publicsuffixlist from the public-suffix list bundled with it: no network,
so a run on a cluster node without internet gives the same keys. (tldextract,
used before, cost 0.3-0.5 s to import and build its table, a fifth of a
learning pass on a small dump; publicsuffixlist loads in about 0.05 s.) Only
the list's ICANN section counts, as tldextract's default did: the blogs of one
hosting site are one outlet. A record with neither is not grouped (it is
cleaned as usual).
"""

from __future__ import annotations

import ipaddress
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
PUNYCODE_PREFIX = "xn--"


@lru_cache(maxsize=1)
def _suffix_list() -> Any:
    from publicsuffixlist import PublicSuffixList  # lazy: only learning groups by domain

    # no source given: the list inside the package is read, never the network.
    # accept_unknown: a suffix the list does not know (a test or private name such as
    # .example, .internal) is one label, so its last two labels stand for the site.
    return PublicSuffixList(only_icann=True, accept_unknown=True, accept_encoded_idn=False)


@lru_cache(maxsize=HOST_CACHE)
def registered_domain(host: str) -> str | None:
    """``news.bbc.co.uk`` -> ``bbc.co.uk``; None for an IP address or a bare suffix."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        return None
    labels = [label for label in host.lower().split(".") if label]  # "a..b.com" is a.b.com
    found = _suffix_list().privatesuffix(".".join(_unicode_labels(labels)))
    if not isinstance(found, str):
        return None
    return ".".join(labels[-(found.count(".") + 1) :])  # in the host's own spelling


def _unicode_labels(labels: list[str]) -> list[str]:
    """Punycode labels (xn--) read as Unicode, the list's spelling: the list is loaded
    without its punycode copies, which cost more than half of loading it."""
    if not any(label.startswith(PUNYCODE_PREFIX) for label in labels):
        return labels
    try:
        return [
            label.encode("ascii").decode("idna") if label.startswith(PUNYCODE_PREFIX) else label
            for label in labels
        ]
    except UnicodeError:  # not valid punycode: looked up as written
        return labels


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
