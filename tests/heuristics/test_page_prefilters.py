"""The per-page pre-tests that let a decision skip its walk label exactly what the walk
does: meta_lines reads only lines holding a separator's character, and site_name leaves
a plain ASCII label unfolded (its fold is the label itself)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import native
from cleaner.heuristics.article_guards import PARAGRAPH_WORDS
from cleaner.heuristics.line_marks import kept_lines_python
from cleaner.heuristics.meta_lines import ANY_LENGTH, SEPARATOR_MARKS, is_meta_shaped, meta_lines
from cleaner.heuristics.own_name import _fold, site_name
from cleaner.result import Label

META_PIECES = [
    "12.03.2024 | Ann Lee | Politics",
    "March 3, 2024 at 10:15 / Filed under / Travel",
    "05.11.2024 - Band - Hall",
    "10:15\u00a0|\u00a0Ann\u2028|\tNews",
    "a - b - c",
    "The council met on Tuesday to discuss the new parking charges in the city centre today.",
    "short line",
    "",
    "\ufeff\u200b12/03/24 · x · y",
    "x" * 2000 + " - 12:00 - y",
    "2024-03-12 — a — b — c",
    "\ud800 | 12:00 | \U0001f600",
]
pages = st.lists(st.sampled_from(META_PIECES), max_size=30)


def _meta_lines_walk(texts: list[str], words: list[int], kept: list[bool]) -> list[int]:
    """meta_lines as a plain walk over every line (no pre-test)."""
    n = len(texts)
    long = [j for j in range(n) if kept[j] and words[j] >= PARAGRAPH_WORDS]
    if not long:
        return []
    first, last = long[0], long[-1]
    shaped = [
        j for j in range(n) if (j < first or j > last) and kept[j] and is_meta_shaped(texts[j], words[j])
    ]
    return [
        j
        for j in shaped
        if not any(0 <= k < n and is_meta_shaped(texts[k], words[k]) for k in (j - 1, j + 1))
    ]


@settings(max_examples=300, database=None, deadline=None)
@given(pages, st.lists(st.booleans(), min_size=30, max_size=30))
def test_meta_lines_match_the_walk_over_every_line(texts: list[str], kept: list[bool]) -> None:
    words = [len(text.split()) for text in texts]
    assert meta_lines(texts, words, kept[: len(texts)]) == _meta_lines_walk(texts, words, kept[: len(texts)])
    assert meta_lines(tuple(texts), words, kept[: len(texts)]) == _meta_lines_walk(texts, words, kept)


def _site_name_folding_always(url: str) -> str | None:
    """site_name as it was: every label folded."""
    _, scheme, rest = url.strip().partition("://")
    if not scheme:
        return None
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rpartition("@")[2]
    if host.startswith("["):
        return None
    labels = [label for label in host.partition(":")[0].lower().split(".") if label]
    if len(labels) < 2 or labels[-1].isdigit():
        return None
    name = labels[-2]
    if (
        name in {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "gob", "nic"}
        and len(labels) >= 3
    ):
        name = labels[-3]
    name = _fold(name)
    return name if len(name) >= 3 else None


HOST_LETTERS = "abcXYZ019-._ßéİıſKΣ\u0301\u00a0\u200b\ufeff\U0001f600"


@settings(max_examples=500, database=None, deadline=None)
@given(st.text(HOST_LETTERS, max_size=24), st.sampled_from(["https://", "http://", "", "ftp://"]))
def test_site_name_folds_as_before(host: str, scheme: str) -> None:
    url = f"{scheme}{host}/news/a-b-c"
    assert site_name(url) == _site_name_folding_always(url)


def test_site_name_of_plain_and_folded_labels() -> None:
    assert site_name("https://www.northwind.com/a") == "northwind"
    assert site_name("https://north-wind.co.uk/a") == "northwind"
    assert site_name("https://straße.de/a") == "strasse"
    assert site_name("https://www.ab.com/a") is None
    assert site_name("https://tv2.dk/a") == "tv2"


@settings(max_examples=300, database=None, deadline=None)
@given(
    pages,
    st.lists(st.booleans(), min_size=30, max_size=30),
    st.lists(st.booleans(), min_size=30, max_size=30),
)
def test_meta_lines_from_the_kept_marked_lines_are_the_same(
    texts: list[str], labelled: list[bool], usable: list[bool]
) -> None:
    """label_meta_lines hands meta_lines the kept lines holding a separator's character
    (the compiled kept_marked_lines: the dropped lines are not searched): the same lines."""
    if native.MODULE is None:
        return
    n = len(texts)
    local: list[Label | None] = [Label("other", "test") if flag else None for flag in labelled[:n]]
    words = [len(text.split()) for text in texts]
    for use in (usable[:n], None):
        kept = kept_lines_python(local, use)
        found = native.MODULE.kept_marked_lines(texts, local, use, SEPARATOR_MARKS, ANY_LENGTH)
        assert meta_lines(texts, words, kept, found) == meta_lines(texts, words, kept)
