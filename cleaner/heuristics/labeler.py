"""HeuristicLabeler: the generic stage that runs after the outlet rules.

It scores a document's lines once (lexicon phrases, the two-stage line
classifier, the regime: raw dump or an extractor's article) and then runs the
decisions registered in ``cleaner.heuristics.decisions.DECISIONS``, in order:
appeal zones, button and phrase lines (and the classifier's cut on raw dumps),
repeats, terminating blocks, head and tail edges, the headline, and inside an
article's text the opening-phrase lines and the article-line model's cut.
Labels already set (outlet rules, html page chrome) are never changed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, chain, compress, repeat
from math import inf
from operator import and_, is_not, itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from cleaner import native
from cleaner.blocks import Block
from cleaner.document import Document
from cleaner.heuristics.article_lines import article_matrix, lead_in_categories
from cleaner.heuristics.article_model import ArticleModel, load_article_model
from cleaner.heuristics.decisions import DECISIONS, LinePage
from cleaner.heuristics.edges import shows_chrome
from cleaner.heuristics.features import (
    FEW_WORDS,
    Columns,
    LayoutInputs,
    ascii_spaced,
    byte_token_counts,
    few_share_of,
    stage1_columns,
    stage1_line_columns,
    stage2_columns,
    token_counts,
    word_counts,
)
from cleaner.heuristics.lexicon import (
    LINE_END,
    Lexicon,
    load_lexicon,
    lower_text,
    lower_text_python,
    shipped_lexicon,
)
from cleaner.heuristics.line_marks import kept_lines
from cleaner.heuristics.model import LineModel, Regime, load_model
from cleaner.heuristics.page_groups import Group, context_means, layout_group, stage2_extra, terminator_group
from cleaner.heuristics.scores import PageLines, PageScores, PhraseScan
from cleaner.result import Label

# Pages of fewer lines split their words line by line: the byte-level count's few numpy
# calls cost more than the splits they save there (a 4% slower clean of short documents).
BYTE_WORDS_MIN_LINES = 100
PHRASE_START_SLACK = 3  # a phrase this close to a line's start opens it ("- Read more", "» Related")
UTF8_MAX_BYTES = 4  # bytes of one character in UTF-8, at most
LEX_LINE_COVER = 0.5  # a phrase covering this share of a line makes it a lexicon line
PHRASE_LINE_MAX_WORDS = 6  # such a line this short is dropped in any regime
RAW_HEAD_LINES = 10  # a raw dump's first lines are the site's menu ...
RAW_HEAD_MIN_MENU = 9  # ... at least this many of them menu-like (1-3 words) when no chrome word names it
# Raw dumps whose context columns are made together (page_groups): numpy's cost per call
# is paid once for the group. The dev raw dumps cleaned as the dump runner batches them,
# CPU, best of 3 in one run: 2.27 s a page at a time, 2.12 s four, 2.08 s eight, 2.06 s
# twelve, 2.01 s sixteen, 2.05 s 32; again 1.99 s eight, 1.95 s sixteen, 2.01 s 24, 1.97 s
# 32, 2.03 s 64 (longer arrays fall out of the cache, and a page's grid rows are padded to
# the group's longest page).
RAW_GROUP_PAGES = 16
# Lines scored in one pass of ``label_many``: each line's working state is about 1 KB (see
# engine.MAX_BLOCKS); a pass of about a thousand lines keeps it in the processor's caches and
# still scores a few dozen pages in one call (engine.BATCH_MAX_LINES: measured there).
MAX_LINES_PER_PASS = 1_000


_TEXT = itemgetter(3)  # Block.text, without an attribute lookup per line
_PICK = tuple.__getitem__  # (a, b)[flag]: a choice per line made in C
_NO_PAGES: frozenset[int] = frozenset()
_new_tuple = tuple.__new__  # a named tuple made without its constructor's Python call


class _PageText(NamedTuple):
    """What ``_read_lines`` made on the way that the raw-dump features read again."""

    joined: (
        str | None
    )  # the lines joined by newlines, as written (None: not made, the compiled columns need none)
    tokens: list[int]  # the lower-cased lines' token_counts (before CJK and empty lines adjust them)
    spaced: bytes | None  # the lower-cased page in UTF-8 when it is ascii_spaced (many pages: all of them)


class HeuristicLabeler:
    """Adds labels to unlabelled blocks; never changes a label already set.

    Lexicons and weights load once here; ``label`` only reads them, so one
    labeler serves many threads.
    """

    def __init__(
        self,
        lexicon_dir: Path | None = None,
        model: LineModel | None = None,
        article_model: ArticleModel | None = None,
    ) -> None:
        self.lexicon: Lexicon = load_lexicon(lexicon_dir) if lexicon_dir is not None else shipped_lexicon()
        self.model: LineModel = model if model is not None else load_model()
        self.article_model = article_model if article_model is not None else load_article_model()
        self._classifier_labels = {
            cat: Label(cat, f"heuristic:lexicon:{cat}") for cat in set(self.lexicon.phrase_category.values())
        }
        self._button_labels = {
            cat: Label(cat, "heuristic:button-line") for cat in set(self.lexicon.line_category.values())
        }

    def read_lines(self, texts: list[str]) -> PageLines:
        """What every model reads of a page's lines, computed once: lower-cased and
        normalised forms, the phrase scan, the split words and the word counts."""
        return self._read_lines(texts)[0]

    def _read_lines(self, texts: list[str], one_page: bool = True) -> tuple[PageLines, _PageText]:
        """``read_lines``, and what the raw-dump features read again (``_PageText``).

        ``one_page`` false: ``texts`` are many pages' lines, whose raw dumps each get a
        ``_PageText`` of their own (``_page_text``): of this one only ``tokens`` is
        made, and ``spaced`` only when every page's white space is ascii_spaced. The lines'
        starts are no part of it: the raw-dump features count them from the lines'
        lengths (``features.length_starts``)."""
        if _lower_count_lines is not None and _utf8_of is not None:  # line by line in one call
            # the words counted (word_counts' too: the scripts without spaces) and the white
            # space checked in the same pass (lower_count_lines)
            lows, norms, has_break, tokens, ascii_only, words = _lower_count_lines(
                texts, _lower_native, lower_text_python, LINE_END
            )
            low_page = "\n".join(lows)
            # the phrase scan's text (the ASCII of a wide batch's str packed eight bytes at
            # once, page_utf8.c), scanned in one call where its line breaks are its lines'
            # (``scan_phrases``' compiled path, folded in: once a page)
            data = _utf8_of(low_page)
            if has_break:
                scan = self.scan_phrases(lows, low_page, data)
            else:
                found = self.lexicon.phrase_lines(data, len(lows), PHRASE_START_SLACK)
                scan = (
                    _new_tuple(PhraseScan, found) if found is not None else self._hit_scan(lows, data, True)
                )
            # many pages: their bytes kept when all are ascii_spaced, each page's then its own
            # bytes (``_page_text``), as alone, where the compiled columns re-spaced it anew
            spaced = data if (not one_page or len(lows) >= BYTE_WORDS_MIN_LINES) and ascii_only else None
            # (the compiled columns read the lines themselves: no joined text)
            page_lines = _new_tuple(PageLines, (lows, norms, scan, low_page, words))
            return page_lines, _new_tuple(_PageText, (None, tokens, spaced))
        return self._read_lines_python(texts, one_page)

    def _read_lines_python(self, texts: list[str], one_page: bool) -> tuple[PageLines, _PageText]:
        """``_read_lines`` on the pure path (the reference of the compiled one)."""
        joined = "\n".join(texts)
        low_page = lower_text(joined)
        lows = low_page.split("\n")  # one lower() for the page: a line break is no letter
        split = len(lows) == len(texts)  # the page's line breaks are its lines' (the scan's test)
        if not split:  # a line holding a line break of its own (html)
            lows = list(map(lower_text, texts))
            low_page = "\n".join(lows)
        norms = list(map(str.rstrip, lows, repeat(LINE_END)))  # lexicon.normalise_lower, in C
        data = low_page.encode()  # the phrase scan's text, a quick look for CJK characters, the words
        scan = self.scan_phrases(lows, low_page, data, split)
        spaced = data if one_page and len(lows) >= BYTE_WORDS_MIN_LINES and ascii_spaced(data) else None
        # many lines (a long page, or a batch of pages): their words counted in bytes
        tokens = byte_token_counts(data, len(lows)) if len(lows) >= BYTE_WORDS_MIN_LINES else None
        if tokens is None:  # (a short page, or an empty line)
            tokens = token_counts(lows)
        words = word_counts(lows, texts, low_page, tokens, data)
        return PageLines(lows, norms, scan, low_page, words), _PageText(joined, tokens, spaced)

    def features(self, texts: list[str]) -> tuple[dict[str, Any], bool]:
        """Stage-one feature columns, and whether the page looks like a raw dump (for fitting)."""
        lines = self.read_lines(texts)
        families, lex_any, lex_line = self.lexicon_features(lines.lows, lines.norms, lines.scan)
        cols = stage1_columns(texts, lines, lex_any, lex_line, families=families)
        return cols, self.looks_raw(lines.norms, lines.words)

    def page_scores(
        self, texts: list[str], extracted: bool = False, with_article_model: bool = True
    ) -> PageScores:
        """Score every line of a page; see PageScores.

        A phrase line is a short line mostly made of one lexicon phrase
        ("Related Coverage", "Lesen Sie auch:", "Photo: ..."). ``extracted``: the text is
        an extractor's article (html), which always takes the cautious regime.

        The regime is chosen from word counts and the page's chrome: only a
        raw dump of a whole page gets the noisy regime, where the classifier
        cuts; an extractor's output full of lists (recipes, code, rankings)
        looks as short-lined, but carries no menu. In the cautious regime the
        raw-dump features are never computed; the article-line model scores the
        lines instead (unless ``with_article_model`` is false).
        """
        return self.pages_scores([PageRequest(texts, extracted, with_article_model)])[0]

    def pages_scores(self, pages: Sequence[PageRequest]) -> list[PageScores]:
        """``page_scores`` of many pages at once, each page's scores the same as alone.

        What is read line by line (the lower-cased and normalised lines, the phrase
        scan, the words) is read over all the pages' lines together, and the
        article-line model scores the lines of all its pages in one pass: a page of an
        extractor's output has a few dozen lines, and numpy's and Python's cost per call
        outweighed the work on so few. A raw dump's line classifier reads RAW_GROUP_PAGES
        raw dumps at a time (``_raw_group_scores``), each page's columns its own context."""
        if len(pages) == 1:
            return [self._one_page_scores(*pages[0])]
        every_text = list(chain.from_iterable(p.texts for p in pages))
        starts = list(accumulate((len(p.texts) for p in pages), initial=0))
        every_line, every_page_text = self._read_lines(every_text, False)
        every_phrase_line = self.phrase_lines(every_line)
        scores: list[PageScores | None] = [None] * len(pages)
        cautious: list[tuple[int, bool]] = []  # (page, raw) of the pages in the cautious regime
        for_article: list[int] = []  # pages the article-line model scores
        for_leads: list[int] = []  # pages read as articles without the model's cut (model_cut)
        raw_group: list[_RawPage] = []  # raw dumps waiting to be scored together
        every_norm, every_word = every_line.norms, every_line.words
        with_model = self.article_model is not None
        for k, page in enumerate(pages):
            a, b = starts[k], starts[k + 1]
            # what the regime reads, sliced alone: most pages (an extractor's) take the
            # cautious regime, which reads no more of the page's lines until it is scored
            norms, words = every_norm[a:b], every_word[a:b]
            raw = not page.extracted and self.looks_raw(norms, words)
            if not raw:
                regime, word_array = self.model.clean, None
            else:  # the word counts as an array: the regime's few_share, then the raw-dump columns
                word_array = np.array(words, dtype=np.int64)
                regime = self.model.regime(b - a, few_share_of(word_array))
            cut = regime.threshold_logit
            if cut == -inf:
                cautious.append((k, raw))
                if with_model and page.with_article_model and b > a:
                    (for_article if page.model_cut else for_leads).append(k)
                continue
            lines, phrase_lines = _page_lines(every_line, a, b), every_phrase_line[a:b]
            lines = lines._replace(page="\n".join(lines.lows))  # the raw-dump features read it
            text = _page_text(page.texts, lines, every_page_text, a, b)
            raw_group.append(
                _RawPage(
                    k,
                    a,
                    page.texts,
                    lines,
                    text,
                    regime,
                    cut,
                    phrase_lines,
                    page.with_article_model,
                    word_array,
                )
            )
            if len(raw_group) == RAW_GROUP_PAGES:
                self._raw_group_scores(raw_group, scores, every_line)
                raw_group = []
        if raw_group:
            self._raw_group_scores(raw_group, scores, every_line)
        if cautious:
            self._cautious_scores(
                pages, cautious, for_article, for_leads, scores, every_line, every_phrase_line, starts
            )
        return scores  # type: ignore[return-value]

    def _one_page_scores(
        self, texts: list[str], extracted: bool, with_article_model: bool, model_cut: bool
    ) -> PageScores:
        """``pages_scores`` of one page (``label``'s, page by page): the same scores, without
        the lists of pages, the places of each page's lines among them and their slices.
        Takes a PageRequest's fields themselves (``label`` makes no request: a tuple less)."""
        lines, text = self._read_lines(texts)
        phrase_lines = self.phrase_lines(lines)
        norms, words = lines.norms, lines.words
        n = len(texts)
        raw = not extracted and self.looks_raw(norms, words)
        word_array = None
        regime = self.model.clean
        if raw:  # the word counts as an array: the regime's few_share, then the raw-dump columns
            word_array = np.array(words, dtype=np.int64)
            regime = self.model.regime(n, few_share_of(word_array))
        cut = regime.threshold_logit
        if cut != -inf:  # a raw dump the line classifier scores: a group of one
            scores: list[PageScores | None] = [None]
            raw_page = _RawPage(
                0, 0, texts, lines, text, regime, cut, phrase_lines, with_article_model, word_array
            )
            self._raw_group_scores([raw_page], scores, lines)
            return scores[0]  # type: ignore[return-value]
        model = self.article_model
        article, article_cut, leads, at_start = None, inf, None, None  # PageScores' defaults
        if model is not None and with_article_model:
            if not n:
                article, article_cut, leads, at_start = [], model.cut, [], []
            else:  # the lead-ins and phrase openings the article decisions read, and the model's scores
                leads = self.lexicon.lead_ins_of(norms, texts)  # (lead_in_categories)
                at_start = lines.scan.at_start
                if model_cut:
                    article = model.logits(texts, lines, leads, self.lexicon).tolist()
                    article_cut = model.cut
        return _new_tuple(  # type: ignore[no-any-return]
            PageScores,
            (
                [0.0] * n,
                -inf,
                norms,
                lines.scan.categories,
                words,
                phrase_lines,
                raw,
                article,
                article_cut,
                leads,
                at_start,
            ),
        )

    def _cautious_scores(
        self,
        pages: Sequence[PageRequest],
        cautious: list[tuple[int, bool]],
        for_article: list[int],
        for_leads: list[int],
        scores: list[PageScores | None],
        every_line: PageLines,
        every_phrase_line: list[bool],
        starts: list[int],
    ) -> None:
        """The scores of the pages in the cautious regime (``cautious``: each one's place and
        whether it looks raw), put into ``scores``: the article-line model's log-odds of the
        pages ``for_article`` and the lead-ins of those ``for_leads`` read first, so each
        page's PageScores is made once, whole."""
        # every page read as an article, a few of them an outlet's: the model scores all the
        # lines read already, in order (a line's scores are its page's alone), and the outlet
        # pages' are left unused, where gathering the others' lines anew cost ten times their
        # scores (an outlet's pages held 1% of the dev batches' lines)
        every = bool(for_article and for_leads) and len(for_article) + len(for_leads) == len(pages)
        which = list(range(len(pages))) if every else for_article
        at_start = every_line.scan.at_start
        logits: list[float] = []
        leads: list[str | None] = []
        if which:
            at_start, logits, leads = self._article_scores(pages, which, every_line, starts)
        placed: dict[int, int] = {}  # a scored page's first line among the lines scored
        at = 0
        for k in which:
            placed[k] = at
            at += starts[k + 1] - starts[k]
        unused = set(for_leads) if every else _NO_PAGES  # scored with the others, their scores unused
        alone = _NO_PAGES if every else for_leads  # their lead-ins read alone
        every_norm, every_word, every_category = (
            every_line.norms,
            every_line.words,
            every_line.scan.categories,
        )
        model = self.article_model
        for k, raw in cautious:
            a, b = starts[k], starts[k + 1]
            n = b - a
            own = (every_norm[a:b], every_category[a:b], every_word[a:b], every_phrase_line[a:b])
            article, article_cut, page_leads, opened = None, inf, None, None  # PageScores' defaults
            first = placed.get(k)
            if first is not None:  # the model's scores (or, ``unused``, only its lead-ins)
                assert model is not None
                end = first + n
                article, page_leads, opened = logits[first:end], leads[first:end], at_start[first:end]
                if k in unused:
                    article = None
                else:
                    article_cut = model.cut
            elif k in alone:  # what the article decisions read: the lead-ins and the phrase openings
                page_leads = self.lexicon.lead_ins_of(every_norm[a:b], pages[k].texts)
                opened = every_line.scan.at_start[a:b]
            elif model is not None and pages[k].with_article_model:  # no lines
                article, article_cut, page_leads, opened = [], model.cut, [], []
            # (made whole, once, without the named tuple's Python constructor)
            scores[k] = _new_tuple(
                PageScores, ([0.0] * n, -inf, *own, raw, article, article_cut, page_leads, opened)
            )

    def _raw_group_scores(
        self, group: list[_RawPage], scores: list[PageScores | None], every_line: PageLines
    ) -> None:
        """The line classifier's scores of raw dumps (pages in a scoring regime), put into
        ``scores``: each page's own line columns, then the layout columns and stage two's
        context columns for the group's pages at once (``page_groups``: the same columns
        as page by page, for fewer numpy calls; with the compiled twins each page's as
        alone, ``COMPILED_PAGE_COLUMNS``), each stage's product page by page (one
        BLAS call per page, as alone: its sums keep their order, so the logits are bit
        for bit the same).

        ``as_article`` (no outlet rules): the lines the classifier keeps are read as
        an article too, so a short line among them opened by a lead-in or a family
        phrase ("READ MORE: ...", "© 2024 ...") goes, as in an extractor's output;
        hence the lead-ins and the phrase openings (the article-line model itself
        measured no better there: ``bench/fit_article.py --cv 5 --text``).

        ``every_line``: the lines of all the pages ``pages_scores`` was given; the lexicon
        features (each line's own) are read once over the stretch of them from the
        group's first page to its last."""
        columns = []
        every_family = []
        every_input = []
        alone = len(group) == 1
        per_page = alone or COMPILED_PAGE_COLUMNS
        if alone:
            lows, norms, scan, _, _ = group[0].lines
            lexical = [self.lexicon_features(lows, norms, scan)]
        else:
            lexical = self._group_lexicon_features(group, every_line)
        for page, (families, lex_any, lex_line) in zip(group, lexical):
            text = page.text
            read = (
                page.texts,
                page.lines,
                lex_any,
                lex_line,
                text.tokens,
                text.spaced,
                text.joined,
            )
            if per_page:
                columns.append(stage1_columns(*read, families=families, word_array=page.word_array))
                continue
            cols, inputs = stage1_line_columns(*read, context=False, word_array=page.word_array)
            columns.append(cols)
            every_input.append(inputs)
            every_family.append(families)
        if not per_page:
            _grouped_layout(columns, every_input, every_family)
        firsts = [
            page.regime.stage1.probabilities(cols, len(page.texts)) for page, cols in zip(group, columns)
        ]
        if per_page:
            seconds = list(map(stage2_columns, columns, firsts))
        else:
            seconds = _grouped_stage2(columns, firsts)
        for page, cols in zip(group, seconds):
            texts, lines, cut = page.texts, page.lines, page.cut
            logit_array = page.regime.stage2.logits(cols, len(texts))
            logits = logit_array.tolist()
            found = PageScores(
                logits, cut, lines.norms, lines.scan.categories, lines.words, page.phrase_lines, True
            )
            if page.as_article:
                leads = self._kept_leads(texts, lines.norms, logit_array, cut)
                found = found._replace(leads=leads, at_start=lines.scan.at_start)
            scores[page.k] = found

    def _group_lexicon_features(
        self, group: list[_RawPage], every_line: PageLines
    ) -> list[tuple[list[str | None], np.ndarray, np.ndarray]]:
        """``lexicon_features`` of each page of ``group`` (whose lines lie in order in
        ``every_line``), read in one pass over the lines from its first page to its
        last: every value is the line's own, so each page's slice is what the page
        alone gives."""
        first = group[0].at
        end = group[-1].at + len(group[-1].texts)
        categories, covered, at_start = every_line.scan
        families, lex_any, lex_line = self.lexicon_features(
            every_line.lows[first:end],
            every_line.norms[first:end],
            PhraseScan(categories[first:end], covered[first:end], at_start[first:end]),
        )
        out = []
        for page in group:
            a, b = page.at - first, page.at - first + len(page.texts)
            out.append((families[a:b], lex_any[a:b], lex_line[a:b]))
        return out

    def _kept_leads(
        self, texts: list[str], norms: list[str], scores: np.ndarray, cut: float
    ) -> list[str | None]:
        """``lead_in_categories`` of a raw dump's lines, looked up on the lines the classifier
        keeps only (None on the rest): the decisions read a line's lead-in only while it is
        kept, and the button-and-phrase decision has dropped every line scored below the
        cut before any of them does (tests/heuristics/test_raw_kept_leads.py). On a raw
        dump that skips most lines; ``lead_in_categories`` reads each line alone. ``scores``:
        the logits' array, whose kept lines one numpy test finds (a Python compare per line
        cost half the call); ``not cut > score``, the button-line's test, NaN kept alike."""
        above = np.flatnonzero(~(cut > scores)).tolist()
        found = lead_in_categories(
            list(map(texts.__getitem__, above)), list(map(norms.__getitem__, above)), self.lexicon
        )
        leads: list[str | None] = [None] * len(texts)
        for j, lead in compress(zip(above, found), found):
            leads[j] = lead
        return leads

    def _article_scores(
        self, pages: Sequence[PageRequest], which: list[int], every_line: PageLines, starts: list[int]
    ) -> tuple[list[bool], list[float], list[str | None]]:
        """The article-line model's log-odds of the lines of the pages ``which`` (all
        their lines scored in one pass), with those lines' phrase openings and lead-ins."""
        model = self.article_model
        assert model is not None
        sizes: list[int] | None = None  # one page: its lines alone
        if len(which) == len(starts) - 1:  # every page: the lines read already, in order
            lines = every_line
        else:
            lines = _joined_lines([_page_lines(every_line, starts[k], starts[k + 1]) for k in which])
        if len(which) == 1:
            joined = pages[which[0]].texts
        else:
            joined = list(chain.from_iterable(pages[k].texts for k in which))
            sizes = [starts[k + 1] - starts[k] for k in which]
        leads = self.lexicon.lead_ins_of(lines.norms, joined)  # (lead_in_categories)
        logits = model.logits(joined, lines, leads, self.lexicon, sizes).tolist()
        return lines.scan.at_start, logits, leads

    def phrase_lines(self, lines: PageLines) -> list[bool]:
        """Per line: a phrase line (see ``page_scores``), from the phrase scan, as
        ``lexicon_features`` reads it: a phrase in the line, a phrase or list entry
        filling it, and at most PHRASE_LINE_MAX_WORDS words. Plain Python: only a line
        with a phrase is looked at, and most lines have none. Compiled (``phrase_line_flags``,
        phrase_flags.c): the same loop in one call, about 50 bytecodes a page less."""
        lows, norms, (categories, covered, _), _, words = lines
        if _phrase_line_flags is not None:
            listed = self.lexicon.line_category
            return _phrase_line_flags(
                categories, covered, lows, norms, listed, words, LEX_LINE_COVER, PHRASE_LINE_MAX_WORDS
            )
        return self.phrase_lines_python(lines)

    def phrase_lines_python(self, lines: PageLines) -> list[bool]:
        """``phrase_lines`` in Python: the pure path, and the compiled twin's reference."""
        lows, norms, (categories, covered, _), _, words = lines
        found = [False] * len(categories)
        listed = self.lexicon.line_category
        for j in compress(range(len(categories)), map(is_not, categories, repeat(None))):
            fills = covered[j] >= LEX_LINE_COVER * len(lows[j]) or norms[j] in listed
            found[j] = fills and words[j] <= PHRASE_LINE_MAX_WORDS
        return found

    def looks_raw(self, norms: list[str], words: list[int]) -> bool:
        """A raw page dump shows the site's chrome: a navigation or footer entry as
        a whole line, or (in a language the lexicons lack) a head of menu-like lines."""
        if shows_chrome(norms, self.lexicon):
            return True
        return sum(map(FEW_WORDS.__ge__, words[:RAW_HEAD_LINES])) >= RAW_HEAD_MIN_MENU

    def article_features(self, texts: list[str]) -> np.ndarray:
        """The article-line model's columns (``article_lines.py``) as page_scores computes
        them, for the fit script."""
        lines = self.read_lines(texts)
        leads = lead_in_categories(texts, lines.norms, self.lexicon)
        return article_matrix(texts, lines, leads, self.lexicon)

    def scan_phrases(
        self, lows: list[str], joined: str | None = None, data: bytes | None = None, split: bool = False
    ) -> PhraseScan:
        """One pass of the phrase matcher over a page's lower-cased lines (``joined``: the
        same lines joined by newlines, and ``data``: that in UTF-8, when the caller has them;
        ``split``: ``lows`` is ``joined.split("\n")``, so ``data`` holds a line break between
        each two lines and no other, and they are not counted again).

        Hits are put on their lines in the bytes: the line breaks counted from one hit
        to the next and whether the hit opens its line (within PHRASE_START_SLACK
        characters) read from the few bytes before it, where giving every hit in
        characters decoded the whole text once more."""
        n = len(lows)
        if data is None:
            data = ("\n".join(lows) if joined is None else joined).encode()
        # a line holding a line break of its own (html): the lines' starts counted instead
        breaks_match = (split and joined is not None) or data.count(b"\n") == n - 1
        if breaks_match:
            compiled = self.lexicon.phrase_lines(data, n, PHRASE_START_SLACK)  # the page in one call
            if compiled is not None:
                return PhraseScan(*compiled)
        return self._hit_scan(lows, data, breaks_match)

    def _hit_scan(self, lows: list[str], data: bytes, breaks_match: bool) -> PhraseScan:
        """``scan_phrases`` without the compiled scan: the lexicon's hits put on their lines
        (``breaks_match``: ``data``'s line breaks are the lines')."""
        n = len(lows)
        categories: list[str | None] = [None] * n
        covered = [0] * n
        at_start = [False] * n
        starts = None
        if not breaks_match:
            starts = list(accumulate((len(low.encode()) + 1 for low in lows), initial=0))
        line = counted = line_start = 0  # the line holding byte ``counted``, and its first byte
        for start, category, length in self.lexicon.phrase_byte_hits(data):
            if starts is not None:
                line = bisect_right(starts, start) - 1
                line_start = starts[line]
            else:
                breaks = data.count(b"\n", counted, start)
                if breaks:
                    line += breaks
                    line_start = data.rfind(b"\n", counted, start) + 1
            counted = start
            if categories[line] is None:
                categories[line] = category
            covered[line] += length
            before = start - line_start  # bytes; at most UTF8_MAX_BYTES a character
            if before <= PHRASE_START_SLACK or (
                before <= UTF8_MAX_BYTES * PHRASE_START_SLACK
                and len(data[line_start:start].decode()) <= PHRASE_START_SLACK
            ):
                at_start[line] = True
        return PhraseScan(categories, covered, at_start)

    def lexicon_features(
        self, lows: list[str], norms: list[str], scan: PhraseScan | None = None
    ) -> tuple[list[str | None], np.ndarray, np.ndarray]:
        """Per line (``lows``: lower-cased lines): its family (the first phrase category,
        else a whole-line entry's: "Comments" alone on its line is a comments line), any
        phrase hit, and whether a phrase or list entry fills it (the two as 1.0 / 0.0 arrays)."""
        categories, covered, _ = scan if scan is not None else self.scan_phrases(lows)
        if native.MODULE is not None and type(categories) is list and type(covered) is list:
            families, any_bytes, line_bytes = native.MODULE.lexicon_line_columns(
                categories, covered, lows, norms, self.lexicon.line_category, LEX_LINE_COVER
            )
            return families, np.frombuffer(any_bytes), np.frombuffer(line_bytes)
        return lexicon_features_python(lows, norms, categories, covered, self.lexicon.line_category)

    def label(self, doc: Document) -> list[Label | None]:
        """New labels for ``doc``: the decisions of ``DECISIONS``, in order, over the
        blocks in scope (the article's blocks on html, every block on text)."""
        # label_many's work for one page, without its lists of pages
        if doc.origin == "html" and doc.in_article is not None:
            scope = _Scope.of(doc)
            if not scope.indices:
                return scope.labels
        else:  # every block in scope (``_Scope.of``'s text path, folded in: once a page)
            labels, blocks = list(doc.labels), doc.blocks
            if not blocks:
                return labels
            scope = _new_tuple(_Scope, (range(len(blocks)), blocks, labels, labels, list(map(_TEXT, blocks))))
        # (``_request``'s fields, without its tuple: once a page)
        scores = self._one_page_scores(scope.texts, doc.origin == "html", True, doc.outlet is None)
        return self._decide(doc, scope, scores)

    def label_many(self, docs: Sequence[Document]) -> list[list[Label | None]]:
        """``label`` of each document, the lines of all of them scored at once
        (``pages_scores``); the decisions then run page by page."""
        scopes = [_Scope.of(doc) for doc in docs]
        busy = [k for k, scope in enumerate(scopes) if scope.indices]
        out = [list(scope.labels) for scope in scopes]
        for group in _passes(busy, [len(scopes[k].texts) for k in busy]):
            requests = [_request(docs[k], scopes[k]) for k in group]
            for k, scores in zip(group, self.pages_scores(requests)):
                out[k] = self._decide(docs[k], scopes[k], scores)
        return out

    def _decide(self, doc: Document, scope: _Scope, scores: PageScores) -> list[Label | None]:
        """The decisions of ``DECISIONS`` over one document's scored lines."""
        labels = scope.labels
        page = LinePage(
            texts=scope.texts,
            scored=scores,
            usable=kept_lines(scope.before, None),  # no label before: one C call (line_marks)
            origin=doc.origin,
            lexicon=self.lexicon,
            phrase_labels=self._classifier_labels,
            button_labels=self._button_labels,
            metadata=doc.metadata,
            url=doc.url,
        )
        for _name, decide in DECISIONS:
            decide(page)
        if scope.blocks is doc.blocks:  # every block in scope: a label set before stays, else the decisions'
            if page.every_usable:  # no label before (most pages): the decisions' labels are the page's
                return page.local
            return list(map(_PICK, zip(page.local, labels), map(is_not, labels, repeat(None))))
        decided = map(and_, page.usable, map(is_not, page.local, repeat(None)))
        for j in compress(range(len(scope.indices)), decided):
            labels[scope.indices[j]] = page.local[j]
        return labels


