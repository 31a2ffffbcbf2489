"""Page metadata (title, authors, date, language, canonical URL) from the head.

Read from the tags pages publish for search engines and social cards, in a
fixed order of trust, with the place each value came from, so a user can see
why a value was chosen. One pass over <meta>, <link> and JSON-LD; no network,
no date guessing from body text (that is slow and often wrong).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

MAX_JSONLD_CHARS = 200_000  # larger script blocks are data dumps, not article metadata
MAX_FIELD_CHARS = 500

# meta name/property -> field, most trusted first within each field
_META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "citation_title"),
    "author": (
        "author",
        "article:author",
        "dc.creator",
        "citation_author",
        "parsely-author",
        "sailthru.author",
    ),
    "date": (
        "article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "dc.date",
        "dc.date.issued",
        "citation_publication_date",
        "sailthru.date",
        "parsely-pub-date",
        "og:article:published_time",
    ),
    "language": ("og:locale", "content-language", "dc.language"),
    "url": ("og:url",),
    "description": ("description", "og:description", "twitter:description"),
    "sitename": ("og:site_name", "application-name"),
}
# every meta key a field reads: the others (viewport, og:image, ...) are not kept
_META_KEYS = frozenset(key for keys in _META_FIELDS.values() for key in keys)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SPACE = re.compile(r"\s+")


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACE.sub(" ", value).strip()
    return text[:MAX_FIELD_CHARS] if text else None


def iso_date(value: str) -> str | None:
    """The YYYY-MM-DD part of a date string, if it is a real date."""
    match = _DATE.search(value)
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None


def language_code(value: str) -> str | None:
    """``en-US`` / ``en_GB`` / ``EN`` -> ``en``."""
    code = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


class _Found:
    """Field values with the source each came from; the first value wins."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        self.authors: list[str] = []

    def put(self, name: str, value: Any, source: str) -> None:
        if name in self.values:  # the first value wins: a later one is not even cleaned
            return
        text = _clean(value)
        if text is None:
            return
        if name == "date":
            text = iso_date(text)
            if text is None:
                return
        elif name == "language":
            text = language_code(text)
            if text is None:
                return
        self.values[name] = text
        self.sources[name] = source

    def author(self, value: Any, source: str) -> None:
        text = _clean(value)
        if text and not text.startswith("http") and text not in self.authors:
            self.authors.append(text)
            self.sources.setdefault("author", source)


def page_metadata(root: Any, url: str | None = None) -> dict[str, Any]:
    """Metadata found in the page head (and JSON-LD), with ``sources``.

    Order of trust: the canonical link and <html lang> (the page about
    itself), then <meta> tags, then JSON-LD, then <title>, <time>, <h1>.
    """
    if root is None:
        return {}
    found = _Found()
    _self_description(root, found)
    metas: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        if not key:
            continue
        key = key.strip().lower()
        if key in _META_KEYS:
            content = meta.get("content")
            if content:
                metas.setdefault(key, []).append(content)
    for name, keys in _META_FIELDS.items():
        for key in keys:
            for content in metas.get(key, ()):
                if name == "author":
                    found.author(content, f"meta[{key}]")
                else:
                    found.put(name, content, f"meta[{key}]")
    _json_ld(root, found)
    _body_fallbacks(root, found)
    result: dict[str, Any] = dict(found.values)
    if found.authors:
        result["author"] = found.authors[0]
        result["authors"] = list(found.authors)
    if url and "url" not in result:
        result["url"] = url
        found.sources["url"] = "record"
    result["sources"] = dict(found.sources)
    return result


def _self_description(root: Any, found: _Found) -> None:
    """<link rel=canonical> and <html lang>: what the page says about itself."""
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            found.put("url", link.get("href"), "link[rel=canonical]")
            break
    lang = root.get("lang") or root.get("xml:lang")
    if lang:
        found.put("language", lang, "html[lang]")


def _body_fallbacks(root: Any, found: _Found) -> None:
    """<title>, <time datetime>, the first <h1>, for pages without meta tags."""
    if "title" not in found.values:
        for title in root.iter("title"):
            found.put("title", "".join(title.itertext()), "title")
            break
    if "date" not in found.values:
        for time in root.iter("time"):
            if time.get("datetime"):
                found.put("date", time.get("datetime"), "time[datetime]")
                break
    if "title" not in found.values:
        for h1 in root.iter("h1"):
            found.put("title", "".join(h1.itertext()), "h1")
            break


def _json_ld(root: Any, found: _Found) -> None:
    """schema.org NewsArticle/Article fields from application/ld+json scripts."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if not raw.strip() or len(raw) > MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        for item in _ld_items(data):
            found.put("title", item.get("headline"), "json-ld:headline")
            found.put("date", item.get("datePublished"), "json-ld:datePublished")
            found.put("language", item.get("inLanguage"), "json-ld:inLanguage")
            authors = item.get("author")
            for author in authors if isinstance(authors, list) else [authors]:
                name = author.get("name") if isinstance(author, dict) else author
                found.author(name, "json-ld:author")


_ARTICLE_TYPES = (
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "blogposting",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "webpage",
)


def _ld_items(data: Any) -> list[dict[str, Any]]:
    """Article-like objects in a JSON-LD value (top level, lists, @graph)."""
    items: list[dict[str, Any]] = []
    stack = [data]
    while stack and len(items) < 50:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value[:50]))
        elif isinstance(value, dict):
            if "@graph" in value:
                stack.append(value["@graph"])
            kind = value.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
                items.append(value)
    items.sort(key=lambda item: str(item.get("@type")).lower() == "webpage")
    return items
