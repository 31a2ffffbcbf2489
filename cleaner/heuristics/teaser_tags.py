"""Teaser headlines tagged with the kind of story they lead to.

Outlets mark the links to their other stories with a bracketed tag: "Minister
resigns after vote [VIDEO]", "Ten things to know [PICTURES]", "[GALERIE] Die
schönsten Bilder vom Fest". Inside an extractor's article text such a line is a
teaser, not the article's own sentence. The tag must name a kind of media or
teaser (a source in brackets, "[Reuters]", "[TMZ]", is how some articles cite);
the words are written from my own knowledge of English, German, French,
Spanish, Italian, Portuguese and Dutch.
"""

from __future__ import annotations

import re

TEASER_MAX_WORDS = 20  # the headline and its tag: a longer line is prose
TEASER_MIN_WORDS = 3  # a tag alone, or with a word, is a button (the button rules')
TAG_WORDS = (
    # en
    "video",
    "videos",
    "watch",
    "photo",
    "photos",
    "pictures",
    "pics",
    "gallery",
    "live",
    "poll",
    "quiz",
    "insight",
    "reaction",
    "podcast",
    "audio",
    "interactive",
    # de
    "fotos",
    "bilder",
    "bildergalerie",
    "galerie",
    "umfrage",
    "liveticker",
    # fr
    "vidéo",
    "vidéos",
    "diaporama",
    "en direct",
    # es, pt
    "vídeo",
    "vídeos",
    "galería",
    "galeria",
    "encuesta",
    "en vivo",
    "ao vivo",
    # it
    "fotogallery",
    "diretta",
    # nl
    "foto's",
    "fotoserie",
)
_TAG = r"[\[【]\s*(?:" + "|".join(re.escape(word) for word in TAG_WORDS) + r")\s*[\]】]"
_TAG_AT_END = re.compile(_TAG + r"[\s|:.,;-]*$", re.IGNORECASE)
_TAG_AT_START = re.compile(r"[\s\W]*?" + _TAG, re.IGNORECASE)


def is_tagged_teaser(text: str, words: int) -> bool:
    """Whether ``text`` (``words`` words) is a headline with a media or teaser tag before or after it."""
    if not TEASER_MIN_WORDS <= words <= TEASER_MAX_WORDS or ("[" not in text and "【" not in text):
        return False
    return bool(_TAG_AT_END.search(text) or _TAG_AT_START.match(text))