# With the compiled twins (raw_layout.c) a page's stage-one and stage-two columns take a
# few calls, for less than the grouped numpy (``page_groups``) spends on its share of a
# group: each page of a group then gets them as alone (the same columns either way).
COMPILED_PAGE_COLUMNS = native.MODULE is not None
# lower_text line by line with its normalised form (``_read_lines``): the compiled lower-caser
# for the lines past ASCII, its Python original where that answers None; and each line's
# words counted in the same pass (raw_read.c)
_lower_count_lines = None if native.MODULE is None else native.MODULE.lower_count_lines
_utf8_of = None if native.MODULE is None else native.MODULE.utf8_of
_lower_native = None if native.MODULE is None else native.MODULE.lower_text
# phrase_lines' loop over a page's phrase lines in one call (phrase_flags.c)
_phrase_line_flags = None if native.MODULE is None else native.MODULE.phrase_line_flags


def _grouped_layout(
    columns: list[Columns], inputs: list[LayoutInputs], families: list[list[str | None]]
) -> None:
    """Add the CONTEXT, LAYOUT and TERMINATOR columns to each page's ``columns``: made for
    all the pages at once (``page_groups``), each page's slice of them handed back."""
    group = Group([len(found.texts) for found in inputs])
    joined = LayoutInputs(
        list(chain.from_iterable(found.texts for found in inputs)),
        *(np.concatenate(part) for part in list(zip(*inputs))[1:]),
    )
    layout, firsts, lasts = layout_group(group, joined)
    every_family = list(chain.from_iterable(families))
    layout.update(
        terminator_group(group, joined.lengths, joined.words, joined.phrase_line, every_family, firsts, lasts)
    )
    every = np.concatenate([cols["len_log"] for cols in columns])
    layout.update(context_means(group, every, joined.long, joined.terminal))
    for cols, mine in zip(columns, group.pages(layout)):
        cols.update(mine)


