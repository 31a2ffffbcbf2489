"""Which outlet a record belongs to: explicit name, URL domain, or text fingerprint."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from cleaner.outlets.patterns import compile_literals
from cleaner.outlets.rules import OutletRules, RuleBook

FINGERPRINT_SCAN_CHARS = 200_000  # fingerprints sit in boilerplate; no need to scan a whole book


def host_of(url: str) -> str | None:
    """The lower-case host name of a URL, or None when it has none."""
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
        self._fingerprints: Any = compile_literals(owners)

    def by_url(self, url: str | None) -> OutletRules | None:
        """Match the host, then each parent domain (www., amp., m., edition. ...)."""
        if not url:
            return None
        host = host_of(url)
        if not host:
            return None
        labels = host.split(".")
        for i in range(len(labels) - 1):
            found = self.book.by_domain.get(".".join(labels[i:]))
            if found is not None:
                return found
        return None

    def by_text(self, text: str) -> OutletRules | None:
        """The outlet whose fingerprint appears first in the text."""
        if self._fingerprints is None or not text:
            return None
        match = self._fingerprints.search(text[:FINGERPRINT_SCAN_CHARS])
        if match is None:
            return None
        return self._fingerprint_owner.get(match.group(0))

    def resolve(self, outlet: str | None, url: str | None, text: str) -> OutletRules | None:
        """Explicit outlet > URL's domain > text fingerprint > none."""
        if outlet:
            found = self.book.get(outlet)
            if found is not None:
                return found
        return self.by_url(url) or self.by_text(text)
