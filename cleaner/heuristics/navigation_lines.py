"""Lines opened by a navigation label that are page furniture in any article.

Two shapes, each a label the lexicon's navigation family knows and what
outlets print after it:

- a tag line: the article's keywords ("Tags: transport, city council",
  "Etiquetas: movilidad, urbanismo", "Mots-clés : vélo, mobilité");
- a date line: when the page was published or updated ("Aggiornato il
  12/03/2025 alle 14:35", "Atualizado em 12/03/2025 às 14h35").

A label word may open an article sentence too ("Updated figures show ...",
"Themen wie Klima ..."), so the label alone is not enough: what follows must
read as a list of short items, or as a date and a time, and never as a sentence.
"""

from __future__ import annotations

import re

LABEL_MAX_CHARS = 30  # the colon closing a tag line's label comes within this many characters
# "Tags: transport" alone could be a heading; two items without digits are a list, and at
# least half of the items have none ("Tags: Windows 10, Microsoft, security" is one)
TAG_MIN_ITEMS = 2
TAG_ITEM_MAX_WORDS = 3  # a keyword is a name or a short phrase ("European Central Bank"), never a clause
DATE_LINE_MAX_WORDS = 8  # label, date, a connective and a time: "Updated on 12.03.2025 at 14:35 CET"
_ITEM_SEPARATORS = re.compile(r"\s*[,;|·•/]\s*|\s+#")  # commas, pipes, bullets, hashtags
# A numeric date (12/03/2025, 2025-03-12, 12.03.25) or a clock time (14:35, 14h35, 14.35 Uhr):
# written with digits in every language, where month names are not.
_DATE_OR_TIME = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}[:h]\d{2}\b")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = (".", "!", "?", "。", "！", "？")


def is_tag_list(text: str) -> bool:
    """Whether ``text`` (a line opened by a navigation label) is a label and a keyword list."""
    colon = text.find(":", 0, LABEL_MAX_CHARS + 1)
    if colon < 0:
        return False
    rest = text[colon + 1 :].strip()
    if not rest or rest.endswith(_SENTENCE_END):
        return False
    items = [item for item in _ITEM_SEPARATORS.split(rest) if item.strip()]
    worded = [item for item in items if not _DIGIT.search(item)]  # "July 23, 2012" is a date, no list
    return (
        len(worded) >= TAG_MIN_ITEMS
        and 2 * len(worded) >= len(items)
        and all(len(item.split()) <= TAG_ITEM_MAX_WORDS for item in items)
    )


def is_date_line(text: str, words: int) -> bool:
    """Whether ``text`` (a line opened by a navigation label) is a short publication or update
    date: a numeric date or a clock time, a few words, no sentence end."""
    return (
        words <= DATE_LINE_MAX_WORDS
        and not text.rstrip().endswith(("!", "?"))
        and _DATE_OR_TIME.search(text) is not None
    )


def is_navigation_line(text: str, words: int) -> bool:
    """A tag line or a date line (see the module docstring)."""
    return is_tag_list(text) or is_date_line(text, words)