def _grouped_stage2(columns: list[Columns], firsts: list[np.ndarray]) -> list[Columns]:
    """Each page's stage-two columns (``stage2_columns``), their context columns made for
    all the pages at once and handed back as each page's slice (views, no copies)."""
    group = Group([len(s1) for s1 in firsts])
    extra = stage2_extra(group, np.concatenate(firsts), np.concatenate([c["len_log"] for c in columns]))
    return [{**cols, **mine} for cols, mine in zip(columns, group.pages(extra))]


def _request(doc: Document, scope: _Scope) -> PageRequest:
    """What ``pages_scores`` reads of a document: the article decisions (lead-ins, contact
    lines, ...) run on an outlet's pages too; the article-line model's cut does not
    (PageRequest.model_cut)."""
    return PageRequest(scope.texts, doc.origin == "html", model_cut=doc.outlet is None)


def _passes(pages: list[int], sizes: list[int]) -> list[list[int]]:
    """``pages`` (of ``sizes`` lines) in runs scored together: at most MAX_LINES_PER_PASS
    lines a run, a larger page alone."""
    runs: list[list[int]] = []
    lines = 0
    for page, size in zip(pages, sizes):
        if not runs or lines + size > MAX_LINES_PER_PASS:
            runs.append([])
            lines = 0
        runs[-1].append(page)
        lines += size
    return runs


