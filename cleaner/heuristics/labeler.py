"""HeuristicLabeler: the generic stage that runs after the outlet rules.

Order of decisions, each kept as the block's rule:
1. appeal zones (header ... call to action)   -> heuristic:appeal-zone
2. button-like whole lines ("Once", "Share")   -> heuristic:button-line
   short lines made of a lexicon phrase         -> heuristic:lexicon:<category>
3. the two-stage line classifier                -> heuristic:lexicon:<category>
                                                   or heuristic:classifier
   on raw dumps, later copies of a kept line     -> heuristic:repeat
   and the kept lines after a terminating line   -> heuristic:after-terminator
   ("Comments", "Related articles") past the article's middle
4. a menu before the prose, short lines after   -> heuristic:short-head, heuristic:short-tail
   (or heuristic:lexicon:<category> when a phrase names what the line is);
   text input only: on html the page structure placed the article's edges
5. the headline just before the body            -> heuristic:title (and metadata["title"]);
   text input only: on html the html stage's html:title decides
Labels already set (outlet rules, html page chrome) are never changed.
"""

from __future__ import annotations

from bisect import bisect_right
from math import inf
from pathlib import Path
from typing import Any, NamedTuple

from cleaner.document import Document
from cleaner.heuristics.edges import edge_lines
from cleaner.heuristics.features import FEW_WORDS, few_share, stage1_columns, stage2_columns, word_counts
from cleaner.heuristics.lexicon import Lexicon, load_lexicon, normalise_lower
from cleaner.heuristics.model import LineModel, load_model
from cleaner.heuristics.title import find_title
from cleaner.heuristics.zones import appeal_zones
from cleaner.result import Label

LEX_LINE_COVER = 0.5  # a phrase covering this share of a line makes it a lexicon line
PHRASE_LINE_MAX_WORDS = 6  # such a line this short is dropped in any regime
TERMINATOR_CATEGORIES = ("comments", "related", "share", "newsletter")  # lines that end an article
TERMINATOR_MIN_BODY_SHARE = (
    0.5  # ... once this share of its kept text lies above them (not a share bar on top)
)
PROSE_PARAGRAPH_WORDS = 25  # a kept line this long is a paragraph ...
PROSE_RUN_AFTER_TERMINATOR = 3  # ... and this many in a row after a terminator: the article goes on
RAW_HEAD_LINES = 10  # a raw dump's first lines are the site's menu ...
RAW_HEAD_MIN_MENU = 9  # ... at least this many of them menu-like (1-3 words) when no chrome word names it

APPEAL = Label("donation_appeal", "heuristic:appeal-zone")
TITLE = Label("title", "heuristic:title")


class PageScores(NamedTuple):
    """What the line classifier and the lexicons say about each line of one page."""

    scores: list[float]  # body log-odds
    cut: float  # a line is body when its score reaches this (minus infinity: nothing goes by score)
    norms: list[str]  # normalised lines
    categories: list[str | None]  # first lexicon phrase category
    words: list[int]
    phrase_lines: list[bool]  # short lines mostly made of one lexicon phrase
    raw: bool  # the page is a raw dump of a whole page, chrome and all


