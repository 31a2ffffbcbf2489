"""A newsletter sign-up box set into an article's text goes whole.

Such a box is a few lines: a prompt ("Newsletter", "Sign up for our morning
briefing"), a pitch ("The day's top local stories in your inbox every
morning."), the form's field and button ("Your email address", "Sign up") and a
consent line ("By signing up you agree to our privacy policy."). The prompt,
the field, the button and the consent line carry lexicon phrases or are button
lines, and earlier decisions take most of them; the pitch is a plain sentence
no line test can tell from the article's. The frame gives it away, as an
appeal's does (``zones.py``): a short line between two lines of the box is the
box's.

A box is found from its prompt: a short line of the newsletter family. From
there it runs over the lines next to it that are box lines (a line of the box's
families, a button line, or a line a decision already labelled with one of
those categories), and over at most GAP_MAX_LINES short lines between two box
lines. It needs BOX_MIN_LINES box lines, one of them a form line (a field, a
button, the consent line), and a box line with no label yet is short: an
article about newsletters, with a subheading "Newsletter" and sentences naming
them, has no form, and the minutes of a meeting planning "the next newsletter"
hold long lines naming it. A box whose form the extractor left out stays to
the other decisions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress, repeat
from operator import eq

from cleaner.result import Label

PROMPT_MAX_WORDS = 14  # a sign-up prompt is a heading or one short call, never a paragraph
BOX_LINE_MAX_WORDS = 25  # a box's consent line runs to a sentence or two ("By signing up you agree ...")
GAP_MAX_WORDS = 25  # a pitch between box lines: one or two short sentences
GAP_MAX_LINES = 2  # unlabelled lines taken between two box lines
BOX_MIN_LINES = 2  # the prompt and at least one more line of the box ...
# ... one of them the form: a field or a button (a short line: "Your email address", "Sign up")
# or the consent line. An article about newsletters has sentences naming them and no form.
FORM_LINE_MAX_WORDS = 6
FORM_FAMILIES = frozenset({"consent", "navigation"})
PROMPT_FAMILY = "newsletter"
# The families a sign-up box's lines come from: its prompt and pitch (newsletter), its
# consent and privacy line, an offer (subscription) and its field and buttons (navigation).
BOX_FAMILIES = frozenset({"newsletter", "consent", "subscription", "navigation"})


def signup_boxes(
    texts: Sequence[str],
    words: Sequence[int],
    categories: Sequence[str | None],
    labels: Sequence[Label | None],
    usable: Sequence[bool],
) -> list[int]:
    """The unlabelled lines inside sign-up boxes (see the module docstring).

    ``categories``: each line's first lexicon family (None without one); ``labels``: what the
    decisions so far set (None: kept); ``usable``: lines the heuristics may label."""
    if PROMPT_FAMILY not in categories:  # most pages: no prompt (a C-level search)
        return []
    n = len(texts)

    def box_line(j: int) -> bool:
        label = labels[j]
        if label is not None:
            return label.category in BOX_FAMILIES
        return usable[j] and categories[j] in BOX_FAMILIES and words[j] <= BOX_LINE_MAX_WORDS

    def form_line(j: int) -> bool:
        label = labels[j]
        category = label.category if label is not None else categories[j]
        return category in FORM_FAMILIES or words[j] <= FORM_LINE_MAX_WORDS

    taken: list[int] = []
    done = -1  # the last line of the last box found
    # the prompts' candidates picked at C level: on a raw dump of thousands of lines, a few
    for j in compress(range(n), map(eq, categories, repeat(PROMPT_FAMILY))):
        if j <= done or words[j] > PROMPT_MAX_WORDS:
            continue
        label = labels[j]
        if label is not None and label.category != PROMPT_FAMILY:
            continue
        first, last = _grow(j, n, box_line, words, labels, usable)
        box = [k for k in range(first, last + 1) if k != j and box_line(k)]  # the prompt's companions
        if len(box) + 1 >= BOX_MIN_LINES and any(map(form_line, box)):
            taken.extend(k for k in range(first, last + 1) if labels[k] is None and usable[k])
            done = last
    return taken


def _grow(
    start: int,
    n: int,
    box_line: Callable[[int], bool],
    words: Sequence[int],
    labels: Sequence[Label | None],
    usable: Sequence[bool],
) -> tuple[int, int]:
    """(first line, last line) of the box around the prompt ``start``: box lines next to
    each other, and gaps of short unlabelled lines only where a box line follows them."""
    first = last = start
    for step in (1, -1):
        at = start
        while True:
            gap = 0
            k = at + step
            while 0 <= k < n and gap <= GAP_MAX_LINES and not box_line(k):
                if labels[k] is not None or not usable[k] or words[k] > GAP_MAX_WORDS:
                    gap = GAP_MAX_LINES + 1
                    break
                gap += 1
                k += step
            if not (0 <= k < n) or gap > GAP_MAX_LINES:
                break
            at = k
        if step == 1:
            last = at
        else:
            first = at
    return first, last