class _RawPage(NamedTuple):
    """A raw dump waiting in ``pages_scores`` to be scored with others (``_raw_group_scores``)."""

    k: int  # its place among the pages
    at: int  # its first line's place among all the pages' lines
    texts: list[str]
    lines: PageLines
    text: _PageText
    regime: Regime
    cut: float
    phrase_lines: list[bool]
    as_article: bool
    word_array: np.ndarray | None  # lines.words as int64 (made for the regime's few_share)


class PageRequest(NamedTuple):
    """One page for ``pages_scores``: its lines, whether it is an extractor's article
    (html), and whether the article-line model may score it."""

    texts: list[str]
    extracted: bool = False
    with_article_model: bool = True
    # False on an outlet's pages: its rule file is the authority, so the article-line
    # model's cut does not apply and its scores are not computed; the article decisions
    # (lead-ins, contact lines, ...) still read the lines' lead-ins
    model_cut: bool = True


class _Scope(NamedTuple):
    """The blocks of a document the heuristics look at, and the labels it came with."""

    indices: Sequence[int]  # the blocks in scope, by index
    blocks: list[Block]
    before: list[Label | None]  # their labels so far
    labels: list[Label | None]  # every block's label so far (a copy, the decisions' to fill)
    texts: list[str]

    @classmethod
    def of(cls, doc: Document) -> _Scope:
        labels = list(doc.labels)
        blocks = doc.blocks
        if doc.origin == "html" and doc.in_article is not None:
            indices: Sequence[int] = list(compress(range(len(blocks)), doc.in_article))
            blocks = list(map(blocks.__getitem__, indices))
            before = list(map(labels.__getitem__, indices))
        else:  # every block (a range: the decisions read it only where a scope is not every block)
            indices, before = range(len(blocks)), labels
        return _new_tuple(cls, (indices, blocks, before, labels, list(map(_TEXT, blocks))))