class HeuristicLabeler:
    """Adds labels to unlabelled blocks; never changes a label already set.

    Lexicons and weights load once here; ``label`` only reads them, so one
    labeler serves many threads.
    """

    def __init__(self, lexicon_dir: Path | None = None, model: LineModel | None = None) -> None:
        self.lexicon: Lexicon = load_lexicon(lexicon_dir)
        self.model: LineModel = model if model is not None else load_model()
        self._classifier_labels = {
            cat: Label(cat, f"heuristic:lexicon:{cat}") for cat in set(self.lexicon.phrase_category.values())
        }
        self._button_labels = {
            cat: Label(cat, "heuristic:button-line") for cat in set(self.lexicon.line_category.values())
        }

    def features(self, texts: list[str]) -> tuple[dict[str, Any], bool]:
        """Stage-one feature columns, and whether the page looks like a raw dump (for fitting)."""
        lows = [t.lower() for t in texts]
        norms = [normalise_lower(t) for t in lows]
        _, lex_any, lex_line = self.lexicon_features(lows, norms)
        lowered = [t.split() for t in lows]
        words = word_counts(lowered, texts)
        return stage1_columns(texts, lowered, lex_any, lex_line, words), self.looks_raw(norms, words)

    def page_scores(self, texts: list[str], extracted: bool = False) -> PageScores:
        """Score every line of a page; see PageScores.

        A phrase line is a short line mostly made of one lexicon phrase
        ("Related Coverage", "Lesen Sie auch:", "Photo: ..."). ``extracted``: the text is
        an extractor's article (html), which always takes the cautious regime.

        The regime is chosen from word counts and the page's chrome: only a
        raw dump of a whole page gets the noisy regime, where the classifier
        cuts; an extractor's output full of lists (recipes, code, rankings)
        looks as short-lined, but carries no menu. In the cautious regime the
        features are never computed.
        """
        n = len(texts)
        lows = [t.lower() for t in texts]
        norms = [normalise_lower(t) for t in lows]
        categories, lex_any, lex_line = self.lexicon_features(lows, norms)
        lowered = [t.split() for t in lows]
        words = word_counts(lowered, texts)
        raw = not extracted and self.looks_raw(norms, words)
        regime = self.model.regime(n, few_share(words)) if raw else self.model.clean
        phrase_lines = [
            categories[j] is not None and lex_line[j] > 0.0 and words[j] <= PHRASE_LINE_MAX_WORDS
            for j in range(n)
        ]
        cut = regime.threshold_logit
        if cut == -inf:
            return PageScores([0.0] * n, cut, norms, categories, words, phrase_lines, raw)
        cols = stage1_columns(texts, lowered, lex_any, lex_line, words)
        s1 = regime.stage1.probabilities(cols, n)
        scores = regime.stage2.logits(stage2_columns(cols, s1), n)
        return PageScores(scores, cut, norms, categories, words, phrase_lines, raw)

    def looks_raw(self, norms: list[str], words: list[int]) -> bool:
        """A raw page dump shows the site's chrome: a navigation or footer entry as
        a whole line, or (in a language the lexicons lack) a head of menu-like lines."""
        if self.lexicon.shows_chrome(norms):
            return True
        return sum(1 for w in words[:RAW_HEAD_LINES] if w <= FEW_WORDS) >= RAW_HEAD_MIN_MENU

    def lexicon_features(
        self, lows: list[str], norms: list[str]
    ) -> tuple[list[str | None], list[float], list[float]]:
        """Per line (``lows``: lower-cased lines): first phrase category, any phrase hit,
        and whether a phrase or list entry fills it."""
        n = len(lows)
        starts = []
        pos = 0
        for t in lows:
            starts.append(pos)
            pos += len(t) + 1
        categories: list[str | None] = [None] * n
        covered = [0] * n
        for start, end, category in self.lexicon.phrase_hits("\n".join(lows)):
            j = bisect_right(starts, start) - 1
            if categories[j] is None:
                categories[j] = category
            covered[j] += end - start
        lines = self.lexicon.line_category
        lex_any = [0.0 if c is None else 1.0 for c in categories]
        lex_line = [
            1.0 if (covered[j] >= LEX_LINE_COVER * len(lows[j]) or norms[j] in lines) else 0.0
            for j in range(n)
        ]
        return categories, lex_any, lex_line

    def label(self, doc: Document) -> list[Label | None]:
        labels = list(doc.labels)
        if doc.origin == "html" and doc.in_article is not None:
            scope = [i for i, inside in enumerate(doc.in_article) if inside]
        else:
            scope = list(range(len(doc.blocks)))
        if not scope:
            return labels
        texts = [doc.blocks[i].text for i in scope]
        usable = [labels[i] is None for i in scope]
        scores, cut, norms, categories, words, phrase_lines, raw = self.page_scores(
            texts, doc.origin == "html"
        )

        local: list[Label | None] = [None] * len(scope)
        for first, last in appeal_zones(texts, norms, self.lexicon, categories, usable):
            for j in range(first, last + 1):
                local[j] = APPEAL
        lines = self.lexicon.line_category
        for j, norm in enumerate(norms):
            if local[j] is not None or not usable[j]:
                continue
            button = lines.get(norm)
            if button is not None:
                local[j] = self._button_labels[button]
            elif phrase_lines[j] or scores[j] < cut:
                local[j] = self._dropped(categories[j])
        kept = [usable[j] and local[j] is None and scores[j] >= cut for j in range(len(texts))]
        if cut > -inf:  # a raw dump: teasers and widgets repeat lines of the article
            self._drop_repeats(texts, kept, local)
        if raw:
            self._end_at_terminator(texts, kept, local, categories, phrase_lines)
        cues = [categories[j] is not None or (local[j] is not None and usable[j]) for j in range(len(texts))]
        head: list[int]
        tail: list[int]
        if doc.origin == "html":  # the page structure already placed the article's edges
            head, tail = [], []
        else:
            head, tail = edge_lines(
                texts, words, usable, kept, cues, [c is not None for c in categories], raw
            )
        for j in head:
            local[j] = SHORT_HEAD
        for j in tail:
            local[j] = self._tail_label(categories[j])
        # On html the page structure already decided the headline (html:title);
        # the text finder would only take a lead sentence for it.
        title_at = find_title(texts, local, usable, scores, cut) if doc.origin != "html" else None
        if title_at is not None:
            local[title_at] = TITLE
            doc.metadata.setdefault("title", texts[title_at])
        for j, i in enumerate(scope):
            if usable[j] and local[j] is not None:
                labels[i] = local[j]
        return labels

    @staticmethod
    def _drop_repeats(texts: list[str], kept: list[bool], local: list[Label | None]) -> None:
        """Keep the first of identical kept lines; later copies are teasers or widgets."""
        seen: set[str] = set()
        for j, text in enumerate(texts):
            if kept[j]:
                if text in seen:
                    local[j] = REPEAT
                    kept[j] = False
                else:
                    seen.add(text)

    @staticmethod
    def _end_at_terminator(
        texts: list[str],
        kept: list[bool],
        local: list[Label | None],
        categories: list[str | None],
        phrase_lines: list[bool],
    ) -> None:
        """boilerpipe's terminating block: past the middle of the article's kept text,
        a "Comments", "Related articles", "Share" or newsletter line ends the article,
        and every kept line after it goes (comment threads and teasers read like prose),
        unless paragraphs of the article follow it.

        Raw dumps only: an extractor's output already ends where the article does.
        """
        total = sum(len(texts[j]) for j in range(len(texts)) if kept[j])
        seen = 0
        for j, text in enumerate(texts):
            if kept[j]:
                seen += len(text)
                continue
            category = categories[j]
            if (
                category in TERMINATOR_CATEGORIES
                and phrase_lines[j]
                and seen >= total * TERMINATOR_MIN_BODY_SHARE
                and (category == "comments" or not _prose_follows(texts, kept, j))
            ):
                label = AFTER_TERMINATOR[category]
                for k in range(j + 1, len(texts)):
                    if kept[k]:
                        local[k] = label
                        kept[k] = False
                return

    def _tail_label(self, category: str | None) -> Label:
        if category is not None:
            return self._classifier_labels[category]
        return SHORT_TAIL

    def _dropped(self, category: str | None) -> Label:
        if category is not None:
            return self._classifier_labels[category]
        return CLASSIFIER


def _prose_follows(texts: list[str], kept: list[bool], j: int) -> bool:
    """Whether paragraphs of the article follow line ``j``: a newsletter box or a
    "Read also" teaser set into the article is not its end. (Comment threads are
    prose too, so a comments line needs no such test.)"""
    run = 0
    for k in range(j + 1, len(texts)):
        if not kept[k]:
            continue
        if len(texts[k].split()) >= PROSE_PARAGRAPH_WORDS:
            run += 1
            if run >= PROSE_RUN_AFTER_TERMINATOR:
                return True
        else:
            run = 0
    return False


CLASSIFIER = Label("other", "heuristic:classifier")
SHORT_HEAD = Label("navigation", "heuristic:short-head")
REPEAT = Label("related", "heuristic:repeat")
SHORT_TAIL = Label("other", "heuristic:short-tail")
AFTER_TERMINATOR = {
    "comments": Label("comments", "heuristic:after-terminator"),
    "related": Label("related", "heuristic:after-terminator"),
    "share": Label("other", "heuristic:after-terminator"),
    "newsletter": Label("other", "heuristic:after-terminator"),
}
