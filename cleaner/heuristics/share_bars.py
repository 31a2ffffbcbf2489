"""A share bar flattened into one line: a button's label and the networks' names.

A page's share bar ("Share: Facebook X WhatsApp", "Κοινοποίηση Facebook X", "Chia sẻ
Facebook X") reaches the text as one line when its links sit side by side in one block.
Its label is a word of any language (a verb the lexicons cannot list as a phrase:
"κοινοποίηση" is also a notification, "distribuie" a distribution), but its other items
are the networks' own names, written the same in every language. The line goes when
two or more of them, set apart by spaces or bars only, make up all of it but for a short
label before them: one word ("Share"), a label closed by a colon ("Podijeli na:"), or
words the lexicon knows as a button line or a share phrase ("Chia sẻ"). Commas keep a
line: "Facebook, Instagram and TikTok" in a sentence or a list of platforms is the
article's, and so does a headline's clause before two names ("Meta owns Facebook WhatsApp").
"""

from __future__ import annotations

import re

from cleaner.heuristics.lexicon import Lexicon

# The networks' and channels' names as share bars print them (brand names: no language's own words)
NETWORKS = frozenset(
    {
        "facebook", "x", "twitter", "whatsapp", "telegram", "linkedin", "pinterest", "reddit",
        "viber", "messenger", "vk", "vkontakte", "email", "e-mail", "threads", "bluesky", "tumblr",
        "flipboard", "xing", "mastodon", "weibo", "wechat", "kakaotalk", "line", "tiktok", "instagram",
    }
)  # fmt: skip
SHARE_BAR_MIN_NETWORKS = 2  # one name alone is a button line's (or a heading's) business
SHARE_BAR_LABEL_MAX_WORDS = 3  # "Share", "Share on:", "Podijeli na:", "Chia sẻ"
# Only lines naming one of these are looked at (C-level substring searches of the page).
# Each mark costs a scan of every page (the decision took 1.3% of clean time on the dev
# pages' text, raw and extracted), so only the networks nearly every bar names, as bars
# spell them: Twitter and LinkedIn come with Facebook.
BAR_MARKS = ("acebook", "hatsApp", "elegram")
_ITEM_SPLIT = re.compile(r"[\s|·•]+")
_ITEM_MARKS = str.maketrans(dict.fromkeys("|·•", " "))  # _ITEM_SPLIT's marks besides white space
_LABEL_END = ":"


def is_share_bar(text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` is a share bar's line: SHARE_BAR_MIN_NETWORKS or more network names
    (split by spaces or bars), after at most a label (see the module docstring)."""
    if "," in text or "." in text.rstrip()[-1:]:
        return False
    low = text.strip().lower()
    # a bar ends in a network's name: the last item alone first (most lines asked end otherwise)
    last = low.translate(_ITEM_MARKS).rsplit(None, 1)[-1:]
    if not last or last[0].rstrip(_LABEL_END) not in NETWORKS:
        return False
    items = [item for item in _ITEM_SPLIT.split(low) if item]
    networks = 0
    while items and items[-1].rstrip(_LABEL_END) in NETWORKS:
        items.pop()
        networks += 1
    if networks < SHARE_BAR_MIN_NETWORKS or len(items) > SHARE_BAR_LABEL_MAX_WORDS:
        return False
    if len(items) <= 1 or items[-1].endswith(_LABEL_END):
        return True
    label = " ".join(items)
    if label in lexicon.line_category:
        return True
    return any(category == "share" for _, _, category in lexicon.phrase_hits(label))