def _page_lines(lines: PageLines, a: int, b: int) -> PageLines:
    """Lines ``a`` to ``b`` of many pages' ``lines``: one page's, as if read alone, but for
    ``page`` (its lines joined), left empty: only a raw dump's features read it, and the
    caller joins them for those pages."""
    categories, covered, at_start = lines.scan
    scan = PhraseScan(categories[a:b], covered[a:b], at_start[a:b])
    return PageLines(lines.lows[a:b], lines.norms[a:b], scan, "", lines.words[a:b])


def _joined_lines(pages: list[PageLines]) -> PageLines:
    """Pages' lines one after the other, as ``_read_lines`` reads them together."""
    lows = list(chain.from_iterable(p.lows for p in pages))
    scan = PhraseScan(
        list(chain.from_iterable(p.scan.categories for p in pages)),
        list(chain.from_iterable(p.scan.covered for p in pages)),
        list(chain.from_iterable(p.scan.at_start for p in pages)),
    )
    norms = list(chain.from_iterable(p.norms for p in pages))
    return PageLines(lows, norms, scan, "\n".join(lows), list(chain.from_iterable(p.words for p in pages)))


def _page_text(texts: list[str], lines: PageLines, every: _PageText, a: int, b: int) -> _PageText:
    """One page's ``_PageText``, as ``_read_lines`` makes it for the page alone, from
    what it made for many pages (``every``; the page's lines ``a`` to ``b``)."""
    spaced = None
    if len(lines.lows) < BYTE_WORDS_MIN_LINES:
        pass
    elif every.spaced is not None:  # every page's white space checked already (lower_count_lines)
        spaced = lines.page.encode()
    elif not COMPILED_PAGE_COLUMNS:  # compiled, the stop words read any page's bytes (``respaced_utf8``)
        data = lines.page.encode()
        spaced = data if ascii_spaced(data) else None
    joined = None if COMPILED_PAGE_COLUMNS else "\n".join(texts)  # the compiled columns read the lines
    return _PageText(joined, every.tokens[a:b], spaced)


def lexicon_features_python(
    lows: list[str],
    norms: list[str],
    categories: list[str | None],
    covered: list[int],
    line_category: dict[str, str],
) -> tuple[list[str | None], np.ndarray, np.ndarray]:
    """``HeuristicLabeler.lexicon_features`` in Python (the reference and the fallback of
    the compiled ``lexicon_line_columns``): C-level maps and numpy over the lines."""
    n = len(lows)
    lex_any = np.fromiter(map(is_not, categories, repeat(None)), bool, n).astype(np.float64)
    lengths = np.fromiter(map(len, lows), np.int64, n)
    listed = np.fromiter(map(line_category.__contains__, norms), bool, n)
    lex_line = ((np.array(covered) >= LEX_LINE_COVER * lengths) | listed).astype(np.float64)
    families = categories
    if listed.any():
        families = list(categories)
        for j in np.flatnonzero(listed).tolist():
            if families[j] is None:
                families[j] = line_category[norms[j]]
    return families, lex_any, lex_line
