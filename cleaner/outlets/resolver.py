"""Which outlet a record belongs to: explicit name, URL domain, or text fingerprint."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from cleaner.outlets.patterns import LiteralFinder
from cleaner.outlets.rules import OutletRules, RuleBook

FINGERPRINT_SCAN_CHARS = 200_000  # fingerprints sit in boilerplate; no need to scan a whole book
# Hosts whose outlet (or none) a resolver remembers: a dump's pages come from a few thousand
# hosts, each looked up once instead of suffix by suffix on every page; past this many the
# memory starts again, so a stream of new hosts never grows it without bound.
HOST_MEMORY_MAX = 10_000

# The plain form almost every URL takes: http(s), an ASCII host, maybe a port. Its host is
# the one urlsplit gives (lower-cased, port dropped) at a tenth of the cost; anything else
# (user info, IPv6, control characters, other schemes) goes through urlsplit.
_PLAIN_URL = re.compile(r"(?:https?:)?//([A-Za-z0-9.-]+)(?::[0-9]*)?(?:[/?#]|$)", re.IGNORECASE)


def host_of(url: str) -> str | None:
    """The lower-case host name of a URL, or None when it has none."""
    plain = _PLAIN_URL.match(url)
    if plain is not None:
        host = plain.group(1)
        return host.rstrip(".").lower() if host else None
    return host_by_urlsplit(url)


def host_by_urlsplit(url: str) -> str | None:
    """The host as urlsplit reads it: any URL, slower (host_of's plain path must agree)."""
    candidate = url.strip()
    if "//" not in candidate:
        candidate = "//" + candidate
    try:
        host = urlsplit(candidate).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


class OutletResolver:
    """Resolves outlets against one RuleBook; built once, read-only after."""

    def __init__(self, book: RuleBook) -> None:
        self.book = book
        owners: dict[str, OutletRules] = {}
        for rules in book.outlets.values():
            for text in rules.fingerprints:
                owners.setdefault(text, rules)
        self._fingerprint_owner = owners
        self._fingerprints = LiteralFinder(owners)
        self._hosts: dict[str, OutletRules | None] = {}  # by_host's answers (HOST_MEMORY_MAX)

    def by_url(self, url: str | None) -> OutletRules | None:
        """Match the host, then each parent domain (www., amp., m., edition. ...)."""
        if not url:
            return None
        host = host_of(url)
        if not host:
            return None
        hosts = self._hosts
        if host in hosts:
            return hosts[host]
        found = self.by_host(host)
        if len(hosts) >= HOST_MEMORY_MAX:
            hosts.clear()  # (a thread's lookup meanwhile only finds less: the same answers)
        hosts[host] = found
        return found

    def by_host(self, host: str) -> OutletRules | None:
        """The outlet of a lower-case host name or of its nearest parent domain, if any."""
        by_domain = self.book.by_domain
        domain = host
        while "." in domain:  # the host, then each suffix of two labels or more (never the TLD alone)
            found = by_domain.get(domain)
            if found is not None:
                return found
            domain = domain[domain.index(".") + 1 :]
        return None

    def by_text(
        self, text: str, data: bytes | None = None, surrogate_free: bool = False
    ) -> OutletRules | None:
        """The outlet whose fingerprint appears first in the text (``data``: the text in
        UTF-8, when the caller has it: the pure path's scan reads bytes, and a text is not
        encoded twice; ``surrogate_free``: the caller has checked it holds no lone surrogate)."""
        if not text:
            return None
        if len(text) > FINGERPRINT_SCAN_CHARS:
            text, data = text[:FINGERPRINT_SCAN_CHARS], None
        found = self._fingerprints.first(text, data, surrogate_free)
        return None if found is None else self._fingerprint_owner.get(found)

    def resolve(
        self,
        outlet: str | None,
        url: str | None,
        text: str,
        data: bytes | None = None,
        surrogate_free: bool = False,
    ) -> OutletRules | None:
        """Explicit outlet > URL's domain > text fingerprint > none (``data``: ``text`` in
        UTF-8, or None; ``surrogate_free``: ``text`` is known to hold no lone surrogate)."""
        if outlet:
            found = self.book.get(outlet)
            if found is not None:
                return found
        return self.by_url(url) or self.by_text(text, data, surrogate_free)
